/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * curl_lib.h - libcurl, opened when the first URL is used (see
 * core/dlib.c for why). Call l2e__curl_load() first; then
 * l2e__curl.easy_init() is curl_easy_init(), and so on.
 */
#ifndef L2E_NET_CURL_LIB_H
#define L2E_NET_CURL_LIB_H

#include <curl/curl.h>

/* The libcurl functions lob2europass calls, without "curl_" (some are
 * macros of that name in curl.h, which would expand after a "."). */
/* clang-format off */
#define L2E__CURL_FUNCTIONS(X) \
	X(global_init) \
	X(global_cleanup) \
	X(version_info) \
	X(easy_init) \
	X(easy_cleanup) \
	X(easy_reset) \
	X(easy_setopt) \
	X(easy_perform) \
	X(easy_getinfo) \
	X(easy_strerror) \
	X(slist_append) \
	X(slist_free_all) \
	X(free) \
	X(url) \
	X(url_cleanup) \
	X(url_set) \
	X(url_get)
/* clang-format on */

struct l2e__curl_fns {
#define L2E__CURL_FIELD(name) __typeof__(curl_##name) *name;
	L2E__CURL_FUNCTIONS(L2E__CURL_FIELD)
#undef L2E__CURL_FIELD
};

/* Filled by l2e__curl_load(); not to be read before it succeeded. */
extern struct l2e__curl_fns l2e__curl;

/*
 * Opens libcurl and sets it up (curl_global_init), once per process;
 * 0, or -1 with *why saying what failed (for an error message).
 */
int l2e__curl_load(const char **why);

#endif
