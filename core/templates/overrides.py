"""The user's own chat template for a model, remembered across runs.

Stored as a JSON object ``{model key: template source}`` in the config folder.  The
key is the file's name and size, not its path: people move and re-organize model
folders, and a moved file should keep its override, while reading gigabytes to hash
it on every load would be far too slow.  Two different files with the same name and
byte count are rare enough to accept.

Callers may name the model by its :class:`~core.models.gguf.ModelInfo` or by its path
(the window knows only the path of the loaded model); a path costs one ``stat``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final, TypeAlias

from core.common.jsonfile import read_json, write_json
from core.errors import BadInput, ModelFileError, Problem
from core.models.gguf import ModelInfo
from core.paths import app_paths
from core.templates.template import ChatTemplate

FILE_NAME: Final = "template_overrides.json"
#: Real templates are at most tens of kilobytes; this stops a pasted file or log.
MAX_TEMPLATE_CHARS: Final = 1_000_000


#: A model, by its header or by the path of its file.
ModelRef: TypeAlias = ModelInfo | str | os.PathLike[str]


def model_key(model: ModelRef) -> str:
    """Path-independent identity of a model file: ``"name.gguf:size"``.

    Raises OSError when ``model`` is a path that cannot be examined.
    """
    if isinstance(model, ModelInfo):
        return f"{model.path.name}:{model.file_size}"
    path = Path(model)
    return f"{path.name}:{path.stat().st_size}"


def default_overrides_path() -> Path:
    return app_paths().config / FILE_NAME


class TemplateOverrides:
    """Per-model template overrides; every change is written at once (atomically)."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path if path is not None else default_overrides_path()
        #: Set when the file could not be used, for the window to show once.
        self.notice: Problem | None = None
        data, kept_as = read_json(self._path)
        if kept_as is not None:
            self.notice = Problem.of(
                "template.overrides_damaged",
                "The saved chat template overrides were damaged; the file was kept as "
                "{kept_as} and the models' own templates are in use.",
                kept_as=kept_as.name,
            )
        self._overrides = _parse(data)
        if data is not None and not isinstance(data, dict):
            self.notice = Problem.of(
                "template.overrides_unreadable",
                "The saved chat template overrides ({file}) were not in the expected format "
                "and were ignored.",
                file=self._path.name,
            )

    def get(self, model: ModelRef) -> str | None:
        """The override, or None (also for a path that no longer exists)."""
        try:
            return self._overrides.get(model_key(model))
        except OSError:
            return None

    def set(self, model: ModelRef, source: str) -> None:
        """Save ``source`` for this model once it compiles.

        A template that does not compile is refused here, with the line Jinja
        complains about (a :class:`~core.errors.TemplateError`), rather than at the
        next load, when the user is no longer looking at it.
        """
        if not source.strip():
            raise BadInput(
                "template.empty",
                "The template is empty. To go back to the model's own template, remove the "
                "override instead.",
            )
        if len(source) > MAX_TEMPLATE_CHARS:
            raise BadInput(
                "template.too_long",
                "The template is {length:,} characters long; the limit is {limit:,}. Check "
                "that the right text was pasted.",
                length=len(source), limit=MAX_TEMPLATE_CHARS,
            )
        ChatTemplate(source)
        try:
            key = model_key(model)
        except OSError as exc:
            shown = model.path if isinstance(model, ModelInfo) else os.fsdecode(model)
            raise ModelFileError(
                "template.model_unreadable",
                "The model file {path} cannot be read ({reason}), so its template cannot be "
                "saved.",
                details=repr(exc), path=str(shown), reason=exc.strerror or str(exc),
            ) from exc
        self._overrides[key] = source
        self._write()

    def clear(self, model: ModelRef) -> None:
        try:
            key = model_key(model)
        except OSError:
            return  # a vanished file: nothing can be looked up for it any more
        if self._overrides.pop(key, None) is not None:
            self._write()

    def _write(self) -> None:
        write_json(self._path, dict(sorted(self._overrides.items())))


def _parse(data: object) -> dict[str, str]:
    """Entries that are not text (a hand edit gone wrong) are dropped, not fatal."""
    if not isinstance(data, dict):
        return {}
    return {
        key: value
        for key, value in data.items()
        if isinstance(key, str) and isinstance(value, str) and value.strip()
    }
