/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * v3_view.h - a Europass v3.4 document's content, in no syntax.
 *
 * Europass v3.4 comes as XML (write_europass_xml.c) and as JSON
 * (write_europass_json.c). Both say the same things about a learner, so
 * every decision about content is made here, once: which code may go in
 * a Code and which becomes a Label, how the name prefix joins the
 * surname, Current instead of To, how texts are joined, the highest
 * digital level per area. The tree (v3_tree.h) says where each value
 * goes; the writers only spell it: element or property, list wrapper or
 * array, how a date or a boolean looks. The Europass CV writer uses
 * some of these decisions too.
 *
 * Functions returning int return 0, or a negative l2e_code (L2E_ENOMEM,
 * L2E_ELIMIT) when a buffer could not grow; strings they hand out are
 * borrowed from the profile or from a buffer the caller passed.
 */
#ifndef L2E_EUROPASS_V3_VIEW_H
#define L2E_EUROPASS_V3_VIEW_H

#include "core/buf.h"
#include "europass/europass.h"

/* Fixed values every v3.4 document carries. */
#define L2E__EV3_DOCUMENT_TYPE "ECV"
#define L2E__EV3_XSD_VERSION   "V3.4"
#define L2E__EV3_HEADLINE_TYPE "personal_statement"
#define L2E__EV3_ACHIEVEMENT   "certifications"

/** A Code/Label pair; either may be NULL (not written). */
typedef struct l2e__ev3_coded {
	const char *code;
	const char *label;
} l2e__ev3_coded;

/**
 * A country: Code when Europass lists it (in its spelling, EL and UK),
 * the label given, or the ISO code as Label when it is not listed.
 * @return 1 when there is something to write, 0 when not
 */
int l2e__ev3_country(l2e__ev3_coded *out, const char *iso, const char *label);

/** A nationality: Code when listed, otherwise the ISO code as Label. */
void l2e__ev3_nationality(l2e__ev3_coded *out, const char *iso);

/** A language's Description: as l2e__ev3_country(), per list. */
void l2e__ev3_language(l2e__ev3_coded *out, const l2e__item *lang,
                       int is_mother_tongue);

/** "M" or "F", the only genders Europass knows; NULL otherwise. */
const char *l2e__ev3_gender(const char *gender);

/** A Period: `to` is NULL when the item is ongoing (Current). */
typedef struct l2e__ev3_period {
	const l2e__value *from; /* NULL when unset */
	const l2e__value *to;   /* NULL when unset or current */
	int is_current;
} l2e__ev3_period;

/** @return 1 when the item has a Period to write, 0 when not */
int l2e__ev3_period_fill(l2e__ev3_period *out, const l2e__item *it, int from,
                         int to, int ongoing);

/**
 * The Surname as it is written: "van der" + "Testra" gives
 * "van der Testra". *out is NULL without a surname; it may point into
 * `scratch`, which the caller disposes.
 */
int l2e__ev3_surname(const char **out, l2e_buf *scratch,
                     const l2e__item *person);

/** A work experience's Description: its own, or its programme. */
const char *l2e__ev3_work_description(const l2e__item *work);

/* ==== Skills ==== */

#define L2E__EV3_N_ICT 5
/** The Computer section. */
typedef struct l2e__ev3_computer {
	int is_present;      /* the profile has digital skills */
	l2e_buf description; /* their labels, ", "-joined; ptr NULL: none */
	char level[L2E__EV3_N_ICT][2]; /* highest level per area; "": none */
	int has_grid;                  /* at least one level */
} l2e__ev3_computer;

/**
 * Fill *out from the profile (whatever it held is overwritten). Dispose
 * it with l2e__ev3_computer_dispose(), on failure too.
 */
int l2e__ev3_computer_fill(l2e__ev3_computer *out, const l2e__profile *p);
void l2e__ev3_computer_dispose(l2e__ev3_computer *c);

/**
 * The career (LOB) texts, written under Other: "title: text" per
 * competence, separated by a blank line. out->ptr stays NULL without any.
 */
int l2e__ev3_other_text(l2e_buf *out, const l2e__profile *p);

/**
 * The "certifications" Achievement: one line per certificate (title,
 * code, awarding body, URL, date). out->ptr stays NULL without any.
 */
int l2e__ev3_certifications_text(l2e_buf *out, const l2e__profile *p);

/* ==== Document ==== */

/** The document's locale (LocaleType), "nl" when unset or invalid. */
const char *l2e__ev3_locale(const l2e__profile *p);

/** CreationDate: as the mapping gave it, or `document_time` in `now`. */
const char *l2e__ev3_created(char now[32], const l2e__profile *p,
                             long long document_time);

#endif
