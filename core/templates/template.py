"""Chat templates rendered like Hugging Face transformers, but as untrusted code.

A chat template ships inside a downloaded model file, so it is code written by a
stranger.  :class:`ChatTemplate` compiles it once in the guarded environment of
:mod:`core.templates.sandbox` and renders it under a fresh budget
(:class:`~core.templates.budget.RenderLimits`) each time, so that a model sees exactly
the prompt ``apply_chat_template`` would make, while a hostile or broken template ends
in a :class:`~core.errors.TemplateError` that says what went wrong and on which line.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Generator, Iterator, Mapping, Sequence
from typing import Any

import jinja2
import jinja2.meta
from jinja2.exceptions import SecurityError

from core.errors import TemplateError
from core.templates.budget import (
    ACTIVE_BUDGET,
    DEFAULT_LIMITS,
    Budget,
    RenderLimits,
    clock,
    too_deep,
)
from core.templates.sandbox import ENV

__all__ = ["CHATML", "DEFAULT_LIMITS", "ChatTemplate", "RenderLimits"]

#: The ChatML template transformers used as its default; the fallback for models
#: whose file carries no template of its own.
CHATML = (
    "{% for message in messages %}"
    "{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


# ---------------------------------------------------------------------------
# Compiling and rendering.


@functools.lru_cache(maxsize=64)
def _compile(source: str) -> jinja2.Template:
    """Compiles once per distinct source; templates are re-rendered for every reply."""
    return ENV.from_string(source)


@functools.lru_cache(maxsize=64)
def _undeclared(source: str) -> frozenset[str]:
    names = jinja2.meta.find_undeclared_variables(ENV.parse(source))
    return frozenset(names - ENV.globals.keys())


def _compile_checked(source: str) -> jinja2.Template:
    try:
        return _compile(source)
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            "template.syntax", "The chat template has a syntax error on line {line}: {error}",
            details=f"{type(exc).__name__}: {exc}", line=exc.lineno, error=str(exc.message),
        ) from exc
    except RecursionError as exc:
        raise too_deep("the template nests too deeply to compile") from exc
    except Exception as exc:  # Python's own compile limits, MemoryError, ...
        raise TemplateError(
            "template.compile_failed", "The chat template could not be compiled: {error}",
            details=f"{type(exc).__name__}: {exc}", error=str(exc),
        ) from exc


def _template_line(exc: BaseException) -> int | None:
    """The template line being run when exc was raised (Jinja rewrites tracebacks so
    template frames carry template line numbers)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _runtime_error(exc: Exception) -> TemplateError:
    """Says what went wrong and, when the traceback knows it, on which line."""
    line = _template_line(exc)
    details = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, SecurityError):
        reason = str(exc).rstrip(".")
        if line is None:
            return TemplateError(
                "template.unsafe",
                "The chat template tried to do something unsafe and was stopped: {reason}. "
                "Do not use this template.",
                details=details, reason=reason,
            )
        return TemplateError(
            "template.unsafe_on_line",
            "The chat template tried to do something unsafe on line {line} and was stopped: "
            "{reason}. Do not use this template.",
            details=details, reason=reason, line=line,
        )
    if isinstance(exc, MemoryError):
        if line is None:
            return TemplateError("template.out_of_memory", "The chat template ran out of memory.",
                                 details=details)
        return TemplateError("template.out_of_memory_on_line",
                             "The chat template ran out of memory on line {line}.",
                             details=details, line=line)
    error = str(exc) if isinstance(exc, jinja2.TemplateError) else details
    if line is None:
        return TemplateError("template.failed", "The chat template failed: {error}",
                             details=details, error=error)
    return TemplateError("template.failed_on_line",
                         "The chat template failed on line {line}: {error}",
                         details=details, error=error, line=line)


def _collect(chunks: Iterator[str], budget: Budget) -> str:
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        budget.check_output(size)
        budget.tick()
        parts.append(chunk)
    return "".join(parts)


def _render(template: jinja2.Template, context: dict[str, Any], limits: RenderLimits) -> str:
    budget = Budget(limits, clock() + limits.timeout_s)
    token = ACTIVE_BUDGET.set(budget)
    chunks = template.generate(context)
    try:
        return _collect(chunks, budget)
    except TemplateError:
        raise
    except RecursionError as exc:
        raise too_deep("Python recursion limit reached") from exc
    except Exception as exc:
        raise _runtime_error(exc) from exc
    finally:
        if isinstance(chunks, Generator):
            chunks.close()
        ACTIVE_BUDGET.reset(token)


class ChatTemplate:
    """A compiled chat template; cheap to create again for the same source."""

    def __init__(self, source: str, *, limits: RenderLimits = DEFAULT_LIMITS) -> None:
        self.source = source
        self.sha256 = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        self.limits = limits
        self._template = _compile_checked(source)

    def render(
        self,
        messages: Sequence[Mapping[str, Any]],
        *,
        add_generation_prompt: bool = True,
        bos_token: str = "",
        eos_token: str = "",
        tools: list[dict[str, Any]] | None = None,
        documents: list[dict[str, Any]] | None = None,
        **extra: Any,
    ) -> str:
        """Renders the prompt text, as transformers' apply_chat_template(tokenize=False).

        ``tools`` and ``documents`` are left undefined when not given (transformers
        passes None): several tool_use templates iterate ``tools`` without a None
        check and only render when it is undefined or a list.
        """
        context: dict[str, Any] = {
            **extra,
            "messages": _alias_reasoning(messages),
            "add_generation_prompt": add_generation_prompt,
            "bos_token": bos_token,
            "eos_token": eos_token,
        }
        if tools is not None:
            context["tools"] = tools
        if documents is not None:
            context["documents"] = documents
        return _render(self._template, context, self.limits)

    def variables(self) -> frozenset[str]:
        """Names the caller may supply (jinja2.meta: read somewhere without a sure
        assignment first), globals excluded; lets the UI say "this template expects
        tools" before rendering."""
        return _undeclared(self.source)

    def __repr__(self) -> str:
        return f"ChatTemplate(sha256={self.sha256[:12]}..., {len(self.source)} chars)"


_REASONING_FIELDS = ("reasoning_content", "thinking", "reasoning")


def _alias_reasoning(messages: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Give a message's reasoning under every name templates read, as transformers 5
    does: Qwen3 reads ``reasoning_content``, gpt-oss ``thinking``, Seed-OSS
    ``reasoning``; without this, reasoning kept under another name is dropped."""
    out: list[Mapping[str, Any]] = []
    for message in messages:
        reasoning = next((message[k] for k in _REASONING_FIELDS
                          if isinstance(message, Mapping) and message.get(k) is not None),
                         None)
        if reasoning is None:
            out.append(message)
        else:
            out.append({"thinking": reasoning, **message, "reasoning_content": reasoning})
    return out
