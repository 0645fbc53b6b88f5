/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * http.c - the HTTP client (libcurl): safety rules, limits, retries.
 *
 * Every request gets the same rules, set afresh on the one easy handle
 * (curl_easy_reset keeps the connection cache): the URL's own scheme
 * only, also for redirects; verified TLS 1.2 or newer; timeouts; a size
 * cap checked as bytes arrive. Failures that may pass (5xx, 408, 429,
 * time-outs, dropped connections) are tried again after a delay that
 * doubles each time, or after the server's Retry-After.
 */
#include <string.h>
#include <time.h>

#include "util/alloc.h"
#include "core/buf.h"
#include "core/ctx.h"
#include "net/net_int.h"

#define MAX_BACKOFF_MS 60000L

/* Wipe a secret before its memory is freed. */
static void wipe_free(char *s)
{
	volatile char *p = s;

	if (!s)
		return;
	while (*p)
		*p++ = '\0';
	l2e__free(s);
}

static int copy_opt(char **dst, const char *src)
{
	*dst = NULL;
	return !src || (*dst = l2e__strdup(src)) != NULL;
}

int l2e_net_new(l2e_net **out, l2e_ctx *ctx, const l2e_net_options *opts)
{
	const curl_version_info_data *info;
	l2e_net_options defaults = L2E_NET_OPTIONS_INIT;
	l2e_net *net;
	const char *why;
	char ua[64];

	L2E_ASSERT_ARG(out && ctx);
	*out = NULL;
	l2e__error_clear(ctx);
	if (!opts)
		opts = &defaults;
	if (opts->version != L2E_NET_OPTIONS_VERSION)
		return l2e__error_set(ctx, L2E_ERROR, L2E_ERRCLASS_FETCH,
		                      "unknown l2e_net_options version %d",
		                      opts->version);
	if (l2e__curl_load(&why) < 0)
		return l2e__error_set(ctx, L2E_ENET, L2E_ERRCLASS_FETCH, "%s",
		                      why);
	info = l2e__curl.version_info(CURLVERSION_NOW);
	if (!info || !(info->features & CURL_VERSION_SSL))
		return l2e__error_set(ctx, L2E_ENOTSUPPORTED,
		                      L2E_ERRCLASS_FETCH,
		                      "libcurl was built without TLS");
	if (!(net = l2e__calloc(1, sizeof(*net))))
		goto oom;
	net->opts = *opts;
	snprintf(ua, sizeof(ua), "lob2europass/%s", l2e_version());
	if (!copy_opt(&net->ca_file, opts->ca_file) ||
	    !copy_opt(&net->bearer_token, opts->bearer_token) ||
	    !copy_opt(&net->user, opts->user) ||
	    !copy_opt(&net->password, opts->password ? opts->password : "") ||
	    !copy_opt(&net->user_agent,
	              opts->user_agent ? opts->user_agent : ua) ||
	    !(net->curl = l2e__curl.easy_init()))
		goto oom;
	if (pthread_mutex_init(&net->lock, NULL) != 0)
		goto oom;
	net->has_lock = 1;
#define DEFAULT(field, value)     \
	if (net->opts.field <= 0) \
		net->opts.field = (value);
	DEFAULT(connect_timeout_ms, L2E_NET_DEFAULT_CONNECT_TIMEOUT_MS)
	DEFAULT(timeout_ms, L2E_NET_DEFAULT_TIMEOUT_MS)
	DEFAULT(low_speed_seconds, L2E_NET_DEFAULT_LOW_SPEED_SECONDS)
	DEFAULT(retry_delay_ms, L2E_NET_DEFAULT_RETRY_DELAY_MS)
	DEFAULT(max_retry_after_s, L2E_NET_DEFAULT_MAX_RETRY_AFTER_S)
#undef DEFAULT
	if (!net->opts.max_response_bytes)
		net->opts.max_response_bytes =
		    L2E_NET_DEFAULT_MAX_RESPONSE_BYTES;
	/* the copies are what the client uses; the caller's may go away */
	net->opts.ca_file = net->ca_file;
	net->opts.bearer_token = net->bearer_token;
	net->opts.user = net->user;
	net->opts.password = net->password;
	net->opts.user_agent = net->user_agent;
	*out = net;
	return 0;
oom:
	l2e_net_free(net);
	return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_FETCH,
	                      "out of memory");
}

void l2e_net_free(l2e_net *net)
{
	if (!net)
		return;
	if (net->curl)
		l2e__curl.easy_cleanup(net->curl);
	if (net->has_lock)
		pthread_mutex_destroy(&net->lock);
	wipe_free(net->bearer_token);
	wipe_free(net->password);
	wipe_free(net->user);
	l2e__free(net->ca_file);
	l2e__free(net->user_agent);
	l2e__free(net);
}

int l2e__net_check_scheme(l2e_net *net, l2e_ctx *ctx, const char *url,
                          const char *name, const char **allowed)
{
	char scheme[16];

	if (l2e__url_scheme(scheme, sizeof(scheme), url) < 0)
		return l2e__error_set_at(ctx, L2E_ENET, L2E_ERRCLASS_FETCH,
		                         name, 0, 0, NULL, "not a valid URL");
	if (!strcmp(scheme, "https") ||
	    (!strcmp(scheme, "http") && net->opts.allow_http)) {
		if (allowed)
			*allowed = scheme[4] ? "https" : "http";
		return 0;
	}
	return l2e__error_set_at(
	    ctx, L2E_ENET, L2E_ERRCLASS_FETCH, name, 0, 0, NULL,
	    "%s:// is not allowed: only https:// (plain http:// only when "
	    "allowed, for tests on this machine)",
	    scheme);
}

/* Bytes as they arrive, refused beyond the cap. */
typedef struct transfer {
	l2e_buf *body; /* NULL: count and drop (answers to a delivery) */
	size_t received;
	size_t max;
	int is_too_large;
	int is_oom;
} transfer;

static size_t on_data(char *data, size_t size, size_t n, void *payload)
{
	transfer *t = payload;
	size_t len = size * n;

	if (len > t->max - t->received) {
		t->is_too_large = 1;
		return 0; /* curl stops with CURLE_WRITE_ERROR */
	}
	t->received += len;
	if (t->body && l2e__buf_put(t->body, data, len) < 0) {
		t->is_oom = 1;
		return 0;
	}
	return len;
}

typedef struct request {
	const char *method; /* GET, POST, PUT */
	const char *url;
	const char *name; /* the URL as messages show it */
	const char *scheme;
	struct curl_slist *headers;
	const char *data;
	size_t len;
} request;

static int setup(l2e_net *net, const request *rq, transfer *t, char *errbuf)
{
	CURL *c = net->curl;
	const l2e_net_options *o = &net->opts;
	CURLcode e = CURLE_OK;

	l2e__curl.easy_reset(c);
#define SET(opt, value)    \
	if (e == CURLE_OK) \
		e = l2e__curl.easy_setopt(c, opt, value);
	SET(CURLOPT_URL, rq->url)
	SET(CURLOPT_PROTOCOLS_STR, rq->scheme)
	SET(CURLOPT_REDIR_PROTOCOLS_STR, rq->scheme)
	SET(CURLOPT_FOLLOWLOCATION, 1L)
	SET(CURLOPT_MAXREDIRS, L2E_NET_MAX_REDIRECTS)
	SET(CURLOPT_POSTREDIR,
	    (long)(CURL_REDIR_POST_301 | CURL_REDIR_POST_302))
	SET(CURLOPT_NOSIGNAL, 1L)
	SET(CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms)
	SET(CURLOPT_TIMEOUT_MS, o->timeout_ms)
	SET(CURLOPT_LOW_SPEED_LIMIT, 1L)
	SET(CURLOPT_LOW_SPEED_TIME, o->low_speed_seconds)
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_response_bytes)
	SET(CURLOPT_SSL_VERIFYPEER, 1L)
	SET(CURLOPT_SSL_VERIFYHOST, 2L)
	SET(CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2)
	SET(CURLOPT_USERAGENT, o->user_agent)
	SET(CURLOPT_ERRORBUFFER, errbuf)
	SET(CURLOPT_WRITEFUNCTION, on_data)
	SET(CURLOPT_WRITEDATA, t)
	SET(CURLOPT_HTTPHEADER, rq->headers)
	SET(CURLOPT_ACCEPT_ENCODING, "") /* the cap counts decoded bytes */
	if (o->ca_file)
		SET(CURLOPT_CAINFO, o->ca_file)
	/* curl sends these to the URL's host only, not after a redirect
	   to another one (CURLOPT_UNRESTRICTED_AUTH stays off) */
	if (o->bearer_token) {
		SET(CURLOPT_HTTPAUTH, (long)CURLAUTH_BEARER)
		SET(CURLOPT_XOAUTH2_BEARER, o->bearer_token)
	} else if (o->user) {
		SET(CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC)
		SET(CURLOPT_USERNAME, o->user)
		SET(CURLOPT_PASSWORD, o->password)
	}
	if (!strcmp(rq->method, "GET")) {
		SET(CURLOPT_HTTPGET, 1L)
	} else if (!strcmp(rq->method, "DELETE")) {
		/* no body, and no POST that a redirect could turn into GET */
		SET(CURLOPT_HTTPGET, 1L)
		SET(CURLOPT_CUSTOMREQUEST, rq->method)
	} else {
		SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)rq->len)
		SET(CURLOPT_POSTFIELDS, rq->data ? rq->data : "")
		if (strcmp(rq->method, "POST"))
			SET(CURLOPT_CUSTOMREQUEST, rq->method)
	}
#undef SET
	return e == CURLE_OK ? 0 : -1;
}

static int may_retry(CURLcode rc, long status)
{
	switch (rc) {
	case CURLE_OK: return status >= 500 || status == 429 || status == 408;
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM: return 1;
	default: return 0;
	}
}

/* Why a request failed, in words for a school's IT administrator. */
static void describe(char *out, size_t size, CURLcode rc, long status,
                     const char *errbuf)
{
	const char *detail = *errbuf ? errbuf : l2e__curl.easy_strerror(rc);

	switch (rc) {
	case CURLE_OK: snprintf(out, size, "HTTP status %ld", status); break;
	case CURLE_TOO_MANY_REDIRECTS:
		snprintf(out, size, "more than %ld redirects",
		         L2E_NET_MAX_REDIRECTS);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		snprintf(out, size,
		         "redirected to another protocol, which is not "
		         "allowed (%s)",
		         detail);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		snprintf(out, size, "timed out (%s)", detail);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
		snprintf(out, size,
		         "the server's TLS certificate is not trusted (%s); "
		         "a private CA can be added with --cacert",
		         detail);
		break;
	default: snprintf(out, size, "%s", detail); break;
	}
}

static void sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) < 0)
		;
}

static int perform_locked(l2e_net *net, l2e_ctx *ctx, request *rq,
                          l2e_buf *body, long *status_out);

/* One request at a time on the one handle (see net_int.h). */
static int perform(l2e_net *net, l2e_ctx *ctx, request *rq, l2e_buf *body,
                   long *status_out)
{
	int error;

	pthread_mutex_lock(&net->lock);
	error = perform_locked(net, ctx, rq, body, status_out);
	pthread_mutex_unlock(&net->lock);
	return error;
}

static int perform_locked(l2e_net *net, l2e_ctx *ctx, request *rq,
                          l2e_buf *body, long *status_out)
{
	char errbuf[CURL_ERROR_SIZE], why[CURL_ERROR_SIZE + 128];
	size_t start = body ? body->len : 0;
	curl_off_t retry_after;
	unsigned attempt;
	long status, delay;
	CURLcode rc;
	transfer t;
	int error;

	*status_out = 0;
	if ((error = l2e__net_check_scheme(net, ctx, rq->url, rq->name,
	                                   &rq->scheme)) < 0)
		return error;
	for (attempt = 0;; attempt++) {
		if (body) { /* a failed attempt's bytes are not kept */
			body->len = start;
			if (body->ptr)
				body->ptr[start] = '\0';
		}
		memset(&t, 0, sizeof(t));
		t.body = body;
		t.max = net->opts.max_response_bytes;
		errbuf[0] = '\0';
		if (setup(net, rq, &t, errbuf) < 0)
			return l2e__error_set(ctx, L2E_ENET, L2E_ERRCLASS_FETCH,
			                      "cannot set up a request to %s",
			                      rq->name);
		rc = l2e__curl.easy_perform(net->curl);
		status = 0;
		l2e__curl.easy_getinfo(net->curl, CURLINFO_RESPONSE_CODE,
		                       &status);
		*status_out = status;
		if (t.is_oom)
			return l2e__error_set(ctx, L2E_ENOMEM,
			                      L2E_ERRCLASS_FETCH,
			                      "out of memory");
		if (t.is_too_large || rc == CURLE_FILESIZE_EXCEEDED)
			return l2e__error_set_at(
			    ctx, L2E_ELIMIT, L2E_ERRCLASS_FETCH, rq->name, 0, 0,
			    NULL,
			    "the answer is larger than max_response_bytes (%zu "
			    "bytes)",
			    net->opts.max_response_bytes);
		if (rc == CURLE_OK && status >= 200 && status <= 299)
			return 0;
		describe(why, sizeof(why), rc, status, errbuf);
		if (!may_retry(rc, status) || attempt >= net->opts.retries)
			break;
		delay = net->opts.retry_delay_ms;
		delay = attempt >= 6 || delay << attempt > MAX_BACKOFF_MS
		            ? MAX_BACKOFF_MS
		            : delay << attempt;
		retry_after = 0;
		if (rc == CURLE_OK &&
		    l2e__curl.easy_getinfo(net->curl, CURLINFO_RETRY_AFTER,
		                           &retry_after) == CURLE_OK &&
		    retry_after > 0) {
			if (retry_after > net->opts.max_retry_after_s)
				return l2e__error_set_at(
				    ctx, L2E_ENET, L2E_ERRCLASS_FETCH, rq->name,
				    0, 0, NULL,
				    "%s %s: %s, retry after %ld s: longer "
				    "than %ld s",
				    rq->method, rq->name, why,
				    (long)retry_after,
				    net->opts.max_retry_after_s);
			delay = (long)retry_after * 1000L;
		}
		sleep_ms(delay);
	}
	if (attempt == 0)
		return l2e__error_set_at(ctx, L2E_ENET, L2E_ERRCLASS_FETCH,
		                         rq->name, 0, 0, NULL, "%s failed: %s",
		                         rq->method, why);
	return l2e__error_set_at(ctx, L2E_ENET, L2E_ERRCLASS_FETCH, rq->name, 0,
	                         0, NULL, "%s failed: %s (%u attempts)",
	                         rq->method, why, attempt + 1);
}

int l2e__net_get(l2e_net *net, l2e_ctx *ctx, const char *url, const char *name,
                 const char *accept, l2e_buf *body)
{
	struct curl_slist *headers = NULL;
	l2e_buf line = L2E_BUF_INIT;
	request rq;
	long status;
	int error;

	if (l2e__buf_printf(&line, "Accept: %s", accept) < 0 ||
	    !(headers = l2e__curl.slist_append(NULL, line.ptr))) {
		l2e_buf_dispose(&line);
		return l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_FETCH,
		                      "out of memory");
	}
	memset(&rq, 0, sizeof(rq));
	rq.method = "GET";
	rq.url = url;
	rq.name = name;
	rq.headers = headers;
	error = perform(net, ctx, &rq, body, &status);
	l2e__curl.slist_free_all(headers);
	l2e_buf_dispose(&line);
	return error;
}

int l2e_net_send(l2e_net *net, l2e_ctx *ctx, const l2e_net_request *req,
                 long *status)
{
	struct curl_slist *headers = NULL, *h;
	l2e_buf name = L2E_BUF_INIT, line = L2E_BUF_INIT;
	long got = 0;
	request rq;
	int error = 0, is_delete;

	L2E_ASSERT_ARG(net && ctx && req && req->url && req->method &&
	               (req->body || !req->len));
	l2e__error_clear(ctx);
	is_delete = !strcmp(req->method, "DELETE");
	if (strcmp(req->method, "POST") && strcmp(req->method, "PUT") &&
	    !is_delete)
		return l2e__error_set(ctx, L2E_ERROR, L2E_ERRCLASS_FETCH,
		                      "a document is sent with POST or PUT "
		                      "(or taken back with DELETE), not %s",
		                      req->method);
	if (!is_delete && !req->media_type)
		return l2e__error_set(ctx, L2E_ERROR, L2E_ERRCLASS_FETCH,
		                      "%s needs a media type", req->method);
	if (l2e_url_redacted(&name, req->url) < 0 ||
	    (!is_delete &&
	     l2e__buf_printf(&line, "Content-Type: %s", req->media_type) < 0) ||
	    !(headers = l2e__curl.slist_append(NULL, "Expect:")))
		goto oom;
	if (!is_delete) {
		if (!(h = l2e__curl.slist_append(headers, line.ptr)))
			goto oom;
		headers = h;
	}
	if (req->idempotency_key) {
		l2e__buf_clear(&line);
		if (l2e__buf_printf(&line, "Idempotency-Key: %s",
		                    req->idempotency_key) < 0 ||
		    !(h = l2e__curl.slist_append(headers, line.ptr)))
			goto oom;
		headers = h;
	}
	memset(&rq, 0, sizeof(rq));
	rq.method = req->method;
	rq.url = req->url;
	rq.name = name.ptr;
	rq.headers = headers;
	rq.data = req->body;
	rq.len = req->len;
	error = perform(net, ctx, &rq, NULL, &got);
	goto done;
oom:
	error = l2e__error_set(ctx, L2E_ENOMEM, L2E_ERRCLASS_FETCH,
	                       "out of memory");
done:
	if (status)
		*status = got;
	l2e__curl.slist_free_all(headers);
	l2e_buf_dispose(&name);
	l2e_buf_dispose(&line);
	return error;
}
