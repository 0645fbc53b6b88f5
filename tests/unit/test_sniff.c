/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_sniff.c - knowing an input before reading it (convert/sniff.c):
 * what first bytes look like, and which looks a mapping reads.
 */
#include <string.h>

#include "test.h"
#include "convert/sniff.h"

static l2e__look look_of(const char *s, size_t len)
{
	return l2e__sniff((const unsigned char *)s, len);
}

#define LOOK(s) look_of(s, sizeof(s) - 1)

static void test_sniff__magic_bytes_and_first_look(void)
{
	CHECK_INT(L2E__LOOK_EMPTY, LOOK(""));
	CHECK_INT(L2E__LOOK_EMPTY, LOOK(" \r\n\t"));
	CHECK_INT(L2E__LOOK_EMPTY, LOOK("\xef\xbb\xbf\n"));
	CHECK_INT(L2E__LOOK_JSON, LOOK("\xef\xbb\xbf  {\"items\": []}"));
	CHECK_INT(L2E__LOOK_JSON, LOOK("\n[1]"));
	CHECK_INT(L2E__LOOK_XML, LOOK("<?xml version=\"1.0\"?><a/>"));
	CHECK_INT(L2E__LOOK_TEXT, LOOK("studentnummer;naam\r\n1;Jan\r\n"));
	CHECK_INT(L2E__LOOK_PDF, LOOK("%PDF-1.7\n%\xe2\xe3"));
	CHECK_INT(L2E__LOOK_ZIP, LOOK("PK\003\004\024\000\000\000word/x"));
	CHECK_INT(L2E__LOOK_XLSX,
	          LOOK("PK\003\004\024\000\000\000xl/workbook"));
	CHECK_INT(L2E__LOOK_ZIP, LOOK("PK\005\006\0\0\0\0"));
	CHECK_INT(L2E__LOOK_XLS, LOOK("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"));
	CHECK_INT(L2E__LOOK_GZIP, LOOK("\x1f\x8b\x08\0"));
	CHECK_INT(L2E__LOOK_UTF16, LOOK("\xff\xfe<\0a\0"));
	CHECK_INT(L2E__LOOK_UTF16, LOOK("s\0t\0u\0d\0"));
	CHECK_INT(L2E__LOOK_BINARY, LOOK("abc\0def"));
	CHECK_INT(L2E__LOOK_BINARY, LOOK("\x01\x02\x03\x04 text"));
	/* a broken byte in JSON or XML is for its reader to place */
	CHECK_INT(L2E__LOOK_JSON, LOOK("{\"a\": \"\0\"}"));
	/* one byte, as a stream is looked at */
	CHECK_INT(L2E__LOOK_XML, LOOK("<"));
	CHECK_INT(L2E__LOOK_TEXT, LOOK("s"));
}

static void test_sniff__every_look_has_a_label(void)
{
	int k;

	for (k = L2E__LOOK_EMPTY; k <= L2E__LOOK_BINARY; k++)
		CHECK(strlen(l2e__look_label((l2e__look)k)) > 3);
}

static const test_case cases[] = {
	TEST_CASE(test_sniff__magic_bytes_and_first_look),
	TEST_CASE(test_sniff__every_look_has_a_label),
};

TEST_MAIN(cases)
