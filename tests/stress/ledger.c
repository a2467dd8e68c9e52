/* Argument hints and the per-round accounting of granule state changes (stress.h). */
#include "stress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t hints[POOL_N];
static uint16_t rec_next[POOL_N];
static uint8_t rec_realm[POOL_N];
static uint16_t rec_index[POOL_N];
static uint8_t round_start[POOL_N];

static const char *const state_names[NUM_STATES] = { "UNDELEGATED", "DELEGATED", "RD", "REC",
						     "REC_AUX", "DATA", "RTT" };

enum granule_state hint_state(unsigned int i)
{
	return (enum granule_state)__atomic_load_n(&hints[i], __ATOMIC_RELAXED);
}

void hint_set(unsigned int i, enum granule_state s)
{
	__atomic_store_n(&hints[i], (uint8_t)s, __ATOMIC_RELAXED);
}

unsigned int hint_rec_next(unsigned int rd)
{
	return __atomic_load_n(&rec_next[rd], __ATOMIC_RELAXED);
}

void hint_rec_next_set(unsigned int rd, unsigned int next)
{
	__atomic_store_n(&rec_next[rd], (uint16_t)next, __ATOMIC_RELAXED);
}

unsigned int hint_rec_realm(unsigned int rec)
{
	return __atomic_load_n(&rec_realm[rec], __ATOMIC_RELAXED);
}

void hint_rec_realm_set(unsigned int rec, unsigned int rd, unsigned int index)
{
	__atomic_store_n(&rec_realm[rec], (uint8_t)rd, __ATOMIC_RELAXED);
	__atomic_store_n(&rec_index[rec], (uint16_t)index, __ATOMIC_RELAXED);
}

int hint_find_rec(unsigned int rd, unsigned int index)
{
	for (unsigned int i = 0; i < POOL_N; i++) {
		if (hint_state(i) == GRANULE_STATE_REC && hint_rec_realm(i) == rd &&
		    __atomic_load_n(&rec_index[i], __ATOMIC_RELAXED) == index)
			return (int)i;
	}
	return -1;
}

int pool_index(uint64_t pa)
{
	if (pa < POOL_BASE || pa >= POOL_PA(POOL_N) || (pa & (GRANULE_SIZE - 1U)) != 0U)
		return -1;
	return (int)((pa - POOL_BASE) >> GRANULE_SHIFT);
}

/* Threads are joined: the granule table can be read directly. */
static enum granule_state table_state(unsigned int i)
{
	return (enum granule_state)granule_find(POOL_PA(i))->state;
}

void hints_sync(void)
{
	for (unsigned int i = 0; i < POOL_N; i++)
		hint_set(i, table_state(i));
}

void ledger_move(struct stress_cpu *c, unsigned int i, enum granule_state from,
		 enum granule_state to)
{
	c->net[i][from]--;
	c->net[i][to]++;
	hint_set(i, to);
}

void ledger_round_start(void)
{
	for (unsigned int i = 0; i < POOL_N; i++)
		round_start[i] = (uint8_t)table_state(i);
}

void ledger_round_check(struct stress_cpu *cpus, unsigned int n)
{
	for (unsigned int i = 0; i < POOL_N; i++) {
		unsigned int now = table_state(i);

		for (unsigned int s = 0; s < NUM_STATES; s++) {
			int32_t net = 0, expect = (now == s) - (round_start[i] == s);

			for (unsigned int k = 0; k < n; k++)
				net += cpus[k].net[i][s];
			if (net != expect) {
				fprintf(stderr,
					"STRESS VIOLATION: granule %#llx went from %s to %s this round, "
					"but the successful calls moved it into %s %d times more than out "
					"of it (expected %d): two calls both succeeded on one state\n",
					(unsigned long long)POOL_PA(i), state_names[round_start[i]],
					state_names[now], state_names[s], net, expect);
				abort();
			}
		}
	}
	for (unsigned int k = 0; k < n; k++)
		memset(cpus[k].net, 0, sizeof(cpus[k].net));
}
