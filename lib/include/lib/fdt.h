/*
 * A flattened device tree (DTB, Devicetree Specification v0.4 chapter 5)
 * writer for freestanding code: version 17 (last compatible 16), an empty
 * memory reservation block, the structure block, then the strings block,
 * each property name stored once. It writes into a buffer the caller owns
 * and keeps the strings in the writer until fdt_finish().
 *
 * Errors are sticky, as in lib/cbor.h: after the first one (buffer or
 * string table full, a property outside a node, a node left open or closed
 * twice, a nameless node below the root or a named root, an empty property
 * name, a string list not ending in NUL) nothing more is written and
 * fdt_finish() returns 0, so a caller writes the whole tree and checks once.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC		0xD00DFEEDU
#define FDT_VERSION		17U
#define FDT_LAST_COMP_VERSION	16U
#define FDT_HEADER_SIZE		40U
#define FDT_STRINGS_MAX		1024U
#define FDT_MAX_DEPTH		8U

/* Structure block tokens. */
#define FDT_BEGIN_NODE		1U
#define FDT_END_NODE		2U
#define FDT_PROP		3U
#define FDT_END			9U

struct fdt_writer {
	uint8_t *buf;
	size_t size;
	size_t len;			/* bytes of header, reservations and structure so far */
	bool error;
	unsigned int depth;		/* open nodes */
	uint32_t boot_cpuid;
	size_t strings_len;
	char strings[FDT_STRINGS_MAX];
};

/* Starts a tree in buf (8-byte aligned, as the boot protocol wants the DTB). */
void fdt_init(struct fdt_writer *w, void *buf, size_t size);

/* The header's boot_cpuid_phys (0 unless set). */
void fdt_set_boot_cpuid(struct fdt_writer *w, uint32_t cpuid);

/* Nodes: "" for the root, else "name" or "name@unit". */
void fdt_begin_node(struct fdt_writer *w, const char *name);
void fdt_end_node(struct fdt_writer *w);

/* A property of the open node with len bytes of value. */
void fdt_prop(struct fdt_writer *w, const char *name, const void *value, size_t len);

/* Typed values, big-endian as the format requires. */
void fdt_prop_empty(struct fdt_writer *w, const char *name);
void fdt_prop_u32(struct fdt_writer *w, const char *name, uint32_t v);
void fdt_prop_u64(struct fdt_writer *w, const char *name, uint64_t v);
void fdt_prop_string(struct fdt_writer *w, const char *name, const char *s);
/* n cells of 32 bits each. */
void fdt_prop_cells(struct fdt_writer *w, const char *name, const uint32_t *cells, size_t n);
/*
 * A string list given as one buffer of NUL-terminated strings, len bytes
 * in all (e.g. "arm,pl011\0arm,primecell", sizeof of the literal).
 */
void fdt_prop_strings(struct fdt_writer *w, const char *name, const char *list, size_t len);

/*
 * Closes the tree (every node must be closed), appends the strings and
 * fills the header. Returns the DTB's total size, or 0 after any error.
 */
size_t fdt_finish(struct fdt_writer *w);
