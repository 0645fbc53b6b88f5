/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_validate.c - the validator (src/lib/validate) on any bytes, with
 * its built-in checks (no schema files): it must give a report, never
 * crash, and quote no national identifier in a finding.
 */
#include <stdint.h>
#include <string.h>

#include <lob2europass/lob2europass.h>

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static l2e_ctx *ctx;
static l2e_validator *validator;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	l2e_report *r = NULL;
	size_t i;

	if (!validator) {
		l2e_global_init();
		if (l2e_ctx_new(&ctx, NULL) < 0 ||
		    l2e_validator_new(&validator, ctx, NULL) < 0)
			fuzz_fail("no validator", "setup", "", 0);
	}
	if (l2e_validate_memory(&r, validator, "fuzz.doc", (const char *)data,
	                        size) < 0)
		return 0;
	for (i = 0; i < l2e_report_count(r); i++)
		fuzz_check_private_str("a finding",
		                       l2e_report_diag(r, i)->message);
	l2e_report_free(r);
	return 0;
}
