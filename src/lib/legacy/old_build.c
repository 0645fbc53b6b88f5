/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * old_build.c - the builder of a v3.4 tree from a v1.x/v2.0 document
 * (see old_build.h): elements with the source's line, one-string and
 * structured addresses, coded values checked against v3.4's lists, and
 * dates that keep what is valid. up_old.c and up_old_lists.c stand on
 * it; it calls neither.
 */
#include "legacy/old_build.h"

#include <stdio.h>
#include <string.h>

#include "europass/v3_codes.h"
#include "util/civil_date.h"

/* ==== Building ==== */

xmlNode *l2e__old_el(l2e__old *b, xmlNode *parent, const char *name,
                     const xmlNode *src)
{
	xmlNode *n;

	if (b->is_oom)
		return NULL;
	n = xmlNewChild(parent, b->ns, BAD_CAST name, NULL);
	if (!n) {
		b->is_oom = 1;
		return NULL;
	}
	if (src && src->line > 0)
		n->line = src->line;
	return n;
}

xmlNode *l2e__old_text(l2e__old *b, xmlNode *parent, const char *name,
                       const char *text, const xmlNode *src)
{
	xmlNode *n;

	if (!text || b->is_oom)
		return NULL;
	if (!(n = l2e__old_el(b, parent, name, src)))
		return NULL;
	/* xmlNodeAddContent escapes; xmlNewChild's content would not */
	xmlNodeAddContent(n, BAD_CAST text);
	return n;
}

xmlNode *l2e__old_copy(l2e__old *b, xmlNode *parent, const char *name,
                       const xmlNode *src)
{
	xmlChar *t = l2e__up_text(src);
	xmlNode *n = l2e__old_text(b, parent, name, (const char *)t, src);

	xmlFree(t);
	return n;
}

xmlNode *l2e__old_prune(xmlNode *n)
{
	if (n && !n->children && !n->properties) {
		xmlUnlinkNode(n);
		xmlFreeNode(n);
		return NULL;
	}
	return n;
}

int l2e__old_is_structured(const xmlNode *n)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* A Europass country code (UK, EL) from an ISO one (GB, GR). */
int l2e__old_is_country(const char *code)
{
	return l2e__europass_v3_country(code);
}

static xmlChar *europass_country(xmlChar *code)
{
	if (code && !strcmp((const char *)code, "GB"))
		memcpy(code, "UK", 2);
	else if (code && !strcmp((const char *)code, "GR"))
		memcpy(code, "EL", 2);
	return code;
}

xmlNode *l2e__old_coded(l2e__old *b, xmlNode *parent, const char *name,
                        const xmlNode *src, int (*is_ok)(const char *),
                        const char *what, const char *why)
{
	const xmlNode *code_el = l2e__up_child(src, "code");
	xmlChar *code = NULL;
	xmlNode *n;

	if (!src)
		return NULL;
	n = l2e__old_el(b, parent, name, src);
	if (!l2e__old_is_structured(src)) {
		l2e__old_copy(b, n, "Label", src);
		return l2e__old_prune(n);
	}
	code = l2e__up_text(code_el);
	if (code && is_ok == l2e__old_is_country)
		code = europass_country(code);
	if (code && is_ok && !is_ok((const char *)code)) {
		l2e__up_warn(b->u, code_el, "code",
		             "%s '%s' left out, the label kept: %s", what,
		             (const char *)code, why);
	} else if (code) {
		l2e__old_text(b, n, "Code", (const char *)code, code_el);
	}
	l2e__old_copy(b, n, "Label", l2e__up_child(src, "label"));
	xmlFree(code);
	return l2e__old_prune(n);
}

void l2e__old_address(l2e__old *b, xmlNode *parent, const xmlNode *src)
{
	xmlNode *addr, *contact;

	if (!src)
		return;
	addr = l2e__old_el(b, parent, "Address", src);
	contact = l2e__old_el(b, addr, "Contact", src);
	if (!l2e__old_is_structured(src)) {
		/* one string: the old chain also copied it into PostalCode,
		 * Municipality and the country label */
		l2e__old_copy(b, contact, "AddressLine", src);
	} else {
		l2e__old_copy(b, contact, "AddressLine",
		              l2e__up_child(src, "addressLine"));
		l2e__old_copy(b, contact, "PostalCode",
		              l2e__up_child(src, "postalCode"));
		l2e__old_copy(b, contact, "Municipality",
		              l2e__up_child(src, "municipality"));
		l2e__old_coded(b, contact, "Country",
		               l2e__up_child(src, "country"),
		               l2e__old_is_country, "country code",
		               "not in the v3.4 country list");
	}
	l2e__old_prune(contact);
	l2e__old_prune(addr);
}

/* ==== Dates ==== */

int l2e__old_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Set year/month/day attributes on `n` as far as they are valid. */
static void set_date(l2e__old *b, xmlNode *n, long y, int m, int d)
{
	char v[16];

	snprintf(v, sizeof(v), "%04ld", y);
	xmlSetProp(n, BAD_CAST "year", BAD_CAST v);
	if (m) {
		snprintf(v, sizeof(v), "--%02d", m);
		xmlSetProp(n, BAD_CAST "month", BAD_CAST v);
	}
	if (m && d) {
		snprintf(v, sizeof(v), "---%02d", d);
		xmlSetProp(n, BAD_CAST "day", BAD_CAST v);
	}
	(void)b;
}

/* A date element `name` from year/month/day parts that may be missing
 * or malformed: what is valid stays, the rest is a warning. */
static void make_date(l2e__old *b, xmlNode *parent, const char *name,
                      const xmlNode *src, const char *ys, const char *ms,
                      const char *ds)
{
	long y = 0;
	int m = 0, d = 0;

	if (!ys || strlen(ys) != 4 || !l2e__old_digits(ys, 4)) {
		if (ys || ms || ds)
			l2e__up_warn(b->u, src, "date-year",
			             "date without a (valid) year, which v3.4 "
			             "requires: left out");
		return;
	}
	y = (ys[0] - '0') * 1000 + (ys[1] - '0') * 100 + (ys[2] - '0') * 10 +
	    (ys[3] - '0');
	if (ms) {
		while (*ms == '-')
			ms++;
		if (strlen(ms) == 2 && l2e__old_digits(ms, 2))
			m = (ms[0] - '0') * 10 + (ms[1] - '0');
		if (m < 1 || m > 12) {
			l2e__up_warn(b->u, src, "date-month",
			             "month '%s' is not a month: only the year "
			             "is kept",
			             ms);
			m = 0;
			ds = NULL;
		}
	}
	if (ds && m) {
		while (*ds == '-')
			ds++;
		if (strlen(ds) == 2 && l2e__old_digits(ds, 2))
			d = (ds[0] - '0') * 10 + (ds[1] - '0');
		if (!l2e__date_exists(y, m, d)) {
			l2e__up_warn(b->u, src, "date-day",
			             "day '%s' does not exist in that month: "
			             "only year and month are kept",
			             ds);
			d = 0;
		}
	}
	set_date(b, l2e__old_el(b, parent, name, src), y, m, d);
}

/* A v1/v2 date element with year, month (--MM), day (---DD) children. */
static void parts_date(l2e__old *b, xmlNode *parent, const char *name,
                       const xmlNode *src)
{
	xmlChar *y = l2e__up_text(l2e__up_child(src, "year"));
	xmlChar *m = l2e__up_text(l2e__up_child(src, "month"));
	xmlChar *d = l2e__up_text(l2e__up_child(src, "day"));

	make_date(b, parent, name, src, (const char *)y, (const char *)m,
	          (const char *)d);
	xmlFree(y);
	xmlFree(m);
	xmlFree(d);
}

void l2e__old_period(l2e__old *b, xmlNode *parent, const xmlNode *src)
{
	xmlNode *p;

	if (!src)
		return;
	p = l2e__old_el(b, parent, "Period", src);
	parts_date(b, p, "From", l2e__up_child(src, "from"));
	parts_date(b, p, "To", l2e__up_child(src, "to"));
	l2e__old_prune(p);
}

/* "1987-04-12", "1988-04", "1988"; "--05-14" has no year. */
void l2e__old_birth_date(l2e__old *b, xmlNode *parent, const xmlNode *src)
{
	xmlChar *t = l2e__up_text(src);
	char y[5] = "", m[3] = "", d[3] = "";
	const char *s = (const char *)t;

	if (!s)
		return;
	if (strlen(s) >= 4 && l2e__old_digits(s, 4) && (!s[4] || s[4] == '-')) {
		memcpy(y, s, 4);
		if (s[4] && strlen(s + 5) >= 2) {
			memcpy(m, s + 5, 2);
			if (s[7] == '-' && strlen(s + 8) >= 2)
				memcpy(d, s + 8, 2);
		}
	}
	make_date(b, parent, "Birthdate", src, *y ? y : NULL, *m ? m : NULL,
	          *d ? d : NULL);
	if (!*y && strlen(s))
		l2e__up_warn(b->u, src, "date-year",
		             "birth date '%s' has no year, which v3.4 "
		             "requires: left out",
		             s);
	xmlFree(t);
}
