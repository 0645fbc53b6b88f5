/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * up_old_lists.c - the lists of a v1.x/v2.0 document in v3.4: work
 * experience, education, languages, skills and the "misc" texts. See
 * old_build.h (the builder they share with up_old.c).
 *
 * An entry with nothing left in it (all empty or "null") is not written;
 * a language without a name or code goes with a warning. CEFR levels
 * were lower case (b1): upper case now; a level that is none (the
 * redacted "Text7") goes with a warning. A v1.x employer or school is
 * one string: its Name. A sector letter is NACE Rev. 1.1, whose letters
 * mean other sectors in the NACE Rev. 2 of v3.4, so its code goes and
 * its label stays; a v2.0 position code is ISCO-88, as are Headline
 * codes (3.4 wants an ESCO id), likewise.
 */
#include "legacy/up_old_lists.h"

#include "legacy/old_build.h"
#include "legacy/rules.h"

#include <ctype.h>
#include <string.h>

#include "europass/v3_codes.h"

static int is_none(const char *code)
{
	(void)code;
	return 0;
}

/* ==== Work and education ==== */

static void organisation(l2e__old *b, xmlNode *parent, const char *name,
                         const xmlNode *src, const xmlNode *sector)
{
	xmlNode *o = l2e__old_el(b, parent, name, src), *ci;
	xmlChar *type;

	if (src && !l2e__old_is_structured(src)) {
		l2e__old_copy(b, o, "Name", src); /* never an address */
	} else if (src) {
		l2e__old_copy(b, o, "Name", l2e__up_child(src, "name"));
		ci = l2e__old_el(b, o, "ContactInfo", src);
		l2e__old_address(b, ci, l2e__up_child(src, "address"));
		l2e__old_prune(ci);
		if (!sector)
			sector = l2e__up_child(src, "sector");
		type = l2e__up_text(l2e__up_child(src, "type"));
		if (type)
			l2e__up_warn(b->u, l2e__up_child(src, "type"),
			             "organisation-type",
			             "v3.4 has no type of school ('%s'): left "
			             "out",
			             (const char *)type);
		xmlFree(type);
	}
	if (sector)
		l2e__old_coded(b, o, "Sector", sector, is_none, "sector code",
		               "it is NACE Rev. 1.1, whose letters mean other "
		               "sectors in the NACE Rev. 2 of v3.4");
	l2e__old_prune(o);
}

void l2e__old_work(l2e__old *b, xmlNode *learner, const xmlNode *src)
{
	xmlNode *list = l2e__old_el(b, learner, "WorkExperienceList", src), *w;
	const xmlNode *n;

	for (n = l2e__up_child(src, "workexperience"); n;
	     n = l2e__up_next(n, "workexperience")) {
		w = l2e__old_el(b, list, "WorkExperience", n);
		l2e__old_period(b, w, l2e__up_child(n, "period"));
		l2e__old_coded(b, w, "Position", l2e__up_child(n, "position"),
		               l2e__up_is_esco, "occupation code",
		               OCCUPATION_WHY);
		l2e__old_copy(b, w, "Activities",
		              l2e__up_child(n, "activities"));
		/* v1.x: the sector is the entry's, beside the employer */
		organisation(b, w, "Employer", l2e__up_child(n, "employer"),
		             l2e__up_child(n, "sector"));
		l2e__old_prune(w);
	}
	l2e__old_prune(list);
}

void l2e__old_education(l2e__old *b, xmlNode *learner, const xmlNode *src)
{
	xmlNode *list = l2e__old_el(b, learner, "EducationList", src), *e;
	const xmlNode *n;

	for (n = l2e__up_child(src, "education"); n;
	     n = l2e__up_next(n, "education")) {
		e = l2e__old_el(b, list, "Education", n);
		l2e__old_period(b, e, l2e__up_child(n, "period"));
		l2e__old_copy(b, e, "Title", l2e__up_child(n, "title"));
		l2e__old_copy(b, e, "Activities", l2e__up_child(n, "skills"));
		organisation(b, e, "Organisation",
		             l2e__up_child(n, "organisation"), NULL);
		l2e__old_coded(b, e, "Level", l2e__up_child(n, "level"),
		               is_none, "level code",
		               "v3.4 wants an EQF level (1-8), which the old "
		               "code is not");
		l2e__old_coded(b, e, "Field",
		               l2e__up_child(n, "educationalfield"), is_none,
		               "field of education code",
		               "v3.4 codes fields of education differently");
		l2e__old_prune(e);
	}
	l2e__old_prune(list);
}

/* ==== Languages ==== */

static const char *const levels[][2] = {
	{ "listening", "Listening" },
	{ "reading", "Reading" },
	{ "spokeninteraction", "SpokenInteraction" },
	{ "spokenproduction", "SpokenProduction" },
	{ "writing", "Writing" },
};

static void proficiency(l2e__old *b, xmlNode *lang, const xmlNode *src)
{
	xmlNode *p = l2e__old_el(b, lang, "ProficiencyLevel", src);
	const xmlNode *n;
	xmlChar *t;
	size_t i;

	for (i = 0; src && i < sizeof(levels) / sizeof(levels[0]); i++) {
		n = l2e__up_child(src, levels[i][0]);
		if (!(t = l2e__up_text(n)))
			continue;
		if (t[0] && t[1] && !t[2]) {
			t[0] = (xmlChar)toupper(t[0]);
		}
		if (l2e__up_is_cefr((const char *)t))
			l2e__old_text(b, p, levels[i][1], (const char *)t, n);
		else
			l2e__up_warn(b->u, n, "cefr",
			             "'%s' is not a CEFR level (A1 ... C2): "
			             "left out",
			             (const char *)t);
		xmlFree(t);
	}
	l2e__old_prune(p);
}

/* "mother" or "foreign": v1.x type="...", v2.0 xsi:type="pfx:..." */
static int is_mother(const xmlNode *n)
{
	xmlChar *t = xmlGetProp(n, BAD_CAST "type");
	const char *s, *colon;
	int yes;

	if (!t)
		t = xmlGetNsProp(n, BAD_CAST "type", BAD_CAST L2E__UP_XSI);
	s = t ? (const char *)t : "";
	colon = strchr(s, ':');
	yes = !strcmp(colon ? colon + 1 : s, "mother");
	xmlFree(t);
	return yes;
}

static const char *const language_parts[] = { "code", "label", "name",
	                                      "level" };

static void language(l2e__old *b, xmlNode *mothers, xmlNode *foreigns,
                     const xmlNode *src)
{
	int mother = is_mother(src);
	const xmlNode *code_el = l2e__up_child(src, "code"), *n;
	xmlChar *code = l2e__up_text(code_el), *label;
	xmlNode *item, *desc;
	size_t i;

	label = l2e__up_text(l2e__up_child(src, "label"));
	if (!label) /* v1.0/v1.1: a name only */
		label = l2e__up_text(l2e__up_child(src, "name"));
	if (code)
		for (i = 0; code[i]; i++)
			code[i] = (xmlChar)tolower(code[i]);
	if (code && !l2e__europass_v3_language((const char *)code, mother)) {
		l2e__up_warn(b->u, code_el, "code",
		             "language code '%s' is not in the v3.4 list: "
		             "left out, the label kept",
		             (const char *)code);
		xmlFree(code);
		code = NULL;
	}
	if (!code && !label) {
		l2e__up_warn(b->u, src, "language",
		             "a language without a name or code: left out");
		goto done;
	}
	item = l2e__old_el(b, mother ? mothers : foreigns,
	                   mother ? "MotherTongue" : "ForeignLanguage", src);
	desc = l2e__old_el(b, item, "Description", src);
	l2e__old_text(b, desc, "Code", (const char *)code, code_el);
	l2e__old_text(b, desc, "Label", (const char *)label, src);
	if (!mother)
		proficiency(b, item, l2e__up_child(src, "level"));
	for (n = src->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0;
		     i < sizeof(language_parts) / sizeof(language_parts[0]);
		     i++)
			if (!strcmp((const char *)n->name, language_parts[i]))
				break;
		if (i == sizeof(language_parts) / sizeof(language_parts[0]) &&
		    l2e__old_is_structured(n))
			l2e__up_warn(b->u, n, "language",
			             "<%s> of a language (Language Passport "
			             "detail) is not carried over",
			             (const char *)n->name);
	}
done:
	xmlFree(code);
	xmlFree(label);
}

static void linguistic(l2e__old *b, xmlNode *skills, const xmlNode *src)
{
	xmlNode *ling = l2e__old_el(b, skills, "Linguistic", src);
	xmlNode *mothers = l2e__old_el(b, ling, "MotherTongueList", src);
	xmlNode *foreigns = l2e__old_el(b, ling, "ForeignLanguageList", src);
	const xmlNode *n;

	for (n = l2e__up_child(src, "language"); n;
	     n = l2e__up_next(n, "language"))
		language(b, mothers, foreigns, n);
	l2e__old_prune(mothers);
	l2e__old_prune(foreigns);
	l2e__old_prune(ling);
}

/* ==== Skills ==== */

static const char *const licences[] = { "A",  "A1", "A2", "AM",  "B",
	                                "B1", "BE", "C",  "C1",  "C1E",
	                                "CE", "D",  "D1", "D1E", "DE" };

static void licence(l2e__old *b, xmlNode *desc, const char *s, size_t len,
                    const xmlNode *src)
{
	char v[8];
	size_t i;

	if (!len)
		return;
	if (len < sizeof(v)) {
		memcpy(v, s, len);
		v[len] = '\0';
		for (i = 0; i < len; i++)
			v[i] = (char)toupper((unsigned char)v[i]);
		for (i = 0; i < sizeof(licences) / sizeof(licences[0]); i++)
			if (!strcmp(v, licences[i])) {
				l2e__old_text(b, desc, "Licence", v, src);
				return;
			}
	}
	l2e__up_warn(b->u, src, "driving",
	             "'%.*s' is not a driving licence category of v3.4: "
	             "left out",
	             (int)(len > 40 ? 40 : len), s);
}

/* v1.x: one string "B, C"; v2.0: drivinglicence elements */
static void driving(l2e__old *b, xmlNode *skills, const xmlNode *src)
{
	xmlNode *d = l2e__old_el(b, skills, "Driving", src);
	xmlNode *desc = l2e__old_el(b, d, "Description", src);
	const xmlNode *n;
	xmlChar *t;
	const char *s, *end;

	if (l2e__old_is_structured(src)) {
		for (n = l2e__up_child(src, "drivinglicence"); n;
		     n = l2e__up_next(n, "drivinglicence")) {
			t = l2e__up_text(n);
			if (t)
				licence(b, desc, (const char *)t,
				        strlen((const char *)t), n);
			xmlFree(t);
		}
	} else if ((t = l2e__up_text(src))) {
		for (s = (const char *)t; *s; s = end) {
			while (*s == ',' || *s == ' ' || *s == ';' || *s == '/')
				s++;
			for (end = s; *end && *end != ',' && *end != ' ' &&
			              *end != ';' && *end != '/';
			     end++)
				;
			licence(b, desc, s, (size_t)(end - s), src);
		}
		xmlFree(t);
	}
	l2e__old_prune(desc);
	l2e__old_prune(d);
}

/* The text of skill `type` (skill type="..."), or NULL. */
static const xmlNode *skill(const xmlNode *list, const char *type)
{
	const xmlNode *n;
	xmlChar *t;
	int hit;

	for (n = l2e__up_child(list, "skill"); n;
	     n = l2e__up_next(n, "skill")) {
		t = xmlGetProp(n, BAD_CAST "type");
		hit = t && !strcmp((const char *)t, type);
		xmlFree(t);
		if (hit)
			return n;
	}
	return NULL;
}

static void generic(l2e__old *b, xmlNode *skills, const char *name,
                    const xmlNode *src)
{
	xmlNode *g = l2e__old_el(b, skills, name, src);

	l2e__old_copy(b, g, "Description", src);
	l2e__old_prune(g);
}

/* v3.4 has no artistic skills: they join the other skills. */
static void other(l2e__old *b, xmlNode *skills, const xmlNode *list)
{
	const xmlNode *art = skill(list, "artistic"),
	              *oth = skill(list, "other");
	xmlChar *a = l2e__up_text(art), *o = l2e__up_text(oth);
	xmlNode *g;

	if (a) {
		l2e__up_warn(b->u, art, "artistic",
		             "v3.4 has no artistic skills: they are put under "
		             "Other skills");
		g = l2e__old_el(b, skills, "Other", art);
		l2e__old_text(b, g, "Description", (const char *)a, art);
		if (o) {
			xmlNode *desc = l2e__up_child(g, "Description");

			if (desc) {
				xmlNodeAddContent(desc, BAD_CAST "\n\n");
				xmlNodeAddContent(desc, o);
			}
		}
	} else {
		generic(b, skills, "Other", oth);
	}
	xmlFree(a);
	xmlFree(o);
}

/* The driving skill: v1.x skill type="driving", v2.0 structured-skill */
static const xmlNode *driving_src(const xmlNode *list)
{
	const xmlNode *n = l2e__up_child(list, "structured-skill");

	return n ? n : skill(list, "driving");
}

void l2e__old_skills(l2e__old *b, xmlNode *learner, const xmlNode *root)
{
	const xmlNode *list = l2e__up_child(root, "skilllist");
	xmlNode *skills = l2e__old_el(b, learner, "Skills", list);

	linguistic(b, skills, l2e__up_child(root, "languagelist"));
	generic(b, skills, "Communication", skill(list, "social"));
	generic(b, skills, "Organisational", skill(list, "organisational"));
	generic(b, skills, "JobRelated", skill(list, "technical"));
	generic(b, skills, "Computer", skill(list, "computer"));
	if (driving_src(list))
		driving(b, skills, driving_src(list));
	other(b, skills, list);
	l2e__old_prune(skills);
}

/* ==== Other information ==== */

void l2e__old_misc(l2e__old *b, xmlNode *learner, const xmlNode *src)
{
	xmlNode *list = l2e__old_el(b, learner, "AchievementList", src), *a;
	const xmlNode *n;
	xmlChar *text, *type;

	for (n = l2e__up_child(src, "misc"); n; n = l2e__up_next(n, "misc")) {
		if (!(text = l2e__up_text(n)))
			continue;
		type = xmlGetProp(n, BAD_CAST "type");
		a = l2e__old_el(b, list, "Achievement", n);
		l2e__old_text(b, l2e__old_el(b, a, "Title", n), "Label",
		              type && !strcmp((const char *)type, "annexes")
		                  ? "Annexes"
		                  : "Additional information",
		              n);
		l2e__old_text(b, a, "Description", (const char *)text, n);
		xmlFree(text);
		xmlFree(type);
	}
	l2e__old_prune(list);
}
