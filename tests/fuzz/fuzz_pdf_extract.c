/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_pdf_extract.c - the XML out of a Europass PDF (libqpdf, and the
 * name tree, annotation and inflate code around it) on any bytes: an
 * XML or an error, never a crash, a hang or unbounded memory; an error
 * is one line that quotes no national identifier.
 */
#include <stdint.h>
#include <string.h>

#include <lob2europass/lob2europass.h>

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static l2e_ctx *ctx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	l2e_buf xml = L2E_BUF_INIT;
	const char *msg;

	if (!ctx) {
		l2e_ctx_options o = L2E_CTX_OPTIONS_INIT;

		l2e_global_init();
		o.max_input_bytes = 1u << 20; /* a bomb stops at 1 MiB */
		if (l2e_ctx_new(&ctx, &o) < 0)
			fuzz_fail("no context", "setup", "", 0);
	}
	if (l2e_pdf_extract_memory(&xml, ctx, "fuzz.pdf", (const char *)data,
	                           size) < 0) {
		msg = l2e_ctx_error(ctx)->message;
		fuzz_check_private_str("an error", msg);
		if (strchr(msg, '\n'))
			fuzz_fail("an error of more than one line", "error",
			          msg, strlen(msg));
	} else if (xml.len == 0) {
		fuzz_fail("success without XML", "extract", "", 0);
	}
	l2e_buf_dispose(&xml);
	return 0;
}
