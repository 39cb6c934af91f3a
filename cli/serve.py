"""``serve``: Prosa's OpenAI-compatible server without a window.

Loads the model in the engine process (the starter model unless ``-m`` names one),
puts the engine gate before it and serves until Ctrl+C or SIGTERM, printing each
request as it ends.  A port in use or a model that does not load is one line on
stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import signal
import sys
import threading
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from core.engine.protocol import EngineDied, EngineFailure, Event, ModelLoaded
from core.errors import BadInput

if TYPE_CHECKING:
    from core.server.log import LogEntry

#: The environment variable that may hold the server's key (a key on the command line
#: shows in the process list).
SERVER_KEY_VARIABLE = "PROSA_SERVER_KEY"


def serve(args: argparse.Namespace) -> int:
    from cli.render import read_template
    from cli.run import load_request, model_path
    from core.engine.client import EngineClient
    from core.server.config import ServerConfig, is_loopback, valid_host
    from core.server.gate import EngineGate
    from core.server.runner import ServerRunner, bind
    from core.templates.fallbacks import fallback_source

    if not 0 <= args.port <= 65535:
        raise BadInput("cli.port", "--port must be between 0 (any free port) and 65535")
    if not valid_host(args.host):
        raise BadInput("cli.host", "--host must be an IP address or a host name")
    key = args.api_key or os.environ.get(SERVER_KEY_VARIABLE) or None
    template = read_template(args.template_file) if args.template_file else None
    if args.template:
        template = fallback_source(args.template)
    request = replace(load_request(args, model_path(args.model)), template_override=template,
                      force_mode="completion" if args.completion else None)
    if args.port:  # a port in use is said before the model takes seconds to load
        bind(args.host, args.port).close()
    events: queue.Queue[Event] = queue.Queue()
    gate = EngineGate(events.put, EngineClient)
    runner: ServerRunner | None = None
    try:
        # Ctrl+C reaches the whole process group: the engine process, started now, is
        # left out of it (an ignored signal stays ignored in a spawned process), so
        # only this one stops it, in order.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            gate.load(request)
        finally:
            signal.signal(signal.SIGINT, previous)
        loaded = _loaded(events)
        runner = ServerRunner(gate, ServerConfig(args.host, args.port, key))
        if not args.quiet:
            runner.requests.on_entry = _print_entry
        address = runner.start()
        print(f"Serving {loaded.model_name} ({loaded.mode} mode) at {address.base_url}",
              flush=True)
        print("API key: required (Authorization: Bearer <key>)" if key else
              "API key: none asked", flush=True)
        if not is_loopback(args.host):
            print(f"prosa: listening on {args.host}: anyone who can reach this address "
                  "can use the model" + ("" if key else ", and no key is asked"),
                  file=sys.stderr, flush=True)
        print("Ctrl+C stops the server.", flush=True)
        _wait(events)
    finally:
        if runner is not None:
            runner.stop()
        gate.close()
    return 0


def _loaded(events: queue.Queue[Event]) -> ModelLoaded:
    from core.engine.sync import SyncEngine

    while True:
        event = events.get(timeout=600)
        if isinstance(event, ModelLoaded):
            return event
        if isinstance(event, EngineFailure | EngineDied):
            SyncEngine._raise_if_failed(event)  # the CLI's own mapping to exit codes


def _wait(events: queue.Queue[Event]) -> None:
    """Until Ctrl+C or SIGTERM; an engine that stops on the way is said on stderr (it
    starts again, with the model, at the next request)."""
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.is_set():
            with contextlib.suppress(queue.Empty):
                event = events.get(timeout=0.5)
                if isinstance(event, EngineDied):
                    print(f"prosa: {event.problem.message}", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    print("Stopped.", flush=True)


def _print_entry(entry: LogEntry) -> None:
    when = datetime.fromtimestamp(entry.time).strftime("%H:%M:%S")
    tokens = f" {entry.prompt_tokens}+{entry.completion_tokens} tokens" \
        if entry.prompt_tokens or entry.completion_tokens else ""
    error = f" ({entry.error})" if entry.error else ""
    print(f"{when} {entry.client} {entry.method} {entry.route} {entry.status}{tokens} "
          f"{entry.ms:.0f} ms{error}", flush=True)
