# `make bench`: what RMI calls cost, in instructions (tools/bench.sh).
# - The bench host image (host/main/bench.c) on QEMU with -icount, where
#   the counter ticks once per instruction: build/bench/rmi.tsv.
# - DATA_CREATE per 4 KiB page through the RMM core's host build, against a
#   plain copy + hash of the page, counted by callgrind (bench/data_create.c).

HOST_BENCH_OBJS := $(HOST_OBJS) $(BUILD)/host/host/main/bench.c.o \
	$(BUILD)/host/host/main/bench_realm.S.o
$(BUILD)/host-bench.elf: $(HOST_BENCH_OBJS)

# The host build of the RMM core again, optimised as the firmware is and
# without sanitizers, which would dominate the counts and do not run
# under valgrind.
BENCH_HOST_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -g -D_GNU_SOURCE \
	-Iinclude -Ilib/include -Irmm/include -Irmm/arch/host
BENCH_HOST_SRCS := $(RMM_CORE_SRCS) lib/format.c $(wildcard rmm/arch/host/*.c) \
	bench/data_create.c

# mk/mbedtls.mk is read after this file: its variables are used at run time.
bench_host_objs = $(patsubst %,$(BUILD)/bench-host/%.o,$(BENCH_HOST_SRCS) $(MBEDTLS_SRCS))

$(BUILD)/bench-host/%.c.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(BENCH_HOST_CFLAGS) $(MBEDTLS_CPPFLAGS) -MMD -MP -c $< -o $@

.SECONDEXPANSION:
$(BUILD)/bench-data-create: $$(bench_host_objs)
	@echo "  LD      $@"
	@$(HOST_CC) $(BENCH_HOST_CFLAGS) $^ -o $@

.PHONY: bench
bench: $(BUILD)/flash-bench.bin $(BUILD)/flash-hes-bench.bin $(BUILD)/atoll-hesd \
	$(BUILD)/bench-data-create
	@BUILD=$(BUILD) tools/bench.sh

# `make profile`: per-function instruction counts of the bench's calls
# (tools/profile.sh), with a QEMU TCG plugin built against the plugin header
# of Debian's qemu source package (tools/setup.sh --qemu-plugin fetches it).
QEMU_PLUGIN_HDR := deps/qemu-plugin/qemu-plugin.h
$(QEMU_PLUGIN_HDR):
	@bash tools/setup.sh --qemu-plugin

$(BUILD)/insnprof.so: tools/prof/insnprof.c $(QEMU_PLUGIN_HDR)
	@mkdir -p $(dir $@)
	@echo "  PLUGIN  $@"
	@$(HOST_CC) -std=gnu11 -O2 -Wall -Wextra -Werror -shared -fPIC \
		-I$(dir $(QEMU_PLUGIN_HDR)) $$(pkg-config --cflags glib-2.0) $< -o $@

.PHONY: profile
profile: $(BUILD)/flash-bench.bin $(BUILD)/insnprof.so
	@BUILD=$(BUILD) tools/profile.sh
