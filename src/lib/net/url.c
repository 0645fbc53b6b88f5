/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * url.c - URLs taken apart and put together by libcurl's URL API, and
 * shown without secrets.
 */
#include "net/url.h"

#include <ctype.h>
#include <string.h>

#include <curl/curl.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "lob2europass/net.h"

int l2e_is_url(const char *s)
{
	const char *p = s;

	if (!s || !isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	       *p == '.')
		p++;
	return strncmp(p, "://", 3) == 0;
}

/* A part of a parsed URL, or NULL. Free with curl_free(). */
static char *part(CURLU *u, CURLUPart which, unsigned flags)
{
	char *v = NULL;

	return curl_url_get(u, which, &v, flags) == CURLUE_OK ? v : NULL;
}

int l2e_url_redacted(l2e_buf *out, const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
	int error = 0;

	if (!u)
		return L2E_ENOMEM;
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) !=
	        CURLUE_OK ||
	    !(scheme = part(u, CURLUPART_SCHEME, 0)) ||
	    !(host = part(u, CURLUPART_HOST, 0))) {
		/* not a URL we can take apart: show its scheme only */
		error = l2e__buf_puts(out, "(a URL that cannot be read)");
		goto done;
	}
	port = part(u, CURLUPART_PORT, 0);
	path = part(u, CURLUPART_PATH, 0);
	error =
	    l2e__buf_printf(out, "%s://%s%s%s%s", scheme, host, port ? ":" : "",
	                    port ? port : "", path ? path : "/");
done:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(path);
	curl_url_cleanup(u);
	return error < 0 ? L2E_ENOMEM : 0;
}

int l2e__url_scheme(char *out, size_t size, const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL;
	int ok;

	if (!u)
		return -1;
	ok = curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) ==
	         CURLUE_OK &&
	     (scheme = part(u, CURLUPART_SCHEME, 0)) && strlen(scheme) < size;
	if (ok)
		memcpy(out, scheme, strlen(scheme) + 1);
	curl_free(scheme);
	curl_url_cleanup(u);
	return ok ? 0 : -1;
}

static char *dup_and_free(char *curl_string)
{
	char *s = curl_string ? l2e__strdup(curl_string) : NULL;

	curl_free(curl_string);
	return s;
}

int l2e__url_resolve(char **out, const char *base, const char *ref)
{
	CURLU *u = curl_url();
	int error = L2E_ERROR;

	*out = NULL;
	if (!u)
		return L2E_ENOMEM;
	/* a relative reference is resolved against the URL already set */
	if (curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, ref, CURLU_NON_SUPPORT_SCHEME) ==
	        CURLUE_OK) {
		*out = dup_and_free(part(u, CURLUPART_URL, 0));
		error = *out ? 0 : L2E_ENOMEM;
	}
	curl_url_cleanup(u);
	return error;
}

int l2e__url_same_origin(const char *a, const char *b)
{
	static const CURLUPart parts[] = { CURLUPART_SCHEME, CURLUPART_HOST,
		                           CURLUPART_PORT };
	CURLU *ua = curl_url(), *ub = curl_url();
	size_t i;
	int same = ua && ub &&
	           curl_url_set(ua, CURLUPART_URL, a,
	                        CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
	           curl_url_set(ub, CURLUPART_URL, b,
	                        CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK;

	for (i = 0; same && i < sizeof(parts) / sizeof(parts[0]); i++) {
		char *pa = part(ua, parts[i], CURLU_DEFAULT_PORT);
		char *pb = part(ub, parts[i], CURLU_DEFAULT_PORT);

		same = pa && pb && strcmp(pa, pb) == 0;
		curl_free(pa);
		curl_free(pb);
	}
	curl_url_cleanup(ua);
	curl_url_cleanup(ub);
	return same;
}

int l2e__url_set_param(char **out, const char *url, const char *name,
                       const char *value)
{
	CURLU *u = curl_url();
	l2e_buf query = L2E_BUF_INIT, pair = L2E_BUF_INIT;
	char *old = NULL, *save = NULL, *item;
	size_t name_len = strlen(name);
	int error = L2E_ERROR;

	*out = NULL;
	if (!u || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
		goto done;
	/* keep every other parameter as it was */
	old = part(u, CURLUPART_QUERY, 0);
	for (item = old ? strtok_r(old, "&", &save) : NULL; item;
	     item = strtok_r(NULL, "&", &save)) {
		if (!strncmp(item, name, name_len) &&
		    (item[name_len] == '=' || !item[name_len]))
			continue;
		if (l2e__buf_printf(&query, "%s%s", query.len ? "&" : "",
		                    item) < 0)
			goto oom;
	}
	if (curl_url_set(u, CURLUPART_QUERY, query.len ? query.ptr : NULL, 0) !=
	        CURLUE_OK ||
	    l2e__buf_printf(&pair, "%s=%s", name, value) < 0 ||
	    curl_url_set(u, CURLUPART_QUERY, pair.ptr,
	                 CURLU_APPENDQUERY | CURLU_URLENCODE) != CURLUE_OK)
		goto oom;
	*out = dup_and_free(part(u, CURLUPART_URL, 0));
	error = *out ? 0 : L2E_ENOMEM;
	goto done;
oom:
	error = L2E_ENOMEM;
done:
	curl_free(old);
	l2e_buf_dispose(&query);
	l2e_buf_dispose(&pair);
	curl_url_cleanup(u);
	return error;
}
