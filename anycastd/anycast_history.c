// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd transition history ring (see anycast_history.h).
 */
#include <stdio.h>
#include <string.h>

#include "anycast_history.h"

void anycast_history_add(struct anycast_history *h, const struct timeval *when,
			 const char *from, const char *to, const char *reason)
{
	struct anycast_history_entry *e = &h->e[h->next];

	e->when = *when;
	e->from = from;
	e->to = to;
	snprintf(e->reason, sizeof(e->reason), "%s", reason ? reason : "");
	h->next = (h->next + 1) % ANYCAST_HISTORY_LEN;
	if (h->count < ANYCAST_HISTORY_LEN)
		h->count++;
}

const struct anycast_history_entry *
anycast_history_get(const struct anycast_history *h, uint32_t i)
{
	if (i >= h->count)
		return NULL;
	return &h->e[(h->next + ANYCAST_HISTORY_LEN - 1 - i) %
		     ANYCAST_HISTORY_LEN];
}
