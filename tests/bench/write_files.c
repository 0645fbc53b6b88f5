/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * write_files.c - the benchmark's floors for folder output (not part of
 * the product): create and write N files of SIZE bytes in DIR, named as
 * lob2europass names its documents.
 *
 *   write_files DIR N SIZE           open, write, close: what the disk
 *                                    costs when nothing is promised
 *   write_files DIR N SIZE atomic    what lob2europass promises, with
 *                                    nothing converted: each file under
 *                                    a temporary name, then per group of
 *                                    4096 one syncfs, the renames and one
 *                                    fsync of the folder
 */
#define _GNU_SOURCE /* syncfs */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define GROUP 4096

static void name_of(char *buf, size_t size, const char *dir, long i,
                    int is_tmp)
{
	snprintf(buf, size, is_tmp ? "%s/.STU-%07ld.europass.xml.%06ld"
	                           : "%s/STU-%07ld.europass.xml",
	         dir, i, i % 1000000);
}

/* the files first..last, written under temporary names: on disk, then
 * under their own */
static int commit_group(int dirfd, const char *dir, long first, long last)
{
	char tmp[4096], path[4096];
	long i;

	if (syncfs(dirfd) != 0) {
		perror("syncfs");
		return -1;
	}
	for (i = first; i <= last; i++) {
		name_of(tmp, sizeof(tmp), dir, i, 1);
		name_of(path, sizeof(path), dir, i, 0);
		if (rename(tmp, path) != 0) {
			perror(path);
			return -1;
		}
	}
	if (fsync(dirfd) != 0) {
		perror(dir);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	char path[4096], *data;
	long i, n, size, first = 1;
	int is_atomic, dirfd;

	if (argc < 4 || argc > 5 || (argc == 5 && strcmp(argv[4], "atomic"))) {
		fputs("usage: write_files DIR N SIZE [atomic]\n", stderr);
		return 2;
	}
	n = atol(argv[2]);
	size = atol(argv[3]);
	is_atomic = argc == 5;
	if (n < 0 || size < 0 || !(data = malloc((size_t)size + 1)))
		return 2;
	memset(data, 'x', (size_t)size);
	mkdir(argv[1], 0777);
	if ((dirfd = open(argv[1], O_RDONLY | O_DIRECTORY)) < 0) {
		perror(argv[1]);
		return 1;
	}
	for (i = 1; i <= n; i++) {
		int fd;

		name_of(path, sizeof(path), argv[1], i, is_atomic);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0 || write(fd, data, (size_t)size) != size ||
		    close(fd) != 0) {
			perror(path);
			return 1;
		}
		if (is_atomic && (i - first + 1 == GROUP || i == n)) {
			if (commit_group(dirfd, argv[1], first, i) < 0)
				return 1;
			first = i + 1;
		}
	}
	close(dirfd);
	free(data);
	return 0;
}
