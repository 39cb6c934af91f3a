from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.conversation.system_prompts import DEFAULT_PROMPTS, SystemPromptLibrary
from core.errors import BadInput
from core.sampling.params import SamplingParams
from core.settings import LanguageChoice, Settings, ThemeChoice, load_settings, save_settings


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(n_ctx=2048, sampling=SamplingParams(temperature=0.0, stop=("###",)),
                        system_prompt="Be brief.").with_recent("/models/a.gguf")
    save_settings(path, settings)
    assert load_settings(path) == settings


def test_desktop_preferences_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(theme=ThemeChoice.DARK, language=LanguageChoice.PORTUGUESE_BR,
                        chat_zoom=3, tour_done=True, models_dir="/big/disk/models",
                        notifications=False)
    save_settings(path, settings)
    assert load_settings(path) == settings
    assert json.loads(path.read_text("utf-8"))["theme"] == "dark"


@pytest.mark.parametrize("bad", [{"theme": "purple"}, {"language": "klingon"},
                                 {"chat_zoom": 99}, {"chat_zoom": "big"}])
def test_absurd_desktop_preferences_reset_with_a_notice(tmp_path: Path,
                                                         bad: dict[str, object]) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(bad), "utf-8")
    settings = load_settings(path)
    assert settings == Settings()
    assert settings.notice is not None
    assert settings.notice.code in {"settings.reset", "settings.reset_value"}


def test_damaged_settings_are_kept_aside_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    settings = load_settings(path)
    assert settings == Settings()
    assert settings.notice is not None and settings.notice.code == "settings.damaged"
    assert "damaged" in settings.notice.message
    kept = list(tmp_path.glob("settings.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{not json"


def test_absurd_saved_values_fall_back_to_defaults_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"n_ctx": -5, "sampling": {"temperature": 99}}), "utf-8")
    settings = load_settings(path)
    assert settings == Settings()
    assert settings.notice is not None and settings.notice.code == "settings.reset"
    assert "invalid" in settings.notice.message
    assert settings.notice.cause is not None
    assert settings.notice.cause.code == "sampling.out_of_range"  # the first invalid value


def test_recent_models_are_unique_newest_first() -> None:
    settings = Settings().with_recent("a").with_recent("b").with_recent("a")
    assert settings.recent_models == ("a", "b")


@pytest.mark.parametrize("bad", [
    {"temperature": float("nan")}, {"temperature": -0.1}, {"top_k": 1.5}, {"top_p": 2},
    {"max_tokens": 0}, {"seed": 2**40}, {"stop": ("",)}, {"min_p": "high"},
])
def test_absurd_sampling_values_are_rejected_with_their_name(bad: dict[str, object]) -> None:
    with pytest.raises(BadInput) as caught:
        SamplingParams.from_dict(bad)
    assert "Invalid sampling settings" in caught.value.message


@given(st.floats(0, 5), st.integers(0, 1000), st.floats(0, 1), st.integers(1, 4096))
def test_valid_sampling_round_trips(temp: float, top_k: int, top_p: float, max_t: int) -> None:
    params = SamplingParams(temperature=temp, top_k=top_k, top_p=top_p, max_tokens=max_t)
    assert SamplingParams.from_dict(json.loads(json.dumps(params.to_dict()))) == params


def test_system_prompt_library(tmp_path: Path) -> None:
    path = tmp_path / "prompts.json"
    library = SystemPromptLibrary(path)
    assert library.prompts == DEFAULT_PROMPTS
    library.save("Pirate", "Talk like a pirate.")
    library.rename("Pirate", "  Old   salt ")
    with pytest.raises(BadInput, match="already exists"):
        library.rename("Concise", "old salt")
    library.delete("Concise")
    reopened = SystemPromptLibrary(path)
    names = [p.name for p in reopened.prompts]
    assert "Old salt" in names and "Concise" not in names
    assert reopened.get("OLD SALT") is not None
    with pytest.raises(BadInput):
        reopened.save("   ", "x")


def test_damaged_system_prompts_file_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "prompts.json"
    path.write_bytes(b"\xff\xfe garbage")
    library = SystemPromptLibrary(path)
    assert library.prompts == DEFAULT_PROMPTS
    assert library.notice is not None and library.notice.code == "prompts.damaged"
    assert "damaged" in library.notice.message
    assert list(tmp_path.glob("prompts.json.damaged-*"))


def test_settings_file_with_a_token_is_private(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, Settings(hub_token="hf_secret", offline=True,
                                 hub_endpoint="http://127.0.0.1:9"))
    assert path.stat().st_mode & 0o077 == 0
    loaded = load_settings(path)
    assert (loaded.hub_token, loaded.offline, loaded.hub_endpoint) == (
        "hf_secret", True, "http://127.0.0.1:9")
