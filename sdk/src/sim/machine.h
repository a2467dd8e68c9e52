/*
 * The simulated machine of the sim backend: the HES core with a persistent
 * device identity (a state file with atoll-hesd's rules), a measured boot
 * of the simulator's components into its slots, Atoll's RMM core cold-
 * booted on the host platform (rmm/arch/host) with EL3 answered by that
 * HES, and one realm built through RMI by the realm builder (host/builder)
 * from a realm image, in the launcher's order. The RMM core keeps its
 * state in globals: one machine per process.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../internal.h"

/* The boot components the simulator measures into the HES, in slot order. */
struct sim_component {
	const char *image;	/* refs.json's "image" */
	const char *sw_type;	/* what TF-A's QEMU port sends for that slot */
	unsigned int slot;
	const char *descriptor;	/* what is hashed: the simulator has no boot images */
};
#define SIM_COMPONENTS	4U
extern const struct sim_component sim_components[SIM_COMPONENTS];

/*
 * Boots the machine for these options (state dir, realm image) unless it
 * already runs with the same ones; ATOLL_E_STATE_FILE, _IMAGE, _BACKEND
 * with the detail in ctx.
 */
atoll_status sim_machine_open(struct atoll_ctx *ctx, const struct atoll_options *opt);
/* One fewer user; the last one wipes the HES's secrets. */
void sim_machine_close(void);

struct hes;
struct realm_vm;
struct hes *sim_machine_hes(void);
struct realm_vm *sim_machine_realm(void);
/* The state file and the realm's image (built-in or the caller's) and RIM. */
const char *sim_machine_state_path(void);
const char *sim_machine_image_name(void);
const uint8_t *sim_machine_rim(size_t *len);
