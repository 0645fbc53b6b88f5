/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * hash.h - 64-bit fingerprints of bytes, for telling whether something
 * changed. Not for security: nothing secret or adversarial depends on
 * them. FNV-1a takes a byte at a time; l2e__hash_bytes eight, for the
 * large inputs (a dossier's whole record, every dossier of a run).
 */
#ifndef L2E_CORE_HASH_H
#define L2E_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define L2E__FNV_INIT 0xcbf29ce484222325ULL

static inline uint64_t l2e__fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* One step: a bijection of h for each w, different for each w. */
static inline uint64_t l2e__hash_mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 32);
}

/* Eight bytes a step; the tail with its length, so "a" and "a\0" differ. */
static inline uint64_t l2e__hash_bytes(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t w;
	size_t i;

	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&w, p, 8);
		h = l2e__hash_mix(h, w);
	}
	/* by shifts: a short memcpy to the stack and a load of all eight
	   stalls (store forwarding), and most names and values are short */
	w = (uint64_t)len << 61;
	for (i = 0; i < len; i++)
		w ^= (uint64_t)p[i] << (8 * i);
	return l2e__hash_mix(h, w);
}

#endif
