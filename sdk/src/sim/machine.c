/* The simulated machine (machine.h). */
#include "machine.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>

#include <atoll/demo_realm.h>
#include <atoll/realm_image.h>
#include <hes/hes.h>
#include <rmm/granule.h>

#include "../../../hes/daemon/random.h"
#include "../../../hes/daemon/statefile.h"
#include "../measure.h"
#include "builder/realm_vm.h"
#include "el3_hes.h"
#include "harness.h"
#include "platform.h"

#define SIM_BANK_BASE	0x40000000ULL
#define SIM_BANK_SIZE	0xC0000000ULL
#define SIM_CPUS	1U
#define SIM_IMAGE_MAX	(16U << 20)
#define SIGNER_ID_SIZE	32U	/* as TF-A without trusted boot: zeros */

const struct sim_component sim_components[SIM_COMPONENTS] = {
	{ "sim BL2", "BL_2", 10, "Atoll simulator: BL2 (none, x86 process)" },
	{ "sim BL31", "SECURE_RT_EL3", 11, "Atoll simulator: EL3 emulated by the HES core" },
	{ "sim RMM", "RMM", 14, "Atoll simulator: RMM core on rmm/arch/host" },
	{ "sim BL33", "BL_33", 15, "Atoll simulator: realm builder host/builder" },
};

extern const char sim_hello_image[], sim_hello_image_end[];

static struct machine {
	unsigned int users;
	char state_path[PATH_MAX];
	const void *image;		/* the options' image, or the built-in one */
	size_t image_size;
	struct atoll_realm_params params;
	struct realm_vm_config config;
	bool built_in;
	struct hes hes;
	struct realm_vm vm;
	uint8_t rim[ATOLL_DIGEST_MAX];
	size_t rim_len;
} m;

struct hes *sim_machine_hes(void)
{
	return &m.hes;
}

struct realm_vm *sim_machine_realm(void)
{
	return &m.vm;
}

const char *sim_machine_state_path(void)
{
	return m.state_path;
}

const char *sim_machine_image_name(void)
{
	return m.built_in ? "built-in hello realm" : "the caller's realm image";
}

const uint8_t *sim_machine_rim(size_t *len)
{
	*len = m.rim_len;
	return m.rim;
}

/* mkdir -p with mode 0700 for what it creates. */
static atoll_status make_dirs(struct atoll_ctx *ctx, const char *dir)
{
	char path[PATH_MAX];
	size_t n = strlen(dir);

	if (n == 0U || n >= sizeof(path))
		return atoll_fail(ctx, ATOLL_E_STATE_FILE, "bad simulator directory \"%s\"", dir);
	memcpy(path, dir, n + 1U);
	for (size_t i = 1; i <= n; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			return atoll_fail(ctx, ATOLL_E_STATE_FILE, "cannot create %s: %s", path,
					  strerror(errno));
		path[i] = i < n ? '/' : '\0';
	}
	return ATOLL_OK;
}

/* $dir/hes.state for options' sim_dir, $ATOLL_SIM_DIR or ~/.local/share/atoll. */
static atoll_status state_path(struct atoll_ctx *ctx, const struct atoll_options *opt,
			       char out[PATH_MAX])
{
	char dir[PATH_MAX - sizeof("/hes.state")];
	const char *env = getenv("ATOLL_SIM_DIR"), *home = getenv("HOME");
	atoll_status st;
	int n;

	if (opt->sim_dir != NULL && opt->sim_dir[0] != '\0')
		n = snprintf(dir, sizeof(dir), "%s", opt->sim_dir);
	else if (env != NULL && env[0] != '\0')
		n = snprintf(dir, sizeof(dir), "%s", env);
	else if (home != NULL && home[0] == '/')
		n = snprintf(dir, sizeof(dir), "%s/.local/share/atoll", home);
	else
		return atoll_fail(ctx, ATOLL_E_STATE_FILE,
				  "no simulator directory: set ATOLL_SIM_DIR or HOME");
	if (n < 0 || (size_t)n >= sizeof(dir))
		return atoll_fail(ctx, ATOLL_E_STATE_FILE, "simulator directory path too long");
	st = make_dirs(ctx, dir);
	if (st == ATOLL_OK)
		(void)snprintf(out, PATH_MAX, "%s/hes.state", dir);
	return st;
}

/* The device: roots from the state file (atoll-hesd's code and rules), then the CPAK. */
static atoll_status start_hes(struct atoll_ctx *ctx)
{
	struct hes_config cfg;
	struct hes_roots roots;
	bool created;
	int32_t status;

	char why[HESD_STATE_WHY_MAX];

	if (hesd_state_load(m.state_path, HES_LCS_SECURED, false, &roots, &created, why,
			    sizeof(why)) != 0)
		return atoll_fail(ctx, ATOLL_E_STATE_FILE, "the simulator's device identity: %s", why);
	hes_config_default(&cfg);
	status = hes_init(&m.hes, &cfg, &roots, hesd_random, NULL);
	mbedtls_platform_zeroize(&roots, sizeof(roots));
	if (status != PSA_SUCCESS)
		return atoll_fail(ctx, ATOLL_E_BACKEND, "the HES core refused the roots of %s "
				  "(PSA status %d)", m.state_path, (int)status);
	return ATOLL_OK;
}

/* What BL1/BL2 do on QEMU: one extend per component, then the slots stay. */
static atoll_status measured_boot(struct atoll_ctx *ctx)
{
	static const uint8_t signer_id[SIGNER_ID_SIZE];

	hes_boot_reset(&m.hes);
	for (unsigned int i = 0; i < SIM_COMPONENTS; i++) {
		const struct sim_component *c = &sim_components[i];
		uint8_t digest[32];
		struct hes_measurement meas = {
			.index = c->slot, .alg = PSA_ALG_SHA_256,
			.signer_id = signer_id, .signer_id_len = sizeof(signer_id),
			.sw_type = c->sw_type, .sw_type_len = strlen(c->sw_type),
			.version = "", .version_len = 0, .value = digest, .value_len = sizeof(digest),
		};

		(void)mbedtls_sha256((const uint8_t *)c->descriptor, strlen(c->descriptor), digest, 0);
		if (hes_slots_extend(&m.hes.slots, &meas) != PSA_SUCCESS)
			return atoll_fail(ctx, ATOLL_E_BACKEND, "HES: measuring %s failed", c->image);
	}
	return ATOLL_OK;
}

/* The builder's configuration for these parameters (walks from level 1, level 0 above 43 bits). */
static void realm_config_of(struct realm_vm_config *cfg, const struct atoll_realm_params *p)
{
	*cfg = (struct realm_vm_config){
		.name = "sim", .s2sz = p->s2sz, .level_start = p->s2sz > 43U ? 0 : 1,
		.num_recs = p->num_recs, .hash_algo = p->hash_algo,
		.num_bps = p->num_bps, .num_wps = p->num_wps,
	};
}

/* Cold boot of the RMM (EL3 answered by the HES), then the realm from the image. */
static atoll_status boot(struct atoll_ctx *ctx)
{
	const struct realm_image_header *h = m.image;
	unsigned int pages = (unsigned int)((m.image_size + GRANULE_SIZE - 1U) / GRANULE_SIZE);
	enum rmm_boot_result br;
	uint64_t src, zero, status;

	sim_el3_use_hes(&m.hes);
	host_platform_reset();
	sim_platform_reset();
	host_write_manifest(SIM_BANK_BASE, SIM_BANK_SIZE);
	br = host_cold_boot(0, ABI_VERSION(0U, 4U), SIM_CPUS, HOST_SHARED_BUF);
	if (br != RMM_BOOT_SUCCESS)
		return atoll_fail(ctx, ATOLL_E_BACKEND, "the RMM's cold boot failed (%d)", (int)br);
	src = sim_alloc_granules(pages);
	zero = host_alloc_granule();	/* emulated memory is zeroed */
	if (src == 0U || zero == 0U)
		return atoll_fail(ctx, ATOLL_E_BACKEND, "no room for the realm image");
	memcpy(host_pa_ptr(src), m.image, m.image_size);
	realm_vm_reset(&m.vm, &m.config, REALM_IMAGE_IPA + h->entry_offset, h->memory_size);
	status = realm_vm_create_realm(&m.vm, &m.config, m.vm.realm.ledger_storage,
				       HOST_REALM_MAX_GRANULES);
	if (status == RMI_SUCCESS)
		status = realm_vm_build(&m.vm, h, src, zero);
	if (status != RMI_SUCCESS)
		return atoll_fail(ctx, ATOLL_E_BACKEND, "building the realm failed: %s",
				  sim_platform_last_message());
	return ATOLL_OK;
}

static bool same_options(const char *path, const void *image, size_t size,
			 const struct atoll_realm_params *p)
{
	return strcmp(path, m.state_path) == 0 && image == m.image && size == m.image_size &&
	       memcmp(p, &m.params, sizeof(*p)) == 0;
}

atoll_status sim_machine_open(struct atoll_ctx *ctx, const struct atoll_options *opt)
{
	struct atoll_realm_params params;
	const void *image = opt->sim_realm_image;
	size_t size = opt->sim_realm_image_size;
	char path[PATH_MAX];
	const char *why = "";
	atoll_status st;

	if (image == NULL) {
		image = sim_hello_image;
		size = (size_t)(sim_hello_image_end - sim_hello_image);
	}
	if (opt->sim_realm_params != NULL)
		params = *opt->sim_realm_params;
	else
		atoll_realm_params_default(&params);
	/* Zero would make the builder take the platform's maximum, which the RIM cannot know. */
	if (params.num_bps == 0U || params.num_wps == 0U || params.num_recs == 0U ||
	    params.num_recs > REALM_VM_MAX_RECS || params.s2sz < 32U || params.s2sz > 48U)
		return atoll_fail(ctx, ATOLL_E_INVALID_ARG,
				  "sim realm parameters: breakpoints and watchpoints at least 1, "
				  "1..%u RECs, s2sz 32..48", REALM_VM_MAX_RECS);
	st = state_path(ctx, opt, path);
	if (st != ATOLL_OK)
		return st;
	if (m.users > 0U) {
		if (!same_options(path, image, size, &params))
			return atoll_fail(ctx, ATOLL_E_BACKEND,
					  "one simulated machine per process: it runs with %s and %s",
					  m.state_path, sim_machine_image_name());
		m.users++;
		return ATOLL_OK;
	}
	if (size > SIM_IMAGE_MAX)
		return atoll_fail(ctx, ATOLL_E_IMAGE, "realm image over %u bytes", SIM_IMAGE_MAX);
	st = atoll_measure_locked(image, size, &params, m.rim, &m.rim_len, &why);
	if (st != ATOLL_OK)
		return atoll_fail(ctx, st, "realm image refused: %s", why);
	memcpy(m.state_path, path, sizeof(path));
	m.image = image;
	m.image_size = size;
	m.params = params;
	realm_config_of(&m.config, &params);
	m.built_in = image == (const void *)sim_hello_image;
	st = start_hes(ctx);
	if (st == ATOLL_OK)
		st = measured_boot(ctx);
	if (st == ATOLL_OK)
		st = boot(ctx);
	if (st != ATOLL_OK) {
		hes_wipe(&m.hes);
		sim_el3_use_hes(NULL);
		m.state_path[0] = '\0';
		return st;
	}
	m.users = 1;
	return ATOLL_OK;
}

void sim_machine_close(void)
{
	if (m.users == 0U || --m.users > 0U)
		return;
	sim_el3_use_hes(NULL);
	hes_wipe(&m.hes);
	host_platform_reset();
	m.state_path[0] = '\0';
}
