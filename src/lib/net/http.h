/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * http.h - what the rest of the library asks of the HTTP client
 * (http.c): a GET with the client's rules, and its scheme check.
 * No libcurl types here: those stay inside net/ (net_int.h).
 */
#ifndef L2E_NET_HTTP_H
#define L2E_NET_HTTP_H

#include "core/buf.h"
#include "core/ctx.h"
#include "lob2europass/net.h"

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

#endif
