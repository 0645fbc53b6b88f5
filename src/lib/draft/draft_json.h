/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * draft_json.h - a member added to the draft mapping's cJSON tree, the
 * one way every part of the draft writes (cJSON takes `v` on success;
 * on failure it is freed here, so no caller leaks it).
 */
#ifndef L2E_DRAFT_JSON_H
#define L2E_DRAFT_JSON_H

#include <cJSON.h>

/* 0, or -1 when out of memory (or `obj` or `v` was not made). */
static inline int l2e__djson_add(cJSON *obj, const char *key, cJSON *v)
{
	if (!v || !obj || !cJSON_AddItemToObject(obj, key, v)) {
		cJSON_Delete(v);
		return -1;
	}
	return 0;
}

static inline int l2e__djson_add_str(cJSON *obj, const char *key, const char *s)
{
	return l2e__djson_add(obj, key, cJSON_CreateString(s));
}

#endif
