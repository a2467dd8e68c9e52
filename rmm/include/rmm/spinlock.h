/* Spinlocks on C11-style atomic builtins: the same code runs at R-EL2 and in host threads. */
#pragma once

#include <stdint.h>

typedef struct {
	uint8_t locked;
} spinlock_t;

static inline void spinlock_acquire_byte(uint8_t *lock)
{
	while (__atomic_exchange_n(lock, 1U, __ATOMIC_ACQUIRE) != 0U) {
		while (__atomic_load_n(lock, __ATOMIC_RELAXED) != 0U) {
		}
	}
}

static inline void spinlock_release_byte(uint8_t *lock)
{
	__atomic_store_n(lock, 0U, __ATOMIC_RELEASE);
}

static inline void spinlock_acquire(spinlock_t *l)
{
	spinlock_acquire_byte(&l->locked);
}

static inline void spinlock_release(spinlock_t *l)
{
	spinlock_release_byte(&l->locked);
}
