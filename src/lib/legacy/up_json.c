/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * up_json.c - Europass JSON V3.0-V3.3 to V3.4 (placeholder).
 */
#include "legacy/legacy_int.h"

#include "core/buf.h"

int l2e__up_v3_json(l2e__up *u, const char *data, size_t len, l2e_buf *out);

int l2e__up_v3_json(l2e__up *u, const char *data, size_t len, l2e_buf *out)
{
	(void)data;
	(void)len;
	(void)out;
	return l2e__error_set_at(u->ctx, L2E_ENOTSUPPORTED, L2E_ERRCLASS_READ,
	                         u->name, 0, 0, NULL,
	                         "JSON upgrade not built in yet");
}
