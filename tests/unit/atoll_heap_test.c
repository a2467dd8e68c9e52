/*
 * The arenas behind mbedTLS's calloc and free (rmm/mbedtls/atoll_heap.c):
 * the block freed last is reused without a walk, a block merged into its
 * neighbour is forgotten, and a random run of allocations and frees never
 * hands out overlapping or unzeroed memory. Called as mbedTLS calls them.
 */
#include <string.h>

#include <mbedtls/platform.h>

#include "atoll_heap.h"
#include "unit.h"

static _Alignas(8) uint8_t heap_buf[4096];
static struct atoll_heap heap;

static int heap_setup(void **state)
{
	(void)state;
	atoll_heap_init(&heap, heap_buf, sizeof(heap_buf));
	(void)atoll_heap_use(&heap);
	return 0;
}

static int heap_teardown(void **state)
{
	(void)state;
	(void)atoll_heap_use(NULL);
	return 0;
}

static uint8_t *alloc(size_t n)
{
	uint8_t *p = mbedtls_calloc(1, n);

	assert_non_null(p);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(p[i], 0);
	return p;
}

/* An allocation of the size just freed gets that block back, zeroed. */
static void heap_reuses_the_block_freed_last(void **state)
{
	uint8_t *a, *b, *c;

	(void)state;
	a = alloc(48);
	b = alloc(48);
	c = alloc(48);
	memset(b, 0x5A, 48);
	mbedtls_free(b);
	assert_ptr_equal(alloc(48), b);
	mbedtls_free(a);
	mbedtls_free(c);
}

/*
 * The block freed last, merged into the free block before it by a larger
 * allocation, is not handed out again: it lies inside that allocation.
 */
static void heap_forgets_a_merged_block(void **state)
{
	uint8_t *a, *b, *x, *y;

	(void)state;
	a = alloc(48);
	b = alloc(48);
	(void)alloc(48);	/* keeps a and b from merging with the free rest */
	mbedtls_free(a);
	mbedtls_free(b);
	x = alloc(96);		/* a and b merged: 2 x 56 bytes hold 96 + 8 */
	assert_ptr_equal(x, a);
	/* Data where b's header was that reads like that header: a free 56-byte block. */
	memset(x, 0xC3, 96);
	memcpy(b - 8, &(uint64_t){ 56 }, 8);
	y = alloc(48);
	assert_true(y + 48 <= x || y >= x + 96);
	assert_int_equal(x[0], 0xC3);
	assert_int_equal(x[95], 0xC3);
	assert_memory_equal(b - 8, &(uint64_t){ 56 }, 8);
}

#define LIVE_MAX	24U

/* Random sizes, random frees: live blocks never overlap and keep their bytes. */
static void heap_random_run_keeps_blocks_apart(void **state)
{
	static const size_t sizes[] = { 8, 16, 40, 48, 56, 96, 200 };
	struct { uint8_t *p; size_t n; uint8_t fill; } live[LIVE_MAX] = { { NULL, 0, 0 } };
	uint64_t rnd = 12345;

	(void)state;
	for (unsigned int step = 0; step < 20000U; step++) {
		unsigned int slot;

		rnd = rnd * 6364136223846793005ULL + 1442695040888963407ULL;
		slot = (unsigned int)(rnd >> 33) % LIVE_MAX;
		if (live[slot].p != NULL) {
			for (size_t i = 0; i < live[slot].n; i++)
				assert_int_equal(live[slot].p[i], live[slot].fill);
			mbedtls_free(live[slot].p);
			live[slot].p = NULL;
			continue;
		}
		live[slot].n = sizes[(rnd >> 20) % (sizeof(sizes) / sizeof(sizes[0]))];
		live[slot].p = mbedtls_calloc(1, live[slot].n);
		if (live[slot].p == NULL)
			continue;	/* full for now */
		for (size_t i = 0; i < live[slot].n; i++)
			assert_int_equal(live[slot].p[i], 0);
		live[slot].fill = (uint8_t)(step | 1U);
		memset(live[slot].p, live[slot].fill, live[slot].n);
		for (unsigned int j = 0; j < LIVE_MAX; j++)
			if (j != slot && live[j].p != NULL)
				assert_true(live[j].p + live[j].n <= live[slot].p ||
					    live[j].p >= live[slot].p + live[slot].n);
	}
	for (unsigned int j = 0; j < LIVE_MAX; j++)
		mbedtls_free(live[j].p);
	assert_int_equal(atoll_heap_used(&heap), 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(heap_reuses_the_block_freed_last, heap_setup, heap_teardown),
	cmocka_unit_test_setup_teardown(heap_forgets_a_merged_block, heap_setup, heap_teardown),
	cmocka_unit_test_setup_teardown(heap_random_run_keeps_blocks_apart, heap_setup,
					heap_teardown),
};

UNIT_GROUP(atoll_heap_tests, tests, NULL);
