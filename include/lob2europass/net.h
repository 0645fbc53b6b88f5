/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * lob2europass/net.h - exports over HTTPS in, documents over HTTPS out.
 *
 *     l2e_net_new()        a client with its safety rules and credentials
 *     l2e_input_open_url() an export behind an API, fetched page by page
 *     l2e_net_send()       POST or PUT one document to another system,
 *                          or DELETE one there
 *
 * Safe by default: only https:// (http:// only when allow_http is set),
 * TLS certificates always verified, at most 3 redirects and never to
 * another protocol, timeouts and a low-speed limit, a maximum response
 * size enforced while receiving. HTTP error statuses are failures; 5xx,
 * 408, 429 (honouring Retry-After) and time-outs are retried with
 * exponential backoff. Credentials are sent to the server of the URL
 * only, and never appear in a message: URLs in messages carry no user
 * name, password or query string.
 *
 * A client is used by one thread at a time.
 */
#ifndef LOB2EUROPASS_NET_H
#define LOB2EUROPASS_NET_H

#include "context.h"
#include "convert.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct l2e_net l2e_net;

#define L2E_NET_OPTIONS_VERSION 1

#define L2E_NET_DEFAULT_CONNECT_TIMEOUT_MS 10000L
#define L2E_NET_DEFAULT_TIMEOUT_MS         300000L
#define L2E_NET_DEFAULT_LOW_SPEED_SECONDS  60L
#define L2E_NET_DEFAULT_MAX_RESPONSE_BYTES ((size_t)64 << 20)
#define L2E_NET_DEFAULT_RETRIES            3U
#define L2E_NET_DEFAULT_RETRY_DELAY_MS     1000L
#define L2E_NET_DEFAULT_MAX_RETRY_AFTER_S  300L
#define L2E_NET_MAX_REDIRECTS              3L

/**
 * Options of a client. Initialise with L2E_NET_OPTIONS_INIT; 0 means the
 * default (L2E_NET_DEFAULT_*), except for `retries`, where the default
 * needs L2E_NET_OPTIONS_INIT and 0 means "do not retry".
 */
typedef struct l2e_net_options {
	int version;
	int allow_http;            /* also plain http:// (loopback tests) */
	const char *ca_file;       /* an extra trusted CA (PEM); NULL: none */
	const char *bearer_token;  /* secret; NULL: none */
	const char *user;          /* basic auth; NULL: none */
	const char *password;      /* secret */
	long connect_timeout_ms;   /* to connect */
	long timeout_ms;           /* a whole request */
	long low_speed_seconds;    /* abort below 1 byte/s for this long */
	size_t max_response_bytes; /* refused while receiving */
	unsigned retries;          /* retries after the first attempt */
	long retry_delay_ms;       /* first backoff; doubles each retry */
	long max_retry_after_s;    /* a longer Retry-After is a failure */
	const char *user_agent;    /* NULL: "lob2europass/VERSION" */
} l2e_net_options;

#define L2E_NET_OPTIONS_INIT                                                 \
	{                                                                    \
		L2E_NET_OPTIONS_VERSION, 0, NULL, NULL, NULL, NULL, 0, 0, 0, \
		    0, L2E_NET_DEFAULT_RETRIES, 0, 0, NULL                   \
	}

/**
 * A client. The options' strings are copied.
 * @param[out] out  caller frees with l2e_net_free()
 * @return 0, L2E_ENOTSUPPORTED (libcurl without HTTPS) or L2E_ENOMEM
 */
L2E_API int l2e_net_new(l2e_net **out, l2e_ctx *ctx,
                        const l2e_net_options *opts);

/** Release a client; its secrets are wiped from memory. */
L2E_API void l2e_net_free(l2e_net *net);

/** 1 when `s` looks like a URL ("scheme://..."), not a file name. */
L2E_API int l2e_is_url(const char *s);

/**
 * `url` as it may appear in messages and reports: scheme, host, port
 * and path; never a user name, password, query or fragment.
 */
L2E_API int l2e_url_redacted(l2e_buf *out, const char *url);

/**
 * Open an export behind an API. When the mapping's source has "paging",
 * pages are fetched one at a time as the input is read, so memory holds
 * one page, never the whole export. The client is borrowed and must
 * outlive the input.
 * @param[out] out  caller frees with l2e_input_free()
 * @return 0, L2E_ENET (the server could not be reached, refused or
 *         failed), L2E_ELIMIT, L2E_EPARSE, L2E_ENOTSUPPORTED or
 *         L2E_ENOMEM; later pages fail through l2e_input_next_chunk().
 */
L2E_API int l2e_input_open_url(l2e_input **out, l2e_ctx *ctx,
                               const l2e_mapping *map, l2e_net *net,
                               const char *url);

/** One request that sends a document (or, DELETE, takes one back). */
typedef struct l2e_net_request {
	const char *method; /* "POST", "PUT" or "DELETE" (no body) */
	const char *url;
	const char *media_type;      /* Content-Type; NULL for DELETE */
	const char *idempotency_key; /* Idempotency-Key header; may be NULL */
	const char *body;
	size_t len;
} l2e_net_request;

/**
 * Send one document, with the client's safety and retry rules.
 * @param[out] status  the final HTTP status (0 when none came)
 * @return 0 for a 2xx answer; L2E_ENET otherwise (the error says why)
 */
L2E_API int l2e_net_send(l2e_net *net, l2e_ctx *ctx, const l2e_net_request *req,
                         long *status);

#ifdef __cplusplus
}
#endif

#endif
