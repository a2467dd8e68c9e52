/* Saving the normal world's FP/SIMD/SVE registers around their use at R-EL2. */
#pragma once

void simd_save_ns(void);
void simd_restore_ns(void);
