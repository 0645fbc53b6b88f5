/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * json_out.c - a small JSON tree and its printer (see json_out.h).
 */
#include "json_out.h"

#include <string.h>

#include "core/buf.h"
#include "util/json_escape.h"

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
	if (!n) {
		t->is_oom = 1;
		return NULL;
	}
	n->kind = kind;
	n->name = name; /* borrowed: the writers pass literals */
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

/* `s` quoted and escaped at o, which has room for
 * L2E_JSON_ESCAPE_ROOM(len) + 2. */
static char *write_string(char *o, const char *s, size_t len)
{
	*o++ = '"';
	o = l2e__json_escape(o, s, len);
	*o++ = '"';
	return o;
}

static void put_string(printer *p, const char *s)
{
	size_t len = strlen(s);
	char *o =
	    l2e__buf_reserve(p->out, L2E_JSON_ESCAPE_ROOM(len) + 2, &p->error);

	if (o)
		l2e__buf_commit(p->out, write_string(o, s, len));
}

/* n as "%d" */
static void put_int(printer *p, int n)
{
	char digits[12], *o;
	unsigned long v = n < 0 ? 0ul - (unsigned long)n : (unsigned long)n;
	size_t k = 0;

	do {
		digits[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (!(o = l2e__buf_reserve(p->out, k + 1, &p->error)))
		return;
	if (n < 0)
		*o++ = '-';
	while (k > 0)
		*o++ = digits[--k];
	l2e__buf_commit(p->out, o);
}

static void put_literal(printer *p, const char *s, size_t len)
{
	char *o = l2e__buf_reserve(p->out, len, &p->error);

	if (o) {
		memcpy(o, s, len);
		l2e__buf_commit(p->out, o + len);
	}
}

/* The value `n` at nesting `depth` (the containers around it). */
static void print_value(printer *p, const l2e__json *n, size_t depth)
{
	const l2e__json *c;
	size_t len;
	char *o;

	switch (n->kind) {
	case JSON_STRING: put_string(p, n->text); return;
	case JSON_INT: put_int(p, n->number); return;
	case JSON_BOOL:
		if (n->number)
			put_literal(p, "true", 4);
		else
			put_literal(p, "false", 5);
		return;
	case JSON_ARRAY:
		put_literal(p, "[", 1);
		for (c = n->first; c; c = c->next) {
			print_value(p, c, depth + 1);
			if (c->next)
				put_literal(p, ", ", 2);
		}
		put_literal(p, "]", 1);
		return;
	case JSON_OBJECT:
		put_literal(p, "{\n", 2);
		for (c = n->first; c; c = c->next) {
			/* tabs, "name":<TAB> in one piece */
			len = strlen(c->name);
			if (!(o = l2e__buf_reserve(
			          p->out,
			          depth + 1 + L2E_JSON_ESCAPE_ROOM(len) + 4,
			          &p->error)))
				return;
			memset(o, '\t', depth + 1);
			o = write_string(o + depth + 1, c->name, len);
			*o++ = ':';
			*o++ = '\t';
			l2e__buf_commit(p->out, o);
			print_value(p, c, depth + 1);
			if (c->next)
				put_literal(p, ",\n", 2);
			else
				put_literal(p, "\n", 1);
		}
		if (!(o = l2e__buf_reserve(p->out, depth + 1, &p->error)))
			return;
		memset(o, '\t', depth);
		o[depth] = '}';
		l2e__buf_commit(p->out, o + depth + 1);
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
