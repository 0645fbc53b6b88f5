/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * place.c - places in a document, for findings (see place.h).
 *
 * The XPath of a node is built here rather than with xmlGetNodePath(),
 * which writes every element of a default namespace (all of Europass)
 * as "*".
 */
#include "validate/place.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"

/* ==== XML ==== */

unsigned l2e__xml_line(const xmlNode *node)
{
	long line;

	if (node && node->type == XML_ATTRIBUTE_NODE)
		node = node->parent;
	if (!node || node->type != XML_ELEMENT_NODE)
		return 0;
	line = xmlGetLineNo(node);
	return line > 0 && line < (long)UINT_MAX ? (unsigned)line : 0;
}

unsigned l2e__xml_column(const xmlNode *node)
{
	if (node && node->type == XML_ATTRIBUTE_NODE)
		node = node->parent;
	if (!node || node->type != XML_ELEMENT_NODE)
		return 0;
	return (unsigned)(uintptr_t)node->_private;
}

static int same_name(const xmlNode *a, const xmlNode *b)
{
	return a->type == XML_ELEMENT_NODE &&
	       !strcmp((const char *)a->name, (const char *)b->name) &&
	       (a->ns ? b->ns && !strcmp((const char *)a->ns->href,
	                                 (const char *)b->ns->href)
	              : !b->ns);
}

static int put_name(l2e_buf *out, const xmlNode *n)
{
	if (n->ns && n->ns->prefix)
		return l2e__buf_printf(out, "%s:%s",
		                       (const char *)n->ns->prefix,
		                       (const char *)n->name);
	return l2e__buf_puts(out, (const char *)n->name);
}

int l2e__xml_path(l2e_buf *out, const xmlNode *node)
{
	const xmlNode *chain[256], *attr = NULL, *k;
	size_t n = 0, pos, count;
	int error = 0;

	if (node && node->type == XML_ATTRIBUTE_NODE) {
		attr = node;
		node = node->parent;
	}
	for (; node && node->type == XML_ELEMENT_NODE; node = node->parent) {
		if (n == sizeof(chain) / sizeof(chain[0]))
			return l2e__buf_puts(out, "/...");
		chain[n++] = node;
	}
	while (n-- > 0 && !error) {
		node = chain[n];
		pos = count = 0;
		for (k = node->parent ? node->parent->children : node; k;
		     k = k->next)
			if (same_name(k, node)) {
				count++;
				if (k == node)
					pos = count;
			}
		error = l2e__buf_putc(out, '/');
		if (!error)
			error = put_name(out, node);
		if (!error && count > 1)
			error = l2e__buf_printf(out, "[%zu]", pos);
	}
	if (!error && attr) {
		error = l2e__buf_puts(out, "/@");
		if (!error)
			error = put_name(out, attr);
	}
	if (!error && !out->ptr)
		error = l2e__buf_put(out, "", 0);
	return error;
}

/* Each of str1..str3 not in `msg` yet, as " (str)". */
static int error_extras(l2e_buf *msg, const xmlError *e)
{
	const char *extra[3];
	size_t i;
	int error = 0;

	extra[0] = e->str1;
	extra[1] = e->str2;
	extra[2] = e->str3;
	for (i = 0; i < 3 && !error; i++)
		if (extra[i] && *extra[i] && msg->ptr &&
		    !strstr(msg->ptr, extra[i]))
			error = l2e__buf_printf(msg, " (%s)", extra[i]);
	return error;
}

int l2e__xml_error_text(l2e_buf *out, const xmlError *e, const char *fallback,
                        const char *strip)
{
	const char *p = e->message ? e->message : fallback, *hit;
	int error = 0;

	while (strip && !error && (hit = strstr(p, strip)) != NULL) {
		error = l2e__buf_put(out, p, (size_t)(hit - p));
		p = hit + strlen(strip);
	}
	if (!error)
		error = l2e__buf_puts(out, p);
	/* libxml2 ends its messages with a line break */
	while (
	    !error && out->len &&
	    (out->ptr[out->len - 1] == '\n' || out->ptr[out->len - 1] == ' '))
		out->ptr[--out->len] = '\0';
	return error ? error : error_extras(out, e);
}

/* ==== JSON ==== */

int l2e__json_pointer(l2e_buf *out, const l2e__node *node)
{
	const l2e__node *chain[256];
	size_t n = 0;
	const char *k;
	int error = 0;

	for (; node && node->parent; node = node->parent) {
		if (n == sizeof(chain) / sizeof(chain[0]))
			return l2e__buf_puts(out, "/...");
		chain[n++] = node;
	}
	if (!out->ptr && (error = l2e__buf_put(out, "", 0)) < 0)
		return error;
	while (n-- > 0 && !error) {
		node = chain[n];
		if (node->parent->kind == L2E__NODE_ARRAY) {
			error = l2e__buf_printf(out, "/%zu", node->index);
			continue;
		}
		error = l2e__buf_putc(out, '/');
		for (k = node->key ? node->key : ""; *k && !error; k++)
			error = *k == '~'   ? l2e__buf_puts(out, "~0")
			        : *k == '/' ? l2e__buf_puts(out, "~1")
			                    : l2e__buf_putc(out, *k);
	}
	return error;
}
