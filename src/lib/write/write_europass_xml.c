/*
 * write_europass_xml.c - Europass v3.4 XML (SkillsPassport).
 *
 * Elements come in the order the official schema (v3.4.1) requires; the
 * conformance test validates every sample against it. libxml2's text
 * emitter (xml_out.c) writes what libxml2's text writer would, byte for
 * byte, and does all escaping; nothing is concatenated into markup.
 * What goes in the document (codes or labels, joined texts, ...) is
 * decided in europass/v3_view.c, which the JSON writer shares.
 */
#include "writer.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "europass/v3_view.h"
#include "write/xml_out.h"

#define NS "http://europass.cedefop.europa.eu/Europass"
#define SCHEMA_LOCATION                                     \
	NS " http://europass.cedefop.europa.eu/xml/v3.4.0/" \
	   "EuropassSchema.xsd"

/* The emitter has a sticky error: emit freely, check once. */
typedef l2e__xml_out xw;

static void start(xw *x, const char *name)
{
	l2e__xml_start(x, name);
}

static void end(xw *x)
{
	l2e__xml_end(x);
}

static void attr(xw *x, const char *name, const char *value)
{
	l2e__xml_attr(x, name, value);
}

/* <name>text</name>, nothing when text is NULL */
static void leaf(xw *x, const char *name, const char *text)
{
	l2e__xml_leaf(x, name, text);
}

/* A view function ran out of memory: the document fails. */
static void fail(xw *x)
{
	if (!x->error)
		x->error = L2E_ENOMEM;
}

/* `dashes` then `n` as "%02d" (buf holds 16); snprintf was a tenth of
 * the XML writer. */
static const char *two_digits(char *buf, const char *dashes, int n)
{
	size_t k = strlen(dashes);

	if (n < 0 || n > 99) {
		snprintf(buf, 16, "%s%02d", dashes, n);
		return buf;
	}
	memcpy(buf, dashes, k);
	buf[k] = (char)('0' + n / 10 % 10);
	buf[k + 1] = (char)('0' + n % 10);
	buf[k + 2] = '\0';
	return buf;
}

static void date(xw *x, const char *name, const l2e__value *v)
{
	char buf[16];
	int y;

	if (!v || !v->is_set)
		return;
	start(x, name);
	y = v->date.year;
	if (y >= 0 && y <= 9999) {
		buf[0] = (char)('0' + y / 1000);
		buf[1] = (char)('0' + y / 100 % 10);
		buf[2] = (char)('0' + y / 10 % 10);
		buf[3] = (char)('0' + y % 10);
		buf[4] = '\0';
	} else {
		snprintf(buf, sizeof(buf), "%04d", y);
	}
	attr(x, "year", buf);
	if (v->date.month)
		attr(x, "month", two_digits(buf, "--", v->date.month));
	if (v->date.day)
		attr(x, "day", two_digits(buf, "---", v->date.day));
	end(x);
}

static void period(xw *x, const l2e__item *it, int from, int to, int ongoing)
{
	l2e__ev3_period pd;

	if (!l2e__ev3_period_fill(&pd, it, from, to, ongoing))
		return;
	start(x, "Period");
	date(x, "From", pd.from);
	if (pd.is_current)
		leaf(x, "Current", "true");
	else
		date(x, "To", pd.to);
	end(x);
}

/* <name><Code/><Label/></name> with the parts given */
static void coded(xw *x, const char *name, const l2e__ev3_coded *c)
{
	start(x, name);
	leaf(x, "Code", c->code);
	leaf(x, "Label", c->label);
	end(x);
}

static void country(xw *x, const char *iso, const char *label)
{
	l2e__ev3_coded c;

	if (l2e__ev3_country(&c, iso, label))
		coded(x, "Country", &c);
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
                         const char *city, const char *iso, const char *label)
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
	const char *surname = NULL;
	l2e_buf scratch = L2E_BUF_INIT;

	if (l2e__ev3_surname(&surname, &scratch, p) < 0)
		fail(x);
	if (first || surname) {
		start(x, "PersonName");
		leaf(x, "FirstName", first);
		leaf(x, "Surname", surname);
		end(x);
	}
	l2e_buf_dispose(&scratch);
}

static void identification(xw *x, const l2e__profile *prof)
{
	const l2e__item *p = l2e__profile_single(prof, L2E__SEC_PERSON);
	l2e__ev3_person c;
	l2e__ev3_coded nat;

	if (!p)
		return;
	l2e__ev3_person_fill(&c, p);

	start(x, "Identification");
	person_name(x, p);
	if (c.has_contact) {
		start(x, "ContactInfo");
		address(x, c.line, c.postal, c.city, c.iso, c.label);
		if (c.email) {
			start(x, "Email");
			leaf(x, "Contact", c.email);
			end(x);
		}
		if (c.phone) {
			start(x, "TelephoneList");
			start(x, "Telephone");
			leaf(x, "Contact", c.phone);
			end(x);
			end(x);
		}
		end(x);
	}
	if (c.has_demographics) {
		start(x, "Demographics");
		date(x, "Birthdate", &p->values[PERSON_BIRTH_DATE]);
		if (l2e__ev3_gender(c.gender)) {
			start(x, "Gender");
			leaf(x, "Code", c.gender);
			end(x);
		}
		if (c.nationality) {
			l2e__ev3_nationality(&nat, c.nationality);
			start(x, "NationalityList");
			coded(x, "Nationality", &nat);
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
	leaf(x, "Code", L2E__EV3_HEADLINE_TYPE);
	end(x);
	start(x, "Description");
	leaf(x, "Label", text);
	end(x);
	end(x);
}

static void work_experience(xw *x, const l2e__profile *prof)
{
	const l2e__item *it;
	const char *position;

	if (!prof->first[L2E__SEC_WORK])
		return;
	start(x, "WorkExperienceList");
	for (it = prof->first[L2E__SEC_WORK]; it; it = it->next) {
		start(x, "WorkExperience");
		period(x, it, WORK_FROM, WORK_TO, WORK_ONGOING);
		leaf(x, "Description", l2e__ev3_work_description(it));
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

static void language_description(xw *x, const l2e__item *it, int is_mother)
{
	l2e__ev3_coded c;

	l2e__ev3_language(&c, it, is_mother);
	coded(x, "Description", &c);
}

/* The self-assessment grid of a foreign language, when it has levels. */
static void cefr_levels(xw *x, const l2e__item *it)
{
	size_t i;

	if (!l2e__ev3_has_cefr(it))
		return;
	start(x, "ProficiencyLevel");
	for (i = 0; i < L2E__EV3_N_CEFR; i++)
		leaf(x, l2e__ev3_cefr[i].name,
		     l2e__item_text(it, l2e__ev3_cefr[i].field));
	end(x);
}

static void languages(xw *x, const l2e__profile *prof)
{
	const l2e__item *it;
	int has_mother, has_foreign;

	l2e__ev3_language_kinds(prof, &has_mother, &has_foreign);
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
			cefr_levels(x, it);
			if (l2e__item_text(it, LANG_CERTIFICATE)) {
				start(x, "VerifiedBy");
				start(x, "Certificate");
				leaf(x, "Title",
				     l2e__item_text(it, LANG_CERTIFICATE));
				date(x, "Date",
				     &it->values[LANG_CERTIFICATE_DATE]);
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
	l2e__ev3_computer c;
	size_t i;

	if (l2e__ev3_computer_fill(&c, prof) < 0)
		fail(x);
	if (c.is_present) {
		start(x, "Computer");
		leaf(x, "Description", c.description.ptr);
		if (c.has_grid) {
			start(x, "ProficiencyLevel");
			for (i = 0; i < L2E__EV3_N_ICT; i++)
				leaf(x, l2e__ev3_ict[i],
				     c.level[i][0] ? c.level[i] : NULL);
			end(x);
		}
		end(x);
	}
	l2e__ev3_computer_dispose(&c);
}

/* Career (LOB) competences: the student's own texts, under "Other". */
static void other_skills(xw *x, const l2e__profile *prof)
{
	l2e_buf text = L2E_BUF_INIT;

	if (l2e__ev3_other_text(&text, prof) < 0)
		fail(x);
	if (text.ptr) {
		start(x, "Other");
		leaf(x, "Description", text.ptr);
		end(x);
	}
	l2e_buf_dispose(&text);
}

static void skills(xw *x, const l2e__profile *prof)
{
	if (!l2e__ev3_has_skills(prof))
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

	if (l2e__ev3_certifications_text(&text, prof) < 0)
		fail(x);
	if (text.ptr) {
		start(x, "AchievementList");
		start(x, "Achievement");
		start(x, "Title");
		leaf(x, "Code", L2E__EV3_ACHIEVEMENT);
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
	char now[32];
	const char *created = l2e__ev3_created(now, prof, info->document_time);

	start(x, "DocumentInfo");
	leaf(x, "DocumentType", L2E__EV3_DOCUMENT_TYPE);
	leaf(x, "CreationDate", created);
	leaf(x, "LastUpdateDate", created);
	leaf(x, "XSDVersion", L2E__EV3_XSD_VERSION);
	leaf(x, "Generator", info->generator);
	leaf(x, "EuropassLogo", "true");
	end(x);
}

int l2e__write_europass_xml(l2e_buf *out, l2e_ctx *ctx, const l2e__profile *p,
                            const l2e__write_info *info)
{
	const char *locale = l2e__ev3_locale(p);
	size_t was = out->len;
	xw x;

	l2e__xml_begin(&x, out);
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
	if (l2e__xml_finish(&x) == 0)
		return 0;
	/* nothing of a failed document stays in `out` */
	out->len = was;
	if (out->ptr)
		out->ptr[was] = '\0';
	if (x.error == L2E_ENOMEM || x.error == L2E_ELIMIT)
		return l2e__error_set(ctx, x.error, L2E_ERRCLASS_WRITE,
		                      "out of memory");
	return l2e__error_set(ctx, x.error, L2E_ERRCLASS_WRITE,
	                      "Europass XML could not be written");
}
