"""The compiled probability helper (``core/engine/llama/native``) against the plain
definitions (a full sort, a float64 log-sum-exp) and against the numpy code it replaces:
on random rows, on the starter model's own logits, on every copy of its vector loops
(the CPU's own here, AVX2 and plain x86-64 under an emulated older CPU), and as
``packaging/native.py`` builds it."""

from __future__ import annotations

import ctypes
import importlib.util
import json
import math
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.engine.llama import logprobs
from core.engine.llama.backends import ensure_backends
from core.engine.llama.native import MAX_N, SOURCE, StepProbs, library_path, step_probs

ROOT = Path(__file__).resolve().parents[2]


def _packaging_native() -> Any:
    """``packaging/native.py``, loaded by path (``packaging/`` is not a package)."""
    spec = importlib.util.spec_from_file_location("prosa_packaging_native",
                                                  ROOT / "packaging" / "native.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def helper() -> StepProbs:
    found = step_probs()
    assert found is not None, "the helper is not built: run ./prosa.sh setup"
    return found


def _reference(row: np.ndarray, n: int) -> tuple[float, list[int]]:
    wide = row.astype(np.float64)
    top = wide.max()
    order = np.lexsort((np.arange(row.shape[0]), -row))  # highest first, ties by id
    return top + math.log(np.exp(wide - top).sum()), [int(t) for t in order[:n]]


def test_setup_built_the_helper_from_the_current_source(helper: StepProbs) -> None:
    assert library_path().stat().st_mtime >= SOURCE.stat().st_mtime


@settings(max_examples=300, deadline=None)
@given(size=st.integers(1, 5000), n=st.integers(0, MAX_N), seed=st.integers(0, 2**32 - 1),
       scale=st.floats(0.001, 20), offset=st.sampled_from([0.0, 40.0, -60.0, 200.0, -300.0]),
       decimals=st.sampled_from([None, 0, 1]))
def test_the_helper_is_the_definition(helper: StepProbs, size: int, n: int, seed: int,
                                      scale: float, offset: float,
                                      decimals: int | None) -> None:
    row = (np.random.default_rng(seed).standard_normal(size) * scale + offset)
    if decimals is not None:  # many ties
        row = np.round(row, decimals)
    row = row.astype(np.float32)
    found = helper(row, n)
    assert found is not None
    log_z, ids = found
    expected_z, expected_ids = _reference(row, n)
    assert ids == expected_ids
    assert math.isclose(log_z, expected_z, rel_tol=1e-6, abs_tol=1e-5)


@pytest.mark.parametrize("size", [49152, 262144])
def test_vocabulary_sized_rows_with_ties_at_the_top(helper: StepProbs, size: int) -> None:
    rng = np.random.default_rng(size)
    row = (rng.standard_normal(size) * 3).astype(np.float32)
    row[[5, size // 2, size - 1]] = 50.0  # ties at the top, one in the last block
    row[[17, 18]] = -np.inf  # tokens a model never writes
    found = helper(row, 5)
    assert found is not None
    assert found[1][:3] == [5, size // 2, size - 1]
    assert found[1] == _reference(row, 5)[1]
    assert math.isclose(found[0], _reference(row, 5)[0], rel_tol=1e-6)


def test_rows_it_leaves_to_numpy(helper: StepProbs) -> None:
    """NaN or infinite logits, no finite maximum, more alternatives than it keeps, or a
    row longer than its block maxima hold: ``None``, and the numpy code gives what it
    always gave."""
    row = np.zeros(1000, dtype=np.float32)
    assert helper(row, MAX_N + 1) is None
    assert helper(np.zeros(1_048_577, dtype=np.float32), 5) is None
    assert helper(np.zeros(1_048_576, dtype=np.float32), 5) is not None
    assert helper(row.astype(np.float64), 5) is None  # type: ignore[arg-type]
    assert helper(np.zeros((4, 250), dtype=np.float32)[:, 0], 5) is None  # not contiguous
    for bad in (np.nan, np.inf):
        broken = row.copy()
        broken[700] = bad
        assert helper(broken, 5) is None
    assert helper(np.full(100, -np.inf, dtype=np.float32), 5) is None
    assert helper(row[:3], 5) == (math.log(3.0), [0, 1, 2])  # fewer tokens than asked


def test_a_row_read_again_after_it_changed(helper: StepProbs) -> None:
    """The decoding loop passes the same view of llama.cpp's logits on every token,
    with new logits in it: the helper reads them anew, and checks a new row afresh."""
    rng = np.random.default_rng(7)
    row = (rng.standard_normal(49152) * 3).astype(np.float32)
    for token in (5, 17, 49151):
        row[:] = rng.standard_normal(49152) * 3
        row[token] = 30.0
        numbers = helper.numbers(row, token, 5)
        assert numbers is not None
        prob, ids, probs = numbers
        log_z, expected_ids = _reference(row, 5)
        assert ids == expected_ids and ids[0] == token
        assert math.isclose(prob, math.exp(30.0 - log_z), rel_tol=1e-6)
        assert all(math.isclose(p, math.exp(float(row[t]) - log_z), rel_tol=1e-6)
                   for p, t in zip(probs, ids, strict=True))
    assert helper.numbers(row.astype(np.float64), 0, 5) is None  # type: ignore[arg-type]
    assert helper.numbers(row[::2], 0, 5) is None  # a new row, not contiguous
    short = row[:3].copy()  # a new, shorter row: its own length, not the last one's
    found = helper(short, 5)
    assert found is not None
    expected_z, expected_ids = _reference(short, 5)
    assert found[1] == expected_ids
    assert math.isclose(found[0], expected_z, rel_tol=1e-6)


@pytest.fixture()
def numpy_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logprobs, "step_probs", lambda: None)


@pytest.fixture(scope="module")
def model_rows(starter_model: Path) -> Iterator[list[np.ndarray]]:
    """The starter model's logits for each position of a chat prompt."""
    import llama_cpp

    ensure_backends()
    model = llama_cpp.Llama(model_path=str(starter_model), n_ctx=512, logits_all=True,
                            verbose=False)
    tokens = model.tokenize(b"<|im_start|>user\nWrite a haiku about the sea, then explain "
                            b"it.<|im_end|>\n<|im_start|>assistant\nWaves", special=True)
    model.eval(tokens)
    yield [np.array(model.scores[i], dtype=np.float32) for i in range(len(tokens))]
    model.close()


def test_on_the_models_logits_the_numbers_are_numpys(helper: StepProbs,
                                                    model_rows: list[np.ndarray],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = [logprobs.step_numbers(row.copy(), 42, 5) for row in model_rows]
    monkeypatch.setattr(logprobs, "step_probs", lambda: None)
    with_numpy = [logprobs.step_numbers(row.copy(), 42, 5, spend=True) for row in model_rows]
    for (prob, ids, probs), (prob_np, ids_np, probs_np) in zip(compiled, with_numpy,
                                                               strict=True):
        assert ids == ids_np
        assert math.isclose(prob, prob_np, rel_tol=1e-5)
        assert all(math.isclose(a, b, rel_tol=1e-5) for a, b in zip(probs, probs_np,
                                                                  strict=True))


def test_the_decoding_loops_row_is_left_as_it_was(helper: StepProbs,
                                                  model_rows: list[np.ndarray]) -> None:
    """With the helper nothing is spent: the row reads the same afterwards."""
    row = model_rows[-1].copy()
    logprobs.step_numbers(row, 42, 5, spend=True)
    assert np.array_equal(row, model_rows[-1])


def test_a_build_compiles_once_and_gives_the_same_numbers(tmp_path: Path,
                                                          helper: StepProbs) -> None:
    if shutil.which("cc") is None and not os.environ.get("CC"):
        pytest.skip("no C compiler")
    target = tmp_path / library_path().name
    build = _packaging_native().build
    assert build(target, force=True) == target
    built_at = target.stat().st_mtime_ns
    assert build(target) == target and target.stat().st_mtime_ns == built_at  # up to date
    assert not target.with_name(target.name + ".partial").exists()
    fresh = StepProbs(ctypes.CDLL(str(target)))
    row = (np.random.default_rng(1).standard_normal(49152) * 4).astype(np.float32)
    assert fresh(row, 5) == helper(row, 5)


#: A short script for an emulated CPU: the helper through ctypes alone (numpy's own
#: build may not start on every emulated CPU), on a row it prints back as JSON.
_PROBE = """
import array, ctypes, json, sys
lib = ctypes.CDLL(sys.argv[1])
function = lib.prosa_step_probs
function.restype = ctypes.c_int32
row = array.array("f", json.loads(sys.stdin.read()))
data = (ctypes.c_float * len(row)).from_buffer(row)
top, total, ids = ctypes.c_float(), ctypes.c_double(), (ctypes.c_int64 * 64)()
found = function(data, ctypes.c_int64(len(row)), ctypes.c_int32(5), ctypes.byref(top),
                 ctypes.byref(total), ids, None)
print(json.dumps([top.value, total.value, list(ids[:found])]))
"""


@pytest.mark.skipif(shutil.which("qemu-x86_64") is None or platform.machine() != "x86_64",
                    reason="needs qemu-user on x86-64")
@pytest.mark.parametrize("cpu", ["Haswell", "Nehalem"])
def test_each_copy_of_the_loops_on_an_emulated_cpu(helper: StepProbs, cpu: str) -> None:
    """Haswell (AVX2, no AVX-512) and Nehalem (neither): the library loads, picks a
    copy of its loops that CPU has, and finds what this CPU's copy finds."""
    rng = np.random.default_rng(3)
    row = (rng.standard_normal(4099) * 5).astype(np.float32)
    row[[10, 4098]] = 30.0
    done = subprocess.run(["qemu-x86_64", "-cpu", cpu, sys.executable, "-c", _PROBE,
                           str(library_path())], input=json.dumps(row.tolist()),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    top, total, ids = json.loads(done.stdout)
    expected: Any = helper(row, 5)
    assert ids == expected[1] and ids[:2] == [10, 4098]
    assert math.isclose(top + math.log(total), expected[0], rel_tol=1e-6)
