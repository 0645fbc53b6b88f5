/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * up_json.h - the step for JSON V3.0-V3.3 (up_json.c).
 */
#ifndef L2E_LEGACY_UP_JSON_H
#define L2E_LEGACY_UP_JSON_H

#include "core/buf.h"
#include "legacy/up_base.h"

/** JSON V3.0-V3.3 `data` to V3.4 text in `out` (V3.4 input: its very
 * bytes). @return 0, or an error with the reason on ctx */
int l2e__up_v3_json(l2e__up *u, const char *data, size_t len, l2e_buf *out);

#endif
