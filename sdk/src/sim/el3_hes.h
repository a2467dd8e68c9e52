/*
 * The simulator's EL3 attestation services (in place of
 * rmm/arch/host/el3_attest.c's fixed test keys): the RMM's calls for the
 * realm attestation key, the platform token and the VHUKs are answered by
 * the HES core, as TF-A's QEMU port does over UART1 (docs/hes-tfa.md).
 */
#pragma once

#include <hes/hes.h>

/* The HES the calls go to (NULL: every call fails as an absent HES would). */
void sim_el3_use_hes(struct hes *h);
