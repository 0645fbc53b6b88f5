/*
 * fetch.h - an export behind an API, page by page (for input.c).
 */
#ifndef L2E_NET_FETCH_H
#define L2E_NET_FETCH_H

#include "core/ctx.h"
#include "lob2europass/net.h"

typedef struct l2e__fetch l2e__fetch;

int l2e__fetch_open(l2e__fetch **out, l2e_ctx *ctx, l2e_net *net,
                    const l2e_mapping *map, const char *url);

/**
 * The next page into `body` (replacing what it held) and its name for
 * messages (borrowed; lives as long as the fetch).
 * @return 1 with a page, 0 after the last one, or an error
 */
int l2e__fetch_next(l2e__fetch *f, l2e_ctx *ctx, l2e_buf *body,
                    const char **name);

void l2e__fetch_free(l2e__fetch *f);

#endif
