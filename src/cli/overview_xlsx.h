/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * overview_xlsx.h - the overview as an Excel workbook (--xlsx): a sheet
 * per table, the header row frozen, shares as percentages, hidden
 * numbers as empty cells. Made from the overview's JSON (the public
 * API), with libxlsxwriter.
 */
#ifndef L2E_CLI_OVERVIEW_XLSX_H
#define L2E_CLI_OVERVIEW_XLSX_H

#include <stddef.h>

/**
 * Write the workbook for the overview JSON `json` to `path`, whole or
 * not at all. 0, or -1 with `why`.
 */
int overview_xlsx_write(const char *json, size_t len, const char *path,
                        char *why, size_t why_size);

#endif
