"""A window start loads only what showing the window needs.

The MCP SDK (with pydantic and its protocol types), pint and keyring together took
about 0.65 s of a 1.7 s start on a 2-core machine (docs/benchmarks.md); each is loaded
at its first use instead: a server's first request, the first unit conversion, the
first remote server's key.  The app is started as the benchmark starts it (the real
``main.py``, offscreen, a fresh home, the start-up probe quitting once the starter
model is loaded), and reports what it had imported when it quit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.paths import HOME_ENV, app_paths
from core.tools.mcp.config import McpConfig
from core.tools.mcp.servers import McpServer

ROOT = Path(__file__).resolve().parents[2]
#: Libraries only a user's action needs, and what they pull in.
LOADED_ON_FIRST_USE = ("mcp", "mcp_types", "pydantic", "pint", "keyring")

_REPORTER = (
    "import atexit, runpy, sys\n"
    "watched = set(sys.argv[1].split(','))\n"
    "atexit.register(lambda: print('loaded:', sorted(watched & "
    "{name.split('.')[0] for name in sys.modules}), flush=True))\n"
    "sys.argv = ['main.py']\n"
    "runpy.run_path('main.py', run_name='__main__')\n"
)


def _start_app(home: Path, watched: tuple[str, ...]) -> list[str]:
    """The app's output: the probe's marks, then the ``watched`` libraries it loaded."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PROSA_HOME": str(home),
           "PROSA_STARTUP_PROBE": repr(time.time())}
    done = subprocess.run([sys.executable, "-c", _REPORTER, ",".join(watched)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    marks = json.loads(next(line for line in lines if line.startswith("{")))
    assert marks["loaded_s"] > marks["shown_s"] > 0  # the window was shown, the model loaded
    return lines


def test_a_window_start_loads_no_library_that_only_a_user_action_needs(
        tmp_path: Path) -> None:
    assert _start_app(tmp_path, LOADED_ON_FIRST_USE)[-1] == "loaded: []"


def test_an_mcp_server_in_the_settings_waits_for_its_first_use_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window makes its MCP hub with the user's servers at start-up; none starts,
    and the SDK waits with them."""
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    McpConfig.open(app_paths()).add(McpServer("files", command=sys.executable))
    assert _start_app(tmp_path, LOADED_ON_FIRST_USE)[-1] == "loaded: []"


def test_the_report_names_the_libraries_a_start_does_load(tmp_path: Path) -> None:
    """The control: the same start, watching two libraries it needs and one it does
    not, names the two."""
    assert _start_app(tmp_path, ("PySide6", "jinja2", "pint"))[-1] \
        == "loaded: ['PySide6', 'jinja2']"
