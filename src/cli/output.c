/*
 * output.c - atomic document files (see output.h).
 */
#include "output.h"

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
	char tmp[4096], final[4096];
	int fd = -1, saved;

	if (strchr(name, '/') || name[0] == '.' || !name[0]) {
		snprintf(why, 256, "unsafe file name");
		return -1;
	}
	if ((size_t)snprintf(final, sizeof(final), "%s/%s", dir, name) >=
	        sizeof(final) ||
	    (size_t)snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, name) >=
	        sizeof(tmp)) {
		snprintf(why, 256, "path too long");
		return -1;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(why, 256, "cannot create a file in %s: %s", dir,
		         strerror(errno));
		return -1;
	}
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0)
		goto fail;
	if (fchmod(fd, 0644) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	/* rename() replaces a symlink at `final` instead of following it */
	if (rename(tmp, final) < 0)
		goto fail;
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	snprintf(why, 256, "%.200s: %s", final, strerror(saved));
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

/* ".<name>.XXXXXX": a dot, a name, a dot and six mkstemp characters */
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
