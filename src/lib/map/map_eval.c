/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * map_eval.c - run a mapping over one record (see map_eval.h).
 *
 * For every block of the mapping: find its items (`each`, `where`), and
 * for every field rule: take the value (path, literal, first of several,
 * template), apply `when`, transforms, value map or code list and
 * default, then hand it to the typed profile setter. Anything dropped or
 * changed on the way is a warning; a required field without a value is
 * an error and rejects the dossier. Evaluation goes on after an error so
 * that one run reports everything wrong with a dossier.
 */
#include "map/map_eval.h"

#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "util/group.h"
#include "core/buf.h"
#include "map/date.h"
#include "map/map_trace.h"
#include "map/map_transform.h"
#include "map/map_values.h"
#include "core/natid.h"

typedef struct eval {
	const l2e_mapping *map;
	l2e__profile *profile;
	l2e__diags *diags;
	int is_oom;
	unsigned char is_full[L2E__SEC_COUNT]; /* max_items reached */
	l2e_buf text;     /* a rule's value: one buffer for all of them */
	l2e__eval_io *io; /* may be NULL */
	l2e_trace *trace; /* explain: this record's trace, else NULL */
} eval;

/* A step for explain (map_trace.h); nothing but a test when off. */
#define TRACE(ev, ...)                                             \
	do {                                                       \
		if ((ev)->trace)                                   \
			l2e__trace_step((ev)->trace, __VA_ARGS__); \
	} while (0)

/* ==== Conditions ==== */

static int is_blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == '\0';
}

/* Present, not null, and not an empty or blank string. */
static int has_value(const l2e__node *n)
{
	if (!n || n->kind == L2E__NODE_NULL)
		return 0;
	return n->kind != L2E__NODE_STRING || !is_blank(n->text);
}

static int in_list(const l2e__node *n, const l2e__cond *c)
{
	size_t i;

	if (!l2e__node_is_scalar(n))
		return 0;
	for (i = 0; i < c->n_values; i++)
		if (strcmp(n->text, c->values[i]) == 0)
			return 1;
	return 0;
}

static int cond_true(const l2e__cond *c, const l2e__scope *scope)
{
	const l2e__node *n;
	size_t i;

	switch (c->kind) {
	case L2E__COND_ALL:
		for (i = 0; i < c->n_children; i++)
			if (!cond_true(c->children[i], scope))
				return 0;
		return 1;
	case L2E__COND_ANY:
		for (i = 0; i < c->n_children; i++)
			if (cond_true(c->children[i], scope))
				return 1;
		return 0;
	case L2E__COND_NOT: return !cond_true(c->children[0], scope);
	default: break;
	}
	n = l2e__path_first(&c->path, scope);
	switch (c->kind) {
	case L2E__COND_EQUALS:
	case L2E__COND_IN: return in_list(n, c);
	case L2E__COND_NOT_IN: return !in_list(n, c);
	case L2E__COND_EXISTS: return has_value(n) == c->exists;
	default: return l2e__cond_text(c, n);
	}
}

/* ==== Values ==== */

/*
 * Evaluate `r` into `out`. Returns 1 with a value, 0 without. *at is
 * set to the source node (for positions) when there is one.
 */
static int value_of(eval *ev, const l2e__rule *r, const l2e__scope *scope,
                    l2e_buf *out, const l2e__node **at)
{
	const l2e__node *n;
	const char *mapped;
	size_t i;
	int got = 0;

	if (r->when && !cond_true(r->when, scope)) {
		TRACE(ev, "when", NULL, "the rule's \"when\" is false");
		goto fallback;
	}
	switch (r->source) {
	case L2E__SRC_PATH:
		n = l2e__path_first(&r->path, scope);
		if (n)
			*at = n;
		if (r->n_languages)
			n = l2e__pick_language(r, n);
		if (!has_value(n))
			break;
		if (!l2e__node_is_scalar(n)) {
			l2e__diag_add(ev->diags, L2E_SEVERITY_WARNING, n,
			              r->target,
			              "%s: \"%s\" is %s, not a value; "
			              "ignored",
			              r->target, r->path.text,
			              n->kind == L2E__NODE_ARRAY ? "a list"
			                                         : "an object");
			break;
		}
		got = l2e__buf_put(out, n->text, n->len) == 0;
		ev->is_oom |= !got;
		if (ev->trace)
			l2e__trace_source(ev->trace, n);
		break;
	case L2E__SRC_VALUE:
		if (r->value) {
			got = l2e__buf_puts(out, r->value) == 0;
			ev->is_oom |= !got;
			TRACE(ev, "value", r->value, "fixed in the mapping");
		}
		break;
	case L2E__SRC_FIRST:
		for (i = 0; i < r->n_alternatives && !got; i++) {
			l2e__buf_clear(out);
			got = value_of(ev, r->alternatives[i], scope, out, at);
		}
		break;
	case L2E__SRC_TEMPLATE: {
		l2e_buf part = L2E_BUF_INIT;
		int any_var = 0, has_vars = 0;

		for (i = 0; i < r->n_parts; i++) {
			if (r->parts[i].literal) {
				ev->is_oom |=
				    l2e__buf_puts(out, r->parts[i].literal) < 0;
				continue;
			}
			has_vars = 1;
			l2e__buf_clear(&part);
			if (value_of(ev, r->parts[i].var, scope, &part, at)) {
				any_var = 1;
				ev->is_oom |=
				    l2e__buf_put(out, part.ptr, part.len) < 0;
			}
		}
		l2e_buf_dispose(&part);
		got = !has_vars || any_var;
		if (got)
			TRACE(ev, "template", out->ptr,
			      "the template filled in");
		break;
	}
	}
	if (got && out->ptr && L2E__HAS_EXTRACT(r) &&
	    (got = l2e__extract(r, scope, out)) < 0) {
		ev->is_oom = 1;
		got = 0;
	}
	if (L2E__HAS_EXTRACT(r))
		TRACE(ev, "extract", got ? out->ptr : NULL,
		      "part of the value taken%s", got ? "" : ": none left");
	if (got && (!out->ptr || is_blank(out->ptr)))
		got = 0;
	if (got && (r->transforms || r->pad || r->n_replaces) &&
	    l2e__apply_transforms(r, out) < 0) {
		ev->is_oom = 1;
		got = 0;
	} else if (got && (r->transforms || r->pad || r->n_replaces)) {
		TRACE(ev, "transform", out->ptr, "replace/transform/pad");
	}
	for (i = 0; got && i < r->n_maps; i++) {
		const l2e__valuemap *vm = r->maps[i];

		mapped = l2e__valuemap_lookup(vm, out->ptr);
		TRACE(ev, vm->name ? "code list" : "map", mapped,
		      "\"%s\" %s %s%s", out->ptr,
		      mapped ? "found in" : "is not in",
		      vm->name ? vm->name : "",
		      mapped                              ? ""
		      : r->unmapped == L2E__UNMAPPED_KEEP ? "; kept as it is"
		                                          : "; left out");
		if (mapped) {
			l2e__buf_clear(out);
			ev->is_oom |= l2e__buf_puts(out, mapped) < 0;
		} else if (r->unmapped == L2E__UNMAPPED_WARN) {
			l2e__diag_add(
			    ev->diags, L2E_SEVERITY_WARNING, *at, r->target,
			    "%s: value \"%s\" is not in %s%s; "
			    "left out",
			    r->target, l2e__diag_quote(ev->diags, out->ptr),
			    vm->name ? "code list " : "the map",
			    vm->name ? vm->name : "");
			got = 0;
		} else if (r->unmapped == L2E__UNMAPPED_IGNORE) {
			got = 0;
		} else {
			break; /* keep: the value as it is, no further lists */
		}
	}
fallback:
	if (!got && r->default_value) {
		TRACE(ev, "default", r->default_value, "no value: the default");
		l2e__buf_clear(out);
		got = l2e__buf_puts(out, r->default_value) == 0;
		ev->is_oom |= !got;
	}
	return got;
}

/* Parse `text` with the rule's date formats; 1 when *d is set. */
static int parse_date(eval *ev, const l2e__rule *r, l2e__date *d,
                      const char *text, const l2e__node *at)
{
	const char *const *formats =
	    r->date_formats ? r->date_formats : l2e__date_iso_formats;
	const char *why = NULL;
	char trimmed[64];
	size_t i, len;
	int got = 0;

	/* like text, a date may come with spaces around it */
	while (*text == ' ' || *text == '\t')
		text++;
	len = strlen(text);
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t' ||
	               text[len - 1] == '\r' || text[len - 1] == '\n'))
		len--;
	if (len < sizeof(trimmed)) {
		memcpy(trimmed, text, len);
		trimmed[len] = '\0';
		text = trimmed;
	}
	if ((got = l2e__date_zone_rule(d, ev->diags, r, ev->map, text, at)) >=
	    0) {
		TRACE(ev, "date", NULL, "a date-time in the rule's zone%s",
		      got ? "" : ": left out");
		return got;
	}
	for (i = 0; formats[i]; i++) {
		got = l2e__date_parse(d, text, formats[i], &why);
		if (got != 0)
			break;
	}
	TRACE(ev, "date", NULL,
	      got > 0 ? "matches the date pattern \"%s\""
	              : "%sno date: left out",
	      got > 0 ? formats[i] : "");
	if (got > 0) {
		if (why)
			l2e__diag_add(ev->diags, L2E_SEVERITY_WARNING, at,
			              r->target, "%s: \"%s\": %s", r->target,
			              l2e__diag_quote(ev->diags, text), why);
		return 1;
	}
	if (got < 0)
		l2e__diag_add(ev->diags, L2E_SEVERITY_WARNING, at, r->target,
		              "%s: \"%s\" is not a real date (%s); left out",
		              r->target, l2e__diag_quote(ev->diags, text), why);
	else
		l2e__diag_add(ev->diags, L2E_SEVERITY_WARNING, at, r->target,
		              "%s: \"%s\" does not match the date format%s; "
		              "left out",
		              r->target, l2e__diag_quote(ev->diags, text),
		              r->date_formats
		                  ? "s of the rule"
		                  : " jjjj-mm-dd (or jjjj-mm, jjjj)");
	return 0;
}

/* Set a typed, non-date field from text, with the warnings it earns. */
static int set_typed(eval *ev, const l2e__rule *r, int section, l2e__item *item,
                     const char *text, size_t len, const l2e__node *at)
{
	const char *note = NULL;
	size_t redacted = 0;
	int rc = l2e__profile_set_len(ev->profile, item, section, r->field,
	                              text, len, &redacted, &note);

	if (rc == L2E_ENOMEM)
		ev->is_oom = 1;
	if (note)
		TRACE(ev, "check", NULL, "%s%s", note,
		      rc == L2E__SET_REFUSED ? "; left out" : "");
	if (redacted)
		TRACE(ev, "privacy", NULL,
		      "%zu national identifier(s) replaced by " L2E_REDACTED,
		      redacted);
	if (rc == L2E__SET_REFUSED)
		l2e__diag_add(ev->diags, L2E_SEVERITY_WARNING, at, r->target,
		              "%s: \"%s\": %s; left out", r->target,
		              l2e__diag_quote(ev->diags, text), note);
	else if (rc == L2E__SET_ADJUSTED)
		l2e__diag_add(ev->diags, L2E_SEVERITY_WARNING, at, r->target,
		              "%s: \"%s\": %s", r->target,
		              l2e__diag_quote(ev->diags, text), note);
	if (redacted)
		l2e__diag_add(ev->diags, L2E_SEVERITY_WARNING, at, r->target,
		              "%s: %zu national identifier%s (BSN, "
		              "onderwijsnummer or ECK iD) removed from the "
		              "text",
		              r->target, redacted, redacted == 1 ? "" : "s");
	return rc == 0 || rc == L2E__SET_ADJUSTED;
}

/*
 * Evaluate rule `r` for one source node and set the field. Returns 1
 * when the field got a value; *got says whether the rule produced one at
 * all (for the "required" message) and *at where it came from.
 */
static int try_rule(eval *ev, const l2e__rule *r, int section, l2e__item *item,
                    const l2e__scope *scope, int *got, const l2e__node **at)
{
	l2e__ftype type = l2e__sections[section].fields[r->field].type;
	l2e_buf *text = &ev->text; /* nothing keeps it past this call */
	l2e__date d;
	int set = 0;

	l2e__buf_clear(text);
	*got = value_of(ev, r, scope, text, at);
	if (*got && type == L2E__FT_DATE) {
		if ((set = parse_date(ev, r, &d, text->ptr, *at)))
			l2e__profile_set_date(item, r->field, d);
	} else if (*got && type == L2E__FT_DATETIME && r->date_formats) {
		/* a date for a date-time field: the start of that day, UTC */
		char stamp[32];

		if (parse_date(ev, r, &d, text->ptr, *at)) {
			snprintf(stamp, sizeof(stamp),
			         "%04d-%02d-%02dT00:00:00Z", d.year,
			         d.month ? d.month : 1, d.day ? d.day : 1);
			set = set_typed(ev, r, section, item, stamp,
			                strlen(stamp), *at);
		}
	} else if (*got) {
		set =
		    set_typed(ev, r, section, item, text->ptr, text->len, *at);
	}
	return set;
}

/*
 * Fill field `r` of `item` from the first of `nodes` that gives it a
 * value (one node, or all rows of a group_by group).
 */
static void apply_rule(eval *ev, const l2e__rule *r, int section,
                       l2e__item *item, const l2e__scope *record_scope,
                       const l2e__node *const *nodes, size_t n_nodes)
{
	l2e__scope scope = *record_scope;
	const l2e__node *at = NULL, *first_at = NULL;
	int got = 0, any_got = 0, set = 0;
	size_t i;

	if (ev->trace)
		l2e__trace_begin(ev->trace, r, section,
		                 ev->profile->n_items[section]);
	for (i = 0; i < n_nodes && !set; i++) {
		scope.current = nodes[i];
		at = NULL;
		set = try_rule(ev, r, section, item, &scope, &got, &at);
		any_got |= got;
		if (!first_at)
			first_at = at;
	}
	if (ev->trace)
		l2e__trace_result(ev->trace, item, r->field, set);
	if (set && ev->io && section < L2E__N_SINGLES &&
	    r->field < L2E__SINGLE_FIELDS && at) {
		ev->io->places[section][r->field].line = at->line;
		ev->io->places[section][r->field].column = at->column;
	}
	/* merged: a single field may come from another record (merge.c) */
	if (!set && r->is_required &&
	    !(ev->map->merge && section < L2E__N_SINGLES))
		l2e__diag_add(ev->diags, L2E_SEVERITY_ERROR,
		              first_at ? first_at : nodes[0], r->target,
		              "%s is required but %s", r->target,
		              any_got ? "its value was refused"
		                      : "has no value");
}

/* ==== Blocks ==== */

typedef struct node_list {
	const l2e__node **items;
	size_t n;
	size_t cap;
	int is_oom;
} node_list;

static int list_add(node_list *list, const l2e__node *n)
{
	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 16;
		const l2e__node **grown =
		    l2e__realloc((void *)list->items, cap * sizeof(*grown));

		if (!grown) {
			list->is_oom = 1;
			return 1;
		}
		list->items = grown;
		list->cap = cap;
	}
	list->items[list->n++] = n;
	return 0;
}

static int collect(const l2e__node *n, void *payload)
{
	const l2e__node *c;

	if (n->kind == L2E__NODE_ARRAY) {
		for (c = n->first; c; c = c->next)
			if (collect(c, payload))
				return 1;
		return 0;
	}
	if (n->kind == L2E__NODE_NULL)
		return 0;
	return list_add(payload, n);
}

/*
 * "split": a text value holding several ("WE,NW") becomes one string
 * node per part, each standing where the whole was (same parent, key
 * and position), so paths and messages still point at the cell.
 */
static void split_values(eval *ev, node_list *list, const char *sep)
{
	node_list parts = { NULL, 0, 0, 0 };
	size_t i, len, seplen = strlen(sep);
	const char *p, *hit;
	l2e__node *part;

	for (i = 0; i < list->n && !parts.is_oom; i++) {
		const l2e__node *n = list->items[i];

		if (n->kind != L2E__NODE_STRING) {
			list_add(&parts, n);
			continue;
		}
		for (p = n->text; !parts.is_oom; p = hit + seplen) {
			hit = strstr(p, sep);
			len = hit ? (size_t)(hit - p) : strlen(p);
			part =
			    l2e__node_new(ev->profile->pool, L2E__NODE_STRING,
			                  n->line, n->column);
			if (!part || !(part->text = l2e__pool_strndup(
			                   ev->profile->pool, p, len))) {
				parts.is_oom = 1;
				break;
			}
			part->len = len;
			part->key = n->key;
			part->parent = n->parent;
			part->index = n->index;
			if (!is_blank(part->text))
				list_add(&parts, part);
			if (!hit)
				break;
		}
	}
	ev->is_oom |= parts.is_oom;
	l2e__free((void *)list->items);
	*list = parts;
}

static void run_rules(eval *ev, const l2e__block *b, l2e__item *item,
                      const l2e__scope *scope, const l2e__node *const *nodes,
                      size_t n_nodes)
{
	size_t i;

	for (i = 0; i < b->n_rules; i++)
		apply_rule(ev, b->rules[i], b->section, item, scope, nodes,
		           n_nodes);
}

/* The group_by text of `n`, or "" when it has none. */
static const char *group_of(const l2e__block *b, const l2e__node *n,
                            const l2e__scope *record_scope)
{
	l2e__scope scope = *record_scope;
	const l2e__node *g;

	scope.current = n;
	g = l2e__path_first(&b->group_by, &scope);
	return l2e__node_is_scalar(g) ? g->text : "";
}

/*
 * 1 when section `b` may get one more item. Past max_items the dossier
 * is rejected, with one finding naming the limit: its items are cut off
 * nowhere silently, and the work for one hostile record stays bounded.
 */
static int has_room(eval *ev, const l2e__block *b, const l2e__node *at)
{
	size_t max = ev->profile->max_items ? ev->profile->max_items
	                                    : L2E_DEFAULT_MAX_ITEMS;

	if (ev->profile->n_items[b->section] < max)
		return 1;
	if (!ev->is_full[b->section])
		l2e__diag_add(ev->diags, L2E_SEVERITY_ERROR, at, NULL,
		              "%s has more than max_items (%zu) items",
		              l2e__sections[b->section].name, max);
	ev->is_full[b->section] = 1;
	return 0;
}

static void add_item(eval *ev, const l2e__block *b, const l2e__scope *scope,
                     const l2e__node *const *nodes, size_t n_nodes)
{
	l2e__item *item;

	if (!has_room(ev, b, nodes[0]))
		return;
	item = l2e__item_new(ev->profile, b->section);
	if (!item) {
		ev->is_oom = 1;
		return;
	}
	run_rules(ev, b, item, scope, nodes, n_nodes);
	l2e__profile_add(ev->profile, b->section, item);
}

static void run_block(eval *ev, const l2e__block *b,
                      const l2e__scope *record_scope, l2e__item **singles)
{
	node_list list = { NULL, 0, 0, 0 }, group = { NULL, 0, 0, 0 };
	l2e__scope scope = *record_scope;
	l2e__groups groups = { NULL, NULL, 0 };
	const char **keys = NULL;
	size_t i, j, n_kept = 0;

	if (!b->has_each) {
		if (!singles[b->section])
			singles[b->section] =
			    l2e__item_new(ev->profile, b->section);
		if (!singles[b->section]) {
			ev->is_oom = 1;
			return;
		}
		run_rules(ev, b, singles[b->section], &scope, &scope.current,
		          1);
		return;
	}
	l2e__path_visit(&b->each, record_scope, collect, &list);
	ev->is_oom |= list.is_oom;
	if (!b->shared && ev->io && ev->io->n_records > 1 &&
	    b->each.base == L2E__PATH_ROOT &&
	    !l2e__rows_inside(list.items, list.n, record_scope->record)) {
		l2e__diag_add(ev->diags, L2E_SEVERITY_ERROR,
		              record_scope->record,
		              l2e__sections[b->section].name,
		              "%s: \"each\" reaches rows outside this "
		              "student's record ($root) in a file of several "
		              "students; add \"shared\": true to the section "
		              "if these rows belong to no student",
		              l2e__sections[b->section].name);
		goto done;
	}
	if (b->split)
		split_values(ev, &list, b->split);
	/* `where` first, so that groups hold only the rows that count */
	for (i = 0; i < list.n; i++) {
		scope.current = list.items[i];
		if (!b->where || cond_true(b->where, &scope))
			list.items[n_kept++] = list.items[i];
	}
	list.n = n_kept;
	if (!b->has_group_by) {
		for (i = 0;
		     i < list.n && !ev->is_oom && !ev->is_full[b->section]; i++)
			add_item(ev, b, record_scope, &list.items[i], 1);
		goto done;
	}
	/* one item per distinct group value, in order of first appearance */
	if (!list.n)
		goto done;
	if (!(keys = l2e__calloc(list.n, sizeof(*keys)))) {
		ev->is_oom = 1;
		goto done;
	}
	for (i = 0; i < list.n; i++)
		keys[i] = group_of(b, list.items[i], record_scope);
	if (l2e__group_by_key(&groups, keys, list.n) < 0) {
		ev->is_oom = 1;
		goto done;
	}
	for (i = 0;
	     i < groups.n_groups && !ev->is_oom && !ev->is_full[b->section];
	     i++) {
		group.n = 0;
		for (j = groups.starts[i]; j < groups.starts[i + 1]; j++)
			list_add(&group, list.items[groups.order[j]]);
		ev->is_oom |= group.is_oom;
		if (!ev->is_oom)
			add_item(ev, b, record_scope, group.items, group.n);
	}
done:
	l2e__groups_dispose(&groups);
	l2e__free((void *)keys);
	l2e__free((void *)group.items);
	l2e__free((void *)list.items);
}

int l2e__map_eval(l2e__profile *profile, l2e__diags *diags,
                  const char **key_out, l2e__verdict *verdict,
                  const l2e_mapping *map, const l2e__node *record,
                  const l2e__node *root, l2e__eval_io *io)
{
	l2e__item *singles[L2E__SEC_COUNT] = { NULL };
	l2e__scope scope = { record, record, root, io ? io->resolver : NULL };
	const l2e__node *key;
	eval ev = { map, profile, diags, 0, { 0 }, L2E_BUF_INIT, NULL, NULL };
	size_t i;

	*key_out = NULL;
	*verdict = L2E__VERDICT_REJECTED;
	ev.io = io;
	if (map->records_where && !cond_true(map->records_where, &scope)) {
		*verdict = L2E__VERDICT_DROPPED;
		return 0;
	}
	key = l2e__path_first(&map->key, &scope);
	for (i = 1; i < map->n_keys && !has_value(key); i++)
		key = l2e__path_first(&map->keys[i], &scope);
	if (!has_value(key) || !l2e__node_is_scalar(key)) {
		l2e__diag_add(diags, L2E_SEVERITY_ERROR, key ? key : record,
		              NULL, "record has no dossier key at \"%s\"",
		              map->key.text);
		return 0;
	}
	if (l2e__natid_find(key->text)) {
		l2e__diag_add(
		    diags, L2E_SEVERITY_ERROR, key, NULL,
		    "the dossier key looks like a national identifier "
		    "(BSN, onderwijsnummer or ECK iD); map the school's "
		    "student number as the key");
		return 0;
	}
	/* the key names the output file: never shortened, so that cutting
	 * cannot turn it into something else (e.g. a 9-digit number) */
	if (key->len > L2E__KEY_MAX) {
		l2e__diag_add(
		    diags, L2E_SEVERITY_ERROR, key, NULL,
		    "the dossier key is longer than %d characters; map "
		    "the school's student number as the key",
		    L2E__KEY_MAX);
		return 0;
	}
	if (!(*key_out = l2e__pool_strdup(profile->pool, key->text)))
		return L2E_ENOMEM;
	if (io) {
		io->is_included = 1;
		ev.trace = l2e__trace_wants(io->trace, map, key->text);
	}
	if (map->include && !cond_true(map->include, &scope)) {
		*verdict = L2E__VERDICT_SKIPPED;
		if (io)
			io->is_included = 0;
		/* merged: another record of the key may hold the consent */
		if (!map->merge)
			return 0;
	}
	for (i = 0; i < map->n_blocks && !ev.is_oom; i++)
		run_block(&ev, &map->blocks[i], &scope, singles);
	l2e_buf_dispose(&ev.text);
	for (i = 0; i < L2E__SEC_COUNT; i++)
		if (singles[i])
			l2e__profile_add(profile, (int)i, singles[i]);
	if (ev.is_oom || diags->is_oom)
		return L2E_ENOMEM;
	if (diags->n_errors)
		*verdict = L2E__VERDICT_REJECTED;
	else if (*verdict != L2E__VERDICT_SKIPPED)
		*verdict = L2E__VERDICT_OK;
	return 0;
}
