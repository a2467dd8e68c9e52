/* The request and event log (see log.h). */
#include "log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <hes/protocol.h>

static FILE *log_file;

int hesd_log_open(const char *path)
{
	if (path == NULL)
		return 0;
	if (strcmp(path, "-") == 0) {
		log_file = stderr;
		return 0;
	}
	log_file = fopen(path, "ae");
	if (log_file == NULL) {
		fprintf(stderr, "atoll-hesd: cannot open log %s: %m\n", path);
		return -1;
	}
	return 0;
}

void hesd_log_close(void)
{
	if (log_file != NULL && log_file != stderr)
		fclose(log_file);
	log_file = NULL;
}

/* "2026-12-07T02:43:23.123Z " */
static void timestamp(void)
{
	struct timespec ts;
	struct tm tm;
	char buf[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(log_file, "%s.%03ldZ ", buf, ts.tv_nsec / 1000000L);
}

void hesd_log_event(const char *fmt, ...)
{
	va_list ap;

	if (log_file == NULL)
		return;
	timestamp();
	va_start(ap, fmt);
	vfprintf(log_file, fmt, ap);
	va_end(ap);
	fputc('\n', log_file);
	fflush(log_file);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned int le16(const uint8_t *p)
{
	return (unsigned int)(p[0] | p[1] << 8);
}

static const char *status_name(int32_t status)
{
	static const struct { int32_t status; const char *name; } names[] = {
		{ PSA_SUCCESS, "SUCCESS" },
		{ PSA_ERROR_PROGRAMMER_ERROR, "PROGRAMMER_ERROR" },
		{ PSA_ERROR_GENERIC_ERROR, "GENERIC_ERROR" },
		{ PSA_ERROR_NOT_PERMITTED, "NOT_PERMITTED" },
		{ PSA_ERROR_NOT_SUPPORTED, "NOT_SUPPORTED" },
		{ PSA_ERROR_INVALID_ARGUMENT, "INVALID_ARGUMENT" },
		{ PSA_ERROR_INVALID_HANDLE, "INVALID_HANDLE" },
		{ PSA_ERROR_BAD_STATE, "BAD_STATE" },
		{ PSA_ERROR_BUFFER_TOO_SMALL, "BUFFER_TOO_SMALL" },
		{ PSA_ERROR_DOES_NOT_EXIST, "DOES_NOT_EXIST" },
		{ PSA_ERROR_INSUFFICIENT_MEMORY, "INSUFFICIENT_MEMORY" },
		{ PSA_ERROR_SERVICE_FAILURE, "SERVICE_FAILURE" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].status == status)
			return names[i].name;
	return "?";
}

static const char *call_name(uint32_t handle, unsigned int type)
{
	static const struct { uint32_t handle; unsigned int type; const char *name; } calls[] = {
		{ HES_SID_MEASURED_BOOT, HES_TYPE_MB_READ, "MB_READ" },
		{ HES_SID_MEASURED_BOOT, HES_TYPE_MB_EXTEND, "MB_EXTEND" },
		{ HES_SID_DELEGATED_ATTEST, HES_TYPE_GET_DELEGATED_KEY, "GET_DELEGATED_KEY" },
		{ HES_SID_DELEGATED_ATTEST, HES_TYPE_GET_PLATFORM_TOKEN, "GET_PLATFORM_TOKEN" },
		{ HES_SID_DELEGATED_ATTEST, HES_TYPE_GET_DELEGATED_PUB_KEY, "GET_DELEGATED_PUB_KEY" },
		{ HES_SID_VHUK, HES_TYPE_GET_VHUK, "GET_VHUK" },
	};

	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (calls[i].handle == handle && calls[i].type == type)
			return calls[i].name;
	return "?";
}

/* " key=a,b,c" from count u16 sizes at p (none: " key=-"). */
static void sizes(const char *key, const uint8_t *p, size_t count)
{
	fprintf(log_file, " %s=", key);
	if (count == 0U)
		fputc('-', log_file);
	for (size_t i = 0; i < count; i++)
		fprintf(log_file, "%s%u", i != 0U ? "," : "", le16(p + 2U * i));
}

void hesd_log_request(unsigned int boot, const uint8_t *req, size_t req_len, const uint8_t *reply,
		      size_t reply_len)
{
	uint32_t handle = le32(req + 4), ctrl = le32(req + 8);
	size_t in_len = (ctrl >> 24) & 7U, out_len = (ctrl >> 16) & 7U;
	int32_t status = (int32_t)le32(reply + 4);
	bool embed = req[0] == HES_PROTO_EMBED && req_len >= HES_REQ_FIXED &&
		     reply_len >= HES_REPLY_FIXED;

	if (log_file == NULL)
		return;
	timestamp();
	fprintf(log_file, "boot=%u seq=%u handle=0x%08x type=%u call=%s", boot, req[1], handle,
		ctrl & 0xFFFFU, embed ? call_name(handle, ctrl & 0xFFFFU) : "pointer-access");
	if (embed) {
		size_t in_shown = in_len < HES_MAX_IOVEC ? in_len : HES_MAX_IOVEC;
		size_t out_shown = in_len + out_len <= HES_MAX_IOVEC ? out_len : 0U;

		sizes("in", req + 12, in_shown);
		sizes("cap", req + 12 + 2U * in_shown, out_shown);
		sizes("out", reply + 8, out_shown);
	}
	fprintf(log_file, " status=%d %s\n", status, status_name(status));
	fflush(log_file);
}
