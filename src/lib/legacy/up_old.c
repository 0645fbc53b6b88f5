/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * up_old.c - Europass XML v1.0, v1.1, v1.2 and v2.0 (learnerinfo) to a
 * new v3.4 SkillsPassport: the document, the person, and the pieces the
 * lists share (addresses, dates, coded values). See old_int.h.
 *
 * Where the old chain went wrong, this does not:
 *  - a one-string address (v1.0/v1.1) goes to AddressLine only, not also
 *    to PostalCode, Municipality and the country label;
 *  - a one-string employer or school (v1.x) is its Name, never an
 *    address;
 *  - the string "null", an empty element, an empty label: absent;
 *  - a partial birth date keeps what is valid (year, year-month) and a
 *    date without a year goes, with a warning;
 *  - codes 3.4 does not take (ISCO-88, gender NA, unlisted country) go
 *    with a warning, their labels stay.
 */
#include "legacy/old_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "europass/v3_codes.h"
#include "util/civil_date.h"

/* ==== Building ==== */

xmlNode *l2e__old_el(l2e__old *b, xmlNode *parent, const char *name,
                     const xmlNode *src)
{
	xmlNode *n;

	if (b->is_oom)
		return NULL;
	n = xmlNewChild(parent, b->ns, BAD_CAST name, NULL);
	if (!n) {
		b->is_oom = 1;
		return NULL;
	}
	if (src && src->line > 0)
		n->line = src->line;
	return n;
}

xmlNode *l2e__old_text(l2e__old *b, xmlNode *parent, const char *name,
                       const char *text, const xmlNode *src)
{
	xmlNode *n;

	if (!text || b->is_oom)
		return NULL;
	if (!(n = l2e__old_el(b, parent, name, src)))
		return NULL;
	/* xmlNodeAddContent escapes; xmlNewChild's content would not */
	xmlNodeAddContent(n, BAD_CAST text);
	return n;
}

xmlNode *l2e__old_copy(l2e__old *b, xmlNode *parent, const char *name,
                       const xmlNode *src)
{
	xmlChar *t = l2e__up_text(src);
	xmlNode *n = l2e__old_text(b, parent, name, (const char *)t, src);

	xmlFree(t);
	return n;
}

xmlNode *l2e__old_prune(xmlNode *n)
{
	if (n && !n->children && !n->properties) {
		xmlUnlinkNode(n);
		xmlFreeNode(n);
		return NULL;
	}
	return n;
}

int l2e__old_is_structured(const xmlNode *n)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* A Europass country code (UK, EL) from an ISO one (GB, GR). */
static int is_country(const char *code)
{
	return l2e__europass_v3_country(code);
}

static xmlChar *europass_country(xmlChar *code)
{
	if (code && !strcmp((const char *)code, "GB"))
		memcpy(code, "UK", 2);
	else if (code && !strcmp((const char *)code, "GR"))
		memcpy(code, "EL", 2);
	return code;
}

xmlNode *l2e__old_coded(l2e__old *b, xmlNode *parent, const char *name,
                        const xmlNode *src, int (*is_ok)(const char *),
                        const char *what, const char *why)
{
	const xmlNode *code_el = l2e__up_child(src, "code");
	xmlChar *code = NULL;
	xmlNode *n;

	if (!src)
		return NULL;
	n = l2e__old_el(b, parent, name, src);
	if (!l2e__old_is_structured(src)) {
		l2e__old_copy(b, n, "Label", src);
		return l2e__old_prune(n);
	}
	code = l2e__up_text(code_el);
	if (code && is_ok == is_country)
		code = europass_country(code);
	if (code && is_ok && !is_ok((const char *)code)) {
		l2e__up_warn(b->u, code_el, "code",
		             "%s '%s' left out, the label kept: %s", what,
		             (const char *)code, why);
	} else if (code) {
		l2e__old_text(b, n, "Code", (const char *)code, code_el);
	}
	l2e__old_copy(b, n, "Label", l2e__up_child(src, "label"));
	xmlFree(code);
	return l2e__old_prune(n);
}

void l2e__old_address(l2e__old *b, xmlNode *parent, const xmlNode *src)
{
	xmlNode *addr, *contact;

	if (!src)
		return;
	addr = l2e__old_el(b, parent, "Address", src);
	contact = l2e__old_el(b, addr, "Contact", src);
	if (!l2e__old_is_structured(src)) {
		/* one string: the old chain also copied it into PostalCode,
		 * Municipality and the country label */
		l2e__old_copy(b, contact, "AddressLine", src);
	} else {
		l2e__old_copy(b, contact, "AddressLine",
		              l2e__up_child(src, "addressLine"));
		l2e__old_copy(b, contact, "PostalCode",
		              l2e__up_child(src, "postalCode"));
		l2e__old_copy(b, contact, "Municipality",
		              l2e__up_child(src, "municipality"));
		l2e__old_coded(b, contact, "Country",
		               l2e__up_child(src, "country"), is_country,
		               "country code", "not in the v3.4 country list");
	}
	l2e__old_prune(contact);
	l2e__old_prune(addr);
}

/* ==== Dates ==== */

static int digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Set year/month/day attributes on `n` as far as they are valid. */
static void set_date(l2e__old *b, xmlNode *n, long y, int m, int d)
{
	char v[16];

	snprintf(v, sizeof(v), "%04ld", y);
	xmlSetProp(n, BAD_CAST "year", BAD_CAST v);
	if (m) {
		snprintf(v, sizeof(v), "--%02d", m);
		xmlSetProp(n, BAD_CAST "month", BAD_CAST v);
	}
	if (m && d) {
		snprintf(v, sizeof(v), "---%02d", d);
		xmlSetProp(n, BAD_CAST "day", BAD_CAST v);
	}
	(void)b;
}

/* A date element `name` from year/month/day parts that may be missing
 * or malformed: what is valid stays, the rest is a warning. */
static void make_date(l2e__old *b, xmlNode *parent, const char *name,
                      const xmlNode *src, const char *ys, const char *ms,
                      const char *ds)
{
	long y = 0;
	int m = 0, d = 0;

	if (!ys || strlen(ys) != 4 || !digits(ys, 4)) {
		if (ys || ms || ds)
			l2e__up_warn(b->u, src, "date-year",
			             "date without a (valid) year, which v3.4 "
			             "requires: left out");
		return;
	}
	y = (ys[0] - '0') * 1000 + (ys[1] - '0') * 100 + (ys[2] - '0') * 10 +
	    (ys[3] - '0');
	if (ms) {
		while (*ms == '-')
			ms++;
		if (strlen(ms) == 2 && digits(ms, 2))
			m = (ms[0] - '0') * 10 + (ms[1] - '0');
		if (m < 1 || m > 12) {
			l2e__up_warn(b->u, src, "date-month",
			             "month '%s' is not a month: only the year "
			             "is kept",
			             ms);
			m = 0;
			ds = NULL;
		}
	}
	if (ds && m) {
		while (*ds == '-')
			ds++;
		if (strlen(ds) == 2 && digits(ds, 2))
			d = (ds[0] - '0') * 10 + (ds[1] - '0');
		if (!l2e__date_exists(y, m, d)) {
			l2e__up_warn(b->u, src, "date-day",
			             "day '%s' does not exist in that month: "
			             "only year and month are kept",
			             ds);
			d = 0;
		}
	}
	set_date(b, l2e__old_el(b, parent, name, src), y, m, d);
}

/* A v1/v2 date element with year, month (--MM), day (---DD) children. */
static void parts_date(l2e__old *b, xmlNode *parent, const char *name,
                       const xmlNode *src)
{
	xmlChar *y = l2e__up_text(l2e__up_child(src, "year"));
	xmlChar *m = l2e__up_text(l2e__up_child(src, "month"));
	xmlChar *d = l2e__up_text(l2e__up_child(src, "day"));

	make_date(b, parent, name, src, (const char *)y, (const char *)m,
	          (const char *)d);
	xmlFree(y);
	xmlFree(m);
	xmlFree(d);
}

void l2e__old_period(l2e__old *b, xmlNode *parent, const xmlNode *src)
{
	xmlNode *p;

	if (!src)
		return;
	p = l2e__old_el(b, parent, "Period", src);
	parts_date(b, p, "From", l2e__up_child(src, "from"));
	parts_date(b, p, "To", l2e__up_child(src, "to"));
	l2e__old_prune(p);
}

/* "1987-04-12", "1988-04", "1988"; "--05-14" has no year. */
static void birth_date(l2e__old *b, xmlNode *parent, const xmlNode *src)
{
	xmlChar *t = l2e__up_text(src);
	char y[5] = "", m[3] = "", d[3] = "";
	const char *s = (const char *)t;

	if (!s)
		return;
	if (strlen(s) >= 4 && digits(s, 4) && (!s[4] || s[4] == '-')) {
		memcpy(y, s, 4);
		if (s[4] && strlen(s + 5) >= 2) {
			memcpy(m, s + 5, 2);
			if (s[7] == '-' && strlen(s + 8) >= 2)
				memcpy(d, s + 8, 2);
		}
	}
	make_date(b, parent, "Birthdate", src, *y ? y : NULL, *m ? m : NULL,
	          *d ? d : NULL);
	if (!*y && strlen(s))
		l2e__up_warn(b->u, src, "date-year",
		             "birth date '%s' has no year, which v3.4 "
		             "requires: left out",
		             s);
	xmlFree(t);
}

/* ==== The person ==== */

static int is_gender(const char *s)
{
	return !strcmp(s, "M") || !strcmp(s, "F");
}

static void telephone(l2e__old *b, xmlNode *list, const xmlNode *src,
                      const char *use)
{
	xmlNode *t;
	xmlChar *text = l2e__up_text(src);

	if (text) {
		t = l2e__old_el(b, list, "Telephone", src);
		l2e__old_text(b, t, "Contact", (const char *)text, src);
		if (use)
			l2e__old_text(b, l2e__old_el(b, t, "Use", src), "Code",
			              use, src);
	}
	xmlFree(text);
}

static void contact(l2e__old *b, xmlNode *ident, const xmlNode *src)
{
	xmlNode *ci = l2e__old_el(b, ident, "ContactInfo", src), *list, *e;
	const xmlNode *email;
	xmlChar *fax;

	if (!src)
		return;
	l2e__old_address(b, ci, l2e__up_child(src, "address"));
	email = l2e__up_child(src, "email");
	if (email) {
		e = l2e__old_el(b, ci, "Email", email);
		l2e__old_copy(b, e, "Contact", email);
		l2e__old_prune(e);
	}
	list = l2e__old_el(b, ci, "TelephoneList", src);
	telephone(b, list, l2e__up_child(src, "telephone"), NULL);
	telephone(b, list, l2e__up_child(src, "mobile"), "mobile");
	l2e__old_prune(list);
	fax = l2e__up_text(l2e__up_child(src, "fax"));
	if (fax)
		l2e__up_warn(b->u, l2e__up_child(src, "fax"), "fax",
		             "v3.4 has no fax number: left out");
	xmlFree(fax);
}

static void demographics(l2e__old *b, xmlNode *ident, const xmlNode *src)
{
	xmlNode *dem = l2e__old_el(b, ident, "Demographics", src), *list, *g;
	const xmlNode *n;
	xmlChar *gender;

	birth_date(b, dem, l2e__up_child(src, "birthdate"));
	gender = l2e__up_text(l2e__up_child(src, "gender"));
	if (gender && is_gender((const char *)gender)) {
		g = l2e__old_el(b, dem, "Gender", src);
		l2e__old_text(b, g, "Code", (const char *)gender, src);
	} else if (gender) {
		l2e__up_warn(b->u, l2e__up_child(src, "gender"), "gender",
		             "gender '%s' is not M or F, the only values of "
		             "v3.4: left out",
		             (const char *)gender);
	}
	xmlFree(gender);
	list = l2e__old_el(b, dem, "NationalityList", src);
	for (n = l2e__up_child(src, "nationality"); n;
	     n = l2e__up_next(n, "nationality"))
		l2e__old_coded(b, list, "Nationality", n, is_country,
		               "nationality code",
		               "not in the v3.4 nationality list");
	l2e__old_prune(list);
	l2e__old_prune(dem);
}

/* JPEG or PNG, from the bytes (base64 of their magic numbers). */
static void photo(l2e__old *b, xmlNode *ident, const xmlNode *src)
{
	xmlChar *data = l2e__up_text(src);
	const char *mime = NULL;
	xmlNode *p;

	if (!data)
		return;
	if (!strncmp((const char *)data, "/9j/", 4))
		mime = "image/jpeg";
	else if (!strncmp((const char *)data, "iVBOR", 5))
		mime = "image/png";
	if (!mime) {
		l2e__up_warn(b->u, src, "photo",
		             "the photo is neither JPEG nor PNG: left out");
	} else {
		p = l2e__old_el(b, ident, "Photo", src);
		l2e__old_text(b, p, "MimeType", mime, src);
		l2e__old_text(b, p, "Data", (const char *)data, src);
	}
	xmlFree(data);
}

static void identification(l2e__old *b, xmlNode *learner, const xmlNode *src)
{
	xmlNode *id = l2e__old_el(b, learner, "Identification", src), *pn;

	pn = l2e__old_el(b, id, "PersonName", src);
	l2e__old_copy(b, pn, "FirstName", l2e__up_child(src, "firstname"));
	l2e__old_copy(b, pn, "Surname", l2e__up_child(src, "lastname"));
	l2e__old_prune(pn);
	contact(b, id, l2e__up_child(src, "contactinfo"));
	l2e__old_prune(l2e__up_child(id, "ContactInfo"));
	demographics(b, id, l2e__up_child(src, "demographics"));
	photo(b, id, l2e__up_child(src, "photo"));
	l2e__old_prune(id);
}

static void headline(l2e__old *b, xmlNode *learner, const xmlNode *src)
{
	xmlNode *h, *t;

	if (!src)
		return;
	h = l2e__old_el(b, learner, "Headline", src);
	t = l2e__old_el(b, h, "Type", src);
	l2e__old_text(b, t, "Code", "job_applied_for", src);
	if (!l2e__old_coded(b, h, "Description", src, l2e__up_is_esco,
	                    "occupation code", OCCUPATION_WHY)) {
		xmlUnlinkNode(h);
		xmlFreeNode(h);
	}
}

/* ==== The document ==== */

/* xsd:dateTime as the old docinfo wrote it, else the context's time. */
static void created(l2e__old *b, char *out, size_t size, const xmlNode *src)
{
	xmlChar *t = l2e__up_text(src);
	const char *s = (const char *)t;
	time_t when = (time_t)b->u->ctx->opts.document_time;
	struct tm tm;

	if (s && strlen(s) >= 19 && strlen(s) < size && digits(s, 4) &&
	    s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' &&
	    s[16] == ':') {
		memcpy(out, s, strlen(s) + 1);
	} else if (gmtime_r(&when, &tm)) {
		strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
	} else {
		snprintf(out, size, "1970-01-01T00:00:00Z");
	}
	xmlFree(t);
}

static void document_info(l2e__old *b, xmlNode *root, const xmlNode *src)
{
	xmlNode *info = l2e__old_el(b, root, "DocumentInfo", src);
	char when[64], generator[64];

	created(b, when, sizeof(when), l2e__up_child(src, "issuedate"));
	snprintf(generator, sizeof(generator),
	         "lob2europass upgrade from V%d.%d", b->u->major, b->u->minor);
	l2e__old_text(b, info, "DocumentType", "ECV", src);
	l2e__old_text(b, info, "CreationDate", when, src);
	l2e__old_text(b, info, "LastUpdateDate", when, src);
	l2e__old_text(b, info, "XSDVersion", "V3.4", src);
	l2e__old_text(b, info, "Generator", generator, src);
	l2e__old_copy(b, info, "Comment", l2e__up_child(src, "comment"));
}

static void prefs(l2e__old *b, const xmlNode *src)
{
	const xmlNode *n;
	size_t count = 0;

	for (n = l2e__up_child(src, "field"); n; n = l2e__up_next(n, "field"))
		count++;
	if (count)
		l2e__up_warn(b->u, src, "preference",
		             "the %zu printing preferences of a V%d.%d "
		             "document are not carried over (v3 names its "
		             "fields differently)",
		             count, b->u->major, b->u->minor);
}

/* "nl_NL" -> "nl"; "en" when there is none. */
static void locale(xmlNode *root, const xmlNode *src)
{
	xmlChar *l = xmlGetProp(src, BAD_CAST "locale");
	char v[8] = "en";

	if (l && l[0] >= 'a' && l[0] <= 'z' && l[1] >= 'a' && l[1] <= 'z' &&
	    (!l[2] || l[2] == '_' || l[2] == '-')) {
		v[0] = (char)l[0];
		v[1] = (char)l[1];
	}
	xmlSetProp(root, BAD_CAST "locale", BAD_CAST v);
	xmlFree(l);
}

int l2e__up_old_xml(l2e__up *u, const xmlDoc *in, xmlDoc **out)
{
	const xmlNode *src = xmlDocGetRootElement(in);
	l2e__old b;
	xmlNode *root = NULL, *learner;
	xmlNs *xsi;

	*out = NULL;
	memset(&b, 0, sizeof(b));
	b.u = u;
	if (!(b.doc = xmlNewDoc(BAD_CAST "1.0")) ||
	    !(root =
	          xmlNewDocNode(b.doc, NULL, BAD_CAST "SkillsPassport", NULL)))
		goto oom;
	xmlDocSetRootElement(b.doc, root);
	root->line = src->line;
	if (!(b.ns = xmlNewNs(root, BAD_CAST L2E__UP_NS_V3, NULL)) ||
	    !(xsi = xmlNewNs(root, BAD_CAST L2E__UP_XSI, BAD_CAST "xsi")))
		goto oom;
	xmlSetNs(root, b.ns);
	xmlSetNsProp(root, xsi, BAD_CAST "schemaLocation",
	             BAD_CAST L2E__UP_SCHEMA_LOCATION);
	locale(root, src);
	document_info(&b, root, l2e__up_child(src, "docinfo"));
	prefs(&b, l2e__up_child(src, "prefs"));
	learner = l2e__old_el(&b, root, "LearnerInfo", src);
	identification(&b, learner, l2e__up_child(src, "identification"));
	headline(&b, learner, l2e__up_child(src, "application"));
	l2e__old_work(&b, learner, l2e__up_child(src, "workexperiencelist"));
	l2e__old_education(&b, learner, l2e__up_child(src, "educationlist"));
	l2e__old_skills(&b, learner, src);
	l2e__old_misc(&b, learner, l2e__up_child(src, "misclist"));
	if (b.is_oom)
		goto oom;
	*out = b.doc;
	return 0;
oom:
	xmlFreeDoc(b.doc);
	return l2e__error_set(u->ctx, L2E_ENOMEM, L2E_ERRCLASS_WRITE,
	                      "out of memory");
}
