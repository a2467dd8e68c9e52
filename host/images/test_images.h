/* Realm payloads in the system-test host image only (test_images.S). */
#pragma once

extern const char realm_image_sdk_realm[], realm_image_sdk_realm_end[];
