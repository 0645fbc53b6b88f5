/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * overview_xlsx.c - the overview as a workbook (see overview_xlsx.h).
 *
 * Texts are written as strings, never as formulas, so a label such as
 * "=HYPERLINK(...)" stays text: a spreadsheet does not run it. The
 * workbook is written under a temporary name beside `path`, flushed to
 * disk and renamed, like every file we write.
 */
#include "overview_xlsx.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "util/atomic_file.h"

typedef struct formats {
	lxw_format *head, *pct, *total, *total_pct, *note;
} formats;

static const char *str(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A count, or an empty cell where it is hidden (null). */
static void count(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                  const cJSON *counts, const char *id, lxw_format *f)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(counts, id);

	if (cJSON_IsNumber(v))
		worksheet_write_number(ws, r, c, v->valuedouble, f);
}

/* The share of a column in its parent, when both are shown. */
static void share(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                  const cJSON *counts, const char *id, const char *of,
                  lxw_format *f)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(counts, id);
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(counts, of);

	if (cJSON_IsNumber(v) && cJSON_IsNumber(p) && p->valuedouble > 0)
		worksheet_write_number(ws, r, c,
		                       v->valuedouble / p->valuedouble, f);
}

static void row(lxw_worksheet *ws, lxw_row_t r, const cJSON *cols,
                const char *label, const cJSON *counts, const formats *fm,
                int is_total)
{
	const cJSON *col;
	lxw_col_t c = 1;

	worksheet_write_string(ws, r, 0, label, is_total ? fm->total : NULL);
	cJSON_ArrayForEach(col, cols)
	{
		const char *id = str(col, "id"), *of = str(col, "share_of");

		count(ws, r, c++, counts, id, is_total ? fm->total : NULL);
		if (of)
			share(ws, r, c++, counts, id, of,
			      is_total ? fm->total_pct : fm->pct);
	}
}

static void sheet(lxw_workbook *wb, const cJSON *t, const formats *fm,
                  const char *note)
{
	const cJSON *cols = cJSON_GetObjectItemCaseSensitive(t, "columns");
	const cJSON *rows = cJSON_GetObjectItemCaseSensitive(t, "rows");
	const cJSON *col, *r;
	lxw_worksheet *ws = workbook_add_worksheet(wb, str(t, "id"));
	lxw_row_t n = 1;
	lxw_col_t c = 1;
	char head[160];

	if (!ws)
		return;
	worksheet_write_string(ws, 0, 0, str(t, "key_title"), fm->head);
	cJSON_ArrayForEach(col, cols)
	{
		worksheet_write_string(ws, 0, c++, str(col, "title"), fm->head);
		if (str(col, "share_of")) {
			snprintf(head, sizeof(head), "%% %s",
			         str(col, "title"));
			worksheet_write_string(ws, 0, c++, head, fm->head);
		}
	}
	cJSON_ArrayForEach(r, rows)
	    row(ws, n++, cols, str(r, "label"),
	        cJSON_GetObjectItemCaseSensitive(r, "counts"), fm, 0);
	row(ws, n++, cols, "Total",
	    cJSON_GetObjectItemCaseSensitive(t, "total"), fm, 1);
	if (str(t, "note"))
		worksheet_write_string(ws, ++n, 0, str(t, "note"), fm->note);
	worksheet_write_string(ws, ++n, 0, note, fm->note);
	worksheet_set_column(ws, 0, 0, 40, NULL);
	worksheet_set_column(ws, 1, c, 14, NULL);
	worksheet_freeze_panes(ws, 1, 1);
}

/* The file on disk before its name is the final one. */
static int flush_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int overview_xlsx_write(const char *json, size_t len, const char *path,
                        char *why, size_t why_size)
{
	cJSON *doc = cJSON_ParseWithLength(json, len);
	const cJSON *ov = cJSON_GetObjectItemCaseSensitive(doc, "overview");
	const cJSON *t;
	char tmp[4096], note[200];
	lxw_workbook *wb;
	lxw_error err;
	formats fm;

	if (!ov) {
		cJSON_Delete(doc);
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	snprintf(note, sizeof(note),
	         "Empty: hidden, a group of fewer than %d students or a "
	         "number that would give one away.",
	         cJSON_GetObjectItemCaseSensitive(ov, "min_group")->valueint);
	/* the workbook is renamed into place, which would replace a
	 * device such as /dev/null with a file for the whole machine */
	if (l2e__atomic_is_device(path)) {
		cJSON_Delete(doc);
		snprintf(why, why_size,
		         "%.200s is not a file; a workbook needs a file name "
		         "(.xlsx)",
		         path);
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", path, (long)getpid());
	if (!(wb = workbook_new(tmp))) {
		cJSON_Delete(doc);
		snprintf(why, why_size, "%.200s: cannot make the workbook",
		         path);
		return -1;
	}
	fm.head = workbook_add_format(wb);
	format_set_bold(fm.head);
	format_set_bottom(fm.head, LXW_BORDER_THIN);
	fm.pct = workbook_add_format(wb);
	format_set_num_format(fm.pct, "0.0%");
	fm.total = workbook_add_format(wb);
	format_set_bold(fm.total);
	fm.total_pct = workbook_add_format(wb);
	format_set_bold(fm.total_pct);
	format_set_num_format(fm.total_pct, "0.0%");
	fm.note = workbook_add_format(wb);
	format_set_italic(fm.note);
	cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(ov, "tables"))
	    sheet(wb, t, &fm, note);
	cJSON_Delete(doc);
	if ((err = workbook_close(wb)) != LXW_NO_ERROR) {
		snprintf(why, why_size, "%.200s: %s", path, lxw_strerror(err));
		unlink(tmp);
		return -1;
	}
	if (flush_file(tmp) < 0 || rename(tmp, path) < 0) {
		snprintf(why, why_size, "%.200s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}
