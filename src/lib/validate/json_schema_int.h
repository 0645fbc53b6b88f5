/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * json_schema_int.h - the compiled form of a draft-04 JSON schema, shared
 * by the files of the JSON schema validator and no others:
 *
 *   validate_json.c   loading, $ref resolution and compiling
 *   json_pattern.c    "pattern": the ECMA-262 subset as POSIX ERE
 *   json_check.c      applying a compiled schema to a document
 *
 * validate_json.c says what is supported and why.
 */
#ifndef L2E_VALIDATE_JSON_SCHEMA_INT_H
#define L2E_VALIDATE_JSON_SCHEMA_INT_H

#include <regex.h>

#include "validate/validate_int.h"

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

/**
 * Translate the ECMA-262 pattern `re` into POSIX ERE in `out`. NULL on
 * success, else what in the pattern is not supported.
 */
const char *l2e__jschema_translate(const char *re, l2e_buf *out);

#endif
