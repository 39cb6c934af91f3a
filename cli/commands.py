"""Prosa without a window: the same core, for scripts, installers and CI.

Exit codes: 0 success, 2 bad input (one line on stderr), 1 any other failure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from core.engine.protocol import GenerationFinished, LoadModel, ModelLoaded
from core.errors import BadInput, ModelFileError, ProsaError, TemplateError
from core.models.library import starter_model_path
from core.sampling.params import RANGES, SamplingParams
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
    parser.add_argument("--in-process", action="store_true",
                        help="with --self-test: run the engine in this process (for CPU "
                             "emulators, which do not follow a spawned process)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    chat = sub.add_parser("chat", help="send one message and stream the reply to stdout")
    chat.add_argument("message", help="the message to send")
    chat.add_argument("-m", "--model", help="GGUF file (default: the starter model)")
    chat.add_argument("--system", default=DEFAULT_SYSTEM_PROMPT,
                      help="system prompt (default: the app's; \"\" for none)")
    chat.add_argument("--strategy", choices=("greedy", "sample", "beam"),
                      help="how the next token is chosen (default: sampling, or greedy "
                           "with --temperature 0)")
    defaults = SamplingParams()
    for flag, name, kind in (
            ("--temperature", "temperature", float), ("--top-k", "top_k", int),
            ("--top-p", "top_p", float), ("--min-p", "min_p", float),
            ("--typical-p", "typical_p", float), ("--repeat-penalty", "repeat_penalty", float),
            ("--repeat-last-n", "repeat_last_n", int),
            ("--presence-penalty", "presence_penalty", float),
            ("--frequency-penalty", "frequency_penalty", float),
            ("--max-tokens", "max_tokens", int), ("--seed", "seed", int),
            ("--beams", "beam_width", int), ("--length-penalty", "length_penalty", float),
            ("--n-best", "n_best", int)):
        rng = RANGES[name]
        chat.add_argument(flag, type=kind, dest=name, default=None,
                          help=f"{rng.label} ({rng.low:g} to {rng.high:g}; "
                               f"default {getattr(defaults, name)})")
    chat.add_argument("--logprobs", type=int, default=0, metavar="N",
                      help="print each token with its N most likely alternatives as JSON "
                           "lines instead of the text")
    chat.add_argument("--stop", action="append", default=[], help="stop string (repeatable)")
    _engine_args(chat)

    render = sub.add_parser(
        "render", help="print the exact prompt a chat template makes of a conversation")
    source = render.add_mutually_exclusive_group(required=True)
    source.add_argument("--model", help="use this GGUF model's template (as the app would)")
    source.add_argument("--template-file", help="use the Jinja template in this file")
    render.add_argument("--messages", required=True,
                        help='JSON file: a list of {"role": ..., "content": ...}')
    render.add_argument("--tools", help="JSON file: a list of tool (function) schemas")
    render.add_argument("--bos", help="BOS token text (default: the model's)")
    render.add_argument("--eos", help="EOS token text (default: the model's)")
    render.add_argument("--no-generation-prompt", action="store_true",
                        help="do not add the assistant turn's opening")
    render.add_argument("--tokens", action="store_true",
                        help="print token ids and pieces instead (needs --model)")

    search = sub.add_parser("search", help="search GGUF models on the Hugging Face Hub")
    search.add_argument("text", help="what to look for, e.g. 'qwen 7b instruct'")
    search.add_argument("--sort", choices=("downloads", "likes", "recent"),
                        default="downloads")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--files", action="store_true",
                        help="also list each result's files by quantization")
    _hub_args(search)

    download = sub.add_parser("download", help="download and verify a file from the Hub")
    download.add_argument("repo", help="repository, e.g. owner/Model-GGUF")
    download.add_argument("file", help="file name in the repository (first part of a split "
                                       "model downloads every part)")
    _hub_args(download)

    models = sub.add_parser("models", help="list the models on this computer")
    models.add_argument("--json", action="store_true", help="one JSON object per model")

    bench = sub.add_parser("bench", help="run the benchmark suite; write docs/benchmarks.md")
    bench.add_argument("--quick", action="store_true",
                       help="a reduced run (fewer tokens and rounds, no Gemma): a minute or two")
    bench.add_argument("--output", default="docs/benchmarks.md",
                       help="where to write the Markdown table (default: docs/benchmarks.md)")

    inspect = sub.add_parser("inspect", help="print a GGUF file's metadata as JSON")
    inspect.add_argument("file", help="the .gguf file")
    _engine_args(parser)
    return parser


def _hub_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--endpoint", help="Hub address or mirror (default: the app's "
                                           "setting, else https://huggingface.co)")
    parser.add_argument("--token", help="access token for gated or private repositories")


def _hub_settings(args: argparse.Namespace) -> tuple[str, str | None, bool]:
    from core.paths import app_paths
    from core.settings import load_settings

    settings = load_settings(app_paths().settings_file)
    endpoint = (args.endpoint or settings.hub_endpoint).rstrip("/")
    if not endpoint.startswith(("http://", "https://")):
        raise BadInput("--endpoint must start with http:// or https://")
    # An explicit --endpoint is a deliberate request: it overrides the offline switch.
    offline = settings.offline and not args.endpoint
    return endpoint, args.token or settings.hub_token, offline


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
        if args.command == "render":
            return render(args)
        if args.command == "models":
            return models(args)
        if args.command == "search":
            return search(args)
        if args.command == "download":
            return download(args)
        if args.command == "bench":
            try:
                from bench.suite import run_suite
            except ModuleNotFoundError as exc:  # the installed app ships no benchmarks
                raise BadInput("the benchmarks run from Prosa's source code "
                               "(./prosa.sh bench)") from exc

            return run_suite(args.quick, Path(args.output))
        raise BadInput("nothing to do: give a command (chat, render, models, inspect) or "
                       "--self-test")
    except BadInput as exc:
        print(f"prosa: {exc.message}", file=sys.stderr)
        return 2
    except (ModelFileError, TemplateError) as exc:
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
    """Load the starter model, generate greedily, print one JSON line.

    ``--in-process`` runs the engine's own code in this process instead of a spawned
    engine process: a CPU emulator (``qemu-x86_64 -cpu Haswell``) runs only the program
    it started, not the processes that program spawns, so this is how a build is proved
    to run on an older CPU."""
    from core.about.version import build_info
    from core.engine.llama.backends import BackendInfo, ensure_backends

    model = _model_path(None)
    request = _load_request(args, model)
    sampling = SamplingParams(temperature=0.0, max_tokens=SELF_TEST_TOKENS, seed=0)
    # A fixed prompt, greedy: the reply is the same on every run of one build.
    messages = [{"role": "user", "content": SELF_TEST_PROMPT}]
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
        "devices": [f"{d.name} ({d.kind})" for d in backend.devices] if backend else [],
        "reply": result.text,
    }
    print(json.dumps(report, ensure_ascii=False))
    if tokens < 16 and result.reason != "length":
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
    from core.engine.sync import SyncEngine

    given = {name: getattr(args, name) for name in (
        "strategy", "temperature", "top_k", "top_p", "min_p", "typical_p", "repeat_penalty",
        "repeat_last_n", "presence_penalty", "frequency_penalty", "max_tokens", "seed",
        "beam_width", "length_penalty", "n_best") if getattr(args, name) is not None}
    # Settings the user did not give keep their defaults; strategy and temperature
    # follow each other when only one is given (SamplingParams decides).
    sampling = SamplingParams.from_dict({**given, "stop": list(args.stop),
                                         "logprobs": args.logprobs})
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
                if not sampling.logprobs:
                    sys.stdout.write("\n")
                for candidate in (event.candidates or ())[: sampling.n_best]:
                    if sampling.n_best > 1:
                        print(json.dumps({"candidate": candidate.text,
                                          "logprob": round(candidate.logprob, 4),
                                          "score": round(candidate.normalized_score, 4)},
                                         ensure_ascii=False))
                sys.stdout.flush()
                return 0
            if sampling.logprobs and event.logprobs:
                for token in event.logprobs:
                    print(json.dumps({
                        "id": token.id, "piece": token.piece, "prob": round(token.prob, 6),
                        "alternatives": [{"id": a.id, "piece": a.piece, "prob": round(a.prob, 6)}
                                         for a in token.alternatives]}, ensure_ascii=False))
            elif not sampling.logprobs:
                sys.stdout.write(event.text)
            sys.stdout.flush()
    return 0


def _read_json_list(path: str, what: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput(f"cannot read {what} file {path}: {exc.strerror or exc}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadInput(f"{what} file {path} is not valid JSON: {exc}") from exc
    if isinstance(data, dict) and isinstance(data.get("messages"), list) and what == "messages":
        data = data["messages"]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise BadInput(f"{what} file {path} must hold a JSON list of objects")
    return data


def render(args: argparse.Namespace) -> int:
    from core.models.gguf import read_gguf_info
    from core.templates.choice import choose_template
    from core.templates.template import ChatTemplate

    messages = _read_json_list(args.messages, "messages")
    tools = _read_json_list(args.tools, "tools") if args.tools else None
    bos, eos = args.bos, args.eos
    if args.model:
        info = read_gguf_info(args.model)
        choice = choose_template(info, tools=tools is not None, force_mode="chat")
        assert choice.source is not None
        source = choice.source
        bos = info.bos_token or "" if bos is None else bos
        eos = info.eos_token or "" if eos is None else eos
    else:
        if args.tokens:
            raise BadInput("--tokens needs --model (tokens come from a model's vocabulary)")
        try:
            source = Path(args.template_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"cannot read template file {args.template_file}: {exc}") from exc
    extra = {"tools": tools} if tools is not None else {}
    text = ChatTemplate(source).render(
        messages, add_generation_prompt=not args.no_generation_prompt,
        bos_token=bos or "", eos_token=eos or "", **extra)
    if not args.tokens:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    for token_id, piece in _tokenize(args.model, text, messages, source):
        print(json.dumps({"id": token_id, "piece": piece}, ensure_ascii=False))
    return 0


def _tokenize(model: str, text: str, messages: list[dict[str, Any]],
              source: str) -> list[tuple[int, str]]:
    """Token ids exactly as the engine makes them (``core.templates.tokens``)."""
    import llama_cpp

    from core.engine.llama.backends import ensure_backends
    from core.templates.tokens import tokenize_prompt, with_bos

    ensure_backends()
    llm = llama_cpp.Llama(model_path=model, vocab_only=True, verbose=False)

    def tokenize(piece: str, special: bool) -> list[int]:
        return list(llm.tokenize(piece.encode("utf-8"), add_bos=False, special=special))

    tokens, _ = tokenize_prompt(tokenize, text, messages, source)
    tokens = with_bos(tokens, llm.token_bos(),
                      bool(llama_cpp.llama_vocab_get_add_bos(llm._model.vocab)))
    return [(t, llm.detokenize([t], special=True).decode("utf-8", errors="replace"))
            for t in tokens]


def search(args: argparse.Namespace) -> int:
    from core.hub.client import Hub

    if not 1 <= args.limit <= 500:
        raise BadInput("--limit must be between 1 and 500")
    endpoint, token, offline = _hub_settings(args)
    hub = Hub(endpoint, token, offline)
    results = hub.search(args.text, sort=args.sort, limit=args.limit)
    if not results:
        print("No GGUF models match.", file=sys.stderr)
        return 0
    for repo in results:
        updated = repo.last_modified.date().isoformat() if repo.last_modified else "?"
        flags = " gated" if repo.gated else ""
        print(f"{repo.repo_id}  {repo.size_label or '?'}  {repo.downloads:,} downloads  "
              f"{repo.likes:,} likes  updated {updated}  {repo.license or '?'}{flags}")
        if args.files:
            for quant in hub.files(repo.repo_id):
                print(f"    {quant.quant:<10} {quant.size / 1e9:7.2f} GB  "
                      f"{', '.join(quant.files)}")
    return 0


def download(args: argparse.Namespace) -> int:
    from core.hub.downloads import JobProgress, download_file
    from core.paths import app_paths

    endpoint, token, offline = _hub_settings(args)
    if offline:
        raise BadInput("offline mode is on in Prosa's settings; give --endpoint to override")
    last = [0.0]

    def progress(event: JobProgress) -> None:
        import time

        now = time.monotonic()
        if now - last[0] < 0.5 and event.done < event.total:
            return
        last[0] = now
        eta = f"{event.eta:.0f} s left" if event.eta is not None else ""
        print(f"\r{event.done / 1e6:8.1f} / {event.total / 1e6:.1f} MB  "
              f"{event.speed / 1e6:6.1f} MB/s  {eta:<12}", end="", file=sys.stderr, flush=True)

    path = download_file(app_paths().ensure().models, args.repo, args.file, endpoint, token,
                         progress)
    print(file=sys.stderr)
    print(path)
    return 0


def models(args: argparse.Namespace) -> int:
    from core.models.library import Library
    from core.paths import app_paths

    paths = app_paths()
    entries = Library(paths.models, paths.config / "library.json").scan()
    rows: list[dict[str, Any]] = [{
        "name": e.name,
        "path": str(e.path),
        "origin": e.origin,
        "size": e.size,
        "architecture": e.info.architecture if e.info else None,
        "parameters": e.info.size_label if e.info else None,
        "quantization": e.info.quantization if e.info else None,
        "context_length": e.info.context_length if e.info else None,
        "chat_template": bool(e.info.chat_template) if e.info else None,
        "problem": e.problem or None,
    } for e in entries]
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    header = ("MODEL", "ARCH", "PARAMS", "QUANT", "CONTEXT", "SIZE", "SOURCE")
    table: list[tuple[str, ...]] = [header]
    for r in rows:
        problem = f" ({r['problem']})" if r["problem"] else ""
        table.append((str(r["name"]), str(r["architecture"] or "?"),
                      str(r["parameters"] or "?"), str(r["quantization"] or "?"),
                      str(r["context_length"] or "?"), f"{r['size'] / 1e6:,.0f} MB",
                      f"{r['origin']}{problem}"))
    widths = [max(len(line[i]) for line in table) for i in range(len(header) - 1)]
    for line in table:
        cells = [c.ljust(w) for c, w in zip(line, widths, strict=False)]
        print("  ".join([*cells, line[-1]]))
    return 0


def inspect(args: argparse.Namespace) -> int:
    from core.models.gguf import read_gguf_info

    info = read_gguf_info(args.file)
    print(json.dumps(info.to_json(), ensure_ascii=False, indent=2))
    return 0
