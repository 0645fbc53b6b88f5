/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * v3_tree.h - the Europass v3.4 document tree, once, as data.
 *
 * One table describes the SkillsPassport document in both of its
 * syntaxes: each row is an element (XML) and a property (JSON) with its
 * parent row, its kind, its cardinality in the official schema, where
 * its content comes from (a profile field, a constant, or a view of
 * v3_view.h) and which built-in check the validator runs on it. Three
 * users read the same table:
 *
 *   write/write_europass_xml.c   the XML syntax of l2e__ev3_walk()
 *   write/write_europass_json.c  the JSON syntax of l2e__ev3_walk()
 *   validate/checks*.c           the skeleton, code, date and level
 *                                checks of both syntaxes
 *
 * Adding an element is one row here (plus its profile field): both
 * writers write it and the checks know it. Rows come in document order
 * (a row's children follow it, in the schema's order); a row nobody
 * fills (PrintingPreferences, Bundle, ...) is the schema's, known to the
 * checks and never written.
 *
 * Where XML and JSON differ, the row says both: a list is a wrapper
 * element in XML (WorkExperienceList) and an array in JSON named after
 * its items ("WorkExperience"); dates are attributes in XML and numbers
 * in JSON; the root's attributes are XML only, but for the locale,
 * which JSON has as "Locale".
 */
#ifndef L2E_EUROPASS_V3_TREE_H
#define L2E_EUROPASS_V3_TREE_H

#include <stddef.h>

#include "europass/v3_view.h"

typedef enum l2e__ev3_kind {
	L2E__EV3_OBJECT, /* element / object */
	L2E__EV3_LIST,   /* wrapper element / array (named by `json`) */
	L2E__EV3_ITEM,   /* an element in a LIST / an object in its array */
	L2E__EV3_TEXT,   /* text-only element / string */
	L2E__EV3_DATE,   /* DateType: year, month, day attributes / numbers */
	L2E__EV3_BOOL,   /* "true" / true */
	L2E__EV3_ATTR    /* attribute of the parent / string */
} l2e__ev3_kind;

/* Values worked out by v3_view.c (a row's `view`). */
typedef enum l2e__ev3_view_id {
	L2E__EV3_V_NONE = 0,
	L2E__EV3_V_WORK_DESCRIPTION,  /* l2e__ev3_work_description() */
	L2E__EV3_V_SURNAME,           /* l2e__ev3_surname() */
	L2E__EV3_V_COUNTRY_CODE,      /* l2e__ev3_country(field, field2) */
	L2E__EV3_V_COUNTRY_LABEL,     /* ... its Label */
	L2E__EV3_V_NATIONALITY_CODE,  /* l2e__ev3_nationality(field) */
	L2E__EV3_V_NATIONALITY_LABEL, /* ... its Label */
	L2E__EV3_V_GENDER,            /* l2e__ev3_gender(field) */
	L2E__EV3_V_LANGUAGE_CODE,     /* l2e__ev3_language() of the item */
	L2E__EV3_V_LANGUAGE_LABEL,    /* ... its Label */
	L2E__EV3_V_PERIOD_TO, /* date `field` unless bool `field2` (Current) */
	L2E__EV3_V_MOTHER,    /* ITEM filter: a mother tongue */
	L2E__EV3_V_FOREIGN,   /* ITEM filter: a foreign language */
	L2E__EV3_V_COMPUTER,  /* presence: the profile has digital skills */
	L2E__EV3_V_COMPUTER_DESCRIPTION, /* their labels, joined */
	L2E__EV3_V_ICT_LEVEL,      /* highest level of area `field` (0..4) */
	L2E__EV3_V_OTHER,          /* l2e__ev3_other_text() */
	L2E__EV3_V_CERTIFICATIONS, /* l2e__ev3_certifications_text() */
	L2E__EV3_V_LOCALE,         /* l2e__ev3_locale() */
	L2E__EV3_V_CREATED,        /* l2e__ev3_created() */
	L2E__EV3_V_GENERATOR       /* the writer's name and version */
} l2e__ev3_view_id;

/* The built-in check the validator runs on a row (see checks.c). */
typedef enum l2e__ev3_check {
	L2E__EV3_CHECK_NONE = 0,
	L2E__EV3_CHECK_DATE,     /* a DateType that exists */
	L2E__EV3_CHECK_PERIOD,   /* From and To exist, From <= To */
	L2E__EV3_CHECK_DATETIME, /* xsd:dateTime whose day exists (XML) */
	L2E__EV3_CHECK_COUNTRY,  /* a code in Europass's country list */
	L2E__EV3_CHECK_EQF,      /* 1..8 */
	L2E__EV3_CHECK_MOTHER,   /* a code in the mother tongue list */
	L2E__EV3_CHECK_FOREIGN,  /* a code in the foreign language list */
	L2E__EV3_CHECK_CEFR      /* A1..C2 */
} l2e__ev3_check;

#define L2E__EV3_UNBOUNDED 0u

typedef struct l2e__ev3_row {
	int parent;       /* row of the parent; -1 for the root */
	const char *xml;  /* element or attribute name; NULL: not in XML */
	const char *json; /* property name (LIST: the array's); NULL: none */
	l2e__ev3_kind kind;
	unsigned char min, max; /* cardinality; max L2E__EV3_UNBOUNDED */
	/*
	 * Whether and with what it is written. A value (TEXT, DATE, BOOL,
	 * ATTR) is `constant`, else `view` (of `field`, `field2`), else
	 * field `field` of the current item; written when it has one. A
	 * container (OBJECT, LIST) with `section` reads that section's item
	 * (none: not written); it is written `always`, or when field `field`
	 * is set, or when view `view` says so, or else when something in it
	 * is written (a constant or an `always` child does not count). An
	 * ITEM with `section` is written once per item of that section that
	 * view `view` lets through; without, once for the current item.
	 */
	const char *constant;
	l2e__ev3_view_id view;
	int field;   /* a profile field + 1; 0: none */
	int field2;  /* a profile field + 1; 0: none */
	int section; /* a profile section + 1; 0: none */
	unsigned char always;
	/*
	 * The validator's check, and how many ancestors (`check_up`) must
	 * have this row's ancestors' names for it to apply to an element
	 * or property of this name (0: the name alone).
	 */
	l2e__ev3_check check;
	unsigned char check_up;
	/* the schema lists all children here: others are errors */
	unsigned char is_closed;
} l2e__ev3_row;

/** The table; row 0 is the root, SkillsPassport. */
extern const l2e__ev3_row l2e__ev3_tree[];
extern const size_t l2e__ev3_tree_n;

/**
 * The child of row `row` after its child `after` (after == row: the
 * first), or 0 when there is no more (row 0 is nobody's child).
 * Constant time; safe from any thread.
 */
size_t l2e__ev3_next_child(size_t row, size_t after);

/** Every row's first child and next sibling (0: none), for a walk that
 * asks for all of them, and the length of its XML name (0: none), for a
 * writer that spells them all. Built once; safe from any thread. */
typedef struct l2e__ev3_links {
	const size_t *first;
	const size_t *next;
	const size_t *xml_len;
} l2e__ev3_links;

const l2e__ev3_links *l2e__ev3_links_get(void);

/** The XML namespace of every element. */
#define L2E__EV3_NS "http://europass.cedefop.europa.eu/Europass"

/* ==== Walking the tree for a writer ==== */

/** One document's content, worked out once for both syntaxes. */
typedef struct l2e__ev3_doc {
	const l2e__profile *profile;
	const l2e__ev3_links *links; /* the tree's, for walking it */
	const char *generator;
	const char *locale;
	const char *created;
	char now[32];
	const char *surname;
	l2e_buf surname_buf;
	l2e__ev3_computer computer;
	l2e_buf other;
	l2e_buf certifications;
} l2e__ev3_doc;

/**
 * Work out what `p` says. 0, or a negative l2e_code when memory ran
 * out; dispose `d` with l2e__ev3_doc_dispose() either way.
 */
int l2e__ev3_doc_open(l2e__ev3_doc *d, const l2e__profile *p,
                      const char *generator, long long document_time);
void l2e__ev3_doc_dispose(l2e__ev3_doc *d);

/**
 * A syntax: what a writer does for each row the walk writes. `open` and
 * `close` come for OBJECT, LIST and ITEM rows (an ITEM once per item);
 * `text` for TEXT and ATTR rows (attributes come first, right after
 * their parent's `open`).
 */
typedef struct l2e__ev3_syntax {
	void (*open)(void *w, const l2e__ev3_row *r);
	void (*close)(void *w, const l2e__ev3_row *r);
	void (*text)(void *w, const l2e__ev3_row *r, const char *text);
	void (*date)(void *w, const l2e__ev3_row *r, const l2e__date *date);
	void (*boolean)(void *w, const l2e__ev3_row *r);
} l2e__ev3_syntax;

/** Write the document `d` through syntax `s` (payload `w`). */
void l2e__ev3_walk(const l2e__ev3_doc *d, const l2e__ev3_syntax *s, void *w);

#endif
