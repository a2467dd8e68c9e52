/*
 * configfs-tsm (Linux's report interface, Documentation/ABI/testing/
 * configfs-tsm): a report directory under the tsm root holds inblob
 * (written: the challenge), outblob (read: the token), generation (how
 * many times inblob was written) and provider. The tsm backend makes a
 * directory of its own, runs one report in it and removes it.
 */
#pragma once

#include "internal.h"

#define TSM_ROOT_DEFAULT	"/sys/kernel/config/tsm/report"
#define TSM_TRIES		3U

/*
 * One report in the existing directory dir: inblob, then generation,
 * outblob and generation again. If the generation moved (another writer
 * of the same report), up to TSM_TRIES times, then ATOLL_E_BACKEND.
 */
atoll_status tsm_report_in(struct atoll_ctx *ctx, const char *dir,
			   const uint8_t challenge[ATOLL_CHALLENGE_SIZE], uint8_t *buf, size_t cap,
			   size_t *len);
