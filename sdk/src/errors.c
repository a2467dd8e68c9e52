/* The fixed message of each status. */
#include "internal.h"

static const char *const messages[ATOLL_STATUS_COUNT] = {
	[ATOLL_OK] = "ok",
	[ATOLL_E_INVALID_ARG] = "invalid argument",
	[ATOLL_E_NOMEM] = "out of memory",
	[ATOLL_E_BUFFER_TOO_SMALL] = "buffer too small",
	[ATOLL_E_IO] = "input/output error",
	[ATOLL_E_UNSUPPORTED] = "not supported by this backend",
	[ATOLL_E_BACKEND] = "backend failure",
	[ATOLL_E_STATE_FILE] = "simulator state file refused",
	[ATOLL_E_POLICY] = "policy refused",
	[ATOLL_E_IMAGE] = "realm image refused",
	[ATOLL_E_MALFORMED] = "malformed token",
	[ATOLL_E_BAD_RAK] = "bad realm attestation key",
	[ATOLL_E_REALM_SIGNATURE] = "bad realm token signature",
	[ATOLL_E_BINDING] = "binding failed",
	[ATOLL_E_PLATFORM_MALFORMED] = "malformed platform token",
	[ATOLL_E_UNKNOWN_CPAK] = "unknown CPAK",
	[ATOLL_E_PLATFORM_SIGNATURE] = "bad platform token signature",
	[ATOLL_E_INSTANCE_ID] = "instance id mismatch",
	[ATOLL_E_LIFECYCLE] = "lifecycle not allowed",
	[ATOLL_E_SW_COMPONENT] = "sw-component mismatch",
	[ATOLL_E_HASH_ALG] = "hash algorithm not allowed",
	[ATOLL_E_STALE_CHALLENGE] = "stale challenge",
	[ATOLL_E_RIM_NOT_ALLOWED] = "RIM not allowed",
	[ATOLL_E_REM_NOT_ALLOWED] = "REM not allowed",
	[ATOLL_E_BLOB_FORMAT] = "not a sealed blob",
	[ATOLL_E_BLOB_VERSION] = "sealed blob of another format version",
	[ATOLL_E_BLOB_AUTH] = "sealed blob authentication failed",
};

ATOLL_API const char *atoll_strerror(atoll_status status)
{
	if ((unsigned int)status >= ATOLL_STATUS_COUNT)
		return "unknown status";
	return messages[status];
}
