"""Full-text search over every saved message, with any text as a query.

The index is SQLite's FTS5 (``messages_fts``, kept in sync with ``messages`` by the
triggers of migration 3, so no code path can forget to update it).  What the user types
is never handed to FTS5 as query syntax: each word becomes a quoted phrase, so quotes,
AND, ``*`` or ``:`` are just characters and no query can fail; the last word matches as
a prefix, since people search while they type.
"""

from __future__ import annotations

import re
import sqlite3

from core.conversation.records import MARK_END, MARK_START, SearchHit, storable_text

_WORDY = re.compile(r"[^\W_]")


def find(db: sqlite3.Connection, query: str, limit: int) -> list[SearchHit]:
    """Messages of conversations not deleted containing every word of ``query`` (the
    last word may be the start of one), best first."""
    match = fts_query(query)
    if not match or limit <= 0:
        return []
    rows = db.execute("""
        SELECT m.conversation_id, m.id, c.title,
               snippet(messages_fts, 0, ?, ?, '…', 12) AS snippet,
               messages_fts.rank AS rank
        FROM messages_fts
        JOIN messages m ON m.id = messages_fts.rowid
        JOIN conversations c ON c.id = m.conversation_id
        WHERE messages_fts MATCH ? AND c.deleted_at IS NULL
        ORDER BY messages_fts.rank, m.id DESC
        LIMIT ?""", (MARK_START, MARK_END, match, limit)).fetchall()
    return [SearchHit(r["conversation_id"], r["id"], r["title"], r["snippet"], r["rank"])
            for r in rows]


def fts_query(text: str) -> str:
    """An FTS5 query matching every whitespace-separated term of ``text`` as a quoted
    phrase (so no character is syntax), the last one as a prefix.  "" means no query.

    Terms without a letter or digit are dropped: they tokenize to nothing and would
    only make the query stricter in ways the user cannot see."""
    clean = storable_text(text).replace("\x00", " ")
    terms = [term for term in clean.split() if _WORDY.search(term)]
    if not terms:
        return ""
    quoted = ['"' + term.replace('"', '""') + '"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)
