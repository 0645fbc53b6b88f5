/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * fuzz_xlsx_input.c - the workbook reader (read/xlsx*.c) through the
 * public API: the input is an .xlsx workbook given as the whole bundle of
 * the VoorbeeldSIS mapping, so every sheet is looked up, unpacked and
 * read. See fuzz_export_common.h for the checks.
 *
 * Mutations of a ZIP file rarely survive its checksums, so an input that
 * is no ZIP file is taken as XML parts instead, split at lines "====":
 * a sheet, the shared strings, the styles. The target packs them into a
 * workbook (libzip, in memory) whose eight sheets all use that one
 * sheet, and reads that: the ZIP layer and the XML layer each get
 * fuzzed. L2E_FUZZ_PACKED=FILE writes the packed workbook to FILE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <zip.h>

#include "core/buf.h"
#include "fuzz_export_common.h"

#define SEP "\n====\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const sheets[] = { "studenten",
	                              "opleidingen",
	                              "bpv",
	                              "talen",
	                              "loopbaancompetenties",
	                              "resultaten",
	                              "digitale_vaardigheden",
	                              "manifest" };

static int add(zip_t *za, const char *name, const void *p, size_t n)
{
	zip_source_t *s = zip_source_buffer(za, p, n, 0);

	if (!s)
		return -1;
	if (zip_file_add(za, name, s, ZIP_FL_OVERWRITE) < 0) {
		zip_source_free(s);
		return -1;
	}
	return 0;
}

/* The next part of `*p` (up to `end`) as [*start, *len). */
static void next_part(const char **p, const char *end, const char **start,
                      size_t *len)
{
	const char *q = *p;
	size_t k = sizeof(SEP) - 1;

	*start = q;
	while (q < end && !((size_t)(end - q) >= k && !memcmp(q, SEP, k)))
		q++;
	*len = (size_t)(q - *start);
	*p = q < end ? q + k : end;
}

/* Pack the parts into a workbook; its bytes in *out (malloc'd). */
static size_t pack(char **out, const char *data, size_t size)
{
	static const char root[] =
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
	    "2006/relationships\"><Relationship Id=\"rId1\" Type=\"x/"
	    "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
	l2e_buf wb = L2E_BUF_INIT, rels = L2E_BUF_INIT;
	const char *p = data, *end = data + size, *part[3];
	size_t len[3], i, n = 0;
	zip_source_t *src = NULL;
	zip_stat_t st;
	zip_t *za;

	*out = NULL;
	for (i = 0; i < 3; i++)
		next_part(&p, end, &part[i], &len[i]);
	l2e__buf_puts(&wb, "<workbook xmlns:r=\"http://schemas.openxmlformats"
	                   ".org/officeDocument/2006/relationships\"><sheets>");
	l2e__buf_puts(&rels, "<Relationships><Relationship Id=\"s\" Type=\"x/"
	                     "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	                     "<Relationship Id=\"t\" Type=\"x/sharedStrings\" "
	                     "Target=\"sharedStrings.xml\"/><Relationship "
	                     "Id=\"u\" Type=\"x/styles\" "
	                     "Target=\"styles.xml\"/></Relationships>");
	for (i = 0; i < sizeof(sheets) / sizeof(sheets[0]); i++)
		l2e__buf_printf(&wb, "<sheet name=\"%s\" r:id=\"s\"/>",
		                sheets[i]);
	l2e__buf_puts(&wb, "</sheets></workbook>");
	if (!wb.ptr || !rels.ptr ||
	    !(src = zip_source_buffer_create(NULL, 0, 0, NULL)))
		goto done;
	zip_source_keep(src);
	if (!(za = zip_open_from_source(src, ZIP_TRUNCATE, NULL)))
		goto done;
	if (add(za, "_rels/.rels", root, sizeof(root) - 1) < 0 ||
	    add(za, "xl/workbook.xml", wb.ptr, wb.len) < 0 ||
	    add(za, "xl/_rels/workbook.xml.rels", rels.ptr, rels.len) < 0 ||
	    add(za, "xl/worksheets/sheet1.xml", part[0], len[0]) < 0 ||
	    add(za, "xl/sharedStrings.xml", part[1], len[1]) < 0 ||
	    add(za, "xl/styles.xml", part[2], len[2]) < 0 ||
	    zip_close(za) < 0) {
		zip_discard(za);
		goto done;
	}
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0)
		goto done;
	if ((*out = malloc(st.size ? st.size : 1)) &&
	    zip_source_read(src, *out, st.size) == (zip_int64_t)st.size)
		n = st.size;
	zip_source_close(src);
done:
	zip_source_free(src);
	l2e_buf_dispose(&wb);
	l2e_buf_dispose(&rels);
	if (!n) {
		free(*out);
		*out = NULL;
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *packed = NULL;
	size_t n;

	fuzz_setup(L2E_FUZZ_MAPPINGS "/voorbeeldsis-csv.json");
	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		fuzz_convert("fuzz.xlsx", data, size);
		return 0;
	}
	if ((n = pack(&packed, (const char *)data, size))) {
		if (getenv("L2E_FUZZ_PACKED")) { /* to look at with the CLI */
			FILE *f = fopen(getenv("L2E_FUZZ_PACKED"), "wb");

			if (f) {
				fwrite(packed, 1, n, f);
				fclose(f);
			}
		}
		fuzz_convert("fuzz.xlsx", (const uint8_t *)packed, n);
	}
	free(packed);
	return 0;
}
