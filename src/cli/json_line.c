/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * json_line.c - one line of JSON text in memory (see json_line.h).
 */
#include "json_line.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json_escape.h"

/* Strings are escaped this many bytes at a time: room for the worst
 * case of a block (six bytes a byte) is made once, not per byte. */
#define ESCAPE_BLOCK 4096

/* Room for `extra` more bytes and a NUL; 0, or -1 (now failed). */
static int room(json_line *l, size_t extra)
{
	size_t cap = l->cap;
	char *grown;

	if (l->is_failed)
		return -1;
	if (l->len + extra < l->cap)
		return 0;
	while (cap <= l->len + extra)
		cap = cap * 2 + 64;
	if (!(grown = realloc(l->ptr, cap))) {
		l->is_failed = 1;
		return -1;
	}
	l->ptr = grown;
	l->cap = cap;
	return 0;
}

static void put(json_line *l, const char *data, size_t len)
{
	if (room(l, len) < 0)
		return;
	memcpy(l->ptr + l->len, data, len);
	l->len += len;
	l->ptr[l->len] = '\0';
}

void json_line_reserve(json_line *l, size_t extra)
{
	room(l, extra);
}

void json_line_reserve_string(json_line *l, size_t len, size_t extra)
{
	/* json_line_string makes room for the worst case of a block (six
	 * bytes a byte); a room of the string's own size grew three times
	 * for every document of --out -, each a realloc and a copy */
	room(l,
	     len +
	         L2E_JSON_ESCAPE_ROOM(len < ESCAPE_BLOCK ? len : ESCAPE_BLOCK) +
	         extra);
}

void json_line_raw(json_line *l, const char *text)
{
	put(l, text, strlen(text));
}

void json_line_string(json_line *l, const char *s, size_t len)
{
	size_t i = 0, n;
	char *end;

	put(l, "\"", 1);
	while (i < len) {
		n = len - i > ESCAPE_BLOCK ? ESCAPE_BLOCK : len - i;
		if (room(l, L2E_JSON_ESCAPE_ROOM(n)) < 0)
			return;
		end = l2e__json_escape(l->ptr + l->len, s + i, n);
		l->len = (size_t)(end - l->ptr);
		i += n;
	}
	put(l, "\"", 1);
}

void json_line_str(json_line *l, const char *s)
{
	if (s)
		json_line_string(l, s, strlen(s));
	else
		put(l, "null", 4);
}

/* ,"name": */
static void member(json_line *l, const char *name)
{
	put(l, ",", 1);
	json_line_str(l, name);
	put(l, ":", 1);
}

void json_line_opt_str(json_line *l, const char *name, const char *s)
{
	if (!s)
		return;
	member(l, name);
	json_line_str(l, s);
}

void json_line_opt_uint(json_line *l, const char *name, unsigned n)
{
	char num[16];

	if (!n)
		return;
	member(l, name);
	snprintf(num, sizeof(num), "%u", n);
	json_line_raw(l, num);
}

void json_line_dispose(json_line *l)
{
	free(l->ptr);
	memset(l, 0, sizeof(*l));
}
