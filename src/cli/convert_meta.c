/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * convert_meta.c - what a report says about its run: the tool and its
 * version, the mapping (name, file and SHA-256), the inputs (names
 * redacted as in every message), the start time and the duration.
 *
 * Only the report carries it: the documents stay the same for the same
 * inputs, whenever and however long the run.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd_convert.h"
#include "json_line.h"

static double monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void convert_meta_start(convert_run *r)
{
	r->started = time(NULL);
	r->started_mono = monotonic();
}

/* A name as the report may show it: redacted, never raw. */
static void redacted_str(json_line *l, const char *name)
{
	l2e_buf b = L2E_BUF_INIT;

	if (l2e_input_name_redacted(&b, name) == 0 && b.ptr)
		json_line_str(l, b.ptr);
	else
		json_line_str(l, "?");
	l2e_buf_dispose(&b);
}

char *convert_meta_json(const convert_run *r, const char *map_path)
{
	char sha[L2E_SHA256_HEX_SIZE], when[32], secs[32];
	json_line l = JSON_LINE_INIT;
	struct tm tm;
	char *out = NULL;
	int i;

	json_line_raw(&l, "{\"tool\": \"lob2europass\", \"version\": ");
	json_line_str(&l, l2e_version());
	json_line_raw(&l, ", \"mapping\": {\"name\": ");
	json_line_str(&l, r->mapping_name ? r->mapping_name : "");
	json_line_raw(&l, ", \"file\": ");
	redacted_str(&l, map_path);
	if (l2e_sha256_file_hex(sha, r->ctx, map_path) == 0) {
		json_line_raw(&l, ", \"sha256\": ");
		json_line_str(&l, sha);
	}
	json_line_raw(&l, "}, \"inputs\": [");
	for (i = 0; i < r->o->args.n_positional; i++) {
		json_line_raw(&l, i ? ", " : "");
		redacted_str(&l, r->o->args.positional[i]);
	}
	json_line_raw(&l, "], \"started\": ");
	gmtime_r(&r->started, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_line_str(&l, when);
	snprintf(secs, sizeof(secs), ", \"duration_seconds\": %.3f}",
	         monotonic() - r->started_mono);
	json_line_raw(&l, secs);
	if (!l.is_failed)
		out = strdup(l.ptr);
	json_line_dispose(&l);
	return out;
}
