"""The app's settings: typed, validated, stored as JSON under the config folder.

Loading never fails: a damaged file is kept aside and defaults are used, and
``Settings.notice`` says so, so the window can tell the user once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from core.common.jsonfile import read_json, write_json
from core.engine.options import FlashAttention, KVCacheType
from core.errors import BadInput, Problem
from core.sampling.params import SamplingParams
from core.server.config import DEFAULT_PORT, LOOPBACK, valid_host

#: The system prompt of a new chat, in each language the window speaks: the model reads
#: it, so it is data here and not a translation, and it asks for replies in the user's
#: language (a small model otherwise answers a Portuguese question in English).
DEFAULT_SYSTEM_PROMPTS: dict[str, str] = {
    "en": "You are a helpful assistant. Be clear and concise. Answer in the language the "
          "user writes in.",
    "pt_BR": "Você é um assistente prestativo. Seja claro e conciso. Responda no idioma em "
             "que o usuário escrever.",
}
DEFAULT_SYSTEM_PROMPT = DEFAULT_SYSTEM_PROMPTS["en"]
#: Defaults of earlier versions: a stored prompt equal to one was never edited either.
EARLIER_DEFAULT_SYSTEM_PROMPTS = ("You are a helpful assistant. Answer clearly and concisely.",)
DEFAULT_HUB_ENDPOINT = "https://huggingface.co"
MAX_RECENT = 10
CTX_RANGE = (256, 1_048_576)
#: Steps of the chat font size away from the system's (each about 10 %).
ZOOM_RANGE = (-5, 10)
#: The caps of the KV snapshots, in MiB (None in the settings: sized to the machine).
SNAPSHOT_MB_RANGE = (0, 1 << 20)


class ThemeChoice(StrEnum):
    """Which colours the window uses: the desktop's light or dark scheme, or a fixed one."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class LanguageChoice(StrEnum):
    """The language of the window: the desktop's, or one Prosa ships."""

    SYSTEM = "system"
    ENGLISH = "en"
    PORTUGUESE_BR = "pt_BR"


@dataclass(frozen=True)
class Settings:
    last_model: str | None = None
    recent_models: tuple[str, ...] = ()
    n_ctx: int = 4096
    #: Layers to offload to the GPU; -1 offloads all, 0 runs on the CPU.
    n_gpu_layers: int = 0
    n_threads: int | None = None
    #: How attention is computed and the KV cache stored (``core.engine.options``).
    flash_attention: FlashAttention = FlashAttention.OFF
    kv_cache_type: KVCacheType = KVCacheType.F16
    #: KV snapshots per conversation (``core.engine.snapshots``): the disk and memory
    #: they may use, in MiB; ``None`` sizes them to the machine, 0 keeps none.
    snapshot_disk_mb: int | None = None
    snapshot_memory_mb: int | None = None
    sampling: SamplingParams = field(default_factory=SamplingParams)
    system_prompt: str = DEFAULT_SYSTEM_PROMPT
    #: A model whose load killed the engine; not loaded again automatically.
    crashed_model: str | None = None
    #: The Hugging Face Hub or a mirror of it.
    hub_endpoint: str = DEFAULT_HUB_ENDPOINT
    #: Access token for gated and private repositories.
    hub_token: str | None = None
    #: When on, Prosa makes no network request at all.
    offline: bool = False
    #: Let the engine evaluate the conversation and the draft while the user types.
    read_ahead: bool = True
    theme: ThemeChoice = ThemeChoice.SYSTEM
    #: Applied at the next start (Qt's translators are installed before any widget).
    language: LanguageChoice = LanguageChoice.SYSTEM
    #: The chat's font size, in steps away from the system's (see ``ZOOM_RANGE``).
    chat_zoom: int = 0
    #: The short tour of the right panel was taken or skipped: it never returns.
    tour_done: bool = False
    #: Where models are downloaded and looked for (the data folder's ``models`` when
    #: None); applied at the next start.
    models_dir: str | None = None
    #: Tell through the system tray when a download or a long reply ends unseen.
    notifications: bool = True
    #: Prosa's own OpenAI-compatible API server (``core.server``): off unless turned on,
    #: on loopback unless the user names another address.  Its key is kept in the
    #: system keyring (``core.server.keys``), never here.
    server_enabled: bool = False
    server_host: str = LOOPBACK
    server_port: int = DEFAULT_PORT
    server_require_key: bool = False
    #: Said once at start-up: the file was damaged or held invalid values.
    notice: Problem | None = field(default=None, compare=False)

    def with_recent(self, model_path: str) -> Settings:
        recent = (model_path, *(p for p in self.recent_models if p != model_path))
        return replace(self, last_model=model_path, recent_models=recent[:MAX_RECENT])

    def in_language(self, language: str) -> Settings:
        """These settings with the default system prompt in ``language`` (``"en"``,
        ``"pt_BR"``), when the stored one is a default the user never edited; an edited
        prompt is never replaced."""
        if not is_default_system_prompt(self.system_prompt):
            return self
        return replace(self, system_prompt=default_system_prompt(language))

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        if not CTX_RANGE[0] <= self.n_ctx <= CTX_RANGE[1]:
            found.append(Problem.of("settings.context_length", "The context length must be "
                                    "between {low} and {high}.", low=CTX_RANGE[0],
                                    high=CTX_RANGE[1]))
        if self.n_gpu_layers < -1:
            found.append(Problem.of("settings.gpu_layers", "GPU layers must be -1 (all), 0 "
                                    "(none) or a positive number."))
        if self.n_threads is not None and not 1 <= self.n_threads <= 1024:
            found.append(Problem.of("settings.threads",
                                    "Threads must be between 1 and 1024."))
        if self.kv_cache_type.quantized and self.flash_attention is FlashAttention.OFF:
            found.append(Problem.of(
                "settings.kv_needs_flash_attention", "A {format} KV cache needs flash "
                "attention: choose On or Automatic, or the f16 cache.",
                format=self.kv_cache_type.value))
        for cap in (self.snapshot_disk_mb, self.snapshot_memory_mb):
            if cap is not None and not SNAPSHOT_MB_RANGE[0] <= cap <= SNAPSHOT_MB_RANGE[1]:
                found.append(Problem.of(
                    "settings.snapshot_cap", "The space for saved conversations must be "
                    "between {low} and {high} MB.", low=SNAPSHOT_MB_RANGE[0],
                    high=SNAPSHOT_MB_RANGE[1]))
                break
        if not self.hub_endpoint.startswith(("http://", "https://")):
            found.append(Problem.of("settings.hub_address",
                                    "The Hub address must start with http:// or https://."))
        if self.models_dir is not None and not Path(self.models_dir).expanduser().is_absolute():
            found.append(Problem.of("settings.models_dir",
                                    "The models folder must be a full path."))
        if not ZOOM_RANGE[0] <= self.chat_zoom <= ZOOM_RANGE[1]:
            found.append(Problem.of("settings.zoom", "The chat zoom must be between {low} "
                                    "and {high}.", low=ZOOM_RANGE[0], high=ZOOM_RANGE[1]))
        if not 1 <= self.server_port <= 65535:
            found.append(Problem.of("settings.server_port", "The API server's port must be "
                                    "between 1 and 65535."))
        if not valid_host(self.server_host):
            found.append(Problem.of("settings.server_host", "The API server's address must "
                                    "be an IP address or a host name, such as 127.0.0.1."))
        return found + self.sampling.problems()

    def to_dict(self) -> dict[str, Any]:
        return {
            "last_model": self.last_model,
            "recent_models": list(self.recent_models),
            "n_ctx": self.n_ctx,
            "n_gpu_layers": self.n_gpu_layers,
            "n_threads": self.n_threads,
            "flash_attention": self.flash_attention.value,
            "kv_cache_type": self.kv_cache_type.value,
            "snapshot_disk_mb": self.snapshot_disk_mb,
            "snapshot_memory_mb": self.snapshot_memory_mb,
            "sampling": self.sampling.to_dict(),
            "system_prompt": self.system_prompt,
            "crashed_model": self.crashed_model,
            "hub_endpoint": self.hub_endpoint,
            "hub_token": self.hub_token,
            "offline": self.offline,
            "read_ahead": self.read_ahead,
            "theme": self.theme.value,
            "language": self.language.value,
            "chat_zoom": self.chat_zoom,
            "tour_done": self.tour_done,
            "models_dir": self.models_dir,
            "notifications": self.notifications,
            "server_enabled": self.server_enabled,
            "server_host": self.server_host,
            "server_port": self.server_port,
            "server_require_key": self.server_require_key,
        }


def default_system_prompt(language: str) -> str:
    """The default system prompt in ``language``; English for a language Prosa lacks."""
    return DEFAULT_SYSTEM_PROMPTS.get(language, DEFAULT_SYSTEM_PROMPT)


def is_default_system_prompt(text: str) -> bool:
    """Whether ``text`` is a default system prompt, of any language or earlier version."""
    text = text.strip()
    return text in DEFAULT_SYSTEM_PROMPTS.values() or text in EARLIER_DEFAULT_SYSTEM_PROMPTS


def load_settings(path: Path) -> Settings:
    data, kept_as = read_json(path)
    if kept_as is not None:
        return Settings(notice=Problem.of(
            "settings.damaged", "The settings file was damaged; it was kept as {name} and "
            "default settings are in use.", name=kept_as.name))
    if not isinstance(data, dict):
        return Settings()
    try:
        return _from_dict(data)
    except BadInput as exc:
        return Settings(notice=Problem.of(
            "settings.reset", "Some saved settings were invalid and were reset: {cause}",
            cause=exc.problem))
    except (TypeError, ValueError) as exc:
        return Settings(notice=Problem.of(
            "settings.reset_value", "Some saved settings were invalid and were reset.",
            details=repr(exc)))


def save_settings(path: Path, settings: Settings) -> None:
    # The file may hold the Hub access token: write_json creates it readable by the
    # owner only (mkstemp's 0600), and the rename keeps that mode.
    write_json(path, settings.to_dict())


def _from_dict(data: dict[str, Any]) -> Settings:
    defaults = Settings()
    sampling = data.get("sampling")
    recent = data.get("recent_models") or []
    settings = Settings(
        last_model=_opt_str(data.get("last_model")),
        recent_models=tuple(str(p) for p in recent if isinstance(p, str))[:MAX_RECENT],
        n_ctx=int(data.get("n_ctx", defaults.n_ctx)),
        n_gpu_layers=int(data.get("n_gpu_layers", defaults.n_gpu_layers)),
        n_threads=None if data.get("n_threads") is None else int(data["n_threads"]),
        flash_attention=FlashAttention(data.get("flash_attention", defaults.flash_attention)),
        kv_cache_type=KVCacheType(data.get("kv_cache_type", defaults.kv_cache_type)),
        snapshot_disk_mb=_opt_int(data.get("snapshot_disk_mb")),
        snapshot_memory_mb=_opt_int(data.get("snapshot_memory_mb")),
        sampling=SamplingParams.from_dict(sampling) if isinstance(sampling, dict)
        else defaults.sampling,
        system_prompt=str(data.get("system_prompt", defaults.system_prompt)),
        crashed_model=_opt_str(data.get("crashed_model")),
        hub_endpoint=str(data.get("hub_endpoint") or defaults.hub_endpoint).rstrip("/"),
        hub_token=_opt_str(data.get("hub_token")),
        offline=bool(data.get("offline", False)),
        read_ahead=bool(data.get("read_ahead", defaults.read_ahead)),
        theme=ThemeChoice(data.get("theme", defaults.theme)),
        language=LanguageChoice(data.get("language", defaults.language)),
        chat_zoom=int(data.get("chat_zoom", defaults.chat_zoom)),
        tour_done=bool(data.get("tour_done", defaults.tour_done)),
        models_dir=_opt_str(data.get("models_dir")),
        notifications=bool(data.get("notifications", defaults.notifications)),
        server_enabled=bool(data.get("server_enabled", defaults.server_enabled)),
        server_host=str(data.get("server_host") or defaults.server_host).strip(),
        server_port=int(data.get("server_port", defaults.server_port)),
        server_require_key=bool(data.get("server_require_key",
                                         defaults.server_require_key)),
    )
    problems = settings.problems()
    if problems:
        first = problems[0]
        raise BadInput(first.code, first.template, details=first.details, **first.fields)
    return settings


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
