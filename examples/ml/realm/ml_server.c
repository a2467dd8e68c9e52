/*
 * The ML server realm (docs/demo-ml.md): mlhost's portable server core
 * (examples/ml/server/) over the realm's byte channels, attesting through
 * libatoll's rsi backend. At start it looks in the launcher's store for a
 * sealed model: found and unsealed (the same image on the same platform
 * sealed it), it serves at once; otherwise it asks the provider on the model
 * channel, then seals the model (VHUK_M, bound to the RIM) and leaves the
 * blob in the store. Then it serves ML_SERVER_CHATS chat sessions and
 * switches itself off.
 *
 * Built three times (mk/ml.mk): the honest image; with ML_SERVER_COPY_PROMPTS,
 * a malicious one that also prints every prompt to the host's console (its
 * RIM differs, so neither the provider nor the client should talk to it);
 * with ML_SERVER_BENCH, one that prints what each step cost in counter ticks
 * (instructions under QEMU -icount, make bench) and times the inference alone.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <atoll/atoll.h>
#include <atoll/realm_image.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

#include "channel.h"
#include "heap.h"
#include "ml_server.h"
#include "realm.h"
#include "store.h"

/* mbedTLS's handshake and certificate code want more than the default 8 KB. */
REALM_STACK_SIZE_IS(0x10000);

#define ML_SERVER_CHATS		1U
/* Seeded temperature sampling: greedy decoding of a character model settles on indentation. */
#define COMPLETION_LEN		64U
#define TEMPERATURE		0.6f
#define SEED			2U
#define HEAP_SIZE		(10U << 20)	/* TLS, and the sealed model twice while unsealing */
#define STORE_MAGIC		"ATMLSEAL"
#define STORE_HEADER		16U		/* magic, then the blob's length (8 bytes, LE) */
#define STORE_SIZE		((ML_MAX_MODEL + ATOLL_SEAL_OVERHEAD + STORE_HEADER + 4095U) & ~4095U)
#define SEAL_SVN		1U

static _Alignas(16) uint8_t heap_mem[HEAP_SIZE];
static _Alignas(8) uint8_t model_buf[ML_MAX_MODEL];
static struct ml_server server;
/* Counter ticks spent waiting for the host in the channel calls, so far. */
static uint64_t io_ticks;
static struct realm_channel channels[REALM_CHANNELS];
static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;

static uint64_t ticks(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
	return v;
}

#if defined(ML_SERVER_BENCH)
#define BENCH(...)	realm_printf("ml-server: bench " __VA_ARGS__)
#define GENERATE_CHARS	256U

/* The inference alone: the prompt fed, then GENERATE_CHARS greedy characters. */
static void bench_generate(void)
{
	static const uint8_t prompt[] = "int max(int a, int b)";
	static struct ml_model model;
	static struct ml_state state;
	static uint8_t out[GENERATE_CHARS];
	struct ml_sampler greedy;
	uint64_t t0, t1, t2;
	size_t len;
	const uint8_t *file = ml_server_model(&server, &len);

	if (file == NULL || ml_model_load(&model, file, len) != ML_OK ||
	    ml_sampler_init(&greedy, 0.0f, 0) != ML_OK)
		return;
	ml_state_reset(&state, &model);
	t0 = ticks();
	if (ml_feed(&state, prompt, sizeof(prompt) - 1U) != ML_OK)
		return;
	t1 = ticks();
	ml_generate(&state, &greedy, out, sizeof(out));
	t2 = ticks();
	BENCH("feed %lu chars %lu generate %u chars %lu per-char %lu params %lu\n",
	      (unsigned long)(sizeof(prompt) - 1U), (unsigned long)(t1 - t0), GENERATE_CHARS,
	      (unsigned long)(t2 - t1), (unsigned long)((t2 - t1) / GENERATE_CHARS),
	      (unsigned long)ml_model_params(&model));
}
#else
/* The honest image computes the figures too (a few instructions) but says nothing. */
__attribute__((format(printf, 1, 2))) static inline void bench_quiet(const char *fmt, ...)
{
	(void)fmt;
}
#define BENCH(...)	bench_quiet(__VA_ARGS__)
static void bench_generate(void)
{
}
#endif

static void log_line(void *ctx, const char *line)
{
	(void)ctx;
	realm_printf("%s\n", line);
}

#if defined(ML_SERVER_COPY_PROMPTS)
/* What the malicious image does with a prompt: hands it to the host. */
static void copy_prompt(void *ctx, const uint8_t *prompt, size_t len)
{
	(void)ctx;
	realm_printf("ml-server: copied prompt: ");
	for (size_t i = 0; i < len; i++)
		realm_printf("%c", prompt[i] == '\n' ? '|' : (char)prompt[i]);
	realm_printf("\n");
}
#endif

/*
 * Attests for the session, and shows the token on the console: it is no
 * secret (the peer gets it in the clear inside TLS), and the operator can
 * check it with `atoll token extract` and `atoll token verify`.
 */
static int attest(void *ctx, const uint8_t challenge[ML_EXPORTER_SIZE], uint8_t *buf, size_t cap,
		  size_t *len)
{
	struct atoll_ctx *atoll = ctx;
	uint64_t t0 = ticks();

	if (atoll_attest(atoll, challenge, buf, cap, len) != ATOLL_OK) {
		realm_printf("ml-server: attest: %s\n", atoll_error_detail(atoll));
		return -1;
	}
	BENCH("attest %lu\n", (unsigned long)(ticks() - t0));
	realm_printf("-----BEGIN CCA TOKEN-----\n");
	for (size_t i = 0; i < *len; i++)
		realm_printf("%02x%s", buf[i], (i % 32U == 31U || i + 1U == *len) ? "\n" : "");
	realm_printf("-----END CCA TOKEN-----\n");
	return 0;
}

/* mbedTLS's BIO callbacks on a channel: blocking, so never WANT_READ or WANT_WRITE. */
static int bio_send(void *bio, const unsigned char *buf, size_t len)
{
	uint64_t t0 = ticks();
	bool ok = realm_channel_write(bio, buf, len);

	io_ticks += ticks() - t0;
	return ok ? (int)len : MBEDTLS_ERR_SSL_INTERNAL_ERROR;
}

static int bio_recv(void *bio, unsigned char *buf, size_t len)
{
	uint64_t t0 = ticks();
	long n = realm_channel_read(bio, buf, len, 0);

	io_ticks += ticks() - t0;
	return n > 0 ? (int)n : MBEDTLS_ERR_SSL_INTERNAL_ERROR;
}

/* A session's ticks, and those of them not spent waiting for the host. */
static void bench_session(const char *what, uint64_t t0, uint64_t io0)
{
	uint64_t all = ticks() - t0, io = io_ticks - io0;

	BENCH("%s %lu io %lu compute %lu\n", what, (unsigned long)all, (unsigned long)io,
	      (unsigned long)(all - io));
}

static void put_le64(volatile uint8_t *p, uint64_t v)
{
	for (unsigned int i = 0; i < 8U; i++)
		p[i] = (uint8_t)(v >> (8U * i));
}

static uint64_t get_le64(const volatile uint8_t *p)
{
	uint64_t v = 0;

	for (unsigned int i = 8U; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

/* Copies between the store (NS memory the host controls) and protected memory. */
static void copy_from_store(uint8_t *dst, const volatile uint8_t *src, size_t len)
{
	for (size_t i = 0; i < len; i++)
		dst[i] = src[i];
}

static void copy_to_store(volatile uint8_t *dst, const uint8_t *src, size_t len)
{
	for (size_t i = 0; i < len; i++)
		dst[i] = src[i];
}

/*
 * The sealed model from the store, unsealed into the model buffer and loaded.
 * The blob is copied into protected memory first: the host could change it
 * while AES-GCM reads it.
 */
static bool unseal_model(struct atoll_ctx *atoll, volatile uint8_t *store)
{
	uint64_t blob_len = get_le64(store + 8U);
	size_t len = 0;
	uint8_t *blob;
	atoll_status st;

	if (memcmp((const void *)store, STORE_MAGIC, 8) != 0)
		return false;
	if (blob_len < ATOLL_SEAL_OVERHEAD || blob_len > STORE_SIZE - STORE_HEADER) {
		realm_printf("ml-server: the store holds a blob of impossible length %lu\n",
			     (unsigned long)blob_len);
		return false;
	}
	blob = malloc(blob_len);
	if (blob == NULL) {
		realm_printf("ml-server: no memory for the %lu-byte sealed model\n",
			     (unsigned long)blob_len);
		return false;
	}
	copy_from_store(blob, store + STORE_HEADER, blob_len);
	st = atoll_unseal(atoll, blob, blob_len, model_buf, sizeof(model_buf), &len);
	free(blob);
	if (st != ATOLL_OK) {
		realm_printf("ml-server: the sealed model in the store does not unseal: %s (%s)\n",
			     atoll_strerror(st), atoll_error_detail(atoll));
		return false;
	}
	if (ml_server_load(&server, len) != ML_SERVER_OK) {
		realm_printf("ml-server: the unsealed model is refused: %s\n", ml_server_error(&server));
		return false;
	}
	realm_printf("ml-server: model of %lu bytes unsealed from the launcher's store "
		     "(no provider needed)\n", (unsigned long)len);
	return true;
}

/* The loaded model sealed to this realm (VHUK_M, RIM-bound) into the store. */
static void seal_model(struct atoll_ctx *atoll, volatile uint8_t *store)
{
	size_t len, blob_len = 0;
	const uint8_t *model = ml_server_model(&server, &len);
	uint8_t *blob = malloc(len + ATOLL_SEAL_OVERHEAD);
	atoll_status st;

	if (blob == NULL) {
		realm_printf("ml-server: no memory to seal the model\n");
		return;
	}
	st = atoll_seal(atoll, ATOLL_KEY_VHUK_M, ATOLL_SEAL_RIM_BOUND, SEAL_SVN, model, len, blob,
			len + ATOLL_SEAL_OVERHEAD, &blob_len);
	if (st == ATOLL_OK) {
		copy_to_store(store + STORE_HEADER, blob, blob_len);
		put_le64(store + 8U, blob_len);
		copy_to_store(store, (const uint8_t *)STORE_MAGIC, 8);
		realm_printf("ml-server: model sealed (VHUK_M, RIM-bound): %lu bytes left in the "
			     "launcher's store\n", (unsigned long)blob_len);
	} else {
		realm_printf("ml-server: sealing the model failed: %s (%s)\n", atoll_strerror(st),
			     atoll_error_detail(atoll));
	}
	free(blob);
}

static bool open_channel(unsigned int id)
{
	if (realm_channel_open(&channels[id], id))
		return true;
	realm_printf("ml-server: the host gave no %s channel\n",
		     id == REALM_CHANNEL_MODEL ? "model" : "chat");
	return false;
}

static void serve(struct atoll_ctx *atoll)
{
	static const struct ml_server_config cfg = {
		model_buf, sizeof(model_buf), COMPLETION_LEN, TEMPERATURE, SEED,
	};
	struct ml_server_platform p = {
		.rng = mbedtls_ctr_drbg_random,
		.rng_ctx = &drbg,
		.atoll = atoll,
		.attest = attest,
		.attest_ctx = atoll,
		.log = log_line,
#if defined(ML_SERVER_COPY_PROMPTS)
		.observe_prompt = copy_prompt,
#endif
	};
	volatile uint8_t *store = realm_store_map(STORE_SIZE);
	enum ml_server_status st;
	uint64_t t0 = ticks(), io0;

	p.send = bio_send;
	p.recv = bio_recv;
	if (ml_server_init(&server, &cfg, &p) != ML_SERVER_OK) {
		realm_printf("ml-server: %s\n", ml_server_error(&server));
		return;
	}
	BENCH("init %lu\n", (unsigned long)(ticks() - t0));
	t0 = ticks();
	if (store == NULL)
		realm_printf("ml-server: the launcher has no store: the model cannot be kept\n");
	if (store != NULL && unseal_model(atoll, store)) {
		BENCH("unseal %lu\n", (unsigned long)(ticks() - t0));
	} else {
		if (!open_channel(REALM_CHANNEL_MODEL))
			return;
		p.bio = &channels[REALM_CHANNEL_MODEL];
		t0 = ticks();
		io0 = io_ticks;
		st = ml_server_provision(&server, &p);
		bench_session("provision", t0, io0);
		if (st != ML_SERVER_OK) {
			realm_printf("ml-server: provisioning failed: %s\n", ml_server_error(&server));
		} else if (store != NULL) {
			t0 = ticks();
			seal_model(atoll, store);
			BENCH("seal %lu\n", (unsigned long)(ticks() - t0));
		}
	}
	bench_generate();
	if (!open_channel(REALM_CHANNEL_CHAT))
		return;
	p.bio = &channels[REALM_CHANNEL_CHAT];
	for (unsigned int i = 0; i < ML_SERVER_CHATS; i++) {
		t0 = ticks();
		io0 = io_ticks;
		st = ml_server_chat(&server, &p);
		bench_session("chat", t0, io0);
		if (st != ML_SERVER_OK)
			realm_printf("ml-server: chat session failed: %s\n", ml_server_error(&server));
	}
	ml_server_free(&server);
}

void realm_main(void)
{
	struct atoll_ctx *atoll = NULL;
	int ret;

	realm_heap_init(heap_mem, sizeof(heap_mem));
	mbedtls_entropy_init(&entropy);
	mbedtls_ctr_drbg_init(&drbg);
	ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
				    (const unsigned char *)"atoll ml server", 15);
	if (ret != 0) {
		realm_printf("ml-server: no entropy (RNDR) to seed the DRBG: -0x%04x\n",
			     (unsigned int)-ret);
		return;
	}
	if (atoll_open(&atoll, "rsi", NULL) != ATOLL_OK) {
		realm_printf("ml-server: libatoll: %s\n", atoll_open_error());
		return;
	}
	serve(atoll);
	atoll_close(atoll);
	realm_printf("ml-server: done, heap peak %lu bytes\n", (unsigned long)realm_heap_peak());
}
