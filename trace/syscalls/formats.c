#include "syscalls/formats.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <traceevent/event-parse.h>
#include <tracefs/tracefs.h>

#include "syscalls/systab.h"
#include "syscalls/table.h"
#include "util/strbuf.h"

struct formats {
	struct tep_handle *tep;
	const char *dir;
	struct sc_desc *sc;	/* indexed by nr, filled lazily */
	bool *sc_loaded;
	char **sc_names;	/* synthesized names of unknown syscalls */
	int nsc;
};

int formats_open(struct formats **out, char *errbuf, size_t errlen)
{
	struct formats *f;
	const char *dir;

	/* libtracefs mounts tracefs when it finds it nowhere, and keeps the
	 * path for the life of the process */
	dir = tracefs_tracing_dir();
	if (!dir) {
		snprintf(errbuf, errlen,
			 "tracefs is not mounted and could not be mounted; run 'mount -t tracefs nodev /sys/kernel/tracing' as root");
		return -ENODEV;
	}
	if (access(dir, R_OK | X_OK)) {
		snprintf(errbuf, errlen,
			 "cannot read tracefs at %s: %s; run lotrace as root or make tracefs readable (chmod/mount -o mode=755)",
			 dir, strerror(errno));
		return -EACCES;
	}
	f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->tep = tep_alloc();
	f->nsc = systab_size();
	f->sc = calloc(f->nsc, sizeof(*f->sc));
	f->sc_loaded = calloc(f->nsc, sizeof(*f->sc_loaded));
	f->sc_names = calloc(f->nsc, sizeof(*f->sc_names));
	if (!f->tep || !f->sc || !f->sc_loaded || !f->sc_names) {
		formats_close(f);
		return -ENOMEM;
	}
	f->dir = dir;
	*out = f;
	return 0;
}

void formats_close(struct formats *f)
{
	if (!f)
		return;
	if (f->tep)
		tep_free(f->tep);
	for (int i = 0; f->sc_names && i < f->nsc; i++)
		free(f->sc_names[i]);
	free(f->sc_names);
	free(f->sc);
	free(f->sc_loaded);
	free(f);
}

const char *formats_tracefs(const struct formats *f)
{
	return f->dir;
}

/* The format's "print fmt:" line emptied: lotrace reads the fields alone
 * (it prints no event through libtraceevent), and parsing a syscall's
 * print format was about half of the 48 us its format took to parse, for
 * each syscall a trace shows. */
static int drop_print_fmt(struct strbuf *sb)
{
	static const char key[] = "\nprint fmt:", empty[] = "print fmt: \"\"\n";
	const char *at = memmem(sb->buf, sb->len, key, sizeof(key) - 1);

	if (!at)
		return 0;
	sb->len = (size_t)(at - sb->buf) + 1;
	return sb_add(sb, empty, sizeof(empty) - 1);
}

static struct tep_event *load_event(struct formats *f, const char *system, const char *event)
{
	struct tep_event *ev = NULL;
	struct strbuf sb = STRBUF_INIT;
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/events/%s/%s/format", f->dir, system, event);
	fp = fopen(path, "re");
	if (!fp)
		return NULL;
	if (sb_read(&sb, fp) || drop_print_fmt(&sb) ||
	    tep_parse_event(f->tep, sb.buf, sb.len, system))
		goto out;
	ev = tep_find_event_by_name(f->tep, system, event);
out:
	sb_release(&sb);
	fclose(fp);
	return ev;
}

/* signal:signal_deliver and signal_generate: sig, errno and code, and
 * for a send its target and outcome. */
static int signal_layout(struct tep_event *ev, struct tp_layout *lay)
{
	struct tep_format_field *sig = tep_find_field(ev, "sig"), *err = tep_find_field(ev, "errno");
	struct tep_format_field *code = tep_find_field(ev, "code"), *pid = tep_find_field(ev, "pid");
	struct tep_format_field *result = tep_find_field(ev, "result");

	if (!sig || !err || !code)
		return -EINVAL;
	lay->kind = EV_SIGNAL;
	lay->nr_off = sig->offset;
	lay->nr_size = sig->size;
	lay->errno_off = err->offset;
	lay->code_off = code->offset;
	lay->pid_off = pid && result ? pid->offset : -1;
	lay->result_off = pid && result ? result->offset : -1;
	return 0;
}

int formats_load_tp(struct formats *f, const char *system, const char *event,
		    struct tp_layout *lay)
{
	struct tep_event *ev = tep_find_event_by_name(f->tep, system, event);
	struct tep_format_field *nr, *args, *ret;

	if (!ev)
		ev = load_event(f, system, event);
	if (!ev)
		return errno == EACCES ? -EACCES : -ENOENT;

	memset(lay, 0, sizeof(*lay));
	lay->id = ev->id;
	if (!strcmp(system, "signal"))
		return signal_layout(ev, lay);
	nr = tep_find_field(ev, "id");
	if (!nr)
		nr = tep_find_field(ev, "__syscall_nr");
	if (!nr)
		return -EINVAL;
	lay->nr_off = nr->offset;
	lay->nr_size = nr->size;

	ret = tep_find_field(ev, "ret");
	if (ret) {
		lay->kind = EV_SYS_EXIT;
		lay->ret_off = ret->offset;
		return 0;
	}
	lay->kind = EV_SYS_ENTER;
	args = tep_find_field(ev, "args");
	if (args) {
		/* raw_syscalls: unsigned long args[6] */
		lay->args_off = args->offset;
		lay->nargs = args->size / 8;
		return 0;
	}
	/* syscalls:sys_enter_NAME: one 8-byte field per argument after the nr */
	lay->args_off = 0;
	for (struct tep_format_field *fl = ev->format.fields; fl; fl = fl->next) {
		if (fl == nr)
			continue;
		if (!lay->args_off)
			lay->args_off = fl->offset;
		lay->nargs++;
	}
	return 0;
}

const char *formats_syscall_event(struct formats *f, int nr)
{
	const char *name = table_get(nr)->event ? table_get(nr)->event : systab_name(nr);
	char path[512];

	if (!name)
		return NULL;
	snprintf(path, sizeof(path), "%s/events/syscalls/sys_enter_%s", f->dir, name);
	return access(path, F_OK) ? NULL : name;
}

static void describe_raw(struct formats *f, int nr, struct sc_desc *d)
{
	static const char *const raw_names[SC_MAX_ARGS] = {
		"arg0", "arg1", "arg2", "arg3", "arg4", "arg5",
	};
	const struct sc_info *row;

	d->name = systab_name(nr);
	if (!d->name) {
		/* strace's spelling for numbers the headers do not name */
		char buf[32];

		snprintf(buf, sizeof(buf), "syscall_%#x", nr);
		f->sc_names[nr] = strdup(buf);
		d->name = f->sc_names[nr] ? f->sc_names[nr] : "syscall";
	}
	/* no tracepoint: the table knows its arguments, else six raw ones */
	row = table_get(nr);
	d->nargs = row->name ? table_nargs(row) : SC_MAX_ARGS;
	for (int i = 0; i < d->nargs; i++) {
		d->argname[i] = row->name ? row->arg[i].name : raw_names[i];
		d->argtype[i] = "unsigned long";
	}
}

/* Types the syscall formats use for signed arguments; anything else is
 * unsigned (unsigned int, size_t, umode_t, uid_t, ...) or a pointer. */
static bool type_is_signed(const char *type)
{
	static const char *const signed_types[] = {
		"int", "long", "pid_t", "off_t", "loff_t", "clockid_t", "timer_t",
		"key_serial_t", "mqd_t", "rwf_t", "key_t", "s32", "__s32",
	};

	if (!strncmp(type, "const ", 6))
		type += 6;
	for (size_t i = 0; i < sizeof(signed_types) / sizeof(signed_types[0]); i++)
		if (!strcmp(type, signed_types[i]))
			return true;
	return false;
}

/* 4-byte C types among the syscall formats' argument types. */
static bool type_is_int32(const char *type)
{
	static const char *const int32_types[] = {
		"int", "unsigned int", "unsigned", "pid_t", "clockid_t", "timer_t",
		"key_serial_t", "mqd_t", "rwf_t", "key_t", "s32", "__s32", "u32",
		"__u32", "uid_t", "gid_t", "qid_t", "umode_t", "old_uid_t",
		"old_gid_t", "mode_t",
	};

	if (!strncmp(type, "const ", 6))
		type += 6;
	for (size_t i = 0; i < sizeof(int32_types) / sizeof(int32_types[0]); i++)
		if (!strcmp(type, int32_types[i]))
			return true;
	return false;
}

/* Out of line, once per syscall: inlined, its frame was set up on each
 * of formats_syscall's calls, one per line (30 instructions). */
__attribute__((noinline, cold)) static void describe(struct formats *f, int nr,
						     struct sc_desc *d)
{
	const char *evname = formats_syscall_event(f, nr);
	struct tep_event *ev = NULL;
	char event[128];
	int i = 0;

	describe_raw(f, nr, d);
	if (!evname)
		return;
	snprintf(event, sizeof(event), "sys_enter_%s", evname);
	ev = tep_find_event_by_name(f->tep, "syscalls", event);
	if (!ev)
		ev = load_event(f, "syscalls", event);
	if (!ev)
		return;
	for (struct tep_format_field *fl = ev->format.fields; fl && i < SC_MAX_ARGS; fl = fl->next) {
		if (!strcmp(fl->name, "__syscall_nr"))
			continue;
		d->argname[i] = fl->name;
		d->argtype[i] = fl->type;
		d->is_pointer[i] = strchr(fl->type, '*') != NULL;
		d->is_signed[i] = !d->is_pointer[i] && type_is_signed(fl->type);
		d->is_int32[i] = !d->is_pointer[i] && type_is_int32(fl->type);
		i++;
	}
	d->nargs = i;
}

const struct sc_desc *formats_syscall(struct formats *f, int nr)
{
	static const struct sc_desc out_of_range = {
		.name = "syscall",
		.nargs = SC_MAX_ARGS,
		.argname = { "arg0", "arg1", "arg2", "arg3", "arg4", "arg5" },
		.argtype = { "unsigned long", "unsigned long", "unsigned long",
			     "unsigned long", "unsigned long", "unsigned long" },
	};

	if (nr < 0 || nr >= f->nsc)
		return &out_of_range;
	if (!f->sc_loaded[nr]) {
		describe(f, nr, &f->sc[nr]);
		f->sc_loaded[nr] = true;
	}
	return &f->sc[nr];
}
