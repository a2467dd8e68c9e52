/*
 * The Linux guest's interrupt controller: the GICv3 model (host/devices/
 * vgic.h) at the unprotected aliases of GICD and GICR, and before each
 * entry the REC's list registers (host/devices/vgic_lr.h) from it: the
 * virtual timer (PPI 27) while the last exit reported it asserted, the
 * PL011's SPI while its line is high, and the SGIs the vCPUs sent through
 * ICC_SGI1R_EL1 (host/devices/vgic_sgi.h).
 */
#pragma once

#include <stdbool.h>

#include "builder/realm_vm.h"

/* Adds GICD and GICR for vm->num_recs vCPUs and the controller. False if the table is full. */
bool linux_vm_add_gic(struct realm_vm *vm);
