/* How the structs of file calls print: stat, pipe's and socketpair's
 * descriptor pairs. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "decode/internal.h"
#include "decode/render.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static void fmt_stat_mode(char *buf, size_t len, unsigned mode)
{
	static const struct {
		unsigned bits;
		const char *name;
	} types[] = {
		{ S_IFREG, "S_IFREG" }, { S_IFDIR, "S_IFDIR" }, { S_IFCHR, "S_IFCHR" },
		{ S_IFBLK, "S_IFBLK" }, { S_IFIFO, "S_IFIFO" }, { S_IFLNK, "S_IFLNK" },
		{ S_IFSOCK, "S_IFSOCK" },
	}, special[] = {
		{ S_ISUID, "S_ISUID" }, { S_ISGID, "S_ISGID" }, { S_ISVTX, "S_ISVTX" },
	};
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < LEN(types); i++)
		if ((mode & S_IFMT) == types[i].bits)
			n += snprintf(buf + n, len - n, "%s|", types[i].name);
	for (size_t i = 0; i < LEN(special) && n < len; i++)
		if (mode & special[i].bits)
			n += snprintf(buf + n, len - n, "%s|", special[i].name);
	if (n < len)
		snprintf(buf + n, len - n, "%#03o", mode & 0777);
}

bool render_stat(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	struct stat st;
	char mode[96], text[256];

	(void)x;
	if (len < sizeof(st))
		return false;
	memcpy(&st, p, sizeof(st));
	fmt_stat_mode(mode, sizeof(mode), st.st_mode);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		snprintf(text, sizeof(text), "{st_mode=%s, st_rdev=makedev(%#x, %#x), ...}", mode,
			 major(st.st_rdev), minor(st.st_rdev));
	else
		snprintf(text, sizeof(text), "{st_mode=%s, st_size=%lld, ...}", mode,
			 (long long)st.st_size);
	xb_str(b, text);
	return true;
}

bool render_int_pair(const struct rctx *x, const uint8_t *p, size_t len, struct xbuf *b)
{
	int fds[2];

	(void)x;
	if (len < sizeof(fds))
		return false;
	memcpy(fds, p, sizeof(fds));
	xb_char(b, '[');
	xb_i64(b, fds[0]);
	xb_str(b, ", ");
	xb_i64(b, fds[1]);
	xb_char(b, ']');
	return true;
}
