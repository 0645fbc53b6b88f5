/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * lob2europass/explain.h - where each value of one student's dossier came
 * from (`lob2europass explain`).
 *
 *     l2e_trace_new()    a trace for the dossier of one key
 *     l2e_input_trace()  attach it to an input; read the input as usual
 *     l2e_trace_field_at() per profile field: the source place, the raw
 *                        value, each step and the result
 *
 * Only the records of the traced key are traced; for every other record
 * the evaluator pays one pointer test, and without a trace nothing at
 * all. Every text of a trace has passed the privacy guard: a national
 * identifier (BSN, onderwijsnummer, ECK iD) reads "[verwijderd]", here
 * as everywhere.
 */
#ifndef LOB2EUROPASS_EXPLAIN_H
#define LOB2EUROPASS_EXPLAIN_H

#include <stddef.h>

#include "common.h"
#include "context.h"
#include "convert.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct l2e_trace l2e_trace;

/** One step a value went through. Texts are borrowed from the trace. */
typedef struct l2e_trace_step {
	const char *kind;   /* "when", "extract", "transform", "map",
	                       "code list", "default", "date", "check",
	                       "privacy", "opt-in", "merge", "template" */
	const char *detail; /* what happened, in English; never NULL */
	const char *value;  /* the value after the step, or NULL */
} l2e_trace_step;

/** One rule applied to one profile field of one item of one record. */
typedef struct l2e_trace_field {
	const char *section;   /* "person" */
	const char *field;     /* "surname" */
	int is_list;           /* the section is a list of items */
	size_t item;           /* 0-based in a list section; 0 for the others */
	size_t record;         /* 1-based: the key's record it came from */
	const char *rule_file; /* the mapping, and the rule's place in it */
	unsigned rule_line;
	unsigned rule_column;
	const char *file; /* the source's place: file or URL; NULL: none */
	unsigned line;    /* 0: unknown */
	unsigned column;
	const char *path; /* the source in the document: students[3].naam */
	const char *raw;  /* the value as read, or NULL (a literal) */
	const l2e_trace_step *steps;
	size_t n_steps;
	const char *result; /* the field's value, NULL when none was set */
	int is_kept;        /* 0: merged away or refused; not in the dossier */
} l2e_trace_field;

/**
 * A trace of the dossier whose key is `key` (copied).
 * @param[out] out  caller frees with l2e_trace_free()
 * @return 0 or L2E_ENOMEM
 */
L2E_API int l2e_trace_new(l2e_trace **out, const char *key);

/**
 * Trace the records of the trace's key while `in` is read (with
 * l2e_input_next()). `t` is borrowed and must outlive the input; one
 * trace may serve several inputs in turn.
 */
L2E_API void l2e_input_trace(l2e_input *in, l2e_trace *t);

/** Records of the key seen so far. */
L2E_API size_t l2e_trace_records(const l2e_trace *t);

/** 0 when the trace is whole, else why not (L2E_ENOMEM, L2E_ELIMIT). */
L2E_API int l2e_trace_error(const l2e_trace *t);

L2E_API size_t l2e_trace_count(const l2e_trace *t);

/** Field `i` (0-based), in the order the rules ran; NULL past the end. */
L2E_API const l2e_trace_field *l2e_trace_field_at(const l2e_trace *t, size_t i);

L2E_API void l2e_trace_free(l2e_trace *t);

/**
 * Where profile field `section`.`field` ("person", "surname") goes in a
 * Europass v3.4 XML document: the path of each element or attribute it
 * fills, from below the root ("LearnerInfo/Identification/PersonName/
 * Surname"), one per line, appended to `out`. Nothing is appended for a
 * field that only a worked-out text uses (e.g. a programme in a work
 * description).
 * @return 0, L2E_ENOTFOUND (no such field) or L2E_ENOMEM
 */
L2E_API int l2e_europass_v3_elements(l2e_buf *out, const char *section,
                                     const char *field);

#ifdef __cplusplus
}
#endif

#endif
