"""Lesson 1, what a token is: a text cut into the model's own tokens, with their ids.

The text is cut exactly as the model would read it, but with no chat template around
it: the lessons' engine is put in completion mode, where the prompt is the user's text
alone, tokenized as plain text (``core.engine.llama.model``), so the ids are the
tokenizer's ids for that text.  Completion mode adds one thing a learner must be told
about: the model's start token (BOS) in front, for models whose tokenizer asks for one
(SmolLM2 does not; Gemma does).  Such tokens are kept, marked special, and counted
apart from the text's tokens.

The lesson also cuts one sample sentence in English and in Portuguese (the same
meaning): the Portuguese takes more tokens, because the tokenizer learned its pieces
mostly from English text.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.engine.protocol import PromptToken
from core.errors import BadInput
from core.learn.engine import LessonSetup
from core.learn.samples import in_language

#: The longest text the lesson cuts (a paragraph; the chips would not be readable
#: beyond that, and the lessons' context is small).
MAX_CHARS = 2000

#: One sentence, the same meaning in each language the app speaks (the model reads
#: these, so they are data, not translated interface strings).
SAMPLES: dict[str, str] = {
    "en": "Language models don't read letters or whole words: they read tokens, "
          "small pieces of text that often start with a space.",
    "pt_BR": "Os modelos de linguagem não leem letras nem palavras inteiras: leem "
             "tokens, pequenos pedaços de texto que muitas vezes começam com um espaço.",
}


def sample_text(language: str) -> str:
    """The sample sentence in ``language`` ("en", "pt_BR"), English for any other."""
    return in_language(language, SAMPLES)


@dataclass(frozen=True)
class Token:
    """One token of the text as the model reads it."""

    id: int
    #: The token's text (a piece of a multi-byte character shows as U+FFFD).
    piece: str
    #: A control token the engine adds (the start token), not part of the text.
    special: bool


@dataclass(frozen=True)
class Cut:
    """A text and its tokens."""

    text: str
    #: Every token the model reads, the engine's start token (if any) first.
    tokens: tuple[Token, ...]

    @property
    def text_tokens(self) -> tuple[Token, ...]:
        """The tokens of the text itself (the start token left out)."""
        return tuple(t for t in self.tokens if not t.special)

    @property
    def added(self) -> tuple[Token, ...]:
        """Special tokens the engine put around the text (the start token)."""
        return tuple(t for t in self.tokens if t.special)

    @property
    def characters(self) -> int:
        return len(self.text)

    @property
    def chars_per_token(self) -> float:
        count = len(self.text_tokens)
        return self.characters / count if count else 0.0


@dataclass(frozen=True)
class TokensResult:
    """The user's text cut into tokens, and the sample sentence in each language."""

    cut: Cut
    #: ``(language, cut)`` for each of :data:`SAMPLES`, English first.
    samples: tuple[tuple[str, Cut], ...]
    #: The start token's text as the model names it ("" when the model has none).
    bos_token: str


def run_tokens(setup: LessonSetup, text: str) -> TokensResult:
    """Cut ``text`` (and the sample sentences) into the model's tokens, with no chat
    template: the model's own tokenizer in the lessons' engine, in completion mode."""
    if not text.strip():
        raise BadInput("learn.empty_text", "Write some text to cut into tokens.")
    if len(text) > MAX_CHARS:
        raise BadInput("learn.text_too_long",
                       "The text is too long for this lesson: {chars} characters, at most "
                       "{limit}.", chars=len(text), limit=MAX_CHARS)
    with setup.engine.using(setup.model, force_mode="completion") as sync:
        def cut(words: str) -> Cut:
            inspection = sync.inspect([{"role": "user", "content": words}])
            return Cut(words, tuple(_token(t) for t in inspection.tokens))

        mine = cut(text)
        samples = tuple((language, cut(sample)) for language, sample in SAMPLES.items())
        bos = sync.loaded.bos_token if sync.loaded is not None else ""
    return TokensResult(mine, samples, bos)


def _token(token: PromptToken) -> Token:
    return Token(token.id, token.piece, token.special)
