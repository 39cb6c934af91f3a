"""The command line's grammar: every subcommand, its options and their help.

Errors in the arguments are ``BadInput`` (exit code 2, one line), never argparse's own
usage dump and exit.
"""

from __future__ import annotations

import argparse
from typing import NoReturn

from cli.parse import add_parser as add_parse
from core.errors import BadInput
from core.output.types import Family
from core.sampling.params import RANGES, SamplingParams
from core.settings import DEFAULT_SYSTEM_PROMPT
from core.templates.fallbacks import FALLBACK_FAMILIES

#: The environment variable that may hold a remote server's key (a key on the command
#: line shows in the process list).
KEY_VARIABLE = "PROSA_API_KEY"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise BadInput("cli.usage", "{problem} (see: python main.py {command} --help)",
                       problem=message, command=self.prog.split()[-1])


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py", description="Prosa: chat with local language models.")
    parser.add_argument("--self-test", action="store_true",
                        help="load the starter model, generate greedily, print one JSON line")
    parser.add_argument("--in-process", action="store_true",
                        help="with --self-test: run the engine in this process (for CPU "
                             "emulators, which do not follow a spawned process)")
    parser.add_argument("--brief", action="store_true",
                        help="with --self-test: a one-word prompt and 4 tokens, enough to "
                             "prove the build runs (an emulated CPU is 300 times slower)")
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
                           "lines instead of the text (\"reasoning\": true for the tokens "
                           "of the reasoning)")
    chat.add_argument("--stop", action="append", default=[], help="stop string (repeatable)")
    template = chat.add_mutually_exclusive_group()
    template.add_argument("--template-file", metavar="FILE",
                          help="use the Jinja chat template in this file instead of the "
                               "model's")
    template.add_argument("--template", choices=FALLBACK_FAMILIES, metavar="NAME",
                          help="use a built-in chat template instead of the model's: "
                               + ", ".join(FALLBACK_FAMILIES) + " (chatml-tools: ChatML "
                               "with Hermes-style tool calls, for --tools)")
    chat.add_argument("--thinking", choices=("on", "off", "default"), default="default",
                      help="whether a reasoning model thinks first, through its template's "
                           "own switch (default: as the template decides)")
    chat.add_argument("--thinking-budget", type=int, default=None, metavar="N",
                      help="reasoning tokens at most; then the reasoning is closed and the "
                           "model answers (--max-tokens limits the answer alone)")
    chat.add_argument("--format", choices=[f.value for f in Family], default=None,
                      metavar="FORMAT",
                      help="the output family to read the reply with (default: detected "
                           "from the model's template): " + ", ".join(f.value for f in Family))
    chat.add_argument("--json", action="store_true",
                      help="print one JSON object at the end: content, reasoning, tool "
                           "calls, why it ended and token counts")
    shape = chat.add_mutually_exclusive_group()
    shape.add_argument("--json-schema", metavar="FILE",
                       help="the reply must be JSON valid against the JSON schema in this "
                            "file (decoding is constrained; the reply is validated, exit "
                            "code 1 if it does not)")
    shape.add_argument("--grammar", metavar="FILE",
                       help="the reply must follow the GBNF grammar in this file "
                            "(llama.cpp's grammar format, rule root)")
    chat.add_argument("--tools", metavar="FILE",
                      help="JSON file: a list of tools in OpenAI's function format, "
                           "offered to the model through its template; the calls print "
                           "as JSON lines")
    chat.add_argument("--tool-choice", metavar="CHOICE", default=None,
                      help="with --tools: auto (the model decides; the default), "
                           "required (it must call one), none, or a tool's name")
    add_remote_args(chat, model=True)
    engine_args(chat)

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
    hub_args(search)

    download = sub.add_parser("download", help="download and verify a file from the Hub")
    download.add_argument("repo", help="repository, e.g. owner/Model-GGUF")
    download.add_argument("file", help="file name in the repository (first part of a split "
                                       "model downloads every part)")
    hub_args(download)

    models = sub.add_parser("models", help="list the models on this computer")
    models.add_argument("--json", action="store_true", help="one JSON object per model")
    add_remote_args(models, model=False)

    bench = sub.add_parser("bench", help="run the benchmark suite; write docs/benchmarks.md")
    bench.add_argument("--quick", action="store_true",
                       help="a reduced run (fewer tokens and rounds, no Gemma): a minute or two")
    bench.add_argument("--output", default="docs/benchmarks.md",
                       help="where to write the Markdown table (default: docs/benchmarks.md)")

    serve = sub.add_parser("serve", help="serve the model over an OpenAI-compatible API "
                                         "until Ctrl+C")
    serve.add_argument("-m", "--model", help="GGUF file (default: the starter model)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default 127.0.0.1: this computer "
                            "only; 0.0.0.0 lets the whole network in)")
    serve.add_argument("--port", type=int, default=8765,
                       help="the port (default 8765; 0: any free port)")
    serve.add_argument("--api-key", metavar="KEY",
                       help="clients must send this key (or set PROSA_SERVER_KEY, which "
                            "keeps it out of the process list)")
    served = serve.add_mutually_exclusive_group()
    served.add_argument("--template", choices=FALLBACK_FAMILIES, metavar="NAME",
                        help="a built-in chat template instead of the model's: "
                             + ", ".join(FALLBACK_FAMILIES))
    served.add_argument("--template-file", metavar="FILE",
                        help="the Jinja chat template in this file instead of the model's")
    served.add_argument("--completion", action="store_true",
                        help="completion mode: the model continues raw text "
                             "(/v1/completions)")
    serve.add_argument("--quiet", action="store_true", help="do not print each request")
    engine_args(serve)

    inspect = sub.add_parser("inspect", help="print a GGUF file's metadata as JSON")
    inspect.add_argument("file", help="the .gguf file")
    add_parse(sub)
    engine_args(parser)
    return parser


def add_remote_args(parser: argparse.ArgumentParser, *, model: bool) -> None:
    parser.add_argument("--remote", metavar="URL",
                        help="an OpenAI-compatible server (llama-server, vLLM, Ollama, LM "
                             "Studio...), e.g. http://192.168.1.20:8080/v1 (/v1 is added "
                             "when the address has no path)")
    parser.add_argument("--api-key", metavar="KEY",
                        help=f"the server's API key (or set {KEY_VARIABLE}, which keeps it "
                             "out of the process list)")
    if model:
        parser.add_argument("--remote-model", metavar="NAME",
                            help="the server's model to use (default: the first it lists)")


def hub_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--endpoint", help="Hub address or mirror (default: the app's "
                                           "setting, else https://huggingface.co)")
    parser.add_argument("--token", help="access token for gated or private repositories")


def engine_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ctx", type=int, default=4096, help="context length in tokens")
    parser.add_argument("--gpu-layers", type=int, default=0,
                        help="layers to offload to the GPU (-1: all)")
    parser.add_argument("--threads", type=int, default=None, help="CPU threads")
