/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * profile.h - the learner profile: what a dossier says, in no format.
 *
 * Mappings fill it; writers read it. Every Europass format is written from
 * this one model, so one mapping file produces every format and the
 * formats cannot disagree.
 *
 * The model is a fixed table of sections (person, education, work, ...)
 * and typed fields. The mapping loader checks targets against the table;
 * the setters in profile.c check and normalise values by type (CEFR
 * spellings, EQF range, country and language codes) and pass all text
 * through the privacy guard, so nothing reaches a writer unchecked.
 */
#ifndef L2E_MODEL_PROFILE_H
#define L2E_MODEL_PROFILE_H

#include <stddef.h>

#include "core/pool.h"

typedef enum l2e__ftype {
	L2E__FT_TEXT = 0,
	L2E__FT_DATE,
	L2E__FT_BOOL,
	L2E__FT_CEFR,      /* A1..C2 */
	L2E__FT_EQF,       /* 1..8 */
	L2E__FT_COUNTRY,   /* ISO 3166-1 alpha-2, upper case */
	L2E__FT_LANGUAGE,  /* ISO 639-1, or 639-3 without one; lower case */
	L2E__FT_ICT_AREA,  /* information, communication, ... */
	L2E__FT_ICT_LEVEL, /* A, B, C */
	L2E__FT_DATETIME,  /* xsd:dateTime, for document metadata */
	L2E__FT_EMAIL,     /* local@domain.tld, as Europass requires */
	L2E__FT_COUNT,     /* a whole number 1..100000 (hours, weeks) */
	L2E__FT_NLQF       /* Dutch framework level: entree, 1..8, 4+ */
} l2e__ftype;

/* personal data that a mapping must opt in to (codelists.md §7) */
#define L2E__F_OPT_IN 1u
/* written only in credentials (--to edc): the v3 and CV documents, and
 * the identifiers the CV derives from the profile, do not see it */
#define L2E__F_EDC 2u

typedef struct l2e__field_spec {
	const char *name;
	l2e__ftype type;
	unsigned flags;
} l2e__field_spec;

typedef struct l2e__section_spec {
	const char *name;
	int is_list;
	const l2e__field_spec *fields;
	size_t n_fields;
} l2e__section_spec;

typedef enum l2e__section {
	L2E__SEC_DOCUMENT = 0,
	L2E__SEC_PERSON,
	L2E__SEC_HEADLINE,
	L2E__SEC_EDUCATION,
	L2E__SEC_WORK,
	L2E__SEC_LANGUAGE,
	L2E__SEC_DIGITAL,
	L2E__SEC_CERTIFICATE,
	L2E__SEC_CAREER,
	L2E__SEC_COUNT
} l2e__section;

enum { DOC_CREATED, DOC_LOCALE, DOC__N };
enum {
	PERSON_FIRST_NAME,
	PERSON_SURNAME_PREFIX,
	PERSON_SURNAME,
	PERSON_EMAIL,
	PERSON_PHONE,
	PERSON_BIRTH_DATE,
	PERSON_GENDER,
	PERSON_NATIONALITY,
	PERSON_ADDRESS_LINE,
	PERSON_POSTAL_CODE,
	PERSON_CITY,
	PERSON_COUNTRY,
	PERSON_COUNTRY_LABEL,
	PERSON_STUDENT_NUMBER, /* the learner's id in an EDC */
	PERSON__N
};
enum { HEADLINE_TEXT, HEADLINE__N };
enum {
	EDU_TITLE,
	EDU_QUALIFICATION_CODE,
	EDU_ORGANISATION,
	EDU_CITY,
	EDU_COUNTRY,
	EDU_COUNTRY_LABEL,
	EDU_FROM,
	EDU_TO,
	EDU_ONGOING,
	EDU_EQF_LEVEL,
	EDU_FIELD,
	EDU_ACTIVITIES,
	EDU_AWARDED, /* awarding date: an EDC of the qualification */
	EDU_NLQF_LEVEL,
	EDU_BRIN,     /* the school's registration (issuer of an EDC) */
	EDU_OUTCOMES, /* learning outcomes, one per line */
	EDU__N
};
enum {
	WORK_POSITION,
	WORK_EMPLOYER,
	WORK_CITY,
	WORK_COUNTRY,
	WORK_COUNTRY_LABEL,
	WORK_FROM,
	WORK_TO,
	WORK_ONGOING,
	WORK_ACTIVITIES,
	WORK_DESCRIPTION,
	WORK_ABROAD,
	WORK_PROGRAMME,
	WORK_HOURS, /* workload in hours */
	WORK_WEEKS,
	WORK_HOST_ID,    /* host organisation's registration, e.g. SBB */
	WORK_OUTCOMES,   /* learning outcomes, one per line */
	WORK_CREDENTIAL, /* an EDC of this work item (default: if abroad) */
	WORK__N
};
enum {
	LANG_CODE,
	LANG_LABEL,
	LANG_MOTHER_TONGUE,
	LANG_LISTENING,
	LANG_READING,
	LANG_SPOKEN_INTERACTION,
	LANG_SPOKEN_PRODUCTION,
	LANG_WRITING,
	LANG_CERTIFICATE,
	LANG_CERTIFICATE_DATE,
	LANG__N
};
enum { DIG_LABEL, DIG_AREA, DIG_LEVEL, DIG__N };
enum {
	CERT_TITLE,
	CERT_CODE,
	CERT_AWARDING_BODY,
	CERT_DATE,
	CERT_URL,
	CERT__N
};
enum { CAREER_TITLE, CAREER_TEXT, CAREER__N };

/** The table of sections, indexed by l2e__section. */
extern const l2e__section_spec l2e__sections[L2E__SEC_COUNT];

/** Look a section or field up by name; -1 when unknown. */
int l2e__section_find(const char *name);
int l2e__field_find(int section, const char *name);

typedef struct l2e__date {
	int year;
	int month; /* 0: precision is a year */
	int day;   /* 0: precision is a month (or year) */
} l2e__date;

typedef struct l2e__value {
	int is_set;
	const char *text; /* normalised text (all types) */
	l2e__date date;   /* FT_DATE */
	int boolean;      /* FT_BOOL */
} l2e__value;

typedef struct l2e__item l2e__item;
struct l2e__item {
	l2e__item *next;
	l2e__value values[]; /* n_fields of the section */
};

typedef struct l2e__profile {
	l2e__pool *pool;
	l2e__item *first[L2E__SEC_COUNT];
	l2e__item *last[L2E__SEC_COUNT];
	size_t n_items[L2E__SEC_COUNT];
	size_t max_items; /* per section; 0: L2E_DEFAULT_MAX_ITEMS (the
	                     mapping engine enforces it, map_eval.c) */
} l2e__profile;

/** A new empty item for `section` (not yet in the profile). */
l2e__item *l2e__item_new(l2e__profile *p, int section);
/** Add a filled item to the profile (empty items are dropped). */
void l2e__profile_add(l2e__profile *p, int section, l2e__item *item);
/** The single item of a non-list section, or NULL. */
const l2e__item *l2e__profile_single(const l2e__profile *p, int section);

/**
 * Set field `field` of `item` from source text, normalising by type.
 * Returns 0 when set, L2E_ENOMEM, or a positive L2E__SET_* reason when
 * the value was refused; `*note` (may be NULL) then says why, as static
 * text. Text fields are cleaned (control characters, invalid UTF-8) and
 * national identifiers redacted: *redacted counts them.
 */
int l2e__profile_set(l2e__profile *p, l2e__item *item, int section, int field,
                     const char *text, size_t *redacted, const char **note);
/** The same with strlen(text) known (a mapping has it for every value). */
int l2e__profile_set_len(l2e__profile *p, l2e__item *item, int section,
                         int field, const char *text, size_t len,
                         size_t *redacted, const char **note);
/** Set a date field from a parsed date. */
void l2e__profile_set_date(l2e__item *item, int field, l2e__date date);

#define L2E__SET_REFUSED  1 /* value does not fit the type */
#define L2E__SET_ADJUSTED 2 /* set, but changed: *note says how */

/** Normalise a CEFR spelling; "" when it is not a CEFR level. */
const char *l2e__cefr_normalise(const char *in, char out[3], int *adjusted);

#endif
