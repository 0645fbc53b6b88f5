/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_draft.c - `mapping init` (src/lib/draft/) on hostile exports. The
 * bytes are written to a file and drafted as JSON, XML or CSV (the
 * drafter sniffs the first byte), and once more as a CSV bundle folder
 * of two tables (the bytes, and the same bytes again), and once more as
 * the files of a spread export (draft_spread*.c: p-1.json and
 * p-1-items.json given, sub/1.json beside them; the bytes are split into
 * these three at lines "---", else each gets them all). The drafter may
 * refuse the input with an error; when it drafts, the draft must be
 * valid UTF-8 JSON, load as a mapping, and never hold a national
 * identifier (the check of fuzz_check.h, independent of core/natid.c).
 */
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lob2europass/lob2europass.h>

#include "fuzz_check.h"

static l2e_ctx *ctx;
static char dir[64];

static void write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f))
		fuzz_fail("cannot write the input", path, NULL, 0);
}

/* The parts of `data` between lines "---" into the three files (the
 * whole into each when there is no such line). */
static void write_parts(char files[][192], const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size, *cut;
	size_t i;

	for (i = 0; i < 3; i++) {
		cut = NULL;
		for (const uint8_t *q = p; q + 5 <= end; q++)
			if (!memcmp(q, "\n---\n", 5)) {
				cut = q;
				break;
			}
		if (!cut && i == 0) {
			for (i = 0; i < 3; i++)
				write_file(files[(i + 1) % 3], data, size);
			return;
		}
		write_file(files[(i + 1) % 3], p,
		           (size_t)((cut && i < 2 ? cut : end) - p));
		p = cut && i < 2 ? cut + 5 : end;
	}
}

static void draft_n(const char *const *inputs, size_t n)
{
	l2e_buf out = L2E_BUF_INIT;
	l2e_mapping *map = NULL;

	if (l2e_mapping_draft(&out, ctx, inputs, n,
	                      L2E_FUZZ_MAPPINGS "/init/synonyms.json") < 0) {
		l2e_buf_dispose(&out);
		return;
	}
	fuzz_check_utf8("the draft", out.ptr, out.len);
	fuzz_check_json("the draft", out.ptr, out.len);
	fuzz_check_private("the draft", out.ptr, out.len);
	if (l2e_mapping_load_memory(&map, ctx, "draft.json", out.ptr, out.len,
	                            L2E_FUZZ_CODELISTS) < 0)
		fuzz_fail("the draft does not load as a mapping", "draft.json",
		          out.ptr, out.len);
	l2e_mapping_free(map);
	l2e_buf_dispose(&out);
}

static void draft(const char *input)
{
	draft_n(&input, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char file[128], bundle[128], table[160];

	if (!ctx) {
		l2e_ctx_options o = L2E_CTX_OPTIONS_INIT;

		o.max_input_bytes = 1u << 20;
		if (l2e_ctx_new(&ctx, &o) < 0)
			fuzz_fail("no context", "setup", NULL, 0);
		snprintf(dir, sizeof(dir), "/tmp/l2e-fuzz-draft-%ld",
		         (long)getpid());
		mkdir(dir, 0700);
	}
	snprintf(file, sizeof(file), "%s/export", dir);
	write_file(file, data, size);
	draft(file);
	snprintf(bundle, sizeof(bundle), "%s/bundle", dir);
	mkdir(bundle, 0700);
	snprintf(table, sizeof(table), "%s/students.csv", bundle);
	write_file(table, data, size);
	snprintf(table, sizeof(table), "%s/lists.csv", bundle);
	write_file(table, data, size);
	draft(bundle);
	{
		char spread[128], files[3][192];
		const char *inputs[2];

		snprintf(spread, sizeof(spread), "%s/spread", dir);
		mkdir(spread, 0700);
		snprintf(files[0], sizeof(files[0]), "%s/sub", spread);
		mkdir(files[0], 0700);
		snprintf(files[0], sizeof(files[0]), "%s/sub/1.json", spread);
		snprintf(files[1], sizeof(files[1]), "%s/p-1.json", spread);
		snprintf(files[2], sizeof(files[2]), "%s/p-1-items.json",
		         spread);
		write_parts(files, data, size);
		inputs[0] = files[1];
		inputs[1] = files[2];
		draft_n(inputs, 2);
	}
	return 0;
}
