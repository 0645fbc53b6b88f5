/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_reader.c - the reader table and the readers' own "source" options
 * (read/reader.h): what the mapping compiler relies on now that it knows
 * no reader.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "read/reader.h"
#include "util/alloc.h"
#include "util/read_file.h"

static void test_reader_table__names_labels_and_unique_keys(void)
{
	const l2e__reader *r;
	size_t i, j, k;

	for (i = 0; (r = l2e__reader_at(i)); i++) {
		CHECK(r->name && *r->name && r->label && *r->label);
		CHECK(l2e__reader_find(r->name) == r);
		/* a blob to write into whenever there is a key to compile */
		for (j = 0; j < r->n_options; j++)
			CHECK(r->options[j].refusal || !r->options[j].compile ||
			      r->opts_size > 0);
		for (j = 0; j < r->n_options; j++)
			for (k = j + 1; k < r->n_options; k++)
				if (!strcmp(r->options[j].key,
				            r->options[k].key))
					test_fail(__FILE__, __LINE__,
					          "%s lists \"%s\" twice",
					          r->name, r->options[j].key);
	}
	CHECK(i >= 3);
	CHECK(l2e__reader_at(i) == NULL);
	CHECK(l2e__reader_find("yaml") == NULL);
}

/* A refusal explains why a key of other readers is not this one's. */
static void test_reader_table__refusals_name_a_key_others_take(void)
{
	const l2e__reader *r, *other;
	size_t i, j, k;
	int is_taken;

	for (i = 0; (r = l2e__reader_at(i)); i++)
		for (j = 0; j < r->n_options; j++) {
			if (!r->options[j].refusal)
				continue;
			is_taken = 0;
			for (k = 0; (other = l2e__reader_at(k)); k++)
				is_taken |=
				    other != r &&
				    l2e__reader_takes(other, r->options[j].key);
			if (!is_taken)
				test_fail(__FILE__, __LINE__,
				          "%s refuses \"%s\", which no reader "
				          "takes",
				          r->name, r->options[j].key);
		}
}

static void test_reader_table__labels_join_the_takers(void)
{
	l2e_buf b = L2E_BUF_INIT;

	l2e__reader_labels(&b, l2e__reader_takes, "encoding");
	CHECK_STR("CSV and XML", b.ptr);
	l2e__buf_clear(&b);
	l2e__reader_labels(&b, l2e__reader_takes, "separator");
	CHECK_STR("CSV", b.ptr);
	l2e__buf_clear(&b);
	l2e__reader_labels(&b, l2e__reader_takes, "no such key");
	CHECK(b.ptr == NULL || !*b.ptr);
	l2e_buf_dispose(&b);
}

/* Adding a reader's key means adding it to the mapping schema too. */
static void test_reader_table__schema_lists_every_option(void)
{
	const char *src = getenv("L2E_TEST_SRC");
	const cJSON *props, *source;
	const l2e__reader *r;
	char path[4096];
	char *data = NULL;
	size_t len = 0, i, j;
	cJSON *schema;

	if (!src)
		return;
	snprintf(path, sizeof(path), "%s/mappings/mapping.schema.json", src);
	CHECK_INT(L2E_READ_OK, l2e__read_file(path, 1u << 24, &data, &len));
	schema = cJSON_ParseWithLength(data, len);
	CHECK(schema != NULL);
	props = cJSON_GetObjectItemCaseSensitive(schema, "properties");
	source = cJSON_GetObjectItemCaseSensitive(props, "source");
	props = cJSON_GetObjectItemCaseSensitive(source, "properties");
	CHECK(props != NULL);
	for (i = 0; props && (r = l2e__reader_at(i)); i++)
		for (j = 0; j < r->n_options; j++)
			if (!cJSON_GetObjectItemCaseSensitive(
			        props, r->options[j].key))
				test_fail(__FILE__, __LINE__,
				          "source.%s (%s) is not in the schema",
				          r->options[j].key, r->name);
	cJSON_Delete(schema);
	l2e__free(data);
}

/* A random JSON value into b: strings full of what splitting must see
 * through (brackets, escaped quotes and backslashes, UTF-8), across the
 * 16-byte blocks the splitter scans; laid out over lines or not. */
static void random_value(l2e_buf *b, unsigned long *seed, int depth,
                         int is_pretty)
{
	static const char *const bits[] = {
		"a",
		"{",
		"}",
		"[",
		"]",
		"\\\"",
		"\\\\",
		"\\n",
		",",
		":",
		" ",
		"\xc3\xa9",
		"\xf0\x9f\x98\x80",
		"0123456789abcdef",
	};
	size_t kind = test_pick(seed, depth > 3 ? 3 : 5), i, n;

	switch (kind) {
	case 0:
	case 1:
		l2e__buf_putc(b, '"');
		for (i = test_pick(seed, 14); i > 0; i--)
			l2e__buf_puts(b, bits[test_pick(seed, 14)]);
		l2e__buf_putc(b, '"');
		break;
	case 2: l2e__buf_puts(b, test_pick(seed, 2) ? "-12.5" : "true"); break;
	default:
		l2e__buf_putc(b, kind == 3 ? '[' : '{');
		n = test_pick(seed, 6);
		for (i = 0; i < n; i++) {
			if (i)
				l2e__buf_putc(b, ',');
			if (is_pretty)
				l2e__buf_puts(b, "\n  ");
			if (kind == 4)
				l2e__buf_puts(b, "\"k\\\"}\": ");
			random_value(b, seed, depth + 1, is_pretty);
		}
		if (is_pretty && n)
			l2e__buf_putc(b, '\n');
		l2e__buf_putc(b, kind == 3 ? ']' : '}');
	}
}

/*
 * JSON Lines and documents in a row are split into their values, each
 * at the line and column (in characters) where it starts, from memory
 * and from a file read 64 KiB at a time, whatever the strings hold: the
 * splitter skips 16 bytes at a time where no backslash is.
 */
static void test_reader_json__split_pieces_and_positions(void)
{
	static const char *const seps[] = { "\n", "\r\n", " \n\n", "\t",
		                            "\n \n" };
	unsigned long seed = 20261206;
	int round;

	for (round = 0; round < 6; round++) {
		l2e_buf text = L2E_BUF_INIT;
		size_t starts[700], lens[700], n = 0, i, k, at;
		unsigned lines[700], columns[700], line, column;
		int from_file;
		l2e_ctx *ctx = NULL;

		CHECK_INT(0, l2e_ctx_new(&ctx, NULL));
		if (round % 2)
			l2e__buf_puts(&text, "\xEF\xBB\xBF"); /* a BOM */
		while (n < 700 && text.len < 100000) {
			/* a top-level value: mostly a record */
			size_t before = text.len;

			if (test_pick(&seed, 8)) {
				l2e__buf_puts(&text, "{\"id\": ");
				random_value(&text, &seed, 1,
				             test_pick(&seed, 5) == 0);
				l2e__buf_puts(&text, ", \"x\": ");
				random_value(&text, &seed, 1, 0);
				l2e__buf_putc(&text, '}');
			} else {
				random_value(&text, &seed, 3, 0);
			}
			starts[n] = before;
			lens[n++] = text.len - before;
			l2e__buf_puts(&text, seps[test_pick(&seed, 5)]);
		}
		/* where each starts, counted the plain way */
		line = 1;
		column = 1;
		at = round % 2 ? 3 : 0;
		for (i = 0; i < n; i++) {
			for (; at < starts[i]; at++) {
				if (text.ptr[at] == '\n') {
					line++;
					column = 1;
				} else if ((text.ptr[at] & 0xC0) != 0x80) {
					column++;
				}
			}
			lines[i] = line;
			columns[i] = column;
		}
		for (from_file = 0; from_file < 2; from_file++) {
			const l2e__reader *r = &l2e__reader_json;
			FILE *f = from_file ? tmpfile() : NULL;
			void *state = NULL;
			l2e__piece piece;

			if (from_file) {
				CHECK(f != NULL);
				if (!f)
					continue;
				fwrite(text.ptr, 1, text.len, f);
				rewind(f);
				CHECK_INT(0, r->open_file(&state, ctx, NULL,
				                          "t.json", f));
			} else {
				CHECK_INT(0,
				          r->open(&state, ctx, NULL, "t.json",
				                  text.ptr, text.len));
			}
			for (k = 0; k <= n; k++) {
				int got = r->split(&piece, ctx, state);

				if (k == n) {
					CHECK_INT(0, got);
					break;
				}
				CHECK_INT(1, got);
				if (got != 1 || piece.len != lens[k] ||
				    memcmp(piece.data, text.ptr + starts[k],
				           lens[k]) ||
				    piece.line != lines[k] ||
				    piece.column != columns[k]) {
					test_fail(
					    __FILE__, __LINE__,
					    "round %d%s, value %zu: %u:%u "
					    "(%zu bytes), not %u:%u (%zu)",
					    round, from_file ? " (file)" : "",
					    k, piece.line, piece.column,
					    piece.len, lines[k], columns[k],
					    lens[k]);
					break;
				}
			}
			r->close(state);
			if (f)
				fclose(f);
		}
		l2e_ctx_free(ctx);
		l2e_buf_dispose(&text);
	}
}

static const test_case cases[] = {
	TEST_CASE(test_reader_json__split_pieces_and_positions),
	TEST_CASE(test_reader_table__names_labels_and_unique_keys),
	TEST_CASE(test_reader_table__refusals_name_a_key_others_take),
	TEST_CASE(test_reader_table__labels_join_the_takers),
	TEST_CASE(test_reader_table__schema_lists_every_option),
};

TEST_MAIN(cases)
