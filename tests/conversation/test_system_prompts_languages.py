"""Built-in system prompts in both languages: the model reads them, so a Portuguese
window starts the model on a prompt that makes it answer in Portuguese."""

from __future__ import annotations

from pathlib import Path

from core.conversation.system_prompts import (
    DEFAULT_PROMPTS,
    SystemPromptLibrary,
    default_prompts,
)
from core.settings import (
    DEFAULT_SYSTEM_PROMPT,
    EARLIER_DEFAULT_SYSTEM_PROMPTS,
    Settings,
    default_system_prompt,
    is_default_system_prompt,
    load_settings,
    save_settings,
)


def test_the_default_prompt_asks_for_replies_in_the_users_language() -> None:
    assert default_system_prompt("en") == DEFAULT_SYSTEM_PROMPT
    assert DEFAULT_SYSTEM_PROMPT.endswith("Answer in the language the user writes in.")
    portuguese = default_system_prompt("pt_BR")
    assert portuguese.startswith("Você é um assistente prestativo.")
    assert portuguese.endswith("Responda no idioma em que o usuário escrever.")
    assert default_system_prompt("de") == DEFAULT_SYSTEM_PROMPT


def test_a_first_run_seeds_the_library_in_the_ui_language(tmp_path: Path) -> None:
    english = SystemPromptLibrary(tmp_path / "a.json")
    portuguese = SystemPromptLibrary(tmp_path / "b.json", language="pt_BR")
    assert english.prompts == DEFAULT_PROMPTS == default_prompts("en")
    assert [p.name for p in portuguese.prompts] == [
        "Assistente prestativo", "Conciso", "Professor paciente", "Tradutor"]
    assert portuguese.prompts[0].text == default_system_prompt("pt_BR")
    assert all(p.text != q.text for p, q in zip(english.prompts, portuguese.prompts,
                                                  strict=True))
    # Once the user changes the library, it is theirs: it stays in the language it was.
    portuguese.save("Pirata", "Fale como um pirata.")
    reopened = SystemPromptLibrary(tmp_path / "b.json", language="en")
    assert [p.name for p in reopened.prompts][:2] == ["Assistente prestativo", "Conciso"]


def test_an_unedited_default_follows_the_language_and_an_edited_one_stays(
        tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, Settings())
    stored = load_settings(path)
    assert stored.in_language("pt_BR").system_prompt == default_system_prompt("pt_BR")
    back = stored.in_language("pt_BR").in_language("en")
    assert back.system_prompt == DEFAULT_SYSTEM_PROMPT
    # The default of an earlier version was never edited either.
    earlier = Settings(system_prompt=EARLIER_DEFAULT_SYSTEM_PROMPTS[0])
    assert earlier.in_language("pt_BR").system_prompt == default_system_prompt("pt_BR")
    edited = Settings(system_prompt=DEFAULT_SYSTEM_PROMPT + " Use British spelling.")
    assert not is_default_system_prompt(edited.system_prompt)
    assert edited.in_language("pt_BR") is edited
