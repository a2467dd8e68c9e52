/* The sdk suite's runner and shared fixture (sdk_tests.h). Usage: sdk-tests BUILD_DIR */
#include "sdk_tests.h"

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify/cbor_dec.h"
#include "verify/cose.h"

const char *sdk_build_dir;
char sdk_tmp_dir[256];
struct atoll_ctx *sdk_ctx;

const char *sdk_tmp_path(const char *name)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s", sdk_tmp_dir, name);
	return path;
}

size_t sdk_read_file(const char *path, uint8_t *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, cap, f);
	fclose(f);
	return n;
}

void sdk_write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

const char *sdk_refs_path(void)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/sim-refs.json", sdk_tmp_dir);
	return path;
}

int sdk_sim_setup(void **state)
{
	(void)state;
	if (sdk_ctx != NULL)
		return 0;
	if (atoll_open(&sdk_ctx, "sim", NULL) != ATOLL_OK) {
		fprintf(stderr, "sim: %s\n", atoll_open_error());
		return -1;
	}
	return atoll_sim_write_refs(sdk_ctx, sdk_refs_path()) == ATOLL_OK ? 0 : -1;
}

void sdk_challenge(uint8_t seed, uint8_t challenge[ATOLL_CHALLENGE_SIZE])
{
	memset(challenge, seed, ATOLL_CHALLENGE_SIZE);
}

size_t sdk_token(uint8_t seed, uint8_t token[ATOLL_TOKEN_MAX])
{
	uint8_t challenge[ATOLL_CHALLENGE_SIZE];
	size_t len = 0;

	sdk_challenge(seed, challenge);
	assert_int_equal(atoll_attest(sdk_ctx, challenge, token, ATOLL_TOKEN_MAX, &len), ATOLL_OK);
	return len;
}

struct atoll_policy *sdk_policy(uint8_t seed)
{
	uint8_t challenge[ATOLL_CHALLENGE_SIZE];
	struct atoll_policy *p;
	const char *why;

	sdk_challenge(seed, challenge);
	assert_int_equal(atoll_policy_new(&p), ATOLL_OK);
	assert_int_equal(atoll_policy_load_refs(p, sdk_refs_path(), &why), ATOLL_OK);
	assert_int_equal(atoll_policy_set_challenge(p, challenge), ATOLL_OK);
	return p;
}

/* One COSE_Sign1 at off: where its payload and signature are. */
static void map_sign1(const uint8_t *token, size_t off, size_t len, size_t *payload,
		      size_t *payload_len, size_t *sig)
{
	struct cose_sign1 c;

	assert_true(cose_sign1_es384_parse(token + off, len, &c));
	*payload = (size_t)(c.payload - token);
	*payload_len = c.payload_len;
	*sig = (size_t)(c.sig - token);
}

void sdk_token_map(const uint8_t *token, size_t len, struct sdk_token_map *m)
{
	struct cbor_dec d;
	uint64_t tag, n, key;
	const uint8_t *s;
	size_t slen;

	cbor_dec_init(&d, token, len);
	assert_true(cbor_get_tag(&d, &tag) && tag == 399U);
	assert_true(cbor_get_map(&d, &n) && n == 2U);
	for (unsigned int i = 0; i < 2U; i++) {
		assert_true(cbor_get_uint(&d, &key));
		assert_true(cbor_get_bstr(&d, &s, &slen));
		if (key == 44234U) {
			m->plat = (size_t)(s - token);
			m->plat_len = slen;
		} else {
			assert_int_equal(key, 44241U);
			m->realm = (size_t)(s - token);
			m->realm_len = slen;
		}
	}
	map_sign1(token, m->plat, m->plat_len, &m->plat_payload, &m->plat_payload_len,
		  &m->plat_sig);
	map_sign1(token, m->realm, m->realm_len, &m->realm_payload, &m->realm_payload_len,
		  &m->realm_sig);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int main(int argc, char **argv)
{
	static const struct test_group *const groups[] = {
		&sdk_sim_group, &sdk_verify_group, &sdk_seal_group, &sdk_refs_group,
		&sdk_tsm_group, &sdk_psa_group, &sdk_flip_group, &sdk_thread_group, &sdk_rem_group,
		&sdk_policy_file_group,
	};
	char sim_dir[300];
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: sdk-tests BUILD_DIR\n");
		return 2;
	}
	sdk_build_dir = argv[1];
	snprintf(sdk_tmp_dir, sizeof(sdk_tmp_dir), "/tmp/atoll-sdk-tests.XXXXXX");
	if (mkdtemp(sdk_tmp_dir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(sim_dir, sizeof(sim_dir), "%s/sim", sdk_tmp_dir);
	setenv("ATOLL_SIM_DIR", sim_dir, 1);
	rc = test_groups_run("sdk", groups, sizeof(groups) / sizeof(groups[0]));
	atoll_close(sdk_ctx);
	if (nftw(sdk_tmp_dir, remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		perror(sdk_tmp_dir);
	return rc;
}
