/* The realm's GICv3 virtual CPU interface around a run. */
#pragma once

#include <rmm/arch.h>

void gic_load(const struct realm_gic_state *gic);
void gic_save_and_clear(struct realm_gic_state *gic);
