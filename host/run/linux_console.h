/* The Linux guest's PL011 (host/devices/pl011.h) on its MMIO exits, printing through the VM's console. */
#pragma once

#include <stdbool.h>

#include "builder/realm_vm.h"

/*
 * Adds the PL011 at its unprotected alias (LINUX_PL011_BASE | 2^(s2sz-1)):
 * bytes the guest transmits go to realm_vm_console_putc(). One Linux guest
 * at a time. False when the VM's device table is full.
 */
bool linux_vm_add_pl011(struct realm_vm *vm);
