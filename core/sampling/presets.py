"""Named decoding settings: three built in, and the user's own.

A preset holds how tokens are chosen (strategy, temperature, filters, penalties, beam
settings), not the reply's length, seed, stop strings or how many probabilities to
show: choosing "Creative" should not undo the max tokens someone just set.

The user's presets live in one JSON file in the config folder, kept by the named store
shared with system prompts (``core.common.named_store``): a damaged file is set aside
(never deleted) and reported, and names are unique, ignoring case, across built-in and
saved presets.  A preset can be exported to a file of its own and imported again, on
this machine or another.

A built-in preset keeps one stable name ("Balanced": what settings, exported files and
the picker store) and is shown under its name in the window's language
(:meth:`Preset.label`, "Equilibrado").  Every one of those names is the built-in's: a
user's preset cannot take "Equilibrado" either, so an English and a Portuguese window
never show two entries under one name, and ``get("Equilibrado")`` finds "Balanced".
A saved preset that took such a name before it was reserved is kept, numbered.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from core.common.jsonfile import write_json
from core.common.named_store import MAX_NAME, NamedStore, StoreTexts, name_key
from core.errors import BadInput, Problem
from core.paths import app_paths
from core.sampling.params import SamplingParams

__all__ = ["BUILTIN_PRESETS", "EXPORT_KIND", "EXPORT_VERSION", "FILE_NAME", "MAX_NAME",
           "PRESET_FIELDS", "Preset", "PresetLibrary", "default_path"]
FILE_NAME = "sampling_presets.json"
#: Marks an exported preset file, so importing some other JSON fails with a clear reason.
EXPORT_KIND = "prosa-sampling-preset"
EXPORT_VERSION = 1

#: What a preset decides; every other setting stays as the user set it.
PRESET_FIELDS: tuple[str, ...] = (
    "strategy", "temperature", "top_k", "top_p", "min_p", "typical_p",
    "repeat_penalty", "repeat_last_n", "presence_penalty", "frequency_penalty",
    "beam_width", "length_penalty", "n_best",
)


@dataclass(frozen=True)
class Preset:
    name: str
    params: SamplingParams
    builtin: bool = False
    #: A built-in preset's name in each other language the window speaks
    #: (``{"pt_BR": "Equilibrado"}``); a saved preset has only its own.
    labels: Mapping[str, str] = field(default_factory=dict, compare=False)

    def label(self, language: str) -> str:
        """The name to show in a window speaking ``language`` (``"en"``, ``"pt_BR"``)."""
        return self.labels.get(language, self.name)

    @property
    def all_names(self) -> tuple[str, ...]:
        """Every name this preset answers to, in every language."""
        return (self.name, *self.labels.values())

    def apply(self, current: SamplingParams) -> SamplingParams:
        """``current`` with this preset's decoding settings."""
        return replace(current, **{name: getattr(self.params, name) for name in PRESET_FIELDS})

    def matches(self, params: SamplingParams) -> bool:
        return all(getattr(self.params, n) == getattr(params, n) for n in PRESET_FIELDS)

    def settings(self) -> dict[str, Any]:
        """The preset's own settings, as stored."""
        return {name: getattr(self.params, name) for name in PRESET_FIELDS}


BUILTIN_PRESETS: tuple[Preset, ...] = (
    Preset("Precise", SamplingParams(strategy="greedy", repeat_penalty=1.1), builtin=True,
           labels={"pt_BR": "Preciso"}),
    Preset("Balanced", SamplingParams(strategy="sample", temperature=0.7, top_k=40,
                                      top_p=0.95, min_p=0.05, repeat_penalty=1.1),
           builtin=True, labels={"pt_BR": "Equilibrado"}),
    Preset("Creative", SamplingParams(strategy="sample", temperature=1.1, top_k=0,
                                      top_p=0.98, min_p=0.05, repeat_penalty=1.05,
                                      presence_penalty=0.2), builtin=True,
           labels={"pt_BR": "Criativo"}),
)
#: Every name of every built-in preset, in any language: none is free for the user.
_RESERVED: tuple[str, ...] = tuple(name for p in BUILTIN_PRESETS for name in p.all_names)


def default_path() -> Path:
    return app_paths().config / FILE_NAME


_TEXTS = StoreTexts(
    damaged=Problem.of("preset.damaged",
                       "The saved sampling presets were damaged; kept as {kept_as}."),
    exists=Problem.of("preset.exists", "A preset named “{name}” already exists."),
    missing=Problem.of("preset.missing", "There is no saved preset named “{name}”."),
    no_name=Problem.of("preset.no_name", "A preset needs a name."),
    too_long=Problem.of("preset.name_too_long",
                        "A preset name can have at most {most} characters."),
)


class PresetLibrary:
    def __init__(self, path: Path | None = None) -> None:
        self._store: NamedStore[Preset] = NamedStore(
            path if path is not None else default_path(), _TEXTS, load=_load, dump=_dump,
            with_name=lambda preset, name: replace(preset, name=name),
            reserved=_RESERVED)

    @property
    def notice(self) -> Problem | None:
        """Set when the file was damaged (and set aside), for the window to show once."""
        return self._store.notice

    @property
    def presets(self) -> tuple[Preset, ...]:
        """Built-in presets first, then the user's, in the order they were saved."""
        return BUILTIN_PRESETS + self._store.items

    def get(self, name: str) -> Preset | None:
        return _builtin(name) or self._store.get(name)

    def matching(self, params: SamplingParams) -> Preset | None:
        """The first preset whose settings ``params`` has, if any."""
        return next((p for p in self.presets if p.matches(params)), None)

    def save(self, name: str, params: SamplingParams) -> Preset:
        """Save ``params``' decoding settings under ``name``, replacing a saved preset of
        that name (never a built-in one)."""
        name = self._store.valid_name(name)
        params.validated()
        builtin = _builtin(name)
        if builtin is not None:
            raise BadInput("preset.builtin_replaced",
                           "“{name}” is built in and cannot be replaced; save your changes "
                           "under another name.", name=_typed_builtin_name(name))
        return self._store.put(Preset(name, _only_preset_fields(params)))

    def rename(self, old: str, new: str) -> Preset:
        builtin = _builtin(old)
        if builtin is not None:
            raise BadInput("preset.builtin_renamed",
                           "“{name}” is built in and cannot be renamed; save your changes "
                           "under another name.", name=_typed_builtin_name(old))
        return self._store.rename(old, new)

    def delete(self, name: str) -> None:
        builtin = _builtin(name)
        if builtin is not None:
            raise BadInput("preset.builtin_deleted",
                           "“{name}” is built in and cannot be deleted; save your changes "
                           "under another name.", name=_typed_builtin_name(name))
        self._store.delete(name)

    def export(self, name: str, path: Path) -> None:
        """Write one preset (built-in or saved) to a file of its own."""
        preset = self.get(name)
        if preset is None:
            raise BadInput("preset.unknown", "There is no preset named “{name}”.", name=name)
        write_json(path, {"kind": EXPORT_KIND, "version": EXPORT_VERSION,
                          "name": preset.name, "settings": preset.settings()})

    def import_file(self, path: Path) -> Preset:
        """Add the preset in an exported file; a name already taken gets a number
        ("Warm (2)").  Raises :class:`BadInput` saying what is wrong with the file."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise BadInput("preset.unreadable", "Cannot read {file}: {reason}.",
                           details=repr(exc), file=path.name,
                           reason=exc.strerror or str(exc)) from exc
        except (UnicodeDecodeError, ValueError) as exc:
            raise BadInput("preset.not_json", "{file} is not a preset file (not valid JSON).",
                           file=path.name) from exc
        if not isinstance(data, dict) or data.get("kind") != EXPORT_KIND:
            raise BadInput("preset.wrong_kind", "{file} is not a Prosa sampling preset file.",
                           file=path.name)
        if not isinstance(data.get("version"), int) or data["version"] > EXPORT_VERSION:
            raise BadInput("preset.too_new", "{file} was made by a newer version of Prosa.",
                           file=path.name)
        name, settings = data.get("name"), data.get("settings")
        if not isinstance(name, str) or not isinstance(settings, dict):
            raise BadInput("preset.incomplete", "{file} has no preset name or settings.",
                           file=path.name)
        params = SamplingParams.from_dict(_only_known(settings))
        name = self._free_name(self._store.valid_name(name))
        return self._store.put(Preset(name, _only_preset_fields(params)))

    def _free_name(self, name: str) -> str:
        if self.get(name) is None:
            return name
        base = name[:MAX_NAME - 5]
        n = 2
        while self.get(f"{base} ({n})") is not None:
            n += 1
        return f"{base} ({n})"


def _builtin(name: str) -> Preset | None:
    """The built-in preset with ``name`` in any language, ignoring case and spaces."""
    key = name_key(name)
    return next((p for p in BUILTIN_PRESETS
                 if any(name_key(n) == key for n in p.all_names)), None)


def _typed_builtin_name(name: str) -> str:
    """The built-in name ``name`` matched, spelled as the preset spells it: a message
    names "Equilibrado" to whoever typed "equilibrado", not "Balanced"."""
    key = name_key(name)
    return next(n for n in _RESERVED if name_key(n) == key)


def _only_known(settings: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in settings.items() if k in PRESET_FIELDS}


def _only_preset_fields(params: SamplingParams) -> SamplingParams:
    """The preset's settings on top of the defaults, so two presets with the same
    settings compare equal whatever else the panel held when they were saved."""
    return replace(SamplingParams(), **{n: getattr(params, n) for n in PRESET_FIELDS})


def _load(data: object) -> list[Preset]:
    """The saved presets that are valid; a bad entry is skipped, not fatal."""
    entries = data.get("presets") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    presets: list[Preset] = []
    for item in entries:
        if not isinstance(item, dict):
            continue
        name, settings = item.get("name"), item.get("settings")
        if not isinstance(name, str) or not isinstance(settings, dict):
            continue
        try:
            params = SamplingParams.from_dict(_only_known(settings))
        except BadInput:
            continue
        presets.append(Preset(_unreserved(name, presets), _only_preset_fields(params)))
    return presets


def _unreserved(name: str, earlier: Sequence[Preset]) -> str:
    """``name``, numbered when a built-in's name in another language has it ("Equilibrado
    (2)"): saved before that name was reserved, the preset is kept, not dropped.  A
    built-in's stable name was always reserved, and stays so (the store drops it)."""
    key = name_key(name)
    if not any(name_key(n) == key for p in BUILTIN_PRESETS for n in p.labels.values()):
        return name
    taken = {name_key(n) for n in _RESERVED} | {name_key(p.name) for p in earlier}
    base, n = name[:MAX_NAME - 5], 2
    while name_key(f"{base} ({n})") in taken:
        n += 1
    return f"{base} ({n})"


def _dump(presets: Sequence[Preset]) -> object:
    return {"version": EXPORT_VERSION, "presets": [
        {"name": p.name, "settings": p.settings()} for p in presets]}
