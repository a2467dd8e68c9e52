/* Reading a token block from a console log (console_token.h). */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L	/* getline() */
#endif
#include "verify/hosted/console_token.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify/hosted/hex.h"

/* The line's first word (up to a blank), e.g. "linux:" or "HOST:". */
static void first_word(const char *line, char *out, size_t cap)
{
	size_t n = strcspn(line, " \t\r\n");

	if (n >= cap)
		n = cap - 1U;
	memcpy(out, line, n);
	out[n] = '\0';
}

/*
 * Whether a prefixed line inside a block comes from what printed the
 * block's BEGIN line: the same first word ("linux:" for a guest's
 * atoll-attest), so the launcher's own status lines ("HOST: ...") that land
 * between a guest's lines are not taken for the token.
 */
static bool same_source(const char *line, const char *source)
{
	char word[32];

	first_word(line, word, sizeof(word));
	return strcmp(word, source) == 0;
}

/* N of "-----BEGIN CCA TOKEN----- (N bytes)" (marker points at the marker), or -1. */
static long stated_size(const char *marker)
{
	const char *p = marker + strlen(CONSOLE_TOKEN_BEGIN);
	char *end;
	long n;

	while (*p == ' ')
		p++;
	if (*p != '(')
		return -1;
	n = strtol(p + 1, &end, 10);
	return end != p + 1 && strncmp(end, " bytes)", 7) == 0 && n >= 0 ? n : -1;
}

enum console_token_result console_token_read(const char *path, uint8_t *buf, size_t cap,
					     size_t *len, char *why, size_t why_cap)
{
	/* A block is decoded aside and copied out when it ends: a later, unfinished one must not
	 * overwrite the last complete one. */
	uint8_t *block = malloc(cap != 0U ? cap : 1U);
	FILE *f = block != NULL ? fopen(path, "r") : NULL;
	char *line = NULL, source[32] = "";
	size_t line_cap = 0, filled = 0, lineno = 0, begin_line = 0;
	long stated = -1;	/* the size the BEGIN line gives, if it does */
	bool inside = false, found = false;
	enum console_token_result rc = CONSOLE_TOKEN_NONE;

	if (f == NULL) {
		snprintf(why, why_cap, "%s: %s", path, strerror(errno));
		free(block);
		return CONSOLE_TOKEN_IO;
	}
	why[0] = '\0';
	while (getline(&line, &line_cap, f) >= 0) {
		size_t n = strcspn(line, "\r\n"), word;
		long got;

		lineno++;
		if (strstr(line, CONSOLE_TOKEN_BEGIN) != NULL) {
			inside = true;
			filled = 0;
			first_word(line, source, sizeof(source));
			stated = stated_size(strstr(line, CONSOLE_TOKEN_BEGIN));
			begin_line = lineno;
			continue;
		}
		if (!inside)
			continue;
		if (strstr(line, CONSOLE_TOKEN_END) != NULL) {
			inside = false;
			if (stated >= 0 && (size_t)stated != filled) {
				snprintf(why, why_cap, "%s: line %zu: the block holds %zu bytes, its "
					 "BEGIN line says %ld", path, begin_line, filled, stated);
				rc = CONSOLE_TOKEN_NOT_HEX;
				found = false;
				break;
			}
			found = true;
			memcpy(buf, block, filled);
			*len = filled;
			continue;
		}
		/* The hex is the line's last word: a Linux guest's lines come prefixed
		 * ("linux: [N ms] "). */
		while (n > 0U && (line[n - 1U] == ' ' || line[n - 1U] == '\t'))
			n--;
		word = n;
		while (word > 0U && line[word - 1U] != ' ' && line[word - 1U] != '\t')
			word--;
		if (word > 0U && !same_source(line, source))
			continue;	/* another source's line, printed in the middle of the block */
		got = hex_decode(line + word, n - word, block + filled, cap - filled);
		if (got < 0) {
			bool too_large = filled + (n - word) / 2U > cap;

			snprintf(why, why_cap, "%s: line %zu inside the token block %s", path, lineno,
				 too_large ? "takes the token past its largest size" : "is not hex");
			rc = too_large ? CONSOLE_TOKEN_TOO_LARGE : CONSOLE_TOKEN_NOT_HEX;
			found = false;
			break;
		}
		filled += (size_t)got;
	}
	if (ferror(f)) {
		snprintf(why, why_cap, "%s: %s", path, strerror(errno));
		rc = CONSOLE_TOKEN_IO;
	} else if (found && *len > 0U) {
		rc = CONSOLE_TOKEN_OK;
	} else if (rc == CONSOLE_TOKEN_NONE) {
		snprintf(why, why_cap, "%s: no complete CCA token block", path);
	}
	free(line);
	free(block);
	fclose(f);
	return rc;
}
