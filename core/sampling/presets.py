"""Named decoding settings: three built in, and the user's own.

A preset holds how tokens are chosen (strategy, temperature, filters, penalties, beam
settings), not the reply's length, seed, stop strings or how many probabilities to
show: choosing "Creative" should not undo the max tokens someone just set.

The user's presets live in one JSON file in the config folder; a damaged file is set
aside (never deleted) and reported.  Names are unique, ignoring case, across built-in
and saved presets.  A preset can be exported to a file of its own and imported again,
on this machine or another.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from core.common.jsonfile import read_json, write_json
from core.errors import BadInput
from core.paths import app_paths
from core.sampling.params import SamplingParams

MAX_NAME = 80
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

    def apply(self, current: SamplingParams) -> SamplingParams:
        """``current`` with this preset's decoding settings."""
        return replace(current, **{name: getattr(self.params, name) for name in PRESET_FIELDS})

    def matches(self, params: SamplingParams) -> bool:
        return all(getattr(self.params, n) == getattr(params, n) for n in PRESET_FIELDS)

    def settings(self) -> dict[str, Any]:
        """The preset's own settings, as stored."""
        return {name: getattr(self.params, name) for name in PRESET_FIELDS}


BUILTIN_PRESETS: tuple[Preset, ...] = (
    Preset("Precise", SamplingParams(strategy="greedy", repeat_penalty=1.1), builtin=True),
    Preset("Balanced", SamplingParams(strategy="sample", temperature=0.7, top_k=40,
                                      top_p=0.95, min_p=0.05, repeat_penalty=1.1),
           builtin=True),
    Preset("Creative", SamplingParams(strategy="sample", temperature=1.1, top_k=0,
                                      top_p=0.98, min_p=0.05, repeat_penalty=1.05,
                                      presence_penalty=0.2), builtin=True),
)


def default_path() -> Path:
    return app_paths().config / FILE_NAME


class PresetLibrary:
    def __init__(self, path: Path | None = None) -> None:
        self._path = path if path is not None else default_path()
        self.notice = ""
        data, kept_as = read_json(self._path)
        if kept_as is not None:
            self.notice = f"The saved sampling presets were damaged; kept as {kept_as.name}."
        self._saved = _parse_library(data) if data is not None else []

    @property
    def presets(self) -> tuple[Preset, ...]:
        """Built-in presets first, then the user's, in the order they were saved."""
        return BUILTIN_PRESETS + tuple(self._saved)

    def get(self, name: str) -> Preset | None:
        key = _key(name)
        return next((p for p in self.presets if p.name.casefold() == key), None)

    def matching(self, params: SamplingParams) -> Preset | None:
        """The first preset whose settings ``params`` has, if any."""
        return next((p for p in self.presets if p.matches(params)), None)

    def save(self, name: str, params: SamplingParams) -> Preset:
        """Save ``params``' decoding settings under ``name``, replacing a saved preset of
        that name (never a built-in one)."""
        name = _valid_name(name)
        params.validated()
        self._refuse_builtin(name, "replaced")
        preset = Preset(name, _only_preset_fields(params))
        index = self._index(name)
        if index is None:
            self._saved.append(preset)
        else:
            self._saved[index] = preset
        self._write()
        return preset

    def rename(self, old: str, new: str) -> Preset:
        new = _valid_name(new)
        self._refuse_builtin(old, "renamed")
        index = self._require(old)
        clash = self.get(new)
        if clash is not None and clash is not self._saved[index]:
            raise BadInput(f"A preset named “{clash.name}” already exists.")
        preset = self._saved[index] = Preset(new, self._saved[index].params)
        self._write()
        return preset

    def delete(self, name: str) -> None:
        self._refuse_builtin(name, "deleted")
        del self._saved[self._require(name)]
        self._write()

    def export(self, name: str, path: Path) -> None:
        """Write one preset (built-in or saved) to a file of its own."""
        preset = self.get(name)
        if preset is None:
            raise BadInput(f"There is no preset named “{name}”.")
        write_json(path, {"kind": EXPORT_KIND, "version": EXPORT_VERSION,
                          "name": preset.name, "settings": preset.settings()})

    def import_file(self, path: Path) -> Preset:
        """Add the preset in an exported file; a name already taken gets a number
        ("Warm (2)").  Raises :class:`BadInput` saying what is wrong with the file."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise BadInput(f"Cannot read {path.name}: {exc.strerror or exc}.") from exc
        except (UnicodeDecodeError, ValueError) as exc:
            raise BadInput(f"{path.name} is not a preset file (not valid JSON).") from exc
        if not isinstance(data, dict) or data.get("kind") != EXPORT_KIND:
            raise BadInput(f"{path.name} is not a Prosa sampling preset file.")
        if not isinstance(data.get("version"), int) or data["version"] > EXPORT_VERSION:
            raise BadInput(f"{path.name} was made by a newer version of Prosa.")
        name, settings = data.get("name"), data.get("settings")
        if not isinstance(name, str) or not isinstance(settings, dict):
            raise BadInput(f"{path.name} has no preset name or settings.")
        params = SamplingParams.from_dict(_only_known(settings))
        preset = Preset(self._free_name(_valid_name(name)), _only_preset_fields(params))
        self._saved.append(preset)
        self._write()
        return preset

    # --- internals -------------------------------------------------------------------

    def _free_name(self, name: str) -> str:
        if self.get(name) is None:
            return name
        base = name[:MAX_NAME - 5]
        n = 2
        while self.get(f"{base} ({n})") is not None:
            n += 1
        return f"{base} ({n})"

    def _refuse_builtin(self, name: str, what: str) -> None:
        preset = self.get(name)
        if preset is not None and preset.builtin:
            raise BadInput(f"“{preset.name}” is built in and cannot be {what}; save your "
                           "changes under another name.")

    def _index(self, name: str) -> int | None:
        key = _key(name)
        return next((i for i, p in enumerate(self._saved) if p.name.casefold() == key), None)

    def _require(self, name: str) -> int:
        index = self._index(name)
        if index is None:
            raise BadInput(f"There is no saved preset named “{name}”.")
        return index

    def _write(self) -> None:
        write_json(self._path, {"version": EXPORT_VERSION, "presets": [
            {"name": p.name, "settings": p.settings()} for p in self._saved]})


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _valid_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise BadInput("A preset needs a name.")
    if len(name) > MAX_NAME:
        raise BadInput(f"A preset name can have at most {MAX_NAME} characters.")
    return name


def _only_known(settings: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in settings.items() if k in PRESET_FIELDS}


def _only_preset_fields(params: SamplingParams) -> SamplingParams:
    """The preset's settings on top of the defaults, so two presets with the same
    settings compare equal whatever else the panel held when they were saved."""
    return replace(SamplingParams(), **{n: getattr(params, n) for n in PRESET_FIELDS})


def _parse_library(data: object) -> list[Preset]:
    """The saved presets that are valid; a bad entry is skipped, not fatal."""
    entries = data.get("presets") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    presets: list[Preset] = []
    seen = {p.name.casefold() for p in BUILTIN_PRESETS}
    for item in entries:
        if not isinstance(item, dict):
            continue
        name, settings = item.get("name"), item.get("settings")
        if not isinstance(name, str) or not isinstance(settings, dict):
            continue
        try:
            name = _valid_name(name)
            params = SamplingParams.from_dict(_only_known(settings))
        except BadInput:
            continue
        if name.casefold() not in seen:
            seen.add(name.casefold())
            presets.append(Preset(name, _only_preset_fields(params)))
    return presets
