/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_csv_input.c - the CSV reader (read/csv.c, read/read_csv.c) through
 * the public API: the input is a student table for the VoorbeeldSIS
 * mapping. See fuzz_export_common.h for the checks.
 */
#include "fuzz_export_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_setup(L2E_FUZZ_MAPPINGS "/voorbeeldsis-csv.json");
	fuzz_convert("fuzz.csv", data, size);
	return 0;
}
