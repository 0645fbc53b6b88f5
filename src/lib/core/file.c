/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * file.c - read a whole file with a size cap (see file.h): the reading
 * is util/read_file.h's; this turns its status into the library's error
 * codes and messages.
 */
#include "file.h"

#include <errno.h>
#include <string.h>

#include "core/buf.h"
#include "util/alloc.h"
#include "util/read_file.h"

int l2e__file_read(l2e_buf *out, l2e_ctx *ctx, const char *path, size_t max,
                   const char *limit_name)
{
	size_t room = out->len < max ? max - out->len : 0, len;
	size_t buf_room =
	    out->len < L2E_BUF_CEILING ? L2E_BUF_CEILING - 1 - out->len : 0;
	char *data;
	int error = 0;

	/* the cap counts what `out` already holds, as appending did; an
	   l2e_buf holds less than L2E_BUF_CEILING, whatever `max` says */
	switch (l2e__read_file(path, room < buf_room ? room : buf_room, &data,
	                       &len)) {
	case L2E_READ_OK: break;
	case L2E_READ_NOT_FOUND:
	case L2E_READ_CANNOT_OPEN:
		return l2e__error_set_at(
		    ctx, errno == ENOENT ? L2E_ENOTFOUND : L2E_EIO,
		    L2E_ERRCLASS_OS, path, 0, 0, NULL, "cannot open: %s",
		    strerror(errno));
	case L2E_READ_IO:
		return l2e__error_set_at(ctx, L2E_EIO, L2E_ERRCLASS_OS, path, 0,
		                         0, NULL, "read error: %s",
		                         strerror(errno));
	case L2E_READ_IS_DIR:
		return l2e__error_set_at(ctx, L2E_EIO, L2E_ERRCLASS_OS, path, 0,
		                         0, NULL, "is a directory");
	case L2E_READ_TOO_BIG:
		if (buf_room < room)
			return l2e__error_set(ctx, L2E_ELIMIT, L2E_ERRCLASS_OS,
			                      "out of memory reading %s", path);
		return l2e__error_set_at(
		    ctx, L2E_ELIMIT, L2E_ERRCLASS_READ, path, 0, 0, NULL,
		    "larger than %s (%zu bytes)", limit_name, max);
	case L2E_READ_NO_MEMORY:
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_OS,
		                      "out of memory reading %s", path);
	}
	if (!out->ptr) { /* the usual case: take the block as it is */
		out->ptr = data;
		out->len = len;
		out->cap = len + 1;
		return 0;
	}
	if ((error = l2e__buf_put(out, data, len)) < 0)
		l2e__error_set(ctx, error, L2E_ERRCLASS_OS,
		               "out of memory reading %s", path);
	l2e__free(data);
	return error;
}
