/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_lookup.c - look-up tables (convert/lookup.c, map/map_lookup.c,
 * $lookup in map/path.c) through the public API. The input is written
 * twice into a fresh folder: as the export (s.json) and as the file a
 * "files" table is built from (ref/t.json); the mapping looks ids up in
 * that table, in the same document's "t" list ("table"), in chains and
 * from $parent. See fuzz_export_common.h for the checks (no national
 * identifier in any document, finding or error; documents well-formed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_export_common.h"

static const char mapping[] =
    "{\"lob2europass_mapping\": 1, \"name\": \"fuzz-lookup\",\n"
    " \"lookups\": {\n"
    "  \"f\": {\"files\": \"ref/*.json\", \"entries\": \"t\", \"key\": "
    "\"id\", \"max_entries\": 50},\n"
    "  \"t\": {\"table\": \"t\", \"key\": \"id\", \"max_entries\": 50}},\n"
    " \"source\": {\"format\": \"json\", \"records\": [\"s\", \".\"]},\n"
    " \"dossier\": {\"key\": \"nr\", \"merge\": true},\n"
    " \"profile\": {\"person\": {\"surname\": {\"first\": [\"sn\", "
    "\"$lookup(f, pid).name\"]}},\n"
    "  \"education\": {\"each\": \"$lookup(t, pid).list\", \"fields\": {\n"
    "   \"title\": {\"first\": [\"$lookup(f, $lookup(t, id).next).name\", "
    "\"$lookup(t, $parent.$parent.pid).name\", \"name\"]},\n"
    "   \"from\": {\"path\": \"$lookup(f, id).start\", \"date\": "
    "\"jjjj-mm-dd\"}}},\n"
    "  \"work\": {\"each\": \"e\", \"where\": {\"path\": \"$lookup(t, "
    "pid).ok\", \"exists\": true}, \"fields\": {\"employer\": "
    "\"$lookup(f, $lookup(f, $lookup(t, pid).id).next).name\"}}}}";

static l2e_mapping *lookup_map;
static char dir[64];

static void put(const char *name, const uint8_t *data, size_t size)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!(f = fopen(path, "wb")))
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
}

static void cleanup(void)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/s.json", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/ref/t.json", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/ref", dir);
	rmdir(path);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[128];
	l2e_input *in = NULL;

	if (!lookup_map) {
		l2e_global_init();
		snprintf(dir, sizeof(dir), "/tmp/l2e-fuzz-lookup-XXXXXX");
		snprintf(path, sizeof(path), "%s/ref", mkdtemp(dir));
		if (mkdir(path, 0700) != 0 ||
		    l2e_ctx_new(&fuzz_ctx, NULL) < 0 ||
		    l2e_mapping_load_memory(&lookup_map, fuzz_ctx,
		                            "fuzz-lookup.json", mapping,
		                            sizeof(mapping) - 1, NULL) < 0)
			fuzz_fail("cannot set up", dir, "", 0);
		atexit(cleanup);
	}
	put("s.json", data, size);
	put("ref/t.json", data, size);
	snprintf(path, sizeof(path), "%s/s.json", dir);
	if (l2e_input_open(&in, fuzz_ctx, lookup_map, path) < 0) {
		fuzz_check_error("an open error");
		return 0;
	}
	fuzz_drain(in);
	return 0;
}
