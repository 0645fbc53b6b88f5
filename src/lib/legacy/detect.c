/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * detect.c - which Europass version an XML document is.
 *
 * The old chain's rule: the first docinfo/xsdversion (v1/v2) or
 * DocumentInfo/XSDVersion (v3), spelled V<d>.<d>; failing that, the
 * root: europass:learnerinfo is 2.0, SkillsPassport "the latest" (so a
 * corrupt 3.x version went out unchanged and invalid), Word's roots are
 * a file saved from Word, anything else is unknown. Here a corrupt v3
 * version is read from xsi:schemaLocation (".../xml/v3.2.0/...") with a
 * warning, or refused; a corrupt v1/v2 version from the root's
 * namespace (".../Europass/V1.2"), else 2.0 as before, with a warning.
 */
#include "legacy/detect.h"

#include <string.h>

int l2e__up_parse_version(const char *s, int *major, int *minor)
{
	if (!s || s[0] != 'V' || s[1] < '0' || s[1] > '9' || s[2] != '.' ||
	    s[3] < '0' || s[3] > '9' || s[4])
		return 0;
	*major = s[1] - '0';
	*minor = s[3] - '0';
	return 1;
}

static int is_old_known(int major, int minor)
{
	return (major == 1 && minor <= 2) || (major == 2 && minor == 0);
}

/* ".../xml/v3.2.0/EuropassSchema.xsd" or "...V3.2..." in the
 * schemaLocation: the 3.x it names, or 0. */
static int version_from_location(const xmlNode *root, int *minor)
{
	xmlChar *loc =
	    xmlGetNsProp(root, BAD_CAST "schemaLocation", BAD_CAST L2E__UP_XSI);
	const char *p;
	int found = 0;

	for (p = loc ? (const char *)loc : ""; *p && !found; p++)
		if ((p[0] == 'v' || p[0] == 'V') && p[1] == '3' &&
		    p[2] == '.' && p[3] >= '0' && p[3] <= '4' &&
		    (p[4] == '.' || p[4] == '/' || p[4] == '_')) {
			*minor = p[3] - '0';
			found = 1;
		}
	xmlFree(loc);
	return found;
}

static int detect_v3(l2e__up *u, const xmlNode *root)
{
	const xmlNode *info = l2e__up_child(root, "DocumentInfo");
	const xmlNode *v = l2e__up_child(info, "XSDVersion");
	xmlChar *text = l2e__up_text(v);
	int error = 0, minor;

	if (l2e__up_parse_version((const char *)text, &u->major, &u->minor)) {
		if (u->major != 3 || u->minor > 4)
			error = l2e__error_set_at(
			    u->ctx, L2E_ENOTSUPPORTED, L2E_ERRCLASS_READ,
			    u->name, v ? (unsigned)v->line : 0, 0, "XSDVersion",
			    "a SkillsPassport that says it is version %s: "
			    "this tool knows V3.0 to V3.4",
			    (const char *)text);
		goto done;
	}
	if (version_from_location(root, &minor)) {
		u->major = 3;
		u->minor = minor;
		u->is_from_location = 1;
		l2e__up_warn(u, v ? v : root, "version",
		             "XSDVersion '%s' is not a version (V3.0 ... "
		             "V3.4); xsi:schemaLocation says 3.%d, so the "
		             "document is read as V3.%d",
		             text ? (const char *)text : "", minor, minor);
		goto done;
	}
	error = l2e__error_set_at(
	    u->ctx, L2E_EPARSE, L2E_ERRCLASS_READ, u->name,
	    v ? (unsigned)v->line : (unsigned)root->line, 0, "XSDVersion",
	    "unreadable XSDVersion '%s' and no version in "
	    "xsi:schemaLocation: write the version the document was made "
	    "with (V3.0 ... V3.4) in DocumentInfo/XSDVersion",
	    text ? (const char *)text : "");
done:
	xmlFree(text);
	return error;
}

static int detect_old(l2e__up *u, const xmlNode *root)
{
	const xmlNode *info = l2e__up_child(root, "docinfo");
	const xmlNode *v = l2e__up_child(info, "xsdversion");
	xmlChar *text = l2e__up_text(v);
	const char *ns = (const char *)root->ns->href;
	int major, minor;

	if (l2e__up_parse_version((const char *)text, &major, &minor) &&
	    is_old_known(major, minor)) {
		u->major = major;
		u->minor = minor;
		xmlFree(text);
		return 0;
	}
	ns += strlen(L2E__UP_NS_OLD) - 1; /* "V2.0" */
	if (!l2e__up_parse_version(ns, &major, &minor) ||
	    !is_old_known(major, minor)) {
		major = 2;
		minor = 0;
	}
	u->major = major;
	u->minor = minor;
	l2e__up_warn(u, v ? v : root, "version",
	             "xsdversion '%s' is not a version (V1.0, V1.1, V1.2, "
	             "V2.0); read as V%d.%d from the root element",
	             text ? (const char *)text : "", major, minor);
	xmlFree(text);
	return 0;
}

int l2e__up_detect_xml(l2e__up *u, const xmlDoc *doc)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	const char *ns = root->ns ? (const char *)root->ns->href : NULL;
	const char *name = (const char *)root->name;

	if (ns && !strcmp(ns, L2E__UP_NS_V3) && !strcmp(name, "SkillsPassport"))
		return detect_v3(u, root);
	if (ns && !strncmp(ns, L2E__UP_NS_OLD, strlen(L2E__UP_NS_OLD)) &&
	    !strcmp(name, "learnerinfo"))
		return detect_old(u, root);
	if (!strcmp(name, "wordDocument") || !strcmp(name, "package"))
		return l2e__error_set_at(
		    u->ctx, L2E_EPARSE, L2E_ERRCLASS_READ, u->name,
		    (unsigned)root->line, 0, NULL,
		    "this XML was saved from Microsoft Word (root <%s>), "
		    "which keeps the text but not the Europass data: use the "
		    "Europass XML or PDF file as the Europass editor made it",
		    name);
	if (ns && !strcmp(ns, "http://www.europass.eu/1.0") &&
	    !strcmp(name, "Candidate"))
		return l2e__error_set_at(
		    u->ctx, L2E_ENOTSUPPORTED, L2E_ERRCLASS_READ, u->name,
		    (unsigned)root->line, 0, NULL,
		    "this is a Europass CV XML of the current portal "
		    "(Candidate); it needs no upgrade");
	return l2e__error_set_at(
	    u->ctx, L2E_EPARSE, L2E_ERRCLASS_READ, u->name,
	    (unsigned)root->line, 0, NULL,
	    "not a Europass document: the root element is <%.40s>%s%.80s "
	    "(Europass XML has <SkillsPassport> or <europass:learnerinfo>)",
	    name, ns ? " in namespace " : " without a namespace", ns ? ns : "");
}
