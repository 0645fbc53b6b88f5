/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * lob2europass/convert.h - from an export to Europass documents.
 *
 *     l2e_input_open()   an export file, read with the mapping's reader
 *     l2e_input_next()   the next dossier: mapped, checked, privacy-guarded
 *     l2e_dossier_write() one dossier as a document in a Europass format
 *
 * A dossier that cannot be converted is not an error of the call: it
 * comes back with status L2E_DOSSIER_REJECTED and its diagnostics, and
 * the next call goes on with the next record. An error return means the
 * input itself cannot be read further.
 */
#ifndef LOB2EUROPASS_CONVERT_H
#define LOB2EUROPASS_CONVERT_H

#include "context.h"
#include "mapping.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct l2e_input l2e_input;
typedef struct l2e_chunk l2e_chunk;
typedef struct l2e_dossier l2e_dossier;

typedef enum l2e_dossier_status {
	L2E_DOSSIER_OK = 0,      /* converted; warnings may be attached */
	L2E_DOSSIER_SKIPPED = 1, /* left out on purpose (e.g. no consent) */
	L2E_DOSSIER_REJECTED = 2 /* could not be converted; see diagnostics */
} l2e_dossier_status;

typedef enum l2e_format {
	L2E_FORMAT_EUROPASS_XML = 1,  /* Europass v3.4 XML (SkillsPassport) */
	L2E_FORMAT_EUROPASS_JSON = 2, /* Europass v3.4 JSON (SkillsPassport) */
	L2E_FORMAT_EUROPASS_CV = 3,   /* Europass CV XML (Candidate), the
	                                format the Europass portal imports */
	L2E_FORMAT_EDC = 4,           /* European Digital Credentials (ELM 3.1
	                             JSON-LD), unsigned: one per credential */
	L2E_FORMAT_EDC_UPLOAD = 5     /* the same in the EDC issuer's upload
	                             wrapper {credential, deliveryDetails} */
} l2e_format;

/**
 * Open an export. `path` "-" reads standard input. The mapping is
 * borrowed and must outlive the input.
 * @param[out] out  caller frees with l2e_input_free()
 * @return 0, L2E_EIO, L2E_EPARSE, L2E_ELIMIT or L2E_ENOMEM
 */
L2E_API int l2e_input_open(l2e_input **out, l2e_ctx *ctx,
                           const l2e_mapping *map, const char *path);

/** As l2e_input_open(), on bytes in memory; `name` is used in messages. */
L2E_API int l2e_input_open_memory(l2e_input **out, l2e_ctx *ctx,
                                  const l2e_mapping *map, const char *name,
                                  const char *data, size_t len);

/**
 * The next dossier, or *out == NULL at the end of the input.
 * @param[out] out  caller frees with l2e_dossier_free()
 * @return 0, or an error (details on the context): L2E_EPARSE or
 *         L2E_ELIMIT for one broken document, after which the next call
 *         goes on with the next document (JSON Lines: the next line);
 *         L2E_EIO or L2E_ENOMEM when the input cannot be read further.
 */
L2E_API int l2e_input_next(l2e_dossier **out, l2e_input *in);

L2E_API void l2e_input_free(l2e_input *in);

/**
 * For work on several threads: the next document of the input, split
 * off but not parsed yet (cheap). *out is NULL at the end. A JSON input
 * gives one chunk per document (a line of JSON Lines, a page); a CSV
 * bundle or an XML file gives one chunk for the whole input. A chunk
 * can be converted with another context, on another thread, while the
 * input gives out the next one; free every chunk before the input.
 * @param[out] out  caller frees with l2e_chunk_free()
 * @return 0, or L2E_EIO / L2E_ELIMIT / L2E_ENOMEM when the input cannot
 *         be read further
 */
L2E_API int l2e_input_next_chunk(l2e_chunk **out, l2e_input *in);

/**
 * The next dossier of a chunk; *out is NULL when the chunk is done. The
 * first call parses it: an error (L2E_EPARSE, L2E_ELIMIT) concerns this
 * chunk only, the input goes on with the next one. When the chunk is
 * done or failed, its parsed document is freed, by this call: what is
 * left for l2e_chunk_free() is what l2e_input_next_chunk() made, so a
 * chunk can be freed on the thread that split it off.
 */
L2E_API int l2e_chunk_next(l2e_dossier **out, l2e_chunk *chunk, l2e_ctx *ctx);

/**
 * Speed rule for threads: free memory on the thread that allocated it.
 * Free a chunk on the thread that split it off (l2e_input_next_chunk),
 * and a dossier, and the buffers its documents were written to, on the
 * thread that converted it. glibc's malloc gives each thread its own
 * arena; a free into another thread's arena takes that arena's lock
 * while its owner allocates, and on two cores that contention cost more
 * than the second thread gained. Correctness does not depend on it:
 * any thread may free anything, only slower.
 */
L2E_API void l2e_chunk_free(l2e_chunk *chunk);

/** The chunk's size in bytes as split off (0 for a whole input). */
L2E_API size_t l2e_chunk_size(const l2e_chunk *chunk);

/** 1 when the mapping reads a folder as one input (CSV bundles). */
L2E_API int l2e_mapping_reads_folders(const l2e_mapping *map);

/**
 * Records spread over documents ("dossier": {"merge": true}): the
 * dossiers of every record, in input order, go into a merger; once the
 * input is read to the end, it gives one dossier per key, in the order
 * the keys first appeared (list sections joined in input order, single
 * fields from the first record that has them, a different value later
 * is a warning). l2e_input_next() does this by itself; a caller that
 * converts chunks on several threads hands the dossiers over in input
 * order.
 */
typedef struct l2e_merger l2e_merger;

/** 1 when the mapping merges records with the same key. */
L2E_API int l2e_mapping_merges(const l2e_mapping *map);
/** @param[out] out  caller frees with l2e_merger_free() */
L2E_API int l2e_merger_new(l2e_merger **out, l2e_ctx *ctx,
                           const l2e_mapping *map);
/** Hand over `d` (the merger owns it, on error too); `tag` comes back
 *  with the merged dossier of which `d` is the first record. */
L2E_API int l2e_merger_add(l2e_merger *m, l2e_dossier *d, const void *tag);
/** After the last add: the next merged dossier, NULL at the end. */
L2E_API int l2e_merger_next(l2e_dossier **out, const void **tag, l2e_merger *m);
L2E_API void l2e_merger_free(l2e_merger *m);

/**
 * 1 when a file of a folder, by its name, is an export the mapping reads
 * (".json", ".jsonl", ".ndjson", ".jsonld" for JSON; ".xml" for XML;
 * ".csv" or ".txt" for CSV). Its content is checked again when it is opened: an
 * input that does not look like what the mapping reads (a workbook, a
 * PDF, XML for a JSON mapping) is refused by l2e_input_open() with
 * L2E_EPARSE and one line naming the fix.
 */
L2E_API int l2e_mapping_reads_file_name(const l2e_mapping *map,
                                        const char *name);

/** What the mapping reads, for messages: "JSON", "XML" or "CSV". */
L2E_API const char *l2e_mapping_reads_label(const l2e_mapping *map);

/**
 * An input's name fit for a report or a log: a URL without its
 * credentials and secret query values (l2e_url_redacted()), national
 * identifiers redacted and control characters replaced, as in every
 * message of the library. Appends to `out`.
 * @return 0 or L2E_ENOMEM
 */
L2E_API int l2e_input_name_redacted(l2e_buf *out, const char *name);

/** The dossier's key as read (the student number). Borrowed. */
L2E_API const char *l2e_dossier_key(const l2e_dossier *d);

/**
 * The key made safe as a file name: only [A-Za-z0-9._-], no leading dot,
 * at most 64 bytes. Borrowed.
 */
L2E_API const char *l2e_dossier_file_stem(const l2e_dossier *d);

/**
 * A fingerprint (16 hex digits) of everything the dossier's documents
 * depend on: its source record, the mapping and code lists, the tool's
 * version. Equal fingerprints mean equal documents. Borrowed; NULL when
 * the context's options skip fingerprints (skip_fingerprints).
 */
L2E_API const char *l2e_dossier_fingerprint(const l2e_dossier *d);

L2E_API l2e_dossier_status l2e_dossier_status_get(const l2e_dossier *d);
L2E_API size_t l2e_dossier_diag_count(const l2e_dossier *d);
/** Finding `i` (0-based), or NULL when out of range. Borrowed. */
L2E_API const l2e_diag *l2e_dossier_diag(const l2e_dossier *d, size_t i);

/**
 * Write the dossier as a document in format `fmt`, appending to `out`.
 * @return 0, L2E_ENOTSUPPORTED (format), L2E_ERROR for a dossier that was
 *         not converted, or L2E_ENOMEM
 */
L2E_API int l2e_dossier_write(l2e_buf *out, l2e_ctx *ctx, const l2e_dossier *d,
                              l2e_format fmt);

/**
 * How many documents format `fmt` makes of the dossier: 1 for the
 * Europass v3 and CV formats; for the EDC formats one per credential
 * (a work item abroad, an awarded qualification), possibly 0. 0 also
 * for an unknown format or a dossier that was not converted.
 */
L2E_API size_t l2e_dossier_document_count(const l2e_dossier *d, l2e_format fmt);

/**
 * Write document `i` (0-based, below l2e_dossier_document_count) in
 * format `fmt`, appending it to `out`, and append its name to `name`:
 * what goes between the file stem and the extension ("work-2",
 * "qualification-1"), nothing for a format of one document per dossier.
 * For such a format, document 0 is what l2e_dossier_write writes; for a
 * format of several, l2e_dossier_write writes them all, one after the
 * other, each ending in a newline (a credential is one line: JSON Lines).
 * @return as l2e_dossier_write
 */
L2E_API int l2e_dossier_write_document(l2e_buf *out, l2e_buf *name,
                                       l2e_ctx *ctx, const l2e_dossier *d,
                                       l2e_format fmt, size_t i);

L2E_API void l2e_dossier_free(l2e_dossier *d);

/**
 * Run `map` over the export at `input_path` and report, as warnings to
 * `cb`: every source field that holds values but is read by no rule
 * (once per field, where it first occurs, with a count), and every
 * profile field that no rule fills. Then, per rule of the mapping at its
 * place in the mapping file: in how many records (items, for a list
 * section) it found a value, as an L2E_SEVERITY_NOTE, or as a warning
 * when it found none.
 * @return 0, or the error that kept the input from being read
 */
L2E_API int l2e_mapping_coverage(l2e_ctx *ctx, const l2e_mapping *map,
                                 const char *input_path, l2e_diag_cb cb,
                                 void *payload);

/** File-name ending for a format, e.g. ".europass.xml"; NULL if unknown. */
L2E_API const char *l2e_format_extension(l2e_format fmt);

/** Media type of a format, e.g. "application/xml"; NULL if unknown. */
L2E_API const char *l2e_format_media_type(l2e_format fmt);

/** Look a format up by its CLI name ("europass-xml"). */
L2E_API int l2e_format_from_name(l2e_format *out, const char *name);

/**
 * The CLI name of a format, or NULL when unknown. Formats are numbered
 * from 1 without gaps, so `for (f = 1; l2e_format_name(f); f++)` lists
 * them all.
 */
L2E_API const char *l2e_format_name(l2e_format fmt);

/**
 * 1 when a format makes a varying number of documents per dossier, each
 * named (l2e_dossier_write_document): the EDC formats; 0 otherwise.
 */
L2E_API int l2e_format_has_parts(l2e_format fmt);

#ifdef __cplusplus
}
#endif

#endif
