/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_check.c - check mode: `mapping check` wants every problem of a
 * mapping, each with file:line:col, not only the first. The compiler
 * reports each mistake here as it finds it and, where a mistake leaves
 * the rest of the file readable (another section, another field), goes
 * on to the next one.
 */
#include "map/compile.h"

#include <string.h>

int l2e_mapping_check(l2e_mapping **out, l2e_ctx *ctx, const char *path,
                      l2e_diag_cb cb, void *payload)
{
	l2e_diag d;
	int error;

	L2E_ASSERT_ARG(out && ctx && path && cb);
	l2e__error_clear(ctx);
	error = l2e__mc_load_file(out, ctx, path, cb, payload);
	if (error < 0 && error != L2E_EMAPPING) {
		/* the file could not be read: say so too */
		const l2e_error *e = l2e_ctx_error(ctx);

		memset(&d, 0, sizeof(d));
		d.severity = L2E_SEVERITY_ERROR;
		d.message = e ? e->message : l2e_strerror(error);
		d.file = e && e->file ? e->file : path;
		cb(&d, payload);
	}
	return error;
}
