/* Fixed limits of the RMM: no dynamic allocation, so every table is sized here. */
#pragma once

#define RMM_MAX_CPUS		32U
#define RMM_MAX_DRAM_BANKS	8U
/* 4 GiB of tracked DRAM: the QEMU bank is 3 GiB. */
#define RMM_MAX_GRANULES	(1U << 20)
