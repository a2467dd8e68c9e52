/*
 * The ML example's launcher (docs/demo-ml.md): runs realm images one after
 * the other, each with its byte channels relayed to QEMU's virtio consoles
 * (the first -device virtio-serial-device is the model provider's channel,
 * the second the chat client's) and the store of NS pages that outlives
 * each realm (realm_ports.h). The images and their order come from a plan
 * that QEMU's loader puts in memory (tools/ml-run.sh writes it): a realm
 * destroyed and created again from the same image is a restart.
 */
#include <stdint.h>

#include <atoll/demo_realm.h>

#include "../host.h"
#include "../devices/virtio_console.h"
#include "../run/realm_ports.h"
#include "../run/realm_run.h"

/* The plan: magic, count, then per act the image's PA and size and a 16-byte name. */
#define PLAN_PA			0xF1000000UL
#define PLAN_MAGIC		0x4E414C504C4D5441ULL	/* "ATMLPLAN" */
#define PLAN_MAX_ACTS		8U
#define PLAN_NAME_SIZE		16U
#define PLAN_ACT_SIZE		(16U + PLAN_NAME_SIZE)

/* How long what a stopped realm wrote may take to leave. */
#define FLUSH_MS		5000U

/* Every 4 KB page of a 16 MB realm, plus its tables. */
#define LEDGER_SIZE		4600U

static struct realm_vm vm;
static struct host_granule ledger[LEDGER_SIZE];
static struct virtio_console consoles[REALM_CHANNELS];
static struct realm_ports ports;
static const char *const channel_names[REALM_CHANNELS] = { "model", "chat" };

struct act {
	struct realm_image_blob image;
	char name[PLAN_NAME_SIZE + 1U];
};

static const char *state_name(enum realm_vm_state s)
{
	switch (s) {
	case REALM_VM_SYSTEM_OFF:
		return "system off";
	case REALM_VM_SYSTEM_RESET:
		return "system reset";
	case REALM_VM_ALL_OFF:
		return "all RECs off";
	case REALM_VM_FAILED:
		return "FAILED";
	default:
		return "running";
	}
}

static unsigned int read_plan(struct act acts[PLAN_MAX_ACTS])
{
	uint64_t count;

	if (mmio_read64(PLAN_PA) != PLAN_MAGIC) {
		host_printf("HOST: ml: no plan at %lx (tools/ml-run.sh has QEMU's loader put it there)\n",
			    PLAN_PA);
		return 0;
	}
	count = mmio_read64(PLAN_PA + 8U);
	if (count == 0U || count > PLAN_MAX_ACTS) {
		host_printf("HOST: ml: the plan has %lu acts (1..%u)\n", count, PLAN_MAX_ACTS);
		return 0;
	}
	for (unsigned int i = 0; i < count; i++) {
		uint64_t at = PLAN_PA + 16U + i * PLAN_ACT_SIZE;
		const char *start = (const char *)(uintptr_t)mmio_read64(at);

		acts[i].image = (struct realm_image_blob){ start, start + mmio_read64(at + 8U) };
		for (unsigned int c = 0; c < PLAN_NAME_SIZE; c++)
			acts[i].name[c] = *(const volatile char *)(uintptr_t)(at + 16U + c);
		acts[i].name[PLAN_NAME_SIZE] = '\0';
	}
	return (unsigned int)count;
}

/* The consoles in command-line order; false unless both are there and work. */
static bool find_consoles(void)
{
	struct virtio_console *cons[REALM_CHANNELS];

	for (unsigned int i = 0; i < REALM_CHANNELS; i++) {
		uintptr_t base = virtio_mmio_qemu_find(VIRTIO_ID_CONSOLE, i);
		struct virtio_mmio_io io;
		enum virtio_mmio_status st;

		if (base == 0U) {
			host_printf("HOST: ml: no virtio console for the %s channel (-device "
				    "virtio-serial-device number %u)\n", channel_names[i], i + 1U);
			return false;
		}
		io = virtio_mmio_io_at(base);
		st = virtio_console_init(&consoles[i], &io);
		host_printf("HOST: ml: %s channel: virtio console at %lx: %s\n", channel_names[i],
			    (unsigned long)base, virtio_mmio_status_str(st));
		if (st != VIRTIO_MMIO_OK)
			return false;
		cons[i] = &consoles[i];
	}
	realm_ports_init(&ports, cons);
	return true;
}

static bool run_act(unsigned int i, const struct act *a)
{
	/* The demo realm's parameters: `atoll measure IMAGE` with its defaults gives the RIM. */
	const struct realm_vm_config cfg = {
		.name = a->name, .s2sz = DEMO_REALM_S2SZ, .level_start = DEMO_REALM_LEVEL_START,
		.num_recs = DEMO_REALM_RECS, .hash_algo = DEMO_REALM_HASH,
		.num_bps = DEMO_REALM_BPS, .num_wps = DEMO_REALM_WPS,
	};
	enum realm_vm_state state = REALM_VM_FAILED;
	uint64_t status;

	host_printf("HOST: ml: act %u: realm %s from %lu bytes at %p\n", i + 1U, a->name,
		    (unsigned long)(a->image.end - a->image.start), a->image.start);
	status = realm_vm_load_in(&vm, &cfg, a->image, ledger, LEDGER_SIZE);
	if (status != RMI_SUCCESS) {
		host_printf("HOST: ml: act %u: the realm did not load: %lx\n", i + 1U, status);
		return false;
	}
	realm_ports_attach(&ports, &vm);
	state = realm_vm_run(&vm);
	realm_ports_detach(&ports, FLUSH_MS);
	host_printf("HOST: ml: act %u: realm %s: %s; relayed %lu bytes on model, %lu on chat\n",
		    i + 1U, a->name, state_name(state), ports.port[REALM_CHANNEL_MODEL].moved,
		    ports.port[REALM_CHANNEL_CHAT].moved);
	realm_vm_print_stats(&vm);
	status = realm_vm_destroy(&vm);
	if (status != RMI_SUCCESS)
		host_printf("HOST: ml: act %u: teardown failed: %lx\n", i + 1U, status);
	return state == REALM_VM_SYSTEM_OFF && status == RMI_SUCCESS;
}

_Noreturn void host_main(void)
{
	static struct act acts[PLAN_MAX_ACTS];
	unsigned int count, ok = 0;

	host_printf("HOST: Atoll realm host, ML launcher\n");
	count = read_plan(acts);
	if (count != 0U && find_consoles()) {
		for (unsigned int i = 0; i < count; i++)
			ok += run_act(i, &acts[i]) ? 1U : 0U;
		host_printf("HOST: ml: %u of %u acts ended with the realm switched off\n", ok, count);
	}
	psci_system_off();
}
