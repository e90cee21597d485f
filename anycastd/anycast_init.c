// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd's subsystems, in order (see anycast_init.h).
 */
#include <zebra.h>

#include "anycast_debug.h"
#include "anycast_gr.h"
#include "anycast_health.h"
#include "anycast_init.h"
#include "anycast_leftover.h"
#include "anycast_prefix.h"
#include "anycast_probe_limit.h"
#include "anycast_resync.h"
#include "anycast_vty.h"
#include "anycast_worker.h"
#include "anycast_zebra.h"

void anycast_init(void)
{
	anycast_zebra_vrf_init();
	anycast_debug_init();
	anycast_worker_init();
	anycast_health_init();
	anycast_probe_budget_init();
	anycast_prefix_init();
	anycast_zebra_init();
	anycast_gr_init();
	anycast_leftover_init();
	anycast_resync_init();
	anycast_vty_init();
}
