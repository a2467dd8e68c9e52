/* The one-line errors of the file readers (refs.json, policy files): "PATH: what". */
#pragma once

#include <stdarg.h>
#include <stddef.h>

/* "path: " and fmt's text into err (err_len bytes, always terminated). */
void path_verror(char *err, size_t err_len, const char *path, const char *fmt, va_list ap);
