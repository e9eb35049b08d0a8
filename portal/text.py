"""Text as people type it, made safe and tidy: shared by every feature that takes free text,
so it sits below them and imports none of them."""

from __future__ import annotations

import html

import nh3

#: The longest free text a form takes, in characters (a description, a note).
MAX_TEXT = 3000


def plain(value: str | None, limit: int = MAX_TEXT) -> str:
    """Text as a person typed it, minus any HTML pasted with it, tidied at the edges."""
    if not value:
        return ""
    cleaned = html.unescape(nh3.clean(value, tags=set()))
    cleaned = "\n".join(line.rstrip() for line in cleaned.replace("\r\n", "\n").split("\n"))
    return cleaned.strip()[: limit * 2]
