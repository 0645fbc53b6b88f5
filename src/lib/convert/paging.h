/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paging.h - an export behind an API, page by page (for input.c).
 */
#ifndef L2E_CONVERT_PAGING_H
#define L2E_CONVERT_PAGING_H

#include "core/ctx.h"
#include "lob2europass/net.h"

typedef struct l2e__pager l2e__pager;

int l2e__pager_open(l2e__pager **out, l2e_ctx *ctx, l2e_net *net,
                    const l2e_mapping *map, const char *url);

/**
 * The next page into `body` (replacing what it held) and its name for
 * messages (borrowed; lives as long as the pager).
 * @return 1 with a page, 0 after the last one, or an error
 */
int l2e__pager_next(l2e__pager *f, l2e_ctx *ctx, l2e_buf *body,
                    const char **name);

void l2e__pager_free(l2e__pager *f);

#endif
