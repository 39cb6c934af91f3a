"""Commands that run the model: ``--self-test`` and ``chat``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from core.engine.protocol import GenerationFinished, LoadModel, ModelLoaded
from core.errors import BadInput
from core.models.library import starter_model_path
from core.output.types import Family, ThinkingMode
from core.sampling.params import SamplingParams

SELF_TEST_PROMPT = "List three colours of the rainbow."
SELF_TEST_TOKENS = 24
#: ``--brief``: the least that still runs every kind of kernel (a batch for the prompt,
#: then single-token steps).
BRIEF_PROMPT = "Colours?"
BRIEF_TOKENS = 4


def model_path(given: str | None) -> str:
    if given:
        path = Path(given).expanduser()
        if not path.is_file():
            raise BadInput("cli.no_model_file", "no such model file: {path}", path=given)
        return str(path)
    starter = starter_model_path()
    if starter is None:
        raise BadInput("cli.no_starter", "the starter model is not installed (run ./prosa.sh "
                       "setup) and no --model was given")
    return str(starter)


def load_request(args: argparse.Namespace, model: str) -> LoadModel:
    if not 256 <= args.ctx <= 1_048_576:
        raise BadInput("cli.ctx", "--ctx must be between 256 and 1048576")
    if args.gpu_layers < -1:
        raise BadInput("cli.gpu_layers", "--gpu-layers must be -1 (all), 0 or more")
    if args.threads is not None and not 1 <= args.threads <= 1024:
        raise BadInput("cli.threads", "--threads must be between 1 and 1024")
    return LoadModel(model_path=model, n_ctx=args.ctx, n_gpu_layers=args.gpu_layers,
                     n_threads=args.threads)


def self_test(args: argparse.Namespace) -> int:
    """Load the starter model, generate greedily, print one JSON line.

    ``--in-process`` runs the engine's own code in this process instead of a spawned
    engine process: a CPU emulator (``qemu-x86_64 -cpu Haswell``) runs only the program
    it started, not the processes that program spawns, so this is how a build is proved
    to run on an older CPU."""
    from core.about.version import build_info
    from core.engine.backend_info import BackendInfo
    from core.engine.llama.backends import ensure_backends
    from core.engine.llama.native import step_probs

    model = model_path(None)
    request = load_request(args, model)
    wanted = BRIEF_TOKENS if args.brief else SELF_TEST_TOKENS
    # With probabilities, as the app asks by default: the compiled helper runs too.
    sampling = SamplingParams(temperature=0.0, max_tokens=wanted, seed=0, logprobs=5)
    # A fixed prompt, greedy: the reply is the same on every run of one build.
    messages = [{"role": "user", "content": SELF_TEST_PROMPT}]
    if args.brief:  # a short system prompt too: the template's default is 20 tokens
        messages = [{"role": "system", "content": "Be brief."},
                    {"role": "user", "content": BRIEF_PROMPT}]
    backend: BackendInfo | None
    if args.in_process:
        loaded, result = _generate_in_process(request, messages, sampling)
        backend = ensure_backends()
    else:
        from core.engine.sync import SyncEngine

        with SyncEngine() as engine:
            loaded = engine.load(request)
            result = engine.generate(messages, sampling)
        backend = loaded.backend
    tokens = result.stats.completion_tokens
    report = {
        "model": Path(model).name,
        "version": build_info().version,
        "frozen": build_info().frozen,
        "tokens": tokens,
        "tokens_per_s": round(result.stats.tokens_per_s, 2),
        "ttft_ms": round(result.stats.ttft_ms, 2),
        "prompt_tokens": result.stats.prompt_tokens,
        "load_s": round(loaded.load_seconds, 3),
        "gpu_layers": request.n_gpu_layers,
        "gpu_offload_supported": loaded.gpu_offload_supported,
        "engine": "in-process" if args.in_process else "process",
        "cpu_variant": backend.cpu_variant if backend else None,
        # The compiled helper (core.engine.llama.native), or numpy without it.
        "probabilities": "compiled" if step_probs() is not None else "numpy",
        "devices": [f"{d.name} ({d.kind})" for d in backend.devices] if backend else [],
        "reply": result.text,
    }
    print(json.dumps(report, ensure_ascii=False))
    if tokens < min(16, wanted) and result.reason != "length":
        print(f"prosa: self-test produced only {tokens} tokens ({result.reason})",
              file=sys.stderr)
        return 1
    return 0


def _generate_in_process(request: LoadModel, messages: list[dict[str, Any]],
                         sampling: SamplingParams) -> tuple[ModelLoaded, GenerationFinished]:
    from core.engine.llama import log as llama_log
    from core.engine.llama.model import LoadedModel
    from core.engine.protocol import Event, Generate

    llama_log.capture()  # as the engine process does: llama.cpp's log is kept, not printed

    def ignore(_event: Event) -> None:
        pass

    model = LoadedModel(request, ignore)
    try:
        result = model.generate(Generate(1, tuple(messages), sampling), ignore, lambda: False)
        return model.describe(), result
    finally:
        model.close()


def chat(args: argparse.Namespace) -> int:
    """Send one message; the answer streams to stdout and the reasoning, apart, to
    stderr (a script reads the answer alone), or ``--json`` prints both at the end."""
    from cli.render import read_template
    from cli.structured import check_tool_support, finish, read_structured
    from core.conversation.types import ThinkingSettings
    from core.engine.sync import SyncEngine
    from core.templates.fallbacks import fallback_source

    given = {name: getattr(args, name) for name in (
        "strategy", "temperature", "top_k", "top_p", "min_p", "typical_p", "repeat_penalty",
        "repeat_last_n", "presence_penalty", "frequency_penalty", "max_tokens", "seed",
        "beam_width", "length_penalty", "n_best") if getattr(args, name) is not None}
    # Settings the user did not give keep their defaults; strategy and temperature
    # follow each other when only one is given (SamplingParams decides).
    sampling = SamplingParams.from_dict({**given, "stop": list(args.stop),
                                         "logprobs": args.logprobs})
    if not args.message.strip():
        raise BadInput("cli.empty_message", "the message is empty")
    if args.thinking_budget is not None and not 0 <= args.thinking_budget <= 1_048_576:
        raise BadInput("cli.thinking_budget",
                       "--thinking-budget must be between 0 and 1048576 tokens")
    thinking = ThinkingSettings(ThinkingMode(args.thinking), args.thinking_budget)
    family = Family(args.format) if args.format else None
    template = read_template(args.template_file) if args.template_file else None
    if args.template:
        template = fallback_source(args.template)
    structured = read_structured(args)
    if args.remote:
        from cli.remote import remote_engine

        engine, request = remote_engine(args)
    else:
        engine, request = SyncEngine(), load_request(args, model_path(args.model))
    messages = []
    if args.system:
        messages.append({"role": "system", "content": args.system})
    messages.append({"role": "user", "content": args.message})
    with engine:
        loaded = engine.load(request)
        if template is not None:
            loaded = engine.set_template(template)
        check_tool_support(loaded, structured)
        for event in engine.stream(messages, sampling, thinking=thinking,
                                   output_family=family, offer=structured.offer):
            if isinstance(event, GenerationFinished):
                _finish(event, sampling, args.json)
                return finish(event, structured, args.json)
            if sampling.logprobs and event.logprobs:
                for token in event.logprobs:
                    print(json.dumps({
                        "id": token.id, "piece": token.piece, "prob": round(token.prob, 6),
                        "reasoning": token.reasoning,
                        "alternatives": [{"id": a.id, "piece": a.piece, "prob": round(a.prob, 6)}
                                         for a in token.alternatives]}, ensure_ascii=False))
            elif not sampling.logprobs and not args.json:
                if event.reasoning:
                    sys.stderr.write(event.reasoning)
                    sys.stderr.flush()
                sys.stdout.write(event.text)
            sys.stdout.flush()
    return 0


def _finish(event: GenerationFinished, sampling: SamplingParams, as_json: bool) -> None:
    candidates = [{"candidate": c.text, "logprob": round(c.logprob, 4),
                   "score": round(c.normalized_score, 4)}
                  for c in (event.candidates or ())[: sampling.n_best]]
    if as_json:
        print(json.dumps({
            "content": event.text or None, "reasoning": event.reasoning or None,
            "tool_calls": [c.to_json() for c in event.tool_calls] or None,
            "finish": str(event.reason), "completion_tokens": event.stats.completion_tokens,
            "reasoning_tokens": event.reasoning_tokens,
            "reasoning_ms": round(event.reasoning_ms, 1),
            **({"candidates": candidates} if sampling.n_best > 1 else {}),
            "notes": [note.message for note in event.notes]}, ensure_ascii=False))
        sys.stdout.flush()
        return
    if event.reasoning:
        sys.stderr.write("\n")
        sys.stderr.flush()
    if not sampling.logprobs:
        sys.stdout.write("\n")
    if sampling.n_best > 1:
        for candidate in candidates:
            print(json.dumps(candidate, ensure_ascii=False))
    for note in event.notes:
        print(f"prosa: note: {note.message}", file=sys.stderr)
    sys.stdout.flush()
