/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * file.h - read a whole file (or standard input) with a size cap.
 */
#ifndef L2E_CORE_FILE_H
#define L2E_CORE_FILE_H

#include "core/ctx.h"

/**
 * Read `path` ("-" = standard input) into `out`, refusing more than
 * `max` bytes with L2E_ELIMIT naming `limit_name`.
 * @return 0, L2E_ENOTFOUND, L2E_EIO, L2E_ELIMIT or L2E_ENOMEM
 */
int l2e__file_read(l2e_buf *out, l2e_ctx *ctx, const char *path, size_t max,
                   const char *limit_name);

#endif
