/*
 * write_europass_xml.c - Europass v3.4 XML (SkillsPassport).
 *
 * Elements come in the order the official schema (v3.4.1) requires; the
 * conformance test validates every sample against it. libxml2's text
 * writer does all escaping; nothing is concatenated into markup.
 * Codes outside Europass's lists are written as a Label only, as the
 * schema leaves Code optional (codelists.md §4, §5).
 */
#include "writer.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "core/buf.h"
#include "write/europass_v3_codes.h"

#define NS "http://europass.cedefop.europa.eu/Europass"
#define SCHEMA_LOCATION NS " http://europass.cedefop.europa.eu/xml/v3.4.0/" \
                           "EuropassSchema.xsd"

/* The text writer with a sticky error: emit freely, check once. */
typedef struct xw {
	xmlTextWriterPtr w;
	int failed;
} xw;

static void start(xw *x, const char *name)
{
	if (!x->failed && xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
		x->failed = 1;
}

static void end(xw *x)
{
	if (!x->failed && xmlTextWriterEndElement(x->w) < 0)
		x->failed = 1;
}

static void attr(xw *x, const char *name, const char *value)
{
	if (!x->failed && xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
	                                              BAD_CAST value) < 0)
		x->failed = 1;
}

/* <name>text</name>, nothing when text is NULL */
static void leaf(xw *x, const char *name, const char *text)
{
	if (!text || x->failed)
		return;
	if (xmlTextWriterWriteElement(x->w, BAD_CAST name, BAD_CAST text) < 0)
		x->failed = 1;
}

static void date(xw *x, const char *name, const l2e__value *v)
{
	char buf[16];

	if (!v->is_set)
		return;
	start(x, name);
	snprintf(buf, sizeof(buf), "%04d", v->date.year);
	attr(x, "year", buf);
	if (v->date.month) {
		snprintf(buf, sizeof(buf), "--%02d", v->date.month);
		attr(x, "month", buf);
	}
	if (v->date.day) {
		snprintf(buf, sizeof(buf), "---%02d", v->date.day);
		attr(x, "day", buf);
	}
	end(x);
}

static void period(xw *x, const l2e__item *it, int from, int to,
                   int ongoing)
{
	int is_current = l2e__item_bool(it, ongoing);

	if (!it->values[from].is_set && !it->values[to].is_set && !is_current)
		return;
	start(x, "Period");
	date(x, "From", &it->values[from]);
	if (is_current)
		leaf(x, "Current", "true");
	else
		date(x, "To", &it->values[to]);
	end(x);
}

static void country(xw *x, const char *iso, const char *label)
{
	const char *code = iso ? l2e__europass_country(iso) : NULL;
	int is_listed = code && l2e__europass_v3_country(code);

	if (!is_listed && !label && !iso)
		return;
	start(x, "Country");
	if (is_listed)
		leaf(x, "Code", code);
	leaf(x, "Label", label ? label : (is_listed ? NULL : iso));
	end(x);
}

/* Address/Contact with the parts given (any may be NULL). */
static void address(xw *x, const char *line, const char *postal,
                    const char *city, const char *iso, const char *label)
{
	if (!line && !postal && !city && !iso && !label)
		return;
	start(x, "Address");
	start(x, "Contact");
	leaf(x, "AddressLine", line);
	leaf(x, "PostalCode", postal);
	leaf(x, "Municipality", city);
	country(x, iso, label);
	end(x);
	end(x);
}

static void organisation(xw *x, const char *element, const char *name,
                         const char *city, const char *iso,
                         const char *label)
{
	if (!name && !city && !iso && !label)
		return;
	start(x, element);
	leaf(x, "Name", name);
	if (city || iso || label) {
		start(x, "ContactInfo");
		address(x, NULL, NULL, city, iso, label);
		end(x);
	}
	end(x);
}

/* ==== Sections ==== */

static void person_name(xw *x, const l2e__item *p)
{
	const char *first = l2e__item_text(p, PERSON_FIRST_NAME);
	const char *prefix = l2e__item_text(p, PERSON_SURNAME_PREFIX);
	const char *surname = l2e__item_text(p, PERSON_SURNAME);
	l2e_buf full = L2E_BUF_INIT;

	if (!first && !surname)
		return;
	start(x, "PersonName");
	leaf(x, "FirstName", first);
	if (surname && prefix) {
		/* "van der" + "Testra": the surname as it is written */
		if (l2e__buf_printf(&full, "%s %s", prefix, surname) < 0)
			x->failed = 1;
		leaf(x, "Surname", full.ptr);
	} else {
		leaf(x, "Surname", surname);
	}
	end(x);
	l2e_buf_dispose(&full);
}

static void identification(xw *x, const l2e__profile *prof)
{
	const l2e__item *p = l2e__profile_single(prof, L2E__SEC_PERSON);
	const char *email, *phone, *gender, *nationality;
	const char *line, *postal, *city, *iso, *label;

	if (!p)
		return;
	email = l2e__item_text(p, PERSON_EMAIL);
	phone = l2e__item_text(p, PERSON_PHONE);
	line = l2e__item_text(p, PERSON_ADDRESS_LINE);
	postal = l2e__item_text(p, PERSON_POSTAL_CODE);
	city = l2e__item_text(p, PERSON_CITY);
	iso = l2e__item_text(p, PERSON_COUNTRY);
	label = l2e__item_text(p, PERSON_COUNTRY_LABEL);
	gender = l2e__item_text(p, PERSON_GENDER);
	nationality = l2e__item_text(p, PERSON_NATIONALITY);

	start(x, "Identification");
	person_name(x, p);
	if (email || phone || line || postal || city || iso || label) {
		start(x, "ContactInfo");
		address(x, line, postal, city, iso, label);
		if (email) {
			start(x, "Email");
			leaf(x, "Contact", email);
			end(x);
		}
		if (phone) {
			start(x, "TelephoneList");
			start(x, "Telephone");
			leaf(x, "Contact", phone);
			end(x);
			end(x);
		}
		end(x);
	}
	if (p->values[PERSON_BIRTH_DATE].is_set || gender || nationality) {
		start(x, "Demographics");
		date(x, "Birthdate", &p->values[PERSON_BIRTH_DATE]);
		/* Europass knows M and F only (Demographics.xsd) */
		if (gender && (!strcmp(gender, "M") || !strcmp(gender, "F"))) {
			start(x, "Gender");
			leaf(x, "Code", gender);
			end(x);
		}
		if (nationality) {
			const char *code = l2e__europass_country(nationality);

			start(x, "NationalityList");
			start(x, "Nationality");
			if (l2e__europass_v3_country(code))
				leaf(x, "Code", code);
			else
				leaf(x, "Label", nationality);
			end(x);
			end(x);
		}
		end(x);
	}
	end(x);
}

static void headline(xw *x, const l2e__profile *prof)
{
	const char *text = l2e__item_text(
	        l2e__profile_single(prof, L2E__SEC_HEADLINE), HEADLINE_TEXT);

	if (!text)
		return;
	start(x, "Headline");
	start(x, "Type");
	leaf(x, "Code", "personal_statement");
	end(x);
	start(x, "Description");
	leaf(x, "Label", text);
	end(x);
	end(x);
}

static void work_experience(xw *x, const l2e__profile *prof)
{
	const l2e__item *it;
	const char *description, *position;

	if (!prof->first[L2E__SEC_WORK])
		return;
	start(x, "WorkExperienceList");
	for (it = prof->first[L2E__SEC_WORK]; it; it = it->next) {
		start(x, "WorkExperience");
		period(x, it, WORK_FROM, WORK_TO, WORK_ONGOING);
		/* the programme (e.g. Erasmus+) stays visible */
		description = l2e__item_text(it, WORK_DESCRIPTION);
		leaf(x, "Description", description
		        ? description : l2e__item_text(it, WORK_PROGRAMME));
		position = l2e__item_text(it, WORK_POSITION);
		if (position) {
			start(x, "Position");
			leaf(x, "Label", position);
			end(x);
		}
		leaf(x, "Activities", l2e__item_text(it, WORK_ACTIVITIES));
		organisation(x, "Employer", l2e__item_text(it, WORK_EMPLOYER),
		             l2e__item_text(it, WORK_CITY),
		             l2e__item_text(it, WORK_COUNTRY),
		             l2e__item_text(it, WORK_COUNTRY_LABEL));
		end(x);
	}
	end(x);
}

static void education(xw *x, const l2e__profile *prof)
{
	const l2e__item *it;
	const char *level, *field;

	if (!prof->first[L2E__SEC_EDUCATION])
		return;
	start(x, "EducationList");
	for (it = prof->first[L2E__SEC_EDUCATION]; it; it = it->next) {
		start(x, "Education");
		period(x, it, EDU_FROM, EDU_TO, EDU_ONGOING);
		leaf(x, "Title", l2e__item_text(it, EDU_TITLE));
		leaf(x, "Activities", l2e__item_text(it, EDU_ACTIVITIES));
		organisation(x, "Organisation",
		             l2e__item_text(it, EDU_ORGANISATION),
		             l2e__item_text(it, EDU_CITY),
		             l2e__item_text(it, EDU_COUNTRY),
		             l2e__item_text(it, EDU_COUNTRY_LABEL));
		level = l2e__item_text(it, EDU_EQF_LEVEL);
		if (level) {
			start(x, "Level");
			leaf(x, "Code", level);
			end(x);
		}
		field = l2e__item_text(it, EDU_FIELD);
		if (field) {
			start(x, "Field");
			leaf(x, "Label", field);
			end(x);
		}
		end(x);
	}
	end(x);
}

static void language_description(xw *x, const l2e__item *it,
                                 int is_mother)
{
	const char *code = l2e__item_text(it, LANG_CODE);
	const char *label = l2e__item_text(it, LANG_LABEL);
	int is_listed = code && l2e__europass_v3_language(code, is_mother);

	start(x, "Description");
	if (is_listed)
		leaf(x, "Code", code);
	leaf(x, "Label", label ? label : (is_listed ? NULL : code));
	end(x);
}

static void languages(xw *x, const l2e__profile *prof)
{
	static const struct { int field; const char *element; } skills[] = {
		{ LANG_LISTENING, "Listening" },
		{ LANG_READING, "Reading" },
		{ LANG_SPOKEN_INTERACTION, "SpokenInteraction" },
		{ LANG_SPOKEN_PRODUCTION, "SpokenProduction" },
		{ LANG_WRITING, "Writing" },
	};
	const l2e__item *it;
	int has_mother = 0, has_foreign = 0, has_level;
	size_t i;

	for (it = prof->first[L2E__SEC_LANGUAGE]; it; it = it->next) {
		if (l2e__item_bool(it, LANG_MOTHER_TONGUE))
			has_mother = 1;
		else
			has_foreign = 1;
	}
	if (!has_mother && !has_foreign)
		return;
	start(x, "Linguistic");
	if (has_mother) {
		start(x, "MotherTongueList");
		for (it = prof->first[L2E__SEC_LANGUAGE]; it; it = it->next) {
			if (!l2e__item_bool(it, LANG_MOTHER_TONGUE))
				continue;
			start(x, "MotherTongue");
			language_description(x, it, 1);
			end(x);
		}
		end(x);
	}
	if (has_foreign) {
		start(x, "ForeignLanguageList");
		for (it = prof->first[L2E__SEC_LANGUAGE]; it; it = it->next) {
			if (l2e__item_bool(it, LANG_MOTHER_TONGUE))
				continue;
			start(x, "ForeignLanguage");
			language_description(x, it, 0);
			has_level = 0;
			for (i = 0; i < sizeof(skills) / sizeof(skills[0]); i++)
				has_level |= it->values[skills[i].field].is_set;
			if (has_level) {
				start(x, "ProficiencyLevel");
				for (i = 0; i < sizeof(skills) / sizeof(skills[0]); i++)
					leaf(x, skills[i].element,
					     l2e__item_text(it, skills[i].field));
				end(x);
			}
			if (l2e__item_text(it, LANG_CERTIFICATE)) {
				start(x, "VerifiedBy");
				start(x, "Certificate");
				leaf(x, "Title", l2e__item_text(it, LANG_CERTIFICATE));
				date(x, "Date", &it->values[LANG_CERTIFICATE_DATE]);
				end(x);
				end(x);
			}
			end(x);
		}
		end(x);
	}
	end(x);
}

static void computer(xw *x, const l2e__profile *prof)
{
	static const struct { const char *area; const char *element; } grid[] = {
		{ "information", "Information" },
		{ "communication", "Communication" },
		{ "content_creation", "ContentCreation" },
		{ "safety", "Safety" },
		{ "problem_solving", "ProblemSolving" },
	};
	char best[5][2] = { "", "", "", "", "" };
	l2e_buf labels = L2E_BUF_INIT;
	const l2e__item *it;
	const char *area, *level, *label;
	int has_grid = 0;
	size_t i;

	if (!prof->first[L2E__SEC_DIGITAL])
		return;
	for (it = prof->first[L2E__SEC_DIGITAL]; it; it = it->next) {
		label = l2e__item_text(it, DIG_LABEL);
		if (label && l2e__buf_printf(&labels, "%s%s",
		                             labels.len ? ", " : "", label) < 0)
			x->failed = 1;
		area = l2e__item_text(it, DIG_AREA);
		level = l2e__item_text(it, DIG_LEVEL);
		if (!area || !level)
			continue;
		/* the grid has one level per area: the highest one shown */
		for (i = 0; i < 5; i++)
			if (!strcmp(area, grid[i].area) && level[0] > best[i][0]) {
				best[i][0] = level[0];
				has_grid = 1;
			}
	}
	start(x, "Computer");
	leaf(x, "Description", labels.ptr);
	if (has_grid) {
		start(x, "ProficiencyLevel");
		for (i = 0; i < 5; i++)
			leaf(x, grid[i].element, best[i][0] ? best[i] : NULL);
		end(x);
	}
	end(x);
	l2e_buf_dispose(&labels);
}

/* Career (LOB) competences: the student's own texts, under "Other". */
static void other_skills(xw *x, const l2e__profile *prof)
{
	l2e_buf text = L2E_BUF_INIT;
	const l2e__item *it;
	const char *title, *body;

	for (it = prof->first[L2E__SEC_CAREER]; it; it = it->next) {
		title = l2e__item_text(it, CAREER_TITLE);
		body = l2e__item_text(it, CAREER_TEXT);
		if (!body)
			continue;
		if (l2e__buf_printf(&text, "%s%s%s%s", text.len ? "\n\n" : "",
		                    title ? title : "", title ? ": " : "",
		                    body) < 0)
			x->failed = 1;
	}
	if (text.ptr) {
		start(x, "Other");
		leaf(x, "Description", text.ptr);
		end(x);
	}
	l2e_buf_dispose(&text);
}

static void skills(xw *x, const l2e__profile *prof)
{
	int has_career_text = 0;
	const l2e__item *it;

	for (it = prof->first[L2E__SEC_CAREER]; it; it = it->next)
		has_career_text |= l2e__item_text(it, CAREER_TEXT) != NULL;
	if (!prof->first[L2E__SEC_LANGUAGE] && !prof->first[L2E__SEC_DIGITAL] &&
	    !has_career_text)
		return;
	start(x, "Skills");
	languages(x, prof);
	computer(x, prof);
	other_skills(x, prof);
	end(x);
}

static void achievements(xw *x, const l2e__profile *prof)
{
	l2e_buf text = L2E_BUF_INIT;
	const l2e__item *it;
	const l2e__value *d;
	const char *parts[4];
	size_t i, n;

	for (it = prof->first[L2E__SEC_CERTIFICATE]; it; it = it->next) {
		if (text.len && l2e__buf_puts(&text, "\n") < 0)
			x->failed = 1;
		n = 0;
		parts[n++] = l2e__item_text(it, CERT_TITLE);
		parts[n++] = l2e__item_text(it, CERT_CODE);
		parts[n++] = l2e__item_text(it, CERT_AWARDING_BODY);
		parts[n++] = l2e__item_text(it, CERT_URL);
		for (i = 0; i < n; i++) {
			if (!parts[i])
				continue;
			if (l2e__buf_printf(&text, "%s%s",
			                    text.len && text.ptr[text.len - 1] !=
			                    '\n' ? ", " : "", parts[i]) < 0)
				x->failed = 1;
		}
		d = &it->values[CERT_DATE];
		if (d->is_set) {
			int rc = d->date.day
			        ? l2e__buf_printf(&text, ", %04d-%02d-%02d",
			                          d->date.year, d->date.month,
			                          d->date.day)
			        : d->date.month
			        ? l2e__buf_printf(&text, ", %04d-%02d",
			                          d->date.year, d->date.month)
			        : l2e__buf_printf(&text, ", %04d", d->date.year);
			if (rc < 0)
				x->failed = 1;
		}
	}
	if (text.ptr) {
		start(x, "AchievementList");
		start(x, "Achievement");
		start(x, "Title");
		leaf(x, "Code", "certifications");
		end(x);
		leaf(x, "Description", text.ptr);
		end(x);
		end(x);
	}
	l2e_buf_dispose(&text);
}

static void document_info(xw *x, const l2e__profile *prof,
                          const l2e__write_info *info)
{
	const l2e__item *doc = l2e__profile_single(prof, L2E__SEC_DOCUMENT);
	const char *created = l2e__item_text(doc, DOC_CREATED);
	char now[32];

	if (!created) {
		l2e__format_datetime(now, info->document_time);
		created = now;
	}
	start(x, "DocumentInfo");
	leaf(x, "DocumentType", "ECV");
	leaf(x, "CreationDate", created);
	leaf(x, "LastUpdateDate", created);
	leaf(x, "XSDVersion", "V3.4");
	leaf(x, "Generator", info->generator);
	leaf(x, "EuropassLogo", "true");
	end(x);
}

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

int l2e__write_europass_xml(l2e_buf *out, l2e_ctx *ctx,
                            const l2e__profile *p,
                            const l2e__write_info *info)
{
	const char *locale = l2e__item_text(
	        l2e__profile_single(p, L2E__SEC_DOCUMENT), DOC_LOCALE);
	xmlBufferPtr buf = NULL;
	xw x = { NULL, 0 };
	int error = 0;

	if (!locale || !valid_locale(locale))
		locale = "nl";
	buf = xmlBufferCreate();
	x.w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	if (!x.w) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_WRITE,
		                       "out of memory");
		goto done;
	}
	xmlTextWriterSetIndent(x.w, 1);
	xmlTextWriterSetIndentString(x.w, BAD_CAST "  ");
	if (xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL) < 0)
		x.failed = 1;
	start(&x, "SkillsPassport");
	attr(&x, "xmlns", NS);
	attr(&x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	attr(&x, "xsi:schemaLocation", SCHEMA_LOCATION);
	attr(&x, "locale", locale);
	document_info(&x, p, info);
	start(&x, "LearnerInfo");
	identification(&x, p);
	headline(&x, p);
	work_experience(&x, p);
	education(&x, p);
	skills(&x, p);
	achievements(&x, p);
	end(&x);
	end(&x);
	if (!x.failed && xmlTextWriterEndDocument(x.w) < 0)
		x.failed = 1;
	xmlFreeTextWriter(x.w); /* flushes into buf */
	x.w = NULL;
	if (x.failed) {
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_WRITE,
		                       "Europass XML could not be written");
		goto done;
	}
	if (l2e__buf_put(out, (const char *)xmlBufferContent(buf),
	                 (size_t)xmlBufferLength(buf)) < 0)
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_WRITE,
		                       "out of memory");
done:
	xmlFreeTextWriter(x.w);
	xmlBufferFree(buf);
	return error;
}
