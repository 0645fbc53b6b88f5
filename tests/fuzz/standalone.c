/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * standalone.c - replay fuzz corpora without libFuzzer.
 *
 *     fuzz_replay_<target> [-v] FILE|DIR...
 *
 * Feeds every regular file named, and every regular file in every folder
 * named (not recursively, in name order, skipping README*), to the
 * target's LLVMFuzzerTestOneInput(), each in a buffer of exactly its
 * size so that ASan and valgrind see a read past the end. Any build can
 * replay the committed corpora this way as an ordinary test (libgit2's
 * fuzzers/standalone_driver.c does the same), under gcc, the sanitizers
 * or valgrind.
 *
 * A failed check in a target aborts; the input that was running is
 * named on stderr first (-v names every input before it runs). The
 * last line of a complete run is "N passed, 0 failed"; an input that
 * cannot be read counts as failed, and so does a run that found no
 * input at all (a missing corpus).
 * Exit status: 0 when all passed, 1 otherwise.
 */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *current; /* the input running, for the crash note */
static size_t n_passed, n_failed;
static int is_verbose;

static void on_fatal_signal(int sig)
{
	static const char note[] = "\nfuzz replay: crashed on input: ";

	/* only async-signal-safe calls here */
	if (write(STDERR_FILENO, note, sizeof(note) - 1) < 0 || !current ||
	    write(STDERR_FILENO, current, strlen(current)) < 0 ||
	    write(STDERR_FILENO, "\n", 1) < 0) {
		/* nothing more to do */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static int read_file(const char *path, uint8_t **out, size_t *len_out)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL, *grown;
	size_t len = 0, cap = 0, n;

	*out = NULL;
	*len_out = 0;
	if (!f)
		return -1;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if (!(grown = realloc(data, cap))) {
				free(data);
				fclose(f);
				return -1;
			}
			data = grown;
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		free(data);
		fclose(f);
		return -1;
	}
	fclose(f);
	/* exactly `len` bytes, so that a read past the end is caught */
	if (!(*out = malloc(len ? len : 1))) {
		free(data);
		return -1;
	}
	memcpy(*out, data, len);
	free(data);
	*len_out = len;
	return 0;
}

static void run_file(const char *path)
{
	uint8_t *data;
	size_t len;

	if (read_file(path, &data, &len) < 0) {
		fprintf(stderr, "fuzz replay: cannot read %s\n", path);
		n_failed++;
		return;
	}
	if (is_verbose)
		fprintf(stderr, "fuzz replay: %s (%zu bytes)\n", path, len);
	current = path;
	LLVMFuzzerTestOneInput(data, len);
	current = NULL;
	free(data);
	n_passed++;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;
	char **names = NULL, **grown, *path;
	size_t n = 0, cap = 0, i, len;

	if (!d) {
		fprintf(stderr, "fuzz replay: cannot open %s\n", dir);
		n_failed++;
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strncmp(e->d_name, "README", 6) == 0)
			continue;
		len = strlen(dir) + strlen(e->d_name) + 2;
		if (!(path = malloc(len)))
			abort();
		snprintf(path, len, "%s/%s", dir, e->d_name);
		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if (!(grown = realloc(names, cap * sizeof(*names))))
				abort();
			names = grown;
		}
		names[n++] = path;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		run_file(names[i]);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	struct stat st;
	int i;

	/*
	 * SIGABRT only: failed checks abort, and so do the sanitizers with
	 * abort_on_error=1. A SEGV handler of our own would replace ASan's
	 * report; run with -v to see which input a SEGV came from.
	 */
	signal(SIGABRT, on_fatal_signal);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-v") == 0) {
			is_verbose = 1;
		} else if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			run_dir(argv[i]);
		} else {
			run_file(argv[i]);
		}
	}
	if (n_passed + n_failed == 0) {
		fprintf(stderr, "usage: %s [-v] FILE|DIR... (no input found)\n",
		        argv[0]);
		n_failed++;
	}
	printf("%zu passed, %zu failed\n", n_passed, n_failed);
	return n_failed ? 1 : 0;
}
