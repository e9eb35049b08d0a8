"""The safety panel as plain values: what the search page shows, and how a number is linked."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Helpline:
    """One line of the panel. `contact` is what it says ("Call 116 123 (free)"); `number` the
    digits a phone dials, or texts when `contact` starts with "Text"."""

    name: str
    contact: str
    number: str = ""
    hours: str = ""
    description: str = ""

    @property
    def href(self) -> str:
        """`tel:` (or `sms:` for a text line) for the number; empty when there is none."""
        if not self.number:
            return ""
        if self.contact.lower().startswith("text"):
            return f"sms:{self.number}"
        return f"tel:{self.number}"

    @property
    def contact_parts(self) -> tuple[str, str, str]:
        """`contact` split around the number as written in it ("Call ", "116 123", " (free)"),
        so the page links the number itself. When the number is not written in `contact`,
        the whole of it is the link's text; with no number, there is no link text."""
        if not self.number:
            return self.contact, "", ""
        spaced = r"[\s-]?".join(re.escape(digit) for digit in self.number)
        found = re.search(rf"(?<!\d){spaced}(?!\d)", self.contact)
        if found is None:
            return "", self.contact, ""
        start, end = found.span()
        return self.contact[:start], self.contact[start:end], self.contact[end:]


@dataclass(frozen=True)
class Panel:
    """What the search page shows first for a search about danger or crisis."""

    heading: str
    intro: str
    helplines: tuple[Helpline, ...]
