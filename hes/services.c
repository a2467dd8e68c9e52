/*
 * PSA calls onto the services: one row per (handle, type) with the iovec
 * counts it takes, and a decoder per row that checks each vector's size
 * before the service sees it. Layouts: shared/hes.md 2.2-2.4.
 */
#include <hes/hes.h>

#include <string.h>

/* Measured boot's extend_iovec and read_iovec_out (TF-A measured_boot_private.h). */
#define EXTEND_IOVEC_SIZE	44U
#define READ_IOVEC_IN_SIZE	3U
#define READ_IOVEC_OUT_SIZE	56U

struct call {
	const struct hes_invec *in;
	struct hes_outvec *out;
};

typedef int32_t service_fn(struct hes *h, struct call *c);

struct service {
	int32_t handle;
	uint32_t type;
	size_t in_len;
	size_t out_len;
	service_fn *fn;
};

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	for (unsigned int i = 0; i < 4U; i++)
		p[i] = (uint8_t)(v >> (8U * i));
}

/* in: curve u8, bits u32, hash alg u32; out: the private scalar. */
static int32_t delegated_key(struct hes *h, struct call *c)
{
	if (c->in[0].len != 1U || c->in[1].len != 4U || c->in[2].len != 4U)
		return PSA_ERROR_INVALID_ARGUMENT;
	return hes_get_delegated_key(h, c->in[0].base[0], le32(c->in[1].base), le32(c->in[2].base),
				     c->out[0].base, c->out[0].cap, &c->out[0].len);
}

/* in: the challenge; out: the token. */
static int32_t platform_token(struct hes *h, struct call *c)
{
	return hes_get_platform_token(h, c->in[0].base, c->in[0].len, c->out[0].base,
				      c->out[0].cap, &c->out[0].len);
}

/* in: nothing; out: the DAK's public key. */
static int32_t delegated_pub_key(struct hes *h, struct call *c)
{
	return hes_get_delegated_pub_key(h, c->out[0].base, c->out[0].cap, &c->out[0].len);
}

/* in: extend_iovec, signer id, version, value. */
static int32_t mb_extend(struct hes *h, struct call *c)
{
	const uint8_t *iov = c->in[0].base;
	struct hes_measurement m;

	/* The lock byte is a boolean; a sw_type longer than its field is malformed. */
	if (c->in[0].len != EXTEND_IOVEC_SIZE || iov[1] > 1U || iov[40] > HES_SW_TYPE_MAX)
		return PSA_ERROR_INVALID_ARGUMENT;
	m = (struct hes_measurement){
		.index = iov[0],
		.lock = iov[1] != 0U,
		.alg = le32(iov + 4),
		.sw_type = (const char *)iov + 8,
		.sw_type_len = iov[40],
		.signer_id = c->in[1].base,
		.signer_id_len = c->in[1].len,
		.version = (const char *)c->in[2].base,
		.version_len = c->in[2].len,
		.value = c->in[3].base,
		.value_len = c->in[3].len,
	};
	return hes_slots_extend(&h->slots, &m);
}

/* in: index, sw_type and version capacities; out: read_iovec_out, signer id, value. */
static int32_t mb_read(struct hes *h, struct call *c)
{
	const struct hes_slot *slot;
	uint8_t *o = c->out[0].base;
	int32_t status;

	if (c->in[0].len != READ_IOVEC_IN_SIZE)
		return PSA_ERROR_INVALID_ARGUMENT;
	status = hes_slots_read(&h->slots, c->in[0].base[0], &slot);
	if (status != PSA_SUCCESS)
		return status;
	if (c->out[0].cap < READ_IOVEC_OUT_SIZE || c->out[1].cap < slot->signer_id_len ||
	    c->out[2].cap < hes_slot_value_len(slot) || c->in[0].base[1] < slot->sw_type_len ||
	    c->in[0].base[2] < slot->version_len)
		return PSA_ERROR_BUFFER_TOO_SMALL;
	memset(o, 0, READ_IOVEC_OUT_SIZE);
	o[0] = slot->locked;
	put_le32(o + 4, slot->alg);
	memcpy(o + 8, slot->sw_type, slot->sw_type_len);
	o[40] = slot->sw_type_len;
	memcpy(o + 41, slot->version, slot->version_len);
	o[55] = slot->version_len;
	c->out[0].len = READ_IOVEC_OUT_SIZE;
	memcpy(c->out[1].base, slot->signer_id, slot->signer_id_len);
	c->out[1].len = slot->signer_id_len;
	memcpy(c->out[2].base, slot->value, hes_slot_value_len(slot));
	c->out[2].len = hes_slot_value_len(slot);
	return PSA_SUCCESS;
}

/* in: key id u8; out: the 32-byte key. */
static int32_t vhuk(struct hes *h, struct call *c)
{
	int32_t status;

	if (c->in[0].len != 1U)
		return PSA_ERROR_INVALID_ARGUMENT;
	if (c->out[0].cap < HES_VHUK_SIZE)
		return PSA_ERROR_BUFFER_TOO_SMALL;
	status = hes_get_vhuk(h, c->in[0].base[0], c->out[0].base);
	if (status == PSA_SUCCESS)
		c->out[0].len = HES_VHUK_SIZE;
	return status;
}

static const struct service services[] = {
	{ HES_SID_DELEGATED_ATTEST, HES_TYPE_GET_DELEGATED_KEY, 3, 1, delegated_key },
	{ HES_SID_DELEGATED_ATTEST, HES_TYPE_GET_PLATFORM_TOKEN, 1, 1, platform_token },
	{ HES_SID_DELEGATED_ATTEST, HES_TYPE_GET_DELEGATED_PUB_KEY, 0, 1, delegated_pub_key },
	{ HES_SID_MEASURED_BOOT, HES_TYPE_MB_EXTEND, 4, 0, mb_extend },
	{ HES_SID_MEASURED_BOOT, HES_TYPE_MB_READ, 1, 3, mb_read },
	{ HES_SID_VHUK, HES_TYPE_GET_VHUK, 1, 1, vhuk },
};

#define SERVICE_COUNT (sizeof(services) / sizeof(services[0]))

/* The row for (handle, type); *status says why there is none. */
static const struct service *find_service(int32_t handle, uint32_t type, int32_t *status)
{
	*status = PSA_ERROR_INVALID_HANDLE;
	for (size_t i = 0; i < SERVICE_COUNT; i++) {
		if (services[i].handle != handle)
			continue;
		if (services[i].type == type)
			return &services[i];
		*status = PSA_ERROR_NOT_SUPPORTED;
	}
	return NULL;
}

int32_t hes_call(struct hes *h, int32_t handle, uint32_t type, const struct hes_invec *in,
		 size_t in_len, struct hes_outvec *out, size_t out_len)
{
	int32_t status;
	const struct service *s = find_service(handle, type, &status);
	struct call c = { in, out };

	if (s == NULL)
		return status;
	if (in_len != s->in_len || out_len != s->out_len)
		return PSA_ERROR_INVALID_ARGUMENT;
	for (size_t i = 0; i < out_len; i++)
		out[i].len = 0;
	status = s->fn(h, &c);
	/* A service never reports more than the caller can take. */
	for (size_t i = 0; i < out_len; i++)
		if (out[i].len > out[i].cap)
			return PSA_ERROR_PROGRAMMER_ERROR;
	return status;
}
