"""The licence notices of everything Prosa ships, for the About panel.

An installed app must carry the notices of what it bundles: Qt under the LGPL (with
the offer of its source), llama.cpp under MIT, the starter model's licence, Python's,
and every Python package inside.  From a source checkout they are read from the
installed packages' metadata (``importlib.metadata``); the packaging step runs the same
collection and writes it into the bundle as ``licences.json``, because a frozen app
has no package metadata to read.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import sysconfig
from dataclasses import asdict, dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement

from core.paths import install_dir, resources_dir

#: File name of the notices written into an installed app.
BUNDLED_FILE = "licences.json"
_LICENCE_FILE = re.compile(r"(^|/)(LICEN[CS]E|COPYING|NOTICE)[^/]*$", re.IGNORECASE)

QT_SOURCE_OFFER = (
    "Prosa uses the Qt libraries (through PySide6) under the GNU Lesser General Public "
    "License version 3. They are unmodified and ship as separate shared libraries in "
    "the install folder, so you may replace them with your own build. The complete "
    "source code of this Qt version is available at https://download.qt.io/archive/qt/ "
    "and of PySide6 at https://download.qt.io/official_releases/QtForPython/. On "
    "request we will also send you that source code, for three years from this release, "
    "for no more than the cost of sending it.")


@dataclass(frozen=True)
class Notice:
    """One bundled component and its licence."""

    name: str
    version: str
    #: SPDX expression (or the package's own words when it gives no expression).
    licence: str
    #: "app", "runtime", "library", "model" or "python".
    kind: str
    url: str
    text: str
    #: Extra words the licence asks for (Qt's offer of its source).
    note: str = ""


def notices() -> list[Notice]:
    """Every notice: from the installed app's file, else collected now."""
    bundled = install_dir() / BUNDLED_FILE
    if bundled.is_file():
        try:
            rows = json.loads(bundled.read_text(encoding="utf-8"))
            return [Notice(**row) for row in rows]
        except (OSError, ValueError, TypeError):
            pass  # a damaged file: collect what can still be read
    return collect()


def write_bundled(folder: Path, items: list[Notice]) -> Path:
    path = folder / BUNDLED_FILE
    path.write_text(json.dumps([asdict(n) for n in items], ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return path


def collect(root: str = "prosa") -> list[Notice]:
    """Prosa, Qt, llama.cpp, the starter model, Python, and each Python package that
    ``root`` needs at run time (test and build tools are not shipped)."""
    own = _text(resources_dir() / "licences" / "Prosa-MIT.txt")
    found: list[Notice] = [
        Notice("Prosa", _version(root), "MIT", "app", "", own),
        Notice("Qt", _version("PySide6-Essentials"), "LGPL-3.0-only", "library",
               "https://www.qt.io/", _text(resources_dir() / "licences" / "LGPL-3.0.txt")
               + "\n\n" + _text(resources_dir() / "licences" / "GPL-3.0.txt"),
               QT_SOURCE_OFFER),
        Notice("llama.cpp (ggml)", _version("llama-cpp-python"), "MIT", "library",
               "https://github.com/ggml-org/llama.cpp",
               _text(resources_dir() / "licences" / "llama.cpp-MIT.txt")),
        Notice("SmolLM2-135M-Instruct", "Q4_1", "Apache-2.0", "model",
               "https://huggingface.co/HuggingFaceTB/SmolLM2-135M-Instruct",
               _text(resources_dir() / "licences" / "Apache-2.0.txt")),
        Notice("Python", sysconfig.get_python_version(), "PSF-2.0", "runtime",
               "https://www.python.org/",
               _text(Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt")),
    ]
    for dist in runtime_distributions(root):
        name = dist.metadata["Name"] or "?"
        if _key(name) == _key(root):
            continue
        licence, text = _licence(dist), _files_text(dist)
        if not text.strip() and "LGPL-3.0" in licence:  # PySide6 and shiboken6
            text = found[1].text
        found.append(Notice(name, dist.version, licence, "python", _homepage(dist), text))
    return found


def runtime_distributions(root: str) -> list[importlib.metadata.Distribution]:
    """The installed distributions ``root`` depends on, without extras, in order."""
    seen: dict[str, importlib.metadata.Distribution | None] = {}

    def walk(name: str) -> None:
        key = _key(name)
        if key in seen:
            return
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            seen[key] = None
            return
        seen[key] = dist
        for line in dist.requires or ():
            try:
                requirement = Requirement(line)
            except InvalidRequirement:
                continue
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                walk(requirement.name)

    walk(root)
    return sorted((d for d in seen.values() if d is not None),
                  key=lambda d: _key(d.metadata["Name"] or ""))


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return ""


def _field(dist: importlib.metadata.Distribution, name: str) -> str:
    # Absent: None from get_all (newer metadata raises KeyError on [name]).
    values = dist.metadata.get_all(name)
    value = values[0] if values else None
    return str(value) if value else ""


def _licence(dist: importlib.metadata.Distribution) -> str:
    expression = _field(dist, "License-Expression")
    if expression:
        return expression
    classifiers = [c.rsplit("::", 1)[-1].strip()
                   for c in dist.metadata.get_all("Classifier") or ()
                   if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    text = _field(dist, "License").strip()
    return text.splitlines()[0][:80] if text else "?"


def _homepage(dist: importlib.metadata.Distribution) -> str:
    if _field(dist, "Home-page"):
        return _field(dist, "Home-page")
    for entry in dist.metadata.get_all("Project-URL") or ():
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository"):
            return str(url).strip()
    return ""


def _files_text(dist: importlib.metadata.Distribution) -> str:
    texts = []
    for entry in dist.files or ():
        if _LICENCE_FILE.search(str(entry)):
            try:
                texts.append(Path(str(dist.locate_file(entry))).read_text(
                    encoding="utf-8", errors="replace"))
            except OSError:
                continue
    if texts:
        return "\n\n".join(texts)
    return _field(dist, "License")


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
