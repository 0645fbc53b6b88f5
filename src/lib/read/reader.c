/*
 * reader.c - the table of readers.
 */
#include "reader.h"

#include <string.h>

static const l2e__reader *const readers[] = {
	&l2e__reader_json,
	&l2e__reader_csv,
	&l2e__reader_xml,
};

const l2e__reader *l2e__reader_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
		if (strcmp(readers[i]->name, name) == 0)
			return readers[i];
	return NULL;
}
