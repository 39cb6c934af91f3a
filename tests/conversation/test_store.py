"""The conversation store on real SQLite files: branches, crash safety, damaged files,
migrations, search, export and import."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import asdict, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.conversation.export import STATUS_NOTES
from core.conversation.records import (
    MARK_END,
    MARK_START,
    ReplyRecord,
    ReplyStats,
    StoredMessage,
    default_title,
)
from core.conversation.schema import MIGRATIONS, SCHEMA_VERSION
from core.conversation.session import ChatSession
from core.conversation.store import ConversationStore
from core.conversation.types import (
    ContextPolicy,
    FinishReason,
    GenerationStats,
    MessageStatus,
    Role,
)
from core.engine.protocol import GenerationFinished
from core.errors import BadInput, ConversationStoreError
from core.sampling.params import SamplingParams

REPO = Path(__file__).resolve().parents[2]


class Clock:
    """A clock that moves one second per reading: orderings never tie by accident."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "conversations.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[ConversationStore]:
    with ConversationStore(db_path, clock=Clock()) as opened:
        yield opened


RECORD = ReplyRecord(model_file="/models/smol.gguf", model_sha256="ab" * 32,
                     template_source="model", template_sha256="cd" * 32, strategy="chat",
                     sampling=SamplingParams(temperature=0.0, seed=7).to_dict(), seed=7)


def reply(store: ConversationStore, conversation: int, parent: int, text: str,
          status: MessageStatus = MessageStatus.DONE) -> int:
    message = store.begin_reply(conversation, parent, RECORD)
    store.append_reply(message, text[: len(text) // 2])
    store.append_reply(message, text[len(text) // 2:])
    store.finish_reply(message, text, status,
                       GenerationStats(prompt_tokens=12, completion_tokens=5,
                                       prompt_tokens_evaluated=12, ttft_ms=30.5,
                                       tokens_per_s=41.25, seed=7))
    return message


def branchy(store: ConversationStore) -> dict[str, int]:
    """user -> reply; the user message edited (a second root) -> reply regenerated twice,
    then the view switched back and forth."""
    c = store.create_conversation(system_prompt="Be brief.", model_path="/models/smol.gguf",
                                  sampling=SamplingParams(temperature=0.2))
    u1 = store.add_message(c, None, Role.USER, "What is the capital of France?")
    a1 = reply(store, c, u1, "Paris.")
    u2 = store.add_message(c, a1, Role.USER, "And of Italy?")
    a2 = reply(store, c, u2, "Rome.")
    u2b = store.edit(u2, "And of Spain?")
    b1 = reply(store, c, u2b, "Madrid.")
    b2 = reply(store, c, u2b, "Madrid, of course.", MessageStatus.STOPPED)
    b3 = reply(store, c, u2b, "It is Madrid, the largest city of Spain.")
    store.select(b2)
    store.select(u2)  # back to Italy ...
    store.select(u2b)  # ... and to Spain: the reply shown there last (b2) comes back
    return {"c": c, "u1": u1, "a1": a1, "u2": u2, "a2": a2, "u2b": u2b, "b1": b1, "b2": b2,
            "b3": b3}


def dump(store: ConversationStore, conversation: int) -> dict[str, Any]:
    tree = store.tree(conversation)
    return {
        "conversation": asdict(store.conversation(conversation)),
        "tree": [asdict(m) for m in tree],
        "path": [m.id for m in store.current_path(conversation)],
        "siblings": [store.siblings(m.id) for m in tree],
        "sidebar": store.list_conversations(),
    }


def shape(store: ConversationStore, conversation: int) -> dict[str, Any]:
    """A dump with database ids replaced by positions, to compare copies."""
    tree = store.tree(conversation)
    position = {m.id: i for i, m in enumerate(tree)}

    def plain(m: StoredMessage) -> dict[str, Any]:
        data = asdict(m)
        data["id"] = position[m.id]
        data["parent_id"] = None if m.parent_id is None else position[m.parent_id]
        del data["conversation_id"]
        return data

    settings_ = asdict(store.conversation(conversation))
    for key in ("id", "updated_at"):
        del settings_[key]
    return {"conversation": settings_, "tree": [plain(m) for m in tree],
            "path": [position[m.id] for m in store.current_path(conversation)]}


# --- trees ---------------------------------------------------------------------------


def test_branches_edits_and_regenerations_survive_reopening(db_path: Path) -> None:
    with ConversationStore(db_path, clock=Clock()) as store:
        ids = branchy(store)
        c = ids["c"]
        path = store.current_path(c)
        assert [m.id for m in path] == [ids["u1"], ids["a1"], ids["u2b"], ids["b2"]]
        assert store.siblings(ids["b2"]) == (1, 3, [ids["b1"], ids["b2"], ids["b3"]])
        assert store.siblings(ids["u2b"]) == (1, 2, [ids["u2"], ids["u2b"]])
        assert store.siblings(ids["u1"]) == (0, 1, [ids["u1"]])
        assert [m.id for m in store.children(ids["u2b"])] == [ids["b1"], ids["b2"], ids["b3"]]
        assert [m.id for m in store.path_to(ids["a2"])] == [ids["u1"], ids["a1"], ids["u2"],
                                                            ids["a2"]]
        shown = store.message(ids["b2"])
        assert shown.status is MessageStatus.STOPPED and shown.record == RECORD
        assert shown.role is Role.ASSISTANT
        assert shown.stats == ReplyStats(12, 5, 30.5, 41.25)
        assert store.message(ids["u2"]).content == "And of Italy?"  # the edit kept it
        before = dump(store, c)
    with ConversationStore(db_path) as reopened:
        assert dump(reopened, c) == before


def test_selecting_an_old_branch_shows_it_down_to_its_leaf(store: ConversationStore) -> None:
    ids = branchy(store)
    assert [m.id for m in store.select(ids["u2"])][-2:] == [ids["u2"], ids["a2"]]
    assert store.current_path(ids["c"])[-1].id == ids["a2"]
    store.select(ids["b3"])
    assert store.current_path(ids["c"])[-1].id == ids["b3"]


def test_a_reply_starts_streaming_and_finishing_replaces_its_text(
        store: ConversationStore) -> None:
    c = store.create_conversation()
    u = store.add_message(c, None, Role.USER, "Hi")
    r = store.begin_reply(c, u, RECORD)
    assert store.message(r).status is MessageStatus.STREAMING
    store.append_reply(r, "Hel")
    store.append_reply(r, "lo\x00!")
    assert store.message(r).content == "Hello\x00!"
    store.finish_reply(r, "Hello!", MessageStatus.LENGTH, GenerationStats(seed=99))
    finished = store.message(r)
    assert (finished.content, finished.status) == ("Hello!", MessageStatus.LENGTH)
    assert finished.record is not None and finished.record.seed == 99


def test_messages_need_a_parent_in_the_same_conversation(store: ConversationStore) -> None:
    one, two = store.create_conversation(), store.create_conversation()
    u = store.add_message(one, None, Role.USER, "Hi")
    with pytest.raises(BadInput):
        store.add_message(two, u, Role.ASSISTANT, "wrong place")
    with pytest.raises(BadInput) as caught:
        store.add_message(one, None, "robot", "x")  # type: ignore[arg-type]
    assert caught.value.code == "conversation.unknown_role"
    assert "expected one of system, user, assistant, tool" in caught.value.message
    with pytest.raises(BadInput) as caught:
        store.add_message(one, None, Role.USER, "x",
                          status="weird")  # type: ignore[arg-type]
    assert caught.value.code == "conversation.unknown_status"
    with pytest.raises(BadInput) as caught:
        store.append_reply(12345, "x")
    assert caught.value.code == "conversation.message_gone"
    with pytest.raises(BadInput) as caught:
        store.conversation(12345)
    assert caught.value.code == "conversation.gone"


# --- crash safety --------------------------------------------------------------------

WRITER = """
import sys, time
from pathlib import Path
from core.conversation.store import ConversationStore
from core.conversation.types import Role
store = ConversationStore(Path(sys.argv[1]))
c = store.create_conversation()
u = store.add_message(c, None, Role.USER, "Tell me a story")
r = store.begin_reply(c, u)
store.append_reply(r, "Once upon ")
store.append_reply(r, "a time there was")
print("ready", c, r, flush=True)
time.sleep(60)
"""


def test_a_partial_reply_survives_the_writer_being_killed(db_path: Path) -> None:
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path)], cwd=REPO,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None
        line = writer.stdout.readline().split()
        assert line[:1] == ["ready"], line
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
        if writer.stdout is not None:
            writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL
    c, r = int(line[1]), int(line[2])
    with ConversationStore(db_path) as store:
        message = store.message(r)
        assert (message.content, message.status) == ("Once upon a time there was",
                                                     MessageStatus.INTERRUPTED)
        assert [m.id for m in store.current_path(c)][-1] == r
        assert [hit.message_id for hit in store.search("upon")] == [r]


# --- damaged files -------------------------------------------------------------------


def kept_copies(db_path: Path) -> list[Path]:
    """The damaged databases set aside (not their -wal/-shm companions)."""
    return sorted(p for p in db_path.parent.glob(db_path.name + ".damaged-*")
                  if not p.name.endswith(("-wal", "-shm", "-journal")))


def test_a_file_that_is_not_a_database_is_set_aside_with_its_wal(db_path: Path) -> None:
    garbage = bytes(range(256)) * 64
    db_path.write_bytes(garbage)
    Path(f"{db_path}-wal").write_bytes(b"not a wal either" * 10)
    with ConversationStore(db_path) as store:
        kept = kept_copies(db_path)
        assert len(kept) == 1 and kept[0].read_bytes() == garbage
        assert Path(f"{kept[0]}-wal").read_bytes() == b"not a wal either" * 10
        assert store.notice is not None
        assert store.notice.code == "conversation.set_aside.not_sqlite"
        assert store.notice.fields == {"kept": str(kept[0])}
        assert str(kept[0]) in store.notice.message
        c = store.create_conversation()
        store.add_message(c, None, Role.USER, "A fresh start")
        assert [s.title for s in store.list_conversations()] == ["A fresh start"]
    with ConversationStore(db_path) as again:
        assert again.notice is None


def test_a_database_with_a_corrupted_page_is_set_aside(db_path: Path) -> None:
    with ConversationStore(db_path) as store:
        c = store.create_conversation()
        for i in range(2000):
            store.add_message(c, None, Role.USER, f"message {i}: lorem ipsum dolor sit amet")
    size = db_path.stat().st_size
    assert size > 40 * 4096 and not Path(f"{db_path}-wal").exists()
    with db_path.open("r+b") as handle:
        handle.seek((size // 4096 // 2) * 4096)
        handle.write(b"\xde\xad\xbe\xef" * 1024)
    damaged = db_path.read_bytes()
    with ConversationStore(db_path) as store:
        kept = kept_copies(db_path)
        assert len(kept) == 1 and kept[0].read_bytes() == damaged
        assert store.notice is not None
        assert store.notice.code == "conversation.set_aside.damaged"
        assert str(kept[0]) in store.notice.message
        assert store.list_conversations() == []
        store.add_message(store.create_conversation(), None, Role.USER, "works")


def test_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(ConversationStoreError) as caught:
        ConversationStore(blocker / "conversations.db")
    assert "conversations" in caught.value.message
    assert caught.value.code in ("conversation.not_writable", "conversation.io")
    assert caught.value.details


# --- migrations ----------------------------------------------------------------------

#: The schema as version 1 shipped it, written out here so that editing the released
#: migration instead of adding a new one makes this test fail.
VERSION_1 = [
    """CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
                                applied_at REAL NOT NULL)""",
    """CREATE TABLE conversations (
        id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL DEFAULT '',
        created_at REAL NOT NULL, updated_at REAL NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0, deleted_at REAL,
        system_prompt TEXT NOT NULL DEFAULT '', sampling_json TEXT,
        model_path TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
        content TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'done',
        created_at REAL NOT NULL, model_file TEXT, model_sha256 TEXT,
        template_source TEXT, template_sha256 TEXT, strategy TEXT, sampling_json TEXT,
        seed INTEGER, prompt_tokens INTEGER, completion_tokens INTEGER, ttft_ms REAL,
        tokens_per_s REAL)""",
    "CREATE INDEX messages_by_conversation ON messages(conversation_id, parent_id)",
    "CREATE INDEX messages_by_parent ON messages(parent_id)",
    "INSERT INTO migrations VALUES (1, 'm001_initial', 1600000000)",
    """INSERT INTO conversations (id, title, created_at, updated_at, system_prompt)
       VALUES (1, 'Old chat', 1600000000, 1600000100, 'Old prompt')""",
    """INSERT INTO messages (id, conversation_id, parent_id, role, content, status, created_at)
       VALUES (1, 1, NULL, 'user', 'Tell me about hedgehogs', 'done', 1600000001),
              (2, 1, 1, 'assistant', 'Hedgehogs eat beetles.', 'done', 1600000002),
              (3, 1, 1, 'assistant', 'Hedgehogs hibernate in winter.', 'streaming',
               1600000003)""",
]


def make_version_1(path: Path) -> None:
    db = sqlite3.connect(path)
    with db:
        for statement in VERSION_1:
            db.execute(statement)
    db.close()


def test_an_old_database_is_backed_up_and_migrated_keeping_its_data(db_path: Path) -> None:
    make_version_1(db_path)
    with ConversationStore(db_path) as store:
        assert store.notice is None
        assert [s.title for s in store.list_conversations()] == ["Old chat"]
        assert store.conversation(1).system_prompt == "Old prompt"
        assert store.conversation(1).context_policy is ContextPolicy.STOP
        path = store.current_path(1)
        # the newest reply is shown, and the one cut off by the old crash is interrupted
        assert [(m.content, m.status) for m in path] == [
            ("Tell me about hedgehogs", MessageStatus.DONE),
            ("Hedgehogs hibernate in winter.", MessageStatus.INTERRUPTED)]
        assert path[0].tokens is None
        assert [h.message_id for h in store.search("hedgehogs beetle")] == [2]
        store.add_message(1, 3, Role.USER, "And in summer?")
    db = sqlite3.connect(db_path)
    versions = db.execute("SELECT version, name FROM migrations ORDER BY version").fetchall()
    db.close()
    assert versions == [(n, fn.__name__) for n, fn in enumerate(MIGRATIONS, 1)]
    assert len(versions) == SCHEMA_VERSION
    backup = db_path.with_name("conversations.db.backup-v1")
    old = sqlite3.connect(backup)
    assert old.execute("SELECT COUNT(*) FROM messages").fetchone() == (3,)
    assert old.execute("SELECT COUNT(*) FROM migrations").fetchone() == (1,)
    assert old.execute("SELECT name FROM sqlite_master WHERE name = 'messages_fts'"
                       ).fetchone() is None
    old.close()
    with ConversationStore(db_path):
        pass
    assert sorted(p.name for p in db_path.parent.glob("*.backup-*")) == [backup.name]


def test_a_database_from_a_newer_prosa_is_refused_untouched(db_path: Path) -> None:
    ConversationStore(db_path).close()
    db = sqlite3.connect(db_path)
    with db:
        db.execute("INSERT INTO migrations VALUES (?, 'm999_future', 0)",
                   (SCHEMA_VERSION + 1,))
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(ConversationStoreError) as caught:
        ConversationStore(db_path)
    assert "newer version of Prosa" in caught.value.message
    assert caught.value.code == "conversation.newer"
    assert db_path.read_bytes() == before and not kept_copies(db_path)


# --- search --------------------------------------------------------------------------


def test_search_ranks_highlights_and_matches_prefixes(store: ConversationStore) -> None:
    c = store.create_conversation()
    u = store.add_message(c, None, Role.USER, "Tell me about the migration of cranes")
    long_ = reply(store, c, u, "Birds fly south. " * 20 + "Cranes migrate too.")
    short = store.add_message(c, long_, Role.USER, "cranes cranes cranes")
    store.add_message(c, short, Role.USER, "Não sei o que é ratio a:b")
    hits = store.search("cranes")
    assert hits[0].message_id == short
    assert {h.message_id for h in hits} == {u, long_, short}
    assert hits == sorted(hits, key=lambda h: h.rank)
    assert f"{MARK_START}cranes{MARK_END}" in hits[0].snippet
    assert ("cranes", True) in hits[0].parts()
    assert hits[0].title == "Tell me about the migration of cranes"
    assert {h.message_id for h in store.search("migr")} == {u, long_}  # last word: a prefix
    assert store.search("migr cranes") == []  # earlier words are whole words
    assert len(store.search("nao sei")) == 1  # accents do not matter
    assert len(store.search("a:b")) == 1
    assert len(store.search("cranes", limit=1)) == 1


@pytest.mark.parametrize("query", [
    '"', '"foo', 'foo"bar', "AND", "AND OR", "OR", "NOT", "*", "-", ":", "a:b", "NEAR(",
    "NEAR(a b", "(", ")", "^", "^foo", "+", "content:foo", "", "   ", "\x00", "a\x00b",
    "\ud800broken", "{a b}", "foo*", "'", "\\",
])
def test_hostile_queries_never_raise(store: ConversationStore, query: str) -> None:
    c = store.create_conversation()
    store.add_message(c, None, Role.USER, 'foo "bar" AND a:b NEAR(x) content')
    hits = store.search(query)
    assert all(h.conversation_id == c for h in hits)


def test_search_skips_deleted_conversations_and_follows_edits(store: ConversationStore) -> None:
    keep, gone = store.create_conversation(), store.create_conversation()
    store.add_message(keep, None, Role.USER, "zebra one")
    store.add_message(gone, None, Role.USER, "zebra two")
    r = store.begin_reply(keep, None)
    store.append_reply(r, "draft giraffe")
    store.finish_reply(r, "final okapi", MessageStatus.DONE)
    store.delete(gone)
    assert [h.conversation_id for h in store.search("zebra")] == [keep]
    assert store.search("giraffe") == [] and len(store.search("okapi")) == 1
    store.undo_delete(gone)
    assert len(store.search("zebra")) == 2


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConversationStore]:
    with ConversationStore(tmp_path_factory.mktemp("search") / "c.db") as store:
        c = store.create_conversation()
        for text in ["alpha beta", 'quote " and * star', "ünïcødé text", "a:b c-d (e)"]:
            store.add_message(c, None, Role.USER, text)
        yield store


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_valid_query(shared_store: ConversationStore, query: str) -> None:
    for hit in shared_store.search(query):
        assert isinstance(hit.snippet, str)


# --- export and import ---------------------------------------------------------------


def test_json_export_round_trips_the_whole_tree(store: ConversationStore) -> None:
    ids = branchy(store)
    store.set_tokens({ids["u1"]: 9, ids["a1"]: 3})
    store.update_settings(ids["c"], context_policy=ContextPolicy.DROP_MIDDLE)
    store.pin(ids["c"])
    data = json.loads(json.dumps(store.export_json(ids["c"])))
    copy = store.import_json(data)
    assert copy != ids["c"]
    assert shape(store, copy) == shape(store, ids["c"])
    # a copy of the copy is the same again: nothing drifts
    assert shape(store, store.import_json(store.export_json(copy))) == shape(store, ids["c"])


def test_markdown_export_shows_the_current_path_with_its_settings(
        store: ConversationStore) -> None:
    ids = branchy(store)
    text = store.export_markdown(ids["c"])
    order = [text.index(s) for s in ("# What is the capital of France?", "Be brief.",
                                     "Paris.", "And of Spain?", "Madrid, of course.")]
    assert order == sorted(order)
    assert "And of Italy?" not in text and "Rome." not in text
    assert "smol.gguf" in text and "temperature 0" in text and "stopped" in text


def test_a_reply_cut_by_a_full_context_is_kept_and_exported_as_such(db_path: Path) -> None:
    with ConversationStore(db_path, clock=Clock()) as store:
        session = ChatSession(store)
        session.add_user("Tell me everything")
        session.begin_reply(1)
        session.append(1, "Every")
        session.finish(GenerationFinished(1, FinishReason.CONTEXT, "Everything is",
                                          GenerationStats(completion_tokens=3)))
        session.add_user("Shorter, please")
        session.begin_reply(2)
        session.finish(GenerationFinished(2, FinishReason.LENGTH, "Short", GenerationStats()))
        conversation = session.conversation_id
        assert conversation is not None
    with ConversationStore(db_path) as store:
        path = store.current_path(conversation)
        assert [m.status for m in path] == [MessageStatus.DONE, MessageStatus.CONTEXT,
                                            MessageStatus.DONE, MessageStatus.LENGTH]
        assert type(path[1].status) is MessageStatus
        text = store.export_markdown(conversation)
        context_note, length_note = (STATUS_NOTES[MessageStatus.CONTEXT],
                                     STATUS_NOTES[MessageStatus.LENGTH])
        assert context_note != length_note
        assert text.count(context_note) == 1 and text.count(length_note) == 1
        assert text.index("Everything is") < text.index(context_note) \
            < text.index("Short") < text.index(length_note)
        data = store.export_json(conversation)
        assert [m["status"] for m in data["messages"]] == ["done", "context", "done", "length"]
        copy = store.import_json(json.loads(json.dumps(data)))
        assert [m.status for m in store.current_path(copy)] == [m.status for m in path]


def test_an_unknown_value_in_the_file_is_a_clear_error(db_path: Path) -> None:
    with ConversationStore(db_path) as store:
        c = store.create_conversation()
        u = store.add_message(c, None, Role.USER, "Hi")
    db = sqlite3.connect(db_path)
    with db:
        db.execute("UPDATE messages SET status = 'pondering' WHERE id = ?", (u,))
        db.execute("UPDATE conversations SET context_policy = 'forget' WHERE id = ?", (c,))
    db.close()
    with ConversationStore(db_path) as store:
        with pytest.raises(ConversationStoreError) as caught:
            store.message(u)
        assert caught.value.code == "conversation.stored.unknown_status"
        assert "“pondering”" in caught.value.message
        with pytest.raises(ConversationStoreError) as caught:
            store.conversation(c)
        assert caught.value.code == "conversation.stored.unknown_policy"
        assert "“forget”" in caught.value.message


def test_names_callers_import_from_the_store_still_work() -> None:
    from core.conversation import store

    for name in store.__all__:
        assert hasattr(store, name), name
    assert store.ReplyRecord is ReplyRecord and store.MIGRATIONS is MIGRATIONS


def test_an_openai_message_list_imports_as_one_path(store: ConversationStore) -> None:
    c = store.import_json([
        {"role": "system", "content": "You are terse."},
        {"role": "user", "content": "Hello\nthere"},
        {"role": "assistant", "content": [{"type": "text", "text": "Hi."}]},
        {"role": "user", "content": "Bye"},
    ])
    assert store.conversation(c).system_prompt == "You are terse."
    assert store.conversation(c).title == "Hello"
    path = store.current_path(c)
    assert [(m.role, m.content) for m in path] == [
        (Role.USER, "Hello\nthere"), (Role.ASSISTANT, "Hi."), (Role.USER, "Bye")]
    assert all(m.record is None and m.status is MessageStatus.DONE for m in path)
    d = store.import_json({"title": "Named", "messages": [{"role": "user", "content": "x"}]})
    assert store.conversation(d).title == "Named"


def prosa_file(**message: Any) -> dict[str, Any]:
    base = {"id": 1, "parent_id": None, "role": "user", "content": "hi", "status": "done"}
    return {"format": "prosa.conversation", "version": 1, "conversation": {},
            "messages": [{**base, **message}]}


@pytest.mark.parametrize("data", [
    None, 42, "text", [], [1], [{"content": "x"}], [{"role": "robot", "content": "x"}],
    [{"role": "user", "content": None}], [{"role": "user", "content": {"a": 1}}],
    [{"role": "user", "content": [{"type": "image_url", "image_url": "x"}]}],
    {"messages": "x"}, {"foo": 1}, {"format": "something else"},
    {**prosa_file(), "version": 99}, {**prosa_file(), "version": "1"},
    {**prosa_file(), "conversation": []}, {**prosa_file(), "messages": None},
    prosa_file(parent_id=5), prosa_file(parent_id=1), prosa_file(id="1"),
    prosa_file(role="robot"), prosa_file(status="weird"), prosa_file(tokens="3"),
    prosa_file(created_at="yesterday"), prosa_file(record=[1]), prosa_file(content=3),
    prosa_file(stats={"ttft_ms": float("inf")}),
    {**prosa_file(), "conversation": {"context_policy": "forget"}},
    {**prosa_file(), "messages": [prosa_file()["messages"][0]] * 2},
], ids=repr)
def test_bad_imports_are_refused_with_a_message(store: ConversationStore, data: Any) -> None:
    with pytest.raises(BadInput) as caught:
        store.import_json(data)
    assert caught.value.message.endswith(".")
    assert caught.value.code.startswith("conversation.import.")
    assert store.list_conversations(include_deleted=True) == []


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)
KEYS = ["id", "parent_id", "role", "content", "status", "created_at", "tokens", "selected",
        "record", "stats"]


@st.composite
def damaged_exports(draw: st.DrawFn) -> Any:
    """A valid two-message export with one value replaced by arbitrary JSON."""
    data = prosa_file(record={"model_file": "m", "sampling": {"temperature": 0.5}},
                      stats={"prompt_tokens": 1, "ttft_ms": 2.0})
    data["messages"].append({"id": 2, "parent_id": 1, "role": "assistant", "content": "a"})
    where = draw(st.sampled_from(["top", "conversation", "message", "record", "stats"]))
    value = draw(JSON)
    if where == "top":
        data[draw(st.sampled_from(["format", "version", "conversation", "messages"]))] = value
    elif where == "conversation":
        data["conversation"][draw(st.sampled_from(
            ["title", "created_at", "pinned", "system_prompt", "sampling", "model_path",
             "context_policy"]))] = value
    elif where == "message":
        data["messages"][draw(st.integers(0, 1))][draw(st.sampled_from(KEYS))] = value
    else:
        data["messages"][0][where][draw(st.sampled_from(
            ["model_file", "seed", "sampling", "prompt_tokens", "ttft_ms"]))] = value
    return data


@settings(max_examples=300, deadline=None)
@given(JSON | damaged_exports() | st.lists(st.dictionaries(
    st.sampled_from(["role", "content"]), JSON | st.sampled_from(["user", "assistant"]))))
def test_any_json_imports_or_is_refused_with_bad_input(shared_store: ConversationStore,
                                                       data: Any) -> None:
    try:
        c = shared_store.import_json(data)
    except BadInput as error:
        assert error.message
        assert error.code.startswith("conversation.")
    else:
        shared_store.export_markdown(c)
        shared_store.import_json(shared_store.export_json(c))


def test_cycles_in_imported_trees_are_refused(store: ConversationStore) -> None:
    data = prosa_file(parent_id=2)
    data["messages"].append({**data["messages"][0], "id": 2, "parent_id": 1})
    with pytest.raises(BadInput, match="loop") as caught:
        store.import_json(data)
    assert caught.value.code == "conversation.import.loop"


def test_imported_children_may_come_before_their_parents(store: ConversationStore) -> None:
    data = prosa_file(id=2, parent_id=1, role="assistant", content="child",
                      status="streaming")
    data["messages"].append({"id": 1, "parent_id": None, "role": "user", "content": "root"})
    c = store.import_json(data)
    path = store.current_path(c)
    assert [m.content for m in path] == ["root", "child"]
    assert path[1].status is MessageStatus.INTERRUPTED  # nothing is writing it any more


# --- sidebar -------------------------------------------------------------------------


def test_sidebar_titles_pins_renames_and_counts(store: ConversationStore) -> None:
    first, second, third = (store.create_conversation() for _ in range(3))
    store.add_message(first, None, Role.USER, "\n  First   question here\nmore")
    store.add_message(second, None, Role.USER, "x" * 100)
    store.add_message(third, None, Role.USER, "Third")
    assert [s.id for s in store.list_conversations()] == [third, second, first]
    store.pin(first)
    rows = store.list_conversations()
    assert [s.id for s in rows] == [first, third, second]
    assert rows[0].title == "First question here" and rows[0].pinned
    assert rows[2].title == "x" * 59 + "…" and rows[2].message_count == 1
    store.add_message(second, None, Role.USER, "Later")  # activity moves it up, not its title
    assert [s.id for s in store.list_conversations()] == [first, second, third]
    assert store.list_conversations()[1].title == "x" * 59 + "…"
    store.rename(second, "  My   chat ")
    assert store.conversation(second).title == "My chat"
    store.rename(second, "")
    assert store.conversation(second).title == "Later"
    store.pin(first, False)
    assert store.list_conversations()[0].id == second
    with pytest.raises(BadInput) as caught:
        store.rename(first, "y" * 500)
    assert caught.value.code == "conversation.title_too_long"
    assert caught.value.params == {"length": 500, "limit": 200}


def test_soft_delete_undo_and_purge(db_path: Path) -> None:
    clock = Clock()
    with ConversationStore(db_path, clock=clock) as store:
        keep, gone = store.create_conversation(), store.create_conversation()
        u = store.add_message(gone, None, Role.USER, "doomed words")
        reply(store, gone, u, "doomed reply")
        store.delete(gone)
        assert [s.id for s in store.list_conversations()] == [keep]
        deleted = [s for s in store.list_conversations(include_deleted=True) if s.id == gone]
        assert deleted[0].deleted_at is not None
        store.undo_delete(gone)
        assert {s.id for s in store.list_conversations()} == {keep, gone}
        store.delete(gone)
        assert store.purge_deleted(older_than=timedelta(days=30)) == 0
        clock.now += timedelta(days=31).total_seconds()
        assert store.purge_deleted(older_than=timedelta(days=30)) == 1
        assert [s.id for s in store.list_conversations(include_deleted=True)] == [keep]
        with pytest.raises(BadInput):
            store.undo_delete(gone)
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone() == (0,)
    db.execute("INSERT INTO messages_fts(messages_fts) VALUES ('integrity-check')")
    db.close()


def test_settings_and_token_counts(store: ConversationStore) -> None:
    c = store.create_conversation(context_policy=ContextPolicy.DROP_OLDEST)
    assert store.conversation(c).context_policy is ContextPolicy.DROP_OLDEST
    store.update_settings(c, system_prompt="New", sampling=SamplingParams(top_k=5),
                          model_path="/m.gguf")
    info = store.conversation(c)
    assert (info.system_prompt, info.model_path) == ("New", "/m.gguf")
    assert info.sampling is not None and SamplingParams.from_dict(info.sampling).top_k == 5
    store.update_settings(c, sampling=None)
    assert store.conversation(c).sampling is None
    with pytest.raises(BadInput) as caught:
        store.update_settings(c, context_policy="forget")  # type: ignore[arg-type]
    assert caught.value.code == "conversation.unknown_policy"
    u = store.add_message(c, None, Role.USER, "count me", tokens=4)
    store.set_tokens({u: 7})
    assert store.message(u).tokens == 7
    with pytest.raises(BadInput) as caught:
        store.set_tokens({u: -1})
    assert caught.value.code == "conversation.bad_token_count"
    r = store.begin_reply(c, u)
    store.set_tokens({r: 0, 999_999: 5})  # a purged message is no error
    store.append_reply(r, "more")
    assert store.message(r).tokens is None  # the count was for the old text


def test_default_titles() -> None:
    assert default_title("") == ""
    assert default_title("   \n\n  Hello   world \n second") == "Hello world"
    long_ = "word " * 30
    title = default_title(long_)
    assert title.endswith("…") and len(title) <= 60 and not title[:-1].endswith(" ")


def test_a_reply_begun_with_a_partial_record_keeps_it(store: ConversationStore) -> None:
    c = store.create_conversation()
    record = replace(RECORD, sampling=None, seed=None)
    r = store.begin_reply(c, None, record)
    assert store.message(r).record == record
