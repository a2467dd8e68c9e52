/* The RMM's stage-1 map at R-EL2 (see mmu.c for the layout). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rmm/boot.h>

/* Builds the tables once, on the cold-boot CPU with the MMU off. */
void mmu_build(const struct rmm_platform *plat, uint64_t shared_buf);

/* Turns the MMU and caches on for the calling CPU. */
void mmu_enable(void);

/* The NS-PAS alias of tracked DRAM, used only by the NS copy routines. */
bool mmu_ns_window_covers(uint64_t pa, size_t len);
uintptr_t mmu_ns_window_va(uint64_t pa);
