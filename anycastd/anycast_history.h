// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd transition history: the last ANYCAST_HISTORY_LEN state changes
 * of a health object or a prefix, with time and reason.  A ring that starts
 * with ANYCAST_HISTORY_MIN entries and doubles when full, up to
 * ANYCAST_HISTORY_LEN: most objects change state a few times in their life,
 * and 1,000 objects with full-size rings held 6 MB (doc/benchmarks.md).
 * Pure code: the caller passes the allocator.
 */
#ifndef _ANYCAST_HISTORY_H
#define _ANYCAST_HISTORY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#define ANYCAST_HISTORY_LEN 32
#define ANYCAST_HISTORY_MIN 2

struct anycast_history_entry {
	struct timeval when; /* wall clock */
	const char *from;    /* static state names */
	const char *to;
	char reason[160];
};

struct anycast_history {
	uint32_t cap;	/* entries allocated, <= ANYCAST_HISTORY_LEN */
	uint32_t next;	/* slot for the next entry */
	uint32_t count; /* entries held, <= cap */
	struct anycast_history_entry e[];
};

/* like realloc(3): the allocator of the rings (NULL ptr: a new one) */
typedef void *(*anycast_history_realloc_fn)(void *ptr, size_t size);

/*
 * Record a transition in h (NULL: no history yet).  A full ring below
 * ANYCAST_HISTORY_LEN grows through re, a full-size one drops its oldest
 * entry.  Returns the ring, which may have moved; when re fails (returns
 * NULL) the transition is recorded over the oldest entry instead, or, with
 * no ring yet, not at all (NULL is returned).
 */
extern struct anycast_history *
anycast_history_add(struct anycast_history *h, anycast_history_realloc_fn re,
		    const struct timeval *when, const char *from,
		    const char *to, const char *reason);

/* The i-th newest entry (0 = newest), NULL past the end or for h NULL. */
extern const struct anycast_history_entry *
anycast_history_get(const struct anycast_history *h, uint32_t i);

#endif /* _ANYCAST_HISTORY_H */
