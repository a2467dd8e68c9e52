/* CBOR encodings of the measurement slots (see bootdata.h). */
#include <hes/bootdata.h>

/* sw-component claim keys (CCA platform token, shared/hes.md 5.3). */
#define SWC_MEASUREMENT_TYPE	1
#define SWC_MEASUREMENT_VALUE	2
#define SWC_VERSION		4
#define SWC_SIGNER_ID		5
#define SWC_HASH_ALGO		6

static void put_signer(struct cbor_enc *e, const struct hes_slot *slot)
{
	cbor_put_uint(e, SWC_SIGNER_ID);
	cbor_put_bstr(e, slot->signer_id, slot->signer_id_len);
}

static void put_sw_type(struct cbor_enc *e, const struct hes_slot *slot)
{
	cbor_put_uint(e, SWC_MEASUREMENT_TYPE);
	cbor_put_tstr_len(e, slot->sw_type, slot->sw_type_len);
}

static void put_measurement(struct cbor_enc *e, const struct hes_slot *slot)
{
	cbor_put_map(e, 5);
	put_signer(e, slot);
	cbor_put_uint(e, SWC_VERSION);
	cbor_put_tstr_len(e, slot->version, slot->version_len);
	put_sw_type(e, slot);
	cbor_put_uint(e, SWC_HASH_ALGO);
	cbor_put_tstr(e, hes_alg_name(slot->alg));
	cbor_put_uint(e, SWC_MEASUREMENT_VALUE);
	cbor_put_bstr(e, slot->value, hes_slot_value_len(slot));
}

static void put_signer_only(struct cbor_enc *e, const struct hes_slot *slot)
{
	cbor_put_map(e, 2);
	put_signer(e, slot);
	put_sw_type(e, slot);
}

static void put_array(struct cbor_enc *e, const struct hes_slots *s,
		      void (*put_one)(struct cbor_enc *, const struct hes_slot *))
{
	cbor_put_array(e, hes_slots_populated(s));
	for (size_t i = 0; i < HES_SLOT_COUNT; i++)
		if (s->slot[i].populated)
			put_one(e, &s->slot[i]);
}

void hes_bootdata_put_measurements(struct cbor_enc *e, const struct hes_slots *s)
{
	put_array(e, s, put_measurement);
}

static size_t encode(const struct hes_slots *s, uint8_t *buf, size_t cap,
		     void (*put_one)(struct cbor_enc *, const struct hes_slot *))
{
	struct cbor_enc e;

	cbor_enc_init(&e, buf, cap);
	put_array(&e, s, put_one);
	return cbor_enc_finish(&e);
}

size_t hes_bootdata_measurements(const struct hes_slots *s, uint8_t *buf, size_t cap)
{
	return encode(s, buf, cap, put_measurement);
}

size_t hes_bootdata_signers(const struct hes_slots *s, uint8_t *buf, size_t cap)
{
	return encode(s, buf, cap, put_signer_only);
}
