"""Remote servers as saved: addresses, the list file, keys, references, the request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from core.conversation.types import ThinkingSettings
from core.errors import BadInput
from core.output.types import ThinkingMode
from core.remote.config import RemoteConfig
from core.remote.errors import retry_after, server_message
from core.remote.refs import is_remote, make_ref, parse_ref, short_name
from core.remote.registry import RemoteRegistry
from core.remote.secrets import KeyStore
from core.remote.servers import RemoteServer, normalized_url
from core.remote.wire import chat_request
from core.sampling.params import SamplingParams
from core.tools.choice import OutputConstraint, ToolChoice, ToolChoiceMode, ToolOffer


class DictKeyring(KeyringBackend):
    """A keyring that keeps its secrets in a dict: the system's store's stand-in."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.mark.parametrize(("typed", "base"), [
    ("http://10.0.0.5:8080", "http://10.0.0.5:8080/v1"),
    ("http://10.0.0.5:8080/", "http://10.0.0.5:8080/v1"),
    (" https://api.example.com/v1/ ", "https://api.example.com/v1"),
    ("http://localhost:11434/v1?x=1#y", "http://localhost:11434/v1"),
    ("http://[::1]:8000/openai/v1", "http://[::1]:8000/openai/v1"),
])
def test_addresses_become_the_api_base(typed: str, base: str) -> None:
    assert normalized_url(typed) == base


@pytest.mark.parametrize("typed", ["", "localhost:8080", "ftp://h/v1", "http://", "http://h:x/"])
def test_bad_addresses_are_refused(typed: str) -> None:
    with pytest.raises(BadInput) as caught:
        normalized_url(typed)
    assert caught.value.code == "remote.bad_address"


def test_the_list_keeps_servers_and_never_a_key(tmp_path: Path) -> None:
    path = tmp_path / "remote_servers.json"
    config = RemoteConfig(path)
    box = config.put(RemoteServer("Lab  box", "http://10.0.0.5:8080"))
    assert box.name == "Lab box" and box.base_url.endswith("/v1")
    with pytest.raises(BadInput, match="already exists"):
        config.put(RemoteServer("lab BOX", "http://h/v1"))
    renamed = config.put(RemoteServer("GPU box", box.base_url, box.id))
    assert RemoteConfig(path).servers == (renamed,)
    keys = KeyStore(DictKeyring())
    keys.set(box.id, "sk-secret")
    assert "sk-secret" not in path.read_text()
    config.remove(box.id)
    assert RemoteConfig(path).servers == ()


def test_a_damaged_list_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "remote_servers.json"
    path.write_text("{not json")
    config = RemoteConfig(path)
    assert config.servers == () and [p.code for p in config.problems] == ["remote.damaged"]
    assert list(tmp_path.glob("remote_servers.json.damaged-*"))
    path.write_text(json.dumps({"servers": [{"id": "a", "name": "ok", "base_url": "http://h"},
                                            {"id": "b", "name": "", "base_url": "x"}, 7]}))
    config = RemoteConfig(path)
    assert [s.name for s in config.servers] == ["ok"]
    assert len(config.problems) == 2


def test_keys_live_in_the_keyring_or_only_in_memory() -> None:
    store = DictKeyring()
    keys = KeyStore(store)
    assert keys.remembers
    keys.set("id1", "k1")
    assert KeyStore(store).get("id1") == "k1"  # another session reads it
    keys.set("id1", "")
    assert keys.get("id1") is None and not store.secrets
    keys.delete("never-set")  # no error
    memory = KeyStore(None, detect=False)
    assert not memory.remembers
    memory.set("id2", "k2")
    assert memory.get("id2") == "k2"
    assert KeyStore(None, detect=False).get("id2") is None


def test_references_name_a_server_and_a_model() -> None:
    ref = make_ref("abc", "org/Model Q4:latest")
    assert is_remote(ref) and not is_remote("/models/a.gguf")
    parsed = parse_ref(ref)
    assert parsed is not None and (parsed.server_id, parsed.model) == ("abc",
                                                                       "org/Model Q4:latest")
    assert short_name(ref) == "org/Model Q4:latest"
    assert short_name("/models/a.gguf") == "a.gguf"
    assert parse_ref("remote:abc") is None and parse_ref("remote:/m") is None


def test_resolving_a_removed_server_or_offline(tmp_path: Path) -> None:
    config = RemoteConfig(tmp_path / "r.json")
    box = config.put(RemoteServer("Box", "http://h"))
    offline = [False]
    registry = RemoteRegistry(config, KeyStore(None, detect=False), offline=lambda: offline[0])
    registry.keys.set(box.id, "k")
    ref = parse_ref(make_ref(box.id, "m"))
    assert ref is not None
    target = registry.resolve(ref)
    assert (target.server, target.model, target.api_key) == (box, "m", "k")
    assert target.label == "m @ Box"
    offline[0] = True
    with pytest.raises(BadInput) as caught:
        registry.resolve(ref)
    assert caught.value.code == "remote.offline"
    offline[0] = False
    config.remove(box.id)
    with pytest.raises(BadInput) as caught:
        registry.resolve(ref)
    assert caught.value.code == "remote.unknown_server"


def test_the_request_body_carries_what_the_api_defines() -> None:
    messages = [{"role": "user", "content": "2+2?"},
                {"role": "assistant", "content": "", "reasoning_content": "hm",
                 "tool_calls": [{"id": "c1", "type": "function", "function": {
                     "name": "calc", "arguments": {"expression": "2+2"}}}]},
                {"role": "tool", "tool_call_id": "c1", "name": "calc", "content": "4"}]
    schema = {"type": "object"}
    request = chat_request(
        "m", messages, SamplingParams(temperature=0.5, stop=("END",), seed=4),
        thinking=ThinkingSettings(ThinkingMode.OFF, None, {"reasoning_effort": "low"}),
        offer=ToolOffer(({"type": "function", "function": {"name": "calc"}},),
                        ToolChoice(ToolChoiceMode.NAMED, "calc"), OutputConstraint(schema)))
    body = request.body
    assistant = body["messages"][1]
    assert "reasoning_content" not in assistant
    assert assistant["tool_calls"][0]["function"]["arguments"] == '{"expression": "2+2"}'
    assert body["messages"][2] == {"role": "tool", "content": "4", "name": "calc",
                                   "tool_call_id": "c1"}
    assert body["stop"] == ["END"] and body["seed"] == 4 and body["temperature"] == 0.5
    assert body["tool_choice"] == {"type": "function", "function": {"name": "calc"}}
    assert body["response_format"]["json_schema"]["schema"] == schema
    assert body["chat_template_kwargs"] == {"enable_thinking": False}
    assert body["reasoning_effort"] == "low"
    plain = request.without_extras().body
    assert not {"top_k", "min_p", "chat_template_kwargs"} & plain.keys()
    assert plain["temperature"] == 0.5


def test_server_messages_and_waits_are_read_safely() -> None:
    assert server_message(b'{"error": {"message": "bad \\u001b[1mkey"}}') == "bad [1mkey"
    assert server_message('{"detail": "Invalid API key"}') == "Invalid API key"
    assert server_message("plain\ntext") == "plain text"
    assert len(server_message("x" * 10_000)) == 300
    assert retry_after("12") == 12.0 and retry_after("Wed, 21 Oct 2015") is None
    assert retry_after(None) is None and retry_after("-3") is None

