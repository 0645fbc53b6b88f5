/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_rule.c - field rules and conditions: where a value comes from
 * ("path", "value", "first", "template"), what happens to it ("map",
 * "codelist", "transform", "date", ...) and when a rule or a row counts
 * ("when", "where", "include").
 */
#include "map/compile.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "map/date.h"

/* ==== Conditions ==== */

static int cond_list(l2e__loader *ld, l2e__cond *c, const l2e__node *arr)
{
	const l2e__node *e;
	size_t i = 0;
	int error;

	if ((error = l2e__mc_expect(ld, arr, L2E__NODE_ARRAY,
	                            "\"all\"/\"any\"")) < 0)
		return error;
	c->children = l2e__pool_alloc(&ld->map->pool, (arr->n_children + 1) *
	                                                  sizeof(*c->children));
	if (!c->children)
		return l2e__mc_oom(ld);
	for (e = arr->first; e; e = e->next)
		if ((error = l2e__mc_cond(ld, &c->children[i++], e)) < 0)
			return error;
	c->n_children = i;
	return 0;
}

/* A key that says what a condition or a rule is; it has one of them. */
typedef struct kind_key {
	const char *key;
	int kind;
} kind_key;

/* How many of `keys` the object `n` has; *kind: the last one's. */
static int count_kinds(const l2e__node *n, const kind_key *keys, size_t n_keys,
                       int *kind)
{
	size_t i;
	int count = 0;

	for (i = 0; i < n_keys; i++)
		if (l2e__node_member(n, keys[i].key)) {
			*kind = keys[i].kind;
			count++;
		}
	return count;
}

/* The tests of a condition with "path": exactly one. */
static const kind_key cond_tests[] = {
	{ "equals", L2E__COND_EQUALS },
	{ "in", L2E__COND_IN },
	{ "not_in", L2E__COND_NOT_IN },
	{ "exists", L2E__COND_EXISTS },
	{ "contains", L2E__COND_CONTAINS },
	{ "starts_with", L2E__COND_STARTS_WITH },
	{ "ends_with", L2E__COND_ENDS_WITH },
	{ "matches", L2E__COND_MATCHES },
};

static int cond_equals(l2e__loader *ld, void *out, const l2e__node *v,
                       const l2e__node *n)
{
	l2e__cond *c = out;

	(void)n;
	c->values = l2e__pool_alloc(&ld->map->pool, sizeof(char *));
	if (!c->values)
		return l2e__mc_oom(ld);
	c->n_values = 1;
	return l2e__mc_text(ld, v, &c->values[0], "\"equals\"");
}

/* "in" and "not_in" */
static int cond_in(l2e__loader *ld, void *out, const l2e__node *v,
                   const l2e__node *n)
{
	l2e__cond *c = out;
	const l2e__node *e;
	size_t i = 0;
	int error;

	(void)n;
	if ((error = l2e__mc_expect(ld, v, L2E__NODE_ARRAY, v->key)) < 0)
		return error;
	c->values = l2e__pool_alloc(&ld->map->pool,
	                            (v->n_children + 1) * sizeof(char *));
	if (!c->values)
		return l2e__mc_oom(ld);
	for (e = v->first; e; e = e->next)
		if ((error = l2e__mc_text(ld, e, &c->values[i++],
		                          "a listed value")) < 0)
			return error;
	c->n_values = i;
	return 0;
}

/* "path" and the combinators are the condition's shape (l2e__mc_cond). */
static const l2e__key cond_keys[] = {
	{ .key = "path" },
	{ .key = "equals", .compile = cond_equals },
	{ .key = "in", .compile = cond_in },
	{ .key = "not_in", .compile = cond_in },
	L2E__ROW_VALUE("exists", L2E__KEY_BOOL, l2e__cond, exists),
	{ .key = "contains", .compile = l2e__mc_cond_text },
	{ .key = "starts_with", .compile = l2e__mc_cond_text },
	{ .key = "ends_with", .compile = l2e__mc_cond_text },
	{ .key = "matches", .compile = l2e__mc_cond_text },
	{ .key = "all" },
	{ .key = "any" },
	{ .key = "not" },
	{ .key = "comment" },
};

int l2e__mc_cond(l2e__loader *ld, l2e__cond **out, const l2e__node *n)
{
	const l2e__node *path, *v;
	l2e__cond *c;
	int kind, error;

	if ((error = l2e__mc_expect(ld, n, L2E__NODE_OBJECT, "a condition")) <
	    0)
		return error;
	if ((error = l2e__keys_check(ld, n, cond_keys, L2E__N_KEYS(cond_keys),
	                             "a condition")) < 0)
		return error;
	if (!(c = l2e__pool_alloc(&ld->map->pool, sizeof(*c))))
		return l2e__mc_oom(ld);
	*out = c;

	/* a combinator stands alone: nothing else would be looked at */
	if ((l2e__node_member(n, "all") != NULL) +
	        (l2e__node_member(n, "any") != NULL) +
	        (l2e__node_member(n, "not") != NULL) +
	        (l2e__node_member(n, "path") != NULL) >
	    1)
		return l2e__optc_bad(
		    &ld->oc, n,
		    "a condition has one of \"path\", \"all\", "
		    "\"any\" or \"not\"");
	if ((l2e__node_member(n, "all") || l2e__node_member(n, "any") ||
	     l2e__node_member(n, "not")) &&
	    (l2e__node_member(n, "equals") || l2e__node_member(n, "in") ||
	     l2e__node_member(n, "not_in") || l2e__node_member(n, "exists") ||
	     l2e__node_member(n, "contains") ||
	     l2e__node_member(n, "starts_with") ||
	     l2e__node_member(n, "ends_with") ||
	     l2e__node_member(n, "matches")))
		return l2e__optc_bad(&ld->oc, n,
		                     "\"equals\", \"in\", \"not_in\", "
		                     "\"exists\" and the text tests go with "
		                     "\"path\"");
	if ((v = l2e__node_member(n, "all")) ||
	    (v = l2e__node_member(n, "any"))) {
		c->kind =
		    strcmp(v->key, "all") == 0 ? L2E__COND_ALL : L2E__COND_ANY;
		return cond_list(ld, c, v);
	}
	if ((v = l2e__node_member(n, "not"))) {
		c->kind = L2E__COND_NOT;
		c->children =
		    l2e__pool_alloc(&ld->map->pool, sizeof(*c->children));
		if (!c->children)
			return l2e__mc_oom(ld);
		c->n_children = 1;
		return l2e__mc_cond(ld, &c->children[0], v);
	}
	if (!(path = l2e__node_member(n, "path")))
		return l2e__optc_bad(&ld->oc, n,
		                     "a condition needs \"path\" (or \"all\", "
		                     "\"any\", \"not\")");
	if ((error = l2e__mc_path(ld, &c->path, path)) < 0)
		return error;
	if ((error = l2e__members_compile(ld, c, n, cond_keys,
	                                  L2E__N_KEYS(cond_keys))) < 0)
		return error;
	if (count_kinds(n, cond_tests, L2E__N_KEYS(cond_tests), &kind) != 1)
		return l2e__optc_bad(
		    &ld->oc, n,
		    "a condition with \"path\" needs exactly one "
		    "of \"equals\", \"in\", \"not_in\", "
		    "\"exists\", \"contains\", \"starts_with\", "
		    "\"ends_with\", \"matches\"");
	c->kind = (l2e__cond_kind)kind;
	return 0;
}

int l2e__mc_cond_at(l2e__loader *ld, void *at, const l2e__node *v)
{
	return l2e__mc_cond(ld, at, v);
}

/* ==== Rules ==== */

/* "date" and "required" act on the field's rule, not on its parts. */
static int field_level_only(l2e__loader *ld, const l2e__node *n,
                            const l2e__rule *sub)
{
	if (sub->date_formats)
		return l2e__optc_bad(
		    &ld->oc, l2e__node_member(n, "date"),
		    "put \"date\" on the "
		    "field's rule, not inside \"first\" or \"with\"");
	if (sub->is_required)
		return l2e__optc_bad(
		    &ld->oc, l2e__node_member(n, "required"),
		    "put \"required\" "
		    "on the field's rule, not inside \"first\" or "
		    "\"with\"");
	return 0;
}

static int compile_template(l2e__loader *ld, l2e__rule *r,
                            const l2e__node *tmpl, const l2e__node *with)
{
	const char *s = tmpl->text, *open, *close;
	l2e__template_part *parts;
	size_t cap = 1, i = 0;
	int error;

	for (open = s; *open; open++)
		cap += *open == '{' ? 2 : 0;
	parts = l2e__pool_alloc(&ld->map->pool, (cap + 1) * sizeof(*parts));
	if (!parts)
		return l2e__mc_oom(ld);
	while (*s) {
		open = strchr(s, '{');
		if (!open) {
			parts[i++].literal =
			    l2e__pool_strdup(&ld->map->pool, s);
			break;
		}
		if (open > s)
			parts[i++].literal = l2e__pool_strndup(
			    &ld->map->pool, s, (size_t)(open - s));
		close = strchr(open, '}');
		if (!close)
			return l2e__optc_bad(&ld->oc, tmpl,
			                     "unclosed '{' in template");
		{
			char name[128];
			const l2e__node *var;
			l2e__rule *sub;
			size_t len = (size_t)(close - open - 1);

			if (len == 0 || len >= sizeof(name))
				return l2e__optc_bad(&ld->oc, tmpl,
				                     "bad {name} in template");
			memcpy(name, open + 1, len);
			name[len] = '\0';
			var = with ? l2e__node_member(with, name) : NULL;
			if (!var)
				return l2e__optc_bad(
				    &ld->oc, with ? with : tmpl,
				    "template variable {%s} is not defined "
				    "in \"with\"",
				    name);
			if ((error = l2e__mc_rule(ld, &sub, var, r->target, -1,
			                          -1)) < 0)
				return error;
			if ((error = field_level_only(ld, var, sub)) < 0)
				return error;
			parts[i++].var = sub;
		}
		s = close + 1;
	}
	for (cap = 0; cap < i; cap++)
		if (!parts[cap].var && !parts[cap].literal)
			return l2e__mc_oom(ld);
	if (with) {
		const l2e__node *w;
		char ref[140];

		for (w = with->first; w; w = w->next) {
			snprintf(ref, sizeof(ref), "{%s}", w->key);
			if (!strstr(tmpl->text, ref))
				return l2e__optc_bad_key(
				    &ld->oc, w,
				    "\"%s\" is not used in the "
				    "template",
				    w->key);
		}
	}
	r->parts = parts;
	r->n_parts = i;
	return 0;
}

/* "date": one format or a list, tried in order. */
static int compile_dates(l2e__loader *ld, void *out, const l2e__node *n,
                         const l2e__node *rule)
{
	l2e__rule *r = out;
	const l2e__node *e;
	size_t i = 0;
	int error;

	(void)rule;
	r->date_formats = l2e__pool_alloc(
	    &ld->map->pool,
	    (n->kind == L2E__NODE_ARRAY ? n->n_children + 1 : 2) *
	        sizeof(char *));
	if (!r->date_formats)
		return l2e__mc_oom(ld);
	for (e = n->kind == L2E__NODE_ARRAY ? n->first : n; e;
	     e = n->kind == L2E__NODE_ARRAY ? e->next : NULL) {
		if ((error = l2e__mc_expect(ld, e, L2E__NODE_STRING,
		                            "a date format")) < 0)
			return error;
		if (!l2e__date_format_valid(e->text))
			return l2e__optc_bad(
			    &ld->oc, e,
			    "bad date format \"%s\" (use j, m, d: "
			    "e.g. \"dd-mm-jjjj\")",
			    e->text);
		if ((error = l2e__mc_text(ld, e, &r->date_formats[i++],
		                          "a date format")) < 0)
			return error;
	}
	if (i == 0)
		return l2e__optc_bad(&ld->oc, n, "\"date\" lists no format");
	return 0;
}

static int compile_replace(l2e__loader *ld, l2e__rule *r, const l2e__node *arr)
{
	l2e__replace *grown;
	const char *from, *to;
	int error;

	if (arr->kind != L2E__NODE_ARRAY || arr->n_children != 2)
		return l2e__optc_bad(&ld->oc, arr,
		                     "\"replace\" is [\"from\", \"to\"]");
	if ((error = l2e__mc_text(ld, arr->first, &from, "\"replace\"")) < 0 ||
	    (error = l2e__mc_text(ld, arr->last, &to, "\"replace\"")) < 0)
		return error;
	if (!*from)
		return l2e__optc_bad(&ld->oc, arr->first,
		                     "\"replace\" needs text to replace");
	grown = l2e__pool_alloc(&ld->map->pool,
	                        (r->n_replaces + 1) * sizeof(*grown));
	if (!grown)
		return l2e__mc_oom(ld);
	if (r->n_replaces)
		memcpy(grown, r->replaces, r->n_replaces * sizeof(*grown));
	grown[r->n_replaces].from = from;
	grown[r->n_replaces].to = to;
	r->replaces = grown;
	r->n_replaces++;
	return 0;
}

/*
 * "transform": one or a list of: "upper", "lower", "title", "decimal",
 * {"pad": N}, {"replace": ["from", "to"]}; applied in that fixed order:
 * replace, case, decimal, pad.
 */
static int transform_pad(l2e__loader *ld, void *out, const l2e__node *p,
                         const l2e__node *e)
{
	l2e__rule *r = out;

	(void)e;
	if (p->kind != L2E__NODE_NUMBER || p->len > 2 || p->text[0] < '1' ||
	    p->text[0] > '9')
		return l2e__optc_bad(&ld->oc, p, "\"pad\" is a width, 1 to 99");
	r->pad = (unsigned)(p->text[0] - '0');
	if (p->len == 2)
		r->pad = r->pad * 10 + (unsigned)(p->text[1] - '0');
	return 0;
}

static int transform_replace(l2e__loader *ld, void *out, const l2e__node *p,
                             const l2e__node *e)
{
	(void)e;
	return compile_replace(ld, out, p);
}

/* The transforms written as an object of one key: {"pad": 5}. */
static const l2e__key transform_objects[] = {
	{ .key = "pad", .compile = transform_pad },
	{ .key = "replace", .compile = transform_replace },
};

static int compile_transforms(l2e__loader *ld, void *out, const l2e__node *v,
                              const l2e__node *rule)
{
	l2e__rule *r = out;
	static const struct {
		const char *name;
		unsigned flag;
	} flags[] = {
		{ "upper", L2E__TF_UPPER },
		{ "lower", L2E__TF_LOWER },
		{ "title", L2E__TF_TITLE },
		{ "decimal", L2E__TF_DECIMAL },
	};
	const l2e__key *k;
	const l2e__node *e;
	size_t i;
	int error;

	(void)rule;
	for (e = v->kind == L2E__NODE_ARRAY ? v->first : v; e;
	     e = v->kind == L2E__NODE_ARRAY ? e->next : NULL) {
		if (e->kind == L2E__NODE_OBJECT && e->n_children == 1 &&
		    (k = l2e__key_find(transform_objects,
		                       L2E__N_KEYS(transform_objects),
		                       e->first->key))) {
			if ((error = k->compile(ld, r, e->first, e)) < 0)
				return error;
			continue;
		}
		if (e->kind != L2E__NODE_STRING)
			return l2e__optc_bad(
			    &ld->oc, e,
			    "a transform is \"upper\", \"lower\", "
			    "\"title\", \"decimal\", {\"pad\": N} or "
			    "{\"replace\": [\"from\", \"to\"]}");
		for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
			if (!strcmp(e->text, flags[i].name))
				break;
		if (i == sizeof(flags) / sizeof(flags[0]))
			return l2e__optc_bad(
			    &ld->oc, e,
			    "unknown transform \"%s\" (upper, lower, "
			    "title, decimal, pad, replace)",
			    e->text);
		r->transforms |= flags[i].flag;
	}
	if ((r->transforms & L2E__TF_UPPER) && (r->transforms & L2E__TF_LOWER))
		return l2e__optc_bad(
		    &ld->oc, v, "\"upper\" and \"lower\" exclude each other");
	return 0;
}

/* Where a rule's value comes from: exactly one (or a "default"). */
static const kind_key rule_sources[] = {
	{ "path", L2E__SRC_PATH },
	{ "value", L2E__SRC_VALUE },
	{ "first", L2E__SRC_FIRST },
	{ "template", L2E__SRC_TEMPLATE },
};

static int rule_first(l2e__loader *ld, void *out, const l2e__node *v,
                      const l2e__node *n)
{
	l2e__rule *r = out;
	const l2e__node *e;
	size_t i = 0;
	int error;

	(void)n;
	if ((error = l2e__mc_expect(ld, v, L2E__NODE_ARRAY, "\"first\"")) < 0)
		return error;
	if (!v->n_children)
		return l2e__optc_bad(&ld->oc, v, "\"first\" lists no rule");
	r->alternatives = l2e__pool_alloc(
	    &ld->map->pool, v->n_children * sizeof(*r->alternatives));
	if (!r->alternatives)
		return l2e__mc_oom(ld);
	for (e = v->first; e; e = e->next) {
		if ((error = l2e__mc_rule(ld, &r->alternatives[i], e, r->target,
		                          r->section, r->field)) < 0)
			return error;
		if ((error = field_level_only(ld, e, r->alternatives[i++])) < 0)
			return error;
	}
	r->n_alternatives = i;
	return 0;
}

static int rule_template(l2e__loader *ld, void *out, const l2e__node *v,
                         const l2e__node *n)
{
	int error;

	if ((error = l2e__mc_expect(ld, v, L2E__NODE_STRING, "\"template\"")) <
	    0)
		return error;
	return compile_template(ld, out, v, l2e__node_member(n, "with"));
}

/* "with" compiles with its template; here only its place is checked. */
static int rule_with(l2e__loader *ld, void *out, const l2e__node *v,
                     const l2e__node *n)
{
	(void)out;
	if (!l2e__node_member(n, "template"))
		return l2e__optc_bad(&ld->oc, v,
		                     "\"with\" belongs to a \"template\"");
	return l2e__mc_expect(ld, v, L2E__NODE_OBJECT, "\"with\"");
}

static int rule_map(l2e__loader *ld, void *out, const l2e__node *v,
                    const l2e__node *n)
{
	l2e__rule *r = out;
	l2e__valuemap *vm;
	int error;

	if (l2e__node_member(n, "codelist"))
		return l2e__optc_bad(&ld->oc, v,
		                     "use \"map\" or \"codelist\", not both");
	if (!(vm = l2e__pool_alloc(&ld->map->pool, sizeof(*vm))) ||
	    !(r->maps = l2e__pool_alloc(&ld->map->pool, sizeof(*r->maps))))
		return l2e__mc_oom(ld);
	if ((error = l2e__mc_valuemap(ld, vm, v)) < 0)
		return error;
	r->maps[0] = vm;
	r->n_maps = 1;
	return 0;
}

/* One code list, or a chain applied in order. */
static int rule_codelist(l2e__loader *ld, void *out, const l2e__node *v,
                         const l2e__node *n)
{
	l2e__rule *r = out;
	const l2e__node *e;
	int error;

	(void)n;
	r->maps = l2e__pool_alloc(
	    &ld->map->pool,
	    (v->kind == L2E__NODE_ARRAY ? v->n_children + 1 : 1) *
	        sizeof(*r->maps));
	if (!r->maps)
		return l2e__mc_oom(ld);
	for (e = v->kind == L2E__NODE_ARRAY ? v->first : v; e;
	     e = v->kind == L2E__NODE_ARRAY ? e->next : NULL)
		if ((error = l2e__mc_codelist(ld, &r->maps[r->n_maps++], e)) <
		    0)
			return error;
	if (!r->n_maps)
		return l2e__optc_bad(&ld->oc, v,
		                     "\"codelist\" names no code list");
	return 0;
}

static int rule_unmapped(l2e__loader *ld, void *out, const l2e__node *v,
                         const l2e__node *n)
{
	l2e__rule *r = out;
	int error;

	(void)n;
	if ((error = l2e__mc_expect(ld, v, L2E__NODE_STRING, "\"unmapped\"")) <
	    0)
		return error;
	if (strcmp(v->text, "warn") == 0)
		r->unmapped = L2E__UNMAPPED_WARN;
	else if (strcmp(v->text, "ignore") == 0)
		r->unmapped = L2E__UNMAPPED_IGNORE;
	else if (strcmp(v->text, "keep") == 0)
		r->unmapped = L2E__UNMAPPED_KEEP;
	else
		return l2e__optc_bad(&ld->oc, v,
		                     "\"unmapped\" is \"warn\", \"ignore\" "
		                     "or \"keep\"");
	return 0;
}

/* Compiled in the file's order. */
static const l2e__key rule_keys[] = {
	L2E__ROW_VALUE("path", L2E__KEY_PATH, l2e__rule, path),
	L2E__ROW_VALUE("value", L2E__KEY_TEXT, l2e__rule, value),
	{ .key = "first", .compile = rule_first },
	{ .key = "template", .compile = rule_template },
	{ .key = "with", .compile = rule_with },
	L2E__ROW_COND("when", l2e__rule, when),
	{ .key = "map", .compile = rule_map },
	{ .key = "codelist", .compile = rule_codelist },
	{ .key = "unmapped", .compile = rule_unmapped },
	{ .key = "transform", .compile = compile_transforms },
	{ .key = "date", .compile = compile_dates },
	L2E__ROW_VALUE("default", L2E__KEY_TEXT, l2e__rule, default_value),
	L2E__ROW_VALUE("required", L2E__KEY_BOOL, l2e__rule, is_required),
	{ .key = "language", .compile = l2e__mc_rule_language },
	{ .key = "split", .compile = l2e__mc_rule_split },
	{ .key = "pick", .compile = l2e__mc_rule_pick },
	{ .key = "after_last", .compile = l2e__mc_rule_after_last },
	{ .key = "regex", .compile = l2e__mc_rule_regex },
	{ .key = "group", .compile = l2e__mc_rule_group },
	{ .key = "zone", .compile = l2e__mc_rule_zone },
	{ .key = "comment" },
};

int l2e__mc_rule(l2e__loader *ld, l2e__rule **out, const l2e__node *n,
                 const char *target, int section, int field)
{
	l2e__ftype type = section >= 0 && field >= 0
	                      ? l2e__sections[section].fields[field].type
	                      : L2E__FT_TEXT;
	l2e__rule *r;
	int source = L2E__SRC_VALUE, n_sources, error;

	if (!(r = l2e__pool_alloc(&ld->map->pool, sizeof(*r))))
		return l2e__mc_oom(ld);
	*out = r;
	r->group = -1;
	r->target = target;
	r->section = section;
	r->field = field;
	r->line = n->line;
	r->column = n->column;

	if (n->kind == L2E__NODE_STRING) {
		r->source = L2E__SRC_PATH;
		return l2e__mc_path(ld, &r->path, n);
	}
	if (n->kind != L2E__NODE_OBJECT)
		return l2e__optc_bad(
		    &ld->oc, n,
		    "rule for %s must be a path (string) or an "
		    "object",
		    target);
	if ((error = l2e__keys_check(ld, n, rule_keys, L2E__N_KEYS(rule_keys),
	                             "a rule")) < 0 ||
	    (error = l2e__members_compile(ld, r, n, rule_keys,
	                                  L2E__N_KEYS(rule_keys))) < 0)
		return error;
	n_sources =
	    count_kinds(n, rule_sources, L2E__N_KEYS(rule_sources), &source);
	if (n_sources != 1 && !(n_sources == 0 && r->default_value))
		return l2e__optc_bad(&ld->oc, n,
		                     "a rule needs exactly one of \"path\", "
		                     "\"value\", \"first\", \"template\"");
	r->source = (l2e__source_kind)source; /* none: only a default */
	if (r->zone && type != L2E__FT_DATE && field >= 0)
		return l2e__optc_bad(&ld->oc, l2e__node_member(n, "zone"),
		                     "\"zone\" is for date fields; %s is not "
		                     "one",
		                     target);
	if (r->date_formats && type != L2E__FT_DATE &&
	    type != L2E__FT_DATETIME && field >= 0)
		return l2e__optc_bad(
		    &ld->oc, n, "\"date\" is for date fields; %s is not one",
		    target);
	return 0;
}
