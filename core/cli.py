"""Prosa without a window: the same core, for scripts, installers and CI.

Exit codes: 0 success, 2 bad input (one line on stderr), 1 any other failure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from core.engine.protocol import GenerationFinished, LoadModel
from core.errors import BadInput, ModelFileError, ProsaError
from core.library import starter_model_path
from core.sampling import RANGES, SamplingParams
from core.settings import DEFAULT_SYSTEM_PROMPT

SELF_TEST_PROMPT = "List three colours of the rainbow."
SELF_TEST_TOKENS = 24


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise BadInput(f"{message} (see: python main.py {self.prog.split()[-1]} --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py", description="Prosa: chat with local language models.")
    parser.add_argument("--self-test", action="store_true",
                        help="load the starter model, generate greedily, print one JSON line")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    chat = sub.add_parser("chat", help="send one message and stream the reply to stdout")
    chat.add_argument("message", help="the message to send")
    chat.add_argument("-m", "--model", help="GGUF file (default: the starter model)")
    chat.add_argument("--system", default=DEFAULT_SYSTEM_PROMPT,
                      help="system prompt (default: the app's; \"\" for none)")
    defaults = SamplingParams()
    for name, kind in (("temperature", float), ("top_k", int), ("top_p", float),
                       ("min_p", float), ("repeat_penalty", float), ("max_tokens", int),
                       ("seed", int)):
        rng = RANGES[name]
        chat.add_argument("--" + name.replace("_", "-"), type=kind, dest=name,
                          default=getattr(defaults, name),
                          help=f"{rng.label} ({rng.low:g} to {rng.high:g}; "
                               f"default {getattr(defaults, name)})")
    chat.add_argument("--stop", action="append", default=[], help="stop string (repeatable)")
    _engine_args(chat)

    inspect = sub.add_parser("inspect", help="print a GGUF file's metadata as JSON")
    inspect.add_argument("file", help="the .gguf file")
    _engine_args(parser)
    return parser


def _engine_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ctx", type=int, default=4096, help="context length in tokens")
    parser.add_argument("--gpu-layers", type=int, default=0,
                        help="layers to offload to the GPU (-1: all)")
    parser.add_argument("--threads", type=int, default=None, help="CPU threads")


def main(argv: Sequence[str]) -> int:
    try:
        args = build_parser().parse_args(list(argv))
        if args.self_test:
            return self_test(args)
        if args.command == "chat":
            return chat(args)
        if args.command == "inspect":
            return inspect(args)
        raise BadInput("nothing to do: give a command (chat, inspect) or --self-test")
    except BadInput as exc:
        print(f"prosa: {exc.message}", file=sys.stderr)
        return 2
    except ModelFileError as exc:
        print(f"prosa: {exc.message}", file=sys.stderr)
        return 2
    except ProsaError as exc:
        print(f"prosa: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _model_path(given: str | None) -> str:
    if given:
        path = Path(given).expanduser()
        if not path.is_file():
            raise BadInput(f"no such model file: {given}")
        return str(path)
    starter = starter_model_path()
    if starter is None:
        raise BadInput("the starter model is not installed (run ./prosa.sh setup) "
                       "and no --model was given")
    return str(starter)


def _load_request(args: argparse.Namespace, model: str) -> LoadModel:
    if not 256 <= args.ctx <= 1_048_576:
        raise BadInput("--ctx must be between 256 and 1048576")
    if args.gpu_layers < -1:
        raise BadInput("--gpu-layers must be -1 (all), 0 or more")
    if args.threads is not None and not 1 <= args.threads <= 1024:
        raise BadInput("--threads must be between 1 and 1024")
    return LoadModel(model_path=model, n_ctx=args.ctx, n_gpu_layers=args.gpu_layers,
                     n_threads=args.threads)


def self_test(args: argparse.Namespace) -> int:
    from core.engine.sync import SyncEngine

    model = _model_path(None)
    request = _load_request(args, model)
    with SyncEngine() as engine:
        loaded = engine.load(request)
        sampling = SamplingParams(temperature=0.0, max_tokens=SELF_TEST_TOKENS, seed=0)
        # A fixed prompt, greedy: the reply is the same on every run of one build.
        messages = [{"role": "user", "content": SELF_TEST_PROMPT}]
        result = engine.generate(messages, sampling)
    tokens = result.stats.completion_tokens
    report = {
        "model": Path(model).name,
        "tokens": tokens,
        "tokens_per_s": round(result.stats.tokens_per_s, 2),
        "ttft_ms": round(result.stats.ttft_ms, 2),
        "prompt_tokens": result.stats.prompt_tokens,
        "load_s": round(loaded.load_seconds, 3),
        "gpu_layers": request.n_gpu_layers,
        "gpu_offload_supported": loaded.gpu_offload_supported,
        "reply": result.text,
    }
    print(json.dumps(report, ensure_ascii=False))
    if tokens < 16 and result.reason != "length":
        print(f"prosa: self-test produced only {tokens} tokens ({result.reason})",
              file=sys.stderr)
        return 1
    return 0


def chat(args: argparse.Namespace) -> int:
    from core.engine.sync import SyncEngine

    sampling = SamplingParams(
        temperature=args.temperature, top_k=args.top_k, top_p=args.top_p, min_p=args.min_p,
        repeat_penalty=args.repeat_penalty, max_tokens=args.max_tokens, seed=args.seed,
        stop=tuple(args.stop),
    ).validated()
    if not args.message.strip():
        raise BadInput("the message is empty")
    request = _load_request(args, _model_path(args.model))
    messages = []
    if args.system:
        messages.append({"role": "system", "content": args.system})
    messages.append({"role": "user", "content": args.message})
    with SyncEngine() as engine:
        engine.load(request)
        for event in engine.stream(messages, sampling):
            if isinstance(event, GenerationFinished):
                sys.stdout.write("\n")
                sys.stdout.flush()
                return 0
            sys.stdout.write(event.text)
            sys.stdout.flush()
    return 0


def inspect(args: argparse.Namespace) -> int:
    from core.gguf_info import read_gguf_info

    info = read_gguf_info(args.file)
    print(json.dumps(info.to_json(), ensure_ascii=False, indent=2))
    return 0
