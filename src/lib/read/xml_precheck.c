/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * xml_precheck.c - refuse compressed XML and DOCTYPEs (xml_precheck.h).
 */
#include "read/xml_precheck.h"

#include <string.h>

int l2e__xml_precheck(l2e_ctx *ctx, const char *name, const char *data,
                      size_t len, const char *what)
{
	static const char *const banned[] = { "<!DOCTYPE", "<!ENTITY", NULL };
	size_t i;

	if (len >= 2 && (unsigned char)data[0] == 0x1F &&
	    (unsigned char)data[1] == 0x8B)
		return l2e__error_set_at(ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                         name, 0, 0, NULL,
		                         "compressed (gzip) input is "
		                         "not read; decompress it first");
	if (len >= 6 && !memcmp(data,
	                        "\xFD"
	                        "7zXZ\0",
	                        6))
		return l2e__error_set_at(ctx, L2E_EPARSE, L2E_ERRCLASS_READ,
		                         name, 0, 0, NULL,
		                         "compressed (xz) input is "
		                         "not read; decompress it first");
	for (i = 0; banned[i]; i++) {
		const char *hit = NULL, *p = data;
		size_t n = strlen(banned[i]);

		while ((size_t)(p - data) + n <= len) {
			p = memchr(p, '<', len - (size_t)(p - data));
			if (!p || (size_t)(p - data) + n > len)
				break;
			if (!memcmp(p, banned[i], n)) {
				hit = p;
				break;
			}
			p++;
		}
		if (hit) {
			unsigned line = 1;

			for (p = data; p < hit; p++)
				line += *p == '\n';
			return l2e__error_set_at(
			    ctx, L2E_EPARSE, L2E_ERRCLASS_READ, name, line, 0,
			    NULL,
			    "a DOCTYPE or entity declaration is "
			    "not accepted in %s",
			    what);
		}
	}
	return 0;
}
