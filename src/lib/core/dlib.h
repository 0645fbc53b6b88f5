/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dlib.h - a shared library opened when a run first needs it.
 */
#ifndef L2E_CORE_DLIB_H
#define L2E_CORE_DLIB_H

#include <stddef.h>

/*
 * Opens the library `soname`; NULL with dlerror()'s text in why. It
 * stays open until the process ends.
 */
void *l2e__dlib_open(const char *soname, char *why, size_t size);

/*
 * The function `name` of lib into *fn (a function pointer's address,
 * as POSIX's dlsym() page does it); 0, or -1 with why.
 */
int l2e__dlib_sym(void *lib, const char *name, void **fn, char *why,
                  size_t size);

/*
 * fn runs at l2e_global_cleanup(): the clean-up of a library that was
 * opened and set up (at most 4).
 */
void l2e__dlib_at_cleanup(void (*fn)(void));

/* Runs the clean-ups in reverse order; for l2e_global_cleanup(). */
void l2e__dlib_cleanup(void);

#endif
