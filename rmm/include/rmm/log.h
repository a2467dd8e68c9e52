/* RMM console logging: serialised across CPUs, never used for secrets. */
#pragma once

__attribute__((format(printf, 1, 2))) void rmm_log(const char *fmt, ...);
