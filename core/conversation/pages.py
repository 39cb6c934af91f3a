"""Reading an SQLite file page by page, trusting nothing in it, to recover its rows.

A damaged history file cannot be opened through SQLite: its header, its schema page
or its b-tree interior pages may be gone.  SQLite's own recovery (the ``.recover``
command) therefore ignores the b-tree's structure and looks at every page, decoding
the cells of every page that parses as a table leaf.  This module does the same in
pure Python, following the file format (https://www.sqlite.org/fileformat2.html):
Python's sqlite3 module has no recovery API, and the frozen app cannot count on an
sqlite3 command line.

- The page size comes from the WAL header when its checksum holds, else from the
  file's header when pages actually parse at that size; otherwise every power of two
  from 512 to 65536 is tried and the size at which the most pages parse as b-tree
  pages wins.  The header's text encoding and reserved bytes are used only when the
  header is sane (Prosa's files are UTF-8 with no reserved bytes).
- A ``-wal`` companion is read when its header and frame checksums hold: its
  committed frames are newer versions of pages, and they replace the file's.
- Every read is bounded: varints stop at 9 bytes, sizes are checked against the page
  and the file, an overflow chain may not revisit a page and must end where its
  payload does, all chains together may read at most twice the file's pages, and a
  page whose cells overlap the header or each other's starts is not a page, so a
  hostile file costs time in proportion to its size, never a hang (measured: a real
  30 MB history reads in about a second; 20 MB crafted to be nothing but undecodable
  cells, about 30 seconds, on the worker thread).

What does not decode is counted in :class:`ScanStats` and skipped, never raised.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

Value = None | int | float | str | bytes

MAGIC = b"SQLite format 3\x00"
SIZES = tuple(512 << shift for shift in range(8))  # 512 .. 65536
LEAF_TABLE, INTERIOR_TABLE, LEAF_INDEX, INTERIOR_INDEX = 0x0D, 0x05, 0x0A, 0x02
_HEADER_SIZE = {LEAF_TABLE: 8, LEAF_INDEX: 8, INTERIOR_TABLE: 12, INTERIOR_INDEX: 12}
_ENCODINGS = {1: "utf-8", 2: "utf-16-le", 3: "utf-16-be"}
#: Pages looked at per candidate size when guessing the page size of a large file.
_SAMPLE = 4096
_WAL_MAGICS = (0x377F0682, 0x377F0683)  # checksums little-endian, big-endian


@dataclass(frozen=True)
class Cell:
    """One row found on a table leaf page."""

    page: int
    rowid: int
    values: tuple[Value, ...]
    #: The page is a child of some interior table page: part of a live b-tree rather
    #: than, most likely, a page SQLite freed (whose old rows it does not erase).
    linked: bool


@dataclass
class ScanStats:
    page_size: int | None = None
    pages: int = 0
    #: Table leaf pages decoded.
    leaf_pages: int = 0
    #: Pages whose newest version came from the ``-wal`` file.
    wal_pages: int = 0
    cells: int = 0
    #: Cells on table leaf pages that did not decode (overwritten, cut, or hostile).
    skipped: int = 0


def scan(path: Path, stats: ScanStats) -> Iterator[Cell]:
    """Every row of every table leaf page of the SQLite file at ``path`` (and its
    ``-wal``), in page order; ``stats`` is filled as it goes."""
    with path.open("rb") as handle:
        size = path.stat().st_size
        data: bytes | mmap.mmap = (mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                                   if size else b"")
        try:
            yield from _scan(data, _read_wal(Path(f"{path}-wal")), stats)
        finally:
            if isinstance(data, mmap.mmap):
                data.close()


# --- the file as pages ---------------------------------------------------------------


@dataclass(frozen=True)
class _Wal:
    page_size: int
    #: Newest committed image of each page, by page number.
    pages: dict[int, bytes]


class _Pages:
    """Page images by number (from 1): the WAL's newest committed one, else the file's."""

    def __init__(self, data: bytes | mmap.mmap, size: int, wal: dict[int, bytes]) -> None:
        self.data, self.size, self.wal = data, size, wal
        self.count = max([len(data) // size, *wal])

    def get(self, number: int) -> bytes:
        if number in self.wal:
            return self.wal[number]
        start = (number - 1) * self.size
        return bytes(self.data[start:start + self.size])


def _scan(data: bytes | mmap.mmap, wal: _Wal | None, stats: ScanStats) -> Iterator[Cell]:
    header = _Header.read(data)
    size = wal.page_size if wal is not None else _guess_page_size(data, header)
    if size is None:
        return
    sane = header is not None and header.page_size == size
    reserved = header.reserved if sane and header is not None else 0
    encoding = header.encoding if sane and header is not None else "utf-8"
    pages = _Pages(data, size, wal.pages if wal is not None else {})
    usable = size - reserved
    stats.page_size, stats.pages = size, pages.count
    stats.wal_pages = len(pages.wal)
    linked = _linked_pages(pages, usable)
    budget = [2 * pages.count + 64]  # overflow pages all chains together may read
    for number in range(1, pages.count + 1):
        page = pages.get(number)
        offset = 100 if number == 1 else 0
        parsed = _btree_header(page, offset, usable)
        if parsed is None or parsed[0] != LEAF_TABLE:
            continue
        stats.leaf_pages += 1
        for pointer in parsed[1]:
            cell = _leaf_cell(page, pointer, usable, pages, budget, encoding)
            if cell is None:
                stats.skipped += 1
                continue
            stats.cells += 1
            yield Cell(number, cell[0], cell[1], number in linked)


@dataclass(frozen=True)
class _Header:
    page_size: int
    reserved: int
    encoding: str

    @classmethod
    def read(cls, data: bytes | mmap.mmap) -> _Header | None:
        """The file header's facts, or ``None`` when it is not a sane SQLite header."""
        head = bytes(data[:100])
        if len(head) < 100 or not head.startswith(MAGIC):
            return None
        raw = int.from_bytes(head[16:18], "big")
        size = 65536 if raw == 1 else raw
        encoding = _ENCODINGS.get(int.from_bytes(head[56:60], "big"))
        if size not in SIZES or encoding is None or head[20] > size - 480:
            return None
        return cls(size, head[20], encoding)


def _guess_page_size(data: bytes | mmap.mmap, header: _Header | None) -> int | None:
    """The size at which the most pages parse as b-tree pages (the header's on a tie);
    ``None`` when none parses at any size."""
    best, best_score = None, 0.0
    preferred = header.page_size if header is not None else None
    for size in sorted(SIZES, key=lambda s: (s != preferred, -s)):
        count = len(data) // size
        if count == 0:
            continue
        step = max(1, count // _SAMPLE)
        sampled = range(1, count + 1, step)
        hits = sum(_btree_header(bytes(data[(n - 1) * size:n * size]),
                                 100 if n == 1 else 0, size) is not None for n in sampled)
        score = hits * step
        if score > best_score:
            best, best_score = size, score
    return best


def _btree_header(page: bytes, offset: int, usable: int
                  ) -> tuple[int, list[int], int | None] | None:
    """``(page type, cell pointers, right-most child)`` when the page parses as a
    b-tree page at this usable size, else ``None``: every field must fit the page."""
    if len(page) < offset + 12:
        return None
    kind = page[offset]
    if kind not in _HEADER_SIZE:
        return None
    freeblock, count, content, fragmented = struct.unpack_from(">HHHB", page, offset + 1)
    content = content or 65536
    pointers_at = offset + _HEADER_SIZE[kind]
    pointers_end = pointers_at + 2 * count
    if fragmented > 60 or pointers_end > usable or not pointers_end <= content <= usable:
        return None
    if freeblock and not content <= freeblock <= usable - 4:
        return None
    pointers = list(struct.unpack_from(f">{count}H", page, pointers_at))
    if any(not content <= p < usable for p in pointers) or len(set(pointers)) < count:
        return None  # outside the cell area, or two cells in one place
    right = None
    if kind in (INTERIOR_TABLE, INTERIOR_INDEX):
        right = int.from_bytes(page[offset + 8:offset + 12], "big")
    return kind, pointers, right


def _linked_pages(pages: _Pages, usable: int) -> set[int]:
    """Pages some interior table page points to."""
    linked: set[int] = set()
    for number in range(1, pages.count + 1):
        page = pages.get(number)
        parsed = _btree_header(page, 100 if number == 1 else 0, usable)
        if parsed is None or parsed[0] != INTERIOR_TABLE:
            continue
        for pointer in parsed[1]:
            if pointer + 4 <= usable:
                linked.add(int.from_bytes(page[pointer:pointer + 4], "big"))
        if parsed[2] is not None:
            linked.add(parsed[2])
    return linked


# --- cells and records ---------------------------------------------------------------


def _leaf_cell(page: bytes, at: int, usable: int, pages: _Pages, budget: list[int],
               encoding: str) -> tuple[int, tuple[Value, ...]] | None:
    """A table leaf cell's rowid and decoded record, or ``None``."""
    size = varint(page, at, usable)
    rowid = None if size is None else varint(page, size[1], usable)
    if size is None or rowid is None:
        return None
    total, start = size[0], rowid[1]
    local = _local_size(total, usable)
    if start + local + (4 if local < total else 0) > usable:
        return None
    payload = page[start:start + local]
    if local < total:
        first = int.from_bytes(page[start + local:start + local + 4], "big")
        rest = _overflow(first, total - local, usable, pages, budget)
        if rest is None:
            return None
        payload += rest
    values = record(payload, encoding)
    if values is None:
        return None
    signed = rowid[0] - (1 << 64) if rowid[0] >= 1 << 63 else rowid[0]
    return signed, values


def _local_size(total: int, usable: int) -> int:
    """How much of a table leaf cell's payload sits on the page itself (the rest is in
    overflow pages), as SQLite computes it."""
    most = usable - 35
    if total <= most:
        return total
    least = (usable - 12) * 32 // 255 - 23
    local = least + (total - least) % (usable - 4)
    return local if local <= most else least


def _overflow(first: int, length: int, usable: int, pages: _Pages,
              budget: list[int]) -> bytes | None:
    """The ``length`` bytes of an overflow chain starting at page ``first``, or
    ``None`` when the chain is broken, cyclic, too short or too long."""
    per_page = usable - 4
    if length > per_page * pages.count:
        return None
    parts: list[bytes] = []
    seen: set[int] = set()
    number, left = first, length
    while left > 0:
        if not 1 <= number <= pages.count or number in seen or budget[0] <= 0:
            return None
        seen.add(number)
        budget[0] -= 1
        page = pages.get(number)
        if len(page) < usable:  # past the end of a cut file
            return None
        take = min(left, per_page)
        parts.append(page[4:4 + take])
        left -= take
        number = int.from_bytes(page[:4], "big")
    if number != 0:  # the last page of a chain points nowhere
        return None
    return b"".join(parts)


def varint(buf: bytes, at: int, end: int) -> tuple[int, int] | None:
    """SQLite's variable-length integer at ``at`` and where it ends; at most 9 bytes,
    none read at or past ``end``."""
    value = 0
    for i in range(9):
        if at + i >= end:
            return None
        byte = buf[at + i]
        if i == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    return None  # pragma: no cover - the loop always returns


_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def record(payload: bytes, encoding: str = "utf-8") -> tuple[Value, ...] | None:
    """A record's values, or ``None`` when its header or values do not fit exactly."""
    head = varint(payload, 0, len(payload))
    if head is None or not head[1] <= head[0] <= len(payload):
        return None
    end, at = head[0], head[1]
    types: list[int] = []
    while at < end:
        item = varint(payload, at, end)
        if item is None:
            return None
        types.append(item[0])
        at = item[1]
    values: list[Value] = []
    at = end
    for kind in types:
        if kind in (10, 11):
            return None
        size = _INT_SIZES.get(kind, 8 if kind == 7 else 0 if kind < 12 else (kind - 12) // 2)
        if at + size > len(payload):
            return None
        raw = payload[at:at + size]
        at += size
        if kind == 0:
            values.append(None)
        elif kind in _INT_SIZES:
            values.append(int.from_bytes(raw, "big", signed=True))
        elif kind == 7:
            values.append(struct.unpack(">d", raw)[0])
        elif kind in (8, 9):
            values.append(kind - 8)
        elif kind % 2 == 0:
            values.append(raw)
        else:
            try:
                values.append(raw.decode(encoding))
            except UnicodeDecodeError:
                return None
    return tuple(values) if at == len(payload) else None


# --- the write-ahead log -------------------------------------------------------------


def _read_wal(path: Path) -> _Wal | None:
    """The committed frames of a ``-wal`` file whose header and checksums hold."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) < 32:
        return None
    magic, _version, size = struct.unpack_from(">III", data)
    if magic not in _WAL_MAGICS or size not in SIZES:
        return None
    order = ">" if magic & 1 else "<"
    salts = data[16:24]
    sums = _checksum(data[:24], (0, 0), order)
    if sums != struct.unpack_from(">II", data, 24):
        return None
    committed: dict[int, bytes] = {}
    pending: dict[int, bytes] = {}
    at = 32
    while at + 24 + size <= len(data):
        frame = data[at:at + 24]
        number, commit = struct.unpack_from(">II", frame)
        if frame[8:16] != salts or number == 0:
            break
        page = data[at + 24:at + 24 + size]
        sums = _checksum(page, _checksum(frame[:8], sums, order), order)
        if sums != struct.unpack_from(">II", frame, 16):
            break
        pending[number] = page
        if commit:  # a transaction's last frame: its pages count from here
            committed.update(pending)
            pending.clear()
        at += 24 + size
    return _Wal(size, committed) if committed else None


def _checksum(block: bytes, start: tuple[int, int], order: str) -> tuple[int, int]:
    """The WAL's running checksum over ``block`` (a multiple of 8 bytes)."""
    first, second = start
    words = struct.unpack(f"{order}{len(block) // 4}I", block)
    for i in range(0, len(words), 2):
        first = (first + words[i] + second) & 0xFFFFFFFF
        second = (second + words[i + 1] + first) & 0xFFFFFFFF
    return first, second
