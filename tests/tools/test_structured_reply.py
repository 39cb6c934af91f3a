"""Structured output without Qt: the user's schema or grammar checked with coded errors,
and a reply formatted and judged against the schema (jsonschema's own verdict)."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from core.errors import BadInput
from core.tools.structured import (
    EXAMPLES,
    MAX_PARSED_CHARS,
    check_grammar,
    parse_schema,
    pretty,
    read_reply,
)

PERSON = EXAMPLES["person"]


def test_a_valid_reply_is_formatted_and_validates() -> None:
    reply = read_reply('{"name":"Ana","age":31,"address":{"city":"Recife","country":"BR"}}',
                       PERSON)
    assert reply.validates is True and reply.is_json and reply.reason == ""
    assert reply.text == pretty({"name": "Ana", "age": 31,
                                 "address": {"city": "Recife", "country": "BR"}})
    assert reply.text.startswith('{\n  "name": "Ana",')


@pytest.mark.parametrize(("value", "reason"), [
    ({"name": "Ana", "age": 131, "address": {"city": "R", "country": "BR"}},
     "131 is greater than the maximum of 130 (at $.age)"),
    ({"name": "Ana", "age": 3, "address": {"city": "R"}},
     "'country' is a required property (at $.address)"),
    ({"name": "Ana", "age": 3.5, "address": {"city": "R", "country": "BR"}},
     "3.5 is not of type 'integer' (at $.age)"),
    ([1, 2], "[1, 2] is not of type 'object'"),
])
def test_a_reply_that_breaks_the_schema_says_where(value: object, reason: str) -> None:
    reply = read_reply(json.dumps(value), PERSON)
    assert reply.validates is False and reply.is_json and reply.reason == reason


def test_a_reply_that_is_not_json_is_shown_as_it_is() -> None:
    reply = read_reply("Sure! Here it is: {", PERSON)
    assert reply == ("Sure! Here it is: {", False,
                     "Expecting value (line 1, column 1)", False)
    assert read_reply("yes", None) == ("yes", None, "Expecting value (line 1, column 1)",
                                       False)


def test_a_grammar_reply_has_no_verdict() -> None:
    assert read_reply('{"a": 1}', None) == (pretty({"a": 1}), None, "", True)


def test_a_runaway_reply_is_not_parsed() -> None:
    text = "[" * (MAX_PARSED_CHARS + 1)
    reply = read_reply(text, PERSON)
    assert reply.text is text and reply.validates is False and not reply.is_json


def test_schema_errors_are_coded_with_their_place() -> None:
    with pytest.raises(BadInput) as caught:
        parse_schema('{"type": "object",\n "x": }')
    assert caught.value.code == "structured.schema_not_json"
    assert caught.value.params == {"error": "Expecting value", "line": 2, "column": 7}
    with pytest.raises(BadInput) as caught:
        parse_schema('"a string"')
    assert caught.value.code == "structured.schema_not_object"
    with pytest.raises(BadInput) as caught:
        parse_schema('{"properties": {"n": {"maxLength": -1}}}')
    assert caught.value.code == "structured.schema_invalid"
    assert caught.value.params["where"] == "$.properties.n.maxLength"
    assert parse_schema(json.dumps(PERSON)) == PERSON


def test_grammars_need_text_and_a_root_rule() -> None:
    for text, code in (("", "structured.grammar_empty"),
                       ('answer ::= "yes"', "structured.grammar_no_root"),
                       ('# root ::= "no"\nanswer ::= "x"', "structured.grammar_no_root")):
        with pytest.raises(BadInput) as caught:
            check_grammar(text)
        assert caught.value.code == code
    assert check_grammar('# a comment\n  root ::= "yes"') == '# a comment\n  root ::= "yes"'


@pytest.mark.parametrize("key", sorted(EXAMPLES))
def test_the_examples_are_valid_schemas(key: str) -> None:
    Draft202012Validator.check_schema(EXAMPLES[key])
    parse_schema(json.dumps(EXAMPLES[key]))


def test_the_examples_accept_and_refuse_what_they_should() -> None:
    review = EXAMPLES["review"]
    assert read_reply('{"sentiment": "positive", "stars": 5, "summary": "ok"}',
                      review).validates
    assert not read_reply('{"sentiment": "great", "stars": 5, "summary": "ok"}',
                          review).validates
    assert not read_reply('{"sentiment": "positive", "stars": 6, "summary": "ok"}',
                          review).validates
    shopping = EXAMPLES["shopping"]
    item = {"name": "rice", "quantity": 2, "unit": "kg"}
    assert read_reply(json.dumps({"items": [item]}), shopping).validates
    assert not read_reply(json.dumps({"items": []}), shopping).validates
    assert not read_reply(json.dumps({"items": [item] * 11}), shopping).validates
