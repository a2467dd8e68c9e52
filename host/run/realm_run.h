/*
 * Running realm VMs (builder/realm_vm.h): a REC_ENTER loop that serves the
 * realm's exits the way a VMM does: its console, emulated MMIO through the
 * VM's table of devices, host calls, PSCI (secondary RECs run on another
 * CPU), RIPAS changes, stage-2 faults on RAM, WFI/WFE and interrupts.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "builder/realm_vm.h"

/* ---- Running (realm_run.c) ---- */

/*
 * One REC_ENTER of REC rec and the service of its exit. Returns true while
 * that REC can be entered again; false once it is off, the realm is off or
 * something failed (vm->state says which).
 */
bool realm_vm_step(struct realm_vm *vm, unsigned int rec);

/* Steps REC rec until it stops. */
void realm_vm_run_rec(struct realm_vm *vm, unsigned int rec);

/* Runs the realm from REC 0 until it is off or failed; returns vm->state. */
enum realm_vm_state realm_vm_run(struct realm_vm *vm);

/*
 * With vm->concurrent_recs: waits until the RECs started on other CPUs
 * have stopped (false if one did not within the run loop's limit).
 */
bool realm_vm_wait_recs(struct realm_vm *vm);

/*
 * With vm->concurrent_recs: makes REC rec exit soon if it runs on another
 * CPU (a physical SGI to that CPU), so that it sees what was made pending
 * for it; nothing for a REC of this CPU or one that is off.
 */
void realm_vm_kick(struct realm_vm *vm, unsigned int rec);

/* ---- Services (realm_services.c) ---- */

/* Serves a HOST_CALL exit: the results go to enter.gprs. False if it cannot. */
bool realm_vm_host_call(struct realm_vm *vm, unsigned int rec);

/* A byte the realm wrote to its console. */
void realm_vm_console_putc(struct realm_vm *vm, char c);

/*
 * Finds the last "<suite>: N passed, M failed" line the realm printed.
 * False if there is none.
 */
bool realm_vm_closing_line(const struct realm_vm *vm, const char *suite, unsigned int *passed,
			   unsigned int *failed);

/* One line of what the realm's run cost: REC_ENTERs and exits by reason. */
void realm_vm_print_stats(const struct realm_vm *vm);
