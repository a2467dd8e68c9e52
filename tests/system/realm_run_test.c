/*
 * System tests: realm payloads (realm/payloads) loaded from the host image
 * and run under REC_ENTER by the host's exit loop (host/run/realm_run.h): the
 * hello realm, the realm-side RSI/PSCI tests on 2 RECs and 2 CPUs, two
 * realms side by side, and a clean teardown after each. The RIM in a
 * realm's token is checked against the one verify/expected_rim.c
 * computes from the image file and the load recipe alone.
 */
#include <stddef.h>
#include <string.h>

#include <atoll/realm_image.h>

#include "images/realm_images.h"
#include "rmi/calls.h"
#include "run/realm_run.h"
#include "test.h"
#include "verify/cca_verify.h"
#include "verify/expected_rim.h"

#define S2SZ		40U
#define UNPROTECTED	(1ULL << (S2SZ - 1U))

/* Large objects stay off the host's stack; tests run one at a time. */
static struct realm_vm vm_a, vm_b;

/* An RPV the token must carry back (it is not measured: the RIM does not change). */
static const uint8_t hello_rpv[64] = { 'a', 't', 'o', 'l', 'l', '-', 'r', 'p', 'v', [63] = 0x5A };
static const struct realm_vm_config hello_cfg = {
	.name = "hello", .s2sz = S2SZ, .level_start = 1, .num_recs = 1,
	.hash_algo = RMI_HASH_SHA_256, .rpv = hello_rpv,
};
static const struct realm_vm_config rsi_tests_cfg = {
	.name = "rsi_tests", .s2sz = S2SZ, .level_start = 0, .num_recs = 2,
	.hash_algo = RMI_HASH_SHA_256,
};

/* Whether the realm printed this line (without its newline). */
static bool printed(const struct realm_vm *vm, const char *line)
{
	size_t n = strlen(line);

	for (unsigned int i = 0; i + n < vm->output_len; i++) {
		if ((i == 0U || vm->output[i - 1U] == '\n') && memcmp(&vm->output[i], line, n) == 0 &&
		    vm->output[i + n] == '\n')
			return true;
	}
	return false;
}

/* The rest of the first line the realm printed that starts with prefix, or NULL. */
static const char *line_after(const struct realm_vm *vm, const char *prefix)
{
	size_t n = strlen(prefix);

	for (unsigned int i = 0; i + n < vm->output_len; i++) {
		if ((i == 0U || vm->output[i - 1U] == '\n') &&
		    memcmp(&vm->output[i], prefix, n) == 0)
			return &vm->output[i + n];
	}
	return NULL;
}

static bool same_line(const char *a, const char *b)
{
	for (; *a != '\n' && *a == *b; a++, b++)
		;
	return *a == '\n' && *b == '\n';
}

/* Whether the line (up to its newline) is the n bytes in lower-case hex. */
static bool hex_line_is(const char *line, const uint8_t *bytes, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		if (line[2U * i] != digits[bytes[i] >> 4] || line[2U * i + 1U] != digits[bytes[i] & 0xFU])
			return false;
	}
	return line[2U * n] == '\n';
}

/*
 * The token's RIM is the one the host computes from the image and the
 * recipe the loader recorded (the measured parameters, the RECs).
 */
static bool token_rim_is_expected(const struct realm_vm *vm, struct realm_image_blob image,
				  const struct cca_claims *c)
{
	struct rim_calc want;

	return expected_rim_for_image(image.start, (size_t)(image.end - image.start), &vm->recipe,
				      &want, NULL) &&
	       want.len == c->digest_len && memcmp(want.rim, c->rim, want.len) == 0;
}

/* Tears the realm down: every granule it delegated is given back. */
static void destroy(struct realm_vm *vm)
{
	CHECK_EQ(realm_vm_destroy(vm), RMI_SUCCESS);
	CHECK_EQ(vm->realm.ledger.num_granules, 0);
}

#define CHECK_DESTROY(vm)                        \
	do {                                     \
		destroy(vm);                     \
		if (test_failed())               \
			return;                  \
	} while (0)

/* A copy of size bytes of an image in NS pages, for tests that change its header. */
static struct realm_image_blob copy_image(const char *start, uint64_t size)
{
	uint64_t first = host_alloc_granule();

	for (uint64_t off = GRANULE_SIZE; off < size; off += GRANULE_SIZE)
		(void)host_alloc_granule();
	for (uint64_t off = 0; off < size; off += 8U)
		mmio_write64(first + off, *(const uint64_t *)(const void *)(start + off));
	return (struct realm_image_blob){ (const char *)(uintptr_t)first,
					  (const char *)(uintptr_t)first + size };
}

static void set_header(struct realm_image_blob image, size_t offset, uint64_t value)
{
	mmio_write64((uint64_t)(uintptr_t)image.start + offset, value);
}

/* The loader refuses the image, and so does the verifier's replay of the load. */
static bool refused(struct realm_image_blob image)
{
	static const struct realm_recipe recipe = { { 0, S2SZ, 0, 1, 1, 0, RMI_HASH_SHA_256 }, 1 };
	struct rim_calc rim;

	return realm_vm_load(&vm_a, &hello_cfg, image) == RMI_ERROR_INPUT &&
	       !expected_rim_for_image(image.start, (size_t)(image.end - image.start), &recipe,
				       &rim, NULL);
}

TEST(realm_image_refused_when_malformed)
{
	struct realm_image_blob bad = copy_image(realm_image_hello, GRANULE_SIZE);

	/* A one-page file whose header claims more. */
	CHECK(refused(bad));
	/* Right size, wrong magic. */
	set_header(bad, offsetof(struct realm_image_header, image_size), GRANULE_SIZE);
	set_header(bad, offsetof(struct realm_image_header, magic), 0x4D4C524C4C4F5442ULL);
	CHECK(refused(bad));
	/* Entry inside the header. */
	set_header(bad, offsetof(struct realm_image_header, magic), REALM_IMAGE_MAGIC);
	set_header(bad, offsetof(struct realm_image_header, entry_offset), 8);
	CHECK(refused(bad));
}

TEST(realm_load_failure_gives_granules_back)
{
	const struct realm_vm_config bad_s2sz = {
		.name = "hello", .s2sz = 60, .level_start = 0, .num_recs = 1,
		.hash_algo = RMI_HASH_SHA_256,
	};
	struct realm_image_blob big =
		copy_image(realm_image_hello, (uint64_t)(realm_image_hello_end - realm_image_hello));

	/* REALM_CREATE refuses the IPA width. */
	CHECK_EQ(realm_vm_load(&vm_a, &bad_s2sz, REALM_IMAGE(hello)), RMI_ERROR_INPUT);
	CHECK_EQ(vm_a.realm.ledger.num_granules, 0);
	/* 8 MB of RAM: more pages than the builder's ledger holds, so DATA_CREATE stops midway. */
	set_header(big, offsetof(struct realm_image_header, memory_size), 8ULL << 20);
	CHECK(realm_vm_load(&vm_a, &hello_cfg, big) != RMI_SUCCESS);
	CHECK_EQ(vm_a.realm.ledger.num_granules, 0);
	/* More RAM than the Protected half has: refused before any RMI call. */
	set_header(big, offsetof(struct realm_image_header, memory_size), UNPROTECTED);
	CHECK_EQ(realm_vm_load(&vm_a, &hello_cfg, big), RMI_ERROR_INPUT);
}

TEST(realm_image_loaded_as_measured_ram)
{
	const struct realm_image_header *h = (const void *)realm_image_rsi_tests;
	struct host_rtt_entry e;

	CHECK_EQ(realm_vm_load(&vm_a, &rsi_tests_cfg, REALM_IMAGE(rsi_tests)), RMI_SUCCESS);
	CHECK_EQ(vm_a.entry, REALM_IMAGE_IPA + h->entry_offset);
	CHECK_EQ(vm_a.realm.recs_created, 2);
	/* The file's pages and the zero pages after them: all DATA, RAM. */
	for (uint64_t off = 0; off < h->memory_size; off += GRANULE_SIZE) {
		CHECK_EQ(host_realm_read_entry(&vm_a.realm, REALM_IMAGE_IPA + off, 3, &e),
			 RMI_SUCCESS);
		CHECK_EQ(e.state, RMI_ASSIGNED);
		CHECK_EQ(e.ripas, RMI_RAM);
	}
	CHECK_EQ(host_realm_read_entry(&vm_a.realm, REALM_IMAGE_IPA + h->memory_size, 3, &e),
		 RMI_SUCCESS);
	CHECK_EQ(e.state, RMI_UNASSIGNED);
	CHECK_EQ(e.ripas, RMI_EMPTY);
	CHECK_DESTROY(&vm_a);
}

TEST(realm_hello_runs_and_powers_off)
{
	const char *rem0, *rem0_after;

	CHECK_EQ(realm_vm_load(&vm_a, &hello_cfg, REALM_IMAGE(hello)), RMI_SUCCESS);
	CHECK_EQ(realm_vm_run(&vm_a), REALM_VM_SYSTEM_OFF);
	realm_vm_print_stats(&vm_a);
	CHECK(printed(&vm_a, "done"));
	/* REM0 starts at zero and reads back extended. */
	rem0 = line_after(&vm_a, "REM0 ");
	rem0_after = line_after(&vm_a, "REM0 after extend: ");
	CHECK(rem0 != NULL && rem0_after != NULL);
	CHECK(same_line(rem0, "0000000000000000000000000000000000000000000000000000000000000000\n"));
	CHECK(!same_line(rem0_after, rem0));
	/* The token came through the shared page: a CCA token, CBOR tag 399. */
	CHECK(vm_a.token_size > 0U);
	CHECK_EQ(vm_a.token[0] & 0xFFFFFFU, 0x8F01D9U);
	/*
	 * verify/: signed by the RAK it names, the platform token bound to
	 * that RAK (TF-A's sample token is bound to TF-A's sample key), and the
	 * claims are what the realm read: hello.c's challenge, its RIM and REM0.
	 */
	{
		static const uint64_t challenge[8] = { 0x68656c6c6f, 1, 2, 3, 4, 5, 6, 7 };
		const char *rim = line_after(&vm_a, "RIM  ");
		struct cca_claims c;

		CHECK_EQ(cca_verify((const uint8_t *)vm_a.token, vm_a.token_size, &c), CCA_VERIFY_OK);
		CHECK(memcmp(c.challenge, challenge, sizeof(challenge)) == 0);
		CHECK(memcmp(c.rpv, hello_rpv, sizeof(hello_rpv)) == 0);
		CHECK(!c.sha512);
		CHECK(rim != NULL && hex_line_is(rim, c.rim, 32));
		CHECK(hex_line_is(rem0_after, c.rem[0], 32));
		CHECK(token_rim_is_expected(&vm_a, REALM_IMAGE(hello), &c));
	}
	/* Every console byte was an emulated MMIO write; SYSTEM_OFF the one PSCI exit. */
	CHECK_EQ(vm_a.counts[REALM_EXIT_COUNT_MMIO_WRITE], vm_a.output_len);
	CHECK_EQ(vm_a.exits[RMI_EXIT_PSCI], 1);
	/* Powered off: the REC cannot be entered again, (REALM, 1). */
	CHECK_EQ(rmi_call(RMI_REC_ENTER, vm_a.vcpus[0].rec, vm_a.vcpus[0].run, 0, 0, 0).x[0],
		 RMI_STATUS(RMI_ERROR_REALM, 1));
	CHECK_DESTROY(&vm_a);
}

/* SME's TPIDR2_EL0, which no trap keeps from a realm (rsi_tests' features.c). */
#define HOST_TPIDR2		0x4057ULL

static uint64_t tpidr2_read(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, S3_3_C13_C0_5" : "=r"(v));
	return v;
}

TEST(realm_rsi_tests_pass_on_two_recs)
{
	unsigned int passed = 0, failed = 1;

	CHECK_EQ(realm_vm_load(&vm_a, &rsi_tests_cfg, REALM_IMAGE(rsi_tests)), RMI_SUCCESS);
	/* REC 0 runs on this CPU: the realm must neither see this value nor change it. */
	__asm__ volatile("msr S3_3_C13_C0_5, %0" : : "r"(HOST_TPIDR2));
	CHECK_EQ(realm_vm_run(&vm_a), REALM_VM_SYSTEM_OFF);
	CHECK_EQ(tpidr2_read(), HOST_TPIDR2);
	realm_vm_print_stats(&vm_a);
	CHECK(realm_vm_closing_line(&vm_a, "realm", &passed, &failed));
	CHECK_EQ(failed, 0);
	CHECK(passed > 0U);
	/* The same totals came through REALM_HC_RESULT. */
	CHECK(vm_a.result_seen);
	CHECK_EQ(vm_a.result_passed, passed);
	CHECK_EQ(vm_a.result_failed, 0);
	/* REC 0 ran on CPU 0 only, REC 1 on CPU 1 only. */
	CHECK_EQ(vm_a.vcpus[0].host_cpus, 1U << 0);
	CHECK_EQ(vm_a.vcpus[1].host_cpus, 1U << 1);
	CHECK_DESTROY(&vm_a);
}

TEST(realm_rsi_tests_see_every_exit_kind)
{
	const unsigned int kinds[] = {
		/* Not WFE: QEMU never takes the WFE trap (rsi_tests.c). */
		REALM_EXIT_COUNT_WFI,	      REALM_EXIT_COUNT_MMIO_READ,
		REALM_EXIT_COUNT_MMIO_WRITE, REALM_EXIT_COUNT_SEA_INJECTED, REALM_EXIT_COUNT_S2_FAULT,
		REALM_EXIT_COUNT_PSCI,	      REALM_EXIT_COUNT_RIPAS,	  REALM_EXIT_COUNT_HOST_CALL,
	};

	CHECK_EQ(realm_vm_load(&vm_a, &rsi_tests_cfg, REALM_IMAGE(rsi_tests)), RMI_SUCCESS);
	CHECK_EQ(realm_vm_run(&vm_a), REALM_VM_SYSTEM_OFF);
	/* Every reason a realm can cause without devices (IRQ, FIQ, SError need the platform). */
	CHECK(vm_a.exits[RMI_EXIT_SYNC] > 0U);
	CHECK(vm_a.exits[RMI_EXIT_PSCI] > 0U);
	CHECK(vm_a.exits[RMI_EXIT_RIPAS_CHANGE] > 0U);
	CHECK(vm_a.exits[RMI_EXIT_HOST_CALL] > 0U);
	CHECK_EQ(vm_a.exits[RMI_EXIT_SERROR], 0);
	for (unsigned int i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (vm_a.counts[kinds[i]] == 0U)
			test_fail(__FILE__, __LINE__, "no exit of kind %u", kinds[i]);
	}
	CHECK_DESTROY(&vm_a);
}

TEST(realm_two_side_by_side)
{
	static const struct realm_vm_config a_cfg = {
		.name = "hello-a", .s2sz = S2SZ, .level_start = 1, .num_recs = 1,
		.hash_algo = RMI_HASH_SHA_256,
	};
	static const struct realm_vm_config b_cfg = {
		.name = "hello-b", .s2sz = S2SZ, .level_start = 1, .num_recs = 1,
		.hash_algo = RMI_HASH_SHA_256,
	};
	unsigned int interleaved = 0;
	bool a_on = true, b_on = true;
	const char *rim_a, *rim_b;

	CHECK_EQ(realm_vm_load(&vm_a, &a_cfg, REALM_IMAGE(hello)), RMI_SUCCESS);
	CHECK_EQ(realm_vm_load(&vm_b, &b_cfg, REALM_IMAGE(hello)), RMI_SUCCESS);
	/* One REC_ENTER of each in turn, on the same CPU. */
	while (a_on || b_on) {
		a_on = a_on && realm_vm_step(&vm_a, 0);
		b_on = b_on && realm_vm_step(&vm_b, 0);
		interleaved += a_on && b_on;
	}
	CHECK_EQ(vm_a.state, REALM_VM_SYSTEM_OFF);
	CHECK_EQ(vm_b.state, REALM_VM_SYSTEM_OFF);
	CHECK(interleaved > 100U);
	CHECK(printed(&vm_a, "done") && printed(&vm_b, "done"));
	/* Same image, same recipe: the same RIM (the VMID is not measured). */
	rim_a = line_after(&vm_a, "RIM  ");
	rim_b = line_after(&vm_b, "RIM  ");
	CHECK(rim_a != NULL && rim_b != NULL && same_line(rim_a, rim_b));
	CHECK_DESTROY(&vm_a);
	CHECK_DESTROY(&vm_b);
}

/*
 * A second recipe: SHA-512, a 3-level walk from level 0 and a second REC
 * (not runnable, so not measured). The 64-byte RIM in the token is still
 * the one computed from the image and the recipe.
 */
TEST(realm_token_rim_is_expected_for_sha512_two_recs)
{
	static const struct realm_vm_config cfg = {
		.name = "hello-512", .s2sz = S2SZ, .level_start = 0, .num_recs = 2,
		.hash_algo = RMI_HASH_SHA_512,
	};
	struct realm_image_blob image = REALM_IMAGE(hello);
	struct rim_calc want, sha256;
	const char *rim;
	struct cca_claims c;

	CHECK_EQ(realm_vm_load(&vm_a, &cfg, image), RMI_SUCCESS);
	CHECK_EQ(vm_a.recipe.params.hash_algo, RMI_HASH_SHA_512);
	CHECK_EQ(vm_a.recipe.num_recs, 2);
	CHECK_EQ(realm_vm_run(&vm_a), REALM_VM_SYSTEM_OFF);
	CHECK(vm_a.token_size > 0U);
	CHECK_EQ(cca_verify((const uint8_t *)vm_a.token, vm_a.token_size, &c), CCA_VERIFY_OK);
	CHECK(c.sha512);
	CHECK_EQ(c.digest_len, 64);
	CHECK(token_rim_is_expected(&vm_a, image, &c));
	/* The realm's own MEASUREMENT_READ of slot 0 agrees (its first 32 bytes). */
	CHECK(expected_rim_for_image(image.start, (size_t)(image.end - image.start), &vm_a.recipe,
				     &want, NULL));
	rim = line_after(&vm_a, "RIM  ");
	CHECK(rim != NULL && hex_line_is(rim, want.rim, 32));
	/* The same image and RECs under SHA-256: another RIM altogether. */
	vm_a.recipe.params.hash_algo = RMI_HASH_SHA_256;
	CHECK(expected_rim_for_image(image.start, (size_t)(image.end - image.start), &vm_a.recipe,
				     &sha256, NULL));
	CHECK(memcmp(sha256.rim, want.rim, 32) != 0);
	CHECK_DESTROY(&vm_a);
}

/*
 * Different data: the hello image with its last byte (file padding after
 * .data, never read by the realm) changed. The expected RIM moves with that
 * one byte, and the realm made from the changed file has exactly the new
 * one in its token.
 */
TEST(realm_token_rim_follows_one_image_byte)
{
	const uint64_t size = (uint64_t)(realm_image_hello_end - realm_image_hello);
	struct realm_image_blob changed = copy_image(realm_image_hello, size);
	uint64_t last_word = (uint64_t)(uintptr_t)changed.start + size - 8U;
	struct rim_calc orig, want;
	struct cca_claims c;

	CHECK_EQ(mmio_read64(last_word) >> 56, 0);
	mmio_write64(last_word, mmio_read64(last_word) | 0x5AULL << 56);
	CHECK_EQ(realm_vm_load(&vm_a, &hello_cfg, changed), RMI_SUCCESS);
	CHECK(expected_rim_for_image(realm_image_hello, size, &vm_a.recipe, &orig, NULL));
	CHECK(expected_rim_for_image(changed.start, size, &vm_a.recipe, &want, NULL));
	CHECK(memcmp(orig.rim, want.rim, sizeof(want.rim)) != 0);
	CHECK_EQ(realm_vm_run(&vm_a), REALM_VM_SYSTEM_OFF);
	CHECK(vm_a.token_size > 0U);
	CHECK_EQ(cca_verify((const uint8_t *)vm_a.token, vm_a.token_size, &c), CCA_VERIFY_OK);
	CHECK(memcmp(c.rim, want.rim, c.digest_len) == 0);
	CHECK(memcmp(c.rim, orig.rim, c.digest_len) != 0);
	CHECK_DESTROY(&vm_a);
}
