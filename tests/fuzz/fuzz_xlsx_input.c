/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_xlsx_input.c - the workbook reader (read/xlsx*.c) through the
 * public API: the input is an .xlsx workbook given as the whole bundle of
 * the VoorbeeldSIS mapping, so every sheet is looked up, unpacked and
 * read. See fuzz_export_common.h for the checks.
 */
#include "fuzz_export_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_setup(L2E_FUZZ_MAPPINGS "/voorbeeldsis-csv.json");
	fuzz_convert("fuzz.xlsx", data, size);
	return 0;
}
