"""A model file's ``tool_use`` template variant is what a request with tools renders
with (Command R, Hermes 2 Pro ship one); without tools, or with the user's or a
built-in template, the chosen template stays."""

from __future__ import annotations

from pathlib import Path

from core.engine.llama.model import LoadedModel, _tool_use_template
from core.engine.thinking import Switches
from core.models.gguf import read_gguf_info
from core.templates.choice import choose_template
from core.templates.template import ChatTemplate
from tests.models.test_gguf import Gguf, string, write

TOOL = {"type": "function", "function": {"name": "probe", "parameters": {}}}



def test_the_variant_renders_requests_with_tools(tmp_path: Path) -> None:
    gguf = Gguf()
    info = read_gguf_info(write(tmp_path, gguf.build()))
    choice = choose_template(info)
    assert choice.origin == "model"
    variant = _tool_use_template(info, choice)
    assert variant is not None and variant.source == "{{ tools }}"
    model = LoadedModel.__new__(LoadedModel)  # only the template choice is exercised
    model.template = ChatTemplate(choice.source or "")
    model.tools_template = variant
    assert model._template_for(Switches(tools=(TOOL,))) is variant
    assert model._template_for(Switches()) is model.template
    assert model._template_for(None) is model.template


def test_no_variant_for_an_override_or_a_broken_one(tmp_path: Path) -> None:
    info = read_gguf_info(write(tmp_path, Gguf().build()))
    assert _tool_use_template(info, choose_template(info, override="{{ x }}")) is None
    broken = Gguf()
    broken.kvs = [(k, string("{% if %}") if k == "tokenizer.chat_template.tool_use" else v)
                  for k, v in broken.kvs]
    info = read_gguf_info(write(tmp_path, broken.build(), "broken.gguf"))
    assert _tool_use_template(info, choose_template(info)) is None
