/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * read_file.c - read a whole file with a size cap (see read_file.h).
 */
#include "util/read_file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "util/alloc.h"

l2e__read_status l2e__read_file(const char *path, size_t max, char **data,
                                size_t *len)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	l2e__read_status status = L2E_READ_OK;
	size_t cap = 0, n = 0, got;
	struct stat st;
	char *buf = NULL, *grown;

	*data = NULL;
	*len = 0;
	if (!f)
		return errno == ENOENT ? L2E_READ_NOT_FOUND
		                       : L2E_READ_CANNOT_OPEN;
	if (!is_stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		status = L2E_READ_IS_DIR;
		goto done;
	}
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536 + 1;
			if (!(grown = l2e__realloc(buf, cap))) {
				status = L2E_READ_NO_MEMORY;
				goto done;
			}
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		if (got == 0)
			break;
		n += got;
		if (n > max) {
			status = L2E_READ_TOO_BIG;
			goto done;
		}
	}
	if (ferror(f)) {
		status = L2E_READ_IO;
		goto done;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	buf = NULL;
done:
	l2e__free(buf);
	if (!is_stdin) {
		int saved = errno;

		fclose(f);
		errno = saved;
	}
	return status;
}
