/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_json_out.c - the JSON tree printer against cJSON_Print.
 *
 * The JSON writer uses json_out.c instead of a cJSON tree for speed, on
 * the promise of the same bytes. Here both build the same trees (one by
 * hand, then random ones: nesting, empty objects and arrays, objects in
 * arrays, hostile texts and names, numbers, booleans) and cJSON_Print
 * and l2e__json_print must agree byte for byte.
 */
#include "test.h"

#include <stdlib.h>

#include <cJSON.h>

#include "core/buf.h"
#include "write/json_out.h"

static unsigned long seed = 20261128;

static size_t pick(size_t n)
{
	return test_pick(&seed, n);
}

static void random_text(char *s, size_t cap)
{
	static const char *const pieces[] = {
		"a",
		"Z",
		" ",
		"\"",
		"\\",
		"/",
		"\t",
		"\n",
		"\r",
		"\b",
		"\f",
		"\x01",
		"\x1f",
		"\x7f",
		"<&>",
		"\xc3\xa9",
		"\xe2\x82\xac",
		"\xf0\x9f\x98\x80",
	};

	test_random_text(&seed, s, cap, pieces,
	                 sizeof(pieces) / sizeof(pieces[0]), 10);
}

/* The same random content under `ours` and `ref` (both objects or both
 * arrays), `depth` levels at most. */
static void fill(l2e__json_tree *t, l2e__json *ours, cJSON *ref, int is_array,
                 int depth)
{
	char buf[64], text[64];
	const char *name;
	int i, n = (int)pick(6), number;
	l2e__json *o;
	cJSON *r;

	/* the writers put no scalars in arrays: those picks add nothing */
	for (i = 0; i < n; i++) {
		random_text(buf, sizeof(buf));
		/* names are borrowed: they must outlive the tree */
		name = l2e__pool_strdup(&t->pool, buf);
		if (!name)
			return;
		switch (pick(depth > 0 ? 5 : 3)) {
		case 0:
			random_text(text, sizeof(text));
			if (is_array)
				break;
			l2e__json_add_string(t, ours, name, text);
			cJSON_AddStringToObject(ref, name, text);
			break;
		case 1:
			if (is_array)
				break;
			number = (int)pick(20000) - 10000;
			l2e__json_add_int(t, ours, name, number);
			cJSON_AddNumberToObject(ref, name, number);
			break;
		case 2:
			if (is_array)
				break;
			number = (int)pick(2);
			l2e__json_add_bool(t, ours, name, number);
			cJSON_AddBoolToObject(ref, name, number);
			break;
		case 3:
			if (is_array) {
				o = l2e__json_append_object(t, ours);
				r = cJSON_CreateObject();
				cJSON_AddItemToArray(ref, r);
			} else {
				o = l2e__json_add_object(t, ours, name);
				r = cJSON_AddObjectToObject(ref, name);
			}
			fill(t, o, r, 0, depth - 1);
			break;
		default:
			if (is_array)
				break;
			o = l2e__json_add_array(t, ours, name);
			r = cJSON_AddArrayToObject(ref, name);
			fill(t, o, r, 1, depth - 1);
			break;
		}
	}
}

static void check_same(l2e__json_tree *t, const l2e__json *root, cJSON *ref)
{
	l2e_buf out = L2E_BUF_INIT;
	char *expected = cJSON_Print(ref);

	CHECK_INT(0, l2e__json_print(&out, t, root));
	CHECK(expected != NULL);
	if (expected)
		CHECK_STR(expected, out.ptr);
	cJSON_free(expected);
	l2e_buf_dispose(&out);
}

static void test_json_out_print__by_hand(void)
{
	l2e__json_tree t = { L2E__POOL_INIT, 0 };
	l2e__json *root = l2e__json_root(&t), *o, *a;
	cJSON *ref = cJSON_CreateObject(), *ro, *ra;

	o = l2e__json_add_object(&t, root, "SkillsPassport");
	ro = cJSON_AddObjectToObject(ref, "SkillsPassport");
	l2e__json_add_string(&t, o, "Locale", "nl \"x\"\t\x01");
	cJSON_AddStringToObject(ro, "Locale", "nl \"x\"\t\x01");
	l2e__json_add_object(&t, o, "Empty");
	cJSON_AddObjectToObject(ro, "Empty");
	l2e__json_add_array(&t, o, "None");
	cJSON_AddArrayToObject(ro, "None");
	a = l2e__json_add_array(&t, o, "List");
	ra = cJSON_AddArrayToObject(ro, "List");
	l2e__json_add_int(&t, l2e__json_append_object(&t, a), "Year", 2024);
	{
		cJSON *item = cJSON_CreateObject();

		cJSON_AddNumberToObject(item, "Year", 2024);
		cJSON_AddItemToArray(ra, item);
	}
	l2e__json_append_object(&t, a);
	cJSON_AddItemToArray(ra, cJSON_CreateObject());
	l2e__json_add_bool(&t, o, "Current", 1);
	cJSON_AddBoolToObject(ro, "Current", 1);
	check_same(&t, root, ref);
	cJSON_Delete(ref);
	l2e__json_tree_dispose(&t);
}

static void test_json_out_print__random_trees(void)
{
	int round;

	for (round = 0; round < 500 && !test_failures_in_case; round++) {
		l2e__json_tree t = { L2E__POOL_INIT, 0 };
		l2e__json *root = l2e__json_root(&t);
		cJSON *ref = cJSON_CreateObject();

		fill(&t, root, ref, 0, 4);
		check_same(&t, root, ref);
		cJSON_Delete(ref);
		l2e__json_tree_dispose(&t);
	}
}

static const test_case cases[] = {
	TEST_CASE(test_json_out_print__by_hand),
	TEST_CASE(test_json_out_print__random_trees),
};

TEST_MAIN(cases)
