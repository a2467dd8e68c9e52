/*
 * The RIM a realm will have, computed by whoever relies on the realm rather
 * than read from the RMM: spec section 5 (measurement descriptors) built
 * here byte by byte, with no code shared with rmm/core/measure.c; only the
 * hash functions (mbedTLS SHA-256/SHA-512) are common.
 *
 * Two levels:
 * - rim_calc_*(): one step per measured RMI command, in the order the host
 *   issues them (REALM_CREATE, then every RTT_INIT_RIPAS entry, DATA_CREATE
 *   and REC_CREATE). For any load sequence.
 * - expected_rim_for_image(): the whole recipe of docs/realms.md replayed
 *   from a realm image file and the realm's parameters alone, the way a
 *   verifier (or the atoll CLI) would, without a host or an RMM.
 *
 * Freestanding (the NS host, MMU off) and hosted (unit tests, tools) alike.
 * No allocation; the 4 KB images are built in one static page, so one
 * caller at a time.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <atoll/rmi.h>

/* A measurement slot: the digest, then zeros (spec section 5). */
#define RIM_SLOT_SIZE	64U

struct rim_calc {
	uint8_t hash_algo;		/* RMI_HASH_SHA_256 or RMI_HASH_SHA_512 */
	size_t len;			/* digest bytes: 32 or 64 */
	uint8_t rim[RIM_SLOT_SIZE];	/* the RIM so far; bytes from len on are zero */
};

/*
 * The RmiRealmParams fields REALM_CREATE measures (spec 3.1 and 5). The
 * others (RPV, VMID, RTT base, start level and count) do not change the RIM.
 */
struct realm_measured_params {
	uint64_t flags;
	uint32_t s2sz;
	uint32_t sve_vl;
	uint32_t num_bps;
	uint32_t num_wps;
	uint32_t pmu_num_ctrs;
	uint8_t hash_algo;
};

/*
 * What a host does with an image besides its bytes (docs/realms.md): the
 * realm's parameters and how many RECs it makes (REC 0 runnable at the
 * image's entry with x0..x7 zero, the others not runnable, so unmeasured).
 * Level-3 RTTs over the whole RAM, so one RIPAS descriptor per 4 KB page.
 */
struct realm_recipe {
	struct realm_measured_params params;
	unsigned int num_recs;
};

/* The measured fields of a whole RmiRealmParams. */
void realm_measured_params_of(struct realm_measured_params *m, const struct rmi_realm_params *p);

/*
 * REALM_CREATE: RIM = H(a zero 4 KB RmiRealmParams image with only the
 * measured fields). False (and c untouched) for an unknown hash_algo.
 */
bool rim_calc_realm_create(struct rim_calc *c, const struct realm_measured_params *p);

/* RTT_INIT_RIPAS, once per RTT entry it set to RAM: [base, top) is that entry's range. */
void rim_calc_init_ripas(struct rim_calc *c, uint64_t base, uint64_t top);

/*
 * DATA_CREATE at ipa with these flags; page is the 4 KB the realm gets
 * (NULL: all zero), hashed only for RMI_MEASURE_CONTENT.
 */
void rim_calc_data_create(struct rim_calc *c, uint64_t ipa, uint64_t flags, const void *page);

/*
 * REC_CREATE with these RmiRecParams flags, pc and x0..x7 (NULL: zero):
 * measured only when flags says runnable.
 */
void rim_calc_rec_create(struct rim_calc *c, uint64_t flags, uint64_t pc, const uint64_t gprs[8]);

/*
 * Why a realm image file of size bytes is not one a host may load into a
 * realm of s2sz IPA bits (header, sizes, entry; docs/realms.md), or NULL
 * if it is. The image may sit at any address.
 */
const char *realm_image_problem(const void *image, size_t size, unsigned int s2sz);

/*
 * The RIM of the realm the recipe makes from this image file. False, with
 * *why (if why is not NULL) saying what is wrong, for an image
 * realm_image_problem() refuses or a recipe no host would follow.
 */
bool expected_rim_for_image(const void *image, size_t size, const struct realm_recipe *recipe,
			    struct rim_calc *out, const char **why);
