/*
 * The realm payloads (mk/realm.mk) embedded in every host image that runs
 * realms; host/realm_images.h declares them.
 */
#include "realm_image.S.h"

	realm_image hello
	realm_image rsi_tests
	realm_image sve
	realm_image pmu
	realm_image pmu_probe
	realm_image timer
