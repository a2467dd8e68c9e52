/*
 * The 32 measurement slots of the measured-boot service, with the RSE rules
 * (shared/hes.md 2.3): a slot starts empty; EXTEND sets value = H(old ||
 * input) in the slot's algorithm, old being zeros on the first extend; the
 * first extend fixes the signer id and algorithm, a later one with other
 * values is NOT_PERMITTED, and clears sw_type and version as TF-A's RSE
 * documentation says (the value no longer measures one image); a locked
 * slot refuses extends (BAD_STATE) until the next boot.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hes/psa.h>

#define HES_SLOT_COUNT		32U
#define HES_SIGNER_ID_MIN	32U
#define HES_SIGNER_ID_MAX	64U
#define HES_VALUE_MIN		32U
#define HES_VALUE_MAX		64U
#define HES_VERSION_MAX		14U
#define HES_SW_TYPE_MAX		32U

struct hes_slot {
	bool populated;
	bool locked;
	uint32_t alg;			/* PSA hash id; value is its digest length */
	uint8_t value[HES_HASH_MAX];
	uint8_t signer_id[HES_SIGNER_ID_MAX];
	uint8_t signer_id_len;
	char sw_type[HES_SW_TYPE_MAX];	/* printable ASCII, not NUL-terminated */
	uint8_t sw_type_len;
	char version[HES_VERSION_MAX];
	uint8_t version_len;
};

struct hes_slots {
	struct hes_slot slot[HES_SLOT_COUNT];
};

/* One EXTEND's arguments; the pointers are only read during the call. */
struct hes_measurement {
	uint32_t index;
	bool lock;
	uint32_t alg;
	const uint8_t *signer_id;
	size_t signer_id_len;
	const char *sw_type;
	size_t sw_type_len;
	const char *version;
	size_t version_len;
	const uint8_t *value;
	size_t value_len;
};

/* Every slot empty and unlocked (a new boot). */
void hes_slots_reset(struct hes_slots *s);

/* EXTEND: PSA_SUCCESS or the PSA error of the first rule m breaks. */
int32_t hes_slots_extend(struct hes_slots *s, const struct hes_measurement *m);

/* READ: *out is the slot; INVALID_ARGUMENT past the last, DOES_NOT_EXIST if empty. */
int32_t hes_slots_read(const struct hes_slots *s, uint32_t index, const struct hes_slot **out);

/* How many slots hold a measurement. */
size_t hes_slots_populated(const struct hes_slots *s);

/* Digest length of a populated slot's value. */
size_t hes_slot_value_len(const struct hes_slot *slot);
