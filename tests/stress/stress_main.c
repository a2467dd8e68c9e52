/*
 * The threads-as-CPUs stress run (stress.h):
 *   stress-tsan [--cpus N] [--seed S] [--rounds R] [--ops K] [--time SECONDS]
 * boots the RMM for N CPUs, then runs rounds: N threads, CPUs 0..N-1, each
 * making K random calls at once; after each round (threads joined) the
 * ledger and the invariant checker look at the whole state. Stops after R
 * rounds or, with --time, when that many seconds have passed (whichever
 * comes first), destroys everything and undelegates every granule.
 * Exit status 0 only if nothing was found.
 */
#include "stress.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "invariants.h"

#define BANK_BASE	0x40000000ULL
#define BANK_SIZE	0xC0000000ULL

static struct stress_cpu cpus[STRESS_MAX_CPUS];
static unsigned int ops_per_round = 200;

static uint64_t pool_pa[POOL_N];
static struct granule *pool_g[POOL_N];
static const struct inv_pool pool = { pool_pa, pool_g, POOL_N };

const struct inv_pool *stress_pool(void)
{
	return &pool;
}

static void *cpu_main(void *arg)
{
	struct stress_cpu *c = arg;

	host_set_cpu(c->index);
	for (unsigned int k = 0; k < ops_per_round; k++)
		stress_random_op(c);
	return NULL;
}

static void run_round(unsigned int n)
{
	pthread_t threads[STRESS_MAX_CPUS];

	ledger_round_start();
	hints_sync();
	for (unsigned int i = 0; i < n; i++) {
		if (pthread_create(&threads[i], NULL, cpu_main, &cpus[i]) != 0) {
			perror("stress: pthread_create");
			exit(2);
		}
	}
	for (unsigned int i = 0; i < n; i++)
		pthread_join(threads[i], NULL);
	ledger_round_check(cpus, n);
	inv_check_state(&pool);
}

static void usage(void)
{
	fprintf(stderr, "usage: stress [--cpus 2..%u] [--seed S] [--rounds R] [--ops K] [--time SECONDS]\n",
		STRESS_MAX_CPUS);
	exit(2);
}

static unsigned long parse_ulong(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (*s == '\0' || *end != '\0')
		usage();
	return v;
}

static void boot(unsigned int n)
{
	host_platform_reset();
	host_write_manifest(BANK_BASE, BANK_SIZE);
	if (host_cold_boot(0, ABI_VERSION(0U, 4U), n, HOST_SHARED_BUF) != RMM_BOOT_SUCCESS) {
		fprintf(stderr, "stress: cold boot failed\n");
		exit(2);
	}
	for (unsigned int i = 0; i < POOL_N; i++)
		pool_pa[i] = POOL_PA(i);
	inv_pool_bind(&pool);
	realm_play_install();
}

/* Successes per command: what the run exercised (a mix that never succeeds tests little). */
static void print_summary(unsigned int n, unsigned long rounds)
{
	unsigned long calls = 0, ok = 0, rsi = 0, tokens = 0, by_cmd[64] = { 0 };

	for (unsigned int i = 0; i < n; i++) {
		calls += cpus[i].calls;
		ok += cpus[i].successes;
		rsi += cpus[i].rsi_answered;
		tokens += cpus[i].tokens;
		for (unsigned int f = 0; f < 64U; f++)
			by_cmd[f] += cpus[i].ok_by_cmd[f];
	}
	printf("stress: %u CPUs, %lu rounds of %u calls a CPU, %lu RMI calls, %lu succeeded\n", n,
	       rounds, ops_per_round, calls, ok);
	printf("stress: the realms had %lu RSI calls answered, %lu attestation tokens read out\n", rsi,
	       tokens);
	for (unsigned int f = 0; f < 64U; f++) {
		const struct rmi_command *cmd = rmi_command_lookup(RMI_FID(RMI_FNUM_FIRST + f));

		if (cmd != NULL && by_cmd[f] != 0U)
			printf("  %-28s %lu\n", cmd->name, by_cmd[f]);
	}
}

int main(int argc, char **argv)
{
	unsigned long n = 2, seed = 1, rounds = 50, secs = 0, done = 0;
	time_t start = time(NULL);

	for (int i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "--cpus") == 0)
			n = parse_ulong(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0)
			seed = parse_ulong(argv[++i]);
		else if (strcmp(argv[i], "--rounds") == 0)
			rounds = parse_ulong(argv[++i]);
		else if (strcmp(argv[i], "--ops") == 0)
			ops_per_round = (unsigned int)parse_ulong(argv[++i]);
		else if (strcmp(argv[i], "--time") == 0)
			secs = parse_ulong(argv[++i]);
		else
			usage();
	}
	if (n < 2 || n > STRESS_MAX_CPUS || rounds == 0 || ops_per_round == 0)
		usage();
	printf("stress: seed %lu, %lu CPUs\n", seed, n);
	boot((unsigned int)n);
	for (unsigned int i = 0; i < n; i++)
		stress_cpu_init(&cpus[i], i, seed);
	while (done < rounds && (secs == 0 || (unsigned long)(time(NULL) - start) < secs)) {
		run_round((unsigned int)n);
		done++;
	}
	host_set_cpu(0);
	stress_teardown(&cpus[0]);
	inv_check_state(&pool);
	print_summary((unsigned int)n, done);
	printf("stress: no violation, everything torn down\n");
	return 0;
}
