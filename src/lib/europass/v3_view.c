/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * v3_view.c - the content decisions of Europass v3.4 (see
 * v3_view.h), shared by the XML and the JSON writer.
 *
 * Codes outside Europass's lists are written as a Label only, as the
 * schema leaves Code optional (codelists.md §4, §5).
 */
#include "europass/v3_view.h"

#include <string.h>

#include "core/buf.h"
#include "core/natid.h"
#include "europass/v3_codes.h"

int l2e__ev3_country(l2e__ev3_coded *out, const char *iso, const char *label)
{
	const char *code = iso ? l2e__europass_country(iso) : NULL;
	int is_listed = code && l2e__europass_v3_country(code);

	out->code = is_listed ? code : NULL;
	out->label = label ? label : (is_listed ? NULL : iso);
	return out->code || out->label;
}

void l2e__ev3_nationality(l2e__ev3_coded *out, const char *iso)
{
	const char *code = l2e__europass_country(iso);
	int is_listed = l2e__europass_v3_country(code);

	out->code = is_listed ? code : NULL;
	out->label = is_listed ? NULL : iso;
}

void l2e__ev3_language(l2e__ev3_coded *out, const l2e__item *lang,
                       int is_mother_tongue)
{
	const char *code = l2e__item_text(lang, LANG_CODE);
	const char *label = l2e__item_text(lang, LANG_LABEL);
	int is_listed =
	    code && l2e__europass_v3_language(code, is_mother_tongue);

	out->code = is_listed ? code : NULL;
	out->label = label ? label : (is_listed ? NULL : code);
}

const char *l2e__ev3_gender(const char *gender)
{
	/* Europass knows M and F only (Demographics.xsd) */
	if (gender && (!strcmp(gender, "M") || !strcmp(gender, "F")))
		return gender;
	return NULL;
}

int l2e__ev3_period_fill(l2e__ev3_period *out, const l2e__item *it, int from,
                         int to, int ongoing)
{
	out->is_current = l2e__item_bool(it, ongoing);
	out->from = it->values[from].is_set ? &it->values[from] : NULL;
	out->to =
	    !out->is_current && it->values[to].is_set ? &it->values[to] : NULL;
	return out->from || out->to || out->is_current;
}

int l2e__ev3_surname(const char **out, l2e_buf *scratch,
                     const l2e__item *person)
{
	const char *prefix = l2e__item_text(person, PERSON_SURNAME_PREFIX);
	const char *surname = l2e__item_text(person, PERSON_SURNAME);
	l2e_buf joined = L2E_BUF_INIT;
	size_t n_redacted = 0;
	int error;

	*out = surname;
	if (!surname || !prefix)
		return 0;
	/* "van der" + "Testra": the surname as it is written */
	error = l2e__buf_printf(&joined, "%s %s", prefix, surname);
	/* each part was checked alone; together they might spell a grouped
	 * BSN ("123" + "456 782"), so the whole is checked again */
	if (error == 0)
		error = l2e__natid_redact(scratch, joined.ptr, &n_redacted);
	l2e_buf_dispose(&joined);
	if (error < 0)
		return error;
	*out = scratch->ptr;
	return 0;
}

const char *l2e__ev3_work_description(const l2e__item *work)
{
	const char *description = l2e__item_text(work, WORK_DESCRIPTION);

	/* the programme (e.g. an exchange programme) stays visible */
	return description ? description : l2e__item_text(work, WORK_PROGRAMME);
}

/* ==== Skills ==== */

/* the profile's area names, in the order of the tree's ICT rows
 * (Information, Communication, ContentCreation, Safety, ProblemSolving) */
static const char *const ict_areas[L2E__EV3_N_ICT] = {
	"information", "communication",   "content_creation",
	"safety",      "problem_solving",
};

int l2e__ev3_computer_fill(l2e__ev3_computer *out, const l2e__profile *p)
{
	l2e_buf *labels = &out->description;
	const l2e__item *it;
	const char *area, *level, *label;
	int error;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->is_present = p->first[L2E__SEC_DIGITAL] != NULL;
	for (it = p->first[L2E__SEC_DIGITAL]; it; it = it->next) {
		label = l2e__item_text(it, DIG_LABEL);
		error = label ? l2e__buf_printf(labels, "%s%s",
		                                labels->len ? ", " : "", label)
		              : 0;
		if (error < 0)
			return error;
		area = l2e__item_text(it, DIG_AREA);
		level = l2e__item_text(it, DIG_LEVEL);
		if (!area || !level)
			continue;
		/* the grid has one level per area: the highest one shown */
		for (i = 0; i < L2E__EV3_N_ICT; i++)
			if (!strcmp(area, ict_areas[i]) &&
			    level[0] > out->level[i][0]) {
				out->level[i][0] = level[0];
				out->has_grid = 1;
			}
	}
	return 0;
}

void l2e__ev3_computer_dispose(l2e__ev3_computer *c)
{
	if (c)
		l2e_buf_dispose(&c->description);
}

int l2e__ev3_other_text(l2e_buf *out, const l2e__profile *p)
{
	const l2e__item *it;
	const char *title, *body;
	int error;

	for (it = p->first[L2E__SEC_CAREER]; it; it = it->next) {
		title = l2e__item_text(it, CAREER_TITLE);
		body = l2e__item_text(it, CAREER_TEXT);
		if (!body)
			continue;
		error = l2e__buf_printf(out, "%s%s%s%s", out->len ? "\n\n" : "",
		                        title ? title : "", title ? ": " : "",
		                        body);
		if (error < 0)
			return error;
	}
	return 0;
}

static int at_line_start(const l2e_buf *b)
{
	return !b->len || b->ptr[b->len - 1] == '\n';
}

int l2e__ev3_certifications_text(l2e_buf *out, const l2e__profile *p)
{
	const l2e__item *it;
	const l2e__value *d;
	const char *parts[4];
	size_t i, n;
	int error = 0;

	for (it = p->first[L2E__SEC_CERTIFICATE]; it && !error; it = it->next) {
		if (out->len)
			error = l2e__buf_puts(out, "\n");
		n = 0;
		parts[n++] = l2e__item_text(it, CERT_TITLE);
		parts[n++] = l2e__item_text(it, CERT_CODE);
		parts[n++] = l2e__item_text(it, CERT_AWARDING_BODY);
		parts[n++] = l2e__item_text(it, CERT_URL);
		for (i = 0; i < n && !error; i++) {
			if (!parts[i])
				continue;
			error = l2e__buf_printf(out, "%s%s",
			                        at_line_start(out) ? "" : ", ",
			                        parts[i]);
		}
		d = &it->values[CERT_DATE];
		if (!error && d->is_set)
			error =
			    d->date.day
			        ? l2e__buf_printf(out, ", %04d-%02d-%02d",
			                          d->date.year, d->date.month,
			                          d->date.day)
			    : d->date.month
			        ? l2e__buf_printf(out, ", %04d-%02d",
			                          d->date.year, d->date.month)
			        : l2e__buf_printf(out, ", %04d", d->date.year);
	}
	return error < 0 ? error : 0;
}

/* ==== Document ==== */

static int valid_locale(const char *s)
{
	size_t n = 0;

	/* LocaleType: [a-zA-Z]{2}(-[a-zA-Z]{3})? */
	while (((s[n] | 32) >= 'a' && (s[n] | 32) <= 'z'))
		n++;
	if (n != 2)
		return 0;
	if (!s[n])
		return 1;
	return s[n] == '-' && strlen(s + n + 1) == 3 &&
	       ((s[3] | 32) >= 'a' && (s[3] | 32) <= 'z') &&
	       ((s[4] | 32) >= 'a' && (s[4] | 32) <= 'z') &&
	       ((s[5] | 32) >= 'a' && (s[5] | 32) <= 'z');
}

const char *l2e__ev3_locale(const l2e__profile *p)
{
	const char *locale = l2e__item_text(
	    l2e__profile_single(p, L2E__SEC_DOCUMENT), DOC_LOCALE);

	return locale && valid_locale(locale) ? locale : "nl";
}

const char *l2e__ev3_created(char now[32], const l2e__profile *p,
                             long long document_time)
{
	const char *created = l2e__item_text(
	    l2e__profile_single(p, L2E__SEC_DOCUMENT), DOC_CREATED);

	if (created)
		return created;
	l2e__format_datetime(now, document_time);
	return now;
}
