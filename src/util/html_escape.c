/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * html_escape.c - the one HTML text escaper (see html_escape.h).
 */
#include "util/html_escape.h"

#include <string.h>

char *l2e__html_escape(char *o, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		const char *ref = NULL;

		switch (s[i]) {
		case '&': ref = "&amp;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '"': ref = "&quot;"; break;
		case '\'': ref = "&#39;"; break;
		default: *o++ = s[i]; continue;
		}
		memcpy(o, ref, strlen(ref));
		o += strlen(ref);
	}
	return o;
}
