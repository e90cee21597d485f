// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * anycastd: writing the metrics textfile safely, off the event loop.
 *
 * A write runs in a thread of its own (detached, all signals blocked), so a
 * slow or hung file system never stalls the loop; when it is over, `done`
 * runs on the event loop.  In the thread:
 *   - the directory is opened with O_DIRECTORY|O_NOFOLLOW, and everything
 *     else is relative to that fd;
 *   - the temporary file gets a random name (BASE.tmp.<16 hex digits>,
 *     not *.prom, so node_exporter ignores it) and is created with
 *     O_CREAT|O_EXCL|O_NOFOLLOW: a file or symlink planted at any name is
 *     never opened, followed or truncated;
 *   - its mode is set to 0644 with fchmod() on our own fd (node_exporter
 *     runs as another user), nothing else is ever chmodded;
 *   - the buffers are written, fsync()ed, and the file renamed over BASE
 *     (a reader sees the old or the new file, never a partial one); a
 *     symlink at BASE itself is replaced, not followed;
 *   - on any error the temporary file is removed.
 * Error texts name no temporary file (they repeat identically, so the
 * caller can log a persistent error once).
 */
#ifndef _ANYCAST_TEXTFILE_H
#define _ANYCAST_TEXTFILE_H

#include <stdbool.h>
#include <stddef.h>

/* a piece of the file, allocated with MTYPE_ANYCAST_METRICS */
struct anycast_textfile_buf {
	char *s;
	size_t len;
};

struct anycast_textfile_job;

/* on the event loop: err is "" when ok */
typedef void (*anycast_textfile_done_fn)(void *arg, bool ok, const char *err);

/*
 * Start writing bufs[0..nbufs-1] to path (absolute).  Takes ownership of
 * the array (MTYPE_ANYCAST_METRICS) and of every buffer in it, also on
 * failure.  Returns the job, or NULL with the reason in err (no thread:
 * a local fault; done is not called then).
 */
extern struct anycast_textfile_job *
anycast_textfile_write(const char *path, struct anycast_textfile_buf *bufs,
		       size_t nbufs, anycast_textfile_done_fn done, void *arg,
		       char *err, size_t errlen);

/*
 * Forget a job that has not called done yet (a new path, `no metrics
 * textfile`, exit): done is not called; if the job still renames its file
 * into place, it removes it again.  wait_ms > 0: wait that long for the
 * job to end first (at exit, so no temporary file is left behind).
 */
extern void anycast_textfile_abandon(struct anycast_textfile_job *job,
				     int wait_ms);

/*
 * Remove path, from a thread (a hung file system does not stall the
 * loop); now = true: right here (at exit).
 */
extern void anycast_textfile_remove(const char *path, bool now);

#endif /* _ANYCAST_TEXTFILE_H */
