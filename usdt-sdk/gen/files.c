// SPDX-License-Identifier: MIT
#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int file_read(const char *path, char **text, size_t *len)
{
	struct buf b = { 0 };
	char chunk[8192];
	size_t n;
	int err = 0;
	FILE *f = fopen(path, "r");

	if (!f)
		return -errno;
	/* stop at the first NUL or past the cap: -s /dev/zero or an endless
	 * pipe is no provider file, and must not fill the memory first */
	while (!err && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (memchr(chunk, '\0', n))
			err = -EILSEQ;
		else if (b.len + n > FILE_READ_MAX)
			err = -EFBIG;
		else if (buf_addn(&b, chunk, n))
			err = -ENOMEM;
	}
	if (!err && ferror(f))
		err = errno ? -errno : -EIO;
	fclose(f);
	if (!err && !b.s)
		err = buf_add(&b, "");
	if (err) {
		free(b.s);
		return err;
	}
	*text = b.s;
	*len = b.len;
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static mode_t current_umask(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}

/* Write next to the destination, then rename: all or nothing. */
static int replace(const char *path, const char *data, size_t len)
{
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	int fd, end, err;

	if (!tmp)
		return -ENOMEM;
	/* mkstemp's template: ".tmp" and the six 'X' it replaces */
	end = snprintf(tmp, n, "%s.tmp", path);
	memset(tmp + end, 'X', 6);
	tmp[end + 6] = '\0';
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	err = write_all(fd, data, len);
	if (close(fd) && !err)
		err = -errno;
	if (!err && chmod(tmp, 0666 & ~current_umask()))
		err = -errno;
	if (!err && rename(tmp, path))
		err = -errno;
	if (err)
		unlink(tmp);
out:
	free(tmp);
	return err;
}

/* A device or FIFO: open it as it is (O_CREAT for a dangling symlink). */
static int write_through(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_NOCTTY | O_CLOEXEC, 0666);
	int err;

	if (fd < 0)
		return -errno;
	err = write_all(fd, data, len);
	if (close(fd) && !err)
		err = -errno;
	return err;
}

int file_write(const char *path, const char *data, size_t len, char *msg,
	       size_t msglen)
{
	struct stat st, lst;
	char *real = NULL;
	int err;

	if (stat(path, &st)) {
		err = -errno;
		/* A new file, or the target of a dangling symlink. */
		if (err == -ENOENT && !lstat(path, &lst) && S_ISLNK(lst.st_mode))
			err = write_through(path, data, len);
		else if (err == -ENOENT)
			err = replace(path, data, len);
	} else if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
		err = write_through(path, data, len);
	} else if (S_ISDIR(st.st_mode)) {
		snprintf(msg, msglen, "cannot write '%s': it is a directory",
			 path);
		return -EISDIR;
	} else if (!S_ISREG(st.st_mode)) {
		snprintf(msg, msglen, "cannot write '%s': not a regular file, "
			 "a character device or a FIFO", path);
		return -EINVAL;
	} else {
		/* Through a symlink: replace the file, keep the link. */
		if (!lstat(path, &lst) && S_ISLNK(lst.st_mode))
			real = realpath(path, NULL);
		err = replace(real ? real : path, data, len);
		free(real);
	}
	if (err)
		snprintf(msg, msglen, "cannot write '%s': %s", path,
			 strerror(-err));
	return err;
}

char *file_default_output(const char *in)
{
	size_t n = strlen(in);
	char *out = malloc(n + 3);

	if (!out)
		return NULL;
	memcpy(out, in, n + 1);
	if (n > 2 && !strcmp(in + n - 2, ".d"))
		out[n - 1] = 'h';
	else
		strcat(out, ".h");
	return out;
}
