/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_path.c - mapping paths: syntax and evaluation (map/path.c).
 */
#include "test.h"

#include "core/pool.h"
#include "map/path.h"
#include "read/json_tree.h"

static const char *doc =
    "{\"env\": \"e\", \"items\": ["
    " {\"name\": [{\"lang\": \"en\", \"v\": \"E\"}, {\"lang\": \"nl\", "
    "\"v\": \"N\"}], \"id\": {\"type\": \"sn\", \"code\": \"007\"},"
    " \"Uren per week\": \"32,0\", \"tags\": [\"a\", \"b\"]},"
    " {\"name\": [{\"lang\": \"nl\", \"v\": \"M\"}]}]}";

static l2e_ctx *ctx;
static l2e__pool pool;
static l2e__node *root;

static void setup(void)
{
	l2e__json_cursor cur;

	l2e_ctx_new(&ctx, NULL);
	memset(&pool, 0, sizeof(pool));
	l2e__json_cursor_init(&cur, "doc", doc, strlen(doc),
	                      l2e_ctx_options_get(ctx));
	root = NULL;
	l2e__json_next(&root, &pool, ctx, &cur);
}

static void teardown(void)
{
	l2e__pool_clear(&pool);
	l2e_ctx_free(ctx);
}

static const char *first_in(const char *path_text, const l2e__node *current,
                            const l2e__node *record)
{
	l2e__path path;
	l2e__scope scope = { current, record, root, NULL };
	size_t at;
	const char *why;
	const l2e__node *n;

	if (l2e__path_parse(&path, &pool, path_text, &at, &why) < 0)
		return "(syntax error)";
	n = l2e__path_first(&path, &scope);
	return n ? (n->text ? n->text : "(container)") : "(none)";
}

static const char *first(const char *path_text, const l2e__node *current)
{
	return first_in(path_text, current, current);
}

static int count_cb(const l2e__node *n, void *payload)
{
	(void)n;
	(*(int *)payload)++;
	return 0;
}

static int count(const char *path_text)
{
	l2e__path path;
	l2e__scope scope = { root, root, root, NULL };
	size_t at;
	const char *why;
	int n = 0;

	if (l2e__path_parse(&path, &pool, path_text, &at, &why) < 0)
		return -1;
	l2e__path_visit(&path, &scope, count_cb, &n);
	return n;
}

static void test_path_eval__members_and_filters(void)
{
	const l2e__node *item0;

	setup();
	item0 = l2e__node_child(l2e__node_member(root, "items"), 0);
	CHECK_STR("E", first("name[0].v", item0));
	CHECK_STR("N", first("name[lang=nl].v", item0));
	CHECK_STR("M", first("$root.items[1].name[0].v", item0));
	CHECK_STR("007", first("id[type=sn].code", item0));
	CHECK_STR("(none)", first("id[type=bsn].code", item0));
	CHECK_STR("32,0", first("['Uren per week']", item0));
	CHECK_STR("e", first("$root.env", item0));
	CHECK_STR("(container)", first(".", item0));
	CHECK_STR("(none)", first("name[7].v", item0));
	teardown();
}

static void test_path_eval__arrays_flatten(void)
{
	setup();
	/* a member step over an array applies to each element */
	CHECK_INT(3, count("items.name.v"));
	CHECK_INT(2, count("items.name[lang=nl].v"));
	CHECK_INT(2, count("items[0].tags[*]"));
	CHECK_INT(1, count("items"));
	CHECK_INT(0, count("nothing.here"));
	teardown();
}

/* $parent: up past the list, never above the dossier record */
static void test_path_eval__parent(void)
{
	const l2e__node *items, *item0, *name1, *lang;

	setup();
	items = l2e__node_member(root, "items");
	item0 = l2e__node_child(items, 0);
	name1 = l2e__node_child(l2e__node_member(item0, "name"), 1);
	lang = l2e__node_member(name1, "lang");
	/* a name entry's parent is the item, past the name list */
	CHECK_STR("007", first_in("$parent.id.code", name1, item0));
	CHECK_STR("32,0", first_in("$parent['Uren per week']", name1, item0));
	CHECK_STR("(container)", first_in("$parent", name1, item0));
	/* two steps from a scalar: its object, then the item */
	CHECK_STR("N", first_in("$parent.v", lang, item0));
	CHECK_STR("007", first_in("$parent.$parent.id.code", lang, item0));
	/* the record is the ceiling: no other student's rows */
	CHECK_STR("(none)", first_in("$parent", item0, item0));
	CHECK_STR("(none)",
	          first_in("$parent.$parent.$parent.env", lang, item0));
	/* with the whole document as the record, the top is reachable */
	CHECK_STR("e", first_in("$parent.env", item0, root));
	teardown();
}

/* $lookup(table, path): the table's name, and the id's own path */
static void test_path_parse__lookup(void)
{
	l2e__path p;
	size_t at = 0;
	const char *why = NULL;

	setup();
	CHECK_INT(0, l2e__path_parse(&p, &pool,
	                             "$lookup(programmes, "
	                             "$lookup(offerings, ['o)(']).pid).name[0]",
	                             &at, &why));
	CHECK_INT(3, p.n_steps);
	CHECK_INT(L2E__STEP_LOOKUP, p.steps[0].kind);
	CHECK_STR("programmes", p.steps[0].name);
	CHECK_STR("$lookup(offerings, ['o)(']).pid", p.steps[0].by->text);
	CHECK_INT(2, p.steps[0].by->n_steps);
	CHECK_STR("offerings", p.steps[0].by->steps[0].name);
	CHECK_STR("['o)(']", p.steps[0].by->steps[0].by->text);
	CHECK_STR("name", p.steps[1].name);
	/* no resolver: a look-up finds nothing, and does not crash */
	CHECK_STR("(none)", first("$lookup(t, id.code)", root));
	teardown();
}

static void expect_syntax(const char *text, size_t at_expected)
{
	l2e__path path;
	size_t at = 999;
	const char *why = NULL;

	CHECK_INT(L2E_EMAPPING, l2e__path_parse(&path, &pool, text, &at, &why));
	CHECK_INT(at_expected, at);
	CHECK(why != NULL);
}

static void test_path_parse__errors(void)
{
	setup();
	expect_syntax("a..b", 2);
	expect_syntax("a[", 2);
	expect_syntax("a[x]", 3);
	expect_syntax("a[0", 3);
	expect_syntax("a.", 2);
	expect_syntax(".a", 0);
	expect_syntax("a['b", 4);
	expect_syntax("$recordx", 7);
	expect_syntax("$parentx", 7);
	expect_syntax("$parent.$parentx", 15);
	expect_syntax("$parent..a", 8);
	expect_syntax("$lookup(", 8);
	expect_syntax("$lookup(t)", 9);
	expect_syntax("$lookup(t, a", 12);
	expect_syntax("$lookup(t, )", 11);
	expect_syntax("$lookup(t, a..b)", 13);
	expect_syntax("$lookup(t, a)x", 13);
	expect_syntax("$lookup(a, $lookup(b, $lookup(c, $lookup(d, "
	              "$lookup(e, x)))))",
	              44);
	teardown();
}

static const test_case cases[] = {
	TEST_CASE(test_path_eval__members_and_filters),
	TEST_CASE(test_path_eval__arrays_flatten),
	TEST_CASE(test_path_eval__parent),
	TEST_CASE(test_path_parse__lookup),
	TEST_CASE(test_path_parse__errors),
};

TEST_MAIN(cases)
