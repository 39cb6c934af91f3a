"""Lesson 7, a model calling a tool: the four steps of one calculator call on the real
model (``core.learn.tools_lesson``)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from core.learn.catalog import LessonId, TryIt, TryTarget
from core.learn.engine import LessonSetup
from core.learn.tools_lesson import (
    TOOL,
    ToolsResult,
    run_tools,
    sample_question,
)
from core.tools.runs import RunStatus
from ui.error_texts import problem_text
from ui.format import decimal, language
from ui.learn.chat_views import PromptView
from ui.learn.page import LessonCall, LessonPage

#: How much of the prompt before and after the tools' block step 1 shows.
_AROUND = 160


class ToolsPage(LessonPage):
    lesson = LessonId.TOOLS

    def title(self) -> str:
        return self.tr("A model calling a tool")

    def intro(self) -> str:
        return self.tr(
            "A model only writes text, yet it can use tools: Prosa <b>describes</b> each "
            "tool in the prompt, the model <b>writes a call</b> in a shape it was taught, "
            "Prosa <b>runs</b> the tool and gives the <b>result</b> back, and the model "
            "answers reading it. Small models are poor at arithmetic, so a calculator "
            "makes them exact. The starter model was never trained for tools, so here it "
            "reads the built-in template “%1” and is <b>required</b> to call a tool: "
            "decoding then only allows a well-formed call.").replace(
                "%1", self.tr("ChatML with tools (Hermes)"))

    def build(self, body: QVBoxLayout) -> None:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Question:")))
        self.question = QLineEdit(sample_question(language()))
        self.question.setObjectName("lessonQuestion")
        self.question.setAccessibleName(self.tr("Question"))
        self.question.setToolTip(self.tr("Change the question and press Enter to run the "
                                         "four steps again"))
        self.question.returnPressed.connect(self.run)
        row.addWidget(self.question, 1)
        body.addLayout(row)

        body.addWidget(self.heading(self.tr("1. The tool is offered")))
        self.spec_note = self.note(self.tr(
            "Its definition, a JSON schema of its arguments:"))
        body.addWidget(self.spec_note)
        self.spec = PromptView()
        self.spec.setObjectName("lessonToolSpec")
        body.addWidget(self.spec)
        body.addWidget(self.note(self.tr(
            "Where the model reads it: the template writes it into the system turn "
            "(marked), with the shape a call must have:")))
        self.offer = PromptView()
        self.offer.setObjectName("lessonToolOffer")
        body.addWidget(self.offer)

        body.addWidget(self.heading(self.tr("2. The model writes a call")))
        self.call_text = PromptView()
        self.call_text.setObjectName("lessonCallText")
        body.addWidget(self.call_text)
        self.parsed = QLabel()
        self.parsed.setObjectName("lessonCallParsed")
        self.parsed.setWordWrap(True)
        body.addWidget(self.parsed)

        body.addWidget(self.heading(self.tr("3. Prosa runs the tool")))
        self.run_line = QLabel()
        self.run_line.setObjectName("lessonToolRun")
        self.run_line.setWordWrap(True)
        body.addWidget(self.run_line)

        body.addWidget(self.heading(self.tr("4. The model reads the result and answers")))
        body.addWidget(self.note(self.tr(
            "The end of the new prompt: the call, then the result in a tool turn:")))
        self.answer_prompt = PromptView()
        self.answer_prompt.setObjectName("lessonAnswerPrompt")
        body.addWidget(self.answer_prompt)
        self.answer = QLabel()
        self.answer.setObjectName("lessonAnswer")
        self.answer.setWordWrap(True)
        body.addWidget(self.answer)

    def call(self) -> LessonCall:
        question = self.question.text()

        def work(setup: LessonSetup) -> ToolsResult:
            return run_tools(setup, question)
        return work

    def show_result(self, result: Any) -> None:
        assert isinstance(result, ToolsResult)
        self.question.setText(result.question)
        self.spec.show_text(result.spec_json)
        prompt = result.offer_prompt
        if result.tools_span is not None:
            start, end = result.tools_span
            first = max(0, start - _AROUND)
            last = min(len(prompt), end + _AROUND)
            excerpt = ("…" if first else "") + prompt[first:last] + \
                ("…" if last < len(prompt) else "")
            shift = first - (1 if first else 0)
            self.offer.show_text(excerpt, (start - shift, end - shift))
        else:
            self.offer.show_text(prompt)
        self.call_text.show_text(result.call_text)
        arguments = json.dumps(dict(result.call_arguments), ensure_ascii=False)
        self.parsed.setText(self.tr("Prosa reads it as a call of <b>%1</b> with the "
                                    "arguments <code>%2</code>.")
                            .replace("%1", result.call_name).replace("%2", arguments))
        self.run_line.setText(self._run_text(result))
        tail = result.answer_prompt
        cut = tail.rfind("<tool_call>")
        cut = tail.rfind("<|im_start|>", 0, cut) if cut >= 0 else -1
        self.answer_prompt.show_text(("…" if cut > 0 else "") + tail[max(cut, 0):])
        self.answer.setText(self.tr("The model answered: “%1”").replace("%1", result.answer))

    def _run_text(self, result: ToolsResult) -> str:
        run = result.run
        if run.status == RunStatus.DONE:
            return self.tr("The calculator checked the arguments against its schema, "
                           "computed the expression and returned <b>%1</b>, in %2 ms. This "
                           "is the real tool the chat uses, not the model: its arithmetic "
                           "is exact.").replace("%1", run.result)\
                .replace("%2", decimal(run.elapsed_ms))
        why = problem_text(run.problem) if run.problem is not None else run.result
        return self.tr("The tool did not give a result: %1. The model is told so, as a "
                       "result, and answers with that.").replace("%1", why)

    def try_it(self) -> TryIt:
        return TryIt(TryTarget.TOOLS, tools=(TOOL,), draft=self.question.text())
