#include "run/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct outfile {
	FILE *f;
	int fd;			/* -1: f is stderr */
	FILE *pipe;		/* -o |CMD: popen's, whose descriptor is fd */
	int err;
	char *name;
};

static ssize_t out_write(void *cookie, const char *buf, size_t n)
{
	struct outfile *o = cookie;
	size_t done = 0;

	while (done < n && !o->err) {
		ssize_t w = write(o->fd, buf + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			o->err = w < 0 ? errno : EIO;
		else
			done += (size_t)w;
	}
	/* all taken: after an error stdio would only retry and fail again */
	return (ssize_t)n;
}

static int out_close(void *cookie)
{
	struct outfile *o = cookie;

	/* NFS and the like report a lost write at close; a command's
	 * status is its own business, as strace leaves it */
	if (o->pipe)
		pclose(o->pipe);	/* waits for the command to read it all */
	else if (close(o->fd) && !o->err)
		o->err = errno;
	o->pipe = NULL;
	o->fd = -1;
	return 0;
}

bool outfile_is_pipe(const char *path)
{
	return path && (path[0] == '|' || path[0] == '!');
}

enum open_how {
	OPEN_PIPES = 1,		/* |CMD and !CMD are commands */
	OPEN_NOWAIT = 2,	/* a FIFO without a reader: ENXIO, not a wait */
};

/* The descriptor the trace is written to: the file, or a pipe into the
 * shell running -o |CMD, as strace runs it. */
static int open_fd(struct outfile *o, const char *path, bool append, int how)
{
	int fd, fl;

	if ((how & OPEN_PIPES) && outfile_is_pipe(path)) {
		o->pipe = popen(path + 1, "we");
		return o->pipe ? fileno(o->pipe) : -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC) |
		  (how & OPEN_NOWAIT ? O_NONBLOCK : 0), 0666);
	/* writes wait as usual: a full pipe is no lost trace */
	if (fd >= 0 && (how & OPEN_NOWAIT) && ((fl = fcntl(fd, F_GETFL)) < 0 ||
					      fcntl(fd, F_SETFL, fl & ~O_NONBLOCK))) {
		close(fd);
		return -1;
	}
	return fd;
}

static struct outfile *open_any(const char *path, bool append, int how)
{
	static const cookie_io_functions_t io = { .write = out_write, .close = out_close };
	struct outfile *o = calloc(1, sizeof(*o));
	int e;

	if (!o)
		return NULL;
	o->fd = -1;
	if (!path) {
		o->f = stderr;
		o->name = strdup("standard error");
		if (o->name)
			return o;
		free(o);
		return NULL;
	}
	o->name = strdup(path);
	if (!o->name)
		goto fail;
	o->fd = open_fd(o, path, append, how);
	if (o->fd < 0)
		goto fail;
	o->f = fopencookie(o, "w", io);
	if (!o->f)
		goto fail;
	setvbuf(o->f, NULL, _IOFBF, 1 << 16);
	return o;
fail:
	e = errno;
	if (o->pipe)
		pclose(o->pipe);
	else if (o->fd >= 0)
		close(o->fd);
	free(o->name);
	free(o);
	errno = e;
	return NULL;
}

struct outfile *outfile_open(const char *path, bool append)
{
	return open_any(path, append, OPEN_PIPES);
}

struct outfile *outfile_open_file(const char *path, bool append)
{
	return open_any(path, append, 0);
}

struct outfile *outfile_open_nowait(const char *path, bool append)
{
	return open_any(path, append, OPEN_NOWAIT);
}

FILE *outfile_stream(const struct outfile *o)
{
	return o->f;
}

const char *outfile_name(const struct outfile *o)
{
	return o->name;
}

int outfile_error(const struct outfile *o)
{
	if (o->err)
		return o->err;
	/* standard error: that it failed, not why */
	return o->fd < 0 && o->f == stderr && ferror(stderr) ? EIO : 0;
}

int outfile_close(struct outfile *o)
{
	int err;

	if (!o)
		return 0;
	if (o->f == stderr)
		fflush(stderr);
	else
		fclose(o->f);	/* flushes through out_write, then out_close */
	err = outfile_error(o);
	free(o->name);
	free(o);
	return err;
}
