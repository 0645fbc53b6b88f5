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

#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/ctx.h"
#include "core/file.h"
#include "map/date.h"
#include "read/json_tree.h"

#define MAPPING_VERSION 1

typedef struct loader {
	l2e_ctx *ctx;
	l2e_mapping *map;
	const char *codelist_dir;
} loader;

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
	                  ld->map->file, at ? at->line : 0,
	                  at ? at->column : 0, field.ptr, "%s",
	                  msg.ptr ? msg.ptr : "invalid mapping");
	l2e_buf_dispose(&msg);
	l2e_buf_dispose(&field);
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
	static const char *names[] = { "null", "true/false", "a number",
	                               "a string", "an array", "an object" };
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
			return bad_key(ld, c, "unknown key \"%s\" in %s", c->key,
			               what);
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
	c->children = l2e__pool_alloc(&ld->map->pool,
	                              (arr->n_children + 1) * sizeof(*c->children));
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
	static const char *const keys[] = { "path", "equals", "in", "not_in",
	                                    "exists", "all", "any", "not",
	                                    "comment", NULL };
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

	if ((v = l2e__node_member(n, "all")) || (v = l2e__node_member(n, "any"))) {
		c->kind = strcmp(v->key, "all") == 0 ? L2E__COND_ALL
		                                     : L2E__COND_ANY;
		return cond_list(ld, c, v);
	}
	if ((v = l2e__node_member(n, "not"))) {
		c->kind = L2E__COND_NOT;
		c->children = l2e__pool_alloc(&ld->map->pool, sizeof(*c->children));
		if (!c->children)
			return oom(ld);
		c->n_children = 1;
		return compile_cond(ld, &c->children[0], v);
	}
	if (!(path = l2e__node_member(n, "path")))
		return bad(ld, n, "a condition needs \"path\" (or \"all\", "
		                  "\"any\", \"not\")");
	if ((error = compile_path(ld, &c->path, path)) < 0)
		return error;
	for (v = n->first; v; v = v->next) {
		if (strcmp(v->key, "equals") == 0) {
			c->kind = L2E__COND_EQUALS;
			c->values = l2e__pool_alloc(&ld->map->pool, sizeof(char *));
			if (!c->values)
				return oom(ld);
			c->n_values = 1;
			if ((error = scalar_text(ld, v, &c->values[0],
			                         "\"equals\"")) < 0)
				return error;
			n_tests++;
		} else if (strcmp(v->key, "in") == 0 ||
		           strcmp(v->key, "not_in") == 0) {
			c->kind = v->key[0] == 'i' ? L2E__COND_IN
			                           : L2E__COND_NOT_IN;
			if ((error = expect(ld, v, L2E__NODE_ARRAY, v->key)) < 0)
				return error;
			c->values = l2e__pool_alloc(&ld->map->pool,
			        (v->n_children + 1) * sizeof(char *));
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
			if ((error = expect(ld, v, L2E__NODE_BOOL, "\"exists\"")) < 0)
				return error;
			c->exists = strcmp(v->text, "true") == 0;
			n_tests++;
		}
	}
	if (n_tests != 1)
		return bad(ld, n, "a condition with \"path\" needs exactly one "
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
	vm->entries = l2e__pool_alloc(&ld->map->pool,
	        (obj->n_children + 1) * sizeof(*vm->entries));
	if (!vm->entries)
		return oom(ld);
	for (e = obj->first; e; e = e->next) {
		if (!(vm->entries[i].from = l2e__pool_strdup(&ld->map->pool,
		                                             e->key)))
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
	                                    "source", "case_sensitive",
	                                    "entries", "comment", NULL };
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

	if ((error = expect(ld, name_node, L2E__NODE_STRING,
	                    "\"codelist\"")) < 0)
		return error;
	for (i = 0; i < map->n_codelists; i++)
		if (strcmp(map->codelists[i]->name, name_node->text) == 0) {
			*out = map->codelists[i];
			return 0;
		}
	if (!valid_codelist_name(name_node->text))
		return bad(ld, name_node, "a code list name has only a-z, 0-9, "
		                          "'-' and '_'");
	if (!ld->codelist_dir)
		return bad(ld, name_node, "code list \"%s\": no code list folder "
		                          "for this mapping", name_node->text);
	if (l2e__buf_printf(&path, "%s/%s.json", ld->codelist_dir,
	                    name_node->text) < 0)
		return oom(ld);
	error = l2e__file_read(&text, ld->ctx, path.ptr,
	                       ld->ctx->opts.max_mapping_bytes,
	                       "max_mapping_bytes");
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
		error = l2e__error_set_at(ld->ctx, L2E_EMAPPING, L2E_ERRCLASS_MAP,
		                          path.ptr, 1, 1, NULL,
		                          "a code list is a JSON object");
		goto done;
	}
	if ((error = only_keys(&sub, root, keys, "a code list")) < 0)
		goto done;
	if (!(vm = l2e__pool_alloc(&map->pool, sizeof(*vm))) ||
	    !(vm->name = l2e__pool_strdup(&map->pool, name_node->text))) {
		error = oom(ld);
		goto done;
	}
	n = l2e__node_member(root, "case_sensitive");
	vm->is_case_sensitive = n && n->kind == L2E__NODE_BOOL &&
	                        strcmp(n->text, "true") == 0;
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
		memcpy(grown, map->codelists, map->n_codelists * sizeof(*grown));
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
			parts[i++].literal = l2e__pool_strdup(&ld->map->pool, s);
			break;
		}
		if (open > s)
			parts[i++].literal = l2e__pool_strndup(&ld->map->pool, s,
			                                       (size_t)(open - s));
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
				return bad(ld, with ? with : tmpl,
				           "template variable {%s} is not defined "
				           "in \"with\"", name);
			if ((error = compile_rule(ld, &sub, var, r->target, -1,
			                          -1)) < 0)
				return error;
			parts[i++].var = sub;
		}
		s = close + 1;
	}
	for (cap = 0; cap < i; cap++)
		if (!parts[cap].var && !parts[cap].literal)
			return oom(ld);
	r->parts = parts;
	r->n_parts = i;
	return 0;
}

static int compile_dates(loader *ld, l2e__rule *r, const l2e__node *n)
{
	const l2e__node *e;
	size_t i = 0;
	int error;

	r->date_formats = l2e__pool_alloc(&ld->map->pool,
	        (n->kind == L2E__NODE_ARRAY ? n->n_children + 1 : 2) *
	        sizeof(char *));
	if (!r->date_formats)
		return oom(ld);
	for (e = n->kind == L2E__NODE_ARRAY ? n->first : n; e;
	     e = n->kind == L2E__NODE_ARRAY ? e->next : NULL) {
		if ((error = expect(ld, e, L2E__NODE_STRING,
		                    "a date format")) < 0)
			return error;
		if (!l2e__date_format_valid(e->text))
			return bad(ld, e, "bad date format \"%s\" (use j, m, d: "
			                  "e.g. \"dd-mm-jjjj\")", e->text);
		if ((error = scalar_text(ld, e, &r->date_formats[i++],
		                         "a date format")) < 0)
			return error;
	}
	if (i == 0)
		return bad(ld, n, "\"date\" lists no format");
	return 0;
}

static int compile_rule(loader *ld, l2e__rule **out, const l2e__node *n,
                        const char *target, int section, int field)
{
	static const char *const keys[] = { "path", "value", "first",
	                                    "template", "with", "when", "map",
	                                    "codelist", "unmapped",
	                                    "transform", "date", "default",
	                                    "required", "comment", NULL };
	const l2e__node *v, *e;
	l2e__rule *r;
	int error, n_sources = 0;
	l2e__ftype type = section >= 0 && field >= 0
	        ? l2e__sections[section].fields[field].type : L2E__FT_TEXT;
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
		return bad(ld, n, "rule for %s must be a path (string) or an "
		                  "object", target);
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
			if ((error = scalar_text(ld, v, &r->value, "\"value\"")) < 0)
				return error;
			n_sources++;
		} else if (strcmp(v->key, "first") == 0) {
			r->source = L2E__SRC_FIRST;
			if ((error = expect(ld, v, L2E__NODE_ARRAY,
			                    "\"first\"")) < 0)
				return error;
			if (!v->n_children)
				return bad(ld, v, "\"first\" lists no rule");
			r->alternatives = l2e__pool_alloc(&ld->map->pool,
			        v->n_children * sizeof(*r->alternatives));
			if (!r->alternatives)
				return oom(ld);
			i = 0;
			for (e = v->first; e; e = e->next)
				if ((error = compile_rule(ld, &r->alternatives[i++],
				                          e, target, section,
				                          field)) < 0)
					return error;
			r->n_alternatives = i;
			n_sources++;
		} else if (strcmp(v->key, "template") == 0) {
			r->source = L2E__SRC_TEMPLATE;
			if ((error = expect(ld, v, L2E__NODE_STRING,
			                    "\"template\"")) < 0)
				return error;
			if ((error = compile_template(ld, r, v,
			        l2e__node_member(n, "with"))) < 0)
				return error;
			n_sources++;
		} else if (strcmp(v->key, "with") == 0) {
			if (!l2e__node_member(n, "template"))
				return bad(ld, v, "\"with\" belongs to a "
				                  "\"template\"");
			if ((error = expect(ld, v, L2E__NODE_OBJECT,
			                    "\"with\"")) < 0)
				return error;
		} else if (strcmp(v->key, "when") == 0) {
			if ((error = compile_cond(ld, &r->when, v)) < 0)
				return error;
		} else if (strcmp(v->key, "map") == 0) {
			l2e__valuemap *vm;

			if (r->map)
				return bad(ld, v, "use \"map\" or \"codelist\", "
				                  "not both");
			if (!(vm = l2e__pool_alloc(&ld->map->pool, sizeof(*vm))))
				return oom(ld);
			if ((error = load_valuemap_entries(ld, vm, v)) < 0)
				return error;
			r->map = vm;
		} else if (strcmp(v->key, "codelist") == 0) {
			if (r->map)
				return bad(ld, v, "use \"map\" or \"codelist\", "
				                  "not both");
			if ((error = load_codelist(ld, &r->map, v)) < 0)
				return error;
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
				return bad(ld, v, "\"unmapped\" is \"warn\", "
				                  "\"ignore\" or \"keep\"");
		} else if (strcmp(v->key, "transform") == 0) {
			for (e = v->kind == L2E__NODE_ARRAY ? v->first : v; e;
			     e = v->kind == L2E__NODE_ARRAY ? e->next : NULL) {
				if ((error = expect(ld, e, L2E__NODE_STRING,
				                    "a transform")) < 0)
					return error;
				if (strcmp(e->text, "upper") == 0)
					r->transforms |= L2E__TF_UPPER;
				else if (strcmp(e->text, "lower") == 0)
					r->transforms |= L2E__TF_LOWER;
				else
					return bad(ld, e, "unknown transform \"%s\" "
					                  "(upper, lower)", e->text);
			}
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
		return bad(ld, n, "a rule needs exactly one of \"path\", "
		                  "\"value\", \"first\", \"template\"");
	if (n_sources == 0)
		r->source = L2E__SRC_VALUE; /* only a default */
	error = 0;
check_type:
	if (error < 0)
		return error;
	if (r->date_formats && type != L2E__FT_DATE && field >= 0)
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
	return bad_key(ld, at, "%s.%s is personal data: list \"%s.%s\" in "
	                   "\"opt_in\" to write it", s->name,
	           s->fields[field].name, s->name, s->fields[field].name);
}

static int unknown_field(loader *ld, int section, const l2e__node *f)
{
	const l2e__section_spec *s = &l2e__sections[section];
	l2e_buf known = L2E_BUF_INIT;
	size_t k;
	int error;

	for (k = 0; k < s->n_fields; k++)
		l2e__buf_printf(&known, "%s%s", k ? ", " : "", s->fields[k].name);
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
			goto done;
		}
		if ((error = opt_in_allowed(ld, b->section, field, f)) < 0)
			goto done;
		l2e__buf_clear(&target);
		if (l2e__buf_printf(&target, "%s.%s", s->name, f->key) < 0 ||
		    !(name = l2e__pool_strdup(&ld->map->pool, target.ptr))) {
			error = oom(ld);
			goto done;
		}
		error = compile_rule(ld, &b->rules[i], f, name, b->section,
		                     field);
		if (error < 0)
			goto done;
		i++;
	}
	b->n_rules = i;
done:
	l2e_buf_dispose(&target);
	return error;
}

static int compile_block(loader *ld, l2e__block *b, int section,
                         const l2e__node *n)
{
	static const char *const keys[] = { "each", "where", "fields",
	                                    "comment", NULL };
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
	map->blocks = l2e__pool_alloc(&map->pool, (n + 1) * sizeof(*map->blocks));
	if (!map->blocks)
		return oom(ld);
	for (s = profile->first; s; s = s->next) {
		if (strcmp(s->key, "comment") == 0)
			continue;
		section = l2e__section_find(s->key);
		if (section < 0)
			return bad_key(ld, s, "unknown profile section \"%s\" "
			                  "(document, person, headline, education, "
			                  "work, languages, digital_skills, "
			                  "certificates, career)", s->key);
		if (s->kind == L2E__NODE_ARRAY && l2e__sections[section].is_list) {
			for (e = s->first; e; e = e->next)
				if ((error = compile_block(ld,
				        &map->blocks[map->n_blocks++], section, e)) < 0)
					return error;
		} else if ((error = compile_block(ld,
		                &map->blocks[map->n_blocks++], section, s)) < 0) {
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
		if (!(l2e__sections[section].fields[field].flags & L2E__F_OPT_IN))
			return bad(ld, e, "%s is not personal data; it needs no "
			                  "opt-in", e->text);
		ld->map->opt_in[section] |= 1u << field;
	}
	return 0;
}

static int compile_source(loader *ld, const l2e__node *src)
{
	static const char *const keys[] = { "format", "records", "comment",
	                                    NULL };
	l2e_mapping *map = ld->map;
	const l2e__node *v, *e;
	int error;

	if ((error = expect(ld, src, L2E__NODE_OBJECT, "\"source\"")) < 0)
		return error;
	if ((error = only_keys(ld, src, keys, "\"source\"")) < 0)
		return error;
	if (!(v = l2e__node_member(src, "format")))
		return bad(ld, src, "\"source\" needs \"format\"");
	if ((error = expect(ld, v, L2E__NODE_STRING, "\"format\"")) < 0)
		return error;
	if (strcmp(v->text, "json") != 0)
		return bad(ld, v, "unknown source format \"%s\" (json)", v->text);
	map->format = "json";
	if (!(v = l2e__node_member(src, "records")))
		return bad(ld, src, "\"source\" needs \"records\": the path of "
		                    "the student records");
	map->records = l2e__pool_alloc(&map->pool,
	        (v->kind == L2E__NODE_ARRAY ? v->n_children + 1 : 1) *
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
		return bad(ld, d, "\"dossier\" needs \"key\": the path of the "
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
	static const char *const keys[] = { "lob2europass_mapping", "name",
	                                    "description", "source",
	                                    "dossier", "opt_in", "profile",
	                                    "comment", "$schema", NULL };
	l2e_mapping *map = ld->map;
	const l2e__node *v;
	int error;

	if (!root)
		return l2e__error_set_at(ld->ctx, L2E_EMAPPING, L2E_ERRCLASS_MAP,
		                         map->file, 1, 1, NULL,
		                         "the mapping file is empty");
	if ((error = expect(ld, root, L2E__NODE_OBJECT, "a mapping")) < 0)
		return error;
	if ((error = only_keys(ld, root, keys, "the mapping")) < 0)
		return error;
	v = l2e__node_member(root, "lob2europass_mapping");
	if (!v || v->kind != L2E__NODE_NUMBER || strcmp(v->text, "1") != 0)
		return bad(ld, v ? v : root, "\"lob2europass_mapping\": 1 is "
		                             "required (mapping format version)");
	if (!(v = l2e__node_member(root, "name")))
		return bad(ld, root, "the mapping needs a \"name\"");
	if ((error = scalar_text(ld, v, &map->name, "\"name\"")) < 0)
		return error;
	if ((v = l2e__node_member(root, "description")) &&
	    (error = scalar_text(ld, v, &map->description,
	                         "\"description\"")) < 0)
		return error;
	if (!(v = l2e__node_member(root, "source")))
		return bad(ld, root, "the mapping needs \"source\"");
	if ((error = compile_source(ld, v)) < 0)
		return error;
	if (!(v = l2e__node_member(root, "dossier")))
		return bad(ld, root, "the mapping needs \"dossier\"");
	if ((error = compile_dossier(ld, v)) < 0)
		return error;
	/* opt-ins first: field rules are checked against them */
	if ((v = l2e__node_member(root, "opt_in")) &&
	    (error = compile_opt_in(ld, v)) < 0)
		return error;
	if (!(v = l2e__node_member(root, "profile")))
		return bad(ld, root, "the mapping needs \"profile\"");
	return compile_profile(ld, v);
}

int l2e_mapping_load_memory(l2e_mapping **out, l2e_ctx *ctx,
                            const char *name, const char *data, size_t len,
                            const char *codelist_dir)
{
	l2e__pool tree_pool = L2E__POOL_INIT;
	l2e__json_cursor cur;
	l2e__node *root = NULL, *extra = NULL;
	l2e_mapping *map;
	loader ld;
	int error;

	L2E_ASSERT_ARG(out && ctx && name && data);
	*out = NULL;
	l2e__error_clear(ctx);
	if (len > ctx->opts.max_mapping_bytes)
		return l2e__error_set_at(ctx, L2E_ELIMIT, L2E_ERRCLASS_MAP, name,
		                         0, 0, NULL,
		                         "larger than max_mapping_bytes (%zu)",
		                         ctx->opts.max_mapping_bytes);
	if (!(map = l2e__calloc(1, sizeof(*map))))
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                      "out of memory");
	ld.ctx = ctx;
	ld.map = map;
	ld.codelist_dir = codelist_dir;
	if (!(map->file = l2e__pool_strdup(&map->pool, name))) {
		error = oom(&ld);
		goto done;
	}
	l2e__json_cursor_init(&cur, map->file, data, len, &ctx->opts);
	if ((error = l2e__json_next(&root, &tree_pool, ctx, &cur)) < 0)
		goto done;
	if (root && (error = l2e__json_next(&extra, &tree_pool, ctx,
	                                    &cur)) < 0)
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
	if (error < 0 && ctx->err.klass == L2E_ERRCLASS_READ)
		ctx->err.code = error = L2E_EMAPPING; /* a broken mapping */
	l2e__pool_clear(&tree_pool);
	l2e_mapping_free(map);
	return error;
}

static char *dir_of(const char *path, const char *sub)
{
	l2e_buf b = L2E_BUF_INIT;
	const char *slash = strrchr(path, '/');

	if (slash)
		l2e__buf_put(&b, path, (size_t)(slash - path));
	else
		l2e__buf_puts(&b, ".");
	l2e__buf_printf(&b, "/%s", sub);
	return l2e__buf_detach(&b);
}

int l2e_mapping_load(l2e_mapping **out, l2e_ctx *ctx, const char *path)
{
	l2e_buf text = L2E_BUF_INIT;
	char *codelists = NULL;
	int error;

	L2E_ASSERT_ARG(out && ctx && path);
	*out = NULL;
	l2e__error_clear(ctx);
	error = l2e__file_read(&text, ctx, path, ctx->opts.max_mapping_bytes,
	                       "max_mapping_bytes");
	if (error < 0)
		goto done;
	if (!(codelists = dir_of(path, "codelists"))) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_MAP,
		                       "out of memory");
		goto done;
	}
	error = l2e_mapping_load_memory(out, ctx, path, text.ptr, text.len,
	                                codelists);
done:
	l2e__free(codelists);
	l2e_buf_dispose(&text);
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
