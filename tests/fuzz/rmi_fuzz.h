/*
 * Input format of the RMI fuzzer (rmi_fuzz.c), shared with its built-in
 * seed inputs (seeds.c).
 *
 * An input is a sequence of FUZZ_RECORD-byte records, one call each (fixed
 * size, so that a mutated byte changes one call, not how the rest parses).
 * The first byte picks the command (modulo FUZZ_NUM_COMMANDS), then one
 * byte per argument choice, in the order listed below. Bytes past the end
 * of the input read as 0, and 0 is always a valid choice:
 *   granule  < 0xC0: the (b mod count)-th pool granule in the state the
 *            argument needs (so 0 = the first one); otherwise any pool
 *            granule or, from 0xF8, an invalid address
 *   level    b mod 6 - 1, so level L is written L + 1
 *   ipa      bits 7:6 = 0/1 protected, 2 unprotected half, 3 odd values;
 *            bits 5:4 = multiple {0, 1, 2, 511} of the alignment size
 *   params   < 0xF0: the harness's own (filled) parameter granule
 *   range    2 bytes: bits 2:0 the level of the entries, {3, 3, 3, 3, 2, 2,
 *            1, 0}, bits 5:3 how many, {1, 2, 3, 4, 16, 64, 511, 512}; then
 *            from 0xE0 a bad top
 */
#pragma once

#include <stdbool.h>

#define FUZZ_RECORD	8U

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
	FUZZ_REALM_CREATE,		/* rd, geometry, misc, rtt_base mode, corruption, params */
	FUZZ_REALM_ACTIVATE,		/* rd */
	FUZZ_REALM_DESTROY,		/* rd */
	FUZZ_REC_CREATE,		/* rd, rec, flags, mpidr, aux mode, aux corruption, params */
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
