/*
 * What the host does for a realm besides running it: the host calls of
 * include/atoll/realm_image.h, and the realm's console.
 */
#include <stddef.h>

#include "host.h"
#include "run/realm_run.h"

/* Sets x0..x18 and v0..v31 to values derived from seed (run/clobber.S). */
void host_clobber_regs(uint64_t seed);

static volatile struct rmi_rec_run *run_of(const struct realm_vm *vm, unsigned int rec)
{
	return (volatile struct rmi_rec_run *)(uintptr_t)vm->vcpus[rec].run;
}

static const struct realm_shared_page *find_shared(const struct realm_vm *vm, uint64_t ipa)
{
	for (unsigned int i = 0; i < vm->num_shared; i++) {
		if (vm->shared[i].ipa == (ipa & ~(GRANULE_SIZE - 1U)))
			return &vm->shared[i];
	}
	return NULL;
}

/* REALM_HC_TOKEN: copies the token out of the shared page for the host to inspect. */
static uint64_t take_token(struct realm_vm *vm, uint64_t ipa, uint64_t size)
{
	const struct realm_shared_page *p = find_shared(vm, ipa);

	if (p == NULL || (ipa & (GRANULE_SIZE - 1U)) != 0U || size == 0U ||
	    size > REALM_VM_TOKEN_SIZE)
		return 1;
	for (uint64_t off = 0; off < size; off += 8U)
		vm->token[off / 8U] = mmio_read64(p->pa + off);
	vm->token_size = size;
	return 0;
}

/* One host call; a[] holds the realm's gprs and gets the results. */
static void serve(struct realm_vm *vm, uint64_t imm, uint64_t a[RMI_REC_RUN_GPRS])
{
	const struct realm_shared_page *p;

	switch (imm) {
	case REALM_HC_RESULT:
		vm->result_seen = true;
		vm->result_passed = a[0];
		vm->result_failed = a[1];
		break;
	case REALM_HC_ECHO:
		for (unsigned int i = 0; i < RMI_REC_RUN_GPRS; i++)
			a[i] = ~a[i];
		/* The realm's registers must not depend on what the host leaves in its own. */
		host_clobber_regs(a[0]);
		break;
	case REALM_HC_RIPAS_POLICY:
		vm->ripas_policy = (unsigned int)a[0];
		a[0] = a[0] > REALM_RIPAS_ONE_PAGE;
		break;
	case REALM_HC_SHARE_PAGE:
		a[0] = a[0] < (1ULL << (vm->realm.s2sz - 1U)) ||
		       realm_vm_share_page(vm, a[0]) != RMI_SUCCESS;
		break;
	case REALM_HC_READ_SHARED:
		p = find_shared(vm, a[0]);
		a[0] = p != NULL ? mmio_read64(p->pa) : ~0ULL;
		break;
	case REALM_HC_EXIT_COUNT:
		a[0] = a[0] < REALM_EXIT_COUNTS ? vm->counts[a[0]] : ~0ULL;
		break;
	case REALM_HC_TOKEN:
		a[0] = take_token(vm, a[0], a[1]);
		break;
	case REALM_HC_VALUES:
		for (unsigned int i = 0; i < 8U; i++)
			vm->values[i] = a[i];
		vm->values_seen = true;
		break;
	default:
		if (vm->extra_host_call == NULL || !vm->extra_host_call(vm, imm, a))
			host_printf("HOST: realm %s: unknown host call %lu\n", vm->name, imm);
		break;
	}
}

bool realm_vm_host_call(struct realm_vm *vm, unsigned int rec)
{
	volatile struct rmi_rec_run *run = run_of(vm, rec);
	uint64_t a[RMI_REC_RUN_GPRS];

	for (unsigned int i = 0; i < RMI_REC_RUN_GPRS; i++)
		a[i] = run->exit.gprs[i];
	serve(vm, run->exit.imm & 0xFFFFU, a);
	/* All 31 go back into RsiHostCall.gprs: unchanged ones keep their value. */
	for (unsigned int i = 0; i < RMI_REC_RUN_GPRS; i++)
		run->enter.gprs[i] = a[i];
	return true;
}

/* ---- Console ---- */

static void output_append(struct realm_vm *vm, char c)
{
	if (vm->output_len + 1U < REALM_VM_OUTPUT_SIZE) {
		vm->output[vm->output_len++] = c;
		vm->output[vm->output_len] = '\0';
	}
}

void realm_vm_console_putc(struct realm_vm *vm, char c)
{
	output_append(vm, c);
	if (c != '\n' && vm->line_len + 1U < REALM_VM_LINE_SIZE) {
		vm->line[vm->line_len++] = c;
		return;
	}
	/* A whole line at a time, so that two realms' lines do not interleave. */
	vm->line[vm->line_len] = '\0';
	if (vm->line_stamps)
		host_printf("%s: [%lu ms] %s\n", vm->name, (unsigned long)(host_counter() / 1000000U),
			    vm->line);
	else
		host_printf("%s: %s\n", vm->name, vm->line);
	vm->line_len = 0;
	if (c != '\n')
		vm->line[vm->line_len++] = c;
}

/* Reads a decimal number at *s, advancing it; false if there is none. */
static bool parse_number(const char **s, unsigned int *n)
{
	if (**s < '0' || **s > '9')
		return false;
	for (*n = 0; **s >= '0' && **s <= '9'; (*s)++)
		*n = *n * 10U + (unsigned int)(**s - '0');
	return true;
}

/* Matches the literal text at *s, advancing past it. */
static bool parse_text(const char **s, const char *text)
{
	for (; *text != '\0'; text++, (*s)++) {
		if (**s != *text)
			return false;
	}
	return true;
}

/* "<suite>: N passed, M failed" followed by a newline. */
static bool parse_closing(const char *s, const char *suite, unsigned int *passed,
			  unsigned int *failed)
{
	return parse_text(&s, suite) && parse_text(&s, ": ") && parse_number(&s, passed) &&
	       parse_text(&s, " passed, ") && parse_number(&s, failed) &&
	       parse_text(&s, " failed\n");
}

bool realm_vm_closing_line(const struct realm_vm *vm, const char *suite, unsigned int *passed,
			   unsigned int *failed)
{
	bool found = false;
	unsigned int p, f;

	for (unsigned int i = 0; i < vm->output_len; i++) {
		if ((i == 0U || vm->output[i - 1U] == '\n') &&
		    parse_closing(&vm->output[i], suite, &p, &f)) {
			*passed = p;
			*failed = f;
			found = true;
		}
	}
	return found;
}

void realm_vm_print_stats(const struct realm_vm *vm)
{
	host_printf("HOST: realm %s: %lu REC_ENTERs; exits SYNC %lu IRQ %lu FIQ %lu PSCI %lu "
		    "RIPAS_CHANGE %lu HOST_CALL %lu SERROR %lu\n",
		    vm->name, vm->rec_enters, vm->exits[RMI_EXIT_SYNC], vm->exits[RMI_EXIT_IRQ],
		    vm->exits[RMI_EXIT_FIQ], vm->exits[RMI_EXIT_PSCI],
		    vm->exits[RMI_EXIT_RIPAS_CHANGE], vm->exits[RMI_EXIT_HOST_CALL],
		    vm->exits[RMI_EXIT_SERROR]);
}
