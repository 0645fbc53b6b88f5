/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * xml_out.h - a small XML emitter for the documents the writers build.
 *
 * Writes exactly what libxml2's xmlTextWriter (2.9.14) writes with
 * xmlTextWriterSetIndent(1), the indent string "  " and encoding
 * "UTF-8", for the calls the writers make: elements, attributes right
 * after their start tag, and text-only elements (leaf, or text right
 * after the attributes). Both XML writers use it: the v3.4 writer and
 * the Europass CV writer (whose declaration says standalone="yes", as
 * xmlTextWriterStartDocument(w, NULL, "UTF-8", "yes") writes it).
 * Escaping follows libxml2: xmlEncodeSpecialChars for text (& < > " and CR),
 * xmlBufAttrSerializeTxtContent for attributes (& < > " and TAB, LF,
 * CR). Input text is valid UTF-8 (the readers checked it) and is copied
 * as it is.
 *
 * Why not the text writer itself: it allocates a stack entry and a copy
 * of the name for every element and passes every byte through an
 * encoder, half of a conversion's time on the benchmark records. The
 * unit test test_xml_out.c writes the same random documents through both
 * and requires the same bytes, so libxml2 stays the reference.
 *
 * The error is sticky (emit freely, check once at the end): the first
 * failing append is kept and every later call does nothing.
 */
#ifndef L2E_WRITE_XML_OUT_H
#define L2E_WRITE_XML_OUT_H

#include <stddef.h>

#include "lob2europass/common.h"

/* Deeper than any document the writers build. */
#define L2E__XML_MAX_DEPTH 32

typedef struct l2e__xml_out {
	l2e_buf *out;
	const char *open[L2E__XML_MAX_DEPTH]; /* names of open elements */
	size_t open_len[L2E__XML_MAX_DEPTH];  /* and their lengths */
	size_t depth;
	int is_tag_open; /* "<name" written, its ">" not yet */
	int does_indent; /* an end tag goes on a line of its own */
	int error;       /* 0, or the first failure's l2e_code */
} l2e__xml_out;

/** Start a document in `out` (appended to): the XML declaration. */
void l2e__xml_begin(l2e__xml_out *x, l2e_buf *out);
/** The same with standalone="yes" in the declaration (the CV's). */
void l2e__xml_begin_standalone(l2e__xml_out *x, l2e_buf *out);
/** Open element `name`; the name must outlive its end tag. */
void l2e__xml_start(l2e__xml_out *x, const char *name);
/** An attribute of the element just opened. */
void l2e__xml_attr(l2e__xml_out *x, const char *name, const char *value);
/** <name>text</name>; nothing when text is NULL. */
void l2e__xml_leaf(l2e__xml_out *x, const char *name, const char *text);
/* The same three with the name's length known (strlen(name)), for a
 * writer that spells the same few names over and over. */
void l2e__xml_start_n(l2e__xml_out *x, const char *name, size_t len);
void l2e__xml_attr_n(l2e__xml_out *x, const char *name, size_t len,
                     const char *value);
void l2e__xml_leaf_n(l2e__xml_out *x, const char *name, size_t len,
                     const char *text);
/**
 * The text of the element just opened (after its attributes), which
 * then holds only this text: <name a="v">text</name> with
 * l2e__xml_end().
 */
void l2e__xml_text(l2e__xml_out *x, const char *text);
/** Close the innermost open element. */
void l2e__xml_end(l2e__xml_out *x);
/** Close what is open; 0 or the first failure's l2e_code. */
int l2e__xml_finish(l2e__xml_out *x);

#endif
