"""Commands about models: ``models``, ``inspect``, and the Hub's ``search`` and
``download``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from core.common.units import format_bytes
from core.errors import BadInput


def hub_settings(args: argparse.Namespace) -> tuple[str, str | None, bool]:
    from core.paths import app_paths
    from core.settings import load_settings

    settings = load_settings(app_paths().settings_file)
    endpoint = (args.endpoint or settings.hub_endpoint).rstrip("/")
    if not endpoint.startswith(("http://", "https://")):
        raise BadInput("cli.endpoint", "--endpoint must start with http:// or https://")
    # An explicit --endpoint is a deliberate request: it overrides the offline switch.
    offline = settings.offline and not args.endpoint
    return endpoint, args.token or settings.hub_token, offline


def search(args: argparse.Namespace) -> int:
    from core.hub.client import Hub

    if not 1 <= args.limit <= 500:
        raise BadInput("cli.limit", "--limit must be between 1 and 500")
    endpoint, token, offline = hub_settings(args)
    hub = Hub(endpoint, token, offline)
    results = hub.search(args.text, sort=args.sort, limit=args.limit)
    if not results:
        print("No GGUF models match.", file=sys.stderr)
        return 0
    for repo in results:
        updated = repo.last_modified.date().isoformat() if repo.last_modified else "?"
        flags = " gated" if repo.gated else ""
        print(f"{repo.repo_id}  {repo.size_label or '?'}  {repo.downloads:,} downloads  "
              f"{repo.likes:,} likes  updated {updated}  {repo.license or '?'}{flags}")
        if args.files:
            for quant in hub.files(repo.repo_id):
                print(f"    {quant.quant:<10} {format_bytes(quant.size):>9}  "
                      f"{', '.join(quant.files)}")
    return 0


def download(args: argparse.Namespace) -> int:
    from core.hub.downloads import JobProgress, download_file
    from core.paths import app_paths

    endpoint, token, offline = hub_settings(args)
    if offline:
        raise BadInput("cli.offline",
                       "offline mode is on in Prosa's settings; give --endpoint to override")
    last = [0.0]

    def progress(event: JobProgress) -> None:
        import time

        now = time.monotonic()
        if now - last[0] < 0.5 and event.done < event.total:
            return
        last[0] = now
        eta = f"{event.eta:.0f} s left" if event.eta is not None else ""
        print(f"\r{format_bytes(event.done):>9} / {format_bytes(event.total)}  "
              f"{format_bytes(event.speed)}/s  {eta:<12}", end="", file=sys.stderr, flush=True)

    path = download_file(app_paths().ensure().models, args.repo, args.file, endpoint, token,
                         progress)
    print(file=sys.stderr)
    print(path)
    return 0


def models(args: argparse.Namespace) -> int:
    from core.models.library import Library
    from core.paths import app_paths

    paths = app_paths()
    entries = Library(paths.models, paths.config / "library.json").scan()
    rows: list[dict[str, Any]] = [{
        "name": e.name,
        "path": str(e.path),
        "origin": e.origin,
        "size": e.size,
        "architecture": e.info.architecture if e.info else None,
        "parameters": e.info.size_label if e.info else None,
        "quantization": e.info.quantization if e.info else None,
        "context_length": e.info.context_length if e.info else None,
        "chat_template": bool(e.info.chat_template) if e.info else None,
        "problem": e.note.message if e.note is not None else None,
    } for e in entries]
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    header = ("MODEL", "ARCH", "PARAMS", "QUANT", "CONTEXT", "SIZE", "SOURCE")
    table: list[tuple[str, ...]] = [header]
    for r in rows:
        problem = f" ({r['problem']})" if r["problem"] else ""
        table.append((str(r["name"]), str(r["architecture"] or "?"),
                      str(r["parameters"] or "?"), str(r["quantization"] or "?"),
                      str(r["context_length"] or "?"), format_bytes(r["size"]),
                      f"{r['origin']}{problem}"))
    widths = [max(len(line[i]) for line in table) for i in range(len(header) - 1)]
    for line in table:
        cells = [c.ljust(w) for c, w in zip(line, widths, strict=False)]
        print("  ".join([*cells, line[-1]]))
    return 0


def inspect(args: argparse.Namespace) -> int:
    from core.models.gguf import read_gguf_info

    info = read_gguf_info(args.file)
    print(json.dumps(info.to_json(), ensure_ascii=False, indent=2))
    return 0
