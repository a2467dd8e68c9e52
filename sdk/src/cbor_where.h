/*
 * Where a token stops being well-formed CBOR, for ATOLL_E_MALFORMED's
 * detail: the offset of the first item (head) the strict decoder of
 * verify/ refuses, following the nesting of a CCA token (the two tokens in
 * their byte strings, and in each COSE_Sign1 the protected header and the
 * payload). Diagnosis only: verify/cca_verify.c decides what is valid.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* The byte offset, or -1 if every part is well-formed (the shape is then what is wrong). */
long cbor_first_bad_byte(const uint8_t *token, size_t len);
