/*
 * The RSI fuzzer's own mutator: inputs are fixed-size records
 * (rsi_fuzz.h), and libFuzzer's byte-level insertions and erasures shift
 * every record after them, so a seed's protocol falls apart at the first
 * one. Most mutations here keep the records whole: one argument byte of
 * one record changed (to a random value or to where a choice byte's edge
 * values start), a record inserted, repeated or removed, two swapped. The
 * rest are libFuzzer's own, which bring its comparison tricks.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "rsi_fuzz.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);

static uint32_t next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* A byte for an argument: random, or the first values of the choice tables' edges. */
static uint8_t pick_byte(uint32_t *s)
{
	static const uint8_t edges[] = { 0, 1, 2, 3, 0x80, 0x81, 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5,
					 0xC0, 0xC1, 0xF0, 0xF8, 0xFF };
	uint32_t r = next(s);

	return (r & 1U) ? (uint8_t)(r >> 8) : edges[(r >> 8) % sizeof(edges)];
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	uint32_t s = seed | 1U;
	size_t n = size / RF_RECORD, max = max_size / RF_RECORD, k;

	if (n < 2U || (next(&s) & 7U) == 0U)
		return LLVMFuzzerMutate(data, size, max_size);
	size = n * RF_RECORD;
	k = 1U + next(&s) % (n - 1U);		/* a record after the header */
	switch (next(&s) % 8U) {
	case 0:
		data[next(&s) % 3U] = pick_byte(&s);	/* the header */
		break;
	case 1:
	case 2:
	case 3:
		data[k * RF_RECORD + next(&s) % RF_RECORD] = pick_byte(&s);
		break;
	case 4:
		if (n < max) {	/* a copy of another record, inserted before record k */
			size_t from = 1U + next(&s) % (n - 1U);
			uint8_t rec[RF_RECORD];

			memcpy(rec, data + from * RF_RECORD, RF_RECORD);
			memmove(data + (k + 1U) * RF_RECORD, data + k * RF_RECORD, (n - k) * RF_RECORD);
			memcpy(data + k * RF_RECORD, rec, RF_RECORD);
			size += RF_RECORD;
		}
		break;
	case 5:
		memmove(data + k * RF_RECORD, data + (k + 1U) * RF_RECORD, (n - k - 1U) * RF_RECORD);
		size -= RF_RECORD;
		break;
	case 6: {
		size_t other = 1U + next(&s) % (n - 1U);
		uint8_t rec[RF_RECORD];

		memcpy(rec, data + k * RF_RECORD, RF_RECORD);
		memcpy(data + k * RF_RECORD, data + other * RF_RECORD, RF_RECORD);
		memcpy(data + other * RF_RECORD, rec, RF_RECORD);
		break;
	}
	default:
		data[k * RF_RECORD] = (uint8_t)next(&s);	/* another action */
		data[k * RF_RECORD + 2U] = (uint8_t)next(&s);	/* and call, command, ... */
		break;
	}
	return size;
}
