/* The device tree of a Linux realm guest (linux_vm.h), written with lib/fdt.h. */
#pragma once

#include <stddef.h>

#include "linux/linux_image.h"
#include "linux/linux_vm.h"

/*
 * Writes the DTB for d into buf: /chosen (bootargs, stdout-path, initrd),
 * /memory, /cpus with MPIDRs matching the RECs, /psci (method smc, which is
 * what makes Linux probe RSI), the architected timer, the GICv3, the APB
 * clock and the PL011. No random seeds: the DTB is part of the RIM. Returns
 * its size, or 0 if it does not fit or d is out of range.
 */
size_t linux_dt_write(const struct linux_vm_desc *d, void *buf, size_t size);

/*
 * The guest's DTB as the launcher loads it, for a planned layout: buf
 * cleared (the DTB's last page is measured whole), then linux_dt_write()
 * with the layout's RAM and initrd. The launcher and the RIM prediction
 * (linux_rim.h) both call this, so they measure the same bytes.
 */
size_t linux_dt_write_for(const struct linux_layout *l, unsigned int num_cpus,
			  const char *bootargs, void *buf, size_t size);
