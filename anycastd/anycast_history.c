// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd transition history ring (see anycast_history.h).
 */
#include <stdio.h>
#include <string.h>

#include "anycast_history.h"

static size_t history_size(uint32_t cap)
{
	return sizeof(struct anycast_history) +
	       cap * sizeof(struct anycast_history_entry);
}

/* A full ring of h->cap entries, oldest at h->next: room for cap entries. */
static struct anycast_history *history_grow(struct anycast_history *h,
					    anycast_history_realloc_fn re,
					    uint32_t cap)
{
	struct anycast_history *n = re(h, history_size(cap));
	struct anycast_history_entry tmp;

	if (!n)
		return NULL;
	if (!h) {
		memset(n, 0, sizeof(*n));
	} else {
		/* oldest first again: rotate left by next, one at a time */
		for (uint32_t r = 0; r < n->next; r++) {
			tmp = n->e[0];
			memmove(&n->e[0], &n->e[1],
				(n->count - 1) * sizeof(n->e[0]));
			n->e[n->count - 1] = tmp;
		}
		n->next = n->count;
	}
	n->cap = cap;
	return n;
}

struct anycast_history *anycast_history_add(struct anycast_history *h,
					    anycast_history_realloc_fn re,
					    const struct timeval *when,
					    const char *from, const char *to,
					    const char *reason)
{
	struct anycast_history *n;
	struct anycast_history_entry *e;

	if (!h || (h->count == h->cap && h->cap < ANYCAST_HISTORY_LEN)) {
		uint32_t cap = h ? 2 * h->cap : ANYCAST_HISTORY_MIN;

		if (cap > ANYCAST_HISTORY_LEN)
			cap = ANYCAST_HISTORY_LEN;
		n = history_grow(h, re, cap);
		if (!n && !h)
			return NULL;
		if (n)
			h = n;
	}
	e = &h->e[h->next];
	e->when = *when;
	e->from = from;
	e->to = to;
	snprintf(e->reason, sizeof(e->reason), "%s", reason ? reason : "");
	h->next = (h->next + 1) % h->cap;
	if (h->count < h->cap)
		h->count++;
	return h;
}

const struct anycast_history_entry *
anycast_history_get(const struct anycast_history *h, uint32_t i)
{
	if (!h || i >= h->count)
		return NULL;
	return &h->e[(h->next + h->cap - 1 - i) % h->cap];
}
