/*
 * Input format of the RMI fuzzer (rmi_fuzz.c), shared with its built-in
 * seed inputs (seeds.c).
 *
 * An input is a sequence of FUZZ_RECORD-byte records, one call each (fixed
 * size, so that a mutated byte changes one call, not how the rest parses).
 * The first byte picks the command (modulo FUZZ_NUM_COMMANDS), then one
 * byte per argument choice, in the order listed below; REALM_CREATE and
 * REC_CREATE fill every field of their parameter granule from the bytes at
 * the offsets of enum fuzz_realm_byte / fuzz_rec_byte. Bytes past the end
 * of the input read as 0, and 0 is always a valid choice:
 *   granule  < 0xC0: the (b mod count)-th pool granule in the state the
 *            argument needs (so 0 = the first one); otherwise any pool
 *            granule or, from 0xF8, an invalid address
 *   level    b mod 6 - 1, so level L is written L + 1
 *   ipa      bits 7:6 = 0/1 protected, 2 unprotected half, 3 odd values
 *            (bits 2:0: misaligned, 2^s2sz, the last entry, huge, the last
 *            protected entry, the middle of either half, 2^48);
 *            bits 5:4 = multiple {0, 1, 2, 511} of the alignment size
 *   params   < 0xF0: the harness's own (filled) parameter granule
 *   range    2 bytes: bits 2:0 the level of the entries, {3, 3, 3, 3, 2, 2,
 *            1, 0}, bits 5:3 how many, {1, 2, 3, 4, 16, 64, 511, 512}; then
 *            from 0xE0 a bad top
 *   field    (a parameter field) < FUZZ_ODD: the valid value; from FUZZ_ODD
 *            a boundary value: 0, 1, the maximum, just past it, the type's end;
 *            from FUZZ_ODD_FIRST always the first of them (for a kind byte
 *            below, the first kind), mostly 0
 */
#pragma once

#include <stdbool.h>

#define FUZZ_RECORD	16U
#define FUZZ_ODD	0xD0U
#define FUZZ_ODD_FIRST	0xF0U

/*
 * A REALM_CREATE record. The geometry byte picks one of the legal (s2sz,
 * rtt_level_start, rtt_num_start) triples; the next three override each
 * field on their own; rtt_base < 0xC0 is an aligned run of DELEGATED
 * granules for the geometry's roots, 0xC0..0xCF a pool granule in state
 * (b >> 1) & 7, from FUZZ_ODD 0, unaligned, off by one granule, the RD,
 * untracked, the RMM's own.
 */
enum fuzz_realm_byte {
	FR_RD = 1, FR_GEOMETRY, FR_S2SZ, FR_LEVEL, FR_ROOTS, FR_RTT_BASE, FR_FLAGS, FR_SVE_VL,
	FR_NUM_BPS, FR_NUM_WPS, FR_PMU_CTRS, FR_HASH, FR_VMID, FR_RPV, FR_PARAMS
};

/*
 * A REC_CREATE record. mpidr < FUZZ_ODD is the next index; above, by
 * (b - FUZZ_ODD) mod 8: skip ahead by value, index value, Aff0..Aff3 =
 * value, set bit value mod 64, all fields full (value < 0x80) or all ones.
 * aux < FUZZ_ODD: distinct DELEGATED granules from that offset, else any.
 * Each of two corruptions (kind < FUZZ_ODD: none) replaces aux[at mod 16]
 * by, for (kind - FUZZ_ODD) mod 12: another entry (a duplicate), the RD, the
 * REC, the (at >> 4)-th granule in state UNDELEGATED, RD, REC, REC_AUX,
 * DATA or RTT, itself + 0x800, an invalid address, 0.
 */
enum fuzz_rec_byte {
	FC_RD = 1, FC_REC, FC_FLAGS, FC_MPIDR, FC_MPIDR_VALUE, FC_PC, FC_GPRS, FC_NUM_AUX, FC_AUX,
	FC_BAD, FC_BAD_AT, FC_BAD2, FC_BAD2_AT, FC_PARAMS
};

enum fuzz_command {
	/*
	 * No call. Mutation makes runs of zero bytes often; as no-ops they cost
	 * nothing, where as VERSION calls each would cost a round of checks.
	 */
	FUZZ_NOP,
	FUZZ_VERSION,			/* req: < 0xC0 the 1.0 version */
	FUZZ_FEATURES,			/* index */
	FUZZ_DELEGATE,			/* granule (UNDELEGATED) */
	FUZZ_UNDELEGATE,		/* granule (DELEGATED) */
	FUZZ_REALM_CREATE,		/* enum fuzz_realm_byte */
	FUZZ_REALM_ACTIVATE,		/* rd */
	FUZZ_REALM_DESTROY,		/* rd */
	FUZZ_REC_CREATE,		/* enum fuzz_rec_byte */
	FUZZ_REC_DESTROY,		/* rec */
	FUZZ_REC_AUX_COUNT,		/* rd */
	FUZZ_RTT_CREATE,		/* rd, level, rtt, ipa */
	FUZZ_RTT_DESTROY,		/* rd, level, ipa */
	FUZZ_RTT_FOLD,			/* rd, level, ipa */
	FUZZ_RTT_READ_ENTRY,		/* rd, level, ipa */
	FUZZ_RTT_INIT_RIPAS,		/* rd, range, base ipa */
	FUZZ_RTT_SET_RIPAS,		/* rd, rec, range, base ipa */
	FUZZ_RTT_MAP_UNPROTECTED,	/* rd, level, ipa, attributes, output address */
	FUZZ_RTT_UNMAP_UNPROTECTED,	/* rd, level, ipa */
	FUZZ_DATA_CREATE,		/* rd, data, ipa, source fill and flags */
	FUZZ_DATA_CREATE_UNKNOWN,	/* rd, data, ipa */
	FUZZ_DATA_DESTROY,		/* rd, ipa */
	FUZZ_PSCI_COMPLETE,		/* calling rec, target rec, status */
	FUZZ_NUM_COMMANDS
};

/* Writes the built-in seed inputs into directory dir (which must exist). */
bool fuzz_write_seeds(const char *dir);
