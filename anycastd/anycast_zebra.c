// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd zebra adapter (see anycast_zebra.h).
 */
#include <zebra.h>

#include "log.h"
#include "nexthop.h"
#include "privs.h"
#include "vrf.h"
#include "zclient.h"

#include "anycast_debug.h"
#include "anycast_prefix.h"
#include "anycast_zebra.h"

extern struct thread_master *master;
extern struct zebra_privs_t anycast_privs;

unsigned short anycast_table_instance = ANYCAST_TABLE_INSTANCE_DEFAULT;

static struct zclient *zclient;

bool anycast_zebra_connected(void)
{
	return zclient && zclient->sock >= 0;
}

void anycast_zebra_route_update(const struct prefix *p, bool install)
{
	struct zapi_route api;
	struct zapi_nexthop *nh;
	enum zclient_send_status ret;

	if (!anycast_zebra_connected()) {
		ANYCAST_DBG_ZEBRA("%pFX: not connected, %s deferred", p,
				  install ? "install" : "removal");
		return;
	}

	memset(&api, 0, sizeof(api));
	api.vrf_id = VRF_DEFAULT;
	api.type = ZEBRA_ROUTE_TABLE;
	api.instance = anycast_table_instance;
	api.safi = SAFI_UNICAST;
	prefix_copy(&api.prefix, p);

	if (install) {
		SET_FLAG(api.message, ZAPI_MESSAGE_NEXTHOP);
		api.nexthop_num = 1;
		nh = &api.nexthops[0];
		nh->vrf_id = VRF_DEFAULT;
		nh->type = NEXTHOP_TYPE_BLACKHOLE;
		nh->bh_type = BLACKHOLE_NULL;
	}

	ret = zclient_route_send(install ? ZEBRA_ROUTE_ADD : ZEBRA_ROUTE_DELETE,
				 zclient, &api);
	if (ret == ZCLIENT_SEND_FAILURE)
		zlog_warn("%pFX: failed to send route %s to zebra", p,
			  install ? "add" : "delete");
	else
		ANYCAST_DBG_ZEBRA("%pFX: route %s sent", p,
				  install ? "add" : "delete");
}

static void anycast_zebra_connected_cb(struct zclient *zc)
{
	struct anycast_prefix *ap;
	unsigned int n = 0;

	zclient_send_reg_requests(zc, VRF_DEFAULT);
	/* zebra forgot (or never had) our routes: send every wanted one */
	frr_each (anycast_prefix_tree, &anycast_prefixes, ap) {
		if (!ap->announce)
			continue;
		anycast_zebra_route_update(&ap->p, true);
		n++;
	}
	zlog_info("connected to zebra as table instance %u, %u route(s) sent",
		  anycast_table_instance, n);
}

void anycast_zebra_init(void)
{
	struct zclient_options opt = {.receive_notify = false};

	zclient = zclient_new(master, &opt, NULL, 0);
	zclient_init(zclient, ZEBRA_ROUTE_TABLE, anycast_table_instance,
		     &anycast_privs);
	zclient->zebra_connected = anycast_zebra_connected_cb;
}

void anycast_zebra_terminate(void)
{
	if (!zclient)
		return;
	zclient_stop(zclient);
	zclient_free(zclient);
	zclient = NULL;
}
