"""Random sequences of what a user does (send, new chat, switch branch, regenerate, edit
the system prompt, import, delete and undo, open another chat, restart) in the real
window with a scripted engine.  After every step the window must agree with the
database: the sidebar highlights the conversation shown, the chat shows its messages,
the context counter counts what the model would read, and every reply's record names
the system prompt it was made with."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from pytestqt.qtbot import QtBot

from core.conversation.types import Role
from core.engine.protocol import CountPrompt
from core.engine.scripted import ScriptedEngine, scripted_tokens
from core.engine.seam import EventCallback
from core.paths import app_paths
from core.settings import load_settings

pytestmark = pytest.mark.gui

WORDS = st.sampled_from(["alpha", "beta", "gamma", "delta", "omega", "kappa"])


def test_the_window_always_agrees_with_the_database(qtbot: QtBot, tmp_path: Path,
                                                   starter_model: Path,
                                                   no_leftovers: None) -> None:
    from ui.main_window import MainWindow

    model = tmp_path / "scripted-model.gguf"
    model.symlink_to(starter_model)
    examples = iter(range(10_000))

    class UserSession(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            home = tmp_path / f"home-{next(examples)}"
            self._old_home = os.environ.get("PROSA_HOME")
            os.environ["PROSA_HOME"] = str(home)
            self.counter = 0
            #: The system prompt each reply was made with, by message id.
            self.made_with: dict[int, str] = {}
            self.window: Any = None
            self.engine: ScriptedEngine | None = None

        @initialize()
        def start(self) -> None:
            self.open()

        def open(self) -> None:
            engines: list[ScriptedEngine] = []

            def factory(on_event: EventCallback) -> ScriptedEngine:
                engines.append(ScriptedEngine(on_event, threaded=True))
                return engines[-1]

            paths = app_paths().ensure()
            self.window = MainWindow(paths, load_settings(paths.settings_file),
                                     autoload=False, engine_factory=factory)
            qtbot.addWidget(self.window)
            self.window.show()
            self.window.load_model(str(model))
            qtbot.waitUntil(lambda: self.window.loaded is not None, timeout=5_000)
            self.engine = engines[0]

        def unique(self, word: str) -> str:
            self.counter += 1
            return f"{word}{self.counter}"

        def idle(self) -> None:
            qtbot.waitUntil(lambda: self.window.send_button.isEnabled(), timeout=5_000)
            self.remember_prompts()

        def remember_prompts(self) -> None:
            for message in self.window.session.messages:
                if message.role == Role.ASSISTANT and message.id not in self.made_with:
                    self.made_with[message.id] = self.window.session.system_prompt

        # --- what a user does ---------------------------------------------------------

        @rule(word=WORDS)
        def send(self, word: str) -> None:
            assert self.engine is not None
            self.engine.enqueue_reply(self.unique("reply") + " ", word)
            self.window.composer.setPlainText(self.unique(word))
            self.window.composer.submit()
            self.idle()

        @rule()
        def new_chat(self) -> None:
            self.window.new_chat()

        @rule(word=WORDS)
        def edit_system_prompt(self, word: str) -> None:
            self.window.system_prompt.editor.setPlainText(f"Speak of {self.unique(word)}.")

        @rule()
        def regenerate_last_reply(self) -> None:
            messages = self.window.session.messages
            if messages and messages[-1].role == Role.ASSISTANT:
                assert self.engine is not None
                self.engine.enqueue_reply(self.unique("again"))
                self.window._on_message_action("regenerate", len(messages) - 1)
                self.idle()

        @rule(data=st.data())
        def switch_branch(self, data: st.DataObject) -> None:
            branched = [i for i, m in enumerate(self.window.session.messages)
                        if m.siblings[1] > 1]
            if branched:
                index = data.draw(st.sampled_from(branched))
                self.window._on_message_action(data.draw(st.sampled_from(["prev", "next"])),
                                               index)

        @rule(data=st.data())
        def open_another(self, data: st.DataObject) -> None:
            conversations = self.window.store.list_conversations()
            if conversations:
                self.window.open_conversation(data.draw(st.sampled_from(conversations)).id)

        @rule()
        def import_a_copy(self) -> None:
            shown = self.window.session.conversation_id
            if shown is not None:
                path = tmp_path / f"copy-{self.unique('c')}.json"
                path.write_text(json.dumps(self.window.store.export_json(shown)), "utf-8")
                self.window.import_conversation(str(path))
                self.remember_prompts_of_import(shown)

        def remember_prompts_of_import(self, original: int) -> None:
            # An imported copy's replies carry the records of the original's.
            copy = self.window.session.conversation_id
            for mine, theirs in zip(self.window.store.current_path(copy),
                                    self.window.store.current_path(original), strict=True):
                if mine.role == Role.ASSISTANT and theirs.id in self.made_with:
                    self.made_with[mine.id] = self.made_with[theirs.id]

        @rule()
        def delete_shown(self) -> None:
            shown = self.window.session.conversation_id
            if shown is not None:
                self.window.sidebar.delete(shown)

        @rule()
        def undo_delete(self) -> None:
            if self.window.sidebar.undo_bar.isVisibleTo(self.window):
                self.window.sidebar.undo_button.click()

        @rule()
        def restart(self) -> None:
            self.window.prompt_changed()
            self.window.close()
            self.open()

        # --- what must always hold ----------------------------------------------------

        @invariant()
        def sidebar_highlights_what_is_shown(self) -> None:
            if self.window is None:
                return
            shown = self.window.session.conversation_id
            current = self.window.sidebar.list.currentItem()
            highlighted = None if current is None else current.data(256)
            assert highlighted == shown

        @invariant()
        def chat_shows_the_stored_branch(self) -> None:
            if self.window is None or self.window.session.conversation_id is None:
                return
            session = self.window.session
            stored = self.window.store.current_path(session.conversation_id)
            assert [(m.id, m.content) for m in stored if m.role != Role.SYSTEM] == \
                [(m.id, m.content) for m in session.messages]
            qtbot.waitUntil(self.window.chat.is_settled, timeout=5_000)
            text = self.window.chat.toPlainText()
            for message in session.messages:
                assert message.content.strip() in text

        @invariant()
        def replies_record_their_system_prompt(self) -> None:
            if self.window is None or self.window.session.conversation_id is None:
                return
            for message in self.window.store.current_path(self.window.session.conversation_id):
                if message.id in self.made_with:
                    assert message.record is not None
                    assert message.record.system_prompt == self.made_with[message.id]

        @invariant()
        def the_counter_counts_what_the_model_would_read(self) -> None:
            if self.window is None or self.engine is None:
                return
            self.window.prompt_changed()
            messages = self.window.session.request_messages(
                draft=self.window.composer.toPlainText())
            expected = scripted_tokens(messages)
            qtbot.waitUntil(lambda: self.window.controller.status.context_used == expected,
                            timeout=5_000)
            asked = [r for r in self.engine.requests if isinstance(r, CountPrompt)]
            assert asked and list(asked[-1].messages) == messages

        def teardown(self) -> None:
            if self.window is not None:
                self.window.close()
            if self._old_home is None:
                os.environ.pop("PROSA_HOME", None)
            else:
                os.environ["PROSA_HOME"] = self._old_home

    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(UserSession, settings=settings(
        max_examples=25, stateful_step_count=15, deadline=None,
        suppress_health_check=list(HealthCheck)))
