/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * write_edc.c - European Digital Credentials (ELM 3.1, edc-ap context),
 * unsigned, one document per credential.
 *
 * A dossier makes one credential per work item that asks for one
 * (work.credential; unset: when the work item is abroad) and one per
 * qualification with an awarding date (education.awarded). Each is the
 * "Generic" EDC profile that ../shared/europass/elm/README.md lays out:
 * a work item is a LearningActivity (title, period, host country and
 * company, workload) with the LearningAchievement it led to (learning
 * outcomes); a qualification is a LearningAchievement specified by a
 * Qualification (EQF and NLQF level, code). The school (the first
 * education item with an organisation; the qualification's own for a
 * diploma) is issuer and awarding body. The learner is known by student
 * number or e-mail, never by a national id: the profile has none, and
 * every text passed the privacy guard when it was set.
 *
 * What sealing adds (`issued`, the issuer's eIDAS identifier, the
 * signature) is left out: the school's qualified seal is not ours.
 *
 * Identifiers are deterministic: the credential's is a UUID-shaped
 * digest of school, learner and part name ("work-2"); nodes inside one
 * credential are numbered urn:epass:<kind>:<n> in writing order. So a
 * rerun, with any --jobs, writes the same bytes.
 */
#include "writer.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/hash.h"
#include "core/natid.h"
#include "core/utf8.h"
#include "europass/elm_vocab.h"
#include "util/civil_date.h"
#include "write/edc_out.h"

typedef struct edc {
	l2e__jw j;
	const l2e__profile *p;
	const l2e__item *school;  /* education item: issuer */
	const l2e__item *subject; /* the work item or the qualification */
	int is_work;
	unsigned n_id;           /* urn:epass:<kind>:<n> counter */
	int is_school;           /* nodes are urn:epass:<kind>:school */
	long long document_time; /* validFrom when the dossier has no date */
} edc;

/* ==== Which documents a dossier makes ==== */

static int work_wanted(const l2e__item *w)
{
	const char *country = l2e__item_text(w, WORK_COUNTRY);

	if (w->values[WORK_CREDENTIAL].is_set)
		return w->values[WORK_CREDENTIAL].boolean;
	if (w->values[WORK_ABROAD].is_set)
		return w->values[WORK_ABROAD].boolean;
	return country && strcmp(country, "NL") != 0;
}

static const l2e__item *first_school(const l2e__profile *p)
{
	const l2e__item *e;

	for (e = p->first[L2E__SEC_EDUCATION]; e; e = e->next)
		if (l2e__item_text(e, EDU_ORGANISATION))
			return e;
	return NULL;
}

static int has_learner_id(const l2e__profile *p)
{
	const l2e__item *person = l2e__profile_single(p, L2E__SEC_PERSON);

	return l2e__item_text(person, PERSON_STUDENT_NUMBER) ||
	       l2e__item_text(person, PERSON_EMAIL);
}

/*
 * Document `i` of the dossier: its subject, kind and name ("work-2" for
 * the second work item, "qualification-1"). Returns the number of
 * documents; with i past the end, *subject_out is NULL. Work items come
 * first, each in profile order, so names and order never depend on
 * anything but the dossier. Without a school name or a learner id no
 * credential can be issued: none.
 */
size_t l2e__edc_parts(const l2e__profile *p, size_t i, char *name,
                      size_t name_size)
{
	const l2e__item *it;
	size_t n = 0, k;

	if (!first_school(p) || !has_learner_id(p))
		return 0;
	for (k = 0, it = p->first[L2E__SEC_WORK]; it; it = it->next, k++)
		if (work_wanted(it) && n++ == i && name)
			snprintf(name, name_size, "work-%zu", k + 1);
	for (k = 0, it = p->first[L2E__SEC_EDUCATION]; it; it = it->next, k++)
		if (it->values[EDU_AWARDED].is_set &&
		    l2e__item_text(it, EDU_TITLE) && n++ == i && name)
			snprintf(name, name_size, "qualification-%zu", k + 1);
	return n;
}

static const l2e__item *part_subject(const l2e__profile *p, size_t i,
                                     int *is_work)
{
	const l2e__item *it;
	size_t n = 0;

	for (it = p->first[L2E__SEC_WORK]; it; it = it->next)
		if (work_wanted(it) && n++ == i) {
			*is_work = 1;
			return it;
		}
	for (it = p->first[L2E__SEC_EDUCATION]; it; it = it->next)
		if (it->values[EDU_AWARDED].is_set &&
		    l2e__item_text(it, EDU_TITLE) && n++ == i) {
			*is_work = 0;
			return it;
		}
	return NULL;
}

/* ==== Small pieces ==== */

static void node(edc *e, const char *key, const char *kind, const char *type)
{
	char id[64], digits[12], *o = id;
	size_t len = strlen(kind), n = 0;
	unsigned v;

	/* "urn:epass:<kind>:<n>" by hand: snprintf was a tenth of the time */
	memcpy(o, "urn:epass:", 10);
	memcpy(o += 10, kind, len);
	*(o += len) = ':';
	o++;
	if (e->is_school) {
		memcpy(o, "school", 7);
	} else {
		for (v = ++e->n_id; v || !n; v /= 10)
			digits[n++] = (char)('0' + v % 10);
		while (n)
			*o++ = digits[--n];
		*o = '\0';
	}
	l2e__jw_open(&e->j, key, '{');
	l2e__jw_lit(&e->j, "id", id);
	l2e__jw_lit(&e->j, "type", type);
}

static void end(edc *e)
{
	l2e__jw_close(&e->j, '}');
}

/* a text that a fixed buffer may have cut inside a character: up to
 * the last whole one (the profile's texts are valid UTF-8) */
static void text(edc *e, const char *lang, const char *s)
{
	size_t len = strlen(s), bad_at;

	if (!l2e__utf8_valid(s, len, &bad_at))
		len = bad_at;
	l2e__jw_strn(&e->j, lang, s, len);
}

/* a language map: {"nl": nl, "en": en}; either may be NULL */
static void texts(edc *e, const char *key, const char *nl, const char *en)
{
	if (!nl && !en)
		return;
	l2e__jw_open(&e->j, key, '{');
	if (nl)
		text(e, "nl", nl);
	if (en)
		text(e, "en", en);
	l2e__jw_close(&e->j, '}');
}

static void concept(edc *e, const char *key, const l2e__elm_concept *c)
{
	l2e__jw_open(&e->j, key, '{');
	l2e__jw_lit(&e->j, "id", c->id);
	l2e__jw_lit(&e->j, "type", "Concept");
	l2e__jw_open(&e->j, "inScheme", '{');
	l2e__jw_lit(&e->j, "id", c->scheme);
	l2e__jw_lit(&e->j, "type", "ConceptScheme");
	l2e__jw_close(&e->j, '}');
	/* labels are our tables' (no quote, backslash or control) */
	l2e__jw_open(&e->j, "prefLabel", '{');
	l2e__jw_lit(&e->j, "en", c->label_en);
	l2e__jw_close(&e->j, '}');
	l2e__jw_close(&e->j, '}');
}

static void country(edc *e, const char *key, const l2e__elm_country *c)
{
	char id[96];
	l2e__elm_concept k;
	size_t n = sizeof(L2E__ELM_SCHEME_COUNTRY) - 1;

	memcpy(id, L2E__ELM_SCHEME_COUNTRY "/", n + 1);
	memcpy(id + n + 1, c->alpha3, 4); /* three letters and the NUL */
	k.id = id;
	k.scheme = L2E__ELM_SCHEME_COUNTRY;
	k.label_en = c->label_en;
	concept(e, key, &k);
}

/* xsd:dateTime of a profile date: an unknown day or month is the first
 * (a start) or the last (an end) of its month or year */
static void date_time(edc *e, const char *key, l2e__date d, int is_end)
{
	char s[] = "0000-00-00T00:00:00";
	int month = d.month ? d.month : (is_end ? 12 : 1);
	int day =
	    d.day ? d.day : (is_end ? l2e__days_in_month(d.year, month) : 1);
	int year = d.year, i;

	/* the profile's years are 1900..2100 (map/date.c) */
	for (i = 3; i >= 0; i--, year /= 10)
		s[i] = (char)('0' + year % 10);
	s[5] = (char)('0' + month / 10);
	s[6] = (char)('0' + month % 10);
	s[8] = (char)('0' + day / 10);
	s[9] = (char)('0' + day % 10);
	l2e__jw_lit(&e->j, key, s);
}

/* a Location with an Address in a country; city as its name */
static void location(edc *e, const char *key, const l2e__elm_country *c,
                     const char *city)
{
	node(e, key, "location", "Location");
	texts(e, "geographicName", city, NULL);
	node(e, "address", "address", "Address");
	country(e, "countryCode", c);
	end(e);
	end(e);
}

static const l2e__elm_country *country_of(const char *alpha2)
{
	return l2e__elm_country_find(alpha2 ? alpha2 : "NL");
}

/* the school, with the same ids wherever it appears (nodes with one id
 * merge into one) */
static void school(edc *e, const char *key)
{
	const l2e__item *s = e->school;
	const l2e__elm_country *c = country_of(l2e__item_text(s, EDU_COUNTRY));
	const char *brin = l2e__item_text(s, EDU_BRIN);

	e->is_school = 1;
	node(e, key, "org", "Organisation");
	texts(e, "legalName", l2e__item_text(s, EDU_ORGANISATION), NULL);
	if (brin && c) {
		node(e, "registration", "legalIdentifier", "LegalIdentifier");
		l2e__jw_str(&e->j, "notation", brin);
		l2e__jw_lit(&e->j, "schemeName", "BRIN");
		country(e, "spatial", c);
		end(e);
	}
	if (c)
		location(e, "location", c, l2e__item_text(s, EDU_CITY));
	end(e);
	e->is_school = 0;
}

/* the awarding body is the issuer: a reference to its node (nodes with
 * one id are one node in JSON-LD), not a second copy */
static void awarding(edc *e, const l2e__value *date)
{
	node(e, "awardedBy", "awardingProcess", "AwardingProcess");
	l2e__jw_open(&e->j, "awardingBody", '{');
	l2e__jw_lit(&e->j, "id", "urn:epass:org:school");
	l2e__jw_close(&e->j, '}');
	if (date && date->is_set)
		date_time(e, "awardingDate", date->date, 0);
	end(e);
}

/* learning outcomes: one per line (or per "; ") of the text */
static void outcomes(edc *e, const char *text)
{
	const char *s = text, *stop;
	size_t len;

	if (!text)
		return;
	l2e__jw_open(&e->j, "learningOutcome", '[');
	while (*s) {
		for (stop = s; *stop && *stop != '\n' &&
		               !(stop[0] == ';' && stop[1] == ' ');
		     stop++)
			;
		len = (size_t)(stop - s);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '.'))
			len--;
		if (len) {
			node(e, NULL, "learningOutcome", "LearningOutcome");
			l2e__jw_open(&e->j, "title", '{');
			l2e__jw_strn(&e->j, "nl", s, len);
			l2e__jw_close(&e->j, '}');
			end(e);
		}
		s = *stop ? stop + 1 : stop;
		while (*s == ' ')
			s++;
	}
	l2e__jw_close(&e->j, ']');
}

/* ==== The credential ==== */

static void display(edc *e, const char *nl, const char *en)
{
	const l2e__elm_concept *nld = &l2e__elm_lang_nl;

	node(e, "displayParameter", "displayParameter", "DisplayParameter");
	texts(e, "title", nl, en);
	l2e__jw_open(&e->j, "language", '[');
	concept(e, NULL, nld);
	concept(e, NULL, &l2e__elm_lang_en);
	l2e__jw_close(&e->j, ']');
	concept(e, "primaryLanguage", nld);
	node(e, "individualDisplay", "individualDisplay", "IndividualDisplay");
	concept(e, "language", nld);
	node(e, "displayDetail", "displayDetail", "DisplayDetail");
	l2e__jw_int(&e->j, "page", 1);
	node(e, "image", "mediaObject", "MediaObject");
	l2e__jw_lit(&e->j, "content", l2e__elm_blank_png);
	concept(e, "contentEncoding", &l2e__elm_base64);
	concept(e, "contentType", &l2e__elm_png);
	end(e);
	end(e);
	end(e);
	end(e);
}

/* "Name Prefix Surname": texts with at most one language each */
static void person_names(edc *e, const l2e__item *person)
{
	const char *first = l2e__item_text(person, PERSON_FIRST_NAME);
	const char *prefix = l2e__item_text(person, PERSON_SURNAME_PREFIX);
	const char *last = l2e__item_text(person, PERSON_SURNAME);
	char family[512], full[768];

	snprintf(family, sizeof(family), "%s%s%s", prefix ? prefix : "",
	         prefix && last ? " " : "", last ? last : "");
	snprintf(full, sizeof(full), "%s%s%s", first ? first : "",
	         first && family[0] ? " " : "", family);
	texts(e, "givenName", first, NULL);
	texts(e, "familyName", family[0] ? family : NULL, NULL);
	texts(e, "fullName", full[0] ? full : NULL, NULL);
}

static void work_claims(edc *e)
{
	const l2e__item *w = e->subject;
	const char *employer = l2e__item_text(w, WORK_EMPLOYER);
	const char *position = l2e__item_text(w, WORK_POSITION);
	const char *city = l2e__item_text(w, WORK_CITY);
	const char *host_id = l2e__item_text(w, WORK_HOST_ID);
	const char *hours = l2e__item_text(w, WORK_HOURS);
	const char *weeks = l2e__item_text(w, WORK_WEEKS);
	const char *alpha2 = l2e__item_text(w, WORK_COUNTRY);
	const l2e__elm_country *c =
	    alpha2 ? l2e__elm_country_find(alpha2) : NULL;
	int is_abroad = work_wanted(w) && c && strcmp(alpha2, "NL");
	char nl[600], en[600], buf[64];
	unsigned activity;

	snprintf(nl, sizeof(nl), "Beroepspraktijkvorming%s%s%s",
	         is_abroad ? " in het buitenland" : "", employer ? " bij " : "",
	         employer ? employer : "");
	snprintf(en, sizeof(en), "Work-based learning%s%s%s",
	         is_abroad ? " abroad" : "", employer ? " at " : "",
	         employer ? employer : "");
	node(e, NULL, "activity", "LearningActivity");
	activity = e->n_id;
	texts(e, "title", nl, en);
	texts(e, "description",
	      l2e__item_text(w, WORK_ACTIVITIES)
	          ? l2e__item_text(w, WORK_ACTIVITIES)
	          : l2e__item_text(w, WORK_DESCRIPTION),
	      NULL);
	if (w->values[WORK_FROM].is_set || w->values[WORK_TO].is_set || weeks) {
		node(e, "temporal", "period", "PeriodOfTime");
		if (weeks) {
			char wnl[32], wen[32];

			snprintf(wnl, sizeof(wnl), "%s weken", weeks);
			snprintf(wen, sizeof(wen), "%s weeks", weeks);
			texts(e, "prefLabel", wnl, wen);
		}
		if (w->values[WORK_FROM].is_set)
			date_time(e, "startDate", w->values[WORK_FROM].date, 0);
		if (w->values[WORK_TO].is_set)
			date_time(e, "endDate", w->values[WORK_TO].date, 1);
		end(e);
	}
	if (c)
		location(e, "location", c, city);
	if (hours) {
		snprintf(buf, sizeof(buf), "PT%sH", hours);
		l2e__jw_lit(&e->j, "workload", buf);
	}
	if (employer && c) {
		node(e, "directedBy", "org", "Organisation");
		texts(e, "legalName", employer, NULL);
		if (host_id) {
			node(e, "registration", "legalIdentifier",
			     "LegalIdentifier");
			l2e__jw_str(&e->j, "notation", host_id);
			/* the register is Dutch (SBB, KvK), wherever the
			 * company is */
			country(e, "spatial", country_of("NL"));
			end(e);
		}
		location(e, "location", c, city);
		end(e);
	}
	awarding(e, NULL);
	node(e, "specifiedBy", "learningActivitySpec",
	     "LearningActivitySpecification");
	texts(e, "title", position ? position : "Beroepspraktijkvorming",
	      position ? NULL : "Work-based learning");
	concept(e, "dcType", &l2e__elm_internship);
	concept(e, "mode", &l2e__elm_workbased);
	end(e);
	end(e); /* the activity */

	node(e, NULL, "learningAchievement", "LearningAchievement");
	snprintf(nl, sizeof(nl), "Geleerd in de beroepspraktijkvorming%s%s",
	         employer ? " bij " : "", employer ? employer : "");
	snprintf(en, sizeof(en),
	         "Learning outcomes of the work-based learning%s%s",
	         employer ? " at " : "", employer ? employer : "");
	texts(e, "title", nl, en);
	awarding(e, NULL);
	l2e__jw_open(&e->j, "influencedBy", '{');
	snprintf(buf, sizeof(buf), "urn:epass:activity:%u", activity);
	l2e__jw_lit(&e->j, "id", buf);
	l2e__jw_close(&e->j, '}');
	if (l2e__item_text(w, WORK_OUTCOMES)) {
		node(e, "specifiedBy", "learningAchievementSpec",
		     "LearningAchievementSpecification");
		texts(e, "title", nl, en);
		outcomes(e, l2e__item_text(w, WORK_OUTCOMES));
		end(e);
	}
	end(e);
}

static void qualification_claims(edc *e)
{
	const l2e__item *q = e->subject;
	const char *title = l2e__item_text(q, EDU_TITLE);
	const char *eqf = l2e__item_text(q, EDU_EQF_LEVEL);
	const char *nlqf = l2e__item_text(q, EDU_NLQF_LEVEL);
	const char *code = l2e__item_text(q, EDU_QUALIFICATION_CODE);
	const l2e__elm_concept *nq = NULL;
	const char *twin = NULL;
	char nl[600];

	/* the two frameworks are tied level for level (1..8): one known
	 * gives the other (entree and 4+ have no EQF twin); a pair that
	 * disagrees is written as the dossier says, and validate says so */
	if (nlqf) {
		nq = l2e__elm_nlqf(nlqf, &twin);
		if (!eqf && twin && *twin)
			eqf = twin;
	} else if (eqf) {
		nq = l2e__elm_nlqf(eqf, NULL);
	}
	node(e, NULL, "learningAchievement", "LearningAchievement");
	snprintf(nl, sizeof(nl), "Diploma %s", title);
	texts(e, "title", nl, NULL);
	awarding(e, &q->values[EDU_AWARDED]);
	node(e, "specifiedBy", "qualification", "Qualification");
	texts(e, "title", title, NULL);
	if (l2e__elm_eqf(eqf))
	concept(e, "eqfLevel", l2e__elm_eqf(eqf));
	if (nq) {
		l2e__jw_open(&e->j, "nqfLevel", '[');
		concept(e, NULL, nq);
		l2e__jw_close(&e->j, ']');
	}
	if (code) {
		node(e, "identifier", "identifier", "Identifier");
		l2e__jw_str(&e->j, "notation", code);
		l2e__jw_lit(&e->j, "schemeName",
		            "erkende opleidingscode (RIO)");
		end(e);
	}
	outcomes(e, l2e__item_text(q, EDU_OUTCOMES));
	end(e);
	end(e);
}

/* urn:credential:<UUID-shaped digest of school, learner, part>. As the
 * CV's identifiers: derived again, with the round mixed in, while it
 * holds nine digits that pass the elfproef (a scanner for national
 * identifiers would flag it) */
static void credential_id(char out[64], const l2e__profile *p,
                          const l2e__item *school, const char *part)
{
	const l2e__item *person = l2e__profile_single(p, L2E__SEC_PERSON);
	const char *parts[4];
	uint64_t h1, h2, round;
	size_t i;

	parts[0] = l2e__item_text(school, EDU_BRIN);
	if (!parts[0])
		parts[0] = l2e__item_text(school, EDU_ORGANISATION);
	parts[1] = l2e__item_text(person, PERSON_STUDENT_NUMBER);
	if (!parts[1])
		parts[1] = l2e__item_text(person, PERSON_EMAIL);
	parts[2] = part;
	parts[3] = "lob2europass edc 1";
	for (round = 0; round < 64; round++) {
		h1 = L2E__FNV_INIT + round;
		for (i = 0; i < 4; i++)
			h1 = l2e__fnv(h1, parts[i], strlen(parts[i]) + 1);
		h2 = l2e__hash_mix(h1, 0x9e3779b97f4a7c15ULL);
		for (i = 0; i < 4; i++)
			h2 = l2e__fnv(h2, parts[i], strlen(parts[i]) + 1);
		snprintf(out, 64, "urn:credential:%08x-%04x-8%03x-%04x-%012llx",
		         (unsigned)(h1 >> 32), (unsigned)(h1 >> 16) & 0xffffu,
		         (unsigned)h1 & 0xfffu,
		         (unsigned)((h2 >> 48) & 0x3fffu) | 0x8000u,
		         (unsigned long long)(h2 & 0xffffffffffffULL));
		if (!l2e__natid_find(out))
			break;
	}
}

static void credential(edc *e, const char *part)
{
	const l2e__item *person = l2e__profile_single(e->p, L2E__SEC_PERSON);
	const l2e__item *s = e->subject;
	const char *number = l2e__item_text(person, PERSON_STUDENT_NUMBER);
	const char *email = l2e__item_text(person, PERSON_EMAIL);
	const char *title;
	char id[64], nl[600], en[600], mail[400];
	const l2e__value *valid;

	credential_id(id, e->p, e->school, part);
	l2e__jw_open(&e->j, "@context", '[');
	l2e__jw_lit(&e->j, NULL, L2E__ELM_CONTEXT_VC);
	l2e__jw_lit(&e->j, NULL, L2E__ELM_CONTEXT_AP);
	l2e__jw_close(&e->j, ']');
	l2e__jw_lit(&e->j, "id", id);
	l2e__jw_open(&e->j, "type", '[');
	l2e__jw_lit(&e->j, NULL, "VerifiableCredential");
	l2e__jw_lit(&e->j, NULL, "EuropeanDigitalCredential");
	l2e__jw_close(&e->j, ']');
	concept(e, "credentialProfiles", &l2e__elm_generic);
	l2e__jw_open(&e->j, "credentialSchema", '{');
	l2e__jw_lit(&e->j, "id", L2E__ELM_SCHEMA);
	l2e__jw_lit(&e->j, "type", "ShaclValidator2017");
	l2e__jw_close(&e->j, '}');
	if (e->is_work) {
		title = l2e__item_text(s, WORK_EMPLOYER);
		snprintf(nl, sizeof(nl),
		         "Europass Mobiliteit: beroepspraktijkvorming%s%s",
		         title ? " bij " : "", title ? title : "");
		snprintf(en, sizeof(en),
		         "Europass Mobility: work-based learning%s%s",
		         title ? " at " : "", title ? title : "");
	} else {
		title = l2e__item_text(s, EDU_TITLE);
		snprintf(nl, sizeof(nl), "Diploma %s", title);
		snprintf(en, sizeof(en), "Diploma %s", title);
	}
	display(e, nl, en);
	school(e, "issuer");
	/* valid from the day it was earned: the work item's end (or start)
	 * or the awarding date; without one, the document date (as the
	 * other formats' metadata: --document-date, SOURCE_DATE_EPOCH) */
	valid = e->is_work ? &s->values[WORK_TO] : &s->values[EDU_AWARDED];
	if (e->is_work && !valid->is_set)
		valid = &s->values[WORK_FROM];
	if (valid->is_set) {
		date_time(e, "validFrom", valid->date, e->is_work);
	} else {
		char when[32];

		l2e__format_datetime(when, e->document_time);
		l2e__jw_lit(&e->j, "validFrom", when);
	}
	node(e, "credentialSubject", "person", "Person");
	if (number) {
		node(e, "identifier", "identifier", "Identifier");
		l2e__jw_str(&e->j, "notation", number);
		l2e__jw_lit(&e->j, "schemeName", "student number");
		end(e);
	}
	person_names(e, person);
	if (person && person->values[PERSON_BIRTH_DATE].is_set &&
	    person->values[PERSON_BIRTH_DATE].date.day)
		date_time(e, "dateOfBirth",
		          person->values[PERSON_BIRTH_DATE].date, 0);
	if (email) {
		node(e, "contactPoint", "contactPoint", "ContactPoint");
		snprintf(mail, sizeof(mail), "mailto:%s", email);
		l2e__jw_open(&e->j, "emailAddress", '{');
		l2e__jw_str(&e->j, "id", mail);
		l2e__jw_lit(&e->j, "type", "Mailbox");
		l2e__jw_close(&e->j, '}');
		end(e);
	}
	l2e__jw_open(&e->j, "hasClaim", '[');
	if (e->is_work)
		work_claims(e);
	else
		qualification_claims(e);
	l2e__jw_close(&e->j, ']');
	end(e);
}

static int write_one(l2e_buf *out, l2e_ctx *ctx, const l2e__profile *p,
                     const l2e__write_info *info, int is_upload)
{
	size_t part = info->part;
	edc e;
	char name[48];
	size_t was = out->len;
	const l2e__item *person;

	memset(&e, 0, sizeof(e));
	e.p = p;
	e.document_time = info->document_time;
	if (part >= l2e__edc_parts(p, part, name, sizeof(name)))
		return l2e__error_set(ctx, L2E_ERROR, L2E_ERRCLASS_WRITE,
		                      "the dossier has no credential %zu",
		                      part + 1);
	e.subject = part_subject(p, part, &e.is_work);
	e.school = e.is_work || !l2e__item_text(e.subject, EDU_ORGANISATION)
	               ? first_school(p)
	               : e.subject;
	l2e__jw_init(&e.j, out);
	l2e__jw_open(&e.j, NULL, '{');
	if (is_upload) {
		/* the EDC issuer's "Upload JSON": the credential and where
		 * to deliver it once sealed */
		l2e__jw_open(&e.j, "credential", '{');
		credential(&e, name);
		l2e__jw_close(&e.j, '}');
		person = l2e__profile_single(p, L2E__SEC_PERSON);
		if (l2e__item_text(person, PERSON_EMAIL)) {
			l2e__jw_open(&e.j, "deliveryDetails", '{');
			l2e__jw_str(&e.j, "walletAddress",
			            l2e__item_text(person, PERSON_EMAIL));
			l2e__jw_close(&e.j, '}');
		}
	} else {
		credential(&e, name);
	}
	l2e__jw_close(&e.j, '}');
	if (!e.j.error)
		e.j.error = l2e__buf_putc(out, '\n');
	if (e.j.error < 0) {
		out->len = was;
		if (out->ptr)
			out->ptr[was] = '\0';
		return l2e__error_set(ctx, e.j.error, L2E_ERRCLASS_WRITE,
		                      e.j.error == L2E_ELIMIT
		                          ? "no room for the credential"
		                          : "out of memory building the "
		                            "credential");
	}
	return 0;
}

int l2e__write_edc(l2e_buf *out, l2e_ctx *ctx, const l2e__profile *p,
                   const l2e__write_info *info)
{
	return write_one(out, ctx, p, info, 0);
}

int l2e__write_edc_upload(l2e_buf *out, l2e_ctx *ctx, const l2e__profile *p,
                          const l2e__write_info *info)
{
	return write_one(out, ctx, p, info, 1);
}
