/*
 * The slots as CBOR. One encoding serves three uses, so they cannot drift
 * apart: the DAK's HKDF INFO and VHUK_M's context (TF-M's CBOR boot state)
 * and the platform token's sw-components claim (2399). It is an array with
 * one map per populated slot, in slot order, keys in TF-M's order 5 signer
 * id, 4 version (empty text if none), 1 sw_type, 6 hash name, 2 value.
 * VHUK_A binds only what survives a firmware update: the same array with
 * maps {5: signer id, 1: sw_type}.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <lib/cbor.h>
#include <hes/slots.h>

/* Bytes the largest encoding can take (32 full slots), for buffers. */
#define HES_BOOTDATA_MAX	6400U

/* Appends the measurement array to e. */
void hes_bootdata_put_measurements(struct cbor_enc *e, const struct hes_slots *s);

/* Each writes its array into buf; 0 on overflow. */
size_t hes_bootdata_measurements(const struct hes_slots *s, uint8_t *buf, size_t cap);
size_t hes_bootdata_signers(const struct hes_slots *s, uint8_t *buf, size_t cap);
