/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * look.h - what the first bytes of a file look like: a ZIP or an Excel
 * workbook, a PDF, XML, JSON, CSV text, UTF-16, gzip or binary data.
 *
 * Magic bytes and a first look only, never a parse: enough to tell an
 * administrator that a workbook is not a CSV bundle (convert/sniff.c) or
 * that an export is not a mapping (map/map_load.c).
 */
#ifndef L2E_CORE_LOOK_H
#define L2E_CORE_LOOK_H

#include <stddef.h>

/* How much of an input the sniffer looks at. */
#define L2E__SNIFF_BYTES 4096

typedef enum l2e__look {
	L2E__LOOK_EMPTY = 0, /* no bytes, or only white space */
	L2E__LOOK_TEXT,      /* text that is neither JSON nor XML: CSV */
	L2E__LOOK_JSON,
	L2E__LOOK_XML,
	L2E__LOOK_PDF,
	L2E__LOOK_ZIP,
	L2E__LOOK_XLSX, /* a ZIP holding an Excel workbook */
	L2E__LOOK_XLS,  /* an Excel 97-2003 workbook (OLE2) */
	L2E__LOOK_UTF16,
	L2E__LOOK_GZIP,
	L2E__LOOK_BINARY
} l2e__look;

/** What the first `len` bytes of an input look like. */
l2e__look l2e__sniff(const unsigned char *data, size_t len);

/** "an Excel workbook", "JSON", ... for messages. */
const char *l2e__look_label(l2e__look look);

#endif
