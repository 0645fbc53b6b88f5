/*
 * write_europass_json.c - Europass v3.4 JSON (SkillsPassport).
 *
 * The JSON form of the v3.4 XML, as the official v3.4.1 JSON schema
 * (draft-04) describes it: the root object holds "SkillsPassport"; the
 * XML's locale attribute is the "Locale" property; every list wrapper
 * (WorkExperienceList, NationalityList, VerifiedBy, ...) becomes an array
 * named after its items ("WorkExperience": [...], "Certificate": [...]);
 * dates are {"Year": 2024, "Month": 9, "Day": 2} with numbers; Current
 * and EuropassLogo are booleans. The conformance test validates every
 * sample against that schema.
 *
 * The content is the XML writer's, decided once in europass/v3_view.c,
 * and properties come in the XML's element order. The tree is built in
 * a pool and printed as cJSON_Print prints (json_out.c, with cJSON as
 * its reference in the unit test): escaping, insertion order, tabs.
 */
#include "writer.h"

#include <string.h>

#include "core/buf.h"
#include "europass/v3_view.h"
#include "write/json_out.h"

/*
 * The tree under construction with a sticky error: every add_* call
 * does nothing once something failed (or its parent is NULL because an
 * earlier call failed), so that the sections need no checks; the writer
 * looks at `failed` once at the end.
 */
typedef struct jw {
	l2e__json_tree tree;
	int failed;
} jw;

typedef l2e__json jnode;

static jnode *add_object(jw *j, jnode *parent, const char *name)
{
	if (j->failed)
		return NULL;
	return l2e__json_add_object(&j->tree, parent, name);
}

static jnode *add_array(jw *j, jnode *parent, const char *name)
{
	if (j->failed)
		return NULL;
	return l2e__json_add_array(&j->tree, parent, name);
}

/* A new object at the end of `array`. */
static jnode *append_object(jw *j, jnode *array)
{
	if (j->failed)
		return NULL;
	return l2e__json_append_object(&j->tree, array);
}

/* "name": "text", nothing when text is NULL */
static void add_text(jw *j, jnode *parent, const char *name, const char *text)
{
	if (!text || j->failed)
		return;
	l2e__json_add_string(&j->tree, parent, name, text);
}

static void add_number(jw *j, jnode *parent, const char *name, int n)
{
	if (!j->failed)
		l2e__json_add_int(&j->tree, parent, name, n);
}

static void add_bool(jw *j, jnode *parent, const char *name, int value)
{
	if (!j->failed)
		l2e__json_add_bool(&j->tree, parent, name, value ? 1 : 0);
}

/* structuredDateType: numbers, Month and Day only when known */
static void add_date(jw *j, jnode *parent, const char *name,
                     const l2e__value *v)
{
	jnode *d;

	if (!v || !v->is_set)
		return;
	d = add_object(j, parent, name);
	add_number(j, d, "Year", v->date.year);
	if (v->date.month)
		add_number(j, d, "Month", v->date.month);
	if (v->date.day)
		add_number(j, d, "Day", v->date.day);
}

/* "name": {"Code": ..., "Label": ...} with the parts given */
static jnode *add_coded(jw *j, jnode *parent, const char *name,
                        const char *code, const char *label)
{
	jnode *o = add_object(j, parent, name);

	add_text(j, o, "Code", code);
	add_text(j, o, "Label", label);
	return o;
}

static void period(jw *j, jnode *parent, const l2e__item *it, int from, int to,
                   int ongoing)
{
	l2e__ev3_period pd;
	jnode *o;

	if (!l2e__ev3_period_fill(&pd, it, from, to, ongoing))
		return;
	o = add_object(j, parent, "Period");
	add_date(j, o, "From", pd.from);
	if (pd.is_current)
		add_bool(j, o, "Current", 1);
	else
		add_date(j, o, "To", pd.to);
}

static void country(jw *j, jnode *parent, const char *iso, const char *label)
{
	l2e__ev3_coded c;

	if (l2e__ev3_country(&c, iso, label))
		add_coded(j, parent, "Country", c.code, c.label);
}

/* "Address": {"Contact": {...}} with the parts given (any may be NULL) */
static void address(jw *j, jnode *parent, const char *line, const char *postal,
                    const char *city, const char *iso, const char *label)
{
	jnode *contact;

	if (!line && !postal && !city && !iso && !label)
		return;
	contact = add_object(j, add_object(j, parent, "Address"), "Contact");
	add_text(j, contact, "AddressLine", line);
	add_text(j, contact, "PostalCode", postal);
	add_text(j, contact, "Municipality", city);
	country(j, contact, iso, label);
}

static void organisation(jw *j, jnode *parent, const char *name,
                         const char *org, const char *city, const char *iso,
                         const char *label)
{
	jnode *o;

	if (!org && !city && !iso && !label)
		return;
	o = add_object(j, parent, name);
	add_text(j, o, "Name", org);
	if (city || iso || label)
		address(j, add_object(j, o, "ContactInfo"), NULL, NULL, city,
		        iso, label);
}

/* ==== Sections ==== */

static void person_name(jw *j, jnode *parent, const l2e__item *p)
{
	const char *first = l2e__item_text(p, PERSON_FIRST_NAME);
	const char *surname = NULL;
	l2e_buf scratch = L2E_BUF_INIT;
	jnode *o;

	if (l2e__ev3_surname(&surname, &scratch, p) < 0)
		j->failed = 1;
	if (first || surname) {
		o = add_object(j, parent, "PersonName");
		add_text(j, o, "FirstName", first);
		add_text(j, o, "Surname", surname);
	}
	l2e_buf_dispose(&scratch);
}

static void identification(jw *j, jnode *learner, const l2e__profile *prof)
{
	const l2e__item *p = l2e__profile_single(prof, L2E__SEC_PERSON);
	l2e__ev3_person c;
	l2e__ev3_coded nat;
	jnode *id, *o, *a;

	if (!p)
		return;
	l2e__ev3_person_fill(&c, p);

	id = add_object(j, learner, "Identification");
	person_name(j, id, p);
	if (c.has_contact) {
		o = add_object(j, id, "ContactInfo");
		address(j, o, c.line, c.postal, c.city, c.iso, c.label);
		if (c.email) {
			a = add_object(j, o, "Email");
			add_text(j, a, "Contact", c.email);
		}
		if (c.phone) {
			/* the XML's TelephoneList/Telephone */
			a = add_array(j, o, "Telephone");
			add_text(j, append_object(j, a), "Contact", c.phone);
		}
	}
	if (c.has_demographics) {
		o = add_object(j, id, "Demographics");
		add_date(j, o, "Birthdate", &p->values[PERSON_BIRTH_DATE]);
		if (l2e__ev3_gender(c.gender))
			add_coded(j, o, "Gender", c.gender, NULL);
		if (c.nationality) {
			/* the XML's NationalityList/Nationality */
			l2e__ev3_nationality(&nat, c.nationality);
			a = append_object(j, add_array(j, o, "Nationality"));
			add_text(j, a, "Code", nat.code);
			add_text(j, a, "Label", nat.label);
		}
	}
}

static void headline(jw *j, jnode *learner, const l2e__profile *prof)
{
	const char *text = l2e__item_text(
	    l2e__profile_single(prof, L2E__SEC_HEADLINE), HEADLINE_TEXT);
	jnode *o;

	if (!text)
		return;
	o = add_object(j, learner, "Headline");
	add_coded(j, o, "Type", L2E__EV3_HEADLINE_TYPE, NULL);
	add_coded(j, o, "Description", NULL, text);
}

static void work_experience(jw *j, jnode *learner, const l2e__profile *prof)
{
	const l2e__item *it;
	const char *position;
	jnode *list, *o;

	if (!prof->first[L2E__SEC_WORK])
		return;
	list = add_array(j, learner, "WorkExperience");
	for (it = prof->first[L2E__SEC_WORK]; it; it = it->next) {
		o = append_object(j, list);
		period(j, o, it, WORK_FROM, WORK_TO, WORK_ONGOING);
		add_text(j, o, "Description", l2e__ev3_work_description(it));
		position = l2e__item_text(it, WORK_POSITION);
		if (position)
			add_coded(j, o, "Position", NULL, position);
		add_text(j, o, "Activities",
		         l2e__item_text(it, WORK_ACTIVITIES));
		organisation(j, o, "Employer",
		             l2e__item_text(it, WORK_EMPLOYER),
		             l2e__item_text(it, WORK_CITY),
		             l2e__item_text(it, WORK_COUNTRY),
		             l2e__item_text(it, WORK_COUNTRY_LABEL));
	}
}

static void education(jw *j, jnode *learner, const l2e__profile *prof)
{
	const l2e__item *it;
	const char *level, *field;
	jnode *list, *o;

	if (!prof->first[L2E__SEC_EDUCATION])
		return;
	list = add_array(j, learner, "Education");
	for (it = prof->first[L2E__SEC_EDUCATION]; it; it = it->next) {
		o = append_object(j, list);
		period(j, o, it, EDU_FROM, EDU_TO, EDU_ONGOING);
		add_text(j, o, "Title", l2e__item_text(it, EDU_TITLE));
		add_text(j, o, "Activities",
		         l2e__item_text(it, EDU_ACTIVITIES));
		organisation(j, o, "Organisation",
		             l2e__item_text(it, EDU_ORGANISATION),
		             l2e__item_text(it, EDU_CITY),
		             l2e__item_text(it, EDU_COUNTRY),
		             l2e__item_text(it, EDU_COUNTRY_LABEL));
		level = l2e__item_text(it, EDU_EQF_LEVEL);
		if (level)
			add_coded(j, o, "Level", level, NULL);
		field = l2e__item_text(it, EDU_FIELD);
		if (field)
			add_coded(j, o, "Field", NULL, field);
	}
}

static void language_description(jw *j, jnode *parent, const l2e__item *it,
                                 int is_mother)
{
	l2e__ev3_coded c;

	l2e__ev3_language(&c, it, is_mother);
	add_coded(j, parent, "Description", c.code, c.label);
}

/* The self-assessment grid of a foreign language, when it has levels. */
static void cefr_levels(jw *j, jnode *parent, const l2e__item *it)
{
	jnode *o;
	size_t i;

	if (!l2e__ev3_has_cefr(it))
		return;
	o = add_object(j, parent, "ProficiencyLevel");
	for (i = 0; i < L2E__EV3_N_CEFR; i++)
		add_text(j, o, l2e__ev3_cefr[i].name,
		         l2e__item_text(it, l2e__ev3_cefr[i].field));
}

static void languages(jw *j, jnode *skills, const l2e__profile *prof)
{
	const l2e__item *it;
	int has_mother, has_foreign;
	jnode *linguistic, *list, *o, *cert;

	l2e__ev3_language_kinds(prof, &has_mother, &has_foreign);
	if (!has_mother && !has_foreign)
		return;
	linguistic = add_object(j, skills, "Linguistic");
	if (has_mother) {
		list = add_array(j, linguistic, "MotherTongue");
		for (it = prof->first[L2E__SEC_LANGUAGE]; it; it = it->next)
			if (l2e__item_bool(it, LANG_MOTHER_TONGUE))
				language_description(j, append_object(j, list),
				                     it, 1);
	}
	if (!has_foreign)
		return;
	list = add_array(j, linguistic, "ForeignLanguage");
	for (it = prof->first[L2E__SEC_LANGUAGE]; it; it = it->next) {
		if (l2e__item_bool(it, LANG_MOTHER_TONGUE))
			continue;
		o = append_object(j, list);
		language_description(j, o, it, 0);
		cefr_levels(j, o, it);
		/* the XML's VerifiedBy/Certificate */
		if (l2e__item_text(it, LANG_CERTIFICATE)) {
			cert = append_object(j, add_array(j, o, "Certificate"));
			add_text(j, cert, "Title",
			         l2e__item_text(it, LANG_CERTIFICATE));
			add_date(j, cert, "Date",
			         &it->values[LANG_CERTIFICATE_DATE]);
		}
	}
}

static void computer(jw *j, jnode *skills, const l2e__profile *prof)
{
	l2e__ev3_computer c;
	jnode *o, *levels;
	size_t i;

	if (l2e__ev3_computer_fill(&c, prof) < 0)
		j->failed = 1;
	if (c.is_present) {
		o = add_object(j, skills, "Computer");
		add_text(j, o, "Description", c.description.ptr);
		if (c.has_grid) {
			levels = add_object(j, o, "ProficiencyLevel");
			for (i = 0; i < L2E__EV3_N_ICT; i++)
				add_text(j, levels, l2e__ev3_ict[i],
				         c.level[i][0] ? c.level[i] : NULL);
		}
	}
	l2e__ev3_computer_dispose(&c);
}

/* Career (LOB) competences: the student's own texts, under "Other". */
static void other_skills(jw *j, jnode *skills, const l2e__profile *prof)
{
	l2e_buf text = L2E_BUF_INIT;

	if (l2e__ev3_other_text(&text, prof) < 0)
		j->failed = 1;
	if (text.ptr)
		add_text(j, add_object(j, skills, "Other"), "Description",
		         text.ptr);
	l2e_buf_dispose(&text);
}

static void skills(jw *j, jnode *learner, const l2e__profile *prof)
{
	jnode *o;

	if (!l2e__ev3_has_skills(prof))
		return;
	o = add_object(j, learner, "Skills");
	languages(j, o, prof);
	computer(j, o, prof);
	other_skills(j, o, prof);
}

static void achievements(jw *j, jnode *learner, const l2e__profile *prof)
{
	l2e_buf text = L2E_BUF_INIT;
	jnode *o;

	if (l2e__ev3_certifications_text(&text, prof) < 0)
		j->failed = 1;
	if (text.ptr) {
		o = append_object(j, add_array(j, learner, "Achievement"));
		add_coded(j, o, "Title", L2E__EV3_ACHIEVEMENT, NULL);
		add_text(j, o, "Description", text.ptr);
	}
	l2e_buf_dispose(&text);
}

static void document_info(jw *j, jnode *sp, const l2e__profile *prof,
                          const l2e__write_info *info)
{
	char now[32];
	const char *created = l2e__ev3_created(now, prof, info->document_time);
	jnode *o = add_object(j, sp, "DocumentInfo");

	add_text(j, o, "DocumentType", L2E__EV3_DOCUMENT_TYPE);
	add_text(j, o, "CreationDate", created);
	add_text(j, o, "LastUpdateDate", created);
	add_text(j, o, "XSDVersion", L2E__EV3_XSD_VERSION);
	add_text(j, o, "Generator", info->generator);
	add_bool(j, o, "EuropassLogo", 1);
}

int l2e__write_europass_json(l2e_buf *out, l2e_ctx *ctx, const l2e__profile *p,
                             const l2e__write_info *info)
{
	jnode *root, *sp, *learner;
	jw j = { { L2E__POOL_INIT, 0 }, 0 };
	size_t was = out->len;
	int error = 0;

	root = l2e__json_root(&j.tree);
	sp = add_object(&j, root, "SkillsPassport");
	add_text(&j, sp, "Locale", l2e__ev3_locale(p));
	document_info(&j, sp, p, info);
	learner = add_object(&j, sp, "LearnerInfo");
	identification(&j, learner, p);
	headline(&j, learner, p);
	work_experience(&j, learner, p);
	education(&j, learner, p);
	skills(&j, learner, p);
	achievements(&j, learner, p);
	if (j.failed || j.tree.is_oom) {
		error =
		    l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_WRITE,
		                   "out of memory building the Europass JSON");
		goto done;
	}
	/* the document and its newline go in whole or not at all */
	error = l2e__json_print(out, &j.tree, root);
	if (!error)
		error = l2e__buf_putc(out, '\n');
	if (error < 0) {
		out->len = was;
		if (out->ptr)
			out->ptr[was] = '\0';
		l2e__error_set(
		    ctx, error, L2E_ERRCLASS_WRITE,
		    error == L2E_ELIMIT
		        ? "no room for the Europass JSON"
		        : "out of memory building the Europass JSON");
	}
done:
	l2e__json_tree_dispose(&j.tree);
	return error;
}
