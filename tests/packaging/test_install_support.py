"""What the installed app relies on, checked from the source tree: the CPU variant
chosen at run time, the file argument, portable installs, version and licences, and the
About panel."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import main
from core import paths as paths_module
from core.about.licences import collect, notices, runtime_distributions
from core.about.version import app_version, build_info
from core.engine.backend_info import AMX_VARIANTS
from core.engine.llama.backends import (
    choose_variant,
    cpu_variant_files,
    ensure_backends,
)
from core.paths import PORTABLE_FOLDER, app_paths
from core.system import cpu_info

ROOT = Path(__file__).resolve().parents[2]


# --- CPU variants --------------------------------------------------------------------


def test_the_best_variant_wins_and_amx_is_avoided_unless_forced() -> None:
    scores = {"x64": 1, "haswell": 20, "zen4": 90, "sapphirerapids": 120, "icelake": 0}
    assert choose_variant(scores) == ("zen4", ("sapphirerapids",))
    assert choose_variant(scores, forced="haswell") == ("haswell", ())
    assert choose_variant(scores, forced="sapphirerapids") == ("sapphirerapids", ())
    # A variant the CPU cannot run is never forced on it.
    assert choose_variant(scores, forced="icelake") == ("zen4", ("sapphirerapids",))
    assert choose_variant({"sapphirerapids": 5}) == (None, ("sapphirerapids",))
    assert choose_variant({}) == (None, ())


def test_this_build_runs_a_variant_this_cpu_supports() -> None:
    info = ensure_backends()
    if not info.dynamic:
        pytest.skip("llama.cpp built without GGML_BACKEND_DL (custom CMAKE_ARGS)")
    from core.engine.llama.backends import library_dir

    assert len(info.cpu_variants) >= 10, info.cpu_variants
    assert set(cpu_variant_files(library_dir())) == set(info.cpu_variants)
    assert info.cpu_variant in info.cpu_supported
    assert info.cpu_variant not in AMX_VARIANTS
    assert [d.kind for d in info.devices].count("cpu") == 1
    assert "AVX" in info.system_info or "NEON" in info.system_info or info.system_info
    if "amx_int8" in cpu_info().features:
        assert "sapphirerapids" in info.cpu_avoided


def test_cpu_features_come_from_the_operating_system() -> None:
    cpu = cpu_info()
    assert cpu.name and cpu.architecture
    if sys.platform.startswith("linux") and cpu.architecture == "x86_64":
        assert "sse4_2" in cpu.features


def test_self_test_in_process_reports_the_variant() -> None:
    done = subprocess.run([sys.executable, "main.py", "--self-test", "--in-process"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["engine"] == "in-process"
    assert report["tokens"] >= 16
    assert report["cpu_variant"] == ensure_backends().cpu_variant
    assert done.stderr == ""  # llama.cpp's log is kept, not printed


# --- arguments, folders, version ----------------------------------------------------


@pytest.mark.parametrize(("args", "expected"), [
    ([], None),
    (["chat", "hello"], None),
    (["--self-test"], None),
    (["models"], None),
    (["model.gguf"], "model.gguf"),
    (["/home/ana/Downloads/Qwen3-8B-Q4_K_M.GGUF"], "/home/ana/Downloads/Qwen3-8B-Q4_K_M.GGUF"),
    (["./missing/file"], "./missing/file"),
    (["file:///home/ana/My%20Models/x.gguf"], "/home/ana/My Models/x.gguf"),
    (["a.gguf", "b.gguf"], None),
])
def test_a_single_path_argument_opens_the_window(args: list[str], expected: str | None,
                                                  ) -> None:
    assert main.file_to_open(args) == expected


def test_a_portable_marker_keeps_data_beside_the_binary(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         ) -> None:
    monkeypatch.delenv("PROSA_HOME")
    binary = tmp_path / "prosa" / "prosa"
    binary.parent.mkdir()
    binary.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(binary))
    installed = app_paths()
    assert tmp_path not in installed.data.parents  # platform folders without the marker
    (binary.parent / "portable").write_text("")
    portable = app_paths()
    assert portable.data == binary.parent / PORTABLE_FOLDER / "data"
    assert portable.logs == binary.parent / PORTABLE_FOLDER / "logs"
    assert paths_module.portable_root() == binary.parent / PORTABLE_FOLDER


def test_version_is_the_one_in_pyproject() -> None:
    with (ROOT / "pyproject.toml").open("rb") as file:
        declared = tomllib.load(file)["project"]["version"]
    assert app_version() == declared
    assert build_info().frozen is False


def test_licences_cover_qt_llama_model_python_and_every_runtime_package() -> None:
    found = {n.name: n for n in collect()}
    qt = found["Qt"]
    assert qt.licence.startswith("LGPL-3.0")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in qt.text
    assert "GNU GENERAL PUBLIC LICENSE" in qt.text  # LGPLv3 builds on the GPL's text
    assert "download.qt.io" in qt.note and "source" in qt.note
    assert "MIT License" in found["llama.cpp (ggml)"].text
    assert "Apache License" in found["SmolLM2-135M-Instruct"].text
    assert "PYTHON SOFTWARE FOUNDATION" in found["Python"].text.upper()
    assert "Permission is hereby granted" in found["Prosa"].text
    for dist in runtime_distributions("prosa"):
        name = dist.metadata["Name"]
        if name == "prosa":
            continue
        assert name in found, f"no notice for {name}"
        assert found[name].text.strip(), f"no licence text for {name}"
    assert notices() == collect()  # from a source checkout the two agree


# --- the window --------------------------------------------------------------------


@pytest.mark.gui
def test_help_menu_opens_about_with_the_backend_in_use(window: Any, qtbot: Any) -> None:
    from ui.about_dialog import AboutDialog

    menus = {a.text(): a for a in window.menuBar().actions()}
    assert "&Help" in menus
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    text = dialog.details_text()
    assert app_version() in text
    backend = window.loaded.backend
    assert backend is not None
    if backend.cpu_variant:
        assert backend.cpu_variant in text
    assert str(app_paths().data) in text
    dialog.copy_details()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == text
    names = [dialog.licence_list.item(i).text() for i in range(dialog.licence_list.count())]
    assert any(n.startswith("Qt ") for n in names)
    dialog.licence_list.setCurrentRow(1)
    assert "LESSER GENERAL PUBLIC" in dialog.licence_text.toPlainText()
    dialog.close()


@pytest.mark.gui
@pytest.mark.parametrize("problem", ["missing", "unreadable", "not-gguf"])
def test_a_bad_file_on_the_command_line_opens_the_window_with_a_message(
        problem: str, tmp_path: Path, qtbot: Any, no_leftovers: None) -> None:
    import os

    from core.settings import load_settings
    from ui.main_window import MainWindow

    path = tmp_path / "model.gguf"
    if problem == "unreadable":
        path.write_bytes(b"GGUF" + bytes(60))
        path.chmod(0)
        if os.access(path, os.R_OK):
            pytest.skip("running as root: every file is readable")
    elif problem == "not-gguf":
        path.write_text("<html>not a model</html>")
    paths = app_paths().ensure()
    win = MainWindow(paths, load_settings(paths.settings_file), open_path=str(path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded is not None, timeout=60_000)
    assert any(f"Prosa could not open {path}" in t for t in win.problem_bar.texts())
    assert win.loaded.model_name.startswith("SmolLM2")  # the usual model instead
    win.close()


@pytest.mark.gui
def test_a_model_file_on_the_command_line_is_loaded(starter_model: Path, tmp_path: Path,
                                                    qtbot: Any, no_leftovers: None) -> None:
    import shutil

    from core.settings import load_settings
    from ui.main_window import MainWindow

    copy = tmp_path / "Downloads" / "my-model.gguf"
    copy.parent.mkdir()
    shutil.copy(starter_model, copy)
    paths = app_paths().ensure()
    win = MainWindow(paths, load_settings(paths.settings_file), open_path=str(copy))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded is not None, timeout=60_000)
    assert win.loaded.model_path == str(copy)
    win.close()
