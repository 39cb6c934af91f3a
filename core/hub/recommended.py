"""Models worth trying first, before any search: a curated list rated for this machine.

The Hub tab opens on this list, as LM Studio opens on its staff picks, so a person who
knows no model name still sees, at once, what will run on their computer and what
each model is good for.  Everything about a model is typed data here: its repository,
its purpose, its parameter count, its licence and its Q4_K_M file with that file's
approximate size.  So the list is rated with the fit estimate (``core.models.fit``)
with no network at all, and nothing is ever parsed back from prose.

Online, :func:`refresh` replaces each approximation with the repository's real file
list (a few requests at a time, stoppable), and the pick becomes exact: the real
sizes, and the best quantization for this machine as :func:`recommend` chooses it.
Offline, or with the Hub out of reach, the approximations stay and the caller says so.

Why a Python table and not a JSON resource: mypy checks every entry, it cannot fail
to load or be left out of a package, and a change to it is reviewed like code.  The
repositories are well-known GGUF publishers (Qwen, ggml-org, bartowski, unsloth); sizes
are those of their Q4_K_M files in SI units, as the Hub shows them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from core.errors import Problem, ProsaError
from core.hub.client import Hub, QuantFile
from core.hub.errors import reason_of
from core.models.fit import Fit, MachineMemory, estimate_fit, recommend
from core.models.gguf import format_size_label

log = logging.getLogger(__name__)

#: Context length the ratings assume: the app's default (``Settings.n_ctx``).
DEFAULT_CONTEXT: Final = 4096
#: Requests in flight at once while refreshing: enough to finish a dozen repositories
#: in a second or two, few enough to stay polite and leave room for a search.
REFRESH_WORKERS: Final = 3
#: Reasons (``core.hub.errors.reason_of``) that make every further request pointless:
#: asking the other repositories would only fail the same way, or make it worse.
_STOPPING_REASONS: Final = frozenset({"offline", "network", "rate_limited"})


class Purpose(StrEnum):
    """What a model is good for; the window says it in the user's language."""

    TRY = "try"  # tiny and instant: to try the app out
    LIGHT_CHAT = "light_chat"  # everyday chat on a modest computer
    CHAT = "chat"  # everyday chat, writing and summaries
    CODE = "code"  # programming help
    REASONING = "reasoning"  # maths and step-by-step reasoning
    MULTILINGUAL = "multilingual"  # many languages, Portuguese among them


@dataclass(frozen=True)
class Recommended:
    """One curated model: where it lives, what it is for, and its usual download."""

    repo_id: str
    name: str
    purpose: Purpose
    parameters: int
    #: The Hub's licence id (``apache-2.0``, ``llama3.2``, ``gemma``, ``mit``).
    license: str
    #: The suggested file (Q4_K_M, the usual good default) and its size in bytes,
    #: approximate: a repository may re-upload it.
    file: str
    approx_size: int
    quant: str = "Q4_K_M"

    @property
    def size_label(self) -> str:
        """The parameter count with one decimal (135M, 7.6B, 32.8B): the usual label
        rounds 32.8B to "33B", which beside a name saying "32B" reads as a mistake."""
        if self.parameters >= 950_000_000:  # Gemma 3 1B has 999.9M: "1B", not "1000M"
            return f"{self.parameters / 10**9:.1f}".removesuffix(".0") + "B"
        return format_size_label(self.parameters)


def _model(repo_id: str, name: str, purpose: Purpose, parameters: int, license: str,
           file: str, approx_size: int) -> Recommended:
    return Recommended(repo_id, name, purpose, parameters, license, file, approx_size)


_T = Purpose
#: From 0.1B to 14B: something for every machine, and for chat, code, reasoning and
#: other languages (Portuguese included) at more than one size.  Repositories are the
#: publishers' own where they ship a Q4_K_M (Qwen, ggml-org), else bartowski's or
#: unsloth's long-maintained conversions.
CURATED: Final[tuple[Recommended, ...]] = (
    _model("bartowski/SmolLM2-135M-Instruct-GGUF", "SmolLM2 135M Instruct", _T.TRY,
           134_515_008, "apache-2.0", "SmolLM2-135M-Instruct-Q4_K_M.gguf", 105_000_000),
    _model("bartowski/Qwen2.5-0.5B-Instruct-GGUF", "Qwen2.5 0.5B Instruct", _T.TRY,
           494_032_768, "apache-2.0", "Qwen2.5-0.5B-Instruct-Q4_K_M.gguf", 398_000_000),
    _model("unsloth/Qwen3-0.6B-GGUF", "Qwen3 0.6B", _T.TRY, 751_632_384, "apache-2.0",
           "Qwen3-0.6B-Q4_K_M.gguf", 397_000_000),
    _model("ggml-org/gemma-3-1b-it-GGUF", "Gemma 3 1B Instruct", _T.LIGHT_CHAT,
           999_885_952, "gemma", "gemma-3-1b-it-Q4_K_M.gguf", 806_000_000),
    _model("bartowski/Llama-3.2-1B-Instruct-GGUF", "Llama 3.2 1B Instruct", _T.LIGHT_CHAT,
           1_235_814_400, "llama3.2", "Llama-3.2-1B-Instruct-Q4_K_M.gguf", 808_000_000),
    _model("bartowski/Qwen2.5-1.5B-Instruct-GGUF", "Qwen2.5 1.5B Instruct", _T.MULTILINGUAL,
           1_543_714_304, "apache-2.0", "Qwen2.5-1.5B-Instruct-Q4_K_M.gguf", 986_000_000),
    _model("bartowski/Qwen2.5-Coder-1.5B-Instruct-GGUF", "Qwen2.5 Coder 1.5B Instruct",
           _T.CODE, 1_543_714_304, "apache-2.0", "Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf",
           986_000_000),
    _model("bartowski/SmolLM2-1.7B-Instruct-GGUF", "SmolLM2 1.7B Instruct", _T.LIGHT_CHAT,
           1_711_376_384, "apache-2.0", "SmolLM2-1.7B-Instruct-Q4_K_M.gguf", 1_060_000_000),
    _model("unsloth/Qwen3-1.7B-GGUF", "Qwen3 1.7B", _T.REASONING, 2_031_739_904,
           "apache-2.0", "Qwen3-1.7B-Q4_K_M.gguf", 1_110_000_000),
    _model("bartowski/HuggingFaceTB_SmolLM3-3B-GGUF", "SmolLM3 3B", _T.MULTILINGUAL,
           3_075_098_624, "apache-2.0", "HuggingFaceTB_SmolLM3-3B-Q4_K_M.gguf",
           1_920_000_000),
    _model("bartowski/Llama-3.2-3B-Instruct-GGUF", "Llama 3.2 3B Instruct", _T.CHAT,
           3_212_749_824, "llama3.2", "Llama-3.2-3B-Instruct-Q4_K_M.gguf", 2_020_000_000),
    _model("bartowski/microsoft_Phi-4-mini-instruct-GGUF", "Phi-4 mini Instruct",
           _T.REASONING, 3_836_021_760, "mit", "microsoft_Phi-4-mini-instruct-Q4_K_M.gguf",
           2_490_000_000),
    _model("ggml-org/gemma-3-4b-it-GGUF", "Gemma 3 4B Instruct", _T.MULTILINGUAL,
           3_880_263_168, "gemma", "gemma-3-4b-it-Q4_K_M.gguf", 2_490_000_000),
    _model("Qwen/Qwen3-4B-GGUF", "Qwen3 4B", _T.REASONING, 4_022_468_096, "apache-2.0",
           "Qwen3-4B-Q4_K_M.gguf", 2_500_000_000),
    _model("bartowski/Mistral-7B-Instruct-v0.3-GGUF", "Mistral 7B Instruct v0.3", _T.CHAT,
           7_248_023_552, "apache-2.0", "Mistral-7B-Instruct-v0.3-Q4_K_M.gguf",
           4_370_000_000),
    _model("bartowski/Qwen2.5-7B-Instruct-GGUF", "Qwen2.5 7B Instruct", _T.MULTILINGUAL,
           7_615_616_512, "apache-2.0", "Qwen2.5-7B-Instruct-Q4_K_M.gguf", 4_680_000_000),
    _model("bartowski/Qwen2.5-Coder-7B-Instruct-GGUF", "Qwen2.5 Coder 7B Instruct", _T.CODE,
           7_615_616_512, "apache-2.0", "Qwen2.5-Coder-7B-Instruct-Q4_K_M.gguf",
           4_680_000_000),
    _model("bartowski/Meta-Llama-3.1-8B-Instruct-GGUF", "Llama 3.1 8B Instruct", _T.CHAT,
           8_030_261_248, "llama3.1", "Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf",
           4_920_000_000),
    _model("Qwen/Qwen3-8B-GGUF", "Qwen3 8B", _T.REASONING, 8_190_735_360, "apache-2.0",
           "Qwen3-8B-Q4_K_M.gguf", 5_030_000_000),
    _model("ggml-org/gemma-3-12b-it-GGUF", "Gemma 3 12B Instruct", _T.MULTILINGUAL,
           11_766_034_176, "gemma", "gemma-3-12b-it-Q4_K_M.gguf", 7_300_000_000),
    _model("Qwen/Qwen3-14B-GGUF", "Qwen3 14B", _T.REASONING, 14_768_307_200, "apache-2.0",
           "Qwen3-14B-Q4_K_M.gguf", 9_000_000_000),
)


# --- rating ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pick:
    """A curated model rated for this machine: the file to download and its fit."""

    model: Recommended
    quant: str
    files: tuple[str, ...]
    size: int
    #: True when ``quant``, ``files`` and ``size`` come from the Hub's file list;
    #: False for the curated approximation.
    exact: bool
    fit: Fit


def pick(model: Recommended, files: Sequence[QuantFile] | None, memory: MachineMemory,
         gpu: bool, n_ctx: int = DEFAULT_CONTEXT) -> Pick:
    """Rate ``model``: from its real files when known, else from the curated size.

    With real files the pick is what :func:`recommend` would suggest for this machine
    (the best quality that fits comfortably); when nothing fits, the curated
    quantization (or the smallest file) is shown, rated too big or tight, so the row
    still says why it is not for this computer.
    """
    if files:
        fits = [estimate_fit(f.size, None, n_ctx, memory, gpu) for f in files]
        best = recommend(files, fits)
        if best is None:
            usual = [i for i, f in enumerate(files) if f.quant == model.quant]
            best = usual[0] if usual else min(range(len(files)), key=lambda i: files[i].size)
        chosen = files[best]
        return Pick(model, chosen.quant, chosen.files, chosen.size, True, fits[best])
    fit = estimate_fit(model.approx_size, None, n_ctx, memory, gpu)
    return Pick(model, model.quant, (model.file,), model.approx_size, False, fit)


_RATING_ORDER: Final = {"fits": 0, "tight": 1, "too_big": 2}


def _rank_key(item: Pick) -> tuple[int, int]:
    """Comfortable fits first, largest first (more parameters, more capable); then
    tight ones and then too-big ones, each smallest first (the likeliest to run)."""
    order = _RATING_ORDER[item.fit.rating]
    if order == 0:
        return (0, -item.model.parameters)
    return (order, item.fit.needed)


def rank(models: Sequence[Recommended], memory: MachineMemory, gpu: bool,
         n_ctx: int = DEFAULT_CONTEXT,
         exact: Mapping[str, Sequence[QuantFile]] | None = None) -> list[Pick]:
    """Every model rated and ordered for this machine (see :func:`_rank_key`);
    ``exact`` holds the real file lists known so far, by repository."""
    known = exact or {}
    picks = [pick(m, known.get(m.repo_id), memory, gpu, n_ctx) for m in models]
    return sorted(picks, key=_rank_key)


# --- refreshing from the Hub -----------------------------------------------------------------


class HubState(StrEnum):
    """How much of the Hub a refresh reached; the window words its note from this."""

    EXACT = "exact"  # every repository was asked (some may have failed on their own)
    OFFLINE = "offline"  # offline mode (setting or HF_HUB_OFFLINE): nothing was asked
    UNREACHABLE = "unreachable"  # no network, or rate-limited: stopped after the first
    CANCELLED = "cancelled"  # the caller stopped it (a search began, the window closed)


@dataclass(frozen=True)
class Refresh:
    """What a refresh learnt: real file lists, and why some are still missing."""

    files: Mapping[str, list[QuantFile]] = field(default_factory=dict)
    #: Repositories that answered with an error of their own (renamed, gated...).
    failed: Mapping[str, Problem] = field(default_factory=dict)
    #: Offline mode is on: not a single request was made (or the first one said so).
    offline: bool = False
    #: Why the refresh stopped early (the Hub out of reach, rate-limited, offline).
    stopped: Problem | None = None
    #: The caller's ``stop`` was set before every repository was asked.
    cancelled: bool = False

    @property
    def state(self) -> HubState:
        if self.offline:
            return HubState.OFFLINE
        if self.stopped is not None:
            return HubState.UNREACHABLE
        if self.cancelled:
            return HubState.CANCELLED
        return HubState.EXACT

    @property
    def reachable(self) -> bool:
        return self.state in (HubState.EXACT, HubState.CANCELLED)


def refresh(hub: Hub, models: Sequence[Recommended] = CURATED, *,
            workers: int = REFRESH_WORKERS, stop: threading.Event | None = None) -> Refresh:
    """Ask the Hub for each model's real file list, ``workers`` requests at a time.

    Offline makes no request at all.  Setting ``stop`` (the window closing, a search
    starting) lets the requests in flight finish and asks nothing more; so does a
    failure that would repeat for every repository (no network, rate limit).
    """
    if hub.offline:
        return Refresh(offline=True)
    halt = threading.Event()
    files: dict[str, list[QuantFile]] = {}
    failed: dict[str, Problem] = {}
    stopped: list[Problem] = []
    skipped: list[str] = []
    lock = threading.Lock()

    def fetch(model: Recommended) -> None:
        if halt.is_set():
            return
        if stop is not None and stop.is_set():
            with lock:
                skipped.append(model.repo_id)
            return
        try:
            found = hub.files(model.repo_id)
        except ProsaError as exc:
            log.info("recommended %s: %s", model.repo_id, exc.problem.message)
            with lock:
                if reason_of(exc.code) in _STOPPING_REASONS:
                    halt.set()
                    stopped.append(exc.problem)
                else:
                    failed[model.repo_id] = exc.problem
            return
        with lock:
            files[model.repo_id] = found

    with ThreadPoolExecutor(max_workers=max(1, workers),
                            thread_name_prefix="prosa-hub-refresh") as pool:
        list(pool.map(fetch, models))
    first = stopped[0] if stopped else None
    offline = first is not None and reason_of(first.code) == "offline"
    return Refresh(files=files, failed=failed, offline=offline, stopped=first,
                   cancelled=bool(skipped))
