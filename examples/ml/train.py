#!/usr/bin/python3
"""Trains Atoll's character-level model of C code and exports its weights.

The model is a GRU over bytes: embedding, LAYERS stacked GRUs, a linear head to
the vocabulary (the byte values that occur in the corpus). The corpus is the C
sources of the mbedTLS source package the build unpacks (deps/mbedtls/library),
concatenated in name order; the last 5% is the validation text.

Outputs in --out (docs/demo-ml.md describes the weights format):
  model.atml      the weights, little-endian, header + SHA-256 trailer
  reference.txt   logits and greedy completions of a few prompts, for the C tests
  info.json       dimensions, steps, losses, time, the sample completion
  stamp           hash of this script, the variant and the corpus: a later run
                  with the same stamp does nothing
"""
import argparse
import hashlib
import json
import math
import os
import struct
import sys
import time

# OpenBLAS keeps its own thread pool; on top of torch's threads it oversubscribes
# the cores (one thread each was the fastest measured, docs/demo-ml.md).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import torch  # noqa: E402 (after the environment it reads)

MAGIC = b"ATOLLCLM"
FORMAT_VERSION = 1
HEADER_SIZE = 64
ARCH_GRU = 1
SEED = 10

# Sizes: "full" for the demo (0.68 M parameters, 400 steps: measured in
# docs/demo-ml.md, within 10 minutes on one thread of a loaded two-core
# machine), "small" for the tests (79 k parameters, under a minute).
VARIANTS = {
    "full": dict(embed=64, hidden=256, layers=2, steps=400, batch=32, seq=128, lr=4e-3),
    "small": dict(embed=32, hidden=128, layers=1, steps=400, batch=32, seq=64, lr=6e-3),
}

# Prompts whose next-character logits the C inference must reproduce.
LOGIT_PROMPTS = [b"int max(int a, int b)", b"#include <", b"static void ", b"\n"]
SAMPLE_PROMPT = b"int max(int a, int b)"
GREEDY_LEN = 120


class CharGRU(torch.nn.Module):
    def __init__(self, vocab, embed, hidden, layers):
        super().__init__()
        self.embed = torch.nn.Embedding(vocab, embed)
        self.gru = torch.nn.GRU(embed, hidden, num_layers=layers, batch_first=True)
        self.head = torch.nn.Linear(hidden, vocab)

    def forward(self, tokens, state=None):
        out, state = self.gru(self.embed(tokens), state)
        return self.head(out), state


def log(msg, end="\n"):
    sys.stderr.write(msg + end)
    sys.stderr.flush()


def read_corpus(data_dir):
    names = sorted(n for n in os.listdir(data_dir) if n.endswith(".c"))
    if not names:
        sys.exit(f"train.py: no .c files in {data_dir}")
    parts = []
    for n in names:
        with open(os.path.join(data_dir, n), "rb") as f:
            parts.append(f.read())
    return b"".join(parts), len(names)


def stamp_of(variant, cfg, corpus):
    h = hashlib.sha256()
    with open(__file__, "rb") as f:
        h.update(f.read())
    h.update(json.dumps([variant, cfg], sort_keys=True).encode())
    h.update(hashlib.sha256(corpus).digest())
    return h.hexdigest()


def train(model, data, cfg, variant):
    gen = torch.Generator().manual_seed(SEED)
    opt = torch.optim.Adam(model.parameters(), lr=cfg["lr"])
    steps, batch, seq = cfg["steps"], cfg["batch"], cfg["seq"]
    # Cosine decay to a tenth of the rate over the run.
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * s / steps)))
    loss_fn = torch.nn.CrossEntropyLoss()
    tty = sys.stderr.isatty()
    start = time.monotonic()
    avg = None
    for step in range(1, steps + 1):
        starts = torch.randint(0, len(data) - seq - 1, (batch,), generator=gen)
        idx = starts[:, None] + torch.arange(seq + 1)[None, :]
        chunk = data[idx]
        logits, _ = model(chunk[:, :-1])
        loss = loss_fn(logits.reshape(-1, logits.shape[-1]), chunk[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        avg = loss.item() if avg is None else 0.95 * avg + 0.05 * loss.item()
        if step % 10 == 0 or step == steps:
            spent = time.monotonic() - start
            left = spent / step * (steps - step)
            line = (f"ml-model[{variant}]: step {step}/{steps} loss {avg:.3f} "
                    f"{spent:.0f} s, about {left:.0f} s left")
            if tty:
                log("\r" + line, end="")
            elif step % 100 == 0 or step == steps:
                log(line)
    if tty:
        log("")
    return time.monotonic() - start


@torch.no_grad()
def validation_loss(model, data, seq=256, limit=262144):
    """Mean cross-entropy (nats per character) over windows of seq characters."""
    data = data[:limit]
    n = (len(data) - 1) // seq
    x = data[: n * seq].reshape(n, seq)
    y = data[1 : n * seq + 1].reshape(n, seq)
    total = 0.0
    for i in range(0, n, 64):
        logits, _ = model(x[i : i + 64])
        total += torch.nn.functional.cross_entropy(
            logits.reshape(-1, logits.shape[-1]), y[i : i + 64].reshape(-1), reduction="sum").item()
    return total / (n * seq)


@torch.no_grad()
def prompt_logits(model, tokens):
    logits, state = model(torch.tensor([tokens]))
    return logits[0, -1], state


@torch.no_grad()
def greedy(model, tokens, n):
    logits, state = prompt_logits(model, tokens)
    out = []
    for _ in range(n):
        t = int(torch.argmax(logits))
        out.append(t)
        step, state = model(torch.tensor([[t]]), state)
        logits = step[0, -1]
    return out


def export_weights(model, vocab, cfg, path):
    v, e, h, layers = len(vocab), cfg["embed"], cfg["hidden"], cfg["layers"]
    tensors = [model.embed.weight]
    for layer in range(layers):
        for kind in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            tensors.append(getattr(model.gru, f"{kind}_l{layer}"))
    tensors += [model.head.weight, model.head.bias]
    body = b"".join(t.detach().contiguous().numpy().astype("<f4").tobytes() for t in tensors)
    vocab_table = bytes(vocab).ljust(256, b"\0")
    size = HEADER_SIZE + len(vocab_table) + len(body) + 32
    header = MAGIC + struct.pack("<IIIIIIIIQQQ", FORMAT_VERSION, HEADER_SIZE, ARCH_GRU, v, e, h,
                                 layers, 0, size, 0, 0)
    assert len(header) == HEADER_SIZE
    blob = header + vocab_table + body
    blob += hashlib.sha256(blob).digest()
    assert len(blob) == size
    with open(path + ".tmp", "wb") as f:
        f.write(blob)
    os.replace(path + ".tmp", path)
    return size


def write_reference(model, encode, decode, path):
    lines = ["# train.py: next-character logits after each prompt, and greedy completions"]
    for p in LOGIT_PROMPTS:
        logits, _ = prompt_logits(model, encode(p))
        lines.append("logits " + p.hex() + " " + " ".join(f"{x:.9g}" for x in logits.tolist()))
    completion = decode(greedy(model, encode(SAMPLE_PROMPT), GREEDY_LEN))
    lines.append(f"greedy {SAMPLE_PROMPT.hex()} {GREEDY_LEN} {completion.hex()}")
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(path + ".tmp", path)
    return completion


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variant", choices=sorted(VARIANTS), default="full")
    ap.add_argument("--data", default="deps/mbedtls/library", help="directory of .c files")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--threads", type=int, default=1,
                    help="torch threads (1 is fastest with OpenBLAS, which has its own)")
    args = ap.parse_args()
    cfg = VARIANTS[args.variant]

    corpus, files = read_corpus(args.data)
    stamp = stamp_of(args.variant, cfg, corpus)
    stamp_path = os.path.join(args.out, "stamp")
    if os.path.exists(stamp_path) and open(stamp_path).read().strip() == stamp:
        log(f"ml-model[{args.variant}]: up to date ({args.out})")
        return
    os.makedirs(args.out, exist_ok=True)

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)

    vocab = sorted(set(corpus))
    index = {b: i for i, b in enumerate(vocab)}

    def encode(text):
        return [index[b] for b in text]

    def decode(tokens):
        return bytes(vocab[t] for t in tokens)

    data = torch.tensor(encode(corpus), dtype=torch.long)
    split = len(data) * 95 // 100
    model = CharGRU(len(vocab), cfg["embed"], cfg["hidden"], cfg["layers"])
    params = sum(p.numel() for p in model.parameters())
    log(f"ml-model[{args.variant}]: {params} parameters, {files} files, "
        f"{len(corpus)} bytes, vocabulary {len(vocab)}, {cfg['steps']} steps")

    seconds = train(model, data[:split], cfg, args.variant)
    model.eval()
    val = validation_loss(model, data[split:])
    size = export_weights(model, vocab, cfg, os.path.join(args.out, "model.atml"))
    completion = write_reference(model, encode, decode, os.path.join(args.out, "reference.txt"))
    info = dict(variant=args.variant, parameters=params, vocabulary=len(vocab), **cfg,
                train_seconds=round(seconds, 1), threads=args.threads,
                validation_loss_nats=round(val, 4), validation_bits_per_char=round(val / math.log(2), 4),
                weights_bytes=size, sample_prompt=SAMPLE_PROMPT.decode(),
                sample_completion=completion.decode("latin-1"))
    with open(os.path.join(args.out, "info.json"), "w") as f:
        json.dump(info, f, indent=1)
        f.write("\n")
    with open(stamp_path, "w") as f:
        f.write(stamp + "\n")
    log(f"ml-model[{args.variant}]: validation loss {val:.3f} nats/char "
        f"({val / math.log(2):.3f} bits), {seconds:.0f} s; greedy completion of "
        f"{SAMPLE_PROMPT.decode()!r}: {completion.decode('latin-1')!r}")


if __name__ == "__main__":
    main()
