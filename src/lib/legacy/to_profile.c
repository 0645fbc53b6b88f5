/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * to_profile.c - an upgraded v3.4 SkillsPassport read into the learner
 * profile (model/profile.h), the one model every writer consumes, so
 * that the CV writer can make the current Europass CV XML of it (see
 * convert/upgrade_cv.c, which holds the writer end).
 *
 * The profile holds less than a SkillsPassport: one e-mail, one phone,
 * one nationality, no photo, no attachments, no achievements, no generic
 * skills but digital ones. What it cannot hold is a warning, once per
 * kind; what its setters refuse (a code not in a list) a warning each.
 */
#include "legacy/legacy.h"

#include "legacy/up_base.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "model/profile.h"

typedef struct rd {
	l2e__up *u;
	l2e__profile *p;
	int is_oom;
} rd;

/* The text of child path "A/B/C" of `n` (NULL: none). xmlFree it. */
static xmlChar *text_at(const xmlNode *n, const char *path)
{
	char part[64];
	const char *slash;
	size_t len;

	while (n && *path) {
		slash = strchr(path, '/');
		len = slash ? (size_t)(slash - path) : strlen(path);
		if (len >= sizeof(part))
			return NULL;
		memcpy(part, path, len);
		part[len] = '\0';
		n = l2e__up_child(n, part);
		path += len + (slash ? 1 : 0);
	}
	return l2e__up_text(n);
}

static void set(rd *r, l2e__item *item, int section, int field,
                const xmlNode *n, const char *path)
{
	xmlChar *t = text_at(n, path);
	const char *note = NULL;
	size_t redacted = 0;
	int rc;

	if (!t || !item)
		goto done;
	rc = l2e__profile_set(r->p, item, section, field, (const char *)t,
	                      &redacted, &note);
	if (rc == L2E_ENOMEM)
		r->is_oom = 1;
	else if (rc == L2E__SET_REFUSED)
		l2e__up_warn(r->u, n, "europass-cv",
		             "%s/%s '%s' is left out of the Europass CV: %s",
		             (const char *)n->name, path, (const char *)t,
		             note ? note : "not a value it takes");
done:
	xmlFree(t);
}

static int atoi_4(const char *s)
{
	int v = 0, i;

	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* A DateType element (year, month="--MM", day="---DD") into `field`. */
static void date(l2e__item *item, int field, const xmlNode *n)
{
	xmlChar *y = n ? xmlGetProp(n, BAD_CAST "year") : NULL;
	xmlChar *m = n ? xmlGetProp(n, BAD_CAST "month") : NULL;
	xmlChar *d = n ? xmlGetProp(n, BAD_CAST "day") : NULL;
	l2e__date v = { 0, 0, 0 };

	if (item && y && strlen((const char *)y) == 4) {
		v.year = atoi_4((const char *)y);
		if (m && strlen((const char *)m) == 4)
			v.month = (m[2] - '0') * 10 + (m[3] - '0');
		if (v.month && d && strlen((const char *)d) == 5)
			v.day = (d[3] - '0') * 10 + (d[4] - '0');
		l2e__profile_set_date(item, field, v);
	}
	xmlFree(y);
	xmlFree(m);
	xmlFree(d);
}

static void set_text(rd *r, l2e__item *item, int section, int field,
                     const char *text)
{
	size_t redacted = 0;

	if (item && l2e__profile_set(r->p, item, section, field, text,
	                             &redacted, NULL) == L2E_ENOMEM)
		r->is_oom = 1;
}

static void left_out(rd *r, const xmlNode *n, const char *what)
{
	if (n)
		l2e__up_warn(r->u, n, "europass-cv",
		             "%s: the Europass CV made here has no place for "
		             "it; left out",
		             what);
}

/* City and country of an organisation (Employer, Organisation). */
static void place(rd *r, l2e__item *item, int section, int city, int country,
                  int label, const xmlNode *org)
{
	const xmlNode *c = l2e__up_child(
	    l2e__up_child(l2e__up_child(l2e__up_child(org, "Contact"
	                                                   "Info"),
	                                "Address"),
	                  "Contact"),
	    "Country");

	set(r, item, section, city, org,
	    "ContactInfo/Address/Contact/Municipality");
	set(r, item, section, country, c, "Code");
	set(r, item, section, label, c, "Label");
}

static void person(rd *r, const xmlNode *id)
{
	l2e__item *it = l2e__item_new(r->p, L2E__SEC_PERSON);
	const xmlNode *addr = l2e__up_child(
	    l2e__up_child(l2e__up_child(id, "ContactInfo"), "Address"),
	    "Contact");
	const xmlNode *tel = l2e__up_child(
	    l2e__up_child(l2e__up_child(id, "ContactInfo"), "TelephoneList"),
	    "Telephone");
	const xmlNode *nat = l2e__up_child(
	    l2e__up_child(l2e__up_child(id, "Demographics"), "NationalityList"),
	    "Nationality");

	if (!it) {
		r->is_oom = 1;
		return;
	}
	set(r, it, L2E__SEC_PERSON, PERSON_FIRST_NAME, id,
	    "PersonName/FirstName");
	set(r, it, L2E__SEC_PERSON, PERSON_SURNAME, id, "PersonName/Surname");
	set(r, it, L2E__SEC_PERSON, PERSON_EMAIL, id,
	    "ContactInfo/Email/Contact");
	set(r, it, L2E__SEC_PERSON, PERSON_PHONE, tel, "Contact");
	date(it, PERSON_BIRTH_DATE,
	     l2e__up_child(l2e__up_child(id, "Demographics"), "Birthdate"));
	set(r, it, L2E__SEC_PERSON, PERSON_GENDER, id,
	    "Demographics/Gender/Code");
	set(r, it, L2E__SEC_PERSON, PERSON_NATIONALITY, nat, "Code");
	set(r, it, L2E__SEC_PERSON, PERSON_ADDRESS_LINE, addr, "AddressLine");
	set(r, it, L2E__SEC_PERSON, PERSON_POSTAL_CODE, addr, "PostalCode");
	set(r, it, L2E__SEC_PERSON, PERSON_CITY, addr, "Municipality");
	set(r, it, L2E__SEC_PERSON, PERSON_COUNTRY, addr, "Country/Code");
	set(r, it, L2E__SEC_PERSON, PERSON_COUNTRY_LABEL, addr,
	    "Country/Label");
	if (tel && l2e__up_next(tel, "Telephone"))
		left_out(r, l2e__up_next(tel, "Telephone"),
		         "a second telephone number");
	if (nat && l2e__up_next(nat, "Nationality"))
		left_out(r, l2e__up_next(nat, "Nationality"),
		         "a second nationality");
	left_out(r, l2e__up_child(id, "Photo"), "the photo");
	l2e__profile_add(r->p, L2E__SEC_PERSON, it);
}

static void period(rd *r, l2e__item *it, int section, int from, int to,
                   int ongoing, const xmlNode *n)
{
	const xmlNode *p = l2e__up_child(n, "Period");
	xmlChar *cur = text_at(p, "Current");

	date(it, from, l2e__up_child(p, "From"));
	date(it, to, l2e__up_child(p, "To"));
	if (cur && !strcmp((const char *)cur, "true"))
		set_text(r, it, section, ongoing, "true");
	xmlFree(cur);
}

static void work(rd *r, const xmlNode *list)
{
	const xmlNode *n;
	l2e__item *it;

	for (n = l2e__up_child(list, "WorkExperience"); n;
	     n = l2e__up_next(n, "WorkExperience")) {
		if (!(it = l2e__item_new(r->p, L2E__SEC_WORK))) {
			r->is_oom = 1;
			return;
		}
		set(r, it, L2E__SEC_WORK, WORK_POSITION, n, "Position/Label");
		set(r, it, L2E__SEC_WORK, WORK_EMPLOYER, n, "Employer/Name");
		place(r, it, L2E__SEC_WORK, WORK_CITY, WORK_COUNTRY,
		      WORK_COUNTRY_LABEL, l2e__up_child(n, "Employer"));
		period(r, it, L2E__SEC_WORK, WORK_FROM, WORK_TO, WORK_ONGOING,
		       n);
		set(r, it, L2E__SEC_WORK, WORK_ACTIVITIES, n, "Activities");
		l2e__profile_add(r->p, L2E__SEC_WORK, it);
	}
}

static void education(rd *r, const xmlNode *list)
{
	const xmlNode *n;
	l2e__item *it;

	for (n = l2e__up_child(list, "Education"); n;
	     n = l2e__up_next(n, "Education")) {
		if (!(it = l2e__item_new(r->p, L2E__SEC_EDUCATION))) {
			r->is_oom = 1;
			return;
		}
		set(r, it, L2E__SEC_EDUCATION, EDU_TITLE, n, "Title");
		set(r, it, L2E__SEC_EDUCATION, EDU_ORGANISATION, n,
		    "Organisation/Name");
		place(r, it, L2E__SEC_EDUCATION, EDU_CITY, EDU_COUNTRY,
		      EDU_COUNTRY_LABEL, l2e__up_child(n, "Organisation"));
		period(r, it, L2E__SEC_EDUCATION, EDU_FROM, EDU_TO, EDU_ONGOING,
		       n);
		set(r, it, L2E__SEC_EDUCATION, EDU_EQF_LEVEL, n, "Level/Code");
		set(r, it, L2E__SEC_EDUCATION, EDU_FIELD, n, "Field/Label");
		set(r, it, L2E__SEC_EDUCATION, EDU_ACTIVITIES, n, "Activities");
		l2e__profile_add(r->p, L2E__SEC_EDUCATION, it);
	}
}

static const char *const cefr[] = { "Listening", "Reading", "SpokenInteraction",
	                            "SpokenProduction", "Writing" };

static void languages(rd *r, const xmlNode *ling, const char *list,
                      const char *item, int is_mother)
{
	static const int fields[] = { LANG_LISTENING, LANG_READING,
		                      LANG_SPOKEN_INTERACTION,
		                      LANG_SPOKEN_PRODUCTION, LANG_WRITING };
	const xmlNode *n, *lv;
	l2e__item *it;
	size_t i;

	for (n = l2e__up_child(l2e__up_child(ling, list), item); n;
	     n = l2e__up_next(n, item)) {
		if (!(it = l2e__item_new(r->p, L2E__SEC_LANGUAGE))) {
			r->is_oom = 1;
			return;
		}
		set(r, it, L2E__SEC_LANGUAGE, LANG_CODE, n, "Description/Code");
		set(r, it, L2E__SEC_LANGUAGE, LANG_LABEL, n,
		    "Description/Label");
		set_text(r, it, L2E__SEC_LANGUAGE, LANG_MOTHER_TONGUE,
		         is_mother ? "true" : "false");
		lv = l2e__up_child(n, "ProficiencyLevel");
		for (i = 0; lv && i < sizeof(fields) / sizeof(fields[0]); i++)
			set(r, it, L2E__SEC_LANGUAGE, fields[i], lv, cefr[i]);
		l2e__profile_add(r->p, L2E__SEC_LANGUAGE, it);
	}
}

static const char *const generic_skills[] = { "Communication", "Organisational",
	                                      "JobRelated",    "Computer",
	                                      "Driving",       "Other" };

static void skills(rd *r, const xmlNode *sk)
{
	const xmlNode *ling = l2e__up_child(sk, "Linguistic");
	size_t i;

	languages(r, ling, "MotherTongueList", "MotherTongue", 1);
	languages(r, ling, "ForeignLanguageList", "ForeignLanguage", 0);
	for (i = 0; i < sizeof(generic_skills) / sizeof(generic_skills[0]); i++)
		if (l2e__up_child(sk, generic_skills[i]))
			left_out(r, l2e__up_child(sk, generic_skills[i]),
			         generic_skills[i]);
}

int l2e__legacy_profile(l2e__profile *p, l2e_ctx *ctx, l2e__findings *f,
                        const char *name, const char *xml, size_t len)
{
	xmlDoc *doc = NULL;
	const xmlNode *root, *li;
	l2e__item *it;
	l2e__up u;
	rd r;
	int error = 0;

	memset(&u, 0, sizeof(u));
	u.ctx = ctx;
	u.f = f;
	u.name = name;
	u.is_no_lines = 1; /* the upgraded text's lines are not FILE's */
	memset(&r, 0, sizeof(r));
	r.u = &u;
	r.p = p;
	/* our own output: no DTD, no network, as everywhere */
	doc = xmlReadMemory(xml, (int)len, name, NULL,
	                    XML_PARSE_NONET | XML_PARSE_NOERROR |
	                        XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	if (!doc || !(root = xmlDocGetRootElement(doc)) ||
	    strcmp((const char *)root->name, "SkillsPassport")) {
		error = l2e__error_set_at(ctx, L2E_ENOTSUPPORTED,
		                          L2E_ERRCLASS_WRITE, name, 0, 0, NULL,
		                          "only an XML document can be made "
		                          "into the Europass CV");
		goto done;
	}
	li = l2e__up_child(root, "LearnerInfo");
	if ((it = l2e__item_new(p, L2E__SEC_DOCUMENT)) != NULL) {
		xmlChar *loc = xmlGetProp(root, BAD_CAST "locale");

		if (loc)
			set_text(&r, it, L2E__SEC_DOCUMENT, DOC_LOCALE,
			         (const char *)loc);
		xmlFree(loc);
		l2e__profile_add(p, L2E__SEC_DOCUMENT, it);
	} else {
		r.is_oom = 1;
	}
	person(&r, l2e__up_child(li, "Identification"));
	if ((it = l2e__item_new(p, L2E__SEC_HEADLINE)) != NULL) {
		set(&r, it, L2E__SEC_HEADLINE, HEADLINE_TEXT, li,
		    "Headline/Description/Label");
		l2e__profile_add(p, L2E__SEC_HEADLINE, it);
	}
	work(&r, l2e__up_child(li, "WorkExperienceList"));
	education(&r, l2e__up_child(li, "EducationList"));
	skills(&r, l2e__up_child(li, "Skills"));
	left_out(&r, l2e__up_child(li, "AchievementList"),
	         "the other information (achievements)");
	left_out(&r, l2e__up_child(root, "AttachmentList"), "the attachments");
	if (r.is_oom)
		error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_WRITE,
		                       "out of memory");
done:
	xmlFreeDoc(doc);
	return error;
}
