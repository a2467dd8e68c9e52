/* Entry points of the RMM core, called by the arch layer. */
#pragma once

#include <stdint.h>

#include <rmm/boot.h>

#define RMM_VERSION_STRING	"0.1.0"

/* Sets up the core after a valid cold boot (granule table, features, banner). */
void rmm_core_init(const struct rmm_platform *plat);
