/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * curl_lib.c - libcurl, opened when the first URL is used.
 */
#include "net/curl_lib.h"

#include <pthread.h>
#include <stdio.h>

#include "core/dlib.h"

#ifndef L2E_CURL_SONAME
#error "L2E_CURL_SONAME: the build names the libcurl it was made against"
#endif

struct l2e__curl_fns l2e__curl;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int is_loaded;
static char why_not[320];

static void cleanup(void)
{
	l2e__curl.global_cleanup();
}

static void load(void)
{
	char why[256];
	void *lib = l2e__dlib_open(L2E_CURL_SONAME, why, sizeof(why));

	if (!lib)
		goto failed;
#define L2E__CURL_SYM(name)                                                  \
	if (l2e__dlib_sym(lib, "curl_" #name, (void **)&l2e__curl.name, why, \
	                  sizeof(why)) < 0)                                  \
		goto failed;
	L2E__CURL_FUNCTIONS(L2E__CURL_SYM)
#undef L2E__CURL_SYM
	if (l2e__curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(why, sizeof(why), "curl_global_init failed");
		goto failed;
	}
	l2e__dlib_at_cleanup(cleanup);
	is_loaded = 1;
	return;
failed:
	snprintf(why_not, sizeof(why_not),
	         "HTTPS needs libcurl (" L2E_CURL_SONAME "): %s", why);
}

int l2e__curl_load(const char **why)
{
	/* thread-safe whatever libcurl's build: the once is ours */
	if (pthread_once(&once, load) != 0 || !is_loaded) {
		*why = *why_not ? why_not : "libcurl could not be set up";
		return -1;
	}
	return 0;
}
