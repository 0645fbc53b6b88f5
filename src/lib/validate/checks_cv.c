/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * checks_cv.c - the built-in checks of the Europass CV XML (see
 * checks.c for the list): its structure against the writer's table
 * (cv_check.c), then the values: date order, EQF levels, the shape of
 * country and language codes, CEFR levels, national identifiers.
 */
#include "validate/checks_int.h"

#include <stdlib.h>
#include <string.h>

#include "validate/cv_check.h"

#define NS_CV "http://www.europass.eu/1.0"
#define NS_HR "http://www.hr-xml.org/3"

typedef struct cv_sink {
	l2e__checker *c;
} cv_sink;

static void on_cv_finding(unsigned line, const char *message, void *payload)
{
	cv_sink *s = payload;

	l2e__checker_add(s->c, L2E_SEVERITY_ERROR, line, 0, NULL, "structure",
	                 "%s", message);
}

/* "YYYY[-MM[-DD[T...]]]" (BR-COM-06) into d[3]; cv_check judges it. */
static int cv_date(const xmlNode *el, long d[3])
{
	char v[64], *end;

	d[0] = d[1] = d[2] = 0;
	if (!el)
		return 0;
	l2e__xml_text_of(el, v, sizeof(v));
	d[0] = strtol(v, &end, 10);
	if (end != v + 4)
		return 0;
	if (*end == '-') {
		d[1] = strtol(end + 1, &end, 10);
		if (*end == '-')
			d[2] = strtol(end + 1, &end, 10);
	}
	return 1;
}

/* A PersonCompetency about a language (hr:TaxonomyID "language")? */
static int is_language_competency(const xmlNode *n)
{
	char v[32];

	for (; n; n = n->parent)
		if (l2e__xml_named(n, NS_CV, "PersonCompetency")) {
			const xmlNode *t =
			    l2e__xml_child(n, NS_HR, "TaxonomyID");

			return t && !strcmp(l2e__xml_text_of(t, v, sizeof(v)),
			                    "language");
		}
	return 0;
}

/* `n` ASCII letters and nothing else? */
static int is_letters(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z')))
			return 0;
	return s[n] == '\0';
}

/* A code list value (name="NORMAL"), not a free text (FREE_TEXT)? */
static int is_normal_code(const xmlNode *el)
{
	xmlChar *v = xmlGetNoNsProp(el, BAD_CAST "name");
	int is_normal;

	if (!v)
		v = xmlGetNoNsProp(el, BAD_CAST "schemeName");
	is_normal = !v || !strcmp((const char *)v, "NORMAL");
	xmlFree(v);
	return is_normal;
}

static void cv_element(l2e__checker *c, const xmlNode *el)
{
	const xmlNode *k, *start = NULL, *end = NULL;
	long a[3], b[3];
	char v[64];

	for (k = el->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE) {
			if (!strcmp((const char *)k->name, "StartDate"))
				start = k;
			else if (!strcmp((const char *)k->name, "EndDate"))
				end = k;
		}
	if (start && end &&
	    cv_date(l2e__xml_child(start, NS_HR, "FormattedDateTime"), a) &&
	    cv_date(l2e__xml_child(end, NS_HR, "FormattedDateTime"), b) &&
	    l2e__check_date_cmp(a, b) > 0)
		l2e__checker_xadd(
		    c, end, L2E_SEVERITY_ERROR, "date-order",
		    "the period ends (EndDate) before it starts (StartDate)");
	if (l2e__xml_named(el, NS_CV, "EducationLevelCode") &&
	    !l2e__check_eqf(l2e__xml_text_of(el, v, sizeof(v))))
		l2e__checker_xadd(c, el, L2E_SEVERITY_ERROR, "eqf",
		                  "\"%s\" is not an EQF level (1 to 8)", v);
	/* the CV takes any ISO 3166-1 country (Europass's v3 list lacks
	 * some, such as CW) and ISO 639 languages: their shape is checked */
	if (l2e__xml_named(el, NS_CV, "CountryCode") &&
	    !is_letters(l2e__xml_text_of(el, v, sizeof(v)), 2))
		l2e__checker_xadd(
		    c, el, L2E_SEVERITY_ERROR, "country-code",
		    "\"%s\" is not a country code (ISO 3166-1, two letters)",
		    v);
	if ((l2e__xml_named(el, NS_CV, "PrimaryLanguageCode") ||
	     (l2e__xml_named(el, NS_CV, "CompetencyID") &&
	      is_language_competency(el))) &&
	    is_normal_code(el) &&
	    !is_letters(l2e__xml_text_of(el, v, sizeof(v)), 3))
		l2e__checker_xadd(
		    c, el, L2E_SEVERITY_ERROR, "language-code",
		    "\"%s\" is not a language code (ISO 639, three letters)",
		    v);
	if (l2e__xml_named(el, NS_HR, "ScoreText") && el->parent &&
	    el->parent->parent &&
	    !strcmp((const char *)el->parent->parent->name,
	            "CompetencyDimension") &&
	    is_language_competency(el) &&
	    !l2e__check_cefr(l2e__xml_text_of(el, v, sizeof(v))))
		l2e__checker_xadd(
		    c, el, L2E_SEVERITY_ERROR, "cefr",
		    "\"%s\" is not a CEFR level (A1, A2, B1, B2, C1 or C2)", v);
	for (k = el->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			cv_element(c, k);
}

void l2e__check_cv_xml(l2e_report *r, const xmlDoc *doc)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	cv_sink sink;
	l2e__checker c;

	l2e__checker_init(&c, r);
	sink.c = &c;
	l2e__cv_check(doc, on_cv_finding, &sink);
	if (!root)
		return;
	cv_element(&c, root);
	l2e__check_xml_natids(&c, root);
}
