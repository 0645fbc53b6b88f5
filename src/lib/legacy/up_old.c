/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * up_old.c - Europass XML v1.0, v1.1, v1.2 and v2.0 (learnerinfo) to a
 * new v3.4 SkillsPassport: the document and the person; the lists are
 * up_old_lists.c's, the pieces both share (elements, addresses, dates,
 * coded values) old_build.c's.
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
#include "legacy/up_old.h"

#include "legacy/old_build.h"
#include "legacy/rules.h"
#include "legacy/up_old_lists.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

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

	l2e__old_birth_date(b, dem, l2e__up_child(src, "birthdate"));
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
		l2e__old_coded(b, list, "Nationality", n, l2e__old_is_country,
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

	if (s && strlen(s) >= 19 && strlen(s) < size && l2e__old_digits(s, 4) &&
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
