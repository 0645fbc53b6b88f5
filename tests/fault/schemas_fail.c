/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * schemas_fail.c - `schemas install` all or nothing, also when memory
 * runs out: install the official set from a folder with the 1st
 * allocation failing, then the 2nd, ... until a run no longer reaches
 * the failing one. Every run must end in L2E_ENOMEM or install the whole
 * set as pinned; after a failed run the schema folder holds what it held
 * before (nothing, or the whole earlier set) and no temporary folder.
 * The sanitizer build (scripts/test.sh sanitize) runs this, so ASan sees
 * every error path. Needs -DL2E_FAULT_INJECTION=ON.
 *
 *   fault_schemas SCHEMA_SOURCE_DIR WORK_DIR
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "lob2europass/lob2europass.h"

/* A temporary folder of install (".v3.4.1-new-..." or "-old-") left? */
static int has_leftovers(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		n += strncmp(e->d_name, ".v3.4.1-", 8) == 0;
	closedir(d);
	return n;
}

/* The number of files of the set in `dir` as pinned. */
static size_t complete(l2e_ctx *ctx, const char *dir)
{
	size_t ok = 0;

	l2e__fault_set(0, 0);
	if (l2e_schemas_status(ctx, dir, NULL, NULL, &ok) < 0)
		return 0;
	return ok;
}

/* Fault runs into `dir`; `before`: the files as pinned there first. */
static int runs(l2e_ctx *ctx, const char *from, const char *dir, size_t before)
{
	size_t n_files = l2e_schemas_count(), now;
	unsigned long n;
	int error, fail = 0;

	for (n = 1;; n++) {
		l2e__fault_set(n, 0);
		error = l2e_schemas_install(ctx, dir, from, NULL, NULL, NULL);
		if (!l2e__fault_fired()) {
			l2e__fault_set(0, 0);
			if (error < 0 || complete(ctx, dir) != n_files) {
				printf("FAIL: %s: the clean run: %d\n", dir,
				       error);
				fail++;
			}
			printf("%s: %lu allocations failed one by one\n", dir,
			       n - 1);
			return fail;
		}
		now = complete(ctx, dir);
		if (error != L2E_ENOMEM && !(error == 0 && now == n_files)) {
			printf("FAIL: allocation %lu: %d, not ENOMEM\n", n,
			       error);
			fail++;
		}
		if (error < 0 && now != before) {
			printf("FAIL: allocation %lu: %zu files as pinned, "
			       "%zu before\n",
			       n, now, before);
			fail++;
		}
		if (has_leftovers(dir)) {
			printf("FAIL: allocation %lu: a temporary folder "
			       "left in %s\n",
			       n, dir);
			fail++;
		}
		if (fail > 10)
			return fail;
	}
}

int main(int argc, char **argv)
{
	char fresh[4096], again[4096];
	l2e_ctx *ctx = NULL;
	int fail = 0;

	if (argc != 3) {
		fputs("usage: fault_schemas SCHEMA_SOURCE_DIR WORK_DIR\n",
		      stderr);
		return 2;
	}
	snprintf(fresh, sizeof(fresh), "%s/fresh", argv[2]);
	snprintf(again, sizeof(again), "%s/again", argv[2]);
	if (l2e_ctx_new(&ctx, NULL) < 0)
		return 1;
	/* into a folder with no set, then over a whole set */
	fail += runs(ctx, argv[1], fresh, 0);
	l2e__fault_set(0, 0);
	if (l2e_schemas_install(ctx, again, argv[1], NULL, NULL, NULL) < 0) {
		printf("FAIL: the first install into %s\n", again);
		fail++;
	}
	fail += runs(ctx, argv[1], again, l2e_schemas_count());
	l2e_ctx_free(ctx);
	printf("%s\n", fail ? "FAILED" : "passed");
	return fail ? 1 : 0;
}
