/* Realm payloads only the system-test host image embeds (test_images.h). */
#include "realm_image.S.h"

	realm_image sdk_realm
