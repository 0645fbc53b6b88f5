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
