/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * url.c - URLs taken apart and put together by libcurl's URL API, and
 * shown without secrets. Each function opens libcurl first (see
 * curl_lib.c): a URL is the first thing a run that fetches touches.
 */
#include "net/url.h"

#include <ctype.h>
#include <string.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "lob2europass/net.h"
#include "net/curl_lib.h"

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

/* A part of a parsed URL, or NULL. Free with l2e__curl.free(). */
static char *part(CURLU *u, CURLUPart which, unsigned flags)
{
	char *v = NULL;

	return l2e__curl.url_get(u, which, &v, flags) == CURLUE_OK ? v : NULL;
}

/* libcurl opened; 0, or -1 (the caller's error) */
static int loaded(void)
{
	const char *why;

	return l2e__curl_load(&why);
}

int l2e_url_redacted(l2e_buf *out, const char *url)
{
	CURLU *u;
	char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
	int error = 0;

	if (loaded() < 0)
		return l2e__buf_puts(out, "(a URL that cannot be read)") < 0
		           ? L2E_ENOMEM
		           : 0;
	if (!(u = l2e__curl.url()))
		return L2E_ENOMEM;
	if (l2e__curl.url_set(u, CURLUPART_URL, url,
	                      CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
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
	l2e__curl.free(scheme);
	l2e__curl.free(host);
	l2e__curl.free(port);
	l2e__curl.free(path);
	l2e__curl.url_cleanup(u);
	return error < 0 ? L2E_ENOMEM : 0;
}

int l2e__url_scheme(char *out, size_t size, const char *url)
{
	CURLU *u;
	char *scheme = NULL;
	int ok;

	if (loaded() < 0 || !(u = l2e__curl.url()))
		return -1;
	ok = l2e__curl.url_set(u, CURLUPART_URL, url,
	                       CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
	     (scheme = part(u, CURLUPART_SCHEME, 0)) && strlen(scheme) < size;
	if (ok)
		memcpy(out, scheme, strlen(scheme) + 1);
	l2e__curl.free(scheme);
	l2e__curl.url_cleanup(u);
	return ok ? 0 : -1;
}

static char *dup_and_free(char *curl_string)
{
	char *s = curl_string ? l2e__strdup(curl_string) : NULL;

	l2e__curl.free(curl_string);
	return s;
}

int l2e__url_resolve(char **out, const char *base, const char *ref)
{
	CURLU *u;
	int error = L2E_ERROR;

	*out = NULL;
	if (loaded() < 0)
		return L2E_ERROR;
	if (!(u = l2e__curl.url()))
		return L2E_ENOMEM;
	/* a relative reference is resolved against the URL already set */
	if (l2e__curl.url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    l2e__curl.url_set(u, CURLUPART_URL, ref,
	                      CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) {
		*out = dup_and_free(part(u, CURLUPART_URL, 0));
		error = *out ? 0 : L2E_ENOMEM;
	}
	l2e__curl.url_cleanup(u);
	return error;
}

int l2e__url_same_origin(const char *a, const char *b)
{
	static const CURLUPart parts[] = { CURLUPART_SCHEME, CURLUPART_HOST,
		                           CURLUPART_PORT };
	CURLU *ua, *ub;
	size_t i;
	int same;

	if (loaded() < 0)
		return 0;
	ua = l2e__curl.url();
	ub = l2e__curl.url();
	same = ua && ub &&
	       l2e__curl.url_set(ua, CURLUPART_URL, a,
	                         CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
	       l2e__curl.url_set(ub, CURLUPART_URL, b,
	                         CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK;

	for (i = 0; same && i < sizeof(parts) / sizeof(parts[0]); i++) {
		char *pa = part(ua, parts[i], CURLU_DEFAULT_PORT);
		char *pb = part(ub, parts[i], CURLU_DEFAULT_PORT);

		same = pa && pb && strcmp(pa, pb) == 0;
		l2e__curl.free(pa);
		l2e__curl.free(pb);
	}
	l2e__curl.url_cleanup(ua);
	l2e__curl.url_cleanup(ub);
	return same;
}

int l2e__url_set_param(char **out, const char *url, const char *name,
                       const char *value)
{
	CURLU *u;
	l2e_buf query = L2E_BUF_INIT, pair = L2E_BUF_INIT;
	char *old = NULL, *save = NULL, *item;
	size_t name_len = strlen(name);
	int error = L2E_ERROR;

	*out = NULL;
	if (loaded() < 0)
		return L2E_ERROR;
	u = l2e__curl.url();
	if (!u || l2e__curl.url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
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
	if (l2e__curl.url_set(u, CURLUPART_QUERY, query.len ? query.ptr : NULL,
	                      0) != CURLUE_OK ||
	    l2e__buf_printf(&pair, "%s=%s", name, value) < 0 ||
	    l2e__curl.url_set(u, CURLUPART_QUERY, pair.ptr,
	                      CURLU_APPENDQUERY | CURLU_URLENCODE) != CURLUE_OK)
		goto oom;
	*out = dup_and_free(part(u, CURLUPART_URL, 0));
	error = *out ? 0 : L2E_ENOMEM;
	goto done;
oom:
	error = L2E_ENOMEM;
done:
	l2e__curl.free(old);
	l2e_buf_dispose(&query);
	l2e_buf_dispose(&pair);
	l2e__curl.url_cleanup(u);
	return error;
}
