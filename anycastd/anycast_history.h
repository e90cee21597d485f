// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd transition history: the last ANYCAST_HISTORY_LEN state changes
 * of a health object or a prefix, with time and reason.  A fixed ring: no
 * allocation, pure code.
 */
#ifndef _ANYCAST_HISTORY_H
#define _ANYCAST_HISTORY_H

#include <stdint.h>
#include <sys/time.h>

#define ANYCAST_HISTORY_LEN 32

struct anycast_history_entry {
	struct timeval when; /* wall clock */
	const char *from;    /* static state names */
	const char *to;
	char reason[160];
};

struct anycast_history {
	struct anycast_history_entry e[ANYCAST_HISTORY_LEN];
	uint32_t next;	/* slot for the next entry */
	uint32_t count; /* entries held, <= ANYCAST_HISTORY_LEN */
};

/* Record a transition (the oldest entry goes when full). */
extern void anycast_history_add(struct anycast_history *h,
				const struct timeval *when, const char *from,
				const char *to, const char *reason);

/* The i-th newest entry (0 = newest), NULL past the end. */
extern const struct anycast_history_entry *
anycast_history_get(const struct anycast_history *h, uint32_t i);

#endif /* _ANYCAST_HISTORY_H */
