/* Frames to and from the daemon over its socket (see hesd_test.h). */
#include "hesd_test.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define TIMEOUT_MS	5000

int connect_unix(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Exactly len bytes, each wait at most timeout_ms; 0 on success. */
static int read_exact(int fd, uint8_t *buf, size_t len, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	while (len > 0U) {
		ssize_t n;

		if (poll(&pfd, 1, timeout_ms) != 1)
			return -1;
		n = read(fd, buf, len);
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

size_t read_reply(int fd, uint8_t *buf, size_t cap, int timeout_ms)
{
	size_t data = 0;

	if (cap < HES_REPLY_FIXED || read_exact(fd, buf, HES_REPLY_FIXED, timeout_ms) != 0)
		return 0;
	for (size_t i = 0; i < 4U; i++)
		data += (size_t)(buf[8 + 2 * i] | buf[9 + 2 * i] << 8);
	if (HES_REPLY_FIXED + data > cap || read_exact(fd, buf + HES_REPLY_FIXED, data, timeout_ms) != 0)
		return 0;
	return HES_REPLY_FIXED + data;
}

size_t exchange(int fd, const uint8_t *req, size_t len, struct frame_reply *r)
{
	static uint8_t reply[HES_REPLY_MAX];
	size_t got;

	memset(r, 0, sizeof(*r));
	if (send(fd, req, len, MSG_NOSIGNAL) != (ssize_t)len)
		return 0;
	got = read_reply(fd, reply, sizeof(reply), TIMEOUT_MS);
	if (got == 0U || !frame_parse_reply(reply, got, r))
		return 0;
	return got;
}

int32_t call_extend(int fd, uint8_t seq, uint8_t index, uint8_t fill)
{
	uint8_t frame[256];
	struct frame_reply r;
	size_t len = frame_extend(frame, sizeof(frame), seq, index, "BL_2", fill);

	return exchange(fd, frame, len, &r) != 0U && r.seq == seq ? r.status : INT32_MIN;
}

int32_t call_read(int fd, uint8_t seq, uint8_t index, struct frame_reply *r)
{
	uint8_t frame[64], in[3] = { index, 32, 14 };
	struct hes_invec iv = { in, sizeof(in) };
	uint16_t caps[3] = { 56, 64, 64 };
	size_t len = frame_request(frame, sizeof(frame), seq, HES_SID_MEASURED_BOOT,
				   HES_TYPE_MB_READ, &iv, 1, caps, 3);

	return exchange(fd, frame, len, r) != 0U && r->seq == seq ? r->status : INT32_MIN;
}

int32_t call_delegated_key(int fd, uint8_t seq, uint8_t key[48])
{
	uint8_t frame[64];
	struct frame_reply r;
	size_t len = frame_delegated_key(frame, sizeof(frame), seq);

	if (exchange(fd, frame, len, &r) == 0U || r.seq != seq)
		return INT32_MIN;
	if (r.status == PSA_SUCCESS && r.data_len == 48U)
		memcpy(key, r.data, 48);
	return r.status == PSA_SUCCESS && r.data_len != 48U ? INT32_MIN : r.status;
}

void show_cpak(char hex[2 * 97 + 1])
{
	static const char *const args[] = { "--show-cpak", NULL };
	char *out;

	assert_int_equal(daemon_run(args), 0);
	assert_int_equal(read_whole(test_path("out"), &out), 2 * 97 + 1);
	assert_int_equal(out[2 * 97], '\n');
	memcpy(hex, out, 2 * 97);
	hex[2 * 97] = '\0';
	assert_memory_equal(hex, "04", 2);
}
