/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * xml_out.c - a small XML emitter (see xml_out.h).
 */
#include "xml_out.h"

#include <stdint.h>
#include <string.h>

#include "core/buf.h"

/* The bytes that end a run of plain text (NUL ends the string). */
static const unsigned char text_special[256] = {
	[0] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\r'] = 1,
};
static const unsigned char attr_special[256] = {
	[0] = 1,   ['&'] = 1,  ['<'] = 1,  ['>'] = 1,
	['"'] = 1, ['\r'] = 1, ['\n'] = 1, ['\t'] = 1,
};

/*
 * memcpy, inline for the short names and values a document is made of:
 * up to 16 bytes in two overlapping loads and stores, which read and
 * write only s[0..n) and o[0..n). Called, memcpy cost more than the
 * copy (over half a million calls for 2,000 documents).
 */
static inline void copy_short(char *o, const char *s, size_t n)
{
	uint64_t a, b;
	uint32_t c, d;

	if (n > 16) {
		memcpy(o, s, n);
	} else if (n >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		memcpy(o, &a, 8);
		memcpy(o + n - 8, &b, 8);
	} else if (n >= 4) {
		memcpy(&c, s, 4);
		memcpy(&d, s + n - 4, 4);
		memcpy(o, &c, 4);
		memcpy(o + n - 4, &d, 4);
	} else {
		while (n--)
			*o++ = *s++;
	}
}

static void put(l2e__xml_out *x, const char *s, size_t len)
{
	l2e_buf *b = x->out;
	int error;

	if (x->error)
		return;
	if (b->cap - b->len <= len) {
		error = l2e__buf_grow(b, len);
		if (error) {
			x->error = error;
			return;
		}
	}
	copy_short(b->ptr + b->len, s, len);
	b->len += len;
}

#define PUT_LITERAL(x, s) put((x), (s), sizeof(s) - 1)

static void put_entity(l2e__xml_out *x, unsigned char c)
{
	switch (c) {
	case '&': PUT_LITERAL(x, "&amp;"); break;
	case '<': PUT_LITERAL(x, "&lt;"); break;
	case '>': PUT_LITERAL(x, "&gt;"); break;
	case '"': PUT_LITERAL(x, "&quot;"); break;
	case '\r': PUT_LITERAL(x, "&#13;"); break;
	case '\n': PUT_LITERAL(x, "&#10;"); break;
	default: PUT_LITERAL(x, "&#9;"); break;
	}
}

/* `s` with the bytes `special` marks replaced by character references:
 * plain runs are copied whole. */
/* The first byte at or after s that `special` marks: four at a time, as
 * a byte is looked at only when the one before it was no NUL. */
static const char *plain_end(const char *s, const unsigned char *special)
{
	const unsigned char *u = (const unsigned char *)s;

	for (;; u += 4) {
		if (special[u[0]])
			return (const char *)u;
		if (special[u[1]])
			return (const char *)u + 1;
		if (special[u[2]])
			return (const char *)u + 2;
		if (special[u[3]])
			return (const char *)u + 3;
	}
}

static void put_escaped(l2e__xml_out *x, const char *s,
                        const unsigned char *special)
{
	const char *run = s;

	for (;; s++) {
		s = plain_end(s, special);
		put(x, run, (size_t)(s - run));
		if (!*s)
			return;
		put_entity(x, (unsigned char)*s);
		run = s + 1;
	}
}

/* Room past an indent that indent() may fill with spaces. */
#define INDENT_SLACK 32

/* `n` levels of the indent string "  " at o. Up to 16 levels, as every
 * Europass document, 32 spaces of a fixed size are copied (two stores,
 * no call to memset); what lies past the indent is written over. */
static char *indent(char *o, size_t n)
{
	static const char spaces[INDENT_SLACK + 1] =
	    "                                ";

	if (2 * n <= INDENT_SLACK)
		memcpy(o, spaces, INDENT_SLACK);
	else
		memset(o, ' ', 2 * n);
	return o + 2 * n;
}

/* A Europass document is a few KiB: room for one at once, not eight
 * doublings from 64 bytes, each a realloc and a copy (2.5% of a run). */
#define FIRST_ROOM 8192

void l2e__xml_begin(l2e__xml_out *x, l2e_buf *out)
{
	memset(x, 0, sizeof(*x));
	x->out = out;
	l2e__buf_reserve(out, FIRST_ROOM, &x->error);
	PUT_LITERAL(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

void l2e__xml_begin_standalone(l2e__xml_out *x, l2e_buf *out)
{
	memset(x, 0, sizeof(*x));
	x->out = out;
	l2e__buf_reserve(out, FIRST_ROOM, &x->error);
	PUT_LITERAL(x, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
	               "standalone=\"yes\"?>\n");
}

void l2e__xml_start(l2e__xml_out *x, const char *name)
{
	l2e__xml_start_n(x, name, strlen(name));
}

/* Inline in l2e__xml_leaf_n, which a writer calls for most elements:
 * as calls, start, text and end cost more than the work. */
static inline void start_tag(l2e__xml_out *x, const char *name, size_t len)
{
	char *o;

	if (x->error)
		return;
	if (x->depth == L2E__XML_MAX_DEPTH) {
		x->error = L2E_ERROR; /* a bug in a writer */
		return;
	}
	if (!(o = l2e__buf_reserve(
	          x->out, 3 + 2 * x->depth + len + INDENT_SLACK, &x->error)))
		return;
	if (x->is_tag_open) {
		*o++ = '>';
		*o++ = '\n';
	}
	o = indent(o, x->depth);
	*o++ = '<';
	copy_short(o, name, len);
	l2e__buf_commit(x->out, o + len);
	x->open[x->depth] = name;
	x->open_len[x->depth++] = len;
	x->is_tag_open = 1;
}

void l2e__xml_attr(l2e__xml_out *x, const char *name, const char *value)
{
	l2e__xml_attr_n(x, name, strlen(name), value);
}

void l2e__xml_attr_n(l2e__xml_out *x, const char *name, size_t len,
                     const char *value)
{
	char *o;

	if (x->error)
		return;
	if (!x->is_tag_open) {
		x->error = L2E_ERROR; /* a bug in a writer */
		return;
	}
	if (!(o = l2e__buf_reserve(x->out, 3 + len, &x->error)))
		return;
	*o++ = ' ';
	copy_short(o, name, len);
	o += len;
	*o++ = '=';
	*o++ = '"';
	l2e__buf_commit(x->out, o);
	put_escaped(x, value, attr_special);
	PUT_LITERAL(x, "\"");
}

static inline void end_tag(l2e__xml_out *x)
{
	const char *name;
	size_t len;
	char *o;

	if (x->error)
		return;
	if (x->depth == 0) {
		x->error = L2E_ERROR; /* a bug in a writer */
		return;
	}
	name = x->open[x->depth - 1];
	len = x->open_len[x->depth - 1];
	if (!(o = l2e__buf_reserve(
	          x->out, 4 + 2 * x->depth + len + INDENT_SLACK, &x->error)))
		return;
	x->depth--;
	if (x->is_tag_open) {
		*o++ = '/';
		*o++ = '>';
	} else {
		if (x->does_indent)
			o = indent(o, x->depth);
		*o++ = '<';
		*o++ = '/';
		copy_short(o, name, len);
		o += len;
		*o++ = '>';
	}
	*o++ = '\n';
	l2e__buf_commit(x->out, o);
	x->is_tag_open = 0;
	x->does_indent = 1;
}

static inline void put_text(l2e__xml_out *x, const char *text)
{
	if (x->error)
		return;
	if (!x->is_tag_open) {
		x->error = L2E_ERROR; /* a bug in a writer: mixed content */
		return;
	}
	PUT_LITERAL(x, ">");
	x->is_tag_open = 0;
	put_escaped(x, text, text_special);
	x->does_indent = 0;
}

void l2e__xml_leaf(l2e__xml_out *x, const char *name, const char *text)
{
	if (!text || x->error)
		return;
	l2e__xml_leaf_n(x, name, strlen(name), text);
}

void l2e__xml_leaf_n(l2e__xml_out *x, const char *name, size_t len,
                     const char *text)
{
	if (!text || x->error)
		return;
	start_tag(x, name, len);
	put_text(x, text);
	end_tag(x);
}

void l2e__xml_start_n(l2e__xml_out *x, const char *name, size_t len)
{
	start_tag(x, name, len);
}

void l2e__xml_end(l2e__xml_out *x)
{
	end_tag(x);
}

void l2e__xml_text(l2e__xml_out *x, const char *t)
{
	put_text(x, t);
}

int l2e__xml_finish(l2e__xml_out *x)
{
	while (x->depth > 0 && !x->error)
		l2e__xml_end(x);
	if (!x->error && x->out->ptr)
		x->out->ptr[x->out->len] = '\0'; /* grow keeps room for it */
	return x->error;
}
