/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * buf.h - growable byte buffer (the public l2e_buf) with a ceiling.
 *
 * Every append returns 0 or a negative l2e_code (L2E_ENOMEM, or
 * L2E_ELIMIT past the ceiling); the buffer is unchanged on failure.
 */
#ifndef L2E_CORE_BUF_H
#define L2E_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "lob2europass/common.h"

/** No buffer grows beyond this (1 GiB). */
#define L2E_BUF_CEILING ((size_t)1 << 30)

int l2e__buf_grow(l2e_buf *buf, size_t extra);
static inline int l2e__buf_put(l2e_buf *buf, const char *data, size_t len);
/** Where l2e__buf_put goes when the buffer must grow. */
int l2e__buf_put_slow(l2e_buf *buf, const char *data, size_t len);
int l2e__buf_puts(l2e_buf *buf, const char *s);
int l2e__buf_putc(l2e_buf *buf, char c);
int l2e__buf_printf(l2e_buf *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int l2e__buf_vprintf(l2e_buf *buf, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void l2e__buf_clear(l2e_buf *buf);

/*
 * For writers that put a whole token through one reservation: room for
 * `n` more bytes after the end, and where to write them; then
 * l2e__buf_commit() where the writing stopped. NULL once *error is set,
 * and every later call too (a sticky error, checked once at the end).
 */
char *l2e__buf_reserve_slow(l2e_buf *buf, size_t n, int *error);

/* Inline: the writers reserve for every tag and value, and the room is
 * almost always there (the calls were 3% of a conversion). */
static inline char *l2e__buf_reserve(l2e_buf *buf, size_t n, int *error)
{
	if (!*error && buf->cap - buf->len > n)
		return buf->ptr + buf->len;
	return l2e__buf_reserve_slow(buf, n, error);
}

static inline void l2e__buf_commit(l2e_buf *buf, const char *end)
{
	buf->len = (size_t)(end - buf->ptr);
}
/* Inline: a mapping puts every value it reads into a buffer that
 * mostly has the room (the grow check was half of a short put). The
 * test is l2e__buf_grow's, ceiling included. */
static inline int l2e__buf_put(l2e_buf *buf, const char *data, size_t len)
{
	if (buf->cap - buf->len <= len || buf->len + len >= L2E_BUF_CEILING)
		return l2e__buf_put_slow(buf, data, len);
	if (len)
		memcpy(buf->ptr + buf->len, data, len);
	buf->len += len;
	buf->ptr[buf->len] = '\0';
	return 0;
}

/** Hand the bytes over to the caller (free with l2e__free); buf resets. */
char *l2e__buf_detach(l2e_buf *buf);

#endif
