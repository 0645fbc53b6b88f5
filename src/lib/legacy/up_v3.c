/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * up_v3.c - Europass XML v3.0-v3.3 to v3.4, in place on the parsed tree.
 *
 * The old chain ran 3.0->3.1->3.2->3.3->3.4 as five stylesheets (and
 * fed 3.0/3.1 input the original at every step, so only the last step
 * counted). What the steps did, and what the 3.4 schema added without
 * a step, is one walk here:
 *
 *   3.0->3.1  elements in the Europass namespace under a prefix go to
 *             the default namespace;
 *   3.1->3.2  show-only printing preferences go (rules.c);
 *   3.2->3.3  address printing preferences go (rules.c);
 *   3.3->3.4  XSDVersion V3.4 and the v3.4.0 schemaLocation, in the xsi
 *             namespace (the old clean-up step made it a plain
 *             attribute, which 3.4 rejects); an ISCO-88 occupation code
 *             goes (3.4 wants an ESCO id), the Label stays; DocumentType
 *             EX (removed) becomes ECV; the instant messaging use "aim"
 *             (removed in 3.4.1) goes, Contact and Label stay;
 *   3.1       a date without a year goes (since 3.1 year is required).
 *
 * Every removal is a warning at the original element's line. Nothing
 * else is touched: an empty required element (<Data/>) stays, and so
 * does the layout. A document that never was valid 3.x (the rc-era
 * "3.0" with no DocumentType and an <Attachement>) is refused with the
 * list of what is wrong, not half-repaired.
 */
#include "legacy/up_v3.h"

#include "legacy/rules.h"

#include <string.h>

#include "core/buf.h"

static int named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       !strcmp((const char *)n->name, name);
}

/* Unlink and free `n` with the blank text before it (its indentation). */
static void drop(xmlNode *n)
{
	xmlNode *prev = n->prev;

	if (prev && prev->type == XML_TEXT_NODE && xmlIsBlankNode(prev)) {
		xmlUnlinkNode(prev);
		xmlFreeNode(prev);
	}
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

static int has_attr(const xmlNode *n, const char *name)
{
	return xmlHasProp(n, BAD_CAST name) != NULL;
}

static const char *const im_uses[] = { "gtalk", "skype", "icq", "msn",
	                               "yahoo" };

static int is_im_use(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(im_uses) / sizeof(im_uses[0]); i++)
		if (!strcmp(s, im_uses[i]))
			return 1;
	return 0;
}

/* A Code of an OccupationalFieldType: Position, Headline Description. */
static int is_occupation_code(const xmlNode *n)
{
	const xmlNode *p = n->parent;

	return named(p, "Position") ||
	       (named(p, "Description") && named(p->parent, "Headline"));
}

/* One element; 1 when it was dropped (and freed). */
static int fix_element(l2e__up *u, xmlNode *n)
{
	xmlChar *text = NULL, *name = NULL;
	const char *why;
	int is_dropped = 0;

	if ((has_attr(n, "month") || has_attr(n, "day")) &&
	    !has_attr(n, "year")) {
		l2e__up_warn(u, n, "date-year",
		             "%s has no year, which v3.4 requires: left out",
		             (const char *)n->name);
		drop(n);
		return 1;
	}
	if (named(n, "Code") && is_occupation_code(n)) {
		text = l2e__up_text(n);
		if (!l2e__up_is_esco((const char *)text)) {
			l2e__up_warn(u, n, "isco-code",
			             "occupation code '%s' is ISCO-88; v3.4 "
			             "wants an ESCO occupation id, so the code "
			             "is left out and the label kept",
			             text ? (const char *)text : "");
			drop(n);
			is_dropped = 1;
		}
	} else if (named(n, "Code") && named(n->parent, "Use") &&
	           named(n->parent->parent, "InstantMessaging")) {
		text = l2e__up_text(n);
		if (!text || !is_im_use((const char *)text)) {
			l2e__up_warn(u, n, "im-use",
			             "instant messaging use '%s' is not in "
			             "v3.4.1 (gtalk, skype, icq, msn, yahoo): "
			             "the code is left out, the contact kept",
			             text ? (const char *)text : "");
			drop(n);
			is_dropped = 1;
		}
	} else if (named(n, "Field") && named(n->parent, "Document")) {
		name = xmlGetProp(n, BAD_CAST "name");
		if (!l2e__up_field_kept((const char *)name,
		                        has_attr(n, "format") ||
		                            has_attr(n, "position") ||
		                            has_attr(n, "order"),
		                        u->minor, &why)) {
			l2e__up_warn(u, n, "preference",
			             "printing preference '%s' left out: %s",
			             name ? (const char *)name : "", why);
			drop(n);
			is_dropped = 1;
		}
	} else if (named(n, "Document") &&
	           named(n->parent, "PrintingPreferences")) {
		name = xmlGetProp(n, BAD_CAST "type");
		if (name && !strcmp((const char *)name, "EX")) {
			l2e__up_warn(u, n, "document-type",
			             "printing preferences for document type "
			             "EX, removed in v3.4: now for ECV");
			xmlSetProp(n, BAD_CAST "type", BAD_CAST "ECV");
		}
	} else if (named(n, "DocumentType")) {
		text = l2e__up_text(n);
		if (text && !strcmp((const char *)text, "EX")) {
			l2e__up_warn(u, n, "document-type",
			             "document type EX was removed in v3.4: "
			             "now ECV");
			xmlNodeSetContent(n, BAD_CAST "ECV");
		}
	}
	xmlFree(text);
	xmlFree(name);
	return is_dropped;
}

static void walk(l2e__up *u, xmlNode *n, xmlNs *v3)
{
	xmlNode *next;

	for (; n; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		/* 3.0 -> 3.1: no stray prefixes on Europass elements */
		if (v3 && n->ns && n->ns != v3 && n->ns->href &&
		    !strcmp((const char *)n->ns->href, L2E__UP_NS_V3))
			n->ns = v3;
		if (!fix_element(u, n))
			walk(u, n->children, v3);
	}
}

static const char *const top_level[] = { "DocumentInfo", "PrintingPreferences",
	                                 "LearnerInfo", "AttachmentList",
	                                 "CoverLetter" };

/* What makes the document no 3.x at all; "" when nothing does. */
static void never_valid(l2e_buf *why, const xmlNode *root)
{
	const xmlNode *n, *info = l2e__up_child(root, "DocumentInfo");
	size_t i;

	for (n = info ? info->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			break;
	if (!info)
		(void)l2e__buf_puts(why, "; no DocumentInfo");
	else if (!named(n, "DocumentType"))
		(void)l2e__buf_printf(why,
		                      "; DocumentInfo (line %ld) does not "
		                      "begin with the required DocumentType",
		                      (long)info->line);
	if (!l2e__up_child(root, "LearnerInfo"))
		(void)l2e__buf_puts(why, "; no LearnerInfo");
	for (n = l2e__up_child(l2e__up_child(root, "AttachmentList"),
	                       "Attachement");
	     n; n = l2e__up_next(n, "Attachement"))
		(void)l2e__buf_printf(why,
		                      "; <Attachement> (line %ld) is misspelt: "
		                      "<Attachment>",
		                      (long)n->line);
	for (n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; i < sizeof(top_level) / sizeof(top_level[0]); i++)
			if (named(n, top_level[i]))
				break;
		if (i == sizeof(top_level) / sizeof(top_level[0]))
			(void)l2e__buf_printf(why,
			                      "; <%.40s> (line %ld) is not a "
			                      "Europass element",
			                      (const char *)n->name,
			                      (long)n->line);
	}
}

/* XSDVersion V3.4, schemaLocation v3.4.0 in the xsi namespace. */
static int set_version(l2e__up *u, xmlNode *root)
{
	xmlNode *info = l2e__up_child(root, "DocumentInfo");
	xmlNode *v = l2e__up_child(info, "XSDVersion");
	xmlNs *xsi = xmlSearchNsByHref(root->doc, root, BAD_CAST L2E__UP_XSI);

	if (!v)
		return l2e__error_set_at(u->ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                         u->name, (unsigned)info->line, 0,
		                         "XSDVersion",
		                         "DocumentInfo has no XSDVersion");
	xmlNodeSetContent(v, BAD_CAST "V3.4");
	if (!xsi)
		xsi = xmlNewNs(root, BAD_CAST L2E__UP_XSI, BAD_CAST "xsi");
	if (!xsi || !xmlSetNsProp(root, xsi, BAD_CAST "schemaLocation",
	                          BAD_CAST L2E__UP_SCHEMA_LOCATION))
		return l2e__error_set(u->ctx, L2E_ENOMEM, L2E_ERRCLASS_WRITE,
		                      "out of memory");
	return 0;
}

int l2e__up_v3_xml(l2e__up *u, xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	l2e_buf why = L2E_BUF_INIT;
	int error;

	never_valid(&why, root);
	if (why.len) {
		error = l2e__error_set_at(
		    u->ctx, L2E_EPARSE, L2E_ERRCLASS_READ, u->name,
		    (unsigned)root->line, 0, NULL,
		    "not a valid Europass V%d.%d document, so it cannot be "
		    "upgraded: %s",
		    u->major, u->minor, why.ptr + 2);
		l2e_buf_dispose(&why);
		return error;
	}
	walk(u, root->children,
	     root->ns && !root->ns->prefix ? root->ns : NULL);
	return set_version(u, root);
}
