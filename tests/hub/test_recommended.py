"""core.hub.recommended: the curated list rated for a given machine, and refreshed
against the local Hub (real HTTP on loopback), out of reach, offline and stopped."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from core.hub.client import Hub, QuantFile
from core.hub.recommended import (
    CURATED,
    HubState,
    Purpose,
    Recommended,
    Refresh,
    pick,
    rank,
    refresh,
)
from core.models.fit import MachineMemory
from tests.hub_server import FakeHub, Fault, recommended_repos

GB = 1_000_000_000
#: 8 GB free RAM, no GPU: 7-8B models at Q4_K_M are fine or tight, 12B and up are not.
EIGHT_GB = MachineMemory(ram_total=16 * GB, ram_available=8 * GB, vram_total=None,
                         vram_free=None)
#: Three curated repositories the local Hub serves; the others answer "not found".
SERVED = [m.repo_id for m in CURATED[:3]]


@pytest.fixture(scope="module")
def hub() -> Iterator[FakeHub]:
    with FakeHub(recommended_repos(SERVED)) as server:
        yield server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def model(name: str, parameters: int, size: int) -> Recommended:
    return Recommended(f"test/{name}-GGUF", name, Purpose.CHAT, parameters, "mit",
                       f"{name}-Q4_K_M.gguf", size)


# --- the curated table -------------------------------------------------------------------


def test_the_curated_table_is_coherent() -> None:
    ids = [m.repo_id for m in CURATED]
    assert len(ids) == len(set(ids)) >= 15
    for entry in CURATED:
        owner, name = entry.repo_id.split("/")
        assert owner and name.lower().endswith("-gguf")
        assert entry.file.endswith("-Q4_K_M.gguf") and entry.quant == "Q4_K_M"
        # A Q4_K_M file holds about 4.5 to 6.5 bits per parameter (embeddings and
        # output layers keep more): a size outside that range is a typo.
        bits = entry.approx_size * 8 / entry.parameters
        assert 4.0 < bits < 7.0, (entry.name, bits)
    assert {m.purpose for m in CURATED} == set(Purpose)
    assert min(m.approx_size for m in CURATED) < 500_000_000  # something for any machine


def test_size_labels_read_like_the_names() -> None:
    labels = {m.name: m.size_label for m in CURATED}
    assert labels["SmolLM2 135M Instruct"] == "135M"
    assert labels["Gemma 3 1B Instruct"] == "1B"
    assert labels["Qwen2.5 7B Instruct"] == "7.6B"
    assert labels["Qwen3 14B"] == "14.8B"


# --- rating and ranking ------------------------------------------------------------------


def test_what_does_not_fit_goes_last_with_its_reason() -> None:
    small, medium = model("Small", 1 * GB, 800_000_000), model("Medium", 7 * GB, 4_500_000_000)
    huge = model("Huge", 70 * GB, 42 * GB)
    picks = rank([huge, small, medium], EIGHT_GB, gpu=False)
    assert [p.model.name for p in picks] == ["Medium", "Small", "Huge"]
    assert [p.fit.rating for p in picks] == ["fits", "fits", "too_big"]
    last = picks[-1]
    assert last.fit.where == "ram" and last.fit.needed > last.fit.available == 8 * GB
    assert last.fit.advice.code == "fit.too_big.ram"
    assert not last.exact and last.size == 42 * GB and last.files == ("Huge-Q4_K_M.gguf",)


def test_the_curated_list_ranked_for_eight_gigabytes() -> None:
    picks = rank(CURATED, EIGHT_GB, gpu=False)
    ratings = [p.fit.rating for p in picks]
    assert ratings == sorted(ratings, key=["fits", "tight", "too_big"].index)
    fitting = [p for p in picks if p.fit.rating == "fits"]
    # Among those that fit, the most capable first.
    assert [p.model.parameters for p in fitting] == sorted(
        (p.model.parameters for p in fitting), reverse=True)
    by_name = {p.model.name: p for p in picks}
    assert by_name["SmolLM2 135M Instruct"].fit.rating == "fits"
    assert by_name["Qwen3 14B"].fit.rating == "too_big"
    assert picks[-1].model.name == "Qwen3 14B"  # the largest need comes last


def test_vram_rates_against_the_graphics_card() -> None:
    gpu_machine = MachineMemory(ram_total=64 * GB, ram_available=48 * GB, vram_total=4 * GB,
                                vram_free=3 * GB)
    on_gpu = {p.model.name: p.fit for p in rank(CURATED, gpu_machine, gpu=True)}
    on_cpu = {p.model.name: p.fit for p in rank(CURATED, gpu_machine, gpu=False)}
    assert on_gpu["Qwen2.5 7B Instruct"].rating == "too_big"
    assert on_gpu["Qwen2.5 7B Instruct"].where == "gpu"
    assert on_cpu["Qwen2.5 7B Instruct"].rating == "fits"


def test_real_files_choose_the_best_quantization_for_the_machine() -> None:
    entry = model("Mid", 7 * GB, 4_500_000_000)

    def file(quant: str, size: int, bits: float) -> QuantFile:
        return QuantFile(quant, (f"Mid-{quant}.gguf",), size, (None,), bits)

    files = [file("Q3_K_M", 3_500_000_000, 3.91), file("Q4_K_M", 4_400_000_000, 4.85),
             file("Q8_0", 7_700_000_000, 8.5)]
    chosen = pick(entry, files, EIGHT_GB, gpu=False)
    assert chosen.exact and chosen.quant == "Q4_K_M" and chosen.size == 4_400_000_000
    roomy = MachineMemory(64 * GB, 48 * GB, None, None)
    assert pick(entry, files, roomy, gpu=False).quant == "Q8_0"
    tiny = MachineMemory(2 * GB, 1 * GB, None, None)
    nothing = pick(entry, files, tiny, gpu=False)
    # Nothing fits: the usual Q4_K_M is still shown, rated, so the row says why.
    assert nothing.quant == "Q4_K_M" and nothing.fit.rating == "too_big" and nothing.exact


# --- refreshing from the Hub -------------------------------------------------------------


def test_refresh_replaces_approximate_sizes_with_exact_ones(hub: FakeHub) -> None:
    hub.clear_requests()
    result = refresh(Hub(hub.url), CURATED)
    assert result.state is HubState.EXACT and result.reachable
    assert set(result.files) == set(SERVED)
    # Every other curated repository was asked once, and failed on its own.
    assert set(result.failed) == {m.repo_id for m in CURATED} - set(SERVED)
    assert len([r for r in hub.requests if r.path.startswith("/api/models/")]) == len(CURATED)
    picks = {p.model.repo_id: p for p in rank(CURATED, EIGHT_GB, False, exact=result.files)}
    for repo_id in SERVED:
        exact = picks[repo_id]
        served = hub.repos[repo_id].entries
        assert exact.exact and exact.size == served[exact.files[0]].size
        assert exact.quant == "Q8_0"  # a few kilobytes: the best quality fits
        assert exact.size < 50_000 < exact.model.approx_size
    others = [p for p in picks.values() if p.model.repo_id not in SERVED]
    assert all(not p.exact and p.size == p.model.approx_size for p in others)


def test_an_unreachable_hub_keeps_the_approximations() -> None:
    endpoint = f"http://127.0.0.1:{free_port()}"
    started = time.monotonic()
    result = refresh(Hub(endpoint), CURATED)
    assert time.monotonic() - started < 10  # stops after the first failures, no retries
    assert result.state is HubState.UNREACHABLE and not result.reachable
    assert result.stopped is not None and result.stopped.code == "hub.network.refused"
    assert not result.files and not result.failed
    picks = rank(CURATED, EIGHT_GB, False, exact=result.files)
    assert all(not p.exact and p.size == p.model.approx_size for p in picks)


def test_offline_asks_nothing(hub: FakeHub) -> None:
    hub.clear_requests()
    result = refresh(Hub(hub.url, offline=True), CURATED)
    assert result.state is HubState.OFFLINE and result.offline and not result.files
    assert hub.requests == []


def test_a_refresh_is_stoppable(hub: FakeHub) -> None:
    hub.clear_requests()
    stop = threading.Event()
    stop.set()
    before = refresh(Hub(hub.url), CURATED, stop=stop)
    assert before.state is HubState.CANCELLED and not before.files
    assert hub.requests == []
    # Stopped while the first request is in flight: that one ends, nothing more is asked.
    stop.clear()
    first = CURATED[0].repo_id
    hub.add_fault(Fault("delay", match=f"/api/models/{first}", seconds=1.0))
    results: list[Refresh] = []
    worker = threading.Thread(
        target=lambda: results.append(refresh(Hub(hub.url), CURATED, workers=1, stop=stop)))
    worker.start()
    deadline = time.monotonic() + 10
    while hub.pending_faults() and time.monotonic() < deadline:
        time.sleep(0.01)
    stop.set()
    worker.join(10)
    assert not worker.is_alive()
    (result,) = results
    assert result.state is HubState.CANCELLED and list(result.files) == [first]
    assert len(hub.requests) == 1
