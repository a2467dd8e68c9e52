/*
 * Realm sealing keys (docs/sealing.md). Cold boot takes VHUK_A and VHUK_M
 * from EL3 once and keeps them in RMM memory, read-only afterwards; a key is
 * HKDF-SHA-256 with the chosen VHUK as IKM, no salt, and a fixed-layout
 * info block (struct rsi_sealing_info) naming the realm and the caller's
 * choices. The VHUKs never leave this module and are never logged.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <atoll/rsi.h>
#include <rmm/realm.h>

/*
 * Cold boot (before other CPUs run): fetches the VHUKs from EL3 and logs
 * one line saying whether sealing is available. Returns that answer.
 */
bool sealing_init(void);

/* Whether cold boot got the VHUKs. */
bool sealing_available(void);

/*
 * Fills info for a realm: label, flags (only RSI_SEALING_KEY_FLAGS_VALID
 * bits, which the caller has checked), svn, the RPV and, with
 * RSI_SEALING_KEY_RIM, the RIM and its hash algorithm. The caller holds
 * the RD's lock.
 */
void sealing_info_init(struct rsi_sealing_info *info, uint64_t flags, uint64_t svn,
		       const struct rd *rd);

/*
 * key = HKDF-SHA-256(IKM = VHUK_M if info->flags has RSI_SEALING_KEY_VHUK_M,
 * else VHUK_A; salt empty; info). Uses the SHA-256 code, so the caller
 * brackets it for the SIMD registers. False (key zeroed) when sealing is
 * unavailable or mbedTLS fails.
 */
bool sealing_key_derive(const struct rsi_sealing_info *info,
			uint8_t key[RSI_SEALING_KEY_SIZE]);
