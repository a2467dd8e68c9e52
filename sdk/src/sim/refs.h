/*
 * The simulated device's reference values as refs.json (format "atoll-refs
 * 1", verify/hosted/refs.h): its boot components' slot values as the HES
 * holds them, its CPAK and the realm's RIM, so that atoll_verify (through
 * atoll_policy_load_refs) accepts its tokens. The CPAK's PEM form is left
 * out (nothing reads it; build/atoll-refs writes it for people).
 */
#pragma once

#include "../internal.h"

atoll_status sim_write_refs(struct atoll_ctx *ctx, const char *path);
