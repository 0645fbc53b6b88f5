/*
 * map_load.c - read a mapping file and compile it (see mapping.h).
 *
 * The file is parsed into a record tree (so every node has a line and
 * column) and then walked once. Anything the walk does not understand is
 * an error at its position: unknown keys, wrong types, unknown profile
 * fields, bad paths, bad date formats, unknown code lists, personal data
 * without an opt-in. A mapping that loads is one that can run.
 */
#include "map/mapping.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/ctx.h"
#include "core/file.h"
#include "core/hash.h"
#include "map/date.h"
#include "read/json_tree.h"

#include <libxml/xpath.h>

#define MAPPING_VERSION 1

typedef struct loader {
	l2e_ctx *ctx;
	l2e_mapping *map;
	const char *codelist_dir;
	l2e_diag_cb cb; /* check mode: report every problem here */
	void *payload;
	size_t n_errors;
} loader;

/* In check mode, go on after a mapping error to find the next one. */
static int keep_going(const loader *ld, int error)
{
	return ld->cb && error == L2E_EMAPPING;
}

/* The context's error as a finding for the check callback. */
static void report(loader *ld)
{
	const l2e_error *e = l2e_ctx_error(ld->ctx);
	l2e_diag d;

	if (!ld->cb || !e)
		return;
	memset(&d, 0, sizeof(d));
	d.severity = L2E_SEVERITY_ERROR;
	d.message = e->message;
	d.file = e->file;
	d.line = e->line;
	d.column = e->column;
	d.field = e->field;
	ld->cb(&d, ld->payload);
	ld->n_errors++;
}

static int bad(loader *ld, const l2e__node *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int bad(loader *ld, const l2e__node *at, const char *fmt, ...)
{
	l2e_buf msg = L2E_BUF_INIT, field = L2E_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	l2e__buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	l2e__node_path(&field, at);
	l2e__error_set_at(ld->ctx, L2E_EMAPPING, L2E_ERRCLASS_MAP,
	                  ld->map->file, at ? at->line : 0, at ? at->column : 0,
	                  field.ptr, "%s",
	                  msg.ptr ? msg.ptr : "invalid mapping");
	l2e_buf_dispose(&msg);
	l2e_buf_dispose(&field);
	report(ld);
	return L2E_EMAPPING;
}

/* As bad(), pointing at the member name of `at` rather than its value. */
static int bad_key(loader *ld, const l2e__node *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int bad_key(loader *ld, const l2e__node *at, const char *fmt, ...)
{
	l2e_buf msg = L2E_BUF_INIT;
	l2e__node where = *at;
	va_list ap;

	va_start(ap, fmt);
	l2e__buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	if (at->key_line) {
		where.line = at->key_line;
		where.column = at->key_column;
	}
	bad(ld, &where, "%s", msg.ptr ? msg.ptr : "invalid mapping");
	l2e_buf_dispose(&msg);
	return L2E_EMAPPING;
}

static int oom(loader *ld)
{
	return l2e__error_set(ld->ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
	                      "out of memory loading the mapping");
}

static const char *kind_name(l2e__node_kind k)
{
	static const char *names[] = { "null",     "true/false", "a number",
		                       "a string", "an array",   "an object" };
	return names[k];
}

static int expect(loader *ld, const l2e__node *n, l2e__node_kind kind,
                  const char *what)
{
	if (n->kind == kind)
		return 0;
	return bad(ld, n, "%s must be %s, not %s", what, kind_name(kind),
	           kind_name(n->kind));
}

/* Every member of `obj` must be one of `allowed` (NULL-terminated). */
static int only_keys(loader *ld, const l2e__node *obj,
                     const char *const *allowed, const char *what)
{
	const l2e__node *c;
	size_t i;

	for (c = obj->first; c; c = c->next) {
		for (i = 0; allowed[i] && strcmp(allowed[i], c->key); i++)
			;
		if (!allowed[i])
			return bad_key(ld, c, "unknown key \"%s\" in %s",
			               c->key, what);
	}
	return 0;
}

static int compile_path(loader *ld, l2e__path *out, const l2e__node *n)
{
	size_t at = 0;
	const char *why = NULL;
	const char *text;
	int error;

	if ((error = expect(ld, n, L2E__NODE_STRING, "a path")) < 0)
		return error;
	if (!*n->text)
		return bad(ld, n,
		           "a path is empty (write \".\" for the current "
		           "item)");
	if (!(text = l2e__pool_strdup(&ld->map->pool, n->text)))
		return oom(ld);
	error = l2e__path_parse(out, &ld->map->pool, text, &at, &why);
	if (error == L2E_ENOMEM)
		return oom(ld);
	if (error < 0) {
		l2e__node where = *n;

		where.column += (unsigned)at + 1; /* +1: the opening quote */
		return bad(ld, &where, "bad path \"%s\": %s", n->text, why);
	}
	return 0;
}

/* A scalar as text: strings, numbers and true/false. */
static int scalar_text(loader *ld, const l2e__node *n, const char **out,
                       const char *what)
{
	if (!l2e__node_is_scalar(n))
		return bad(ld, n, "%s must be a string, number or true/false",
		           what);
	*out = l2e__pool_strdup(&ld->map->pool, n->text);
	return *out ? 0 : oom(ld);
}

/* ==== Conditions ==== */

static int compile_cond(loader *ld, l2e__cond **out, const l2e__node *n);

static int cond_list(loader *ld, l2e__cond *c, const l2e__node *arr)
{
	const l2e__node *e;
	size_t i = 0;
	int error;

	if ((error = expect(ld, arr, L2E__NODE_ARRAY, "\"all\"/\"any\"")) < 0)
		return error;
	c->children = l2e__pool_alloc(&ld->map->pool, (arr->n_children + 1) *
	                                                  sizeof(*c->children));
	if (!c->children)
		return oom(ld);
	for (e = arr->first; e; e = e->next)
		if ((error = compile_cond(ld, &c->children[i++], e)) < 0)
			return error;
	c->n_children = i;
	return 0;
}

static int compile_cond(loader *ld, l2e__cond **out, const l2e__node *n)
{
	static const char *const keys[] = { "path",   "equals", "in",
		                            "not_in", "exists", "all",
		                            "any",    "not",    "comment",
		                            NULL };
	const l2e__node *path, *v, *e;
	l2e__cond *c;
	int error, n_tests = 0;
	size_t i;

	if ((error = expect(ld, n, L2E__NODE_OBJECT, "a condition")) < 0)
		return error;
	if ((error = only_keys(ld, n, keys, "a condition")) < 0)
		return error;
	if (!(c = l2e__pool_alloc(&ld->map->pool, sizeof(*c))))
		return oom(ld);
	*out = c;

	/* a combinator stands alone: nothing else would be looked at */
	if ((l2e__node_member(n, "all") != NULL) +
	        (l2e__node_member(n, "any") != NULL) +
	        (l2e__node_member(n, "not") != NULL) +
	        (l2e__node_member(n, "path") != NULL) >
	    1)
		return bad(ld, n,
		           "a condition has one of \"path\", \"all\", "
		           "\"any\" or \"not\"");
	if ((l2e__node_member(n, "all") || l2e__node_member(n, "any") ||
	     l2e__node_member(n, "not")) &&
	    (l2e__node_member(n, "equals") || l2e__node_member(n, "in") ||
	     l2e__node_member(n, "not_in") || l2e__node_member(n, "exists")))
		return bad(ld, n,
		           "\"equals\", \"in\", \"not_in\" and "
		           "\"exists\" go with \"path\"");
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
			return oom(ld);
		c->n_children = 1;
		return compile_cond(ld, &c->children[0], v);
	}
	if (!(path = l2e__node_member(n, "path")))
		return bad(ld, n,
		           "a condition needs \"path\" (or \"all\", "
		           "\"any\", \"not\")");
	if ((error = compile_path(ld, &c->path, path)) < 0)
		return error;
	for (v = n->first; v; v = v->next) {
		if (strcmp(v->key, "equals") == 0) {
			c->kind = L2E__COND_EQUALS;
			c->values =
			    l2e__pool_alloc(&ld->map->pool, sizeof(char *));
			if (!c->values)
				return oom(ld);
			c->n_values = 1;
			if ((error = scalar_text(ld, v, &c->values[0],
			                         "\"equals\"")) < 0)
				return error;
			n_tests++;
		} else if (strcmp(v->key, "in") == 0 ||
		           strcmp(v->key, "not_in") == 0) {
			c->kind =
			    v->key[0] == 'i' ? L2E__COND_IN : L2E__COND_NOT_IN;
			if ((error = expect(ld, v, L2E__NODE_ARRAY, v->key)) <
			    0)
				return error;
			c->values = l2e__pool_alloc(&ld->map->pool,
			                            (v->n_children + 1) *
			                                sizeof(char *));
			if (!c->values)
				return oom(ld);
			i = 0;
			for (e = v->first; e; e = e->next)
				if ((error = scalar_text(ld, e, &c->values[i++],
				                         "a listed value")) < 0)
					return error;
			c->n_values = i;
			n_tests++;
		} else if (strcmp(v->key, "exists") == 0) {
			c->kind = L2E__COND_EXISTS;
			if ((error = expect(ld, v, L2E__NODE_BOOL,
			                    "\"exists\"")) < 0)
				return error;
			c->exists = strcmp(v->text, "true") == 0;
			n_tests++;
		}
	}
	if (n_tests != 1)
		return bad(ld, n,
		           "a condition with \"path\" needs exactly one "
		           "of \"equals\", \"in\", \"not_in\", \"exists\"");
	return 0;
}

/* ==== Code lists ==== */

static int load_valuemap_entries(loader *ld, l2e__valuemap *vm,
                                 const l2e__node *obj)
{
	const l2e__node *e;
	long dup;
	size_t i = 0;
	int error;

	if ((error = expect(ld, obj, L2E__NODE_OBJECT, "a value map")) < 0)
		return error;
	vm->entries = l2e__pool_alloc(&ld->map->pool, (obj->n_children + 1) *
	                                                  sizeof(*vm->entries));
	if (!vm->entries)
		return oom(ld);
	for (e = obj->first; e; e = e->next) {
		if (!(vm->entries[i].from =
		          l2e__pool_strdup(&ld->map->pool, e->key)))
			return oom(ld);
		if ((error = scalar_text(ld, e, &vm->entries[i].to,
		                         "a mapped value")) < 0)
			return error;
		i++;
	}
	vm->n_entries = i;
	dup = l2e__valuemap_sort(vm);
	if (dup >= 0) {
		for (e = obj->first; e; e = e->next)
			if (strcmp(e->key, vm->entries[dup].from) == 0)
				break;
		return bad(ld, e ? e : obj, "\"%s\" is listed twice%s",
		           vm->entries[dup].from,
		           vm->is_case_sensitive ? ""
		                                 : " (matching ignores case)");
	}
	return 0;
}

static int valid_codelist_name(const char *s)
{
	if (!*s || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static int load_codelist(loader *ld, const l2e__valuemap **out,
                         const l2e__node *name_node)
{
	static const char *const keys[] = { "codelist", "description",
		                            "source",   "case_sensitive",
		                            "entries",  "comment",
		                            NULL };
	l2e_mapping *map = ld->map;
	l2e_buf path = L2E_BUF_INIT, text = L2E_BUF_INIT;
	l2e__pool tree_pool = L2E__POOL_INIT;
	l2e__json_cursor cur;
	l2e__node *root = NULL;
	const l2e__node *n;
	l2e__valuemap *vm, **grown;
	l2e_mapping file_map;
	loader sub = *ld;
	size_t i;
	int error = 0;

	if ((error = expect(ld, name_node, L2E__NODE_STRING, "\"codelist\"")) <
	    0)
		return error;
	for (i = 0; i < map->n_codelists; i++)
		if (strcmp(map->codelists[i]->name, name_node->text) == 0) {
			*out = map->codelists[i];
			return 0;
		}
	if (!valid_codelist_name(name_node->text))
		return bad(ld, name_node,
		           "a code list name has only a-z, 0-9, "
		           "'-' and '_'");
	if (!ld->codelist_dir)
		return bad(ld, name_node,
		           "code list \"%s\": no code list folder "
		           "for this mapping",
		           name_node->text);
	if (l2e__buf_printf(&path, "%s/%s.json", ld->codelist_dir,
	                    name_node->text) < 0)
		return oom(ld);
	error = l2e__file_read(&text, ld->ctx, path.ptr,
	                       ld->ctx->opts.max_mapping_bytes,
	                       "max_mapping_bytes");
	if (error == 0)
		map->fingerprint =
		    l2e__fnv(map->fingerprint, text.ptr, text.len);
	if (error == L2E_ENOTFOUND) {
		error = bad(ld, name_node, "unknown code list \"%s\" (no %s)",
		            name_node->text, path.ptr);
		goto done;
	}
	if (error < 0)
		goto done;

	/* errors inside the code list point into the code list file */
	memset(&file_map, 0, sizeof(file_map));
	file_map.file = path.ptr;
	sub.map = &file_map;
	l2e__json_cursor_init(&cur, path.ptr, text.ptr, text.len,
	                      &ld->ctx->opts);
	if ((error = l2e__json_next(&root, &tree_pool, ld->ctx, &cur)) < 0)
		goto done;
	if (!root || root->kind != L2E__NODE_OBJECT) {
		error = l2e__error_set_at(ld->ctx, L2E_EMAPPING,
		                          L2E_ERRCLASS_MAP, path.ptr, 1, 1,
		                          NULL, "a code list is a JSON object");
		goto done;
	}
	{
		l2e__node *extra = NULL;

		if ((error =
		         l2e__json_next(&extra, &tree_pool, ld->ctx, &cur)) < 0)
			goto done;
		if (extra) {
			error =
			    bad(&sub, extra, "text after the code list object");
			goto done;
		}
	}
	if ((error = only_keys(&sub, root, keys, "a code list")) < 0)
		goto done;
	if (!(vm = l2e__pool_alloc(&map->pool, sizeof(*vm))) ||
	    !(vm->name = l2e__pool_strdup(&map->pool, name_node->text))) {
		error = oom(ld);
		goto done;
	}
	n = l2e__node_member(root, "case_sensitive");
	if (n && n->kind != L2E__NODE_BOOL) {
		error = bad(&sub, n, "\"case_sensitive\" is true or false");
		goto done;
	}
	vm->is_case_sensitive = n && strcmp(n->text, "true") == 0;
	if (!(n = l2e__node_member(root, "entries"))) {
		error = bad(&sub, root, "a code list needs \"entries\"");
		goto done;
	}
	sub.map = map; /* entries are allocated from the mapping's pool */
	file_map.file = path.ptr;
	{
		/* but reported against the code list file */
		const char *keep = map->file;

		map->file = path.ptr;
		error = load_valuemap_entries(&sub, vm, n);
		map->file = keep;
	}
	if (error < 0)
		goto done;
	grown = l2e__pool_alloc(&map->pool,
	                        (map->n_codelists + 1) * sizeof(*grown));
	if (!grown) {
		error = oom(ld);
		goto done;
	}
	if (map->n_codelists)
		memcpy(grown, map->codelists,
		       map->n_codelists * sizeof(*grown));
	grown[map->n_codelists++] = vm;
	map->codelists = grown;
	*out = vm;
done:
	l2e__pool_clear(&tree_pool);
	l2e_buf_dispose(&path);
	l2e_buf_dispose(&text);
	return error;
}

/* ==== Rules ==== */

/* "date" and "required" act on the field's rule, not on its parts. */
static int field_level_only(loader *ld, const l2e__node *n,
                            const l2e__rule *sub)
{
	if (sub->date_formats)
		return bad(ld, l2e__node_member(n, "date"),
		           "put \"date\" on the "
		           "field's rule, not inside \"first\" or \"with\"");
	if (sub->is_required)
		return bad(ld, l2e__node_member(n, "required"),
		           "put \"required\" "
		           "on the field's rule, not inside \"first\" or "
		           "\"with\"");
	return 0;
}

static int compile_rule(loader *ld, l2e__rule **out, const l2e__node *n,
                        const char *target, int section, int field);

static int compile_template(loader *ld, l2e__rule *r, const l2e__node *tmpl,
                            const l2e__node *with)
{
	const char *s = tmpl->text, *open, *close;
	l2e__template_part *parts;
	size_t cap = 1, i = 0;
	int error;

	for (open = s; *open; open++)
		cap += *open == '{' ? 2 : 0;
	parts = l2e__pool_alloc(&ld->map->pool, (cap + 1) * sizeof(*parts));
	if (!parts)
		return oom(ld);
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
			return bad(ld, tmpl, "unclosed '{' in template");
		{
			char name[128];
			const l2e__node *var;
			l2e__rule *sub;
			size_t len = (size_t)(close - open - 1);

			if (len == 0 || len >= sizeof(name))
				return bad(ld, tmpl, "bad {name} in template");
			memcpy(name, open + 1, len);
			name[len] = '\0';
			var = with ? l2e__node_member(with, name) : NULL;
			if (!var)
				return bad(
				    ld, with ? with : tmpl,
				    "template variable {%s} is not defined "
				    "in \"with\"",
				    name);
			if ((error = compile_rule(ld, &sub, var, r->target, -1,
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
			return oom(ld);
	if (with) {
		const l2e__node *w;
		char ref[140];

		for (w = with->first; w; w = w->next) {
			snprintf(ref, sizeof(ref), "{%s}", w->key);
			if (!strstr(tmpl->text, ref))
				return bad_key(ld, w,
				               "\"%s\" is not used in the "
				               "template",
				               w->key);
		}
	}
	r->parts = parts;
	r->n_parts = i;
	return 0;
}

static int compile_dates(loader *ld, l2e__rule *r, const l2e__node *n)
{
	const l2e__node *e;
	size_t i = 0;
	int error;

	r->date_formats = l2e__pool_alloc(
	    &ld->map->pool,
	    (n->kind == L2E__NODE_ARRAY ? n->n_children + 1 : 2) *
	        sizeof(char *));
	if (!r->date_formats)
		return oom(ld);
	for (e = n->kind == L2E__NODE_ARRAY ? n->first : n; e;
	     e = n->kind == L2E__NODE_ARRAY ? e->next : NULL) {
		if ((error = expect(ld, e, L2E__NODE_STRING, "a date format")) <
		    0)
			return error;
		if (!l2e__date_format_valid(e->text))
			return bad(ld, e,
			           "bad date format \"%s\" (use j, m, d: "
			           "e.g. \"dd-mm-jjjj\")",
			           e->text);
		if ((error = scalar_text(ld, e, &r->date_formats[i++],
		                         "a date format")) < 0)
			return error;
	}
	if (i == 0)
		return bad(ld, n, "\"date\" lists no format");
	return 0;
}

static int compile_replace(loader *ld, l2e__rule *r, const l2e__node *arr)
{
	l2e__replace *grown;
	const char *from, *to;
	int error;

	if (arr->kind != L2E__NODE_ARRAY || arr->n_children != 2)
		return bad(ld, arr, "\"replace\" is [\"from\", \"to\"]");
	if ((error = scalar_text(ld, arr->first, &from, "\"replace\"")) < 0 ||
	    (error = scalar_text(ld, arr->last, &to, "\"replace\"")) < 0)
		return error;
	if (!*from)
		return bad(ld, arr->first, "\"replace\" needs text to replace");
	grown = l2e__pool_alloc(&ld->map->pool,
	                        (r->n_replaces + 1) * sizeof(*grown));
	if (!grown)
		return oom(ld);
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
static int compile_transforms(loader *ld, l2e__rule *r, const l2e__node *v)
{
	static const struct {
		const char *name;
		unsigned flag;
	} flags[] = {
		{ "upper", L2E__TF_UPPER },
		{ "lower", L2E__TF_LOWER },
		{ "title", L2E__TF_TITLE },
		{ "decimal", L2E__TF_DECIMAL },
	};
	const l2e__node *e, *p;
	size_t i;
	int error;

	for (e = v->kind == L2E__NODE_ARRAY ? v->first : v; e;
	     e = v->kind == L2E__NODE_ARRAY ? e->next : NULL) {
		if (e->kind == L2E__NODE_OBJECT && e->n_children == 1 &&
		    (p = l2e__node_member(e, "pad"))) {
			if (p->kind != L2E__NODE_NUMBER || p->len > 2 ||
			    p->text[0] < '1' || p->text[0] > '9')
				return bad(ld, p,
				           "\"pad\" is a width, 1 to 99");
			r->pad = (unsigned)(p->text[0] - '0');
			if (p->len == 2)
				r->pad =
				    r->pad * 10 + (unsigned)(p->text[1] - '0');
			continue;
		}
		if (e->kind == L2E__NODE_OBJECT && e->n_children == 1 &&
		    (p = l2e__node_member(e, "replace"))) {
			if ((error = compile_replace(ld, r, p)) < 0)
				return error;
			continue;
		}
		if (e->kind != L2E__NODE_STRING)
			return bad(ld, e,
			           "a transform is \"upper\", \"lower\", "
			           "\"title\", \"decimal\", {\"pad\": N} or "
			           "{\"replace\": [\"from\", \"to\"]}");
		for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
			if (!strcmp(e->text, flags[i].name))
				break;
		if (i == sizeof(flags) / sizeof(flags[0]))
			return bad(ld, e,
			           "unknown transform \"%s\" (upper, lower, "
			           "title, decimal, pad, replace)",
			           e->text);
		r->transforms |= flags[i].flag;
	}
	if ((r->transforms & L2E__TF_UPPER) && (r->transforms & L2E__TF_LOWER))
		return bad(ld, v, "\"upper\" and \"lower\" exclude each other");
	return 0;
}

static int compile_rule(loader *ld, l2e__rule **out, const l2e__node *n,
                        const char *target, int section, int field)
{
	static const char *const keys[] = { "path",      "value",    "first",
		                            "template",  "with",     "when",
		                            "map",       "codelist", "unmapped",
		                            "transform", "date",     "default",
		                            "required",  "comment",  NULL };
	const l2e__node *v, *e;
	l2e__rule *r;
	int error, n_sources = 0;
	l2e__ftype type = section >= 0 && field >= 0
	                      ? l2e__sections[section].fields[field].type
	                      : L2E__FT_TEXT;
	size_t i;

	if (!(r = l2e__pool_alloc(&ld->map->pool, sizeof(*r))))
		return oom(ld);
	*out = r;
	r->target = target;
	r->field = field;
	r->line = n->line;
	r->column = n->column;

	if (n->kind == L2E__NODE_STRING) {
		r->source = L2E__SRC_PATH;
		error = compile_path(ld, &r->path, n);
		goto check_type;
	}
	if (n->kind != L2E__NODE_OBJECT)
		return bad(ld, n,
		           "rule for %s must be a path (string) or an "
		           "object",
		           target);
	if ((error = only_keys(ld, n, keys, "a rule")) < 0)
		return error;

	for (v = n->first; v; v = v->next) {
		if (strcmp(v->key, "path") == 0) {
			r->source = L2E__SRC_PATH;
			if ((error = compile_path(ld, &r->path, v)) < 0)
				return error;
			n_sources++;
		} else if (strcmp(v->key, "value") == 0) {
			r->source = L2E__SRC_VALUE;
			if ((error = scalar_text(ld, v, &r->value,
			                         "\"value\"")) < 0)
				return error;
			n_sources++;
		} else if (strcmp(v->key, "first") == 0) {
			r->source = L2E__SRC_FIRST;
			if ((error = expect(ld, v, L2E__NODE_ARRAY,
			                    "\"first\"")) < 0)
				return error;
			if (!v->n_children)
				return bad(ld, v, "\"first\" lists no rule");
			r->alternatives = l2e__pool_alloc(
			    &ld->map->pool,
			    v->n_children * sizeof(*r->alternatives));
			if (!r->alternatives)
				return oom(ld);
			i = 0;
			for (e = v->first; e; e = e->next) {
				if ((error = compile_rule(
				         ld, &r->alternatives[i], e, target,
				         section, field)) < 0)
					return error;
				if ((error = field_level_only(
				         ld, e, r->alternatives[i++])) < 0)
					return error;
			}
			r->n_alternatives = i;
			n_sources++;
		} else if (strcmp(v->key, "template") == 0) {
			r->source = L2E__SRC_TEMPLATE;
			if ((error = expect(ld, v, L2E__NODE_STRING,
			                    "\"template\"")) < 0)
				return error;
			if ((error = compile_template(
			         ld, r, v, l2e__node_member(n, "with"))) < 0)
				return error;
			n_sources++;
		} else if (strcmp(v->key, "with") == 0) {
			if (!l2e__node_member(n, "template"))
				return bad(ld, v,
				           "\"with\" belongs to a "
				           "\"template\"");
			if ((error = expect(ld, v, L2E__NODE_OBJECT,
			                    "\"with\"")) < 0)
				return error;
		} else if (strcmp(v->key, "when") == 0) {
			if ((error = compile_cond(ld, &r->when, v)) < 0)
				return error;
		} else if (strcmp(v->key, "map") == 0) {
			l2e__valuemap *vm;

			if (l2e__node_member(n, "codelist"))
				return bad(ld, v,
				           "use \"map\" or \"codelist\", "
				           "not both");
			if (!(vm = l2e__pool_alloc(&ld->map->pool,
			                           sizeof(*vm))) ||
			    !(r->maps = l2e__pool_alloc(&ld->map->pool,
			                                sizeof(*r->maps))))
				return oom(ld);
			if ((error = load_valuemap_entries(ld, vm, v)) < 0)
				return error;
			r->maps[0] = vm;
			r->n_maps = 1;
		} else if (strcmp(v->key, "codelist") == 0) {
			/* one code list, or a chain applied in order */
			r->maps = l2e__pool_alloc(&ld->map->pool,
			                          (v->kind == L2E__NODE_ARRAY
			                               ? v->n_children + 1
			                               : 1) *
			                              sizeof(*r->maps));
			if (!r->maps)
				return oom(ld);
			for (e = v->kind == L2E__NODE_ARRAY ? v->first : v; e;
			     e = v->kind == L2E__NODE_ARRAY ? e->next : NULL)
				if ((error = load_codelist(
				         ld, &r->maps[r->n_maps++], e)) < 0)
					return error;
			if (!r->n_maps)
				return bad(ld, v,
				           "\"codelist\" names no code list");
		} else if (strcmp(v->key, "unmapped") == 0) {
			if ((error = expect(ld, v, L2E__NODE_STRING,
			                    "\"unmapped\"")) < 0)
				return error;
			if (strcmp(v->text, "warn") == 0)
				r->unmapped = L2E__UNMAPPED_WARN;
			else if (strcmp(v->text, "ignore") == 0)
				r->unmapped = L2E__UNMAPPED_IGNORE;
			else if (strcmp(v->text, "keep") == 0)
				r->unmapped = L2E__UNMAPPED_KEEP;
			else
				return bad(ld, v,
				           "\"unmapped\" is \"warn\", "
				           "\"ignore\" or \"keep\"");
		} else if (strcmp(v->key, "transform") == 0) {
			if ((error = compile_transforms(ld, r, v)) < 0)
				return error;
		} else if (strcmp(v->key, "date") == 0) {
			if ((error = compile_dates(ld, r, v)) < 0)
				return error;
		} else if (strcmp(v->key, "default") == 0) {
			if ((error = scalar_text(ld, v, &r->default_value,
			                         "\"default\"")) < 0)
				return error;
		} else if (strcmp(v->key, "required") == 0) {
			if ((error = expect(ld, v, L2E__NODE_BOOL,
			                    "\"required\"")) < 0)
				return error;
			r->is_required = strcmp(v->text, "true") == 0;
		}
	}
	if (n_sources != 1 && !(n_sources == 0 && r->default_value))
		return bad(ld, n,
		           "a rule needs exactly one of \"path\", "
		           "\"value\", \"first\", \"template\"");
	if (n_sources == 0)
		r->source = L2E__SRC_VALUE; /* only a default */
	error = 0;
check_type:
	if (error < 0)
		return error;
	if (r->date_formats && type != L2E__FT_DATE &&
	    type != L2E__FT_DATETIME && field >= 0)
		return bad(ld, n, "\"date\" is for date fields; %s is not one",
		           target);
	return 0;
}

/* ==== Sections ==== */

static int opt_in_allowed(loader *ld, int section, int field,
                          const l2e__node *at)
{
	const l2e__section_spec *s = &l2e__sections[section];

	if (!(s->fields[field].flags & L2E__F_OPT_IN))
		return 0;
	if (ld->map->opt_in[section] & (1u << field))
		return 0;
	return bad_key(ld, at,
	               "%s.%s is personal data: list \"%s.%s\" in "
	               "\"opt_in\" to write it",
	               s->name, s->fields[field].name, s->name,
	               s->fields[field].name);
}

static int unknown_field(loader *ld, int section, const l2e__node *f)
{
	const l2e__section_spec *s = &l2e__sections[section];
	l2e_buf known = L2E_BUF_INIT;
	size_t k;
	int error;

	for (k = 0; k < s->n_fields; k++)
		l2e__buf_printf(&known, "%s%s", k ? ", " : "",
		                s->fields[k].name);
	error = bad_key(ld, f, "%s has no field \"%s\" (fields: %s)", s->name,
	                f->key, known.ptr ? known.ptr : "");
	l2e_buf_dispose(&known);
	return error;
}

static int compile_fields(loader *ld, l2e__block *b, const l2e__node *obj)
{
	const l2e__section_spec *s = &l2e__sections[b->section];
	const l2e__node *f;
	l2e_buf target = L2E_BUF_INIT;
	const char *name;
	size_t i = 0;
	int field, error;

	if ((error = expect(ld, obj, L2E__NODE_OBJECT, "fields")) < 0)
		return error;
	b->rules = l2e__pool_alloc(&ld->map->pool,
	                           (obj->n_children + 1) * sizeof(*b->rules));
	if (!b->rules)
		return oom(ld);
	for (f = obj->first; f; f = f->next) {
		if (strcmp(f->key, "comment") == 0)
			continue;
		field = l2e__field_find(b->section, f->key);
		if (field < 0) {
			error = unknown_field(ld, b->section, f);
			if (keep_going(ld, error))
				continue;
			goto done;
		}
		if ((error = opt_in_allowed(ld, b->section, field, f)) < 0) {
			if (keep_going(ld, error))
				continue;
			goto done;
		}
		l2e__buf_clear(&target);
		if (l2e__buf_printf(&target, "%s.%s", s->name, f->key) < 0 ||
		    !(name = l2e__pool_strdup(&ld->map->pool, target.ptr))) {
			error = oom(ld);
			goto done;
		}
		error =
		    compile_rule(ld, &b->rules[i], f, name, b->section, field);
		if (keep_going(ld, error))
			continue;
		if (error < 0)
			goto done;
		i++;
	}
	b->n_rules = i;
	error = 0;
done:
	l2e_buf_dispose(&target);
	return error;
}

static int compile_block(loader *ld, l2e__block *b, int section,
                         const l2e__node *n)
{
	static const char *const keys[] = { "each",  "where",    "fields",
		                            "split", "group_by", "comment",
		                            NULL };
	const l2e__node *v;
	int error;

	b->section = section;
	if (!l2e__sections[section].is_list)
		return compile_fields(ld, b, n);
	if ((error = expect(ld, n, L2E__NODE_OBJECT, "a list section")) < 0)
		return error;
	if ((error = only_keys(ld, n, keys, "a list section")) < 0)
		return error;
	if (!(v = l2e__node_member(n, "each")))
		return bad(ld, n, "%s needs \"each\": the path of its items",
		           l2e__sections[section].name);
	if ((error = compile_path(ld, &b->each, v)) < 0)
		return error;
	b->has_each = 1;
	if ((v = l2e__node_member(n, "split"))) {
		if ((error = scalar_text(ld, v, &b->split, "\"split\"")) < 0)
			return error;
		if (!*b->split)
			return bad(ld, v, "\"split\" needs a separator");
	}
	if ((v = l2e__node_member(n, "group_by"))) {
		if ((error = compile_path(ld, &b->group_by, v)) < 0)
			return error;
		b->has_group_by = 1;
	}
	if ((v = l2e__node_member(n, "where")) &&
	    (error = compile_cond(ld, &b->where, v)) < 0)
		return error;
	if (!(v = l2e__node_member(n, "fields")))
		return bad(ld, n, "%s needs \"fields\"",
		           l2e__sections[section].name);
	return compile_fields(ld, b, v);
}

static int compile_profile(loader *ld, const l2e__node *profile)
{
	l2e_mapping *map = ld->map;
	const l2e__node *s, *e;
	size_t n = 0;
	int section, error;

	if ((error = expect(ld, profile, L2E__NODE_OBJECT, "\"profile\"")) < 0)
		return error;
	for (s = profile->first; s; s = s->next)
		n += s->kind == L2E__NODE_ARRAY ? s->n_children : 1;
	map->blocks =
	    l2e__pool_alloc(&map->pool, (n + 1) * sizeof(*map->blocks));
	if (!map->blocks)
		return oom(ld);
	for (s = profile->first; s; s = s->next) {
		if (strcmp(s->key, "comment") == 0)
			continue;
		section = l2e__section_find(s->key);
		if (section < 0) {
			error =
			    bad_key(ld, s,
			            "unknown profile section \"%s\" "
			            "(document, person, headline, education, "
			            "work, languages, digital_skills, "
			            "certificates, career)",
			            s->key);
			if (keep_going(ld, error))
				continue;
			return error;
		}
		for (e = s->kind == L2E__NODE_ARRAY &&
		                 l2e__sections[section].is_list
		             ? s->first
		             : s;
		     e; e = e == s ? NULL : e->next) {
			error = compile_block(ld, &map->blocks[map->n_blocks++],
			                      section, e);
			if (error < 0 && !keep_going(ld, error))
				return error;
		}
	}
	return 0;
}

static int compile_opt_in(loader *ld, const l2e__node *list)
{
	const l2e__node *e;
	char section_name[64];
	const char *dot;
	int section, field, error;

	if ((error = expect(ld, list, L2E__NODE_ARRAY, "\"opt_in\"")) < 0)
		return error;
	for (e = list->first; e; e = e->next) {
		if ((error = expect(ld, e, L2E__NODE_STRING, "an opt-in")) < 0)
			return error;
		dot = strchr(e->text, '.');
		if (!dot || (size_t)(dot - e->text) >= sizeof(section_name))
			return bad(ld, e, "an opt-in is \"section.field\"");
		memcpy(section_name, e->text, (size_t)(dot - e->text));
		section_name[dot - e->text] = '\0';
		section = l2e__section_find(section_name);
		field = section < 0 ? -1 : l2e__field_find(section, dot + 1);
		if (field < 0)
			return bad(ld, e, "unknown field \"%s\"", e->text);
		if (!(l2e__sections[section].fields[field].flags &
		      L2E__F_OPT_IN))
			return bad(ld, e,
			           "%s is not personal data; it needs no "
			           "opt-in",
			           e->text);
		ld->map->opt_in[section] |= 1u << field;
	}
	return 0;
}

static int compile_tables(loader *ld, const l2e__node *tables)
{
	static const char *const keys[] = { "file", "main", "comment", NULL };
	l2e__source *src = &ld->map->source;
	const l2e__node *t, *v, *m;
	l2e__csv_table *tab;
	size_t n_main = 0;
	int error;

	if ((error = expect(ld, tables, L2E__NODE_OBJECT, "\"tables\"")) < 0)
		return error;
	if (!tables->n_children)
		return bad(ld, tables, "\"tables\" lists no table");
	src->tables = l2e__pool_alloc(&ld->map->pool, tables->n_children *
	                                                  sizeof(*src->tables));
	if (!src->tables)
		return oom(ld);
	for (t = tables->first; t; t = t->next) {
		tab = &src->tables[src->n_tables++];
		if (!(tab->name = l2e__pool_strdup(&ld->map->pool, t->key)))
			return oom(ld);
		if (t->kind == L2E__NODE_STRING) {
			v = t; /* "table": "file.csv" */
		} else {
			if ((error = expect(ld, t, L2E__NODE_OBJECT,
			                    "a table")) < 0 ||
			    (error = only_keys(ld, t, keys, "a table")) < 0)
				return error;
			if (!(v = l2e__node_member(t, "file")))
				return bad(ld, t, "table \"%s\" needs \"file\"",
				           t->key);
			m = l2e__node_member(t, "main");
			if (m && m->kind == L2E__NODE_BOOL &&
			    !strcmp(m->text, "true")) {
				tab->is_main = 1;
				n_main++;
			}
		}
		if ((error = scalar_text(ld, v, &tab->file, "\"file\"")) < 0)
			return error;
		if (!*tab->file || strchr(tab->file, '/') ||
		    tab->file[0] == '.')
			return bad(ld, v,
			           "a table file is a plain file name inside "
			           "the export folder");
	}
	if (n_main > 1)
		return bad(ld, tables, "only one table can be \"main\"");
	if (n_main == 0)
		src->tables[0].is_main = 1; /* the first table, by default */
	return 0;
}

static int compile_namespaces(loader *ld, const l2e__node *ns)
{
	l2e__source *src = &ld->map->source;
	const l2e__node *e;
	size_t n;
	int error;

	if ((error = expect(ld, ns, L2E__NODE_OBJECT, "\"namespaces\"")) < 0)
		return error;
	n = ns->n_children + 1;
	src->ns_prefixes = l2e__pool_alloc(&ld->map->pool, n * sizeof(char *));
	src->ns_uris = l2e__pool_alloc(&ld->map->pool, n * sizeof(char *));
	if (!src->ns_prefixes || !src->ns_uris)
		return oom(ld);
	for (e = ns->first; e; e = e->next) {
		src->ns_prefixes[src->n_namespaces] =
		    l2e__pool_strdup(&ld->map->pool, e->key);
		if (!src->ns_prefixes[src->n_namespaces])
			return oom(ld);
		if ((error =
		         scalar_text(ld, e, &src->ns_uris[src->n_namespaces],
		                     "a namespace")) < 0)
			return error;
		src->n_namespaces++;
	}
	return 0;
}

/* A whole number in [min, max] (paging's numbers). */
static int whole_number(loader *ld, const l2e__node *n, long *out, long min,
                        long max, const char *what)
{
	char *end = NULL;
	long v;

	errno = 0;
	v = n->kind == L2E__NODE_NUMBER ? strtol(n->text, &end, 10) : 0;
	if (n->kind != L2E__NODE_NUMBER || errno || *end || v < min || v > max)
		return bad(ld, n, "%s is a whole number from %ld to %ld", what,
		           min, max);
	*out = v;
	return 0;
}

static int compile_paging(loader *ld, const l2e__node *n)
{
	static const char *const keys[] = {
		"page_parameter", "first_page",    "page_size_parameter",
		"page_size",      "has_next_page", "next_link",
		"max_pages",      "comment",       NULL
	};
	l2e__paging *pg = &ld->map->paging;
	const l2e__node *v;
	int error;

	if ((error = expect(ld, n, L2E__NODE_OBJECT, "\"paging\"")) < 0 ||
	    (error = only_keys(ld, n, keys, "\"paging\"")) < 0)
		return error;
	if (strcmp(ld->map->source.format, "json"))
		return bad(ld, n, "\"paging\" is for JSON sources");
	pg->is_set = 1;
	pg->first_page = 1;
	pg->max_pages = L2E__DEFAULT_MAX_PAGES;
	if ((v = l2e__node_member(n, "has_next_page"))) {
		if ((error = compile_path(ld, &pg->has_next, v)) < 0)
			return error;
		pg->has_has_next = 1;
	}
	if ((v = l2e__node_member(n, "next_link"))) {
		if ((error = compile_path(ld, &pg->next_link, v)) < 0)
			return error;
		pg->has_next_link = 1;
	}
	if (pg->has_has_next == pg->has_next_link)
		return bad(ld, n,
		           "\"paging\" needs either \"has_next_page\" (with "
		           "\"page_parameter\") or \"next_link\"");
	if ((v = l2e__node_member(n, "page_parameter")) &&
	    (error = scalar_text(ld, v, &pg->page_parameter,
	                         "\"page_parameter\"")) < 0)
		return error;
	if (pg->has_has_next && !pg->page_parameter)
		return bad(ld, n,
		           "\"has_next_page\" needs \"page_parameter\": the "
		           "query parameter that numbers the pages");
	if (pg->has_next_link && pg->page_parameter)
		return bad(ld, n,
		           "\"next_link\" pages are found by their link; "
		           "\"page_parameter\" is for \"has_next_page\"");
	if ((v = l2e__node_member(n, "first_page")) &&
	    (error = whole_number(ld, v, &pg->first_page, 0, 1000000,
	                          "\"first_page\"")) < 0)
		return error;
	if ((v = l2e__node_member(n, "page_size_parameter")) &&
	    (error = scalar_text(ld, v, &pg->page_size_parameter,
	                         "\"page_size_parameter\"")) < 0)
		return error;
	if ((v = l2e__node_member(n, "page_size")) &&
	    (error = whole_number(ld, v, &pg->page_size, 1, 100000,
	                          "\"page_size\"")) < 0)
		return error;
	if (!pg->page_size_parameter != !pg->page_size)
		return bad(ld, n,
		           "\"page_size\" and \"page_size_parameter\" go "
		           "together");
	if ((v = l2e__node_member(n, "max_pages")) &&
	    (error = whole_number(ld, v, &pg->max_pages, 1, 100000000,
	                          "\"max_pages\"")) < 0)
		return error;
	return 0;
}

static int compile_source(loader *ld, const l2e__node *src_node)
{
	static const char *const keys[] = {
		"format",     "records",   "encoding", "separator",
		"key_column", "key_width", "tables",   "records_xpath",
		"namespaces", "paging",    "comment",  NULL
	};
	static const char *const csv_only[] = { "separator", "key_column",
		                                "key_width", "tables", NULL };
	static const char *const xml_only[] = { "records_xpath", "namespaces",
		                                NULL };
	static const char *const not_json[] = { "encoding", NULL };
	l2e_mapping *map = ld->map;
	l2e__source *src = &map->source;
	const l2e__node *v, *e;
	size_t i;
	int error;

	if ((error = expect(ld, src_node, L2E__NODE_OBJECT, "\"source\"")) < 0)
		return error;
	if ((error = only_keys(ld, src_node, keys, "\"source\"")) < 0)
		return error;
	if (!(v = l2e__node_member(src_node, "format")))
		return bad(ld, src_node, "\"source\" needs \"format\"");
	if ((error = expect(ld, v, L2E__NODE_STRING, "\"format\"")) < 0)
		return error;
	if (!l2e__reader_find(v->text))
		return bad(ld, v,
		           "unknown source format \"%s\" (json, csv, xml)",
		           v->text);
	src->format = l2e__reader_find(v->text)->name;
	for (i = 0; csv_only[i]; i++)
		if (strcmp(src->format, "csv") &&
		    (e = l2e__node_member(src_node, csv_only[i])))
			return bad_key(ld, e, "\"%s\" is for CSV sources",
			               csv_only[i]);
	for (i = 0; xml_only[i]; i++)
		if (strcmp(src->format, "xml") &&
		    (e = l2e__node_member(src_node, xml_only[i])))
			return bad_key(ld, e, "\"%s\" is for XML sources",
			               xml_only[i]);

	for (i = 0; not_json[i]; i++)
		if (!strcmp(src->format, "json") &&
		    (e = l2e__node_member(src_node, not_json[i])))
			return bad_key(ld, e,
			               "JSON is always UTF-8: \"%s\" is for "
			               "CSV and XML sources",
			               not_json[i]);
	if ((v = l2e__node_member(src_node, "encoding"))) {
		if ((error = expect(ld, v, L2E__NODE_STRING, "\"encoding\"")) <
		    0)
			return error;
		if (!strcmp(v->text, "windows-1252") ||
		    !strcmp(v->text, "utf-8"))
			src->encoding = !strcmp(v->text, "utf-8")
			                    ? "utf-8"
			                    : "windows-1252";
		else if (strcmp(v->text, "auto") != 0)
			return bad(ld, v,
			           "\"encoding\" is \"auto\", \"utf-8\" or "
			           "\"windows-1252\"");
	}
	if ((v = l2e__node_member(src_node, "separator"))) {
		if ((error = expect(ld, v, L2E__NODE_STRING, "\"separator\"")) <
		    0)
			return error;
		if (v->len != 1 || !strchr(";,|\t", v->text[0]))
			return bad(ld, v,
			           "\"separator\" is one of ; , | or a tab");
		src->separator = v->text[0];
	}
	if ((v = l2e__node_member(src_node, "key_column")) &&
	    (error = scalar_text(ld, v, &src->key_column, "\"key_column\"")) <
	        0)
		return error;
	if ((v = l2e__node_member(src_node, "key_width"))) {
		if (v->kind != L2E__NODE_NUMBER || v->len > 2 ||
		    v->text[0] < '1' || v->text[0] > '9' ||
		    (v->len == 2 && (v->text[1] < '0' || v->text[1] > '9')))
			return bad(ld, v,
			           "\"key_width\" is a number of digits, "
			           "1 to 99");
		src->key_width = (unsigned)(v->text[0] - '0');
		if (v->len == 2)
			src->key_width =
			    src->key_width * 10 + (unsigned)(v->text[1] - '0');
	}
	if (!strcmp(src->format, "csv")) {
		if (!(v = l2e__node_member(src_node, "tables")))
			return bad(ld, src_node,
			           "a CSV source needs \"tables\": "
			           "the files of the bundle");
		if ((error = compile_tables(ld, v)) < 0)
			return error;
		if (src->n_tables > 1 && !src->key_column)
			return bad(ld, src_node,
			           "a CSV bundle of several tables "
			           "needs \"key_column\" to join them");
	}
	if ((v = l2e__node_member(src_node, "records_xpath"))) {
		xmlXPathCompExprPtr comp;

		if ((error = scalar_text(ld, v, &src->records_xpath,
		                         "\"records_xpath\"")) < 0)
			return error;
		/* compile it now: a broken XPath is a mapping error */
		comp = xmlXPathCompile(BAD_CAST src->records_xpath);
		if (!comp)
			return bad(ld, v,
			           "\"records_xpath\" is not a valid XPath "
			           "expression");
		xmlXPathFreeCompExpr(comp);
	}
	if ((v = l2e__node_member(src_node, "namespaces")) &&
	    (error = compile_namespaces(ld, v)) < 0)
		return error;
	if ((v = l2e__node_member(src_node, "paging")) &&
	    (error = compile_paging(ld, v)) < 0)
		return error;

	v = l2e__node_member(src_node, "records");
	if (!v && src->records_xpath)
		return 0;
	if (!v)
		return bad(ld, src_node,
		           "\"source\" needs \"records\": the path "
		           "of the student records");
	map->records = l2e__pool_alloc(
	    &map->pool, (v->kind == L2E__NODE_ARRAY ? v->n_children + 1 : 1) *
	                    sizeof(*map->records));
	if (!map->records)
		return oom(ld);
	for (e = v->kind == L2E__NODE_ARRAY ? v->first : v; e;
	     e = v->kind == L2E__NODE_ARRAY ? e->next : NULL)
		if ((error = compile_path(ld, &map->records[map->n_records++],
		                          e)) < 0)
			return error;
	if (!map->n_records)
		return bad(ld, v, "\"records\" lists no path");
	return 0;
}

static int compile_dossier(loader *ld, const l2e__node *d)
{
	static const char *const keys[] = { "key", "include", "skip_message",
		                            "comment", NULL };
	const l2e__node *v;
	int error;

	if ((error = expect(ld, d, L2E__NODE_OBJECT, "\"dossier\"")) < 0)
		return error;
	if ((error = only_keys(ld, d, keys, "\"dossier\"")) < 0)
		return error;
	if (!(v = l2e__node_member(d, "key")))
		return bad(ld, d,
		           "\"dossier\" needs \"key\": the path of the "
		           "student number");
	if ((error = compile_path(ld, &ld->map->key, v)) < 0)
		return error;
	if ((v = l2e__node_member(d, "include")) &&
	    (error = compile_cond(ld, &ld->map->include, v)) < 0)
		return error;
	if ((v = l2e__node_member(d, "skip_message")) &&
	    (error = scalar_text(ld, v, &ld->map->skip_message,
	                         "\"skip_message\"")) < 0)
		return error;
	return 0;
}

static int compile_mapping(loader *ld, const l2e__node *root)
{
	static const char *const keys[] = { "lob2europass_mapping",
		                            "name",
		                            "description",
		                            "source",
		                            "dossier",
		                            "opt_in",
		                            "profile",
		                            "comment",
		                            "$schema",
		                            NULL };
	l2e_mapping *map = ld->map;
	const l2e__node *v;
	int error;

	if (!root)
		return l2e__error_set_at(ld->ctx, L2E_EMAPPING,
		                         L2E_ERRCLASS_MAP, map->file, 1, 1,
		                         NULL, "the mapping file is empty");
	if ((error = expect(ld, root, L2E__NODE_OBJECT, "a mapping")) < 0)
		return error;
	if ((error = only_keys(ld, root, keys, "the mapping")) < 0)
		return error;
	v = l2e__node_member(root, "lob2europass_mapping");
	if (!v || v->kind != L2E__NODE_NUMBER || strcmp(v->text, "1") != 0)
		return bad(ld, v ? v : root,
		           "\"lob2europass_mapping\": 1 is "
		           "required (mapping format version)");
	if (!(v = l2e__node_member(root, "name")))
		return bad(ld, root, "the mapping needs a \"name\"");
	if ((error = scalar_text(ld, v, &map->name, "\"name\"")) < 0)
		return error;
	if ((v = l2e__node_member(root, "description")) &&
	    (error = scalar_text(ld, v, &map->description, "\"description\"")) <
	        0)
		return error;
	/* in check mode each part is checked even when one before failed */
	if (!(v = l2e__node_member(root, "source")))
		error = bad(ld, root, "the mapping needs \"source\"");
	else
		error = compile_source(ld, v);
	if (error < 0 && !keep_going(ld, error))
		return error;
	if (!(v = l2e__node_member(root, "dossier")))
		error = bad(ld, root, "the mapping needs \"dossier\"");
	else
		error = compile_dossier(ld, v);
	if (error < 0 && !keep_going(ld, error))
		return error;
	/* opt-ins first: field rules are checked against them */
	if ((v = l2e__node_member(root, "opt_in")) &&
	    (error = compile_opt_in(ld, v)) < 0 && !keep_going(ld, error))
		return error;
	if (!(v = l2e__node_member(root, "profile")))
		error = bad(ld, root, "the mapping needs \"profile\"");
	else
		error = compile_profile(ld, v);
	if (error < 0 && !keep_going(ld, error))
		return error;
	return ld->n_errors ? L2E_EMAPPING : 0;
}

static int load(l2e_mapping **out, l2e_ctx *ctx, const char *name,
                const char *data, size_t len, const char *codelist_dir,
                l2e_diag_cb cb, void *payload)
{
	l2e__pool tree_pool = L2E__POOL_INIT;
	l2e__json_cursor cur;
	l2e__node *root = NULL, *extra = NULL;
	l2e_mapping *map;
	loader ld;
	int error;

	*out = NULL;
	if (len > ctx->opts.max_mapping_bytes)
		return l2e__error_set_at(ctx, L2E_ELIMIT, L2E_ERRCLASS_MAP,
		                         name, 0, 0, NULL,
		                         "larger than max_mapping_bytes (%zu)",
		                         ctx->opts.max_mapping_bytes);
	if (!(map = l2e__calloc(1, sizeof(*map))))
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                      "out of memory");
	memset(&ld, 0, sizeof(ld));
	ld.ctx = ctx;
	ld.map = map;
	ld.codelist_dir = codelist_dir;
	ld.cb = cb;
	ld.payload = payload;
	if (!(map->file = l2e__pool_strdup(&map->pool, name))) {
		error = oom(&ld);
		goto done;
	}
	map->fingerprint = l2e__fnv(L2E__FNV_INIT, data, len);
	l2e__json_cursor_init(&cur, map->file, data, len, &ctx->opts);
	if ((error = l2e__json_next(&root, &tree_pool, ctx, &cur)) < 0)
		goto done;
	if (root && (error = l2e__json_next(&extra, &tree_pool, ctx, &cur)) < 0)
		goto done;
	if (extra) {
		error = bad(&ld, extra, "text after the mapping object");
		goto done;
	}
	if ((error = compile_mapping(&ld, root)) < 0)
		goto done;
	*out = map;
	map = NULL;
done:
	/* a mapping the JSON reader refuses is a broken mapping; running
	 * out of memory while reading it is not */
	if (error < 0 && error != L2E_ENOMEM &&
	    ctx->err.klass == L2E_ERRCLASS_READ)
		ctx->err.code = error = L2E_EMAPPING;
	/* what did not go through bad(): syntax, I/O, memory */
	if (error < 0 && !(error == L2E_EMAPPING && ld.n_errors))
		report(&ld);
	l2e__pool_clear(&tree_pool);
	l2e_mapping_free(map);
	return error;
}

int l2e_mapping_load_memory(l2e_mapping **out, l2e_ctx *ctx, const char *name,
                            const char *data, size_t len,
                            const char *codelist_dir)
{
	L2E_ASSERT_ARG(out && ctx && name && data);
	l2e__error_clear(ctx);
	return load(out, ctx, name, data, len, codelist_dir, NULL, NULL);
}

static char *dir_of(const char *path, const char *sub)
{
	l2e_buf b = L2E_BUF_INIT;
	const char *slash = strrchr(path, '/');
	int error;

	if (slash)
		error = l2e__buf_put(&b, path, (size_t)(slash - path));
	else
		error = l2e__buf_puts(&b, ".");
	/* out of memory half-way must not give another folder */
	if (error < 0 || l2e__buf_printf(&b, "/%s", sub) < 0) {
		l2e_buf_dispose(&b);
		return NULL;
	}
	return l2e__buf_detach(&b);
}

static int load_file(l2e_mapping **out, l2e_ctx *ctx, const char *path,
                     l2e_diag_cb cb, void *payload)
{
	l2e_buf text = L2E_BUF_INIT;
	char *codelists = NULL;
	int error;

	*out = NULL;
	error = l2e__file_read(&text, ctx, path, ctx->opts.max_mapping_bytes,
	                       "max_mapping_bytes");
	if (error < 0)
		goto done;
	if (!(codelists = dir_of(path, "codelists"))) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                       "out of memory");
		goto done;
	}
	error =
	    load(out, ctx, path, text.ptr, text.len, codelists, cb, payload);
done:
	l2e__free(codelists);
	l2e_buf_dispose(&text);
	return error;
}

int l2e_mapping_load(l2e_mapping **out, l2e_ctx *ctx, const char *path)
{
	L2E_ASSERT_ARG(out && ctx && path);
	l2e__error_clear(ctx);
	return load_file(out, ctx, path, NULL, NULL);
}

int l2e_mapping_check(l2e_mapping **out, l2e_ctx *ctx, const char *path,
                      l2e_diag_cb cb, void *payload)
{
	l2e_diag d;
	int error;

	L2E_ASSERT_ARG(out && ctx && path && cb);
	l2e__error_clear(ctx);
	error = load_file(out, ctx, path, cb, payload);
	if (error < 0 && error != L2E_EMAPPING) {
		/* the file could not be read: say so too */
		const l2e_error *e = l2e_ctx_error(ctx);

		memset(&d, 0, sizeof(d));
		d.severity = L2E_SEVERITY_ERROR;
		d.message = e ? e->message : l2e_strerror(error);
		d.file = e && e->file ? e->file : path;
		cb(&d, payload);
	}
	return error;
}

void l2e_mapping_free(l2e_mapping *map)
{
	if (!map)
		return;
	l2e__pool_clear(&map->pool);
	l2e__free(map);
}

const char *l2e_mapping_name(const l2e_mapping *map)
{
	return map ? map->name : NULL;
}
