/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * upgrade_bench.c - the time of l2e_upgrade_memory() alone (no process
 * start, no file read): FILE upgraded N times, the median of N timings.
 * Built and run by upgrade_bench.sh; not a test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <lob2europass/lob2europass.h>

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	l2e_ctx *ctx = NULL;
	l2e_upgrade *up = NULL;
	struct timespec s, e;
	char *data;
	long size;
	int i, n = argc > 2 ? atoi(argv[2]) : 1000;
	double *t;
	FILE *f;

	if (argc < 2 || !(f = fopen(argv[1], "rb")) || n < 1)
		return 2;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	data = malloc((size_t)size);
	t = malloc(sizeof(*t) * (size_t)n);
	if (!data || !t || fread(data, 1, (size_t)size, f) != (size_t)size)
		return 2;
	fclose(f);
	l2e_global_init();
	if (l2e_ctx_new(&ctx, NULL) < 0)
		return 2;
	for (i = 0; i < n; i++) {
		clock_gettime(CLOCK_MONOTONIC, &s);
		if (l2e_upgrade_memory(&up, ctx, argv[1], data, (size_t)size,
		                       NULL) < 0)
			return 1;
		clock_gettime(CLOCK_MONOTONIC, &e);
		l2e_upgrade_free(up);
		t[i] = (double)(e.tv_sec - s.tv_sec) * 1e3 +
		       (double)(e.tv_nsec - s.tv_nsec) / 1e6;
	}
	qsort(t, (size_t)n, sizeof(*t), cmp);
	printf("l2e_upgrade_memory: median %.3f ms, fastest %.3f ms, "
	       "slowest %.3f ms over %d runs\n",
	       t[n / 2], t[0], t[n - 1], n);
	l2e_ctx_free(ctx);
	l2e_global_cleanup();
	free(data);
	free(t);
	return 0;
}
