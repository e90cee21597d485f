// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd flap dampening (pure; see anycast_dampen.h).
 */
#include <math.h>

#include "anycast_dampen.h"

double anycast_dampen_penalty(const struct anycast_dampen *d,
			      const struct anycast_dampen_params *p,
			      uint64_t now_ms)
{
	double elapsed;

	if (d->penalty <= 0 || now_ms <= d->updated_ms)
		return d->penalty;
	elapsed = (double)(now_ms - d->updated_ms) / 1000.0;
	return d->penalty * exp2(-elapsed / p->half_life_s);
}

bool anycast_dampen_update(struct anycast_dampen *d,
			   const struct anycast_dampen_params *p,
			   uint64_t now_ms)
{
	d->penalty = anycast_dampen_penalty(d, p, now_ms);
	if (d->penalty < 1)
		d->penalty = 0;
	d->updated_ms = now_ms;
	if (d->suppressed && d->penalty <= p->reuse) {
		d->suppressed = false;
		return true;
	}
	return false;
}

bool anycast_dampen_flap(struct anycast_dampen *d,
			 const struct anycast_dampen_params *p, uint64_t now_ms)
{
	/* the most a penalty may be: decays to reuse in max-suppress */
	double ceiling =
		p->reuse * exp2((double)p->max_suppress_s / p->half_life_s);
	bool was = d->suppressed;

	anycast_dampen_update(d, p, now_ms);
	d->flaps++;
	d->penalty += p->penalty;
	if (d->penalty > ceiling)
		d->penalty = ceiling;
	if (d->penalty >= p->suppress)
		d->suppressed = true;
	return d->suppressed && !was;
}

uint64_t anycast_dampen_reuse_in(const struct anycast_dampen *d,
				 const struct anycast_dampen_params *p,
				 uint64_t now_ms)
{
	double pen = anycast_dampen_penalty(d, p, now_ms);

	if (!d->suppressed || pen <= p->reuse)
		return 0;
	/* pen * 2^(-t/h) = reuse  =>  t = h * log2(pen / reuse) */
	return (uint64_t)ceil(p->half_life_s * 1000.0 * log2(pen / p->reuse)) +
	       1;
}
