/* Loading and creating the state file (see statefile.h). */
#include "statefile.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <limits.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mbedtls/platform_util.h>

#include "io.h"
#include "random.h"

#define KEEP_HINT	" (the file is left as it is; deleting it makes a new device identity)"

/* The caller's buffer for the one message a failed load leaves. */
struct why {
	char *buf;
	size_t cap;
};

__attribute__((format(printf, 2, 3))) static int fail(const struct why *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(w->buf, w->cap, fmt, ap);
	va_end(ap);
	return -1;
}

static const struct {
	uint32_t lifecycle;
	const char *name;
} lifecycles[] = {
	{ HES_LCS_ASSEMBLY_AND_TEST, "assembly-and-test" },
	{ HES_LCS_PROVISIONING, "provisioning" },
	{ HES_LCS_SECURED, "secured" },
	{ HES_LCS_NON_CCA_DEBUG, "non-cca-debug" },
	{ HES_LCS_RECOVERABLE_DEBUG, "recoverable-debug" },
	{ HES_LCS_DECOMMISSIONED, "decommissioned" },
};

const char *hesd_lifecycle_name(uint32_t lifecycle)
{
	for (size_t i = 0; i < sizeof(lifecycles) / sizeof(lifecycles[0]); i++)
		if (lifecycles[i].lifecycle == (lifecycle & 0xF000U))
			return lifecycles[i].name;
	return "unknown";
}

int hesd_lifecycle_parse(const char *text, uint32_t *lifecycle)
{
	char *end;
	unsigned long v;

	for (size_t i = 0; i < sizeof(lifecycles) / sizeof(lifecycles[0]); i++) {
		if (strcasecmp(text, lifecycles[i].name) == 0) {
			*lifecycle = lifecycles[i].lifecycle;
			return 0;
		}
	}
	errno = 0;
	v = strtoul(text, &end, 0);
	if (errno != 0 || end == text || *end != '\0' || v > 0xFFFFUL ||
	    !hes_lifecycle_valid((uint32_t)v))
		return -1;
	*lifecycle = (uint32_t)v;
	return 0;
}

/* fsync of the directory holding path, so the new name is durable. */
static int sync_dir(const char *path)
{
	char *copy = strdup(path);
	int fd, err = -1;

	if (copy == NULL)
		return -1;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		err = fsync(fd);
		close(fd);
	}
	free(copy);
	return err;
}

/* Writes blob to a fresh temporary file and links it to path (never replacing it). */
static int create_file(const struct why *w, const char *path, const uint8_t *blob, size_t len)
{
	char tmp[PATH_MAX];
	const char *step = NULL;
	int fd, saved;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", path, (long)getpid()) >= (int)sizeof(tmp))
		return fail(w, "%s: path too long for a state file", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return fail(w, "%s: cannot create the state file (open %s: %m)", path, tmp);
	if (hesd_write_all(fd, blob, len) != 0 || fsync(fd) != 0)
		step = "write";
	if (close(fd) != 0 && step == NULL)
		step = "close";
	if (step == NULL && link(tmp, path) != 0)
		step = "link";	/* EEXIST: it appeared meanwhile, and stays as it is */
	saved = errno;
	unlink(tmp);
	if (step == NULL && sync_dir(path) != 0) {
		step = "fsync the directory of";
		saved = errno;
	}
	if (step != NULL)
		return fail(w, "%s: cannot create the state file (%s %s: %s)", path, step,
			tmp, strerror(saved));
	return 0;
}

static int create_state(const struct why *w, const char *path, uint32_t lifecycle,
			struct hes_roots *roots)
{
	uint8_t blob[HES_STATE_SIZE];
	enum hes_state_status st = hes_roots_generate(roots, lifecycle, hesd_random, NULL);
	int err;

	if (st != HES_STATE_OK)
		return fail(w, "%s: cannot create the state file: %s", path,
			hes_state_strerror(st));
	err = hes_state_serialise(roots, blob, sizeof(blob)) != HES_STATE_SIZE ||
	      create_file(w, path, blob, sizeof(blob)) != 0;
	mbedtls_platform_zeroize(blob, sizeof(blob));
	if (err)
		mbedtls_platform_zeroize(roots, sizeof(*roots));
	return err ? -1 : 0;
}

/* The file's kind and mode, before a byte of it is trusted; its size in *size. */
static int check_file(const struct why *w, const char *path, int fd, off_t *size)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return fail(w, "%s: cannot stat the state file: %m", path);
	if (!S_ISREG(st.st_mode))
		return fail(w, "%s: state file is not a regular file" KEEP_HINT, path);
	if ((st.st_mode & 0077) != 0)
		return fail(w, "%s: state file has mode %04o: group or others may read or "
			"write it, so its keys may have leaked (chmod 600 it only if you trust it)"
			KEEP_HINT, path,
			(unsigned int)(st.st_mode & 07777));
	*size = st.st_size;
	return 0;
}

/* Reads up to cap bytes (one more than a blob, to see a long file); the count or -1. */
static ssize_t read_file(const struct why *w, const char *path, int fd, uint8_t *buf,
			 size_t cap)
{
	size_t have = 0;

	while (have < cap) {
		ssize_t n = read(fd, buf + have, cap - have);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return fail(w, "%s: cannot read the state file: %m", path);
		if (n == 0)
			break;
		have += (size_t)n;
	}
	return (ssize_t)have;
}

static int load_state(const struct why *w, const char *path, int fd, struct hes_roots *roots)
{
	uint8_t blob[HES_STATE_SIZE + 1U];
	off_t size = 0;
	ssize_t len = check_file(w, path, fd, &size) == 0 ?
		      read_file(w, path, fd, blob, sizeof(blob)) : -1;
	enum hes_state_status st = len < 0 ? HES_STATE_OK : hes_state_parse(roots, blob, (size_t)len);

	mbedtls_platform_zeroize(blob, sizeof(blob));
	if (len < 0)
		return -1;
	if (st != HES_STATE_OK)
		return fail(w, "%s: %s (%lld bytes)" KEEP_HINT, path,
			hes_state_strerror(st), (long long)size);
	return 0;
}

int hesd_state_load(const char *path, uint32_t lifecycle, bool want_lifecycle,
		    struct hes_roots *roots, bool *created, char *why, size_t why_cap)
{
	const struct why w_storage = { why, why_cap }, *w = &w_storage;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);	/* a FIFO must not block */
	int err;

	*created = fd < 0 && errno == ENOENT;
	if (*created)
		return create_state(w, path, lifecycle, roots);
	if (fd < 0)
		return fail(w, "%s: cannot open the state file: %m", path);
	err = load_state(w, path, fd, roots);
	close(fd);
	if (err == 0 && want_lifecycle && roots->lifecycle != lifecycle) {
		fail(w, "%s: state file holds lifecycle %s (0x%04x), not the requested %s "
			"(0x%04x): --lifecycle only chooses the state of a new device" KEEP_HINT,
			path, hesd_lifecycle_name(roots->lifecycle), roots->lifecycle,
			hesd_lifecycle_name(lifecycle), lifecycle);
		mbedtls_platform_zeroize(roots, sizeof(*roots));
		return -1;
	}
	return err;
}
