// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the health state machine (anycastd/anycast_fsm.c):
 * every (state, event) pair, the counting rules and the flap-proof rule.
 */
#include <check.h>
#include <stdlib.h>

#include "unit_run.h"
#include "anycast_fsm.h"

#define OK ANYCAST_EV_PROBE_OK
#define FAIL ANYCAST_EV_PROBE_FAIL
#define SHUT ANYCAST_EV_SHUTDOWN
#define NOSHUT ANYCAST_EV_NO_SHUTDOWN

static const struct anycast_fsm_params p33 = {.rise = 3, .fall = 3};
static const struct anycast_fsm_params p11 = {.rise = 1, .fall = 1};

/* Drive a fresh machine with a sequence of events. */
static struct anycast_fsm run(const struct anycast_fsm_params *p,
			      const enum anycast_fsm_event *evs, size_t n)
{
	struct anycast_fsm f;

	anycast_fsm_init(&f);
	for (size_t i = 0; i < n; i++)
		anycast_fsm_input(&f, p, evs[i], 0);
	return f;
}

#define RUN(p, ...)                                                            \
	({                                                                     \
		const enum anycast_fsm_event _e[] = {__VA_ARGS__};             \
		run(p, _e, sizeof(_e) / sizeof(_e[0]));                        \
	})

/* A machine put into a given state with rise = fall = 3. */
static struct anycast_fsm in_state(enum anycast_health_state s)
{
	switch (s) {
	case ANYCAST_HS_INIT:
		return RUN(&p33, NOSHUT);
	case ANYCAST_HS_RISING:
		return RUN(&p33, OK);
	case ANYCAST_HS_UP:
		return RUN(&p33, OK, OK, OK);
	case ANYCAST_HS_FALLING:
		return RUN(&p33, OK, OK, OK, FAIL);
	case ANYCAST_HS_DOWN:
		return RUN(&p33, FAIL);
	case ANYCAST_HS_ADMIN_DOWN:
		return RUN(&p33, SHUT);
	default:
		ck_abort();
	}
}

START_TEST(test_init)
{
	struct anycast_fsm f;

	anycast_fsm_init(&f);
	ck_assert_int_eq(f.state, ANYCAST_HS_INIT);
	ck_assert_uint_eq(f.ok_count, 0);
	ck_assert_uint_eq(f.fail_count, 0);
	for (int s = 0; s < ANYCAST_HS_MAX; s++)
		ck_assert_int_eq(in_state(s).state, s);
}
END_TEST

/* expected next state for every (state, event) with rise = fall = 3 */
/* clang-format off */
static const enum anycast_health_state table33[ANYCAST_HS_MAX][ANYCAST_EV_MAX] = {
	/* ok, fail, shutdown, no shutdown, timer (no delay pending), params, lost */
	[ANYCAST_HS_INIT] = {ANYCAST_HS_RISING, ANYCAST_HS_DOWN, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_INIT, ANYCAST_HS_INIT, ANYCAST_HS_INIT, ANYCAST_HS_DOWN},
	[ANYCAST_HS_RISING] = {ANYCAST_HS_RISING, ANYCAST_HS_DOWN, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_RISING, ANYCAST_HS_RISING, ANYCAST_HS_RISING, ANYCAST_HS_DOWN},
	[ANYCAST_HS_UP] = {ANYCAST_HS_UP, ANYCAST_HS_FALLING, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_UP, ANYCAST_HS_UP, ANYCAST_HS_UP, ANYCAST_HS_DOWN},
	[ANYCAST_HS_FALLING] = {ANYCAST_HS_FALLING, ANYCAST_HS_FALLING, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_FALLING, ANYCAST_HS_FALLING, ANYCAST_HS_FALLING, ANYCAST_HS_DOWN},
	[ANYCAST_HS_DOWN] = {ANYCAST_HS_RISING, ANYCAST_HS_DOWN, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_DOWN, ANYCAST_HS_DOWN, ANYCAST_HS_DOWN, ANYCAST_HS_DOWN},
	[ANYCAST_HS_ADMIN_DOWN] = {ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_INIT, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_ADMIN_DOWN},
};
/* clang-format on */

/* same with rise = fall = 1 */
/* clang-format off */
static const enum anycast_health_state table11[ANYCAST_HS_MAX][ANYCAST_EV_MAX] = {
	/* ok, fail, shutdown, no shutdown, timer (no delay pending), params, lost */
	[ANYCAST_HS_INIT] = {ANYCAST_HS_UP, ANYCAST_HS_DOWN, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_INIT, ANYCAST_HS_INIT, ANYCAST_HS_INIT, ANYCAST_HS_DOWN},
	[ANYCAST_HS_RISING] = {ANYCAST_HS_UP, ANYCAST_HS_DOWN, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_RISING, ANYCAST_HS_RISING, ANYCAST_HS_UP, ANYCAST_HS_DOWN},
	[ANYCAST_HS_UP] = {ANYCAST_HS_UP, ANYCAST_HS_DOWN, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_UP, ANYCAST_HS_UP, ANYCAST_HS_UP, ANYCAST_HS_DOWN},
	[ANYCAST_HS_FALLING] = {ANYCAST_HS_UP, ANYCAST_HS_DOWN, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_FALLING, ANYCAST_HS_FALLING, ANYCAST_HS_DOWN, ANYCAST_HS_DOWN},
	[ANYCAST_HS_DOWN] = {ANYCAST_HS_UP, ANYCAST_HS_DOWN, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_DOWN, ANYCAST_HS_DOWN, ANYCAST_HS_DOWN, ANYCAST_HS_DOWN},
	[ANYCAST_HS_ADMIN_DOWN] = {ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_INIT, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_ADMIN_DOWN, ANYCAST_HS_ADMIN_DOWN},
};
/* clang-format on */

START_TEST(test_every_transition)
{
	for (int s = 0; s < ANYCAST_HS_MAX; s++) {
		for (int e = 0; e < ANYCAST_EV_MAX; e++) {
			struct anycast_fsm f = in_state(s);
			bool changed = anycast_fsm_input(&f, &p33, e, 0);

			ck_assert_msg(f.state == table33[s][e],
				      "rise/fall 3: %s + %s -> %s, expected %s",
				      anycast_fsm_state_name(s),
				      anycast_fsm_event_name(e),
				      anycast_fsm_state_name(f.state),
				      anycast_fsm_state_name(table33[s][e]));
			ck_assert_int_eq(changed, (int)f.state != s);

			f = in_state(s);
			anycast_fsm_input(&f, &p11, e, 0);
			ck_assert_msg(f.state == table11[s][e],
				      "rise/fall 1: %s + %s -> %s, expected %s",
				      anycast_fsm_state_name(s),
				      anycast_fsm_event_name(e),
				      anycast_fsm_state_name(f.state),
				      anycast_fsm_state_name(table11[s][e]));
		}
	}
}
END_TEST

START_TEST(test_rise_counts)
{
	struct anycast_fsm f;

	for (int rise = 1; rise <= 100; rise++) {
		struct anycast_fsm_params p = {.rise = rise, .fall = 3};

		anycast_fsm_init(&f);
		for (int i = 1; i < rise; i++) {
			anycast_fsm_input(&f, &p, OK, 0);
			ck_assert_int_eq(f.state, ANYCAST_HS_RISING);
			ck_assert_uint_eq(f.ok_count, i);
		}
		ck_assert(anycast_fsm_input(&f, &p, OK, 0));
		ck_assert_int_eq(f.state, ANYCAST_HS_UP);
		ck_assert_uint_eq(f.fail_count, 0);
	}
}
END_TEST

START_TEST(test_fall_counts)
{
	for (int fall = 1; fall <= 100; fall++) {
		struct anycast_fsm_params p = {.rise = 1, .fall = fall};
		struct anycast_fsm f;

		anycast_fsm_init(&f);
		anycast_fsm_input(&f, &p, OK, 0);
		ck_assert_int_eq(f.state, ANYCAST_HS_UP);
		for (int i = 1; i < fall; i++) {
			anycast_fsm_input(&f, &p, FAIL, 0);
			ck_assert_int_eq(f.state, ANYCAST_HS_FALLING);
			ck_assert_uint_eq(f.fail_count, i);
			ck_assert(anycast_fsm_is_up(f.state));
		}
		anycast_fsm_input(&f, &p, FAIL, 0);
		ck_assert_int_eq(f.state, ANYCAST_HS_DOWN);
		ck_assert(!anycast_fsm_is_up(f.state));
	}
}
END_TEST

/* pass/fail alternating must end DOWN (ExaBGP's RISING<->FALLING does not) */
START_TEST(test_flapping_ends_down)
{
	struct anycast_fsm f = in_state(ANYCAST_HS_UP);
	int steps = 0;

	while (f.state != ANYCAST_HS_DOWN && steps < 100) {
		anycast_fsm_input(&f, &p33, FAIL, 0);
		if (f.state == ANYCAST_HS_DOWN)
			break;
		anycast_fsm_input(&f, &p33, OK, 0);
		ck_assert_int_eq(f.state, ANYCAST_HS_FALLING);
		steps++;
	}
	ck_assert_int_eq(f.state, ANYCAST_HS_DOWN);
	ck_assert_int_eq(steps, 2); /* FAIL OK FAIL OK FAIL */

	/* and stays down while flapping: never rise successes in a row */
	for (int i = 0; i < 50; i++) {
		anycast_fsm_input(&f, &p33, OK, 0);
		anycast_fsm_input(&f, &p33, FAIL, 0);
		ck_assert_int_eq(f.state, ANYCAST_HS_DOWN);
	}
}
END_TEST

START_TEST(test_falling_recovers_after_rise)
{
	struct anycast_fsm f = in_state(ANYCAST_HS_FALLING);

	ck_assert_uint_eq(f.fail_count, 1);
	anycast_fsm_input(&f, &p33, OK, 0);
	anycast_fsm_input(&f, &p33, OK, 0);
	ck_assert_int_eq(f.state, ANYCAST_HS_FALLING);
	ck_assert_uint_eq(f.fail_count, 1);
	anycast_fsm_input(&f, &p33, OK, 0);
	ck_assert_int_eq(f.state, ANYCAST_HS_UP);
	ck_assert_uint_eq(f.fail_count, 0);
	/* a new failure starts counting from one again */
	anycast_fsm_input(&f, &p33, FAIL, 0);
	ck_assert_uint_eq(f.fail_count, 1);
}
END_TEST

START_TEST(test_rising_reset_by_failure)
{
	struct anycast_fsm f = RUN(&p33, OK, OK, FAIL, OK, OK);

	ck_assert_int_eq(f.state, ANYCAST_HS_RISING);
	ck_assert_uint_eq(f.ok_count, 2);
	anycast_fsm_input(&f, &p33, OK, 0);
	ck_assert_int_eq(f.state, ANYCAST_HS_UP);
}
END_TEST

START_TEST(test_admin_down)
{
	struct anycast_fsm f = RUN(&p33, OK, OK, OK, SHUT);

	ck_assert_int_eq(f.state, ANYCAST_HS_ADMIN_DOWN);
	ck_assert_uint_eq(f.ok_count, 0);
	/* results are ignored */
	ck_assert(!anycast_fsm_input(&f, &p33, OK, 0));
	ck_assert(!anycast_fsm_input(&f, &p33, FAIL, 0));
	ck_assert_int_eq(f.state, ANYCAST_HS_ADMIN_DOWN);
	ck_assert_uint_eq(f.ok_count + f.fail_count, 0);
	/* leaving restarts from INIT with clean counters */
	ck_assert(anycast_fsm_input(&f, &p33, NOSHUT, 0));
	ck_assert_int_eq(f.state, ANYCAST_HS_INIT);
	ck_assert_uint_eq(f.ok_count + f.fail_count, 0);
	/* shutdown twice is no change */
	f = in_state(ANYCAST_HS_ADMIN_DOWN);
	ck_assert(!anycast_fsm_input(&f, &p33, SHUT, 0));
}
END_TEST

START_TEST(test_counter_saturates)
{
	struct anycast_fsm f = in_state(ANYCAST_HS_DOWN);

	f.fail_count = UINT32_MAX;
	anycast_fsm_input(&f, &p33, FAIL, 0);
	ck_assert_uint_eq(f.fail_count, UINT32_MAX);
	f = in_state(ANYCAST_HS_UP);
	f.ok_count = UINT32_MAX;
	anycast_fsm_input(&f, &p33, OK, 0);
	ck_assert_uint_eq(f.ok_count, UINT32_MAX);
}
END_TEST

START_TEST(test_names)
{
	ck_assert_str_eq(anycast_fsm_state_name(ANYCAST_HS_ADMIN_DOWN),
			 "admin-down");
	ck_assert_str_eq(anycast_fsm_state_name(ANYCAST_HS_INIT), "init");
	ck_assert_str_eq(anycast_fsm_state_name(ANYCAST_HS_MAX), "unknown");
	ck_assert_str_eq(anycast_fsm_event_name(ANYCAST_EV_MAX), "unknown");
	ck_assert(anycast_fsm_is_up(ANYCAST_HS_UP));
	ck_assert(anycast_fsm_is_up(ANYCAST_HS_FALLING));
	ck_assert(!anycast_fsm_is_up(ANYCAST_HS_RISING));
	ck_assert(!anycast_fsm_is_up(ANYCAST_HS_INIT));
}
END_TEST

/* delay up: rise successes, then the hold time without failure */
START_TEST(test_delay_up)
{
	struct anycast_fsm_params p = {
		.rise = 2, .fall = 2, .delay_up_ms = 1000};
	struct anycast_fsm f;

	anycast_fsm_init(&f);
	anycast_fsm_input(&f, &p, OK, 0);
	anycast_fsm_input(&f, &p, OK, 100);
	ck_assert_int_eq(f.state, ANYCAST_HS_RISING);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 1100);
	/* more successes do not move the deadline */
	anycast_fsm_input(&f, &p, OK, 500);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 1100);
	/* an early timer does nothing */
	ck_assert(!anycast_fsm_input(&f, &p, ANYCAST_EV_TIMER, 1099));
	ck_assert(anycast_fsm_input(&f, &p, ANYCAST_EV_TIMER, 1100));
	ck_assert_int_eq(f.state, ANYCAST_HS_UP);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 0);

	/* a failure during the hold cancels it */
	anycast_fsm_init(&f);
	anycast_fsm_input(&f, &p, OK, 0);
	anycast_fsm_input(&f, &p, OK, 0);
	anycast_fsm_input(&f, &p, FAIL, 10);
	ck_assert_int_eq(f.state, ANYCAST_HS_DOWN);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 0);
	ck_assert(!anycast_fsm_input(&f, &p, ANYCAST_EV_TIMER, 5000));
	ck_assert_int_eq(f.state, ANYCAST_HS_DOWN);
}
END_TEST

/* delay down: fall failures, then the hold time unless rise successes */
START_TEST(test_delay_down)
{
	struct anycast_fsm_params p = {
		.rise = 2, .fall = 2, .delay_down_ms = 3000};
	struct anycast_fsm f;

	anycast_fsm_init(&f);
	anycast_fsm_input(&f, &p, OK, 0);
	anycast_fsm_input(&f, &p, OK, 0);
	ck_assert_int_eq(f.state, ANYCAST_HS_UP);
	anycast_fsm_input(&f, &p, FAIL, 1000);
	anycast_fsm_input(&f, &p, FAIL, 2000);
	ck_assert_int_eq(f.state, ANYCAST_HS_FALLING);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 5000);
	ck_assert(anycast_fsm_is_up(f.state));
	ck_assert(anycast_fsm_input(&f, &p, ANYCAST_EV_TIMER, 5000));
	ck_assert_int_eq(f.state, ANYCAST_HS_DOWN);

	/* recovery during the hold: rise successes bring it back up */
	anycast_fsm_init(&f);
	anycast_fsm_input(&f, &p, OK, 0);
	anycast_fsm_input(&f, &p, OK, 0);
	anycast_fsm_input(&f, &p, FAIL, 0);
	anycast_fsm_input(&f, &p, FAIL, 0);
	anycast_fsm_input(&f, &p, OK, 100);
	ck_assert_int_eq(f.state, ANYCAST_HS_FALLING);
	anycast_fsm_input(&f, &p, OK, 200);
	ck_assert_int_eq(f.state, ANYCAST_HS_UP);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 0);
	ck_assert(!anycast_fsm_input(&f, &p, ANYCAST_EV_TIMER, 9000));
	ck_assert_int_eq(f.state, ANYCAST_HS_UP);

	/* shutdown clears a pending delay */
	anycast_fsm_input(&f, &p, FAIL, 0);
	anycast_fsm_input(&f, &p, FAIL, 0);
	ck_assert_uint_ne(anycast_fsm_deadline(&f), 0);
	anycast_fsm_input(&f, &p, SHUT, 0);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 0);
}
END_TEST

/* new rise/fall/delays apply to the counts made so far */
START_TEST(test_params_change)
{
	struct anycast_fsm_params p = {.rise = 3, .fall = 3};
	struct anycast_fsm f;

	/* one success counted with rise 3, then rise 1: up at once */
	anycast_fsm_init(&f);
	anycast_fsm_input(&f, &p, OK, 0);
	ck_assert_int_eq(f.state, ANYCAST_HS_RISING);
	p.rise = 2;
	ck_assert(!anycast_fsm_input(&f, &p, ANYCAST_EV_PARAMS, 0));
	p.rise = 1;
	ck_assert(anycast_fsm_input(&f, &p, ANYCAST_EV_PARAMS, 0));
	ck_assert_int_eq(f.state, ANYCAST_HS_UP);
	ck_assert_uint_eq(f.fail_count, 0);

	/* with a delay up: the delay starts at the change */
	p = (struct anycast_fsm_params){
		.rise = 3, .fall = 3, .delay_up_ms = 1000};
	anycast_fsm_init(&f);
	anycast_fsm_input(&f, &p, OK, 0);
	anycast_fsm_input(&f, &p, OK, 0);
	p.rise = 2;
	ck_assert(!anycast_fsm_input(&f, &p, ANYCAST_EV_PARAMS, 500));
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 1500);
	/* rise raised again: the pending delay is cancelled */
	p.rise = 3;
	anycast_fsm_input(&f, &p, ANYCAST_EV_PARAMS, 600);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 0);
	ck_assert(!anycast_fsm_input(&f, &p, ANYCAST_EV_TIMER, 2000));
	ck_assert_int_eq(f.state, ANYCAST_HS_RISING);
	/* a running delay keeps its deadline, a zero delay ends it */
	anycast_fsm_input(&f, &p, OK, 700);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 1700);
	p.delay_up_ms = 5000;
	anycast_fsm_input(&f, &p, ANYCAST_EV_PARAMS, 800);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 1700);
	p.delay_up_ms = 0;
	ck_assert(anycast_fsm_input(&f, &p, ANYCAST_EV_PARAMS, 900));
	ck_assert_int_eq(f.state, ANYCAST_HS_UP);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 0);

	/* falling: fall lowered to the failures counted gives down */
	p = (struct anycast_fsm_params){.rise = 3, .fall = 3};
	anycast_fsm_input(&f, &p, FAIL, 0);
	anycast_fsm_input(&f, &p, FAIL, 0);
	ck_assert_int_eq(f.state, ANYCAST_HS_FALLING);
	p.fall = 2;
	ck_assert(anycast_fsm_input(&f, &p, ANYCAST_EV_PARAMS, 0));
	ck_assert_int_eq(f.state, ANYCAST_HS_DOWN);

	/* falling: rise lowered to the successes since gives up */
	p = (struct anycast_fsm_params){.rise = 3, .fall = 3};
	anycast_fsm_init(&f);
	for (int i = 0; i < 3; i++)
		anycast_fsm_input(&f, &p, OK, 0);
	anycast_fsm_input(&f, &p, FAIL, 0);
	anycast_fsm_input(&f, &p, OK, 0);
	ck_assert_int_eq(f.state, ANYCAST_HS_FALLING);
	p.rise = 1;
	ck_assert(anycast_fsm_input(&f, &p, ANYCAST_EV_PARAMS, 0));
	ck_assert_int_eq(f.state, ANYCAST_HS_UP);
	ck_assert_uint_eq(f.fail_count, 0);

	/* falling with a delay down pending: fall raised cancels it */
	p = (struct anycast_fsm_params){
		.rise = 3, .fall = 2, .delay_down_ms = 1000};
	anycast_fsm_input(&f, &p, FAIL, 0);
	anycast_fsm_input(&f, &p, FAIL, 0);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 1000);
	p.fall = 3;
	anycast_fsm_input(&f, &p, ANYCAST_EV_PARAMS, 10);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 0);
	ck_assert(!anycast_fsm_input(&f, &p, ANYCAST_EV_TIMER, 2000));
	ck_assert_int_eq(f.state, ANYCAST_HS_FALLING);

	/* other states ignore it */
	anycast_fsm_init(&f);
	ck_assert(!anycast_fsm_input(&f, &p, ANYCAST_EV_PARAMS, 0));
	ck_assert_int_eq(f.state, ANYCAST_HS_INIT);
}
END_TEST

/* a definitive failure (the target is gone) takes the object down at once */
START_TEST(test_lost)
{
	struct anycast_fsm_params p = {.rise = 3, .fall = 3};
	struct anycast_fsm f = RUN(&p, OK, OK, OK);

	ck_assert(anycast_fsm_input(&f, &p, ANYCAST_EV_PROBE_LOST, 0));
	ck_assert_int_eq(f.state, ANYCAST_HS_DOWN);
	ck_assert_uint_eq(f.fail_count, 3);
	/* recovery still needs rise successes */
	anycast_fsm_input(&f, &p, OK, 0);
	anycast_fsm_input(&f, &p, OK, 0);
	ck_assert_int_eq(f.state, ANYCAST_HS_RISING);
	anycast_fsm_input(&f, &p, OK, 0);
	ck_assert_int_eq(f.state, ANYCAST_HS_UP);

	/* from falling too */
	anycast_fsm_input(&f, &p, FAIL, 0);
	ck_assert_int_eq(f.state, ANYCAST_HS_FALLING);
	anycast_fsm_input(&f, &p, ANYCAST_EV_PROBE_LOST, 0);
	ck_assert_int_eq(f.state, ANYCAST_HS_DOWN);

	/* delay down still holds it */
	p.delay_down_ms = 1000;
	f = RUN(&p, OK, OK, OK);
	ck_assert(anycast_fsm_input(&f, &p, ANYCAST_EV_PROBE_LOST, 100));
	ck_assert_int_eq(f.state, ANYCAST_HS_FALLING);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 1100);
	ck_assert(anycast_fsm_input(&f, &p, ANYCAST_EV_TIMER, 1100));
	ck_assert_int_eq(f.state, ANYCAST_HS_DOWN);

	/* ... and rise successes within the delay bring it back */
	f = RUN(&p, OK, OK, OK);
	anycast_fsm_input(&f, &p, ANYCAST_EV_PROBE_LOST, 0);
	for (int i = 0; i < 3; i++)
		anycast_fsm_input(&f, &p, OK, 10);
	ck_assert_int_eq(f.state, ANYCAST_HS_UP);
	ck_assert_uint_eq(anycast_fsm_deadline(&f), 0);

	/* fall 1 and down: the same as a failure */
	p = (struct anycast_fsm_params){.rise = 1, .fall = 1};
	f = RUN(&p, OK);
	anycast_fsm_input(&f, &p, ANYCAST_EV_PROBE_LOST, 0);
	ck_assert_int_eq(f.state, ANYCAST_HS_DOWN);
	ck_assert_uint_eq(f.fail_count, 1);
	anycast_fsm_input(&f, &p, ANYCAST_EV_PROBE_LOST, 0);
	ck_assert_uint_eq(f.fail_count, 2);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fsm");
	TCase *tc = tcase_create("fsm");

	tcase_add_test(tc, test_init);
	tcase_add_test(tc, test_every_transition);
	tcase_add_test(tc, test_rise_counts);
	tcase_add_test(tc, test_fall_counts);
	tcase_add_test(tc, test_flapping_ends_down);
	tcase_add_test(tc, test_falling_recovers_after_rise);
	tcase_add_test(tc, test_rising_reset_by_failure);
	tcase_add_test(tc, test_admin_down);
	tcase_add_test(tc, test_counter_saturates);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_delay_up);
	tcase_add_test(tc, test_delay_down);
	tcase_add_test(tc, test_params_change);
	tcase_add_test(tc, test_lost);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
