/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * write_files.c - the benchmark's floor for folder output (not part of
 * the product): create and write N files of SIZE bytes in DIR, named as
 * lob2europass names its documents, in the plainest loop C has: open,
 * write, close. No temporary name, no flush to disk: what the disk costs
 * when nothing is promised.
 *
 *   write_files DIR N SIZE
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char path[4096], *data;
	long i, n, size;

	if (argc != 4) {
		fputs("usage: write_files DIR N SIZE\n", stderr);
		return 2;
	}
	n = atol(argv[2]);
	size = atol(argv[3]);
	if (n < 0 || size < 0 || !(data = malloc((size_t)size + 1)))
		return 2;
	memset(data, 'x', (size_t)size);
	mkdir(argv[1], 0777);
	for (i = 1; i <= n; i++) {
		int fd;

		snprintf(path, sizeof(path), "%s/STU-%07ld.europass.xml",
		         argv[1], i);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0 || write(fd, data, (size_t)size) != size ||
		    close(fd) != 0) {
			perror(path);
			return 1;
		}
	}
	free(data);
	return 0;
}
