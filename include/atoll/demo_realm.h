/*
 * The hello realm that `make run` launches (host/main/demo.c), as the demo
 * creates it and as the reference values expect it (tools/attest/refs.c
 * computes its RIM from the image file and these parameters with
 * verify/expected_rim.c). Every measured parameter is fixed here rather
 * than taken from the platform's RMI_FEATURES, so the RIM is known before
 * the boot.
 */
#pragma once

#include <atoll/rmi.h>

#define DEMO_REALM_NAME		"hello"
#define DEMO_REALM_S2SZ		40U
#define DEMO_REALM_LEVEL_START	1
#define DEMO_REALM_RECS		1U
#define DEMO_REALM_HASH		RMI_HASH_SHA_256
#define DEMO_REALM_BPS		2U	/* breakpoints and watchpoints: any Armv8 CPU has 2 */
#define DEMO_REALM_WPS		2U
