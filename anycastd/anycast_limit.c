// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Counting limit of a probe kind's runs in flight (see anycast_limit.h).
 */
#include <stdint.h>

#include "anycast_limit.h"

bool anycast_limit_acquire(struct anycast_limit *l)
{
	if (l->max && l->active >= l->max)
		return false;
	anycast_limit_take(l);
	return true;
}

void anycast_limit_take(struct anycast_limit *l)
{
	l->active++;
	if (l->active > l->peak)
		l->peak = l->active;
}

void anycast_limit_release(struct anycast_limit *l)
{
	if (l->active)
		l->active--;
}

uint32_t anycast_limit_room(const struct anycast_limit *l)
{
	if (!l->max)
		return UINT32_MAX;
	return l->active >= l->max ? 0 : l->max - l->active;
}

uint64_t anycast_limit_defer(struct anycast_limit *l, uint64_t now_ms)
{
	uint64_t n;

	l->deferred++;
	l->unlogged++;
	if (l->next_log_ms && now_ms < l->next_log_ms)
		return 0;
	n = l->unlogged;
	l->unlogged = 0;
	l->next_log_ms = now_ms + ANYCAST_LIMIT_LOG_MS;
	if (!l->next_log_ms) /* now_ms + interval wrapped to 0: never */
		l->next_log_ms = 1;
	return n;
}
