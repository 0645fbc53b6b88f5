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

#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "map/date.h"
#include "privacy/natid.h"

typedef struct eval {
	const l2e_mapping *map;
	l2e__profile *profile;
	l2e__diags *diags;
	int is_oom;
} eval;

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
	case L2E__COND_NOT:
		return !cond_true(c->children[0], scope);
	default:
		break;
	}
	n = l2e__path_first(&c->path, scope);
	switch (c->kind) {
	case L2E__COND_EQUALS:
	case L2E__COND_IN:
		return in_list(n, c);
	case L2E__COND_NOT_IN:
		return !in_list(n, c);
	case L2E__COND_EXISTS:
		return has_value(n) == c->exists;
	default:
		return 0;
	}
}

/* ==== Values ==== */

static void ascii_case(char *s, unsigned tf)
{
	for (; *s; s++) {
		if ((tf & L2E__TF_UPPER) && *s >= 'a' && *s <= 'z')
			*s = (char)(*s - 32);
		else if ((tf & L2E__TF_LOWER) && *s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
	}
}

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

	if (r->when && !cond_true(r->when, scope))
		goto fallback;
	switch (r->source) {
	case L2E__SRC_PATH:
		n = l2e__path_first(&r->path, scope);
		if (n)
			*at = n;
		if (!has_value(n))
			break;
		if (!l2e__node_is_scalar(n)) {
			l2e__diag_add(ev->diags, L2E_SEVERITY_WARNING, n,
			              r->target, "%s: \"%s\" is %s, not a value; "
			              "ignored", r->target, r->path.text,
			              n->kind == L2E__NODE_ARRAY ? "a list"
			                                         : "an object");
			break;
		}
		got = l2e__buf_put(out, n->text, n->len) == 0;
		ev->is_oom |= !got;
		break;
	case L2E__SRC_VALUE:
		if (r->value) {
			got = l2e__buf_puts(out, r->value) == 0;
			ev->is_oom |= !got;
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
				ev->is_oom |= l2e__buf_puts(out,
				                            r->parts[i].literal) < 0;
				continue;
			}
			has_vars = 1;
			l2e__buf_clear(&part);
			if (value_of(ev, r->parts[i].var, scope, &part, at)) {
				any_var = 1;
				ev->is_oom |= l2e__buf_put(out, part.ptr,
				                           part.len) < 0;
			}
		}
		l2e_buf_dispose(&part);
		got = !has_vars || any_var;
		break;
	}
	}
	if (got && (!out->ptr || is_blank(out->ptr)))
		got = 0;
	if (got && r->transforms)
		ascii_case(out->ptr, r->transforms);
	if (got && r->map) {
		mapped = l2e__valuemap_lookup(r->map, out->ptr);
		if (mapped) {
			l2e__buf_clear(out);
			ev->is_oom |= l2e__buf_puts(out, mapped) < 0;
		} else if (r->unmapped == L2E__UNMAPPED_WARN) {
			l2e__diag_add(ev->diags, L2E_SEVERITY_WARNING, *at,
			              r->target, "%s: value \"%s\" is not in %s%s; "
			              "left out", r->target,
			              l2e__diag_quote(ev->diags, out->ptr),
			              r->map->name ? "code list " : "the map",
			              r->map->name ? r->map->name : "");
			got = 0;
		} else if (r->unmapped == L2E__UNMAPPED_IGNORE) {
			got = 0;
		}
	}
fallback:
	if (!got && r->default_value) {
		l2e__buf_clear(out);
		got = l2e__buf_puts(out, r->default_value) == 0;
		ev->is_oom |= !got;
	}
	return got;
}

static int set_date(eval *ev, const l2e__rule *r, l2e__item *item,
                    const char *text, const l2e__node *at)
{
	const char *const *formats = r->date_formats ? r->date_formats
	                                             : l2e__date_iso_formats;
	const char *why = NULL;
	l2e__date d;
	size_t i;
	int got;

	for (i = 0; formats[i]; i++) {
		got = l2e__date_parse(&d, text, formats[i], &why);
		if (got > 0) {
			l2e__profile_set_date(item, r->field, d);
			return 1;
		}
		if (got < 0)
			break;
	}
	if (why)
		l2e__diag_add(ev->diags, L2E_SEVERITY_WARNING, at, r->target,
		              "%s: \"%s\" is not a real date (%s); left out",
		              r->target, l2e__diag_quote(ev->diags, text), why);
	else
		l2e__diag_add(ev->diags, L2E_SEVERITY_WARNING, at, r->target,
		              "%s: \"%s\" does not match the date format%s; "
		              "left out", r->target,
		              l2e__diag_quote(ev->diags, text),
		              r->date_formats ? "s of the rule"
		                              : " jjjj-mm-dd (or jjjj-mm, jjjj)");
	return 0;
}

static void apply_rule(eval *ev, const l2e__rule *r, int section,
                       l2e__item *item, const l2e__scope *scope)
{
	l2e_buf text = L2E_BUF_INIT;
	const l2e__node *at = NULL;
	const char *note = NULL;
	size_t redacted = 0;
	int got, set = 0;

	got = value_of(ev, r, scope, &text, &at);
	if (got && l2e__sections[section].fields[r->field].type ==
	                   L2E__FT_DATE) {
		set = set_date(ev, r, item, text.ptr, at);
	} else if (got) {
		int rc = l2e__profile_set(ev->profile, item, section, r->field,
		                          text.ptr, &redacted, &note);

		if (rc == L2E_ENOMEM)
			ev->is_oom = 1;
		set = rc == 0 || rc == L2E__SET_ADJUSTED;
		if (rc == L2E__SET_REFUSED)
			l2e__diag_add(ev->diags, L2E_SEVERITY_WARNING, at, r->target,
			              "%s: \"%s\": %s; left out", r->target,
			              l2e__diag_quote(ev->diags, text.ptr), note);
		else if (rc == L2E__SET_ADJUSTED)
			l2e__diag_add(ev->diags, L2E_SEVERITY_WARNING, at, r->target,
			              "%s: \"%s\": %s", r->target,
			              l2e__diag_quote(ev->diags, text.ptr), note);
		if (redacted)
			l2e__diag_add(ev->diags, L2E_SEVERITY_WARNING, at, r->target,
			              "%s: %zu national identifier%s (BSN, "
			              "onderwijsnummer or ECK iD) removed from the "
			              "text", r->target, redacted,
			              redacted == 1 ? "" : "s");
	}
	if (!set && r->is_required)
		l2e__diag_add(ev->diags, L2E_SEVERITY_ERROR,
		              at ? at : scope->current, r->target,
		              "%s is required but %s", r->target,
		              got ? "its value was refused" : "has no value");
	l2e_buf_dispose(&text);
}

/* ==== Blocks ==== */

typedef struct node_list {
	const l2e__node **items;
	size_t n;
	size_t cap;
	int is_oom;
} node_list;

static int collect(const l2e__node *n, void *payload)
{
	node_list *list = payload;
	const l2e__node *c;

	if (n->kind == L2E__NODE_ARRAY) {
		for (c = n->first; c; c = c->next)
			collect(c, payload);
		return 0;
	}
	if (n->kind == L2E__NODE_NULL)
		return 0;
	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 16;
		const l2e__node **grown = l2e__realloc((void *)list->items,
		                                       cap * sizeof(*grown));

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

static void run_rules(eval *ev, const l2e__block *b, l2e__item *item,
                      const l2e__scope *scope)
{
	size_t i;

	for (i = 0; i < b->n_rules; i++)
		apply_rule(ev, b->rules[i], b->section, item, scope);
}

static void run_block(eval *ev, const l2e__block *b,
                      const l2e__scope *record_scope, l2e__item **singles)
{
	node_list list = { NULL, 0, 0, 0 };
	l2e__scope scope = *record_scope;
	l2e__item *item;
	size_t i;

	if (!b->has_each) {
		if (!singles[b->section])
			singles[b->section] = l2e__item_new(ev->profile,
			                                    b->section);
		if (!singles[b->section]) {
			ev->is_oom = 1;
			return;
		}
		run_rules(ev, b, singles[b->section], &scope);
		return;
	}
	l2e__path_visit(&b->each, record_scope, collect, &list);
	ev->is_oom |= list.is_oom;
	for (i = 0; i < list.n; i++) {
		scope.current = list.items[i];
		if (b->where && !cond_true(b->where, &scope))
			continue;
		if (!(item = l2e__item_new(ev->profile, b->section))) {
			ev->is_oom = 1;
			break;
		}
		run_rules(ev, b, item, &scope);
		l2e__profile_add(ev->profile, b->section, item);
	}
	l2e__free((void *)list.items);
}

int l2e__map_eval(l2e__profile *profile, l2e__diags *diags,
                  const char **key_out, l2e__verdict *verdict,
                  const l2e_mapping *map, const l2e__node *record,
                  const l2e__node *root)
{
	l2e__item *singles[L2E__SEC_COUNT] = { NULL };
	l2e__scope scope = { record, record, root };
	const l2e__node *key;
	eval ev = { map, profile, diags, 0 };
	size_t i;

	*key_out = NULL;
	*verdict = L2E__VERDICT_REJECTED;
	key = l2e__path_first(&map->key, &scope);
	if (!has_value(key) || !l2e__node_is_scalar(key)) {
		l2e__diag_add(diags, L2E_SEVERITY_ERROR, key ? key : record,
		              NULL, "record has no dossier key at \"%s\"",
		              map->key.text);
		return 0;
	}
	if (l2e__natid_find(key->text)) {
		l2e__diag_add(diags, L2E_SEVERITY_ERROR, key, NULL,
		              "the dossier key looks like a national identifier "
		              "(BSN, onderwijsnummer or ECK iD); map the school's "
		              "student number as the key");
		return 0;
	}
	if (!(*key_out = l2e__pool_strdup(profile->pool, key->text)))
		return L2E_ENOMEM;
	if (map->include && !cond_true(map->include, &scope)) {
		*verdict = L2E__VERDICT_SKIPPED;
		return 0;
	}
	for (i = 0; i < map->n_blocks && !ev.is_oom; i++)
		run_block(&ev, &map->blocks[i], &scope, singles);
	for (i = 0; i < L2E__SEC_COUNT; i++)
		if (singles[i])
			l2e__profile_add(profile, (int)i, singles[i]);
	if (ev.is_oom || diags->is_oom)
		return L2E_ENOMEM;
	*verdict = diags->n_errors ? L2E__VERDICT_REJECTED : L2E__VERDICT_OK;
	return 0;
}
