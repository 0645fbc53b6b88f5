/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * v3_walk.c - a v3.4 document's content, walked along the tree of
 * v3_tree.c for a writer's syntax (see v3_tree.h).
 *
 * The walk decides what is written and with which value; the syntax
 * only spells it. Every decision reads the row: nothing here knows an
 * element name.
 */
#include "europass/v3_tree.h"

#include <string.h>

#define ROW(i) (&l2e__ev3_tree[i])

int l2e__ev3_doc_open(l2e__ev3_doc *d, const l2e__profile *p,
                      const char *generator, long long document_time)
{
	const l2e__item *person = l2e__profile_single(p, L2E__SEC_PERSON);
	int error = 0;

	memset(d, 0, sizeof(*d));
	d->profile = p;
	d->links = l2e__ev3_links_get();
	d->generator = generator;
	d->locale = l2e__ev3_locale(p);
	d->created = l2e__ev3_created(d->now, p, document_time);
	if (person)
		error = l2e__ev3_surname(&d->surname, &d->surname_buf, person);
	if (!error)
		error = l2e__ev3_computer_fill(&d->computer, p);
	if (!error)
		error = l2e__ev3_other_text(&d->other, p);
	if (!error)
		error = l2e__ev3_certifications_text(&d->certifications, p);
	return error;
}

void l2e__ev3_doc_dispose(l2e__ev3_doc *d)
{
	l2e_buf_dispose(&d->surname_buf);
	l2e__ev3_computer_dispose(&d->computer);
	l2e_buf_dispose(&d->other);
	l2e_buf_dispose(&d->certifications);
}

/* ==== Values ==== */

static const char *field_text(const l2e__item *it, int field)
{
	return field ? l2e__item_text(it, field - 1) : NULL;
}

static int is_mother(const l2e__item *it)
{
	return l2e__item_bool(it, LANG_MOTHER_TONGUE);
}

/* The text of a TEXT or ATTR row, or NULL: not written. */
static const char *text_of(const l2e__ev3_doc *d, const l2e__ev3_row *r,
                           const l2e__item *it)
{
	l2e__ev3_coded c;
	const char *s;

	if (r->constant)
		return r->constant;
	switch (r->view) {
	case L2E__EV3_V_NONE: return field_text(it, r->field);
	case L2E__EV3_V_WORK_DESCRIPTION: return l2e__ev3_work_description(it);
	case L2E__EV3_V_SURNAME: return d->surname;
	case L2E__EV3_V_COUNTRY_CODE:
	case L2E__EV3_V_COUNTRY_LABEL:
		if (!l2e__ev3_country(&c, field_text(it, r->field),
		                      field_text(it, r->field2)))
			return NULL;
		return r->view == L2E__EV3_V_COUNTRY_CODE ? c.code : c.label;
	case L2E__EV3_V_NATIONALITY_CODE:
	case L2E__EV3_V_NATIONALITY_LABEL:
		if (!(s = field_text(it, r->field)))
			return NULL;
		l2e__ev3_nationality(&c, s);
		return r->view == L2E__EV3_V_NATIONALITY_CODE ? c.code
		                                              : c.label;
	case L2E__EV3_V_GENDER:
		return l2e__ev3_gender(field_text(it, r->field));
	case L2E__EV3_V_LANGUAGE_CODE:
	case L2E__EV3_V_LANGUAGE_LABEL:
		l2e__ev3_language(&c, it, is_mother(it));
		return r->view == L2E__EV3_V_LANGUAGE_CODE ? c.code : c.label;
	case L2E__EV3_V_COMPUTER_DESCRIPTION:
		return d->computer.description.ptr;
	case L2E__EV3_V_ICT_LEVEL:
		return r->field && d->computer.level[r->field - 1][0]
		           ? d->computer.level[r->field - 1]
		           : NULL;
	case L2E__EV3_V_OTHER: return d->other.ptr;
	case L2E__EV3_V_CERTIFICATIONS: return d->certifications.ptr;
	case L2E__EV3_V_LOCALE: return d->locale;
	case L2E__EV3_V_CREATED: return d->created;
	case L2E__EV3_V_GENERATOR: return d->generator;
	default: return NULL;
	}
}

/* The date of a DATE row, or NULL. */
static const l2e__value *date_of(const l2e__ev3_row *r, const l2e__item *it)
{
	const l2e__value *v;

	if (!it || !r->field)
		return NULL;
	v = &it->values[r->field - 1];
	if (r->view == L2E__EV3_V_PERIOD_TO && r->field2 &&
	    l2e__item_bool(it, r->field2 - 1))
		return NULL; /* Current instead */
	return v->is_set ? v : NULL;
}

static int bool_of(const l2e__ev3_row *r, const l2e__item *it)
{
	return r->always || (r->field && l2e__item_bool(it, r->field - 1));
}

/* Does an ITEM row's filter let `it` through? */
static int lets_through(const l2e__ev3_row *r, const l2e__item *it)
{
	if (r->view == L2E__EV3_V_MOTHER)
		return is_mother(it);
	if (r->view == L2E__EV3_V_FOREIGN)
		return !is_mother(it);
	return 1;
}

/* ==== Presence ==== */

static int is_written(const l2e__ev3_doc *d, size_t i, const l2e__item *it);

/* The item a container reads: its section's, or its parent's. */
static const l2e__item *item_of(const l2e__ev3_doc *d, const l2e__ev3_row *r,
                                const l2e__item *it)
{
	if (r->kind != L2E__EV3_ITEM && r->section)
		return l2e__profile_single(d->profile, r->section - 1);
	return it;
}

/* Does row i put something of the profile in the document? Constants
 * and `always` containers do not: they only come with their parent. */
static int has_content(const l2e__ev3_doc *d, size_t i, const l2e__item *it)
{
	const l2e__ev3_row *r = ROW(i);
	const l2e__item *k;
	size_t c;

	switch (r->kind) {
	case L2E__EV3_TEXT:
	case L2E__EV3_ATTR: return !r->constant && text_of(d, r, it) != NULL;
	case L2E__EV3_DATE: return date_of(r, it) != NULL;
	case L2E__EV3_BOOL: return !r->always && bool_of(r, it);
	case L2E__EV3_ITEM:
		if (r->section) {
			for (k = d->profile->first[r->section - 1]; k;
			     k = k->next)
				if (lets_through(r, k))
					return 1;
			return 0;
		}
		for (c = d->links->first[i]; c; c = d->links->next[c])
			if (has_content(d, c, it))
				return 1;
		return 0;
	default: return !r->always && is_written(d, i, it);
	}
}

/* Is container row i (OBJECT or LIST) written, under item `it`? */
static int is_written(const l2e__ev3_doc *d, size_t i, const l2e__item *it)
{
	const l2e__ev3_row *r = ROW(i);
	size_t c;

	if (r->section && !(it = item_of(d, r, it)))
		return 0;
	if (r->always)
		return 1;
	if (r->field)
		return field_text(it, r->field) != NULL;
	if (r->view == L2E__EV3_V_COMPUTER)
		return d->computer.is_present;
	for (c = d->links->first[i]; c; c = d->links->next[c])
		if (has_content(d, c, it))
			return 1;
	return 0;
}

/* ==== Walk ==== */

static void walk(const l2e__ev3_doc *d, const l2e__ev3_syntax *s, void *w,
                 size_t i, const l2e__item *it)
{
	const l2e__ev3_row *r;
	const l2e__value *v;
	const l2e__item *k;
	const char *t;
	size_t c;

	s->open(w, ROW(i));
	for (c = d->links->first[i]; c; c = d->links->next[c]) {
		r = ROW(c);
		switch (r->kind) {
		case L2E__EV3_TEXT:
		case L2E__EV3_ATTR:
			if ((t = text_of(d, r, it)))
				s->text(w, r, t);
			break;
		case L2E__EV3_DATE:
			if ((v = date_of(r, it)))
				s->date(w, r, &v->date);
			break;
		case L2E__EV3_BOOL:
			if (bool_of(r, it))
				s->boolean(w, r);
			break;
		case L2E__EV3_ITEM:
			if (!r->section) {
				walk(d, s, w, c, it);
				break;
			}
			for (k = d->profile->first[r->section - 1]; k;
			     k = k->next)
				if (lets_through(r, k))
					walk(d, s, w, c, k);
			break;
		default:
			if (is_written(d, c, it))
				walk(d, s, w, c, item_of(d, r, it));
			break;
		}
	}
	s->close(w, ROW(i));
}

void l2e__ev3_walk(const l2e__ev3_doc *d, const l2e__ev3_syntax *s, void *w)
{
	walk(d, s, w, 0, NULL);
}
