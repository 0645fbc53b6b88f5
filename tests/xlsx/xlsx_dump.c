/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * xlsx_dump.c - the workbook reader alone (read/xlsx.h), for the tests:
 * read the sheets named on the command line with a given max_input_bytes
 * (so a test reaches the unpacking limits with a small file) and print
 * each table, one cell a line: "sheet<TAB>row:column<TAB>column name<TAB>
 * kind<TAB>text". On an error, print the error and exit 3.
 *
 *     xlsx_dump MAX_INPUT_BYTES FILE SHEET...
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/ctx.h"
#include "core/file.h"
#include "read/xlsx.h"

int main(int argc, char **argv)
{
	l2e_ctx_options o = L2E_CTX_OPTIONS_INIT;
	l2e_ctx *ctx = NULL;
	l2e_buf data = L2E_BUF_INIT;
	l2e__pool pool = L2E__POOL_INIT;
	l2e__node **tables = NULL, *row, *cell;
	int i, n, error, rc = 0;

	if (argc < 4) {
		fputs("usage: xlsx_dump MAX_INPUT_BYTES FILE SHEET...\n",
		      stderr);
		return 2;
	}
	n = argc - 3;
	o.max_input_bytes = strtoul(argv[1], NULL, 10);
	l2e_global_init();
	tables = calloc((size_t)n, sizeof(*tables));
	if (!tables || l2e_ctx_new(&ctx, &o) < 0)
		return 6;
	error = l2e__file_read(&data, ctx, argv[2], o.max_input_bytes,
	                       "max_input_bytes");
	if (!error)
		error = l2e__xlsx_read_tables(
		    tables, &pool, ctx, argv[2], data.ptr ? data.ptr : "",
		    data.len, (const char *const *)argv + 3, (size_t)n, 0);
	if (error < 0) {
		printf("error %d: %s: %s\n", error, l2e_ctx_error(ctx)->file,
		       l2e_ctx_error(ctx)->message);
		rc = 3;
	}
	for (i = 0; !error && i < n; i++)
		for (row = tables[i]->first; row; row = row->next)
			for (cell = row->first; cell; cell = cell->next)
				printf("%s\t%u:%u\t%s\t%s\t%s\n", argv[3 + i],
				       cell->line, cell->column, cell->key,
				       cell->kind == L2E__NODE_BOOL ? "bool"
				                                    : "string",
				       cell->text);
	l2e__pool_clear(&pool);
	free(tables);
	l2e_buf_dispose(&data);
	l2e_ctx_free(ctx);
	l2e_global_cleanup();
	return rc;
}
