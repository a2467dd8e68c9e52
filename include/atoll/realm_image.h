/*
 * Realm payload images and what a payload and its host agree on
 * (docs/realms.md): the image header, where the image and the console sit
 * in the realm's IPA space, and the host calls the payloads make.
 */
#pragma once

/*
 * A payload is a flat AArch64 binary linked and loaded at this IPA. No
 * suffix: the realm's linker script includes this header too.
 */
#define REALM_IMAGE_IPA			0x80000

#define REALM_IMAGE_MAGIC		0x4D4C524C4C4F5441ULL	/* "ATOLLRLM", little-endian */
#define REALM_IMAGE_VERSION		1
#define REALM_IMAGE_HEADER_SIZE		64

/*
 * The console: byte stores to 2^(s2sz-1) + REALM_CONSOLE_OFFSET (an
 * Unprotected IPA the host leaves unmapped) are emulated MMIO writes that
 * the host prints. Reads return 0.
 */
#define REALM_CONSOLE_OFFSET		0x1000

/*
 * Unprotected IPAs from 2^(s2sz-1) + REALM_SHARED_OFFSET on are where a
 * payload asks the host to map shared pages (REALM_HC_SHARE_PAGE).
 */
#define REALM_SHARED_OFFSET		0x10000

/*
 * RSI_HOST_CALL immediates (RsiHostCall.imm). Arguments and results are
 * RsiHostCall.gprs[]; the host leaves a gprs[i] it does not name unchanged.
 */
/* gprs[0] = tests passed, gprs[1] = tests failed: a test payload's result. */
#define REALM_HC_RESULT			1
/*
 * Returns gprs[i] = ~gprs[i] for every i, after the host has clobbered its
 * own general and FP/SIMD registers: register preservation tests.
 */
#define REALM_HC_ECHO			2
/* gprs[0] = REALM_RIPAS_* policy for the realm's next RIPAS change requests. */
#define REALM_HC_RIPAS_POLICY		3
/*
 * gprs[0] = an Unprotected IPA: the host maps a fresh NS page there, fills
 * it with REALM_SHARED_PATTERN(ipa) and returns gprs[0] = 0 (or 1 on failure).
 */
#define REALM_HC_SHARE_PAGE		4
/* gprs[0] = an IPA shared earlier: returns gprs[0] = the page's first 64-bit word. */
#define REALM_HC_READ_SHARED		5
/* gprs[0] = REALM_EXIT_COUNT_*: returns gprs[0] = how many such exits the host has seen. */
#define REALM_HC_EXIT_COUNT		6
/*
 * gprs[0] = IPA of a shared page holding an attestation token, gprs[1] =
 * its size: the host takes the token (to verify it and show its claims).
 */
#define REALM_HC_TOKEN			7
/* gprs[0..7]: values a test realm reports for its host to check (kept in the VM). */
#define REALM_HC_VALUES			8

/*
 * The byte channels of docs/demo-ml.md (include/atoll/byte_channel.h): gprs[0]
 * = channel (REALM_CHANNEL_*), gprs[1] = the Unprotected IPA of a page: the
 * host maps a zeroed NS page there as the channel's struct byte_channel_page
 * and relays it to its device for that channel. Returns gprs[0] = 0, or 1 (no
 * such channel or device, a bad IPA, already open).
 */
#define REALM_HC_CHANNEL_OPEN		9
/*
 * gprs[0] = channel, gprs[1] = a limit in milliseconds (0: none): the host
 * relays until it has moved bytes of the channel either way (some arrived
 * for the realm, or it took some the realm wrote). Returns gprs[0] =
 * REALM_CHANNEL_WAIT_*.
 */
#define REALM_HC_CHANNEL_WAIT		10
/*
 * gprs[0] = an Unprotected IPA, gprs[1] = bytes (a multiple of 4 KB, at most
 * REALM_STORE_MAX): the host maps its store there, NS pages it keeps for as
 * long as it runs, across realms (the ML server's sealed model). A store
 * never written reads as zeros. Returns gprs[0] = 0, or 1.
 */
#define REALM_HC_STORE_MAP		11

#define REALM_CHANNEL_MODEL		0	/* the model provider's connection */
#define REALM_CHANNEL_CHAT		1	/* the chat client's */
#define REALM_CHANNELS			2
#define REALM_CHANNEL_WAIT_MOVED	0
#define REALM_CHANNEL_WAIT_BROKEN	1	/* not open, or the ring or device broke */
#define REALM_CHANNEL_WAIT_TIMEOUT	2

/* Where payloads put them: 2^(s2sz-1) + offset (the Protected IPAs below are no RAM). */
#define REALM_CHANNEL_OFFSET		0x20000	/* channel i's page at + i * 4 KB */
#define REALM_STORE_OFFSET		0x40000000
#define REALM_STORE_MAX			(16U << 20)

#define REALM_SHARED_PATTERN(ipa)	(0x5A4EDULL << 40 | (ipa))

/* Host policies for RIPAS_CHANGE exits. */
#define REALM_RIPAS_ACCEPT		0	/* change the whole range, accept */
#define REALM_RIPAS_REJECT		1	/* change nothing, reject */
#define REALM_RIPAS_ONE_PAGE		2	/* change only the first page, accept */

/* What REALM_HC_EXIT_COUNT counts. */
#define REALM_EXIT_COUNT_WFI		0
#define REALM_EXIT_COUNT_WFE		1
#define REALM_EXIT_COUNT_MMIO_READ	2
#define REALM_EXIT_COUNT_MMIO_WRITE	3
#define REALM_EXIT_COUNT_SEA_INJECTED	4
#define REALM_EXIT_COUNT_S2_FAULT	5	/* protected page faulted in by the host */
#define REALM_EXIT_COUNT_PSCI		6
#define REALM_EXIT_COUNT_RIPAS		7
#define REALM_EXIT_COUNT_HOST_CALL	8
#define REALM_EXIT_COUNT_IRQ		9
#define REALM_EXIT_COUNT_GIC_SYSREG	10	/* ICC_SGI1R_EL1 and other trapped GIC writes */
#define REALM_EXIT_COUNT_SHARED_MAPPED	11	/* NS page mapped at an alias of shared RAM */
#define REALM_EXIT_COUNTS		12

#ifndef __ASSEMBLER__
#include <stdint.h>

/*
 * The 64-byte header at the start of every image. The magic reads
 * "ATOLLRLM" in memory (little-endian).
 */
struct realm_image_header {
	uint32_t branch;	/* 0x00: `b` to the entry code */
	uint32_t reserved0;	/* 0x04 */
	uint64_t magic;		/* 0x08: "ATOLLRLM" */
	uint32_t version;	/* 0x10: REALM_IMAGE_VERSION */
	uint32_t header_size;	/* 0x14: REALM_IMAGE_HEADER_SIZE */
	uint64_t image_size;	/* 0x18: bytes of the file, loaded as measured DATA */
	uint64_t memory_size;	/* 0x20: image + bss + stacks, a multiple of 4 KB */
	uint64_t entry_offset;	/* 0x28: from the image start */
	uint64_t reserved1[2];	/* 0x30 */
};

#define REALM_IMAGE_CHECK_OFFSET(field, off)                                            \
	_Static_assert(__builtin_offsetof(struct realm_image_header, field) == (off), \
		       "realm image header: " #field " at " #off " (docs/realms.md)")
REALM_IMAGE_CHECK_OFFSET(magic, 0x08);
REALM_IMAGE_CHECK_OFFSET(version, 0x10);
REALM_IMAGE_CHECK_OFFSET(header_size, 0x14);
REALM_IMAGE_CHECK_OFFSET(image_size, 0x18);
REALM_IMAGE_CHECK_OFFSET(memory_size, 0x20);
REALM_IMAGE_CHECK_OFFSET(entry_offset, 0x28);
REALM_IMAGE_CHECK_OFFSET(reserved1, 0x30);
_Static_assert(sizeof(struct realm_image_header) == REALM_IMAGE_HEADER_SIZE,
	       "realm image header is 64 bytes (docs/realms.md)");
#endif
