/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * write_europass_xml.c - Europass v3.4 XML (SkillsPassport).
 *
 * The XML syntax of the v3.4 tree (europass/v3_tree.c): which elements
 * are written, in which order and with what content is the tree's and
 * the view's business, shared with the JSON writer; here only the
 * spelling: rows as elements, ATTR rows as attributes of their parent,
 * dates as year/month/day attributes, booleans as "true". The
 * conformance test validates every sample against the official schema
 * (v3.4.1). xml_out.c writes what libxml2's text writer would, byte for
 * byte, and does all escaping; nothing is concatenated into markup.
 */
#include "writer.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "europass/v3_tree.h"
#include "write/xml_out.h"

/* `dashes` then `n` as "%02d" (buf holds 16); snprintf was a tenth of
 * the XML writer. */
static const char *two_digits(char *buf, const char *dashes, int n)
{
	size_t k = strlen(dashes);

	if (n < 0 || n > 99) {
		snprintf(buf, 16, "%s%02d", dashes, n);
		return buf;
	}
	memcpy(buf, dashes, k);
	buf[k] = (char)('0' + n / 10 % 10);
	buf[k + 1] = (char)('0' + n % 10);
	buf[k + 2] = '\0';
	return buf;
}

/* The writer's state: the XML and the length of every row's name. */
typedef struct xw {
	l2e__xml_out x;
	const size_t *xml_len;
} xw;

/* Row r's name and its length, measured once (a strlen per element
 * and attribute was 3% of the writer). */
#define NAME(w, r) (r)->xml, (w)->xml_len[(r)-l2e__ev3_tree]
#define LITERAL(s) s, sizeof(s) - 1

static void x_date(void *w, const l2e__ev3_row *r, const l2e__date *d)
{
	l2e__xml_out *x = &((xw *)w)->x;
	char buf[16];
	int y;

	l2e__xml_start_n(x, NAME((xw *)w, r));
	y = d->year;
	if (y >= 0 && y <= 9999) {
		buf[0] = (char)('0' + y / 1000);
		buf[1] = (char)('0' + y / 100 % 10);
		buf[2] = (char)('0' + y / 10 % 10);
		buf[3] = (char)('0' + y % 10);
		buf[4] = '\0';
	} else {
		snprintf(buf, sizeof(buf), "%04d", y);
	}
	l2e__xml_attr_n(x, LITERAL("year"), buf);
	if (d->month)
		l2e__xml_attr_n(x, LITERAL("month"),
		                two_digits(buf, "--", d->month));
	if (d->day)
		l2e__xml_attr_n(x, LITERAL("day"),
		                two_digits(buf, "---", d->day));
	l2e__xml_end(x);
}

static void x_open(void *w, const l2e__ev3_row *r)
{
	l2e__xml_start_n(&((xw *)w)->x, NAME((xw *)w, r));
}

static void x_close(void *w, const l2e__ev3_row *r)
{
	(void)r;
	l2e__xml_end(&((xw *)w)->x);
}

static void x_text(void *w, const l2e__ev3_row *r, const char *text)
{
	if (r->kind == L2E__EV3_ATTR)
		l2e__xml_attr_n(&((xw *)w)->x, NAME((xw *)w, r), text);
	else
		l2e__xml_leaf_n(&((xw *)w)->x, NAME((xw *)w, r), text);
}

static void x_boolean(void *w, const l2e__ev3_row *r)
{
	l2e__xml_leaf_n(&((xw *)w)->x, NAME((xw *)w, r), "true");
}

static const l2e__ev3_syntax xml_syntax = { x_open, x_close, x_text, x_date,
	                                    x_boolean };

int l2e__write_europass_xml(l2e_buf *out, l2e_ctx *ctx, const l2e__profile *p,
                            const l2e__write_info *info)
{
	size_t was = out->len;
	l2e__ev3_doc doc;
	xw w;
	l2e__xml_out *x = &w.x;

	l2e__xml_begin(x, out);
	/* a view that ran out of memory fails the document */
	if (l2e__ev3_doc_open(&doc, p, info->generator, info->document_time) <
	    0) {
		x->error = L2E_ENOMEM;
	} else {
		w.xml_len = doc.links->xml_len;
		l2e__ev3_walk(&doc, &xml_syntax, &w);
	}
	l2e__ev3_doc_dispose(&doc);
	if (l2e__xml_finish(x) == 0)
		return 0;
	/* nothing of a failed document stays in `out` */
	out->len = was;
	if (out->ptr)
		out->ptr[was] = '\0';
	if (x->error == L2E_ENOMEM || x->error == L2E_ELIMIT)
		return l2e__error_set(ctx, x->error, L2E_ERRCLASS_WRITE,
		                      "out of memory");
	return l2e__error_set(ctx, x->error, L2E_ERRCLASS_WRITE,
	                      "Europass XML could not be written");
}
