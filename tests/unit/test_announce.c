// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the announcement decision (anycastd/anycast_announce.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "unit_run.h"
#include "anycast_announce.h"

#define T0 1000000 /* a drain request's start, ms */

static struct anycast_announce_result
decide(const struct anycast_announce_cfg *c, enum anycast_prefix_state s,
       uint64_t since, uint64_t now)
{
	struct anycast_announce_result r;

	anycast_announce_decide(c, s, since, now, &r);
	return r;
}

START_TEST(test_defaults)
{
	struct anycast_announce_cfg c;
	struct anycast_announce_result r;

	anycast_announce_cfg_init(&c);
	ck_assert_uint_eq(c.drain_tag, 65535);
	ck_assert_uint_eq(c.drain_time_s, 60);
	r = decide(&c, ANYCAST_PS_UP, 0, T0);
	ck_assert(r.route.announce);
	ck_assert(!r.route.has_metric && !r.route.has_tag);
	ck_assert_int_eq(r.drain, ANYCAST_DRAIN_NONE);
	ck_assert_str_eq(r.why, "up: advertise");
	r = decide(&c, ANYCAST_PS_DEGRADED, 0, T0);
	ck_assert(r.route.announce);
	r = decide(&c, ANYCAST_PS_DOWN, 0, T0);
	ck_assert(!r.route.announce);
	ck_assert_str_eq(r.why, "down: withdraw");
}
END_TEST

START_TEST(test_per_state_attributes_and_inheritance)
{
	struct anycast_announce_cfg c;
	struct anycast_announce_result r;

	anycast_announce_cfg_init(&c);
	c.up = (struct anycast_attrs){true, 10, true, 100};
	/* degraded: own metric, up's tag */
	c.degraded = (struct anycast_attrs){true, 50, false, 0};
	/* down advertise: own tag, up's metric */
	c.down_advertise = true;
	c.down = (struct anycast_attrs){false, 0, true, 300};

	r = decide(&c, ANYCAST_PS_UP, 0, T0);
	ck_assert(r.route.announce && r.route.has_metric && r.route.has_tag);
	ck_assert_uint_eq(r.route.metric, 10);
	ck_assert_uint_eq(r.route.tag, 100);
	r = decide(&c, ANYCAST_PS_DEGRADED, 0, T0);
	ck_assert_uint_eq(r.route.metric, 50);
	ck_assert_uint_eq(r.route.tag, 100);
	r = decide(&c, ANYCAST_PS_DOWN, 0, T0);
	ck_assert(r.route.announce);
	ck_assert_uint_eq(r.route.metric, 10);
	ck_assert_uint_eq(r.route.tag, 300);
	ck_assert_str_eq(r.why, "down: advertise");

	/* metric 0 is a value, not "unset" */
	c.degraded = (struct anycast_attrs){true, 0, false, 0};
	r = decide(&c, ANYCAST_PS_DEGRADED, 0, T0);
	ck_assert(r.route.has_metric);
	ck_assert_uint_eq(r.route.metric, 0);

	/* degraded withdraw */
	c.degraded_withdraw = true;
	r = decide(&c, ANYCAST_PS_DEGRADED, 0, T0);
	ck_assert(!r.route.announce);
	ck_assert(!r.route.has_metric && !r.route.has_tag);
	ck_assert_str_eq(r.why, "degraded: withdraw");

	/* nothing set anywhere: no attributes at all */
	anycast_announce_cfg_init(&c);
	c.down_advertise = true;
	r = decide(&c, ANYCAST_PS_DOWN, 0, T0);
	ck_assert(r.route.announce && !r.route.has_metric && !r.route.has_tag);
}
END_TEST

START_TEST(test_drain_sequence)
{
	struct anycast_announce_cfg c;
	struct anycast_announce_result r;

	anycast_announce_cfg_init(&c);
	c.up = (struct anycast_attrs){true, 10, true, 100};
	c.drain_time_s = 30;
	c.drain_tag = 777;

	/* draining: drain tag replaces the tag, metric unchanged */
	r = decide(&c, ANYCAST_PS_UP, T0, T0);
	ck_assert(r.route.announce);
	ck_assert_int_eq(r.drain, ANYCAST_DRAIN_DRAINING);
	ck_assert_uint_eq(r.route.tag, 777);
	ck_assert_uint_eq(r.route.metric, 10);
	ck_assert_uint_eq(r.drain_deadline_ms, T0 + 30000);
	ck_assert_str_eq(r.why, "up: draining, tag 777, withdrawn in 30 s");
	r = decide(&c, ANYCAST_PS_UP, T0, T0 + 29001);
	ck_assert_int_eq(r.drain, ANYCAST_DRAIN_DRAINING);
	ck_assert_str_eq(r.why, "up: draining, tag 777, withdrawn in 1 s");
	/* the deadline itself: drained */
	r = decide(&c, ANYCAST_PS_UP, T0, T0 + 30000);
	ck_assert(!r.route.announce);
	ck_assert_int_eq(r.drain, ANYCAST_DRAIN_DRAINED);
	ck_assert_uint_eq(r.drain_deadline_ms, 0);
	/* drain ended: announced normally */
	r = decide(&c, ANYCAST_PS_UP, 0, T0 + 40000);
	ck_assert(r.route.announce);
	ck_assert_uint_eq(r.route.tag, 100);
	ck_assert_int_eq(r.drain, ANYCAST_DRAIN_NONE);
}
END_TEST

START_TEST(test_drain_and_withdrawing_states)
{
	struct anycast_announce_cfg c;
	struct anycast_announce_result r;

	anycast_announce_cfg_init(&c);
	/* down withdraws: drain or not, no drain state */
	r = decide(&c, ANYCAST_PS_DOWN, T0, T0 + 1);
	ck_assert(!r.route.announce);
	ck_assert_int_eq(r.drain, ANYCAST_DRAIN_NONE);
	/* down advertise drains like up */
	c.down_advertise = true;
	r = decide(&c, ANYCAST_PS_DOWN, T0, T0 + 1);
	ck_assert(r.route.announce);
	ck_assert_int_eq(r.drain, ANYCAST_DRAIN_DRAINING);
	ck_assert_uint_eq(r.route.tag, 65535);
	/* drain-time 0: drained at once */
	c.drain_time_s = 0;
	r = decide(&c, ANYCAST_PS_UP, T0, T0);
	ck_assert(!r.route.announce);
	ck_assert_int_eq(r.drain, ANYCAST_DRAIN_DRAINED);
}
END_TEST

START_TEST(test_route_equal)
{
	struct anycast_route a = {true, true, 10, false, 0};
	struct anycast_route b = a;

	ck_assert(anycast_route_equal(&a, &b));
	b.metric = 11;
	ck_assert(!anycast_route_equal(&a, &b));
	b = a;
	b.has_tag = true;
	ck_assert(!anycast_route_equal(&a, &b));
	b = a;
	b.tag = 5; /* not set: ignored */
	ck_assert(anycast_route_equal(&a, &b));
	/* two withdrawals are equal whatever they carry */
	a.announce = b.announce = false;
	b.metric = 99;
	ck_assert(anycast_route_equal(&a, &b));
	a.announce = true;
	ck_assert(!anycast_route_equal(&a, &b));
	ck_assert_str_eq(anycast_drain_state_name(ANYCAST_DRAIN_DRAINING),
			 "draining");
}
END_TEST

START_TEST(test_last_site_guard)
{
	struct anycast_announce_cfg c;
	struct anycast_announce_result r;

	anycast_announce_cfg_init(&c);
	ck_assert_uint_eq(c.guard_tag, 65534);
	c.up = (struct anycast_attrs){true, 10, true, 100};
	c.down = (struct anycast_attrs){true, 900, false, 0};

	/* without the guard: no distance, down withdraws */
	r = decide(&c, ANYCAST_PS_UP, 0, T0);
	ck_assert_uint_eq(r.route.distance, 0);
	r = decide(&c, ANYCAST_PS_DOWN, 0, T0);
	ck_assert(!r.route.announce && !r.guarded);

	c.guard = true;
	/* up: beats BGP */
	r = decide(&c, ANYCAST_PS_UP, 0, T0);
	ck_assert(r.route.announce && !r.guarded);
	ck_assert_uint_eq(r.route.distance, ANYCAST_DISTANCE_ANNOUNCE);
	ck_assert_uint_eq(r.route.tag, 100);
	/* down: kept with the guard tag, floating; down's metric */
	r = decide(&c, ANYCAST_PS_DOWN, 0, T0);
	ck_assert(r.route.announce && r.guarded);
	ck_assert_uint_eq(r.route.distance, ANYCAST_DISTANCE_GUARD);
	ck_assert_uint_eq(r.route.tag, 65534);
	ck_assert_uint_eq(r.route.metric, 900);
	ck_assert_str_eq(r.why, "down: guarded (tag 65534, advertised only "
				"while no other path exists)");
	/* degraded withdraw is guarded the same way */
	c.degraded_withdraw = true;
	r = decide(&c, ANYCAST_PS_DEGRADED, 0, T0);
	ck_assert(r.guarded && r.route.metric == 10);
	/* down advertise: a plain announcement, not guarded */
	c.down_advertise = true;
	r = decide(&c, ANYCAST_PS_DOWN, 0, T0);
	ck_assert(r.route.announce && !r.guarded);
	ck_assert_uint_eq(r.route.distance, ANYCAST_DISTANCE_ANNOUNCE);
	/* a drain is never guarded: withdrawn after drain-time */
	c.down_advertise = false;
	r = decide(&c, ANYCAST_PS_DOWN, T0, T0);
	ck_assert(!r.route.announce && !r.guarded);
	r = decide(&c, ANYCAST_PS_UP, T0, T0 + 60000);
	ck_assert(!r.route.announce && !r.guarded);
	ck_assert_int_eq(r.drain, ANYCAST_DRAIN_DRAINED);
	/* the distance is part of the route */
	{
		struct anycast_route a = {true, false, 0, false, 0, 10};
		struct anycast_route b = a;

		b.distance = 254;
		ck_assert(!anycast_route_equal(&a, &b));
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("announce");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_per_state_attributes_and_inheritance);
	tcase_add_test(tc, test_drain_sequence);
	tcase_add_test(tc, test_drain_and_withdrawing_states);
	tcase_add_test(tc, test_route_equal);
	tcase_add_test(tc, test_last_site_guard);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
