/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * qpdf_lib.c - libqpdf, opened when the first PDF is read.
 */
#include "legacy/qpdf_lib.h"

#include <pthread.h>
#include <stdio.h>

#include "core/dlib.h"

#ifndef L2E_QPDF_SONAME
#error "L2E_QPDF_SONAME: the build names the libqpdf it was made against"
#endif

struct l2e__qpdf_fns l2e__qpdf;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int is_loaded;
static char why_not[320];

static void load(void)
{
	char why[256];
	void *lib = l2e__dlib_open(L2E_QPDF_SONAME, why, sizeof(why));

	if (!lib)
		goto failed;
#define L2E__QPDF_SYM(name)                                                  \
	if (l2e__dlib_sym(lib, "qpdf_" #name, (void **)&l2e__qpdf.name, why, \
	                  sizeof(why)) < 0)                                  \
		goto failed;
	L2E__QPDF_FUNCTIONS(L2E__QPDF_SYM)
#undef L2E__QPDF_SYM
	is_loaded = 1;
	return;
failed:
	snprintf(why_not, sizeof(why_not),
	         "reading a PDF needs libqpdf (" L2E_QPDF_SONAME "): %s", why);
}

int l2e__qpdf_load(const char **why)
{
	if (pthread_once(&once, load) != 0 || !is_loaded) {
		*why = *why_not ? why_not : "libqpdf could not be opened";
		return -1;
	}
	return 0;
}
