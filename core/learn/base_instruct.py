"""Lesson 5, base and instruct models: one question, two kinds of model.

A base model was trained only to continue text, so given a question it writes what
could come next on the page (often more questions); an instruct model was trained
further on conversations, and reads the question through its chat template as a user
turn it must answer.  The lesson asks the same question to the bundled Gemma 3 270M
base model in completion mode (the raw text, no template) and to the chat's model in
chat mode, greedily, and shows the exact text each read and what each wrote.

The bundled base model ships split into chunk packages; it is joined once into the
app's models folder (``core.models.library.assemble``, as the window does for a
bundled model it loads), on the lessons' thread.  An install without it still runs
the lesson's instruct half and says what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from core.conversation.types import FinishReason, Message, Role
from core.engine.protocol import LoadModel, Mode
from core.engine.sync import SyncEngine
from core.learn.engine import LessonSetup
from core.learn.samples import in_language
from core.models.library import BundledModel, assemble, bundled_models
from core.paths import app_paths
from core.sampling.params import SamplingParams
from core.settings import load_settings

#: Tokens each model may write: enough to see what it does with the question.
REPLY_TOKENS = 40
#: Greedy: the reply is the model's most likely one, the same on every run.
GREEDY = SamplingParams(temperature=0.0, max_tokens=REPLY_TOKENS, logprobs=0)
#: The bundled base model's file name starts so (its instruct sibling says "-it").
BASE_PREFIX = "gemma-3-270m"

QUESTIONS = {"en": "What is the capital of France?",
             "pt_BR": "Qual é a capital da França?"}


def sample_question(language: str) -> str:
    return in_language(language, QUESTIONS)


def bundled_base_model() -> BundledModel | None:
    """The bundled Gemma 3 270M base model, if this install has it."""
    return next((m for m in bundled_models()
                 if m.file_name.lower().startswith(BASE_PREFIX)
                 and "-it" not in m.file_name.lower()), None)


def app_models_dir() -> Path:
    """The app's models folder (Preferences may move it), where the window joins
    bundled split models too: the lesson joins the base model there, once."""
    paths = app_paths()
    return paths.with_models(load_settings(paths.settings_file).models_dir).models


def prepare_base_model(models_dir: Path) -> Path | None:
    """The bundled base model's file, joined into ``models_dir`` the first time (slow:
    a few hundred MB copied; call it off the GUI thread); ``None`` when not installed."""
    model = bundled_base_model()
    return assemble(model, models_dir) if model is not None else None


@dataclass(frozen=True)
class ModelAnswer:
    """What one model read and wrote."""

    model_name: str
    #: "completion" (continues the text) or "chat" (answers a user turn).
    mode: Mode
    template_label: str
    #: The exact text the model read, and its length in tokens.
    prompt: str
    prompt_tokens: int
    reply: str
    #: It ended by itself (its end-of-turn or end-of-text token), not at the limit.
    stopped: bool


@dataclass(frozen=True)
class BaseInstructResult:
    question: str
    #: The base model continuing the question; ``None`` when it is not installed.
    base: ModelAnswer | None
    #: The chat's model answering it (in completion mode too, when the chat's model is
    #: itself a base model: :attr:`chat_is_base`).
    instruct: ModelAnswer

    @property
    def chat_is_base(self) -> bool:
        return self.instruct.mode == "completion"


def run_base_instruct(setup: LessonSetup, question: str,
                      base_model: Path | None) -> BaseInstructResult:
    """Ask ``question`` to the base model at ``base_model`` (completion mode) and to the
    chat's model (its own mode), greedily."""
    question = question.strip() or sample_question(setup.language)
    base = None
    if base_model is not None:
        with setup.engine.using(base_request(setup, base_model),
                                force_mode="completion") as sync:
            base = _ask(sync, ({"role": Role.USER.value, "content": question},))
    messages: list[Message] = []
    if setup.system_prompt.strip():
        messages.append({"role": Role.SYSTEM.value, "content": setup.system_prompt})
    messages.append({"role": Role.USER.value, "content": question})
    with setup.engine.using(setup.model, force_mode=setup.model.force_mode,
                            template_override=setup.model.template_override) as sync:
        instruct = _ask(sync, tuple(messages))
    return BaseInstructResult(question, base, instruct)


def _ask(sync: SyncEngine, messages: tuple[Message, ...]) -> ModelAnswer:
    inspection = sync.inspect(messages)
    finished = sync.generate(messages, GREEDY)
    loaded = sync.loaded
    assert loaded is not None
    return ModelAnswer(loaded.model_name, inspection.mode, inspection.template_label,
                       inspection.text, len(inspection.tokens), finished.text,
                       finished.reason == FinishReason.STOP)


def base_request(setup: LessonSetup, base_model: Path) -> LoadModel:
    """The load request of the base model, with the chat's engine settings."""
    return replace(setup.model, model_path=str(base_model))
