"""Built-in presets in both languages: one stable name stored, one shown per language,
and every one of them the built-in's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.errors import BadInput
from core.sampling.params import SamplingParams
from core.sampling.presets import BUILTIN_PRESETS, PresetLibrary


def test_built_in_presets_have_a_portuguese_name_and_keep_their_stored_one() -> None:
    assert [p.label("pt_BR") for p in BUILTIN_PRESETS] == ["Preciso", "Equilibrado",
                                                           "Criativo"]
    assert [p.label("en") for p in BUILTIN_PRESETS] == ["Precise", "Balanced", "Creative"]
    # A language Prosa lacks shows the stable name.
    assert BUILTIN_PRESETS[1].label("de") == "Balanced"


def test_a_setting_naming_the_stable_name_or_a_translation_finds_the_preset(
        tmp_path: Path) -> None:
    library = PresetLibrary(tmp_path / "presets.json")
    balanced = library.get("Balanced")
    assert balanced is not None and balanced.builtin
    assert library.get("equilibrado") is balanced
    assert library.get("  Equilibrado ") is balanced


def test_a_translated_built_in_name_is_not_free_for_the_user(tmp_path: Path) -> None:
    library = PresetLibrary(tmp_path / "presets.json")
    with pytest.raises(BadInput, match="built in") as caught:
        library.save("equilibrado", SamplingParams(temperature=0.3))
    # The message names the preset as the user called it, not its English name.
    assert caught.value.problem.fields["name"] == "Equilibrado"
    library.save("Mine", SamplingParams(temperature=0.3))
    with pytest.raises(BadInput, match="already exists"):
        library.rename("Mine", "CRIATIVO")
    assert [p.name for p in library.presets[3:]] == ["Mine"]


def test_an_imported_preset_named_like_a_translation_is_numbered(tmp_path: Path) -> None:
    exported = tmp_path / "x.json"
    exported.write_text(json.dumps({"kind": "prosa-sampling-preset", "version": 1,
                                    "name": "Preciso", "settings": {"temperature": 0.2}}))
    library = PresetLibrary(tmp_path / "presets.json")
    assert library.import_file(exported).name == "Preciso (2)"


def test_a_saved_preset_that_had_a_name_reserved_later_is_kept_numbered(
        tmp_path: Path) -> None:
    path = tmp_path / "presets.json"
    path.write_text(json.dumps({"version": 1, "presets": [
        {"name": "Equilibrado", "settings": {"temperature": 0.5}},
        {"name": "Balanced", "settings": {}},  # the stable name: never the user's
    ]}))
    library = PresetLibrary(path)
    mine = library.presets[3:]
    assert [p.name for p in mine] == ["Equilibrado (2)"]
    assert mine[0].params.temperature == 0.5 and not mine[0].builtin
