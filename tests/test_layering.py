"""The house rules of the layout: core/ is the app's logic and runs without Qt (CLI,
tests, a future server) and without the CLI or the benchmarks; the window's process
never imports the engine process's code; modules stay small enough to read; core/
keeps its subjects in folders."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_PACKAGES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "qtpy", "ui")
#: What core/ must never import: Qt and the window, the command line, the benchmarks.
FORBIDDEN_IN_CORE = (*QT_PACKAGES, "cli", "bench", "main")
#: Modules only the engine process loads (they load llama.cpp, or run the engine).
ENGINE_PROCESS = ("llama_cpp", "core.engine.worker", "core.engine.llama")
MAX_LINES = 600
MAX_LOOSE_CORE_MODULES = 6


def _core_modules() -> list[str]:
    return sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "core").rglob("*.py")
    )


def test_no_core_file_imports_qt_ui_cli_or_bench() -> None:
    offenders = []
    for path in (ROOT / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names
                          if n.split(".")[0] in FORBIDDEN_IN_CORE]
    assert offenders == []


def test_importing_all_of_core_loads_no_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {_core_modules()!r}: importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        f"{QT_PACKAGES!r})\n"
        "print(loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_window_process_never_loads_the_engine_process_code() -> None:
    """llama.cpp and the engine's own modules live in the engine process only: loading
    them in the GUI process would cost memory and put native crashes back in the
    window's way."""
    code = ("import sys, ui.app, ui.main_window, ui.about_dialog, core.engine.client, cli\n"
            f"print(sorted(m for m in sys.modules if m.startswith({ENGINE_PROCESS!r})))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True, env={**os.environ,
                                                     "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "[]"


def test_no_module_is_too_long_to_read() -> None:
    long = {str(p.relative_to(ROOT)): n for folder in ("core", "ui", "cli")
            for p in (ROOT / folder).rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_core_keeps_its_subjects_in_folders() -> None:
    loose = sorted(p.name for p in (ROOT / "core").glob("*.py") if p.name != "__init__.py")
    assert len(loose) <= MAX_LOOSE_CORE_MODULES, loose
