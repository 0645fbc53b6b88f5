/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dlib.c - a shared library opened when a run first needs it.
 *
 * Why: libcurl (HTTPS) and libqpdf (PDF attachments) bring some forty
 * libraries with them. Loading and relocating those took 5 ms of every
 * run, more than converting 300 dossiers, also in runs that read a
 * file and no PDF. They are opened by the soname the build was made
 * against (the headers' ABI) and never closed: OpenSSL, which libcurl
 * sets up, is not made to be unloaded while the process runs.
 */
#include "core/dlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#define MAX_CLEANUPS 4

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void (*cleanups[MAX_CLEANUPS])(void);
static int n_cleanups;

void *l2e__dlib_open(const char *soname, char *why, size_t size)
{
	void *lib;
	const char *err;

	/* dlerror() is per thread: the text read is this call's */
	if ((lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL)))
		return lib;
	err = dlerror();
	snprintf(why, size, "%s", err ? err : soname);
	return NULL;
}

int l2e__dlib_sym(void *lib, const char *name, void **fn, char *why,
                  size_t size)
{
	const char *err;

	(void)dlerror();
	*fn = dlsym(lib, name);
	if (*fn)
		return 0;
	err = dlerror();
	snprintf(why, size, "%s", err ? err : name);
	return -1;
}

void l2e__dlib_at_cleanup(void (*fn)(void))
{
	pthread_mutex_lock(&lock);
	if (n_cleanups < MAX_CLEANUPS)
		cleanups[n_cleanups++] = fn;
	pthread_mutex_unlock(&lock);
}

void l2e__dlib_cleanup(void)
{
	pthread_mutex_lock(&lock);
	while (n_cleanups > 0)
		cleanups[--n_cleanups]();
	pthread_mutex_unlock(&lock);
}
