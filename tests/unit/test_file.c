/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_file.c - l2e__file_read (core/file.c): the codes and messages of
 * each failure, the cap, and what an empty file and a buffer that
 * already holds bytes give.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "core/buf.h"
#include "core/ctx.h"
#include "core/file.h"

/* Each test: a context and a folder of its own, emptied at its end. */
static l2e_ctx *ctx;
static char dir[64];
static char made[8][128];
static size_t n_made;

static void setup(void)
{
	memcpy(dir, "/tmp/l2e-file-XXXXXX", sizeof("/tmp/l2e-file-XXXXXX"));
	CHECK(mkdtemp(dir) != NULL);
	CHECK_INT(0, l2e_ctx_new(&ctx, NULL));
	n_made = 0;
}

static void teardown(void)
{
	while (n_made > 0)
		unlink(made[--n_made]);
	CHECK_INT(0, rmdir(dir));
	l2e_ctx_free(ctx);
	ctx = NULL;
}

static const char *make(const char *name, const char *content)
{
	char *path = made[n_made++];
	FILE *f;

	snprintf(path, sizeof(made[0]), "%s/%s", dir, name);
	f = fopen(path, "wb");
	CHECK(f != NULL);
	fputs(content, f);
	fclose(f);
	return path;
}

static void test_file__reads_whole_file(void)
{
	l2e_buf b = L2E_BUF_INIT;

	setup();
	CHECK_INT(0, l2e__file_read(&b, ctx, make("a", "hello"), 5, "max_x"));
	CHECK_INT(5, (long)b.len);
	CHECK_STR("hello", b.ptr);
	l2e_buf_dispose(&b);
	/* an empty file: "" (not NULL) */
	CHECK_INT(0, l2e__file_read(&b, ctx, make("e", ""), 5, "max_x"));
	CHECK(b.ptr != NULL);
	CHECK_INT(0, (long)b.len);
	CHECK_STR("", b.ptr);
	l2e_buf_dispose(&b);
	teardown();
}

static void test_file__appends_and_the_cap_counts_what_is_there(void)
{
	l2e_buf b = L2E_BUF_INIT;

	setup();
	CHECK_INT(0, l2e__buf_puts(&b, "ab"));
	CHECK_INT(0, l2e__file_read(&b, ctx, make("c", "cde"), 5, "max_x"));
	CHECK_STR("abcde", b.ptr);
	CHECK_INT(L2E_ELIMIT,
	          l2e__file_read(&b, ctx, make("f", "f"), 5, "max_x"));
	CHECK_STR("abcde", b.ptr);
	l2e_buf_dispose(&b);
	teardown();
}

static void test_file__refusals(void)
{
	l2e_buf b = L2E_BUF_INIT;
	char missing[300];
	const l2e_error *e;

	setup();
	CHECK_INT(L2E_ELIMIT,
	          l2e__file_read(&b, ctx, make("big", "123456"), 5, "max_x"));
	e = l2e_ctx_error(ctx);
	CHECK_STR("larger than max_x (5 bytes)", e->message);
	CHECK_INT(L2E_ERRCLASS_READ, e->klass);
	CHECK(b.ptr == NULL);

	snprintf(missing, sizeof(missing), "%s/none", dir);
	CHECK_INT(L2E_ENOTFOUND, l2e__file_read(&b, ctx, missing, 5, "max_x"));
	e = l2e_ctx_error(ctx);
	CHECK_STR("cannot open: No such file or directory", e->message);
	CHECK_STR(missing, e->file);
	CHECK_INT(L2E_ERRCLASS_OS, e->klass);

	CHECK_INT(L2E_EIO, l2e__file_read(&b, ctx, dir, 5, "max_x"));
	e = l2e_ctx_error(ctx);
	CHECK_STR("is a directory", e->message);
	CHECK_INT(L2E_ERRCLASS_OS, e->klass);
	CHECK(b.ptr == NULL);
	teardown();
}

static const test_case cases[] = {
	TEST_CASE(test_file__reads_whole_file),
	TEST_CASE(test_file__appends_and_the_cap_counts_what_is_there),
	TEST_CASE(test_file__refusals),
};

TEST_MAIN(cases)
