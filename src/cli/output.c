/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * output.c - atomic document files (see output.h).
 */
/* syncfs() */
#define _GNU_SOURCE
#include "output.h"

#include "util/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

int output_prepare_dir(const char *dir, char *why)
{
	const char *slash;
	struct stat st;
	int e;

	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		snprintf(why, 256, "%.200s is a file, not a folder", dir);
		errno = ENOTDIR;
		return -1;
	}
	if (mkdir(dir, 0777) == 0)
		return 0;
	e = errno;
	slash = strrchr(dir, '/');
	while (slash && slash > dir && slash[1] == '\0') /* "a/b/" */
		slash = memrchr(dir, '/', (size_t)(slash - dir));
	if ((e == ENOENT || e == ENOTDIR) && slash && slash > dir)
		snprintf(
		    why, 256,
		    e == ENOENT ? "cannot make the folder %.100s: %.*s "
		                  "does not exist (make it first, or check "
		                  "the path)"
		                : "cannot make the folder %.100s: %.*s "
		                  "is not a folder",
		    dir, (int)(slash - dir > 100 ? 100 : slash - dir), dir);
	else
		snprintf(why, 256, "cannot make the folder %.200s: %s", dir,
		         strerror(e));
	errno = e;
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

int output_write_atomic(const char *dir, const char *name, const char *data,
                        size_t len, char *why)
{
	char final[L2E_ATOMIC_PATH_MAX];
	l2e__atomic_file a;

	if (strchr(name, '/') || name[0] == '.' || !name[0]) {
		snprintf(why, 256, "unsafe file name");
		return -1;
	}
	/* DIR/.NAME.XXXXXX, the longer of the two names, must fit */
	if (strlen(dir) + strlen(name) + sizeof("/..XXXXXX") - 1 >=
	    sizeof(final)) {
		snprintf(why, 256, "path too long");
		return -1;
	}
	snprintf(final, sizeof(final), "%s/%s", dir, name);
	if (l2e__atomic_begin(&a, final) < 0) {
		snprintf(why, 256, "cannot create a file in %s: %s", dir,
		         strerror(errno));
		return -1;
	}
	if (write_all(a.fd, data, len) < 0) {
		l2e__atomic_abort(&a);
		goto fail;
	}
	/* documents are for sharing: 0644, whatever the umask */
	if (l2e__atomic_commit(&a, 0644) == 0)
		return 0;
fail:
	snprintf(why, 256, "%.200s: %s", final, strerror(errno));
	return -1;
}

int output_lock(const char *dir)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/.lob2europass.lock", dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int busy = errno == EWOULDBLOCK;

		close(fd);
		return busy ? -2 : -1;
	}
	return fd;
}

/* ".<name>.XXXXXX": a dot, a name, a dot and six mkstemp characters,
 * as util/atomic_file.h names its temporary files (documents, the
 * state file, reports written into the folder) */
static int is_stale_temp(const char *name)
{
	size_t len = strlen(name);

	return name[0] == '.' && len > 8 && name[len - 7] == '.' &&
	       strcmp(name, ".lob2europass.lock") != 0 &&
	       strcmp(name, ".lob2europass-state") != 0;
}

void output_clean_stale(const char *dir)
{
	char path[4096];
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (!is_stale_temp(e->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
}

/* ---- the folder writer (see output.h) ---- */

/* The converting side hands over documents in buffers of this size (or
 * sooner when the writer is idle): one wake-up per many documents. */
#define HANDOFF_BYTES     (512u * 1024)
#define HANDOFF_IDLE_DOCS 16
#define HANDOFF_IDLE_NS   (200L * 1000 * 1000)
/* a group waits this long without new work before it is flushed */
#define GROUP_IDLE_SECONDS 1

/* Records "size_t len, size_t name_len, name NUL, data", packed. */
typedef struct wbuf {
	char *ptr;
	size_t len, cap, n;
} wbuf;

typedef struct late_failure {
	char *name; /* NULL: the folder itself */
	char *why;
} late_failure;

struct output_writer {
	int dirfd;
	char *dir;
	int needs_chmod; /* the umask takes something of 0644 away */
	pthread_t thread;
	int has_thread;
	int is_finished;
	pthread_mutex_t lock;
	pthread_cond_t work; /* busy is ready, or closing */
	pthread_cond_t room; /* busy is free again */
	wbuf fill;           /* the putting thread's */
	wbuf busy;           /* the writer's while is_ready */
	int is_ready;        /* atomic reads outside the lock */
	int is_closing;
	int is_failed; /* atomic reads outside the lock */
	char first_why[256];
	late_failure *failed; /* under the lock */
	size_t n_failed, cap_failed;
	struct timespec last_handoff; /* the putting thread's */
	/* the writer thread's alone */
	wbuf pending; /* "tmp NUL final NUL" of the written, not renamed */
	size_t pending_bytes;
	unsigned long next_tmp;
};

static long elapsed_ns(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000000000L +
	       (now.tv_nsec - since->tv_nsec);
}

static int wbuf_add(wbuf *b, const void *data, size_t len)
{
	if (b->cap - b->len < len) {
		size_t cap = b->cap ? b->cap : 64 * 1024;
		char *grown;

		while (cap - b->len < len)
			cap *= 2;
		if (!(grown = realloc(b->ptr, cap)))
			return -1;
		b->ptr = grown;
		b->cap = cap;
	}
	memcpy(b->ptr + b->len, data, len);
	b->len += len;
	return 0;
}

/* Called on the writer thread: a document (or, name NULL, the folder)
 * that failed; later puts fail at once with the first reason. */
static void late_fail(output_writer *w, const char *name, const char *why)
{
	late_failure *grown;

	pthread_mutex_lock(&w->lock);
	if (!w->is_failed)
		snprintf(w->first_why, sizeof(w->first_why), "%s", why);
	__atomic_store_n(&w->is_failed, 1, __ATOMIC_RELEASE);
	if (w->n_failed == w->cap_failed) {
		size_t cap = w->cap_failed ? w->cap_failed * 2 : 16;

		grown = realloc(w->failed, cap * sizeof(*grown));
		if (grown) {
			w->failed = grown;
			w->cap_failed = cap;
		}
	}
	if (w->n_failed < w->cap_failed) {
		w->failed[w->n_failed].name = name ? strdup(name) : NULL;
		w->failed[w->n_failed].why = strdup(why);
		w->n_failed++;
	}
	pthread_mutex_unlock(&w->lock);
}

/*
 * The group on disk, then under its names: one syncfs for all the
 * files (one journal commit on ext4, nothing on tmpfs), the renames,
 * and one fsync of the folder for the renames.
 */
static void flush_group(output_writer *w)
{
	char why[256];
	const char *p = w->pending.ptr, *end = p + w->pending.len;
	int synced, e;

	if (!w->pending.len)
		return;
	synced = syncfs(w->dirfd) == 0;
	e = errno;
	while (p < end) {
		const char *tmp = p, *final = p + strlen(p) + 1;

		p = final + strlen(final) + 1;
		if (synced && renameat(w->dirfd, tmp, w->dirfd, final) == 0)
			continue;
		if (synced)
			e = errno;
		snprintf(why, sizeof(why), "%.150s/%.60s: %s%s", w->dir, final,
		         synced ? "" : "cannot flush to disk: ", strerror(e));
		unlinkat(w->dirfd, tmp, 0);
		late_fail(w, final, why);
	}
	if (synced && fsync(w->dirfd) != 0) {
		snprintf(why, sizeof(why),
		         "%.200s: cannot flush the folder: %s", w->dir,
		         strerror(errno));
		late_fail(w, NULL, why);
	}
	w->pending.len = 0;
	w->pending.n = 0;
	w->pending_bytes = 0;
}

/* One document under a temporary name: openat, write, close. */
static void write_one(output_writer *w, const char *name, const char *data,
                      size_t len)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	char tmp[NAME_MAX + 1], why[256];
	unsigned long k = w->next_tmp++;
	int fd, i, n = snprintf(tmp, sizeof(tmp), ".%s.XXXXXX", name);

	/* six characters of a counter: unique in the run, and with the
	   folder locked and cleaned at the start no other file has it */
	for (i = 1; i <= 6; i++, k /= 36)
		tmp[n - i] = digits[k % 36];
	fd = openat(w->dirfd, tmp,
	            O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0 && errno == EEXIST && unlinkat(w->dirfd, tmp, 0) == 0)
		fd = openat(
		    w->dirfd, tmp,
		    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		snprintf(why, sizeof(why), "cannot create a file in %.150s: %s",
		         w->dir, strerror(errno));
		late_fail(w, name, why);
		return;
	}
	/* documents are for sharing: 0644, whatever the umask */
	if (write_all(fd, data, len) < 0 ||
	    (w->needs_chmod && fchmod(fd, 0644) < 0) || close(fd) != 0) {
		snprintf(why, sizeof(why), "%.150s/%.60s: %s", w->dir, name,
		         strerror(errno));
		close(fd); /* EBADF after a failed close: harmless */
		unlinkat(w->dirfd, tmp, 0);
		late_fail(w, name, why);
		return;
	}
	if (wbuf_add(&w->pending, tmp, strlen(tmp) + 1) < 0 ||
	    wbuf_add(&w->pending, name, strlen(name) + 1) < 0) {
		unlinkat(w->dirfd, tmp, 0);
		late_fail(w, name, "out of memory");
		return;
	}
	w->pending.n++;
	w->pending_bytes += len;
	if (w->pending.n >= OUTPUT_GROUP_FILES ||
	    w->pending_bytes >= OUTPUT_GROUP_BYTES)
		flush_group(w);
}

static void write_records(output_writer *w, const wbuf *b)
{
	const char *p = b->ptr, *end = b->ptr + b->len;
	size_t len, name_len;

	while (p < end) {
		memcpy(&len, p, sizeof(len));
		memcpy(&name_len, p + sizeof(len), sizeof(name_len));
		p += 2 * sizeof(size_t);
		write_one(w, p, p + name_len + 1, len);
		p += name_len + 1 + len;
	}
}

static void *writer_main(void *arg)
{
	output_writer *w = arg;
	struct timespec until;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		if (w->is_ready) {
			pthread_mutex_unlock(&w->lock);
			write_records(w, &w->busy);
			pthread_mutex_lock(&w->lock);
			w->busy.len = 0;
			w->busy.n = 0;
			__atomic_store_n(&w->is_ready, 0, __ATOMIC_RELEASE);
			pthread_cond_signal(&w->room);
		} else if (w->is_closing) {
			break;
		} else if (w->pending.n) {
			/* a slow run (inputs from a server) still sees its
			   documents appear, a group a second at most */
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += GROUP_IDLE_SECONDS;
			if (pthread_cond_timedwait(&w->work, &w->lock,
			                           &until) == ETIMEDOUT &&
			    !w->is_ready) {
				pthread_mutex_unlock(&w->lock);
				flush_group(w);
				pthread_mutex_lock(&w->lock);
			}
		} else {
			pthread_cond_wait(&w->work, &w->lock);
		}
	}
	pthread_mutex_unlock(&w->lock);
	flush_group(w);
	return NULL;
}

int output_writer_open(output_writer **out, const char *dir, char *why)
{
	output_writer *w = calloc(1, sizeof(*w));
	mode_t mask;

	*out = NULL;
	if (!w || !(w->dir = strdup(dir))) {
		free(w);
		snprintf(why, 256, "out of memory");
		return -1;
	}
	w->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (w->dirfd < 0) {
		snprintf(why, 256, "%.200s: %s", dir, strerror(errno));
		free(w->dir);
		free(w);
		return -1;
	}
	/* the only way to read the umask is to set it: before any thread
	   of ours creates files */
	mask = umask(022);
	umask(mask);
	w->needs_chmod = (0644 & mask) != 0;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->work, NULL);
	pthread_cond_init(&w->room, NULL);
	clock_gettime(CLOCK_MONOTONIC, &w->last_handoff);
	if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
		snprintf(why, 256, "cannot start the writing thread");
		output_writer_free(w);
		return -1;
	}
	w->has_thread = 1;
	*out = w;
	return 0;
}

/* Give the filled buffer to the writer, once it is done with its own. */
static void handoff(output_writer *w)
{
	wbuf spare;

	pthread_mutex_lock(&w->lock);
	while (w->is_ready)
		pthread_cond_wait(&w->room, &w->lock);
	spare = w->busy;
	w->busy = w->fill;
	w->fill = spare;
	__atomic_store_n(&w->is_ready, 1, __ATOMIC_RELEASE);
	pthread_cond_signal(&w->work);
	pthread_mutex_unlock(&w->lock);
	clock_gettime(CLOCK_MONOTONIC, &w->last_handoff);
}

int output_writer_put(output_writer *w, const char *name, const char *data,
                      size_t len, char *why)
{
	size_t name_len = strlen(name), old_len = w->fill.len;
	int is_idle;

	if (strchr(name, '/') || name[0] == '.' || !name[0]) {
		snprintf(why, 256, "unsafe file name");
		return -1;
	}
	if (name_len + sizeof("..XXXXXX") - 1 > NAME_MAX) {
		snprintf(why, 256, "file name too long");
		return -1;
	}
	if (__atomic_load_n(&w->is_failed, __ATOMIC_ACQUIRE)) {
		pthread_mutex_lock(&w->lock);
		snprintf(why, 256, "%s", w->first_why);
		pthread_mutex_unlock(&w->lock);
		return -1;
	}
	if (wbuf_add(&w->fill, &len, sizeof(len)) < 0 ||
	    wbuf_add(&w->fill, &name_len, sizeof(name_len)) < 0 ||
	    wbuf_add(&w->fill, name, name_len + 1) < 0 ||
	    wbuf_add(&w->fill, data ? data : "", len) < 0) {
		w->fill.len = old_len;
		snprintf(why, 256, "out of memory");
		return -1;
	}
	w->fill.n++;
	is_idle = !__atomic_load_n(&w->is_ready, __ATOMIC_ACQUIRE);
	if (w->fill.len >= HANDOFF_BYTES ||
	    (is_idle && (w->fill.n >= HANDOFF_IDLE_DOCS ||
	                 elapsed_ns(&w->last_handoff) >= HANDOFF_IDLE_NS)))
		handoff(w);
	return 0;
}

void output_writer_failures(output_writer *w, output_failed_fn fn,
                            void *payload)
{
	late_failure *failed;
	size_t i, n;

	if (!w || !__atomic_load_n(&w->is_failed, __ATOMIC_ACQUIRE))
		return;
	pthread_mutex_lock(&w->lock);
	failed = w->failed;
	n = w->n_failed;
	w->failed = NULL;
	w->n_failed = w->cap_failed = 0;
	pthread_mutex_unlock(&w->lock);
	for (i = 0; i < n; i++) {
		fn(failed[i].name,
		   failed[i].why ? failed[i].why : "out of memory", payload);
		free(failed[i].name);
		free(failed[i].why);
	}
	free(failed);
}

int output_writer_finish(output_writer *w)
{
	if (!w->is_finished && w->has_thread) {
		if (w->fill.n)
			handoff(w);
		pthread_mutex_lock(&w->lock);
		w->is_closing = 1;
		pthread_cond_signal(&w->work);
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->thread, NULL);
	}
	w->is_finished = 1;
	return __atomic_load_n(&w->is_failed, __ATOMIC_ACQUIRE) ? -1 : 0;
}

void output_writer_free(output_writer *w)
{
	size_t i;

	if (!w)
		return;
	output_writer_finish(w);
	for (i = 0; i < w->n_failed; i++) {
		free(w->failed[i].name);
		free(w->failed[i].why);
	}
	free(w->failed);
	free(w->fill.ptr);
	free(w->busy.ptr);
	free(w->pending.ptr);
	pthread_cond_destroy(&w->work);
	pthread_cond_destroy(&w->room);
	pthread_mutex_destroy(&w->lock);
	close(w->dirfd);
	free(w->dir);
	free(w);
}
