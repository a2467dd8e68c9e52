/* The realm's GICv3 virtual CPU interface around a run. */
#pragma once

#include <rmm/arch.h>

/* The list registers and the virtual INTID width, from ICH_VTR_EL2. */
void gic_get_features(struct arch_features *out);

void gic_load(const struct realm_gic_state *gic);
void gic_save_and_clear(struct realm_gic_state *gic);
