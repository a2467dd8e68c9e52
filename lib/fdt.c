/* Flattened device tree writer (lib/fdt.h). */
#include <lib/fdt.h>

#include <string.h>

/* The empty memory reservation block: one all-zero {address, size} entry. */
#define FDT_RSVMAP_SIZE	16U
#define FDT_STRUCT_OFFSET	(FDT_HEADER_SIZE + FDT_RSVMAP_SIZE)

static void put_be32_at(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Appends n bytes of data (NULL: zeros), then zeros up to a 4-byte boundary. */
static void put(struct fdt_writer *w, const void *data, size_t n)
{
	size_t padded = (n + 3U) & ~(size_t)3U;

	if (w->error || padded < n || w->size - w->len < padded) {
		w->error = true;
		return;
	}
	if (data != NULL)
		memcpy(w->buf + w->len, data, n);
	else
		memset(w->buf + w->len, 0, n);
	memset(w->buf + w->len + n, 0, padded - n);
	w->len += padded;
}

static void put_token(struct fdt_writer *w, uint32_t token)
{
	uint8_t be[4];

	put_be32_at(be, token);
	put(w, be, sizeof(be));
}

void fdt_init(struct fdt_writer *w, void *buf, size_t size)
{
	memset(w, 0, sizeof(*w));
	w->buf = buf;
	w->size = size;
	/* Header (filled by fdt_finish) and the empty reservation block. */
	put(w, NULL, FDT_STRUCT_OFFSET);
}

void fdt_set_boot_cpuid(struct fdt_writer *w, uint32_t cpuid)
{
	w->boot_cpuid = cpuid;
}

void fdt_begin_node(struct fdt_writer *w, const char *name)
{
	/* Only the root is nameless, and only at the top. */
	if ((name[0] == '\0') != (w->depth == 0U) || w->depth == FDT_MAX_DEPTH) {
		w->error = true;
		return;
	}
	put_token(w, FDT_BEGIN_NODE);
	put(w, name, strlen(name) + 1U);
	w->depth++;
}

void fdt_end_node(struct fdt_writer *w)
{
	if (w->depth == 0U) {
		w->error = true;
		return;
	}
	put_token(w, FDT_END_NODE);
	w->depth--;
}

/* The name's offset in the strings block, adding it the first time. */
static uint32_t string_offset(struct fdt_writer *w, const char *name)
{
	size_t n = strlen(name) + 1U;

	for (size_t off = 0; off < w->strings_len; off += strlen(w->strings + off) + 1U) {
		if (strcmp(w->strings + off, name) == 0)
			return (uint32_t)off;
	}
	if (FDT_STRINGS_MAX - w->strings_len < n) {
		w->error = true;
		return 0;
	}
	memcpy(w->strings + w->strings_len, name, n);
	w->strings_len += n;
	return (uint32_t)(w->strings_len - n);
}

void fdt_prop(struct fdt_writer *w, const char *name, const void *value, size_t len)
{
	uint8_t head[8];

	if (w->depth == 0U || name[0] == '\0' || len > UINT32_MAX) {
		w->error = true;
		return;
	}
	put_be32_at(head, (uint32_t)len);
	put_be32_at(head + 4, string_offset(w, name));
	put_token(w, FDT_PROP);
	put(w, head, sizeof(head));
	put(w, value, len);
}

void fdt_prop_empty(struct fdt_writer *w, const char *name)
{
	fdt_prop(w, name, "", 0);
}

void fdt_prop_u32(struct fdt_writer *w, const char *name, uint32_t v)
{
	fdt_prop_cells(w, name, &v, 1);
}

void fdt_prop_u64(struct fdt_writer *w, const char *name, uint64_t v)
{
	const uint32_t cells[2] = { (uint32_t)(v >> 32), (uint32_t)v };

	fdt_prop_cells(w, name, cells, 2);
}

void fdt_prop_string(struct fdt_writer *w, const char *name, const char *s)
{
	fdt_prop(w, name, s, strlen(s) + 1U);
}

void fdt_prop_cells(struct fdt_writer *w, const char *name, const uint32_t *cells, size_t n)
{
	uint8_t be[4 * 16];

	if (n > sizeof(be) / 4U) {
		w->error = true;
		return;
	}
	for (size_t i = 0; i < n; i++)
		put_be32_at(be + 4 * i, cells[i]);
	fdt_prop(w, name, be, 4 * n);
}

void fdt_prop_strings(struct fdt_writer *w, const char *name, const char *list, size_t len)
{
	/* A string list is non-empty and ends with its last string's NUL. */
	if (len == 0U || list[len - 1U] != '\0') {
		w->error = true;
		return;
	}
	fdt_prop(w, name, list, len);
}

size_t fdt_finish(struct fdt_writer *w)
{
	size_t struct_size;
	uint32_t fields[10];

	if (w->depth != 0U)
		w->error = true;
	put_token(w, FDT_END);
	struct_size = w->len - FDT_STRUCT_OFFSET;
	put(w, w->strings, w->strings_len);
	if (w->error)
		return 0;
	fields[0] = FDT_MAGIC;
	fields[1] = (uint32_t)w->len;	/* the strings block padded to 4 bytes */
	fields[2] = FDT_STRUCT_OFFSET;
	fields[3] = (uint32_t)(FDT_STRUCT_OFFSET + struct_size);
	fields[4] = FDT_HEADER_SIZE;
	fields[5] = FDT_VERSION;
	fields[6] = FDT_LAST_COMP_VERSION;
	fields[7] = w->boot_cpuid;
	fields[8] = (uint32_t)w->strings_len;
	fields[9] = (uint32_t)struct_size;
	for (size_t i = 0; i < 10U; i++)
		put_be32_at(w->buf + 4 * i, fields[i]);
	return w->len;
}
