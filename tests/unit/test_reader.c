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

static const test_case cases[] = {
	TEST_CASE(test_reader_table__names_labels_and_unique_keys),
	TEST_CASE(test_reader_table__refusals_name_a_key_others_take),
	TEST_CASE(test_reader_table__labels_join_the_takers),
	TEST_CASE(test_reader_table__schema_lists_every_option),
};

TEST_MAIN(cases)
