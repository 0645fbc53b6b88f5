/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * read_json.c - JSON exports: one document, or many in a row (JSON Lines
 * / NDJSON, or pages one after another), from memory or streamed from a
 * file or standard input.
 *
 * Splitting is cheap and separate from parsing: split() finds where the
 * next top-level value ends (tracking brackets and strings only) and
 * hands out its bytes; parse() turns such bytes into a record tree. So a
 * stream of 100 000 students is never held whole, and the pieces can be
 * parsed on several threads. A value that never ends (a cut-off file) is
 * handed out as it is, so that the parser reports where it breaks.
 */
#include "reader.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "read/json_tree.h"

#define READ_CHUNK 65536

typedef struct json_state {
	const char *name;
	FILE *file; /* NULL: everything is in `buf` */
	int is_eof;
	int at_start;    /* a BOM may come first */
	l2e_buf buf;     /* bytes read and not yet handed out... */
	const char *mem; /* ...or the caller's bytes */
	size_t mem_len;
	size_t pos;    /* start of the next value */
	unsigned line; /* at pos */
	/* the column at col_from, counted on to where it is asked for
	 * (column_at): after a line break nothing is left to count */
	unsigned column;
	size_t col_from;
	size_t max_value;
} json_state;

static const char *data_of(const json_state *s)
{
	return s->file ? s->buf.ptr : s->mem;
}

static size_t len_of(const json_state *s)
{
	return s->file ? s->buf.len : s->mem_len;
}

static int make_state(json_state **out, l2e_ctx *ctx, const char *name)
{
	json_state *s = l2e__calloc(1, sizeof(*s));

	if (!s)
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	s->name = name;
	s->line = 1;
	s->column = 1;
	s->at_start = 1;
	s->max_value = ctx->opts.max_input_bytes;
	*out = s;
	return 0;
}

static int json_open(void **state, l2e_ctx *ctx, const l2e__source *src,
                     const char *name, const char *data, size_t len)
{
	json_state *s = NULL;
	int error;

	(void)src;
	if ((error = make_state(&s, ctx, name)) < 0)
		return error;
	s->mem = data;
	s->mem_len = len;
	s->is_eof = 1;
	*state = s;
	return 0;
}

static int json_open_file(void **state, l2e_ctx *ctx, const l2e__source *src,
                          const char *name, FILE *f)
{
	json_state *s = NULL;
	int error;

	(void)src;
	if ((error = make_state(&s, ctx, name)) < 0)
		return error;
	s->file = f;
	*state = s;
	return 0;
}

static void json_close(void *state)
{
	json_state *s = state;

	if (!s)
		return;
	l2e_buf_dispose(&s->buf);
	l2e__free(s);
}

/* Lines in the n bytes from `at`, by memchr; a line break sets the
 * column (1) where the next line starts. */
static void count_lines(json_state *s, size_t at, size_t n)
{
	const char *d = data_of(s), *nl;
	size_t i = at, end = at + n;

	while ((nl = memchr(d + i, '\n', end - i)) != NULL) {
		s->line++;
		i = (size_t)(nl - d) + 1;
		s->col_from = i;
		s->column = 1;
	}
}

/* The column at `at` (at >= col_from): characters, not bytes. Counted
 * only when a piece is handed out, so a JSON Lines line is not counted
 * at all (its line break comes first); on the main thread, this was a
 * tenth of what it does besides converting. */
static unsigned column_at(json_state *s, size_t at)
{
	const unsigned char *u = (const unsigned char *)data_of(s);
	unsigned column = s->column;
	size_t i = s->col_from;

	while (i < at) {
		/* eight ASCII bytes are eight columns */
		if (at - i >= 8) {
			uint64_t w;

			memcpy(&w, u + i, 8);
			if (!(w & 0x8080808080808080u)) {
				column += 8;
				i += 8;
				continue;
			}
		}
		column += (u[i++] & 0xC0) != 0x80;
	}
	s->col_from = at;
	s->column = column;
	return column;
}

/* Drop what was handed out, then read more; 0 at the end of the file. */
static int refill(json_state *s, l2e_ctx *ctx)
{
	char chunk[READ_CHUNK];
	size_t n;

	if (!s->file || s->is_eof)
		return 0;
	if (s->pos) {
		column_at(s, s->pos); /* before the bytes it counts go */
		s->col_from = 0;
		memmove(s->buf.ptr, s->buf.ptr + s->pos, s->buf.len - s->pos);
		s->buf.len -= s->pos;
		s->pos = 0;
	}
	n = fread(chunk, 1, sizeof(chunk), s->file);
	if (n == 0) {
		if (ferror(s->file))
			return l2e__error_set_at(
			    ctx, L2E_EIO, L2E_ERRCLASS_OS, s->name, s->line, 0,
			    NULL, "read error: %s", strerror(errno));
		s->is_eof = 1;
		return 0;
	}
	if (l2e__buf_put(&s->buf, chunk, n) < 0)
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_READ,
		                      "out of memory");
	return 1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where the value starting at `p` ends: scan brackets and strings. */
typedef struct scan {
	size_t at; /* scanned up to here (relative to the value) */
	int depth;
	int in_string;
	int escape;
	int done;
} scan;

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

/* The first '"' or '\\' in p[at..n), or n: 16 bytes at a time where SSE2
 * is (every x86-64); splitting is the main thread's, so its share of
 * --jobs 2 shrinks too. */
static size_t string_end(const char *p, size_t at, size_t n)
{
#if defined(__SSE2__) && defined(__GNUC__)
	const __m128i quote = _mm_set1_epi8('"');
	const __m128i bslash = _mm_set1_epi8('\\');

	while (n - at >= 16) {
		__m128i v =
		    _mm_loadu_si128((const __m128i *)(const void *)(p + at));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)));

		if (m)
			return at + (unsigned)__builtin_ctz(m);
		at += 16;
	}
#endif
	while (at < n && p[at] != '"' && p[at] != '\\')
		at++;
	return at;
}

#if defined(__SSE2__) && defined(__GNUC__)
static unsigned mask16(__m128i v, char c)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
}

/* Bits set in a 16-bit mask, inline (__builtin_popcount is a call to
 * libgcc where the CPU's own instruction may not be assumed). */
static int bits16(unsigned x)
{
	x = x - ((x >> 1) & 0x5555u);
	x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
	x = (x + (x >> 4)) & 0x0F0Fu;
	return (int)((x + (x >> 8)) & 0x1Fu);
}

/*
 * Inside a value (depth > 0, no escape pending), 16 bytes at a time:
 * the running parity of the quotes says which bytes are inside strings,
 * and only the brackets outside them count. A block with a backslash
 * in it, and the last bytes, are left to the byte loop. Returns where
 * it stopped; *done when the value ended, at the byte before.
 * Splitting is the main thread's alone: per byte it was a compare or
 * five, and it is most of that thread's own share of --jobs N.
 */
static size_t scan_blocks(const char *p, size_t at, size_t n, int *depth_io,
                          int *in_string_io, int *done)
{
	unsigned carry = (unsigned)*in_string_io, inside, open, close, s, k;
	int depth = *depth_io;
	__m128i v;

	while (n - at >= 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(p + at));
		if (mask16(v, '\\'))
			break;
		/* bit i: an odd number of quotes up to i (prefix XOR) */
		inside = mask16(v, '"');
		inside ^= inside << 1;
		inside ^= inside << 2;
		inside ^= inside << 4;
		inside ^= inside << 8;
		inside = (carry ? ~inside : inside) & 0xFFFF;
		carry = inside >> 15;
		open = (mask16(v, '{') | mask16(v, '[')) & ~inside;
		close = (mask16(v, '}') | mask16(v, ']')) & ~inside;
		if (!(open | close)) {
			at += 16;
			continue;
		}
		if (bits16(close) < depth) {
			depth += bits16(open) - bits16(close);
			at += 16;
			continue;
		}
		/* the value may end in this block: bracket by bracket */
		for (s = open | close; s; s &= s - 1) {
			k = (unsigned)__builtin_ctz(s);
			if (open >> k & 1) {
				depth++;
			} else if (--depth == 0) {
				*depth_io = 0;
				*in_string_io = 0;
				*done = 1;
				return at + k + 1;
			}
		}
		at += 16;
	}
	*depth_io = depth;
	*in_string_io = (int)carry;
	return at;
}
#endif

static void scan_more(scan *sc, const char *p, size_t n)
{
	size_t at = sc->at, bytewise_to = 0;
	int depth = sc->depth, in_string = sc->in_string;
	int escape = sc->escape, done = sc->done;
	char c;

	while (at < n && !done) {
#if defined(__SSE2__) && defined(__GNUC__)
		if (depth > 0 && !escape && at >= bytewise_to && n - at >= 16) {
			at = scan_blocks(p, at, n, &depth, &in_string, &done);
			if (done || at == n)
				break;
			/* a backslash in the next 16: those bytes one by one */
			bytewise_to = at + 16;
		}
#endif
		if (in_string) {
			if (escape) {
				escape = 0;
				at++;
				continue;
			}
			/* the bytes of a string matter only at '"' and '\\' */
			at = string_end(p, at, n);
			if (at == n)
				break;
			if (p[at] == '\\') {
				escape = 1;
			} else {
				in_string = 0;
				done = depth == 0;
			}
			at++;
			continue;
		}
		c = p[at];
		if (c == '"') {
			in_string = 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
			done = depth <= 0;
		} else if (depth == 0 && (is_space(c) || c == ',')) {
			done = 1; /* a top-level scalar ended before c */
			break;
		}
		at++;
	}
	sc->at = at;
	sc->depth = depth;
	sc->in_string = in_string;
	sc->escape = escape;
	sc->done = done;
}

static int json_split(l2e__piece *out, l2e_ctx *ctx, void *state)
{
	json_state *s = state;
	scan sc;
	const char *d;
	int more;

	memset(out, 0, sizeof(*out));
	/* a UTF-8 byte order mark may open the input */
	while (s->at_start && len_of(s) < 3)
		if ((more = refill(s, ctx)) <= 0) {
			if (more < 0)
				return more;
			break;
		}
	if (s->at_start && len_of(s) >= 3 &&
	    !memcmp(data_of(s), "\xEF\xBB\xBF", 3))
		s->pos = s->col_from = 3; /* no column of its own */
	s->at_start = 0;

	for (;;) { /* white space between values */
		d = data_of(s);
		while (s->pos < len_of(s) && is_space(d[s->pos])) {
			count_lines(s, s->pos, 1);
			s->pos++;
		}
		if (s->pos < len_of(s))
			break;
		if ((more = refill(s, ctx)) < 0)
			return more;
		if (!more)
			return 0; /* the end */
	}
	memset(&sc, 0, sizeof(sc));
	for (;;) {
		d = data_of(s);
		scan_more(&sc, d + s->pos, len_of(s) - s->pos);
		if (sc.at > s->max_value)
			return l2e__error_set_at(
			    ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, s->name,
			    s->line, column_at(s, s->pos), NULL,
			    "one JSON value is larger than "
			    "max_input_bytes (%zu bytes)",
			    s->max_value);
		if (sc.done)
			break;
		if ((more = refill(s, ctx)) < 0)
			return more;
		if (!more)
			break; /* unfinished: the parser will say where */
	}
	/* a value cannot start with ',': hand that byte out for the parser
	 * to refuse, rather than an empty piece that never moves on */
	if (sc.done && sc.at == 0)
		sc.at = 1;
	d = data_of(s);
	out->data = d + s->pos;
	out->len = sc.done ? sc.at : len_of(s) - s->pos;
	out->line = s->line;
	out->column = column_at(s, s->pos);
	count_lines(s, s->pos, out->len);
	s->pos += out->len;
	return 1;
}

static int json_parse(l2e__node **root, l2e__pool *pool, l2e_ctx *ctx,
                      const l2e__source *src, const char *name,
                      const l2e__piece *piece)
{
	l2e__json_cursor cur;
	l2e__node *extra = NULL;
	int error;

	(void)src;
	l2e__json_cursor_init(&cur, name, piece->data, piece->len, &ctx->opts);
	cur.pos = 0; /* a BOM was dealt with when splitting */
	cur.line = piece->line;
	cur.column = piece->column;
	if ((error = l2e__json_next(root, pool, ctx, &cur)) < 0)
		return error;
	if (*root && (error = l2e__json_next(&extra, pool, ctx, &cur)) < 0)
		return error;
	if (extra)
		return l2e__error_set_at(
		    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, name, extra->line,
		    extra->column, NULL,
		    "JSON syntax error: text after a value");
	return 0;
}

/* JSON has no options of its own; it refuses another reader's key. */
static const l2e__option json_options[] = {
	{ "encoding", NULL, "JSON is always UTF-8" },
};

const l2e__reader l2e__reader_json = {
	.name = "json",
	.label = "JSON",
	.is_pageable = 1,
	.options = json_options,
	.n_options = sizeof(json_options) / sizeof(json_options[0]),
	.open = json_open,
	.open_file = json_open_file,
	.split = json_split,
	.parse = json_parse,
	.close = json_close,
};
