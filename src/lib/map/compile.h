/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * compile.h - the mapping compiler's insides, shared by its files:
 *
 *   map_check.c     check mode: every problem to a callback
 *   map_load.c      the core: read the file, the top-level object, the
 *                   dossier, the public load/free functions
 *   map_source.c    "source": the format and its reader's own options
 *   map_paging.c    "source.paging"
 *   map_lookup.c    "lookups": look-up tables
 *   map_profile.c   "opt_in" and "profile": sections and their fields
 *   map_rule.c      field rules and conditions
 *   map_codelist.c  code lists and inline value maps
 *   map_compile.c   what they all use: reporting, value checks (a path
 *                   with its $lookup steps bound), the walkers of the
 *                   key tables. It calls none of the files above: a
 *                   condition, whose keys it walks, is compiled by the
 *                   function its row names (L2E__ROW_COND)
 *
 * Each mapping object has one key table (l2e__key rows): its allowed keys
 * and how each compiles. A key that only checks its value and stores it
 * (text, a path, a condition, true/false, a number in a range) is a row
 * alone; a key with logic of its own has a compile function too. So
 * adding a mapping key is one row, maybe a function (and map_eval.c, the
 * schema and the README).
 */
#ifndef L2E_MAP_COMPILE_H
#define L2E_MAP_COMPILE_H

#include "core/buf.h"
#include "map/mapping.h"

typedef struct l2e__loader l2e__loader;

struct l2e__loader {
	l2e__optc oc; /* first: readers' options report through it */
	l2e_ctx *ctx;
	l2e_mapping *map;
	const char *codelist_dir;
	l2e_diag_cb cb; /* check mode: report every problem here */
	void *payload;
	size_t n_errors;
};

/* Set up `ld` to compile into `map` (errors against map->file). */
void l2e__loader_init(l2e__loader *ld, l2e_ctx *ctx, l2e_mapping *map);

/*
 * One key of a mapping object. `compile` gets the key's value `v` (NULL
 * for an absent L2E__KEY_ALWAYS key), the object `obj` holding it, and
 * `out`, what the object compiles into. A NULL `compile`: the key is
 * allowed and handled by the object's own code (or ignored: "comment").
 */
typedef int l2e__key_compile(l2e__loader *ld, void *out, const l2e__node *v,
                             const l2e__node *obj);
typedef l2e__key_compile *l2e__key_fn;

#define L2E__KEY_ALWAYS 1u /* called when absent too (v NULL) */
#define L2E__KEY_PART   2u /* check mode goes on after its error */
#define L2E__KEY_MARK   4u /* compiled: the int at `mark` in `out` is 1 */

/*
 * A key without logic of its own needs no function: its kind says what
 * its value must be, and the value goes to the field at `at` in `out`
 * (offsetof). Its mistakes name the key: "\"name\" must be ...".
 */
typedef enum l2e__key_kind {
	L2E__KEY_FN = 0, /* `compile` does it all */
	L2E__KEY_TEXT,   /* a scalar as text: const char * */
	L2E__KEY_PATH,   /* a path: l2e__path */
	L2E__KEY_COND,   /* a condition: l2e__cond *, by the row's `value` */
	L2E__KEY_BOOL,   /* true/false: int */
	L2E__KEY_NUMBER  /* a whole number from min to max: long */
} l2e__key_kind;

/*
 * A value of a kind that stands above the walkers: a condition, whose
 * own keys the walkers walk (map_rule.c). The row names its compiler,
 * so that the walkers (map_compile.c) call no file that calls them.
 */
typedef int l2e__value_compile(l2e__loader *ld, void *at, const l2e__node *v);

typedef struct l2e__key {
	const char *key;
	l2e__key_fn compile;
	l2e__value_compile *value; /* L2E__KEY_COND */
	unsigned flags;
	l2e__key_kind kind;
	size_t at;
	const char *missing; /* absent: this mistake, at the object */
	size_t mark;         /* with L2E__KEY_MARK */
	long min, max;       /* L2E__KEY_NUMBER */
} l2e__key;

#define L2E__N_KEYS(t) (sizeof(t) / sizeof((t)[0]))

/* The two common rows on one line each, so that a table reads as one:
 * a value of `kind` into type's `field`, and a key with a function. */
#define L2E__ROW_VALUE(name, kind_, type, field)                            \
	{                                                                   \
		.key = (name), .kind = (kind_), .at = offsetof(type, field) \
	}
#define L2E__ROW_COND(name, type, field)                              \
	{                                                             \
		.key = (name), .kind = L2E__KEY_COND,                 \
		.at = offsetof(type, field), .value = l2e__mc_cond_at \
	}
#define L2E__ROW_CALL(name, fn, flags_)                           \
	{                                                         \
		.key = (name), .compile = (fn), .flags = (flags_) \
	}

/* The row for `key`, or NULL. */
const l2e__key *l2e__key_find(const l2e__key *keys, size_t n, const char *key);
/* Every member of `obj` is a key of `keys`: else "unknown key". */
int l2e__keys_check(l2e__loader *ld, const l2e__node *obj, const l2e__key *keys,
                    size_t n, const char *what);
/* Compile the keys of `obj` in the table's order (absent ones too, where
 * the row says L2E__KEY_ALWAYS or `missing`). */
int l2e__keys_compile(l2e__loader *ld, void *out, const l2e__node *obj,
                      const l2e__key *keys, size_t n);
/* Compile the members of `obj` in the file's order. */
int l2e__members_compile(l2e__loader *ld, void *out, const l2e__node *obj,
                         const l2e__key *keys, size_t n);

/* ==== Reporting (map_compile.c) ==== */

/*
 * Mistakes are reported with the readers' l2e__optc_bad() and
 * l2e__optc_bad_key() on &ld->oc: one message format for every key.
 */
int l2e__mc_oom(l2e__loader *ld);
int l2e__mc_expect(l2e__loader *ld, const l2e__node *n, l2e__node_kind kind,
                   const char *what);
/* A scalar as text: strings, numbers and true/false. */
int l2e__mc_text(l2e__loader *ld, const l2e__node *n, const char **out,
                 const char *what);
int l2e__mc_path(l2e__loader *ld, l2e__path *out, const l2e__node *n);
/* A whole number from `min` to `max`. */
int l2e__mc_number(l2e__loader *ld, long *out, const l2e__node *n, long min,
                   long max, const char *what);

/* Load a mapping file; with `cb`, check mode (map_load.c). */
int l2e__mc_load_file(l2e_mapping **out, l2e_ctx *ctx, const char *path,
                      l2e_diag_cb cb, void *payload);
/* In check mode, go on after a mapping error to find the next one. */
int l2e__mc_keep_going(const l2e__loader *ld, int error);
/* The context's error as a finding for the check callback. */
void l2e__mc_report(l2e__loader *ld);

/* ==== The objects ==== */

/* Keys of the top level ("source", "opt_in", "profile": `v` is that
 * member, `obj` the mapping's root, `out` the mapping) and of "source"
 * ("paging": `obj` is the source object, `out` unused). */
l2e__key_compile l2e__mc_source;
l2e__key_compile l2e__mc_paging;
l2e__key_compile l2e__mc_lookups;
l2e__key_compile l2e__mc_opt_in;
l2e__key_compile l2e__mc_profile;
int l2e__mc_cond(l2e__loader *ld, l2e__cond **out, const l2e__node *n);
/* l2e__mc_cond() into the l2e__cond * at `at`: L2E__ROW_COND's. */
l2e__value_compile l2e__mc_cond_at;
int l2e__mc_rule(l2e__loader *ld, l2e__rule **out, const l2e__node *n,
                 const char *target, int section, int field);
int l2e__mc_valuemap(l2e__loader *ld, l2e__valuemap *vm, const l2e__node *obj);

/* map_extract.c: "contains", "starts_with", "ends_with", "matches" of a
 * condition; "language", "split", "pick", "after_last", "regex",
 * "group", "zone" of a rule (`out` the condition or the rule). */
l2e__key_compile l2e__mc_cond_text;
l2e__key_compile l2e__mc_rule_language;
l2e__key_compile l2e__mc_rule_split;
l2e__key_compile l2e__mc_rule_pick;
l2e__key_compile l2e__mc_rule_after_last;
l2e__key_compile l2e__mc_rule_regex;
l2e__key_compile l2e__mc_rule_group;
l2e__key_compile l2e__mc_rule_zone;
/* Zone `name`, read once per mapping; `at` NULL: the default zone,
 * whose absence is no mistake of the mapping (found when used). */
int l2e__mc_zone(l2e__loader *ld, const struct l2e__zone **out,
                 const char *name, const l2e__node *at);
int l2e__mc_codelist(l2e__loader *ld, const l2e__valuemap **out,
                     const l2e__node *name);
/* Where the installed code lists are: $L2E_CODELISTS_DIR, else
 * <datadir>/lob2europass/mappings/codelists. */
const char *l2e__codelists_installed(void);

#endif
