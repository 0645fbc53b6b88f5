/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * detect.c - what a document is: which Europass format, which version.
 *
 * XML: the root element and its namespace decide the format, the
 * document's own version statement the version:
 *   SkillsPassport in http://europass.cedefop.europa.eu/Europass
 *       v3, version in DocumentInfo/XSDVersion ("V3.4"); V3.0-V3.3 are
 *       older versions, a missing or newer one is checked as V3.4;
 *   any root in http://europass.cedefop.europa.eu/Europass/Vx.y
 *       v1.x and v2.0 (learnerinfo); the version is the namespace's;
 *   Candidate in http://www.europass.eu/1.0
 *       the Europass CV XML; version from hr:DocumentID/@schemeVersionID.
 * JSON: an object with a SkillsPassport member is v3 JSON, its version
 * in SkillsPassport.DocumentInfo.XSDVersion as for XML. An object whose
 * @context names the ELM edc-ap context, or whose type lists
 * EuropeanDigitalCredential, is an EDC; so is the EDC issuer's upload
 * wrapper {"credential": such an object, ...}.
 */
#include "validate/validate_int.h"

#include <stdio.h>
#include <string.h>

#define NS_V3       "http://europass.cedefop.europa.eu/Europass"
#define NS_OLD_HEAD "http://europass.cedefop.europa.eu/Europass/V"
#define NS_CV       "http://www.europass.eu/1.0"
#define NS_HR       "http://www.hr-xml.org/3"

l2e__syntax l2e__detect_syntax(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 2 && (((unsigned char)data[0] == 0xFE &&
	                  (unsigned char)data[1] == 0xFF) ||
	                 ((unsigned char)data[0] == 0xFF &&
	                  (unsigned char)data[1] == 0xFE)))
		return L2E__SYNTAX_XML; /* UTF-16: libxml2 reads it */
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' ||
	                   data[i] == '\n' || data[i] == '\r'))
		i++;
	if (i == len)
		return L2E__SYNTAX_UNKNOWN;
	if (data[i] == '<')
		return L2E__SYNTAX_XML;
	if (data[i] == '{' || data[i] == '[')
		return L2E__SYNTAX_JSON;
	return L2E__SYNTAX_UNKNOWN;
}

/* "V3.4" into major/minor; 0 when it is not spelled so. */
static int parse_version(const char *s, int *major, int *minor)
{
	int a = 0, b = 0, n;

	if (!s || s[0] != 'V')
		return 0;
	s++;
	for (n = 0; *s >= '0' && *s <= '9' && n < 3; s++, n++)
		a = a * 10 + (*s - '0');
	if (!n || *s++ != '.')
		return 0;
	for (n = 0; *s >= '0' && *s <= '9' && n < 3; s++, n++)
		b = b * 10 + (*s - '0');
	if (!n || *s)
		return 0;
	*major = a;
	*minor = b;
	return 1;
}

/* Kind of a SkillsPassport (v3 XML or JSON) that states `version`. */
static l2e_doc_kind v3_kind(const char *version, l2e_doc_kind current)
{
	int major, minor;

	if (!parse_version(version, &major, &minor))
		return current; /* the schema will say what is wrong */
	if (major < 3 || (major == 3 && minor < 4))
		return L2E_DOC_OLDER;
	return current;
}

static void set_version(l2e__detected *out, const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	               s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	if (len >= sizeof(out->version))
		len = sizeof(out->version) - 1;
	memcpy(out->version, s, len);
	out->version[len] = '\0';
}

static void text_version(l2e__detected *out, const xmlNode *el)
{
	xmlChar *text = el ? xmlNodeGetContent(el) : NULL;

	if (text)
		set_version(out, (const char *)text, strlen((char *)text));
	xmlFree(text);
}

void l2e__detect_xml(l2e__detected *out, const xmlDoc *doc)
{
	const xmlNode *root = xmlDocGetRootElement(doc), *info, *id;
	const char *ns;
	xmlChar *v;

	memset(out, 0, sizeof(*out));
	if (!root) {
		snprintf(out->what, sizeof(out->what), "no root element");
		return;
	}
	ns = root->ns ? (const char *)root->ns->href : NULL;
	if (l2e__xml_named(root, NS_V3, "SkillsPassport")) {
		info = l2e__xml_child(root, NS_V3, "DocumentInfo");
		text_version(out, l2e__xml_child(info, NS_V3, "XSDVersion"));
		out->kind = v3_kind(out->version, L2E_DOC_V3_XML);
		if (out->kind == L2E_DOC_OLDER)
			snprintf(out->what, sizeof(out->what),
			         "Europass XML %s", out->version);
		return;
	}
	if (ns && !strncmp(ns, NS_OLD_HEAD, strlen(NS_OLD_HEAD))) {
		out->kind = L2E_DOC_OLDER;
		ns += strlen(NS_OLD_HEAD) - 1; /* "V2.0" */
		set_version(out, ns, strlen(ns));
		snprintf(out->what, sizeof(out->what), "Europass XML %s",
		         out->version);
		return;
	}
	if (l2e__xml_named(root, NS_CV, "Candidate")) {
		out->kind = L2E_DOC_CV_XML;
		id = l2e__xml_child(root, NS_HR, "DocumentID");
		v = id ? xmlGetProp(id, BAD_CAST "schemeVersionID") : NULL;
		if (v)
			set_version(out, (const char *)v, strlen((char *)v));
		xmlFree(v);
		return;
	}
	out->kind = L2E_DOC_NOT_EUROPASS;
	snprintf(out->what, sizeof(out->what),
	         "the root element is <%.40s>%s%.80s", (const char *)root->name,
	         ns ? " in namespace " : " without a namespace", ns ? ns : "");
}

/* a string equal to s, or an array with one */
static int lists(const l2e__node *n, const char *s)
{
	const l2e__node *k;

	if (n && n->kind == L2E__NODE_ARRAY) {
		for (k = n->first; k; k = k->next)
			if (lists(k, s))
				return 1;
		return 0;
	}
	return n && n->kind == L2E__NODE_STRING && strcmp(n->text, s) == 0;
}

static int is_edc(const l2e__node *obj)
{
	const l2e__node *wrapped;

	if (!obj || obj->kind != L2E__NODE_OBJECT)
		return 0;
	wrapped = l2e__node_member(obj, "credential");
	if (wrapped && wrapped->kind == L2E__NODE_OBJECT)
		obj = wrapped;
	return lists(l2e__node_member(obj, "@context"),
	             "http://data.europa.eu/snb/model/context/edc-ap") ||
	       lists(l2e__node_member(obj, "type"),
	             "EuropeanDigitalCredential");
}

void l2e__detect_json(l2e__detected *out, const l2e__node *root)
{
	const l2e__node *sp, *v;

	memset(out, 0, sizeof(*out));
	if (is_edc(root)) {
		out->kind = L2E_DOC_EDC;
		return;
	}
	sp = root && root->kind == L2E__NODE_OBJECT
	         ? l2e__node_member(root, "SkillsPassport")
	         : NULL;
	if (!sp) {
		out->kind = L2E_DOC_NOT_EUROPASS;
		snprintf(out->what, sizeof(out->what),
		         "a JSON document without a \"SkillsPassport\" %s",
		         root && root->kind == L2E__NODE_OBJECT ? "member"
		                                                : "object");
		return;
	}
	v = sp->kind == L2E__NODE_OBJECT ? l2e__node_member(sp, "DocumentInfo")
	                                 : NULL;
	v = v && v->kind == L2E__NODE_OBJECT ? l2e__node_member(v, "XSDVersion")
	                                     : NULL;
	if (v && v->kind == L2E__NODE_STRING)
		set_version(out, v->text, v->len);
	out->kind = v3_kind(out->version, L2E_DOC_V3_JSON);
	if (out->kind == L2E_DOC_OLDER)
		snprintf(out->what, sizeof(out->what), "Europass JSON %s",
		         out->version);
}
