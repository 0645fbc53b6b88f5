/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_csv_input.c - the CSV reader (read/csv.c, read/read_csv.c,
 * read/csv_types.c) through the public API: the input is a student
 * table for the VoorbeeldSIS mapping, and the same bytes are read again
 * as a headerless file of record types (EduArte's LVS export: children
 * under the row above them). See fuzz_export_common.h for the checks.
 */
#include "fuzz_export_common.h"

/* Three levels, short rows padded; the second field names the type. */
static const char typed_mapping[] =
    "{\"lob2europass_mapping\": 1, \"name\": \"fuzz-typed\",\n"
    " \"source\": {\"format\": \"csv\", \"separator\": \";\",\n"
    "  \"tables\": {\"lvs\": {\"file\": \"lvs.csv\", \"type_column\": 1,\n"
    "   \"record_types\": {\n"
    "    \"Deelnemer\": {\"columns\": [\"Achternaam\", \"Roepnaam\", "
    "\"Nummer\"]},\n"
    "    \"Vooropleiding\": {\"columns\": [\"Naam\"], \"children_of\": "
    "\"Deelnemer\"},\n"
    "    \"Verbintenis\": {\"columns\": [\"Opleiding\", \"Begin\"], "
    "\"children_of\": \"Deelnemer\"},\n"
    "    \"BPV\": {\"columns\": [\"Bedrijf\", \"Begin\", \"Land\"], "
    "\"children_of\": \"Verbintenis\"}}}},\n"
    "  \"records\": \"Deelnemer\"},\n"
    " \"dossier\": {\"key\": \"Nummer\"},\n"
    " \"profile\": {\"person\": {\"first_name\": \"Roepnaam\", "
    "\"surname\": \"Achternaam\"},\n"
    "  \"education\": {\"each\": \"Verbintenis\", \"fields\": {\"title\": "
    "\"Opleiding\", \"from\": {\"path\": \"Begin\", \"date\": "
    "\"ddmmjjjj\"}}},\n"
    "  \"work\": {\"each\": \"Verbintenis.BPV\", \"fields\": {\"employer\": "
    "\"Bedrijf\", \"country\": \"Land\", \"from\": {\"path\": \"Begin\", "
    "\"date\": \"ddmmjjjj\"}}}}}";

static l2e_mapping *typed_map;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_setup(L2E_FUZZ_MAPPINGS "/voorbeeldsis-csv.json");
	if (!typed_map &&
	    l2e_mapping_load_memory(&typed_map, fuzz_ctx, "fuzz-typed.json",
	                            typed_mapping, sizeof(typed_mapping) - 1,
	                            NULL) < 0)
		fuzz_fail("the mapping does not load", "fuzz-typed.json", "",
		          0);
	fuzz_convert("fuzz.csv", data, size);
	fuzz_convert_map(typed_map, "lvs.csv", data, size);
	return 0;
}
