"""Lesson 6, context length: what falls out of a conversation too long for the model.

A model reads at most its context's number of tokens, and part of that is kept free
for the reply.  The lesson loads the chat's model with a deliberately small context and
sends a conversation longer than it: an early message holds a fact (the user's name),
the last one asks for it.  Each context policy the app offers then does what it does
in the chat, on the real engine: "stop" refuses; the dropping policies leave messages
out (the engine says which: ``GenerationFinished.dropped``) and the model answers
without them.  The counts are the engine's own (``CountPrompt``, the context meter's
request, and each message's tokens from the reply's ``message_tokens``).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.conversation.context import POLICIES, reply_room
from core.conversation.types import ContextPolicy, Message, Role
from core.errors import Problem, ProsaError
from core.learn import samples
from core.learn.engine import LessonSetup
from core.sampling.params import SamplingParams

#: The lesson's context: small on purpose, so a ten-message chat does not fit.
LESSON_CONTEXT = 256
#: The reply's room (and so the prompt's budget: the context less this).
REPLY_TOKENS = 40
GREEDY = SamplingParams(temperature=0.0, max_tokens=REPLY_TOKENS, logprobs=0)

#: The conversation after the system prompt: the name first, then small talk, then
#: the question that needs the first message.
_TURNS: tuple[tuple[Role, dict[str, str]], ...] = (
    (Role.USER, {"en": "Hi! My name is Lucas and I live in Recife, by the sea.",
                 "pt_BR": "Oi! Meu nome é Lucas e eu moro em Recife, perto do mar."}),
    (Role.ASSISTANT, {"en": "Nice to meet you, Lucas! How can I help you today?",
                      "pt_BR": "Prazer em conhecer você, Lucas! Como posso ajudar hoje?"}),
    (Role.USER, {"en": "What is a good fruit to eat in the summer?",
                 "pt_BR": "Qual é uma boa fruta para comer no verão?"}),
    (Role.ASSISTANT, {"en": "Watermelon is a great choice: it is sweet, cold and full "
                            "of water, so it keeps you fresh on a hot day.",
                      "pt_BR": "Melancia é uma ótima escolha: é doce, gelada e cheia de "
                               "água, então refresca num dia quente."}),
    (Role.USER, {"en": "And a good drink for a hot afternoon?",
                 "pt_BR": "E uma boa bebida para uma tarde quente?"}),
    (Role.ASSISTANT, {"en": "Coconut water or a cold lemonade are both refreshing, and "
                            "they are easy to find at the beach.",
                      "pt_BR": "Água de coco ou uma limonada gelada são refrescantes, e "
                               "fáceis de achar na praia."}),
    (Role.USER, {"en": "Can you suggest a short walk near the sea?",
                 "pt_BR": "Pode sugerir um passeio curto perto do mar?"}),
    (Role.ASSISTANT, {"en": "A walk along the beach at sunset is short, calm and "
                            "beautiful. Bring water and a hat.",
                      "pt_BR": "Uma caminhada pela praia no fim da tarde é curta, calma e "
                               "bonita. Leve água e um chapéu."}),
    (Role.USER, {"en": "Which music would go well with that walk?",
                 "pt_BR": "Que música combina com esse passeio?"}),
    (Role.ASSISTANT, {"en": "Some calm bossa nova, like The Girl from Ipanema, goes well "
                            "with the sea and the sunset.",
                      "pt_BR": "Uma bossa nova tranquila, como Garota de Ipanema, combina "
                               "com o mar e o pôr do sol."}),
    (Role.USER, {"en": "What is my name?",
                 "pt_BR": "Qual é o meu nome?"}),
)
#: The fact the first user message gives, which the last question asks for.
FACT = "Lucas"


def sample_conversation(system_prompt: str, language: str) -> tuple[Message, ...]:
    """The lesson's conversation: the user's system prompt, then the sample turns."""
    return samples.sample_conversation(system_prompt, language, _TURNS)


@dataclass(frozen=True)
class PolicyOutcome:
    """What one context policy did with the conversation."""

    policy: ContextPolicy
    #: Indices of the messages left out (the engine's), none for "stop".
    dropped: tuple[int, ...] = ()
    #: The model's reply without them; "" when the policy refused.
    reply: str = ""
    #: Why the policy refused ("stop"), or ``None``.
    refused: Problem | None = None
    #: Tokens of the prompt the model read (after dropping).
    prompt_tokens: int = 0

    @property
    def remembers(self) -> bool:
        """The reply names the fact the first message gave."""
        return FACT.lower() in self.reply.lower()


@dataclass(frozen=True)
class ContextResult:
    messages: tuple[Message, ...]
    #: Tokens of each message's own text (without the template around it).
    message_tokens: tuple[int, ...]
    #: The whole conversation as a prompt, in tokens (the engine's count).
    total_tokens: int
    n_ctx: int
    #: Tokens kept free for the reply; the prompt may use the rest (``budget``).
    reply_room: int
    outcomes: tuple[PolicyOutcome, ...]
    model_name: str

    @property
    def budget(self) -> int:
        return self.n_ctx - self.reply_room

    def outcome(self, policy: ContextPolicy) -> PolicyOutcome:
        return next(o for o in self.outcomes if o.policy == policy)


def run_context(setup: LessonSetup, messages: tuple[Message, ...] | None = None,
                n_ctx: int = LESSON_CONTEXT) -> ContextResult:
    """Send the conversation (the sample one unless given) with every context policy to
    the chat's model loaded with an ``n_ctx``-token context."""
    if messages is None:
        messages = sample_conversation(setup.system_prompt, setup.language)
    outcomes: list[PolicyOutcome] = []
    message_tokens: tuple[int, ...] = ()
    with setup.engine.using(setup.model, n_ctx=n_ctx) as sync:
        loaded = sync.loaded
        assert loaded is not None
        whole = sync.count(messages, GREEDY)
        for policy in POLICIES:
            try:
                finished = sync.generate(messages, GREEDY, context_policy=policy)
            except ProsaError as error:
                if not error.code.startswith("conversation."):
                    raise  # an engine's failure, not the policy's refusal
                outcomes.append(PolicyOutcome(policy, refused=error.problem))
                continue
            message_tokens = message_tokens or finished.message_tokens
            outcomes.append(PolicyOutcome(policy, finished.dropped, finished.text.strip(),
                                          None, finished.stats.prompt_tokens))
    return ContextResult(messages, message_tokens, whole.tokens, whole.n_ctx,
                         reply_room(whole.n_ctx, GREEDY.max_tokens), tuple(outcomes),
                         loaded.model_name)
