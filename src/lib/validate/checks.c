/*
 * checks.c - the built-in checks: what validate finds without schema
 * files, for every Europass format it knows.
 *
 *   structure      v3: the skeleton of the official schema (the root, its
 *                  sections in order, what DocumentInfo must hold); CV:
 *                  the writer's own structure table (cv_check.c)
 *   date           dates spelled as the format says and that exist
 *                  (no 31 February), also in DocumentInfo's date-times
 *   date-order     a period's From (StartDate) is not after its To
 *   cefr           CEFR self-assessment levels A1..C2
 *   eqf            EQF levels 1..8
 *   country-code   countries and nationalities from Europass's list
 *   language-code  languages from Europass's lists (v3); the CV takes
 *                  any ISO 3166-1 country and ISO 639 language, so
 *                  there the codes' shape is checked
 *   national-id    warning: a value looks like a BSN, onderwijsnummer or
 *                  ECK iD (the value itself is never quoted)
 *
 * One finding per place: where the schema step already reported an
 * error at the same element or JSON value, a built-in check does not
 * repeat it (validate.c sets n_schema_items before these walks run).
 */
#include "validate/validate_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "privacy/natid.h"
#include "util/civil_date.h"
#include "util/parse_int.h"
#include "validate/cv_check.h"
#include "europass/v3_codes.h"

#define NS_V3 "http://europass.cedefop.europa.eu/Europass"
#define NS_CV "http://www.europass.eu/1.0"
#define NS_HR "http://www.hr-xml.org/3"

/* ==== Value rules ==== */

int l2e__check_cefr(const char *s)
{
	return s && (s[0] == 'A' || s[0] == 'B' || s[0] == 'C') &&
	       (s[1] == '1' || s[1] == '2') && !s[2];
}

int l2e__check_eqf(const char *s)
{
	return s && s[0] >= '1' && s[0] <= '8' && !s[1];
}

int l2e__check_date_exists(long year, long month, long day)
{
	if (month < 0 || month > 12 || day < 0 || day > 31)
		return 0;
	if (!month || !day)
		return 1; /* a partial date: as far as it goes, it exists */
	return l2e__date_exists(year, (int)month, (int)day);
}

int l2e__check_date_cmp(const long a[3], const long b[3])
{
	int i;

	for (i = 0; i < 3; i++) {
		if (i > 0 && (!a[i] || !b[i]))
			return 0; /* equal as far as both say */
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	}
	return 0;
}

/* ==== Findings ==== */

typedef struct checker {
	l2e_report *r;
	size_t n_schema; /* findings [0, n_schema) came from the schema */
} checker;

/* Did the schema already report an error at `field`? */
static int schema_said(const checker *c, const char *field)
{
	size_t i;

	for (i = 0; field && i < c->n_schema && i < c->r->n_items; i++)
		if (c->r->items[i].severity == L2E_SEVERITY_ERROR &&
		    c->r->items[i].field &&
		    !strcmp(c->r->items[i].field, field))
			return 1;
	return 0;
}

static void add(checker *c, l2e_severity severity, unsigned line,
                unsigned column, const char *field, const char *rule,
                const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void add(checker *c, l2e_severity severity, unsigned line,
                unsigned column, const char *field, const char *rule,
                const char *fmt, ...)
{
	l2e_buf msg = L2E_BUF_INIT;
	va_list ap;

	if (severity == L2E_SEVERITY_ERROR && schema_said(c, field))
		return;
	va_start(ap, fmt);
	if (l2e__buf_vprintf(&msg, fmt, ap) < 0)
		c->r->is_oom = 1;
	va_end(ap);
	if (msg.ptr)
		l2e__report_add(c->r, severity, line, column, field, rule, "%s",
		                msg.ptr);
	l2e_buf_dispose(&msg);
}

static void checker_init(checker *c, l2e_report *r)
{
	c->r = r;
	c->n_schema = r->n_items;
}

/* ==== XML helpers ==== */

typedef struct xplace {
	l2e_buf path;
	unsigned line, column;
} xplace;

static int xplace_of(checker *c, xplace *p, const xmlNode *node)
{
	memset(p, 0, sizeof(*p));
	if (l2e__xml_path(&p->path, node) < 0) {
		c->r->is_oom = 1;
		l2e_buf_dispose(&p->path);
		return -1;
	}
	p->line = l2e__xml_line(node);
	p->column = l2e__xml_column(node);
	return 0;
}

static void xadd(checker *c, const xmlNode *node, l2e_severity severity,
                 const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void xadd(checker *c, const xmlNode *node, l2e_severity severity,
                 const char *rule, const char *fmt, ...)
{
	l2e_buf msg = L2E_BUF_INIT;
	xplace p;
	va_list ap;

	if (xplace_of(c, &p, node) < 0)
		return;
	va_start(ap, fmt);
	if (l2e__buf_vprintf(&msg, fmt, ap) < 0)
		c->r->is_oom = 1;
	va_end(ap);
	if (msg.ptr)
		add(c, severity, p.line, p.column, p.path.ptr, rule, "%s",
		    msg.ptr);
	l2e_buf_dispose(&msg);
	l2e_buf_dispose(&p.path);
}

static int in_ns(const xmlNode *n, const char *ns)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	       !strcmp((const char *)n->ns->href, ns);
}

static int named(const xmlNode *n, const char *ns, const char *name)
{
	return in_ns(n, ns) && !strcmp((const char *)n->name, name);
}

static const xmlNode *child(const xmlNode *parent, const char *ns,
                            const char *name)
{
	const xmlNode *k;

	for (k = parent ? parent->children : NULL; k; k = k->next)
		if (named(k, ns, name))
			return k;
	return NULL;
}

/* The element's text, trimmed, into buf (cut at its size). */
static const char *text_of(const xmlNode *el, char *buf, size_t size)
{
	xmlChar *t = xmlNodeGetContent(el);
	const char *s = t ? (const char *)t : "";
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
	             s[n - 1] == '\r'))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	xmlFree(t);
	return buf;
}

/* National identifiers in every text and attribute value. */
static void xml_natids(checker *c, const xmlNode *node)
{
	const xmlNode *k;
	const xmlAttr *a;
	xmlChar *v;

	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		for (a = node->properties; a; a = a->next) {
			v = xmlNodeGetContent((const xmlNode *)a);
			if (v && l2e__natid_find((const char *)v))
				xadd(c, (const xmlNode *)a,
				     L2E_SEVERITY_WARNING, "national-id",
				     "this value looks like a national "
				     "identifier (BSN, onderwijsnummer or "
				     "ECK iD), which does not belong in a "
				     "Europass document");
			xmlFree(v);
		}
		for (k = node->children; k; k = k->next)
			if ((k->type == XML_TEXT_NODE ||
			     k->type == XML_CDATA_SECTION_NODE) &&
			    k->content &&
			    l2e__natid_find((const char *)k->content)) {
				xadd(c, node, L2E_SEVERITY_WARNING,
				     "national-id",
				     "this text holds what looks like a "
				     "national identifier (BSN, "
				     "onderwijsnummer or ECK iD), which does "
				     "not belong in a Europass document");
				break;
			}
		xml_natids(c, node->children);
	}
}

/* ==== Europass v3 XML ==== */

typedef struct skel {
	const char *parent;
	const char *name;
	unsigned min, max;
} skel;

/* The official XSD's skeleton: these elements' children, in order. */
static const skel v3_xml_skeleton[] = {
	{ "SkillsPassport", "DocumentInfo", 1, 1 },
	{ "SkillsPassport", "PrintingPreferences", 0, 1 },
	{ "SkillsPassport", "LearnerInfo", 1, 1 },
	{ "SkillsPassport", "AttachmentList", 0, 1 },
	{ "SkillsPassport", "CoverLetter", 0, 1 },
	{ "DocumentInfo", "DocumentType", 1, 1 },
	{ "DocumentInfo", "Bundle", 0, 1 },
	{ "DocumentInfo", "CreationDate", 1, 1 },
	{ "DocumentInfo", "LastUpdateDate", 1, 1 },
	{ "DocumentInfo", "XSDVersion", 1, 1 },
	{ "DocumentInfo", "Generator", 1, 1 },
	{ "DocumentInfo", "Comment", 0, 1 },
	{ "DocumentInfo", "Copyright", 0, 1 },
	{ "DocumentInfo", "EuropassLogo", 0, 1 },
	{ "LearnerInfo", "Identification", 0, 1 },
	{ "LearnerInfo", "Headline", 0, 1 },
	{ "LearnerInfo", "WorkExperienceList", 0, 1 },
	{ "LearnerInfo", "EducationList", 0, 1 },
	{ "LearnerInfo", "Skills", 0, 1 },
	{ "LearnerInfo", "AchievementList", 0, 1 },
	{ "LearnerInfo", "Documentation", 0, 1 },
};

#define N_SKEL (sizeof(v3_xml_skeleton) / sizeof(v3_xml_skeleton[0]))

static void xml_skeleton(checker *c, const xmlNode *el)
{
	unsigned count[N_SKEL];
	const xmlNode *k;
	size_t i, first = N_SKEL, rank = 0;
	const char *name = (const char *)el->name;

	for (i = 0; i < N_SKEL; i++)
		if (!strcmp(v3_xml_skeleton[i].parent, name)) {
			first = i;
			break;
		}
	if (first == N_SKEL)
		return;
	memset(count, 0, sizeof(count));
	for (k = el->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		for (i = first;
		     i < N_SKEL && !strcmp(v3_xml_skeleton[i].parent, name);
		     i++)
			if (named(k, NS_V3, v3_xml_skeleton[i].name))
				break;
		if (i == N_SKEL || strcmp(v3_xml_skeleton[i].parent, name)) {
			xadd(c, k, L2E_SEVERITY_ERROR, "structure",
			     "<%.60s> is not an element of <%s>",
			     (const char *)k->name, name);
			continue;
		}
		if (i < rank)
			xadd(c, k, L2E_SEVERITY_ERROR, "structure",
			     "<%s> is out of order in <%s>: it comes "
			     "before <%s>",
			     v3_xml_skeleton[i].name, name,
			     v3_xml_skeleton[rank].name);
		else
			rank = i;
		if (++count[i] == v3_xml_skeleton[i].max + 1)
			xadd(c, k, L2E_SEVERITY_ERROR, "structure",
			     "<%s> more than once in <%s>",
			     v3_xml_skeleton[i].name, name);
	}
	for (i = first; i < N_SKEL && !strcmp(v3_xml_skeleton[i].parent, name);
	     i++)
		if (count[i] < v3_xml_skeleton[i].min)
			xadd(c, el, L2E_SEVERITY_ERROR, "structure",
			     "<%s> lacks <%s>", name, v3_xml_skeleton[i].name);
}

/* "2024", "--09", "---04" (xsd:gYear, gMonth, gDay; a time zone may
 * follow) into *out; 1 when spelled right. */
static int date_part(const char *s, int dashes, int digits, long *out)
{
	long v = 0;
	int n = 0, i;

	for (i = 0; i < dashes; i++)
		if (*s++ != '-')
			return 0;
	if (dashes == 0 && *s == '-')
		return 0; /* a year before the common era: not in a CV */
	for (; *s >= '0' && *s <= '9' && n < 9; s++, n++)
		v = v * 10 + (*s - '0');
	if (n != digits && !(dashes == 0 && n > digits && *s == '\0'))
		return 0;
	if (*s && strcmp(s, "Z") != 0 &&
	    !((s[0] == '+' || s[0] == '-') && strlen(s) == 6 && s[3] == ':'))
		return 0;
	*out = v;
	return 1;
}

/* A DateType element (year, month, day attributes) into d[3]. */
static int xml_date(checker *c, const xmlNode *el, long d[3])
{
	static const char *const names[] = { "year", "month", "day" };
	static const char *const shapes[] = { "YYYY", "--MM", "---DD" };
	xmlChar *v;
	int i, ok = 1;

	d[0] = d[1] = d[2] = 0;
	for (i = 0; i < 3; i++) {
		v = xmlGetNoNsProp(el, BAD_CAST names[i]);
		if (!v) {
			if (i == 0) {
				xadd(c, el, L2E_SEVERITY_ERROR, "date",
				     "<%s> has no year",
				     (const char *)el->name);
				ok = 0;
			}
			continue;
		}
		if (!date_part((const char *)v, i ? i + 1 : 0, i ? 2 : 4,
		               &d[i]) ||
		    (i == 1 && (d[1] < 1 || d[1] > 12)) ||
		    (i == 2 && (d[2] < 1 || d[2] > 31))) {
			xadd(c, el, L2E_SEVERITY_ERROR, "date",
			     "<%s>: %s=\"%.20s\" is not a %s (%s)",
			     (const char *)el->name, names[i], (const char *)v,
			     names[i], shapes[i]);
			ok = 0;
		}
		xmlFree(v);
	}
	if (ok && !l2e__check_date_exists(d[0], d[1], d[2])) {
		xadd(c, el, L2E_SEVERITY_ERROR, "date",
		     "<%s>: %04ld-%02ld-%02ld does not exist",
		     (const char *)el->name, d[0], d[1], d[2]);
		ok = 0;
	}
	return ok;
}

/* "YYYY-MM-DD..." (xsd:date, xsd:dateTime): does the day exist? */
static void text_date(checker *c, const xmlNode *el, const char *s)
{
	long y, m, d;

	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return; /* the shape is the schema's business */
	y = strtol(s, NULL, 10);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || !l2e__check_date_exists(y, m, d))
		xadd(c, el, L2E_SEVERITY_ERROR, "date",
		     "<%s>: %.10s does not exist", (const char *)el->name, s);
}

static void v3_period(checker *c, const xmlNode *period)
{
	const xmlNode *from = child(period, NS_V3, "From");
	const xmlNode *to = child(period, NS_V3, "To");
	long a[3], b[3];
	int from_ok = from ? xml_date(c, from, a) : 0;
	int to_ok = to ? xml_date(c, to, b) : 0;

	if (from_ok && to_ok && l2e__check_date_cmp(a, b) > 0)
		xadd(c, to, L2E_SEVERITY_ERROR, "date-order",
		     "the period ends (To) before it starts (From)");
}

static void v3_code(checker *c, const xmlNode *el)
{
	const xmlNode *up = el->parent, *upup = up ? up->parent : NULL;
	char v[64];

	if (named(up, NS_V3, "Country") || named(up, NS_V3, "Nationality")) {
		if (!l2e__europass_v3_country(text_of(el, v, sizeof(v))))
			xadd(c, el, L2E_SEVERITY_ERROR, "country-code",
			     "\"%s\" is not a country code in Europass's "
			     "list",
			     v);
	} else if (named(up, NS_V3, "Level") &&
	           named(upup, NS_V3, "Education")) {
		if (!l2e__check_eqf(text_of(el, v, sizeof(v))))
			xadd(c, el, L2E_SEVERITY_ERROR, "eqf",
			     "\"%s\" is not an EQF level (1 to 8)", v);
	} else if (named(up, NS_V3, "Description") &&
	           (named(upup, NS_V3, "MotherTongue") ||
	            named(upup, NS_V3, "ForeignLanguage"))) {
		int is_mother = named(upup, NS_V3, "MotherTongue");

		if (!l2e__europass_v3_language(text_of(el, v, sizeof(v)),
		                               is_mother))
			xadd(c, el, L2E_SEVERITY_ERROR, "language-code",
			     "\"%s\" is not a %s code in Europass's list", v,
			     is_mother ? "mother tongue" : "foreign language");
	}
}

static void v3_element(checker *c, const xmlNode *el)
{
	static const char *const cefr[] = { "Listening", "Reading",
		                            "SpokenInteraction",
		                            "SpokenProduction", "Writing" };
	const char *name = (const char *)el->name;
	const xmlNode *k;
	char v[64];
	size_t i;

	xml_skeleton(c, el);
	if (!strcmp(name, "Period")) {
		v3_period(c, el);
	} else if (!strcmp(name, "Birthdate") || !strcmp(name, "Date")) {
		long d[3];

		xml_date(c, el, d);
	} else if (!strcmp(name, "CreationDate") ||
	           !strcmp(name, "LastUpdateDate")) {
		text_date(c, el, text_of(el, v, sizeof(v)));
	} else if (!strcmp(name, "Code")) {
		v3_code(c, el);
	} else if (named(el->parent, NS_V3, "ProficiencyLevel") &&
	           named(el->parent->parent, NS_V3, "ForeignLanguage")) {
		for (i = 0; i < sizeof(cefr) / sizeof(cefr[0]); i++)
			if (!strcmp(name, cefr[i]) &&
			    !l2e__check_cefr(text_of(el, v, sizeof(v))))
				xadd(c, el, L2E_SEVERITY_ERROR, "cefr",
				     "\"%s\" is not a CEFR level (A1, A2, B1, "
				     "B2, C1 or C2)",
				     v);
	}
	for (k = el->children; k; k = k->next)
		if (in_ns(k, NS_V3))
			v3_element(c, k);
}

void l2e__check_v3_xml(l2e_report *r, const xmlDoc *doc)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	checker c;

	checker_init(&c, r);
	if (!root)
		return;
	v3_element(&c, root);
	xml_natids(&c, root);
}

/* ==== Europass CV XML ==== */

typedef struct cv_sink {
	checker *c;
} cv_sink;

static void on_cv_finding(unsigned line, const char *message, void *payload)
{
	cv_sink *s = payload;

	add(s->c, L2E_SEVERITY_ERROR, line, 0, NULL, "structure", "%s",
	    message);
}

/* "YYYY[-MM[-DD[T...]]]" (BR-COM-06) into d[3]; cv_check judges it. */
static int cv_date(const xmlNode *el, long d[3])
{
	char v[64], *end;

	d[0] = d[1] = d[2] = 0;
	if (!el)
		return 0;
	text_of(el, v, sizeof(v));
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
		if (named(n, NS_CV, "PersonCompetency")) {
			const xmlNode *t = child(n, NS_HR, "TaxonomyID");

			return t &&
			       !strcmp(text_of(t, v, sizeof(v)), "language");
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

static void cv_element(checker *c, const xmlNode *el)
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
	    cv_date(child(start, NS_HR, "FormattedDateTime"), a) &&
	    cv_date(child(end, NS_HR, "FormattedDateTime"), b) &&
	    l2e__check_date_cmp(a, b) > 0)
		xadd(c, end, L2E_SEVERITY_ERROR, "date-order",
		     "the period ends (EndDate) before it starts (StartDate)");
	if (named(el, NS_CV, "EducationLevelCode") &&
	    !l2e__check_eqf(text_of(el, v, sizeof(v))))
		xadd(c, el, L2E_SEVERITY_ERROR, "eqf",
		     "\"%s\" is not an EQF level (1 to 8)", v);
	/* the CV takes any ISO 3166-1 country (Europass's v3 list lacks
	 * some, such as CW) and ISO 639 languages: their shape is checked */
	if (named(el, NS_CV, "CountryCode") &&
	    !is_letters(text_of(el, v, sizeof(v)), 2))
		xadd(c, el, L2E_SEVERITY_ERROR, "country-code",
		     "\"%s\" is not a country code (ISO 3166-1, two letters)",
		     v);
	if ((named(el, NS_CV, "PrimaryLanguageCode") ||
	     (named(el, NS_CV, "CompetencyID") &&
	      is_language_competency(el))) &&
	    is_normal_code(el) && !is_letters(text_of(el, v, sizeof(v)), 3))
		xadd(c, el, L2E_SEVERITY_ERROR, "language-code",
		     "\"%s\" is not a language code (ISO 639, three letters)",
		     v);
	if (named(el, NS_HR, "ScoreText") && el->parent && el->parent->parent &&
	    !strcmp((const char *)el->parent->parent->name,
	            "CompetencyDimension") &&
	    is_language_competency(el) &&
	    !l2e__check_cefr(text_of(el, v, sizeof(v))))
		xadd(c, el, L2E_SEVERITY_ERROR, "cefr",
		     "\"%s\" is not a CEFR level (A1, A2, B1, B2, C1 or C2)",
		     v);
	for (k = el->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			cv_element(c, k);
}

void l2e__check_cv_xml(l2e_report *r, const xmlDoc *doc)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	cv_sink sink;
	checker c;

	checker_init(&c, r);
	sink.c = &c;
	l2e__cv_check(doc, on_cv_finding, &sink);
	if (!root)
		return;
	cv_element(&c, root);
	xml_natids(&c, root);
}

/* ==== Europass v3 JSON ==== */

static void jadd(checker *c, const l2e__node *n, l2e_severity severity,
                 const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void jadd(checker *c, const l2e__node *n, l2e_severity severity,
                 const char *rule, const char *fmt, ...)
{
	l2e_buf msg = L2E_BUF_INIT, where = L2E_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	if (l2e__buf_vprintf(&msg, fmt, ap) < 0)
		c->r->is_oom = 1;
	va_end(ap);
	if (l2e__json_pointer(&where, n) < 0)
		c->r->is_oom = 1;
	if (msg.ptr && where.ptr)
		add(c, severity, n->line, n->column, where.ptr, rule, "%s",
		    msg.ptr);
	l2e_buf_dispose(&msg);
	l2e_buf_dispose(&where);
}

static const l2e__node *member(const l2e__node *obj, const char *key)
{
	return obj && obj->kind == L2E__NODE_OBJECT ? l2e__node_member(obj, key)
	                                            : NULL;
}

static int key_is(const l2e__node *n, const char *key)
{
	return n && n->key && !strcmp(n->key, key);
}

/* The key of the array an item is in, or of the object itself. */
static const char *list_key(const l2e__node *n)
{
	if (!n)
		return NULL;
	if (n->parent && n->parent->kind == L2E__NODE_ARRAY)
		return n->parent->key;
	return n->key;
}

/* A structuredDateType object into d[3]; 1 when it is a real date. */
static int json_date(checker *c, const l2e__node *obj, long d[3])
{
	static const char *const parts[] = { "Year", "Month", "Day" };
	static const long max[] = { 9999, 12, 31 };
	const l2e__node *p;
	int i, ok = 1;

	d[0] = d[1] = d[2] = 0;
	if (obj->kind != L2E__NODE_OBJECT)
		return 0;
	for (i = 0; i < 3; i++) {
		if (!(p = member(obj, parts[i]))) {
			if (i == 0) {
				jadd(c, obj, L2E_SEVERITY_ERROR, "date",
				     "the date has no Year");
				ok = 0;
			}
			continue;
		}
		if (p->kind != L2E__NODE_NUMBER)
			return 0; /* the type is the schema's business */
		if (l2e__parse_long(p->text, (size_t)-1, 1, max[i], &d[i])) {
			jadd(c, p, L2E_SEVERITY_ERROR, "date",
			     "%s %.20s is not a %s", parts[i], p->text,
			     i == 0   ? "year"
			     : i == 1 ? "month (1 to 12)"
			              : "day (1 to 31)");
			ok = 0;
		}
	}
	if (ok && !l2e__check_date_exists(d[0], d[1], d[2])) {
		jadd(c, obj, L2E_SEVERITY_ERROR, "date",
		     "%04ld-%02ld-%02ld does not exist", d[0], d[1], d[2]);
		ok = 0;
	}
	return ok;
}

static void json_period(checker *c, const l2e__node *period)
{
	const l2e__node *from = member(period, "From"),
	                *to = member(period, "To");
	long a[3], b[3];
	int from_ok = from ? json_date(c, from, a) : 0;
	int to_ok = to ? json_date(c, to, b) : 0;

	if (from_ok && to_ok && l2e__check_date_cmp(a, b) > 0)
		jadd(c, to, L2E_SEVERITY_ERROR, "date-order",
		     "the period ends (To) before it starts (From)");
}

/* Keys of the official schema's skeleton, per object. */
static const char *const json_keys_root[] = { "SkillsPassport", NULL };
static const char *const json_keys_sp[] = {
	"Locale",      "DocumentInfo", "PrintingPreferences",
	"LearnerInfo", "Attachment",   "CoverLetter",
	NULL
};
static const char *const json_keys_info[] = { "DocumentType", "Document",
	                                      "CreationDate", "LastUpdateDate",
	                                      "XSDVersion",   "Generator",
	                                      "Comment",      "Copyright",
	                                      "EuropassLogo", NULL };
static const char *const json_keys_learner[] = {
	"Identification", "Headline",    "WorkExperience", "Education",
	"Skills",         "Achievement", "ReferenceTo",    NULL
};

static void json_skeleton(checker *c, const l2e__node *obj,
                          const char *const *keys, const char *what)
{
	const l2e__node *k;
	size_t i;

	if (obj->kind != L2E__NODE_OBJECT) {
		jadd(c, obj, L2E_SEVERITY_ERROR, "structure",
		     "%s must be an object", what);
		return;
	}
	for (k = obj->first; k; k = k->next) {
		for (i = 0; keys[i] && strcmp(keys[i], k->key); i++)
			;
		if (!keys[i])
			jadd(c, k, L2E_SEVERITY_ERROR, "structure",
			     "\"%.60s\" is not a member of %s", k->key, what);
	}
}

static void json_value(checker *c, const l2e__node *n)
{
	static const char *const cefr[] = { "Listening", "Reading",
		                            "SpokenInteraction",
		                            "SpokenProduction", "Writing" };
	const l2e__node *k, *up = n->parent;
	size_t i;

	if ((n->kind == L2E__NODE_STRING || n->kind == L2E__NODE_NUMBER) &&
	    l2e__natid_find(n->text))
		jadd(c, n, L2E_SEVERITY_WARNING, "national-id",
		     "this value looks like a national identifier (BSN, "
		     "onderwijsnummer or ECK iD), which does not belong in "
		     "a Europass document");
	if (n->kind == L2E__NODE_STRING && key_is(n, "Code") && up) {
		const l2e__node *owner = up;

		if (key_is(owner, "Country") ||
		    !strcmp(list_key(owner) ? list_key(owner) : "",
		            "Nationality")) {
			if (!l2e__europass_v3_country(n->text))
				jadd(c, n, L2E_SEVERITY_ERROR, "country-code",
				     "\"%.20s\" is not a country code in "
				     "Europass's list",
				     n->text);
		} else if (key_is(owner, "Level") && owner->parent &&
		           !strcmp(list_key(owner->parent)
		                       ? list_key(owner->parent)
		                       : "",
		                   "Education")) {
			if (!l2e__check_eqf(n->text))
				jadd(c, n, L2E_SEVERITY_ERROR, "eqf",
				     "\"%.20s\" is not an EQF level (1 to 8)",
				     n->text);
		} else if (key_is(owner, "Description") && owner->parent &&
		           list_key(owner->parent) &&
		           (!strcmp(list_key(owner->parent), "MotherTongue") ||
		            !strcmp(list_key(owner->parent),
		                    "ForeignLanguage"))) {
			int is_mother =
			    !strcmp(list_key(owner->parent), "MotherTongue");

			if (!l2e__europass_v3_language(n->text, is_mother))
				jadd(c, n, L2E_SEVERITY_ERROR, "language-code",
				     "\"%.20s\" is not a %s code in "
				     "Europass's list",
				     n->text,
				     is_mother ? "mother tongue"
				               : "foreign language");
		}
	}
	if (n->kind == L2E__NODE_STRING && up &&
	    key_is(up, "ProficiencyLevel") && up->parent &&
	    list_key(up->parent) &&
	    !strcmp(list_key(up->parent), "ForeignLanguage"))
		for (i = 0; i < sizeof(cefr) / sizeof(cefr[0]); i++)
			if (key_is(n, cefr[i]) && !l2e__check_cefr(n->text))
				jadd(c, n, L2E_SEVERITY_ERROR, "cefr",
				     "\"%.20s\" is not a CEFR level (A1, A2, "
				     "B1, B2, C1 or C2)",
				     n->text);
	if (n->kind == L2E__NODE_OBJECT) {
		if (key_is(n, "Period")) {
			json_period(c, n);
		} else if (key_is(n, "Birthdate") || key_is(n, "Date")) {
			long d[3];

			json_date(c, n, d);
		} else if (key_is(n, "SkillsPassport") && up && !up->parent) {
			json_skeleton(c, n, json_keys_sp, "SkillsPassport");
		} else if (key_is(n, "DocumentInfo") && up &&
		           key_is(up, "SkillsPassport")) {
			json_skeleton(c, n, json_keys_info, "DocumentInfo");
		} else if (key_is(n, "LearnerInfo") && up &&
		           key_is(up, "SkillsPassport")) {
			json_skeleton(c, n, json_keys_learner, "LearnerInfo");
		}
	}
	if (n->kind == L2E__NODE_OBJECT || n->kind == L2E__NODE_ARRAY)
		for (k = n->first; k; k = k->next)
			json_value(c, k);
}

void l2e__check_v3_json(l2e_report *r, const l2e__node *root)
{
	checker c;

	checker_init(&c, r);
	if (!root)
		return;
	json_skeleton(&c, root, json_keys_root, "the document");
	json_value(&c, root);
}
