/*
 * file.c - read a whole file with a size cap (see file.h).
 */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"

int l2e__file_read(l2e_buf *out, l2e_ctx *ctx, const char *path, size_t max,
                   const char *limit_name)
{
	FILE *f = NULL;
	struct stat st;
	char chunk[65536];
	size_t n;
	int error = 0, is_stdin = strcmp(path, "-") == 0;

	f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		return l2e__error_set_at(
		    ctx, errno == ENOENT ? L2E_ENOTFOUND : L2E_EIO,
		    L2E_ERRCLASS_OS, path, 0, 0, NULL, "cannot open: %s",
		    strerror(errno));
	}
	if (!is_stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		error = l2e__error_set_at(ctx, L2E_EIO, L2E_ERRCLASS_OS, path,
		                          0, 0, NULL, "is a directory");
		goto done;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (out->len + n > max) {
			error = l2e__error_set_at(
			    ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, path, 0, 0,
			    NULL, "larger than %s (%zu bytes)", limit_name,
			    max);
			goto done;
		}
		if ((error = l2e__buf_put(out, chunk, n)) < 0) {
			l2e__error_set(ctx, error, L2E_ERRCLASS_OS,
			               "out of memory reading %s", path);
			goto done;
		}
	}
	if (ferror(f)) {
		error =
		    l2e__error_set_at(ctx, L2E_EIO, L2E_ERRCLASS_OS, path, 0, 0,
		                      NULL, "read error: %s", strerror(errno));
		goto done;
	}
	if (!out->ptr)
		error = l2e__buf_put(out, "", 0); /* an empty file: "" */
done:
	if (f && !is_stdin)
		fclose(f);
	return error;
}
