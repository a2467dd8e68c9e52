/*
 * The ml_infer realm payload, embedded in the system-test host image only (so
 * that other host images, make run's included, need no trained model).
 */
#include "images/realm_image.S.h"

	realm_image ml_infer
