"""CSV cells people can open in a spreadsheet safely."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula (CSV injection) starts with an apostrophe."""
    return "'" + text if text[:1] in FORMULA_STARTS else text
