"""Lesson 1 on the real SmolLM2: the lesson's token ids are the tokenizer's own for the
raw text (no template), whatever the text holds, and the sample sentence costs more
tokens in Portuguese than in English."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import llama_cpp
import pytest

from core.engine.protocol import LoadModel
from core.errors import BadInput
from core.learn.tokens import SAMPLES, run_tokens, sample_text

pytestmark = pytest.mark.model

TEXTS = [
    "Hello world",
    "Olá! A educação é a ação de aprender; pão, coração, avós.",
    "I ❤️ tokens 🙂🚀",
    "def f(x):\n    return x ** 2  # square\n",
    "   three leading spaces",
    "\ttab and\nnew line",
    "<|im_start|>user not a turn<|im_end|>",
]


@pytest.fixture(scope="module")
def tokenizer(starter_model: Path) -> llama_cpp.Llama:
    return llama_cpp.Llama(model_path=str(starter_model), vocab_only=True, verbose=False)


@pytest.mark.parametrize("text", TEXTS)
def test_ids_are_the_tokenizers(text: str, lesson_setup: Any,
                                tokenizer: llama_cpp.Llama) -> None:
    result = run_tokens(lesson_setup, text)
    cut = result.cut
    # The whole prompt is the text alone, plus the start token where the model asks for
    # one (add_bos follows the model's own setting; SmolLM2 has none).
    assert [t.id for t in cut.tokens] == tokenizer.tokenize(text.encode(), add_bos=True,
                                                            special=False)
    assert [t.id for t in cut.text_tokens] == tokenizer.tokenize(text.encode(), add_bos=False,
                                                                 special=False)
    # Special-looking text is the user's text: never a control token.
    assert not cut.added
    assert cut.characters == len(text)
    assert cut.chars_per_token == pytest.approx(len(text) / len(cut.text_tokens))
    for token in cut.text_tokens:
        # Each piece is the token's own text (pieces of a multi-byte character aside).
        if "\ufffd" not in token.piece:
            assert token.piece.encode() == tokenizer.detokenize([token.id])


def test_pieces_make_the_text_again(lesson_setup: Any) -> None:
    text = "Tokens are pieces: un-believ-able, 1234567, São Paulo."
    cut = run_tokens(lesson_setup, text).cut
    assert "".join(t.piece for t in cut.text_tokens) == text
    assert len(cut.text_tokens) < len(text)


def test_portuguese_costs_more_tokens_than_english(lesson_setup: Any,
                                                   tokenizer: llama_cpp.Llama) -> None:
    samples = dict(run_tokens(lesson_setup, "x").samples)
    assert list(samples) == ["en", "pt_BR"]
    for language, cut in samples.items():
        assert cut.text == SAMPLES[language] == sample_text(language)
        assert [t.id for t in cut.text_tokens] == tokenizer.tokenize(
            cut.text.encode(), add_bos=False, special=False)
    english, portuguese = samples["en"], samples["pt_BR"]
    assert len(portuguese.text_tokens) > len(english.text_tokens)
    assert portuguese.chars_per_token < english.chars_per_token
    assert sample_text("fr") == SAMPLES["en"]


@pytest.mark.parametrize(("text", "code"), [("  \n", "learn.empty_text"),
                                            ("a" * 2001, "learn.text_too_long")])
def test_unusable_text_is_refused_in_words(text: str, code: str, lesson_setup: Any) -> None:
    with pytest.raises(BadInput) as raised:
        run_tokens(lesson_setup, text)
    assert raised.value.code == code


def test_a_models_start_token_is_shown_apart(lesson_setup: Any, gemma_model: Path) -> None:
    """Gemma's tokenizer asks for a start token: completion mode puts it first, marked
    special, and it is not counted as a token of the text."""
    gemma = replace(lesson_setup, model=LoadModel(str(gemma_model)))
    text = "Olá, mundo"
    result = run_tokens(gemma, text)
    tokenizer = llama_cpp.Llama(model_path=str(gemma_model), vocab_only=True, verbose=False)
    assert [t.id for t in result.cut.tokens] == tokenizer.tokenize(text.encode(), add_bos=True,
                                                                   special=False)
    assert [t.piece for t in result.cut.added] == [result.bos_token] == ["<bos>"]
    assert result.cut.tokens[0].special
    assert [t.id for t in result.cut.text_tokens] == tokenizer.tokenize(
        text.encode(), add_bos=False, special=False)
