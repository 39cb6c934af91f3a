"""Servers' model lists, fetched off the GUI thread.

A listing is a network round trip that may take until the registry's timeout (a
server that is off, a host that drops packets).  Each runs on a daemon thread of its
own, not on the window's task pool: a slow server must never hold back the check of
a model file the user just picked, and closing Prosa must never wait for one.  As in
``ui.tasks``, each listing has a key (a server's id, or the editor's test): a newer
listing under a key makes the older one stale, and a stale result is dropped however
the threads finish.

The lister has no Qt parent on purpose: a thread still running when the window goes
keeps it alive (it holds the bound method), so its last signal always has an object
to reach; once :meth:`ModelLister.close` was called, results are dropped.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from core.errors import Problem, ProsaError
from core.remote.api import RemoteModel
from ui.tasks import unexpected

#: What a listing gives: the models, or why there are none.
Outcome = list[RemoteModel] | Problem


class ModelLister(QObject):
    #: key, and the models (a list) or the problem
    listed = Signal(str, object)
    #: key, ticket, outcome (from the worker thread; queued to the GUI thread)
    _done = Signal(str, int, object)

    def __init__(self) -> None:
        super().__init__(None)
        self._ticket = 0
        self._newest: dict[str, int] = {}
        self._closed = False
        self._done.connect(self._deliver)

    def run(self, key: str, call: Callable[[], list[RemoteModel]]) -> None:
        """Start ``call`` on a thread; :attr:`listed` says what it found, unless a newer
        listing under ``key`` started meanwhile."""
        if self._closed:
            return
        self._ticket += 1
        self._newest[key] = self._ticket
        threading.Thread(target=self._call, args=(key, self._ticket, call),
                         name="prosa-remote-list", daemon=True).start()

    def busy(self, key: str) -> bool:
        """A listing under ``key`` has not reported yet."""
        return key in self._newest

    def forget(self, key: str) -> None:
        """Drop whatever a listing under ``key`` still brings (its server was removed)."""
        self._newest.pop(key, None)

    def close(self) -> None:
        self._closed = True
        self._newest.clear()

    def _call(self, key: str, ticket: int, call: Callable[[], list[RemoteModel]]) -> None:
        outcome: Outcome
        try:
            outcome = list(call())
        except ProsaError as exc:
            outcome = exc.problem
        except Exception as exc:  # a bug, or a library's surprise: reported, never lost
            outcome = unexpected(exc)
        with contextlib.suppress(RuntimeError):  # the application is being torn down
            self._done.emit(key, ticket, outcome)

    @Slot(str, int, object)
    def _deliver(self, key: str, ticket: int, outcome: object) -> None:
        if self._closed or self._newest.get(key) != ticket:
            return
        del self._newest[key]
        self.listed.emit(key, outcome)
