/* File readers' error lines (path_error.h). */
#include "verify/hosted/path_error.h"

#include <stdio.h>

void path_verror(char *err, size_t err_len, const char *path, const char *fmt, va_list ap)
{
	int n = snprintf(err, err_len, "%s: ", path);

	if (n >= 0 && (size_t)n < err_len)
		(void)vsnprintf(err + n, err_len - (size_t)n, fmt, ap);
}
