/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft.h - `mapping init`: what an export looks like (draft_load.c),
 * the shape of its values (draft_shape.c), and the draft mapping chosen
 * from its columns and the synonyms data file (draft.c, draft_emit.c).
 */
#ifndef L2E_DRAFT_DRAFT_H
#define L2E_DRAFT_DRAFT_H

#include <stddef.h>

#include "core/ctx.h"
#include "core/pool.h"
#include "model/record.h"

/* One table of a CSV bundle, or one file of a JSON/XML export. */
typedef struct l2e__dtable {
	const char *name; /* CSV: the table name (file stem, a-z0-9_) */
	const char *file; /* its file name, without the folder */
	l2e__node *root;  /* CSV: the array of rows */
	char sep;         /* CSV: the separator */
	int headerless;   /* CSV: no header line: root is an array of rows,
	                     each an array of cells (draft_types.c) */
} l2e__dtable;

typedef struct l2e__dinput {
	l2e__pool pool;
	const char *format; /* "json", "csv" or "xml" */
	int is_bundle;      /* a folder of CSV files */
	l2e__dtable *tables;
	size_t n_tables;
	/* JSON/XML: every record, and the record paths seen ("." = the
	 * value itself); CSV: filled by the drafter from the main table */
	l2e__node **records;
	size_t n_records, cap_records;
	const char *paths[4];
	size_t n_paths;
	const char *root_name; /* XML: the root element */
	const char *folder;    /* a folder of JSON files, read when drafted
	                       (draft_spread.c reads it once) */
} l2e__dinput;

/* Read `inputs` (files, or one folder: a CSV bundle), within the
 * context's limits. 0, or an error on the context. */
int l2e__draft_load(l2e__dinput *in, l2e_ctx *ctx, const char *const *inputs,
                    size_t n_inputs);
void l2e__draft_dispose(l2e__dinput *in);

/* Value shapes (draft_shape.c). */
enum {
	L2E__SHAPE_DATE_ISO, /* jjjj-mm-dd (also a date-time) */
	L2E__SHAPE_DATE_DMY, /* d-m-jjjj */
	L2E__SHAPE_DATE_DMY_SLASH,
	L2E__SHAPE_DATE_DMY_DOT,
	L2E__SHAPE_DATE_YMD8, /* jjjjmmdd */
	L2E__SHAPE_DATE_DMY8, /* ddmmjjjj */
	L2E__SHAPE_DATE_YM,   /* jjjj-mm: a month, as a certificate has */
	L2E__SHAPE_DATE_MY6,  /* mmjjjj */
	L2E__SHAPE_DATE_MY,   /* m-jjjj */
	L2E__SHAPE_EMAIL,
	L2E__SHAPE_CEFR,
	L2E__SHAPE_EQF,
	L2E__SHAPE_BOOL, /* J/N, Ja/Nee, true/false, Y/N */
	L2E__SHAPE_URL,
	L2E__SHAPE_NATID, /* a BSN, onderwijsnummer or ECK iD */
	L2E__SHAPE_DIGITS,
	L2E__SHAPE_COUNTRY, /* a GBA code or an ISO alpha-2 code */
	L2E__SHAPE_N
};

/* Add the shapes of `s` to counts[L2E__SHAPE_N]. */
void l2e__shape_count(size_t *counts, const char *s);
#define L2E__SHAPE_DATE_LAST L2E__SHAPE_DATE_MY
/* The member of a language map to read ({"nl": ..., "en": ...}), or
 * NULL when `obj` is no language map. */
const l2e__node *l2e__shape_langmap(const l2e__node *obj);
/* The date pattern of a date shape, NULL for ISO (the default). */
const char *l2e__shape_date_pattern(int shape);

/* ==== The words (draft_words.c): the synonyms data file ==== */

enum {
	L2E__SEC_PERSON,
	L2E__SEC_HEADLINE,
	L2E__SEC_EDUCATION,
	L2E__SEC_WORK,
	L2E__SEC_LANGUAGES,
	L2E__SEC_DIGITAL,
	L2E__SEC_CERTIFICATES,
	L2E__SEC_CAREER,
	L2E__SEC_N
};

enum {
	L2E__TYPE_TEXT,
	L2E__TYPE_DATE,
	L2E__TYPE_EMAIL,
	L2E__TYPE_EQF,
	L2E__TYPE_CEFR,
	L2E__TYPE_COUNTRY,
	L2E__TYPE_LANGUAGE,
	L2E__TYPE_BOOL,
	L2E__TYPE_URL
};

typedef struct l2e__words {
	const char **w; /* normalised (draft_norm) unless said otherwise */
	size_t n;
} l2e__words;

typedef struct l2e__dfield {
	int section;
	const char *field; /* "first_name" */
	int type;
	int is_personal; /* written only when listed in opt_in */
	l2e__words names;
	l2e__words skill; /* languages levels: the skill's names in a long
	                     format (a row per skill) */
	const void *def;  /* its cJSON definition: "codelist", "map",
	                     "default" are copied into the draft */
} l2e__dfield;

typedef struct l2e__dwords {
	l2e__pool pool;
	l2e__words natid, key, consent, sections[L2E__SEC_N];
	l2e__words yes, no, entry; /* as written: values, not names */
	l2e__words skill_columns, level_columns;
	l2e__words kinds[L2E__SEC_N], kind_columns; /* draft_split.c */
	l2e__dfield *fields;
	size_t n_fields;
	void *root; /* the cJSON tree the definitions point into */
} l2e__dwords;

extern const char *const l2e__section_names[L2E__SEC_N];

/* Load the synonyms data file `path`. 0, or an error on the context. */
int l2e__dwords_load(l2e__dwords *w, l2e_ctx *ctx, const char *path);
void l2e__dwords_dispose(l2e__dwords *w);
/* `s` without case, spaces and punctuation, into the pool. */
const char *l2e__draft_norm(l2e__pool *pool, const char *s);
/* The same of the first `len` bytes of `s` (to a NUL), into out[size]
 * (cut to fit); its length. */
size_t l2e__draft_norm_into(char *out, size_t size, const char *s, size_t len);
/* The position of `s` in `list`, or -1. */
int l2e__words_find(const l2e__words *list, const char *s);

/* ==== What the drafter found (draft.c), and the mapping (draft_emit.c) */

#define L2E__DRAFT_SAMPLES 24

/* One value place of a group's items: a column, a member, an attribute. */
typedef struct l2e__dcol {
	const char *path; /* the mapping path from the item */
	const char *last; /* its last name, normalised */
	const char *full; /* the whole path, normalised */
	size_t n;         /* items with a value */
	size_t shapes[L2E__SHAPE_N];
	size_t n_yes, n_no, n_entry, n_json_bool;
	const char *samples[L2E__DRAFT_SAMPLES]; /* distinct values */
	size_t n_samples;
	int is_many;         /* more distinct values than samples */
	const char **values; /* the record group: one per record (keys) */
	int is_natid;
	int placed;     /* placed in the draft (or the key) */
	int is_langmap; /* a language map: read with "language" */
} l2e__dcol;

/* The records (each "") or a list in them: a table, an array. */
typedef struct l2e__dgroup {
	const char *each; /* path from the record; "" for the record */
	const char *norm; /* its last name, normalised */
	l2e__dcol *cols;
	size_t n_cols, cap_cols;
	size_t hint; /* where the next place is likely found */
	size_t n_items;
	int is_list; /* seen as a list (not only as one object) */
	int section; /* L2E__SEC_*, or -1 */
	/* a section of a list of several kinds (draft_split.c): the
	 * items whose kind column holds one of these values */
	const char *where_path;
	const char *where_in[4];
	size_t n_where;
	const char *where_exists; /* and a place that must have a value */
} l2e__dgroup;

/* A profile field's choice. */
typedef struct l2e__dpick {
	const l2e__dfield *f;
	l2e__dcol *col[3]; /* the best, then fallbacks ("first") */
	size_t n_cols;
	double score;
	int shape;   /* the date shape */
	int is_long; /* languages: a level column with a skill column */
	l2e__dcol *skill_col;
	const char *skill_value;
	const char *path; /* a filtered path in a list of scores, or NULL */
	const char *alt;  /* a second filtered path ("first"), or NULL */
} l2e__dpick;

typedef struct l2e__draft {
	l2e__dinput in;
	l2e__dwords words;
	l2e__pool pool;
	l2e__dgroup *groups;
	size_t n_groups, cap_groups;
	const char *main_table; /* CSV bundle */
	const char *key_column; /* CSV bundle: the join */
	size_t key_width;
	l2e__dcol *key;
	double key_score;
	int merge; /* records of one key are one dossier (draft_key.c) */
	l2e__dcol *consent;
	l2e__dpick *picks;
	size_t n_picks, cap_picks;
	l2e__dcol *group_by; /* the languages' long format */
	const char *const *inputs;
	size_t n_inputs;
	/* draft_join.c: records joined from several kinds of file (an
	 * API's, draft_spread.c) or rows of record types (draft_types.c) */
	struct l2e__dspread *spread;
	struct l2e__dtypes *types;
	const char *synonyms; /* its path: record_layouts.json is beside it */
} l2e__draft;

/* Find every group and column and choose (draft.c). */
int l2e__draft_analyse(l2e__draft *d, l2e_ctx *ctx);
/* The draft mapping as JSON text (draft_emit.c). */
int l2e__draft_emit(l2e_buf *out, l2e_ctx *ctx, const l2e__draft *d);

/* draft_score.c: how well `c` is named one of `names` (0 to 1); its most
 * common date shape; whether its values fit a field of `type`; and
 * whether `part` is at least `share` of a non-zero `n`. */
double l2e__dcol_name_score(const l2e__dcol *c, const l2e__words *names);
int l2e__dcol_best_date(const l2e__dcol *c);
/* Whether `c` is the "id" of a linked-data concept (a URI): a code
 * read after the last "/". */
int l2e__dcol_is_concept(const l2e__dcol *c);
/* Add the date patterns of `c` to seen[6] (at most 6 in all), the
 * most common first; the new count. Whether every pattern of seen[n]
 * is an ISO form, which a rule reads without "date". */
size_t l2e__dcol_date_patterns(const l2e__dcol *c, const char **seen,
                               size_t n_seen);
int l2e__date_patterns_iso(const char *const *seen, size_t n_seen);
/* Whether a value seen in `c` is written in capitals (ZWOLLE). */
int l2e__dcol_has_capitals(const l2e__dcol *c);
/* The values of `c` in any date shape (a value counted once per
 * shape it has), at most c->n. */
size_t l2e__dcol_dates(const l2e__dcol *c);
int l2e__dcol_fits(const l2e__dcol *c, int type);
int l2e__mostly(size_t part, size_t n, double share);

/* draft_collect.c: the group of list path `each` (its last step
 * `last`), added when new; NULL when out of memory. Adding may move
 * d->groups. */
l2e__dgroup *l2e__draft_group_add(l2e__draft *d, const char *each,
                                  const char *last);
/* draft_collect.c: the list placed in `section` (one of L2E__SEC_*),
 * or NULL while none is. */
const l2e__dgroup *l2e__draft_section_group(const l2e__draft *d, int section);
/* draft_collect.c: a list of {"language", "value"}, one text in
 * several languages (read as one value, not as a list of items). */
int l2e__draft_is_localized(const l2e__node *arr);
/* draft_collect.c: every list of objects in `record`, as a group. */
int l2e__draft_find_groups(l2e__draft *d, const l2e__node *record);
/* draft_collect.c: count the places of `item` (record `rec`, or
 * (size_t)-1 for a table that is not the main one) into `g`, an item
 * more. -1: out of memory. */
int l2e__draft_fill_item(l2e__draft *d, l2e__dgroup *g, const l2e__node *item,
                         size_t rec);
/* draft_split.c: a list of several kinds split into its sections. */
int l2e__draft_split(l2e__draft *d);

/* draft_key.c: when the records are about fewer persons than records,
 * the key that recurs as the person's names recur, with merge. */
void l2e__draft_person_key(l2e__draft *d);

/* draft_compose.c: the rule that the field's "compose" in the synonyms
 * file makes of the places found (a cJSON object), or NULL. */
struct cJSON *l2e__draft_compose(const l2e__draft *d, const l2e__dfield *f,
                                 int *is_oom);

/* draft_pick.c: choose the fields of sections `sec_a` and `sec_b` from
 * the places of `g`; languages with a row per skill. -1: out of
 * memory. */
/* draft_pick.c: a new, empty pick at the end; NULL: out of memory. */
l2e__dpick *l2e__draft_pick_add(l2e__draft *d);
/* draft_pick.c: the place picked for field `f`, or NULL. */
const l2e__dpick *l2e__draft_pick_of(const l2e__draft *d, const l2e__dfield *f);
int l2e__draft_pick_group(l2e__draft *d, l2e__dgroup *g, int sec_a, int sec_b);
int l2e__draft_pick_long(l2e__draft *d, l2e__dgroup *g);

/* ==== Records joined from several kinds of file or of row (draft_join.c,
 * draft_spread.c, draft_types.c) ==== */

/* draft_load.c: the member of `obj` that holds a page's records, and
 * whether `obj` is a page around them rather than one record. */
const l2e__node *l2e__draft_record_array(const l2e__node *obj);
int l2e__draft_is_page(const l2e__node *obj, const l2e__node *arr);
/* draft_load.c: the .json files of folder `in->folder` as the records,
 * when the export is not spread after all. 0, or an error. */
int l2e__draft_load_json_folder(l2e__dinput *in, l2e_ctx *ctx);

/* Before the records are walked: build one joined record per student
 * when the export is spread (d->spread, d->types set). 0, or an error
 * on the context (-1: out of memory). */
int l2e__draft_join(l2e__draft *d, l2e_ctx *ctx);
int l2e__draft_spread_join(l2e__draft *d, l2e_ctx *ctx);
int l2e__draft_types_join(l2e__draft *d, l2e_ctx *ctx);
/* After the walk, before the sections are chosen: names and sections of
 * the joined places. -1: out of memory. */
int l2e__draft_join_groups(l2e__draft *d);
void l2e__draft_spread_names(l2e__draft *d);
void l2e__draft_types_names(l2e__draft *d);
/* The words of the kind of file a list comes from, but the person's
 * ("programme offering associations"), or NULL. */
const char *l2e__draft_spread_words(l2e__draft *d, const l2e__dgroup *g);
/* After the picks: what the joined records need more; the paths in the
 * mapping's own syntax. -1: out of memory. */
int l2e__draft_join_finish(l2e__draft *d);
int l2e__draft_spread_paths(l2e__draft *d);
/* The draft's extra members (`lookups`, `records_where`, `record_types`,
 * `where`, `ongoing`, `language`) into the cJSON tree `root`. -1: out
 * of memory. */
int l2e__draft_join_emit(void *root, const l2e__draft *d);
int l2e__draft_spread_emit(void *root, const l2e__draft *d);
int l2e__draft_types_emit(void *root, const l2e__draft *d);
void l2e__draft_join_dispose(l2e__draft *d);
void l2e__draft_spread_dispose(l2e__draft *d);
void l2e__draft_types_dispose(l2e__draft *d);

#endif
