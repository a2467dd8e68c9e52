/* Single-precision exp, tanh and the logistic function, for freestanding builds (no libm). */
#pragma once

float ml_expf(float x);
float ml_tanhf(float x);
float ml_sigmoidf(float x);
