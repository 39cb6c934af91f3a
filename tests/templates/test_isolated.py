"""core.templates.isolated: renders in a real spawned child, which real runaways kill.

No hooks or monkeypatching: the slow templates are genuinely slow, the crash is a real
SIGKILL of the real child, and the memory bomb really allocates.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from core.errors import TemplateError
from core.templates.isolated import IsolatedRenderer
from core.templates.template import CHATML, ChatTemplate, RenderLimits
from tests.templates.test_template import GET_WEATHER, _named

HI = [{"role": "user", "content": "hi"}]
NESTED_LOOPS = (
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
)
# Two distinct lists, each nesting 64 levels of [x, x]: built in microseconds, but ==
# compares 2**64 pairs inside one C call, where no in-process checkpoint ever runs.
COMPARISON_BOMB = (
    "{% set ns = namespace(a=[1], b=[1]) %}{% for i in range(64) %}"
    "{% set ns.a = [ns.a, ns.a] %}{% set ns.b = [ns.b, ns.b] %}{% endfor %}"
    "{{ ns.a == ns.b }}"
)
# The in-process limits above the process timeout, so only the kill can stop a render.
PATIENT = RenderLimits(timeout_s=60.0)


@pytest.fixture(scope="module")
def renderer() -> Iterator[IsolatedRenderer]:
    """One child for the tests that do not kill it: a preview is a round trip."""
    with IsolatedRenderer() as shared:
        yield shared


def _children() -> set[int]:
    return {child.pid for child in multiprocessing.active_children() if child.pid is not None}


def test_renders_exactly_what_the_in_process_renderer_does(renderer: IsolatedRenderer) -> None:
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": "Be brief. {{ not code }} <|im_start|>"},
        {"role": "user", "content": "ação 🙂 \ud800 lone surrogate"},
    ]
    assert renderer.render(CHATML, messages) == ChatTemplate(CHATML).render(messages)
    qwen = _named("Qwen--Qwen2.5-7B-Instruct")
    expected = qwen.render(messages, tools=[GET_WEATHER], eos_token="<|im_end|>")
    assert renderer.render(
        qwen.source, messages, tools=[GET_WEATHER], eos_token="<|im_end|>"
    ) == expected
    llama = _named("meta-llama--Llama-3.1-8B-Instruct")
    kwargs: dict[str, Any] = {
        "bos_token": "<|begin_of_text|>",
        "add_generation_prompt": False,
        "date_string": "01 Jan 2025",  # extra variables pass through
    }
    assert renderer.render(llama.source, messages, **kwargs) == llama.render(messages, **kwargs)


def test_compile_error_carries_the_line_number(renderer: IsolatedRenderer) -> None:
    with pytest.raises(TemplateError) as caught:
        renderer.render("{{ bos_token }}\n{% for m in messages %}\n{{ m.content }\n{% endfor %}",
                        HI)
    assert caught.value.message.startswith("The chat template has a syntax error on line 3:")
    # The child's error comes back as a code with fields, for the window to translate.
    assert caught.value.code == "template.syntax" and caught.value.params["line"] == 3
    assert "TemplateSyntaxError" in caught.value.details
    # The child answered an error; it did not die.
    assert renderer.render(CHATML, HI).endswith("<|im_start|>assistant\n")


def test_raise_exception_message_surfaces(renderer: IsolatedRenderer) -> None:
    source = "{% if messages[0].role != 'system' %}"
    source += "{{ raise_exception('Start with a system turn') }}{% endif %}"
    with pytest.raises(TemplateError) as caught:
        renderer.render(source, HI)
    assert caught.value.message == (
        "The chat template refused this conversation: Start with a system turn"
    )
    assert caught.value.details == "Start with a system turn"
    assert caught.value.code == "template.refused"


def test_in_process_limits_still_apply_in_the_child(renderer: IsolatedRenderer) -> None:
    pid = renderer.pid
    with pytest.raises(TemplateError, match="range of more than 100,000 items"):
        renderer.render("{{ range(10**9)|length }}", HI)
    with pytest.raises(TemplateError, match="unsafe"):
        renderer.render("{{ ''.__class__.__mro__[1].__subclasses__() }}", HI)
    assert renderer.pid == pid  # stopped in-process: no restart needed


def test_a_render_that_overruns_is_killed_and_the_next_one_works() -> None:
    with IsolatedRenderer(timeout_s=1.0, limits=PATIENT) as isolated:
        assert isolated.render(CHATML, HI)  # start the child outside the timing
        first = isolated.pid
        assert first is not None
        started = time.monotonic()
        with pytest.raises(TemplateError) as caught:
            isolated.render(NESTED_LOOPS, HI)
        elapsed = time.monotonic() - started
        assert caught.value.message == (
            "The chat template took longer than 1 s, so it was stopped. It may be broken "
            "or hostile; try another template."
        )
        assert 1.0 <= elapsed < 1.5
        assert isolated.pid is None  # killed and reaped, not left as a zombie
        assert first not in _children()
        assert isolated.render(CHATML, HI) == ChatTemplate(CHATML).render(HI)
        assert isolated.pid not in (None, first)


def test_a_hang_the_in_process_limits_cannot_see_is_killed() -> None:
    # Default in-process limits (2 s), process timeout 1 s: whichever layer stops it,
    # the caller gets a TemplateError on time; today only the kill can.
    with IsolatedRenderer(timeout_s=1.0) as isolated:
        assert isolated.render(CHATML, HI)
        started = time.monotonic()
        with pytest.raises(TemplateError, match="The chat template"):
            isolated.render(COMPARISON_BOMB, HI)
        assert time.monotonic() - started < 1.5
        assert isolated.render(CHATML, HI).endswith("<|im_start|>assistant\n")


def test_a_child_killed_mid_render_is_reported_and_replaced() -> None:
    with IsolatedRenderer(timeout_s=10.0, limits=PATIENT) as isolated:
        assert isolated.render(CHATML, HI)
        victim = isolated.pid
        assert victim is not None
        # What the kernel's out-of-memory killer does to a process: SIGKILL.
        killer = threading.Timer(0.2, os.kill, args=(victim, signal.SIGKILL))
        killer.start()
        started = time.monotonic()
        with pytest.raises(TemplateError) as caught:
            isolated.render(NESTED_LOOPS, HI)
        killer.join()
        assert time.monotonic() - started < 2.0
        assert caught.value.message.startswith("The chat template crashed the renderer")
        assert caught.value.details == "renderer process died: it was stopped by SIGKILL"
        assert isolated.render(CHATML, HI)
        assert isolated.pid not in (None, victim)


def test_a_child_that_died_between_renders_is_replaced_silently() -> None:
    with IsolatedRenderer() as isolated:
        assert isolated.render(CHATML, HI)
        victim = isolated.pid
        assert victim is not None
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 5.0
        while isolated.pid is not None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert isolated.render(CHATML, HI) == ChatTemplate(CHATML).render(HI)
        assert isolated.pid not in (None, victim)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux-only")
def test_a_memory_bomb_fails_inside_the_child() -> None:
    # 300 distinct strings of 3.9 MB, each under the size caps: about 1.2 GB in all.
    bomb = (
        "{% set s = 'x' * 3900000 %}{% set ns = namespace(l=[]) %}"
        "{% for i in range(300) %}{% set ns.l = [s ~ i, ns.l] %}{% endfor %}{{ 1 }}"
    )
    # Generous time limits: only the memory limit may end this render, however slowly a
    # busy machine allocates.
    with IsolatedRenderer(timeout_s=60.0, limits=RenderLimits(timeout_s=60.0),
                          memory_limit=512 * 1024**2) as isolated:
        assert isolated.render(CHATML, HI)
        pid = isolated.pid
        with pytest.raises(TemplateError, match="ran out of memory"):
            isolated.render(bomb, HI)
        assert isolated.pid == pid  # the limit turned it into an error, not a death
        assert isolated.render(CHATML, HI)


def test_renders_from_many_threads_are_serialized(renderer: IsolatedRenderer) -> None:
    results: dict[int, str] = {}

    def render(index: int) -> None:
        results[index] = renderer.render(CHATML, [{"role": "user", "content": str(index)}])

    threads = [threading.Thread(target=render, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert results == {
        index: ChatTemplate(CHATML).render([{"role": "user", "content": str(index)}])
        for index in range(8)
    }


def test_close_leaves_no_child(no_leftovers: None) -> None:
    before = _children()
    isolated = IsolatedRenderer()
    assert isolated.render(CHATML, HI)
    pid = isolated.pid
    assert pid is not None
    assert pid in _children() - before
    isolated.close()
    assert isolated.pid is None
    assert _children() == before
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # reaped: not even a zombie holds the pid
    isolated.close()  # idempotent
    # A later render starts a fresh child; the context manager stops it again.
    with isolated:
        assert isolated.render(CHATML, HI)
    assert _children() == before


def test_timeout_must_be_positive() -> None:
    with pytest.raises(ValueError):
        IsolatedRenderer(timeout_s=0)


def test_an_error_reply_is_checked_before_it_is_believed() -> None:
    """The child runs hostile code: its error comes back only as a template code with
    plain values, anything else counts as a broken child."""
    from core.templates.isolated import _error_from

    good = ["error", "template.failed", "The chat template failed: {error}", '{"error": "x"}',
            "details"]
    error = _error_from(good)
    assert error is not None and error.message == "The chat template failed: x"
    assert error.details == "details"
    assert _error_from(["error", "engine.crashed", "t", "{}", ""]) is None
    assert _error_from(["error", "template.failed", "t", '{"error": [1]}', ""]) is None
    assert _error_from(["error", "template.failed", "t", "not json", ""]) is None
    assert _error_from(["error", "template.failed", "t", "[1]", ""]) is None
