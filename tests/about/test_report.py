"""The problem report: one zip with the logs and a description of this computer, never
the conversations or the settings (a Hub token), and never half a file."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from core.about import report
from core.about.report import ReportError, report_name, write_report
from core.paths import AppPaths


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(config=tmp_path / "config", data=tmp_path / "data",
                    cache=tmp_path / "cache", logs=tmp_path / "logs").ensure()


def test_the_report_holds_the_logs_and_the_machine_and_nothing_private(
        paths: AppPaths, tmp_path: Path) -> None:
    (paths.logs / "prosa.log").write_text("started\nfailed to load\n")
    (paths.logs / "engine.log.1").write_text("older engine lines\n")
    paths.settings_file.write_text(json.dumps({"hub_token": "hf_secret"}))
    (paths.data / "conversations.db").write_bytes(b"private talk")
    written = write_report(paths, tmp_path / report_name(0), {"model": "smol.gguf"})
    with zipfile.ZipFile(written) as archive:
        assert sorted(archive.namelist()) == ["about.json", "logs/engine.log.1",
                                              "logs/prosa.log"]
        about = json.loads(archive.read("about.json"))
        assert archive.read("logs/prosa.log") == b"started\nfailed to load\n"
        everything = b"".join(archive.read(n) for n in archive.namelist())
    assert about["model"] == "smol.gguf" and about["build"]["version"]
    assert about["cpu"]["cores"] >= 1 and isinstance(about["cpu"]["features"], list)
    assert b"hf_secret" not in everything and b"private talk" not in everything
    assert written.name.startswith("prosa-report-") and written.suffix == ".zip"


def test_a_big_log_keeps_its_end(paths: AppPaths, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report, "MAX_LOG_BYTES", 100)
    (paths.logs / "prosa.log").write_text("old line\n" * 50 + "the last line\n")
    with zipfile.ZipFile(write_report(paths, tmp_path / "r.zip")) as archive:
        kept = archive.read("logs/prosa.log")
    assert kept.startswith(b"[... earlier lines left out ...]") and kept.endswith(
        b"the last line\n")
    assert len(kept) < 200


def test_a_failed_write_leaves_no_file_and_says_why(paths: AppPaths, tmp_path: Path) -> None:
    dest = tmp_path / "missing-folder" / "report.zip"
    with pytest.raises(ReportError) as caught:
        write_report(paths, dest)
    assert caught.value.code == "app.report_failed"
    assert caught.value.params["path"] == str(dest)
    assert not dest.exists() and not dest.with_name("report.zip.partial").exists()
