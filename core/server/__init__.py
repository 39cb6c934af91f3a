"""Prosa as a local OpenAI-compatible server: other programs use the loaded model.

The server never owns an engine of its own.  :class:`core.server.gate.EngineGate`
stands between the app (or the headless ``serve`` command) and the engine: the user's
own replies go first, and API requests queue behind them as jobs.  ``app.py`` builds
the Starlette application from small parts (``wire`` reads requests, ``replies``
writes answers, ``errors``, ``guard`` and ``limits`` keep the door), ``runner.py``
runs it with uvicorn on a thread of its own, and ``log.py`` keeps what was served for
the window.  Nothing here imports Qt.
"""
