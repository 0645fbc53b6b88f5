/*
 * json_tree.c - JSON text to record tree (see json_tree.h).
 */
#include "json_tree.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/utf8.h"

typedef struct walk {
	l2e__json_cursor *cur;
	l2e__pool *pool;
	l2e_ctx *ctx;
	const char *p; /* scan position */
	const char *end;
	unsigned line;
	unsigned column;
	l2e__node *root;
} walk;

static void advance(walk *w, size_t n)
{
	while (n-- > 0 && w->p < w->end) {
		if (*w->p == '\n') {
			w->line++;
			w->column = 1;
		} else if (((unsigned char)*w->p & 0xC0) != 0x80) {
			w->column++;
		}
		w->p++;
	}
}

static void skip_ws(walk *w)
{
	while (w->p < w->end && (*w->p == ' ' || *w->p == '\t' ||
	                         *w->p == '\n' || *w->p == '\r'))
		advance(w, 1);
}

static int fail(walk *w, int code, const char *msg, const char *detail)
{
	return l2e__error_set_at(w->ctx, code, L2E_ERRCLASS_READ, w->cur->name,
	                         w->line, w->column, NULL, "%s%s%s", msg,
	                         detail ? ": " : "", detail ? detail : "");
}

/* As fail(), at a given place. */
static int fail_at(walk *w, int code, unsigned line, unsigned column,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int fail_at(walk *w, int code, unsigned line, unsigned column,
                   const char *fmt, ...)
{
	l2e_buf msg = L2E_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	l2e__buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	l2e__error_set_at(w->ctx, code, L2E_ERRCLASS_READ, w->cur->name, line,
	                  column, NULL, "%s",
	                  msg.ptr ? msg.ptr : l2e_strerror(code));
	l2e_buf_dispose(&msg);
	return code;
}

static int is_number_char(char c)
{
	return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' ||
	       c == 'e' || c == 'E';
}

/*
 * Before cJSON sees a value, one cheap pass over its bytes checks the
 * limits cJSON would report badly or not at all: nesting deeper than
 * max_depth (cJSON stops past 1000 with a bare syntax error, after
 * recursing that deep) and numbers longer than max_number_bytes (cJSON
 * reads at most 63 characters of a number and then fails), and more
 * values than max_values (counted as separators and openings: cJSON
 * would have built them all, some 200 bytes each, before we could
 * count). The pass stops where the value ends; syntax is left to cJSON.
 */
static int prescan(const walk *w)
{
	walk s = *w;
	size_t depth = 0, len, n_values = 1;
	unsigned line, column;

	while (s.p < s.end) {
		char c = *s.p;

		if (c == '"') {
			advance(&s, 1);
			while (s.p < s.end && *s.p != '"')
				advance(&s, *s.p == '\\' ? 2 : 1);
			advance(&s, 1);
			if (!depth) /* a top-level string is the whole value */
				return 0;
		} else if ((c == '{' || c == '[' || c == ',') &&
		           ++n_values > s.cur->max_values) {
			return fail_at(&s, L2E_ELIMIT, s.line, s.column,
			               "more than max_values (%zu) values",
			               s.cur->max_values);
		} else if (c == '{' || c == '[') {
			if (++depth > s.cur->max_depth)
				return fail_at(&s, L2E_ELIMIT, s.line, s.column,
				               "nesting deeper than max_depth "
				               "(%zu)",
				               s.cur->max_depth);
			advance(&s, 1);
		} else if (c == '}' || c == ']') {
			advance(&s, 1);
			if (depth <= 1)
				return 0;
			depth--;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			line = s.line;
			column = s.column;
			for (len = 0; s.p < s.end && is_number_char(*s.p);
			     len++)
				advance(&s, 1);
			if (len > s.cur->max_number)
				return fail_at(&s, L2E_ELIMIT, line, column,
				               "a number is longer than "
				               "max_number_bytes (%zu)",
				               s.cur->max_number);
			if (!depth)
				return 0;
		} else if (!depth && c != ' ' && c != '\t' && c != '\n' &&
		           c != '\r') {
			return 0; /* true, false, null or garbage: cJSON's */
		} else {
			advance(&s, 1);
		}
	}
	return 0;
}

/* A key of an object's member and where it stands among the members. */
typedef struct member_ref {
	const char *key;
	size_t index;
} member_ref;

static int by_key_then_index(const void *a, const void *b)
{
	const member_ref *x = a, *y = b;
	int d = strcmp(x->key, y->key);

	if (d)
		return d;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * The index of the first member whose key an earlier member has, or
 * (size_t)-1. Sorting makes this n log n: looking every key up among the
 * members before it was quadratic, and an object of 200 000 members took
 * minutes. -2 when out of memory.
 */
static size_t first_duplicate(const cJSON *obj)
{
	const cJSON *child;
	member_ref *refs;
	size_t n = 0, i, dup = (size_t)-1;

	for (child = obj->child; child; child = child->next)
		n++;
	if (n < 2)
		return dup;
	if (!(refs = l2e__calloc(n, sizeof(*refs))))
		return (size_t)-2;
	for (i = 0, child = obj->child; child; child = child->next, i++) {
		refs[i].key = child->string ? child->string : "";
		refs[i].index = i;
	}
	qsort(refs, n, sizeof(*refs), by_key_then_index);
	for (i = 1; i < n; i++)
		if (!strcmp(refs[i].key, refs[i - 1].key) &&
		    refs[i].index < dup)
			dup = refs[i].index;
	l2e__free(refs);
	return dup;
}

/* Skip a string token; refuse "\u0000", which cJSON would truncate at. */
static int skip_string(walk *w)
{
	advance(w, 1); /* opening quote */
	while (w->p < w->end && *w->p != '"') {
		if (*w->p == '\\') {
			if (w->end - w->p >= 6 &&
			    memcmp(w->p, "\\u0000", 6) == 0)
				return fail(w, L2E_EPARSE,
				            "a string contains \\u0000", NULL);
			advance(w, 2);
		} else {
			advance(w, 1);
		}
	}
	advance(w, 1); /* closing quote */
	return 0;
}

static void skip_scalar(walk *w)
{
	while (w->p < w->end && !strchr(",]} \t\r\n", *w->p))
		advance(w, 1);
}

static int build(walk *w, const cJSON *item, l2e__node *parent, const char *key,
                 size_t depth, unsigned key_line, unsigned key_column);

static int build_children(walk *w, const cJSON *item, l2e__node *node,
                          size_t depth)
{
	const cJSON *child;
	int is_object = cJSON_IsObject(item), error;
	size_t i, dup = is_object ? first_duplicate(item) : (size_t)-1;

	if (dup == (size_t)-2)
		return L2E_ENOMEM;
	advance(w, 1); /* { or [ */
	for (i = 0, child = item->child; child; child = child->next, i++) {
		unsigned key_line = 0, key_column = 0;

		skip_ws(w);
		if (is_object) {
			key_line = w->line;
			key_column = w->column;
			if (i == dup)
				return fail(w, L2E_EPARSE, "duplicate key",
				            child->string);
			if ((error = skip_string(w)) < 0)
				return error;
			skip_ws(w);
			advance(w, 1); /* : */
		}
		error = build(w, child, node, is_object ? child->string : NULL,
		              depth + 1, key_line, key_column);
		if (error < 0)
			return error;
		skip_ws(w);
		if (w->p < w->end && *w->p == ',')
			advance(w, 1);
	}
	skip_ws(w);
	advance(w, 1); /* } or ] */
	return 0;
}

static int build(walk *w, const cJSON *item, l2e__node *parent, const char *key,
                 size_t depth, unsigned key_line, unsigned key_column)
{
	l2e__node_kind kind;
	l2e__node *node;
	const char *start;
	int error;

	skip_ws(w);
	if (cJSON_IsObject(item))
		kind = L2E__NODE_OBJECT;
	else if (cJSON_IsArray(item))
		kind = L2E__NODE_ARRAY;
	else if (cJSON_IsString(item))
		kind = L2E__NODE_STRING;
	else if (cJSON_IsNumber(item))
		kind = L2E__NODE_NUMBER;
	else if (cJSON_IsBool(item))
		kind = L2E__NODE_BOOL;
	else
		kind = L2E__NODE_NULL;

	if ((kind == L2E__NODE_OBJECT || kind == L2E__NODE_ARRAY) &&
	    depth > w->cur->max_depth)
		return fail(w, L2E_ELIMIT, "nesting deeper than max_depth",
		            NULL);
	if (kind == L2E__NODE_NUMBER && !isfinite(item->valuedouble))
		return fail(w, L2E_EPARSE,
		            "a number is out of range (too large for a "
		            "double)",
		            NULL);
	node = l2e__node_new(w->pool, kind, w->line, w->column);
	if (!node)
		return L2E_ENOMEM;
	if (key && !(node->key = l2e__pool_strdup(w->pool, key)))
		return L2E_ENOMEM;
	node->key_line = key_line;
	node->key_column = key_column;
	if (parent)
		l2e__node_append(parent, node);
	else
		w->root = node;

	switch (kind) {
	case L2E__NODE_OBJECT:
	case L2E__NODE_ARRAY: return build_children(w, item, node, depth);
	case L2E__NODE_STRING:
		if ((error = skip_string(w)) < 0)
			return error;
		node->len = strlen(item->valuestring);
		if (node->len > w->cur->max_string)
			return fail_at(w, L2E_ELIMIT, node->line, node->column,
			               "a string is longer than "
			               "max_string_bytes (%zu bytes)",
			               w->cur->max_string);
		node->text =
		    l2e__pool_strndup(w->pool, item->valuestring, node->len);
		break;
	default:
		start = w->p;
		skip_scalar(w);
		node->len = (size_t)(w->p - start);
		node->text = l2e__pool_strndup(w->pool, start, node->len);
		if (kind == L2E__NODE_NULL) {
			node->text = NULL;
			node->len = 0;
			return 0;
		}
		break;
	}
	return node->text ? 0 : L2E_ENOMEM;
}

/* ==== The fast path ==== */

/*
 * Most exports are plain JSON within every limit. For those, one pass
 * builds the tree straight into the pool: no cJSON tree to allocate, walk
 * again and free (60% of a conversion's reading time). It takes only
 * strict JSON (RFC 8259) that passes every check the cJSON path makes,
 * and gives up (FAST_GIVE_UP) at the first thing it does not vouch for:
 * a syntax error, a limit, a duplicate key, "\u0000", a lone surrogate,
 * a control character in a string, a number cJSON would read otherwise.
 * The cJSON path then parses the value from the start, so every refusal,
 * message and position stays cJSON's and the walk's; the unit test
 * test_json_tree.c compares both paths on the fuzz corpora, mutated.
 */
#define FAST_GIVE_UP      1
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

/* What may follow a scalar, as skip_scalar() stops at. */
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

/* A string token at f->p into the pool: *out and *len_out. */
static int fast_string(fast *f, const char **out, size_t *len_out)
{
	const char *s = ++f->p, *q = s;
	int has_escape = 0;
	unsigned char c;
	char *text;
	size_t len;

	for (;;) {
		while (f->end - q >= 8 && is_plain_string8(q))
			q += 8;
		if (q == f->end || (c = (unsigned char)*q) < 0x20)
			return FAST_GIVE_UP;
		if (c == '"')
			break;
		if (c == '\\') {
			has_escape = 1;
			if (++q == f->end)
				return FAST_GIVE_UP;
		} else if ((c & 0xC0) == 0x80) {
			f->n_cont++;
		}
		q++;
	}
	f->p = q + 1;
	if (!(text = l2e__pool_alloc(f->pool, (size_t)(q - s) + 1)))
		return L2E_ENOMEM;
	if (has_escape) {
		len = fast_unescape(text, s, (size_t)(q - s));
		if (len == (size_t)-1)
			return FAST_GIVE_UP;
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
		return FAST_GIVE_UP;
	}
	if (q < f->end && *q == '.') {
		if (++q == f->end || *q < '0' || *q > '9')
			return FAST_GIVE_UP;
		while (q < f->end && *q >= '0' && *q <= '9')
			q++;
	}
	if (q < f->end && (*q == 'e' || *q == 'E')) {
		is_plain = 0;
		q++;
		if (q < f->end && (*q == '+' || *q == '-'))
			q++;
		if (q == f->end || *q < '0' || *q > '9')
			return FAST_GIVE_UP;
		while (q < f->end && *q >= '0' && *q <= '9')
			q++;
	}
	len = (size_t)(q - s);
	if (len > f->cur->max_number || len >= sizeof(copy))
		return FAST_GIVE_UP;
	if (q < f->end && !is_delimiter(*q))
		return FAST_GIVE_UP; /* "1x", "01", "1-2": cJSON's to judge */
	/* 63 digits are finite; an exponent may not be (1e999) */
	if (!is_plain) {
		memcpy(copy, s, len);
		copy[len] = '\0';
		if (!isfinite(strtod(copy, NULL)))
			return FAST_GIVE_UP;
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
		return FAST_GIVE_UP;
	f->p += len;
	if (f->p < f->end && !is_delimiter(*f->p))
		return FAST_GIVE_UP;
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
		return FAST_GIVE_UP;
	f->p++; /* { or [ */
	fast_ws(f);
	if (f->p < f->end && *f->p == close) {
		f->p++;
		return 0;
	}
	for (;;) {
		if (is_object) {
			if (f->p == f->end || *f->p != '"')
				return FAST_GIVE_UP;
			key_line = f->line;
			key_column = fast_column(f);
			if ((error = fast_string(f, &key, &key_len)) != 0)
				return error;
			fast_ws(f);
			if (f->p == f->end || *f->p != ':')
				return FAST_GIVE_UP;
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
			return FAST_GIVE_UP;
		if (*f->p == close)
			break;
		if (*f->p != ',' || ++f->n_values > f->cur->max_values)
			return FAST_GIVE_UP;
		f->p++;
		fast_ws(f);
	}
	f->p++;
	return is_object && fast_has_duplicate(node) ? FAST_GIVE_UP : 0;
}

/* The value at f->p (no white space before it). */
static int fast_value(fast *f, l2e__node *parent, l2e__node **out, size_t depth)
{
	l2e__node_kind kind;
	l2e__node *node;
	int error;

	if (f->p == f->end)
		return FAST_GIVE_UP;
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
		return FAST_GIVE_UP;
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
		return node->len > f->cur->max_string ? FAST_GIVE_UP : 0;
	case L2E__NODE_BOOL:
		return fast_literal(f, node, *f->p == 't' ? "true" : "false");
	case L2E__NODE_NULL: return fast_literal(f, node, "null");
	default: return fast_number(f, node);
	}
}

/* The value at the cursor (after white space), or FAST_GIVE_UP. */
static int fast_parse(l2e__node **out, l2e__pool *pool, l2e__json_cursor *cur)
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
	f.n_values = 1; /* and each container and comma, as prescan() */
	f.max_depth =
	    cur->max_depth < FAST_MAX_DEPTH ? cur->max_depth : FAST_MAX_DEPTH;
	if ((error = fast_value(&f, NULL, out, 1)) != 0)
		return error;
	cur->pos = (size_t)(f.p - cur->data);
	cur->line = f.line;
	cur->column = fast_column(&f);
	return 0;
}

void l2e__json_cursor_init(l2e__json_cursor *cur, const char *name,
                           const char *data, size_t len,
                           const l2e_ctx_options *opts)
{
	memset(cur, 0, sizeof(*cur));
	cur->name = name;
	cur->data = data;
	cur->len = len;
	cur->line = 1;
	cur->column = 1;
	cur->max_depth = opts->max_depth;
	cur->max_string = opts->max_string_bytes;
	cur->max_number = opts->max_number_bytes;
	cur->max_values = opts->max_values;
	/* a UTF-8 byte order mark is allowed and ignored */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		cur->pos = 3;
}

int l2e__json_next(l2e__node **out, l2e__pool *pool, l2e_ctx *ctx,
                   l2e__json_cursor *cur)
{
	walk w;
	cJSON *item = NULL;
	const char *parse_end = NULL;
	size_t bad;
	int error = 0;

	*out = NULL;
	if (!cur->is_checked) {
		const char *rest = cur->data + cur->pos;

		if (!l2e__utf8_valid(rest, cur->len - cur->pos, &bad)) {
			unsigned line, column;

			/* counted from the cursor, which may not be line 1 */
			l2e__text_position(rest, bad, &line, &column);
			if (line == 1)
				column += cur->column - 1;
			line += cur->line - 1;
			bad += cur->pos;
			return l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, cur->name, line,
			    column, NULL,
			    cur->data[bad] ? "invalid UTF-8 byte sequence"
			                   : "NUL byte in JSON text");
		}
		cur->is_checked = 1;
	}

	memset(&w, 0, sizeof(w));
	w.cur = cur;
	w.pool = pool;
	w.ctx = ctx;
	w.p = cur->data + cur->pos;
	w.end = cur->data + cur->len;
	w.line = cur->line;
	w.column = cur->column;
	skip_ws(&w);
	cur->pos = (size_t)(w.p - cur->data);
	cur->line = w.line;
	cur->column = w.column;
	if (w.p == w.end)
		return 0;

	if (!cur->is_cjson_only) {
		error = fast_parse(out, pool, cur);
		if (error == 0)
			return 0;
		if (error == L2E_ENOMEM)
			return l2e__error_set(ctx, error, L2E_ERRCLASS_READ,
			                      "out of memory");
		*out = NULL; /* FAST_GIVE_UP: cJSON's turn, from the start */
		error = 0;
	}
	if ((error = prescan(&w)) < 0)
		return error;
	item = cJSON_ParseWithLengthOpts(w.p, (size_t)(w.end - w.p), &parse_end,
	                                 0);
	if (!item) {
		size_t at = parse_end ? (size_t)(parse_end - w.p) : 0;

		advance(&w, at);
		error = l2e__error_set_at(ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                          cur->name, w.line, w.column, NULL,
		                          "JSON syntax error");
		goto done;
	}
	error = build(&w, item, NULL, NULL, 1, 0, 0);
	if (error < 0)
		goto done;
	/* the walk and cJSON must agree on where the value ends */
	if (w.p != parse_end) {
		error = l2e__error_set_at(ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                          cur->name, w.line, w.column, NULL,
		                          "JSON value could not be located");
		goto done;
	}
	cur->pos = (size_t)(w.p - cur->data);
	cur->line = w.line;
	cur->column = w.column;
	*out = w.root;
done:
	if (error == L2E_ENOMEM)
		l2e__error_set(ctx, error, L2E_ERRCLASS_READ, "out of memory");
	cJSON_Delete(item);
	return error;
}
