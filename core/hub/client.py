"""Find GGUF models on the Hugging Face Hub and list the quantizations a repository offers.

Everything goes through ``huggingface_hub`` (its shared HTTP session, its headers and
its ``hf_raise_for_status``, which reads the Hub's ``X-Error-Code`` headers), and every
failure leaves this module as a :class:`~core.hub.errors.HubError` subclass whose
message a person can act on: add a token, accept a licence, check the name, wait, or go
online.  The mapping is the one downloads use (``core.hub.errors``); the grouping of
a repository's files into quantizations is ``core.hub.files``.

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

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal

from huggingface_hub import HfApi, ModelInfo, get_session, hf_hub_url, hf_raise_for_status
from huggingface_hub import __version__ as hf_hub_version
from huggingface_hub.errors import RemoteEntryNotFoundError

from core.hub.errors import Asked, HubOffline, from_exception
from core.hub.errors import offline as offline_error
from core.hub.files import (
    BITS_PER_WEIGHT,
    QUANT_NAMES,
    QuantFile,
    is_auxiliary,
    parse_quant,
    quant_files,
    split_info,
)
from core.models.gguf import format_size_label

DEFAULT_ENDPOINT: Final = "https://huggingface.co"
#: Seconds to wait for a connection and for each read; the person is waiting too.
DEFAULT_TIMEOUT: Final = 15.0
#: Model cards are prose; anything past this is not worth the wait (or the memory).
MAX_CARD_BYTES: Final = 1 << 20
MAX_SEARCH_LIMIT: Final = 100
_LIBRARY_NAME: Final = "prosa"

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
            raise from_exception(exc, self._asked()) from exc

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
            raise from_exception(exc, self._asked(repo_id)) from exc

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
            raise from_exception(exc, self._asked(repo_id)) from exc

    def _refuse_if_offline(self) -> None:
        if self.offline:
            raise offline_error(HubOffline)

    def _asked(self, repo_id: str = "") -> Asked:
        return Asked(self.endpoint, repo_id, token=bool(self._token))

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
]
