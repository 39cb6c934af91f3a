"""The text-file tool reads only files the user picked: the model names a label from
the schema's enum, never a path.  Paths in the arguments (relative, absolute, of a real
readable file that was not picked) fail without any file being opened, which an audit
hook on every ``open`` proves.  Reading: UTF-8 with replacement, UTF-16 by its BOM,
binary refused, a size cap, parts by offset and length."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from core.tools.builtin import text_file
from core.tools.builtin.text_file import MAX_BYTES, PickedFiles, TextFileTool, read, spec_for
from core.tools.problems import ToolFailed
from core.tools.runs import RunStatus, ToolRun
from core.tools.toolbox import Toolbox

pytestmark = pytest.mark.timeout(60)

_EVENTS: list[tuple[str, str]] = []
_WATCHED: set[int] = set()


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if threading.get_ident() in _WATCHED and (
            event == "open" or event.startswith(("os.", "shutil.", "subprocess."))):
        _EVENTS.append((event, str(args[0]) if args else ""))


sys.addaudithook(_audit)


@contextmanager
def file_access() -> Iterator[list[tuple[str, str]]]:
    """Every file opened (and ``os`` call audited) on this thread meanwhile."""
    _EVENTS.clear()
    _WATCHED.add(threading.get_ident())
    try:
        yield _EVENTS
    finally:
        _WATCHED.discard(threading.get_ident())


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("Meeting at 10.\nBring the report.\n", encoding="utf-8")
    return path


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A real, readable file the user did not pick."""
    path = tmp_path / "secret.txt"
    path.write_text("the password is hunter2", encoding="utf-8")
    return path


# --- labels -------------------------------------------------------------------------


def test_labels_are_file_names_made_unique(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    picked = PickedFiles()
    first = picked.add(tmp_path / "a" / "notes.txt")
    second = picked.add(tmp_path / "b" / "notes.txt")
    third = picked.add(str(tmp_path / "notes.txt"))
    assert (first, second, third) == ("notes.txt", "notes (2).txt", "notes (3).txt")
    assert picked.add(tmp_path / "b" / "notes.txt") == "notes (2).txt"  # picked already
    assert picked.add(tmp_path / "a" / ".bashrc") == ".bashrc"
    assert picked.add(tmp_path / "b" / ".bashrc") == ".bashrc (2)"
    assert picked.add(tmp_path / "Makefile") == "Makefile"
    assert picked.add(tmp_path / "a" / "Makefile") == "Makefile (2)"
    assert len(picked) == 7
    assert picked.path("notes (2).txt") == tmp_path / "b" / "notes.txt"


def test_a_label_has_no_control_characters(tmp_path: Path) -> None:
    picked = PickedFiles()
    assert picked.add(tmp_path / "evil\nname\x1b.txt") == "evilname.txt"
    assert picked.add(tmp_path / "\n") == "file"


def test_paths_are_made_absolute_when_picked(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    picked = PickedFiles(("relative.txt",))
    assert picked.path("relative.txt") == tmp_path / "relative.txt"
    picked.remove("relative.txt")
    assert "relative.txt" not in picked and picked.labels() == ()


def test_the_schema_lists_exactly_the_labels_and_follows_picks(notes: Path,
                                                                secret: Path) -> None:
    picked = PickedFiles()
    tool = TextFileTool(picked)
    assert tool.spec.parameters["properties"]["file"]["enum"] == []
    assert "none yet" in tool.spec.description
    picked.add(notes)
    assert tool.spec.parameters["properties"]["file"]["enum"] == ["notes.txt"]
    assert tool.spec.name == "read_text_file"
    assert tool.spec.parameters["additionalProperties"] is False
    assert "notes.txt" in tool.spec.description
    assert str(notes.parent) not in str(tool.spec.to_openai())  # no path reaches the model
    picked.add(secret)
    assert spec_for(picked).parameters["properties"]["file"]["enum"] == [
        "notes.txt", "secret.txt"]


# --- security -----------------------------------------------------------------------

HOSTILE = ["../../etc/passwd", "/etc/passwd", "~/.ssh/id_rsa", "notes.txt/../secret.txt",
           "./notes.txt", "NOTES.TXT", "notes.txt ", "", "file:///etc/passwd"]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_name_that_is_not_a_label_fails_without_opening_anything(
        name: str, notes: Path) -> None:
    picked = PickedFiles((notes,))
    with file_access() as events, pytest.raises(ToolFailed) as caught:
        read(picked, {"file": name})
    assert caught.value.code == "tools.file_not_picked"
    assert caught.value.params["files"] == '"notes.txt"'
    assert events == []


def test_the_path_of_a_real_readable_file_not_picked_is_never_opened(
        notes: Path, secret: Path) -> None:
    picked = PickedFiles((notes,))
    toolbox = Toolbox([TextFileTool(picked)])
    for name in (str(secret), str(secret.relative_to(secret.anchor)), "secret.txt",
                 os.path.relpath(secret)):
        with file_access() as events:
            with pytest.raises(ToolFailed):
                read(picked, {"file": name})
            done = toolbox.execute(ToolRun("c1", "read_text_file", {"file": name}))
        assert done.status is RunStatus.INVALID  # the enum refuses it before the tool
        assert "hunter2" not in done.result
        assert events == [], name


def test_the_picked_file_is_the_only_one_opened(notes: Path, secret: Path) -> None:
    picked = PickedFiles((notes,))
    read(picked, {"file": "notes.txt"})  # the codecs import their modules once
    with file_access() as events:
        text = read(picked, {"file": "notes.txt"})
    assert "Bring the report." in text
    assert [path for event, path in events if event == "open"] == [str(notes)]


def test_a_picked_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ToolFailed) as caught:
        read(PickedFiles((fifo,)), {"file": "pipe.txt"})
    assert caught.value.code == "tools.file_unreadable"


# --- reading ------------------------------------------------------------------------


def test_reads_the_whole_text(notes: Path) -> None:
    assert read(PickedFiles((notes,)), {"file": "notes.txt"}) == (
        'File "notes.txt" (33 characters):\nMeeting at 10.\nBring the report.\n')


def test_reads_a_part(notes: Path) -> None:
    text = read(PickedFiles((notes,)), {"file": "notes.txt", "offset": 15, "length": 5})
    assert text == 'File "notes.txt", characters 15 to 20 of 33 characters:\nBring'
    past = read(PickedFiles((notes,)), {"file": "notes.txt", "offset": 1000})
    assert past == 'File "notes.txt", characters 1,000 to 1,000 of 33 characters:\n'


def test_the_default_part_fits_under_the_result_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("é" * 50_000, encoding="utf-8")
    text = read(PickedFiles((path,)), {"file": "long.txt"})
    assert text.count("é") == text_file.DEFAULT_LENGTH
    assert "characters 0 to 12,000 of 50,000 characters" in text


def test_invalid_utf8_is_replaced_and_a_bom_is_honoured(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("café".encode("latin-1"))
    assert read(PickedFiles((bad,)), {"file": "latin1.txt"}).endswith("caf\ufffd")
    bom8 = tmp_path / "bom8.txt"
    bom8.write_bytes(b"\xef\xbb\xbfhello")
    assert read(PickedFiles((bom8,)), {"file": "bom8.txt"}).endswith(":\nhello")
    utf16 = tmp_path / "utf16.txt"
    utf16.write_text("olá mundo", encoding="utf-16")
    assert read(PickedFiles((utf16,)), {"file": "utf16.txt"}).endswith(":\nolá mundo")


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ToolFailed) as caught:
        read(PickedFiles((path,)), {"file": "image.txt"})
    assert caught.value.code == "tools.file_binary"
    assert caught.value.params == {"file": "image.txt"}


def test_only_the_first_megabyte_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.log"
    path.write_bytes(b"a" * (MAX_BYTES + 10) + b"TAIL")
    text = read(PickedFiles((path,)), {"file": "big.log", "offset": MAX_BYTES - 5,
                                       "length": 100})
    assert text.endswith(":\n" + "a" * 5)
    assert "the file is longer than 1,024 KB" in text
    assert "TAIL" not in text


def test_a_file_gone_or_unreadable_is_a_clear_error(tmp_path: Path, notes: Path) -> None:
    picked = PickedFiles((notes, tmp_path))
    notes.unlink()
    with pytest.raises(ToolFailed) as gone:
        read(picked, {"file": "notes.txt"})
    assert gone.value.code == "tools.file_missing"
    with pytest.raises(ToolFailed) as folder:
        read(picked, {"file": tmp_path.name})
    assert folder.value.code == "tools.file_unreadable"
    assert folder.value.params["file"] == tmp_path.name


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_permission(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("x")
    path.chmod(0)
    try:
        with pytest.raises(ToolFailed) as caught:
            read(PickedFiles((path,)), {"file": "locked.txt"})
        assert caught.value.code == "tools.file_unreadable"
        assert caught.value.params["reason"] == "Permission denied"
    finally:
        path.chmod(0o600)


def test_end_to_end_through_the_toolbox(notes: Path) -> None:
    picked = PickedFiles()
    toolbox = Toolbox([TextFileTool(picked)])
    before = toolbox.execute(ToolRun("c1", "read_text_file", {"file": "notes.txt"}))
    assert before.status is RunStatus.INVALID
    picked.add(notes)
    after = toolbox.execute(ToolRun("c2", "read_text_file", {"file": "notes.txt"}))
    assert after.status is RunStatus.DONE
    assert after.result.endswith("Bring the report.\n")
