"""The installable app, built for real: the frozen one-folder app, the .deb and the
.tar.gz, run as a user's machine would run them.

One build (``packaging/build.py``, a few minutes) serves every test here.  The frozen
app runs with an empty HOME, a scrubbed environment and no network (``unshare -n``), so
it must carry everything it needs: Python, Qt, llama.cpp and the starter model.  Under
``qemu-x86_64 -cpu Haswell`` (a CPU without AVX-512) it must pick a CPU variant that
CPU can run, proving that the package does not depend on the build machine's CPU.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# A build takes minutes, and the emulated run three more: beyond the suite's 300 s.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800), pytest.mark.skipif(
    not Path("/usr/bin/dpkg-deb").exists(), reason="needs a Debian system (dpkg-deb)")]

#: Haswell (2013): AVX2 and FMA, no AVX-512.  The variants it may load.
HASWELL_SAFE = {"x64", "sse42", "sandybridge", "ivybridge", "piledriver", "haswell"}


@dataclass(frozen=True)
class Built:
    app: Path
    deb: Path
    tarball: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    out = tmp_path_factory.mktemp("package")
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--out",
                           str(out)], cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    artefacts = [Path(line.split("\t")[0]) for line in done.stdout.splitlines() if "\t" in line]
    app = next(p for p in artefacts if p.is_dir())
    deb = next(p for p in artefacts if p.suffix == ".deb")
    tarball = next(p for p in artefacts if p.name.endswith(".tar.gz"))
    yield Built(app, deb, tarball)
    shutil.rmtree(out, ignore_errors=True)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a fresh desktop session has: no Python, no venv, nothing of the build."""
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **extra}


def offline(command: list[str]) -> list[str]:
    """No network at all: a fresh network namespace has only a loopback, down."""
    return ["unshare", "-n", *command] if shutil.which("unshare") else command


def files_under(folder: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in folder.rglob("*") if not p.is_symlink()}


def test_frozen_self_test_runs_offline_with_an_empty_home(built: Built, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    before = files_under(built.app)
    done = subprocess.run(offline([str(built.app / "prosa"), "--self-test"]), env=clean_env(home),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["frozen"] is True
    assert report["engine"] == "process"  # the engine process was spawned from the bundle
    assert report["tokens"] >= 16
    assert report["model"] == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert report["cpu_variant"] and report["cpu_variant"] != "sapphirerapids"
    assert report["probabilities"] == "compiled"  # the helper shipped, and loads
    assert files_under(built.app) == before  # nothing written into the install folder


def test_frozen_window_starts_and_keeps_data_in_the_platform_folders(built: Built,
                                                                     tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    before = files_under(built.app)
    env = clean_env(home, QT_QPA_PLATFORM="offscreen", PROSA_STARTUP_PROBE=repr(time.time()))
    done = subprocess.run(offline([str(built.app / "prosa")]), env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    marks = json.loads(done.stdout.splitlines()[-1])
    assert marks["loaded_s"] > marks["shown_s"] > 0
    assert (home / ".local" / "share" / "Prosa" / "conversations.db").is_file()
    assert (home / ".config" / "Prosa" / "settings.json").is_file()
    assert files_under(built.app) == before


def test_a_portable_marker_keeps_the_data_beside_the_app(built: Built, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    marker = built.app / "portable"
    marker.write_text("")
    try:
        env = clean_env(home, QT_QPA_PLATFORM="offscreen",
                        PROSA_STARTUP_PROBE=repr(time.time()))
        done = subprocess.run([str(built.app / "prosa")], env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert (built.app / "prosa-data" / "data" / "conversations.db").is_file()
        assert not (home / ".local" / "share" / "Prosa").exists()
    finally:
        marker.unlink()
        shutil.rmtree(built.app / "prosa-data", ignore_errors=True)


def test_a_missing_model_argument_still_opens_the_window(built: Built, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(home, QT_QPA_PLATFORM="offscreen", PROSA_STARTUP_PROBE=repr(time.time()))
    done = subprocess.run([str(built.app / "prosa"), str(tmp_path / "nowhere" / "x.gguf")],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1])["loaded_s"] > 0  # the starter instead
    assert "Traceback" not in done.stderr


def test_the_deb_installs_a_launcher_menu_entry_icons_and_the_gguf_type(
        built: Built, tmp_path: Path) -> None:
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(built.deb), str(root)], check=True)
    info = subprocess.run(["dpkg-deb", "-f", str(built.deb)], capture_output=True, text=True,
                          check=True).stdout
    assert "Package: prosa" in info and "libxcb-cursor0" in info and "libegl1" in info
    launcher = root / "usr" / "bin" / "prosa"
    assert launcher.is_symlink() and not os.readlink(launcher).startswith("/")
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run(offline([str(launcher), "--self-test"]), env=clean_env(home),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["tokens"] >= 16

    desktop = root / "usr" / "share" / "applications" / "prosa.desktop"
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True,
                               text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout
    entry = desktop.read_text()
    assert "Exec=prosa %f" in entry and "MimeType=application/x-gguf;" in entry
    mime = ET.parse(root / "usr" / "share" / "mime" / "packages" / "prosa.xml")
    namespace = "{http://www.freedesktop.org/standards/shared-mime-info}"
    kind = mime.getroot().find(f"{namespace}mime-type")
    assert kind is not None and kind.get("type") == "application/x-gguf"
    assert kind.find(f"{namespace}glob").get("pattern") == "*.gguf"  # type: ignore[union-attr]
    icons = root / "usr" / "share" / "icons" / "hicolor"
    for size in (16, 32, 48, 128, 256, 512):
        png = icons / f"{size}x{size}" / "apps" / "prosa.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (icons / "scalable" / "apps" / "prosa.svg").is_file()
    assert (root / "opt" / "prosa" / "_internal" / "licences.json").is_file()


def test_the_tarball_holds_the_same_folder(built: Built) -> None:
    with tarfile.open(built.tarball) as tar:
        names = tar.getnames()
    top = names[0].split("/")[0]
    assert f"{top}/prosa" in names
    assert f"{top}/_internal/models/SmolLM2-135M-Instruct.Q4_1.gguf" in names
    assert any(n.endswith("llama_cpp/lib/libggml-cpu-haswell.so") for n in names)


@pytest.mark.skipif(shutil.which("qemu-x86_64") is None, reason="needs qemu-user")
def test_frozen_self_test_on_an_emulated_haswell(built: Built, tmp_path: Path) -> None:
    """A CPU without AVX-512: the package must choose a variant it can run.

    qemu-user emulates only the program it starts, so the engine runs in-process, and
    PyInstaller's bootloader must not restart itself (it re-executes itself once to set
    the library path, which would leave the emulator): the variables it sets for its
    second run are set here, so the first run is that one."""
    executable = (built.app / "prosa").resolve()
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(home, _PYI_ARCHIVE_FILE=str(executable), _PYI_PARENT_PROCESS_LEVEL="0",
                    LD_LIBRARY_PATH=str(executable.parent / "_internal"))
    # --brief: a one-word prompt and 4 tokens (the full self-test takes three minutes
    # under the emulator; this runs the same kernels, prompt batch and single steps).
    done = subprocess.run(["qemu-x86_64", "-cpu", "Haswell", str(executable), "--self-test",
                           "--in-process", "--brief"], env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["cpu_variant"] in HASWELL_SAFE, report
    assert report["tokens"] == 4 and report["reply"].strip()
    # The probability helper picked a copy of its loops this CPU has, and ran it.
    assert report["probabilities"] == "compiled"
