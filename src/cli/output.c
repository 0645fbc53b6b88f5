/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * output.c - atomic document files (see output.h).
 */
#include "output.h"

#include "util/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <sys/file.h>
#include <unistd.h>

int output_prepare_dir(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		errno = ENOTDIR;
		return -1;
	}
	return mkdir(dir, 0777);
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
