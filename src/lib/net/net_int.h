/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * net_int.h - the HTTP client's insides (the libcurl handle), for
 * http.c (and the unit tests). The rest of the library includes
 * net/http.h and net/url.h, which carry no libcurl types.
 */
#ifndef L2E_NET_NET_INT_H
#define L2E_NET_NET_INT_H

#include <pthread.h>

#include "lob2europass/net.h"
#include "net/curl_lib.h"
#include "net/http.h"
#include "net/url.h"

struct l2e_net {
	CURL *curl; /* one handle: connections are kept between requests */
	/* one request at a time on it: the pages of an input and the
	   look-ups of its dossiers (worker threads) share the client */
	pthread_mutex_t lock;
	int has_lock;
	l2e_net_options opts;
	char *ca_file;
	char *bearer_token;
	char *user;
	char *password;
	char *user_agent;
};

#endif
