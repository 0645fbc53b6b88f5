/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_upgrade.c - the upgrade of old Europass documents
 * (src/lib/legacy) on any bytes: it must give a document or an error,
 * never crash, quote no national identifier in a finding or an error,
 * and be idempotent: what it gives, upgraded again, comes back
 * unchanged.
 */
#include <stdint.h>
#include <string.h>

#include <lob2europass/lob2europass.h>

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static l2e_ctx *ctx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	l2e_upgrade *up = NULL, *again = NULL;
	const l2e_report *r;
	const char *out, *out2;
	size_t i, len, len2;

	if (!ctx) {
		l2e_global_init();
		if (l2e_ctx_new(&ctx, NULL) < 0)
			fuzz_fail("no context", "setup", "", 0);
	}
	if (l2e_upgrade_memory(&up, ctx, "fuzz.doc", (const char *)data, size,
	                       NULL) < 0) {
		fuzz_check_private_str("an error", l2e_ctx_error(ctx)->message);
		return 0;
	}
	r = l2e_upgrade_report(up);
	for (i = 0; i < l2e_report_count(r); i++)
		fuzz_check_private_str("a finding",
		                       l2e_report_diag(r, i)->message);
	out = l2e_upgrade_output(up, &len);
	if (l2e_upgrade_is_changed(up)) {
		if (l2e_upgrade_memory(&again, ctx, "again.doc", out, len,
		                       NULL) < 0)
			fuzz_fail("an upgraded document does not upgrade",
			          "again", l2e_ctx_error(ctx)->message,
			          strlen(l2e_ctx_error(ctx)->message));
		out2 = l2e_upgrade_output(again, &len2);
		if (l2e_upgrade_is_changed(again) || len2 != len ||
		    memcmp(out, out2, len))
			fuzz_fail("upgrade is not idempotent", "again", out,
			          len);
	}
	l2e_upgrade_free(again);
	l2e_upgrade_free(up);
	return 0;
}
