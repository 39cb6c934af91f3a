"""Every error ``core/`` and ``ui/`` raise has a stable code and a translatable text.

The errors are found in the source, as the code reads: a call whose first two
arguments are a literal code and a literal English template (``ProsaError(...)``, any
subclass, ``Problem.of(...)``).  Each code must be in ``ui/error_texts`` with the same
English text, so the interface can show it in the user's language, and its fields
must be the ones the template names.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

from core.errors import CODE, Problem, ProsaError, render

ROOT = Path(__file__).resolve().parents[2]


def raised() -> dict[str, set[str]]:
    """code -> the English templates raised with it (one each, by the rule).  The
    command line speaks English only, so its own codes need no translation."""
    found: dict[str, set[str]] = {}
    for folder in ("core", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call) or len(node.args) < 2:
                    continue
                code, template = node.args[0], node.args[1]
                if (isinstance(code, ast.Constant) and isinstance(code.value, str)
                        and CODE.match(code.value) and isinstance(template, ast.Constant)
                        and isinstance(template.value, str)):
                    found.setdefault(code.value, set()).add(template.value)
    return found


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_each_code_has_one_english_text() -> None:
    for code, templates in raised().items():
        assert len(templates) == 1, f"{code} is raised with different texts: {templates}"


def test_every_code_is_translatable_with_the_same_text() -> None:
    from ui.error_texts import TEXTS

    missing = {code: next(iter(t)) for code, t in raised().items() if code not in TEXTS}
    assert not missing, f"add these to ui/error_texts: {missing}"
    for code, templates in raised().items():
        assert TEXTS[code] == next(iter(templates)), f"{code}: ui text differs from core's"


def test_no_code_in_the_table_is_dead() -> None:
    from ui.error_texts import TEXTS

    dead = set(TEXTS) - set(raised())
    assert not dead, f"codes nothing raises any more: {sorted(dead)}"


def test_translations_keep_the_fields() -> None:
    import xml.etree.ElementTree as ET

    ts = ROOT / "resources" / "translations" / "prosa_pt_BR.ts"
    for context in ET.parse(ts).iter("context"):
        if context.findtext("name") != "Errors":
            continue
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.findtext("translation") or ""
            assert fields(translation) == fields(source), (source, translation)


def test_a_problem_travels_as_data() -> None:
    error = ProsaError("gguf.truncated", "Ends at {end} of {size}.", details="trace",
                       end=10, size=4)
    assert error.message == "Ends at 10 of 4." == str(error)
    problem = error.problem
    assert problem == Problem.of("gguf.truncated", "Ends at {end} of {size}.", "trace",
                                 end=10, size=4)
    assert ProsaError.from_problem(problem).message == error.message
    assert render("Broken {field", {"field": 1}) == "Broken {field"


def _prosa_error_names() -> set[str]:
    """Every ProsaError class, once all of core/ is imported."""
    import importlib

    for path in (ROOT / "core").rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        importlib.import_module(name)
    names, todo = set(), [ProsaError]
    while todo:
        kind = todo.pop()
        if _takes_a_code(kind):
            names.add(kind.__name__)
        todo += kind.__subclasses__()
    return names


def _takes_a_code(kind: type) -> bool:
    """Whether the class is called with a code first (ProsaError's signature); a class
    that fixes its own code (``McpTimeout(server, seconds)``) raises it in its own
    ``__init__``, where the first check sees the literal."""
    import inspect

    parameters = list(inspect.signature(kind.__init__).parameters)
    return parameters[1:2] == ["code"]


def test_no_error_is_raised_as_a_sentence() -> None:
    """A ProsaError's first argument is always a literal code, never prose."""
    kinds = _prosa_error_names()
    sentences = []
    for folder in ("core", "cli", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id in kinds):
                    continue
                first = node.args[0] if node.args else None
                literal = (isinstance(first, ast.Constant) and isinstance(first.value, str)
                           and CODE.match(first.value))
                # Raising again what a Problem already holds: problem.code.
                passed_on = (isinstance(first, ast.Attribute) and first.attr == "code") or (
                    isinstance(first, ast.Name) and first.id == "code")
                if not (literal or passed_on):
                    sentences.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not sentences, f"errors raised without a code: {sentences}"
