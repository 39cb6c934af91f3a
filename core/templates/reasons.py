"""Why a chat template (or none) was chosen, as problems the window translates.

Every choice carries a one-sentence reason, shown in the status bar and the prompt
inspector, so a surprising format can be understood and corrected.  The reason is a
:class:`~core.errors.Problem` (a ``template.reason.*`` code and its fields), never
prose: the window shows it in the user's language.  A guess names the evidence it
rests on (the special tokens, the name, the architecture...), and since a translation
must name it too, the kind of evidence is part of the code, not a field: one sentence
per (why chat, how the family was found) pair, written out below.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from core.common.problems import filled
from core.errors import ParamValue, Problem


class Evidence(StrEnum):
    """What a guess about a model rests on; the value is the English name for it."""

    SPECIAL_TOKENS = "special tokens"
    SPECIAL_TOKENS_AND_NAME = "special tokens and name"
    NAME = "name"
    ARCHITECTURE = "architecture"
    EOS_TOKEN = "end-of-sequence token"


@dataclass(frozen=True)
class Clue:
    """Evidence for a guess, kept so the reason can quote it to the user."""

    what: Evidence
    #: The token, word or value that decided it.
    detail: str
    #: For a word found in a name: that name (quoted).
    within: str = ""


COMPLETION_CHOSEN: Final = Problem.of(
    "template.reason.completion_chosen",
    "You chose completion mode, so no chat template is used and the model continues the "
    "text you write.")
OVERRIDE: Final = Problem.of(
    "template.reason.override", "You set a chat template of your own for this model.")
TOOL_USE_FOR_TOOLS: Final = Problem.of(
    "template.reason.tool_use_for_tools",
    "Tools are enabled and the model file carries a tool_use template, which formats tool "
    "definitions and calls the way the model was trained.")
TOOL_USE_ONLY: Final = Problem.of(
    "template.reason.tool_use_only",
    "The model file carries only a tool_use template, so Prosa uses it, as it is still the "
    "turn format the model was trained on.")
OWN: Final = Problem.of(
    "template.reason.own",
    "The model file carries its own chat template, the format it was trained with.")
BASE_MODEL: Final = Problem.of(
    "template.reason.base_model",
    "The model file has no chat template and nothing about it says it was "
    "instruction-tuned, so Prosa treats it as a base model that continues the text you "
    "write.")
_BROKEN: Final = Problem.of(
    "template.reason.broken",
    "Prosa uses its built-in {family} template, because the chosen one could not be used: "
    "{cause}")

#: (what says the model chats: None when the user chose chat mode; what named its
#: family: None when nothing did) -> the sentence.
_FALLBACKS: Final[dict[tuple[Evidence | None, Evidence | None], Problem]] = {
    (None, None): Problem.of(
        "template.reason.chat_chosen.unknown",
        "You chose chat mode for a model whose file has no chat template, and nothing in "
        "it names its chat format, so Prosa uses its built-in {family} template, the most"
        " common format."),
    (None, Evidence.SPECIAL_TOKENS): Problem.of(
        "template.reason.chat_chosen.special_tokens",
        "You chose chat mode for a model whose file has no chat template, so Prosa uses "
        "its built-in {family} template, chosen from the model's special tokens "
        "({detail})."),
    (None, Evidence.SPECIAL_TOKENS_AND_NAME): Problem.of(
        "template.reason.chat_chosen.special_tokens_and_name",
        "You chose chat mode for a model whose file has no chat template, so Prosa uses "
        "its built-in {family} template, chosen from the model's special tokens and name "
        "({detail})."),
    (None, Evidence.NAME): Problem.of(
        "template.reason.chat_chosen.name",
        "You chose chat mode for a model whose file has no chat template, so Prosa uses "
        "its built-in {family} template, chosen from the model's name ({detail})."),
    (None, Evidence.ARCHITECTURE): Problem.of(
        "template.reason.chat_chosen.architecture",
        "You chose chat mode for a model whose file has no chat template, so Prosa uses "
        "its built-in {family} template, chosen from the model's architecture ({detail})."),
    (Evidence.NAME, None): Problem.of(
        "template.reason.tuned_name.unknown",
        "The model file has no chat template, but its name ({word} in {name}) says it is "
        "instruction-tuned, and nothing in it names its chat format, so Prosa uses its "
        "built-in {family} template, the most common format."),
    (Evidence.NAME, Evidence.SPECIAL_TOKENS): Problem.of(
        "template.reason.tuned_name.special_tokens",
        "The model file has no chat template, but its name ({word} in {name}) says it is "
        "instruction-tuned, so Prosa uses its built-in {family} template, chosen from the"
        " model's special tokens ({detail})."),
    (Evidence.NAME, Evidence.SPECIAL_TOKENS_AND_NAME): Problem.of(
        "template.reason.tuned_name.special_tokens_and_name",
        "The model file has no chat template, but its name ({word} in {name}) says it is "
        "instruction-tuned, so Prosa uses its built-in {family} template, chosen from the"
        " model's special tokens and name ({detail})."),
    (Evidence.NAME, Evidence.NAME): Problem.of(
        "template.reason.tuned_name.name",
        "The model file has no chat template, but its name ({word} in {name}) says it is "
        "instruction-tuned, so Prosa uses its built-in {family} template, chosen from the"
        " model's name ({detail})."),
    (Evidence.NAME, Evidence.ARCHITECTURE): Problem.of(
        "template.reason.tuned_name.architecture",
        "The model file has no chat template, but its name ({word} in {name}) says it is "
        "instruction-tuned, so Prosa uses its built-in {family} template, chosen from the"
        " model's architecture ({detail})."),
    (Evidence.EOS_TOKEN, None): Problem.of(
        "template.reason.tuned_eos.unknown",
        "The model file has no chat template, but its end-of-sequence token ({token}) "
        "says it is instruction-tuned, and nothing in it names its chat format, so Prosa "
        "uses its built-in {family} template, the most common format."),
    (Evidence.EOS_TOKEN, Evidence.SPECIAL_TOKENS): Problem.of(
        "template.reason.tuned_eos.special_tokens",
        "The model file has no chat template, but its end-of-sequence token ({token}) "
        "says it is instruction-tuned, so Prosa uses its built-in {family} template, "
        "chosen from the model's special tokens ({detail})."),
    (Evidence.EOS_TOKEN, Evidence.SPECIAL_TOKENS_AND_NAME): Problem.of(
        "template.reason.tuned_eos.special_tokens_and_name",
        "The model file has no chat template, but its end-of-sequence token ({token}) "
        "says it is instruction-tuned, so Prosa uses its built-in {family} template, "
        "chosen from the model's special tokens and name ({detail})."),
    (Evidence.EOS_TOKEN, Evidence.NAME): Problem.of(
        "template.reason.tuned_eos.name",
        "The model file has no chat template, but its end-of-sequence token ({token}) "
        "says it is instruction-tuned, so Prosa uses its built-in {family} template, "
        "chosen from the model's name ({detail})."),
    (Evidence.EOS_TOKEN, Evidence.ARCHITECTURE): Problem.of(
        "template.reason.tuned_eos.architecture",
        "The model file has no chat template, but its end-of-sequence token ({token}) "
        "says it is instruction-tuned, so Prosa uses its built-in {family} template, "
        "chosen from the model's architecture ({detail})."),
}


def fallback_reason(family: str, tuned: Clue | None, clue: Clue | None) -> Problem:
    """Why a built-in ``family`` template (its label) is used: ``tuned`` is what says
    the model chats (None when the user chose chat mode), ``clue`` what named the
    family (None when nothing did: the most common format is used)."""
    why = None if tuned is None else (
        Evidence.EOS_TOKEN if tuned.what is Evidence.EOS_TOKEN else Evidence.NAME)
    fields: dict[str, ParamValue] = {"family": family}
    if tuned is not None and why is Evidence.NAME:
        fields.update(word=tuned.detail, name=tuned.within)
    elif tuned is not None:
        fields.update(token=tuned.detail)
    if clue is not None:
        fields.update(detail=clue.detail)
    kind = None if clue is None or clue.what is Evidence.EOS_TOKEN else clue.what
    return filled(_FALLBACKS[why, kind], **fields)


def broken_reason(family: str, error: Problem) -> Problem:
    """Why a built-in template is used when the chosen one did not compile: ``error``
    (the compile error, with its line) is the cause, said in the reader's language."""
    return replace(filled(_BROKEN, family=family), cause=error)
