/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * validate_json.c - a JSON Schema (draft-04) validator for the keywords
 * the official Europass v3.4.1 JSON schema uses, and a few more.
 *
 * Why not a JSON-to-XML mirror validated by the XSD: the two official
 * schemas do not say the same things (the JSON schema requires nothing
 * and leaves many objects open; the XSD requires DocumentInfo and
 * closes every element), so a mirror would give the XSD's verdicts, not
 * the JSON schema's.
 *
 * Supported: $ref (local JSON pointers, "#/definitions/x"), type,
 * properties, additionalProperties (false or a schema), items (one
 * schema), allOf, anyOf, oneOf, not, enum, pattern, required, minItems,
 * maxItems, minLength, maxLength, minProperties, maxProperties. Ignored,
 * as a draft-04 validator ignores them: $schema, id (of the root),
 * title, description, default, definitions, format, and keywords draft-04
 * does not define. Every other draft-04 validation keyword (minimum,
 * maximum, multipleOf, uniqueItems, patternProperties, dependencies,
 * additionalItems, items as an array) makes l2e__jschema_load() fail
 * with L2E_ENOTSUPPORTED: a schema is never half-applied.
 *
 * The semantics follow the draft-04 text, and the test
 * tests/validate/json_agreement.py checks them against python3-jsonschema
 * (Draft4Validator) on a corpus of valid and mutated documents: the same
 * verdict, and the same places and keywords for each failure:
 *  - $ref: the referenced schema alone applies (siblings are ignored);
 *  - "integer" is a number written without fraction or exponent;
 *  - enum compares by value: numbers numerically, true is not 1;
 *  - lengths count characters (code points), not bytes;
 *  - pattern searches (is not anchored), with ECMA-262 semantics for the
 *    subset of regular expressions accepted: literals, classes of ASCII
 *    characters and ranges, \d, groups, alternatives, ^ $ and the
 *    greedy quantifiers ? * + {n} {n,} {n,m}; anything else refuses the
 *    schema. Only there does this differ from python-jsonschema, whose
 *    `$` also matches before a final newline ("NL\n" passes ^[A-Z]{2}$
 *    there, not here and not in ECMA-262);
 *  - additionalProperties: false yields one finding per extra member (at
 *    the member), where python-jsonschema yields one per object;
 *  - anyOf, oneOf and not yield one finding at the value, like
 *    python-jsonschema; allOf yields the findings of its branches.
 *
 * A compiled schema is read-only: one may serve any number of documents,
 * and threads (regexec() on a compiled regex_t is thread-safe).
 *
 * This file loads a schema, resolves its $refs and compiles it;
 * json_pattern.c translates its patterns and json_check.c applies it.
 */
#include "validate/json_schema_int.h"

#include <limits.h>
#include <stddef.h>
#include <stdarg.h>
#include <string.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/file.h"
#include "read/json_tree.h"
#include "util/parse_int.h"

#define SCHEMA_MAX_BYTES ((size_t)4 << 20)

typedef struct compiler {
	l2e__jschema *s;
	l2e_ctx *ctx;
} compiler;

/* ==== Compiling ==== */

static int unsupported(compiler *c, const l2e__node *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int unsupported(compiler *c, const l2e__node *at, const char *fmt, ...)
{
	l2e_buf where = L2E_BUF_INIT, msg = L2E_BUF_INIT;
	va_list ap;
	int error;

	va_start(ap, fmt);
	l2e__buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	l2e__json_pointer(&where, at);
	error =
	    l2e__error_set_at(c->ctx, L2E_ENOTSUPPORTED, L2E_ERRCLASS_VALIDATE,
	                      c->s->name, at->line, at->column, where.ptr, "%s",
	                      msg.ptr ? msg.ptr : "unsupported");
	l2e_buf_dispose(&where);
	l2e_buf_dispose(&msg);
	return error;
}

static int bad_schema(compiler *c, const l2e__node *at, const char *what)
{
	l2e_buf where = L2E_BUF_INIT;
	int error;

	l2e__json_pointer(&where, at);
	error = l2e__error_set_at(c->ctx, L2E_EPARSE, L2E_ERRCLASS_VALIDATE,
	                          c->s->name, at->line, at->column, where.ptr,
	                          "JSON schema: %s at #%s", what,
	                          where.ptr ? where.ptr : "");
	l2e_buf_dispose(&where);
	return error;
}

static int oom(compiler *c)
{
	return l2e__error_set(c->ctx, L2E_ENOMEM, L2E_ERRCLASS_VALIDATE,
	                      "out of memory");
}

static int compile(js **out, compiler *c, const l2e__node *node);

/* The node a "#/a/b" pointer names in the schema, or NULL. */
static const l2e__node *resolve_ref(const l2e__jschema *s, const char *ref)
{
	const l2e__node *at = s->root, *k;
	char part[256];
	size_t n;

	if (ref[0] != '#')
		return NULL;
	ref++;
	while (*ref == '/') {
		ref++;
		for (n = 0; *ref && *ref != '/'; ref++) {
			char ch = *ref;

			if (ch == '~') {
				if (ref[1] != '0' && ref[1] != '1')
					return NULL;
				ch = ref[1] == '0' ? '~' : '/';
				ref++;
			} else if (ch == '%') {
				return NULL;
			}
			if (n + 1 >= sizeof(part))
				return NULL;
			part[n++] = ch;
		}
		part[n] = '\0';
		if (at->kind == L2E__NODE_OBJECT) {
			at = l2e__node_member(at, part);
		} else if (at->kind == L2E__NODE_ARRAY) {
			long i;

			/* the element's index, in decimal */
			if (l2e__parse_long(part, (size_t)-1, 0, LONG_MAX, &i))
				return NULL;
			for (k = at->first; k && i; i--)
				k = k->next;
			at = k;
		} else {
			at = NULL;
		}
		if (!at)
			return NULL;
	}
	return *ref ? NULL : at;
}

/* The largest limit: SIZE_MAX / 2, or LONG_MAX where that is less. */
#define LIMIT_MAX                                                            \
	((size_t)-1 >> 1 < (unsigned long)LONG_MAX ? (long)((size_t)-1 >> 1) \
	                                           : LONG_MAX)

static int kw_limit(compiler *c, js *s, const l2e__node *v, void *slot)
{
	js_limit *out = slot;
	long n;

	(void)s;

	if (v->kind != L2E__NODE_NUMBER || v->text[0] == '-' ||
	    strpbrk(v->text, ".eE"))
		return bad_schema(c, v, "not a non-negative integer");
	if (l2e__parse_long(v->text, (size_t)-1, 0, LIMIT_MAX, &n))
		return bad_schema(c, v, "a limit out of range");
	out->is_set = 1;
	out->value = (size_t)n;
	return 0;
}

static int kw_list(compiler *c, js *s, const l2e__node *v, void *slot)
{
	js_list *out = slot;
	const l2e__node *k;
	size_t i = 0;
	int error;

	(void)s;

	if (v->kind != L2E__NODE_ARRAY || !v->n_children)
		return bad_schema(c, v, "not a non-empty array of schemas");
	out->items = l2e__pool_alloc(&c->s->pool, v->n_children * sizeof(js *));
	if (!out->items)
		return oom(c);
	for (k = v->first; k; k = k->next)
		if ((error = compile(&out->items[i++], c, k)) < 0)
			return error;
	out->n = i;
	return 0;
}

static unsigned type_bit(const char *name)
{
	static const struct {
		const char *name;
		unsigned bit;
	} types[] = { { "null", T_NULL },     { "boolean", T_BOOLEAN },
		      { "number", T_NUMBER }, { "integer", T_INTEGER },
		      { "string", T_STRING }, { "array", T_ARRAY },
		      { "object", T_OBJECT } };
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(name, types[i].name))
			return types[i].bit;
	return 0;
}

static int kw_type(compiler *c, js *s, const l2e__node *v, void *slot)
{
	const l2e__node *k;
	unsigned bit;

	(void)slot;
	if (v->kind == L2E__NODE_STRING) {
		if (!(s->types = type_bit(v->text)))
			return bad_schema(c, v, "an unknown type");
		return 0;
	}
	if (v->kind != L2E__NODE_ARRAY || !v->n_children)
		return bad_schema(c, v, "\"type\" is not a name or a list");
	for (k = v->first; k; k = k->next) {
		if (k->kind != L2E__NODE_STRING || !(bit = type_bit(k->text)))
			return bad_schema(c, k, "an unknown type");
		s->types |= bit;
	}
	return 0;
}

static int kw_pattern(compiler *c, js *s, const l2e__node *v, void *slot)
{
	l2e_buf ere = L2E_BUF_INIT;
	regex_t *re = NULL, **grown;
	const char *why;
	int error = 0;

	(void)slot;
	if (v->kind != L2E__NODE_STRING)
		return bad_schema(c, v, "\"pattern\" is not a string");
	if ((why = l2e__jschema_translate(v->text, &ere)) != NULL) {
		error = unsupported(c, v,
		                    "the JSON schema's pattern uses %s, which "
		                    "this validator does not implement",
		                    why);
		goto done;
	}
	grown =
	    l2e__realloc(c->s->regexes, (c->s->n_regexes + 1) * sizeof(*grown));
	if (!grown || !(re = l2e__calloc(1, sizeof(*re)))) {
		if (grown)
			c->s->regexes = grown;
		error = oom(c);
		goto done;
	}
	c->s->regexes = grown;
	if (regcomp(re, ere.ptr, REG_EXTENDED | REG_NOSUB) != 0) {
		l2e__free(re);
		error = bad_schema(c, v, "a pattern that does not compile");
		goto done;
	}
	c->s->regexes[c->s->n_regexes++] = re;
	s->pattern = re;
	s->pattern_text = v->text;
done:
	l2e_buf_dispose(&ere);
	return error;
}

static int kw_required(compiler *c, js *s, const l2e__node *v, void *slot)
{
	const l2e__node *k;
	size_t i = 0;

	(void)slot;
	if (v->kind != L2E__NODE_ARRAY || !v->n_children)
		return bad_schema(c, v, "\"required\" is not a list of names");
	s->required =
	    l2e__pool_alloc(&c->s->pool, v->n_children * sizeof(*s->required));
	if (!s->required)
		return oom(c);
	for (k = v->first; k; k = k->next) {
		if (k->kind != L2E__NODE_STRING)
			return bad_schema(c, k,
			                  "a required name that is not "
			                  "a string");
		s->required[i++] = k->text;
	}
	s->n_required = i;
	return 0;
}

static int kw_properties(compiler *c, js *s, const l2e__node *v, void *slot)
{
	const l2e__node *k;
	size_t i = 0;
	int error;

	(void)slot;
	if (v->kind != L2E__NODE_OBJECT)
		return bad_schema(c, v, "\"properties\" is not an object");
	s->props = l2e__pool_alloc(&c->s->pool,
	                           (v->n_children + 1) * sizeof(*s->props));
	if (!s->props)
		return oom(c);
	for (k = v->first; k; k = k->next) {
		s->props[i].name = k->key;
		if ((error = compile(&s->props[i].schema, c, k)) < 0)
			return error;
		i++;
	}
	s->n_props = i;
	return 0;
}

/* A keyword's value that is a schema, into the js * at `slot`. */
static int kw_schema(compiler *c, js *s, const l2e__node *v, void *slot)
{
	(void)s;
	return compile(slot, c, v);
}

static int kw_additional(compiler *c, js *s, const l2e__node *v, void *slot)
{
	(void)slot;
	s->has_additional = 1;
	if (v->kind == L2E__NODE_BOOL) {
		s->is_additional_false = !strcmp(v->text, "false");
		return 0;
	}
	return compile(&s->additional, c, v);
}

static int kw_items(compiler *c, js *s, const l2e__node *v, void *slot)
{
	(void)slot;
	if (v->kind == L2E__NODE_ARRAY)
		return unsupported(c, v,
		                   "the JSON schema uses \"%s\" as a list, "
		                   "which this validator does not implement",
		                   v->key);
	return compile(&s->items, c, v);
}

static int kw_enum(compiler *c, js *s, const l2e__node *v, void *slot)
{
	(void)slot;
	if (v->kind != L2E__NODE_ARRAY || !v->n_children)
		return bad_schema(c, v, "\"enum\" is not a non-empty array");
	s->enum_values = v;
	return 0;
}

/* "id" names the schema at its root; elsewhere it would change how
 * $refs below it resolve */
static int kw_id(compiler *c, js *s, const l2e__node *v, void *slot)
{
	(void)s;
	(void)slot;
	if (v->parent != c->s->root)
		return unsupported(c, v,
		                   "the JSON schema uses \"%s\" below its "
		                   "root, which this validator does not "
		                   "implement",
		                   v->key);
	return 0;
}

/* A draft-04 validation keyword this validator does not implement: a
 * schema is never half-applied. */
static int kw_refused(compiler *c, js *s, const l2e__node *v, void *slot)
{
	(void)s;
	(void)slot;
	return unsupported(c, v,
	                   "the JSON schema uses \"%s\", which this "
	                   "validator does not implement",
	                   v->key);
}

#define SLOT(member) offsetof(js, member)

/*
 * Every draft-04 keyword, one row each: its compiler, and the member of
 * js it fills when compilers are shared. No compiler: ignored, as
 * draft-04 ignores annotations. A keyword not listed is not draft-04:
 * ignored too.
 */
static const struct keyword {
	const char *name;
	int (*fn)(compiler *c, js *s, const l2e__node *v, void *slot);
	size_t slot;
} keywords[] = {
	{ "$schema", NULL, 0 },
	{ "title", NULL, 0 },
	{ "description", NULL, 0 },
	{ "default", NULL, 0 },
	{ "definitions", NULL, 0 },
	{ "format", NULL, 0 },
	{ "id", kw_id, 0 },
	{ "type", kw_type, 0 },
	{ "properties", kw_properties, 0 },
	{ "additionalProperties", kw_additional, 0 },
	{ "items", kw_items, 0 },
	{ "allOf", kw_list, SLOT(all_of) },
	{ "anyOf", kw_list, SLOT(any_of) },
	{ "oneOf", kw_list, SLOT(one_of) },
	{ "not", kw_schema, SLOT(not_schema) },
	{ "enum", kw_enum, 0 },
	{ "pattern", kw_pattern, 0 },
	{ "required", kw_required, 0 },
	{ "minItems", kw_limit, SLOT(min_items) },
	{ "maxItems", kw_limit, SLOT(max_items) },
	{ "minLength", kw_limit, SLOT(min_length) },
	{ "maxLength", kw_limit, SLOT(max_length) },
	{ "minProperties", kw_limit, SLOT(min_props) },
	{ "maxProperties", kw_limit, SLOT(max_props) },
	{ "multipleOf", kw_refused, 0 },
	{ "maximum", kw_refused, 0 },
	{ "exclusiveMaximum", kw_refused, 0 },
	{ "minimum", kw_refused, 0 },
	{ "exclusiveMinimum", kw_refused, 0 },
	{ "uniqueItems", kw_refused, 0 },
	{ "additionalItems", kw_refused, 0 },
	{ "patternProperties", kw_refused, 0 },
	{ "dependencies", kw_refused, 0 },
};

/* One keyword of the schema object `s`. */
static int compile_keyword(compiler *c, js *s, const l2e__node *kw)
{
	const struct keyword *k;

	for (k = keywords; k < keywords + sizeof(keywords) / sizeof(*k); k++)
		if (!strcmp(kw->key, k->name))
			return k->fn ? k->fn(c, s, kw, (char *)s + k->slot) : 0;
	return 0; /* not a draft-04 keyword: ignored, as draft-04 says */
}

static int compile(js **out, compiler *c, const l2e__node *node)
{
	l2e__jschema *s = c->s;
	const l2e__node *kw, *ref, *target;
	js *schema;
	size_t i;
	int error;

	for (i = 0; i < s->n_memo; i++)
		if (s->memo[i].node == node) {
			*out = s->memo[i].schema;
			return 0;
		}
	if (node->kind != L2E__NODE_OBJECT)
		return bad_schema(c, node, "a schema that is not an object");
	if (s->n_memo == s->cap_memo) {
		size_t cap = s->cap_memo ? s->cap_memo * 2 : 64;
		memo_entry *grown = l2e__realloc(s->memo, cap * sizeof(*grown));

		if (!grown)
			return oom(c);
		s->memo = grown;
		s->cap_memo = cap;
	}
	if (!(schema = l2e__pool_alloc(&s->pool, sizeof(*schema))))
		return oom(c);
	schema->src = node;
	s->memo[s->n_memo].node = node;
	s->memo[s->n_memo++].schema = schema;
	*out = schema;

	if ((ref = l2e__node_member(node, "$ref")) != NULL) {
		if (ref->kind != L2E__NODE_STRING)
			return bad_schema(c, ref, "\"$ref\" is not a string");
		if (!(target = resolve_ref(s, ref->text)))
			return unsupported(c, ref,
			                   "the JSON schema's $ref \"%s\" is "
			                   "not a pointer into the schema",
			                   ref->text);
		return compile(&schema->ref, c, target);
	}
	for (kw = node->first; kw; kw = kw->next)
		if ((error = compile_keyword(c, schema, kw)) < 0)
			return error;
	return 0;
}

int l2e__jschema_load_memory(l2e__jschema **out, l2e_ctx *ctx, const char *name,
                             const char *data, size_t len)
{
	l2e__jschema *s = NULL;
	l2e__json_cursor cur;
	l2e__node *root = NULL;
	compiler c;
	int error;

	*out = NULL;
	if (!(s = l2e__calloc(1, sizeof(*s))) ||
	    !(s->name = l2e__strdup(name))) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_VALIDATE,
		                       "out of memory");
		goto done;
	}
	l2e__json_cursor_init(&cur, s->name, data, len, &ctx->opts);
	if ((error = l2e__json_next(&root, &s->pool, ctx, &cur)) < 0)
		goto done;
	if (!root) {
		error = l2e__error_set_at(ctx, L2E_EPARSE,
		                          L2E_ERRCLASS_VALIDATE, name, 0, 0,
		                          NULL, "the JSON schema is empty");
		goto done;
	}
	s->root = root;
	c.s = s;
	c.ctx = ctx;
	if ((error = compile(&s->top, &c, root)) < 0)
		goto done;
	*out = s;
	s = NULL;
done:
	if (*out) {
		l2e__free((*out)->memo);
		(*out)->memo = NULL;
		(*out)->n_memo = (*out)->cap_memo = 0;
	}
	l2e__jschema_free(s);
	return error;
}

int l2e__jschema_load(l2e__jschema **out, l2e_ctx *ctx, const char *path)
{
	l2e_buf bytes = L2E_BUF_INIT;
	int error;

	*out = NULL;
	error = l2e__file_read(&bytes, ctx, path, SCHEMA_MAX_BYTES,
	                       "the schema size limit (4 MiB)");
	if (!error)
		error = l2e__jschema_load_memory(out, ctx, path, bytes.ptr,
		                                 bytes.len);
	l2e_buf_dispose(&bytes);
	return error;
}

void l2e__jschema_free(l2e__jschema *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n_regexes; i++) {
		regfree(s->regexes[i]);
		l2e__free(s->regexes[i]);
	}
	l2e__free(s->regexes);
	l2e__free(s->memo);
	l2e__free(s->name);
	l2e__pool_clear(&s->pool);
	l2e__free(s);
}
