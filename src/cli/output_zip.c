/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * output_zip.c - --out FILE.zip (see output_zip.h).
 */
#include "output_zip.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TMP_SUFFIX ".l2etmp"

/* zlib's default: level 9 took 16 % more instructions for an archive
 * 0.1 % smaller, level 1 20 % fewer for one 9 % larger (callgrind,
 * 2,000 documents of mappings/bench-students.json) */
#ifndef ZIP_DEFLATE_LEVEL
#define ZIP_DEFLATE_LEVEL "6"
#endif
/* what libarchive hands to write(2) at a time */
#define ZIP_BLOCK (64 * 1024)

/* The dates a ZIP entry holds alike in its DOS time (from 1980) and in
 * its extended timestamp (32 bits, unsigned as libarchive writes it). */
#define ZIP_TIME_MIN 315532800LL  /* 1980-01-01T00:00:00Z */
#define ZIP_TIME_MAX 4294967294LL /* 2106-02-07T06:28:14Z, even */

struct zip_out {
	struct archive *a;
	struct archive_entry *entry; /* reused for every entry */
	int fd;                      /* the temporary file */
	int dirfd;                   /* the archive's folder, flock'ed */
	int write_errno;             /* what write(2) said */
	int is_failed;               /* the archive is lost: `failure` */
	int is_locked; /* the temporary files are ours to remove */
	time_t mtime;
	char failure[256];
	char path[4096]; /* the archive */
	char tmp[4096];  /* what is written, then renamed to path */
	char tmp_base[512];
};

int zip_out_is_zip(const char *path)
{
	size_t len = strlen(path);

	return len > 4 && !strcasecmp(path + len - 4, ".zip");
}

/*
 * libarchive's output, straight to the temporary file. A failed write
 * is kept in write_errno and the rest discarded, but libarchive hears
 * of none: told, 3.6.2 gives up the entry without freeing its deflate
 * state (256 KiB). zip_out_put and zip_out_finish look at write_errno.
 */
static la_ssize_t write_cb(struct archive *a, void *client, const void *buf,
                           size_t len)
{
	zip_out *z = client;
	const char *p = buf;
	size_t left = len;

	(void)a;
	/* lost already, or given up (zip_out_free): nothing more */
	while (z->fd >= 0 && !z->write_errno && left > 0) {
		ssize_t n = write(z->fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			z->write_errno = n < 0 ? errno : EIO;
			break;
		}
		p += n;
		left -= (size_t)n;
	}
	return (la_ssize_t)len;
}

/* The archive is lost: say why once, and every later call says it. */
static int fail(zip_out *z, const char *what, char *why)
{
	if (!z->is_failed) {
		const char *reason = z->write_errno ? strerror(z->write_errno)
		                     : z->a && archive_error_string(z->a)
		                         ? archive_error_string(z->a)
		                         : strerror(errno ? errno : EIO);

		snprintf(z->failure, sizeof(z->failure),
		         "%.200s: cannot %s: %s (no archive written)", z->path,
		         what, reason);
		z->is_failed = 1;
	}
	snprintf(why, 256, "%s", z->failure);
	return -1;
}

/* ".NAME.zip.l2etmp", and the ".NAME.zip.l2etmp.XXXXXX" that libzip
 * wrote when it made the archives (a run killed then left it) */
static void clean_stale(zip_out *z)
{
	char name[600];
	size_t base_len = strlen(z->tmp_base);
	int fd = dup(z->dirfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL)
		if (!strncmp(e->d_name, z->tmp_base, base_len) &&
		    (!e->d_name[base_len] ||
		     (e->d_name[base_len] == '.' &&
		      strlen(e->d_name + base_len) == 7))) {
			snprintf(name, sizeof(name), "%s", e->d_name);
			unlinkat(z->dirfd, name, 0);
		}
	closedir(d);
}

/*
 * libarchive: deflate, no padding after the end record, names taken as
 * UTF-8 and flagged so when not ASCII, whatever the locale (tried under
 * C, C.UTF-8 and ISO-8859-1 with "Łódź-€"; the names are
 * [A-Za-z0-9._-] today)
 */
static int start_archive(zip_out *z)
{
	if (!(z->a = archive_write_new()) ||
	    archive_write_set_format_zip(z->a) != ARCHIVE_OK ||
	    archive_write_zip_set_compression_deflate(z->a) != ARCHIVE_OK ||
	    archive_write_set_format_option(z->a, "zip", "compression-level",
	                                    ZIP_DEFLATE_LEVEL) != ARCHIVE_OK ||
	    archive_write_set_format_option(z->a, "zip", "hdrcharset",
	                                    "UTF-8") != ARCHIVE_OK ||
	    archive_write_set_bytes_per_block(z->a, ZIP_BLOCK) != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(z->a, 1) != ARCHIVE_OK ||
	    archive_write_open2(z->a, z, NULL, write_cb, NULL, NULL) !=
	        ARCHIVE_OK ||
	    !(z->entry = archive_entry_new()))
		return -1;
	return 0;
}

int zip_out_open(zip_out **out, const char *path, long long mtime, char *why)
{
	zip_out *z = calloc(1, sizeof(*z));
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char dir[4096];

	*out = NULL;
	if (!z) {
		snprintf(why, 256, "out of memory");
		return -1;
	}
	z->dirfd = z->fd = -1;
	if (strlen(path) + sizeof(TMP_SUFFIX) + 2 > sizeof(z->tmp) ||
	    strlen(base) + sizeof(TMP_SUFFIX) + 2 > sizeof(z->tmp_base)) {
		snprintf(why, 256, "%.200s: path too long", path);
		goto fail;
	}
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 1,
	         slash ? (slash == path ? "/" : path) : ".");
	snprintf(z->path, sizeof(z->path), "%s", path);
	snprintf(z->tmp_base, sizeof(z->tmp_base), ".%s" TMP_SUFFIX, base);
	snprintf(z->tmp, sizeof(z->tmp), "%.3500s/%.500s", dir, z->tmp_base);
	z->mtime = (time_t)(mtime < ZIP_TIME_MIN   ? ZIP_TIME_MIN
	                    : mtime > ZIP_TIME_MAX ? ZIP_TIME_MAX
	                                           : mtime);
	/* libarchive makes an entry's DOS time with localtime_r() */
	setenv("TZ", "UTC0", 1);
	tzset();
	if ((z->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			snprintf(
			    why, 256,
			    "%.90s: cannot create: %.90s %s (make it first, "
			    "or check the path)",
			    path, dir,
			    errno == ENOENT ? "does not exist"
			                    : "is not a folder");
		else
			snprintf(why, 256, "%.180s: cannot create: %s", path,
			         strerror(errno));
		goto fail;
	}
	if (flock(z->dirfd, LOCK_EX | LOCK_NB) != 0) {
		int busy = errno == EWOULDBLOCK;

		snprintf(why, 256, "%.200s: cannot lock: %s", dir,
		         strerror(errno));
		zip_out_free(z);
		return busy ? -2 : -1;
	}
	z->is_locked = 1;
	clean_stale(z);
	z->fd =
	    open(z->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	         0666);
	if (z->fd < 0) {
		snprintf(why, 256, "%.180s: cannot create: %s", path,
		         strerror(errno));
		goto fail;
	}
	if (start_archive(z) < 0) {
		fail(z, "create", why);
		goto fail;
	}
	*out = z;
	return 0;
fail:
	zip_out_free(z);
	return -1;
}

int zip_out_failed(const zip_out *z)
{
	return z && z->is_failed;
}

/* The header of entry `name`, of `len` bytes (-1: not known). */
static int begin_entry(zip_out *z, const char *name, long long len)
{
	struct archive_entry *e = z->entry;

	archive_entry_clear(e);
	archive_entry_set_pathname_utf8(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644); /* rw-r--r--, as in a folder */
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	archive_entry_set_mtime(e, z->mtime, 0);
	if (len >= 0) /* known: no ZIP64 field in its header */
		archive_entry_set_size(e, len);
	return archive_write_header(z->a, e) == ARCHIVE_OK ? 0 : -1;
}

static int write_data(zip_out *z, const char *data, size_t len)
{
	while (len > 0) {
		la_ssize_t n = archive_write_data(z->a, data, len);

		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int zip_out_put(zip_out *z, const char *name, const char *data, size_t len,
                char *why)
{
	if (z->is_failed)
		return fail(z, "write", why);
	if (begin_entry(z, name, (long long)len) < 0 ||
	    write_data(z, data, len) < 0 ||
	    archive_write_finish_entry(z->a) != ARCHIVE_OK || z->write_errno)
		return fail(z, "write", why);
	return 0;
}

/* SHA256SUMS's length, from a first pass over its lines. */
static int sums_count(void *payload, const char *text, size_t len)
{
	(void)text;
	*(long long *)payload += (long long)len;
	return 0;
}

/* SHA256SUMS into the archive, a piece at a time. */
static int sums_out(void *payload, const char *text, size_t len)
{
	return write_data(payload, text, len);
}

/* SHA256SUMS, the central directory, and the file whole on disk. */
static int write_rest(zip_out *z, manifest *sums, char *why)
{
	long long len = 0;
	int rc;

	if (manifest_emit(sums, sums_count, &len) < 0) {
		snprintf(why, 256, "%.200s: cannot make %s: %s", z->path,
		         MANIFEST_NAME, strerror(errno ? errno : ENOMEM));
		return -1;
	}
	if (begin_entry(z, MANIFEST_NAME, len) < 0 ||
	    manifest_emit(sums, sums_out, z) < 0 ||
	    archive_write_finish_entry(z->a) != ARCHIVE_OK ||
	    archive_write_close(z->a) != ARCHIVE_OK || z->write_errno)
		return fail(z, "write", why);
	/* on disk before it has its name, and the name on disk after */
	if (fsync(z->fd) != 0) {
		z->write_errno = errno;
		return fail(z, "write", why);
	}
	rc = close(z->fd);
	z->fd = -1;
	if (rc != 0) {
		z->write_errno = errno;
		return fail(z, "write", why);
	}
	if (rename(z->tmp, z->path) != 0 || fsync(z->dirfd) != 0) {
		z->write_errno = errno;
		return fail(z, "rename the temporary file to it", why);
	}
	return 0;
}

int zip_out_finish(zip_out *z, manifest *sums, char *why)
{
	if (z->is_failed)
		return fail(z, "write", why);
	return write_rest(z, sums, why);
}

void zip_out_free(zip_out *z)
{
	if (!z)
		return;
	if (z->fd >= 0) /* not finished: libarchive's close writes nothing */
		close(z->fd);
	z->fd = -1;
	if (z->a)
		archive_write_free(z->a);
	if (z->entry)
		archive_entry_free(z->entry);
	if (z->is_locked)
		unlink(z->tmp); /* gone already when renamed */
	if (z->dirfd >= 0)
		close(z->dirfd); /* and the lock with it */
	free(z);
}
