"""The benchmark suite still runs end to end, so it cannot rot unnoticed.

Only the shape is checked (every section, the file written, a verdict per target):
timings depend on the machine and its load, so none is asserted here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.suite import SECTIONS, Report, has_starter, machine, markdown

ROOT = Path(__file__).resolve().parent.parent


def test_markdown_has_every_section_even_when_empty() -> None:
    report = Report(quick=True)
    report.add("Memory", "GUI process RSS", "100 MB", "< 250 MB", True)
    report.add("Downloads", "app / curl", "0.5", ">= 0.8", False)
    text = markdown(report, machine(), "today")
    for section in SECTIONS:
        assert f"## {section}" in text
    assert "| GUI process RSS | 100 MB | < 250 MB | yes |" in text
    assert "| app / curl | 0.5 | >= 0.8 | **no** |" in text
    assert "cores" in text


@pytest.mark.skipif(not has_starter(), reason="the starter model is not installed")
def test_quick_suite_writes_every_section(tmp_path: Path) -> None:
    output = tmp_path / "benchmarks.md"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "main.py", "bench", "--quick", "--output",
                           str(output)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    text = output.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f"## {section}" in text
        assert f"## {section}\n\n(not measured" not in text, section
    assert "- Machine: " in text and "- Date: " in text
    for figure in ("decode tokens/s app/plain", "TTFT app - plain", "logprobs=0",
                   "TTFT turn 1", "worst event-loop stall", "live text equals the source",
                   "window shown", "starter model loaded", "GUI process RSS",
                   "engine RSS / plain Llama", "/ curl", "beam search, width 4"):
        assert figure in text, figure
    assert "| live text equals the source | True |" in text.replace(
        "stream: live text", "live text")


def test_analysis_below_the_marker_survives_a_new_run(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import bench.suite as suite

    output = tmp_path / "benchmarks.md"
    output.write_text(f"# old figures\n\n{suite.ANALYSIS_MARKER}\n\nWhy it is slow.\n")
    for name in ("conversation", "resume", "parsing", "smoothness", "startup", "memory",
                 "downloads", "decoding", "server"):
        monkeypatch.setattr(suite, name, lambda *_args: None)
    monkeypatch.setattr(suite, "throughput", lambda *_args: {})
    monkeypatch.setattr(suite, "starter", lambda: "model.gguf")
    assert suite.run_suite(True, output) == 0
    text = output.read_text(encoding="utf-8")
    assert "# old figures" not in text
    assert text.count(suite.ANALYSIS_MARKER) == 1 and "Why it is slow." in text
