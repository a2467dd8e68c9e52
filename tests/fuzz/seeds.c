/*
 * Built-in seed inputs for the RMI fuzzer, in the format of rmi_fuzz.h.
 * A valid realm with tables, DATA and RECs takes a few dozen calls in the
 * right order, which random mutation finds slowly; from these seeds it
 * starts with every command's success path in the corpus.
 * Comments give the pool granule (pN) each call gets: "0" = the first
 * granule in the state the argument needs.
 */
#include <stdint.h>
#include <stdio.h>

#include "rmi_fuzz.h"

/* Records with every argument byte 0: the first granule in the state needed. */
#define DELEGATE	{ FUZZ_DELEGATE }
#define UNDELEGATE	{ FUZZ_UNDELEGATE }
#define PROT(k)		((k) << 4)		/* ipa = k-th multiple of the alignment */
#define UNPROT		0x80			/* ipa = start of the unprotected half */
#define LEVEL(l)	((l) + 1)

/* One realm from creation to teardown, s2sz 40 from level 0, both halves used. */
static const uint8_t lifecycle[][FUZZ_RECORD] = {
	DELEGATE, DELEGATE, DELEGATE, DELEGATE,	/* p0..p3 */
	{ FUZZ_REALM_CREATE, 0, 0, 0, 0, 0, 0 },	/* rd p0, root p1 */
	{ FUZZ_RTT_CREATE, 0, LEVEL(1), 0, PROT(0) },	/* p2 */
	{ FUZZ_RTT_CREATE, 0, LEVEL(2), 0, PROT(0) },	/* p3 */
	DELEGATE, DELEGATE, DELEGATE,	/* p4..p6 */
	{ FUZZ_RTT_CREATE, 0, LEVEL(3), 0, PROT(0) },	/* p4 */
	{ FUZZ_RTT_INIT_RIPAS, 0, 0x20, 0, PROT(0) },	/* 16 pages RAM */
	{ FUZZ_DATA_CREATE, 0, 0, PROT(0), 0x41 },	/* p5, measured */
	{ FUZZ_DATA_CREATE_UNKNOWN, 0, 0, PROT(1) },	/* p6 */
	{ FUZZ_RTT_READ_ENTRY, 0, LEVEL(3), PROT(1) },
	DELEGATE, DELEGATE, DELEGATE,	/* p7..p9 */
	{ FUZZ_RTT_CREATE, 0, LEVEL(1), 0, UNPROT },
	{ FUZZ_RTT_CREATE, 0, LEVEL(2), 0, UNPROT },
	{ FUZZ_RTT_CREATE, 0, LEVEL(3), 0, UNPROT },
	{ FUZZ_RTT_MAP_UNPROTECTED, 0, LEVEL(3), UNPROT, 0x1E, 0 },	/* Normal WB, RW */
	{ FUZZ_RTT_READ_ENTRY, 0, LEVEL(3), UNPROT },
	DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE,	/* p10..p27 */
	DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE,
	DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE,
	{ FUZZ_REC_CREATE, 0, 0, 1, 0, 0, 0, 0 },	/* rec p10, aux p11..p26 */
	{ FUZZ_REC_AUX_COUNT, 0 },
	{ FUZZ_REALM_ACTIVATE, 0 },
	{ FUZZ_REALM_DESTROY, 0 },	/* REALM: still live */
	{ FUZZ_DATA_CREATE, 0, 0, PROT(2), 0 },	/* REALM: not NEW */
	{ FUZZ_DATA_CREATE_UNKNOWN, 0, 0, PROT(2) },	/* p27 */
	{ FUZZ_REC_DESTROY, 0 },
	{ FUZZ_DATA_DESTROY, 0, PROT(0) },
	{ FUZZ_DATA_DESTROY, 0, PROT(1) },
	{ FUZZ_DATA_DESTROY, 0, PROT(2) },
	{ FUZZ_RTT_UNMAP_UNPROTECTED, 0, LEVEL(3), UNPROT },
	{ FUZZ_RTT_DESTROY, 0, LEVEL(3), PROT(0) },
	{ FUZZ_RTT_DESTROY, 0, LEVEL(2), PROT(0) },
	{ FUZZ_RTT_DESTROY, 0, LEVEL(1), PROT(0) },
	{ FUZZ_RTT_DESTROY, 0, LEVEL(3), UNPROT },
	{ FUZZ_RTT_DESTROY, 0, LEVEL(2), UNPROT },
	{ FUZZ_RTT_DESTROY, 0, LEVEL(1), UNPROT },
	{ FUZZ_REALM_DESTROY, 0 },
	UNDELEGATE, UNDELEGATE, UNDELEGATE, UNDELEGATE, UNDELEGATE,	/* 64 calls: the limit */
};

/* Two concatenated roots (s2sz 40 from level 1); folding and unfolding in both halves. */
static const uint8_t fold[][FUZZ_RECORD] = {
	DELEGATE, DELEGATE, DELEGATE,	/* p0..p2 */
	{ FUZZ_REALM_CREATE, 0, 6, 0x02, 0, 0, 0 },	/* rd p0, roots p1 p2, VMID 1 */
	DELEGATE, DELEGATE,	/* p3, p4 */
	{ FUZZ_RTT_CREATE, 0, LEVEL(2), 0, PROT(0) },	/* p3 */
	{ FUZZ_RTT_CREATE, 0, LEVEL(3), 0, PROT(0) },	/* p4 */
	{ FUZZ_RTT_INIT_RIPAS, 0, 0x38, 0, PROT(0) },	/* the whole table RAM */
	{ FUZZ_RTT_FOLD, 0, LEVEL(3), PROT(0) },	/* p4 back to DELEGATED */
	{ FUZZ_RTT_READ_ENTRY, 0, LEVEL(2), PROT(0) },
	{ FUZZ_RTT_CREATE, 0, LEVEL(3), 0, PROT(0) },	/* p4, unfolded RAM */
	DELEGATE,	/* p5 */
	{ FUZZ_DATA_CREATE_UNKNOWN, 0, 0, PROT(1) },	/* p5, mapped: RIPAS RAM */
	{ FUZZ_RTT_FOLD, 0, LEVEL(3), PROT(0) },	/* RTT 3: not homogeneous */
	{ FUZZ_RTT_DESTROY, 0, LEVEL(3), PROT(0) },	/* RTT 3: live */
	DELEGATE,	/* p6 */
	{ FUZZ_RTT_CREATE, 0, LEVEL(2), 0, UNPROT },	/* p6, under root p2 */
	{ FUZZ_RTT_MAP_UNPROTECTED, 0, LEVEL(2), UNPROT, 0x1E, 0 },	/* a 2 MB block */
	DELEGATE,	/* p7 */
	{ FUZZ_RTT_CREATE, 0, LEVEL(3), 0, UNPROT },	/* p7, the block unfolded */
	{ FUZZ_RTT_FOLD, 0, LEVEL(3), UNPROT },	/* folded back */
	{ FUZZ_RTT_UNMAP_UNPROTECTED, 0, LEVEL(2), UNPROT },
	{ FUZZ_RTT_SET_RIPAS, 0, 0, 0, 0, PROT(0) },	/* INPUT: no request */
	{ FUZZ_DATA_DESTROY, 0, PROT(1) },
	{ FUZZ_RTT_DESTROY, 0, LEVEL(3), PROT(0) },
	{ FUZZ_RTT_DESTROY, 0, LEVEL(2), PROT(0) },
	{ FUZZ_RTT_DESTROY, 0, LEVEL(2), UNPROT },
	{ FUZZ_REALM_DESTROY, 0 },
};

/* Two realms (a VMID collision first), two RECs in one, PSCI_COMPLETE between them. */
static const uint8_t recs[][FUZZ_RECORD] = {
	DELEGATE, DELEGATE, DELEGATE, DELEGATE,	/* p0..p3 */
	{ FUZZ_REALM_CREATE, 0, 3, 0, 0, 0, 0 },	/* rd p0, root p1, s2sz 32 */
	{ FUZZ_REALM_CREATE, 0, 3, 0, 0, 0, 0 },	/* INPUT: VMID 0 in use */
	{ FUZZ_REALM_CREATE, 0, 3, 0x02, 0, 0, 0 },	/* rd p2, root p3, VMID 1 */
	DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE,	/* p4..p37 */
	DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE,
	DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE,
	DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE,
	DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE, DELEGATE,
	DELEGATE, DELEGATE, DELEGATE, DELEGATE,
	{ FUZZ_REC_CREATE, 0, 0, 1, 0xE0, 0, 0, 0 },	/* INPUT: MPIDR skips index 0 */
	{ FUZZ_REC_CREATE, 0, 0, 1, 0, 0, 0, 0 },	/* rec p4, aux p5..p20 */
	{ FUZZ_REC_CREATE, 0, 0, 0, 0, 0, 0, 0 },	/* rec p21, not runnable */
	{ FUZZ_PSCI_COMPLETE, 0, 1, 0 },	/* INPUT: no request pending */
	{ FUZZ_REC_DESTROY, 1 },
	{ FUZZ_REALM_DESTROY, 0 },	/* REALM: a REC is left */
	{ FUZZ_REC_DESTROY, 0 },
	{ FUZZ_REALM_DESTROY, 0 },
	{ FUZZ_REALM_DESTROY, 0 },
};

static const struct {
	const char *name;
	const uint8_t (*calls)[FUZZ_RECORD];
	size_t count;
} seeds[] = {
	{ "lifecycle", lifecycle, sizeof(lifecycle) / FUZZ_RECORD },
	{ "fold", fold, sizeof(fold) / FUZZ_RECORD },
	{ "recs", recs, sizeof(recs) / FUZZ_RECORD },
};

bool fuzz_write_seeds(const char *dir)
{
	for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		char path[4096];
		FILE *f;
		bool ok;

		snprintf(path, sizeof(path), "%s/seed-%s", dir, seeds[i].name);
		f = fopen(path, "wb");
		if (f == NULL) {
			perror(path);
			return false;
		}
		ok = fwrite(seeds[i].calls, FUZZ_RECORD, seeds[i].count, f) == seeds[i].count;
		if (fclose(f) != 0 || !ok) {
			perror(path);
			return false;
		}
	}
	return true;
}
