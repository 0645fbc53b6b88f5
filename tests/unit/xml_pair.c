/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * xml_pair.c - the XML emitter and libxml2's text writer side by side
 * (xml_pair.h).
 */
#include "xml_pair.h"

#include "test.h"

/* Both writers, the reference's declaration standalone="yes" or none. */
static void begin(pair *p, const char *standalone)
{
	p->ref_buf = xmlBufferCreate();
	p->ref = xmlNewTextWriterMemory(p->ref_buf, 0);
	xmlTextWriterSetIndent(p->ref, 1);
	xmlTextWriterSetIndentString(p->ref, BAD_CAST "  ");
	if (xmlTextWriterStartDocument(p->ref, NULL, "UTF-8", standalone) < 0)
		p->ref_failed = 1;
}

void pair_begin(pair *p)
{
	memset(p, 0, sizeof(*p));
	l2e__xml_begin(&p->ours, &p->out);
	begin(p, NULL);
}

void pair_begin_standalone(pair *p)
{
	memset(p, 0, sizeof(*p));
	l2e__xml_begin_standalone(&p->ours, &p->out);
	begin(p, "yes");
}

void pair_start(pair *p, const char *name)
{
	l2e__xml_start(&p->ours, name);
	if (xmlTextWriterStartElement(p->ref, BAD_CAST name) < 0)
		p->ref_failed = 1;
}

void pair_attr(pair *p, const char *name, const char *value)
{
	l2e__xml_attr(&p->ours, name, value);
	if (xmlTextWriterWriteAttribute(p->ref, BAD_CAST name, BAD_CAST value) <
	    0)
		p->ref_failed = 1;
}

void pair_leaf(pair *p, const char *name, const char *text)
{
	l2e__xml_leaf(&p->ours, name, text);
	if (xmlTextWriterWriteElement(p->ref, BAD_CAST name, BAD_CAST text) < 0)
		p->ref_failed = 1;
}

void pair_text(pair *p, const char *text)
{
	l2e__xml_text(&p->ours, text);
	if (xmlTextWriterWriteString(p->ref, BAD_CAST text) < 0)
		p->ref_failed = 1;
}

void pair_end(pair *p)
{
	l2e__xml_end(&p->ours);
	if (xmlTextWriterEndElement(p->ref) < 0)
		p->ref_failed = 1;
}

void pair_check(pair *p)
{
	CHECK_INT(0, l2e__xml_finish(&p->ours));
	if (xmlTextWriterEndDocument(p->ref) < 0)
		p->ref_failed = 1;
	xmlFreeTextWriter(p->ref);
	CHECK_INT(0, p->ref_failed);
	CHECK_STR((const char *)xmlBufferContent(p->ref_buf), p->out.ptr);
	CHECK_INT(xmlBufferLength(p->ref_buf), p->out.len);
	xmlBufferFree(p->ref_buf);
	l2e_buf_dispose(&p->out);
}
