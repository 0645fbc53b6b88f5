/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * zone.c - see zone.h. The TZif format is RFC 8536: a version 1 block
 * with 32-bit times, then (version 2 and later) the same data with
 * 64-bit times, then a footer "\n<POSIX TZ string>\n". Only the 64-bit
 * block and the footer are used. Every count is checked against the
 * file's length before anything is read.
 */
#include "map/zone.h"

#include "lob2europass/common.h"

#include <stdio.h>
#include <stdlib.h> /* getenv, strtol */
#include <string.h>

#include "util/alloc.h"
#include "util/civil_date.h"

/* A POSIX TZ rule "M<month>.<week>.<weekday>[/<time>]". */
typedef struct mrule {
	int month, week, weekday;
	long time; /* seconds after local midnight */
} mrule;

struct l2e__zone {
	const char *name;
	const l2e__zone *next;
	int64_t *times;       /* transitions, ascending */
	unsigned char *kinds; /* type of each transition */
	long *offsets;        /* utoff of each type */
	size_t n_times, n_types;
	/* the footer: after the last transition */
	int has_rule;          /* std and dst with two rules */
	long std_off, dst_off; /* utoff (east positive) */
	mrule start, end;      /* dst starts / ends (local time) */
};

const char *l2e__zone_name(const l2e__zone *z)
{
	return z->name;
}

const l2e__zone *l2e__zone_next(const l2e__zone *z)
{
	return z->next;
}

/* Loaded zones are changed only here, while their mapping loads. */
void l2e__zone_link(const l2e__zone *z, const l2e__zone *next)
{
	((l2e__zone *)z)->next = next;
}

static int valid_name(const char *name)
{
	const char *p;

	if (!*name || *name == '/' || strlen(name) > 64 || strstr(name, ".."))
		return 0;
	for (p = name; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '/' || *p == '_' ||
		      *p == '-' || *p == '+'))
			return 0;
	return 1;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* The six counts of a header at `h`; 0 when they do not fit `left`. */
static int counts(const unsigned char *h, size_t left, size_t c[6],
                  size_t time_size, size_t *block)
{
	int i;

	if (left < 44 || memcmp(h, "TZif", 4) != 0)
		return 0;
	for (i = 0; i < 6; i++)
		c[i] =
		    be32(h + 20 + 4 * i); /* isut isstd leap time type char */
	if (c[3] > 100000 || c[4] == 0 || c[4] > 256 || c[5] > 10000 ||
	    c[2] > 10000 || c[0] > c[4] || c[1] > c[4])
		return 0;
	*block = c[3] * time_size + c[3] + c[4] * 6 + c[5] +
	         c[2] * (time_size + 4) + c[1] + c[0];
	return 44 + *block <= left;
}

/* ==== The footer: a POSIX TZ string ==== */

static const char *skip_abbr(const char *p)
{
	if (*p == '<') {
		while (*p && *p != '>')
			p++;
		return *p ? p + 1 : NULL;
	}
	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
		p++;
	return p;
}

/* [+-]hh[:mm[:ss]] as seconds; POSIX's sign is west-positive. */
static const char *hms(const char *p, long *out)
{
	long sign = 1, v[3] = { 0, 0, 0 };
	int i;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	for (i = 0; i < 3; i++) {
		if (*p < '0' || *p > '9')
			return i ? p : NULL;
		while (*p >= '0' && *p <= '9' && v[i] < 1000)
			v[i] = v[i] * 10 + (*p++ - '0');
		if (*p != ':' || i == 2)
			break;
		p++;
	}
	*out = sign * (v[0] * 3600 + v[1] * 60 + v[2]);
	return p;
}

static const char *rule(const char *p, mrule *r)
{
	char *end;

	if (*p++ != ',' || *p++ != 'M')
		return NULL;
	r->month = (int)strtol(p, &end, 10);
	if (*end != '.')
		return NULL;
	r->week = (int)strtol(end + 1, &end, 10);
	if (*end != '.')
		return NULL;
	r->weekday = (int)strtol(end + 1, &end, 10);
	if (r->month < 1 || r->month > 12 || r->week < 1 || r->week > 5 ||
	    r->weekday < 0 || r->weekday > 6)
		return NULL;
	r->time = 7200;
	if (*end == '/')
		return hms(end + 1, &r->time);
	return end;
}

/* "STDoff[DST[off],rule,rule]"; anything else: the last type stays. */
static void footer(l2e__zone *z, const char *p)
{
	long off;

	if (!(p = skip_abbr(p)) || !(p = hms(p, &off)))
		return;
	z->std_off = z->dst_off = -off;
	if (!*p)
		return;
	if (!(p = skip_abbr(p)))
		return;
	z->dst_off = z->std_off + 3600;
	if (*p != ',' && (p = hms(p, &off)))
		z->dst_off = -off;
	if (p && (p = rule(p, &z->start)) && (p = rule(p, &z->end)) && !*p)
		z->has_rule = 1;
}

/* The UTC instant a rule happens in `year`, given the offset before. */
static int64_t rule_at(const mrule *r, long year, long off_before)
{
	long long first = l2e__days_from_civil(year, r->month, 1);
	int wd = (int)((first % 7 + 11) % 7); /* 1970-01-01 was a Thursday */
	long long day = first + (r->weekday - wd + 7) % 7 + (r->week - 1) * 7;

	while (r->week == 5 &&
	       day >= first + l2e__days_in_month(year, r->month))
		day -= 7;
	return (int64_t)day * 86400 + r->time - off_before;
}

static long rule_offset(const l2e__zone *z, int64_t t)
{
	long year;
	int m, d;
	int64_t on, off;

	l2e__civil_from_days((t + z->std_off) / 86400 -
	                         ((t + z->std_off) % 86400 < 0),
	                     &year, &m, &d);
	on = rule_at(&z->start, year, z->std_off);
	off = rule_at(&z->end, year, z->dst_off);
	if (on < off) /* northern hemisphere */
		return t >= on && t < off ? z->dst_off : z->std_off;
	return t >= off && t < on ? z->std_off : z->dst_off;
}

long l2e__zone_offset(const l2e__zone *z, int64_t t)
{
	size_t lo = 0, hi = z->n_times;

	if (!z->n_times || t < z->times[0])
		return z->offsets[0];
	if (t >= z->times[z->n_times - 1] && z->has_rule)
		return rule_offset(z, t);
	while (hi - lo > 1) { /* the last transition at or before t */
		size_t mid = lo + (hi - lo) / 2;

		if (z->times[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return z->offsets[z->kinds[lo]];
}

/* ==== Loading ==== */

static int parse(l2e__zone *z, l2e__pool *pool, const unsigned char *b,
                 size_t len, const char **why)
{
	size_t c[6], block, i, at;
	const unsigned char *h;

	*why = "is not a zone file of the system (TZif)";
	if (!counts(b, len, c, 4, &block) || b[4] < '2')
		return -1; /* version 1 files have no 64-bit times */
	h = b + 44 + block;
	if (!counts(h, len - 44 - block, c, 8, &block))
		return -1;
	z->n_times = c[3];
	z->n_types = c[4];
	z->times = l2e__pool_alloc(pool, (c[3] + 1) * sizeof(*z->times));
	z->kinds = l2e__pool_alloc(pool, c[3] + 1);
	z->offsets = l2e__pool_alloc(pool, c[4] * sizeof(*z->offsets));
	if (!z->times || !z->kinds || !z->offsets)
		return L2E_ENOMEM;
	at = 44;
	for (i = 0; i < c[3]; i++, at += 8) {
		z->times[i] = be64(h + at);
		if (i && z->times[i] <= z->times[i - 1])
			return -1;
	}
	for (i = 0; i < c[3]; i++, at++) {
		z->kinds[i] = h[at];
		if (h[at] >= c[4])
			return -1;
	}
	for (i = 0; i < c[4]; i++, at += 6) {
		z->offsets[i] = (long)(int32_t)be32(h + at);
		if (z->offsets[i] < -93600 || z->offsets[i] > 93600)
			return -1;
	}
	at = 44 + block;
	if (h + at < b + len && h[at] == '\n') {
		char rule_text[128];
		const unsigned char *nl =
		    memchr(h + at + 1, '\n', (size_t)(b + len - (h + at + 1)));
		size_t n = nl ? (size_t)(nl - (h + at + 1)) : 0;

		if (nl && n < sizeof(rule_text)) {
			memcpy(rule_text, h + at + 1, n);
			rule_text[n] = '\0';
			footer(z, rule_text);
		}
	}
	return 0;
}

int l2e__zone_load(const l2e__zone **out, l2e__pool *pool, const char *name,
                   const char **why)
{
	const char *dir = getenv("TZDIR");
	unsigned char *bytes = NULL;
	char path[512];
	l2e__zone *z;
	size_t len;
	FILE *f;
	int error;

	*out = NULL;
	if (!valid_name(name)) {
		*why = "is not a time zone name (such as Europe/Amsterdam)";
		return -1;
	}
	if (!dir || !*dir)
		dir = "/usr/share/zoneinfo";
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!(f = fopen(path, "rb"))) {
		*why = "is not in the system's zone data (/usr/share/zoneinfo; "
		       "install tzdata)";
		return -1;
	}
	if (!(bytes = l2e__malloc(L2E__ZONE_MAX_FILE))) {
		fclose(f);
		return L2E_ENOMEM;
	}
	len = fread(bytes, 1, L2E__ZONE_MAX_FILE, f);
	fclose(f);
	error = L2E_ENOMEM;
	if ((z = l2e__pool_alloc(pool, sizeof(*z))) &&
	    (z->name = l2e__pool_strdup(pool, name))) {
		*why = "is too large for a zone file";
		error = len == L2E__ZONE_MAX_FILE
		            ? -1
		            : parse(z, pool, bytes, len, why);
		if (error == 0)
			*out = z;
	}
	l2e__free(bytes);
	return error;
}
