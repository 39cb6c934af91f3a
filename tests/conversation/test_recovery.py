"""Reading conversations back from a history file damaged on purpose: its header and
first page overwritten, its WAL garbage, whole pages destroyed.  What was on intact
pages comes back exactly; what was destroyed is not invented; hostile files end
quickly with nothing, never an exception."""

from __future__ import annotations

import random
import shutil
import sqlite3
import struct
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from core.conversation import pages
from core.conversation.inserting import bring_back_at
from core.conversation.recovery import recover
from core.conversation.store import ConversationStore
from core.conversation.types import ContextPolicy, MessageStatus, Role
from core.errors import ConversationStoreError
from core.sampling.params import SamplingParams
from tests.conversation.test_store import Clock, make_version_1, reply, shape

NAMES = ("ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT")
#: Words only in lower case: the search index keeps its terms in lower case, so the
#: upper-case markers are found in the file only where a message's own text is.
WORDS = ("lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit",
         "sed", "do", "eiusmod")


def marker(name: str) -> str:
    return f"<<{name}>>"


def text(name: str, rng: random.Random, words: int) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(words))
    return f"{marker(name)} {body} {marker(name)}"


def build_history(path: Path, *, page_size: int = 4096, scale: int = 1) -> dict[str, int]:
    """Six conversations with branches, reply records, settings and long messages
    (one over many overflow pages); their ids by name."""
    if page_size != 4096:
        db = sqlite3.connect(path)
        db.execute(f"PRAGMA page_size={page_size}")
        db.execute("CREATE TABLE x (a)")
        db.execute("DROP TABLE x")
        db.close()
    rng = random.Random(13)
    made: dict[str, int] = {}
    with ConversationStore(path, clock=Clock()) as store:
        for n, name in enumerate(NAMES):
            c = store.create_conversation(
                title=f"{name.title()} chat", system_prompt=f"You are {name.lower()}.",
                sampling=SamplingParams(temperature=0.1 * n), model_path=f"/m/{n}.gguf",
                context_policy=list(ContextPolicy)[n % 3])
            parent = None
            for turn in range(4 * scale):
                user = store.add_message(c, parent, Role.USER, text(name, rng, 20 + 60 * turn))
                parent = reply(store, c, user, text(name, rng, 150 + 90 * turn))
                if turn == 1:  # an edit and a regeneration: branches to keep
                    edited = store.edit(user, text(name, rng, 30))
                    reply(store, c, edited, text(name, rng, 40), MessageStatus.STOPPED)
                    store.select(parent)
            if name == "BRAVO":  # many overflow pages
                store.add_message(c, parent, Role.USER, text(name, rng, 6000))
            if name == "ECHO":
                store.pin(c)
            store.set_tokens({m.id: 7 for m in store.current_path(c)[:2]})
            made[name] = c
    return made


def snapshot(path: Path, made: dict[str, int]) -> dict[str, Any]:
    """What each conversation is, by title: its shape and when it was last active."""
    with ConversationStore(path) as store:
        return {store.conversation(c).title: (shape(store, c), store.conversation(c).updated_at)
                for c in made.values()}


def garble(path: Path, start: int, length: int, seed: int = 0) -> None:
    with path.open("r+b") as handle:
        handle.seek(start)
        handle.write(random.Random(seed).randbytes(length))


def pages_with(path: Path, needle: bytes, size: int) -> list[int]:
    data = path.read_bytes()
    return [n for n in range(len(data) // size) if needle in data[n * size:(n + 1) * size]]


def test_a_damaged_history_gives_back_the_conversations_on_intact_pages(
        tmp_path: Path) -> None:
    db = tmp_path / "conversations.db"
    made = build_history(db)
    before = snapshot(db, made)
    size = 4096
    assert db.stat().st_size > 40 * size  # many pages: the test means something
    # destroyed: the header and first page, every page holding DELTA's text, the WAL
    destroyed = [0, *pages_with(db, marker("DELTA").encode(), size)]
    data = db.read_bytes()
    # a page of DELTA's may also hold the end of its neighbour's messages
    hurt = {name for name in NAMES for n in destroyed
            if marker(name).encode() in data[n * size:(n + 1) * size]}
    for n in destroyed:
        garble(db, n * size, size, seed=n)
    Path(f"{db}-wal").write_bytes(random.Random(1).randbytes(3 * size + 32))
    with ConversationStore(db, clock=Clock(1_800_000_000)) as store:
        assert store.notice is not None and store.set_aside is not None
        assert store.notice.fields["kept"] == str(store.set_aside)
        assert Path(f"{store.set_aside}-wal").exists()
        recovered = recover(store.set_aside)
        assert recovered.counts.page_size == size and recovered.counts.wal_pages == 0
        assert recovered.counts.conversations_found == len(NAMES)
        assert recovered.counts.conversations_left_out >= 1  # DELTA: a title, no message
        assert store.bring_back(recovered) == len(recovered.conversations)
        back = {store.conversation(s.id).title: s.id for s in store.list_conversations()}
        assert "Delta chat" not in back  # nothing of it was readable: not invented
        intact = [f"{name.title()} chat" for name in NAMES if name not in hurt]
        assert len(intact) >= 3 and "Bravo chat" in intact
        for title in intact:
            c = back[title]
            assert (shape(store, c), store.conversation(c).updated_at) == before[title]
        assert recovered.messages == sum(len(store.tree(c)) for c in back.values())
        # the brought-back conversations are first-class: searchable, and they go on
        assert store.search("BRAVO")
        c = back["Bravo chat"]
        store.add_message(c, store.current_path(c)[-1].id, Role.USER, "still here")
        for title in set(back) - set(intact):  # partly hurt: only what was there
            originals = {m["content"] for m in before[title][0]["tree"]}
            assert all(m.content in originals for m in store.tree(back[title]))


def test_committed_pages_in_the_wal_are_recovered_too(tmp_path: Path) -> None:
    """A crash leaves the newest commits in the -wal only: they come back, even with
    the main file's header destroyed."""
    db = tmp_path / "conversations.db"
    crashed = tmp_path / "crashed.db"
    with ConversationStore(db, clock=Clock()) as store:
        c = store.create_conversation(title="Before the crash")
        store.add_message(c, None, Role.USER, "checkpointed " * 50)
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store._db.execute("PRAGMA wal_autocheckpoint=0")
        late = store.create_conversation(title="Only in the WAL")
        u = store.add_message(late, None, Role.USER, "written after the checkpoint " * 40)
        reply(store, late, u, "and answered")
        shutil.copy(db, crashed)  # as a killed app leaves them
        shutil.copy(f"{db}-wal", f"{crashed}-wal")
    garble(crashed, 0, 100)
    recovered = recover(crashed)
    assert recovered.counts.wal_pages > 0
    titles = {r.conversation.title: [m.content for m in r.messages]
              for r in recovered.conversations}
    assert titles == {"Before the crash": ["checkpointed " * 50],
                      "Only in the WAL": ["written after the checkpoint " * 40,
                                          "and answered"]}
    # a WAL whose checksums fail is ignored, not half-read
    wal = bytearray(Path(f"{crashed}-wal").read_bytes())
    wal[40] ^= 0xFF
    Path(f"{crashed}-wal").write_bytes(bytes(wal))
    assert "Only in the WAL" not in {r.conversation.title for r in recover(crashed).conversations}


@pytest.mark.parametrize("page_size", [1024, 8192])
def test_the_page_size_is_found_without_the_header(tmp_path: Path, page_size: int) -> None:
    db = tmp_path / "c.db"
    made = build_history(db, page_size=page_size)
    before = snapshot(db, made)
    garble(db, 0, page_size)
    recovered = recover(db)
    assert recovered.counts.page_size == page_size
    with ConversationStore(tmp_path / "new.db") as store:
        store.bring_back(recovered)
        back = {store.conversation(s.id).title: s.id for s in store.list_conversations()}
        assert {t: (shape(store, c), store.conversation(c).updated_at)
                for t, c in back.items()} == before


def test_trashed_conversations_stay_gone_and_orphans_are_attached(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with ConversationStore(db, clock=Clock()) as store:
        gone = store.create_conversation(title="Deleted one")
        store.add_message(gone, None, Role.USER, "<<GONE>> bye")
        store.delete(gone)
        c = store.create_conversation(title="Holes")
        u1 = store.add_message(c, None, Role.USER, "first " * 500)
        a1 = reply(store, c, u1, "<<LOST>>" + "x" * 3000)  # a page of its own
        u2 = store.add_message(c, a1, Role.USER, "y" * 3000)
        reply(store, c, u2, "z" * 3000)
    for n in pages_with(db, b"<<LOST>>", 4096):
        garble(db, n * 4096, 4096, seed=n)
    recovered = recover(db)
    assert [r.conversation.title for r in recovered.conversations] == ["Holes"]
    messages = recovered.conversations[0].messages
    assert [m.content[:5] for m in messages] == ["first", "yyyyy", "zzzzz"]
    # u2 lost its parent: it hangs under the newest message written before it
    assert [m.parent for m in messages] == [None, messages[0].source_id,
                                            messages[1].source_id]
    assert recovered.counts.reattached == 1
    assert recovered.counts.conversations_left_out == 1


# --- files that are not history at all ------------------------------------------------


def quick(path: Path) -> Any:
    started = time.monotonic()
    result = recover(path)
    assert time.monotonic() - started < 10
    return result


def test_random_garbage_recovers_nothing(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(random.Random(5).randbytes(300_000))
    result = quick(junk)
    assert result.conversations == () and result.messages == 0
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert quick(empty).conversations == ()


def test_a_truncated_history_gives_back_what_is_left(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    build_history(db)
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2 + 1234])  # cut mid-page
    result = quick(db)
    assert result.conversations  # the first half's rows
    assert all(m.content.startswith("<<") for r in result.conversations for m in r.messages)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConversationStoreError) as caught:
        recover(tmp_path / "nowhere.db")
    assert caught.value.code == "conversation.recovery.unreadable"


def leaf_page(size: int, cells: list[bytes]) -> bytes:
    """A table leaf page holding ``cells``, packed at its end as SQLite does."""
    body = b"".join(reversed(cells))
    start = size - len(body)
    pointers, at = [], size
    for cell in cells:
        at -= len(cell)
        pointers.append(at)
    header = struct.pack(">BHHHB", 0x0D, 0, len(cells), start, 0)
    head = header + b"".join(struct.pack(">H", p) for p in pointers)
    return head + bytes(start - len(head)) + body


def message_record(conversation: int, content: str) -> bytes:
    values = [None, conversation, None, "user", content, "done", 1.5] + [None] * 11 + [1]
    types, body = [], b""
    for v in values:
        if v is None:
            types.append(0)
        elif isinstance(v, float):
            types.append(7)
            body += struct.pack(">d", v)
        elif isinstance(v, int):
            types.append(1)
            body += bytes([v])
        else:
            raw = v.encode()
            types.append(13 + 2 * len(raw))
            body += raw
    head = b"".join(_varint(t) for t in types)
    return _varint(len(head) + 1) + head + body


def _varint(value: int) -> bytes:
    assert value < 1 << 56
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def test_hostile_cells_end_quickly_and_sound_ones_still_count(tmp_path: Path) -> None:
    size = 1024
    usable = size - 35
    # a payload size whose first part on the page is the least SQLite allows, so
    # that many such cells fit on one page
    total = 103 + 2 * (size - 4) + 900
    local = pages._local_size(total, size)
    assert local < 110 and local < total and usable > local
    cyclic = _varint(total) + _varint(1) + b"q" * local + struct.pack(">I", 3)
    absurd = b"\xff" * 9 + _varint(2) + b"\x00" * 20
    huge = _varint(1 << 50) + _varint(3) + b"\x01" + struct.pack(">I", 3)
    sound = message_record(1, "sound")
    page2 = leaf_page(size, [cyclic, absurd, huge, _varint(len(sound)) + _varint(4) + sound])
    # page 3 points to itself: a cycle; pages 4..: many cells all into the cycle
    page3 = struct.pack(">I", 3) + b"q" * (size - 4)
    flood = leaf_page(size, [cyclic] * 8)
    data = bytes(size) + page2 + page3 + flood * 200
    hostile = tmp_path / "hostile.db"
    hostile.write_bytes(data)
    result = quick(hostile)
    assert [[m.content for m in r.messages] for r in result.conversations] == [["sound"]]
    assert result.counts.cells_skipped == 3 + 8 * 200


def test_varints_and_records_are_bounded() -> None:
    assert pages.varint(b"\xff" * 20, 0, 20) == ((1 << 64) - 1, 9)
    assert pages.varint(b"\x81\x00", 0, 2) == (128, 2)
    assert pages.varint(b"\x81", 0, 1) is None  # runs past the end
    assert pages.record(b"\x05\x01\x01") is None  # header longer than the payload
    assert pages.record(b"\x02\x0b") is None  # a reserved serial type
    assert pages.record(b"\x02\x15\xff\xfe\xfd\xfc") is None  # text that is not UTF-8
    assert pages.record(b"\x03\x01\x09\x07") == (7, 1)


def test_rows_written_before_later_migrations_are_read_with_their_defaults(
        tmp_path: Path) -> None:
    old = tmp_path / "v1.db"
    make_version_1(old)  # 9-column conversations, 18-column messages
    garble(old, 0, 100)
    recovered = recover(old)
    [found] = recovered.conversations
    assert (found.conversation.title, found.conversation.system_prompt,
            found.conversation.context_policy) == ("Old chat", "Old prompt", ContextPolicy.STOP)
    assert [(m.content, m.status, m.parent) for m in found.messages] == [
        ("Tell me about hedgehogs", MessageStatus.DONE, None),
        ("Hedgehogs eat beetles.", MessageStatus.DONE, 1),
        # cut off by a crash: it comes back interrupted, its text kept
        ("Hedgehogs hibernate in winter.", MessageStatus.INTERRUPTED, 1)]
    with ConversationStore(tmp_path / "new.db") as store:
        assert store.bring_back(recovered) == 1
        [summary] = store.list_conversations()
        assert [m.content for m in store.current_path(summary.id)] == [
            "Tell me about hedgehogs", "Hedgehogs hibernate in winter."]


def test_bringing_back_from_a_worker_thread_while_the_store_is_open(tmp_path: Path) -> None:
    """The window's store belongs to the GUI thread; the worker writes through its own
    connection, and the store sees the conversations at once."""
    old = tmp_path / "old.db"
    make_version_1(old)
    recovered = recover(old)
    results: list[int | BaseException] = []

    def work() -> None:
        try:
            results.append(bring_back_at(tmp_path / "new.db", recovered))
        except BaseException as error:  # handed to the test's thread
            results.append(error)

    with ConversationStore(tmp_path / "new.db") as store:
        mine = store.create_conversation(title="Mine")
        worker = threading.Thread(target=work)
        worker.start()
        worker.join(10)
        assert results == [1]
        assert [s.title for s in store.list_conversations()] == ["Mine", "Old chat"]
        assert store.conversation(mine).title == "Mine"
    with pytest.raises(ConversationStoreError) as caught:
        bring_back_at(tmp_path / "missing.db", recovered)
    assert caught.value.code == "conversation.bring_back.no_history"
    assert not (tmp_path / "missing.db").exists()


def test_the_store_says_which_file_it_set_aside(tmp_path: Path) -> None:
    db = tmp_path / "conversations.db"
    with ConversationStore(db) as store:
        assert store.set_aside is None  # a new file
        store.add_message(store.create_conversation(), None, Role.USER, "hello")
    with ConversationStore(db) as store:
        assert store.set_aside is None  # a sound one
    garble(db, 0, 4096)
    with ConversationStore(db) as store:
        assert store.set_aside is not None and store.set_aside.exists()
        assert store.set_aside.name.startswith("conversations.db.damaged-")
        assert [r.conversation.title for r in recover(store.set_aside).conversations] == [
            "hello"]
    with ConversationStore(db) as store:
        assert store.set_aside is None  # said once: the next start is a sound file


def test_messages_whose_conversation_row_was_lost_come_back_named_by_their_text(
        tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    made = build_history(db)
    before = snapshot(db, made)
    for n in pages_with(db, b"Alpha chat", 4096):  # the conversations' own rows
        garble(db, n * 4096, 4096, seed=n)
    recovered = recover(db)
    assert len(recovered.conversations) == len(NAMES)
    assert all(r.conversation.title == "" and r.conversation.system_prompt == ""
               for r in recovered.conversations)
    with ConversationStore(tmp_path / "new.db") as store:
        store.bring_back(recovered)
        for summary in store.list_conversations():
            name = summary.title.split(">>")[0].removeprefix("<<")
            original = before[f"{name.title()} chat"][0]
            mine = shape(store, summary.id)
            assert (mine["tree"], mine["path"]) == (original["tree"], original["path"])


def test_reasoning_and_thinking_settings_come_back(tmp_path: Path) -> None:
    from core.conversation.types import ThinkingSettings
    from core.output.types import ThinkingMode

    db = tmp_path / "conversations.db"
    thinking = ThinkingSettings(ThinkingMode.ON, 64, {"reasoning_effort": "high"})
    with ConversationStore(db, clock=Clock()) as store:
        c = store.create_conversation(title="Thinker", thinking=thinking)
        user = store.add_message(c, None, Role.USER, "Why?")
        answer = store.begin_reply(c, user)
        store.append_reply(answer, "Because.", "Let me see… " * 40)
        store.finish_reply(answer, "Because.", MessageStatus.DONE,
                           reasoning="Let me see… " * 40, reasoning_tokens=120,
                           reasoning_ms=2500.0)
    garble(db, 0, 100)
    recovered = recover(db)
    [found] = recovered.conversations
    assert found.conversation.thinking == thinking
    reply_back = found.messages[-1]
    assert (reply_back.content, reply_back.reasoning, reply_back.reasoning_tokens,
            reply_back.reasoning_ms) == ("Because.", "Let me see… " * 40, 120, 2500.0)
    with ConversationStore(tmp_path / "new.db") as store:
        store.bring_back(recovered)
        [summary] = store.list_conversations()
        assert store.conversation(summary.id).thinking == thinking
        assert store.current_path(summary.id)[-1].reasoning == "Let me see… " * 40
