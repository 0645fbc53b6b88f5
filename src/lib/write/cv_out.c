/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cv_out.c - the Europass CV's XML emitter: xml_out.c (the emitter of
 * every XML writer) held to the CV structure table (see cv_out.h).
 */
#include "write/cv_out.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "europass/cv_spec.h"

void l2e__cvo_begin(l2e__cvo *x, l2e_buf *out)
{
	memset(x, 0, sizeof(*x));
	l2e__xml_begin_standalone(&x->xml, out);
}

static void refuse(l2e__cvo *x, const char *element, const char *missing)
{
	x->refused = element;
	x->missing = missing;
	x->failed = 1;
}

static int ns_of(const char *qname, const char **local)
{
	const char *colon = strchr(qname, ':');
	const char *prefix;
	int i;

	*local = colon ? colon + 1 : qname;
	if (!colon)
		return L2E__CV_NS_EUROPASS;
	for (i = 0; i < L2E__CV_NS__N; i++) {
		prefix = l2e__cv_ns_prefix((l2e__cv_ns)i);
		if (prefix && strlen(prefix) == (size_t)(colon - qname) &&
		    strncmp(prefix, qname, strlen(prefix)) == 0)
			return i;
	}
	return -1;
}

/* Open `qname` ("hr:DegreeName") where the table allows it. */
void l2e__cvo_start(l2e__cvo *x, const char *qname)
{
	const l2e__cv_elem *e;
	const char *local;
	int ns, row;
	size_t d = x->depth;

	if (x->failed)
		return;
	ns = ns_of(qname, &local);
	row = ns < 0 || d == L2E__CVO_MAX_DEPTH
	          ? -1
	          : l2e__cv_spec_child(d ? x->row[d - 1] : -1, (l2e__cv_ns)ns,
	                               local);
	if (row < 0) {
		refuse(x, qname, NULL);
		return;
	}
	e = &l2e__cv_spec[row];
	if (d) {
		if (e->order < x->rank[d - 1] ||
		    (e->max_occurs &&
		     x->count[d - 1][e->order] >= e->max_occurs)) {
			refuse(x, qname, NULL);
			return;
		}
		x->rank[d - 1] = e->order;
		x->count[d - 1][e->order]++;
	}
	l2e__xml_start(&x->xml, qname);
	x->row[d] = row;
	x->rank[d] = 0;
	memset(x->count[d], 0, sizeof(x->count[d]));
	x->depth++;
}

/* Close the innermost element; it must have its required children. */
void l2e__cvo_end(l2e__cvo *x)
{
	const l2e__cv_elem *e;
	size_t i, d = x->depth - 1;

	if (x->failed)
		return;
	for (i = 0; i < l2e__cv_spec_n; i++) {
		e = &l2e__cv_spec[i];
		if (e->parent == x->row[d] &&
		    x->count[d][e->order] < e->min_occurs) {
			refuse(x, l2e__cv_spec[x->row[d]].name, e->name);
			return;
		}
	}
	l2e__xml_end(&x->xml);
	x->depth--;
}

void l2e__cvo_attr(l2e__cvo *x, const char *name, const char *value)
{
	if (!x->failed)
		l2e__xml_attr(&x->xml, name, value);
}

void l2e__cvo_text(l2e__cvo *x, const char *s)
{
	if (!x->failed)
		l2e__xml_text(&x->xml, s);
}

/* <qname>s</qname>, nothing when s is NULL */
void l2e__cvo_leaf(l2e__cvo *x, const char *qname, const char *s)
{
	if (!s)
		return;
	l2e__cvo_start(x, qname);
	l2e__cvo_text(x, s);
	l2e__cvo_end(x);
}

/* YYYY, YYYY-MM or YYYY-MM-DD: the precision the source had */
void l2e__cvo_format_date(char buf[16], const l2e__date *d)
{
	if (d->day)
		snprintf(buf, 16, "%04d-%02d-%02d", d->year, d->month, d->day);
	else if (d->month)
		snprintf(buf, 16, "%04d-%02d", d->year, d->month);
	else
		snprintf(buf, 16, "%04d", d->year);
}

/* <wrapper><hr:FormattedDateTime>date</...></wrapper> */
void l2e__cvo_date(l2e__cvo *x, const char *wrapper, const l2e__value *v)
{
	char buf[16];

	if (!v || !v->is_set)
		return;
	l2e__cvo_format_date(buf, &v->date);
	l2e__cvo_start(x, wrapper);
	l2e__cvo_leaf(x, "hr:FormattedDateTime", buf);
	l2e__cvo_end(x);
}

/* Skip a run of line breaks and blanks at *s; return the breaks. */
static size_t skip_breaks(const char **s)
{
	size_t n = 0;

	for (; **s == '\n' || **s == ' ' || **s == '\t'; (*s)++)
		n += **s == '\n';
	return n;
}

/*
 * Plain text as the escaped HTML the portal keeps in its rich-text
 * fields: a <p> per paragraph (blank-line separated), <br> per line
 * break, & < > escaped. Appends to `out`.
 */
static int html(l2e_buf *out, const char *s)
{
	size_t breaks;
	int error = 0;

	while (s && *s && !error) {
		error = l2e__buf_puts(out, "<p>");
		while (*s && !error) {
			if (*s == '\n') {
				breaks = skip_breaks(&s);
				if (breaks > 1 || !*s)
					break;
				error = l2e__buf_puts(out, "<br>");
				continue;
			}
			error = *s == '&'   ? l2e__buf_puts(out, "&amp;")
			        : *s == '<' ? l2e__buf_puts(out, "&lt;")
			        : *s == '>' ? l2e__buf_puts(out, "&gt;")
			                    : l2e__buf_putc(out, *s);
			s++;
		}
		if (!error)
			error = l2e__buf_puts(out, "</p>");
	}
	return error;
}

/* <qname> holding the HTML of up to two texts, nothing when both NULL */
void l2e__cvo_rich(l2e__cvo *x, const char *qname, const char *a, const char *b)
{
	l2e_buf buf = L2E_BUF_INIT;

	if ((!a && !b) || x->failed)
		return;
	if (html(&buf, a) < 0 || html(&buf, b) < 0)
		x->failed = 1;
	else
		l2e__cvo_leaf(x, qname, buf.ptr);
	l2e_buf_dispose(&buf);
}

void l2e__cvo_country(l2e__cvo *x, const char *qname, const char *iso)
{
	char code[3];

	if (!iso)
		return;
	l2e__cv_country(code, iso);
	l2e__cvo_leaf(x, qname, code);
}
