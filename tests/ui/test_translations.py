"""Every user-visible string of the window is translated, and the shipped .qm matches
the .ts it is compiled from."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "prosa_pt_BR.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent


def test_every_ui_string_has_a_brazilian_portuguese_translation(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(copy), "-no-obsolete"],
                   check=True, capture_output=True, cwd=ROOT)
    untranslated = [
        m.findtext("source") for m in ET.parse(copy).iter("message")
        if (t := m.find("translation")) is not None
        and (t.get("type") == "unfinished" or not (t.text or "").strip())
    ]
    assert untranslated == [], "add these to resources/translations/prosa_pt_BR.ts"


def test_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / QM.name
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(fresh)], check=True,
                   capture_output=True)
    assert fresh.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on the .ts"


def test_every_translation_is_found_at_run_time() -> None:
    """What lupdate wrote must be what Qt finds: a ``tr`` called through an alias, for
    instance, lands in a context of no name and is never shown translated."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(QM))
    missed = []
    for context in ET.parse(TS).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            wanted = message.findtext("translation") or ""
            if not name or translator.translate(name, source) != wanted:
                missed.append((name, source))
    assert missed == []
