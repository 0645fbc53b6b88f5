/*
 * net_int.h - the HTTP client's insides, shared by http.c, url.c and
 * fetch.c.
 */
#ifndef L2E_NET_NET_INT_H
#define L2E_NET_NET_INT_H

#include <curl/curl.h>

#include "lob2europass/net.h"

struct l2e_net {
	CURL *curl; /* one handle: connections are kept between requests */
	l2e_net_options opts;
	char *ca_file;
	char *bearer_token;
	char *user;
	char *password;
	char *user_agent;
};

/**
 * GET `url` into `body` (appended), with the client's rules; `accept` is
 * the Accept header. Messages name `name` (a redacted URL).
 * @return 0, L2E_ENET, L2E_ELIMIT (the response size) or L2E_ENOMEM
 */
int l2e__net_get(l2e_net *net, l2e_ctx *ctx, const char *url, const char *name,
                 const char *accept, l2e_buf *body);

/**
 * 0 when the client may fetch `url`, with *allowed (may be NULL) set to
 * its scheme, "https" or "http"; else an error naming `name`.
 */
int l2e__net_check_scheme(l2e_net *net, l2e_ctx *ctx, const char *url,
                          const char *name, const char **allowed);

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
