/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * writer.h - the writer interface: one learner profile, one document.
 *
 * Each Europass format is one file implementing this table entry (as
 * curl's vtls backends share one interface); a new format is a new file
 * plus a line in writer.c. Writers only read the profile: every check
 * and normalisation happened when it was filled.
 */
#ifndef L2E_WRITE_WRITER_H
#define L2E_WRITE_WRITER_H

#include "core/ctx.h"
#include "lob2europass/convert.h"
#include "europass/europass.h" /* l2e__item_text, ... */
#include "model/profile.h"

typedef struct l2e__write_info {
	const char *generator;   /* "lob2europass 0.1.0" */
	long long document_time; /* seconds since 1970 for metadata */
	size_t part;             /* which document of the dossier (EDC) */
} l2e__write_info;

/*
 * Formats that make several documents of one dossier (EDC: one per
 * credential) say how many, and the name of document `i` ("work-2"),
 * which goes between the file stem and the extension. NULL in the
 * table: one document, named by the stem alone.
 */
typedef size_t l2e__parts_fn(const l2e__profile *p, size_t i, char *name,
                             size_t name_size);

/* Append the document of profile `p` to `out`; 0 or an l2e_code. */
typedef int l2e__write_fn(l2e_buf *out, l2e_ctx *ctx, const l2e__profile *p,
                          const l2e__write_info *info);

typedef struct l2e__writer {
	l2e_format format;
	const char *name;       /* CLI name: "europass-xml" */
	const char *extension;  /* ".europass.xml" */
	const char *media_type; /* "application/xml" */
	l2e__write_fn *write;
	l2e__parts_fn *parts; /* NULL: one document per dossier */
} l2e__writer;

const l2e__writer *l2e__writer_find(l2e_format format);

l2e__write_fn l2e__write_europass_xml;
l2e__write_fn l2e__write_europass_json;
l2e__write_fn l2e__write_europass_cv;
l2e__write_fn l2e__write_edc;
l2e__write_fn l2e__write_edc_upload;
l2e__parts_fn l2e__edc_parts;

#endif
