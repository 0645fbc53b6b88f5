/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * json_fast.c - the fast path of json_tree.c: plain JSON straight into
 * the record tree, in one pass.
 *
 * Most exports are plain JSON within every limit. For those, one pass
 * builds the tree straight into the pool: no cJSON tree to allocate, walk
 * again and free (60% of a conversion's reading time). It takes only
 * strict JSON (RFC 8259) that passes every check the cJSON path makes,
 * and gives up (L2E__JSON_GIVE_UP) at the first thing it does not vouch
 * for: a syntax error, a limit, a duplicate key, "\u0000", a lone
 * surrogate, a control character in a string, a number cJSON would read
 * otherwise. The cJSON path (json_cjson.c) then parses the value from the
 * start, so every refusal, message and position stays cJSON's and the
 * walk's; unit_json_tree and fuzz_json_paths compare both paths.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/json_tree_int.h"
#include "util/alloc.h"

#define FAST_MAX_DEPTH    999 /* deeper goes to cJSON (it takes 1000) */
#define FAST_SMALL_OBJECT 16

typedef struct fast {
	l2e__json_cursor *cur;
	l2e__pool *pool;
	const char *p;
	const char *end;
	unsigned line;
	const char *base; /* the column is known here (a line start)... */
	unsigned base_column;
	size_t n_cont; /* ...and UTF-8 continuation bytes since */
	size_t n_values;
	size_t max_depth;
} fast;

/* The column at f->p: the walk counts every byte but UTF-8
 * continuation bytes, which only strings hold (fast_string counts
 * them), so no byte is looked at twice. */
static unsigned fast_column(const fast *f)
{
	return f->base_column +
	       (unsigned)((size_t)(f->p - f->base) - f->n_cont);
}

static void fast_ws(fast *f)
{
	/* compact JSON (a JSON Lines export) has no white space to skip */
	if (f->p < f->end && (unsigned char)*f->p > ' ')
		return;
	for (; f->p < f->end; f->p++) {
		if (*f->p == '\n') {
			f->line++;
			f->base = f->p + 1;
			f->base_column = 1;
			f->n_cont = 0;
		} else if (*f->p != ' ' && *f->p != '\t' && *f->p != '\r') {
			return;
		}
	}
}

/* What may follow a scalar, as the cJSON path's skip_scalar() stops at. */
static int is_delimiter(char c)
{
	return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' ||
	       c == '\r' || c == '\n';
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0, i, d;

	for (i = 0; i < 4; i++) {
		char c = p[i];

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

/* Decode escapes of s[0..len) into o, as cJSON does; the length, or
 * (size_t)-1 for anything cJSON refuses or "\u0000". */
static size_t fast_unescape(char *o, const char *s, size_t len)
{
	const char *e = s + len;
	char *start = o;
	unsigned c, low;

	while (s < e) {
		if (*s != '\\') {
			*o++ = *s++;
			continue;
		}
		if (e - s < 2)
			return (size_t)-1;
		switch (s[1]) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			if (e - s < 6 || hex4(s + 2, &c) < 0 || c == 0 ||
			    (c >= 0xDC00 && c <= 0xDFFF))
				return (size_t)-1;
			if (c >= 0xD800 && c <= 0xDBFF) {
				if (e - s < 12 || s[6] != '\\' || s[7] != 'u' ||
				    hex4(s + 8, &low) < 0 || low < 0xDC00 ||
				    low > 0xDFFF)
					return (size_t)-1;
				c = 0x10000 +
				    ((c & 0x3FF) << 10 | (low & 0x3FF));
				s += 6;
			}
			if (c < 0x80) {
				*o++ = (char)c;
			} else if (c < 0x800) {
				*o++ = (char)(0xC0 | c >> 6);
				*o++ = (char)(0x80 | (c & 0x3F));
			} else if (c < 0x10000) {
				*o++ = (char)(0xE0 | c >> 12);
				*o++ = (char)(0x80 | (c >> 6 & 0x3F));
				*o++ = (char)(0x80 | (c & 0x3F));
			} else {
				*o++ = (char)(0xF0 | c >> 18);
				*o++ = (char)(0x80 | (c >> 12 & 0x3F));
				*o++ = (char)(0x80 | (c >> 6 & 0x3F));
				*o++ = (char)(0x80 | (c & 0x3F));
			}
			s += 4;
			break;
		default: return (size_t)-1;
		}
		s += 2;
	}
	return (size_t)(o - start);
}

#if !(defined(__SSE2__) && defined(__GNUC__))
/* Whether the 8 bytes at q are plain string bytes: ASCII, no control
 * character, no '"', no '\\' (SWAR). */
static int is_plain_string8(const char *q)
{
	const uint64_t ones = 0x0101010101010101u;
	const uint64_t high = 0x8080808080808080u;
	uint64_t w, a, b;

	memcpy(&w, q, 8);
	a = w ^ (ones * '"');
	b = w ^ (ones * '\\');
	return !((w | ((w - ones * 0x20) & ~w) | ((a - ones) & ~a) |
	          ((b - ones) & ~b)) &
	         high);
}
#endif

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>

/*
 * How many of the 16 bytes at q come before the first '"', '\\' or
 * control character (16: none does), counting the UTF-8 continuation
 * bytes among them into *n_cont. Names and values are short: the
 * SWAR test of 8 bytes at a time failed on most of them and left them
 * to the byte loop (fast_string was 9% of a conversion).
 */
static unsigned plain_string16(const char *q, size_t *n_cont)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
	__m128i ctl = _mm_cmpeq_epi8(_mm_subs_epu8(v, _mm_set1_epi8(0x1F)),
	                             _mm_setzero_si128());
	__m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
	__m128i bslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
	unsigned stop = (unsigned)_mm_movemask_epi8(
	    _mm_or_si128(ctl, _mm_or_si128(quote, bslash)));
	unsigned k = stop ? (unsigned)__builtin_ctz(stop) : 16;
	unsigned cont;

	if (_mm_movemask_epi8(v)) { /* bytes of 0x80 and up */
		cont = (unsigned)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xC0)),
		                   _mm_set1_epi8((char)0x80)));
		cont &= k == 16 ? 0xFFFFu : (1u << k) - 1;
		*n_cont += (size_t)__builtin_popcount(cont);
	}
	return k;
}
#endif

/* A string token at f->p into the pool: *out and *len_out. */
static int fast_string(fast *f, const char **out, size_t *len_out)
{
	const char *s = ++f->p, *q = s;
	int has_escape = 0;
	unsigned char c;
	char *text;
	size_t len;

	for (;;) {
#if defined(__SSE2__) && defined(__GNUC__)
		while (f->end - q >= 16) {
			unsigned k = plain_string16(q, &f->n_cont);

			q += k;
			if (k < 16)
				break;
		}
#else
		while (f->end - q >= 8 && is_plain_string8(q))
			q += 8;
#endif
		if (q == f->end || (c = (unsigned char)*q) < 0x20)
			return L2E__JSON_GIVE_UP;
		if (c == '"')
			break;
		if (c == '\\') {
			has_escape = 1;
			if (++q == f->end)
				return L2E__JSON_GIVE_UP;
		} else if ((c & 0xC0) == 0x80) {
			f->n_cont++;
		}
		q++;
	}
	f->p = q + 1;
#if defined(__SSE2__) && defined(__GNUC__)
	/* most names and values: short, plain, and followed by 16 bytes of
	 * input; one store into a block of 16, which the pool rounds up
	 * to anyway, rather than a call to memcpy */
	if (!has_escape && q - s < 16 && f->end - s >= 16) {
		if (!(text = l2e__pool_alloc_raw(f->pool, 16)))
			return L2E_ENOMEM;
		_mm_storeu_si128(
		    (__m128i *)(void *)text,
		    _mm_loadu_si128((const __m128i *)(const void *)s));
		text[q - s] = '\0';
		*out = text;
		*len_out = (size_t)(q - s);
		return 0;
	}
#endif
	if (!(text = l2e__pool_alloc_raw(f->pool, (size_t)(q - s) + 1)))
		return L2E_ENOMEM;
	if (has_escape) {
		len = fast_unescape(text, s, (size_t)(q - s));
		if (len == (size_t)-1)
			return L2E__JSON_GIVE_UP;
	} else {
		len = (size_t)(q - s);
		memcpy(text, s, len);
	}
	text[len] = '\0';
	*out = text;
	*len_out = len;
	return 0;
}

/* A number as strict JSON has it, which cJSON reads the same way. */
static int fast_number(fast *f, l2e__node *node)
{
	const char *s = f->p, *q = s;
	int is_plain = 1;
	char copy[64];
	size_t len;

	if (q < f->end && *q == '-')
		q++;
	if (q < f->end && *q == '0') {
		q++;
	} else if (q < f->end && *q >= '1' && *q <= '9') {
		while (q < f->end && *q >= '0' && *q <= '9')
			q++;
	} else {
		return L2E__JSON_GIVE_UP;
	}
	if (q < f->end && *q == '.') {
		if (++q == f->end || *q < '0' || *q > '9')
			return L2E__JSON_GIVE_UP;
		while (q < f->end && *q >= '0' && *q <= '9')
			q++;
	}
	if (q < f->end && (*q == 'e' || *q == 'E')) {
		is_plain = 0;
		q++;
		if (q < f->end && (*q == '+' || *q == '-'))
			q++;
		if (q == f->end || *q < '0' || *q > '9')
			return L2E__JSON_GIVE_UP;
		while (q < f->end && *q >= '0' && *q <= '9')
			q++;
	}
	len = (size_t)(q - s);
	if (len > f->cur->max_number || len >= sizeof(copy))
		return L2E__JSON_GIVE_UP;
	/* "1x", "01", "1-2": cJSON's to judge */
	if (q < f->end && !is_delimiter(*q))
		return L2E__JSON_GIVE_UP;
	/* 63 digits are finite; an exponent may not be (1e999) */
	if (!is_plain) {
		memcpy(copy, s, len);
		copy[len] = '\0';
		if (!isfinite(strtod(copy, NULL)))
			return L2E__JSON_GIVE_UP;
	}
	f->p = q;
	node->len = len;
	node->text = l2e__pool_strndup(f->pool, s, len);
	return node->text ? 0 : L2E_ENOMEM;
}

static int fast_literal(fast *f, l2e__node *node, const char *word)
{
	size_t len = strlen(word);

	if ((size_t)(f->end - f->p) < len || memcmp(f->p, word, len) != 0)
		return L2E__JSON_GIVE_UP;
	f->p += len;
	if (f->p < f->end && !is_delimiter(*f->p))
		return L2E__JSON_GIVE_UP;
	if (node->kind == L2E__NODE_NULL)
		return 0;
	node->len = len;
	node->text = l2e__pool_strndup(f->pool, word, len);
	return node->text ? 0 : L2E_ENOMEM;
}

static int by_key(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether two members of `obj` share a key (cJSON would keep both and
 * the walk refuses the second): pairwise for the usual small object,
 * sorted for a big one. Out of memory gives up too. */
static int fast_has_duplicate(const l2e__node *obj)
{
	const l2e__node *a, *b;
	const char **keys;
	size_t i;
	int has_dup = 0;

	if (obj->n_children <= FAST_SMALL_OBJECT) {
		for (a = obj->first; a; a = a->next)
			for (b = a->next; b; b = b->next)
				if (a->key[0] == b->key[0] &&
				    strcmp(a->key, b->key) == 0)
					return 1;
		return 0;
	}
	if (!(keys = l2e__calloc(obj->n_children, sizeof(*keys))))
		return 1;
	for (i = 0, a = obj->first; a; a = a->next)
		keys[i++] = a->key;
	qsort(keys, obj->n_children, sizeof(*keys), by_key);
	for (i = 1; i < obj->n_children && !has_dup; i++)
		has_dup = strcmp(keys[i - 1], keys[i]) == 0;
	l2e__free(keys);
	return has_dup;
}

static int fast_value(fast *f, l2e__node *parent, l2e__node **out,
                      size_t depth);

static int fast_container(fast *f, l2e__node *node, size_t depth)
{
	int is_object = node->kind == L2E__NODE_OBJECT, error;
	char close = is_object ? '}' : ']';
	const char *key = NULL;
	unsigned key_line = 0, key_column = 0;
	size_t key_len;
	l2e__node *child;

	if (depth > f->max_depth)
		return L2E__JSON_GIVE_UP;
	f->p++; /* { or [ */
	fast_ws(f);
	if (f->p < f->end && *f->p == close) {
		f->p++;
		return 0;
	}
	for (;;) {
		if (is_object) {
			if (f->p == f->end || *f->p != '"')
				return L2E__JSON_GIVE_UP;
			key_line = f->line;
			key_column = fast_column(f);
			if ((error = fast_string(f, &key, &key_len)) != 0)
				return error;
			fast_ws(f);
			if (f->p == f->end || *f->p != ':')
				return L2E__JSON_GIVE_UP;
			f->p++;
			fast_ws(f);
		}
		if ((error = fast_value(f, node, &child, depth + 1)) != 0)
			return error;
		child->key = key;
		child->key_line = key_line;
		child->key_column = key_column;
		fast_ws(f);
		if (f->p == f->end)
			return L2E__JSON_GIVE_UP;
		if (*f->p == close)
			break;
		if (*f->p != ',' || ++f->n_values > f->cur->max_values)
			return L2E__JSON_GIVE_UP;
		f->p++;
		fast_ws(f);
	}
	f->p++;
	return is_object && fast_has_duplicate(node) ? L2E__JSON_GIVE_UP : 0;
}

/* The value at f->p (no white space before it). */
static int fast_value(fast *f, l2e__node *parent, l2e__node **out, size_t depth)
{
	l2e__node_kind kind;
	l2e__node *node;
	int error;

	if (f->p == f->end)
		return L2E__JSON_GIVE_UP;
	switch (*f->p) {
	case '{': kind = L2E__NODE_OBJECT; break;
	case '[': kind = L2E__NODE_ARRAY; break;
	case '"': kind = L2E__NODE_STRING; break;
	case 't':
	case 'f': kind = L2E__NODE_BOOL; break;
	case 'n': kind = L2E__NODE_NULL; break;
	default: kind = L2E__NODE_NUMBER; break;
	}
	if ((kind == L2E__NODE_OBJECT || kind == L2E__NODE_ARRAY) &&
	    ++f->n_values > f->cur->max_values)
		return L2E__JSON_GIVE_UP;
	node = l2e__node_new(f->pool, kind, f->line, fast_column(f));
	if (!node)
		return L2E_ENOMEM;
	if (parent)
		l2e__node_append(parent, node);
	*out = node;
	switch (kind) {
	case L2E__NODE_OBJECT:
	case L2E__NODE_ARRAY: return fast_container(f, node, depth);
	case L2E__NODE_STRING:
		if ((error = fast_string(f, &node->text, &node->len)) != 0)
			return error;
		return node->len > f->cur->max_string ? L2E__JSON_GIVE_UP : 0;
	case L2E__NODE_BOOL:
		return fast_literal(f, node, *f->p == 't' ? "true" : "false");
	case L2E__NODE_NULL: return fast_literal(f, node, "null");
	default: return fast_number(f, node);
	}
}

int l2e__json_fast_parse(l2e__node **out, l2e__pool *pool,
                         l2e__json_cursor *cur)
{
	fast f;
	int error;

	memset(&f, 0, sizeof(f));
	f.cur = cur;
	f.pool = pool;
	f.p = f.base = cur->data + cur->pos;
	f.end = cur->data + cur->len;
	f.line = cur->line;
	f.base_column = cur->column;
	f.n_values = 1; /* and each container and comma, as prescan() does */
	f.max_depth =
	    cur->max_depth < FAST_MAX_DEPTH ? cur->max_depth : FAST_MAX_DEPTH;
	if ((error = fast_value(&f, NULL, out, 1)) != 0)
		return error;
	cur->pos = (size_t)(f.p - cur->data);
	cur->line = f.line;
	cur->column = fast_column(&f);
	return 0;
}
