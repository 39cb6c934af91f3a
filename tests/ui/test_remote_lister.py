"""Listing servers' models off the GUI thread (``ui.remote.lister``): results come back
on the GUI thread, a newer listing under a key makes an older one stale whatever order
they finish in, failures arrive as problems, and nothing arrives after close."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from core.errors import Problem
from core.remote import errors
from core.remote.api import RemoteModel
from ui.remote.lister import ModelLister

pytestmark = pytest.mark.gui


def test_a_stale_listing_is_dropped_whatever_order_the_threads_end_in(
        qtbot: Any, no_leftovers: None) -> None:
    lister = ModelLister()
    got: list[tuple[str, object, bool]] = []
    lister.listed.connect(lambda key, outcome: got.append(
        (key, outcome, threading.current_thread() is threading.main_thread())))
    release_old = threading.Event()

    def old() -> list[RemoteModel]:
        release_old.wait(10)
        return [RemoteModel("old")]

    lister.run("lab", old)
    lister.run("lab", lambda: [RemoteModel("new")])
    lister.run("other", lambda: (_ for _ in ()).throw(errors.unauthorized("Other", 401, "")))
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5_000)
    release_old.set()
    qtbot.wait(200)  # the old listing ends now: nothing more may arrive
    by_key = {key: (outcome, on_gui) for key, outcome, on_gui in got}
    assert by_key["lab"] == ([RemoteModel("new")], True)
    problem, on_gui = by_key["other"]
    assert isinstance(problem, Problem) and problem.code == "remote.unauthorized" and on_gui
    assert len(got) == 2 and not lister.busy("lab") and not lister.busy("other")


def test_a_bug_arrives_as_a_problem_and_nothing_arrives_after_close(
        qtbot: Any, no_leftovers: None) -> None:
    lister = ModelLister()
    got: list[object] = []
    lister.listed.connect(lambda _key, outcome: got.append(outcome))
    lister.run("lab", lambda: [][1])
    qtbot.waitUntil(lambda: len(got) == 1, timeout=5_000)
    assert isinstance(got[0], Problem) and got[0].code == "app.unexpected"
    gate = threading.Event()
    lister.run("lab", lambda: gate.wait(5) and [])
    lister.close()
    gate.set()
    qtbot.wait(200)
    assert len(got) == 1
    lister.run("lab", lambda: [])  # closed: not even started
    assert not lister.busy("lab")
