"""What the About panel and bug reports say about this copy of Prosa.

The version comes from ``pyproject.toml``, the one place it is written: read directly
in a source checkout, and copied into ``build_info.json`` by the packaging step for an
installed app (which has no ``pyproject.toml``).  The build record also says how
llama.cpp was compiled, so a bug report names the exact build.
"""

from __future__ import annotations

import json
import platform
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from core.paths import AppPaths, install_dir, is_frozen, portable_root

BUILD_INFO_FILE = "build_info.json"


@dataclass(frozen=True)
class BuildInfo:
    version: str
    #: An installed (frozen) build, and when and how it was made.
    frozen: bool
    built_at: str = ""
    llama_cmake_args: str = ""
    platform: str = ""


def pyproject_version(pyproject: Path) -> str:
    with pyproject.open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def build_info() -> BuildInfo:
    root = install_dir()
    record = root / BUILD_INFO_FILE
    if record.is_file():
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
            return BuildInfo(version=str(data["version"]), frozen=is_frozen(),
                             built_at=str(data.get("built_at", "")),
                             llama_cmake_args=str(data.get("llama_cmake_args", "")),
                             platform=str(data.get("platform", "")))
        except (OSError, ValueError, KeyError):
            pass
    try:
        version = pyproject_version(root / "pyproject.toml")
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        version = "?"
    return BuildInfo(version=version, frozen=is_frozen())


def app_version() -> str:
    return build_info().version


@dataclass(frozen=True)
class Runtime:
    python: str
    system: str
    executable: str
    install_folder: str
    portable: bool


def runtime() -> Runtime:
    return Runtime(
        python=f"{platform.python_version()} ({platform.python_implementation()})",
        system=f"{platform.system()} {platform.release()} {platform.machine()}",
        executable=sys.executable, install_folder=str(install_dir()),
        portable=portable_root() is not None)


def folders(paths: AppPaths) -> dict[str, Path]:
    """The folders a user may want to open or attach to a bug report."""
    return {"data": paths.data, "config": paths.config, "cache": paths.cache,
            "logs": paths.logs, "models": paths.models}
