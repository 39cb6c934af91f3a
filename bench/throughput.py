"""Decode speed and time to first token: the whole app against plain llama-cpp-python.

The app path is the real one: engine process, client, reader thread, Qt bridge and the
chat view in an (offscreen) window.  The plain path is a llama-cpp-python loop in this
process on the same model, prompt tokens, greedy settings and thread count.  Runs are
interleaved so drift (thermal, other load) hits both alike.

    .venv/bin/python -m bench.throughput [--model FILE] [--tokens 256] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass

from ui.paint_threads import paint_on_gui_thread

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@dataclass
class Run:
    ttft_ms: float
    tokens_per_s: float
    tokens: int
    #: CPU used by the window's process, in % of one core (0 for the plain loop).
    gui_cpu_pct: float = 0.0
    #: Chat-view updates a second while the reply streamed (0 for the plain loop).
    updates_per_s: float = 0.0


def plain_run(llm: object, prompt: list[int], n_tokens: int) -> Run:
    import llama_cpp

    assert isinstance(llm, llama_cpp.Llama)
    llm.reset()  # type: ignore[no-untyped-call]
    started = time.perf_counter()
    first = last = 0.0
    count = 0
    for token in llm.generate(prompt, temp=0.0, top_k=40, top_p=0.95, min_p=0.05,
                              repeat_penalty=1.0):
        now = time.perf_counter()
        if count == 0:
            first = now
        llm.detokenize([token])
        last = now
        count += 1
        if count >= n_tokens:
            break
    return Run((first - started) * 1000, (count - 1) / (last - first), count)


def app_run(bridge: object, view: object, messages: list[dict[str, str]], n_tokens: int,
            app: object, logprobs: int = 0) -> Run:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from core.engine.protocol import GenerationFinished
    from core.sampling.params import SamplingParams
    from ui.chat_view import ChatView
    from ui.engine_bridge import EngineBridge

    assert isinstance(bridge, EngineBridge) and isinstance(view, ChatView)
    assert isinstance(app, QApplication)
    times: list[tuple[float, int]] = []
    done: set[int] = set()
    updates_before = view.live_updates

    def on_tokens(request_id: int, text: str, count: int, *_more: object) -> None:
        view.append_reply(text)
        times.append((time.perf_counter(), count))

    loop = QEventLoop()

    def on_finished(event: GenerationFinished) -> None:
        done.add(event.request_id)
        loop.quit()

    def wait(request_id: int) -> None:
        # A real event loop, as in the app: polling here would steal the CPU that
        # llama.cpp's threads need on a small machine.
        while request_id not in done:
            loop.exec()

    bridge.finished.connect(on_finished)
    # A one-token reply to another prompt first, so the engine's KV cache holds no
    # prefix of the measured prompt: both paths evaluate the whole prompt.
    wait(bridge.engine.generate(
        [{"role": "system", "content": "Z"}, {"role": "user", "content": "Z"}],
        SamplingParams(temperature=0.0, max_tokens=1)))
    bridge.tokens.connect(on_tokens)
    view.begin_reply(0)
    started = time.perf_counter()
    cpu_started = time.process_time()
    wait(bridge.engine.generate(messages, SamplingParams(temperature=0.0, top_k=40, top_p=0.95,
                                                  min_p=0.05, repeat_penalty=1.0,
                                                  max_tokens=n_tokens, logprobs=logprobs)))
    gui_cpu = time.process_time() - cpu_started
    bridge.tokens.disconnect(on_tokens)
    bridge.finished.disconnect(on_finished)
    total = sum(c for _, c in times)
    first_at, first_count = times[0]
    decode_tokens = total - first_count
    span = times[-1][0] - first_at
    wall = times[-1][0] - started
    # The first update shows the first token; the others come while decoding.
    updates = view.live_updates - updates_before - 1
    return Run((first_at - started) * 1000, decode_tokens / span if span else 0.0, total,
               100.0 * gui_cpu / wall, updates / span if span else 0.0)


#: After a reply the engine saves its KV snapshot (tens of ms, off the reply's path): a
#: plain run started at once would share the cores with it and look slower than it is.
SETTLE_S = 0.5


def settle(app: object) -> None:
    """Let the engine's work after a reply end before the next plain run starts."""
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    until = time.perf_counter() + SETTLE_S
    while time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.02)


@dataclass
class Comparison:
    """Medians of interleaved rounds: the plain loop and the app, one setting."""

    model: str
    threads: int
    tokens: int
    rounds: int
    logprobs: int
    plain_tps: float
    app_tps: float
    plain_ttft_ms: float
    app_ttft_ms: float
    gui_cpu_pct: float
    #: Median over rounds of app / the mean of the plain runs just before and just after
    #: it: pairs neighbours in time, so the machine's moment-to-moment speed (a shared
    #: VM drifts by 10 % within a minute) cancels out better than in a ratio of medians.
    paired_ratio: float = 0.0
    #: The quartiles of those paired ratios: how much the machine moved under the figure.
    paired_spread: tuple[float, float] = (0.0, 0.0)
    #: Median chat-view updates a second while the app's replies streamed.
    updates_per_s: float = 0.0


def measure(model: str, n_tokens: int, rounds: int,
            logprobs_settings: tuple[int, ...] = (0,)) -> list[Comparison]:
    """One engine and one plain ``Llama``, rounds interleaved; one comparison per
    ``logprobs`` setting (the plain loop is the same for each: it is what the library
    does without the app, so every setting is held against the same baseline)."""
    import llama_cpp
    from PySide6.QtWidgets import QApplication

    from core.engine.llama.backends import ensure_backends
    from core.engine.protocol import LoadModel
    from core.models.gguf import read_gguf_info
    from core.system import default_threads
    from core.templates.template import ChatTemplate
    from ui.chat_view import ChatView
    from ui.engine_bridge import EngineBridge

    threads = default_threads()
    messages = [{"role": "system", "content": "You are a helpful assistant."},
                {"role": "user", "content": "Write a long story about a lighthouse keeper."}]
    paint_on_gui_thread()  # as the app does (ui.paint_threads)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    bridge = EngineBridge()
    view = ChatView()
    view.resize(800, 600)
    view.show()
    loaded: list[object] = []
    bridge.modelLoaded.connect(loaded.append)
    bridge.engine.load(LoadModel(model, n_ctx=2048, n_threads=threads))
    while not loaded:
        app.processEvents()
        time.sleep(0.01)

    info = read_gguf_info(model)
    ensure_backends()
    llm = llama_cpp.Llama(model, n_ctx=2048, n_threads=threads, verbose=False)
    template = ChatTemplate(info.chat_template or "")
    rendered = template.render(messages, add_generation_prompt=True,
                               bos_token=info.bos_token or "", eos_token=info.eos_token or "")
    prompt = llm.tokenize(rendered.encode(), add_bos=bool(info.add_bos_token), special=True)

    #: Every run in the order it ran: ``None`` for a plain run, else the app's setting.
    runs: list[tuple[int | None, Run]] = []
    try:
        for _ in range(rounds):
            for n in logprobs_settings:
                runs.append((None, plain_run(llm, prompt, n_tokens)))
                runs.append((n, app_run(bridge, view, messages, n_tokens, app, n)))
                settle(app)
        runs.append((None, plain_run(llm, prompt, n_tokens)))  # the last app run's "after"
    finally:
        bridge.shutdown()
        view.close()
        del llm
    plain = [run for setting, run in runs if setting is None]
    #: Each app run with the plain runs just before and just after it.
    around = {n: [(runs[i - 1][1], run, runs[i + 1][1])
                  for i, (setting, run) in enumerate(runs) if setting == n]
              for n in logprobs_settings}
    through_app = {n: [app_side for _, app_side, _ in bracketed]
                   for n, bracketed in around.items()}

    def med(runs: list[Run], name: str) -> float:
        return float(statistics.median(getattr(r, name) for r in runs))

    def ratios(n: int) -> list[float]:
        # Against the plain loop's speed at that moment: the mean of the plain runs on
        # either side, so the machine's drift over the three runs cancels either way.
        return [app_side.tokens_per_s / ((earlier.tokens_per_s + later.tokens_per_s) / 2)
                for earlier, app_side, later in around[n]]

    def spread(values: list[float]) -> tuple[float, float]:
        if len(values) < 4:
            return min(values), max(values)
        low, _, high = statistics.quantiles(values, n=4)
        return low, high

    return [Comparison(os.path.basename(model), threads, n_tokens, rounds, n,
                       med(plain, "tokens_per_s"), med(runs, "tokens_per_s"),
                       med(plain, "ttft_ms"), med(runs, "ttft_ms"), med(runs, "gui_cpu_pct"),
                       float(statistics.median(ratios(n))), spread(ratios(n)),
                       med(runs, "updates_per_s"))
            for n, runs in through_app.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--tokens", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--logprobs", type=int, default=0,
                        help="token probabilities asked of the app (the app's default is 5)")
    args = parser.parse_args(argv)
    from core.models.library import starter_model_path

    model = args.model or str(starter_model_path())
    (result,) = measure(model, args.tokens, args.rounds, (args.logprobs,))
    print(f"model: {result.model}  threads: {result.threads}  tokens: {args.tokens}  "
          f"rounds: {args.rounds} (median)  logprobs: {args.logprobs}")
    print(f"{'metric':<28}{'plain loop':>12}{'app':>12}{'app/plain':>12}")
    for name, a, b in (("decode tokens/s", result.plain_tps, result.app_tps),
                       ("time to first token (ms)", result.plain_ttft_ms, result.app_ttft_ms)):
        print(f"{name:<28}{a:>12.1f}{b:>12.1f}{b / a:>12.3f}")
    print(f"{'decode, paired by round':<28}{'':>12}{'':>12}{result.paired_ratio:>12.3f}")
    print(f"{'window process CPU (%)':<28}{'-':>12}{result.gui_cpu_pct:>12.1f}")
    print(f"{'view updates a second':<28}{'-':>12}{result.updates_per_s:>12.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
