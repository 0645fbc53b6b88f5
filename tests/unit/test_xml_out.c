/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_xml_out.c - the XML emitter against libxml2's text writer.
 *
 * The writers use xml_out.c instead of xmlTextWriter for speed, on the
 * promise of the same bytes. Here both write the same documents (a few
 * by hand, then random ones: random nesting, empty elements, empty and
 * hostile texts and attribute values) and must agree byte for byte, so
 * libxml2 stays the reference for escaping and layout.
 */
#include "test.h"

#include <stdlib.h>

#include "core/buf.h"
#include "write/xml_out.h"
#include "xml_pair.h"

static void test_xml_out_layout__by_hand(void)
{
	pair p;

	pair_begin(&p);
	pair_start(&p, "Root");
	pair_attr(&p, "xmlns", "urn:x");
	pair_attr(&p, "a", "<\"&'>\t\n\r\xc3\xa9");
	pair_start(&p, "Empty");
	pair_end(&p);
	pair_leaf(&p, "EmptyText", "");
	pair_leaf(&p, "Text", "a<b>&\"c\"\r\n\t'\x01\xe2\x82\xac");
	pair_start(&p, "Nested");
	pair_start(&p, "Deeper");
	pair_attr(&p, "year", "2024");
	pair_end(&p);
	pair_leaf(&p, "Leaf", "x");
	pair_end(&p);
	pair_end(&p);
	pair_check(&p);
}

static void test_xml_out_layout__unclosed_at_finish(void)
{
	pair p;

	pair_begin(&p);
	pair_start(&p, "Root");
	pair_start(&p, "Open");
	pair_leaf(&p, "Leaf", "x");
	pair_start(&p, "AlsoOpen");
	pair_check(&p);
}

static unsigned long seed = 20261128;

static size_t pick(size_t n)
{
	return test_pick(&seed, n);
}

/* A random text from pieces that matter to escaping. */
static void random_text(char *s, size_t cap)
{
	static const char *const pieces[] = {
		"a",
		"Z",
		" ",
		"<",
		">",
		"&",
		"\"",
		"'",
		"\t",
		"\n",
		"\r",
		"\x01",
		"\x1f",
		"\x7f",
		"]]>",
		"&amp;",
		"\xc3\xa9",
		"\xe2\x82\xac",
		"\xf0\x9f\x98\x80",
	};

	test_random_text(&seed, s, cap, pieces,
	                 sizeof(pieces) / sizeof(pieces[0]), 12);
}

static void test_xml_out_layout__random_documents(void)
{
	static const char *const names[] = { "A", "Bb", "Ccc", "x:D", "E-1" };
	char text[128];
	int round, step, depth, can_attr;
	pair p;

	for (round = 0; round < 500; round++) {
		pair_begin(&p);
		pair_start(&p, "Root");
		depth = 1;
		can_attr = 1;
		for (step = 0; step < 40; step++) {
			const char *name = names[pick(5)];

			switch (pick(can_attr ? 4 : 3)) {
			case 0:
				if (depth < 20) {
					pair_start(&p, name);
					depth++;
					can_attr = 1;
				}
				break;
			case 1:
				if (depth > 1) {
					pair_end(&p);
					depth--;
					can_attr = 0;
				}
				break;
			case 2:
				random_text(text, sizeof(text));
				pair_leaf(&p, name, text);
				can_attr = 0;
				break;
			default:
				random_text(text, sizeof(text));
				pair_attr(&p, name, text);
				break;
			}
		}
		pair_check(&p);
		if (test_failures_in_case)
			break; /* one report is enough */
	}
}

static void test_xml_out_errors__misuse_is_sticky(void)
{
	l2e__xml_out x;
	l2e_buf out = L2E_BUF_INIT;

	l2e__xml_begin(&x, &out);
	l2e__xml_end(&x); /* nothing open */
	l2e__xml_start(&x, "A");
	CHECK_INT(L2E_ERROR, l2e__xml_finish(&x));
	l2e_buf_dispose(&out);
}

static const test_case cases[] = {
	TEST_CASE(test_xml_out_layout__by_hand),
	TEST_CASE(test_xml_out_layout__unclosed_at_finish),
	TEST_CASE(test_xml_out_layout__random_documents),
	TEST_CASE(test_xml_out_errors__misuse_is_sticky),
};

TEST_MAIN(cases)
