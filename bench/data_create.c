/*
 * DATA_CREATE per 4 KiB page through the RMM core's host build, against
 * the floor of the same work done plainly: a memcpy of the page, and a
 * memcpy plus one SHA-256 of it (mbedTLS, as the RMM uses).
 *
 *   bench-data-create <measured|unmeasured|copy_hash|copy>
 *
 * runs PAGES pages of one kind inside the function named bench_<kind>.
 * tools/bench.sh runs it under callgrind with --toggle-collect on that
 * function, so only the work per page is counted (not the RMM's boot or
 * the realm set-up), and divides by PAGES. Instruction counts under
 * valgrind are deterministic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/sha256.h>

#include <atoll/rmi.h>
#include <rmm/rmi.h>

#include "harness.h"

#define PAGES		64U
#define BANK_BASE	0x40000000ULL
#define BANK_SIZE	0xC0000000ULL
#define SRC_PA		0x80000000ULL	/* NS source page */
#define FIRST_PA	0x80001000ULL	/* granules for the realm from here */

static uint64_t next_pa = FIRST_PA;

static uint64_t rmi(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
		    uint64_t a5)
{
	uint64_t args[7] = { a1, a2, a3, a4, a5, 0, 0 };
	struct rmi_result res;

	rmi_dispatch(fid, args, &res);
	return res.x[0];
}

/* A call of the set-up that must succeed. */
static void must(uint64_t status, const char *what)
{
	if (status != RMI_SUCCESS) {
		fprintf(stderr, "bench-data-create: %s -> %#llx\n", what,
			(unsigned long long)status);
		exit(1);
	}
}

static uint64_t delegated_granule(void)
{
	uint64_t pa = next_pa;

	next_pa += GRANULE_SIZE;
	must(rmi(RMI_GRANULE_DELEGATE, pa, 0, 0, 0, 0), "GRANULE_DELEGATE");
	return pa;
}

/* A NEW SHA-256 realm (s2sz 48, start level 0) with tables down to level 3 at IPA 0. */
static uint64_t realm_with_tables(void)
{
	uint64_t params_pa = next_pa, rd, feat0;
	struct rmi_realm_params *p = host_pa_ptr(params_pa);
	struct rmi_result res;
	uint64_t none[7] = { 0 };

	next_pa += GRANULE_SIZE;
	rmi_dispatch(RMI_FEATURES, none, &res);
	feat0 = res.x[1];
	memset(p, 0, sizeof(*p));
	p->s2sz = 48;
	p->hash_algo = RMI_HASH_SHA_256;
	p->num_bps = (uint32_t)((feat0 >> RMI_FEAT0_NUM_BPS_SHIFT) & 0x3FU);
	p->num_wps = (uint32_t)((feat0 >> RMI_FEAT0_NUM_WPS_SHIFT) & 0x3FU);
	p->vmid = 1;
	p->rtt_level_start = 0;
	p->rtt_num_start = 1;
	rd = delegated_granule();
	p->rtt_base = delegated_granule();
	must(rmi(RMI_REALM_CREATE, rd, params_pa, 0, 0, 0), "REALM_CREATE");
	for (int level = 1; level <= 3; level++)
		must(rmi(RMI_RTT_CREATE, rd, delegated_granule(), 0, (uint64_t)level, 0),
		     "RTT_CREATE");
	return rd;
}

/* Measured functions: noinline so that callgrind can toggle collection on them. */
__attribute__((noinline)) void bench_measured(uint64_t rd, const uint64_t *data)
{
	for (unsigned int i = 0; i < PAGES; i++)
		must(rmi(RMI_DATA_CREATE, rd, data[i], i * GRANULE_SIZE, SRC_PA,
			 RMI_MEASURE_CONTENT), "DATA_CREATE");
}

__attribute__((noinline)) void bench_unmeasured(uint64_t rd, const uint64_t *data)
{
	for (unsigned int i = 0; i < PAGES; i++)
		must(rmi(RMI_DATA_CREATE, rd, data[i], i * GRANULE_SIZE, SRC_PA,
			 RMI_NO_MEASURE_CONTENT), "DATA_CREATE");
}

__attribute__((noinline)) void bench_copy_hash(uint64_t rd, const uint64_t *data)
{
	unsigned char digest[32];

	(void)rd;
	for (unsigned int i = 0; i < PAGES; i++) {
		memcpy(host_pa_ptr(data[i]), host_pa_ptr(SRC_PA), GRANULE_SIZE);
		(void)mbedtls_sha256(host_pa_ptr(data[i]), GRANULE_SIZE, digest, 0);
	}
}

__attribute__((noinline)) void bench_copy(uint64_t rd, const uint64_t *data)
{
	(void)rd;
	for (unsigned int i = 0; i < PAGES; i++)
		memcpy(host_pa_ptr(data[i]), host_pa_ptr(SRC_PA), GRANULE_SIZE);
}

static const struct {
	const char *name;
	void (*fn)(uint64_t rd, const uint64_t *data);
} kinds[] = {
	{ "measured", bench_measured },
	{ "unmeasured", bench_unmeasured },
	{ "copy_hash", bench_copy_hash },
	{ "copy", bench_copy },
};

int main(int argc, char **argv)
{
	static uint64_t data[PAGES];
	uint64_t rd;

	host_platform_reset();
	host_write_manifest(BANK_BASE, BANK_SIZE);
	if (host_cold_boot(0, ABI_VERSION(0U, 4U), 32, HOST_SHARED_BUF) != RMM_BOOT_SUCCESS) {
		fprintf(stderr, "bench-data-create: RMM boot failed\n");
		return 1;
	}
	for (uint64_t off = 0; off < GRANULE_SIZE; off++)
		((unsigned char *)host_pa_ptr(SRC_PA))[off] = (unsigned char)(off * 7U + 1U);
	rd = realm_with_tables();
	for (unsigned int i = 0; i < PAGES; i++)
		data[i] = delegated_granule();

	for (size_t k = 0; argc == 2 && k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		if (strcmp(argv[1], kinds[k].name) == 0) {
			kinds[k].fn(rd, data);
			printf("%s: %u pages\n", kinds[k].name, PAGES);
			return 0;
		}
	}
	fprintf(stderr, "usage: bench-data-create <measured|unmeasured|copy_hash|copy>\n");
	return 2;
}
