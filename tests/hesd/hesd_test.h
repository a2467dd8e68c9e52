/*
 * Tests of atoll-hesd as a process (cmocka): each test gets a fresh
 * temporary directory for the state file, socket, log and pidfile, starts
 * the daemon there, and talks to it with frames built from hes/ headers
 * (tests/hes/frames.h).
 */
#pragma once

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <cmocka.h>

#include "frames.h"
#include "hes_test.h"	/* struct hes_group, HES_GROUP */

/* Setup/teardown: a fresh directory (and any daemon left running is killed). */
int hesd_test_setup(void **state);
int hesd_test_teardown(void **state);

/* DIR/name, the same pointer for the whole test. */
const char *test_path(const char *name);

/* argv of a daemon run: the binary, then args (NULL-terminated). */
struct daemon {
	pid_t pid;
	int out_fd;		/* its stdout */
	char endpoint[200];	/* from its "ready ENDPOINT" line */
};

/*
 * Starts the daemon with --state DIR/state --log DIR/log --idle-ms 50
 * --listen unix:DIR/sock, unless args name their own --listen/--connect,
 * and waits for its ready line (with --connect, for it to connect, so
 * wait_ready is false). 0, or -1 if it exited first.
 */
int daemon_start(struct daemon *d, const char *const *args, bool wait_ready);

/* Waits for the ready line; 0, or -1 if the daemon exited (or timed out) first. */
int daemon_wait_ready(struct daemon *d);

/* SIGTERM and wait: the exit status, or -1 if it did not exit in time (then killed). */
int daemon_stop(struct daemon *d);

/* Runs the daemon to completion: its exit status (-1 on timeout); stdout, stderr to DIR/out, DIR/err. */
int daemon_run(const char *const *args);

/* The whole of a file in a static buffer (NUL-terminated); its length, or -1. */
ssize_t read_whole(const char *path, char **text);

/* A connected Unix socket to path. */
int connect_unix(const char *path);

/* Sends a request and reads one reply into r (data in a static buffer); the reply's length. */
size_t exchange(int fd, const uint8_t *req, size_t len, struct frame_reply *r);

/* Reads one reply, waiting at most timeout_ms; its length, 0 on EOF or timeout. */
size_t read_reply(int fd, uint8_t *buf, size_t cap, int timeout_ms);

/* Status of: EXTEND slot index (fill), READ slot index, over fd. */
int32_t call_extend(int fd, uint8_t seq, uint8_t index, uint8_t fill);
int32_t call_read(int fd, uint8_t seq, uint8_t index, struct frame_reply *r);

/* GET_DELEGATED_KEY's 48-byte scalar into key; its status. */
int32_t call_delegated_key(int fd, uint8_t seq, uint8_t key[48]);

/* The CPAK public key (hex) that --show-cpak prints for DIR/state. */
void show_cpak(char hex[2 * 97 + 1]);

extern const char *hesd_bin;
