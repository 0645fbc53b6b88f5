/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * up_base.c - what the steps of an upgrade share (see up_base.h): a
 * warning at an original element or JSON pointer, and the old editor's
 * elements and texts read the same way by every step. It calls no step
 * and no step's file, so that the steps and upgrade.c stand on it
 * rather than on each other.
 */
#include "legacy/up_base.h"

#include <stdarg.h>
#include <string.h>

#include "core/buf.h"

/* "/SkillsPassport/LearnerInfo/WorkExperienceList/WorkExperience[2]" */
static void node_path(l2e_buf *out, const xmlNode *n)
{
	const xmlNode *s;
	size_t i, same;

	if (!n || n->type != XML_ELEMENT_NODE)
		return;
	node_path(out, n->parent);
	for (i = 1, same = 0, s = n->parent ? n->parent->children : NULL; s;
	     s = s->next) {
		if (s->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)s->name, (const char *)n->name))
			continue;
		same++;
		if (s == n)
			i = same;
	}
	if (same > 1)
		(void)l2e__buf_printf(out, "/%s[%zu]", (const char *)n->name,
		                      i);
	else
		(void)l2e__buf_printf(out, "/%s", (const char *)n->name);
}

void l2e__up_warn(l2e__up *u, const xmlNode *at, const char *rule,
                  const char *fmt, ...)
{
	l2e_buf path = L2E_BUF_INIT;
	va_list ap;

	node_path(&path, at);
	va_start(ap, fmt);
	l2e__findings_vadd(
	    u->f, L2E_SEVERITY_WARNING, NULL,
	    at && at->line > 0 && !u->is_no_lines ? (unsigned)at->line : 0, 0,
	    path.ptr, rule, fmt, ap);
	va_end(ap);
	l2e_buf_dispose(&path);
}

void l2e__up_warn_json(l2e__up *u, const char *pointer, const char *rule,
                       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l2e__findings_vadd(u->f, L2E_SEVERITY_WARNING, NULL, 0, 0, pointer,
	                   rule, fmt, ap);
	va_end(ap);
}

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int l2e__up_is_null(const char *s)
{
	size_t len;

	if (!s)
		return 1;
	while (is_blank((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len && is_blank((unsigned char)s[len - 1]))
		len--;
	return len == 0 || (len == 4 && !strncmp(s, "null", 4));
}

xmlChar *l2e__up_text(const xmlNode *n)
{
	xmlChar *t, *start, *end;

	if (!n || !(t = xmlNodeGetContent(n)))
		return NULL;
	if (l2e__up_is_null((const char *)t)) {
		xmlFree(t);
		return NULL;
	}
	for (start = t; is_blank(*start); start++)
		;
	end = start + strlen((const char *)start);
	while (end > start && is_blank(end[-1]))
		end--;
	*end = '\0';
	if (start != t)
		memmove(t, start, (size_t)(end - start) + 1);
	return t;
}

xmlNode *l2e__up_next(const xmlNode *n, const char *name)
{
	for (n = n ? n->next : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)n->name, name))
			return (xmlNode *)n;
	return NULL;
}

xmlNode *l2e__up_child(const xmlNode *parent, const char *name)
{
	const xmlNode *n;

	for (n = parent ? parent->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)n->name, name))
			return (xmlNode *)n;
	return NULL;
}
