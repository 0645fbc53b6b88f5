/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * encoding.h - bring exports to UTF-8.
 *
 * Dutch school systems write UTF-8 (often with a byte order mark, so that
 * Excel recognises it) or Windows-1252. A file is taken as UTF-8 when it
 * has a BOM or is valid UTF-8, and as Windows-1252 otherwise, unless the
 * mapping declares the encoding.
 */
#ifndef L2E_CORE_ENCODING_H
#define L2E_CORE_ENCODING_H

#include <stddef.h>

#include "lob2europass/common.h"

/**
 * Append `data` to `out` as UTF-8, without a BOM. `declared` is NULL
 * (detect), "utf-8" or "windows-1252". *used (may be NULL) names the
 * encoding applied. Returns 0, L2E_EPARSE when declared UTF-8 is not
 * (with *bad_at the byte offset), or L2E_ENOMEM.
 */
int l2e__to_utf8(l2e_buf *out, const char *data, size_t len,
                 const char *declared, const char **used, size_t *bad_at);

#endif
