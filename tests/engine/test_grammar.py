"""Grammars without generating: number ranges, the check before llama.cpp, JSON schemas
and call formats as GBNF, and what llama.cpp's grammar (with SmolLM2's vocabulary)
accepts of them.

``accepts`` feeds a text token by token through a real llama.cpp grammar sampler, as
the decoding loop does, and asks whether the grammar is complete at the end: the
strongest check that a grammar means what we want, short of generating.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from core.engine.llama import gbnf
from core.engine.llama.call_grammar import call_format
from core.engine.llama.grammar import Plan
from core.engine.llama.grammar_sampler import Candidates, Grammar, compile_grammar
from core.engine.llama.json_grammar import Unsupported, schema_to_gbnf
from core.engine.llama.token_index import build_index
from core.errors import EngineError
from core.output.families import parser_for
from core.output.types import Context, Family, Finish
from core.sampling.params import SamplingParams

CALCULATOR = {"type": "function", "function": {
    "name": "calculator", "description": "Evaluate an arithmetic expression.",
    "parameters": {"type": "object", "properties": {
        "expression": {"type": "string"},
        "precision": {"type": "integer", "minimum": 0, "maximum": 10}},
        "required": ["expression"]}}}
CLOCK = {"type": "function", "function": {"name": "clock", "description": "The time."}}


def to_regex(expression: str) -> re.Pattern[str]:
    """A range expression of ``gbnf`` (literals, classes, groups, ``{m,n}``) as a Python
    regular expression, to compare against every number in a window."""
    out = []
    i = 0
    while i < len(expression):
        ch = expression[i]
        if ch == '"':
            end = expression.index('"', i + 1)
            out.append(re.escape(expression[i + 1:end]))
            i = end + 1
            continue
        if ch != " ":
            out.append(ch)
        i += 1
    return re.compile("(?:" + "".join(out) + r")\Z")


# --- ranges ----------------------------------------------------------------------------


def test_integer_ranges_hold_exactly_the_integers_within_their_bounds() -> None:
    rng = random.Random(7)
    cases = [(0, 0), (0, 9), (1, 10), (-5, 5), (-120, -3), (37, 1305), (None, 42),
             (None, -17), (-9, None), (250, None), (0, None)]
    cases += [(a, a + rng.randint(0, 1500)) for a in (rng.randint(-1500, 1500)
                                                     for _ in range(60))]
    for low, high in cases:
        pattern = to_regex(gbnf.int_range(low, high))
        for value in range(-2000, 3000):
            inside = (low is None or value >= low) and (high is None or value <= high)
            assert bool(pattern.match(str(value))) == inside, (low, high, value)
        assert not pattern.match("-0") and not pattern.match("007")


def test_number_ranges_hold_only_numbers_within_their_bounds() -> None:
    rng = random.Random(3)
    for _ in range(150):
        low = rng.choice([None, rng.randint(-20, 20) + rng.choice([0.0, 0.5])])
        high = rng.choice([None, (low or 0) + rng.randint(1, 30) + rng.choice([0.0, 0.25])])
        open_low, open_high = rng.random() < 0.3, rng.random() < 0.3
        if low is None and high is None:
            continue
        pattern = to_regex(gbnf.number_range(low, high, open_low, open_high))
        for tenth in range(-400, 600):
            for text in (str(tenth / 10), str(tenth), f"{tenth / 100:.2f}"):
                if pattern.match(text):
                    value = float(text)
                    assert low is None or (value > low if open_low else value >= low), text
                    assert high is None or (value < high if open_high else value <= high)
    within = to_regex(gbnf.number_range(0, 100))
    assert all(within.match(t) for t in ("0", "100", "99.5", "3.14159", "0.001"))
    assert not any(within.match(t) for t in ("100.5", "-0.5", "1e3", "101"))


def test_a_range_with_no_whole_number_in_it_is_refused() -> None:
    with pytest.raises(ValueError):
        gbnf.number_range(0.2, 0.8)
    with pytest.raises(ValueError):
        gbnf.int_range(5, 3)


# --- the check before llama.cpp ----------------------------------------------------------


@pytest.mark.parametrize(("text", "why"), [
    ('root ::= "a"{5,3}', "maximum below its minimum"),
    ("root ::= " + "(" * 300 + '"a"' + ")" * 300, "nest deeper"),
    ("   ", "empty"),
    ('root ::= "a\x00"', "NUL"),
    ('root ::= "abc', "not closed"),
    ('root ::= "a"{3000}', "above 2000"),
    ('root ::= "a"{,4}', "no minimum"),
])
def test_the_check_refuses_what_llama_cpp_cannot_survive(text: str, why: str) -> None:
    with pytest.raises(gbnf.BadGrammar, match=why):
        gbnf.check(text)


def test_the_check_reads_literals_classes_and_comments_as_text() -> None:
    grammar = ('# a { in a comment, and {9,1}\nroot ::= "{5,3}" [{(] "(" x{2,4}\n'
               'x ::= "\\"{" [\\]{]')
    assert gbnf.check(grammar) is False
    assert gbnf.check('root ::= <[12]> "a" | <|im_start|>') is True


# --- JSON schemas --------------------------------------------------------------------------


@pytest.mark.parametrize(("schema", "feature"), [
    ({"type": "array", "items": {"type": "string"}, "uniqueItems": True}, "uniqueItems"),
    ({"type": "object", "properties": {"a": {"not": {"type": "string"}}}}, "not"),
    ({"type": "number", "multipleOf": 3}, "multipleOf"),
    ({"$ref": "https://example.com/schema.json"}, "another document"),
    ({"type": "integer", "minimum": 5, "maximum": 3}, "integer bounds"),
    ({"type": "object", "properties": {}, "required": ["x"]}, "required key 'x'"),
    ({"type": "string", "pattern": "(?=a)b"}, "pattern"),
    ({"type": "strin"}, 'type "strin"'),
    ({"type": "string", "maxLength": 3, "pattern": "a+"}, "pattern"),
])
def test_a_schema_the_grammar_cannot_enforce_names_what(schema: dict[str, Any],
                                                       feature: str) -> None:
    with pytest.raises(Unsupported) as caught:
        schema_to_gbnf(schema)
    assert feature in caught.value.feature


# --- what llama.cpp accepts --------------------------------------------------------------


@pytest.fixture(scope="module")
def vocab(starter_model: Path) -> Iterator[Any]:
    import llama_cpp

    from core.engine.llama import log as llama_log
    from core.engine.llama.backends import ensure_backends

    ensure_backends()
    llama_log.capture()
    llm = llama_cpp.Llama(model_path=str(starter_model), vocab_only=True, verbose=False)
    llm.prosa_tokens = lambda text, special=False: list(  # type: ignore[attr-defined]
        llm.tokenize(text.encode("utf-8"), add_bos=False, special=special))
    yield llm
    llm.close()


END = 2  # SmolLM2's <|im_end|>


def accepts(llm: Any, grammar: str, text: str | list[int], root: str = "root") -> bool:
    tokens = llm.prosa_tokens(text) if isinstance(text, str) else text
    with compile_grammar(llm._model.vocab, grammar, END, root) as compiled:
        for token in tokens:
            if not compiled.allows(token):
                return False
            compiled.accept(token)
        return compiled.finished()


SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "maxLength": 10},
        "age": {"type": "integer", "minimum": 18, "maximum": 99},
        "role": {"enum": ["admin", "back\\slash", 3]},
        "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1,
                 "maxItems": 2},
        "address": {"type": "object", "properties": {"city": {"type": "string"}},
                    "required": ["city"]},
    },
    "required": ["name", "age", "tags", "address"],
}
#: In the grammar's order: required keys as the schema lists them, then the others.
GOOD = {"name": "Ana", "age": 42, "tags": ["x"], "address": {"city": "Rio"},
        "role": "back\\slash"}


@pytest.mark.model
@pytest.mark.parametrize(("value", "ok"), [
    (GOOD, True),
    ({**GOOD, "role": 3}, True),
    ({**GOOD, "tags": ["a", "b"]}, True),
    ({**GOOD, "age": 100}, False),
    ({**GOOD, "age": 17}, False),
    ({**GOOD, "tags": []}, False),
    ({**GOOD, "tags": ["a", "b", "c"]}, False),
    ({**GOOD, "role": "guest"}, False),
    ({**GOOD, "name": "a much longer name"}, False),
    ({**GOOD, "extra": 1}, False),
    ({k: v for k, v in GOOD.items() if k != "address"}, False),
    ({**GOOD, "address": {}}, False),
])
def test_the_schema_grammar_accepts_exactly_valid_json(vocab: Any, value: dict[str, Any],
                                                       ok: bool) -> None:
    assert accepts(vocab, schema_to_gbnf(SCHEMA), json.dumps(value)) is ok


@pytest.mark.model
def test_json_strings_never_hold_a_raw_line_break(vocab: Any) -> None:
    grammar = schema_to_gbnf({"type": "string"})
    assert accepts(vocab, grammar, '"two\\nlines"')
    assert not accepts(vocab, grammar, '"two\nlines"')


HERMES_CALL = ('<tool_call>\n{"name": "calculator", "arguments": {"expression": "1+2"}}\n'
               "</tool_call>")


@pytest.mark.model
@pytest.mark.parametrize(("text", "ok"), [
    (HERMES_CALL, True),
    (HERMES_CALL + "\n" + HERMES_CALL.replace("1+2", "3*4"), True),
    ('<tool_call>\n{"name": "clock", "arguments": {}}\n</tool_call>', True),
    ('<tool_call>\n{"name": "calc", "arguments": {}}\n</tool_call>', False),
    (HERMES_CALL.replace('"1+2"', '"1+2", "precision": 11'), False),
    (HERMES_CALL.replace('"1+2"', '"a</tool_call>"'), False),
    (HERMES_CALL.replace('"1+2"', '"1 < 2 << 3"'), True),
    (HERMES_CALL.replace('{"expression": "1+2"}', "{}"), False),
    ("Sure. " + HERMES_CALL, False),
])
def test_hermes_calls_are_what_its_parser_reads(vocab: Any, text: str, ok: bool) -> None:
    found = call_format(Family.HERMES, [CALCULATOR, CLOCK], lambda _text: None)
    assert found is not None
    assert accepts(vocab, found.required(), text) is ok
    if ok:
        parsed = parser_for(Family.HERMES).parse(text, Finish.STOP, Context())
        assert parsed.tool_calls and not parsed.notes


@pytest.mark.model
def test_a_named_tool_allows_that_tool_only(vocab: Any) -> None:
    found = call_format(Family.HERMES, [CALCULATOR, CLOCK], lambda _text: None, only="clock")
    assert found is not None
    assert accepts(vocab, found.required(),
                   '<tool_call>\n{"name": "clock", "arguments": {}}\n</tool_call>')
    assert not accepts(vocab, found.required(), HERMES_CALL)


@pytest.mark.model
def test_llama3_calls_are_json_with_parameters(vocab: Any) -> None:
    found = call_format(Family.LLAMA3, [CALCULATOR], lambda _text: None)
    assert found is not None and found.opener == '{"name":'
    text = '{"name": "calculator", "parameters": {"expression": "2^8", "precision": 2}}'
    assert accepts(vocab, found.required(), text)
    assert not accepts(vocab, found.required(), text.replace("parameters", "arguments"))
    parsed = parser_for(Family.LLAMA3).parse(text, Finish.STOP, Context())
    assert parsed.tool_calls[0].arguments == {"expression": "2^8", "precision": 2}


@pytest.mark.model
def test_mistral_calls_name_their_control_tokens_by_id(vocab: Any) -> None:
    # SmolLM2 has no [TOOL_CALLS]: two of its own control tokens stand in for it.
    ids = {"[TOOL_CALLS]": 5, "[ARGS]": 6}
    found = call_format(Family.MISTRAL, [CALCULATOR], ids.get)
    assert found is not None and "<[5]>" in found.rules and "<[6]>" in found.rules
    call = [5, *vocab.prosa_tokens("calculator"), 6,
            *vocab.prosa_tokens('{"expression": "1"}')]
    assert accepts(vocab, found.required(), call)
    assert accepts(vocab, found.required(), call + call)
    # The same text spelled in ordinary tokens is not the control token.
    spelled = vocab.prosa_tokens("<file_sep>calculator<filename>{}")
    assert not accepts(vocab, found.required(), spelled)
    older = call_format(Family.MISTRAL, [CALCULATOR], {"[TOOL_CALLS]": 5}.get)
    assert older is not None
    assert accepts(vocab, older.required(),
                   [5, *vocab.prosa_tokens('[{"name": "calculator", "arguments": '
                                           '{"expression": "1"}}]')])
    assert call_format(Family.MISTRAL, [CALCULATOR], lambda _text: None) is None


@pytest.mark.model
def test_a_lazy_call_starts_with_the_text_before_its_opener(vocab: Any) -> None:
    found = call_format(Family.HERMES, [CALCULATOR], lambda _text: None)
    assert found is not None
    assert accepts(vocab, found.lazy(" "), " " + HERMES_CALL)
    assert not accepts(vocab, found.lazy(" "), HERMES_CALL)


@pytest.mark.model
@pytest.mark.parametrize(("text", "reason"), [
    ('root ::= foo', "Undefined rule identifier 'foo'"),
    ('rot ::= "a"', "root"),
    ('root ::= root "a" | "b"', "left recursion"),
    ('root ::= "\\q"', "unknown escape"),
    ('root ::= "a"{5,3}', "maximum below its minimum"),
])
def test_an_invalid_grammar_says_why_and_never_reaches_an_abort(vocab: Any, text: str,
                                                                reason: str) -> None:
    with pytest.raises(EngineError) as caught:
        compile_grammar(vocab._model.vocab, text, END)
    assert caught.value.code == "engine.grammar_invalid"
    assert reason in caught.value.message


@pytest.mark.model
def test_a_refused_token_raises_instead_of_aborting(vocab: Any) -> None:
    with compile_grammar(vocab._model.vocab, 'root ::= "yes"', END) as grammar:
        (no,) = vocab.prosa_tokens("no")
        with pytest.raises(EngineError) as caught:
            grammar.accept(no)
        assert caught.value.code == "engine.grammar_refused"
        for token in vocab.prosa_tokens("yes"):
            grammar.accept(token)
        assert grammar.finished()


@pytest.mark.model
def test_the_index_finds_exactly_the_tokens_the_full_check_allows(vocab: Any) -> None:
    """At every step of a schema reply and of a call (inside strings, after spaces,
    before markers), the tokens allowed among the index's candidates are exactly those
    allowed among the whole vocabulary, and the candidates are far fewer."""
    from core.engine.llama.pieces import Pieces

    model_vocab = vocab._model.vocab
    pieces = Pieces(model_vocab)
    import llama_cpp

    index = build_index(model_vocab, pieces.spelled,
                        lambda t: bool(llama_cpp.llama_vocab_is_eog(model_vocab, t)))
    everything = np.arange(index.n_vocab, dtype=np.int64)
    scratch = Candidates()
    found = call_format(Family.HERMES, [CALCULATOR], lambda _text: None)
    assert found is not None
    sizes = []
    for grammar_text, text in ((schema_to_gbnf(SCHEMA), json.dumps(GOOD)),
                               (found.required(), HERMES_CALL.replace("1+2", "é < 2"))):
        with compile_grammar(model_vocab, grammar_text, END) as grammar:
            for token in [*vocab.prosa_tokens(text), None]:
                candidates = index.candidates(grammar, scratch)
                sizes.append(candidates.shape[0])
                assert set(_allowed(grammar, candidates, scratch)) == \
                    set(_allowed(grammar, everything, scratch))
                if token is not None:
                    grammar.accept(token)
    assert np.median(sizes) < index.n_vocab / 10


def _allowed(grammar: Grammar, ids: np.ndarray, scratch: Candidates) -> list[int]:
    array = scratch.fill(ids, 0.0)
    grammar.apply(array)
    return ids[np.isfinite(scratch.logits(ids.shape[0]))].tolist()


@pytest.mark.model
@pytest.mark.parametrize("params", [
    SamplingParams(temperature=1.0, top_k=40, repeat_penalty=1.3, repeat_last_n=16),
    SamplingParams(temperature=0.8, top_k=0, top_p=0.9),
    SamplingParams(temperature=0.0),
    SamplingParams(temperature=0.0, repeat_penalty=1.5, repeat_last_n=8),
], ids=["top-k and penalties", "no top-k", "greedy", "greedy with penalties"])
def test_choosing_under_a_grammar_is_the_chain_on_the_whole_vocabulary(
        vocab: Any, params: SamplingParams) -> None:
    """The guide's choice (the index's candidates, or the best tokens first where the
    candidates are many) is the token the chain picks from the whole vocabulary with
    the grammar's refusals at -inf, the slow and obvious way, step after step of a
    reply: with logits that favour allowed tokens (inside strings the best tokens
    decide) and logits that do not (the candidates do)."""
    import llama_cpp

    from core.engine.llama.guide import Guide
    from core.engine.llama.pieces import Pieces
    from core.engine.llama.sampler import SamplerChain

    model_vocab = vocab._model.vocab
    pieces = Pieces(model_vocab)
    index = build_index(model_vocab, pieces.spelled,
                        lambda t: bool(llama_cpp.llama_vocab_is_eog(model_vocab, t)))
    n = index.n_vocab
    grammar_text = schema_to_gbnf(SCHEMA)
    plan = Plan(grammar=grammar_text)

    def compile_text(text: str, root: str) -> Grammar:
        return compile_grammar(model_vocab, text, END, root)

    rng = np.random.default_rng(5)
    window = vocab.prosa_tokens('"Ana", "x", "age"')
    scratch = Candidates()
    reference = compile_text(grammar_text, "root")
    with Guide(plan, compile_text, index, pieces.spelled, False) as guide:
        by_best: list[bool] = []  # whether the best tokens alone decided a step
        among = guide._among_best

        def counted(*args: Any) -> int | None:
            chosen = among(*args)
            by_best.append(chosen is not None)
            return chosen

        guide._among_best = counted  # type: ignore[method-assign]
        for step, token in enumerate(vocab.prosa_tokens(json.dumps(GOOD))):
            row = (rng.normal(size=n) * 2).astype(np.float32)
            allowed = np.array(_allowed(reference, np.arange(n, dtype=np.int64), scratch))
            if step % 2:
                row[allowed] += 6.0
            params = params.validated()
            with SamplerChain(params, 11, n) as mine, SamplerChain(params, 11, n) as slow:
                for earlier in window:
                    mine.accept(earlier)
                    slow.accept(earlier)
                assert guide.ready()
                chosen = guide.choose(mine, row)
                everything = np.arange(n, dtype=np.int64)
                array = scratch.fill(everything, row)
                reference.apply(array)
                assert chosen == slow.run(array), step
            assert chosen in allowed
            guide.took(token)  # both follow the same text on
            reference.accept(token)
    reference.close()
    assert sum(by_best) < step + 1  # the index's candidates decided some steps
    if params.top_k or params.strategy == "greedy":
        assert any(by_best)  # and the best tokens alone decided others
