/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * sniff.c - know an input before reading it (see sniff.h).
 *
 * An administrator who gives the wrong file (a workbook for a CSV
 * bundle, the XML export to a JSON mapping, a folder of PDFs) used to
 * get a parse error per line; the first few kilobytes are enough to say
 * what the input is and what to do instead, in one line.
 */
#include "convert/sniff.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/ctx.h"
#include "map/mapping.h"
#include "read/reader.h"

int l2e__sniff_file(l2e__look *out, l2e_ctx *ctx, const char *path)
{
	unsigned char head[L2E__SNIFF_BYTES];
	size_t len;
	FILE *f = fopen(path, "rb");

	*out = L2E__LOOK_EMPTY;
	if (!f)
		return l2e__error_set_at(
		    ctx, errno == ENOENT ? L2E_ENOTFOUND : L2E_EIO,
		    L2E_ERRCLASS_OS, path, 0, 0, NULL, "cannot open: %s",
		    strerror(errno));
	len = fread(head, 1, sizeof(head), f);
	if (ferror(f)) {
		fclose(f);
		return l2e__error_set_at(ctx, L2E_EIO, L2E_ERRCLASS_OS, path, 0,
		                         0, NULL, "cannot read");
	}
	fclose(f);
	*out = l2e__sniff(head, len);
	return 0;
}

/* What the mapping reads is decided here, next to what an input looks
 * like: input.c asks this file, never the other way round. */
int l2e_mapping_reads_folders(const l2e_mapping *map)
{
	const l2e__reader *r =
	    map ? l2e__reader_find(map->source.format) : NULL;

	return r && r->open_dir != NULL;
}

static int is_bundle(const l2e_mapping *map)
{
	return l2e_mapping_reads_folders(map) && map->source.n_tables > 1;
}

/*
 * The one decision of which looks a mapping reads from a file or a
 * stream. A CSV bundle reads none: it is a folder. An Excel reader for
 * bundles (a workbook whose sheets are the tables) adds its case here:
 * `case L2E__LOOK_XLSX: return csv;` and nothing else changes.
 */
int l2e__sniff_fits(const l2e_mapping *map, l2e__look look)
{
	const char *f = map->source.format;
	int csv = !strcmp(f, "csv");

	switch (look) {
	case L2E__LOOK_TEXT: return csv && !is_bundle(map);
	case L2E__LOOK_JSON: return !strcmp(f, "json");
	case L2E__LOOK_XML: return !strcmp(f, "xml");
	/* XML declares its encoding: libxml2 reads UTF-16 XML */
	case L2E__LOOK_UTF16: return !strcmp(f, "xml");
	/* a workbook's sheets are a bundle's tables (read/xlsx.h) */
	case L2E__LOOK_XLSX:
	case L2E__LOOK_ZIP: return csv && is_bundle(map);
	default: return 0;
	}
}

/* What the mapping reads, after "reads". */
static void expectation(char *buf, size_t size, const l2e_mapping *map)
{
	const char *f = map->source.format;

	if (is_bundle(map))
		snprintf(buf, size, "a CSV bundle (a folder of %zu CSV files)",
		         map->source.n_tables);
	else if (!strcmp(f, "csv"))
		snprintf(buf, size, "a CSV file");
	else
		snprintf(buf, size, "%s exports",
		         map->source.reader ? map->source.reader->label : f);
}

/* What to do about an input that looks like `look`. */
static const char *fix_for(const l2e_mapping *map, l2e__look look)
{
	int csv = !strcmp(map->source.format, "csv");

	switch (look) {
	case L2E__LOOK_EMPTY:
		return "check that the export arrived (--allow-empty accepts "
		       "an empty input)";
	case L2E__LOOK_TEXT:
	case L2E__LOOK_JSON:
	case L2E__LOOK_XML:
		return "use a mapping for this kind of export ('lob2europass "
		       "mapping list' shows them)";
	case L2E__LOOK_PDF:
		return "a PDF is a printout; give the export file of the "
		       "school system";
	case L2E__LOOK_ZIP: return "unpack it and give what is inside";
	case L2E__LOOK_GZIP: return "unpack it (gunzip) first";
	case L2E__LOOK_XLS:
		return csv ? "save it as .xlsx (Excel-werkmap) without a "
		             "password, or as CSV (puntkomma-gescheiden)"
		           : "export from the school system in the format the "
		             "mapping reads, not as a spreadsheet";
	case L2E__LOOK_XLSX:
		return csv ? "give the folder of CSV files, or save each sheet "
		             "as CSV (puntkomma-gescheiden)"
		           : "export from the school system in the format the "
		             "mapping reads, not as a spreadsheet";
	case L2E__LOOK_UTF16:
		return csv ? "save it as CSV UTF-8" : "save it as UTF-8";
	default: return "give the export file itself";
	}
}

static const char *name_of(const l2e_mapping *map)
{
	return map->name ? map->name : map->file ? map->file : "?";
}

int l2e__sniff_check_not_bundle(l2e_ctx *ctx, const l2e_mapping *map,
                                const char *name)
{
	if (!is_bundle(map))
		return 0;
	return l2e__error_set_at(
	    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, name, 0, 0, NULL,
	    "is one file; mapping '%s' reads a CSV bundle (a folder of %zu "
	    "CSV files, one per table): give the folder that holds them",
	    name_of(map), map->source.n_tables);
}

int l2e__sniff_check(l2e_ctx *ctx, const l2e_mapping *map, const char *name,
                     l2e__look look)
{
	char expect[128];

	if (look == L2E__LOOK_EMPTY && ctx->opts.allow_empty)
		return 1;
	if (l2e__sniff_fits(map, look))
		return 0;
	if (look == L2E__LOOK_TEXT && is_bundle(map))
		return l2e__sniff_check_not_bundle(ctx, map, name);
	expectation(expect, sizeof(expect), map);
	return l2e__error_set_at(ctx, L2E_EPARSE, L2E_ERRCLASS_READ, name, 0, 0,
	                         NULL, "%s; mapping '%s' reads %s: %s",
	                         l2e__look_label(look), name_of(map), expect,
	                         fix_for(map, look));
}

/* ==== File names in a folder ==== */

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail), i;

	if (t > n)
		return 0;
	for (i = 0; i < t; i++) {
		char c = s[n - t + i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != tail[i])
			return 0;
	}
	return 1;
}

int l2e_mapping_reads_file_name(const l2e_mapping *map, const char *name)
{
	const char *f = map ? map->source.format : NULL;

	if (!f || !name)
		return 0;
	if (!strcmp(f, "json"))
		return ends_with(name, ".json") || ends_with(name, ".jsonl") ||
		       ends_with(name, ".ndjson") ||
		       ends_with(name, ".jsonld"); /* ELM credentials */
	if (!strcmp(f, "xml"))
		return ends_with(name, ".xml");
	if (!strcmp(f, "csv"))
		return ends_with(name, ".csv") || ends_with(name, ".txt");
	return 0;
}

const char *l2e_mapping_reads_label(const l2e_mapping *map)
{
	return map && map->source.reader ? map->source.reader->label : "?";
}
