"""The user's library of saved system prompts.

Kept as a JSON list of ``{"name", "text"}`` in the config folder.  Names are unique
and case-insensitive, since two prompts called "Tutor" and "tutor" in one menu would
only confuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.common.jsonfile import read_json, write_json
from core.errors import BadInput
from core.settings import DEFAULT_SYSTEM_PROMPT

MAX_NAME = 80


@dataclass(frozen=True)
class SavedPrompt:
    name: str
    text: str


DEFAULT_PROMPTS: tuple[SavedPrompt, ...] = (
    SavedPrompt("Helpful assistant", DEFAULT_SYSTEM_PROMPT),
    SavedPrompt("Concise", "Answer in as few words as possible. No preamble."),
    SavedPrompt("Patient teacher",
                "You are a patient teacher. Explain step by step, with a small example, "
                "and check understanding with one short question at the end."),
    SavedPrompt("Translator", "Translate the user's text between English and Brazilian "
                              "Portuguese. Reply with the translation only."),
)


class SystemPromptLibrary:
    def __init__(self, path: Path) -> None:
        self._path = path
        self.notice = ""
        data, kept_as = read_json(path)
        if kept_as is not None:
            self.notice = f"The saved system prompts were damaged; kept as {kept_as.name}."
        self._prompts = _parse(data) if data is not None else list(DEFAULT_PROMPTS)

    @property
    def prompts(self) -> tuple[SavedPrompt, ...]:
        return tuple(self._prompts)

    def get(self, name: str) -> SavedPrompt | None:
        index = self._index(name)
        return None if index is None else self._prompts[index]

    def save(self, name: str, text: str) -> SavedPrompt:
        """Add a prompt, or replace the text of the one with that name."""
        name = _valid_name(name)
        prompt = SavedPrompt(name, text)
        index = self._index(name)
        if index is None:
            self._prompts.append(prompt)
        else:
            self._prompts[index] = prompt
        self._write()
        return prompt

    def rename(self, old: str, new: str) -> None:
        new = _valid_name(new)
        index = self._require(old)
        clash = self._index(new)
        if clash is not None and clash != index:
            raise BadInput(f"A system prompt named “{new}” already exists.")
        self._prompts[index] = SavedPrompt(new, self._prompts[index].text)
        self._write()

    def delete(self, name: str) -> None:
        del self._prompts[self._require(name)]
        self._write()

    def _index(self, name: str) -> int | None:
        key = name.strip().casefold()
        return next((i for i, p in enumerate(self._prompts) if p.name.casefold() == key), None)

    def _require(self, name: str) -> int:
        index = self._index(name)
        if index is None:
            raise BadInput(f"There is no saved system prompt named “{name}”.")
        return index

    def _write(self) -> None:
        write_json(self._path, [{"name": p.name, "text": p.text} for p in self._prompts])


def _valid_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise BadInput("A system prompt needs a name.")
    if len(name) > MAX_NAME:
        raise BadInput(f"A system prompt name can have at most {MAX_NAME} characters.")
    return name


def _parse(data: object) -> list[SavedPrompt]:
    if not isinstance(data, list):
        return list(DEFAULT_PROMPTS)
    prompts: list[SavedPrompt] = []
    seen: set[str] = set()
    for item in data:
        if isinstance(item, dict) and isinstance(item.get("name"), str) \
                and isinstance(item.get("text"), str) and item["name"].strip():
            key = item["name"].strip().casefold()
            if key not in seen:
                seen.add(key)
                prompts.append(SavedPrompt(item["name"].strip(), item["text"]))
    return prompts
