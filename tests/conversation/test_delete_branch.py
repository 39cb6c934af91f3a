"""Deleting a message and all that follows from it, on real SQLite files: the rows, the
search index, the shown path and the conversation all stay consistent."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.conversation.session import ChatSession
from core.conversation.store import ConversationStore
from core.conversation.types import FinishReason, GenerationStats, MessageStatus, Role
from core.engine.protocol import GenerationFinished
from core.errors import BadInput, ConversationStoreError
from tests.conversation.test_store import Clock, branchy, reply


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    with ConversationStore(tmp_path / "conversations.db", clock=Clock()) as opened:
        yield opened


def ids(store: ConversationStore, conversation: int) -> list[int]:
    return [m.id for m in store.current_path(conversation)]


def test_deleting_a_shown_reply_shows_the_sibling_seen_last(store: ConversationStore) -> None:
    t = branchy(store)
    assert ids(store, t["c"]) == [t["u1"], t["a1"], t["u2b"], t["b2"]]
    store.delete_branch(t["b2"])
    # b1 and b3 remain; b3 was selected (created) after b1, so it is shown
    assert ids(store, t["c"]) == [t["u1"], t["a1"], t["u2b"], t["b3"]]
    assert store.siblings(t["b3"]) == (1, 2, [t["b1"], t["b3"]])
    with pytest.raises(BadInput) as caught:
        store.message(t["b2"])
    assert caught.value.code == "conversation.message_gone"


def test_deleting_a_message_takes_every_branch_below_it(store: ConversationStore) -> None:
    t = branchy(store)
    before = {m.id for m in store.tree(t["c"])}
    store.delete_branch(t["u2b"])
    gone = {t["u2b"], t["b1"], t["b2"], t["b3"]}
    assert {m.id for m in store.tree(t["c"])} == before - gone
    # the Italy branch, shown before Spain was chosen again, is what remains
    assert ids(store, t["c"]) == [t["u1"], t["a1"], t["u2"], t["a2"]]
    assert store.search("Madrid") == []
    assert [h.message_id for h in store.search("Rome")] == [t["a2"]]


def test_a_message_without_siblings_leaves_the_parent_as_the_end(
        store: ConversationStore) -> None:
    c = store.create_conversation()
    u1 = store.add_message(c, None, Role.USER, "Hello there")
    a1 = reply(store, c, u1, "Hi!")
    u2 = store.add_message(c, a1, Role.USER, "Tell me a story")
    reply(store, c, u2, "Once upon a time")
    store.delete_branch(u2)
    assert ids(store, c) == [u1, a1]
    assert store.children(a1) == []
    # the conversation goes on from where it now ends
    u3 = store.add_message(c, a1, Role.USER, "Another one")
    assert ids(store, c) == [u1, a1, u3]


def test_deleting_the_only_root_leaves_an_empty_conversation(store: ConversationStore) -> None:
    c = store.create_conversation(system_prompt="Be kind.")
    u1 = store.add_message(c, None, Role.USER, "Name this chat")
    reply(store, c, u1, "Done.", MessageStatus.STOPPED)
    before = store.conversation(c)
    store.delete_branch(u1)
    after = store.conversation(c)
    assert store.tree(c) == [] and store.current_path(c) == []
    assert (after.title, after.system_prompt) == ("Name this chat", "Be kind.")
    assert after.updated_at > before.updated_at
    assert [(s.id, s.message_count) for s in store.list_conversations()] == [(c, 0)]
    store.add_message(c, None, Role.USER, "Fresh start")
    assert [m.content for m in store.current_path(c)] == ["Fresh start"]


def test_deleting_one_root_of_two_shows_the_other(store: ConversationStore) -> None:
    c = store.create_conversation()
    first = store.add_message(c, None, Role.USER, "First try")
    second = store.edit(first, "Second try")
    store.delete_branch(second)
    assert ids(store, c) == [first]


def test_other_conversations_are_untouched(store: ConversationStore) -> None:
    t = branchy(store)
    other = branchy(store)
    before = store.tree(other["c"]), ids(store, other["c"])
    store.delete_branch(t["u1"])
    assert (store.tree(other["c"]), ids(store, other["c"])) == before


def test_a_missing_message_is_a_clear_error(store: ConversationStore) -> None:
    with pytest.raises(BadInput) as caught:
        store.delete_branch(12345)
    assert caught.value.code == "conversation.message_gone"


def test_a_failure_half_way_changes_nothing(store: ConversationStore, tmp_path: Path) -> None:
    t = branchy(store)
    before = store.tree(t["c"])
    # a second connection holds the write lock: the delete must fail as a whole
    blocker = sqlite3.connect(tmp_path / "conversations.db", timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    store._db.execute("PRAGMA busy_timeout=50")
    try:
        with pytest.raises(ConversationStoreError) as caught:
            store.delete_branch(t["u2b"])
        assert caught.value.code == "conversation.locked"
    finally:
        blocker.rollback()
        blocker.close()
    assert store.tree(t["c"]) == before


def test_a_session_reloaded_after_a_delete_goes_on_from_what_remains(
        store: ConversationStore) -> None:
    """What the chat controller does: delete through the store, reload the session."""
    session = ChatSession(store)
    session.add_user("Hi")
    session.begin_reply(1)
    session.finish(GenerationFinished(1, FinishReason.STOP, "Hello!", GenerationStats()))
    session.add_user("Tell me more")
    first_reply = session.messages[1].id
    assert first_reply is not None
    store.delete_branch(first_reply)
    session.reload()
    assert [(m.role, m.content) for m in session.messages] == [(Role.USER, "Hi")]
    session.begin_reply(2)  # a new answer under the message that remains
    session.finish(GenerationFinished(2, FinishReason.STOP, "Hey.", GenerationStats()))
    root = session.messages[0].id
    assert root is not None
    store.delete_branch(root)
    session.reload()
    assert session.messages == []
    session.add_user("From scratch")
    assert session.conversation_id is not None
    assert [m.content for m in store.current_path(session.conversation_id)] == ["From scratch"]
