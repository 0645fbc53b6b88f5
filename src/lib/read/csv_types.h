/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * csv_types.h - headerless CSV with record types (a student system's
 * export of one file in which rows of several kinds follow each other).
 *
 * Some exports write one file without a header line where the first
 * field of every row names what the row is (a student, an enrolment, a
 * work period, ...), each kind with its own columns, and a row
 * belongs to the row of its parent kind above it. A table with
 * "record_types" is read that way:
 *
 *     "record_types": {
 *       "Student":   { "columns": ["Name", ...] },
 *       "Enrolment": { "columns": [...], "children_of": "Student" },
 *       "Work":      { "columns": [...], "children_of": "Enrolment" }
 *     }
 *
 * and becomes, at the top of the document, one list per type without a
 * parent ({"Student": [...]}), every child row in a list named after
 * its type inside its parent row (a Student's "Enrolment", whose rows
 * hold "Work"). Rows shorter than their columns get empty cells (no
 * value); a longer row, an unknown type, or a child row with no parent
 * row above it since the parent's own parent began is an error at its
 * line and column — never a row attached to the student above.
 */
#ifndef L2E_READ_CSV_TYPES_H
#define L2E_READ_CSV_TYPES_H

#include "read/reader.h"

/* At most this many record types in one table: a mapping limit. */
#define L2E__CSV_MAX_TYPES 64
/* At most this many columns of one record type. */
#define L2E__CSV_MAX_TYPE_COLUMNS 1024

typedef struct l2e__csv_rtype {
	const char *name;
	const char **columns;
	size_t n_columns;
	size_t parent;            /* index of the parent type; n_types: none */
	unsigned long long below; /* bit i: type i descends from this one */
} l2e__csv_rtype;

typedef struct l2e__csv_rtypes {
	l2e__csv_rtype *types;
	size_t n_types;
	unsigned type_column; /* 1-based: the field naming the type */
} l2e__csv_rtypes;

/** Compile a table's "record_types" object into `out`. */
int l2e__csv_rtypes_compile(l2e__optc *oc, l2e__csv_rtypes *out,
                            const l2e__node *v);
/** Compile a table's "type_column" (1 to 99) into `out`. */
int l2e__csv_rtypes_column(l2e__optc *oc, l2e__csv_rtypes *out,
                           const l2e__node *v);

/**
 * Turn `rows` (from l2e__csv_parse_rows() of file `name`) into typed
 * rows, appending the lists of top-level types to object `root`.
 * @return 0, L2E_EPARSE or L2E_ELIMIT (with file:line:col), L2E_ENOMEM
 */
int l2e__csv_rtypes_build(l2e__node *root, l2e__pool *pool, l2e_ctx *ctx,
                          const l2e__csv_rtypes *rt, const char *name,
                          const l2e__node *rows);

#endif
