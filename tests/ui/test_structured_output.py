"""The reply format editor with real widgets: every kind of mistake named as the user
types (JSON errors with their line and column, the line marked; schema errors from
jsonschema; a grammar without its root rule), the examples valid, and OK only for a
valid constraint."""

from __future__ import annotations

import json

import pytest
from pytestqt.qtbot import QtBot

from core.tools.choice import OutputConstraint
from core.tools.structured import EXAMPLES
from ui.tools.structured_output import (
    GRAMMAR_EXAMPLE,
    Mode,
    StructuredOutputDialog,
    StructuredOutputEditor,
)

pytestmark = pytest.mark.gui


def make_editor(qtbot: QtBot) -> StructuredOutputEditor:
    editor = StructuredOutputEditor()
    qtbot.addWidget(editor)
    editor.show()
    return editor


def choose(editor: StructuredOutputEditor, mode: Mode) -> None:
    editor.mode.setCurrentIndex(editor.mode.findData(mode))


def marked_lines(editor: StructuredOutputEditor) -> list[int]:
    return [s.cursor.block().blockNumber() + 1 for s in editor.text.extraSelections()]


def test_free_text_is_no_constraint(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    assert editor.current_mode() is Mode.FREE and editor.is_valid()
    assert editor.constraint() is None and not editor.text.isEnabled()
    assert editor.status.text() == "Replies are free text."


def test_a_json_error_names_its_line_and_column_and_marks_the_line(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    choose(editor, Mode.SCHEMA)
    editor.text.setPlainText('{"type": "object",\n "properties": {}\n "required": []}')
    assert editor.status.text() == ("The schema is not valid JSON: Expecting ',' delimiter "
                                    "(line 3, column 2).")
    assert marked_lines(editor) == [3] and not editor.is_valid()
    assert editor.constraint() is None
    with qtbot.waitSignal(editor.changed) as changed:
        editor.text.setPlainText('{"type": "object",\n "properties": {},\n "required": []}')
    assert changed.args == [editor.constraint()] and editor.is_valid()
    assert marked_lines(editor) == []
    assert editor.status.text() == "✓ A valid JSON schema: replies will match it."
    assert editor.constraint() == OutputConstraint(
        json_schema={"type": "object", "properties": {}, "required": []})


@pytest.mark.parametrize(("text", "said"), [
    ('{"type": "strin"}', "This is not a valid JSON schema: 'strin' is not valid under any "
                          "of the given schemas (at $.type)."),
    ('{"type": "integer", "minimum": "zero"}', "This is not a valid JSON schema: 'zero' is "
                                               "not of type 'number' (at $.minimum)."),
    ('[{"type": "string"}]', "A JSON schema must be a JSON object, starting with a brace."),
])
def test_a_schema_jsonschema_refuses_is_named(qtbot: QtBot, text: str, said: str) -> None:
    editor = make_editor(qtbot)
    choose(editor, Mode.SCHEMA)
    editor.text.setPlainText(text)
    assert editor.status.text() == said
    assert not editor.is_valid() and editor.constraint() is None


def test_a_grammar_needs_text_and_a_root_rule(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    choose(editor, Mode.GRAMMAR)
    assert not editor.is_valid()
    editor.text.setPlainText("   \n")
    assert editor.status.text() == "Write a grammar, or pick the example."
    assert not editor.is_valid()
    editor.text.setPlainText('answer ::= "yes" | "no"')
    assert "rule named root" in editor.status.text() and not editor.is_valid()
    editor.text.setPlainText('root ::= "yes" | "no"')
    assert editor.is_valid()
    assert editor.constraint() == OutputConstraint(grammar='root ::= "yes" | "no"')


def test_each_mode_keeps_its_own_text(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    choose(editor, Mode.SCHEMA)
    editor.text.setPlainText('{"type": "string"}')
    choose(editor, Mode.GRAMMAR)
    editor.text.setPlainText('root ::= "a"')
    choose(editor, Mode.SCHEMA)
    assert editor.text.toPlainText() == '{"type": "string"}'
    assert editor.constraint() == OutputConstraint(json_schema={"type": "string"})


def test_the_examples_are_valid_and_cover_what_decoding_must_get_right(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    actions = [action for action in editor.examples.menu().actions()
               if not action.isSeparator()]
    assert len(actions) == len(EXAMPLES) + 1
    found: set[str] = set()
    for action in actions:
        action.trigger()
        assert editor.is_valid(), action.text()
        constraint = editor.constraint()
        assert constraint is not None
        if constraint.json_schema is None:
            assert constraint.grammar == GRAMMAR_EXAMPLE
            continue
        assert editor.current_mode() is Mode.SCHEMA
        text = json.dumps(constraint.json_schema)
        found |= {word for word in ('"properties": {"street"', '"enum"', '"minItems"',
                                    '"maximum"') if word in text}
    assert len(found) == 4  # nested objects, enums, arrays and numbers with bounds


def test_the_dialog_accepts_only_a_valid_constraint(qtbot: QtBot) -> None:
    dialog = StructuredOutputDialog(OutputConstraint(json_schema=EXAMPLES["review"]))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.editor.current_mode() is Mode.SCHEMA and dialog.ok_button.isEnabled()
    assert json.loads(dialog.editor.text.toPlainText()) == EXAMPLES["review"]
    dialog.editor.text.setPlainText('{"type": ')
    assert not dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.isVisible()  # refused
    dialog.editor.text.setPlainText('{"type": "object"}')
    dialog.accept()
    assert dialog.constraint() == OutputConstraint(json_schema={"type": "object"})
    grammar = StructuredOutputDialog(OutputConstraint(grammar=GRAMMAR_EXAMPLE))
    qtbot.addWidget(grammar)
    assert grammar.editor.current_mode() is Mode.GRAMMAR
    assert grammar.constraint() == OutputConstraint(grammar=GRAMMAR_EXAMPLE)
