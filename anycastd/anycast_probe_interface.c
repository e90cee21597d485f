// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd interface tracker: success while zebra reports an interface
 * operationally up (and, with address, while it has exactly that connected
 * prefix).
 *
 *   probe interface IFNAME [address A.B.C.D/M|X:X::X:X/M]
 *
 * The state is libfrr's interface table, fed by zebra (anycast_zebra.c);
 * each run answers from it at once.  A change zebra reports kicks the
 * objects tracking that interface (by name, or by the ifindex a run last
 * saw under that name: a rename), so they see it without waiting for
 * their interval; objects tracking other interfaces are not touched.  The
 * tracked interfaces are a table of their own, one entry per name with
 * the objects using it (the kind's attach/detach).  Only the default VRF
 * is looked at.
 */
#include <zebra.h>

#include "command.h"
#include "if.h"
#include "jhash.h"
#include "libfrr.h"
#include "memory.h"
#include "northbound_cli.h"
#include "vrf.h"
#include "vty.h"
#include "yang.h"

#include "anycast_memory.h"
#include "anycast_nodes.h"
#include "anycast_probe.h"
#include "anycast_probe_users.h"
#include "anycast_vty.h"
#include "anycast_zebra.h"

PREDECL_HASH(iftarget_hash);

struct if_target {
	struct iftarget_hash_item hitem;
	char ifname[IFNAMSIZ];
	ifindex_t ifindex; /* as a run last found it; IFINDEX_INTERNAL: none */
	struct anycast_probe_users users;
};

static int iftarget_cmp(const struct if_target *a, const struct if_target *b)
{
	return strcmp(a->ifname, b->ifname);
}

static uint32_t iftarget_hashfn(const struct if_target *t)
{
	return jhash(t->ifname, strlen(t->ifname), 0x1f7a5c3d);
}

DECLARE_HASH(iftarget_hash, struct if_target, hitem, iftarget_cmp,
	     iftarget_hashfn);

static struct iftarget_hash_head iftargets = INIT_HASH(iftargets);

static struct if_target *iftarget_find(const char *ifname)
{
	struct if_target ref;

	strlcpy(ref.ifname, ifname, sizeof(ref.ifname));
	return iftarget_hash_find(&iftargets, &ref);
}

static void interface_attach(const struct anycast_probe_config *cfg)
{
	struct if_target *t = iftarget_find(cfg->interface.ifname);

	if (!t) {
		t = XCALLOC(MTYPE_ANYCAST_IF_TARGET, sizeof(*t));
		strlcpy(t->ifname, cfg->interface.ifname, sizeof(t->ifname));
		t->ifindex = IFINDEX_INTERNAL;
		iftarget_hash_add(&iftargets, t);
	}
	anycast_probe_users_add(&t->users, cfg);
}

static void iftarget_free(struct if_target *t)
{
	iftarget_hash_del(&iftargets, t);
	anycast_probe_users_fini(&t->users);
	XFREE(MTYPE_ANYCAST_IF_TARGET, t);
}

static void interface_detach(const struct anycast_probe_config *cfg)
{
	struct if_target *t = iftarget_find(cfg->interface.ifname);

	if (t && anycast_probe_users_del(&t->users, cfg) && !t->users.n)
		iftarget_free(t);
}

static int interface_fini(void)
{
	struct if_target *t;

	while ((t = iftarget_hash_first(&iftargets)))
		iftarget_free(t);
	return 0;
}

/* the interface has addr with exactly its length (libfrr's lookups ignore it)
 */
static bool interface_has_address(const struct interface *ifp,
				  const struct prefix *addr)
{
	const struct connected *ifc;

	anycast_frr_each_connected (ifp, ifc)
		if (prefix_same(ifc->address, addr))
			return true;
	return false;
}

static int interface_start(struct anycast_probe_run *run)
{
	const char *ifname = run->cfg->interface.ifname;
	const struct prefix *addr = &run->cfg->interface.address;
	struct if_target *t = iftarget_find(ifname);
	struct interface *ifp;

	ifp = if_lookup_by_name(ifname, VRF_DEFAULT);
	if (t)
		t->ifindex = ifp ? ifp->ifindex : IFINDEX_INTERNAL;
	if (!ifp || ifp->ifindex == IFINDEX_INTERNAL) {
		anycast_probe_finish_lost(run, "%s: no such interface", ifname);
		return 0;
	}
	if (!if_is_operative(ifp)) {
		anycast_probe_finish_lost(run, "%s is %s", ifname,
					  if_is_up(ifp) ? "up without carrier"
							: "down");
		return 0;
	}
	if (addr->family && !interface_has_address(ifp, addr)) {
		anycast_probe_finish_lost(run, "%s has no address %pFX", ifname,
					  addr);
		return 0;
	}
	anycast_probe_finish(run, true, NULL);
	return 0;
}

static void interface_stop(struct anycast_probe_run *run)
{
}

static void interface_config_read(struct anycast_probe_config *cfg,
				  const struct lyd_node *dnode)
{
	strlcpy(cfg->interface.ifname, yang_dnode_get_string(dnode, "./name"),
		sizeof(cfg->interface.ifname));
	if (yang_dnode_exists(dnode, "./address"))
		yang_dnode_get_prefix(&cfg->interface.address, dnode,
				      "./address");
}

static void interface_cli_show(struct vty *vty, const struct lyd_node *dnode)
{
	vty_out(vty, "  probe interface %s",
		yang_dnode_get_string(dnode, "./name"));
	if (yang_dnode_exists(dnode, "./address"))
		vty_out(vty, " address %s",
			yang_dnode_get_string(dnode, "./address"));
	vty_out(vty, "\n");
}

static void interface_describe(const struct anycast_probe_config *cfg,
			       char *buf, size_t len)
{
	if (cfg->interface.address.family)
		snprintfrr(buf, len, "interface %s address %pFX",
			   cfg->interface.ifname, &cfg->interface.address);
	else
		snprintf(buf, len, "interface %s", cfg->interface.ifname);
}

/*
 * zebra told us about a change of ifp: the objects tracking it look again
 * (by its name, and those whose name had its ifindex: it was renamed)
 */
static int interface_changed(struct interface *ifp)
{
	struct if_target *t = iftarget_find(ifp->name), *o;

	if (t)
		anycast_probe_users_kick(&t->users);
	if (ifp->ifindex == IFINDEX_INTERNAL)
		return 0;
	frr_each (iftarget_hash, &iftargets, o)
		if (o != t && o->ifindex == ifp->ifindex)
			anycast_probe_users_kick(&o->users);
	return 0;
}

static bool interface_validate(const struct lyd_node *dnode, char *errmsg,
			       size_t errmsg_len)
{
	const char *ifname = yang_dnode_get_string(dnode, "./name");

	if (anycast_probe_ifname_ok(ifname))
		return true;
	snprintf(errmsg, errmsg_len, "Invalid interface name: %s", ifname);
	return false;
}

#ifndef VTYSH_EXTRACT_PL
#include "anycast_probe_interface_clippy.c"
#endif

DEFPY_YANG(
	probe_interface, probe_interface_cmd,
	"probe interface IFNAME$ifname [address <A.B.C.D/M|X:X::X:X/M>$addr]",
	"What to check\n"
	"An interface's operational state (from zebra)\n"
	"Interface name\n"
	"Also require an address on the interface\n"
	"IPv4 address with prefix length\n"
	"IPv6 address with prefix length\n")
{
	char buf[PREFIX_STRLEN];

	/* checked by the northbound validation (interface_validate) */
	anycast_probe_replace(vty);
	nb_cli_enqueue_change(vty, "./probe/interface/name", NB_OP_MODIFY,
			      ifname);
	if (addr_str) {
		/* as given: the host part is the address, not masked */
		prefix2str(addr, buf, sizeof(buf));
		nb_cli_enqueue_change(vty, "./probe/interface/address",
				      NB_OP_MODIFY, buf);
	}
	return anycast_cli_apply(vty);
}

static void interface_vty_init(void)
{
	install_element(ANYCAST_HEALTH_NODE, &probe_interface_cmd);
	hook_register(anycast_zebra_if_update, interface_changed);
	hook_register(frr_fini, interface_fini);
}

const struct anycast_probe_kind anycast_probe_interface = {
	.name = "interface",
	.start = interface_start,
	.stop = interface_stop,
	.config_read = interface_config_read,
	.validate = interface_validate,
	.cli_show = interface_cli_show,
	.describe = interface_describe,
	.vty_init = interface_vty_init,
	.attach = interface_attach,
	.detach = interface_detach,
};
