// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd — health-driven anycast prefix announcement for FRRouting.
 */
#include <zebra.h>

#include <lib/version.h>

#include "command.h"
#include "getopt.h"
#include "libfrr.h"
#include "log.h"
#include "privs.h"
#include "sigevent.h"
#include "systemd.h"
#include "anycast_cfgload.h"
#include "anycast_frr.h"
#include "vrf.h"
#include "vty.h"

#include "anycast_drain.h"
#include "anycast_gr.h"
#include "anycast_health.h"
#include "anycast_init.h"
#include "anycast_memory.h"
#include "anycast_metrics.h"
#include "anycast_nb.h"
#include "anycast_prefix.h"
#include "anycast_resync.h"
#include "anycast_zebra.h"
#include "anycast_worker.h"

#define ANYCASTD_VTY_PORT 2640

/*
 * NET_RAW: ICMP probes (raw sockets, raised only around socket()); SETID:
 * exec probes running as another user than frr.
 */
/*
 * Permitted only, raised around the calls that need them: NET_RAW (raw
 * ICMP sockets, binding to a VRF-lite device), SETID (exec as the
 * configured user), SYS_ADMIN (entering a netns VRF's namespace for a
 * probe socket, as FRR's own daemons do), SYS_PTRACE (reading
 * /proc/PID/exe of another user's process for `probe process ... exe`, in
 * the worker thread making that one readlink()).
 */
static zebra_capabilities_t _caps_p[] = {
	ZCAP_NET_RAW,
	ZCAP_SETID,
	ZCAP_SYS_ADMIN,
	ZCAP_PTRACE,
};

struct zebra_privs_t anycast_privs = {
#if defined(FRR_USER) && defined(FRR_GROUP)
	.user = FRR_USER,
	.group = FRR_GROUP,
#endif
#if defined(VTY_GROUP)
	.vty_group = VTY_GROUP,
#endif
	.caps_p = _caps_p,
	.cap_num_p = array_size(_caps_p),
	.cap_num_i = 0,
};

struct frr_event_loop *master;

static const struct option longopts[] = {
	{"table-instance", required_argument, NULL, 'T'},
	{0},
};

static struct frr_daemon_info anycastd_di;

static void sighup(void)
{
	zlog_info("SIGHUP received, reloading %s", anycastd_di.config_file);
	if (anycastd_di.config_file)
		/* one transaction, as at start-up */
		anycast_cfgload_file(anycastd_di.config_file);
	else
		vty_read_config(NULL, anycastd_di.config_file, config_default);
}

static void __attribute__((noreturn)) anycast_exit_finish(void)
{
	anycast_metrics_terminate();
	anycast_memory_terminate();
	anycast_drain_terminate();
	anycast_gr_terminate();
	anycast_zebra_terminate();
	anycast_prefix_terminate();
	anycast_health_terminate();
	anycast_resync_terminate();
	/* after every user of a worker has cancelled its waits */
	anycast_worker_terminate();
	frr_fini();
	exit(0);
}

/*
 * Withdraw everything, then exit once zebra has processed the withdraws
 * (anycast_zebra_flush: at most 1 s).  A second call exits at once.
 */
static void anycast_exit(void)
{
	static bool exiting;

	if (exiting)
		anycast_exit_finish();
	exiting = true;
	zlog_notice("Terminating: withdrawing all prefixes");
	anycast_prefix_withdraw_all();
	anycast_zebra_flush(anycast_exit_finish);
}

static void sigint(void)
{
	/* with shutdown-drain: drain first, anycast_exit() when done */
	if (anycast_drain_on_stop(anycast_exit))
		return;
	anycast_exit();
}

static void sigusr1(void)
{
	zlog_rotate();
}

static struct frr_signal_t anycast_signals[] = {
	{.signal = SIGHUP, .handler = &sighup},
	{.signal = SIGUSR1, .handler = &sigusr1},
	{.signal = SIGINT, .handler = &sigint},
	{.signal = SIGTERM, .handler = &sigint},
};

static const struct frr_yang_module_info *const anycast_yang_modules[] = {
	&frr_anycastd_info,
};

/* clang-format off */
FRR_DAEMON_INFO(anycastd, ANYCASTD,
	.vty_port = ANYCASTD_VTY_PORT,
	.proghelp = "Health-driven anycast prefix announcement.",
	.signals = anycast_signals,
	.n_signals = array_size(anycast_signals),
	.privs = &anycast_privs,
	.yang_modules = anycast_yang_modules,
	.n_yang_modules = array_size(anycast_yang_modules),
);
/* clang-format on */

int main(int argc, char **argv, char **envp)
{
	static char backup_config_file[256];
	unsigned long inst;
	char *end;

	frr_preinit(&anycastd_di, argc, argv);
	frr_opt_add("T:", longopts,
		    "  -T, --table-instance  zebra route table instance to use "
		    "(253-255, default 253)\n");

	while (1) {
		int opt = frr_getopt(argc, argv, NULL);

		if (opt == EOF)
			break;
		switch (opt) {
		case 0:
			break;
		case 'T':
			errno = 0;
			inst = strtoul(optarg, &end, 10);
			if (errno || *end ||
			    inst < ANYCAST_TABLE_INSTANCE_MIN ||
			    inst > ANYCAST_TABLE_INSTANCE_MAX) {
				fprintf(stderr,
					"anycastd: --table-instance must be "
					"%d..%d (got '%s')\n",
					ANYCAST_TABLE_INSTANCE_MIN,
					ANYCAST_TABLE_INSTANCE_MAX, optarg);
				exit(1);
			}
			anycast_table_instance = inst;
			break;
		default:
			frr_help_exit(1);
		}
	}

	master = frr_init();

	anycast_init();

	snprintf(backup_config_file, sizeof(backup_config_file),
		 "%s/anycastd.conf", frr_sysconfdir);
	anycastd_di.backup_config_file = backup_config_file;
	anycast_cfgload_init(&anycastd_di);

	frr_config_fork();
	/*
	 * systemd: READY=1, and with WatchdogSec= (WATCHDOG_USEC, read by
	 * frr_preinit) WATCHDOG=1 every third of it from a timer of this
	 * event loop, so a loop that is stuck stops the keepalives and
	 * systemd kills the daemon (zebra then drops its routes).  Without
	 * NOTIFY_SOCKET nothing is sent.
	 */
	systemd_send_started(master);
	frr_run(master);

	return 0;
}
