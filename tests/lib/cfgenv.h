// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd's configuration in-process, for tests/fuzz/fuzz_config.c and
 * tests/unit/test_config.c: libfrr initialised as far as configuration
 * needs (command tree, northbound with anycastd's YANG module and
 * callbacks, the VRF table, anycastd's objects).  No event loop runs: no
 * probe is ever started and zebra is never contacted.  Commands go through
 * the command parser on a vty, DEFPY_YANG -> northbound -> the callbacks,
 * exactly as typed.
 */
#ifndef _ANYCAST_CFGENV_H
#define _ANYCAST_CFGENV_H

#include <stdbool.h>

/* Once per process.  verbose: print each command, its result and output. */
extern void cfgenv_init(bool verbose);

/*
 * Execute one line in the vty's current node (CMD_SUCCESS, ...).  Aborts
 * when the northbound failed to edit its candidate (a bug, says FRR).
 */
extern int cfgenv_run(const char *line);

/*
 * A northbound client's edit, as gRPC makes it: a candidate copied from
 * the running configuration, n edits (value NULL: delete xpath, else set
 * it: NB_OP_MODIFY as gRPC's update), then a commit.  NB_OK when
 * committed, NB_ERR_NO_CHANGES, another NB_ERR_* when the commit was
 * refused (errmsg says why), -1 when an edit was refused (no commit).
 * The vty's shared candidate follows the running configuration again.
 */
extern int cfgenv_nb_edit(const char *const *xpaths, const char *const *values,
			  size_t n, char *errmsg, size_t errmsg_len);

/* Back to the configuration node, top level. */
extern void cfgenv_top(void);

/* Empty the running configuration through the northbound; top level. */
extern void cfgenv_reset(void);

/*
 * The running configuration as JSON with every implicit node (defaults,
 * empty containers) made explicit: configurations that mean the same print
 * the same.  free() it.
 */
extern char *cfgenv_running(void);

/*
 * The running configuration's version: it changes with every commit that
 * changed something, and only then.
 */
extern unsigned long cfgenv_version(void);

/* `show running-config` from its first "!" on.  free() it. */
extern char *cfgenv_show(void);

/* Are the daemon's objects those of the running configuration? */
extern bool cfgenv_state_ok(void);

/*
 * Read text as a daemon reads its configuration file (a line that does not
 * match goes to the parent node).  False if a line was rejected.
 */
extern bool cfgenv_read(const char *text);

/*
 * `show running-config`, read into an emptied configuration, gives the
 * same running configuration (and the same `show running-config`).
 */
extern bool cfgenv_round_trip(void);

#endif /* _ANYCAST_CFGENV_H */
