/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_cli_lists.c - what convert remembers of every document, kept on
 * disk instead of in memory (src/cli/spool.c, manifest.c, keyset.c,
 * state.c): built here with blocks of a few hundred bytes, so that a few
 * thousand names make many sorted runs, and checked against the plain
 * answer (everything in memory, qsort, strcmp).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keyset.h"
#include "manifest.h"
#include "spool.h"
#include "state.h"
#include "test.h"

#define N_NAMES 5000

static char names[N_NAMES][40];

static void make_names(unsigned long seed)
{
	size_t i;

	/* shuffled, of different lengths, some the prefix of another */
	for (i = 0; i < N_NAMES; i++)
		snprintf(names[i], sizeof(names[i]), "S%zu%s.europass.xml",
		         test_pick(&seed, 100000), i % 7 ? "" : "-x");
	for (i = 0; i < N_NAMES; i++) /* unique: the index at the end */
		snprintf(names[i] + strlen(names[i]),
		         sizeof(names[i]) - strlen(names[i]), ".%zu", i);
}

static void sha_of(char sha[L2E_SHA256_HEX_SIZE], size_t i)
{
	size_t k;

	for (k = 0; k < 64; k++)
		sha[k] = "0123456789abcdef"[(i * 31 + k * 7) % 16];
	sha[64] = '\0';
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The text SHA256SUMS must have: the names kept, sorted by strcmp. */
static char *expected_sums(const int *kept)
{
	char **sorted = malloc(N_NAMES * sizeof(*sorted));
	char *text = malloc(N_NAMES * 120 + 1), sha[L2E_SHA256_HEX_SIZE];
	size_t i, n = 0, len = 0;

	text[0] = '\0';
	for (i = 0; i < N_NAMES; i++)
		if (kept[i])
			sorted[n++] = names[i];
	qsort(sorted, n, sizeof(*sorted), by_str);
	for (i = 0; i < n; i++) {
		sha_of(sha, (size_t)((char(*)[40])sorted[i] - names));
		len += (size_t)sprintf(text + len, "%s  %s\n", sha, sorted[i]);
	}
	free(sorted);
	return text;
}

static void test_cli_lists_manifest__runs_merge_to_the_sorted_text(void)
{
	static int kept[N_NAMES];
	char sha[L2E_SHA256_HEX_SIZE], *text, *want;
	manifest m;
	size_t i, len = 0;

	memset(&m, 0, sizeof(m));
	make_names(7);
	for (i = 0; i < N_NAMES; i++) {
		sha_of(sha, i);
		CHECK_INT(0, manifest_add(&m, names[i], sha));
		kept[i] = 1;
		/* a document that failed after it was noted, now and then
		 * long after (its record spilled to disk already) */
		if (i % 97 == 5) {
			manifest_forget(&m, names[i - (i % 2 ? 0 : 3)]);
			kept[i - (i % 2 ? 0 : 3)] = 0;
		}
	}
	CHECK(m.n_runs > 20); /* the merge is what is tested */
	want = expected_sums(kept);
	text = manifest_text(&m, &len);
	CHECK(text != NULL);
	CHECK_INT(strlen(want), len);
	CHECK(text && strcmp(want, text) == 0);
	free(text);
	/* asked twice, the same text */
	text = manifest_text(&m, &len);
	CHECK(text && strcmp(want, text) == 0);
	free(text);
	/* --prune's view: the same names, in name order */
	{
		size_t n = manifest_count(&m), k;
		const char *line = want;

		for (k = 0; k < n && line && *line; k++) {
			const char *nl = strchr(line, '\n');

			CHECK(strncmp(line + 66, manifest_name(&m, k),
			              (size_t)(nl - line - 66)) == 0);
			CHECK_INT(nl - line - 66, strlen(manifest_name(&m, k)));
			line = nl + 1;
		}
		CHECK_INT(k, n);
		CHECK(*line == '\0');
	}
	free(want);
	manifest_dispose(&m);
}

static void test_cli_lists_manifest__empty_and_small_stay_in_memory(void)
{
	char sha[L2E_SHA256_HEX_SIZE], *text, want[200];
	manifest m;
	size_t len = 7;

	memset(&m, 0, sizeof(m));
	text = manifest_text(&m, &len);
	CHECK(text != NULL);
	CHECK_INT(0, len);
	free(text);
	sha_of(sha, 1);
	CHECK_INT(0, manifest_add(&m, "b.xml", sha));
	CHECK_INT(0, manifest_add(&m, "a.xml", sha));
	CHECK_INT(0, m.n_runs);
	CHECK_INT(0, m.runs.is_open); /* no temporary file at all */
	text = manifest_text(&m, &len);
	snprintf(want, sizeof(want), "%s  a.xml\n%s  b.xml\n", sha, sha);
	CHECK_STR(want, text);
	free(text);
	manifest_dispose(&m);
}

static void test_cli_lists_keyset__exact_over_growth_and_spool(void)
{
	keyset set;
	size_t i;

	memset(&set, 0, sizeof(set));
	make_names(11);
	for (i = 0; i < N_NAMES; i++)
		CHECK_INT(1, keyset_add(&set, names[i]));
	/* every name again, after the table grew and the names went to
	 * the file: all known, none added */
	for (i = 0; i < N_NAMES; i++)
		CHECK_INT(0, keyset_add(&set, names[i]));
	CHECK_INT(N_NAMES, set.n);
	CHECK(set.names.is_open);
	/* a prefix or an extension of a known name is another name */
	CHECK_INT(1, keyset_add(&set, "S1"));
	CHECK_INT(0, keyset_add(&set, "S1"));
	CHECK_INT(1, keyset_add(&set, ""));
	CHECK_INT(0, keyset_add(&set, ""));
	keyset_dispose(&set);
}

static void test_cli_lists_spool__reads_across_file_and_buffer(void)
{
	char big[100000], back[100000];
	spool s;
	off_t at;
	size_t i;

	memset(&s, 0, sizeof(s));
	for (i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	CHECK_INT(0, spool_append(&s, "head", 4, &at));
	CHECK_INT(0, at);
	CHECK_INT(0, spool_append(&s, big, sizeof(big), &at)); /* > buffer */
	CHECK_INT(4, at);
	CHECK_INT(0, spool_append(&s, "tail", 4, &at));
	CHECK_INT(4 + (off_t)sizeof(big), at);
	CHECK_INT(8 + (off_t)sizeof(big), s.size);
	CHECK_INT(sizeof(big), spool_read(&s, 4, back, sizeof(big)));
	CHECK(memcmp(big, back, sizeof(big)) == 0);
	/* one read from the file and the buffer both, and past the end */
	CHECK_INT(8, spool_read(&s, at - 4, back, 100));
	CHECK(memcmp(back, big + sizeof(big) - 4, 4) == 0);
	CHECK(memcmp(back + 4, "tail", 4) == 0);
	CHECK_INT(0, spool_read(&s, s.size, back, 10));
	spool_truncate(&s, 6);
	CHECK_INT(6, s.size);
	CHECK_INT(0, spool_append(&s, "XY", 2, &at));
	CHECK_INT(8, spool_read(&s, 0, back, 100));
	CHECK(memcmp(back, "headabXY", 8) == 0);
	spool_dispose(&s);
}

static void test_cli_lists_state__saved_in_order_without_the_forgotten(void)
{
	static const char *const exts[] = { ".europass.xml" };
	char dir[] = "/tmp/l2e-test-state-XXXXXX", path[200], line[200];
	run_state s;
	size_t i, n = 0;
	FILE *f;

	CHECK(mkdtemp(dir) != NULL);
	CHECK_INT(0, state_load(&s, dir, "europass-xml", exts, 1));
	for (i = 0; i < 3000; i++) {
		char stem[40];

		snprintf(stem, sizeof(stem), "STU-%05zu", 3000 - i);
		CHECK_INT(0, state_note(&s, stem, "0123456789abcdef"));
		if (i == 10 || i == 2999)
			state_forget(&s, stem);
	}
	CHECK_INT(0, state_save(&s));
	state_dispose(&s);
	snprintf(path, sizeof(path), "%s/.lob2europass-state", dir);
	f = fopen(path, "r");
	CHECK(f != NULL);
	while (f && fgets(line, sizeof(line), f)) {
		char want[200];
		size_t k = n < 10 ? n : n + 1; /* the 11th was taken back */

		snprintf(want, sizeof(want),
		         "STU-%05zu 0123456789abcdef europass-xml\n", 3000 - k);
		CHECK_STR(want, line);
		n++;
	}
	CHECK_INT(2998, n);
	if (f)
		fclose(f);
	/* read back by the next run: unchanged when the fingerprint, the
	 * formats and the file are the same */
	CHECK_INT(0, state_load(&s, dir, "europass-xml", exts, 1));
	CHECK_INT(2998, s.n_old);
	snprintf(line, sizeof(line), "%s/STU-01234.europass.xml", dir);
	f = fopen(line, "w");
	CHECK(f != NULL);
	if (f)
		fclose(f);
	CHECK_INT(1, state_is_unchanged(&s, "STU-01234", "0123456789abcdef"));
	CHECK_INT(0, state_is_unchanged(&s, "STU-01234", "0123456789abcdee"));
	CHECK_INT(0, state_is_unchanged(&s, "STU-01235", "0123456789abcdef"));
	CHECK_INT(0, state_is_unchanged(&s, "STU-00001", "0123456789abcdef"));
	state_dispose(&s);
	CHECK_INT(0, state_load(&s, dir, "europass-json", exts, 1));
	CHECK_INT(0, state_is_unchanged(&s, "STU-01234", "0123456789abcdef"));
	state_dispose(&s);
	unlink(line);
	unlink(path);
	rmdir(dir);
}

static const test_case cases[] = {
	TEST_CASE(test_cli_lists_manifest__runs_merge_to_the_sorted_text),
	TEST_CASE(test_cli_lists_manifest__empty_and_small_stay_in_memory),
	TEST_CASE(test_cli_lists_keyset__exact_over_growth_and_spool),
	TEST_CASE(test_cli_lists_spool__reads_across_file_and_buffer),
	TEST_CASE(test_cli_lists_state__saved_in_order_without_the_forgotten),
};

TEST_MAIN(cases)
