/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * writer.c - the table of writers and helpers they share.
 */
#include "writer.h"

#include <string.h>

static const l2e__writer writers[] = {
	{ L2E_FORMAT_EUROPASS_XML, "europass-xml", ".europass.xml",
	  "application/xml", l2e__write_europass_xml, NULL },
	{ L2E_FORMAT_EUROPASS_JSON, "europass-json", ".europass.json",
	  "application/json", l2e__write_europass_json, NULL },
	{ L2E_FORMAT_EUROPASS_CV, "europass-cv", ".cv.xml", "application/xml",
	  l2e__write_europass_cv, NULL },
	{ L2E_FORMAT_EDC, "edc", ".edc.jsonld", "application/ld+json",
	  l2e__write_edc, l2e__edc_parts },
	{ L2E_FORMAT_EDC_UPLOAD, "edc-upload", ".edc-upload.json",
	  "application/json", l2e__write_edc_upload, l2e__edc_parts },
};

const l2e__writer *l2e__writer_find(l2e_format format)
{
	size_t i;

	for (i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (writers[i].format == format)
			return &writers[i];
	return NULL;
}

const char *l2e_format_extension(l2e_format fmt)
{
	const l2e__writer *w = l2e__writer_find(fmt);

	return w ? w->extension : NULL;
}

const char *l2e_format_media_type(l2e_format fmt)
{
	const l2e__writer *w = l2e__writer_find(fmt);

	return w ? w->media_type : NULL;
}

const char *l2e_format_name(l2e_format fmt)
{
	const l2e__writer *w = l2e__writer_find(fmt);

	return w ? w->name : NULL;
}

int l2e_format_from_name(l2e_format *out, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (strcmp(writers[i].name, name) == 0) {
			*out = writers[i].format;
			return 0;
		}
	return L2E_ENOTSUPPORTED;
}

int l2e_format_has_parts(l2e_format fmt)
{
	const l2e__writer *w = l2e__writer_find(fmt);

	return w && w->parts;
}
