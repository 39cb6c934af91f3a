"""The text-file tool: the model reads a file the user picked in a file dialog, and
nothing else.

The model never names a path.  The user picks files (per conversation) and each gets a
short label, its file name (made unique: ``notes.txt``, ``notes (2).txt``); the tool's
schema lists the labels as an ``enum``, so a model can only choose among them (and a
constrained decoder cannot even write anything else).  The run looks the label up in
:class:`PickedFiles`: an argument is never treated as a path, so ``/etc/passwd`` or
``../../.ssh/id_rsa`` is an unknown label, refused before anything is opened, even if
a file of that name exists and is readable.

A file is read up to :data:`MAX_BYTES` and decoded as UTF-8 (a BOM picks UTF-16;
undecodable bytes become U+FFFD).  A file with NUL bytes is binary and refused: its
"text" would be noise that fills the context.  ``offset`` and ``length`` (characters)
let the model read a long file in parts.
"""

from __future__ import annotations

import codecs
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from core.tools.problems import ToolFailed, names_list
from core.tools.spec import ToolSource, ToolSpec

NAME = "read_text_file"
TITLE = "Read a picked text file"
SUMMARY = "Lets the model read the text files you pick for this conversation, and no others."

#: The most of a file that is read (the first MAX_BYTES of a longer one).
MAX_BYTES = 1024 * 1024
#: Characters returned when the model gives no ``length``: under the result limit
#: (``core.tools.results``), so a part is never cut.
DEFAULT_LENGTH = 12_000


class PickedFiles:
    """The files the user picked for one conversation: label -> path.

    Changed on the window's thread (a file dialog), read where tools run: a lock keeps
    both sides consistent.
    """

    def __init__(self, paths: tuple[Path | str, ...] = ()) -> None:
        self._lock = threading.Lock()
        self._paths: dict[str, Path] = {}
        for path in paths:
            self.add(path)

    def add(self, path: Path | str) -> str:
        """Picks ``path`` (made absolute now) and returns its label; a path picked
        already keeps its label."""
        chosen = Path(path).expanduser().absolute()
        with self._lock:
            for label, known in self._paths.items():
                if known == chosen:
                    return label
            label = self._unique(_printable(chosen.name) or "file")
            self._paths[label] = chosen
            return label

    def remove(self, label: str) -> None:
        with self._lock:
            self._paths.pop(label, None)

    def labels(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._paths)

    def path(self, label: str) -> Path | None:
        """The path picked under ``label``: exactly that label, nothing else."""
        with self._lock:
            return self._paths.get(label)

    def items(self) -> tuple[tuple[str, Path], ...]:
        with self._lock:
            return tuple(self._paths.items())

    def __len__(self) -> int:
        with self._lock:
            return len(self._paths)

    def __contains__(self, label: object) -> bool:
        with self._lock:
            return label in self._paths

    def _unique(self, name: str) -> str:
        if name not in self._paths:
            return name
        stem, dot, suffix = name.rpartition(".")
        if not stem:  # no extension, or a name like ".bashrc"
            stem, dot, suffix = name, "", ""
        number = 2
        while (label := f"{stem} ({number}){dot}{suffix}") in self._paths:
            number += 1
        return label


def _printable(name: str) -> str:
    """A file name as a label: control characters (Linux allows a line break in a file
    name) would end up in the prompt."""
    return "".join(char for char in name if char.isprintable()).strip()


class TextFileTool:
    """The ``read_text_file`` runner: its schema follows the files picked so far."""

    def __init__(self, picked: PickedFiles) -> None:
        self.picked = picked

    @property
    def spec(self) -> ToolSpec:
        return spec_for(self.picked)

    def run(self, arguments: Mapping[str, Any], timeout_s: float) -> str:
        """Reads quickly (a capped local read), so ``timeout_s`` is not needed."""
        return read(self.picked, arguments)


def spec_for(picked: PickedFiles) -> ToolSpec:
    """The tool's definition, naming the files picked now."""
    labels = list(picked.labels())
    return ToolSpec(
        NAME,
        "Reads a text file the user has shared in this conversation and returns its text. "
        "Files: " + (", ".join(labels) if labels else "none yet") + ". For a long file, "
        "read it in parts with offset and length (characters).",
        {"type": "object",
         "properties": {
             "file": {"type": "string", "enum": labels,
                      "description": "The file's name, as listed"},
             "offset": {"type": "integer", "minimum": 0,
                        "description": "The first character to read (default 0)"},
             "length": {"type": "integer", "minimum": 1,
                        "description": f"How many characters (default {DEFAULT_LENGTH})"}},
         "required": ["file"], "additionalProperties": False},
        ToolSource.BUILTIN)


def read(picked: PickedFiles, arguments: Mapping[str, Any]) -> str:
    """The text of the picked file ``arguments["file"]`` names (a label, never a path)."""
    label = str(arguments["file"])
    path = picked.path(label)
    if path is None:
        raise ToolFailed("tools.file_not_picked",
                         'No file called "{file}" was shared; the shared files are: {files}.',
                         file=label[:100], files=names_list(picked.labels()))
    offset = max(0, int(arguments.get("offset", 0)))
    length = max(1, min(int(arguments.get("length", DEFAULT_LENGTH)), MAX_BYTES))
    data, whole = _read_bytes(label, path)
    text = _decode(label, data)
    part = text[offset:offset + length]
    end = offset + len(part)
    size = f"{len(text):,} characters" if whole \
        else f"the first {len(text):,} characters (the file is longer than " \
             f"{MAX_BYTES // 1024:,} KB; the rest cannot be read)"
    if offset == 0 and end == len(text):
        return f'File "{label}" ({size}):\n{part}'
    return f'File "{label}", characters {offset:,} to {end:,} of {size}:\n{part}'


def _read_bytes(label: str, path: Path) -> tuple[bytes, bool]:
    """(up to MAX_BYTES of the file, whether that is all of it)."""
    try:
        if not path.is_file():  # a FIFO or a device would block or never end
            if not path.exists():
                raise FileNotFoundError(path)
            raise OSError(0, "it is not a regular file")
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ToolFailed("tools.file_missing",
                         'The file "{file}" is no longer there (moved or deleted).',
                         file=label) from None
    except OSError as error:
        raise ToolFailed("tools.file_unreadable", 'The file "{file}" could not be read: '
                         "{reason}.", file=label, reason=error.strerror or str(error)) from None
    return data[:MAX_BYTES], len(data) <= MAX_BYTES


def _decode(label: str, data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    if b"\x00" in data:
        raise ToolFailed("tools.file_binary",
                         'The file "{file}" is not a text file (it contains binary data).',
                         file=label)
    # A cut in the middle of a character leaves one U+FFFD at the end, not an error.
    return data.decode("utf-8-sig", "replace")
