/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ov_table.h - a table of student counts, and small-cell suppression.
 *
 * A table has labelled rows and a fixed set of columns; each cell counts
 * students (or stays abroad, counted where their students are shown).
 * Suppression hides
 * every cell below k, every cell whose complement within its parent
 * cell is below k, and then enough further cells that no hidden cell can
 * be worked out from the published ones by addition or subtraction: in
 * every sum (a row's parts and the row's whole; a column's rows and the
 * total row when rows do not overlap) one hidden cell never stands
 * alone. Cells that publish the same number in two tables are linked and
 * hidden together.
 */
#ifndef L2E_OVERVIEW_OV_TABLE_H
#define L2E_OVERVIEW_OV_TABLE_H

#include <stddef.h>

typedef struct ov_cell {
	long long v;
	int hidden;
} ov_cell;

typedef struct ov_col {
	const char *id;    /* JSON and CSV name */
	const char *title; /* heading on the page */
	int parent;        /* -1, or the column whose students include these */
	int part_of;       /* -1, or the column these add up to, in a row */
	int is_share;      /* shown as a share of `parent` next to the count */
} ov_col;

typedef struct ov_row {
	char *key;
	char *label;
	ov_cell *cells;
} ov_row;

typedef struct ov_table {
	const char *id, *title, *key_title, *note;
	const ov_col *cols;
	size_t n_cols;
	int rows_partition; /* every student in one row: columns add up */
	int sort_by_count;  /* rows by the first column, else by key */
	size_t total_cols;  /* the total row has the first this many; the
	                       rest add up to nothing (0: all) */
	ov_row *rows;
	size_t n_rows, cap;
	size_t *slots; /* hash of keys -> row index + 1 */
	size_t n_slots;
	ov_cell *total; /* n_cols cells */
} ov_table;

typedef struct ov_link {
	ov_cell *a, *b;
} ov_link;

/** Initialise `t` (its id, titles and columns must be set); -1: memory. */
int ov_table_init(ov_table *t);
void ov_table_dispose(ov_table *t);

/** The row with `key`, or NULL. */
ov_row *ov_table_find(const ov_table *t, const char *key);

/** The row with `key`, made (labelled `label`) if new; NULL: memory. */
ov_row *ov_table_row(ov_table *t, const char *key, const char *label);

/** Rows in display order (by count or key); call once, before output. */
void ov_table_sort(ov_table *t);

/**
 * Suppress cells below `k` across `tables` and the `links` between
 * them, until nothing more needs hiding.
 */
void ov_suppress(ov_table *const *tables, size_t n, const ov_link *links,
                 size_t n_links, long long k);

#endif
