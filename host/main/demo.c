/*
 * Demo image main (`make run`): the RMM answering RMI, then a realm built,
 * inspected, activated and torn down with every granule given back, then
 * the hello realm (realm/payloads/hello.c) run: its measurements, REM0
 * extended, and its attestation token, whose RIM is checked against the
 * RIM the host computes from the image file and the load recipe alone
 * (verify/expected_rim.c).
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <atoll/demo_realm.h>
#include <atoll/rmi.h>

#include "../host.h"
#include "../builder/realm.h"
#include "../images/realm_images.h"
#include "../rmi/report.h"
#include "../run/realm_run.h"
#include "../run/token_print.h"
#include "verify/cca_verify.h"
#include "verify/expected_rim.h"

#define DEMO_S2SZ		40U
#define DEMO_PAGES		16U
#define DEMO_IPA		0x80000UL
#define DEMO_UNPROTECTED_IPA	(1ULL << (DEMO_S2SZ - 1U))

static struct host_realm realm;

static void show(const char *what, uint64_t x0)
{
	host_printf("HOST: %-44s -> %s\n", what, host_rmi_status_name(x0));
}

static void demo_rmi_basics(void)
{
	struct rmi_ret r = rmi_call(RMI_VERSION, RMI_ABI_VERSION, 0, 0, 0, 0);
	uint64_t pa = host_alloc_granule();

	host_printf("HOST: RMI_VERSION(1.0) -> %s, lower %lu.%lu, higher %lu.%lu\n",
		    host_rmi_status_name(r.x[0]), ABI_VERSION_MAJOR(r.x[1]),
		    ABI_VERSION_MINOR(r.x[1]), ABI_VERSION_MAJOR(r.x[2]), ABI_VERSION_MINOR(r.x[2]));
	r = rmi_call(RMI_FEATURES, 0, 0, 0, 0, 0);
	host_printf("HOST: RMI_FEATURES(0) -> %s, register 0 = %lx (S2SZ %lu)\n",
		    host_rmi_status_name(r.x[0]), r.x[1], r.x[1] & 0xFFU);
	show("RMI_GRANULE_DELEGATE(NS granule)", rmi_granule_delegate(pa));
	show("RMI_GRANULE_DELEGATE(same granule again)", rmi_granule_delegate(pa));
	show("RMI_GRANULE_UNDELEGATE(NS granule)", rmi_granule_undelegate(pa));
	show("RMI_GRANULE_DELEGATE(RMM image 0x40100000)", rmi_granule_delegate(0x40100000UL));
}

/* Fills `pages` NS granules with a recognisable image to load into the realm. */
static uint64_t demo_image(unsigned int pages)
{
	uint64_t first = host_alloc_granule();

	for (unsigned int i = 1; i < pages; i++)
		(void)host_alloc_granule();
	for (uint64_t off = 0; off < pages * GRANULE_SIZE; off += 8)
		mmio_write64(first + off, 0xA7011000000000ULL | off);
	return first;
}

static uint64_t demo_realm(void)
{
	struct rmi_realm_params p;
	struct host_rtt_entry e;
	uint64_t rec, st;

	host_realm_params_init(&p, DEMO_S2SZ, 0);
	st = host_realm_create(&realm, &p);
	show("REALM_CREATE (s2sz 40, 4-level walk, SHA-256)", st);
	if (st != RMI_SUCCESS)
		return st;
	st = host_realm_rtt_create_to(&realm, DEMO_IPA, 3);
	show("RTT_CREATE x3 (levels 1, 2, 3)", st);
	if (st == RMI_SUCCESS)
		st = host_realm_init_ripas(&realm, DEMO_IPA, DEMO_IPA + DEMO_PAGES * GRANULE_SIZE);
	show("RTT_INIT_RIPAS (16 pages -> RAM, measured)", st);
	if (st == RMI_SUCCESS)
		st = host_realm_data_load(&realm, DEMO_IPA, demo_image(DEMO_PAGES), DEMO_PAGES, true);
	show("DATA_CREATE x16 (measured content)", st);
	if (st == RMI_SUCCESS && host_realm_read_entry(&realm, DEMO_IPA, 3, &e) == RMI_SUCCESS)
		host_printf("HOST: RTT_READ_ENTRY(%lx, 3): level %d state %lu desc %lx ripas %lu\n",
			    DEMO_IPA, e.walk_level, e.state, e.desc, e.ripas);
	if (st == RMI_SUCCESS) {
		st = host_realm_rtt_create_to(&realm, DEMO_UNPROTECTED_IPA, 3);
		if (st == RMI_SUCCESS)
			st = host_realm_map_unprotected(&realm, DEMO_UNPROTECTED_IPA, 3,
							host_alloc_granule() | (5ULL << 2) |
								(3ULL << 6));
		show("RTT_MAP_UNPROTECTED (shared page)", st);
	}
	if (st == RMI_SUCCESS)
		st = host_realm_rec_create(&realm, DEMO_IPA, NULL, true, &rec);
	show("REC_CREATE (runnable, measured)", st);
	if (st == RMI_SUCCESS)
		st = host_realm_activate(&realm);
	show("REALM_ACTIVATE", st);
	if (st == RMI_SUCCESS)
		show("DATA_CREATE in an ACTIVE realm (refused)",
		     rmi_call(RMI_DATA_CREATE, realm.rd, host_realm_spare_granule(&realm),
			      DEMO_IPA + DEMO_PAGES * GRANULE_SIZE, host_alloc_granule(),
			      RMI_MEASURE_CONTENT).x[0]);
	if (st == RMI_SUCCESS)
		st = host_realm_teardown(&realm);
	show("teardown: RECs, DATA, RTTs, REALM_DESTROY, undelegate", st);
	return st;
}

/* The first bytes of a claim, enough to recognise it. */
static void show_bytes(const char *name, const uint8_t *p, size_t len)
{
	host_printf("HOST:   %-10s", name);
	for (size_t i = 0; i < len && i < 16U; i++)
		host_printf(" %02x", p[i]);
	host_printf("%s (%lu bytes)\n", len > 16U ? " ..." : "", len);
}

/* A whole digest in hex, as the realm prints its own. */
static void show_digest(const char *name, const uint8_t *p, size_t len)
{
	host_printf("HOST:   %-10s ", name);
	for (size_t i = 0; i < len; i++)
		host_printf("%02x", p[i]);
	host_printf("\n");
}

/*
 * The RIM the realm must have, computed by the host on its own from the
 * image file and the recipe the loader recorded (the measured realm
 * parameters, the RECs), replaying docs/realms.md with the descriptors of
 * spec section 5: no RMM code, nothing read back from the RMM.
 */
static bool check_rim(const struct realm_vm *vm, struct realm_image_blob image,
		      const struct cca_claims *c)
{
	const struct realm_measured_params *p = &vm->recipe.params;
	struct rim_calc want;
	const char *why = "";

	if (!expected_rim_for_image(image.start, (size_t)(image.end - image.start), &vm->recipe,
				    &want, &why)) {
		host_printf("HOST: RIM MISMATCH: no expected RIM for the image: %s\n", why);
		return false;
	}
	host_printf("HOST: expected RIM, from the %lu-byte image and the recipe "
		    "(%s, s2sz %u, %u REC%s, level-3 RTTs):\n",
		    (uint64_t)(image.end - image.start), want.len == 64U ? "sha-512" : "sha-256",
		    p->s2sz, vm->recipe.num_recs, vm->recipe.num_recs == 1U ? "" : "s");
	show_digest("expected", want.rim, want.len);
	if (want.len != c->digest_len || memcmp(want.rim, c->rim, want.len) != 0) {
		host_printf("HOST: RIM MISMATCH: the token's RIM is not the host's independent "
			    "computation\n");
		return false;
	}
	host_printf("HOST: RIM matches the host's independent computation\n");
	return true;
}

/*
 * The token the realm handed over, checked by verify/: the realm
 * token's ES384 signature under the RAK it names, the platform token's
 * binding to that RAK, and its RIM against the host's own computation.
 * False if a token came and does not verify, its platform token vouches
 * for another key, or its RIM is not the expected one.
 */
static bool show_token(const struct realm_vm *vm, struct realm_image_blob image)
{
	static const char *const rem_names[] = { "REM0", "REM1", "REM2", "REM3" };
	struct cca_claims c;
	enum cca_verify_result r;

	if (vm->token_size == 0U) {
		host_printf("HOST: hello realm: no attestation token\n");
		return true;
	}
	realm_vm_print_token(vm);
	r = cca_verify((const uint8_t *)vm->token, vm->token_size, &c);
	host_printf("HOST: hello realm: attestation token of %lu bytes: %s\n", vm->token_size,
		    cca_verify_result_name(r));
	if (r != CCA_VERIFY_OK && r != CCA_VERIFY_UNBOUND)
		return false;
	host_printf("HOST:   realm token signed by the RAK it names; platform token %s\n",
		    r == CCA_VERIFY_OK ? "bound to that RAK" : "NOT bound to it");
	show_bytes("challenge", c.challenge, 64);
	show_bytes("RPV", c.rpv, 64);
	host_printf("HOST:   hash       %s\n", c.sha512 ? "sha-512" : "sha-256");
	show_digest("RIM", c.rim, c.digest_len);
	for (unsigned int i = 0; i < 4U; i++)
		show_bytes(rem_names[i], c.rem[i], c.digest_len);
	return check_rim(vm, image, &c) && r == CCA_VERIFY_OK;
}

static uint64_t demo_hello_realm(void)
{
	static const struct realm_vm_config cfg = {
		.name = DEMO_REALM_NAME, .s2sz = DEMO_REALM_S2SZ,
		.level_start = DEMO_REALM_LEVEL_START, .num_recs = DEMO_REALM_RECS,
		.hash_algo = DEMO_REALM_HASH, .num_bps = DEMO_REALM_BPS, .num_wps = DEMO_REALM_WPS,
	};
	static struct realm_vm vm;
	const struct realm_image_blob image = REALM_IMAGE(hello);
	uint64_t st = realm_vm_load(&vm, &cfg, image);

	show("load the hello realm (measured image, REC, activate)", st);
	if (st != RMI_SUCCESS)
		return st;
	if (realm_vm_run(&vm) != REALM_VM_SYSTEM_OFF) {
		host_printf("HOST: hello realm did not power itself off\n");
		st = RMI_ERROR_REALM;
	}
	realm_vm_print_stats(&vm);
	if (!show_token(&vm, image))
		st = RMI_ERROR_REALM;
	if (st == RMI_SUCCESS)
		st = realm_vm_destroy(&vm);
	show("teardown of the hello realm", st);
	return st;
}

_Noreturn void host_main(void)
{
	bool ok;

	host_printf("HOST: Atoll realm host (NS-EL2), demo\n");
	demo_rmi_basics();
	ok = demo_realm() == RMI_SUCCESS;
	ok = ok && demo_hello_realm() == RMI_SUCCESS;
	host_printf("HOST: demo %s\n", ok ? "complete" : "FAILED");
	psci_system_off();
}
