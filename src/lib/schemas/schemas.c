/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * schemas.c - the official schema set in a folder: its status, and its
 * installation, all or nothing.
 *
 * Install reads every file into memory first (the set is about 2 MB)
 * and checks each against its pin, so that a refusal of any one file
 * writes nothing. Then the set is written into a temporary folder beside
 * its final place and renamed into it; an earlier set is renamed aside
 * first and removed last, and put back when the rename fails. Readers
 * of the folder (validate) see the old set or the new one, except for
 * the moment between the two renames, when they see none and say so.
 */
#include "lob2europass/schemas.h"
#include "lob2europass/integrity.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/atomic_file.h"
#include "util/read_file.h"
#include "core/buf.h"
#include "core/ctx.h"
#include "net/http.h"
#include "schemas/schema_set.h"

/* The largest file of the set is about 1 MB. */
#define MAX_SCHEMA_FILE ((size_t)8 << 20)
/* How deep remove_tree() goes into an earlier set before giving up. */
#define MAX_TREE_DEPTH 8
#define SET_FOLDER     "v" L2E__SCHEMA_VERSION

const char *l2e_schemas_version(void)
{
	return L2E__SCHEMA_VERSION;
}

size_t l2e_schemas_count(void)
{
	size_t n = 0;

	while (l2e__schema_set[n].path)
		n++;
	return n;
}

static int oom(l2e_ctx *ctx)
{
	return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_OS,
	                      "out of memory");
}

/* out = a "/" b, replacing what out held. */
static int join(l2e_buf *out, const char *a, const char *b)
{
	l2e__buf_clear(out);
	return l2e__buf_printf(out, "%s/%s", a, b);
}

static void report(l2e_schema_file_cb cb, void *payload, const char *path,
                   const char *pinned, const char *found, const char *source,
                   const char *reason)
{
	l2e_schema_file f;

	if (!cb)
		return;
	f.path = path;
	f.pinned = pinned;
	f.found = found;
	f.source = source;
	f.reason = reason;
	f.state = !found                       ? L2E_SCHEMA_FILE_MISSING
	          : strcmp(found, pinned) == 0 ? L2E_SCHEMA_FILE_OK
	                                       : L2E_SCHEMA_FILE_CHANGED;
	cb(&f, payload);
}

int l2e_schemas_status(l2e_ctx *ctx, const char *dir, l2e_schema_file_cb cb,
                       void *payload, size_t *n_ok)
{
	const l2e__schema_row *row;
	l2e_buf path = L2E_BUF_INIT;
	char hex[L2E_SHA256_HEX_SIZE];
	size_t ok = 0;
	int error;

	L2E_ASSERT_ARG(ctx && dir);
	l2e__error_clear(ctx);
	for (row = l2e__schema_set; row->path; row++) {
		if (join(&path, dir, row->path) < 0) {
			l2e_buf_dispose(&path);
			return oom(ctx);
		}
		error = l2e_sha256_file_hex(hex, ctx, path.ptr);
		if (error == L2E_ENOMEM) {
			l2e_buf_dispose(&path);
			return error;
		}
		if (error < 0) {
			report(cb, payload, row->path, row->sha256, NULL,
			       path.ptr,
			       error == L2E_ENOTFOUND
			           ? "no such file"
			           : l2e_ctx_error(ctx)->message);
			continue;
		}
		ok += strcmp(hex, row->sha256) == 0;
		report(cb, payload, row->path, row->sha256, hex, path.ptr,
		       NULL);
	}
	l2e__error_clear(ctx);
	l2e_buf_dispose(&path);
	if (n_ok)
		*n_ok = ok;
	return 0;
}

/* ==== Reading the set ==== */

typedef struct source {
	const char *from; /* a folder, a URL, or NULL: upstream */
	int is_url;
	l2e_net *net;
} source;

/*
 * The bytes of `row` from `src` into `data`, and where they came from
 * into `where`. 0; L2E_ENOTFOUND with *reason set (a file that is not
 * there: the caller goes on to the next); or an error that ends it all.
 */
static int fetch_one(l2e_buf *data, l2e_buf *where, const char **reason,
                     l2e_ctx *ctx, const source *src,
                     const l2e__schema_row *row)
{
	l2e__read_status st;
	char *bytes = NULL;
	size_t len = 0;
	int error;

	*reason = NULL;
	l2e__buf_clear(where);
	if (row->from == L2E__FROM_LIBRARY) {
		if (l2e__buf_puts(where, "(built in)") < 0 ||
		    l2e__buf_puts(data, l2e__schema_catalog) < 0)
			return oom(ctx);
		return 0;
	}
	if (!src->from || src->is_url) {
		l2e_buf name = L2E_BUF_INIT;

		if (!src->from)
			error = l2e__buf_printf(where, "%s%s",
			                        l2e__schema_origin[row->from],
			                        row->upstream);
		else
			error = l2e__buf_printf(
			    where, "%s%s%s", src->from,
			    src->from[strlen(src->from) - 1] == '/' ? "" : "/",
			    row->path);
		if (error < 0 || l2e_url_redacted(&name, where->ptr) < 0) {
			l2e_buf_dispose(&name);
			return oom(ctx);
		}
		error = l2e__net_get(src->net, ctx, where->ptr, name.ptr, "*/*",
		                     data);
		if (!error && data->len > MAX_SCHEMA_FILE)
			error = l2e__error_set_at(
			    ctx, L2E_ELIMIT, L2E_ERRCLASS_FETCH, name.ptr, 0, 0,
			    NULL, "larger than any file of the set (%zu MB)",
			    MAX_SCHEMA_FILE >> 20);
		l2e__buf_clear(where);
		if (l2e__buf_puts(where, name.ptr) < 0)
			error = oom(ctx);
		l2e_buf_dispose(&name);
		return error;
	}
	if (join(where, src->from, row->path) < 0)
		return oom(ctx);
	st = l2e__read_file(where->ptr, MAX_SCHEMA_FILE, &bytes, &len);
	switch (st) {
	case L2E_READ_OK: break;
	case L2E_READ_NOT_FOUND: *reason = "no such file"; return L2E_ENOTFOUND;
	case L2E_READ_IS_DIR: *reason = "a folder"; return L2E_ENOTFOUND;
	case L2E_READ_TOO_BIG:
		*reason = "larger than any file of the set";
		return L2E_ENOTFOUND;
	case L2E_READ_NO_MEMORY: return oom(ctx);
	default: *reason = strerror(errno); return L2E_ENOTFOUND;
	}
	error = l2e__buf_put(data, bytes, len) < 0 ? oom(ctx) : 0;
	l2e__free(bytes);
	return error;
}

/*
 * Every file of the set into data[i], each checked against its pin and
 * reported. 0 when all are as pinned; else the first error that ended
 * it, or L2E_ECRYPTO / L2E_ENOTFOUND with a message counting refusals.
 */
static int read_set(l2e_buf *data, l2e_ctx *ctx, const source *src,
                    l2e_schema_file_cb cb, void *payload)
{
	const l2e__schema_row *row;
	l2e_buf where = L2E_BUF_INIT;
	char hex[L2E_SHA256_HEX_SIZE];
	size_t i, changed = 0, missing = 0;
	const char *reason;
	int error = 0;

	for (row = l2e__schema_set, i = 0; row->path; row++, i++) {
		error = fetch_one(&data[i], &where, &reason, ctx, src, row);
		if (error == L2E_ENOTFOUND && reason) {
			report(cb, payload, row->path, row->sha256, NULL,
			       where.ptr, reason);
			missing++;
			error = 0;
			continue;
		}
		if (error < 0) /* not a refusal: the source failed */
			goto done;
		if ((error = l2e_sha256_hex(hex, ctx, data[i].ptr,
		                            data[i].len)) < 0)
			goto done;
		changed += strcmp(hex, row->sha256) != 0;
		report(cb, payload, row->path, row->sha256, hex, where.ptr,
		       NULL);
	}
	if (changed || missing)
		error = l2e__error_set(
		    ctx, changed ? L2E_ECRYPTO : L2E_ENOTFOUND,
		    L2E_ERRCLASS_FETCH,
		    "%zu of the %zu files refused (%zu not as pinned, %zu "
		    "missing); nothing installed",
		    changed + missing, i, changed, missing);
done:
	l2e_buf_dispose(&where);
	return error;
}

/* ==== Writing the set ==== */

/* mkdir -p for a folder given by the caller; 0 or -1 with errno. */
static int make_dirs(char *path)
{
	char *p;
	struct stat st;

	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return -1;
	if (stat(path, &st) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

/*
 * rm -r of path[0..len), without following symbolic links; 0 or -1
 * (best effort). The path grows in place in `path` (room for
 * L2E_ATOMIC_PATH_MAX bytes): removing an earlier set must not fail for
 * want of memory after the new one is in place.
 */
static int remove_tree_at(char *path, size_t len, int depth)
{
	struct dirent *e;
	struct stat st;
	size_t n;
	DIR *d;
	int rc = 0;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if (depth > MAX_TREE_DEPTH || !(d = opendir(path)))
		return -1;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		n = strlen(e->d_name);
		if (len + 1 + n >= L2E_ATOMIC_PATH_MAX) {
			rc = -1;
			continue;
		}
		path[len] = '/';
		memcpy(path + len + 1, e->d_name, n + 1);
		if (remove_tree_at(path, len + 1 + n, depth + 1) < 0)
			rc = -1;
		path[len] = '\0';
	}
	closedir(d);
	return rmdir(path) < 0 ? -1 : rc;
}

static int remove_tree(const char *dir)
{
	char path[L2E_ATOMIC_PATH_MAX];
	size_t len = strlen(dir);

	if (len >= sizeof(path))
		return -1;
	memcpy(path, dir, len + 1);
	return remove_tree_at(path, len, 0);
}

static int os_error(l2e_ctx *ctx, const char *path, const char *what)
{
	return l2e__error_set_at(ctx, L2E_EIO, L2E_ERRCLASS_OS, path, 0, 0,
	                         NULL, "cannot %s: %s", what, strerror(errno));
}

/* The set from data[] into the new folder `tmp`. */
static int write_set(l2e_ctx *ctx, const char *tmp, l2e_buf *data)
{
	const l2e__schema_row *row;
	l2e_buf path = L2E_BUF_INIT;
	char *slash;
	size_t i;
	int error = 0;

	for (row = l2e__schema_set, i = 0; row->path; row++, i++) {
		/* the row's path less "v3.4.1/": tmp stands for that */
		if (join(&path, tmp, strchr(row->path, '/') + 1) < 0) {
			error = oom(ctx);
			break;
		}
		slash = strrchr(path.ptr, '/');
		*slash = '\0';
		if (make_dirs(path.ptr) < 0) {
			error = os_error(ctx, path.ptr, "make the folder");
			break;
		}
		*slash = '/';
		if (l2e__atomic_write(path.ptr, data[i].ptr, data[i].len,
		                      0644) < 0) {
			error = os_error(ctx, path.ptr, "write");
			break;
		}
	}
	l2e_buf_dispose(&path);
	return error;
}

/* A fresh empty folder `dir`/.NAME-XXXXXX, its path in out. */
static int temp_folder(l2e_buf *out, l2e_ctx *ctx, const char *dir,
                       const char *name)
{
	l2e__buf_clear(out);
	if (l2e__buf_printf(out, "%s/.%s-XXXXXX", dir, name) < 0)
		return oom(ctx);
	if (!mkdtemp(out->ptr) || chmod(out->ptr, 0755) < 0)
		return os_error(ctx, out->ptr, "make the folder");
	return 0;
}

/* Put the folder `tmp` in the place of dir/v3.4.1. */
static int replace_set(l2e_ctx *ctx, const char *dir, const char *tmp)
{
	l2e_buf final = L2E_BUF_INIT, old = L2E_BUF_INIT;
	struct stat st;
	int error = 0, has_old;

	if (join(&final, dir, SET_FOLDER) < 0) {
		error = oom(ctx);
		goto done;
	}
	has_old = lstat(final.ptr, &st) == 0;
	if (has_old) {
		if ((error = temp_folder(&old, ctx, dir, SET_FOLDER "-old")) <
		    0)
			goto done;
		/* rename() may replace an empty folder: mkdtemp's */
		if (rename(final.ptr, old.ptr) < 0) {
			error = os_error(ctx, final.ptr, "move aside");
			rmdir(old.ptr);
			goto done;
		}
	}
	if (rename(tmp, final.ptr) < 0) {
		error = os_error(ctx, final.ptr, "replace");
		if (has_old)
			rename(old.ptr, final.ptr);
		goto done;
	}
	if (has_old)
		remove_tree(old.ptr); /* what is left harms nothing */
done:
	l2e_buf_dispose(&final);
	l2e_buf_dispose(&old);
	return error;
}

int l2e_schemas_install(l2e_ctx *ctx, const char *dir, const char *from,
                        l2e_net *net, l2e_schema_file_cb cb, void *payload)
{
	size_t i, n = l2e_schemas_count();
	l2e_buf *data = NULL, tmp = L2E_BUF_INIT, top = L2E_BUF_INIT;
	source src;
	struct stat st;
	int error = 0, has_tmp = 0;

	L2E_ASSERT_ARG(ctx && dir && *dir);
	l2e__error_clear(ctx);
	src.from = from;
	src.is_url = from && l2e_is_url(from);
	src.net = net;
	if ((!from || src.is_url) && !net)
		return l2e__error_set(ctx, L2E_ERROR, L2E_ERRCLASS_FETCH,
		                      "fetching the schemas needs a client");
	if (src.is_url) {
		if (l2e_url_redacted(&top, from) < 0)
			return oom(ctx);
		error = l2e__net_check_scheme(net, ctx, from, top.ptr, NULL);
		l2e__buf_clear(&top);
		if (error < 0)
			goto done;
	}
	if (from && !src.is_url) {
		if (stat(from, &st) < 0 || !S_ISDIR(st.st_mode))
			return l2e__error_set_at(ctx, L2E_ENOTFOUND,
			                         L2E_ERRCLASS_OS, from, 0, 0,
			                         NULL, "no such folder");
		if (join(&top, from, SET_FOLDER) < 0)
			return oom(ctx);
		if (stat(top.ptr, &st) < 0 || !S_ISDIR(st.st_mode)) {
			error = l2e__error_set_at(
			    ctx, L2E_ENOTFOUND, L2E_ERRCLASS_OS, from, 0, 0,
			    NULL,
			    "no " SET_FOLDER "/ here (give the folder that "
			    "holds " SET_FOLDER "/xsd/ and " SET_FOLDER
			    "/jsonschema/)");
			goto done;
		}
	}
	if (!(data = l2e__calloc(n, sizeof(*data)))) {
		error = oom(ctx);
		goto done;
	}
	if ((error = read_set(data, ctx, &src, cb, payload)) < 0)
		goto done;

	l2e__buf_clear(&top);
	if (l2e__buf_puts(&top, dir) < 0) {
		error = oom(ctx);
		goto done;
	}
	if (make_dirs(top.ptr) < 0) {
		error = os_error(ctx, dir, "make the folder");
		goto done;
	}
	if ((error = temp_folder(&tmp, ctx, dir, SET_FOLDER "-new")) < 0)
		goto done;
	has_tmp = 1;
	if ((error = write_set(ctx, tmp.ptr, data)) < 0 ||
	    (error = replace_set(ctx, dir, tmp.ptr)) < 0)
		goto done;
	has_tmp = 0;
done:
	if (has_tmp)
		remove_tree(tmp.ptr);
	for (i = 0; data && i < n; i++)
		l2e_buf_dispose(&data[i]);
	l2e__free(data);
	l2e_buf_dispose(&tmp);
	l2e_buf_dispose(&top);
	return error;
}
