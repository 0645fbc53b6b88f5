/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cv_check.c - walk a Europass CV XML document against the structure
 * table (see cv_check.h and europass/cv_spec.h).
 *
 * The walk descends only into elements the table knows, so its depth is
 * that of the table. Messages are built in a fixed buffer: the check
 * allocates nothing of its own.
 */
#include "validate/cv_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "lob2europass/common.h"
#include "europass/cv_spec.h"

typedef struct walk {
	l2e__cv_report_fn report;
	void *payload;
	int n_findings;
} walk;

static void finding(walk *w, const xmlNode *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void finding(walk *w, const xmlNode *node, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	long line = node ? xmlGetLineNo(node) : 0;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	w->n_findings++;
	if (w->report)
		w->report(line > 0 ? (unsigned)line : 0, msg, w->payload);
}

/* "hr:DegreeName" for a row, into buf */
static const char *qname(char buf[96], int row)
{
	const l2e__cv_elem *e = &l2e__cv_spec[row];
	const char *prefix = l2e__cv_ns_prefix(e->ns);

	snprintf(buf, 96, "%s%s%s", prefix ? prefix : "", prefix ? ":" : "",
	         e->name);
	return buf;
}

/* The node's name as written, at most 60 bytes of it */
static const char *node_name(char buf[96], const xmlNode *node)
{
	const char *prefix = node->ns && node->ns->prefix
	                         ? (const char *)node->ns->prefix
	                         : NULL;

	snprintf(buf, 96, "%s%s%.60s", prefix ? prefix : "", prefix ? ":" : "",
	         (const char *)node->name);
	return buf;
}

static int is_blank(const xmlChar *s)
{
	while (s && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++;
	return !s || !*s;
}

/* The text of a text-only element (one text child, or none). */
static void check_text(walk *w, const xmlNode *node, int row)
{
	const l2e__cv_elem *e = &l2e__cv_spec[row];
	xmlChar *value;
	char name[96];

	if (e->content == L2E__CV_TEXT)
		return;
	value = xmlNodeGetContent(node);
	if (!value) /* out of memory: say so rather than pass */
		finding(w, node, "<%s> could not be read", qname(name, row));
	else if (e->content == L2E__CV_DATE &&
	         !l2e__cv_is_date((const char *)value))
		finding(w, node,
		        "<%s>: \"%.40s\" is not a date (YYYY, "
		        "YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss)",
		        qname(name, row), (const char *)value);
	else if (e->content == L2E__CV_BOOL &&
	         strcmp((const char *)value, "true") != 0 &&
	         strcmp((const char *)value, "false") != 0)
		finding(w, node, "<%s>: \"%.40s\" is not true or false",
		        qname(name, row), (const char *)value);
	xmlFree(value);
}

static void check_element(walk *w, const xmlNode *node, int row)
{
	unsigned count[L2E__CV_MAX_CHILDREN];
	const l2e__cv_elem *e = &l2e__cv_spec[row];
	const xmlNode *child, *last = NULL;
	char name[96], other[96];
	unsigned rank = 0, max;
	size_t i;
	int ns, crow;

	memset(count, 0, sizeof(count));
	for (child = node->children; child; child = child->next) {
		if (child->type == XML_TEXT_NODE ||
		    child->type == XML_CDATA_SECTION_NODE) {
			if (e->content == L2E__CV_ELEMENTS &&
			    !is_blank(child->content))
				finding(w, child,
				        "<%s> holds text; only "
				        "elements belong there",
				        qname(name, row));
			continue;
		}
		if (child->type == XML_ENTITY_REF_NODE) {
			finding(w, child, "<%s> holds an entity reference",
			        qname(name, row));
			continue;
		}
		if (child->type != XML_ELEMENT_NODE)
			continue; /* comments, processing instructions */
		ns = child->ns ? l2e__cv_ns_find((const char *)child->ns->href)
		               : -1;
		crow = ns < 0 ? -1
		              : l2e__cv_spec_child(row, (l2e__cv_ns)ns,
		                                   (const char *)child->name);
		if (crow < 0) {
			finding(w, child, "<%s> is not an element of <%s>%s",
			        node_name(other, child), qname(name, row),
			        e->content == L2E__CV_ELEMENTS
			            ? ""
			            : ", which holds text only");
			continue;
		}
		if (l2e__cv_spec[crow].order < rank)
			finding(w, child,
			        "<%s> comes after <%s> in <%s>; it "
			        "must come before it",
			        qname(other, crow), node_name(name, last),
			        l2e__cv_spec[row].name);
		else
			rank = l2e__cv_spec[crow].order;
		count[l2e__cv_spec[crow].order]++;
		max = l2e__cv_spec[crow].max_occurs;
		if (max && count[l2e__cv_spec[crow].order] == max + 1)
			finding(w, child, "<%s> more than %u time%s in <%s>",
			        qname(other, crow), max, max == 1 ? "" : "s",
			        l2e__cv_spec[row].name);
		last = child;
		check_element(w, child, crow);
	}
	for (i = 0; i < l2e__cv_spec_n; i++)
		if (l2e__cv_spec[i].parent == row &&
		    count[l2e__cv_spec[i].order] < l2e__cv_spec[i].min_occurs)
			finding(w, node, "<%s> lacks <%s>", qname(name, row),
			        qname(other, (int)i));
	check_text(w, node, row);
}

int l2e__cv_check(const xmlDoc *doc, l2e__cv_report_fn report, void *payload)
{
	walk w = { report, payload, 0 };
	const xmlNode *root = xmlDocGetRootElement(doc);
	char name[96];

	if (doc->intSubset || doc->extSubset)
		finding(&w, root, "a DOCTYPE is not expected");
	if (!root) {
		finding(&w, NULL, "no root element");
		return w.n_findings;
	}
	if (!root->ns ||
	    l2e__cv_ns_find((const char *)root->ns->href) !=
	        L2E__CV_NS_EUROPASS ||
	    strcmp((const char *)root->name, l2e__cv_spec[0].name) != 0) {
		finding(&w, root,
		        "the root is <%s>%s%s%s, not <Candidate> "
		        "in %s",
		        node_name(name, root), root->ns ? " in " : "",
		        root->ns ? (const char *)root->ns->href : "",
		        root->ns ? "" : " without a namespace",
		        l2e__cv_ns_uri(L2E__CV_NS_EUROPASS));
		return w.n_findings;
	}
	check_element(&w, root, 0);
	return w.n_findings;
}

int l2e__cv_check_memory(const char *data, size_t len, l2e__cv_report_fn report,
                         void *payload)
{
	xmlParserCtxt *pctx = NULL;
	xmlDoc *doc = NULL;
	const xmlError *e;
	char msg[256];
	size_t n;
	int result;

	if (len > 0x7FFFFFFF)
		return L2E_ELIMIT;
	if (!(pctx = xmlNewParserCtxt()))
		return L2E_ENOMEM;
	/* no XML_PARSE_NOENT or XML_PARSE_DTDLOAD: nothing is expanded */
	doc = xmlCtxtReadMemory(pctx, data, (int)len, "cv.xml", NULL,
	                        XML_PARSE_NONET | XML_PARSE_NOERROR |
	                            XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	if (!doc) {
		e = xmlCtxtGetLastError(pctx);
		snprintf(msg, sizeof(msg), "not well-formed XML: %s",
		         e && e->message ? e->message : "(no message)");
		n = strlen(msg);
		while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
		if (report)
			report(e && e->line > 0 ? (unsigned)e->line : 0, msg,
			       payload);
		result = L2E_EPARSE;
		goto done;
	}
	result = l2e__cv_check(doc, report, payload);
done:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(pctx);
	return result;
}
