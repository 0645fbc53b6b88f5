/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * xml_pair.h - the XML emitter (write/xml_out.c) and libxml2's text
 * writer side by side, for the tests that hold the one to the other's
 * bytes (test_xml_out.c, test_xml_out_cv.c).
 *
 * Every call is made on both; pair_check() finishes both, compares the
 * documents byte for byte and frees everything.
 */
#ifndef L2E_TEST_XML_PAIR_H
#define L2E_TEST_XML_PAIR_H

#include <libxml/xmlwriter.h>

#include "core/buf.h"
#include "write/xml_out.h"

typedef struct pair {
	l2e__xml_out ours;
	l2e_buf out;
	xmlBufferPtr ref_buf;
	xmlTextWriterPtr ref;
	int ref_failed;
} pair;

/* A document with the plain declaration (l2e__xml_begin). */
void pair_begin(pair *p);
/* A document with standalone="yes" (l2e__xml_begin_standalone). */
void pair_begin_standalone(pair *p);

void pair_start(pair *p, const char *name);
void pair_attr(pair *p, const char *name, const char *value);
void pair_leaf(pair *p, const char *name, const char *text);
void pair_text(pair *p, const char *text);
void pair_end(pair *p);

/* Finish both and compare; frees everything. */
void pair_check(pair *p);

#endif
