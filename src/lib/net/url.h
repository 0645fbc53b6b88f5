/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * url.h - URLs taken apart and put together (url.c, on libcurl's URL
 * API); no libcurl types here.
 */
#ifndef L2E_NET_URL_H
#define L2E_NET_URL_H

#include <stddef.h>

/** `ref` resolved against `base`; *out freed with l2e__free(). */
int l2e__url_resolve(char **out, const char *base, const char *ref);

/** 1 when both URLs have the same scheme, host and port. */
int l2e__url_same_origin(const char *a, const char *b);

/**
 * `url` with query parameter `name` set to `value` (an existing one of
 * that name is replaced); *out freed with l2e__free().
 */
int l2e__url_set_param(char **out, const char *url, const char *name,
                       const char *value);

/** The URL's scheme in lower case into `out` (size bytes); 0 or -1. */
int l2e__url_scheme(char *out, size_t size, const char *url);

#endif
