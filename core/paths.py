"""Where Prosa keeps its files.

All user state lives under folders from platformdirs, unless ``PROSA_HOME`` is set:
then everything (config, data, models, cache, logs) lives below that one folder.
This makes tests and portable installs a one-line affair.  An installed (frozen) app
with a file named ``portable`` beside its binary keeps everything in ``prosa-data``
beside it instead, so it runs from a USB stick and leaves nothing on the computer.

The install folder itself (``install_dir``) is read-only to the app: resources and the
bundled starter model come from there, user data never goes there.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import platformdirs

APP_NAME = "Prosa"
HOME_ENV = "PROSA_HOME"
#: A file of this name beside the installed binary makes the install portable.
PORTABLE_MARKER = "portable"
PORTABLE_FOLDER = "prosa-data"


def is_frozen() -> bool:
    """Running as the installed app (PyInstaller), not from a source checkout."""
    return bool(getattr(sys, "frozen", False))


def install_dir() -> Path:
    """Where the app's own files are: the source checkout, or the frozen bundle."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return install_dir() / "resources"


def portable_root() -> Path | None:
    """The data folder of a portable install, or ``None``."""
    if not is_frozen():
        return None
    beside = Path(sys.executable).resolve().parent
    return beside / PORTABLE_FOLDER if (beside / PORTABLE_MARKER).is_file() else None


@dataclass(frozen=True)
class AppPaths:
    config: Path
    data: Path
    cache: Path
    logs: Path
    #: The models folder the user chose in Preferences (``None``: the data folder's).
    models_folder: Path | None = None

    @property
    def models(self) -> Path:
        """Models the app owns: assembled starter models and downloads; a folder of
        the user's choice when they picked one (a bigger disk, a shared folder)."""
        return self.models_folder if self.models_folder is not None else self.data / "models"

    def with_models(self, folder: str | None) -> AppPaths:
        """These paths with the models folder the settings name (``None``: the default)."""
        return replace(self, models_folder=Path(folder).expanduser() if folder else None)

    @property
    def snapshots(self) -> Path:
        """Conversations' KV snapshots (``core.engine.snapshots``): a cache, safe to
        delete at any time."""
        return self.cache / "kv"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def system_prompts_file(self) -> Path:
        return self.config / "system_prompts.json"

    def ensure(self) -> AppPaths:
        for folder in (self.config, self.data, self.cache, self.logs, self.models):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def app_paths() -> AppPaths:
    """The folders for this run, honouring ``PROSA_HOME`` (read on every call), then a
    portable install's marker."""
    home = os.environ.get(HOME_ENV)
    root = Path(home).expanduser() if home else portable_root()
    if root is not None:
        return AppPaths(
            config=root / "config", data=root / "data", cache=root / "cache", logs=root / "logs"
        )
    return AppPaths(
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
