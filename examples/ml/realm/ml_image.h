/* The ml_infer realm payload in the system-test host image (ml_image.S). */
#pragma once

extern const char realm_image_ml_infer[], realm_image_ml_infer_end[];
