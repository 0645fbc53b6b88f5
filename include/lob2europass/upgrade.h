/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * lob2europass/upgrade.h - old Europass documents made into v3.4.
 *
 *     l2e_upgrade_file()     one document in, one upgrade out
 *     l2e_upgrade_*()        the v3.4 bytes, the version found, findings
 *
 * Europass documents from 2005 on come in XML v1.0, v1.1, v1.2 and v2.0
 * (europass:learnerinfo), XML v3.0-v3.3 (SkillsPassport) and JSON
 * V3.0-V3.3. An upgrade turns each into a Europass v3.4 document of the
 * same syntax that the official 3.4.1 schema accepts, and says what it
 * had to change: every value it drops or cannot carry over (a year-less
 * date, an ISCO-88 occupation code, a printing preference 3.4 no longer
 * knows, ...) is a warning with its place in the original document.
 *
 * A v3.4 document comes out byte for byte as it went in; the same input
 * always gives the same output. DOCTYPEs and entities are refused, as
 * everywhere; a Word-saved XML, an unknown root or an unreadable version
 * is an error that says so (L2E_EPARSE or L2E_ENOTSUPPORTED).
 */
#ifndef LOB2EUROPASS_UPGRADE_H
#define LOB2EUROPASS_UPGRADE_H

#include "context.h"
#include "validate.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct l2e_upgrade l2e_upgrade;

/** The syntax of the upgraded document. */
typedef enum l2e_upgrade_to {
	L2E_UPGRADE_TO_SAME = 0, /* XML stays XML, JSON stays JSON */
	L2E_UPGRADE_TO_XML = 1,  /* Europass v3.4 XML */
	L2E_UPGRADE_TO_JSON = 2  /* Europass v3.4 JSON */
} l2e_upgrade_to;

#define L2E_UPGRADE_OPTIONS_VERSION 1

/** Initialise with L2E_UPGRADE_OPTIONS_INIT, then change what you need. */
typedef struct l2e_upgrade_options {
	unsigned version;
	l2e_upgrade_to to;
	/* findings kept; 0: 1000 (as l2e_validate_options.max_findings) */
	size_t max_findings;
} l2e_upgrade_options;

#define L2E_UPGRADE_OPTIONS_INIT                                    \
	{                                                           \
		L2E_UPGRADE_OPTIONS_VERSION, L2E_UPGRADE_TO_SAME, 0 \
	}

/**
 * Upgrade the document at `path` ("-": standard input), read with the
 * context's max_input_bytes limit; max_depth and max_values bound its
 * tree.
 * @param[out] out  the upgrade; caller frees with l2e_upgrade_free()
 * @param opts      options, or NULL for the defaults
 * @return 0; L2E_EPARSE (not well-formed, a DOCTYPE, a Word-saved file,
 *         an unreadable version: the reason and line on the context);
 *         L2E_ENOTSUPPORTED (not a Europass document, a version or a
 *         syntax change this version cannot make); L2E_ELIMIT;
 *         L2E_ENOTFOUND or L2E_EIO (the file); L2E_ENOMEM
 */
L2E_API int l2e_upgrade_file(l2e_upgrade **out, l2e_ctx *ctx, const char *path,
                             const l2e_upgrade_options *opts);

/**
 * As l2e_upgrade_file(), for a document in memory; `name` is the file
 * name used in messages and findings. The bytes are borrowed for the
 * call only.
 */
L2E_API int l2e_upgrade_memory(l2e_upgrade **out, l2e_ctx *ctx,
                               const char *name, const char *data, size_t len,
                               const l2e_upgrade_options *opts);

/** The version the original states or was detected as: "V2.0",
 * "V3.3", "V3.4". Borrowed. */
L2E_API const char *l2e_upgrade_from_version(const l2e_upgrade *u);

/** 1 when the output is JSON, 0 when it is XML. */
L2E_API int l2e_upgrade_is_json(const l2e_upgrade *u);

/** 1 when the output differs from the input (an older version). */
L2E_API int l2e_upgrade_is_changed(const l2e_upgrade *u);

/** The v3.4 document; `len_out` (may be NULL) gets its length.
 * Borrowed from the upgrade; NUL-terminated. */
L2E_API const char *l2e_upgrade_output(const l2e_upgrade *u, size_t *len_out);

/**
 * What the upgrade changed or could not carry over, one warning each,
 * with the line in the original (read with l2e_report_count(),
 * l2e_report_diag(), l2e_report_format()). Borrowed from the upgrade.
 */
L2E_API const l2e_report *l2e_upgrade_report(const l2e_upgrade *u);

L2E_API void l2e_upgrade_free(l2e_upgrade *u);

/**
 * The upgraded document as the current Europass CV XML (Candidate),
 * the format the Europass portal imports, made through the learner
 * profile every writer of this library uses. The CV holds less than a
 * SkillsPassport (one e-mail, one phone, no photo, attachments or
 * generic skills): each thing left out is a warning added to the
 * upgrade's report. Only an XML upgrade can be made into the CV.
 * @param[out] out  the CV XML appended; caller disposes it
 * @return 0, L2E_ENOTSUPPORTED (a JSON upgrade), L2E_ENOMEM
 */
L2E_API int l2e_upgrade_to_cv(l2e_buf *out, l2e_ctx *ctx, l2e_upgrade *u);

/**
 * The Europass XML attached to a Europass PDF, byte for byte as it was
 * attached: a page FileAttachment annotation (the editor of 2005-2012),
 * the EmbeddedFiles name tree (2012-2020) or attachment.xml with /AF
 * (the portal since 2020). The attachment must have one of the names the
 * Europass tools gave it, or end in .xml and have a Europass root (then
 * a warning goes to the context's diagnostic callback). l2e_upgrade_*()
 * accept a PDF too and upgrade what this returns.
 * @param[out] out  the XML appended; caller disposes with l2e_buf_dispose()
 * @return 0; L2E_ENOTFOUND (no Europass XML attached; the message says
 *         why, when the PDF's producer tells); L2E_EPARSE (not a PDF,
 *         damaged, password-protected, not a Europass document);
 *         L2E_ELIMIT (larger than max_input_bytes, before or after
 *         inflating; a name tree loop); L2E_ENOTSUPPORTED (a stream
 *         filter Europass PDFs never use); L2E_ENOMEM
 */
L2E_API int l2e_pdf_extract_file(l2e_buf *out, l2e_ctx *ctx, const char *path);

/** As l2e_pdf_extract_file(), for a PDF in memory; `name` for messages. */
L2E_API int l2e_pdf_extract_memory(l2e_buf *out, l2e_ctx *ctx, const char *name,
                                   const char *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif
