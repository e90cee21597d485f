// SPDX-License-Identifier: GPL-2.0-or-later
/* The Check runner every unit test program ends with. */
#ifndef _ANYCAST_UNIT_RUN_H
#define _ANYCAST_UNIT_RUN_H

#include <check.h>
#include <stdlib.h>

/* Run suite s; the process's exit status (failure if any test failed). */
static inline int unit_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif /* _ANYCAST_UNIT_RUN_H */
