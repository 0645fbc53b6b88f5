/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * buf.c - growable byte buffer (see buf.h).
 */
#include "buf.h"

#include <stdio.h>
#include <string.h>

#include "util/alloc.h"

void l2e_buf_dispose(l2e_buf *buf)
{
	if (!buf)
		return;
	l2e__free(buf->ptr);
	buf->ptr = NULL;
	buf->len = 0;
	buf->cap = 0;
}

int l2e__buf_grow(l2e_buf *buf, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > L2E_BUF_CEILING || buf->len > L2E_BUF_CEILING - extra - 1)
		return L2E_ELIMIT;
	need = buf->len + extra + 1;
	if (need <= buf->cap)
		return 0;
	cap = buf->cap ? buf->cap : 64;
	while (cap < need)
		cap = cap < L2E_BUF_CEILING / 2 ? cap * 2 : L2E_BUF_CEILING + 1;
	p = l2e__realloc(buf->ptr, cap);
	if (!p)
		return L2E_ENOMEM;
	buf->ptr = p;
	buf->cap = cap;
	return 0;
}

char *l2e__buf_reserve_slow(l2e_buf *buf, size_t n, int *error)
{
	int e;

	if (*error)
		return NULL;
	if (buf->cap - buf->len <= n && (e = l2e__buf_grow(buf, n)) < 0) {
		*error = e;
		return NULL;
	}
	return buf->ptr + buf->len;
}

int l2e__buf_put_slow(l2e_buf *buf, const char *data, size_t len)
{
	int error = l2e__buf_grow(buf, len);

	if (error)
		return error;
	if (len)
		memcpy(buf->ptr + buf->len, data, len);
	buf->len += len;
	buf->ptr[buf->len] = '\0';
	return 0;
}

int l2e__buf_puts(l2e_buf *buf, const char *s)
{
	return l2e__buf_put(buf, s, strlen(s));
}

int l2e__buf_putc(l2e_buf *buf, char c)
{
	return l2e__buf_put(buf, &c, 1);
}

int l2e__buf_vprintf(l2e_buf *buf, const char *fmt, va_list ap)
{
	va_list again;
	int n, error;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0) {
		va_end(again);
		return L2E_ERROR;
	}
	error = l2e__buf_grow(buf, (size_t)n);
	if (!error) {
		vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, again);
		buf->len += (size_t)n;
	}
	va_end(again);
	return error;
}

int l2e__buf_printf(l2e_buf *buf, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = l2e__buf_vprintf(buf, fmt, ap);
	va_end(ap);
	return error;
}

void l2e__buf_clear(l2e_buf *buf)
{
	buf->len = 0;
	if (buf->ptr)
		buf->ptr[0] = '\0';
}

char *l2e__buf_detach(l2e_buf *buf)
{
	char *p = buf->ptr;

	buf->ptr = NULL;
	buf->len = 0;
	buf->cap = 0;
	return p;
}
