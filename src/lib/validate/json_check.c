/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * json_check.c - applying a compiled draft-04 JSON schema to a document
 * (the semantics are listed in validate_json.c). Failures become
 * findings with rule "json-schema:<keyword>" at the value's JSON
 * pointer; inside anyOf, oneOf and not a run is quiet and only counts.
 */
#include "validate/json_schema_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

/* schema applications nested in one another (a $ref loop stops here) */
#define MAX_NESTING 512

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

/* min<What> and max<What> on the members or items of `inst`. */
static int check_count(vrun *v, const l2e__node *inst, const js_limit *min,
                       const js_limit *max, const char *what, const char *noun)
{
	char keyword[32];
	int n = 0;

	if (min->is_set && inst->n_children < min->value) {
		snprintf(keyword, sizeof(keyword), "min%s", what);
		fail(v, inst, 0, keyword,
		     "has %zu %s; at least %zu are required", inst->n_children,
		     noun, min->value);
		n++;
	}
	if (max->is_set && inst->n_children > max->value) {
		snprintf(keyword, sizeof(keyword), "max%s", what);
		fail(v, inst, 0, keyword, "has %zu %s; at most %zu are allowed",
		     inst->n_children, noun, max->value);
		n++;
	}
	return n;
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
	return n + check_count(v, inst, &s->min_props, &s->max_props,
	                       "Properties", "properties");
}

static int check_array(const js *s, const l2e__node *inst, vrun *v)
{
	const l2e__node *k;
	int n = 0;

	if (s->items)
		for (k = inst->first; k; k = k->next)
			n += check(s->items, k, v);
	return n + check_count(v, inst, &s->min_items, &s->max_items, "Items",
	                       "items");
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
