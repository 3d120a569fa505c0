/* The strace-compatible text sink. A call's line is held until its exit
 * arrives so it prints whole; when another task's event comes first, the
 * held call is printed as "<unfinished ...>" and its exit later as
 * "<... NAME resumed>", exactly the lines strace prints. */
#include "sink/sink.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode/capture.h"
#include "decode/decode.h"
#include "decode/errtab.h"
#include "decode/quote.h"
#include "decode/siginfo.h"
#include "sink/dump.h"
#include "decode/signames.h"
#include "pipeline/unwind.h"
#include "syscalls/table.h"
#include "util/tidset.h"
#include "util/xbuf.h"

struct text_sink {
	struct sink base;
	struct sink_env env;
	bool held;		/* hold: a call whose exit has not come yet */
	struct call hold;
	uint64_t prev_ts;	/* -r */
	bool ending;		/* leader() writes a "+++" line */
	struct dcall d;
	char line[8192];
	struct xbuf b;		/* the line being built, in line */
	struct tidset unfinished;	/* threads whose call printed as unfinished */
	char defer[8192];
	struct xbuf deferred;	/* lines that wait for the held call's */
	/* "1234  ": the pid column of the latest task's lines under -o, as
	 * put_pid wrote it (len 0: none yet). Most lines follow one of the
	 * same task; formatting the number and its padding each time was a
	 * tenth of a line's instructions. */
	uint32_t col_tid;
	uint8_t col_len;
	char col[16];
};

/* The pieces every line has (pid, name, parentheses, small numbers, the
 * padding, the result), appended inline: as out-of-line xb_ calls, each
 * a memcpy of one to a few bytes, they were a sixth of lotrace's user
 * time on a getppid loop. Past the room they leave it to xb_, which cuts. */
static inline void put_mem(struct xbuf *b, const char *s, size_t n)
{
	if (b->cap - b->len <= n) {
		xb_mem(b, s, n);
		return;
	}
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

static inline void put_str(struct xbuf *b, const char *s)
{
	put_mem(b, s, strlen(s));
}

/* The digits go straight into place, last first: written into a scratch
 * array and then copied, each copy stalled on the stores it read (store
 * forwarding), a tenth of leader()'s time. */
static inline void put_u64(struct xbuf *b, uint64_t v)
{
	size_t n = xb_dec_len(v);

	if (b->cap - b->len <= n) {
		xb_u64(b, v);
		return;
	}
	b->len += n;
	b->buf[b->len] = '\0';
	xb_dec_at(b->buf + b->len, v);
}

static inline void put_i64(struct xbuf *b, int64_t v)
{
	if (v < 0) {
		put_mem(b, "-", 1);
		put_u64(b, -(uint64_t)v);
	} else {
		put_u64(b, (uint64_t)v);
	}
}

/* Spaces up to column col, as xb_pad. */
static inline void put_pad(struct xbuf *b, size_t col)
{
	if (col <= b->len)
		return;
	if (col >= b->cap) {
		xb_pad(b, col);
		return;
	}
	memset(b->buf + b->len, ' ', col - b->len);
	b->len = col;
	b->buf[b->len] = '\0';
}

/* n bytes into f, without its lock (lotrace has one thread): fwrite and
 * fputc, each taking the lock, were 10% of lotrace's user time. Where
 * they fit in f's buffer, they are copied there as putc_unlocked stores
 * one byte, through the bounds glibc's FILE keeps in public fields: the
 * way through fwrite_unlocked took 100 of a dd call's 1960 instructions.
 * An unbuffered or line-buffered stream has no room there (its write
 * end is at or before its write pointer, as putc_unlocked tests), so its
 * bytes always take fwrite's way, which writes them out. */
static inline void put_out(FILE *f, const char *s, size_t n)
{
#ifdef __GLIBC__
	if (f->_IO_write_ptr < f->_IO_write_end &&
	    (size_t)(f->_IO_write_end - f->_IO_write_ptr) > n) {
		memcpy(f->_IO_write_ptr, s, n);
		f->_IO_write_ptr += n;
		return;
	}
#endif
	fwrite_unlocked(s, 1, n, f);
}

/* One line, its newline where xb_ keeps the terminating NUL. */
static void flush_line(struct text_sink *t)
{
	t->b.buf[t->b.len] = '\n';
	put_out(t->env.out, t->b.buf, t->b.len + 1);
	xb_init(&t->b, t->line, sizeof(t->line));
	/* the lines that waited for this one */
	if (t->deferred.len) {
		fwrite(t->deferred.buf, 1, t->deferred.len, t->env.out);
		xb_init(&t->deferred, t->defer, sizeof(t->defer));
	}
}

/* -Y: "<comm>" after a pid, quoted as strace quotes it. */
static void put_comm(struct text_sink *t, const struct task *k)
{
	size_t len;

	if (!(t->env.opts->decode_pids & DECODE_PID_COMM))
		return;
	len = strnlen(k->comm, sizeof(k->comm));
	if (!len)
		return;
	xb_char(&t->b, '<');
	t->b.len += quote(t->b.buf + t->b.len, t->b.cap - t->b.len, (const uint8_t *)k->comm,
			  len, false, QUOTE_FD_PATH, t->env.opts->hex);
	xb_char(&t->b, '>');
}

static void put_pid(struct text_sink *t, const struct task *k)
{
	const struct opts *o = t->env.opts;
	bool comm = o->decode_pids & DECODE_PID_COMM && k->comm[0];
	/* strace: with -o every line starts with the pid under -f or once
	 * more than one task is traced; without -o, "[pid N] " once more
	 * than one is; -ff: a file each, no pid */
	bool many = tasks_alive(t->env.tasks) > 1 || o->npids > 1;

	if (o->separately)
		return;
	if (o->outfile && (o->follow || many)) {
		size_t start = t->b.len;

		if (!comm && t->col_len && t->col_tid == k->tid) {
			put_mem(&t->b, t->col, t->col_len);
			return;
		}
		put_u64(&t->b, k->tid);
		if (!comm)
			put_pad(&t->b, start + 5);	/* strace's "%-5u " */
		put_comm(t, k);
		put_mem(&t->b, " ", 1);
		if (!comm && t->b.len - start <= sizeof(t->col)) {
			t->col_tid = k->tid;
			t->col_len = (uint8_t)(t->b.len - start);
			memcpy(t->col, t->b.buf + start, t->col_len);
		}
	} else if (many) {
		xb_printf(&t->b, "[pid %5u", k->tid);
		put_comm(t, k);
		xb_str(&t->b, "] ");
	}
}

static void put_time(struct text_sink *t, uint64_t ts)
{
	const struct opts *o = t->env.opts;
	int64_t wall = (int64_t)ts + t->env.wall_offset;
	time_t sec;
	long nsec;
	struct tm tm;

	if (o->ts == TS_NONE && !o->relative)
		return;
	sec = (time_t)(wall / 1000000000);
	nsec = (long)(wall % 1000000000);
	if (o->ts == TS_EPOCH) {
		xb_printf(&t->b, "%lld.%06ld ", (long long)sec, nsec / 1000);
	} else if (o->ts != TS_NONE) {
		localtime_r(&sec, &tm);
		xb_printf(&t->b, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
		if (o->ts == TS_WALL_US)
			xb_printf(&t->b, ".%06ld", nsec / 1000);
		xb_printf(&t->b, " ");
	}
	if (o->relative) {
		uint64_t d = t->prev_ts && ts > t->prev_ts ? ts - t->prev_ts : 0;

		/* after a wall-clock stamp strace writes it as "(+ 0.000123) " */
		xb_printf(&t->b, "%s%6" PRIu64 ".%06" PRIu64 "%s", o->ts != TS_NONE ? "(+" : "",
			  d / 1000000000, d % 1000000000 / 1000, o->ts != TS_NONE ? ") " : " ");
		t->prev_ts = ts;
	}
}

/* The start of every line: pid, time stamps, then -n's syscall number and
 * -i's instruction pointer, those of the task's latest syscall (strace's
 * "????????????????" where there is none, as for the end of a task). */
static void leader(struct text_sink *t, const struct task *k, uint64_t ts)
{
	const struct opts *o = t->env.opts;

	xb_init(&t->b, t->line, sizeof(t->line));
	put_pid(t, k);
	put_time(t, ts);
	if (o->syscall_numbers)
		xb_printf(&t->b, "[%4d] ", k->pending.nr);
	if (o->ip && k->pending.ip && !t->ending)
		xb_printf(&t->b, "[%016" PRIx64 "] ", k->pending.ip);
	else if (o->ip)
		xb_str(&t->b, "[????????????????] ");
}

/* -k: the frames' lines after the line of their call or hit, as strace
 * prints them, without a pid. */
static void put_stack(struct text_sink *t, const char *lines, size_t len)
{
	if (lines)
		fwrite(lines, 1, len, t->env.out);
}

static void put_arg(struct text_sink *t, const struct darg *a)
{
	switch (a->kind) {
	case DARG_INT:
		put_i64(&t->b, (int64_t)a->value);
		break;
	case DARG_UINT:
		put_u64(&t->b, a->value);
		break;
	case DARG_HEX:
		xb_hex(&t->b, a->value);
		break;
	case DARG_PTR:
		if (a->value)
			xb_hex(&t->b, a->value);
		else
			xb_str(&t->b, "NULL");
		break;
	case DARG_SYM:
		xb_str(&t->b, a->text);
		break;
	case DARG_STR:
		t->b.len += capture_quote(t->b.buf + t->b.len, t->b.cap - t->b.len,
					(const uint8_t *)a->text, a->len, a->more, t->env.opts->hex);
		break;
	}
}

/* Arguments from..to-1 of the decoded call, ", " between them; how many
 * were printed (strace leaves out the hidden ones: openat's mode). */
static int put_args(struct text_sink *t, int from, int to)
{
	int shown = 0;

	for (int i = from; i < to && i < t->d.nargs; i++) {
		const struct darg *a = &t->d.arg[i];

		if (a->hidden)
			continue;
		if (shown++)
			put_mem(&t->b, ", ", 2);
		if (a->label) {
			put_str(&t->b, a->label);
			put_mem(&t->b, "=", 1);
		}
		put_arg(t, a);
	}
	return shown;
}

/* The first argument strace prints only when the call returns: the first
 * the kernel writes. */
static int first_out(const struct text_sink *t, const struct call *c)
{
	int n = table_first_out(table_get(c->nr));

	return n < t->d.nargs ? n : t->d.nargs;
}

/* "read(3, " as far as upto (-1: all): the leader, the name and the
 * arguments of c, decoded into t->d. */
static void put_head(struct text_sink *t, const struct call *c, int upto)
{
	leader(t, c->task, c->ts_enter);
	put_str(&t->b, t->d.name);
	put_mem(&t->b, "(", 1);
	if (upto < 0)
		upto = t->d.nargs;
	if (put_args(t, 0, upto) && upto < t->d.nargs)
		put_mem(&t->b, ", ", 2);
}

static void put_result(struct text_sink *t, const struct call *c)
{
	const struct dcall *d = &t->d;

	put_pad(&t->b, t->env.opts->columns);
	switch (d->ret_kind) {
	case DRET_NONE:
		put_mem(&t->b, "= ?", 3);
		break;
	case DRET_INT:
	case DRET_HEX:
		put_mem(&t->b, "= ", 2);
		if (d->ret_text)	/* "0x1 (flags FD_CLOEXEC)", "022" */
			put_str(&t->b, d->ret_text);
		else if (d->ret_kind == DRET_HEX)
			xb_hex(&t->b, (uint64_t)d->ret);
		else
			put_i64(&t->b, d->ret);
		break;
	case DRET_ERR: {
		const char *name = errtab_name(d->err);
		/* the kernel's restart codes never reach user space as -1:
		 * strace shows the call's result as unknown; its other own
		 * codes that leak out (bpf's ENOTSUPP) are failures */
		const char *ret = errtab_restart(d->err) ? "?" : "-1";

		if (name)
			xb_printf(&t->b, "= %s %s (%s)", ret, name, errtab_message(d->err));
		else
			xb_printf(&t->b, "= %s (errno %d)", ret, d->err);
		break;
	}
	}
	if (t->env.opts->syscall_times && c->entered && c->returned && !c->late) {
		uint64_t dur = c->ts_exit - c->ts_enter;

		xb_printf(&t->b, " <%" PRIu64 ".%06" PRIu64 ">", dur / 1000000000, dur % 1000000000 / 1000);
	}
	flush_line(t);
	dump_io(t->env.opts, c, t->env.out);	/* -e read=, -e write= */
}

/* strace's "read(3,  <unfinished ...>": the arguments the call was given,
 * up to the first one the kernel writes. */
static void print_unfinished(struct text_sink *t)
{
	sink_decode(&t->env, &t->hold, &t->d);
	put_head(t, &t->hold, first_out(t, &t->hold));
	xb_str(&t->b, " <unfinished ...>");
	flush_line(t);
	/* out of memory, it is not remembered: the exit prints whole */
	tidset_add(&t->unfinished, t->hold.task->tid);
	t->held = false;
}

static void text_call(struct sink *s, enum pair_what what, const struct call *c)
{
	struct text_sink *t = (struct text_sink *)s;
	bool filtered = sink_filtered(&t->env), resumed, cut;

	/* with a status filter only whole calls print, at their exit */
	if (what == PAIR_ENTER && filtered)
		return;
	if (t->held && t->hold.task != c->task)
		print_unfinished(t);

	if (what == PAIR_ENTER) {
		/* a call begins: whatever it printed as unfinished is over */
		tidset_del(&t->unfinished, c->task->tid);
		t->hold = *c;
		t->held = true;
		return;
	}
	/* a whole call: as its entry held and its exit, on one line */
	if (what == PAIR_CALL)
		tidset_del(&t->unfinished, c->task->tid);
	if (!sink_wanted(&t->env, c)) {
		t->held = false;
		return;
	}
	resumed = tidset_del(&t->unfinished, c->entry_tid);
	sink_decode(&t->env, c, &t->d);
	/* a call the task ended in never wrote its outputs: strace shows
	 * "<unfinished ...>" where they would be, before its "= ?" */
	cut = !c->returned && first_out(t, c) < t->d.nargs;
	if (t->held || (c->entered && !resumed) || filtered) {
		/* the whole call on one line */
		put_head(t, c, cut ? first_out(t, c) : -1);
	} else {
		/* "<... read resumed>"hi", 8) = 2": what the kernel wrote and
		 * what follows it */
		leader(t, c->task, c->returned ? c->ts_exit : c->ts_enter);
		xb_printf(&t->b, "<... %s resumed>", t->d.name);
		if (c->entered && !cut)
			put_args(t, first_out(t, c), t->d.nargs);
	}
	if (cut)
		xb_str(&t->b, " <unfinished ...>");
	put_mem(&t->b, ") ", 2);
	t->held = false;
	put_result(t, c);
	/* -k's frames; without -k, a write's buffer is no reason to look */
	if (t->env.opts->stack && c->cap_enter) {
		size_t len;
		const char *lines = unwind_lines(c->cap_enter, 0, &len);

		put_stack(t, lines, len);
	}
}

static void text_task_end(struct sink *s, const struct task *k, const struct task_end *e)
{
	struct text_sink *t = (struct text_sink *)s;
	char buf[16];

	if (t->held)
		print_unfinished(t);
	/* its tid may come back as another task's: nothing to resume */
	tidset_del(&t->unfinished, k->tid);
	/* -qq: strace drops "exited", never "killed by"; -qqq "superseded" */
	if (e->superseded ? t->env.opts->quiet & QUIET_THREAD_EXECVE :
			    !e->signal && t->env.opts->quiet & QUIET_EXIT)
		return;
	t->ending = true;	/* -i: no instruction pointer for an end */
	leader(t, k, e->ts);
	t->ending = false;
	if (e->superseded)
		xb_printf(&t->b, "+++ superseded by execve in pid %u +++", e->superseded);
	else if (e->signal)
		xb_printf(&t->b, "+++ killed by %s%s +++", signame(e->signal, buf, sizeof(buf)),
		    e->core ? " (core dumped)" : "");
	else
		xb_printf(&t->b, "+++ exited with %d +++", e->code);
	flush_line(t);
}

/* An argument as its type says: a string copied at the hit, a pointer in
 * hex, a float, an integer with its sign. */
static void put_usdt_arg(struct text_sink *t, const struct usdt_hit *h, int i)
{
	const struct usdt_arg *a = &h->probe->args[i];
	bool str = (h->as_string >> i) & 1, ptr = str || a->type == USDT_TYPE_POINTER;
	size_t max = t->env.opts->strsize;
	char num[64];

	if (h->failed & (1u << i)) {
		xb_mem(&t->b, "?", 1);	/* not readable at the probe: never a guess */
	} else if (ptr && !h->val[i]) {
		xb_str(&t->b, "NULL");
	} else if (str && h->str[i]) {
		t->b.len += capture_quote(t->b.buf + t->b.len, t->b.cap - t->b.len,
					(const uint8_t *)h->str[i],
					h->str_len[i] > max ? max : h->str_len[i],
					h->str_len[i] > max || (h->str_cut >> i) & 1, t->env.opts->hex);
	} else if (ptr) {
		xb_hex(&t->b, h->val[i]);	/* --no-bpf, or the copy failed */
	} else if (a->type == USDT_TYPE_FLOAT) {
		usdt_float_text(a, h->val[i], num, sizeof(num));
		xb_str(&t->b, num);
	} else if (a->is_signed) {
		xb_i64(&t->b, (int64_t)h->val[i]);
	} else {
		xb_u64(&t->b, h->val[i]);
	}
}

static void text_usdt(struct sink *s, const struct task *k, const struct usdt_hit *h)
{
	struct text_sink *t = (struct text_sink *)s;
	char num[256];

	if (t->held)
		print_unfinished(t);
	if (t->env.opts->status != STATUS_ALL)
		return;
	leader(t, k, h->ts);
	xb_str(&t->b, "usdt:");
	xb_str(&t->b, usdt_shown(h->probe->provider, num, sizeof(num)));
	xb_mem(&t->b, ":", 1);
	xb_str(&t->b, usdt_shown(h->probe->name, num, sizeof(num)));
	xb_mem(&t->b, "(", 1);
	for (int i = 0; i < h->nargs; i++) {
		if (i)
			xb_mem(&t->b, ", ", 2);
		put_usdt_arg(t, h, i);
	}
	xb_mem(&t->b, ")", 1);
	flush_line(t);
	put_stack(t, h->stack, h->stack_len);
}

static void text_signal(struct sink *s, const struct task *k, int sig, const void *info,
			size_t len, uint64_t ts)
{
	struct text_sink *t = (struct text_sink *)s;
	char name[16], text[512];
	/* Another task's signal, sent during the held call (by its sender,
	 * often): strace sees it when that task takes it, after the call,
	 * so it waits for the call's line rather than split it. */
	bool after = t->held && t->hold.task != k && t->deferred.len + 1024 < sizeof(t->defer);

	if (t->held && !after)
		print_unfinished(t);
	siginfo_format(text, sizeof(text), sig, info, len);
	leader(t, k, ts);
	xb_str(&t->b, "--- ");
	xb_str(&t->b, signame(sig, name, sizeof(name)));
	xb_mem(&t->b, " ", 1);
	xb_str(&t->b, text);
	xb_str(&t->b, " ---");
	if (!after) {
		flush_line(t);
		return;
	}
	xb_mem(&t->deferred, t->b.buf, t->b.len);
	xb_char(&t->deferred, '\n');
	xb_init(&t->b, t->line, sizeof(t->line));
}

/* Where records were lost, the trace says so among its lines; on stderr
 * lotrace says it as it happens, so a trace there has it once. */
static void text_lost(struct sink *s, int cpu, uint64_t count, uint64_t ts)
{
	struct text_sink *t = (struct text_sink *)s;

	(void)ts;
	if (t->held)
		print_unfinished(t);
	if (t->env.out == stderr)
		return;
	xb_printf(&t->b, "lotrace: %" PRIu64 " events lost on cpu %d", count, cpu);
	flush_line(t);
}

static void text_finish(struct sink *s)
{
	struct text_sink *t = (struct text_sink *)s;

	if (t->held)
		print_unfinished(t);
	fflush(t->env.out);
}

static void text_free(struct sink *s)
{
	tidset_free(&((struct text_sink *)s)->unfinished);
	free(s);
}

static const struct sink_ops text_ops = {
	.call = text_call,
	.task_end = text_task_end,
	.lost = text_lost,
	.usdt = text_usdt,
	.signal = text_signal,
	.finish = text_finish,
	.free = text_free,
};

struct sink *sink_text_new(const struct sink_env *env)
{
	struct text_sink *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->base.ops = &text_ops;
	t->env = *env;
	xb_init(&t->b, t->line, sizeof(t->line));
	xb_init(&t->deferred, t->defer, sizeof(t->defer));
	return &t->base;
}
