"""Prosa's API server against llama-cpp-python's own, on the same model: time to the
first token and decode speed as a client sees them, over HTTP with streaming.

Both servers run as processes of their own, started here: ``python main.py serve``
and ``python -m llama_cpp.server`` (through a wrapper that loads llama.cpp's backends
the way Prosa does, so both use the same build and CPU variant), with the same model,
context, threads, prompt, greedy decoding, no repetition penalty and ``max_tokens``.
Rounds are interleaved, so drift on a shared machine hits both alike.  Before each
measured request, a one-token request with another prompt empties the servers' reuse
of the prompt: both evaluate the whole prompt every time.

The client counts a reply's tokens from the usage both servers report, and its speed
from the first streamed chunk to the last (Prosa's engine sends tokens in batches of
about 25 ms; llama-cpp-python one by one).

    .venv/bin/python -m bench.server [--model FILE] [--tokens 128] [--rounds 5]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROMPT = [{"role": "system", "content": "You are a helpful assistant."},
          {"role": "user", "content": "Write a long story about a lighthouse keeper."}]
OTHER = [{"role": "user", "content": "Z"}]
N_CTX = 2048
_LLAMA_SERVER = """
import runpy, sys
from core.engine.llama.backends import ensure_backends
ensure_backends()
sys.argv = ["llama_cpp.server", *sys.argv[1:]]
runpy.run_module("llama_cpp.server", run_name="__main__")
"""


@dataclass
class Run:
    ttft_ms: float
    tokens_per_s: float
    tokens: int


@dataclass
class Comparison:
    model: str
    threads: int
    tokens: int
    rounds: int
    prosa: list[Run]
    plain: list[Run]

    def median(self, runs: list[Run], name: str) -> float:
        return float(statistics.median(getattr(r, name) for r in runs))

    @property
    def paired_ratio(self) -> float:
        """Median of each Prosa run's speed over the llama-cpp-python run just before."""
        return float(statistics.median(a.tokens_per_s / p.tokens_per_s
                                       for a, p in zip(self.prosa, self.plain, strict=True)))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running(command: list[str], base_url: str, timeout: float = 180.0) -> Iterator[None]:
    """A server process, ready (its model list answers), stopped at the end."""
    import httpx2 as httpx

    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{command[:4]} ended: {process.stderr.read()[-800:]}"
                                   if process.stderr else "ended")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(base_url + "/models", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{command[:4]} did not start")
            time.sleep(0.2)
        yield
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(15)


def stream_run(base_url: str, messages: list[dict[str, str]], max_tokens: int,
               model: str = "") -> Run:
    import httpx2 as httpx

    body: dict[str, Any] = {"model": model, "messages": messages, "max_tokens": max_tokens,
                            "temperature": 0, "repeat_penalty": 1.0, "stream": True,
                            "stream_options": {"include_usage": True}}
    started = time.perf_counter()
    first = last = 0.0
    chunks = 0
    usage = 0
    with httpx.stream("POST", base_url + "/chat/completions", json=body,
                      timeout=300) as response:
        response.raise_for_status()
        for line in response.iter_lines():
            if not line.startswith("data: {"):
                continue
            data = json.loads(line[6:])
            if data.get("usage"):
                usage = int(data["usage"]["completion_tokens"])
            choices = data.get("choices") or []
            if choices and choices[0].get("delta", {}).get("content"):
                last = time.perf_counter()
                first = first or last
                chunks += 1
    tokens = usage or chunks
    span = last - first
    return Run((first - started) * 1000, (tokens - 1) / span if span > 0 else 0.0, tokens)


def measure(model: str, tokens: int, rounds: int, threads: int | None = None) -> Comparison:
    from core.system import default_threads

    threads = threads or default_threads()
    prosa_port, plain_port = free_port(), free_port()
    prosa_url = f"http://127.0.0.1:{prosa_port}/v1"
    plain_url = f"http://127.0.0.1:{plain_port}/v1"
    prosa_cmd = [sys.executable, "main.py", "serve", "--quiet", "-m", model, "--port",
                 str(prosa_port), "--ctx", str(N_CTX), "--threads", str(threads)]
    plain_cmd = [sys.executable, "-c", _LLAMA_SERVER, "--model", model, "--host",
                 "127.0.0.1", "--port", str(plain_port), "--n_ctx", str(N_CTX),
                 "--n_threads", str(threads), "--n_threads_batch", str(threads),
                 "--verbose", "false"]
    prosa: list[Run] = []
    plain: list[Run] = []
    with running(prosa_cmd, prosa_url), running(plain_cmd, plain_url):
        name = Path(model).stem
        for url in (prosa_url, plain_url):  # warm both (first-request costs)
            stream_run(url, PROMPT, 4, name)
        for _ in range(rounds):
            for url, runs in ((plain_url, plain), (prosa_url, prosa)):
                stream_run(url, OTHER, 1, name)
                runs.append(stream_run(url, PROMPT, tokens, name))
    return Comparison(Path(model).name, threads, tokens, rounds, prosa, plain)


def report_server(report: Any, model: str) -> None:
    """The rows of the suite's Server section (``bench.suite.Report``)."""
    tokens, rounds = (24, 2) if report.quick else (128, 7)
    c = measure(model, tokens, rounds)
    ratio = c.paired_ratio
    prosa_tps, plain_tps = c.median(c.prosa, "tokens_per_s"), c.median(c.plain, "tokens_per_s")
    report.add("Server", f"decode tokens/s through Prosa's server / llama-cpp-python's "
                         f"server, {c.model}",
               f"{ratio:.3f} (medians {prosa_tps:.1f} vs {plain_tps:.1f})", ">= 0.95",
               ratio >= 0.95)
    prosa_ttft, plain_ttft = c.median(c.prosa, "ttft_ms"), c.median(c.plain, "ttft_ms")
    delta = prosa_ttft - plain_ttft
    report.add("Server", f"TTFT through Prosa's server - llama-cpp-python's server, "
                         f"{c.model}",
               f"{delta:+.0f} ms ({prosa_ttft:.0f} vs {plain_ttft:.0f})", "<= 30 ms",
               delta <= 30)
    report.note("Server", f"{c.tokens} tokens a reply (greedy, no repetition penalty), "
                          f"{c.rounds} interleaved round(s), {c.threads} threads, n_ctx "
                          f"{N_CTX}; both servers in processes of their own, streamed to "
                          "one client over loopback; each reply's prompt evaluated whole "
                          "(a one-token request with another prompt before it); "
                          "tokens counted from the usage the servers report")


def main() -> int:
    from core.models.library import starter_model_path

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    model = args.model or str(starter_model_path())
    c = measure(model, args.tokens, args.rounds)
    for name, runs in (("Prosa", c.prosa), ("llama-cpp-python", c.plain)):
        print(f"{name:17} TTFT {c.median(runs, 'ttft_ms'):6.1f} ms   "
              f"{c.median(runs, 'tokens_per_s'):6.1f} tokens/s   "
              f"tokens {[r.tokens for r in runs]}")
    print(f"paired decode ratio Prosa/llama-cpp-python: {c.paired_ratio:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
