/* Platform hooks the mbedTLS configuration asks us for. */
#include <string.h>

#include <mbedtls/platform_util.h>

/* MBEDTLS_PLATFORM_ZEROIZE_ALT: wipe buf in a way the compiler cannot drop. */
void mbedtls_platform_zeroize(void *buf, size_t len)
{
	memset(buf, 0, len);
	/* The empty asm "reads" the memory, so the stores above stay. */
	__asm__ volatile("" : : "r"(buf) : "memory");
}
