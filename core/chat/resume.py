"""Where the user left off: the conversation shown and the message being typed.

Saved as the draft changes (in the pauses of typing) and when another conversation
is opened, so a restart, a crash or a power cut reopens the same chat with the same
unsent text.  A damaged or stale file (a deleted conversation) simply starts afresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.common.jsonfile import read_json, write_json

#: Longer drafts are not kept: a pasted book belongs in a file, not in a state file.
MAX_DRAFT_CHARS = 200_000


@dataclass(frozen=True)
class Resume:
    conversation_id: int | None = None
    draft: str = ""


def load_resume(path: Path) -> Resume:
    data, _kept_as = read_json(path)
    if not isinstance(data, dict):
        return Resume()
    conversation = data.get("conversation_id")
    draft = data.get("draft")
    return Resume(conversation if isinstance(conversation, int) and conversation > 0
                  else None,
                  draft[:MAX_DRAFT_CHARS] if isinstance(draft, str) else "")


def save_resume(path: Path, resume: Resume) -> None:
    write_json(path, {"conversation_id": resume.conversation_id,
                      "draft": resume.draft[:MAX_DRAFT_CHARS]})
