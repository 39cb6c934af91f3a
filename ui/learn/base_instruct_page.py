"""Lesson 5, base and instruct models: the same question to the bundled base model in
completion mode and to the chat's model in chat mode (``core.learn.base_instruct``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from core.learn.base_instruct import (
    REPLY_TOKENS,
    BaseInstructResult,
    ModelAnswer,
    app_models_dir,
    prepare_base_model,
    run_base_instruct,
    sample_question,
)
from core.learn.catalog import LessonId, TryIt, TryTarget
from core.learn.engine import LessonSetup
from ui.format import language, number
from ui.learn.chat_views import PromptView, mono_font
from ui.learn.page import LessonCall, LessonPage
from ui.theme import tint


class BaseInstructPage(LessonPage):
    lesson = LessonId.BASE_INSTRUCT

    def title(self) -> str:
        return self.tr("Base and instruct models")

    def intro(self) -> str:
        return self.tr(
            "A model is first trained on a huge amount of text to guess the next token: "
            "that gives a <b>base model</b>, which <b>continues</b> whatever text it is "
            "given, as if writing the rest of a page. An <b>instruct</b> (chat) model is "
            "a base model trained further on conversations: it reads your words as a "
            "user's turn, through its chat template, and <b>answers</b> them. Below, the "
            "same question to both, each choosing its most likely token every time "
            "(greedy), so the result is the same on every run.")

    def build(self, body: QVBoxLayout) -> None:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Question:")))
        self.question = QLineEdit(sample_question(language()))
        self.question.setObjectName("lessonQuestion")
        self.question.setAccessibleName(self.tr("Question"))
        self.question.setToolTip(self.tr("Change the question and press Enter to ask both "
                                         "models again"))
        self.question.returnPressed.connect(self.run)
        row.addWidget(self.question, 1)
        body.addLayout(row)
        self.chat_note = QLabel()
        self.chat_note.setObjectName("lessonChatIsBase")
        self.chat_note.setWordWrap(True)
        tint(self.chat_note, "warning")
        self.chat_note.hide()
        body.addWidget(self.chat_note)
        columns = QGridLayout()
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)
        self.base_box = self._column(columns, 0, self.tr("Base model, completion mode"))
        self.instruct_box = self._column(columns, 1, self.tr("Instruct model, chat mode"))
        body.addLayout(columns)
        self.notice = QLabel(self.tr(
            "What to notice: the base model reads your question as the start of a "
            "document and goes on writing, often past any answer; the instruct model "
            "reads it as a question to answer, and was trained to end its turn when it "
            "is done (a very small one does not always manage)."))
        self.notice.setObjectName("lessonNotice")
        self.notice.setWordWrap(True)
        body.addWidget(self.notice)
        self.missing = QLabel()
        self.missing.setObjectName("lessonNoBase")
        self.missing.setWordWrap(True)
        self.missing.hide()
        body.addWidget(self.missing)

    def _column(self, grid: QGridLayout, column: int, heading: str) -> dict[str, Any]:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(frame)
        title = QLabel(heading)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        name = QLabel()
        name.setWordWrap(True)
        tint(name, "muted")
        layout.addWidget(name)
        layout.addWidget(QLabel(self.tr("What it read:")))
        prompt = PromptView()
        layout.addWidget(prompt)
        layout.addWidget(QLabel(self.tr("What it wrote:")))
        reply = QLabel()
        reply.setObjectName(f"lessonReply{column}")
        reply.setWordWrap(True)
        reply.setFont(mono_font())
        reply.setTextFormat(Qt.TextFormat.PlainText)
        reply.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(reply)
        ending = QLabel()
        ending.setWordWrap(True)
        tint(ending, "muted")
        layout.addWidget(ending)
        layout.addStretch(1)
        grid.addWidget(frame, 0, column)
        return {"frame": frame, "name": name, "prompt": prompt, "reply": reply,
                "ending": ending}

    def call(self) -> LessonCall:
        question = self.question.text()

        def work(setup: LessonSetup) -> BaseInstructResult:
            return run_base_instruct(setup, question, prepare_base_model(app_models_dir()))
        return work

    def show_result(self, result: Any) -> None:
        assert isinstance(result, BaseInstructResult)
        self.question.setText(result.question)
        self.base_box["frame"].setVisible(result.base is not None)
        if result.base is not None:
            self._show(self.base_box, result.base)
        self.missing.setVisible(result.base is None)
        self.missing.setText(self.tr(
            "The bundled base model (Gemma 3 270M) is not installed with this copy of "
            "Prosa, so only the instruct half runs. “Try it yourself” opens the models, "
            "where you can download a base model (its name usually lacks “Instruct”, "
            "“-it” or “Chat”) and load it in completion mode."))
        self._show(self.instruct_box, result.instruct)
        self.chat_note.setVisible(result.chat_is_base)
        self.chat_note.setText(self.tr(
            "The chat's model, %1, is in completion mode: it is a base model too (or set "
            "to be read as one), so it continues your text instead of answering it.")
            .replace("%1", result.instruct.model_name))

    def _show(self, box: dict[str, Any], answer: ModelAnswer) -> None:
        if answer.mode == "completion":
            mode = self.tr("%1 · completion mode: reads your text as it is").replace(
                "%1", answer.model_name)
        else:
            mode = self.tr("%1 · chat mode: reads your text as a user's turn").replace(
                "%1", answer.model_name)
        box["name"].setText(mode + " · " + self.tr("%1 tokens read").replace(
            "%1", number(answer.prompt_tokens)))
        box["prompt"].show_text(answer.prompt)
        box["reply"].setText(answer.reply.strip() or self.tr("(nothing: it ended at once)"))
        box["ending"].setText(
            self.tr("It stopped by itself: it wrote its end token.") if answer.stopped
            else self.tr("It was still writing when the limit of %1 tokens cut it.")
            .replace("%1", number(REPLY_TOKENS)))

    def try_it(self) -> TryIt:
        return TryIt(TryTarget.MODELS)
