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
 */
#include "validate/validate_int.h"

#include <regex.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/file.h"
#include "read/json_tree.h"

#define SCHEMA_MAX_BYTES ((size_t)4 << 20)
/* schema applications nested in one another (a $ref loop stops here) */
#define MAX_NESTING 512

enum {
	T_NULL = 1,
	T_BOOLEAN = 2,
	T_NUMBER = 4,
	T_INTEGER = 8,
	T_STRING = 16,
	T_ARRAY = 32,
	T_OBJECT = 64
};

typedef struct js js;

typedef struct js_prop {
	const char *name;
	js *schema;
} js_prop;

typedef struct js_list {
	js **items;
	size_t n;
} js_list;

typedef struct js_limit {
	int is_set;
	size_t value;
} js_limit;

struct js {
	const l2e__node *src;
	js *ref; /* $ref: nothing else applies */
	unsigned types;
	js_prop *props;
	size_t n_props;
	int has_additional;
	int is_additional_false;
	js *additional;
	js *items;
	js_list all_of, any_of, one_of;
	js *not_schema;
	const l2e__node *enum_values;
	regex_t *pattern;
	const char *pattern_text;
	const char **required;
	size_t n_required;
	js_limit min_items, max_items, min_length, max_length;
	js_limit min_props, max_props;
};

typedef struct memo_entry {
	const l2e__node *node;
	js *schema;
} memo_entry;

struct l2e__jschema {
	l2e__pool pool; /* the schema's tree and its compiled form */
	const l2e__node *root;
	js *top;
	char *name;
	memo_entry *memo; /* while compiling only */
	size_t n_memo, cap_memo;
	regex_t **regexes;
	size_t n_regexes;
};

typedef struct compiler {
	l2e__jschema *s;
	l2e_ctx *ctx;
} compiler;

/* ==== Regular expressions: the ECMA-262 subset, as POSIX ERE ==== */

static int is_special(char c)
{
	return c && strchr("^$\\.*+?()[]{}|", c) != NULL;
}

/* A class (set of ASCII characters) as a POSIX bracket expression. */
static int emit_class(l2e_buf *out, const unsigned char set[128])
{
	int c, error, n = 0;

	for (c = 1; c < 128; c++)
		n += set[c];
	if (n == 1 && set['^'])
		return l2e__buf_puts(out, "\\^");
	if ((error = l2e__buf_putc(out, '[')) < 0)
		return error;
	if (set[']'])
		error = l2e__buf_putc(out, ']');
	for (c = 1; c < 128 && !error; c++)
		if (set[c] && c != ']' && c != '-' && c != '^')
			error = l2e__buf_putc(out, (char)c);
	if (!error && set['^'])
		error = l2e__buf_putc(out, '^');
	if (!error && set['-'])
		error = l2e__buf_putc(out, '-');
	return error ? error : l2e__buf_putc(out, ']');
}

/* Parse "[...]" at *p (past the '['); NULL on success, or why not. */
static const char *read_class(const char **p, unsigned char set[128])
{
	const char *s = *p;
	int lo, hi, c;

	memset(set, 0, 128);
	if (*s == '^')
		return "a negated class";
	if (*s == ']')
		return "an empty class";
	while (*s && *s != ']') {
		if (*s == '\\') {
			s++;
			if (*s == 'd') {
				for (c = '0'; c <= '9'; c++)
					set[c] = 1;
				s++;
				continue;
			}
			if (!*s || (unsigned char)*s >= 128 ||
			    (*s >= 'a' && *s <= 'z') ||
			    (*s >= 'A' && *s <= 'Z') ||
			    (*s >= '0' && *s <= '9'))
				return "an escape in a class";
		}
		lo = (unsigned char)*s++;
		if (lo >= 128 || lo < 32)
			return "a character outside printable ASCII";
		hi = lo;
		if (*s == '-' && s[1] && s[1] != ']') {
			s++;
			if (*s == '\\')
				return "an escape in a range";
			hi = (unsigned char)*s++;
			if (hi >= 128 || hi < lo)
				return "a bad range";
		}
		for (c = lo; c <= hi; c++)
			set[c] = 1;
	}
	if (*s != ']')
		return "an unclosed class";
	*p = s + 1;
	return NULL;
}

/* Parse a "{n}", "{n,}" or "{n,m}" quantifier at *p; emit it. */
static const char *read_braces(const char **p, l2e_buf *out)
{
	const char *s = *p + 1, *start = *p;
	int n_digits = 0;

	while (*s >= '0' && *s <= '9')
		s++, n_digits++;
	if (!n_digits)
		return "a '{' that is not a quantifier";
	if (*s == ',') {
		s++;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s != '}')
		return "a '{' that is not a quantifier";
	if (s - start > 12)
		return "a quantifier that is too large";
	s++;
	if (l2e__buf_put(out, start, (size_t)(s - start)) < 0)
		return "out of memory";
	*p = s;
	return NULL;
}

/*
 * Translate the ECMA-262 pattern `re` into POSIX ERE in `out`. NULL on
 * success, else what in the pattern is not supported.
 */
static const char *translate(const char *re, l2e_buf *out)
{
	unsigned char set[128];
	const char *p = re, *why;
	int can_repeat = 0, depth = 0;

	if (l2e__buf_put(out, "", 0) < 0)
		return "out of memory";
	while (*p) {
		char c = *p;

		if (c == '*' || c == '+' || c == '?' || c == '{') {
			if (!can_repeat)
				return "a quantifier without an atom";
			if (c == '{') {
				if ((why = read_braces(&p, out)) != NULL)
					return why;
			} else {
				l2e__buf_putc(out, c);
				p++;
			}
			if (*p == '?')
				return "a lazy quantifier";
			if (*p == '*' || *p == '+' || *p == '{')
				return "a quantifier after a quantifier";
			can_repeat = 0;
			continue;
		}
		can_repeat = 1;
		p++;
		switch (c) {
		case '.': return "'.'";
		case '^':
		case '$':
			l2e__buf_putc(out, c);
			can_repeat = 0;
			break;
		case '|':
			l2e__buf_putc(out, '|');
			can_repeat = 0;
			break;
		case '(':
			if (*p == '?') {
				if (p[1] != ':')
					return "a look-around or named group";
				p += 2;
			}
			if (*p == ')')
				return "an empty group";
			l2e__buf_putc(out, '(');
			depth++;
			can_repeat = 0;
			break;
		case ')':
			if (!depth--)
				return "an unbalanced ')'";
			l2e__buf_putc(out, ')');
			break;
		case '[':
			if ((why = read_class(&p, set)) != NULL)
				return why;
			if (emit_class(out, set) < 0)
				return "out of memory";
			break;
		case '\\':
			c = *p++;
			if (c == 'd') {
				l2e__buf_puts(out, "[0-9]");
			} else if (c && is_special(c)) {
				l2e__buf_putc(out, '\\');
				l2e__buf_putc(out, c);
			} else if (c == '-' || c == '/' || c == '"' ||
			           c == ',' || c == ':' || c == '=' ||
			           c == '!' || c == '@' || c == '#' ||
			           c == '%' || c == '&' || c == '~' ||
			           c == '\'' || c == '<' || c == '>' ||
			           c == ' ' || c == ';' || c == '`' ||
			           c == '_') {
				l2e__buf_putc(out, c);
			} else {
				return "an escape other than \\d or a "
				       "punctuation character";
			}
			break;
		case ']':
		case '}': return "an unbalanced ']' or '}'";
		default:
			if ((unsigned char)c >= 128 || (unsigned char)c < 32)
				return "a character outside printable ASCII";
			l2e__buf_putc(out, c);
		}
	}
	if (depth)
		return "an unclosed group";
	return out->ptr ? NULL : "out of memory";
}

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
			char *end;
			unsigned long i = strtoul(part, &end, 10);

			for (k = at->first; k && *part && !*end && i; i--)
				k = k->next;
			at = *part && !*end ? k : NULL;
		} else {
			at = NULL;
		}
		if (!at)
			return NULL;
	}
	return *ref ? NULL : at;
}

static int limit(compiler *c, js_limit *out, const l2e__node *v)
{
	char *end;
	unsigned long long n;

	if (v->kind != L2E__NODE_NUMBER || v->text[0] == '-' ||
	    strpbrk(v->text, ".eE"))
		return bad_schema(c, v, "not a non-negative integer");
	n = strtoull(v->text, &end, 10);
	if (*end || n > (unsigned long long)((size_t)-1 >> 1))
		return bad_schema(c, v, "a limit out of range");
	out->is_set = 1;
	out->value = (size_t)n;
	return 0;
}

static int list(compiler *c, js_list *out, const l2e__node *v)
{
	const l2e__node *k;
	size_t i = 0;
	int error;

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

static int compile_type(compiler *c, js *s, const l2e__node *v)
{
	const l2e__node *k;
	unsigned bit;

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

static int compile_pattern(compiler *c, js *s, const l2e__node *v)
{
	l2e_buf ere = L2E_BUF_INIT;
	regex_t *re = NULL, **grown;
	const char *why;
	int error = 0;

	if (v->kind != L2E__NODE_STRING)
		return bad_schema(c, v, "\"pattern\" is not a string");
	if ((why = translate(v->text, &ere)) != NULL) {
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

static int compile_required(compiler *c, js *s, const l2e__node *v)
{
	const l2e__node *k;
	size_t i = 0;

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

static int compile_properties(compiler *c, js *s, const l2e__node *v)
{
	const l2e__node *k;
	size_t i = 0;
	int error;

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

/* One keyword of the schema object `s`. */
static int compile_keyword(compiler *c, js *s, const l2e__node *kw)
{
	static const char *const ignored[] = { "$schema",     "title",
		                               "description", "default",
		                               "definitions", "format",
		                               NULL };
	static const char *const refused[] = {
		"multipleOf",       "maximum",
		"exclusiveMaximum", "minimum",
		"exclusiveMinimum", "uniqueItems",
		"additionalItems",  "patternProperties",
		"dependencies",     NULL
	};
	const char *k = kw->key;
	size_t i;

	for (i = 0; ignored[i]; i++)
		if (!strcmp(k, ignored[i]))
			return 0;
	for (i = 0; refused[i]; i++)
		if (!strcmp(k, refused[i]))
			return unsupported(c, kw,
			                   "the JSON schema uses \"%s\", which "
			                   "this validator does not implement",
			                   k);
	if (!strcmp(k, "id")) {
		if (kw->parent != c->s->root)
			return unsupported(
			    c, kw,
			    "the JSON schema uses \"%s\" below "
			    "its root, which this validator does "
			    "not implement",
			    k);
		return 0;
	}
	if (!strcmp(k, "type"))
		return compile_type(c, s, kw);
	if (!strcmp(k, "properties"))
		return compile_properties(c, s, kw);
	if (!strcmp(k, "additionalProperties")) {
		s->has_additional = 1;
		if (kw->kind == L2E__NODE_BOOL) {
			s->is_additional_false = !strcmp(kw->text, "false");
			return 0;
		}
		return compile(&s->additional, c, kw);
	}
	if (!strcmp(k, "items")) {
		if (kw->kind == L2E__NODE_ARRAY)
			return unsupported(
			    c, kw,
			    "the JSON schema uses \"%s\" as a "
			    "list, which this validator does not "
			    "implement",
			    k);
		return compile(&s->items, c, kw);
	}
	if (!strcmp(k, "allOf"))
		return list(c, &s->all_of, kw);
	if (!strcmp(k, "anyOf"))
		return list(c, &s->any_of, kw);
	if (!strcmp(k, "oneOf"))
		return list(c, &s->one_of, kw);
	if (!strcmp(k, "not"))
		return compile(&s->not_schema, c, kw);
	if (!strcmp(k, "enum")) {
		if (kw->kind != L2E__NODE_ARRAY || !kw->n_children)
			return bad_schema(c, kw,
			                  "\"enum\" is not a non-empty "
			                  "array");
		s->enum_values = kw;
		return 0;
	}
	if (!strcmp(k, "pattern"))
		return compile_pattern(c, s, kw);
	if (!strcmp(k, "required"))
		return compile_required(c, s, kw);
	if (!strcmp(k, "minItems"))
		return limit(c, &s->min_items, kw);
	if (!strcmp(k, "maxItems"))
		return limit(c, &s->max_items, kw);
	if (!strcmp(k, "minLength"))
		return limit(c, &s->min_length, kw);
	if (!strcmp(k, "maxLength"))
		return limit(c, &s->max_length, kw);
	if (!strcmp(k, "minProperties"))
		return limit(c, &s->min_props, kw);
	if (!strcmp(k, "maxProperties"))
		return limit(c, &s->max_props, kw);
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

/* ==== Validating ==== */

typedef struct vrun {
	l2e_report *r;
	int is_quiet; /* inside anyOf/oneOf/not: count, do not report */
	int depth;
	int is_oom;
} vrun;

static const char *kind_name(const l2e__node *n)
{
	switch (n->kind) {
	case L2E__NODE_NULL: return "null";
	case L2E__NODE_BOOL: return "a boolean";
	case L2E__NODE_NUMBER: return "a number";
	case L2E__NODE_STRING: return "a string";
	case L2E__NODE_ARRAY: return "an array";
	default: return "an object";
	}
}

static void fail(vrun *v, const l2e__node *at, int at_key, const char *keyword,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void fail(vrun *v, const l2e__node *at, int at_key, const char *keyword,
                 const char *fmt, ...)
{
	l2e_buf msg = L2E_BUF_INIT, where = L2E_BUF_INIT, rule = L2E_BUF_INIT;
	va_list ap;

	if (v->is_quiet)
		return;
	va_start(ap, fmt);
	l2e__buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	l2e__json_pointer(&where, at);
	l2e__buf_printf(&rule, "json-schema:%s", keyword);
	if (msg.ptr && where.ptr && rule.ptr)
		l2e__report_add(v->r, L2E_SEVERITY_ERROR,
		                at_key ? at->key_line : at->line,
		                at_key ? at->key_column : at->column, where.ptr,
		                rule.ptr, "%s", msg.ptr);
	else
		v->is_oom = 1;
	l2e_buf_dispose(&msg);
	l2e_buf_dispose(&where);
	l2e_buf_dispose(&rule);
}

static int is_integer(const l2e__node *n)
{
	return n->kind == L2E__NODE_NUMBER && !strpbrk(n->text, ".eE");
}

static int type_ok(unsigned types, const l2e__node *n)
{
	switch (n->kind) {
	case L2E__NODE_NULL: return (types & T_NULL) != 0;
	case L2E__NODE_BOOL: return (types & T_BOOLEAN) != 0;
	case L2E__NODE_NUMBER:
		return (types & T_NUMBER) ||
		       ((types & T_INTEGER) && is_integer(n));
	case L2E__NODE_STRING: return (types & T_STRING) != 0;
	case L2E__NODE_ARRAY: return (types & T_ARRAY) != 0;
	default: return (types & T_OBJECT) != 0;
	}
}

/* Equality by value (draft-04 "enum"). */
static int equal(const l2e__node *a, const l2e__node *b)
{
	const l2e__node *x, *y;

	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case L2E__NODE_NULL: return 1;
	case L2E__NODE_BOOL:
	case L2E__NODE_STRING:
		return a->len == b->len && !memcmp(a->text, b->text, a->len);
	case L2E__NODE_NUMBER:
		return strtod(a->text, NULL) == strtod(b->text, NULL);
	case L2E__NODE_ARRAY:
		if (a->n_children != b->n_children)
			return 0;
		for (x = a->first, y = b->first; x; x = x->next, y = y->next)
			if (!equal(x, y))
				return 0;
		return 1;
	default:
		if (a->n_children != b->n_children)
			return 0;
		for (x = a->first; x; x = x->next)
			if (!(y = l2e__node_member(b, x->key)) || !equal(x, y))
				return 0;
		return 1;
	}
}

static size_t n_chars(const l2e__node *n)
{
	size_t i, count = 0;

	for (i = 0; i < n->len; i++)
		count += ((unsigned char)n->text[i] & 0xC0) != 0x80;
	return count;
}

/* "A1, A2, ..." for a message, at most ~160 bytes of it. */
static void enum_list(l2e_buf *out, const l2e__node *values)
{
	const l2e__node *k;

	for (k = values->first; k; k = k->next) {
		if (out->len > 160) {
			l2e__buf_puts(out, ", ...");
			return;
		}
		l2e__buf_printf(out, "%s%s", k == values->first ? "" : ", ",
		                k->text ? k->text : "null");
	}
}

static int check(const js *s, const l2e__node *inst, vrun *v);

/* Quietly: does `inst` pass `s`? 1 yes, 0 no. */
static int passes(const js *s, const l2e__node *inst, vrun *v)
{
	int was_quiet = v->is_quiet, n;

	v->is_quiet = 1;
	n = check(s, inst, v);
	v->is_quiet = was_quiet;
	return n == 0;
}

static int has_property(const js *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n_props; i++)
		if (!strcmp(s->props[i].name, name))
			return 1;
	return 0;
}

static int check_object(const js *s, const l2e__node *inst, vrun *v)
{
	const l2e__node *k, *m;
	size_t i;
	int n = 0;

	for (i = 0; i < s->n_props; i++)
		if ((m = l2e__node_member(inst, s->props[i].name)) != NULL)
			n += check(s->props[i].schema, m, v);
	if (s->has_additional)
		for (k = inst->first; k; k = k->next) {
			if (has_property(s, k->key))
				continue;
			if (s->is_additional_false) {
				fail(v, k, 1, "additionalProperties",
				     "property \"%.60s\" is not allowed here",
				     k->key);
				n++;
			} else if (s->additional) {
				n += check(s->additional, k, v);
			}
		}
	for (i = 0; i < s->n_required; i++)
		if (!l2e__node_member(inst, s->required[i])) {
			fail(v, inst, 0, "required",
			     "lacks the required property \"%.60s\"",
			     s->required[i]);
			n++;
		}
	if (s->min_props.is_set && inst->n_children < s->min_props.value) {
		fail(v, inst, 0, "minProperties",
		     "has %zu properties; at least %zu are required",
		     inst->n_children, s->min_props.value);
		n++;
	}
	if (s->max_props.is_set && inst->n_children > s->max_props.value) {
		fail(v, inst, 0, "maxProperties",
		     "has %zu properties; at most %zu are allowed",
		     inst->n_children, s->max_props.value);
		n++;
	}
	return n;
}

static int check_array(const js *s, const l2e__node *inst, vrun *v)
{
	const l2e__node *k;
	int n = 0;

	if (s->items)
		for (k = inst->first; k; k = k->next)
			n += check(s->items, k, v);
	if (s->min_items.is_set && inst->n_children < s->min_items.value) {
		fail(v, inst, 0, "minItems",
		     "has %zu items; at least %zu are required",
		     inst->n_children, s->min_items.value);
		n++;
	}
	if (s->max_items.is_set && inst->n_children > s->max_items.value) {
		fail(v, inst, 0, "maxItems",
		     "has %zu items; at most %zu are allowed", inst->n_children,
		     s->max_items.value);
		n++;
	}
	return n;
}

static int check_string(const js *s, const l2e__node *inst, vrun *v)
{
	size_t len;
	int n = 0;

	if (s->pattern && regexec(s->pattern, inst->text, 0, NULL, 0) != 0) {
		fail(v, inst, 0, "pattern",
		     "\"%.60s\" does not match the pattern %.80s", inst->text,
		     s->pattern_text);
		n++;
	}
	if (s->min_length.is_set || s->max_length.is_set) {
		len = n_chars(inst);
		if (s->min_length.is_set && len < s->min_length.value) {
			fail(v, inst, 0, "minLength",
			     "is %zu characters long; at least %zu are "
			     "required",
			     len, s->min_length.value);
			n++;
		}
		if (s->max_length.is_set && len > s->max_length.value) {
			fail(v, inst, 0, "maxLength",
			     "is %zu characters long; at most %zu are "
			     "allowed",
			     len, s->max_length.value);
			n++;
		}
	}
	return n;
}

static int check(const js *s, const l2e__node *inst, vrun *v)
{
	l2e_buf values = L2E_BUF_INIT;
	const l2e__node *k;
	size_t i, n_ok;
	int n = 0;

	if (v->depth >= MAX_NESTING) {
		fail(v, inst, 0, "$ref",
		     "the schema nests deeper than %d levels here",
		     MAX_NESTING);
		return 1;
	}
	v->depth++;
	if (s->ref) {
		n = check(s->ref, inst, v);
		goto done;
	}
	if (s->types && !type_ok(s->types, inst)) {
		fail(v, inst, 0, "type", "is %s, which is not allowed here",
		     kind_name(inst));
		n++;
		if (v->is_quiet)
			goto done;
	}
	switch (inst->kind) {
	case L2E__NODE_OBJECT: n += check_object(s, inst, v); break;
	case L2E__NODE_ARRAY: n += check_array(s, inst, v); break;
	case L2E__NODE_STRING: n += check_string(s, inst, v); break;
	default: break;
	}
	if (s->enum_values) {
		for (k = s->enum_values->first; k && !equal(k, inst);
		     k = k->next)
			;
		if (!k) {
			if (!v->is_quiet)
				enum_list(&values, s->enum_values);
			if (inst->kind == L2E__NODE_STRING ||
			    inst->kind == L2E__NODE_NUMBER)
				fail(v, inst, 0, "enum",
				     "\"%.60s\" is not one of %s", inst->text,
				     values.ptr ? values.ptr : "the values");
			else
				fail(v, inst, 0, "enum", "is %s, not one of %s",
				     kind_name(inst),
				     values.ptr ? values.ptr : "the values");
			n++;
		}
	}
	for (i = 0; i < s->all_of.n; i++)
		n += check(s->all_of.items[i], inst, v);
	if (s->any_of.n) {
		for (i = 0; i < s->any_of.n; i++)
			if (passes(s->any_of.items[i], inst, v))
				break;
		if (i == s->any_of.n) {
			fail(v, inst, 0, "anyOf",
			     "matches none of the %zu alternatives (anyOf)",
			     s->any_of.n);
			n++;
		}
	}
	if (s->one_of.n) {
		for (i = n_ok = 0; i < s->one_of.n; i++)
			n_ok += (size_t)passes(s->one_of.items[i], inst, v);
		if (n_ok != 1) {
			fail(v, inst, 0, "oneOf",
			     "matches %zu of the %zu alternatives; exactly "
			     "one must match (oneOf)",
			     n_ok, s->one_of.n);
			n++;
		}
	}
	if (s->not_schema && passes(s->not_schema, inst, v)) {
		fail(v, inst, 0, "not", "matches a schema it must not (not)");
		n++;
	}
done:
	v->depth--;
	l2e_buf_dispose(&values);
	return n;
}

int l2e__jschema_validate(const l2e__jschema *s, l2e_report *r,
                          const l2e__node *root)
{
	vrun v;
	int n;

	memset(&v, 0, sizeof(v));
	v.r = r;
	n = check(s->top, root, &v);
	if (v.is_oom)
		return L2E_ENOMEM;
	return n == 0;
}
