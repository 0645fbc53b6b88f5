/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * edc_out.c - the EDC writer's streaming JSON printer (see edc_out.h).
 */
#include "edc_out.h"

#include <string.h>

#include "core/buf.h"
#include "util/json_escape.h"

void l2e__jw_init(l2e__jw *w, l2e_buf *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
}

static void put(l2e__jw *w, const char *s, size_t len)
{
	if (!w->error)
		w->error = l2e__buf_put(w->out, s, len);
}

/* the comma before a member or an item */
static void lead(l2e__jw *w)
{
	if (w->depth == 0)
		return;
	if (w->has_member[w->depth - 1])
		put(w, ",", 1);
	w->has_member[w->depth - 1] = 1;
}

static void quoted(l2e__jw *w, const char *s, size_t len)
{
	char *o, *end;

	if (w->error)
		return;
	o = l2e__buf_reserve(w->out, L2E_JSON_ESCAPE_ROOM(len) + 2, &w->error);
	if (!o)
		return;
	*o++ = '"';
	end = l2e__json_escape(o, s, len);
	*end++ = '"';
	l2e__buf_commit(w->out, end);
}

/* "key": written as it is: keys are the writer's own literals */
static void member(l2e__jw *w, const char *key)
{
	size_t len;
	char *o;

	lead(w);
	if (!key || w->error)
		return;
	len = strlen(key);
	if (!(o = l2e__buf_reserve(w->out, len + 3, &w->error)))
		return;
	*o++ = '"';
	memcpy(o, key, len);
	o += len;
	*o++ = '"';
	*o++ = ':';
	l2e__buf_commit(w->out, o);
}

void l2e__jw_open(l2e__jw *w, const char *key, char bracket)
{
	member(w, key);
	put(w, &bracket, 1);
	if (w->depth == L2E__JW_MAX_DEPTH) {
		w->error = w->error ? w->error : L2E_ERROR; /* a bug */
		return;
	}
	w->has_member[w->depth++] = 0;
}

void l2e__jw_close(l2e__jw *w, char bracket)
{
	if (w->depth == 0)
		return;
	w->depth--;
	put(w, &bracket, 1);
}

void l2e__jw_strn(l2e__jw *w, const char *key, const char *text, size_t len)
{
	member(w, key);
	quoted(w, text, len);
}

void l2e__jw_str(l2e__jw *w, const char *key, const char *text)
{
	l2e__jw_strn(w, key, text, strlen(text));
}

void l2e__jw_lit(l2e__jw *w, const char *key, const char *text)
{
	size_t len = strlen(text);
	char *o;

	member(w, key);
	if (w->error || !(o = l2e__buf_reserve(w->out, len + 2, &w->error)))
		return;
	*o++ = '"';
	memcpy(o, text, len);
	o += len;
	*o++ = '"';
	l2e__buf_commit(w->out, o);
}

void l2e__jw_int(l2e__jw *w, const char *key, long n)
{
	member(w, key);
	if (!w->error)
		w->error = l2e__buf_printf(w->out, "%ld", n);
}
