"""The message tree's bookkeeping in SQL: which branch is shown, and removing a branch.

The shown path is never stored as such: it is derived from ``selected_seq`` (see
``core.conversation.store``).  So every change to the tree only has to keep one rule,
"the message selected last has the highest number among its siblings", and the path
shown after a deletion follows from the rows that remain.
"""

from __future__ import annotations

import sqlite3

#: The shown path of one conversation (parameter: its id), root first: the most
#: recently selected root, then the most recently selected child at each step.
CURRENT_PATH = """
    WITH RECURSIVE down(id, depth) AS (
        SELECT (SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS NULL
                ORDER BY selected_seq DESC, id DESC LIMIT 1), 0
        UNION ALL
        SELECT (SELECT c.id FROM messages c WHERE c.parent_id = down.id
                ORDER BY c.selected_seq DESC, c.id DESC LIMIT 1), down.depth + 1
        FROM down WHERE down.id IS NOT NULL)
    SELECT {columns} FROM down JOIN messages m ON m.id = down.id
    ORDER BY down.depth"""


def mark_selected(db: sqlite3.Connection, conversation_id: int, message_id: int) -> None:
    """Make the message and all its ancestors the most recently selected among their
    siblings, so the shown path runs through it."""
    db.execute("""
        WITH RECURSIVE up(id) AS (
            SELECT ?
            UNION ALL
            SELECT m.parent_id FROM messages m JOIN up ON m.id = up.id
            WHERE m.parent_id IS NOT NULL)
        UPDATE messages SET selected_seq = (
            SELECT COALESCE(MAX(selected_seq), 0) + 1 FROM messages
            WHERE conversation_id = ?)
        WHERE id IN (SELECT id FROM up)""", (message_id, conversation_id))


def delete_branch(db: sqlite3.Connection, message_id: int) -> int:
    """Delete a message and all that descends from it; how many rows went.

    The rows are named explicitly rather than left to ``ON DELETE CASCADE``: the
    cascade only runs with ``foreign_keys`` on, and each deleted row must also leave
    the search index (its trigger), which an explicit delete guarantees.  The
    siblings' ``selected_seq`` are untouched, so the shown path moves to the sibling
    shown most recently before, or ends at the parent."""
    return db.execute("""
        DELETE FROM messages WHERE id IN (
            WITH RECURSIVE below(id) AS (
                SELECT ?
                UNION ALL
                SELECT m.id FROM messages m JOIN below ON m.parent_id = below.id)
            SELECT id FROM below)""", (message_id,)).rowcount
