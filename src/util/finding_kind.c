/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * finding_kind.c - the kind of a finding's message (see finding_kind.h).
 */
#include "util/finding_kind.h"

#include <string.h>

size_t l2e__finding_kind(char *out, size_t size, const char *msg)
{
	size_t o = 0;
	const char *p = msg ? msg : "";

	while (*p && o + 4 < size) {
		if (*p == '\'' || *p == '"') {
			const char *end = strchr(p + 1, *p);

			if (end) {
				memcpy(out + o, "\xE2\x80\xA6", 3); /* … */
				o += 3;
				p = end + 1;
				continue;
			}
		}
		if (*p >= '0' && *p <= '9') {
			while (*p >= '0' && *p <= '9')
				p++;
			out[o++] = 'N';
			continue;
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
	return o;
}
