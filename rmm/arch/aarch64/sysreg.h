/* System register access for the aarch64 arch layer only. */
#pragma once

#include <stdint.h>

#define read_sysreg(reg) ({ \
	uint64_t v_; \
	__asm__ volatile("mrs %0, " #reg : "=r"(v_)); \
	v_; \
})

#define write_sysreg(reg, v) __asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)))

#define isb()		__asm__ volatile("isb" ::: "memory")
#define dsb(opt)	__asm__ volatile("dsb " #opt ::: "memory")

/* ESR_EL2 fields. */
#define ESR_EC_SHIFT		26
#define ESR_EC(esr)		(((esr) >> ESR_EC_SHIFT) & 0x3FU)
#define ESR_EC_DABORT_CUR	0x25U
#define ESR_ISS_DFSC(esr)	((esr) & 0x3FU)
