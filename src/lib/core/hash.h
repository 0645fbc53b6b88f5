/*
 * hash.h - FNV-1a, 64 bits: a fast fingerprint of bytes, for telling
 * whether something changed. Not for security: nothing secret or
 * adversarial depends on it.
 */
#ifndef L2E_CORE_HASH_H
#define L2E_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

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

#endif
