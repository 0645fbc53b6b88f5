/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * csv.h - RFC 4180 CSV into a table of record-tree rows.
 *
 * The first line names the columns. Fields may be quoted with '"' and
 * then contain the separator, newlines and doubled quotes. Every row
 * becomes an object node whose members are the columns, in order, as
 * strings (leading zeros stay: nothing is a number here), each with the
 * line and column where its field starts. Fully empty lines are skipped.
 * A wrong number of fields, an unclosed quote, a stray character after
 * a closing quote, a NUL byte or another control character (anything
 * below U+0020 but tab, CR and LF, and DEL) is an error at its line and
 * column. Limits (l2e_ctx_options): max_columns, max_rows and max_values
 * (cells) per table and max_string_bytes per field, each an L2E_ELIMIT
 * naming the limit.
 */
#ifndef L2E_READ_CSV_H
#define L2E_READ_CSV_H

#include "core/ctx.h"
#include "model/record.h"

/**
 * Parse UTF-8 `text` (no BOM) of file `name` into an array node of row
 * objects, allocated from `pool`. `separator` 0 detects ';' or ','.
 * @return 0, L2E_EPARSE or L2E_ELIMIT (with file:line:col), L2E_ENOMEM
 */
int l2e__csv_parse(l2e__node **out, l2e__pool *pool, l2e_ctx *ctx,
                   const char *name, const char *text, size_t len,
                   char separator);

/**
 * The same without a header line (a file of record types, see
 * csv_types.h): an array node of rows, each an array node of string
 * cells with their line and column. Rows may differ in length.
 * @return 0, L2E_EPARSE or L2E_ELIMIT (with file:line:col), L2E_ENOMEM
 */
int l2e__csv_parse_rows(l2e__node **out, l2e__pool *pool, l2e_ctx *ctx,
                        const char *name, const char *text, size_t len,
                        char separator);

#endif
