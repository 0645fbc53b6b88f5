/*
 * json_out.c - a small JSON tree and its printer (see json_out.h).
 */
#include "json_out.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"

typedef enum json_kind {
	JSON_OBJECT,
	JSON_ARRAY,
	JSON_STRING,
	JSON_INT,
	JSON_BOOL
} json_kind;

struct l2e__json {
	json_kind kind;
	int number;       /* JSON_INT, JSON_BOOL */
	const char *name; /* member name, NULL in an array */
	const char *text; /* JSON_STRING */
	l2e__json *first;
	l2e__json *last;
	l2e__json *next;
};

static l2e__json *add(l2e__json_tree *t, l2e__json *parent, json_kind kind,
                      const char *name)
{
	l2e__json *n;

	if (t->is_oom || !parent)
		return NULL;
	n = l2e__pool_alloc(&t->pool, sizeof(*n));
	if (!n || (name && !(n->name = l2e__pool_strdup(&t->pool, name)))) {
		t->is_oom = 1;
		return NULL;
	}
	n->kind = kind;
	if (parent->last)
		parent->last->next = n;
	else
		parent->first = n;
	parent->last = n;
	return n;
}

l2e__json *l2e__json_root(l2e__json_tree *t)
{
	l2e__json *n;

	if (t->is_oom)
		return NULL;
	n = l2e__pool_alloc(&t->pool, sizeof(*n));
	if (!n)
		t->is_oom = 1;
	else
		n->kind = JSON_OBJECT;
	return n;
}

l2e__json *l2e__json_add_object(l2e__json_tree *t, l2e__json *parent,
                                const char *name)
{
	return add(t, parent, JSON_OBJECT, name);
}

l2e__json *l2e__json_add_array(l2e__json_tree *t, l2e__json *parent,
                               const char *name)
{
	return add(t, parent, JSON_ARRAY, name);
}

l2e__json *l2e__json_append_object(l2e__json_tree *t, l2e__json *parent)
{
	return add(t, parent, JSON_OBJECT, NULL);
}

void l2e__json_add_string(l2e__json_tree *t, l2e__json *parent,
                          const char *name, const char *text)
{
	l2e__json *n = add(t, parent, JSON_STRING, name);

	if (n && !(n->text = l2e__pool_strdup(&t->pool, text)))
		t->is_oom = 1;
}

void l2e__json_add_int(l2e__json_tree *t, l2e__json *parent, const char *name,
                       int number)
{
	l2e__json *n = add(t, parent, JSON_INT, name);

	if (n)
		n->number = number;
}

void l2e__json_add_bool(l2e__json_tree *t, l2e__json *parent, const char *name,
                        int value)
{
	l2e__json *n = add(t, parent, JSON_BOOL, name);

	if (n)
		n->number = value != 0;
}

void l2e__json_tree_dispose(l2e__json_tree *t)
{
	l2e__pool_clear(&t->pool);
	t->is_oom = 0;
}

/* ==== Printing, as cJSON_Print ==== */

typedef struct printer {
	l2e_buf *out;
	int error;
} printer;

static void put(printer *p, const char *s, size_t len)
{
	l2e_buf *b = p->out;
	int error;

	if (p->error)
		return;
	if (b->cap - b->len <= len) {
		if ((error = l2e__buf_grow(b, len)) < 0) {
			p->error = error;
			return;
		}
	}
	memcpy(b->ptr + b->len, s, len);
	b->len += len;
}

static void tabs(printer *p, size_t n)
{
	static const char t[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";

	while (n > 0) {
		size_t k = n < sizeof(t) - 1 ? n : sizeof(t) - 1;

		put(p, t, k);
		n -= k;
	}
}

/* cJSON's string escapes: 0 as it is, 'u' as \u00xx, else the letter. */
static char escape_of(unsigned char c)
{
	static const char control[] = "uuuuuuuubtnufruuuuuuuuuuuuuuuuuu";

	if (c < 32)
		return control[c];
	return c == '"' || c == '\\' ? (char)c : 0;
}

static void put_string(printer *p, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;
	char e, esc[6];

	put(p, "\"", 1);
	for (;; s++) {
		if (*s && !escape_of((unsigned char)*s))
			continue;
		put(p, run, (size_t)(s - run));
		if (!*s)
			break;
		e = escape_of((unsigned char)*s);
		esc[0] = '\\';
		esc[1] = e;
		esc[2] = '0';
		esc[3] = '0';
		esc[4] = hex[(unsigned char)*s >> 4];
		esc[5] = hex[(unsigned char)*s & 15];
		put(p, esc, e == 'u' ? 6 : 2);
		run = s + 1;
	}
	put(p, "\"", 1);
}

static void put_int(printer *p, int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%d", n);

	put(p, buf, (size_t)len);
}

/* The value `n` at nesting `depth` (the containers around it). */
static void print_value(printer *p, const l2e__json *n, size_t depth)
{
	const l2e__json *c;

	switch (n->kind) {
	case JSON_STRING: put_string(p, n->text); return;
	case JSON_INT: put_int(p, n->number); return;
	case JSON_BOOL:
		if (n->number)
			put(p, "true", 4);
		else
			put(p, "false", 5);
		return;
	case JSON_ARRAY:
		put(p, "[", 1);
		for (c = n->first; c; c = c->next) {
			print_value(p, c, depth + 1);
			if (c->next)
				put(p, ", ", 2);
		}
		put(p, "]", 1);
		return;
	case JSON_OBJECT:
		put(p, "{\n", 2);
		for (c = n->first; c; c = c->next) {
			tabs(p, depth + 1);
			put_string(p, c->name);
			put(p, ":\t", 2);
			print_value(p, c, depth + 1);
			if (c->next)
				put(p, ",", 1);
			put(p, "\n", 1);
		}
		tabs(p, depth);
		put(p, "}", 1);
		return;
	}
}

int l2e__json_print(l2e_buf *out, l2e__json_tree *t, const l2e__json *root)
{
	printer p = { out, 0 };
	size_t was = out->len;

	if (t->is_oom || !root)
		return L2E_ENOMEM;
	print_value(&p, root, 0);
	if (p.error) {
		out->len = was;
		if (out->ptr)
			out->ptr[was] = '\0';
		return p.error;
	}
	if (out->ptr)
		out->ptr[out->len] = '\0'; /* grow keeps room for it */
	return 0;
}
