// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd probe sockets in a VRF.  libfrr knows the VRFs zebra reported
 * (name, id, and for netns VRFs the namespace); the socket is made in
 * the VRF or not at all.
 */
#include <zebra.h>

#include "lib_errors.h"
#include "privs.h"
#include "vrf.h"

#include "anycast_vrf.h"

extern struct zebra_privs_t anycast_privs;

bool anycast_vrf_is_default(const char *vrf)
{
	return !vrf || !vrf[0] || strmatch(vrf, VRF_DEFAULT_NAME);
}

vrf_id_t anycast_vrf_lookup(const char *vrf_name)
{
	struct vrf *vrf;

	if (anycast_vrf_is_default(vrf_name))
		return VRF_DEFAULT; /* whatever name zebra gave it */
	vrf = vrf_lookup_by_name(vrf_name);
	return vrf && vrf_is_enabled(vrf) ? vrf->vrf_id : VRF_UNKNOWN;
}

bool anycast_vrf_usable(const char *vrf_name, char *err, size_t errlen)
{
	if (anycast_vrf_lookup(vrf_name) != VRF_UNKNOWN)
		return true;
	snprintf(err, errlen, "vrf %s is not known to zebra", vrf_name);
	return false;
}

int anycast_vrf_socket(const char *vrf_name, int domain, int type, int protocol,
		       bool raise_privs, char *err, size_t errlen)
{
	struct vrf *vrf;
	int fd = -1, saved = 0;

	if (anycast_vrf_is_default(vrf_name)) {
		if (raise_privs) {
			frr_with_privs (&anycast_privs) {
				fd = socket(domain, type, protocol);
				saved = errno;
			}
			errno = saved;
		} else {
			fd = socket(domain, type, protocol);
		}
		if (fd < 0)
			snprintf(err, errlen, "socket: %s",
				 safe_strerror(errno));
		return fd;
	}

	if (!anycast_vrf_usable(vrf_name, err, errlen)) {
		errno = ENOENT;
		return -1;
	}
	vrf = vrf_lookup_by_name(vrf_name);

	frr_with_privs (&anycast_privs) {
		if (vrf_is_backend_netns()) {
			if (vrf_switch_to_netns(vrf->vrf_id) < 0) {
				saved = errno;
				snprintf(err, errlen, "entering vrf %s: %s",
					 vrf_name, safe_strerror(saved));
				break;
			}
			fd = socket(domain, type, protocol);
			saved = errno;
			if (vrf_switchback_to_initial() < 0) {
				/* never go on in the wrong namespace */
				flog_err_sys(EC_LIB_SOCKET,
					     "leaving vrf %s: %s", vrf_name,
					     safe_strerror(errno));
				if (fd >= 0)
					close(fd);
				fd = -1;
				saved = EPERM;
			}
			if (fd < 0)
				snprintf(err, errlen, "socket in vrf %s: %s",
					 vrf_name, safe_strerror(saved));
			break;
		}
		/* VRF-lite: bound to the VRF's device */
		fd = socket(domain, type, protocol);
		saved = errno;
		if (fd < 0) {
			snprintf(err, errlen, "socket: %s",
				 safe_strerror(saved));
			break;
		}
		if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, vrf->name,
			       strlen(vrf->name) + 1) < 0) {
			saved = errno;
			snprintf(err, errlen, "binding to vrf %s: %s", vrf_name,
				 safe_strerror(saved));
			close(fd);
			fd = -1;
		}
	}
	errno = saved;
	return fd;
}
