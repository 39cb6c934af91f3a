"""Built-in chat templates for models whose file carries none.

Many GGUF conversions (older ones, quick community quants, the bundled Gemma 3 270M)
leave ``tokenizer.chat_template`` out, yet the model was trained on one fixed turn
format.  Guessing wrong costs answer quality, but guessing is all there is, so each
family's template is the canonical Hugging Face text of a well-known model of that
family, kept verbatim in ``resources/templates/<family>.jinja`` where people can
read and diff it.  Each file opens with a Jinja comment naming the family, the model
the text comes from and why it is there; the comment renders to nothing, and it is
kept in the source so that the template editor shows where the text came from.
"""

from __future__ import annotations

import functools
import re
from typing import Final

from core.errors import TemplateError
from core.paths import resources_dir

TEMPLATES_DIR: Final = resources_dir() / "templates"

#: Every built-in family, ChatML first: it is the catch-all when nothing matches.
FALLBACK_FAMILIES: Final[tuple[str, ...]] = (
    "chatml",
    "llama3",
    "llama2",
    "mistral",
    "gemma",
    "phi3",
    "zephyr",
    "chatml-tools",
)

#: Names people know the formats by, for menus and the template label.
FAMILY_LABELS: Final[dict[str, str]] = {
    "chatml": "ChatML",
    "llama3": "Llama 3",
    "llama2": "Llama 2",
    "mistral": "Mistral",
    "gemma": "Gemma",
    "phi3": "Phi-3",
    "zephyr": "Zephyr",
    "chatml-tools": "ChatML with tools (Hermes)",
}

_HEADER = re.compile(r"\A\{#\s*family:\s*(?P<family>[\w-]+),\s*source:\s*(?P<source>.+?),\s*why:")


def fallback_source(family: str) -> str:
    """The template text of a built-in family (header comment included)."""
    if family not in FALLBACK_FAMILIES:
        known = ", ".join(FALLBACK_FAMILIES)
        raise ValueError(f"unknown template family {family!r} (known: {known})")
    return _load(family)


def fallback_origin(family: str) -> str:
    """The model the family's text was copied from, as its header comment names it."""
    match = _HEADER.match(fallback_source(family))
    return match["source"] if match else ""


@functools.cache
def _load(family: str) -> str:
    """Read once per run: the files are part of the installation and do not change."""
    path = TEMPLATES_DIR / f"{family}.jinja"
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(
            "template.builtin_unreadable",
            "Prosa's built-in {family} chat template ({path}) could not be read; reinstall "
            "Prosa, or set a template of your own for this model.",
            details=f"{type(exc).__name__}: {exc}", family=FAMILY_LABELS[family],
            path=str(path),
        ) from exc
    match = _HEADER.match(source)
    if match is None or match["family"] != family:
        raise TemplateError(
            "template.builtin_damaged",
            "Prosa's built-in chat template file {path} is damaged (its header does not "
            "name the family {family}); reinstall Prosa.",
            details=source[:200], path=str(path), family=repr(family),
        )
    return source
