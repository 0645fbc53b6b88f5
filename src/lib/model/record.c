/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * record.c - the format-neutral record tree (see record.h).
 */
#include "record.h"

#include <string.h>

#include "core/buf.h"
#include "core/hash.h"

l2e__node *l2e__node_new(l2e__pool *pool, l2e__node_kind kind, unsigned line,
                         unsigned column)
{
	/* every field set here, in stores the compiler chooses, not by a
	 * memset of the pool (a parse makes a node per value) */
	l2e__node *n = l2e__pool_alloc_raw(pool, sizeof(*n));

	if (!n)
		return NULL;
	*n = (l2e__node){ .kind = kind, .line = line, .column = column };
	return n;
}

void l2e__node_append(l2e__node *parent, l2e__node *child)
{
	child->parent = parent;
	child->index = parent->n_children++;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

const l2e__node *l2e__node_member(const l2e__node *obj, const char *key)
{
	const l2e__node *c;

	if (!obj || obj->kind != L2E__NODE_OBJECT)
		return NULL;
	/* the first byte here: most names differ in it, and a mapping
	   looks up members of every record many times over */
	for (c = obj->first; c; c = c->next)
		if (c->key[0] == key[0] && strcmp(c->key, key) == 0)
			return c;
	return NULL;
}

const l2e__node *l2e__node_child(const l2e__node *n, size_t i)
{
	const l2e__node *c;

	if (!n || i >= n->n_children)
		return NULL;
	for (c = n->first; c && i; c = c->next)
		i--;
	return c;
}

uint64_t l2e__node_hash(uint64_t h, const l2e__node *n)
{
	const l2e__node *c;

	/* kind, and whether a key and a text follow */
	h = l2e__hash_mix(h, (uint64_t)n->kind << 2 |
	                         (uint64_t)(n->key != NULL) << 1 |
	                         (uint64_t)(n->text != NULL));
	if (n->key)
		h = l2e__hash_bytes(h, n->key, strlen(n->key));
	if (n->text)
		h = l2e__hash_bytes(h, n->text, n->len);
	for (c = n->first; c; c = c->next)
		h = l2e__node_hash(h, c);
	return l2e__hash_mix(h, '}');
}

const char *l2e__node_file(const l2e__node *n)
{
	for (; n; n = n->parent)
		if (n->file)
			return n->file;
	return NULL;
}

int l2e__node_is_scalar(const l2e__node *n)
{
	return n && (n->kind == L2E__NODE_BOOL || n->kind == L2E__NODE_NUMBER ||
	             n->kind == L2E__NODE_STRING);
}

static int key_needs_quotes(const char *key)
{
	const char *p;

	/* "$root" or "$record..." first in a path would name a base */
	if (!*key || *key == '$')
		return 1;
	for (p = key; *p; p++)
		if (strchr(".[]='\" ", *p))
			return 1;
	return 0;
}

/* ['name'], with a quote inside written twice, as paths read it */
static int put_quoted(l2e_buf *out, const char *key)
{
	int error = l2e__buf_puts(out, "['");

	for (; *key && !error; key++)
		error = *key == '\'' ? l2e__buf_puts(out, "''")
		                     : l2e__buf_putc(out, *key);
	return error ? error : l2e__buf_puts(out, "']");
}

int l2e__node_path(l2e_buf *out, const l2e__node *n)
{
	const l2e__node *chain[256];
	size_t depth = 0;
	int error = 0, is_first = 1;

	for (; n && n->parent && depth < 256; n = n->parent)
		chain[depth++] = n;
	while (depth-- > 0 && !error) {
		const l2e__node *c = chain[depth];

		if (c->parent->kind == L2E__NODE_ARRAY)
			error = l2e__buf_printf(out, "[%zu]", c->index);
		else if (key_needs_quotes(c->key))
			error = put_quoted(out, c->key);
		else
			error = l2e__buf_printf(out, "%s%s",
			                        is_first ? "" : ".", c->key);
		is_first = 0;
	}
	return error;
}
