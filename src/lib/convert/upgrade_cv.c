/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * upgrade_cv.c - l2e_upgrade_to_cv(): an upgraded old Europass document
 * made into the current Europass CV XML. The two ends live in two rooms
 * that may not call each other: the legacy room reads the upgrade into
 * the learner profile (legacy/to_profile.c), the write room's CV writer
 * writes it. This is the one place that holds both, as convert/ does
 * for an export.
 */
#include <stdio.h>
#include <string.h>

#include "core/ctx.h"
#include "core/pool.h"
#include "legacy/legacy.h"
#include "lob2europass/upgrade.h"
#include "write/writer.h"

int l2e_upgrade_to_cv(l2e_buf *out, l2e_ctx *ctx, l2e_upgrade *u)
{
	l2e__pool pool = L2E__POOL_INIT;
	l2e__profile profile;
	l2e__write_info info;
	const char *xml;
	char generator[64];
	size_t len;
	int error;

	L2E_ASSERT_ARG(out && ctx && u);
	l2e__error_clear(ctx);
	if (l2e_upgrade_is_json(u))
		return l2e__error_set(ctx, L2E_ENOTSUPPORTED,
		                      L2E_ERRCLASS_WRITE,
		                      "only an XML upgrade can be made into "
		                      "the Europass CV; upgrade the XML or PDF "
		                      "version of the document");
	memset(&profile, 0, sizeof(profile));
	profile.pool = &pool;
	xml = l2e_upgrade_output(u, &len);
	if ((error = l2e__legacy_profile(
	         &profile, ctx, l2e__upgrade_findings(u),
	         l2e_report_file(l2e_upgrade_report(u)), xml, len)) < 0)
		goto done;
	snprintf(generator, sizeof(generator), "lob2europass %s",
	         l2e_version());
	info.generator = generator;
	info.document_time = ctx->opts.document_time;
	error = l2e__write_europass_cv(out, ctx, &profile, &info);
done:
	l2e__pool_clear(&pool);
	return error;
}
