/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * atomic_file.c - the one "temporary file, fsync, rename" writer (see
 * atomic_file.h).
 */
#include "util/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static l2e__atomic_hook tmp_hook; /* set once, before any file */

void l2e__atomic_set_hook(l2e__atomic_hook hook)
{
	tmp_hook = hook;
}

int l2e__atomic_is_device(const char *path)
{
	struct stat st;

	/* followed: /dev/stdout is a link to the descriptor's device */
	return stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	       !S_ISDIR(st.st_mode);
}

int l2e__atomic_begin(l2e__atomic_file *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	int dir_len = slash ? (int)(slash - path) : 0;
	int n;

	a->fd = -1;
	a->stream = NULL;
	a->tmp[0] = '\0';
	a->is_direct = 0;
	if (!*base || strlen(path) >= sizeof(a->path)) {
		errno = *base ? ENAMETOOLONG : EISDIR;
		return -1;
	}
	memcpy(a->path, path, strlen(path) + 1);
	if (l2e__atomic_is_device(path)) {
		a->is_direct = 1;
		return a->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	}
	n = snprintf(a->tmp, sizeof(a->tmp), "%.*s%s.%s.XXXXXX", dir_len, path,
	             slash ? "/" : "", base);
	if (n < 0 || (size_t)n >= sizeof(a->tmp)) {
		a->tmp[0] = '\0';
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((a->fd = mkstemp(a->tmp)) < 0)
		a->tmp[0] = '\0';
	else if (tmp_hook)
		tmp_hook(a->tmp, 1);
	return a->fd;
}

FILE *l2e__atomic_stream(l2e__atomic_file *a)
{
	if (!a->stream && a->fd >= 0)
		a->stream = fdopen(a->fd, "w");
	return a->stream;
}

/* Close what is open; 0, or -1 with errno set when a close failed. */
static int close_open(l2e__atomic_file *a)
{
	int rc = 0;

	if (a->stream)
		rc = fclose(a->stream);
	else if (a->fd >= 0)
		rc = close(a->fd);
	a->stream = NULL;
	a->fd = -1;
	return rc != 0 ? -1 : 0;
}

int l2e__atomic_commit(l2e__atomic_file *a, mode_t mode)
{
	int saved;

	if (a->fd < 0) {
		errno = EBADF;
		goto fail;
	}
	if (a->stream && (ferror(a->stream) || fflush(a->stream) != 0)) {
		if (!errno)
			errno = EIO;
		goto fail;
	}
	/* a device keeps its own mode and may not fsync */
	if (!a->is_direct && (fsync(a->fd) != 0 || fchmod(a->fd, mode) != 0))
		goto fail;
	if (close_open(a) != 0)
		goto fail;
	if (a->is_direct)
		return 0;
	if (rename(a->tmp, a->path) != 0)
		goto fail;
	if (tmp_hook)
		tmp_hook(a->tmp, 0);
	a->tmp[0] = '\0';
	return 0;
fail:
	saved = errno;
	l2e__atomic_abort(a);
	errno = saved;
	return -1;
}

void l2e__atomic_abort(l2e__atomic_file *a)
{
	int saved = errno;

	close_open(a);
	if (a->tmp[0]) {
		unlink(a->tmp);
		if (tmp_hook)
			tmp_hook(a->tmp, 0);
	}
	a->tmp[0] = '\0';
	errno = saved;
}

int l2e__atomic_write(const char *path, const void *data, size_t len,
                      mode_t mode)
{
	l2e__atomic_file a;
	const char *p = data;
	ssize_t n;

	if (l2e__atomic_begin(&a, path) < 0)
		return -1;
	while (len > 0) {
		n = write(a.fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			l2e__atomic_abort(&a);
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return l2e__atomic_commit(&a, mode);
}
