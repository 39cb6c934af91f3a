"""The list of MCP servers and trusted tools in the config folder: kept as written,
private to the user, and never lost to a damaged file or a bad entry."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest

from core.errors import BadInput
from core.paths import app_paths
from core.tools.mcp.config import FILE_NAME, McpConfig, config_path
from core.tools.mcp.errors import McpUnknownServer
from core.tools.mcp.servers import McpServer, Transport

pytestmark = pytest.mark.timeout(30)

FILES = McpServer("files", Transport.STDIO, "npx", ("-y", "@mcp/files", "/tmp"),
                  env={"API_TOKEN": "secret"}, timeout_s=12.5)
WEB = McpServer("web", Transport.HTTP, url="https://example.org/mcp",
                headers={"Authorization": "Bearer secret"}, enabled=False)


@pytest.fixture
def path(prosa_home: Path) -> Path:
    return config_path(app_paths())


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_file_lives_in_the_config_folder(prosa_home: Path) -> None:
    assert config_path(app_paths()) == prosa_home / "config" / FILE_NAME
    assert McpConfig.open(app_paths()).servers == ()


def test_servers_and_trusted_tools_survive_a_restart(path: Path) -> None:
    config = McpConfig(path)
    config.add(FILES)
    config.add(WEB)
    config.trust("files", "read")
    config.trust("web", "search")
    again = McpConfig(path)
    assert again.servers == (FILES, WEB)
    assert again.get("FILES") == FILES  # names ignore case
    assert again.trusted == {("files", "read"), ("web", "search")}
    assert again.is_trusted("files", "read") and not again.is_trusted("files", "write")
    assert again.problems == ()
    again.distrust("files", "read")
    assert McpConfig(path).trusted == {("web", "search")}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_file_is_readable_by_the_user_only(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("[]", encoding="utf-8")
    path.chmod(0o644)
    config = McpConfig(path)  # a hand-made file is made private when read
    assert mode(path) == 0o600
    config.add(FILES)
    assert mode(path) == 0o600
    assert "secret" in path.read_text(encoding="utf-8")


def test_names_are_unique_and_valid(path: Path) -> None:
    config = McpConfig(path)
    config.add(FILES)
    with pytest.raises(BadInput) as caught:
        config.add(McpServer("Files", command="other"))
    assert caught.value.code == "mcp.exists"
    with pytest.raises(BadInput, match="needs a name"):
        config.add(McpServer("  ", command="x"))
    with pytest.raises(BadInput) as caught:
        config.add(McpServer("n" * 81, command="x"))
    assert caught.value.code == "mcp.name_too_long"
    with pytest.raises(BadInput) as caught:
        config.add(McpServer("nothing to run"))
    assert caught.value.code == "mcp.no_command"
    with pytest.raises(BadInput) as caught:
        config.add(McpServer("ftp", Transport.HTTP, url="ftp://example.org"))
    assert caught.value.code == "mcp.bad_url"
    assert config.add(McpServer("  two   words ", command="x")).name == "two words"
    with pytest.raises(McpUnknownServer):
        config.remove("nobody")
    with pytest.raises(McpUnknownServer):
        config.trust("nobody", "tool")


def test_trust_follows_a_rename_and_ends_when_what_runs_changes(path: Path) -> None:
    config = McpConfig(path)
    config.add(FILES)
    config.add(WEB)
    config.trust("files", "read")
    with pytest.raises(BadInput):
        config.replace("files", McpServer("web", command="npx"))
    renamed = McpServer("disk", FILES.transport, FILES.command, FILES.args,
                        {"API_TOKEN": "new token"})
    config.replace("files", renamed)
    assert config.trusted == {("disk", "read")}
    config.replace("disk", McpServer("disk", command="another-program"))
    assert config.trusted == frozenset()
    config.trust("disk", "read")
    config.remove("disk")
    config.add(McpServer("disk", command="another-program"))
    assert McpConfig(path).trusted == frozenset()  # a new server with an old name


def test_a_damaged_file_is_set_aside(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text('{"servers": [', encoding="utf-8")
    config = McpConfig(path)
    assert config.servers == ()
    assert [p.code for p in config.problems] == ["mcp.damaged"]
    kept = path.with_name(str(config.problems[0].fields["kept_as"]))
    assert kept.read_text(encoding="utf-8") == '{"servers": ['
    config.add(FILES)
    assert McpConfig(path).servers == (FILES,)


def test_entries_that_cannot_be_read_are_named_and_the_rest_kept(path: Path) -> None:
    path.parent.mkdir(parents=True)
    original = {"servers": [
        FILES.to_dict(),
        {"name": "broken", "transport": "carrier pigeon"},
        "not a server",
        {"name": "FILES", "command": "twin"},
        {"name": "no program", "transport": "stdio"},
        WEB.to_dict()],
        "trusted": [{"server": "files", "tool": "read"}, {"server": "broken", "tool": "x"},
                    ["bad"]]}
    path.write_text(json.dumps(original), encoding="utf-8")
    config = McpConfig(path)
    assert config.servers == (FILES, WEB)
    assert config.trusted == {("files", "read")}
    assert [p.code for p in config.problems] == ["mcp.skipped"] * 4
    entries = [p.fields["entry"] for p in config.problems]
    assert entries == ["“broken”", "#3", "“FILES”", "“no program”"]
    assert "carrier pigeon" in str(config.problems[0].fields["reason"])
    # The file as it was is kept (private: it holds the tokens), the list is clean.
    kept = path.with_name(str(config.problems[0].fields["kept_as"]))
    assert json.loads(kept.read_text(encoding="utf-8")) == original
    if sys.platform != "win32":
        assert mode(kept) == 0o600
    again = McpConfig(path)
    assert again.problems == () and again.servers == (FILES, WEB)


def test_a_file_of_the_wrong_shape_counts_as_damaged(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text('"just text"', encoding="utf-8")
    config = McpConfig(path)
    assert [p.code for p in config.problems] == ["mcp.damaged"]
    assert McpConfig(path).problems == ()
