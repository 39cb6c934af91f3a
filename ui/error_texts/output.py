"""Messages of the output errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

TEXTS: dict[str, str] = {
}
