/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * spool.c - an unnamed temporary file (see spool.h).
 */
/* O_TMPFILE */
#define _GNU_SOURCE
#include "spool.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* one write per this many bytes appended */
#define SPOOL_BUF (64u * 1024)

static int open_tmp(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
	/* a file system without O_TMPFILE: a name, removed at once */
	if (snprintf(path, sizeof(path), "%s/.lob2europass-XXXXXX", dir) >=
	    (int)sizeof(path))
		return -1;
	fd = mkostemp(path, O_CLOEXEC);
	if (fd >= 0)
		unlink(path);
	return fd;
}

static int write_all(int fd, const char *data, size_t len, off_t at)
{
	while (len > 0) {
		ssize_t n = pwrite(fd, data, len, at);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		at += n;
		len -= (size_t)n;
	}
	return 0;
}

static int ensure_open(spool *s)
{
	if (!s->is_open) {
		if ((s->fd = open_tmp()) < 0)
			return -1;
		s->is_open = 1;
	}
	return 0;
}

int spool_flush(spool *s)
{
	if (!s->len)
		return 0;
	if (ensure_open(s) < 0 ||
	    write_all(s->fd, s->buf, s->len, s->size - (off_t)s->len) < 0)
		return -1;
	s->len = 0;
	return 0;
}

int spool_append(spool *s, const void *data, size_t len, off_t *at)
{
	if (at)
		*at = s->size;
	if (s->len + len > SPOOL_BUF && spool_flush(s) < 0)
		return -1;
	if (len > SPOOL_BUF) { /* straight through: the buffer is empty */
		if (ensure_open(s) < 0 ||
		    write_all(s->fd, data, len, s->size) < 0)
			return -1;
		s->size += (off_t)len;
		return 0;
	}
	if (!s->buf && !(s->buf = malloc(SPOOL_BUF)))
		return -1;
	memcpy(s->buf + s->len, data, len);
	s->len += len;
	s->size += (off_t)len;
	return 0;
}

ssize_t spool_read(spool *s, off_t at, void *dst, size_t len)
{
	off_t in_file = s->size - (off_t)s->len;
	size_t done = 0;

	if (at >= s->size || !len)
		return 0;
	if ((off_t)len > s->size - at)
		len = (size_t)(s->size - at);
	while (at < in_file && done < len) {
		size_t want = len - done;
		ssize_t n;

		if ((off_t)want > in_file - at)
			want = (size_t)(in_file - at);
		n = pread(s->fd, (char *)dst + done, want, at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -1 : (ssize_t)done;
		done += (size_t)n;
		at += n;
	}
	if (done < len) /* the rest is still in the buffer */
		memcpy((char *)dst + done, s->buf + (at - in_file), len - done);
	return (ssize_t)len;
}

void spool_truncate(spool *s, off_t size)
{
	off_t in_file = s->size - (off_t)s->len;

	if (size >= s->size)
		return;
	/* bytes already in the file past `size` are overwritten later or
	 * never read */
	s->len = size > in_file ? (size_t)(size - in_file) : 0;
	s->size = size;
}

void spool_dispose(spool *s)
{
	if (s->is_open)
		close(s->fd);
	free(s->buf);
	memset(s, 0, sizeof(*s));
}
