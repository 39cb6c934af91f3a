"""Lesson 4, chat templates and roles: a short conversation as messages, as the exact
text the model reads, and as tokens (``core.learn.templates_lesson``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout

from core.learn.catalog import LessonId, TryIt, TryTarget
from core.learn.engine import LessonSetup
from core.learn.templates_lesson import TemplatesResult, run_templates, sample_conversation
from core.templates.fallbacks import FAMILY_LABELS
from ui.format import language, number
from ui.learn.chat_views import MessageList, PromptView
from ui.learn.page import LessonCall, LessonPage
from ui.learn.token_chips import Chip, TokenChips
from ui.theme import tint


class TemplatesPage(LessonPage):
    lesson = LessonId.TEMPLATES

    def title(self) -> str:
        return self.tr("Chat templates and roles")

    def intro(self) -> str:
        return self.tr(
            "A chat model never sees a list of messages. It reads <b>one long text</b>, "
            "and its <b>chat template</b> writes that text: each message with markers "
            "around it that say who is speaking, its <b>role</b>. The model learned "
            "these markers in training, so every model family writes roles its own way "
            "(ChatML, Llama 3, Gemma…), and a model given another family's markers "
            "answers worse. Below, one conversation three ways: as messages, as the "
            "exact text the model reads, and as the tokens it is cut into.")

    def build(self, body: QVBoxLayout) -> None:
        self.template_line = QLabel()
        self.template_line.setObjectName("lessonTemplate")
        self.template_line.setWordWrap(True)
        body.addWidget(self.template_line)
        body.addWidget(self.heading(self.tr("1. As messages")))
        self.messages = MessageList()
        body.addWidget(self.messages)
        body.addWidget(self.heading(self.tr("2. As the text the model reads")))
        self.prompt_note = QLabel(self.tr(
            "Marked: what the template adds (line breaks drawn as ↵). Unmarked: the "
            "messages' own words."))
        self.prompt_note.setWordWrap(True)
        tint(self.prompt_note, "muted")
        body.addWidget(self.prompt_note)
        self.prompt = PromptView()
        body.addWidget(self.prompt)
        self.tokens_heading = self.heading(self.tr("3. As tokens"))
        body.addWidget(self.tokens_heading)
        self.tokens_note = QLabel()
        self.tokens_note.setWordWrap(True)
        tint(self.tokens_note, "muted")
        body.addWidget(self.tokens_note)
        self.tokens = TokenChips()
        body.addWidget(self.tokens)


    def call(self) -> LessonCall:
        def work(setup: LessonSetup) -> TemplatesResult:
            return run_templates(setup)
        return work

    def show_result(self, result: Any) -> None:
        assert isinstance(result, TemplatesResult)
        self.template_line.setText(self._template_text(result))
        self.messages.show_messages(result.messages, explain=True)
        self.prompt.show_runs(result.runs)
        self.tokens_note.setText(self.tr(
            "%1 tokens, %2 of them special (control tokens, marked): the markers are "
            "single tokens the model knows, never spelled out letter by letter. The small "
            "number after each token is its id.")
            .replace("%1", number(len(result.tokens)))
            .replace("%2", number(result.special_count)))
        self.tokens.set_chips([
            Chip(token.piece, str(token.id),
                 (self.tr("A special token: %1 (id %2)") if token.special
                  else self.tr("Token %2: “%1”")).replace("%1", token.piece)
                 .replace("%2", str(token.id)), token.special)
            for token in result.tokens])

    def _template_text(self, result: TemplatesResult) -> str:
        model = result.model_name
        if result.mode == "completion":
            return self.tr(
                "%1 is in completion mode: it reads the messages' words as plain text, "
                "with no template and no roles (a base model has none).").replace("%1", model)
        if result.template_source == "override":
            which = self.tr("your own template (set in the template editor)")
        elif result.template_source == "fallback":
            which = self.tr("the built-in %1 template (the model file has none)").replace(
                "%1", FAMILY_LABELS.get(result.template_family or "", "ChatML"))
        elif result.template_source == "model-variant":
            which = self.tr("its own template's tool-use variant")
        else:
            which = self.tr("its own template, stored in the model file")
        return self.tr("%1 writes the conversation with %2.").replace("%1", model) \
            .replace("%2", which)

    def try_it(self) -> TryIt:
        result = self.result
        messages = result.messages if isinstance(result, TemplatesResult) \
            else sample_conversation("", language())
        return TryIt(TryTarget.TEMPLATE_EDITOR, messages=messages)
