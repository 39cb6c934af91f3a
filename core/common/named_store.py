"""A list of things the user names, kept in one JSON file: presets, system prompts.

Sampling presets and saved system prompts are the same kind of collection: a short,
ordered list the user adds to, renames and deletes from, shown in a menu.  So they
share one store, and one set of rules:

- names are unique ignoring case and runs of spaces ("Warm  prose" is "warm prose"),
  since two entries called "Tutor" and "tutor" in one menu would only confuse; a
  name the app reserves (a built-in preset's) counts as taken;
- every change is written at once, atomically (``core.common.jsonfile``); a damaged
  file is set aside, never deleted, and :attr:`NamedStore.notice` says where it was
  kept; an entry that cannot be read is skipped, not fatal;
- each collection words its own messages (a preset, a system prompt), as coded
  problems the window shows in the user's language (:class:`StoreTexts`).

The file's layout is the collection's (``load`` and ``dump``), so files written
before this store existed still load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from core.common.jsonfile import read_json, write_json
from core.common.problems import filled
from core.errors import BadInput, Problem

#: The longest name: a menu entry, not a paragraph.
MAX_NAME = 80


class Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=Named)


@dataclass(frozen=True)
class StoreTexts:
    """What a store says, in its collection's words; the fields each one gets."""

    #: ``{kept_as}``: the name the damaged file was kept under.
    damaged: Problem
    #: ``{name}``: the name already taken.
    exists: Problem
    #: ``{name}``: the name asked for.
    missing: Problem
    no_name: Problem
    #: ``{most}``: the longest name allowed.
    too_long: Problem


def name_key(name: str) -> str:
    """What two names must differ in to be two names."""
    return " ".join(name.split()).casefold()


class NamedStore(Generic[T]):
    """The entries of one JSON file, in order, by unique name."""

    def __init__(
        self,
        path: Path,
        texts: StoreTexts,
        *,
        load: Callable[[object], Iterable[T] | None],
        dump: Callable[[Sequence[T]], object],
        with_name: Callable[[T, str], T],
        defaults: Sequence[T] = (),
        reserved: Sequence[str] = (),
    ) -> None:
        """``load`` reads the file's data into entries (None: not this collection's
        layout, use ``defaults``), ``dump`` makes the file's data, ``with_name`` gives
        an entry another name; ``defaults`` stand in for a missing or unusable file;
        ``reserved`` names are taken by entries that are not in the file."""
        self.path = path
        self._texts = texts
        self._dump = dump
        self._with_name = with_name
        self._reserved = {name_key(name): name for name in reserved}
        #: Set when the file was damaged, for the window to show once.
        self.notice: Problem | None = None
        data, kept_as = read_json(path)
        if kept_as is not None:
            self.notice = filled(texts.damaged, kept_as=kept_as.name)
        loaded = load(data) if data is not None else None
        self._items = self._readable(loaded) if loaded is not None else list(defaults)

    @property
    def items(self) -> tuple[T, ...]:
        return tuple(self._items)

    def get(self, name: str) -> T | None:
        index = self.index(name)
        return None if index is None else self._items[index]

    def index(self, name: str) -> int | None:
        key = name_key(name)
        return next((i for i, item in enumerate(self._items) if name_key(item.name) == key),
                    None)

    def valid_name(self, name: str) -> str:
        """The name as it is kept (spaces collapsed), or :class:`BadInput` saying why not."""
        name = " ".join(name.split())
        if not name:
            raise BadInput.from_problem(self._texts.no_name)
        if len(name) > MAX_NAME:
            raise BadInput.from_problem(filled(self._texts.too_long, most=MAX_NAME))
        return name

    def put(self, item: T) -> T:
        """Add ``item``, or replace the entry of the same name; returns it as kept."""
        name = self.valid_name(item.name)
        if name != item.name:
            item = self._with_name(item, name)
        index = self.index(name)
        if index is None:
            self._items.append(item)
        else:
            self._items[index] = item
        self.write()
        return item

    def rename(self, old: str, new: str) -> T:
        new = self.valid_name(new)
        index = self.require(old)
        taken = self._reserved.get(name_key(new))
        clash = self.index(new)
        if taken is None and clash is not None and clash != index:
            taken = self._items[clash].name
        if taken is not None:
            raise BadInput.from_problem(filled(self._texts.exists, name=taken))
        item = self._items[index] = self._with_name(self._items[index], new)
        self.write()
        return item

    def delete(self, name: str) -> None:
        del self._items[self.require(name)]
        self.write()

    def require(self, name: str) -> int:
        """The index of the entry called ``name``, or :class:`BadInput`."""
        index = self.index(name)
        if index is None:
            raise BadInput.from_problem(filled(self._texts.missing, name=name))
        return index

    def write(self) -> None:
        write_json(self.path, self._dump(self._items))

    def _readable(self, loaded: Iterable[T]) -> list[T]:
        """The entries with a usable name that no earlier or reserved one took."""
        items: list[T] = []
        seen = set(self._reserved)
        for item in loaded:
            name = " ".join(item.name.split())
            if not name or len(name) > MAX_NAME or name_key(name) in seen:
                continue
            seen.add(name_key(name))
            items.append(item if name == item.name else self._with_name(item, name))
        return items
