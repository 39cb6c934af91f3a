"""Output with no reasoning or call markers: everything is the answer."""

from __future__ import annotations

from core.output.types import Context, Family, Finish, Parsed, Partial


class PlainParser:
    family = Family.PLAIN

    def parse(self, text: str, finish: Finish, context: Context) -> Parsed:
        if context.starts_in_reasoning:
            return Parsed(content=None, reasoning_content=text or None)
        return Parsed(content=text or None)

    def partial(self, text: str, context: Context) -> Partial:
        if context.starts_in_reasoning:
            return Partial(reasoning=text, content="", thinking=True)
        return Partial(reasoning="", content=text, thinking=False)

    def opens_reasoning(self, prompt_tail: str) -> bool:
        return False

    def reasoning_close(self) -> str:
        return ""
