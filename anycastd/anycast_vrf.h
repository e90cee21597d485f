// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd probe sockets in a VRF (`vrf NAME` on a health object).
 */
#ifndef _ANYCAST_VRF_H
#define _ANYCAST_VRF_H

#include <stdbool.h>
#include <stddef.h>

#include "vrf.h"

/*
 * socket(domain, type, protocol) in VRF vrf ("" or "default": the default
 * VRF, a plain socket).  VRF-lite: the socket is bound to the VRF device
 * (CAP_NET_RAW); netns VRFs (zebra -n): it is created inside the VRF's
 * namespace (CAP_SYS_ADMIN, switched back at once); privileges are raised
 * for either.  raise_privs: raise them in the default VRF too (raw
 * sockets).  -1 with errno and err filled (a VRF zebra does not know is
 * ENOENT, never the default VRF instead).
 */
extern int anycast_vrf_socket(const char *vrf, int domain, int type,
			      int protocol, bool raise_privs, char *err,
			      size_t errlen);

/*
 * The id of VRF vrf as zebra reported it (the default VRF's for ""/
 * "default"), VRF_UNKNOWN while zebra does not know it.
 */
extern vrf_id_t anycast_vrf_lookup(const char *vrf);

/* The default VRF, or one zebra reported; else false with err filled. */
extern bool anycast_vrf_usable(const char *vrf, char *err, size_t errlen);

/* vrf names the default VRF */
extern bool anycast_vrf_is_default(const char *vrf);

#endif /* _ANYCAST_VRF_H */
