/*
 * The sim backend: its device identity file (atoll-hesd's rules: created
 * 0600, refused when group/others may access it, truncated or of another
 * version, kept across opens), and the realm: its token's RIM is what
 * atoll_measure computes for the same image (build/realm-hello.bin).
 * These open and close contexts of their own: they run before the suite's
 * shared context exists (one simulated machine per process).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sdk_tests.h"
#include "verify/hosted/refs.h"

/* A sim context on a directory of its own under the suite's temporary one. */
static atoll_status open_in(const char *name, struct atoll_ctx **ctx)
{
	struct atoll_options o = { .sim_dir = sdk_tmp_path(name) };
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s", o.sim_dir);
	o.sim_dir = dir;
	return atoll_open(ctx, "sim", &o);
}

static void state_file_of(const char *name, char *out, size_t cap)
{
	snprintf(out, cap, "%s/hes.state", sdk_tmp_path(name));
}

static void cpak_of(struct atoll_ctx *ctx, uint8_t cpak[ATOLL_CPAK_SIZE])
{
	static struct refs r;
	char err[256];

	assert_int_equal(atoll_sim_write_refs(ctx, sdk_tmp_path("cpak-refs.json")), ATOLL_OK);
	assert_int_equal(refs_load(sdk_tmp_path("cpak-refs.json"), &r, err, sizeof(err)), 0);
	memcpy(cpak, r.cpak, ATOLL_CPAK_SIZE);
}

static void sim_creates_identity_0600_and_keeps_it(void **state)
{
	uint8_t first[ATOLL_CPAK_SIZE], again[ATOLL_CPAK_SIZE];
	struct atoll_ctx *ctx;
	char path[4096];
	struct stat st;

	(void)state;
	assert_int_equal(open_in("keep", &ctx), ATOLL_OK);
	cpak_of(ctx, first);
	atoll_close(ctx);
	state_file_of("keep", path, sizeof(path));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 112);
	assert_int_equal(open_in("keep", &ctx), ATOLL_OK);
	cpak_of(ctx, again);
	atoll_close(ctx);
	assert_memory_equal(first, again, ATOLL_CPAK_SIZE);
	/* Another directory is another device. */
	assert_int_equal(open_in("other", &ctx), ATOLL_OK);
	cpak_of(ctx, again);
	atoll_close(ctx);
	assert_memory_not_equal(first, again, ATOLL_CPAK_SIZE);
}

/*
 * The file of "keep" changed by fn, then opening it must be refused naming it
 * and the problem (in the error, not only on stderr).
 */
static void assert_refused_after(const char *name, void (*fn)(const char *path),
				 const char *problem)
{
	uint8_t blob[200];
	struct atoll_ctx *ctx;
	char src[4096], path[4096];
	size_t n;

	state_file_of("keep", src, sizeof(src));
	n = sdk_read_file(src, blob, sizeof(blob));
	assert_int_equal(mkdir(sdk_tmp_path(name), 0700), 0);
	state_file_of(name, path, sizeof(path));
	sdk_write_file(path, blob, n);
	assert_int_equal(chmod(path, 0600), 0);
	fn(path);
	assert_int_equal(open_in(name, &ctx), ATOLL_E_STATE_FILE);
	assert_null(ctx);
	assert_non_null(strstr(atoll_open_error(), path));
	assert_non_null(strstr(atoll_open_error(), problem));
	assert_null(strstr(atoll_open_error(), "atoll-hesd"));
	/* The file is left as it was found. */
	assert_int_equal(access(path, F_OK), 0);
}

static void make_world_readable(const char *path)
{
	assert_int_equal(chmod(path, 0644), 0);
}

static void truncate_file(const char *path)
{
	assert_int_equal(truncate(path, 60), 0);
}

static void other_version(const char *path)
{
	uint8_t blob[112];

	assert_int_equal(sdk_read_file(path, blob, sizeof(blob)), sizeof(blob));
	blob[8] = 2;	/* format version, little-endian at byte 8 */
	sdk_write_file(path, blob, sizeof(blob));
}

static void sim_refuses_world_readable_identity(void **state)
{
	(void)state;
	assert_refused_after("readable", make_world_readable, "has mode 0644");
}

static void sim_refuses_truncated_identity(void **state)
{
	(void)state;
	assert_refused_after("truncated", truncate_file, "state file is truncated (60 bytes)");
}

static void sim_refuses_other_version_identity(void **state)
{
	(void)state;
	assert_refused_after("version", other_version, "another format version");
}

static void sim_one_machine_per_process(void **state)
{
	struct atoll_ctx *a, *b;

	(void)state;
	assert_int_equal(open_in("keep", &a), ATOLL_OK);
	assert_int_equal(open_in("keep", &b), ATOLL_OK);	/* the same machine: shared */
	atoll_close(b);
	assert_int_equal(open_in("other", &b), ATOLL_E_BACKEND);
	assert_non_null(strstr(atoll_open_error(), "one simulated machine per process"));
	atoll_close(a);
}

/* atoll_measure of build/realm-hello.bin == the sim token's RIM == the sim refs' RIM. */
static void sim_token_rim_is_measure_of_image(void **state)
{
	static uint8_t image[1U << 20], token[ATOLL_TOKEN_MAX];
	uint8_t rim[ATOLL_DIGEST_MAX], challenge[ATOLL_CHALLENGE_SIZE];
	struct atoll_realm_params params;
	struct atoll_claims *claims;
	static struct refs r;
	struct atoll_ctx *ctx;
	size_t n, rim_len, len;
	char path[4096], err[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/realm-hello.bin", sdk_build_dir);
	n = sdk_read_file(path, image, sizeof(image));
	assert_true(n > 0U && n < sizeof(image));
	atoll_realm_params_default(&params);
	assert_int_equal(atoll_measure(image, n, &params, rim, &rim_len, NULL), ATOLL_OK);
	assert_int_equal(rim_len, 32);

	assert_int_equal(open_in("keep", &ctx), ATOLL_OK);
	sdk_challenge(7, challenge);
	assert_int_equal(atoll_attest(ctx, challenge, token, sizeof(token), &len), ATOLL_OK);
	assert_int_equal(atoll_token_parse(ctx, token, len, &claims), ATOLL_OK);
	assert_int_equal(atoll_claims_digest_len(claims), 32);
	assert_memory_equal(atoll_claims_rim(claims), rim, 32);
	assert_memory_equal(atoll_claims_challenge(claims), challenge, ATOLL_CHALLENGE_SIZE);
	atoll_claims_free(claims);
	assert_int_equal(atoll_sim_write_refs(ctx, sdk_tmp_path("keep-refs.json")), ATOLL_OK);
	atoll_close(ctx);
	assert_int_equal(refs_load(sdk_tmp_path("keep-refs.json"), &r, err, sizeof(err)), 0);
	assert_int_equal(r.rim_len, 32);
	assert_memory_equal(r.rim, rim, 32);
	/* Another parameter gives another RIM: the comparison can fail. */
	params.s2sz = 41;
	assert_int_equal(atoll_measure(image, n, &params, rim, &rim_len, NULL), ATOLL_OK);
	assert_memory_not_equal(r.rim, rim, 32);
}

/*
 * The sim token's RIM is atoll_measure's for other images and parameters:
 * rsi_tests (11 pages, so several DATA pages and level-3 RIPAS entries), and
 * hello with s2sz 41, SHA-512 and two RECs (the second not runnable).
 */
static void rim_through_sim(const char *image_name, const struct atoll_realm_params *params)
{
	static uint8_t image[1U << 20], token[ATOLL_TOKEN_MAX];
	uint8_t rim[ATOLL_DIGEST_MAX], challenge[ATOLL_CHALLENGE_SIZE];
	struct atoll_claims *claims;
	struct atoll_ctx *ctx;
	size_t n, rim_len, len;
	char path[4096], dir[4096];
	struct atoll_options o;

	snprintf(path, sizeof(path), "%s/%s", sdk_build_dir, image_name);
	n = sdk_read_file(path, image, sizeof(image));
	assert_true(n > 0U && n < sizeof(image));
	assert_int_equal(atoll_measure(image, n, params, rim, &rim_len, NULL), ATOLL_OK);
	snprintf(dir, sizeof(dir), "%s", sdk_tmp_path("keep"));
	o = (struct atoll_options){ .sim_dir = dir, .sim_realm_image = image,
				    .sim_realm_image_size = n, .sim_realm_params = params };
	assert_int_equal(atoll_open(&ctx, "sim", &o), ATOLL_OK);
	sdk_challenge(9, challenge);
	assert_int_equal(atoll_attest(ctx, challenge, token, sizeof(token), &len), ATOLL_OK);
	assert_int_equal(atoll_token_parse(ctx, token, len, &claims), ATOLL_OK);
	assert_int_equal(atoll_claims_digest_len(claims), rim_len);
	assert_memory_equal(atoll_claims_rim(claims), rim, rim_len);
	atoll_claims_free(claims);
	atoll_close(ctx);
}

static void sim_rim_is_measure_for_other_images_and_params(void **state)
{
	struct atoll_realm_params p;

	(void)state;
	atoll_realm_params_default(&p);
	rim_through_sim("realm-rsi_tests.bin", &p);
	p.s2sz = 41;
	p.hash_algo = 1;
	p.num_recs = 2;
	rim_through_sim("realm-hello.bin", &p);
	p.num_bps = 0;
	{
		struct atoll_options o = { .sim_realm_params = &p };
		struct atoll_ctx *ctx;

		assert_int_equal(atoll_open(&ctx, "sim", &o), ATOLL_E_INVALID_ARG);
		assert_non_null(strstr(atoll_open_error(), "breakpoints and watchpoints at least 1"));
	}
}

/* A caller's image that no host would load is refused at open. */
static void sim_refuses_bad_realm_image(void **state)
{
	static const uint8_t junk[4096] = { 'n', 'o', 't' };
	struct atoll_options o = { .sim_realm_image = junk, .sim_realm_image_size = sizeof(junk) };
	struct atoll_ctx *ctx;

	(void)state;
	assert_int_equal(atoll_open(&ctx, "sim", &o), ATOLL_E_IMAGE);
	assert_non_null(strstr(atoll_open_error(), "realm image refused"));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(sim_creates_identity_0600_and_keeps_it),
	cmocka_unit_test(sim_refuses_world_readable_identity),
	cmocka_unit_test(sim_refuses_truncated_identity),
	cmocka_unit_test(sim_refuses_other_version_identity),
	cmocka_unit_test(sim_one_machine_per_process),
	cmocka_unit_test(sim_token_rim_is_measure_of_image),
	cmocka_unit_test(sim_rim_is_measure_for_other_images_and_params),
	cmocka_unit_test(sim_refuses_bad_realm_image),
};

TEST_GROUP(sdk_sim_group, tests, NULL);
