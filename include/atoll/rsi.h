/*
 * Realm Services Interface (realm to RMM), RMM specification 1.0-REL0:
 * shared/spec/rmm-1.0-abi.md section 4.
 */
#pragma once

#define RSI_FID(fnum)			(0xC4000000U | (fnum))
#define RSI_FNUM_FIRST			0x190U
#define RSI_FNUM_LAST			0x1AFU

#define RSI_VERSION			RSI_FID(0x190U)
#define RSI_FEATURES			RSI_FID(0x191U)
#define RSI_MEASUREMENT_READ		RSI_FID(0x192U)
#define RSI_MEASUREMENT_EXTEND		RSI_FID(0x193U)
#define RSI_ATTEST_TOKEN_INIT		RSI_FID(0x194U)
#define RSI_ATTEST_TOKEN_CONTINUE	RSI_FID(0x195U)
#define RSI_REALM_CONFIG		RSI_FID(0x196U)
#define RSI_IPA_STATE_SET		RSI_FID(0x197U)
#define RSI_IPA_STATE_GET		RSI_FID(0x198U)
#define RSI_HOST_CALL			RSI_FID(0x199U)

#define RSI_ABI_VERSION			0x00010000U	/* 1.0 */

/*
 * Atoll's vendor RSI call (docs/sealing.md): the realm sealing key, 32 bytes
 * of HKDF-SHA-256 over VHUK_A or VHUK_M. Islet's function ID: SMC64 fast
 * call, OEN 7, outside RSI 1.0's range (RSI_FEATURES cannot announce it).
 * x1 = flags, x2 = SVN/salt (mixed in as it is); out x1..x4 = the key.
 * ERROR_INPUT for a reserved flag bit, ERROR_UNKNOWN when this RMM has no
 * VHUKs (no HES); an RMM without the call answers SMC_NOT_SUPPORTED.
 */
#define RSI_ATOLL_SEALING_KEY		0xC7000191U
#define RSI_SEALING_KEY_VHUK_M		(1ULL << 0)	/* IKM VHUK_M; clear: VHUK_A */
#define RSI_SEALING_KEY_RIM		(1ULL << 1)	/* the realm's RIM enters the key */
#define RSI_SEALING_KEY_FLAGS_VALID	(RSI_SEALING_KEY_VHUK_M | RSI_SEALING_KEY_RIM)
#define RSI_SEALING_KEY_SIZE		32U

/* RsiCommandReturnCode */
#define RSI_SUCCESS			0U
#define RSI_ERROR_INPUT			1U
#define RSI_ERROR_STATE			2U
#define RSI_INCOMPLETE			3U
#define RSI_ERROR_UNKNOWN		4U

/* RIPAS values and IPA_STATE_SET flags/responses. */
#define RSI_RIPAS_EMPTY			0U
#define RSI_RIPAS_RAM			1U
#define RSI_RIPAS_DESTROYED		2U
#define RSI_NO_CHANGE_DESTROYED		0U
#define RSI_CHANGE_DESTROYED		1U
#define RSI_ACCEPT			0U
#define RSI_REJECT			1U

/* Measurement slots: 0 = RIM, 1..4 = REM0..REM3; values are up to 64 bytes. */
#define RSI_MEASUREMENT_SLOTS		5U
#define RSI_MEASUREMENT_MAX_SIZE	64U

/* Upper bound of a CCA attestation token (ATTEST_TOKEN_INIT's x1). */
#define RSI_ATTEST_TOKEN_MAX_SIZE	4096U

#ifndef __ASSEMBLER__
#include <stdint.h>

/* RsiRealmConfig: written by RSI_REALM_CONFIG into a 4 KB realm page. */
struct rsi_realm_config {
	uint64_t ipa_width;		/* 0x000 */
	uint64_t hash_algo;		/* 0x008: u8 in the spec, bytes 9..15 zero */
	uint8_t pad0[0x200 - 0x010];
	uint8_t rpv[64];		/* 0x200 */
	uint8_t pad1[0x1000 - 0x240];
};

/* RsiHostCall: 256 bytes, 256-byte aligned, in realm memory. */
#define RSI_HOST_CALL_GPRS	31U
struct rsi_host_call {
	uint16_t imm;			/* 0x000 */
	uint8_t pad0[6];
	uint64_t gprs[RSI_HOST_CALL_GPRS];	/* 0x008 */
};

/*
 * The HKDF info of a sealing key (docs/sealing.md): every field at a fixed
 * offset with a fixed length, integers little-endian, so two different
 * inputs never give the same bytes. For whatever recomputes a key (tests,
 * the SDK's simulator).
 */
#define RSI_SEALING_LABEL		"Atoll RMM realm sealing key v1"
#define RSI_SEALING_LABEL_SIZE		32U	/* the label, NUL-padded */
struct rsi_sealing_info {
	uint8_t label[RSI_SEALING_LABEL_SIZE];	/* 0x00 */
	uint64_t flags;			/* 0x20: x1 (VHUK_M, RIM bits only) */
	uint64_t svn;			/* 0x28: x2 */
	uint8_t rpv[64];		/* 0x30: the realm's RPV */
	uint64_t rim_hash_algo;		/* 0x70: RmiHashAlgorithm with RIM, else 0 */
	uint8_t rim[64];		/* 0x78: the RIM (SHA-256: upper half 0), or 0 */
};

_Static_assert(sizeof(RSI_SEALING_LABEL) <= RSI_SEALING_LABEL_SIZE, "sealing label fits");
_Static_assert(__builtin_offsetof(struct rsi_sealing_info, rim_hash_algo) == 0x70 &&
	       __builtin_offsetof(struct rsi_sealing_info, rim) == 0x78 &&
	       sizeof(struct rsi_sealing_info) == 0xB8, "sealing info layout (docs/sealing.md)");
_Static_assert(__builtin_offsetof(struct rsi_realm_config, rpv) == 0x200,
	       "RsiRealmConfig.rpv at 0x200 (spec 4)");
_Static_assert(sizeof(struct rsi_realm_config) == 0x1000, "RsiRealmConfig is 4 KB");
_Static_assert(__builtin_offsetof(struct rsi_host_call, gprs) == 0x008,
	       "RsiHostCall.gprs at 0x008 (spec 4)");
_Static_assert(sizeof(struct rsi_host_call) == 0x100, "RsiHostCall is 256 bytes");
#endif

/* RMI REC exit reasons (RmiRecExitReason) and enter flags, spec 3.4. */
#define RMI_EXIT_SYNC			0U
#define RMI_EXIT_IRQ			1U
#define RMI_EXIT_FIQ			2U
#define RMI_EXIT_PSCI			3U
#define RMI_EXIT_RIPAS_CHANGE		4U
#define RMI_EXIT_HOST_CALL		5U
#define RMI_EXIT_SERROR			6U

#define REC_ENTER_FLAG_EMULATED_MMIO	(1ULL << 0)
#define REC_ENTER_FLAG_INJECT_SEA	(1ULL << 1)
#define REC_ENTER_FLAG_TRAP_WFI		(1ULL << 2)
#define REC_ENTER_FLAG_TRAP_WFE		(1ULL << 3)
#define REC_ENTER_FLAG_RIPAS_RESPONSE	(1ULL << 4)
