/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_util.c - the utility tier: the JSON escaper against cJSON, the
 * calendar, integer parsing, grouping, atomic files, capped reads.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "core/utf8.h"
#include "util/alloc.h"
#include "util/atomic_file.h"
#include "util/civil_date.h"
#include "util/group.h"
#include "util/html_escape.h"
#include "util/json_escape.h"
#include "util/parse_int.h"
#include "util/read_file.h"

/* What l2e__json_escape makes of s, quoted, as a malloc'd string. The
 * input is copied to a block of exactly len bytes, so that a sanitizer
 * run catches a read past its end. */
static char *quoted(const char *s, size_t len)
{
	char *o = malloc(L2E_JSON_ESCAPE_ROOM(len) + 3), *end;
	char *in = malloc(len ? len : 1);

	memcpy(in, s, len);
	o[0] = '"';
	end = l2e__json_escape(o + 1, in, len);
	*end++ = '"';
	*end = '\0';
	free(in);
	return o;
}

/*
 * Random strings of every byte 1-255 (cJSON stops at NUL), short and
 * long, runs of escapes and plain stretches across the 8-byte steps:
 * the escaper must write exactly what cJSON_PrintUnformatted writes.
 */
static void test_util_json_escape__equals_cjson_on_random_strings(void)
{
	unsigned long seed = 20261206;
	char s[300];
	int round;

	for (round = 0; round < 20000; round++) {
		size_t len = test_pick(&seed, sizeof(s)), i;
		cJSON *str;
		char *theirs, *ours;

		for (i = 0; i < len; i++) {
			/* bias to the bytes that matter, across all 255 */
			static const char special[] = "\"\\/\x7f\xc3\xa9";
			size_t kind = test_pick(&seed, 4);

			if (kind == 0)
				s[i] = (char)(1 + test_pick(&seed, 31));
			else if (kind == 1)
				s[i] = special[test_pick(&seed, 6)];
			else
				s[i] = (char)(1 + test_pick(&seed, 255));
		}
		s[len] = '\0';
		str = cJSON_CreateString(s);
		theirs = cJSON_PrintUnformatted(str);
		ours = quoted(s, len);
		if (strcmp(theirs, ours) != 0) {
			test_fail(__FILE__, __LINE__,
			          "round %d: cJSON %s, ours %s", round, theirs,
			          ours);
			round = 20000;
		}
		free(ours);
		cJSON_free(theirs);
		cJSON_Delete(str);
	}
}

static void test_util_json_escape__nul_and_controls(void)
{
	char *o = quoted("a\0b\n\x1f\t", 6);

	CHECK_STR("\"a\\u0000b\\n\\u001f\\t\"", o);
	free(o);
}

/* l2e__utf8_valid byte by byte, as it was before it took blocks. */
static int utf8_valid_bytewise(const unsigned char *u, size_t len,
                               size_t *bad_at)
{
	size_t i = 0, n;

	while (i < len) {
		n = u[i] ? l2e__utf8_seq(u + i, len - i) : 0;
		if (!n) {
			*bad_at = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

/*
 * Random texts, mostly ASCII with now and then a NUL, a valid or a
 * broken sequence, at every offset of the 8- and 16-byte steps: the
 * same verdict and the same first bad byte as byte by byte. Each text
 * is an exact-size block, so a sanitizer run catches a read past it.
 */
static void test_util_utf8_valid__equals_bytewise(void)
{
	static const char *const pieces[] = {
		"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
		"\xc3",     "\x80",         "\xed\xa0\x80",
		""
	};
	unsigned long seed = 20261206;
	int round;

	for (round = 0; round < 20000; round++) {
		size_t len = 0, want = 80 + test_pick(&seed, 60), k;
		unsigned char *u = malloc(want + 4);
		size_t ours_at = 0, theirs_at = 0;
		int ours, theirs;

		while (len < want) {
			k = test_pick(&seed, 200); /* one in 50 broken */
			if (k < 7) {
				memcpy(u + len, pieces[k], strlen(pieces[k]));
				len += strlen(pieces[k]);
				if (k == 6)
					u[len++] = '\0';
			} else {
				u[len++] = (unsigned char)(' ' + k % 95);
			}
		}
		u = realloc(u, len); /* exactly len bytes */
		ours = l2e__utf8_valid((const char *)u, len, &ours_at);
		theirs = utf8_valid_bytewise(u, len, &theirs_at);
		if (ours != theirs || (!ours && ours_at != theirs_at)) {
			test_fail(__FILE__, __LINE__,
			          "round %d: %d at %zu, byte by byte %d at %zu",
			          round, ours, ours_at, theirs, theirs_at);
			round = 20000;
		}
		free(u);
	}
}

static void test_util_html_escape__markup_is_text(void)
{
	const char *s = "<b a='x'>&\"\xc3\xab</b>";
	char o[L2E_HTML_ESCAPE_ROOM(32)];
	char *end = l2e__html_escape(o, s, strlen(s));

	*end = 0;
	CHECK_STR("&lt;b a=&#39;x&#39;&gt;&amp;&quot;\xc3\xab&lt;/b&gt;", o);
	end = l2e__html_escape(o, "\"\"\"", 3);
	CHECK_INT(18, end - o); /* the room is enough at worst */
}

static void test_util_civil_date__leap_years_and_month_ends(void)
{
	CHECK(l2e__date_exists(2024, 2, 29));
	CHECK(!l2e__date_exists(2023, 2, 29));
	CHECK(!l2e__date_exists(1900, 2, 29));
	CHECK(l2e__date_exists(2000, 2, 29));
	CHECK(!l2e__date_exists(2025, 4, 31));
	CHECK(l2e__date_exists(2025, 12, 31));
	CHECK(!l2e__date_exists(2025, 13, 1));
	CHECK(!l2e__date_exists(2025, 0, 1));
	CHECK(!l2e__date_exists(2025, 1, 0));
	CHECK_INT(0, l2e__days_in_month(2025, 13));
	CHECK_INT(0, l2e__days_from_civil(1970, 1, 1));
	CHECK_INT(-1, l2e__days_from_civil(1969, 12, 31));
	CHECK_INT(11016, l2e__days_from_civil(2000, 2, 29));
	CHECK_INT(20793, l2e__days_from_civil(2026, 12, 6));
	CHECK_INT(-135080, l2e__days_from_civil(1600, 3, 1));
}

static void test_util_parse_int__whole_string_in_range(void)
{
	long v = 7;

	CHECK_INT(0, l2e__parse_long("42", (size_t)-1, 0, 100, &v));
	CHECK_INT(42, v);
	CHECK_INT(0, l2e__parse_long("-5", (size_t)-1, -10, 10, &v));
	CHECK_INT(-5, v);
	CHECK_INT(-1, l2e__parse_long("", (size_t)-1, 0, 100, &v));
	CHECK_INT(-1, l2e__parse_long("-", (size_t)-1, -9, 100, &v));
	CHECK_INT(-1, l2e__parse_long(" 4", (size_t)-1, 0, 100, &v));
	CHECK_INT(-1, l2e__parse_long("4x", (size_t)-1, 0, 100, &v));
	CHECK_INT(-2, l2e__parse_long("101", (size_t)-1, 0, 100, &v));
	CHECK_INT(-2, l2e__parse_long("99999999999999999999999", (size_t)-1, 0,
	                              LONG_MAX, &v));
	CHECK_INT(0, l2e__parse_long("-9223372036854775808", (size_t)-1,
	                             LONG_MIN, 0, &v));
	CHECK(v == LONG_MIN);
	CHECK_INT(0, l2e__parse_long("123abc", 3, 0, 1000, &v));
	CHECK_INT(123, v);
}

static void test_util_group__first_appearance_and_input_order(void)
{
	const char *keys[] = { "b", "a", "b", NULL, "a", "c", "" };
	l2e__groups g;
	static const size_t order[] = { 0, 2, 1, 4, 3, 6, 5 };
	static const size_t starts[] = { 0, 2, 4, 6, 7 };
	size_t i;

	CHECK_INT(0, l2e__group_by_key(&g, keys, 7));
	CHECK_INT(4, g.n_groups);
	for (i = 0; i < 7; i++)
		CHECK_INT(order[i], g.order[i]);
	for (i = 0; i < 5; i++)
		CHECK_INT(starts[i], g.starts[i]);
	l2e__groups_dispose(&g);
	CHECK_INT(0, l2e__group_by_key(&g, keys, 0));
	CHECK_INT(0, g.n_groups);
	l2e__groups_dispose(&g);
}

static void test_util_atomic_file__replaces_whole_or_not_at_all(void)
{
	char dir[] = "/tmp/l2e-util-XXXXXX", path[256], *data;
	l2e__atomic_file a;
	struct stat st;
	size_t len;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/doc.xml", dir);
	CHECK_INT(0, l2e__atomic_write(path, "old", 3, 0644));
	/* an aborted write leaves the old file and no temporary */
	CHECK(l2e__atomic_begin(&a, path) >= 0);
	fputs("half", l2e__atomic_stream(&a));
	l2e__atomic_abort(&a);
	CHECK_INT(L2E_READ_OK, l2e__read_file(path, 100, &data, &len));
	CHECK_STR("old", data);
	l2e__free(data);
	CHECK_INT(-1, access(a.tmp[0] ? a.tmp : "/nonexistent", F_OK));
	/* a committed stream replaces it, with the mode asked */
	CHECK(l2e__atomic_begin(&a, path) >= 0);
	fputs("new!", l2e__atomic_stream(&a));
	CHECK_INT(0, l2e__atomic_commit(&a, 0600));
	CHECK_INT(0, stat(path, &st));
	CHECK_INT(0600, st.st_mode & 0777);
	CHECK_INT(L2E_READ_OK, l2e__read_file(path, 100, &data, &len));
	CHECK_STR("new!", data);
	CHECK_INT(4, len);
	l2e__free(data);
	/* capped reads and the failures */
	CHECK_INT(L2E_READ_TOO_BIG, l2e__read_file(path, 3, &data, &len));
	CHECK(data == NULL);
	CHECK_INT(L2E_READ_IS_DIR, l2e__read_file(dir, 100, &data, &len));
	unlink(path);
	CHECK_INT(L2E_READ_NOT_FOUND, l2e__read_file(path, 100, &data, &len));
	/* a folder that does not exist: begin fails, nothing to clean */
	snprintf(path, sizeof(path), "%s/none/doc.xml", dir);
	CHECK_INT(-1, l2e__atomic_begin(&a, path));
	CHECK_INT(ENOENT, errno);
	rmdir(dir);
}

/* A named pipe stands for /dev/null or /dev/stdout: written into, never
 * renamed over (which would put a file where a device was). */
static void test_util_atomic_file__a_pipe_is_written_not_replaced(void)
{
	char dir[] = "/tmp/l2e-util-XXXXXX", path[256], link[256], got[16];
	struct stat st;
	int keep;
	ssize_t n;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/pipe", dir);
	CHECK_INT(0, mkfifo(path, 0600));
	/* held open for reading and writing, so the write does not block */
	keep = open(path, O_RDWR | O_NONBLOCK);
	CHECK(keep >= 0);
	CHECK_INT(1, l2e__atomic_is_device(path));
	CHECK_INT(0, l2e__atomic_write(path, "abc", 3, 0644));
	CHECK_INT(0, lstat(path, &st));
	CHECK(S_ISFIFO(st.st_mode));
	n = read(keep, got, sizeof(got));
	CHECK_INT(3, n);
	CHECK(n == 3 && memcmp(got, "abc", 3) == 0);
	/* through a link, as /dev/stdout is one: the link stays too */
	snprintf(link, sizeof(link), "%s/out", dir);
	CHECK_INT(0, symlink(path, link));
	CHECK_INT(0, l2e__atomic_write(link, "de", 2, 0644));
	CHECK_INT(0, lstat(link, &st));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_INT(2, read(keep, got, sizeof(got)));
	close(keep);
	unlink(link);
	unlink(path);
	CHECK_INT(0, rmdir(dir)); /* no temporary file left beside it */
}

static const test_case cases[] = {
	TEST_CASE(test_util_json_escape__equals_cjson_on_random_strings),
	TEST_CASE(test_util_json_escape__nul_and_controls),
	TEST_CASE(test_util_utf8_valid__equals_bytewise),
	TEST_CASE(test_util_html_escape__markup_is_text),
	TEST_CASE(test_util_civil_date__leap_years_and_month_ends),
	TEST_CASE(test_util_parse_int__whole_string_in_range),
	TEST_CASE(test_util_group__first_appearance_and_input_order),
	TEST_CASE(test_util_atomic_file__replaces_whole_or_not_at_all),
	TEST_CASE(test_util_atomic_file__a_pipe_is_written_not_replaced),
};

TEST_MAIN(cases)
