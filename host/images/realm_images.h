/* Realm payloads embedded in this host image (host/images/realm_images.S). */
#pragma once

#include "builder/realm_vm.h"

extern const char realm_image_hello[], realm_image_hello_end[];
extern const char realm_image_rsi_tests[], realm_image_rsi_tests_end[];
extern const char realm_image_sve[], realm_image_sve_end[];
extern const char realm_image_pmu[], realm_image_pmu_end[];
extern const char realm_image_pmu_probe[], realm_image_pmu_probe_end[];
extern const char realm_image_timer[], realm_image_timer_end[];

#define REALM_IMAGE(name) \
	((struct realm_image_blob){ realm_image_##name, realm_image_##name##_end })
