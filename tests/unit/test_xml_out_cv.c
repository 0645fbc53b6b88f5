/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_xml_out_cv.c - the XML emitter as the Europass CV writer uses it,
 * against libxml2's text writer (which that writer used before).
 *
 * The CV adds two calls to what test_xml_out.c covers: a declaration
 * with standalone="yes" and text right after an element's attributes
 * (<hr:FamilyName prefix="van der">Testra</hr:FamilyName>). Both
 * writers make the same calls, by hand and at random, and must agree
 * byte for byte.
 */
#include "test.h"

#include <stdlib.h>

#include "core/buf.h"
#include "write/xml_out.h"
#include "xml_pair.h"

static void test_xml_out_cv__by_hand(void)
{
	pair p;

	pair_begin_standalone(&p);
	pair_start(&p, "Candidate");
	pair_attr(&p, "xmlns", "http://www.europass.eu/1.0");
	pair_start(&p, "hr:FamilyName");
	pair_attr(&p, "prefix", "van der");
	pair_text(&p, "Testra");
	pair_end(&p);
	pair_start(&p, "CompetencyID");
	pair_attr(&p, "schemeName", "FREE_TEXT");
	pair_text(&p, "<p>Fries &amp; \"meer\"</p>\r\n");
	pair_end(&p);
	pair_start(&p, "Empty");
	pair_text(&p, "");
	pair_end(&p);
	pair_end(&p);
	pair_check(&p);
}

static unsigned long seed = 20261206;

static void test_xml_out_cv__random_documents(void)
{
	static const char *const pieces[] = { "a",  " ",  "<",    ">",
		                              "&",  "\"", "'",    "\t",
		                              "\n", "\r", "\x01", "\xc3\xa9" };
	static const char *const names[] = { "A", "hr:B", "oa:C" };
	char text[96];
	int round, step, depth;
	pair p;

	for (round = 0; round < 300; round++) {
		pair_begin_standalone(&p);
		pair_start(&p, "Root");
		depth = 1;
		for (step = 0; step < 30; step++) {
			if (test_pick(&seed, 3) == 0 && depth > 1) {
				pair_end(&p);
				depth--;
				continue;
			}
			pair_start(&p, names[test_pick(&seed, 3)]);
			if (test_pick(&seed, 2)) {
				test_random_text(&seed, text, sizeof(text),
				                 pieces, 12, 8);
				pair_attr(&p, "a", text);
			}
			if (test_pick(&seed, 2) || depth >= 10) {
				/* a text element, as the CV writes them */
				test_random_text(&seed, text, sizeof(text),
				                 pieces, 12, 8);
				pair_text(&p, text);
				pair_end(&p);
			} else {
				depth++;
			}
		}
		pair_check(&p);
		if (test_failures_in_case)
			break; /* one report is enough */
	}
}

static void test_xml_out_cv__text_needs_an_open_tag(void)
{
	l2e__xml_out x;
	l2e_buf out = L2E_BUF_INIT;

	l2e__xml_begin_standalone(&x, &out);
	l2e__xml_start(&x, "A");
	l2e__xml_leaf(&x, "B", "b");
	l2e__xml_text(&x, "mixed content"); /* after a child: refused */
	CHECK_INT(L2E_ERROR, l2e__xml_finish(&x));
	l2e_buf_dispose(&out);
}

static const test_case cases[] = {
	TEST_CASE(test_xml_out_cv__by_hand),
	TEST_CASE(test_xml_out_cv__random_documents),
	TEST_CASE(test_xml_out_cv__text_needs_an_open_tag),
};

TEST_MAIN(cases)
