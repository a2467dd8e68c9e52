/*
 * libatoll's internals: the context, the backends' interface, failure
 * details and the library lock.
 */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <atoll/atoll.h>

#define ATOLL_API	__attribute__((visibility("default")))
#define ATOLL_DETAIL_MAX	768U
#define ATOLL_SEALING_KEY_SIZE	32U

struct atoll_ctx;

/* What a backend does; a NULL operation is ATOLL_E_UNSUPPORTED. */
struct atoll_backend_ops {
	const char *name;
	atoll_status (*open)(struct atoll_ctx *ctx, const struct atoll_options *opt);
	void (*close)(struct atoll_ctx *ctx);
	atoll_status (*attest)(struct atoll_ctx *ctx, const uint8_t challenge[ATOLL_CHALLENGE_SIZE],
			       uint8_t *buf, size_t cap, size_t *len);
	/* The realm sealing key of docs/sealing.md for these inputs. */
	atoll_status (*sealing_key)(struct atoll_ctx *ctx, atoll_key_policy policy, bool rim_bound,
				    uint64_t svn, uint8_t key[ATOLL_SEALING_KEY_SIZE]);
	/* RSI_MEASUREMENT_EXTEND of REM index (1..4). */
	atoll_status (*extend_rem)(struct atoll_ctx *ctx, unsigned int index, const uint8_t *data,
				   size_t len);
	atoll_status (*write_refs)(struct atoll_ctx *ctx, const char *path);
};

extern const struct atoll_backend_ops atoll_backend_sim;
extern const struct atoll_backend_ops atoll_backend_tsm;
extern const struct atoll_backend_ops atoll_backend_rsi;
extern const struct atoll_backend_ops atoll_backend_none;

struct atoll_ctx {
	const struct atoll_backend_ops *ops;
	void *backend;			/* the backend's own state */
	char detail[ATOLL_DETAIL_MAX];
};

/* Records status's detail in ctx (printf-style); returns status. */
atoll_status atoll_fail(struct atoll_ctx *ctx, atoll_status status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
atoll_status atoll_vfail(struct atoll_ctx *ctx, atoll_status status, const char *fmt, va_list ap);

/*
 * What differs between the platforms the library is built for: x86
 * processes (platform_posix.c) and bare-metal realm payloads
 * (realm/platform_realm.c, libatoll-realm.a).
 *
 * The library lock: verify/'s mbedTLS arenas and the allocator's current
 * arena are process-wide, and so is the simulated machine.
 */
void atoll_lock(void);
void atoll_unlock(void);

/* The backends atoll_open() knows on this platform, in its order. */
extern const struct atoll_backend_ops *const atoll_backends[];
extern const size_t atoll_backend_count;

/* The calling thread's atoll_open_error() text (ATOLL_DETAIL_MAX bytes). */
char *atoll_open_error_buf(void);

/* Fills buf with len secret random bytes; false if the platform gave none. */
bool atoll_random(uint8_t *buf, size_t len);

/* Lower-case hex of len bytes into out (2 * len + 1 bytes). */
void atoll_hex(char *out, const uint8_t *p, size_t len);
