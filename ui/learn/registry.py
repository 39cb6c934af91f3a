"""Every lesson's page, in the order of :data:`core.learn.catalog.LESSONS`."""

from __future__ import annotations

from core.learn.catalog import LESSONS, LessonId
from ui.learn.base_instruct_page import BaseInstructPage
from ui.learn.context_page import ContextPage
from ui.learn.decoding_page import DecodingPage
from ui.learn.next_token_page import NextTokenPage
from ui.learn.page import LessonPage
from ui.learn.templates_page import TemplatesPage
from ui.learn.tokens_page import TokensPage
from ui.learn.tools_page import ToolsPage

PAGES: dict[LessonId, type[LessonPage]] = {
    page.lesson: page for page in (
        TokensPage, NextTokenPage, DecodingPage, TemplatesPage, BaseInstructPage,
        ContextPage, ToolsPage)
}
assert tuple(PAGES) == LESSONS, "one page per lesson, in the lessons' order"
