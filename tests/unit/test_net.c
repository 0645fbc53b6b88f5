/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_net.c - URLs (net/url.c), client options (net/http.c) and
 * SHA-256 (integrity/sha256.c). The requests themselves are tested
 * against real servers in tests/net.
 */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "net/net_int.h"
#include "lob2europass/integrity.h"

static void test_net_url__is_url(void)
{
	CHECK(l2e_is_url("https://sis.example.nl/api"));
	CHECK(l2e_is_url("http://127.0.0.1:8080/x"));
	CHECK(l2e_is_url("file:///etc/passwd")); /* refused later, not a file */
	CHECK(!l2e_is_url("export.json"));
	CHECK(!l2e_is_url("./https://x"));
	CHECK(!l2e_is_url("-"));
	CHECK(!l2e_is_url("://x"));
	CHECK(!l2e_is_url("C:\\export.json"));
}

static void test_net_url__redacted_keeps_no_secret(void)
{
	l2e_buf out = L2E_BUF_INIT;

	CHECK_INT(0,
	          l2e_url_redacted(&out, "https://user:pw@sis.example.nl:8443"
	                                 "/api/students?token=abc#frag"));
	CHECK_STR("https://sis.example.nl:8443/api/students", out.ptr);
	l2e_buf_dispose(&out);
	CHECK_INT(0, l2e_url_redacted(&out, "https://h.example.nl"));
	CHECK_STR("https://h.example.nl/", out.ptr);
	l2e_buf_dispose(&out);
	CHECK_INT(0, l2e_url_redacted(&out, "https://[bad"));
	CHECK(strstr(out.ptr, "bad") == NULL);
	l2e_buf_dispose(&out);
}

static void test_net_url__set_param_replaces_and_keeps(void)
{
	char *u = NULL;

	CHECK_INT(0, l2e__url_set_param(&u, "https://h/api?year=2025&page=1",
	                                "page", "2"));
	CHECK_STR("https://h/api?year=2025&page=2", u);
	l2e__free(u);
	CHECK_INT(0,
	          l2e__url_set_param(&u, "https://h/api", "pageSize", "100"));
	CHECK_STR("https://h/api?pageSize=100", u);
	l2e__free(u);
	/* a parameter whose name only starts the same stays */
	CHECK_INT(0,
	          l2e__url_set_param(&u, "https://h/a?pages=9", "page", "1"));
	CHECK_STR("https://h/a?pages=9&page=1", u);
	l2e__free(u);
}

static void test_net_url__resolve_and_origin(void)
{
	char *u = NULL;

	CHECK_INT(0, l2e__url_resolve(&u, "https://h/api/students?page=1",
	                              "/api/students?page=2"));
	CHECK_STR("https://h/api/students?page=2", u);
	CHECK(l2e__url_same_origin(u, "https://h:443/other"));
	l2e__free(u);
	CHECK_INT(0, l2e__url_resolve(&u, "https://h/a/b", "c?x=1"));
	CHECK_STR("https://h/a/c?x=1", u);
	l2e__free(u);
	CHECK(!l2e__url_same_origin("https://h/a", "http://h/a"));
	CHECK(!l2e__url_same_origin("https://h/a", "https://h:8443/a"));
	CHECK(!l2e__url_same_origin("https://h/a", "https://evil.example/a"));
	CHECK(!l2e__url_same_origin("https://h/a", "https://h.evil.example/a"));
}

static void test_net_client__refuses_plain_http(void)
{
	l2e_net_options o = L2E_NET_OPTIONS_INIT;
	const char *scheme = NULL;
	l2e_net *net = NULL;
	l2e_ctx *ctx = NULL;

	CHECK_INT(0, l2e_ctx_new(&ctx, NULL));
	CHECK_INT(0, l2e_net_new(&net, ctx, &o));
	CHECK_INT(L2E_ENET,
	          l2e__net_check_scheme(net, ctx, "http://h/", "h", NULL));
	CHECK_CONTAINS(l2e_ctx_error(ctx)->message, "only https://");
	CHECK_INT(L2E_ENET,
	          l2e__net_check_scheme(net, ctx, "ftp://h/", "h", NULL));
	CHECK_INT(0,
	          l2e__net_check_scheme(net, ctx, "https://h/", "h", &scheme));
	CHECK_STR("https", scheme);
	l2e_net_free(net);
	o.allow_http = 1;
	CHECK_INT(0, l2e_net_new(&net, ctx, &o));
	CHECK_INT(0,
	          l2e__net_check_scheme(net, ctx, "http://h/", "h", &scheme));
	CHECK_STR("http", scheme);
	CHECK_INT(L2E_ENET, l2e__net_check_scheme(
	                        net, ctx, "file:///etc/passwd", "f", NULL));
	l2e_net_free(net);
	o.version = 99;
	CHECK_INT(L2E_ERROR, l2e_net_new(&net, ctx, &o));
	CHECK(net == NULL);
	l2e_ctx_free(ctx);
}

static void test_integrity_sha256__known_values(void)
{
	char hex[L2E_SHA256_HEX_SIZE];
	l2e_ctx *ctx = NULL;

	CHECK_INT(0, l2e_ctx_new(&ctx, NULL));
	/* FIPS 180-2 test vectors */
	CHECK_INT(0, l2e_sha256_hex(hex, ctx, "abc", 3));
	CHECK_STR("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f"
	          "20015ad",
	          hex);
	CHECK_INT(0, l2e_sha256_hex(hex, ctx, NULL, 0));
	CHECK_STR("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7"
	          "852b855",
	          hex);
	CHECK_INT(L2E_ENOTFOUND,
	          l2e_sha256_file_hex(hex, ctx, "/nonexistent/l2e"));
	l2e_ctx_free(ctx);
}

static const test_case cases[] = {
	TEST_CASE(test_net_url__is_url),
	TEST_CASE(test_net_url__redacted_keeps_no_secret),
	TEST_CASE(test_net_url__set_param_replaces_and_keeps),
	TEST_CASE(test_net_url__resolve_and_origin),
	TEST_CASE(test_net_client__refuses_plain_http),
	TEST_CASE(test_integrity_sha256__known_values),
};

TEST_MAIN(cases)
