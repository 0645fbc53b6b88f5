/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * mapping.h - a loaded mapping: the compiled form of a mapping file.
 *
 * The compiler (map_load.c and the files compile.h lists) builds it from
 * the file (checking everything it can, with file:line:col), map_eval.c
 * runs it over one record. All of it lives in the mapping's pool, the
 * reader's options in source.opts too.
 */
#ifndef L2E_MAP_MAPPING_H
#define L2E_MAP_MAPPING_H

#include <stdint.h>

#include "lob2europass/mapping.h"
#include "map/path.h"
#include "map/valuemap.h"
#include "model/profile.h"
#include "read/reader.h"

typedef struct l2e__cond l2e__cond;
typedef struct l2e__rule l2e__rule;

typedef enum l2e__cond_kind {
	L2E__COND_EQUALS,
	L2E__COND_IN,
	L2E__COND_NOT_IN,
	L2E__COND_EXISTS,
	L2E__COND_ALL,
	L2E__COND_ANY,
	L2E__COND_NOT,
	L2E__COND_CONTAINS,
	L2E__COND_STARTS_WITH,
	L2E__COND_ENDS_WITH,
	L2E__COND_MATCHES
} l2e__cond_kind;

/* A regular expression compiled at load (regex_t, freed with the
 * mapping); opaque here so that this header needs no <regex.h>. */
typedef struct l2e__regex l2e__regex;

struct l2e__cond {
	l2e__cond_kind kind;
	l2e__path path;
	const char **values; /* EQUALS (1), IN, NOT_IN */
	size_t n_values;
	int exists;           /* EXISTS: expected */
	l2e__cond **children; /* ALL, ANY, NOT (1) */
	size_t n_children;
	const l2e__regex *regex; /* MATCHES */
};

typedef enum l2e__source_kind {
	L2E__SRC_PATH,
	L2E__SRC_VALUE,
	L2E__SRC_FIRST,
	L2E__SRC_TEMPLATE
} l2e__source_kind;

/* What to do with a value a map or code list does not know. */
typedef enum l2e__unmapped {
	L2E__UNMAPPED_WARN = 0,
	L2E__UNMAPPED_IGNORE,
	L2E__UNMAPPED_KEEP
} l2e__unmapped;

#define L2E__TF_UPPER   1u
#define L2E__TF_LOWER   2u
#define L2E__TF_TITLE   4u /* "ASSEN" -> "Assen", "'S-HERTOGENBOSCH" ... */
#define L2E__TF_DECIMAL 8u /* "1.234,5" -> "1234.5" */

typedef struct l2e__replace {
	const char *from;
	const char *to;
} l2e__replace;

typedef struct l2e__template_part {
	const char *literal;  /* text, or NULL for a variable */
	const l2e__rule *var; /* the variable's rule */
} l2e__template_part;

struct l2e__rule {
	const char *target; /* "section.field", for messages */
	int section;        /* of the field; -1 for a template variable */
	int field;          /* index in the section; -1 for a sub-rule */
	unsigned line;      /* of the rule in the mapping file */
	unsigned column;
	l2e__source_kind source;
	l2e__path path;
	const char *value;
	l2e__rule **alternatives;
	size_t n_alternatives;
	l2e__template_part *parts;
	size_t n_parts;
	l2e__cond *when;
	const l2e__valuemap **maps; /* inline map, or code lists in a chain */
	size_t n_maps;
	l2e__unmapped unmapped;
	unsigned transforms;
	unsigned pad; /* zero-pad digit strings to this width */
	l2e__replace *replaces;
	size_t n_replaces;
	const char **date_formats; /* NULL-terminated */
	const char *default_value;
	int is_required;
	/* taking part of a value (map_values.c), in this order */
	const char **languages; /* a language-typed value: first tag found */
	size_t n_languages;
	const char *split; /* cut at this, take a part */
	l2e__path pick_by; /* with split: the parallel value */
	const char **pick_values;
	size_t n_pick_values;
	const char *after_last;
	const l2e__regex *regex;
	int group; /* of regex; -1: 1 when the pattern has one, else 0 */
	const struct l2e__zone *zone; /* NULL: Europe/Amsterdam */
};

/* One section of the profile and where its items come from. */
typedef struct l2e__block {
	int section;
	int has_each;
	l2e__path each;
	const char *split; /* each: split text values at this */
	int has_group_by;
	l2e__path group_by; /* one item per distinct value */
	l2e__cond *where;
	int shared; /* rows from $root that belong to no student */
	l2e__rule **rules;
	size_t n_rules;
} l2e__block;

/*
 * How an API hands out an export in pages (source.paging): either a page
 * number in the query, with a flag in each page saying whether another
 * follows, or a link in each page to the next one.
 */
typedef struct l2e__paging {
	int is_set;
	const char *page_parameter; /* query parameter of the page number */
	long first_page;
	const char *page_size_parameter; /* optional */
	long page_size;
	int has_has_next;
	l2e__path has_next; /* true: another page follows */
	int has_next_link;
	l2e__path next_link; /* the next page's URL; absent/null: the end */
	long max_pages;
} l2e__paging;

#define L2E__DEFAULT_MAX_PAGES 100000L

/*
 * A look-up table ("lookups"): entries found by id, from other files of
 * the export (a glob beside the input), from a table at the top of the
 * document (a CSV bundle's), or from the same API (a URL template
 * relative to the input URL, fetched once per id). Built and fetched in
 * convert/lookup.c; paths reach it with $lookup(name, path).
 */
typedef enum l2e__lookup_kind {
	L2E__LOOKUP_FILES,
	L2E__LOOKUP_TABLE,
	L2E__LOOKUP_URL
} l2e__lookup_kind;

typedef struct l2e__lookup {
	const char *name;
	l2e__lookup_kind kind;
	const char *source; /* the glob or the table's name; URL: NULL */
	const char *url;    /* the template; with "files": for URL inputs */
	int has_entries;
	l2e__path entries; /* FILES: the entries in each file (default .) */
	int has_key;
	l2e__path key;     /* FILES, TABLE: an entry's id */
	long max_entries;  /* FILES, TABLE */
	long max_requests; /* URL, per run */
} l2e__lookup;

#define L2E__DEFAULT_MAX_LOOKUP_ENTRIES  100000L
#define L2E__DEFAULT_MAX_LOOKUP_REQUESTS 10000L

struct l2e_mapping {
	l2e__pool pool;
	const char *file;
	const char *name;
	const char *description;
	l2e__source source; /* how to read the export */
	l2e__paging paging; /* an export fetched from an API */
	l2e__path *records; /* alternatives; the first that exists */
	size_t n_records;
	l2e__path key;   /* the first of keys */
	l2e__path *keys; /* a fallback key: the first with a value */
	size_t n_keys;
	int merge;                /* records with one key are one dossier */
	l2e__cond *records_where; /* false: the record is dropped quietly */
	l2e__cond *include;
	const char *skip_message;
	unsigned opt_in[L2E__SEC_COUNT]; /* bit per field */
	l2e__block *blocks;
	size_t n_blocks;
	l2e__valuemap **codelists;
	size_t n_codelists;
	uint64_t fingerprint;          /* of the mapping and code list files */
	l2e__regex *regexes;           /* every one compiled, to free */
	const struct l2e__zone *zones; /* every zone read, a list */
	const struct l2e__zone *default_zone; /* NULL: no zone data */
	l2e__lookup *lookups;                 /* "lookups" */
	size_t n_lookups;
};

#endif
