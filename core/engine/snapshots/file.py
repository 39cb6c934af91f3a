"""One snapshot file: a header, the tokens it holds, and llama.cpp's sequence state.

Layout: ``PROSAKV`` and a format byte, the header's length (4 bytes, little-endian),
the header (JSON: key digest, token count, state size, CRC-32 of tokens and state),
the tokens (uint32, little-endian), the state.

A file is written under a temporary name and renamed when whole, and its checksum is
verified before llama.cpp sees a byte of it: a crash, a full disk or a damaged sector
leaves at worst a file that is discarded, never one that loads wrong keys and values.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.typing as npt

from core.engine.snapshots.folder import TEMP_SUFFIX

MAGIC = b"PROSAKV\x01"
_LENGTH = struct.Struct("<I")
#: A header is a few hundred bytes; anything larger is not ours.
_MAX_HEADER = 64 << 10

Tokens = npt.NDArray[np.uint32]


class DamagedSnapshot(Exception):
    """The file is not a whole snapshot (cut short, altered, or not one at all)."""


@dataclass(frozen=True)
class Header:
    key: str
    n_tokens: int
    state_size: int
    crc: int


def write_snapshot(path: Path, key: str, tokens: Tokens, state: bytes | bytearray) -> int:
    """Write atomically; return the file's size.  Raises ``OSError`` (disk full ...)
    after removing the partial file."""
    body = tokens.astype("<u4", copy=False).tobytes()
    crc = zlib.crc32(state, zlib.crc32(body))
    header = json.dumps({"key": key, "n_tokens": len(tokens),
                         "state_size": len(state), "crc": crc}).encode()
    temp = path.with_name(path.name + TEMP_SUFFIX)
    try:
        with open(temp, "wb") as file:
            file.write(MAGIC)
            file.write(_LENGTH.pack(len(header)))
            file.write(header)
            file.write(body)
            file.write(state)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return len(MAGIC) + _LENGTH.size + len(header) + len(body) + len(state)


def read_header(path: Path) -> tuple[Header, Tokens]:
    """The header and tokens, without the state (to index a folder quickly)."""
    with open(path, "rb") as file:
        header = _header(file.read(len(MAGIC) + _LENGTH.size), file)
        body = file.read(header.n_tokens * 4)
    if len(body) != header.n_tokens * 4:
        raise DamagedSnapshot("cut short in its tokens")
    return header, np.frombuffer(body, dtype="<u4")


def read_state(path: Path, key: str, tokens: Tokens) -> bytearray:
    """The state, after checking the whole file against its checksum and the tokens
    and key it was indexed with.  A ``bytearray``: llama.cpp reads it in place."""
    with open(path, "rb") as file:
        header = _header(file.read(len(MAGIC) + _LENGTH.size), file)
        body = file.read(header.n_tokens * 4)
        state = bytearray(header.state_size)
        got = file.readinto(state)
        extra = file.read(1)
    if header.key != key:
        raise DamagedSnapshot("another key")
    if got != header.state_size or extra or len(body) != header.n_tokens * 4:
        raise DamagedSnapshot("cut short or too long")
    if zlib.crc32(state, zlib.crc32(body)) != header.crc:
        raise DamagedSnapshot("checksum mismatch")
    if body != tokens.astype("<u4", copy=False).tobytes():
        raise DamagedSnapshot("tokens changed since it was indexed")
    return state


def _header(start: bytes, file: BinaryIO) -> Header:
    if len(start) != len(MAGIC) + _LENGTH.size or not start.startswith(MAGIC):
        raise DamagedSnapshot("not a snapshot")
    (length,) = _LENGTH.unpack_from(start, len(MAGIC))
    if length > _MAX_HEADER:
        raise DamagedSnapshot("header too long")
    raw = file.read(length)
    try:
        data = json.loads(raw)
        header = Header(str(data["key"]), int(data["n_tokens"]), int(data["state_size"]),
                        int(data["crc"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise DamagedSnapshot(f"unreadable header: {exc}") from exc
    if header.n_tokens <= 0 or header.state_size <= 0:
        raise DamagedSnapshot("empty")
    return header
