/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_v3_tree.c - the Europass v3.4 tree table is well formed.
 *
 * The walk (europass/v3_walk.c) and the checks rely on the table's
 * shape: rows in document order, an ITEM only in a LIST, attributes
 * before their parent's elements, names where a syntax needs them.
 */
#include "test.h"

#include "europass/v3_tree.h"

/* Is row a an ancestor of row b, or b itself? */
static int is_ancestor_or_self(int a, int b)
{
	for (; b >= 0; b = l2e__ev3_tree[b].parent)
		if (a == b)
			return 1;
	return 0;
}

static void test_v3_tree_shape__document_order(void)
{
	size_t i;

	CHECK_INT(-1, l2e__ev3_tree[0].parent);
	for (i = 1; i < l2e__ev3_tree_n; i++) {
		const l2e__ev3_row *r = &l2e__ev3_tree[i];

		/* the parent came before, on the path to the row before */
		CHECK(r->parent >= 0 && (size_t)r->parent < i);
		CHECK(is_ancestor_or_self(r->parent, (int)i - 1));
	}
}

static void test_v3_tree_shape__kinds_and_names(void)
{
	size_t i;

	for (i = 0; i < l2e__ev3_tree_n; i++) {
		const l2e__ev3_row *r = &l2e__ev3_tree[i];
		const l2e__ev3_row *up = i ? &l2e__ev3_tree[r->parent] : NULL;

		CHECK(r->xml != NULL || r->json != NULL);
		if (r->kind == L2E__EV3_ITEM) {
			CHECK(up && up->kind == L2E__EV3_LIST);
			CHECK(r->xml != NULL);
		}
		if (r->kind == L2E__EV3_LIST)
			CHECK(r->xml != NULL && r->json != NULL);
		/* attributes come first, right after their parent */
		if (r->kind == L2E__EV3_ATTR && i > 1)
			CHECK(l2e__ev3_tree[i - 1].kind == L2E__EV3_ATTR ||
			      (int)i - 1 == r->parent);
		if (r->kind != L2E__EV3_ATTR && r->kind != L2E__EV3_ITEM &&
		    r->kind != L2E__EV3_LIST)
			CHECK(r->xml != NULL && r->json != NULL);
		if (r->max != L2E__EV3_UNBOUNDED)
			CHECK(r->min <= r->max);
	}
}

static void test_v3_tree_shape__children_are_found(void)
{
	size_t i, c, n = 0;

	/* every row but the root is found once among its parent's */
	for (i = 0; i < l2e__ev3_tree_n; i++)
		for (c = l2e__ev3_next_child(i, i); c;
		     c = l2e__ev3_next_child(i, c)) {
			CHECK_INT((int)i, l2e__ev3_tree[c].parent);
			n++;
		}
	CHECK_INT(l2e__ev3_tree_n - 1, n);
}

static const test_case cases[] = {
	TEST_CASE(test_v3_tree_shape__document_order),
	TEST_CASE(test_v3_tree_shape__kinds_and_names),
	TEST_CASE(test_v3_tree_shape__children_are_found),
};

TEST_MAIN(cases)
