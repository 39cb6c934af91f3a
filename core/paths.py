"""Where Prosa keeps its files.

All user state lives under folders from platformdirs, unless ``PROSA_HOME`` is set:
then everything (config, data, models, cache, logs) lives below that one folder.
This makes tests and portable installs a one-line affair.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Prosa"
HOME_ENV = "PROSA_HOME"


@dataclass(frozen=True)
class AppPaths:
    config: Path
    data: Path
    cache: Path
    logs: Path

    @property
    def models(self) -> Path:
        """Models the app owns: assembled starter models and, later, downloads."""
        return self.data / "models"

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
    """The folders for this run, honouring ``PROSA_HOME`` (read on every call)."""
    home = os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser()
        return AppPaths(
            config=root / "config", data=root / "data", cache=root / "cache", logs=root / "logs"
        )
    return AppPaths(
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
