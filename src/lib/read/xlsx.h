/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * xlsx.h - Excel workbooks (.xlsx) as the tables of a CSV bundle.
 *
 * A workbook is a ZIP file (read with libzip, from memory) of XML parts
 * (read with libxml2's streaming reader: no tree of a whole sheet, no
 * DTD, no entities, no network). Each sheet becomes the same table the
 * CSV parser makes (csv.h): the first non-empty row names the columns,
 * every other non-empty row is an object of string cells, one for every
 * column, "" where the sheet has no value. So the bundle code joins
 * sheets as it joins CSV files.
 *
 * A cell's text is what a CSV export of the same data would hold, with
 * no locale: shared and inline strings as written, numbers as Excel
 * stores them ("24.5"), a number formatted as text ("@") as its digits,
 * a number formatted "0000000" zero-padded to that width (student
 * numbers), a date as ISO 8601 ("2024-09-02", with the workbook's 1900
 * or 1904 date base; "2024-09-02T08:30:00" or "08:30:00" when the format
 * shows a time), true/false as a boolean, an error value as its text
 * ("#N/A"). A row remembers "<workbook>, sheet <name>" as its file and
 * its row number as its line; a cell its column number (C = 3).
 *
 * Limits, each an error naming the workbook and the part, sheet or cell:
 * the workbook's bytes (max_input_bytes); at most L2E__XLSX_MAX_ENTRIES
 * parts; part names that are plain relative paths (no leading '/', no
 * "..", no '\', ':' or control characters); no encrypted parts; every
 * part unpacked while it is read and counted as it comes, never trusting
 * the sizes in the ZIP headers: all parts together at most
 * L2E__XLSX_UNPACK_FACTOR times max_input_bytes, and one part at most
 * L2E__XLSX_MAX_RATIO times its compressed size once past
 * L2E__XLSX_RATIO_GRACE bytes (a zip bomb); XML nesting (max_depth);
 * shared strings (at most max_rows of them, max_input_bytes of text);
 * columns (max_columns), rows (max_rows), cells (max_values) and one
 * cell's text (max_string_bytes) as for CSV.
 */
#ifndef L2E_READ_XLSX_H
#define L2E_READ_XLSX_H

#include <stddef.h>

#include "core/ctx.h"
#include "core/pool.h"
#include "model/record.h"

#define L2E__XLSX_MAX_ENTRIES   10000
#define L2E__XLSX_UNPACK_FACTOR 16
#define L2E__XLSX_MAX_RATIO     100
#define L2E__XLSX_RATIO_GRACE   ((size_t)1 << 20)

/** 1 when `data` starts like a ZIP file (an .xlsx workbook is one). */
int l2e__xlsx_is_zip(const char *data, size_t len);

/** 1 when `data` is an OLE file: an .xls, or an encrypted .xlsx. */
int l2e__xlsx_is_ole(const char *data, size_t len);

/**
 * Read the sheets `sheets[0..n)` of workbook `name` (`len` bytes at
 * `data`, borrowed for the call) into tables[0..n), allocated from
 * `pool`. A sheet name matches exactly, else ignoring ASCII case. With
 * `use_first` (a workbook that is one table of a folder), a missing
 * sheet is the workbook's first sheet; otherwise it is an error that
 * lists the sheets there are.
 * @return 0, L2E_EPARSE, L2E_ELIMIT, L2E_ENOTFOUND (a sheet) or
 *         L2E_ENOMEM, with the workbook's name on the context
 */
int l2e__xlsx_read_tables(l2e__node **tables, l2e__pool *pool, l2e_ctx *ctx,
                          const char *name, const char *data, size_t len,
                          const char *const *sheets, size_t n, int use_first);

#endif
