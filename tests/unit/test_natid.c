/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_natid.c - national identifier detection (core/natid.c).
 */
#include "test.h"

#include "core/buf.h"
#include "core/natid.h"

static void test_natid_checks__bsn(void)
{
	CHECK(l2e__natid_is_bsn("123456782")); /* public test value */
	CHECK(l2e__natid_is_bsn("111222333"));
	CHECK(!l2e__natid_is_bsn("123456789"));
	CHECK(!l2e__natid_is_bsn("000000000"));
	CHECK(l2e__natid_is_bsn("100252333")); /* BSN, not onderwijsnr */
}

static void test_natid_checks__onderwijsnummer(void)
{
	CHECK(l2e__natid_is_onderwijsnummer("101222331"));
	CHECK(!l2e__natid_is_bsn("101222331"));
	CHECK(!l2e__natid_is_onderwijsnummer("100252333"));
	CHECK(!l2e__natid_is_onderwijsnummer("201222331")); /* not 10.. */
}

static void test_natid_find__in_text(void)
{
	CHECK(l2e__natid_find("Mijn BSN is 111222333."));
	CHECK(l2e__natid_find("x123456782"));
	CHECK(l2e__natid_find("onderwijsnummer: 101222331"));
	CHECK(l2e__natid_find("https://ketenid.nl/201703/abc"));
	CHECK(l2e__natid_find("HTTPS://KETENID.NL/201703/ABC"));
	CHECK(l2e__natid_find("zie KetenID.nl/201703/abc"));
	CHECK(!l2e__natid_find("1112223334")); /* ten digits */
	CHECK(!l2e__natid_find("11122233"));   /* eight digits */
	CHECK(!l2e__natid_find("student 0204518"));
	CHECK(!l2e__natid_find("123456789")); /* fails both checks */
	CHECK(!l2e__natid_find(""));
}

static void test_natid_redact__replaces_every_one(void)
{
	l2e_buf out = L2E_BUF_INIT;
	size_t n = 0;

	CHECK_INT(0, l2e__natid_redact(&out,
	                               "a 123456782 b 101222331 c "
	                               "https://ketenid.nl/201703/ff d",
	                               &n));
	CHECK_INT(3, n);
	CHECK_STR("a [verwijderd] b [verwijderd] c [verwijderd] d", out.ptr);
	l2e_buf_dispose(&out);

	CHECK_INT(0, l2e__natid_redact(&out, "nothing 12345 here", &n));
	CHECK_INT(0, n);
	CHECK_STR("nothing 12345 here", out.ptr);
	l2e_buf_dispose(&out);
}

/* 2026-11 privacy guard (issue 7): grouped spellings */
static void test_natid_find__grouped(void)
{
	CHECK(l2e__natid_find("BSN 1234.56.782"));
	CHECK(l2e__natid_find("BSN 123.456.782"));
	CHECK(l2e__natid_find("BSN 123 456 782."));
	CHECK(l2e__natid_find("123-456-782"));
	CHECK(l2e__natid_find("onderwijsnummer 1012.22.331"));
	CHECK(!l2e__natid_find("123.456-782"));   /* mixed separators */
	CHECK(!l2e__natid_find("050 123 4567"));  /* a phone number */
	CHECK(!l2e__natid_find("06 1234 5678"));  /* a mobile number */
	CHECK(!l2e__natid_find("1 123 456 782")); /* part of a longer one */
	CHECK(!l2e__natid_find("123 456 782 9"));
	CHECK(!l2e__natid_find("1234.56.789")); /* fails both checks */
	CHECK(!l2e__natid_find("12-05-2003"));
}

static void test_natid_safe_text__messages(void)
{
	l2e_buf out = L2E_BUF_INIT;

	CHECK_INT(0, l2e__natid_safe_text(&out,
	                                  "key 123456782\n\x1B[2J\x7F "
	                                  "\xC2\x85 \xC3\xA9 \xFF!",
	                                  0));
	CHECK_STR("key [verwijderd]??[2J? ? \xC3\xA9 ?!", out.ptr);
	l2e_buf_dispose(&out);
	/* cut at a character boundary, never inside \xC3\xA9 */
	CHECK_INT(0, l2e__natid_safe_text(&out,
	                                  "ab\xC3\xA9"
	                                  "cd",
	                                  3));
	CHECK_STR("ab...", out.ptr);
	l2e_buf_dispose(&out);
	/* nor inside a number: 1234567825 is no BSN, 123456782 is */
	CHECK_INT(0, l2e__natid_safe_text(&out, "nr 1234567825", 12));
	CHECK_STR("nr ...", out.ptr);
	l2e_buf_dispose(&out);
}

/* A BSN that lost its leading zero (012345672 -> 12345672) is one as a
 * whole value, not inside a text. */
static void test_natid_find__bsn_without_zero(void)
{
	l2e_buf out = L2E_BUF_INIT;
	size_t n = 0;

	CHECK(l2e__natid_find("12345672"));
	CHECK(l2e__natid_find(" 12345672\n"));
	CHECK(!l2e__natid_find("12345673")); /* 012345673 fails */
	CHECK(!l2e__natid_find("KvK 12345672"));
	CHECK(!l2e__natid_find("12345672 (KvK)"));
	CHECK(!l2e__natid_find("123456720"));
	CHECK_INT(0, l2e__natid_redact(&out, "12345672", &n));
	CHECK_INT(1, (long)n);
	CHECK_STR(L2E_REDACTED, out.ptr);
	l2e_buf_dispose(&out);
}

static const test_case cases[] = {
	TEST_CASE(test_natid_find__bsn_without_zero),
	TEST_CASE(test_natid_checks__bsn),
	TEST_CASE(test_natid_checks__onderwijsnummer),
	TEST_CASE(test_natid_find__in_text),
	TEST_CASE(test_natid_redact__replaces_every_one),
	TEST_CASE(test_natid_find__grouped),
	TEST_CASE(test_natid_safe_text__messages),
};

TEST_MAIN(cases)
