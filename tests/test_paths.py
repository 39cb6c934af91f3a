"""Where Prosa keeps things: the models folder a user chose replaces the default one."""

from __future__ import annotations

from pathlib import Path

from core.paths import AppPaths


def test_a_chosen_models_folder_replaces_the_default(tmp_path: Path) -> None:
    paths = AppPaths(config=tmp_path / "c", data=tmp_path / "d", cache=tmp_path / "k",
                     logs=tmp_path / "l")
    assert paths.models == tmp_path / "d" / "models"
    moved = paths.with_models(str(tmp_path / "big disk" / "models")).ensure()
    assert moved.models == tmp_path / "big disk" / "models" and moved.models.is_dir()
    assert moved.data == paths.data  # only the models move
    assert paths.with_models(None).models == paths.models
    assert paths.with_models("~/models").models == Path.home() / "models"
