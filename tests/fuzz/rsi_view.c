/*
 * The realm as the RSI fuzzer sees it from outside: its stage-2 tables
 * read from emulated memory (the architectural format, decoded with the
 * RMM's s2tte_* helpers as invariants.c does), for what the spec says a
 * call finds at an IPA, the RIPAS of the whole PAR before and after a
 * step, and the contents of the realm's pages against the model.
 */
#include <stdio.h>
#include <string.h>

#include <rmm/realm.h>
#include <rmm/s2tt.h>

#include "harness.h"
#include "rsi_fuzz.h"

/* The realm's entry format (LPA2 or not). */
static bool realm_lpa2(void)
{
	return ((const struct rd *)host_pa_ptr(rf.rd))->s2.lpa2;
}

/* The entry a walk to level 3 reaches for ipa (in [0, 2^s2sz)) and its level. */
static uint64_t *walk(uint64_t ipa, long *level, uint64_t *table_base)
{
	long l = rf.start_level;
	uint64_t span = S2TT_ENTRIES * s2tt_level_size(l);
	uint64_t *t = host_pa_ptr(((const struct rd *)host_pa_ptr(rf.rd))->s2.rtt_base +
				  (ipa / span) * GRANULE_SIZE);
	uint64_t base = ipa - ipa % span;

	for (;;) {
		uint64_t *e = &t[(ipa >> s2tt_level_shift(l)) % S2TT_ENTRIES];

		if (l == S2TT_PAGE_LEVEL || s2tte_hipas(*e, l) != HIPAS_TABLE) {
			*level = l;
			if (table_base != NULL)
				*table_base = base;
			return e;
		}
		base = ipa & ~(s2tt_level_size(l) - 1U);
		t = host_pa_ptr(s2tte_table_oa(*e));
		l++;
	}
}

/* RIPAS as the RSI calls read it: UNASSIGNED and ASSIGNED entries carry one, others EMPTY. */
static unsigned int entry_ripas(uint64_t e, long level)
{
	enum s2tt_hipas h = s2tte_hipas(e, level);

	return h == HIPAS_ASSIGNED || h == HIPAS_UNASSIGNED ? (unsigned int)s2tte_ripas(e)
							      : RIPAS_EMPTY;
}

enum rf_page_state rf_view_page(uint64_t ipa, long *level, uint64_t *pa)
{
	uint64_t e = *walk(ipa, level, NULL);
	enum s2tt_hipas h = s2tte_hipas(e, *level);

	if (h == HIPAS_ASSIGNED && s2tte_ripas(e) == RIPAS_RAM) {
		*pa = s2tte_oa(e, realm_lpa2()) + (ipa & (s2tt_level_size(*level) - 1U) & ~(GRANULE_SIZE - 1U));
		return RF_MAPPED;
	}
	if ((h == HIPAS_UNASSIGNED || h == HIPAS_ASSIGNED) && s2tte_ripas(e) == RIPAS_EMPTY)
		return RF_EMPTY;
	return RF_UNMAPPED;
}

unsigned int rf_view_ripas(uint64_t ipa, long *level)
{
	uint64_t e = *walk(ipa, level, NULL);

	return entry_ripas(e, *level);
}

uint64_t rf_view_state_get_top(uint64_t base, uint64_t end, unsigned int *ripas)
{
	long level;
	uint64_t table_base, size, top;
	uint64_t *e = walk(base, &level, &table_base);
	uint64_t *t = e - (base >> s2tt_level_shift(level)) % S2TT_ENTRIES;
	unsigned int i = (unsigned int)(e - t) + 1U;

	*ripas = entry_ripas(*e, level);
	while (i < S2TT_ENTRIES && s2tte_hipas(t[i], level) != HIPAS_TABLE &&
	       entry_ripas(t[i], level) == *ripas)
		i++;
	size = s2tt_level_size(level);
	top = table_base + (uint64_t)i * size;
	return top < end ? top : end;
}

/* ---- RIPAS of the whole PAR ----------------------------------------------------------- */

static void add_interval(struct rf_ripas_map *m, uint64_t base, uint64_t top, unsigned int ripas)
{
	struct rf_interval *last = m->n > 0U ? &m->iv[m->n - 1U] : NULL;

	if (last != NULL && last->top == base && last->ripas == ripas) {
		last->top = top;
		return;
	}
	if (m->n == RF_MAX_INTERVALS)
		rf_fail("the realm's RIPAS has more than %u runs", RF_MAX_INTERVALS);
	m->iv[m->n++] = (struct rf_interval){ base, top, ripas };
}

static void snapshot_table(struct rf_ripas_map *m, const uint64_t *t, long level, uint64_t base,
			   uint64_t plain)
{
	uint64_t size = s2tt_level_size(level);
	unsigned int end = S2TT_ENTRIES;

	if (base + S2TT_ENTRIES * size > rf.par)
		end = (unsigned int)((rf.par - base) / size);	/* a root reaching past PAR */
	for (unsigned int i = 0; i < end; i++) {
		uint64_t ipa = base + i * size;
		unsigned int j = i;

		/* Fast path, as this runs around every call: most entries are UNASSIGNED, EMPTY. */
		while (j < end && t[j] == plain)
			j++;
		if (j > i) {
			add_interval(m, ipa, base + j * size, RIPAS_EMPTY);
			i = j - 1U;
		} else if (s2tte_hipas(t[i], level) == HIPAS_TABLE) {
			snapshot_table(m, host_pa_ptr(s2tte_table_oa(t[i])), level + 1, ipa, plain);
		} else {
			add_interval(m, ipa, ipa + size, entry_ripas(t[i], level));
		}
	}
}

void rf_ripas_snapshot(struct rf_ripas_map *m)
{
	const struct rd *rd = host_pa_ptr(rf.rd);
	uint64_t span = S2TT_ENTRIES * s2tt_level_size(rf.start_level);
	uint64_t plain = s2tte_unassigned(RIPAS_EMPTY);

	m->n = 0;
	if (!rf.realm_alive)
		return;
	for (unsigned int r = 0; r < rf.num_roots && r * span < rf.par; r++)
		snapshot_table(m, host_pa_ptr(rd->s2.rtt_base + r * GRANULE_SIZE), rf.start_level,
			       r * span, plain);
}

static const char *ripas_name(unsigned int r)
{
	static const char *const names[] = { "EMPTY", "RAM", "DESTROYED" };

	return r < 3U ? names[r] : "(none)";
}

/* The run of m holding ipa, from *i on (ipa only grows); NULL past the end. */
static const struct rf_interval *run_at(const struct rf_ripas_map *m, unsigned int *i, uint64_t ipa)
{
	while (*i < m->n && m->iv[*i].top <= ipa)
		(*i)++;
	return *i < m->n && m->iv[*i].base <= ipa ? &m->iv[*i] : NULL;
}

void rf_ripas_check(const struct rf_ripas_map *before, uint64_t base, uint64_t top,
		    unsigned int value, bool destroyed_may_change, const char *what)
{
	static struct rf_ripas_map now;
	unsigned int i = 0, j = 0;
	uint64_t ipa = 0;

	rf_ripas_snapshot(&now);
	while (ipa < rf.par) {
		const struct rf_interval *a = run_at(before, &i, ipa), *b = run_at(&now, &j, ipa);
		uint64_t next = rf.par;
		unsigned int ra = a != NULL ? a->ripas : 3U, rb = b != NULL ? b->ripas : 3U;

		if (a != NULL && a->top < next)
			next = a->top;
		if (b != NULL && b->top < next)
			next = b->top;
		if (a == NULL && i < before->n && before->iv[i].base < next)
			next = before->iv[i].base;
		if (b == NULL && j < now.n && now.iv[j].base < next)
			next = now.iv[j].base;
		if (ra != rb && (ipa < base || next > top || rb != value ||
				 (ra == RIPAS_DESTROYED && !destroyed_may_change)))
			rf_fail("%s changed the RIPAS of [%#llx, %#llx) from %s to %s (allowed: "
				"[%#llx, %#llx) to %s%s)", what, (unsigned long long)ipa,
				(unsigned long long)next, ripas_name(ra), ripas_name(rb),
				(unsigned long long)base, (unsigned long long)top, ripas_name(value),
				destroyed_may_change ? ", DESTROYED too" : "");
		ipa = next;
	}
}

bool rf_ripas_uniform(uint64_t base, uint64_t top, unsigned int value)
{
	static struct rf_ripas_map now;
	uint64_t ipa = base;

	rf_ripas_snapshot(&now);
	for (unsigned int i = 0; i < now.n && ipa < top; i++) {
		if (now.iv[i].top <= ipa)
			continue;
		if (now.iv[i].base > ipa || now.iv[i].ripas != value)
			return false;
		ipa = now.iv[i].top;
	}
	return ipa >= top;
}

/* ---- the realm's pages ------------------------------------------------------------------ */

/* The DATA granule of the page at ipa, whatever its RIPAS, or 0. */
static uint64_t assigned_pa(uint64_t ipa)
{
	long level;
	uint64_t e = *walk(ipa, &level, NULL);

	if (s2tte_hipas(e, level) != HIPAS_ASSIGNED)
		return 0;
	return s2tte_oa(e, realm_lpa2()) + (ipa & (s2tt_level_size(level) - 1U) & ~(GRANULE_SIZE - 1U));
}

void rf_check_pages(const char *what)
{
	for (unsigned int i = 0; i < RF_NUM_PAGES; i++) {
		uint64_t pa = rf.realm_alive ? assigned_pa(RF_PAGE(i)) : 0U;
		const uint8_t *p;

		if (pa == 0U) {
			rf.page_known[i] = false;
			continue;
		}
		p = host_pa_ptr(pa);
		if (rf.page_known[i] && memcmp(p, rf.page[i], GRANULE_SIZE) != 0) {
			unsigned int off = 0;

			while (p[off] == rf.page[i][off])
				off++;
			rf_fail("%s changed realm memory at IPA %#llx (+%#x: %#x, was %#x)", what,
				(unsigned long long)RF_PAGE(i), off, p[off], rf.page[i][off]);
		}
		memcpy(rf.page[i], p, GRANULE_SIZE);
		rf.page_known[i] = true;
	}
}
