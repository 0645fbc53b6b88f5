/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cv_spec.h - the Europass CV XML (Candidate) as data.
 *
 * The format the Europass portal imports today has no published XSD
 * (the schemaLocation "Candidate.xsd" does not resolve). Its structure
 * is written down here once, as a table: each row is an element with its
 * parent row, namespace, rank among its siblings, cardinality and kind
 * of content. Two users read the same table:
 *
 *   write_europass_cv.c  refuses to write an element the table does not
 *                        allow where it is, out of order, too often, or
 *                        to close one that lacks a required child;
 *   validate/cv_check.c  walks a parsed document against it.
 *
 * Sources: the Europass CV XML Schema Documentation v3.0.0 (17/02/2020,
 * shared/europass/candidate/docs) and the two example documents beside
 * it. Where they disagree the examples win, since they are what the
 * portal writes and reads back; every such row says so. The table holds
 * only the elements this project writes and those the examples use.
 * Attributes are not checked. An xsd:choice is written as a sequence of
 * optional elements in the documented order.
 */
#ifndef L2E_EUROPASS_CV_SPEC_H
#define L2E_EUROPASS_CV_SPEC_H

#include <stddef.h>

typedef enum l2e__cv_ns {
	L2E__CV_NS_EUROPASS = 0, /* default namespace */
	L2E__CV_NS_HR,
	L2E__CV_NS_OA,
	L2E__CV_NS_EURES,
	L2E__CV_NS__N
} l2e__cv_ns;

typedef enum l2e__cv_content {
	L2E__CV_ELEMENTS = 0, /* child elements; white space between */
	L2E__CV_TEXT,         /* text, possibly empty */
	L2E__CV_DATE,         /* BR-COM-06, see l2e__cv_is_date() */
	L2E__CV_BOOL          /* "true" or "false" */
} l2e__cv_content;

#define L2E__CV_UNBOUNDED 0u

typedef struct l2e__cv_elem {
	int parent; /* row of the parent; -1 for the root */
	l2e__cv_ns ns;
	const char *name; /* local name */
	unsigned order;   /* rank among the parent's children, from 0 */
	unsigned min_occurs;
	unsigned max_occurs; /* L2E__CV_UNBOUNDED: no limit */
	l2e__cv_content content;
} l2e__cv_elem;

/** Ranks are below this, so a checker can count per rank. */
#define L2E__CV_MAX_CHILDREN 24

/** The table; row 0 is the root, Candidate. */
extern const l2e__cv_elem l2e__cv_spec[];
extern const size_t l2e__cv_spec_n;

/** "http://www.europass.eu/1.0", ... */
const char *l2e__cv_ns_uri(l2e__cv_ns ns);
/** "hr", "oa", "eures"; NULL for the default namespace. */
const char *l2e__cv_ns_prefix(l2e__cv_ns ns);
/** The namespace with this URI (NULL: none), or -1. */
int l2e__cv_ns_find(const char *uri);

/** The row of child `name` in `ns` under row `parent`, or -1. */
int l2e__cv_spec_child(int parent, l2e__cv_ns ns, const char *name);

/**
 * BR-COM-06: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss, and a
 * date that exists (no 2025-02-30).
 */
int l2e__cv_is_date(const char *s);

/* ==== Codes ==== */

/**
 * A language code as the CV writes it: ISO 639-2/T (three letters, "eng",
 * "nld") for an ISO 639-1 code, a three-letter (639-3) code as it is.
 * NULL for a two-letter code that is not ISO 639-1.
 */
const char *l2e__cv_language(const char *code);

/**
 * A country as the CV writes it: ISO 3166-1 alpha-2 adapted to EC
 * codification (GR -> el, GB -> uk), lower case as in the examples.
 */
void l2e__cv_country(char out[3], const char *iso);

#endif
