"""The command line's remote engines: ``chat --remote URL`` and ``models --remote URL``.

The server is the one named on the command line, not one of the window's saved servers,
and its key comes from ``--api-key`` or, kept out of the process list,
``PROSA_API_KEY``.  The reply goes through the same engine router as the window's, so
the CLI and the window treat a server alike.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from cli.parser import KEY_VARIABLE
from core.engine.protocol import LoadModel
from core.engine.router import EngineRouter
from core.engine.sync import SyncEngine
from core.errors import BadInput
from core.remote.api import RemoteModel
from core.remote.refs import RemoteRef, make_ref
from core.remote.registry import list_server_models
from core.remote.servers import RemoteServer, RemoteTarget

#: The command line's server: one per run, never saved.
CLI_SERVER_ID = "command-line"
#: Options that shape a local model's prompt or hardware: a server does those itself.
_LOCAL_ONLY = ("template", "template_file", "format")


def server_of(args: argparse.Namespace) -> tuple[RemoteServer, str | None]:
    server = RemoteServer(args.remote, args.remote, CLI_SERVER_ID).validated()
    server = RemoteServer(server.host, server.base_url, CLI_SERVER_ID)
    return server, args.api_key or os.environ.get(KEY_VARIABLE) or None


def list_remote(server: RemoteServer, key: str | None) -> list[RemoteModel]:
    return list_server_models(server.validated(), key)


def models(args: argparse.Namespace) -> int:
    """``models --remote URL``: what the server serves."""
    server, key = server_of(args)
    found = list_remote(server, key)
    if args.json:
        for model in found:
            print(json.dumps({"name": model.id, "context_length": model.n_ctx,
                              "owned_by": model.owned_by or None, "server": server.base_url},
                             ensure_ascii=False))
        return 0
    if not found:
        print(f"{server.base_url} lists no models.", file=sys.stderr)
        return 0
    width = max(len(m.id) for m in found)
    print(f"{'MODEL'.ljust(width)}  CONTEXT")
    for model in found:
        print(f"{model.id.ljust(width)}  {model.n_ctx or '?'}")
    return 0


def remote_engine(args: argparse.Namespace) -> tuple[SyncEngine, LoadModel]:
    """An engine for ``chat --remote`` and the load request of its model (the one named,
    else the first the server lists, said on stderr)."""
    given = [f"--{name.replace('_', '-')}" for name in _LOCAL_ONLY if getattr(args, name, None)]
    if given:
        raise BadInput("cli.remote_formats", "the server formats the prompt and shapes the "
                       "reply itself, so these options need a local model: {options}",
                       options=", ".join(given))
    server, key = server_of(args)
    model = args.remote_model
    if not model:
        found = list_remote(server, key)
        if not found:
            raise BadInput("cli.remote_no_models", "{address} lists no models",
                           address=server.base_url)
        model = found[0].id
        print(f"prosa: using {model} (the first model {server.base_url} lists; "
              "--remote-model picks another)", file=sys.stderr)

    def resolve(ref: RemoteRef) -> RemoteTarget:
        return RemoteTarget(server, ref.model, key)

    engine = SyncEngine(lambda on_event: EngineRouter(on_event, resolve))
    return engine, LoadModel(model_path=make_ref(CLI_SERVER_ID, model))
