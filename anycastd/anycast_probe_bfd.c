// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd bfd tracker: success while bfdd reports a BFD session up.
 *
 *   probe bfd PEER [local ADDRESS] [interface IFNAME]
 *
 * Each distinct (peer, local, interface) in use is a target holding one
 * libfrr BFD session (lib/bfd.c), installed through zebra on the zapi
 * session anycast_zebra.c keeps for BFD.  bfdd
 * reports every state change, which is stored and kicks the target's
 * objects (and only those); a run answers from the stored state at once.
 * A target counts the health objects whose configuration uses it
 * (anycast_probe_users.h) and releases its session when the last one
 * goes.  Default VRF only.
 */
#include <zebra.h>

#include "bfd.h"
#include "command.h"
#include "ipaddr.h"
#include "libfrr.h"
#include "northbound_cli.h"
#include "sockunion.h"
#include "anycast_frr.h"
#include "typesafe.h"
#include "vty.h"
#include "yang.h"

#include "anycast_debug.h"
#include "anycast_memory.h"
#include "anycast_nodes.h"
#include "anycast_probe.h"
#include "anycast_probe_users.h"
#include "anycast_vty.h"
#include "anycast_zebra.h"

extern struct frr_event_loop *master;

PREDECL_DLIST(bfd_targets);

struct bfd_target {
	struct bfd_targets_item item;
	struct ipaddr peer;
	struct ipaddr local; /* IPADDR_NONE: unset */
	char ifname[16];
	struct bfd_session_params *bsp;
	enum bfd_session_state state;
	struct anycast_probe_users users;
};

DECLARE_DLIST(bfd_targets, struct bfd_target, item);

static struct bfd_targets_head targets;

static bool bfd_target_same(const struct bfd_target *bt,
			    const struct ipaddr *peer,
			    const struct ipaddr *local, const char *ifname)
{
	return !ipaddr_cmp(&bt->peer, peer) &&
	       bt->local.ipa_type == local->ipa_type &&
	       (local->ipa_type == IPADDR_NONE ||
		!ipaddr_cmp(&bt->local, local)) &&
	       !strcmp(bt->ifname, ifname);
}

static struct bfd_target *bfd_target_find(const struct ipaddr *peer,
					  const struct ipaddr *local,
					  const char *ifname)
{
	struct bfd_target *bt;

	frr_each (bfd_targets, &targets, bt)
		if (bfd_target_same(bt, peer, local, ifname))
			return bt;
	return NULL;
}

static const char *bfd_state_str(enum bfd_session_state state)
{
	switch (state) {
	case BSS_UP:
		return "up";
	case BSS_DOWN:
		return "down";
	case BSS_ADMIN_DOWN:
		return "admin-down";
	case BSS_UNKNOWN:
		break;
	}
	return "init";
}

static void bfd_target_status(struct bfd_session_params *bsp,
			      const struct bfd_session_status *bss, void *arg)
{
	struct bfd_target *bt = arg;
	bool changed = (bt->state == BSS_UP) != (bss->state == BSS_UP);

	ANYCAST_DBG_ZEBRA("bfd tracker %pIA: session %s -> %s", &bt->peer,
			  bfd_state_str(bt->state), bfd_state_str(bss->state));
	bt->state = bss->state;
	if (changed)
		anycast_probe_users_kick(&bt->users);
}

static void bfd_target_install(struct bfd_target *bt)
{
	if (anycast_zebra_bfd_connected())
		bfd_sess_install(bt->bsp);
}

static struct bfd_target *bfd_target_new(const struct ipaddr *peer,
					 const struct ipaddr *local,
					 const char *ifname)
{
	struct bfd_target *bt;
	bool has_local = local->ipa_type != IPADDR_NONE;

	bt = XCALLOC(MTYPE_ANYCAST_BFD_TARGET, sizeof(*bt));
	bt->peer = *peer;
	bt->local = *local;
	strlcpy(bt->ifname, ifname, sizeof(bt->ifname));
	bt->state = BSS_UNKNOWN;
	bt->bsp = bfd_sess_new(bfd_target_status, bt);
	if (IS_IPADDR_V4(peer))
		bfd_sess_set_ipv4_addrs(bt->bsp,
					has_local ? &local->ipaddr_v4 : NULL,
					&peer->ipaddr_v4);
	else
		bfd_sess_set_ipv6_addrs(bt->bsp,
					has_local ? &local->ipaddr_v6 : NULL,
					&peer->ipaddr_v6);
	if (ifname[0])
		bfd_sess_set_interface(bt->bsp, ifname);
	bfd_sess_set_vrf(bt->bsp, VRF_DEFAULT);
	bfd_targets_add_tail(&targets, bt);
	ANYCAST_DBG_ZEBRA("bfd tracker %pIA: new session", &bt->peer);
	return bt;
}

static void bfd_target_free(struct bfd_target *bt)
{
	bfd_sess_free(&bt->bsp);
	bfd_targets_del(&targets, bt);
	anycast_probe_users_fini(&bt->users);
	XFREE(MTYPE_ANYCAST_BFD_TARGET, bt);
}

/* a health object's configuration uses its session: count it */
static void bfd_attach(const struct anycast_probe_config *cfg)
{
	struct bfd_target *bt = bfd_target_find(&cfg->bfd.peer, &cfg->bfd.local,
						cfg->bfd.ifname);

	if (!bt) {
		bt = bfd_target_new(&cfg->bfd.peer, &cfg->bfd.local,
				    cfg->bfd.ifname);
		bfd_target_install(bt);
	}
	anycast_probe_users_add(&bt->users, cfg);
}

/* ... no longer: the last user's departure releases the session */
static void bfd_detach(const struct anycast_probe_config *cfg)
{
	struct bfd_target *bt = bfd_target_find(&cfg->bfd.peer, &cfg->bfd.local,
						cfg->bfd.ifname);

	if (!bt || !anycast_probe_users_del(&bt->users, cfg) || bt->users.n)
		return;
	ANYCAST_DBG_ZEBRA("bfd tracker %pIA: no longer used", &bt->peer);
	bfd_target_free(bt);
}

static int bfd_start(struct anycast_probe_run *run)
{
	const struct ipaddr *peer = &run->cfg->bfd.peer;
	struct bfd_target *bt;

	bt = bfd_target_find(peer, &run->cfg->bfd.local, run->cfg->bfd.ifname);
	if (!bt) {
		/* not a health object's (attach): nothing to answer from */
		anycast_probe_finish(run, false, "no BFD session to %pIA",
				     peer);
		return 0;
	}
	if (!anycast_zebra_bfd_connected()) {
		/* the reconnection installs the session */
		/*
		 * zebra away says nothing about the target: no result, the
		 * object's last state holds
		 */
		anycast_probe_note_local(run);
		anycast_probe_finish(run, false, "not connected to zebra");
		return 0;
	}
	if (bt->state == BSS_UP)
		anycast_probe_finish(run, true, NULL);
	else if (bt->state == BSS_UNKNOWN)
		anycast_probe_finish(run, false, "BFD session to %pIA is %s",
				     peer, bfd_state_str(bt->state));
	else /* bfdd says down: the session is lost */
		anycast_probe_finish_lost(run, "BFD session to %pIA is %s",
					  peer, bfd_state_str(bt->state));
	return 0;
}

static void bfd_stop(struct anycast_probe_run *run)
{
}

static int bfd_reconnected(void)
{
	struct bfd_target *bt;

	frr_each (bfd_targets, &targets, bt)
		bfd_sess_install(bt->bsp);
	return 0;
}

static int bfd_fini(void)
{
	struct bfd_target *bt;

	while ((bt = bfd_targets_first(&targets)))
		bfd_target_free(bt);
	bfd_targets_fini(&targets);
	return 0;
}

static void bfd_config_read(struct anycast_probe_config *cfg,
			    const struct lyd_node *dnode)
{
	yang_dnode_get_ip(&cfg->bfd.peer, dnode, "./peer");
	if (yang_dnode_exists(dnode, "./local"))
		yang_dnode_get_ip(&cfg->bfd.local, dnode, "./local");
	else
		cfg->bfd.local.ipa_type = IPADDR_NONE;
	if (yang_dnode_exists(dnode, "./interface"))
		strlcpy(cfg->bfd.ifname,
			yang_dnode_get_string(dnode, "./interface"),
			sizeof(cfg->bfd.ifname));
}

static void bfd_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
	vty_out(vty, "  probe bfd %s", yang_dnode_get_string(dnode, "./peer"));
	if (yang_dnode_exists(dnode, "./local"))
		vty_out(vty, " local %s",
			yang_dnode_get_string(dnode, "./local"));
	if (yang_dnode_exists(dnode, "./interface"))
		vty_out(vty, " interface %s",
			yang_dnode_get_string(dnode, "./interface"));
	vty_out(vty, "\n");
}

static void bfd_describe(const struct anycast_probe_config *cfg, char *buf,
			 size_t len)
{
	char local[64] = "", ifname[32] = "";

	if (cfg->bfd.local.ipa_type != IPADDR_NONE)
		snprintfrr(local, sizeof(local), " local %pIA",
			   &cfg->bfd.local);
	if (cfg->bfd.ifname[0])
		snprintf(ifname, sizeof(ifname), " interface %s",
			 cfg->bfd.ifname);
	snprintfrr(buf, len, "bfd %pIA%s%s", &cfg->bfd.peer, local, ifname);
}

static bool bfd_validate(const struct lyd_node *dnode, char *errmsg,
			 size_t errmsg_len)
{
	if (!anycast_probe_addrs_ok(dnode, "./peer", "peer", "./local", "local",
				    true,
				    "Local and peer address families differ",
				    errmsg, errmsg_len))
		return false;
	if (yang_dnode_exists(dnode, "./interface") &&
	    !anycast_probe_ifname_ok(
		    yang_dnode_get_string(dnode, "./interface"))) {
		snprintf(errmsg, errmsg_len, "Invalid interface name: %s",
			 yang_dnode_get_string(dnode, "./interface"));
		return false;
	}
	/* a link-local peer without an interface: the YANG model's must */
	return true;
}

#ifndef VTYSH_EXTRACT_PL
#include "anycast_probe_bfd_clippy.c"
#endif

DEFPY_YANG(probe_bfd, probe_bfd_cmd,
	   "probe bfd <A.B.C.D|X:X::X:X>$peer [local <A.B.C.D|X:X::X:X>$local] "
	   "[interface IFNAME$ifname]",
	   "What to check\n"
	   "A BFD session (through bfdd)\n"
	   "IPv4 peer address\n"
	   "IPv6 peer address\n"
	   "Local address\n"
	   "IPv4 local address\n"
	   "IPv6 local address\n"
	   "Interface (single-hop session)\n"
	   "Interface name\n")
{
	/* checked by the northbound validation (bfd_validate) */
	anycast_probe_replace(vty);
	nb_cli_enqueue_change(vty, "./probe/bfd/peer", NB_OP_MODIFY, peer_str);
	if (local_str)
		nb_cli_enqueue_change(vty, "./probe/bfd/local", NB_OP_MODIFY,
				      local_str);
	if (ifname)
		nb_cli_enqueue_change(vty, "./probe/bfd/interface",
				      NB_OP_MODIFY, ifname);
	return anycast_cli_apply(vty);
}

static void bfd_vty_init(void)
{
	install_element(ANYCAST_HEALTH_NODE, &probe_bfd_cmd);
	bfd_targets_init(&targets);
	hook_register(anycast_zebra_bfd_reconnected, bfd_reconnected);
	hook_register(frr_fini, bfd_fini);
}

const struct anycast_probe_kind anycast_probe_bfd = {
	.name = "bfd",
	.start = bfd_start,
	.stop = bfd_stop,
	.config_read = bfd_config_read,
	.validate = bfd_validate,
	.cli_show = bfd_cli_show,
	.describe = bfd_describe,
	.vty_init = bfd_vty_init,
	.attach = bfd_attach,
	.detach = bfd_detach,
};
