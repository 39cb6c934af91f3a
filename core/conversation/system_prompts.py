"""The user's library of saved system prompts.

Kept as a JSON list of ``{"name", "text"}`` in the config folder, by the named store
shared with sampling presets (``core.common.named_store``): names are unique ignoring
case, and a damaged file is set aside.  A first run (no file yet) starts with a few
useful prompts in the window's language, which the user may change or delete like
their own.  The model reads these texts, so each language's are data here rather than
translations of the window: a Portuguese user starts with prompts that make the model
answer in Portuguese.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from core.common.named_store import MAX_NAME, NamedStore, StoreTexts
from core.errors import Problem
from core.settings import default_system_prompt

__all__ = ["DEFAULT_PROMPTS", "MAX_NAME", "SavedPrompt", "SystemPromptLibrary",
           "default_prompts"]


@dataclass(frozen=True)
class SavedPrompt:
    name: str
    text: str


_PROMPTS_BY_LANGUAGE: dict[str, tuple[SavedPrompt, ...]] = {
    "en": (
        SavedPrompt("Helpful assistant", default_system_prompt("en")),
        SavedPrompt("Concise", "Answer in as few words as possible. No preamble."),
        SavedPrompt("Patient teacher",
                    "You are a patient teacher. Explain step by step, with a small example, "
                    "and check understanding with one short question at the end."),
        SavedPrompt("Translator", "Translate the user's text between English and Brazilian "
                                  "Portuguese. Reply with the translation only."),
    ),
    "pt_BR": (
        SavedPrompt("Assistente prestativo", default_system_prompt("pt_BR")),
        SavedPrompt("Conciso", "Responda com o mínimo de palavras possível, sem introdução. "
                               "Responda no idioma em que o usuário escrever."),
        SavedPrompt("Professor paciente",
                    "Você é um professor paciente. Explique passo a passo, com um exemplo "
                    "pequeno, e confira o entendimento com uma pergunta curta no final. "
                    "Responda no idioma em que o usuário escrever."),
        SavedPrompt("Tradutor", "Traduza o texto do usuário entre o português do Brasil e o "
                                "inglês. Responda somente com a tradução."),
    ),
}


def default_prompts(language: str) -> tuple[SavedPrompt, ...]:
    """The prompts a first run starts with, in ``language`` (``"en"``, ``"pt_BR"``);
    English for a language Prosa lacks."""
    return _PROMPTS_BY_LANGUAGE.get(language, _PROMPTS_BY_LANGUAGE["en"])


#: The English prompts (a library opened without a language).
DEFAULT_PROMPTS: tuple[SavedPrompt, ...] = default_prompts("en")

_TEXTS = StoreTexts(
    damaged=Problem.of("prompts.damaged",
                       "The saved system prompts were damaged; kept as {kept_as}."),
    exists=Problem.of("prompts.exists", "A system prompt named “{name}” already exists."),
    missing=Problem.of("prompts.missing", "There is no saved system prompt named “{name}”."),
    no_name=Problem.of("prompts.no_name", "A system prompt needs a name."),
    too_long=Problem.of("prompts.name_too_long",
                        "A system prompt name can have at most {most} characters."),
)


class SystemPromptLibrary:
    def __init__(self, path: Path, language: str = "en") -> None:
        """``language`` is the window's (``"en"``, ``"pt_BR"``): the prompts that stand
        in while the user has saved none are in it."""
        self._store: NamedStore[SavedPrompt] = NamedStore(
            path, _TEXTS, load=_load, dump=_dump,
            with_name=lambda prompt, name: replace(prompt, name=name),
            defaults=default_prompts(language))

    @property
    def notice(self) -> Problem | None:
        """Set when the file was damaged (and set aside), for the window to show once."""
        return self._store.notice

    @property
    def prompts(self) -> tuple[SavedPrompt, ...]:
        return self._store.items

    def get(self, name: str) -> SavedPrompt | None:
        return self._store.get(name)

    def save(self, name: str, text: str) -> SavedPrompt:
        """Add a prompt, or replace the text of the one with that name."""
        return self._store.put(SavedPrompt(self._store.valid_name(name), text))

    def rename(self, old: str, new: str) -> None:
        self._store.rename(old, new)

    def delete(self, name: str) -> None:
        self._store.delete(name)


def _load(data: object) -> list[SavedPrompt] | None:
    if not isinstance(data, list):
        return None
    return [SavedPrompt(item["name"], item["text"]) for item in data
            if isinstance(item, dict) and isinstance(item.get("name"), str)
            and isinstance(item.get("text"), str)]


def _dump(prompts: Sequence[SavedPrompt]) -> object:
    return [{"name": p.name, "text": p.text} for p in prompts]
