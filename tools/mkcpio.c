/*
 * mkcpio LIST OUT: writes the cpio archive (newc format, the one Linux
 * unpacks as an initramfs) that the list file describes, with no root
 * privileges: owners, device nodes and modes come from the list, not from
 * the file system. Every entry is owned by 0:0 with mtime 0, so the same
 * list and files give the same bytes (the initramfs is part of a realm's
 * measurement).
 *
 * List lines (# starts a comment, fields split by blanks):
 *   dir   PATH MODE
 *   file  PATH MODE SOURCE
 *   slink PATH TARGET
 *   nod   PATH MODE c|b MAJOR MINOR
 * PATH is absolute in the archive; MODE is octal permission bits. On any
 * error OUT is left as it was.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_FIELDS	7
#define NEWC_ALIGN	4U

struct entry {
	const char *path;	/* without the leading '/' */
	uint32_t mode;		/* file type and permissions */
	uint32_t rdev_major, rdev_minor;
	const char *data;	/* file contents or link target */
	size_t size;
};

static const char *list_name;
static char *tmp_name;		/* the archive until it is complete */
static unsigned int line_no;
static uint32_t next_ino = 1;

static _Noreturn void die(const char *fmt, ...)
{
	va_list ap;

	if (line_no != 0U)
		fprintf(stderr, "mkcpio: %s:%u: ", list_name, line_no);
	else
		fprintf(stderr, "mkcpio: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (tmp_name != NULL)
		remove(tmp_name);
	exit(1);
}

static void put_padding(FILE *out, size_t written)
{
	static const char zeros[NEWC_ALIGN];

	fwrite(zeros, 1, (NEWC_ALIGN - written % NEWC_ALIGN) % NEWC_ALIGN, out);
}

/* One newc header (magic 070701, 13 fields of 8 hex digits), the name and the data. */
static void put_entry(FILE *out, const struct entry *e)
{
	size_t name_size = strlen(e->path) + 1U;
	char header[6 + 13 * 8 + 1];

	snprintf(header, sizeof(header),
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 e->mode == 0U ? 0U : next_ino++, e->mode, 0U, 0U, 1U, 0U, (uint32_t)e->size, 0U,
		 0U, e->rdev_major, e->rdev_minor, (uint32_t)name_size, 0U);
	fwrite(header, 1, sizeof(header) - 1U, out);
	fwrite(e->path, 1, name_size, out);
	put_padding(out, sizeof(header) - 1U + name_size);
	fwrite(e->data, 1, e->size, out);
	put_padding(out, e->size);
}

static uint32_t parse_mode(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 8);

	if (*s == '\0' || *end != '\0' || v > 07777U)
		die("bad mode '%s' (octal permission bits expected)", s);
	return (uint32_t)v;
}

static uint32_t parse_number(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v > 0xFFFFFFFFUL)
		die("bad number '%s'", s);
	return (uint32_t)v;
}

static char *read_file(const char *name, size_t *size)
{
	FILE *f = fopen(name, "rb");
	char *buf = NULL;
	size_t cap = 0, len = 0, n;

	if (f == NULL)
		die("cannot open %s: %s", name, strerror(errno));
	do {
		if (len == cap) {
			cap = cap == 0U ? 65536U : cap * 2U;
			buf = realloc(buf, cap);
			if (buf == NULL)
				die("out of memory reading %s", name);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n != 0U);
	if (ferror(f))
		die("cannot read %s", name);
	fclose(f);
	if (len > 0xFFFFFFFFUL)
		die("%s is larger than newc allows (4 GiB)", name);
	*size = len;
	return buf;
}

static void expect_fields(unsigned int n, unsigned int want, const char *kind)
{
	if (n != want)
		die("'%s' takes %u fields, got %u", kind, want - 1U, n - 1U);
}

/* Turns one list line (already split) into an entry; file contents are read here. */
static struct entry parse_entry(char **f, unsigned int n)
{
	struct entry e = { 0 };

	if (f[1] == NULL || f[1][0] != '/' || f[1][1] == '\0')
		die("the path must be absolute and not /");
	e.path = f[1] + 1;
	if (strcmp(f[0], "dir") == 0) {
		expect_fields(n, 3, f[0]);
		e.mode = S_IFDIR | parse_mode(f[2]);
	} else if (strcmp(f[0], "file") == 0) {
		expect_fields(n, 4, f[0]);
		e.mode = S_IFREG | parse_mode(f[2]);
		e.data = read_file(f[3], &e.size);
	} else if (strcmp(f[0], "slink") == 0) {
		expect_fields(n, 3, f[0]);
		e.mode = S_IFLNK | 0777U;
		e.data = f[2];
		e.size = strlen(f[2]);
	} else if (strcmp(f[0], "nod") == 0) {
		expect_fields(n, 6, f[0]);
		if (strcmp(f[3], "c") != 0 && strcmp(f[3], "b") != 0)
			die("device type must be c or b, not '%s'", f[3]);
		e.mode = (f[3][0] == 'c' ? S_IFCHR : S_IFBLK) | parse_mode(f[2]);
		e.rdev_major = parse_number(f[4]);
		e.rdev_minor = parse_number(f[5]);
	} else {
		die("unknown entry type '%s' (dir, file, slink or nod)", f[0]);
	}
	return e;
}

int main(int argc, char **argv)
{
	static const struct entry trailer = { .path = "TRAILER!!!" };
	FILE *list, *out;
	char *line = NULL;
	size_t cap = 0;

	if (argc != 3)
		die("usage: mkcpio LIST OUT");
	list_name = argv[1];
	list = fopen(argv[1], "r");
	if (list == NULL)
		die("cannot open %s: %s", argv[1], strerror(errno));
	if (asprintf(&tmp_name, "%s.tmp", argv[2]) < 0)
		die("out of memory");
	out = fopen(tmp_name, "wb");
	if (out == NULL)
		die("cannot create %s: %s", tmp_name, strerror(errno));
	while (getline(&line, &cap, list) != -1) {
		char *fields[MAX_FIELDS + 1] = { 0 }, *save = NULL, *tok;
		unsigned int n = 0;

		line_no++;
		line[strcspn(line, "#\n")] = '\0';
		for (tok = strtok_r(line, " \t", &save); tok != NULL; tok = strtok_r(NULL, " \t", &save)) {
			if (n == MAX_FIELDS)
				die("too many fields");
			fields[n++] = strdup(tok);
		}
		if (n != 0U)
			put_entry(out, (const struct entry[]){ parse_entry(fields, n) });
	}
	line_no = 0;
	put_entry(out, &trailer);
	if (fclose(out) != 0)
		die("cannot write %s: %s", tmp_name, strerror(errno));
	if (rename(tmp_name, argv[2]) != 0)
		die("cannot rename %s to %s: %s", tmp_name, argv[2], strerror(errno));
	fclose(list);
	free(line);
	return 0;
}
