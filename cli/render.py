"""``render``: the exact prompt (or its tokens) a chat template makes of a conversation."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from core.errors import BadInput


def read_json_list(path: str, what: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput("cli.unreadable_file", "cannot read {what} file {path}: {reason}",
                       what=what, path=path, reason=exc.strerror or str(exc)) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadInput("cli.bad_json", "{what} file {path} is not valid JSON: {reason}",
                       what=what, path=path, reason=str(exc)) from exc
    if isinstance(data, dict) and isinstance(data.get("messages"), list) and what == "messages":
        data = data["messages"]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise BadInput("cli.not_a_list", "{what} file {path} must hold a JSON list of objects",
                       what=what, path=path)
    return data


def read_template(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput("cli.unreadable_template", "cannot read template file {path}: {reason}",
                       path=path, reason=str(exc)) from exc


def render(args: argparse.Namespace) -> int:
    from core.models.gguf import read_gguf_info
    from core.templates.choice import choose_template
    from core.templates.template import ChatTemplate

    messages = read_json_list(args.messages, "messages")
    tools = read_json_list(args.tools, "tools") if args.tools else None
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
            raise BadInput("cli.tokens_need_model",
                           "--tokens needs --model (tokens come from a model's vocabulary)")
        source = read_template(args.template_file)
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
