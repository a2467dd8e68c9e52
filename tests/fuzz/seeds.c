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
#define PROT_LAST	0xC4			/* ipa = the last entry of the protected half */
#define PROT_MID	0xC5			/* ipa = the middle of the protected half */
#define TOP_LAST	0xC2			/* ipa = the last entry below 2^s2sz */
#define LEVEL(l)	((l) + 1)

/* Geometries (rmi_fuzz.c): s2sz from start level with that many root RTTs. */
#define GEO_40_L0	0
#define GEO_32_L1	3
#define GEO_40_L1_2	6
#define GEO_43_L1_16	9
#define GEO_32_L2_4	10
#define GEO_33_L2_8	11
#define GEO_34_L2_16	12

/* The n-th DELEGATED granule becomes the RD; roots: the first aligned run of DELEGATED ones. */
#define REALM_CREATE(n, geo, vmid) \
	{ [0] = FUZZ_REALM_CREATE, [FR_RD] = (n), [FR_GEOMETRY] = (geo), [FR_VMID] = (vmid) }

/* One realm from creation to teardown, s2sz 40 from level 0, both halves used. */
static const uint8_t lifecycle[][FUZZ_RECORD] = {
	DELEGATE, DELEGATE, DELEGATE, DELEGATE,	/* p0..p3 */
	REALM_CREATE(0, GEO_40_L0, 0),	/* rd p0, root p1 */
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
	REALM_CREATE(2, GEO_40_L1_2, 1),	/* rd p2, roots p0 p1 (aligned to 8 KB), VMID 1 */
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
	REALM_CREATE(0, GEO_32_L1, 0),	/* rd p0, root p1, s2sz 32 */
	REALM_CREATE(0, GEO_32_L1, 0),	/* INPUT: VMID 0 in use */
	REALM_CREATE(0, GEO_32_L1, 1),	/* rd p2, root p3, VMID 1 */
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

#define DELEGATE4	DELEGATE, DELEGATE, DELEGATE, DELEGATE
#define DELEGATE16	DELEGATE4, DELEGATE4, DELEGATE4, DELEGATE4

/*
 * s2sz 43 from level 1: 16 concatenated roots. Tables, DATA and a block at
 * the top of each half, under roots 7 and 15, and RIPAS under root 4.
 */
static const uint8_t concat16[][FUZZ_RECORD] = {
	DELEGATE16, DELEGATE,	/* p0..p16 */
	REALM_CREATE(16, GEO_43_L1_16, 0),	/* rd p16, roots p0..p15 */
	DELEGATE, DELEGATE, DELEGATE, DELEGATE,	/* p17..p20 */
	{ FUZZ_RTT_CREATE, 0, LEVEL(2), 0, PROT_LAST },	/* p17 under root 7 */
	{ FUZZ_RTT_CREATE, 0, LEVEL(3), 0, PROT_LAST },	/* p18 */
	{ FUZZ_DATA_CREATE_UNKNOWN, 0, 0, PROT_LAST },	/* p19, the last protected page */
	{ FUZZ_RTT_READ_ENTRY, 0, LEVEL(3), PROT_LAST },
	{ FUZZ_RTT_INIT_RIPAS, 0, 0x06, 0, PROT_MID },	/* a level 1 entry of root 4 */
	{ FUZZ_RTT_READ_ENTRY, 0, LEVEL(1), PROT_MID },
	{ FUZZ_RTT_CREATE, 0, LEVEL(2), 0, TOP_LAST },	/* p20 under root 15 */
	{ FUZZ_RTT_MAP_UNPROTECTED, 0, LEVEL(2), TOP_LAST, 0x1E, 0 },	/* a 2 MB block */
	{ FUZZ_RTT_READ_ENTRY, 0, LEVEL(2), TOP_LAST },
	{ FUZZ_REALM_DESTROY, 0 },	/* REALM: live */
	{ FUZZ_RTT_UNMAP_UNPROTECTED, 0, LEVEL(2), TOP_LAST },
	{ FUZZ_DATA_DESTROY, 0, PROT_LAST },
	{ FUZZ_RTT_DESTROY, 0, LEVEL(3), PROT_LAST },
	{ FUZZ_RTT_DESTROY, 0, LEVEL(2), PROT_LAST },
	{ FUZZ_RTT_DESTROY, 0, LEVEL(2), TOP_LAST },
	{ FUZZ_REALM_DESTROY, 0 },
};

/*
 * Three realms from level 2: s2sz 32, 33 and 34 with 4, 8 and 16 roots; a
 * table and DATA at the top of each protected half (the last protected root).
 */
static const uint8_t level2[][FUZZ_RECORD] = {
	DELEGATE4, DELEGATE,	/* p0..p4 */
	REALM_CREATE(4, GEO_32_L2_4, 0),	/* rd p4, roots p0..p3 */
	DELEGATE4, DELEGATE4, DELEGATE4,	/* p5..p16 */
	REALM_CREATE(0, GEO_33_L2_8, 1),	/* rd p5, roots p8..p15 */
	DELEGATE4, DELEGATE4, DELEGATE4, DELEGATE, DELEGATE, DELEGATE,	/* p17..p31 */
	REALM_CREATE(0, GEO_34_L2_16, 2),	/* rd p6, roots p16..p31 */
	DELEGATE4, DELEGATE,	/* p32..p36; p7 is still DELEGATED */
	{ FUZZ_RTT_CREATE, 0, LEVEL(3), 0, PROT_LAST },
	{ FUZZ_DATA_CREATE_UNKNOWN, 0, 0, PROT_LAST },
	{ FUZZ_RTT_CREATE, 1, LEVEL(3), 0, PROT_LAST },
	{ FUZZ_DATA_CREATE_UNKNOWN, 1, 0, PROT_LAST },
	{ FUZZ_RTT_CREATE, 2, LEVEL(3), 0, PROT_LAST },
	{ FUZZ_DATA_CREATE_UNKNOWN, 2, 0, PROT_LAST },
	{ FUZZ_RTT_READ_ENTRY, 0, LEVEL(3), PROT_LAST },
	{ FUZZ_RTT_READ_ENTRY, 1, LEVEL(3), PROT_LAST },
	{ FUZZ_RTT_READ_ENTRY, 2, LEVEL(3), PROT_LAST },
	{ FUZZ_DATA_DESTROY, 2, PROT_LAST },
	{ FUZZ_RTT_DESTROY, 2, LEVEL(3), PROT_LAST },
	{ FUZZ_REALM_DESTROY, 2 },
};

/* REC_CREATE with the next MPIDR; the other fields from these record bytes. */
#define REC_CREATE(...)	{ [0] = FUZZ_REC_CREATE, __VA_ARGS__ }

/*
 * REC parameters: one bad field at a time (each INPUT), then two RECs with
 * unusual but legal ones (odd PCs, all-ones and INT64_MAX registers).
 */
static const uint8_t rec_params[][FUZZ_RECORD] = {
	DELEGATE, DELEGATE,	/* p0, p1 */
	REALM_CREATE(0, GEO_40_L0, 0),	/* rd p0, root p1 */
	DELEGATE16, DELEGATE,	/* p2..p18 */
	REC_CREATE([FC_BAD] = 0xD0, [FC_BAD_AT] = 0x03),	/* aux[3] = aux[4] */
	REC_CREATE([FC_BAD] = 0xD1, [FC_BAD_AT] = 0x07),	/* aux[7] = the RD */
	REC_CREATE([FC_BAD] = 0xD2, [FC_BAD_AT] = 0x0F),	/* aux[15] = the REC */
	REC_CREATE([FC_BAD] = 0xD8),	/* aux[0] = an RTT (the root) */
	REC_CREATE([FC_BAD2] = 0xDA, [FC_BAD2_AT] = 0x52),	/* aux[2] = the RMM's key granule */
	REC_CREATE([FC_NUM_AUX] = 0xD3),	/* 17 aux granules */
	REC_CREATE([FC_MPIDR] = 0xD2, [FC_MPIDR_VALUE] = 0x10),	/* a reserved bit above Aff0 */
	REC_CREATE([FC_MPIDR] = 0xD6, [FC_MPIDR_VALUE] = 32),	/* bit 32 (Aff3 in MPIDR_EL1) */
	REC_CREATE([FC_FLAGS] = 1, [FC_PC] = 0xD3, [FC_GPRS] = 0xD2),	/* rec p2: pc ~3 */
	DELEGATE16, DELEGATE,	/* p19..p35 */
	REC_CREATE([FC_PC] = 0xD0, [FC_GPRS] = 0xD4),	/* rec p19, not runnable: pc 0 */
	{ FUZZ_REC_AUX_COUNT, 0 },
	{ FUZZ_REC_DESTROY, 0 },
	{ FUZZ_REC_DESTROY, 0 },
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
	{ "concat16", concat16, sizeof(concat16) / FUZZ_RECORD },
	{ "level2", level2, sizeof(level2) / FUZZ_RECORD },
	{ "rec-params", rec_params, sizeof(rec_params) / FUZZ_RECORD },
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
