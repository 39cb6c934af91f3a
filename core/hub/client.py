"""Find GGUF models on the Hugging Face Hub and list the quantizations a repository offers.

Everything goes through ``huggingface_hub`` (its shared HTTP session, its headers and
its ``hf_raise_for_status``, which reads the Hub's ``X-Error-Code`` headers), and every
failure leaves this module as a :class:`~core.errors.HubError` subclass whose message a
person can act on: add a token, accept a licence, check the name, wait, or go online.

Two deliberate departures from calling ``HfApi`` for everything:

* Search does its own single GET of ``/api/models`` instead of ``HfApi.list_models``,
  because that goes through ``http_backoff``, which retries connection failures, 429
  and 5xx five times with sleeps of 1+2+4+8+8 seconds (and honours ``Retry-After``,
  i.e. a minute or more per retry). A search box must answer in seconds; the person
  can press Enter again.
* The token is only ever the one Prosa was given: with ``token=None`` the library
  would use one saved by the ``hf`` CLI (and may refresh it over the network), which
  would make behaviour depend on the machine and is not what the user configured.

Offline mode refuses before anything is constructed that could touch the network.
"""

from __future__ import annotations

import errno
import re
import socket
import ssl
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any, Final, Literal

import httpx2
from huggingface_hub import HfApi, ModelInfo, get_session, hf_hub_url, hf_raise_for_status
from huggingface_hub import __version__ as hf_hub_version
from huggingface_hub.errors import (
    GatedRepoError,
    HfHubHTTPError,
    HFValidationError,
    OfflineModeIsEnabled,
    RemoteEntryNotFoundError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)

from core.errors import (
    HubAuthRequired,
    HubError,
    HubGated,
    HubNotFound,
    HubOffline,
    HubRateLimited,
    HubServerError,
    HubUnreachable,
    ProsaError,
)
from core.models.gguf import format_size_label

DEFAULT_ENDPOINT: Final = "https://huggingface.co"
#: Seconds to wait for a connection and for each read; the person is waiting too.
DEFAULT_TIMEOUT: Final = 15.0
#: Model cards are prose; anything past this is not worth the wait (or the memory).
MAX_CARD_BYTES: Final = 1 << 20
MAX_SEARCH_LIMIT: Final = 100
_LIBRARY_NAME: Final = "prosa"

OFFLINE_MESSAGE: Final = (
    "Offline mode is on: Prosa makes no network requests. "
    "Turn it off in Settings to search the Hub."
)
ENV_OFFLINE_MESSAGE: Final = (
    "Offline mode is on for Hugging Face tools (the HF_HUB_OFFLINE environment variable "
    "is set): unset it to reach the Hub."
)
PRIVATE_MESSAGE: Final = (
    "This repository is private or needs an access token: add a token in Settings "
    "(or check the name: without a token the Hub does not say whether a repository exists)."
)
BAD_TOKEN_MESSAGE: Final = (
    "The Hub did not accept your access token: check or replace it in Settings."
)
GATED_MESSAGE: Final = (
    "This model is gated: open its page on the Hub, accept the licence, "
    "then try again with your access token."
)
FORBIDDEN_MESSAGE: Final = (
    "The Hub refused access to this repository: check that your access token can read it."
)
NOT_FOUND_MESSAGE: Final = "No such model or file on the Hub (check the name)."
RATE_LIMIT_MESSAGE: Final = "The Hub is rate-limiting requests; try again in a minute."
UNREADABLE_MESSAGE: Final = "The Hub sent an answer Prosa could not read; try again later."

SearchSort = Literal["downloads", "likes", "recent"]
_SORT_PARAMS: Final[Mapping[str, str]] = {
    "downloads": "downloads",
    "likes": "likes",
    "recent": "lastModified",
}
# Only what a result row shows: the full records are several times larger.
_SEARCH_FIELDS: Final = (
    "author",
    "downloads",
    "likes",
    "lastModified",
    "cardData",
    "gated",
    "gguf",
    "safetensors",
    "tags",
)


# --- results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RepoSummary:
    """One search result: enough to choose a repository before listing its files."""

    repo_id: str
    author: str | None
    downloads: int
    likes: int
    last_modified: datetime | None
    license: str | None
    gated: bool
    parameters: int | None
    size_label: str | None


@dataclass(frozen=True)
class QuantFile:
    """One downloadable model: a single file, or every part of a split set in order."""

    quant: str
    files: tuple[str, ...]
    size: int
    sha256: tuple[str | None, ...]
    bits_per_weight: float | None


# --- file names ------------------------------------------------------------------------------

# Average bits per weight over a whole model, from llama.cpp's quantize tables for 7-8B
# models (embeddings and output layers keep more bits, so this is above the tensor
# type's own size). Used to rank quality and to explain sizes, never to compute them.
BITS_PER_WEIGHT: Final[Mapping[str, float]] = {
    "F32": 32.0,
    "F16": 16.0,
    "BF16": 16.0,
    "Q8_K_XL": 9.0,
    "Q8_0": 8.5,
    "Q6_K_XL": 6.8,
    "Q6_K_L": 6.8,
    "Q6_K": 6.56,
    "Q5_1": 6.0,
    "Q5_K_L": 5.9,
    "Q5_K_XL": 5.9,
    "Q5_K_M": 5.69,
    "Q5_K": 5.69,
    "Q5_K_S": 5.54,
    "Q5_0": 5.5,
    "Q4_K_L": 5.1,
    "Q4_K_XL": 5.0,
    "Q4_1": 5.0,
    "Q4_K_M": 4.85,
    "Q4_K": 4.85,
    "Q4_K_S": 4.58,
    "Q4_0": 4.55,
    "Q4_0_4_4": 4.55,
    "Q4_0_4_8": 4.55,
    "Q4_0_8_8": 4.55,
    "IQ4_NL": 4.5,
    "IQ4_XS": 4.25,
    "MXFP4": 4.25,
    "MXFP4_MOE": 4.25,
    "Q3_K_XL": 4.3,
    "Q3_K_L": 4.27,
    "Q3_K_M": 3.91,
    "Q3_K": 3.91,
    "IQ3_M": 3.66,
    "Q3_K_S": 3.5,
    "IQ3_S": 3.44,
    "IQ3_XS": 3.3,
    "IQ3_XXS": 3.06,
    "Q2_K_XL": 3.2,
    "Q2_K_L": 3.2,
    "Q2_K": 2.96,
    "Q2_K_S": 2.7,
    "IQ2_M": 2.7,
    "IQ2_S": 2.5,
    "IQ2_XS": 2.31,
    "IQ2_XXS": 2.06,
    "TQ2_0": 2.06,
    "IQ1_M": 1.75,
    "TQ1_0": 1.69,
    "IQ1_S": 1.56,
}

#: Every quantization name parse_quant can answer (besides "unknown").
QUANT_NAMES: Final = frozenset(BITS_PER_WEIGHT) | {"Q1_0", "Q2_0"}
_ALIASES: Final[Mapping[str, str]] = {"FP16": "F16", "FP32": "F32"}
# Longest first, so that Q4_K_M wins over Q4_K and Q4_0_4_4 over Q4_0 at one position.
_QUANT_RE: Final = re.compile(
    r"(?<![A-Za-z0-9])("
    + "|".join(sorted((*QUANT_NAMES, *_ALIASES), key=lambda n: (-len(n), n)))
    + r")(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_SPLIT_RE: Final = re.compile(r"^(?P<base>.+)-(?P<index>\d{5})-of-(?P<count>\d{5})\.gguf$", re.I)


def parse_quant(filename: str) -> str:
    """The quantization a file's name announces ("Q4_K_M", "IQ2_XXS", "F16"), or "unknown".

    Names put the quantization last ("Llama-3.2-3B-Instruct-Q4_K_M.gguf"), so the last
    match in the file name wins; when the name has none, the folders are tried
    ("Q8_0/model-00001-of-00002.gguf"), nearest first.
    """
    path = PurePosixPath(filename.replace("\\", "/"))
    for part in (path.name, *reversed(path.parent.parts)):
        split = split_info(part)
        stem = split[0] if split else re.sub(r"\.gguf$", "", part, flags=re.I)
        matches = _QUANT_RE.findall(stem)
        if matches:
            found = matches[-1].upper()
            return _ALIASES.get(found, found)
    return "unknown"


def split_info(filename: str) -> tuple[str, int, int] | None:
    """``(base, index, count)`` for llama.cpp's split parts ("x-00001-of-00003.gguf")."""
    match = _SPLIT_RE.match(filename)
    if match is None:
        return None
    index, count = int(match["index"]), int(match["count"])
    if not 1 <= index <= count:
        return None
    return match["base"], index, count


def is_auxiliary(filename: str) -> bool:
    """Files that are not a model to chat with: vision projectors and importance matrices.

    ``files`` leaves them out: an mmproj file only adds image input to a model loaded
    beside it, and an imatrix only guides quantization.
    """
    name = PurePosixPath(filename).name.lower()
    return "mmproj" in name or "imatrix" in name


def quant_files(entries: Iterable[tuple[str, int, str | None]]) -> list[QuantFile]:
    """Group ``(path, size, sha256)`` entries into downloadable models, smallest first.

    Each model is one GGUF file or one complete split set; a set with a part missing
    cannot be loaded, so it is left out, as are files :func:`is_auxiliary` names.
    Files are not merged by quantization: a repository can hold two different models
    at the same quantization (a base and an instruct variant, say).
    """
    singles: list[QuantFile] = []
    sets: dict[tuple[str, int], dict[int, tuple[str, int, str | None]]] = {}
    for path, size, sha256 in entries:
        if not path.lower().endswith(".gguf") or is_auxiliary(path):
            continue
        split = split_info(path)
        if split is None:
            quant = parse_quant(path)
            singles.append(QuantFile(quant, (path,), size, (sha256,), BITS_PER_WEIGHT.get(quant)))
            continue
        base, index, count = split
        sets.setdefault((base, count), {})[index] = (path, size, sha256)
    for (_base, count), parts in sets.items():
        if sorted(parts) != list(range(1, count + 1)):
            continue
        ordered = [parts[i] for i in range(1, count + 1)]
        quant = parse_quant(ordered[0][0])
        singles.append(
            QuantFile(
                quant,
                tuple(p for p, _, _ in ordered),
                sum(s for _, s, _ in ordered),
                tuple(h for _, _, h in ordered),
                BITS_PER_WEIGHT.get(quant),
            )
        )
    return sorted(singles, key=lambda q: (q.size, q.files))


def strip_front_matter(text: str) -> str:
    """A model card without its YAML header (the metadata block between ``---`` lines)."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return text
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[number + 1 :]).lstrip("\r\n")
    return text  # no closing line: not front matter after all


# --- errors ------------------------------------------------------------------------------


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _unreachable_reason(exc: BaseException) -> str:
    """The low-level cause in words: refused, unknown name, timeout, TLS, cut off."""
    for cause in _causes(exc):
        if isinstance(cause, httpx2.TimeoutException | socket.timeout | TimeoutError):
            return "the connection timed out"
        if isinstance(cause, socket.gaierror):
            return "its name could not be resolved (are you connected to the internet?)"
        if isinstance(cause, ConnectionRefusedError) or (
            isinstance(cause, OSError) and cause.errno == errno.ECONNREFUSED
        ):
            return "the connection was refused"
        if isinstance(cause, ssl.SSLError):
            return "a secure (TLS) connection could not be set up"
        if isinstance(cause, httpx2.RemoteProtocolError | httpx2.ReadError):
            return "the connection was cut off"
    text = str(exc)
    if "Name or service not known" in text or "getaddrinfo" in text or "nodename" in text:
        return "its name could not be resolved (are you connected to the internet?)"
    if "Connection refused" in text:
        return "the connection was refused"
    return text or type(exc).__name__


def _retry_after(response: httpx2.Response) -> int | None:
    value = response.headers.get("Retry-After", "").strip()
    return int(value) if value.isdigit() else None


def translate_error(exc: BaseException, endpoint: str) -> ProsaError:
    """Turn whatever ``huggingface_hub`` or ``httpx2`` raised into a message for a person.

    The order matters: the library's typed errors are subclasses of one another
    (GatedRepoError is a RepositoryNotFoundError) and of OSError.
    """
    if isinstance(exc, ProsaError):
        return exc
    details = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, OfflineModeIsEnabled):
        return HubOffline(ENV_OFFLINE_MESSAGE, None, details)
    if isinstance(exc, HFValidationError):
        return HubNotFound(
            "That is not a valid model name: names look like owner/model-name.", None, details
        )
    if isinstance(exc, HfHubHTTPError):
        return _http_error(exc, details)
    if isinstance(exc, httpx2.TransportError | OSError):
        return HubUnreachable(
            f"Cannot reach {endpoint}: {_unreachable_reason(exc)}.", None, details
        )
    if isinstance(exc, ValueError | KeyError | TypeError):
        return HubServerError(UNREADABLE_MESSAGE, None, details)
    return HubError(
        f"Talking to the Hub failed unexpectedly ({type(exc).__name__}).", None, details
    )


def _http_error(exc: HfHubHTTPError, details: str) -> HubError:
    status = exc.response.status_code
    if isinstance(exc, GatedRepoError):
        return HubGated(GATED_MESSAGE, status, details)
    if isinstance(exc, RepositoryNotFoundError):
        # Without a token the Hub answers 401 for private *and* missing repos alike.
        if status == 401:
            return HubAuthRequired(PRIVATE_MESSAGE, status, details)
        return HubNotFound(NOT_FOUND_MESSAGE, status, details)
    if isinstance(exc, RevisionNotFoundError | RemoteEntryNotFoundError) or status == 404:
        return HubNotFound(NOT_FOUND_MESSAGE, status, details)
    if status == 401:
        return HubAuthRequired(BAD_TOKEN_MESSAGE, status, details)
    if status == 403:
        return HubAuthRequired(FORBIDDEN_MESSAGE, status, details)
    if status == 429:
        return HubRateLimited(RATE_LIMIT_MESSAGE, status, details, _retry_after(exc.response))
    if status >= 500:
        return HubServerError(
            f"The Hub had a problem on its side (error {status}); try again later.",
            status,
            details,
        )
    return HubError(f"The Hub refused the request (error {status}).", status, details)


# --- the client ------------------------------------------------------------------------------


class Hub:
    """Search the Hub and describe repositories; every method raises only ProsaError."""

    def __init__(
        self,
        endpoint: str = DEFAULT_ENDPOINT,
        token: str | None = None,
        offline: bool = False,
        *,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.offline = offline
        self._token: str | Literal[False] = token or False
        self._timeout = timeout
        self._api = HfApi(endpoint=self.endpoint, token=self._token, library_name=_LIBRARY_NAME)

    def search(
        self, text: str, sort: SearchSort = "downloads", limit: int = 30
    ) -> list[RepoSummary]:
        """GGUF repositories whose name contains ``text`` (all of them when it is empty)."""
        self._refuse_if_offline()
        params: list[tuple[str, str | int | float | bool | None]] = [
            ("filter", "gguf"),
            ("sort", _SORT_PARAMS[sort]),
            ("direction", "-1"),
            ("limit", str(max(1, min(limit, MAX_SEARCH_LIMIT)))),
        ]
        if text.strip():
            params.append(("search", text.strip()))
        params += [("expand", name) for name in _SEARCH_FIELDS]
        try:
            response = get_session().get(
                f"{self.endpoint}/api/models",
                params=params,
                headers=self._headers(),
                timeout=self._timeout,
            )
            hf_raise_for_status(response)
            items = response.json()
            if not isinstance(items, list):
                raise ValueError(f"expected a list of models, got {type(items).__name__}")
            # ModelInfo is the library's own parser of these records (it is untyped).
            return [_summary(ModelInfo(**item)) for item in items]  # type: ignore[no-untyped-call]
        except Exception as exc:
            raise translate_error(exc, self.endpoint) from exc

    def files(self, repo_id: str) -> list[QuantFile]:
        """The models a repository offers, one entry per quantization file or split set.

        Sorted from smallest to largest; projector (mmproj) and imatrix files are left
        out (see :func:`quant_files`).
        """
        self._refuse_if_offline()
        try:
            info = self._api.model_info(repo_id, files_metadata=True, timeout=self._timeout)
            entries: list[tuple[str, int, str | None]] = []
            for sibling in info.siblings or []:
                lfs = sibling.lfs
                size = lfs.size if lfs is not None else sibling.size
                sha256 = lfs.sha256 if lfs is not None else None
                entries.append((sibling.rfilename, int(size or 0), sha256))
            return quant_files(entries)
        except Exception as exc:
            raise translate_error(exc, self.endpoint) from exc

    def model_card(self, repo_id: str) -> str:
        """The repository's README.md without its YAML header; "" when it has none."""
        self._refuse_if_offline()
        try:
            url = hf_hub_url(repo_id, "README.md", endpoint=self.endpoint)
            with get_session().stream(
                "GET", url, headers=self._headers(), timeout=self._timeout, follow_redirects=True
            ) as response:
                if response.status_code >= 400:
                    response.read()  # hf_raise_for_status reads the error body
                hf_raise_for_status(response)
                data = bytearray()
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) >= MAX_CARD_BYTES:
                        del data[MAX_CARD_BYTES:]
                        break
            return strip_front_matter(bytes(data).decode("utf-8", "replace"))
        except RemoteEntryNotFoundError:
            return ""
        except Exception as exc:
            raise translate_error(exc, self.endpoint) from exc

    def _refuse_if_offline(self) -> None:
        if self.offline:
            raise HubOffline(OFFLINE_MESSAGE)

    def _headers(self) -> dict[str, str]:
        headers = {"user-agent": f"{_LIBRARY_NAME}; hf_hub/{hf_hub_version}"}
        if self._token:
            headers["authorization"] = f"Bearer {self._token}"
        return headers


def _summary(info: ModelInfo) -> RepoSummary:
    parameters = _parameters(info)
    return RepoSummary(
        repo_id=info.id,
        author=info.author or (info.id.split("/")[0] if "/" in info.id else None),
        downloads=int(info.downloads or 0),
        likes=int(info.likes or 0),
        last_modified=info.last_modified,
        license=_license(info),
        gated=bool(info.gated),
        parameters=parameters,
        size_label=format_size_label(parameters) if parameters else None,
    )


def _parameters(info: ModelInfo) -> int | None:
    """The parameter count the Hub read from the GGUF header, else from safetensors."""
    gguf: Any = info.gguf
    if isinstance(gguf, dict):
        total = gguf.get("total")
        if isinstance(total, int) and not isinstance(total, bool) and total > 0:
            return total
    if info.safetensors is not None and info.safetensors.total > 0:
        return int(info.safetensors.total)
    return None


def _license(info: ModelInfo) -> str | None:
    card = info.card_data
    value = card.get("license") if card is not None else None
    if isinstance(value, str) and value:
        return value
    for tag in info.tags or []:
        if tag.startswith("license:"):
            return tag.removeprefix("license:")
    return None


__all__ = [
    "BITS_PER_WEIGHT",
    "QUANT_NAMES",
    "Hub",
    "QuantFile",
    "RepoSummary",
    "is_auxiliary",
    "parse_quant",
    "quant_files",
    "split_info",
    "strip_front_matter",
    "translate_error",
]
