/* The channels and the store of a realm that talks to the outside (realm_ports.h). */
#include "run/realm_ports.h"

#include <stddef.h>

#include "host.h"

#define TICKS_PER_MS	1000000U	/* QEMU's counter runs at 1 GHz */
#define STORE_PAGES	(REALM_STORE_MAX / GRANULE_SIZE)

static void zero(uint64_t pa, uint64_t bytes)
{
	for (uint64_t off = 0; off < bytes; off += 8U)
		mmio_write64(pa + off, 0);
}

/* An Unprotected IPA of the realm, whole pages, at most max bytes. */
static bool unprotected_range(const struct realm_vm *vm, uint64_t ipa, uint64_t bytes, uint64_t max)
{
	uint64_t half = 1ULL << (vm->realm.s2sz - 1U);

	return (ipa & (GRANULE_SIZE - 1U)) == 0U && (bytes & (GRANULE_SIZE - 1U)) == 0U &&
	       bytes != 0U && bytes <= max && ipa >= half && ipa - half + bytes <= half;
}

static uint64_t channel_open(struct realm_ports *p, struct realm_vm *vm, uint64_t ch, uint64_t ipa)
{
	struct realm_port *port;

	if (ch >= REALM_CHANNELS || !unprotected_range(vm, ipa, GRANULE_SIZE, GRANULE_SIZE))
		return 1;
	port = &p->port[ch];
	if (port->con == NULL || port->open)
		return 1;
	if (port->page == 0U)
		port->page = host_alloc_granule();
	zero(port->page, GRANULE_SIZE);
	if (realm_vm_map_shared_range(vm, ipa, port->page, 1) != RMI_SUCCESS)
		return 1;
	channel_relay_init(&port->relay, port->con, (struct byte_channel_page *)(uintptr_t)port->page);
	port->open = true;
	host_printf("HOST: realm %s: channel %lu open\n", vm->name, ch);
	return 0;
}

/* Relays channel i once; its bytes moved, or -1 (then it is closed). */
static long relay_once(struct realm_port *port, unsigned int i)
{
	long n = channel_relay_step(&port->relay);

	if (n < 0) {
		host_printf("HOST: channel %u broken: %s\n", i, virtio_console_error(port->con));
		port->open = false;
		return -1;
	}
	port->moved += (uint64_t)n;
	return n;
}

/* Every open channel is relayed while the realm waits on one of them. */
static uint64_t channel_wait(struct realm_ports *p, uint64_t ch, uint64_t limit_ms)
{
	uint64_t start = host_counter();

	if (ch >= REALM_CHANNELS || !p->port[ch].open)
		return REALM_CHANNEL_WAIT_BROKEN;
	for (;;) {
		bool moved = false;

		for (unsigned int i = 0; i < REALM_CHANNELS; i++) {
			long n = p->port[i].open ? relay_once(&p->port[i], i) : 0;

			if (i == ch && n < 0)
				return REALM_CHANNEL_WAIT_BROKEN;
			moved = moved || (i == ch && n > 0);
		}
		if (moved)
			return REALM_CHANNEL_WAIT_MOVED;
		if (limit_ms != 0U && host_counter() - start >= limit_ms * TICKS_PER_MS)
			return REALM_CHANNEL_WAIT_TIMEOUT;
	}
}

static uint64_t store_map(struct realm_ports *p, struct realm_vm *vm, uint64_t ipa, uint64_t bytes)
{
	if (!unprotected_range(vm, ipa, bytes, REALM_STORE_MAX))
		return 1;
	if (p->store_pa == 0U) {
		p->store_pa = host_alloc_granules(STORE_PAGES);
		zero(p->store_pa, REALM_STORE_MAX);
	}
	return realm_vm_map_shared_range(vm, ipa, p->store_pa, bytes / GRANULE_SIZE) != RMI_SUCCESS;
}

static bool serve(struct realm_vm *vm, uint64_t imm, uint64_t *a)
{
	struct realm_ports *p = vm->extra;

	switch (imm) {
	case REALM_HC_CHANNEL_OPEN:
		a[0] = channel_open(p, vm, a[0], a[1]);
		return true;
	case REALM_HC_CHANNEL_WAIT:
		a[0] = channel_wait(p, a[0], a[1]);
		return true;
	case REALM_HC_STORE_MAP:
		a[0] = store_map(p, vm, a[0], a[1]);
		return true;
	default:
		return false;
	}
}

void realm_ports_init(struct realm_ports *p, struct virtio_console *cons[REALM_CHANNELS])
{
	for (unsigned int i = 0; i < REALM_CHANNELS; i++)
		p->port[i] = (struct realm_port){ .con = cons[i] };
	p->store_pa = 0;
}

void realm_ports_attach(struct realm_ports *p, struct realm_vm *vm)
{
	for (unsigned int i = 0; i < REALM_CHANNELS; i++)
		p->port[i].moved = 0;
	vm->extra_host_call = serve;
	vm->extra = p;
}

/* Nothing the realm wrote is still in the ring or the relay's buffer. */
static bool drained(const struct realm_port *port)
{
	const struct byte_ring *r = port->relay.to_host.ring;

	return port->relay.out_off == port->relay.out_len &&
	       __atomic_load_n(&r->head, __ATOMIC_ACQUIRE) == port->relay.to_host.index;
}

void realm_ports_detach(struct realm_ports *p, uint64_t limit_ms)
{
	uint64_t start = host_counter();

	for (unsigned int i = 0; i < REALM_CHANNELS; i++) {
		struct realm_port *port = &p->port[i];

		while (port->open && !drained(port) &&
		       host_counter() - start < limit_ms * TICKS_PER_MS) {
			if (relay_once(port, i) < 0)
				break;
		}
		if (port->open && !drained(port))
			host_printf("HOST: channel %u: the realm's last bytes could not be relayed\n", i);
		port->open = false;
	}
}
