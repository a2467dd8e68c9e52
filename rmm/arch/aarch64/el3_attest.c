/*
 * RMM-EL3 attestation services (spec 7.2), and Atoll's vendor call for the
 * sealing roots (docs/hes-tfa.md), through the EL3 shared buffer.
 * The buffer is one page that EL3 also reads the boot manifest from; once
 * boot has copied the manifest out, these calls are its only users, and
 * they take el3_buf_lock because any CPU may make them.
 */
#include <rmm/arch.h>

#include <string.h>

#include <atoll/el3.h>
#include <atoll/rmi.h>
#include <rmm/log.h>
#include <rmm/spinlock.h>

#include "smc.h"
#include "sysreg.h"

/* Atoll's vendor RMM-EL3 call (OEN 7; TF-A patch 0008): x1 buffer, x2 size >= 64. */
#define RMM_ATOLL_GET_VHUKS	0xC70001C0U

/* PA (and, identity mapped, VA) of the shared buffer: set by cold boot. */
uint64_t rmm_el3_shared_buf;

static spinlock_t el3_buf_lock;

/* Clears the shared buffer so no secret stays where EL3 and later calls can see it. */
static void shared_buf_wipe(void)
{
	memset((void *)rmm_el3_shared_buf, 0, GRANULE_SIZE);
	__asm__ volatile("" : : : "memory");
}

/*
 * One call whose cost is EL3's and, with the HES, the HES's round trip over
 * UART1: logged in counter ticks (instructions under make bench's -icount,
 * where EL3's polling of the UART makes them depend on how fast the HES
 * process answers).
 */
static void el3_timed_smc(struct smc_regs *r, const char *call)
{
	uint64_t start = read_sysreg(cntpct_el0);

	rmm_smc(r);
	rmm_log("RMM: EL3 %s: %lu counter ticks\n", call, read_sysreg(cntpct_el0) - start);
}

int64_t arch_el3_get_realm_key(uint8_t *buf, size_t size, size_t *key_len)
{
	struct smc_regs r = { { RMM_ATTEST_GET_REALM_KEY, rmm_el3_shared_buf, GRANULE_SIZE,
				RMM_ATTEST_CURVE_P384 } };
	int64_t ret;

	spinlock_acquire(&el3_buf_lock);
	el3_timed_smc(&r, "GET_REALM_ATTEST_KEY");
	ret = (int64_t)r.x[0];
	*key_len = r.x[1];
	if (ret == E_RMM_OK && (r.x[1] > size || r.x[1] > GRANULE_SIZE))
		ret = E_RMM_NOMEM;
	if (ret == E_RMM_OK)
		memcpy(buf, (const void *)rmm_el3_shared_buf, *key_len);
	shared_buf_wipe();
	spinlock_release(&el3_buf_lock);
	return ret;
}

/*
 * One GET_PLAT_TOKEN call, retried while EL3 is busy. The first call
 * carries the challenge at the start of the buffer (c_size != 0), later
 * ones ask for the next hunk (c_size 0).
 */
static int64_t plat_token_hunk(const uint8_t *challenge, size_t c_size, size_t *hunk,
			       size_t *remaining)
{
	struct smc_regs r;

	do {
		if (c_size != 0U)
			memcpy((void *)rmm_el3_shared_buf, challenge, c_size);
		r = (struct smc_regs){ { RMM_ATTEST_GET_PLAT_TOKEN, rmm_el3_shared_buf,
					 GRANULE_SIZE, c_size } };
		el3_timed_smc(&r, "GET_PLAT_TOKEN");
	} while ((int64_t)r.x[0] == E_RMM_AGAIN);
	*hunk = r.x[1];
	*remaining = r.x[2];
	return (int64_t)r.x[0];
}

int64_t arch_el3_get_plat_token(const uint8_t *challenge, size_t c_size, uint8_t *buf,
				size_t size, size_t *token_len)
{
	size_t hunk, remaining, total = 0;
	int64_t ret;

	spinlock_acquire(&el3_buf_lock);
	do {
		ret = plat_token_hunk(challenge, total == 0U ? c_size : 0U, &hunk, &remaining);
		if (ret != E_RMM_OK)
			break;
		if (hunk > GRANULE_SIZE || hunk > size - total) {
			ret = E_RMM_NOMEM;
			break;
		}
		memcpy(buf + total, (const void *)rmm_el3_shared_buf, hunk);
		total += hunk;
	} while (remaining != 0U);
	shared_buf_wipe();
	spinlock_release(&el3_buf_lock);
	*token_len = ret == E_RMM_OK ? total : 0U;
	return ret;
}

int64_t arch_el3_get_vhuks(uint8_t vhuk_a[ARCH_VHUK_SIZE], uint8_t vhuk_m[ARCH_VHUK_SIZE])
{
	struct smc_regs r = { { RMM_ATOLL_GET_VHUKS, rmm_el3_shared_buf, GRANULE_SIZE } };
	const uint8_t *buf = (const uint8_t *)rmm_el3_shared_buf;
	int64_t ret;

	spinlock_acquire(&el3_buf_lock);
	el3_timed_smc(&r, "ATOLL_GET_VHUKS");
	ret = (int64_t)r.x[0];
	if (ret == E_RMM_OK && r.x[1] != 2U * ARCH_VHUK_SIZE)
		ret = E_RMM_INVAL;
	if (ret == E_RMM_OK) {
		memcpy(vhuk_a, buf, ARCH_VHUK_SIZE);
		memcpy(vhuk_m, buf + ARCH_VHUK_SIZE, ARCH_VHUK_SIZE);
	} else {
		memset(vhuk_a, 0, ARCH_VHUK_SIZE);
		memset(vhuk_m, 0, ARCH_VHUK_SIZE);
	}
	shared_buf_wipe();
	spinlock_release(&el3_buf_lock);
	return ret;
}
