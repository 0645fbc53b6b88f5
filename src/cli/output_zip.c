/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * output_zip.c - --out FILE.zip (see output_zip.h).
 */
/* O_TMPFILE */
#define _GNU_SOURCE
#include "output_zip.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#define TMP_SUFFIX ".l2etmp"

struct zip_out {
	zip_t *za;
	int dirfd; /* the archive's folder, flock'ed */
	int spool; /* the documents, one after the other */
	off_t spool_len;
	char path[4096]; /* the archive */
	char tmp[4096];  /* what libzip writes, then renamed to path */
	char tmp_base[512];
	zip_uint16_t dos_time, dos_date;
	int is_locked; /* the temporary files are ours to remove */
};

/* One entry: a slice of the spool, read back by libzip at the end. */
typedef struct spool_slice {
	int fd;
	off_t offset;
	zip_uint64_t len, pos;
	time_t mtime;
} spool_slice;

int zip_out_is_zip(const char *path)
{
	size_t len = strlen(path);

	return len > 4 && !strcasecmp(path + len - 4, ".zip");
}

static zip_int64_t slice_cb(void *userdata, void *data, zip_uint64_t len,
                            zip_source_cmd_t cmd)
{
	spool_slice *s = userdata;
	ssize_t n;

	switch (cmd) {
	case ZIP_SOURCE_OPEN: s->pos = 0; return 0;
	case ZIP_SOURCE_READ:
		if (len > s->len - s->pos)
			len = s->len - s->pos;
		if (!len)
			return 0;
		n = pread(s->fd, data, len, s->offset + (off_t)s->pos);
		if (n < 0)
			return -1;
		s->pos += (zip_uint64_t)n;
		return n;
	case ZIP_SOURCE_CLOSE: return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;

		if (len < sizeof(*st))
			return -1;
		zip_stat_init(st);
		st->size = s->len;
		st->mtime = s->mtime;
		st->valid |= ZIP_STAT_SIZE | ZIP_STAT_MTIME;
		return sizeof(*st);
	}
	case ZIP_SOURCE_ERROR: {
		int *e = data;

		if (len < 2 * sizeof(int))
			return -1;
		e[0] = ZIP_ER_READ;
		e[1] = errno;
		return 2 * sizeof(int);
	}
	case ZIP_SOURCE_FREE: free(s); return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(
		    ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
		    ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default: return -1;
	}
}

/* ".NAME.zip.l2etmp" and libzip's ".NAME.zip.l2etmp.XXXXXX" */
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

/* The document date as a ZIP (DOS) date and time, in UTC. */
static void dos_datetime(zip_out *z, long long mtime)
{
	time_t t = (time_t)mtime;
	struct tm tm;

	if (mtime < 315532800LL) /* 1980-01-01: the first DOS date */
		t = 315532800;
	gmtime_r(&t, &tm);
	if (tm.tm_year > 2107 - 1900) {
		tm.tm_year = 2107 - 1900;
		tm.tm_mon = 11;
		tm.tm_mday = 31;
	}
	z->dos_date = (zip_uint16_t)(((tm.tm_year - 80) << 9) |
	                             ((tm.tm_mon + 1) << 5) | tm.tm_mday);
	z->dos_time = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) |
	                             (tm.tm_sec / 2));
}

int zip_out_open(zip_out **out, const char *path, long long mtime, char *why)
{
	zip_out *z = calloc(1, sizeof(*z));
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char dir[4096];
	int err = 0;

	*out = NULL;
	if (!z) {
		snprintf(why, 256, "out of memory");
		return -1;
	}
	z->dirfd = z->spool = -1;
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
	dos_datetime(z, mtime);
	if ((z->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		snprintf(why, 256, "%.200s: %s", dir, strerror(errno));
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
	/* unnamed: gone with the process, whatever kills it */
	z->spool = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (z->spool < 0) {
		snprintf(why, 256, "cannot create a file in %.200s: %s", dir,
		         strerror(errno));
		goto fail;
	}
	z->za = zip_open(z->tmp, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!z->za) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, err);
		snprintf(why, 256, "%.200s: %s", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto fail;
	}
	*out = z;
	return 0;
fail:
	zip_out_free(z);
	return -1;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* An entry from `src`, dated, deflated. */
static int add_entry(zip_out *z, const char *name, zip_source_t *src, char *why)
{
	zip_int64_t i = zip_file_add(z->za, name, src, ZIP_FL_ENC_UTF_8);

	if (i < 0) {
		zip_source_free(src);
		snprintf(why, 256, "%.200s: %s", z->path, zip_strerror(z->za));
		return -1;
	}
	if (zip_file_set_dostime(z->za, (zip_uint64_t)i, z->dos_time,
	                         z->dos_date, 0) < 0 ||
	    zip_set_file_compression(z->za, (zip_uint64_t)i, ZIP_CM_DEFLATE,
	                             0) < 0 ||
	    /* rw-r--r-- when unpacked, as in a folder */
	    zip_file_set_external_attributes(z->za, (zip_uint64_t)i, 0,
	                                     ZIP_OPSYS_UNIX,
	                                     (zip_uint32_t)0100644 << 16) < 0) {
		snprintf(why, 256, "%.200s: %s", z->path, zip_strerror(z->za));
		return -1;
	}
	return 0;
}

/* An entry from the spool's last `len` bytes. */
static int add_slice(zip_out *z, const char *name, off_t offset, size_t len,
                     char *why)
{
	spool_slice *s = malloc(sizeof(*s));
	zip_source_t *src;

	if (!s) {
		snprintf(why, 256, "out of memory");
		return -1;
	}
	s->fd = z->spool;
	s->offset = offset;
	s->len = len;
	s->pos = 0;
	s->mtime = 0;
	if (!(src = zip_source_function(z->za, slice_cb, s))) {
		free(s);
		snprintf(why, 256, "%.200s: %s", z->path, zip_strerror(z->za));
		return -1;
	}
	return add_entry(z, name, src, why);
}

int zip_out_put(zip_out *z, const char *name, const char *data, size_t len,
                char *why)
{
	off_t at = z->spool_len;

	if (write_all(z->spool, data ? data : "", len) < 0) {
		snprintf(why, 256, "%.200s: %s", z->path, strerror(errno));
		return -1;
	}
	z->spool_len += (off_t)len;
	return add_slice(z, name, at, len, why);
}

/* SHA256SUMS into the spool, a piece at a time. */
static int sums_out(void *payload, const char *text, size_t len)
{
	zip_out *z = payload;

	if (write_all(z->spool, text, len) < 0)
		return -1;
	z->spool_len += (off_t)len;
	return 0;
}

int zip_out_finish(zip_out *z, manifest *sums, char *why)
{
	off_t at = z->spool_len;
	int fd;

	if (manifest_emit(sums, sums_out, z) < 0) {
		snprintf(why, 256, "%.200s: cannot write %s: %s", z->path,
		         MANIFEST_NAME, strerror(errno ? errno : ENOMEM));
		return -1;
	}
	if (add_slice(z, MANIFEST_NAME, at, (size_t)(z->spool_len - at), why) <
	    0)
		return -1;
	if (zip_close(z->za) < 0) {
		snprintf(why, 256, "%.200s: %s", z->path, zip_strerror(z->za));
		return -1;
	}
	z->za = NULL;
	/* on disk before it has its name, and the name on disk after */
	fd = open(z->tmp, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || fsync(fd) != 0 || close(fd) != 0 ||
	    rename(z->tmp, z->path) != 0 || fsync(z->dirfd) != 0) {
		snprintf(why, 256, "%.200s: %s", z->path, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(z->tmp);
		return -1;
	}
	return 0;
}

void zip_out_free(zip_out *z)
{
	if (!z)
		return;
	if (z->za)
		zip_discard(z->za);
	if (z->is_locked)
		unlink(z->tmp); /* gone already when renamed */
	if (z->spool >= 0)
		close(z->spool);
	if (z->dirfd >= 0)
		close(z->dirfd); /* and the lock with it */
	free(z);
}
