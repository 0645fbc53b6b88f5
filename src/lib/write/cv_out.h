/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cv_out.h - the Europass CV's XML emitter: xml_out (the emitter of
 * every XML writer) held to the CV structure table.
 *
 * There is no XSD to write the CV against. Its structure is the table
 * of europass/cv_spec.c, and every element goes through
 * l2e__cvo_start(), which refuses one the table does not allow at that
 * place, out of order or too often, and l2e__cvo_end(), which refuses
 * to close an element that lacks a required child. A refusal is a bug
 * in the writer (write_europass_cv.c); the structural checker
 * (validate/cv_check.c) reads the same table.
 *
 * The error is sticky, as xml_out's: emit freely, check `failed` (and
 * `refused`) once at the end.
 */
#ifndef L2E_WRITE_CV_OUT_H
#define L2E_WRITE_CV_OUT_H

#include <stddef.h>

#include "europass/cv_spec.h"
#include "model/profile.h"
#include "write/xml_out.h"

/* Deeper than the CV goes. */
#define L2E__CVO_MAX_DEPTH 12

typedef struct l2e__cvo {
	l2e__xml_out xml;
	int failed;          /* refused, or memory outside the emitter */
	const char *refused; /* the element the table refused */
	const char *missing; /* ... or the required child it lacks */
	size_t depth;
	int row[L2E__CVO_MAX_DEPTH];       /* spec rows of the open elements */
	unsigned rank[L2E__CVO_MAX_DEPTH]; /* rank of the last child of each */
	unsigned char count[L2E__CVO_MAX_DEPTH]
	                   [L2E__CV_MAX_CHILDREN]; /* per rank */
} l2e__cvo;

/** Start a CV in `out` (appended to): its declaration. */
void l2e__cvo_begin(l2e__cvo *x, l2e_buf *out);
/** Open `qname` ("hr:DegreeName") where the table allows it. */
void l2e__cvo_start(l2e__cvo *x, const char *qname);
/** Close the innermost element; it must have its required children. */
void l2e__cvo_end(l2e__cvo *x);
/** An attribute of the element just opened. */
void l2e__cvo_attr(l2e__cvo *x, const char *name, const char *value);
/** The text of the element just opened (after its attributes). */
void l2e__cvo_text(l2e__cvo *x, const char *s);
/** <qname>s</qname>, nothing when s is NULL. */
void l2e__cvo_leaf(l2e__cvo *x, const char *qname, const char *s);
/** A date as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD. */
void l2e__cvo_format_date(char buf[16], const l2e__date *d);
/** <wrapper><hr:FormattedDateTime>date</...></wrapper>, as precise as
 * the source (YYYY, YYYY-MM or YYYY-MM-DD); nothing when unset. */
void l2e__cvo_date(l2e__cvo *x, const char *wrapper, const l2e__value *v);
/**
 * <qname> holding up to two plain texts as the escaped HTML the portal
 * keeps in its rich-text fields (a <p> per paragraph, <br> per line
 * break); nothing when both are NULL.
 */
void l2e__cvo_rich(l2e__cvo *x, const char *qname, const char *a,
                   const char *b);
/** A country in EC spelling, lower case; nothing when iso is NULL. */
void l2e__cvo_country(l2e__cvo *x, const char *qname, const char *iso);

#endif
