/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * checks_v3.c - the built-in checks of Europass v3.4, XML and JSON (see
 * checks.c for the list), along the tree the writers write from
 * (europass/v3_tree.h).
 *
 * A row's check applies to an element or property with the row's name
 * whose `check_up` nearest ancestors have the names of the row's
 * ancestors (the Code of a Country, but not any Code); the first row
 * that applies decides. In XML an ancestor is the parent element, in
 * the v3 namespace; in JSON it is the object holding the property, and
 * an item of a list is named by its array (or, leniently, by its own
 * key). Closed rows (SkillsPassport, DocumentInfo, LearnerInfo) have
 * their members checked: in XML every element of that name, in order,
 * with its cardinality; in JSON the object under the row's parent
 * (SkillsPassport: under the document), for unknown members only. The
 * date-times of DocumentInfo are checked in XML only.
 */
#include "validate/checks_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "europass/v3_codes.h"
#include "europass/v3_tree.h"
#include "core/natid.h"
#include "util/parse_int.h"

#define NS_V3 L2E__EV3_NS

#define ROW(i) (&l2e__ev3_tree[i])

/* The most children a closed row has. */
#define MAX_MEMBERS 16

/* Is `v` a value check `k` takes? If not, *rule and *what say why. */
static int value_ok(l2e__ev3_check k, const char *v, const char **rule,
                    const char **what)
{
	switch (k) {
	case L2E__EV3_CHECK_COUNTRY:
		*rule = "country-code";
		*what = "a country code in Europass's list";
		return l2e__europass_v3_country(v);
	case L2E__EV3_CHECK_EQF:
		*rule = "eqf";
		*what = "an EQF level (1 to 8)";
		return l2e__check_eqf(v);
	case L2E__EV3_CHECK_MOTHER:
		*rule = "language-code";
		*what = "a mother tongue code in Europass's list";
		return l2e__europass_v3_language(v, 1);
	case L2E__EV3_CHECK_FOREIGN:
		*rule = "language-code";
		*what = "a foreign language code in Europass's list";
		return l2e__europass_v3_language(v, 0);
	case L2E__EV3_CHECK_CEFR:
		*rule = "cefr";
		*what = "a CEFR level (A1, A2, B1, B2, C1 or C2)";
		return l2e__check_cefr(v);
	default: return 1;
	}
}

static int is_value_check(l2e__ev3_check k)
{
	return k == L2E__EV3_CHECK_COUNTRY || k == L2E__EV3_CHECK_EQF ||
	       k == L2E__EV3_CHECK_MOTHER || k == L2E__EV3_CHECK_FOREIGN ||
	       k == L2E__EV3_CHECK_CEFR;
}

/* The names of a Period's dates (From, To): its DATE rows. */
static void period_parts(size_t period, const char *names[2], int is_json)
{
	size_t c, n = 0;

	names[0] = names[1] = NULL;
	for (c = l2e__ev3_next_child(period, period); c && n < 2;
	     c = l2e__ev3_next_child(period, c))
		if (ROW(c)->kind == L2E__EV3_DATE)
			names[n++] = is_json ? ROW(c)->json : ROW(c)->xml;
}

/* ==== XML ==== */

/* Is element `el` row i, as far as `up` ancestors tell? */
static int xml_is_row(const xmlNode *el, size_t i, unsigned up)
{
	const l2e__ev3_row *r = ROW(i);

	if (!r->xml || r->kind == L2E__EV3_ATTR ||
	    strcmp((const char *)el->name, r->xml))
		return 0;
	for (; up > 0; up--) {
		if (r->parent < 0)
			return 0;
		r = ROW(r->parent);
		el = el->parent;
		if (!l2e__xml_named(el, NS_V3, r->xml))
			return 0;
	}
	return 1;
}

/* The children of closed row i, as the official XSD orders them. */
static void xml_skeleton(l2e__checker *c, const xmlNode *el, size_t i)
{
	size_t member[MAX_MEMBERS], n = 0, m, rank = 0;
	unsigned count[MAX_MEMBERS];
	const char *name = (const char *)el->name;
	const xmlNode *k;

	for (m = l2e__ev3_next_child(i, i); m && n < MAX_MEMBERS;
	     m = l2e__ev3_next_child(i, m))
		if (ROW(m)->xml && ROW(m)->kind != L2E__EV3_ATTR)
			member[n++] = m;
	memset(count, 0, sizeof(count));
	for (k = el->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		for (m = 0; m < n; m++)
			if (l2e__xml_named(k, NS_V3, ROW(member[m])->xml))
				break;
		if (m == n) {
			l2e__checker_xadd(c, k, L2E_SEVERITY_ERROR, "structure",
			                  "<%.60s> is not an element of <%s>",
			                  (const char *)k->name, name);
			continue;
		}
		if (m < rank)
			l2e__checker_xadd(c, k, L2E_SEVERITY_ERROR, "structure",
			                  "<%s> is out of order in <%s>: it "
			                  "comes before <%s>",
			                  ROW(member[m])->xml, name,
			                  ROW(member[rank])->xml);
		else
			rank = m;
		if (++count[m] == (unsigned)ROW(member[m])->max + 1)
			l2e__checker_xadd(c, k, L2E_SEVERITY_ERROR, "structure",
			                  "<%s> more than once in <%s>",
			                  ROW(member[m])->xml, name);
	}
	for (m = 0; m < n; m++)
		if (count[m] < ROW(member[m])->min)
			l2e__checker_xadd(c, el, L2E_SEVERITY_ERROR,
			                  "structure", "<%s> lacks <%s>", name,
			                  ROW(member[m])->xml);
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
static int xml_date(l2e__checker *c, const xmlNode *el, long d[3])
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
				l2e__checker_xadd(c, el, L2E_SEVERITY_ERROR,
				                  "date", "<%s> has no year",
				                  (const char *)el->name);
				ok = 0;
			}
			continue;
		}
		if (!date_part((const char *)v, i ? i + 1 : 0, i ? 2 : 4,
		               &d[i]) ||
		    (i == 1 && (d[1] < 1 || d[1] > 12)) ||
		    (i == 2 && (d[2] < 1 || d[2] > 31))) {
			l2e__checker_xadd(c, el, L2E_SEVERITY_ERROR, "date",
			                  "<%s>: %s=\"%.20s\" is not a %s (%s)",
			                  (const char *)el->name, names[i],
			                  (const char *)v, names[i], shapes[i]);
			ok = 0;
		}
		xmlFree(v);
	}
	if (ok && !l2e__check_date_exists(d[0], d[1], d[2])) {
		l2e__checker_xadd(c, el, L2E_SEVERITY_ERROR, "date",
		                  "<%s>: %04ld-%02ld-%02ld does not exist",
		                  (const char *)el->name, d[0], d[1], d[2]);
		ok = 0;
	}
	return ok;
}

/* "YYYY-MM-DD..." (xsd:date, xsd:dateTime): does the day exist? */
static void text_date(l2e__checker *c, const xmlNode *el, const char *s)
{
	long y, m, d;

	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return; /* the shape is the schema's business */
	y = strtol(s, NULL, 10);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || !l2e__check_date_exists(y, m, d))
		l2e__checker_xadd(c, el, L2E_SEVERITY_ERROR, "date",
		                  "<%s>: %.10s does not exist",
		                  (const char *)el->name, s);
}

static void xml_period(l2e__checker *c, const xmlNode *period, size_t row)
{
	const char *names[2];
	const xmlNode *from, *to;
	long a[3], b[3];
	int from_ok, to_ok;

	period_parts(row, names, 0);
	from = names[0] ? l2e__xml_child(period, NS_V3, names[0]) : NULL;
	to = names[1] ? l2e__xml_child(period, NS_V3, names[1]) : NULL;
	from_ok = from ? xml_date(c, from, a) : 0;
	to_ok = to ? xml_date(c, to, b) : 0;
	if (from_ok && to_ok && l2e__check_date_cmp(a, b) > 0)
		l2e__checker_xadd(
		    c, to, L2E_SEVERITY_ERROR, "date-order",
		    "the period ends (To) before it starts (From)");
}

static void xml_check(l2e__checker *c, const xmlNode *el, size_t i)
{
	const l2e__ev3_row *r = ROW(i);
	const char *rule, *what;
	char v[64];
	long d[3];

	switch (r->check) {
	case L2E__EV3_CHECK_DATE: xml_date(c, el, d); return;
	case L2E__EV3_CHECK_PERIOD: xml_period(c, el, i); return;
	case L2E__EV3_CHECK_DATETIME:
		text_date(c, el, l2e__xml_text_of(el, v, sizeof(v)));
		return;
	default:
		if (!value_ok(r->check, l2e__xml_text_of(el, v, sizeof(v)),
		              &rule, &what))
			l2e__checker_xadd(c, el, L2E_SEVERITY_ERROR, rule,
			                  "\"%s\" is not %s", v, what);
		return;
	}
}

static void v3_element(l2e__checker *c, const xmlNode *el)
{
	const xmlNode *k;
	size_t i;

	for (i = 0; i < l2e__ev3_tree_n; i++)
		if (ROW(i)->is_closed && xml_is_row(el, i, 0)) {
			xml_skeleton(c, el, i);
			break;
		}
	for (i = 0; i < l2e__ev3_tree_n; i++)
		if (ROW(i)->check && xml_is_row(el, i, ROW(i)->check_up)) {
			xml_check(c, el, i);
			break;
		}
	for (k = el->children; k; k = k->next)
		if (l2e__xml_in_ns(k, NS_V3))
			v3_element(c, k);
}

void l2e__check_v3_xml(l2e_report *r, const xmlDoc *doc)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	l2e__checker c;

	l2e__checker_init(&c, r);
	if (!root)
		return;
	v3_element(&c, root);
	l2e__check_xml_natids(&c, root);
}

/* ==== JSON ==== */

static void jadd(l2e__checker *c, const l2e__node *n, l2e_severity severity,
                 const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void jadd(l2e__checker *c, const l2e__node *n, l2e_severity severity,
                 const char *rule, const char *fmt, ...)
{
	l2e_buf where = L2E_BUF_INIT;
	va_list ap;

	if (l2e__json_pointer(&where, n) < 0)
		c->r->is_oom = 1;
	va_start(ap, fmt);
	if (where.ptr)
		l2e__checker_vadd(c, severity, n->line, n->column, where.ptr,
		                  rule, fmt, ap);
	va_end(ap);
	l2e_buf_dispose(&where);
}

static const l2e__node *member(const l2e__node *obj, const char *key)
{
	return obj && obj->kind == L2E__NODE_OBJECT ? l2e__node_member(obj, key)
	                                            : NULL;
}

/* A structuredDateType object into d[3]; 1 when it is a real date. */
static int json_date(l2e__checker *c, const l2e__node *obj, long d[3])
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

/* The members of closed row i's object: its children's JSON names. */
static void json_skeleton(l2e__checker *c, const l2e__node *obj, size_t i,
                          const char *what)
{
	const l2e__node *k;
	size_t m;

	if (obj->kind != L2E__NODE_OBJECT) {
		jadd(c, obj, L2E_SEVERITY_ERROR, "structure",
		     "%s must be an object", what);
		return;
	}
	for (k = obj->first; k; k = k->next) {
		for (m = l2e__ev3_next_child(i, i); m;
		     m = l2e__ev3_next_child(i, m))
			if (ROW(m)->json && !strcmp(ROW(m)->json, k->key))
				break;
		if (!m)
			jadd(c, k, L2E_SEVERITY_ERROR, "structure",
			     "\"%.60s\" is not a member of %s", k->key, what);
	}
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

static int key_is(const l2e__node *n, const char *key)
{
	return n && n->key && key && !strcmp(n->key, key);
}

/* Is value `n` row i, as far as `up` ancestors tell? */
static int json_is_row(const l2e__node *n, size_t i, unsigned up)
{
	const l2e__ev3_row *r = ROW(i);
	const char *list;

	if (!key_is(n, r->json))
		return 0;
	for (; up > 0; up--) {
		if (r->parent < 0)
			return 0;
		if (r->kind == L2E__EV3_ITEM) {
			/* its LIST is the array it is in */
			if (n->parent && n->parent->kind == L2E__NODE_ARRAY)
				n = n->parent;
			r = ROW(r->parent);
			continue;
		}
		r = ROW(r->parent);
		if (!(n = n->parent))
			return 0;
		if (r->kind != L2E__EV3_ITEM) {
			if (!key_is(n, r->json))
				return 0;
		} else {
			list = list_key(n);
			if (!list || strcmp(list, ROW(r->parent)->json))
				return 0;
		}
	}
	return 1;
}

static void json_period(l2e__checker *c, const l2e__node *period, size_t row)
{
	const char *names[2];
	const l2e__node *from, *to;
	long a[3], b[3];
	int from_ok, to_ok;

	period_parts(row, names, 1);
	from = names[0] ? member(period, names[0]) : NULL;
	to = names[1] ? member(period, names[1]) : NULL;
	from_ok = from ? json_date(c, from, a) : 0;
	to_ok = to ? json_date(c, to, b) : 0;
	if (from_ok && to_ok && l2e__check_date_cmp(a, b) > 0)
		jadd(c, to, L2E_SEVERITY_ERROR, "date-order",
		     "the period ends (To) before it starts (From)");
}

static void json_check(l2e__checker *c, const l2e__node *n, size_t i)
{
	const l2e__ev3_row *r = ROW(i);
	const char *rule, *what;
	long d[3];

	if (n->kind == L2E__NODE_STRING && is_value_check(r->check)) {
		if (!value_ok(r->check, n->text, &rule, &what))
			jadd(c, n, L2E_SEVERITY_ERROR, rule,
			     "\"%.20s\" is not %s", n->text, what);
	} else if (n->kind == L2E__NODE_OBJECT &&
	           r->check == L2E__EV3_CHECK_PERIOD) {
		json_period(c, n, i);
	} else if (n->kind == L2E__NODE_OBJECT &&
	           r->check == L2E__EV3_CHECK_DATE) {
		json_date(c, n, d);
	}
}

/* Does a check apply to `n`? (A date-time is the schema's in JSON.) */
static int json_applies(const l2e__node *n, size_t i)
{
	const l2e__ev3_row *r = ROW(i);

	if (!r->check || r->check == L2E__EV3_CHECK_DATETIME)
		return 0;
	if (is_value_check(r->check) ? n->kind != L2E__NODE_STRING
	                             : n->kind != L2E__NODE_OBJECT)
		return 0;
	return json_is_row(n, i, r->check_up);
}

static void json_value(l2e__checker *c, const l2e__node *n)
{
	const l2e__node *k, *up = n->parent;
	size_t i;

	if ((n->kind == L2E__NODE_STRING || n->kind == L2E__NODE_NUMBER) &&
	    l2e__natid_find(n->text))
		jadd(c, n, L2E_SEVERITY_WARNING, "national-id",
		     "this value looks like a national identifier (BSN, "
		     "onderwijsnummer or ECK iD), which does not belong in "
		     "a Europass document");
	for (i = 0; i < l2e__ev3_tree_n; i++)
		if (json_applies(n, i)) {
			json_check(c, n, i);
			break;
		}
	/* a closed row's object: SkillsPassport in the document, the
	 * others in their parent row's object */
	if (n->kind == L2E__NODE_OBJECT && up)
		for (i = 0; i < l2e__ev3_tree_n; i++)
			if (ROW(i)->is_closed &&
			    (i == 0 ? key_is(n, ROW(0)->json) && !up->parent
			            : json_is_row(n, i, 1))) {
				json_skeleton(c, n, i, ROW(i)->json);
				break;
			}
	if (n->kind == L2E__NODE_OBJECT || n->kind == L2E__NODE_ARRAY)
		for (k = n->first; k; k = k->next)
			json_value(c, k);
}

/* The document: an object holding SkillsPassport. */
static void json_document(l2e__checker *c, const l2e__node *root)
{
	const l2e__node *k;

	if (root->kind != L2E__NODE_OBJECT) {
		jadd(c, root, L2E_SEVERITY_ERROR, "structure",
		     "the document must be an object");
		return;
	}
	for (k = root->first; k; k = k->next)
		if (!key_is(k, ROW(0)->json))
			jadd(c, k, L2E_SEVERITY_ERROR, "structure",
			     "\"%.60s\" is not a member of the document",
			     k->key);
}

void l2e__check_v3_json(l2e_report *r, const l2e__node *root)
{
	l2e__checker c;

	l2e__checker_init(&c, r);
	if (!root)
		return;
	json_document(&c, root);
	json_value(&c, root);
}
