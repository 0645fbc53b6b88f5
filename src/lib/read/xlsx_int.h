/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * xlsx_int.h - what the workbook files share (see xlsx.h): the open
 * workbook, one XML part read through libxml2's streaming reader while it
 * is unpacked (xlsx_zip.c), and the sheet reader (xlsx_sheet.c).
 */
#ifndef L2E_READ_XLSX_INT_H
#define L2E_READ_XLSX_INT_H

#include <libxml/xmlreader.h>
#include <zip.h>

#include "core/buf.h"
#include "read/xlsx.h"

/* What a cell style says about a number (styles.xml). */
typedef enum xlsx_numfmt {
	XLSX_NUMBER = 0, /* general, or any number format */
	XLSX_TEXT,       /* "@" */
	XLSX_PAD,        /* "0000000": zero-padded integer */
	XLSX_DATE,
	XLSX_DATETIME,
	XLSX_TIME
} xlsx_numfmt;

typedef struct xlsx_style {
	unsigned char kind;  /* xlsx_numfmt */
	unsigned char width; /* XLSX_PAD: digits */
} xlsx_style;

typedef struct xlsx_sheet {
	const char *name; /* as the workbook names it */
	const char *part; /* "xl/worksheets/sheet1.xml" */
} xlsx_sheet;

typedef struct l2e__xlsx {
	l2e_ctx *ctx;
	l2e__pool *pool; /* strings and tables */
	const char *name;
	zip_t *za;
	unsigned long long unpacked; /* all parts so far */
	unsigned long long max_unpacked;
	int is_1904;
	xlsx_sheet *sheets;
	size_t n_sheets;
	const char **sst; /* shared strings, in the pool */
	size_t *sst_len;
	size_t n_sst;
	xlsx_style *xf; /* cell styles (cellXfs), by index */
	size_t n_xf;
} l2e__xlsx;

/* One XML part being read. */
typedef struct xlsx_part {
	l2e__xlsx *wb;
	const char *part;  /* its name in the ZIP */
	const char *label; /* in messages: "sheet Data", or the part */
	zip_file_t *zf;
	unsigned long long comp; /* compressed size, per the directory */
	unsigned long long out;  /* unpacked so far */
	int error;               /* ours, set by the unpacking callback */
	char carry[16];          /* the last bytes, for the DOCTYPE scan */
	size_t n_carry;
	xmlTextReaderPtr r;
	char xml_msg[200]; /* libxml2's first error */
	int xml_line;
} xlsx_part;

/* ==== xlsx_zip.c ==== */

/** Open the ZIP and check every entry; the error names the workbook. */
int l2e__xlsx_zip_open(l2e__xlsx *wb, const char *data, size_t len);
void l2e__xlsx_zip_close(l2e__xlsx *wb);
/** 1 when the workbook has part `part`. */
int l2e__xlsx_has_part(const l2e__xlsx *wb, const char *part);
/** Start reading `part` (it must exist): p->r is the XML reader. */
int l2e__xlsx_part_open(xlsx_part *p, l2e__xlsx *wb, const char *part,
                        const char *label);
/** The next XML node: 1, 0 at the end, or an error (on the context). */
int l2e__xlsx_part_next(xlsx_part *p);
/**
 * Append the text of the current element (to its end tag) to `out`,
 * decoding Excel's _xHHHH_ escapes; at most max_string_bytes.
 */
int l2e__xlsx_part_text(xlsx_part *p, l2e_buf *out);
/** The text of an <si> or <is>: its <t>s, without phonetic runs. */
int l2e__xlsx_rich_text(xlsx_part *p, l2e_buf *out);
/** An error at the current line of the part: "<label>, line N: ..." */
int l2e__xlsx_part_fail(xlsx_part *p, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void l2e__xlsx_part_close(xlsx_part *p);
/** The current element's attribute `name`, or NULL (xmlFree it). */
char *l2e__xlsx_attr(xlsx_part *p, const char *name);
/** 1 when the current node is a start tag with local name `name`. */
int l2e__xlsx_is_start(xlsx_part *p, const char *name);
/** 1 when the current node ends the element at `depth`. */
int l2e__xlsx_is_end_at(xlsx_part *p, int depth);

/* ==== xlsx_sheet.c ==== */

/** The table of sheet `i`, allocated from wb->pool. */
int l2e__xlsx_sheet_table(l2e__node **out, l2e__xlsx *wb, size_t i);

#endif
