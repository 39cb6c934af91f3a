"""Sampling presets: the built-in ones, the user's own, files in and out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.errors import BadInput
from core.sampling.params import SamplingParams
from core.sampling.presets import BUILTIN_PRESETS, PresetLibrary, default_path


def test_built_in_presets_are_valid_and_distinct(tmp_path: Path) -> None:
    library = PresetLibrary(tmp_path / "presets.json")
    assert [p.name for p in library.presets] == ["Precise", "Balanced", "Creative"]
    assert all(p.builtin and p.params.problems() == [] for p in BUILTIN_PRESETS)
    assert library.get("precise") is BUILTIN_PRESETS[0]
    assert BUILTIN_PRESETS[0].params.strategy == "greedy"
    # The app's defaults are the balanced preset.
    assert library.matching(SamplingParams()) is library.get("Balanced")


def test_a_preset_changes_how_tokens_are_chosen_not_the_length_or_seed() -> None:
    mine = SamplingParams(max_tokens=77, seed=3, stop=("END",), logprobs=0)
    creative = next(p for p in BUILTIN_PRESETS if p.name == "Creative").apply(mine)
    assert (creative.max_tokens, creative.seed, creative.stop, creative.logprobs) == \
        (77, 3, ("END",), 0)
    assert creative.temperature > 1 and creative.problems() == []


def test_save_rename_delete_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "presets.json"
    library = PresetLibrary(path)
    warm = SamplingParams(temperature=0.9, top_k=20, max_tokens=50)
    library.save("  Warm   prose ", warm)
    assert library.get("warm prose") is not None
    match = library.matching(SamplingParams(temperature=0.9, top_k=20))
    assert match is not None and match.name == "Warm prose"
    library.rename("warm prose", "Cosy")
    library.save("Wide beam", SamplingParams(strategy="beam", beam_width=6, n_best=2))
    reopened = PresetLibrary(path)
    assert [p.name for p in reopened.presets[3:]] == ["Cosy", "Wide beam"]
    cosy = reopened.get("cosy")
    assert cosy is not None and cosy.params.top_k == 20 and not cosy.builtin
    reopened.delete("Cosy")
    assert [p.name for p in PresetLibrary(path).presets[3:]] == ["Wide beam"]


def test_built_in_presets_cannot_be_changed(tmp_path: Path) -> None:
    library = PresetLibrary(tmp_path / "presets.json")
    for action in (lambda: library.delete("Precise"),
                   lambda: library.rename("Balanced", "Mine"),
                   lambda: library.save("creative", SamplingParams())):
        with pytest.raises(BadInput, match="built in"):
            action()
    library.save("Mine", SamplingParams())
    with pytest.raises(BadInput, match="already exists"):
        library.rename("Mine", "PRECISE")
    with pytest.raises(BadInput, match="name"):
        library.save("   ", SamplingParams())


def test_an_invalid_combination_cannot_be_saved(tmp_path: Path) -> None:
    library = PresetLibrary(tmp_path / "presets.json")
    with pytest.raises(BadInput, match="n-best"):
        library.save("Odd", SamplingParams(strategy="beam", beam_width=1, n_best=3))


def test_export_then_import_round_trip(tmp_path: Path) -> None:
    source = PresetLibrary(tmp_path / "a.json")
    params = SamplingParams(strategy="beam", beam_width=5, n_best=2, length_penalty=0.6)
    source.save("Thorough", params)
    exported = tmp_path / "thorough.json"
    source.export("Thorough", exported)
    assert json.loads(exported.read_text("utf-8"))["name"] == "Thorough"
    target = PresetLibrary(tmp_path / "b.json")
    imported = target.import_file(exported)
    assert imported.name == "Thorough" and imported.params.beam_width == 5
    assert imported.matches(params)
    # Importing again does not overwrite: the copy gets a number.
    assert target.import_file(exported).name == "Thorough (2)"
    # Built-ins export too, and come back under a free name.
    source.export("Creative", tmp_path / "creative.json")
    assert target.import_file(tmp_path / "creative.json").name == "Creative (2)"
    assert [p.name for p in PresetLibrary(tmp_path / "b.json").presets[3:]] == \
        ["Thorough", "Thorough (2)", "Creative (2)"]


@pytest.mark.parametrize(("content", "reason"), [
    ("{not json", "not valid JSON"),
    ('{"kind": "something else"}', "not a Prosa sampling preset"),
    ('{"kind": "prosa-sampling-preset", "version": 99, "name": "x", "settings": {}}',
     "newer version"),
    ('{"kind": "prosa-sampling-preset", "version": 1, "name": "x", '
     '"settings": {"temperature": 42}}', "temperature"),
])
def test_a_bad_import_says_why(tmp_path: Path, content: str, reason: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    library = PresetLibrary(tmp_path / "presets.json")
    with pytest.raises(BadInput, match=reason):
        library.import_file(bad)
    assert len(library.presets) == 3


def test_damaged_library_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "presets.json"
    path.write_text("{oops", encoding="utf-8")
    library = PresetLibrary(path)
    assert library.notice is not None and library.notice.code == "preset.damaged"
    assert "damaged" in library.notice.message
    assert len(library.presets) == 3
    kept = list(tmp_path.glob("presets.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_text("utf-8") == "{oops"


def test_bad_entries_are_skipped_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "presets.json"
    path.write_text(json.dumps({"version": 1, "presets": [
        {"name": "Good", "settings": {"temperature": 0.5}},
        {"name": "Bad", "settings": {"temperature": -3}},
        {"name": "Balanced", "settings": {}},  # would shadow a built-in
        "junk",
    ]}), encoding="utf-8")
    assert [p.name for p in PresetLibrary(path).presets[3:]] == ["Good"]


def test_library_lives_in_the_config_folder(prosa_home: Path) -> None:
    PresetLibrary().save("Here", SamplingParams())
    assert default_path().is_relative_to(prosa_home)
    assert default_path().is_file()


def test_presets_and_system_prompts_share_one_named_store(tmp_path: Path) -> None:
    """The rules both collections follow, checked once on the store itself."""
    from dataclasses import dataclass, replace

    from core.common.named_store import MAX_NAME, NamedStore, StoreTexts
    from core.errors import Problem

    @dataclass(frozen=True)
    class Item:
        name: str

    texts = StoreTexts(*(Problem.of(f"test.{n}", n + " {name}{most}{kept_as}")
                         for n in ("damaged", "exists", "missing", "no_name", "too_long")))
    path = tmp_path / "items.json"
    path.write_text(json.dumps(["  Spaced   out ", "spaced out", "", "x" * (MAX_NAME + 1),
                                "Built In", "Kept"]), encoding="utf-8")

    def load(data: object) -> list[Item] | None:
        return [Item(name) for name in data] if isinstance(data, list) else None

    def open_store() -> NamedStore[Item]:
        return NamedStore(path, texts, load=load, dump=lambda items: [i.name for i in items],
                          with_name=lambda i, n: replace(i, name=n), reserved=["built in"])

    store = open_store()
    # Names are tidied, and one a reserved or earlier entry took is skipped.
    assert [i.name for i in store.items] == ["Spaced out", "Kept"]
    assert store.get("SPACED  OUT") is store.items[0]
    with pytest.raises(BadInput) as caught:
        store.rename("kept", "BUILT IN")
    assert caught.value.code == "test.exists" and caught.value.params == {"name": "built in"}
    with pytest.raises(BadInput) as caught:
        store.rename("kept", "spaced out")
    assert caught.value.params == {"name": "Spaced out"}
    assert store.rename("kept", " Kept ").name == "Kept"  # its own name, respelled: fine
    with pytest.raises(BadInput) as caught:
        store.delete("nothing")
    assert caught.value.code == "test.missing"
    with pytest.raises(BadInput) as caught:
        store.put(Item("x" * (MAX_NAME + 1)))
    assert caught.value.params == {"most": MAX_NAME}
    store.put(Item("  New  one"))
    assert json.loads(path.read_text("utf-8")) == ["Spaced out", "Kept", "New one"]
    assert [i.name for i in open_store().items] == ["Spaced out", "Kept", "New one"]
