/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_xml_input.c - the XML reader (read/read_xml.c) through the public
 * API: the input is an export for the LeerlingAdmin mapping (records by
 * XPath). See fuzz_export_common.h for the checks.
 */
#include "fuzz_export_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_setup(L2E_FUZZ_MAPPINGS "/leerlingadmin-xml.json");
	fuzz_convert("fuzz.xml", data, size);
	return 0;
}
