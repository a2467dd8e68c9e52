/*
 * Stage-2 TLB invalidation on the host build. There is no TLB (stage-2
 * changes are visible at once), so the invalidations are only recorded:
 * tests check that a command invalidated everything a change could have
 * left cached (see harness.h).
 */
#include "harness.h"

#include <atoll/rmi.h>
#include <rmm/arch.h>

_Thread_local struct host_tlbi_log host_tlbi_log;

static void record(uint16_t vmid, bool all, uint64_t ipa)
{
	struct host_tlbi_log *l = &host_tlbi_log;

	if (l->count < HOST_TLBI_LOG_SIZE)
		l->ops[l->count] = (struct host_tlbi){ .vmid = vmid, .all = all,
						       .ipa = ipa & ~(GRANULE_SIZE - 1U) };
	else
		l->overflow = true;
	l->count++;
}

void arch_tlbi_realm_ipa(uint16_t vmid, uint64_t ipa)
{
	record(vmid, false, ipa);
}

void arch_tlbi_realm_all(uint16_t vmid)
{
	record(vmid, true, 0);
}

void host_tlbi_log_reset(void)
{
	host_tlbi_log = (struct host_tlbi_log){ 0 };
}

static bool page_invalidated(uint16_t vmid, uint64_t ipa)
{
	for (unsigned int i = 0; i < host_tlbi_log.count && i < HOST_TLBI_LOG_SIZE; i++) {
		const struct host_tlbi *op = &host_tlbi_log.ops[i];

		if (op->vmid == vmid && (op->all || op->ipa == ipa))
			return true;
	}
	return false;
}

bool host_tlbi_covers(uint16_t vmid, uint64_t base, uint64_t size)
{
	if (host_tlbi_log.overflow)
		return false;	/* some operations were not kept: cannot tell */
	for (uint64_t ipa = base; ipa - base < size; ipa += GRANULE_SIZE) {
		if (!page_invalidated(vmid, ipa))
			return false;
	}
	return true;
}
