"""core/ is the app's logic and must run without Qt (CLI, tests, a future server)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_PACKAGES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "qtpy", "ui")


def _core_modules() -> list[str]:
    return sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "core").rglob("*.py")
    )


def test_no_core_file_imports_qt_or_ui() -> None:
    offenders = []
    for path in (ROOT / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in QT_PACKAGES]
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


def test_the_window_process_never_loads_llama_cpp() -> None:
    """llama.cpp lives in the engine process only: loading it in the GUI process would
    cost memory and put native crashes back in the window's way."""
    code = ("import sys, ui.main_window, core.engine.client, cli.commands\n"
            "print('llama_cpp' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True, env={**os.environ,
                                                     "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "False"
