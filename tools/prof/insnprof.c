/*
 * insnprof: a QEMU TCG plugin counting executed instructions per guest
 * address, inside labelled windows (tools/profile.sh).
 *
 *   -plugin insnprof.so,begin=ADDR,end=ADDR[,begin=ADDR,end=ADDR...],out=FILE
 *
 * When the instruction at a begin address executes, a window opens whose
 * label is the value of x0 at that moment (0..MAX_LABELS-1); it closes at
 * an end address. Every instruction executed while a window is open, at any
 * exception level, adds one to its address's count for that label. At exit
 * FILE gets, per label, "window <label> <number of windows>" and then one
 * "<address> <count>" line per address. Counts are per address (virtual,
 * not per translation), so a retranslated block adds to the same line.
 * Use with -smp 1.
 */
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define MAX_LABELS	64
#define MAX_MARKS	8

struct site {
	uint64_t vaddr;
	uint64_t count[MAX_LABELS];
};

static GHashTable *sites;		/* vaddr -> struct site */
static uint64_t begins[MAX_MARKS], ends[MAX_MARKS];
static unsigned int n_begins, n_ends;
static uint64_t windows[MAX_LABELS];
static int label = -1;			/* the open window's label, or -1 */
static struct qemu_plugin_register *x0;
static GByteArray *regbuf;
static const char *out_path = "insnprof.out";

static void count(unsigned int vcpu, void *data)
{
	struct site *s = data;

	(void)vcpu;
	if (label >= 0)
		s->count[label]++;
}

static void open_window(unsigned int vcpu, void *data)
{
	uint64_t v = 0;

	(void)vcpu;
	(void)data;
	g_byte_array_set_size(regbuf, 0);
	if (x0 != NULL && qemu_plugin_read_register(x0, regbuf) >= 8)
		memcpy(&v, regbuf->data, sizeof(v));
	label = v < MAX_LABELS ? (int)v : -1;
}

static void close_window(unsigned int vcpu, void *data)
{
	(void)vcpu;
	(void)data;
	if (label >= 0)
		windows[label]++;
	label = -1;
}

static bool is_mark(const uint64_t *marks, unsigned int n, uint64_t va)
{
	for (unsigned int i = 0; i < n; i++)
		if (marks[i] == va)
			return true;
	return false;
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);

	(void)id;
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint64_t va = qemu_plugin_insn_vaddr(insn);
		struct site *s = g_hash_table_lookup(sites, &va);

		if (s == NULL) {
			s = g_new0(struct site, 1);
			s->vaddr = va;
			g_hash_table_insert(sites, &s->vaddr, s);
		}
		/* Callbacks run in registration order: close, count, open. */
		if (is_mark(ends, n_ends, va))
			qemu_plugin_register_vcpu_insn_exec_cb(insn, close_window,
							       QEMU_PLUGIN_CB_NO_REGS, NULL);
		qemu_plugin_register_vcpu_insn_exec_cb(insn, count, QEMU_PLUGIN_CB_NO_REGS, s);
		if (is_mark(begins, n_begins, va))
			qemu_plugin_register_vcpu_insn_exec_cb(insn, open_window,
							       QEMU_PLUGIN_CB_R_REGS, NULL);
	}
}

static void vcpu_init(qemu_plugin_id_t id, unsigned int vcpu)
{
	GArray *regs = qemu_plugin_get_registers();

	(void)id;
	(void)vcpu;
	for (guint i = 0; regs != NULL && i < regs->len; i++) {
		qemu_plugin_reg_descriptor *r = &g_array_index(regs, qemu_plugin_reg_descriptor, i);

		if (strcmp(r->name, "x0") == 0)
			x0 = r->handle;
	}
	if (regs != NULL)
		g_array_free(regs, TRUE);
}

static gint by_vaddr(gconstpointer a, gconstpointer b)
{
	const struct site *x = *(struct site *const *)a, *y = *(struct site *const *)b;

	return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

static void at_exit(qemu_plugin_id_t id, void *p)
{
	GPtrArray *all = g_ptr_array_new();
	GHashTableIter it;
	gpointer k, v;
	FILE *f = fopen(out_path, "w");

	(void)id;
	(void)p;
	if (f == NULL)
		return;
	g_hash_table_iter_init(&it, sites);
	while (g_hash_table_iter_next(&it, &k, &v))
		g_ptr_array_add(all, v);
	g_ptr_array_sort(all, by_vaddr);
	for (unsigned int l = 0; l < MAX_LABELS; l++) {
		if (windows[l] == 0)
			continue;
		fprintf(f, "window %u %" PRIu64 "\n", l, windows[l]);
		for (guint i = 0; i < all->len; i++) {
			struct site *s = g_ptr_array_index(all, i);

			if (s->count[l] != 0)
				fprintf(f, "%" PRIx64 " %" PRIu64 "\n", s->vaddr, s->count[l]);
		}
	}
	fclose(f);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (eq == NULL)
			return -1;
		*eq = '\0';
		if (strcmp(argv[i], "begin") == 0 && n_begins < MAX_MARKS)
			begins[n_begins++] = strtoull(eq + 1, NULL, 0);
		else if (strcmp(argv[i], "end") == 0 && n_ends < MAX_MARKS)
			ends[n_ends++] = strtoull(eq + 1, NULL, 0);
		else if (strcmp(argv[i], "out") == 0)
			out_path = eq + 1;
		else
			return -1;
	}
	sites = g_hash_table_new(g_int64_hash, g_int64_equal);
	regbuf = g_byte_array_new();
	qemu_plugin_register_vcpu_init_cb(id, vcpu_init);
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
