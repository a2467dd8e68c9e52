/*
 * The NS-EL2 realm host's platform layer: console, SMC and PSCI calls, CPUs,
 * fault capture, test granules. Everything else of host/ sits above it:
 * programs (main/) -> run/ -> builder/ -> rmi/ -> this.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define HOST_MAX_CPUS	8U
#define HOST_UART_BASE	0x09000000UL

__attribute__((format(printf, 1, 2))) void host_printf(const char *fmt, ...);

/*
 * The host's MMU (mmu.c): host_mmu_init() builds its identity map and turns
 * the MMU and caches on, on the boot CPU before anything else;
 * host_mmu_enable() does the same with that map on a secondary CPU.
 */
void host_mmu_init(void);
void host_mmu_enable(void);

/* SMC with x0..x7 in regs; the returned x0..x7 replace them. */
void host_smc(uint64_t regs[8]);

/* PSCI (psci.c). */
int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context);
_Noreturn void psci_system_off(void);

/*
 * Runs fn on CPU cpu (started with PSCI CPU_ON, switched off afterwards) and
 * waits for it. Returns false if the CPU did not start or did not finish.
 */
bool host_run_on_cpu(unsigned int cpu, void (*fn)(void *), void *arg);

/* The same with a limit of its own, in counter ticks, for work longer than a call or two. */
bool host_run_on_cpu_within(unsigned int cpu, void (*fn)(void *), void *arg, uint64_t ticks);

/*
 * The two halves, for CPUs that work at the same time: start fn on cpu
 * (false if CPU_ON failed within ticks), and wait until it has finished.
 */
bool host_start_on_cpu(unsigned int cpu, void (*fn)(void *), void *arg, uint64_t ticks);
bool host_wait_cpu(unsigned int cpu, uint64_t ticks);

/*
 * Fault capture: between host_fault_expect() and host_fault_end() a
 * synchronous exception is recorded and the faulting instruction skipped,
 * instead of stopping the host.
 */
struct host_fault {
	bool taken;
	uint64_t esr;
	uint64_t far;
};
void host_fault_expect(void);
struct host_fault host_fault_end(void);

/* Reads and writes that the compiler must not merge or drop. */
static inline uint64_t mmio_read64(uint64_t pa)
{
	return *(volatile uint64_t *)pa;
}

static inline void mmio_write64(uint64_t pa, uint64_t v)
{
	*(volatile uint64_t *)pa = v;
}

/* A CPU counter tick (1 GHz on QEMU) for timeouts. */
static inline uint64_t host_counter(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(v));
	return v;
}

/*
 * The preemption tick (tick.c): host_tick_init() enables this CPU's EL2
 * physical timer interrupt (PPI 26); host_tick_arm(ticks) starts its
 * countdown, so a realm entered afterwards exits (IRQ) within that many
 * counter ticks (0 stops it). The host never takes the interrupt: its IRQs
 * stay masked.
 */
void host_tick_init(void);
void host_tick_arm(uint64_t ticks);

/*
 * Enables or disables one PPI (16..31) of this CPU in its redistributor,
 * after host_tick_init(). Like the tick it stays unacknowledged: while a
 * realm runs it makes an IRQ exit (the PMU's, PPI 23, for a PMU realm).
 */
void host_ppi_set_enabled(unsigned int ppi, bool enabled);

/*
 * After host_tick_init() on both: host_kick_cpu(cpu) sends CPU cpu (at most
 * 15) a physical SGI, so that a realm running there exits with IRQ;
 * host_irq_drain() acknowledges and ends every interrupt pending on this
 * CPU (the kick's included), so that the next REC_ENTER does not exit at once.
 */
void host_kick_cpu(unsigned int cpu);
void host_irq_drain(void);

/* Granules for tests: a simple bump allocator over NS DRAM far from the image. */
uint64_t host_alloc_granule(void);
/* count granules one after the other; returns the first. */
uint64_t host_alloc_granules(uint64_t count);
