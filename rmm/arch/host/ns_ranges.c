/* The host build's arch_ns_write_ranges_clear, on top of its arch_ns_write. */
#include <rmm/arch.h>

#include <string.h>

bool arch_ns_write_ranges_clear(uint64_t ns_pa, void *src, const struct arch_ns_range *ranges,
				unsigned int n)
{
	uint8_t *s = src;
	bool ok = n > 0U;

	for (unsigned int i = 0; i < n; i++) {
		if (ok)
			ok = arch_ns_write(ns_pa + ranges[i].off, s + ranges[i].off, ranges[i].len);
		memset(s + ranges[i].off, 0, ranges[i].len);
	}
	return ok;
}
