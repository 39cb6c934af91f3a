"""What can go wrong with the Hub and with downloads: one mapping, coded errors.

Searching, listing a repository's files and downloading all talk to the same Hub, and
a refused token or a gated model means the same thing to the person whichever of them
met it.  So every HTTP status, ``X-Error-Code`` header and exception from
``huggingface_hub`` or ``httpx2`` becomes a coded error in one place
(:func:`from_status`, :func:`from_exception`), and the client and the download
transfer both call it.  The message names what was asked (:class:`Asked`: the
repository, file and revision where there is one).

The second word of a code is its *reason* (``hub.gated.no_token`` is ``"gated"``,
``download.disk_full`` is ``"disk_full"``): a short stable word the interface uses to
offer the right next step (a token field for ``"auth"``, the model's page for
``"gated"``) and the download queue uses to decide what to retry, never by reading
the message.  Reasons: ``offline``, ``network``, ``auth``, ``gated``, ``not_found``,
``rate_limited``, ``server``, ``http``, ``bad_input``, ``unexpected`` (Hub) and
``no_space``, ``disk_full``, ``io``, ``damaged``, ``changed``, ``duplicate``,
``internal`` (downloads).
"""

from __future__ import annotations

import errno
import socket
import ssl
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

import httpx2
from huggingface_hub.errors import HfHubHTTPError, HFValidationError, OfflineModeIsEnabled

from core.errors import ParamValue, ProsaError

#: What the Hub says in ``X-Error-Message`` when the token itself is wrong.
_INVALID_TOKEN = "Invalid credentials in Authorization header"


def reason_of(code: str) -> str:
    """The reason a code stands for: its second word (``hub.auth.private``: ``auth``)."""
    parts = code.split(".")
    return parts[1] if len(parts) > 1 else code


class HubError(ProsaError):
    """A request to the Hugging Face Hub failed.

    ``status`` is the HTTP status when the Hub answered (None when it could not be
    reached at all), so callers can tell "try again later" from "fix the token"
    without parsing the message; it is also a field of the problem, so it survives
    the trip to the window.
    """

    def __init__(self, code: str, template: str = "", /, *, status: int | None = None,
                 details: str = "", **params: ParamValue) -> None:
        super().__init__(code, template, details=details, status=status, **params)
        self.status = status

    @property
    def reason(self) -> str:
        return reason_of(self.code)


class HubOffline(HubError):
    """Offline mode is on: no request was made."""


class HubUnreachable(HubError):
    """The Hub could not be reached: no connection, DNS failure, timeout, cut transfer."""


class HubAuthRequired(HubError):
    """The repository is private (or hidden) or the access token was refused."""


class HubGated(HubError):
    """The repository is gated and this token has not been granted access."""


class HubNotFound(HubError):
    """No such repository, revision or file (or the name is not a valid repository id)."""


class HubRateLimited(HubError):
    """The Hub answered 429: too many requests; ``retry_after`` is in seconds when known."""

    def __init__(self, code: str, template: str = "", /, *, status: int | None = 429,
                 retry_after: int | None = None, details: str = "",
                 **params: ParamValue) -> None:
        super().__init__(code, template, status=status, details=details,
                         retry_after=retry_after, **params)
        self.retry_after = retry_after


class HubServerError(HubError):
    """The Hub failed on its side (5xx) or sent an answer Prosa could not read."""


class DownloadError(ProsaError):
    """A model download could not start or finish (the disk, the file's check, the
    queue).  A download stopped by the Hub fails with the :class:`HubError` the
    mapping gave; :func:`core.hub.downloads.download_file` raises either as this."""

    @property
    def reason(self) -> str:
        return reason_of(self.code)


@dataclass(frozen=True)
class Asked:
    """What was asked of the Hub: the words an error message needs to name it."""

    endpoint: str
    repo: str = ""
    file: str = ""
    revision: str = "main"
    #: Whether a token was sent: a refusal then means something else.
    token: bool = False

    @property
    def page(self) -> str:
        """The repository's page, where a licence is accepted."""
        return f"{self.endpoint}/{self.repo}" if self.repo else self.endpoint


_E = TypeVar("_E", bound=ProsaError)


def offline(kind: type[_E]) -> _E:
    """Offline mode is on in Prosa's settings (raised before any request)."""
    return kind("hub.offline.setting",
                "Offline mode is on: Prosa makes no network requests. Turn it off in "
                "Settings to search the Hub and download models.")


def bad_repo_name(repo: str, details: str = "") -> HubNotFound:
    return HubNotFound("hub.bad_input.repo_name",
                       "“{repo}” is not a valid model name: names look like "
                       "owner/model-name.", details=details, repo=repo)


def file_not_found(asked: Asked, status: int | None = None, details: str = "") -> HubNotFound:
    return HubNotFound("hub.not_found.file",
                       "{repo} has no file named {file} (revision {revision}).",
                       status=status, details=details, repo=asked.repo, file=asked.file,
                       revision=asked.revision)


def retry_after(headers: Mapping[str, str]) -> int | None:
    value = headers.get("Retry-After", "").strip()
    return int(value) if value.isdigit() else None


def from_status(status: int, headers: Mapping[str, str], asked: Asked,
                details: str = "") -> HubError:
    """The error an HTTP answer means, from its status and the Hub's error headers.

    The order matters: the Hub's own ``X-Error-Code`` says more than the status
    (a gated model answers 401 or 403), and without a token the Hub answers 401 for
    private *and* missing repositories alike.
    """
    code = headers.get("X-Error-Code", "")
    details = details or f"HTTP {status} {headers.get('X-Error-Message', '')}".rstrip()
    if code == "GatedRepo":
        if asked.token:
            return HubGated("hub.gated.not_granted",
                            "{repo} is a gated model: open {page} and accept its licence "
                            "with the account your token belongs to, then try again "
                            "(approval can take a while).",
                            status=status, details=details, repo=asked.repo, page=asked.page)
        return HubGated("hub.gated.no_token",
                        "{repo} is a gated model: open {page}, accept its licence, then add "
                        "an access token from that account in Settings and try again.",
                        status=status, details=details, repo=asked.repo, page=asked.page)
    if code == "RevisionNotFound":
        return HubNotFound("hub.not_found.revision",
                           "{repo} has no branch, tag or commit named “{revision}”.",
                           status=status, details=details, repo=asked.repo,
                           revision=asked.revision)
    if code == "EntryNotFound":
        return file_not_found(asked, status, details)
    if status == 401:
        wrong_token = headers.get("X-Error-Message") == _INVALID_TOKEN
        if not wrong_token and (code == "RepoNotFound" or (asked.repo and not asked.token)):
            return HubAuthRequired(
                "hub.auth.private",
                "{repo} is private or needs an access token: add a token in Settings (or "
                "check the name: without a token the Hub does not say whether a repository "
                "exists).", status=status, details=details, repo=asked.repo)
        return HubAuthRequired("hub.auth.bad_token",
                               "Your access token was not accepted by the Hub: check or "
                               "replace it in Settings.", status=status, details=details)
    if code == "RepoNotFound":
        return HubNotFound("hub.not_found.repo", "No such model on the Hub: {repo} (check the "
                           "name).", status=status, details=details, repo=asked.repo)
    if status == 403:
        return HubAuthRequired("hub.auth.forbidden",
                               "The Hub refused access to this repository: check that your "
                               "access token can read it.", status=status, details=details)
    if status in (404, 410):
        return HubNotFound("hub.not_found.other",
                           "No such model or file on the Hub (check the name).",
                           status=status, details=details)
    if status == 429:
        return HubRateLimited("hub.rate_limited",
                              "The Hub is limiting how many requests Prosa may make (HTTP "
                              "429); try again in a minute.", status=status, details=details,
                              retry_after=retry_after(headers))
    if status == 408 or status >= 500:
        return HubServerError("hub.server.failed",
                              "The Hub had a problem on its side (HTTP {status}); try again "
                              "later.", status=status, details=details)
    return HubError("hub.http", "The Hub refused the request (HTTP {status}).",
                    status=status, details=details)


def from_exception(exc: BaseException, asked: Asked) -> ProsaError:
    """Whatever ``huggingface_hub`` or ``httpx2`` raised, as the error it means.

    The order matters: the library's typed errors are subclasses of one another
    (GatedRepoError is a RepositoryNotFoundError) and of OSError.
    """
    if isinstance(exc, ProsaError):
        return exc
    details = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, OfflineModeIsEnabled):
        return HubOffline("hub.offline.environment",
                          "Offline mode is on for Hugging Face tools (the HF_HUB_OFFLINE "
                          "environment variable is set): unset it and restart Prosa to reach "
                          "the Hub.", details=details)
    if isinstance(exc, HFValidationError):
        return bad_repo_name(asked.repo, details)
    if isinstance(exc, HfHubHTTPError):
        # The typed errors the library raises are read from these same headers.
        return from_status(exc.response.status_code, exc.response.headers, asked, details)
    if isinstance(exc, httpx2.TransportError | OSError):
        return unreachable(exc, asked.endpoint, details)
    if isinstance(exc, ValueError | KeyError | TypeError):
        return HubServerError("hub.server.unreadable",
                              "The Hub sent an answer Prosa could not read; try again later.",
                              details=details)
    return HubError("hub.unexpected", "Talking to the Hub failed unexpectedly ({error}).",
                    details=details, error=type(exc).__name__)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def unreachable(exc: BaseException, endpoint: str, details: str) -> HubUnreachable:
    """The low-level cause in words: refused, unknown name, timeout, TLS, cut off."""
    kind = _network_cause(exc)
    if kind == "timeout":
        return HubUnreachable("hub.network.timeout",
                              "Cannot reach {endpoint}: the connection timed out.",
                              details=details, endpoint=endpoint)
    if kind == "dns":
        return HubUnreachable("hub.network.dns",
                              "Cannot reach {endpoint}: its name could not be resolved (are "
                              "you connected to the internet?).",
                              details=details, endpoint=endpoint)
    if kind == "refused":
        return HubUnreachable("hub.network.refused",
                              "Cannot reach {endpoint}: the connection was refused.",
                              details=details, endpoint=endpoint)
    if kind == "tls":
        return HubUnreachable("hub.network.tls",
                              "Cannot reach {endpoint}: a secure (TLS) connection could not "
                              "be set up.", details=details, endpoint=endpoint)
    if kind == "cut_off":
        return HubUnreachable("hub.network.cut_off",
                              "Cannot reach {endpoint}: the connection was cut off.",
                              details=details, endpoint=endpoint)
    return HubUnreachable("hub.network.other", "Cannot reach {endpoint}: {error}.",
                          details=details, endpoint=endpoint,
                          error=str(exc) or type(exc).__name__)


def _network_cause(exc: BaseException) -> str:
    for cause in _causes(exc):
        if isinstance(cause, httpx2.TimeoutException | socket.timeout | TimeoutError):
            return "timeout"
        if isinstance(cause, socket.gaierror):
            return "dns"
        if isinstance(cause, ConnectionRefusedError) or (
            isinstance(cause, OSError) and cause.errno == errno.ECONNREFUSED
        ):
            return "refused"
        if isinstance(cause, ssl.SSLError):
            return "tls"
        if isinstance(cause, httpx2.RemoteProtocolError | httpx2.ReadError):
            return "cut_off"
    text = str(exc)
    if "Name or service not known" in text or "getaddrinfo" in text or "nodename" in text:
        return "dns"
    if "Connection refused" in text:
        return "refused"
    return "other"
