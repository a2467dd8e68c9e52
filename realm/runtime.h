/* Between the runtime's own files; payloads use realm.h. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* RSI_REALM_CONFIG and the console's address; false if the RMM refused. */
bool realm_console_init(void);
