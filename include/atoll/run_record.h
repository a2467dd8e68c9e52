/*
 * `atoll run IMAGE` (docs/cli.md): the CLI has QEMU's loader put the realm
 * image and this record into NS memory; the run launcher
 * (host/main/run_image.c) reads the record, loads the image into a realm
 * with these parameters and runs it. All fields little-endian.
 */
#pragma once

#include <stdint.h>

#define ATOLL_RUN_RECORD_PA	0xF0000000ULL
#define ATOLL_RUN_IMAGE_PA	0xC0000000ULL	/* above the launcher's granule pool */
#define ATOLL_RUN_IMAGE_MAX	(ATOLL_RUN_RECORD_PA - ATOLL_RUN_IMAGE_PA)
#define ATOLL_RUN_MAGIC		"ATOLLRUN"
#define ATOLL_RUN_VERSION	1U

struct atoll_run_record {
	char magic[8];		/* ATOLL_RUN_MAGIC, no NUL */
	uint32_t version;	/* ATOLL_RUN_VERSION */
	uint32_t num_recs;
	uint64_t image_pa;
	uint64_t image_size;
	uint32_t s2sz;
	uint32_t hash_algo;	/* RMI_HASH_SHA_256 or RMI_HASH_SHA_512 */
	uint32_t num_bps;
	uint32_t num_wps;
};
