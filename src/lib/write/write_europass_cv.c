/*
 * write_europass_cv.c - the Europass CV XML the Europass portal imports
 * today: root Candidate, namespace http://www.europass.eu/1.0 with the
 * HR-XML (hr), OAGIS (oa) and EURES (eures) vocabularies.
 *
 * There is no XSD to write against. The structure lives in the table of
 * europass/cv_spec.c, and every element goes through start(), which
 * refuses one the table does not allow at that place, out of order or
 * too often, and end(), which refuses to close an element that lacks a
 * required child. A refusal is a bug here, reported as L2E_ERROR; the
 * structural checker (validate/cv_check.c) reads the same table.
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
#include "privacy/natid.h"
#include "europass/cv_spec.h"
#include "europass/v3_view.h"
#include "write/xml_out.h"

#define XSI             "http://www.w3.org/2001/XMLSchema-instance"
#define SCHEMA_LOCATION "http://www.europass.eu/1.0 Candidate.xsd"

/* CompetencyID@schemeName, PrimaryLanguageCode@name */
#define LANGUAGE_CODED "NORMAL"
#define LANGUAGE_LABEL "FREE_TEXT"

#define MAX_DEPTH 12

/*
 * The XML emitter (xml_out.c, as the v3.4 writer) following the spec
 * table; both have a sticky error: emit freely, check once at the end.
 */
typedef struct cvw {
	l2e__xml_out xml;
	int failed;          /* refused, or memory outside the emitter */
	const char *refused; /* the element the table refused */
	const char *missing; /* ... or the required child it lacks */
	size_t depth;
	int row[MAX_DEPTH];       /* spec rows of the open elements */
	unsigned rank[MAX_DEPTH]; /* rank of the last child of each */
	unsigned char count[MAX_DEPTH][L2E__CV_MAX_CHILDREN]; /* per rank */
} cvw;

static void refuse(cvw *x, const char *element, const char *missing)
{
	x->refused = element;
	x->missing = missing;
	x->failed = 1;
}

static int ns_of(const char *qname, const char **local)
{
	const char *colon = strchr(qname, ':');
	const char *prefix;
	int i;

	*local = colon ? colon + 1 : qname;
	if (!colon)
		return L2E__CV_NS_EUROPASS;
	for (i = 0; i < L2E__CV_NS__N; i++) {
		prefix = l2e__cv_ns_prefix((l2e__cv_ns)i);
		if (prefix && strlen(prefix) == (size_t)(colon - qname) &&
		    strncmp(prefix, qname, strlen(prefix)) == 0)
			return i;
	}
	return -1;
}

/* Open `qname` ("hr:DegreeName") where the table allows it. */
static void start(cvw *x, const char *qname)
{
	const l2e__cv_elem *e;
	const char *local;
	int ns, row;
	size_t d = x->depth;

	if (x->failed)
		return;
	ns = ns_of(qname, &local);
	row = ns < 0 || d == MAX_DEPTH
	          ? -1
	          : l2e__cv_spec_child(d ? x->row[d - 1] : -1, (l2e__cv_ns)ns,
	                               local);
	if (row < 0) {
		refuse(x, qname, NULL);
		return;
	}
	e = &l2e__cv_spec[row];
	if (d) {
		if (e->order < x->rank[d - 1] ||
		    (e->max_occurs &&
		     x->count[d - 1][e->order] >= e->max_occurs)) {
			refuse(x, qname, NULL);
			return;
		}
		x->rank[d - 1] = e->order;
		x->count[d - 1][e->order]++;
	}
	l2e__xml_start(&x->xml, qname);
	x->row[d] = row;
	x->rank[d] = 0;
	memset(x->count[d], 0, sizeof(x->count[d]));
	x->depth++;
}

/* Close the innermost element; it must have its required children. */
static void end(cvw *x)
{
	const l2e__cv_elem *e;
	size_t i, d = x->depth - 1;

	if (x->failed)
		return;
	for (i = 0; i < l2e__cv_spec_n; i++) {
		e = &l2e__cv_spec[i];
		if (e->parent == x->row[d] &&
		    x->count[d][e->order] < e->min_occurs) {
			refuse(x, l2e__cv_spec[x->row[d]].name, e->name);
			return;
		}
	}
	l2e__xml_end(&x->xml);
	x->depth--;
}

static void attr(cvw *x, const char *name, const char *value)
{
	if (!x->failed)
		l2e__xml_attr(&x->xml, name, value);
}

static void text(cvw *x, const char *s)
{
	if (!x->failed)
		l2e__xml_text(&x->xml, s);
}

/* <qname>s</qname>, nothing when s is NULL */
static void leaf(cvw *x, const char *qname, const char *s)
{
	if (!s)
		return;
	start(x, qname);
	text(x, s);
	end(x);
}

/* YYYY, YYYY-MM or YYYY-MM-DD: the precision the source had */
static void format_date(char buf[16], const l2e__date *d)
{
	if (d->day)
		snprintf(buf, 16, "%04d-%02d-%02d", d->year, d->month, d->day);
	else if (d->month)
		snprintf(buf, 16, "%04d-%02d", d->year, d->month);
	else
		snprintf(buf, 16, "%04d", d->year);
}

/* <wrapper><hr:FormattedDateTime>date</...></wrapper> */
static void date(cvw *x, const char *wrapper, const l2e__value *v)
{
	char buf[16];

	if (!v || !v->is_set)
		return;
	format_date(buf, &v->date);
	start(x, wrapper);
	leaf(x, "hr:FormattedDateTime", buf);
	end(x);
}

/* Skip a run of line breaks and blanks at *s; return the breaks. */
static size_t skip_breaks(const char **s)
{
	size_t n = 0;

	for (; **s == '\n' || **s == ' ' || **s == '\t'; (*s)++)
		n += **s == '\n';
	return n;
}

/*
 * Plain text as the escaped HTML the portal keeps in its rich-text
 * fields: a <p> per paragraph (blank-line separated), <br> per line
 * break, & < > escaped. Appends to `out`.
 */
static int html(l2e_buf *out, const char *s)
{
	size_t breaks;
	int error = 0;

	while (s && *s && !error) {
		error = l2e__buf_puts(out, "<p>");
		while (*s && !error) {
			if (*s == '\n') {
				breaks = skip_breaks(&s);
				if (breaks > 1 || !*s)
					break;
				error = l2e__buf_puts(out, "<br>");
				continue;
			}
			error = *s == '&'   ? l2e__buf_puts(out, "&amp;")
			        : *s == '<' ? l2e__buf_puts(out, "&lt;")
			        : *s == '>' ? l2e__buf_puts(out, "&gt;")
			                    : l2e__buf_putc(out, *s);
			s++;
		}
		if (!error)
			error = l2e__buf_puts(out, "</p>");
	}
	return error;
}

/* <qname> holding the HTML of up to two texts, nothing when both NULL */
static void rich(cvw *x, const char *qname, const char *a, const char *b)
{
	l2e_buf buf = L2E_BUF_INIT;

	if ((!a && !b) || x->failed)
		return;
	if (html(&buf, a) < 0 || html(&buf, b) < 0)
		x->failed = 1;
	else
		leaf(x, qname, buf.ptr);
	l2e_buf_dispose(&buf);
}

static void country(cvw *x, const char *qname, const char *iso)
{
	char code[3];

	if (!iso)
		return;
	l2e__cv_country(code, iso);
	leaf(x, qname, code);
}

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
				if (!v->is_set)
					h = fnv(h, "");
				else if (v->text)
					h = fnv(h, v->text);
				else {
					format_date(buf, &v->date);
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
static void identifier(cvw *x, const char *qname, const char *id,
                       const char *scheme, const char *version)
{
	start(x, qname);
	attr(x, "schemeID", id);
	attr(x, "schemeName", scheme);
	attr(x, "schemeAgencyName", "EUROPASS");
	attr(x, "schemeVersionID", version);
	end(x);
}

/* ==== Person ==== */

static void person_name(cvw *x, const l2e__item *person)
{
	const char *given = l2e__item_text(person, PERSON_FIRST_NAME);
	const char *prefix = l2e__item_text(person, PERSON_SURNAME_PREFIX);
	const char *surname = l2e__item_text(person, PERSON_SURNAME);

	start(x, "PersonName");
	leaf(x, "oa:GivenName", given ? given : "");
	start(x, "hr:FamilyName");
	/* "van der" Testra: docs 3.4.3.2, FamilyName@prefix */
	if (prefix && surname)
		attr(x, "prefix", prefix);
	text(x, surname ? surname : "");
	end(x);
	end(x);
}

static void email(cvw *x, const l2e__item *person)
{
	const char *mail = l2e__item_text(person, PERSON_EMAIL);

	if (!mail)
		return;
	start(x, "Communication");
	leaf(x, "ChannelCode", "Email");
	leaf(x, "oa:URI", mail);
	end(x);
}

static void supplier(cvw *x, const l2e__profile *p)
{
	const l2e__item *person = l2e__profile_single(p, L2E__SEC_PERSON);
	char id[37];

	/* the person supplies their own CV, as the portal writes it */
	uuid(id, p, L2E__SEC_PERSON, "PartyID");
	start(x, "CandidateSupplier");
	identifier(x, "hr:PartyID", id, "PartyID", "1.0");
	leaf(x, "hr:PartyName", "Owner");
	start(x, "PersonContact");
	person_name(x, person);
	email(x, person);
	end(x);
	leaf(x, "hr:PrecedenceCode", "1");
	end(x);
}

/* CompetencyID or PrimaryLanguageCode: a code, or else the label */
static void language(cvw *x, const char *qname, const char *attr_name,
                     const l2e__item *it)
{
	const char *code = l2e__item_text(it, LANG_CODE);
	const char *label = l2e__item_text(it, LANG_LABEL);
	const char *cv = code ? l2e__cv_language(code) : NULL;

	start(x, qname);
	attr(x, attr_name, cv ? LANGUAGE_CODED : LANGUAGE_LABEL);
	text(x, cv ? cv : label ? label : code);
	end(x);
}

static int has_language_name(const l2e__item *it)
{
	return l2e__item_text(it, LANG_CODE) || l2e__item_text(it, LANG_LABEL);
}

static void person(cvw *x, const l2e__profile *p)
{
	const l2e__item *person = l2e__profile_single(p, L2E__SEC_PERSON);
	const char *line, *postal, *city, *iso, *gender;
	const l2e__item *it;

	line = l2e__item_text(person, PERSON_ADDRESS_LINE);
	postal = l2e__item_text(person, PERSON_POSTAL_CODE);
	city = l2e__item_text(person, PERSON_CITY);
	iso = l2e__item_text(person, PERSON_COUNTRY);
	gender = l2e__item_text(person, PERSON_GENDER);

	start(x, "CandidatePerson");
	person_name(x, person);
	email(x, person);
	if (line || postal || city || iso) {
		start(x, "Communication");
		leaf(x, "UseCode", "home");
		start(x, "Address");
		attr(x, "type", "home");
		leaf(x, "oa:AddressLine", line);
		leaf(x, "oa:CityName", city);
		country(x, "CountryCode", iso);
		leaf(x, "oa:PostalCode", postal);
		end(x);
		end(x);
	}
	country(x, "NationalityCode",
	        l2e__item_text(person, PERSON_NATIONALITY));
	if (person && person->values[PERSON_BIRTH_DATE].is_set) {
		char buf[16];

		format_date(buf, &person->values[PERSON_BIRTH_DATE].date);
		leaf(x, "hr:BirthDate", buf);
	}
	/* the v3.4 decision: M and F only; docs 3.5 GenderType spelling */
	gender = l2e__ev3_gender(gender);
	if (gender)
		leaf(x, "GenderCode", gender[0] == 'M' ? "Male" : "Female");
	/* mother tongues: docs 3.5, the examples */
	for (it = p->first[L2E__SEC_LANGUAGE]; it; it = it->next)
		if (l2e__item_bool(it, LANG_MOTHER_TONGUE) &&
		    has_language_name(it))
			language(x, "PrimaryLanguageCode", "name", it);
	end(x);
}

/* ==== Profile ==== */

/* OrganizationContact/Communication/Address with city and country */
static void organisation_contact(cvw *x, const char *city, const char *iso)
{
	if (!city && !iso)
		return;
	start(x, "OrganizationContact");
	start(x, "Communication");
	start(x, "Address");
	leaf(x, "oa:CityName", city);
	country(x, "CountryCode", iso);
	end(x);
	end(x);
	end(x);
}

static int employment(cvw *x, const l2e__profile *p)
{
	const l2e__item *it;
	const char *position;
	l2e__ev3_period period;

	if (!p->first[L2E__SEC_WORK])
		return 0;
	start(x, "EmploymentHistory");
	for (it = p->first[L2E__SEC_WORK]; it; it = it->next) {
		start(x, "EmployerHistory");
		leaf(x, "hr:OrganizationName",
		     l2e__item_text(it, WORK_EMPLOYER));
		organisation_contact(x, l2e__item_text(it, WORK_CITY),
		                     l2e__item_text(it, WORK_COUNTRY));
		start(x, "PositionHistory");
		position = l2e__item_text(it, WORK_POSITION);
		if (position) {
			start(x, "PositionTitle");
			attr(x, "typeCode", "FREETEXT");
			text(x, position);
			end(x);
		}
		/* docs 3.14.5: no EmploymentPeriod without a StartDate */
		if (l2e__ev3_period_fill(&period, it, WORK_FROM, WORK_TO,
		                         WORK_ONGOING) &&
		    period.from) {
			start(x, "eures:EmploymentPeriod");
			date(x, "eures:StartDate", period.from);
			date(x, "eures:EndDate", period.to);
			leaf(x, "hr:CurrentIndicator",
			     period.is_current ? "true" : "false");
			end(x);
		}
		/* the programme (e.g. an exchange programme) stays visible */
		rich(x, "oa:Description", l2e__ev3_work_description(it),
		     l2e__item_text(it, WORK_ACTIVITIES));
		leaf(x, "City", l2e__item_text(it, WORK_CITY));
		country(x, "Country", l2e__item_text(it, WORK_COUNTRY));
		end(x);
		end(x);
	}
	end(x);
	return 1;
}

static int education(cvw *x, const l2e__profile *p)
{
	const l2e__item *it;
	const char *title, *level;
	l2e__ev3_period period;

	if (!p->first[L2E__SEC_EDUCATION])
		return 0;
	start(x, "EducationHistory");
	for (it = p->first[L2E__SEC_EDUCATION]; it; it = it->next) {
		start(x, "EducationOrganizationAttendance");
		leaf(x, "hr:OrganizationName",
		     l2e__item_text(it, EDU_ORGANISATION));
		organisation_contact(x, l2e__item_text(it, EDU_CITY),
		                     l2e__item_text(it, EDU_COUNTRY));
		if (l2e__ev3_period_fill(&period, it, EDU_FROM, EDU_TO,
		                         EDU_ONGOING)) {
			start(x, "AttendancePeriod");
			date(x, "StartDate", period.from);
			date(x, "EndDate", period.to);
			leaf(x, "Ongoing",
			     period.is_current ? "true" : "false");
			end(x);
		}
		title = l2e__item_text(it, EDU_TITLE);
		if (title) {
			start(x, "EducationDegree");
			leaf(x, "hr:DegreeName", title);
			rich(x, "OccupationalSkillsCovered",
			     l2e__item_text(it, EDU_ACTIVITIES), NULL);
			end(x);
		}
		level = l2e__item_text(it, EDU_EQF_LEVEL);
		if (level) {
			/* EQF, not ISCED: BR-COM-55 and the CL15 attributes */
			start(x, "EducationLevelCode");
			attr(x, "listName", "EURES_EQF");
			attr(x, "listVersionID", "2008/C11/01");
			attr(x, "listURI",
			     "http://ec.europa.eu/esco/Concept"
			     "Scheme/EQF2012/ConceptScheme");
			text(x, level);
			end(x);
		}
		end(x);
	}
	end(x);
	return 1;
}

static int certifications(cvw *x, const l2e__profile *p)
{
	const l2e__item *it;
	const char *body;

	if (!p->first[L2E__SEC_CERTIFICATE])
		return 0;
	start(x, "Certifications");
	for (it = p->first[L2E__SEC_CERTIFICATE]; it; it = it->next) {
		start(x, "Certification");
		leaf(x, "hr:CertificationName", l2e__item_text(it, CERT_TITLE));
		date(x, "FirstIssuedDate", &it->values[CERT_DATE]);
		body = l2e__item_text(it, CERT_AWARDING_BODY);
		if (body) {
			start(x, "IssuingAuthority");
			leaf(x, "Name", body);
			end(x);
		}
		rich(x, "oa:Description", l2e__item_text(it, CERT_CODE), NULL);
		leaf(x, "Link", l2e__item_text(it, CERT_URL));
		end(x);
	}
	end(x);
	return 1;
}

static int foreign_languages(cvw *x, const l2e__profile *p)
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
			start(x, "PersonQualifications");
		is_open = 1;
		start(x, "PersonCompetency");
		language(x, "CompetencyID", "schemeName", it);
		leaf(x, "hr:TaxonomyID", "language");
		for (i = 0; i < sizeof(grid) / sizeof(grid[0]); i++) {
			if (!l2e__item_text(it, grid[i].field))
				continue;
			start(x, "eures:CompetencyDimension");
			leaf(x, "hr:CompetencyDimensionTypeCode", grid[i].code);
			start(x, "eures:Score");
			leaf(x, "hr:ScoreText",
			     l2e__item_text(it, grid[i].field));
			end(x);
			end(x);
		}
		end(x);
	}
	if (is_open)
		end(x);
	return is_open;
}

static int digital_skills(cvw *x, const l2e__profile *p)
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
			start(x, "Skills");
		is_open = 1;
		start(x, "PersonCompetency");
		leaf(x, "hr:TaxonomyID", "Digital_Skill");
		leaf(x, "hr:CompetencyName", label);
		end(x);
	}
	if (is_open)
		end(x);
	return is_open;
}

/*
 * The career (LOB) texts: one Others per competence, all with the same
 * section title (docs 3.37: Others 0..n, one Other each).
 */
static void career(cvw *x, const l2e__profile *p, const char *lang)
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
		start(x, "Others");
		leaf(x, "Title", section);
		start(x, "Other");
		leaf(x, "Title", title ? title : section);
		rich(x, "Description", body, NULL);
		end(x);
		end(x);
	}
}

typedef struct sections {
	int has_work, has_education, has_language, has_digital,
	    has_certificates;
} sections;

static void rendering(cvw *x, const sections *s)
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
	start(x, "RenderingInformation");
	start(x, "Design");
	leaf(x, "Template", "Template1");
	leaf(x, "Color", "Default");
	leaf(x, "FontSize", "Medium");
	leaf(x, "Logo", "FirstPage");
	leaf(x, "PageNumbers", "true");
	start(x, "SectionsOrder");
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!order[i].is_shown)
			continue;
		start(x, "Section");
		leaf(x, "Title", order[i].title);
		end(x);
	}
	end(x);
	end(x);
	end(x);
}

static void candidate(cvw *x, const l2e__profile *p)
{
	const char *locale = l2e__ev3_locale(p);
	const l2e__item *it;
	sections s = { 0, 0, 0, 0, 0 };
	char lang[3], id[37];

	lang[0] = (char)(locale[0] | 32);
	lang[1] = (char)(locale[1] | 32);
	lang[2] = '\0';
	uuid(id, p, -1, "DocumentID");

	start(x, "Candidate");
	attr(x, "xmlns", l2e__cv_ns_uri(L2E__CV_NS_EUROPASS));
	attr(x, "xmlns:oa", l2e__cv_ns_uri(L2E__CV_NS_OA));
	attr(x, "xmlns:eures", l2e__cv_ns_uri(L2E__CV_NS_EURES));
	attr(x, "xmlns:hr", l2e__cv_ns_uri(L2E__CV_NS_HR));
	attr(x, "xmlns:xsi", XSI);
	attr(x, "xsi:schemaLocation", SCHEMA_LOCATION);
	identifier(x, "hr:DocumentID", id, "DocumentIdentifier", "4.0");
	supplier(x, p);
	person(x, p);

	start(x, "CandidateProfile");
	attr(x, "languageCode", lang);
	rich(x, "hr:ExecutiveSummary",
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
	end(x);

	rendering(x, &s);
	end(x);
}

int l2e__write_europass_cv(l2e_buf *out, l2e_ctx *ctx, const l2e__profile *p,
                           const l2e__write_info *info)
{
	size_t was = out->len;
	cvw x;

	memset(&x, 0, sizeof(x));
	l2e__xml_begin_standalone(&x.xml, out);
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
