/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * checks.c - the built-in checks: what validate finds without schema
 * files, for every Europass format it knows.
 *
 *   structure      v3: the skeleton of the official schema (the root, its
 *                  sections in order, what DocumentInfo must hold); CV:
 *                  the writer's own structure table (cv_check.c)
 *   date           dates spelled as the format says and that exist
 *                  (no 31 February), also in DocumentInfo's date-times
 *   date-order     a period's From (StartDate) is not after its To
 *   cefr           CEFR self-assessment levels A1..C2
 *   eqf            EQF levels 1..8
 *   country-code   countries and nationalities from Europass's list
 *   language-code  languages from Europass's lists (v3); the CV takes
 *                  any ISO 3166-1 country and ISO 639 language, so
 *                  there the codes' shape is checked
 *   national-id    warning: a value looks like a BSN, onderwijsnummer or
 *                  ECK iD (the value itself is never quoted)
 *
 * One finding per place: where the schema step already reported an
 * error at the same element or JSON value, a built-in check does not
 * repeat it (validate.c sets n_schema_items before these walks run).
 *
 * This file holds what the walks share (checks_int.h); the v3 walks
 * (checks_v3.c) follow the v3.4 tree the writers write from, the CV
 * walk (checks_cv.c) the CV's own elements.
 */
#include "validate/checks_int.h"

#include <stdarg.h>
#include <string.h>

#include "core/buf.h"
#include "core/natid.h"
#include "util/civil_date.h"

/* ==== Value rules ==== */

int l2e__check_cefr(const char *s)
{
	return s && (s[0] == 'A' || s[0] == 'B' || s[0] == 'C') &&
	       (s[1] == '1' || s[1] == '2') && !s[2];
}

int l2e__check_eqf(const char *s)
{
	return s && s[0] >= '1' && s[0] <= '8' && !s[1];
}

int l2e__check_date_exists(long year, long month, long day)
{
	if (month < 0 || month > 12 || day < 0 || day > 31)
		return 0;
	if (!month || !day)
		return 1; /* a partial date: as far as it goes, it exists */
	return l2e__date_exists(year, (int)month, (int)day);
}

int l2e__check_date_cmp(const long a[3], const long b[3])
{
	int i;

	for (i = 0; i < 3; i++) {
		if (i > 0 && (!a[i] || !b[i]))
			return 0; /* equal as far as both say */
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	}
	return 0;
}

/* ==== Findings ==== */

/* Did the schema already report an error at `field`? */
static int schema_said(const l2e__checker *c, const char *field)
{
	size_t i;

	for (i = 0; field && i < c->n_schema && i < c->r->n_items; i++)
		if (c->r->items[i].severity == L2E_SEVERITY_ERROR &&
		    c->r->items[i].field &&
		    !strcmp(c->r->items[i].field, field))
			return 1;
	return 0;
}

void l2e__checker_vadd(l2e__checker *c, l2e_severity severity, unsigned line,
                       unsigned column, const char *field, const char *rule,
                       const char *fmt, va_list ap)
{
	l2e_buf msg = L2E_BUF_INIT;

	if (severity == L2E_SEVERITY_ERROR && schema_said(c, field))
		return;
	if (l2e__buf_vprintf(&msg, fmt, ap) < 0)
		c->r->is_oom = 1;
	if (msg.ptr)
		l2e__report_add(c->r, severity, line, column, field, rule, "%s",
		                msg.ptr);
	l2e_buf_dispose(&msg);
}

void l2e__checker_add(l2e__checker *c, l2e_severity severity, unsigned line,
                      unsigned column, const char *field, const char *rule,
                      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l2e__checker_vadd(c, severity, line, column, field, rule, fmt, ap);
	va_end(ap);
}

void l2e__checker_init(l2e__checker *c, l2e_report *r)
{
	c->r = r;
	c->n_schema = r->n_items;
}

/* ==== XML helpers ==== */

typedef struct xplace {
	l2e_buf path;
	unsigned line, column;
} xplace;

static int xplace_of(l2e__checker *c, xplace *p, const xmlNode *node)
{
	memset(p, 0, sizeof(*p));
	if (l2e__xml_path(&p->path, node) < 0) {
		c->r->is_oom = 1;
		l2e_buf_dispose(&p->path);
		return -1;
	}
	p->line = l2e__xml_line(node);
	p->column = l2e__xml_column(node);
	return 0;
}

void l2e__checker_xadd(l2e__checker *c, const xmlNode *node,
                       l2e_severity severity, const char *rule, const char *fmt,
                       ...)
{
	xplace p;
	va_list ap;

	if (xplace_of(c, &p, node) < 0)
		return;
	va_start(ap, fmt);
	l2e__checker_vadd(c, severity, p.line, p.column, p.path.ptr, rule, fmt,
	                  ap);
	va_end(ap);
	l2e_buf_dispose(&p.path);
}

int l2e__xml_in_ns(const xmlNode *n, const char *ns)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	       !strcmp((const char *)n->ns->href, ns);
}

int l2e__xml_named(const xmlNode *n, const char *ns, const char *name)
{
	return l2e__xml_in_ns(n, ns) && !strcmp((const char *)n->name, name);
}

const xmlNode *l2e__xml_child(const xmlNode *parent, const char *ns,
                              const char *name)
{
	const xmlNode *k;

	for (k = parent ? parent->children : NULL; k; k = k->next)
		if (l2e__xml_named(k, ns, name))
			return k;
	return NULL;
}

const char *l2e__xml_text_of(const xmlNode *el, char *buf, size_t size)
{
	xmlChar *t = xmlNodeGetContent(el);
	const char *s = t ? (const char *)t : "";
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
	             s[n - 1] == '\r'))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	xmlFree(t);
	return buf;
}

/* National identifiers in every text and attribute value. */
void l2e__check_xml_natids(l2e__checker *c, const xmlNode *node)
{
	const xmlNode *k;
	const xmlAttr *a;
	xmlChar *v;

	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		for (a = node->properties; a; a = a->next) {
			v = xmlNodeGetContent((const xmlNode *)a);
			if (v && l2e__natid_find((const char *)v))
				l2e__checker_xadd(
				    c, (const xmlNode *)a, L2E_SEVERITY_WARNING,
				    "national-id",
				    "this value looks like a national "
				    "identifier (BSN, onderwijsnummer or "
				    "ECK iD), which does not belong in a "
				    "Europass document");
			xmlFree(v);
		}
		for (k = node->children; k; k = k->next)
			if ((k->type == XML_TEXT_NODE ||
			     k->type == XML_CDATA_SECTION_NODE) &&
			    k->content &&
			    l2e__natid_find((const char *)k->content)) {
				l2e__checker_xadd(
				    c, node, L2E_SEVERITY_WARNING,
				    "national-id",
				    "this text holds what looks like a "
				    "national identifier (BSN, "
				    "onderwijsnummer or ECK iD), which does "
				    "not belong in a Europass document");
				break;
			}
		l2e__check_xml_natids(c, node->children);
	}
}
