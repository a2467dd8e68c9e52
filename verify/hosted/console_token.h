/*
 * The CCA token a realm host printed on its console: hex lines between
 * "-----BEGIN CCA TOKEN-----" and "-----END CCA TOKEN-----" (the launcher's
 * token dump, or atoll-attest -x in a Linux guest, whose lines the launcher
 * prefixes: the hex is each line's last word, and a prefixed line with
 * another first word than the BEGIN line's is another source's, interleaved,
 * and skipped). One reader for every tool that takes a console log.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define CONSOLE_TOKEN_BEGIN	"-----BEGIN CCA TOKEN-----"
#define CONSOLE_TOKEN_END	"-----END CCA TOKEN-----"

enum console_token_result {
	CONSOLE_TOKEN_OK,
	CONSOLE_TOKEN_IO,		/* the log cannot be read */
	CONSOLE_TOKEN_NONE,		/* no complete token block */
	CONSOLE_TOKEN_NOT_HEX,		/* a line of the block is not hex, or the block does not
					 * hold the "(N bytes)" its BEGIN line gives */
	CONSOLE_TOKEN_TOO_LARGE,	/* the token needs more than cap bytes */
};

/*
 * The last complete token block of the log at path into buf (cap bytes):
 * CONSOLE_TOKEN_OK with *len set, or the problem with why, a message
 * naming the file (and the line).
 */
enum console_token_result console_token_read(const char *path, uint8_t *buf, size_t cap, size_t *len, char *why,
		       size_t why_cap);
