/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * write_europass_cv.c - the Europass CV XML the Europass portal imports
 * today: root Candidate, namespace http://www.europass.eu/1.0 with the
 * HR-XML (hr), OAGIS (oa) and EURES (eures) vocabularies.
 *
 * There is no XSD to write against. The structure lives in the table of
 * europass/cv_spec.c, and every element goes through the emitter of
 * cv_out.c, which refuses what the table does not allow. A refusal is a
 * bug here, reported as L2E_ERROR; the structural checker
 * (validate/cv_check.c) reads the same table.
 *
 * The content decisions are those of the v3.4 writers (the Current flag
 * drops the end date, a work period's description falls back to its
 * programme: europass/v3_view.c). What the CV format adds:
 *   - the surname prefix goes into hr:FamilyName/@prefix (docs 3.4.3.2);
 *   - countries in EC spelling, lower case (el, uk); languages as
 *     ISO 639-2/T (nld, eng); a language without a code by its label;
 *   - rich-text fields (summary, descriptions) hold escaped HTML, as in
 *     the examples: the student's text is HTML-escaped and put in <p>;
 *   - RenderingInformation lists the sections with content, without
 *     which the portal shows none of them.
 * Not written: the phone number (the portal wants the country dialling
 * code apart, which the profile does not have), the digital competence
 * grid and language certificates (no place for them), the field of study.
 */
#include "writer.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/hash.h"
#include "europass/cv_spec.h"
#include "europass/v3_view.h"
#include "core/natid.h"
#include "write/cv_out.h"

#define XSI             "http://www.w3.org/2001/XMLSchema-instance"
#define SCHEMA_LOCATION "http://www.europass.eu/1.0 Candidate.xsd"

/* CompetencyID@schemeName, PrimaryLanguageCode@name */
#define LANGUAGE_CODED "NORMAL"
#define LANGUAGE_LABEL "FREE_TEXT"

/* ==== Identifiers ==== */

/* FNV-1a (core/hash.h) over a string and its terminating NUL */
static unsigned long long fnv(unsigned long long h, const char *s)
{
	return l2e__fnv(h, s, strlen(s) + 1);
}

static unsigned long long fnv_profile(unsigned long long h,
                                      const l2e__profile *p, int only)
{
	const l2e__item *it;
	const l2e__value *v;
	char buf[16];
	size_t f;
	int s;

	for (s = 0; s < L2E__SEC_COUNT; s++) {
		if (s == L2E__SEC_DOCUMENT || (only >= 0 && s != only))
			continue;
		for (it = p->first[s]; it; it = it->next)
			for (f = 0; f < l2e__sections[s].n_fields; f++) {
				v = &it->values[f];
				if (l2e__sections[s].fields[f].flags &
				    L2E__F_EDC)
					continue; /* not in the CV */
				if (!v->is_set)
					h = fnv(h, "");
				else if (v->text)
					h = fnv(h, v->text);
				else {
					l2e__cvo_format_date(buf, &v->date);
					h = fnv(h, buf);
				}
			}
	}
	return h;
}

/*
 * BR-COM-4 wants a UUID from the first sender. It is derived from the
 * learner's data (the whole profile but its document metadata, or one
 * section: only >= 0) and `salt`: the same CV gets the same identifier,
 * whenever it is exported, and reruns give identical files. An RFC 9562
 * version 8 UUID built from two FNV-1a hashes; an identifier, not a
 * secret: every input is written in the document in clear.
 */
static void uuid(char out[37], const l2e__profile *p, int only,
                 const char *salt)
{
	unsigned long long h[2], round;
	unsigned char b[16];
	int i;

	/*
	 * About one UUID in 800 has nine digits in a row that pass
	 * the elfproef ("c961607841b2"): not a national identifier, but a
	 * scanner for them would flag the document. Derive again, with
	 * the round mixed in, until there is none (round 0 is the plain
	 * derivation, so most identifiers never change).
	 */
	for (round = 0; round < 64; round++) {
		h[0] = fnv_profile(fnv(L2E__FNV_INIT + round, salt), p, only);
		h[1] = fnv_profile(fnv(0x84222325cbf29ce4ULL + round, salt), p,
		                   only);
		for (i = 0; i < 16; i++)
			b[i] = (unsigned char)(h[i / 8] >> (8 * (i % 8)));
		b[6] = (unsigned char)((b[6] & 0x0F) | 0x80);
		b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
		snprintf(out, 37,
		         "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		         "%02x%02x%02x%02x%02x%02x",
		         b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8],
		         b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
		if (!l2e__natid_find(out))
			break;
	}
}

/* hr:DocumentID, hr:PartyID: the examples' attributes, no content */
static void identifier(l2e__cvo *x, const char *qname, const char *id,
                       const char *scheme, const char *version)
{
	l2e__cvo_start(x, qname);
	l2e__cvo_attr(x, "schemeID", id);
	l2e__cvo_attr(x, "schemeName", scheme);
	l2e__cvo_attr(x, "schemeAgencyName", "EUROPASS");
	l2e__cvo_attr(x, "schemeVersionID", version);
	l2e__cvo_end(x);
}

/* ==== Person ==== */

static void person_name(l2e__cvo *x, const l2e__item *person)
{
	const char *given = l2e__item_text(person, PERSON_FIRST_NAME);
	const char *prefix = l2e__item_text(person, PERSON_SURNAME_PREFIX);
	const char *surname = l2e__item_text(person, PERSON_SURNAME);

	l2e__cvo_start(x, "PersonName");
	l2e__cvo_leaf(x, "oa:GivenName", given ? given : "");
	l2e__cvo_start(x, "hr:FamilyName");
	/* "van der" Testra: docs 3.4.3.2, FamilyName@prefix */
	if (prefix && surname)
		l2e__cvo_attr(x, "prefix", prefix);
	l2e__cvo_text(x, surname ? surname : "");
	l2e__cvo_end(x);
	l2e__cvo_end(x);
}

static void email(l2e__cvo *x, const l2e__item *person)
{
	const char *mail = l2e__item_text(person, PERSON_EMAIL);

	if (!mail)
		return;
	l2e__cvo_start(x, "Communication");
	l2e__cvo_leaf(x, "ChannelCode", "Email");
	l2e__cvo_leaf(x, "oa:URI", mail);
	l2e__cvo_end(x);
}

static void supplier(l2e__cvo *x, const l2e__profile *p)
{
	const l2e__item *person = l2e__profile_single(p, L2E__SEC_PERSON);
	char id[37];

	/* the person supplies their own CV, as the portal writes it */
	uuid(id, p, L2E__SEC_PERSON, "PartyID");
	l2e__cvo_start(x, "CandidateSupplier");
	identifier(x, "hr:PartyID", id, "PartyID", "1.0");
	l2e__cvo_leaf(x, "hr:PartyName", "Owner");
	l2e__cvo_start(x, "PersonContact");
	person_name(x, person);
	email(x, person);
	l2e__cvo_end(x);
	l2e__cvo_leaf(x, "hr:PrecedenceCode", "1");
	l2e__cvo_end(x);
}

/* CompetencyID or PrimaryLanguageCode: a code, or else the label */
static void language(l2e__cvo *x, const char *qname, const char *attr_name,
                     const l2e__item *it)
{
	const char *code = l2e__item_text(it, LANG_CODE);
	const char *label = l2e__item_text(it, LANG_LABEL);
	const char *cv = code ? l2e__cv_language(code) : NULL;

	l2e__cvo_start(x, qname);
	l2e__cvo_attr(x, attr_name, cv ? LANGUAGE_CODED : LANGUAGE_LABEL);
	l2e__cvo_text(x, cv ? cv : label ? label : code);
	l2e__cvo_end(x);
}

static int has_language_name(const l2e__item *it)
{
	return l2e__item_text(it, LANG_CODE) || l2e__item_text(it, LANG_LABEL);
}

static void person(l2e__cvo *x, const l2e__profile *p)
{
	const l2e__item *person = l2e__profile_single(p, L2E__SEC_PERSON);
	const char *line, *postal, *city, *iso, *gender;
	const l2e__item *it;

	line = l2e__item_text(person, PERSON_ADDRESS_LINE);
	postal = l2e__item_text(person, PERSON_POSTAL_CODE);
	city = l2e__item_text(person, PERSON_CITY);
	iso = l2e__item_text(person, PERSON_COUNTRY);
	gender = l2e__item_text(person, PERSON_GENDER);

	l2e__cvo_start(x, "CandidatePerson");
	person_name(x, person);
	email(x, person);
	if (line || postal || city || iso) {
		l2e__cvo_start(x, "Communication");
		l2e__cvo_leaf(x, "UseCode", "home");
		l2e__cvo_start(x, "Address");
		l2e__cvo_attr(x, "type", "home");
		l2e__cvo_leaf(x, "oa:AddressLine", line);
		l2e__cvo_leaf(x, "oa:CityName", city);
		l2e__cvo_country(x, "CountryCode", iso);
		l2e__cvo_leaf(x, "oa:PostalCode", postal);
		l2e__cvo_end(x);
		l2e__cvo_end(x);
	}
	l2e__cvo_country(x, "NationalityCode",
	                 l2e__item_text(person, PERSON_NATIONALITY));
	if (person && person->values[PERSON_BIRTH_DATE].is_set) {
		char buf[16];

		l2e__cvo_format_date(buf,
		                     &person->values[PERSON_BIRTH_DATE].date);
		l2e__cvo_leaf(x, "hr:BirthDate", buf);
	}
	/* the v3.4 decision: M and F only; docs 3.5 GenderType spelling */
	gender = l2e__ev3_gender(gender);
	if (gender)
		l2e__cvo_leaf(x, "GenderCode",
		              gender[0] == 'M' ? "Male" : "Female");
	/* mother tongues: docs 3.5, the examples */
	for (it = p->first[L2E__SEC_LANGUAGE]; it; it = it->next)
		if (l2e__item_bool(it, LANG_MOTHER_TONGUE) &&
		    has_language_name(it))
			language(x, "PrimaryLanguageCode", "name", it);
	l2e__cvo_end(x);
}

/* ==== Profile ==== */

/* hr:OrganizationName, then OrganizationContact/Communication/Address
 * with city and country */
static void organisation(l2e__cvo *x, const char *name, const char *city,
                         const char *iso)
{
	l2e__cvo_leaf(x, "hr:OrganizationName", name);
	if (!city && !iso)
		return;
	l2e__cvo_start(x, "OrganizationContact");
	l2e__cvo_start(x, "Communication");
	l2e__cvo_start(x, "Address");
	l2e__cvo_leaf(x, "oa:CityName", city);
	l2e__cvo_country(x, "CountryCode", iso);
	l2e__cvo_end(x);
	l2e__cvo_end(x);
	l2e__cvo_end(x);
}

static int employment(l2e__cvo *x, const l2e__profile *p)
{
	const l2e__item *it;
	const char *position;
	l2e__ev3_period period;

	if (!p->first[L2E__SEC_WORK])
		return 0;
	l2e__cvo_start(x, "EmploymentHistory");
	for (it = p->first[L2E__SEC_WORK]; it; it = it->next) {
		l2e__cvo_start(x, "EmployerHistory");
		organisation(x, l2e__item_text(it, WORK_EMPLOYER),
		             l2e__item_text(it, WORK_CITY),
		             l2e__item_text(it, WORK_COUNTRY));
		l2e__cvo_start(x, "PositionHistory");
		position = l2e__item_text(it, WORK_POSITION);
		if (position) {
			l2e__cvo_start(x, "PositionTitle");
			l2e__cvo_attr(x, "typeCode", "FREETEXT");
			l2e__cvo_text(x, position);
			l2e__cvo_end(x);
		}
		/* docs 3.14.5: no EmploymentPeriod without a StartDate */
		if (l2e__ev3_period_fill(&period, it, WORK_FROM, WORK_TO,
		                         WORK_ONGOING) &&
		    period.from) {
			l2e__cvo_start(x, "eures:EmploymentPeriod");
			l2e__cvo_date(x, "eures:StartDate", period.from);
			l2e__cvo_date(x, "eures:EndDate", period.to);
			l2e__cvo_leaf(x, "hr:CurrentIndicator",
			              period.is_current ? "true" : "false");
			l2e__cvo_end(x);
		}
		/* the programme (e.g. an exchange programme) stays visible */
		l2e__cvo_rich(x, "oa:Description",
		              l2e__ev3_work_description(it),
		              l2e__item_text(it, WORK_ACTIVITIES));
		l2e__cvo_leaf(x, "City", l2e__item_text(it, WORK_CITY));
		l2e__cvo_country(x, "Country",
		                 l2e__item_text(it, WORK_COUNTRY));
		l2e__cvo_end(x);
		l2e__cvo_end(x);
	}
	l2e__cvo_end(x);
	return 1;
}

static int education(l2e__cvo *x, const l2e__profile *p)
{
	const l2e__item *it;
	const char *title, *level;
	l2e__ev3_period period;

	if (!p->first[L2E__SEC_EDUCATION])
		return 0;
	l2e__cvo_start(x, "EducationHistory");
	for (it = p->first[L2E__SEC_EDUCATION]; it; it = it->next) {
		l2e__cvo_start(x, "EducationOrganizationAttendance");
		organisation(x, l2e__item_text(it, EDU_ORGANISATION),
		             l2e__item_text(it, EDU_CITY),
		             l2e__item_text(it, EDU_COUNTRY));
		if (l2e__ev3_period_fill(&period, it, EDU_FROM, EDU_TO,
		                         EDU_ONGOING)) {
			l2e__cvo_start(x, "AttendancePeriod");
			l2e__cvo_date(x, "StartDate", period.from);
			l2e__cvo_date(x, "EndDate", period.to);
			l2e__cvo_leaf(x, "Ongoing",
			              period.is_current ? "true" : "false");
			l2e__cvo_end(x);
		}
		title = l2e__item_text(it, EDU_TITLE);
		if (title) {
			l2e__cvo_start(x, "EducationDegree");
			l2e__cvo_leaf(x, "hr:DegreeName", title);
			l2e__cvo_rich(x, "OccupationalSkillsCovered",
			              l2e__item_text(it, EDU_ACTIVITIES), NULL);
			l2e__cvo_end(x);
		}
		level = l2e__item_text(it, EDU_EQF_LEVEL);
		if (level) {
			/* EQF, not ISCED: BR-COM-55 and the CL15 attributes */
			l2e__cvo_start(x, "EducationLevelCode");
			l2e__cvo_attr(x, "listName", "EURES_EQF");
			l2e__cvo_attr(x, "listVersionID", "2008/C11/01");
			l2e__cvo_attr(x, "listURI",
			              "http://ec.europa.eu/esco/Concept"
			              "Scheme/EQF2012/ConceptScheme");
			l2e__cvo_text(x, level);
			l2e__cvo_end(x);
		}
		l2e__cvo_end(x);
	}
	l2e__cvo_end(x);
	return 1;
}

static int certifications(l2e__cvo *x, const l2e__profile *p)
{
	const l2e__item *it;
	const char *body;

	if (!p->first[L2E__SEC_CERTIFICATE])
		return 0;
	l2e__cvo_start(x, "Certifications");
	for (it = p->first[L2E__SEC_CERTIFICATE]; it; it = it->next) {
		l2e__cvo_start(x, "Certification");
		l2e__cvo_leaf(x, "hr:CertificationName",
		              l2e__item_text(it, CERT_TITLE));
		l2e__cvo_date(x, "FirstIssuedDate", &it->values[CERT_DATE]);
		body = l2e__item_text(it, CERT_AWARDING_BODY);
		if (body) {
			l2e__cvo_start(x, "IssuingAuthority");
			l2e__cvo_leaf(x, "Name", body);
			l2e__cvo_end(x);
		}
		l2e__cvo_rich(x, "oa:Description",
		              l2e__item_text(it, CERT_CODE), NULL);
		l2e__cvo_leaf(x, "Link", l2e__item_text(it, CERT_URL));
		l2e__cvo_end(x);
	}
	l2e__cvo_end(x);
	return 1;
}

static int foreign_languages(l2e__cvo *x, const l2e__profile *p)
{
	static const struct {
		int field;
		const char *code;
	} grid[] = {
		{ LANG_LISTENING, "CEF-Understanding-Listening" },
		{ LANG_READING, "CEF-Understanding-Reading" },
		{ LANG_SPOKEN_INTERACTION, "CEF-Speaking-Interaction" },
		{ LANG_SPOKEN_PRODUCTION, "CEF-Speaking-Production" },
		{ LANG_WRITING, "CEF-Writing-Production" },
	};
	const l2e__item *it;
	int is_open = 0;
	size_t i;

	for (it = p->first[L2E__SEC_LANGUAGE]; it; it = it->next) {
		if (l2e__item_bool(it, LANG_MOTHER_TONGUE) ||
		    !has_language_name(it))
			continue;
		if (!is_open)
			l2e__cvo_start(x, "PersonQualifications");
		is_open = 1;
		l2e__cvo_start(x, "PersonCompetency");
		language(x, "CompetencyID", "schemeName", it);
		l2e__cvo_leaf(x, "hr:TaxonomyID", "language");
		for (i = 0; i < sizeof(grid) / sizeof(grid[0]); i++) {
			if (!l2e__item_text(it, grid[i].field))
				continue;
			l2e__cvo_start(x, "eures:CompetencyDimension");
			l2e__cvo_leaf(x, "hr:CompetencyDimensionTypeCode",
			              grid[i].code);
			l2e__cvo_start(x, "eures:Score");
			l2e__cvo_leaf(x, "hr:ScoreText",
			              l2e__item_text(it, grid[i].field));
			l2e__cvo_end(x);
			l2e__cvo_end(x);
		}
		l2e__cvo_end(x);
	}
	if (is_open)
		l2e__cvo_end(x);
	return is_open;
}

static int digital_skills(l2e__cvo *x, const l2e__profile *p)
{
	const l2e__item *it, *seen;
	const char *label;
	int is_open = 0, is_repeat;

	for (it = p->first[L2E__SEC_DIGITAL]; it; it = it->next) {
		label = l2e__item_text(it, DIG_LABEL);
		if (!label)
			continue;
		/* docs 3.9: no two digital skills with the same name */
		is_repeat = 0;
		for (seen = p->first[L2E__SEC_DIGITAL]; seen != it;
		     seen = seen->next)
			if (l2e__item_text(seen, DIG_LABEL) &&
			    !strcmp(l2e__item_text(seen, DIG_LABEL), label))
				is_repeat = 1;
		if (is_repeat)
			continue;
		if (!is_open)
			l2e__cvo_start(x, "Skills");
		is_open = 1;
		l2e__cvo_start(x, "PersonCompetency");
		l2e__cvo_leaf(x, "hr:TaxonomyID", "Digital_Skill");
		l2e__cvo_leaf(x, "hr:CompetencyName", label);
		l2e__cvo_end(x);
	}
	if (is_open)
		l2e__cvo_end(x);
	return is_open;
}

/*
 * The career (LOB) texts: one Others per competence, all with the same
 * section title (docs 3.37: Others 0..n, one Other each).
 */
static void career(l2e__cvo *x, const l2e__profile *p, const char *lang)
{
	const char *section = strcmp(lang, "nl") == 0 ? "Loopbaancompetenties"
	                                              : "Career competences";
	const l2e__item *it;
	const char *title, *body;

	for (it = p->first[L2E__SEC_CAREER]; it; it = it->next) {
		title = l2e__item_text(it, CAREER_TITLE);
		body = l2e__item_text(it, CAREER_TEXT);
		if (!body)
			continue;
		l2e__cvo_start(x, "Others");
		l2e__cvo_leaf(x, "Title", section);
		l2e__cvo_start(x, "Other");
		l2e__cvo_leaf(x, "Title", title ? title : section);
		l2e__cvo_rich(x, "Description", body, NULL);
		l2e__cvo_end(x);
		l2e__cvo_end(x);
	}
}

typedef struct sections {
	int has_work, has_education, has_language, has_digital,
	    has_certificates;
} sections;

static void rendering(l2e__cvo *x, const sections *s)
{
	const struct {
		int is_shown;
		const char *title;
	} order[] = {
		{ s->has_work, "work-experience" },
		{ s->has_education, "education-training" },
		{ s->has_language, "language" },
		{ s->has_digital, "profile-skills" },
		{ s->has_certificates, "certifications" },
	};
	size_t i;

	/* without SectionsOrder the portal shows none of the sections */
	l2e__cvo_start(x, "RenderingInformation");
	l2e__cvo_start(x, "Design");
	l2e__cvo_leaf(x, "Template", "Template1");
	l2e__cvo_leaf(x, "Color", "Default");
	l2e__cvo_leaf(x, "FontSize", "Medium");
	l2e__cvo_leaf(x, "Logo", "FirstPage");
	l2e__cvo_leaf(x, "PageNumbers", "true");
	l2e__cvo_start(x, "SectionsOrder");
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!order[i].is_shown)
			continue;
		l2e__cvo_start(x, "Section");
		l2e__cvo_leaf(x, "Title", order[i].title);
		l2e__cvo_end(x);
	}
	l2e__cvo_end(x);
	l2e__cvo_end(x);
	l2e__cvo_end(x);
}

static void candidate(l2e__cvo *x, const l2e__profile *p)
{
	const char *locale = l2e__ev3_locale(p);
	const l2e__item *it;
	sections s = { 0, 0, 0, 0, 0 };
	char lang[3], id[37];

	lang[0] = (char)(locale[0] | 32);
	lang[1] = (char)(locale[1] | 32);
	lang[2] = '\0';
	uuid(id, p, -1, "DocumentID");

	l2e__cvo_start(x, "Candidate");
	l2e__cvo_attr(x, "xmlns", l2e__cv_ns_uri(L2E__CV_NS_EUROPASS));
	l2e__cvo_attr(x, "xmlns:oa", l2e__cv_ns_uri(L2E__CV_NS_OA));
	l2e__cvo_attr(x, "xmlns:eures", l2e__cv_ns_uri(L2E__CV_NS_EURES));
	l2e__cvo_attr(x, "xmlns:hr", l2e__cv_ns_uri(L2E__CV_NS_HR));
	l2e__cvo_attr(x, "xmlns:xsi", XSI);
	l2e__cvo_attr(x, "xsi:schemaLocation", SCHEMA_LOCATION);
	identifier(x, "hr:DocumentID", id, "DocumentIdentifier", "4.0");
	supplier(x, p);
	person(x, p);

	l2e__cvo_start(x, "CandidateProfile");
	l2e__cvo_attr(x, "languageCode", lang);
	l2e__cvo_rich(x, "hr:ExecutiveSummary",
	              l2e__item_text(l2e__profile_single(p, L2E__SEC_HEADLINE),
	                             HEADLINE_TEXT),
	              NULL);
	s.has_work = employment(x, p);
	s.has_education = education(x, p);
	s.has_certificates = certifications(x, p);
	s.has_language = foreign_languages(x, p);
	for (it = p->first[L2E__SEC_LANGUAGE]; it; it = it->next)
		s.has_language |= has_language_name(it);
	s.has_digital = digital_skills(x, p);
	career(x, p, lang);
	l2e__cvo_end(x);

	rendering(x, &s);
	l2e__cvo_end(x);
}

int l2e__write_europass_cv(l2e_buf *out, l2e_ctx *ctx, const l2e__profile *p,
                           const l2e__write_info *info)
{
	size_t was = out->len;
	l2e__cvo x;

	l2e__cvo_begin(&x, out);
	(void)info; /* the CV carries no document date */
	candidate(&x, p);
	if (!x.failed && l2e__xml_finish(&x.xml) < 0)
		x.failed = 1;
	if (!x.failed)
		return 0;
	/* nothing of a failed document stays in `out` */
	out->len = was;
	if (out->ptr)
		out->ptr[was] = '\0';
	if (x.refused) {
		/* a bug: the writer and its table disagree */
		return l2e__error_set(
		    ctx, L2E_ERROR, L2E_ERRCLASS_WRITE,
		    "Europass CV: <%s> %s%s%s (internal "
		    "error)",
		    x.refused, x.missing ? "lacks <" : "is not allowed there",
		    x.missing ? x.missing : "", x.missing ? ">" : "");
	}
	/* as when libxml2's text writer and its buffer did this: ENOMEM */
	return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_WRITE,
	                      x.xml.error
	                          ? "out of memory"
	                          : "Europass CV XML could not be written");
}
