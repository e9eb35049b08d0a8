"""Checking what administrators type on the safety pages: each problem is refused with a
message next to its field (`ValidationFailed`), before anything is saved."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app

from portal.directory.services import vocabulary_terms
from portal.safety.matching import normalise
from portal.safety.panel import Helpline
from portal.validation import ValidationFailed

MAX_WORD = 100
MIN_WORD = 3  # letters and digits: shorter ones would show the panel for far too many searches
MAX_WORDS = 500
MAX_HEADING = 120
MAX_INTRO = 1000
MAX_URL = 500
HELPLINE_LIMITS = {"name": 100, "contact": 100, "number": 20, "hours": 100, "description": 300}


def check_words(text: str) -> list[str]:
    """One word or phrase a line, spaces tidied, blank lines dropped; every problem refused."""
    words: list[str] = []
    seen: dict[str, str] = {}
    for word in (" ".join(line.split()) for line in (text or "").splitlines()):
        if not word:
            continue
        if len(word) > MAX_WORD:
            raise ValidationFailed(
                "words",
                f"Each word or phrase must be {MAX_WORD} characters or fewer "
                f"(“{word[:30]}…” is longer)",
            )
        key = normalise(word)
        if len(key.replace(" ", "")) < MIN_WORD:
            raise ValidationFailed(
                "words",
                f"“{word}” is too short: each word or phrase needs at least {MIN_WORD} "
                "letters or numbers",
            )
        if key in seen:
            first = seen[key]
            raise ValidationFailed(
                "words",
                f"“{word}” is in the list twice: keep one of them"
                if first == word
                else f"“{first}” and “{word}” count as the same words: keep one of them",
            )
        seen[key] = word
        words.append(word)
    if not words:
        raise ValidationFailed("words", "Enter at least one word or phrase, one on each line")
    if len(words) > MAX_WORDS:
        raise ValidationFailed(
            "words", f"Enter {MAX_WORDS} words or phrases or fewer (you entered {len(words)})"
        )
    return words


def check_panel(heading: str, intro: str) -> tuple[str, str]:
    """The panel's heading (required) and the sentence under it (may be empty), single-spaced."""
    heading = " ".join((heading or "").split())
    intro = " ".join((intro or "").split())
    if not heading:
        raise ValidationFailed("heading", "Enter the panel’s heading")
    if len(heading) > MAX_HEADING:
        raise ValidationFailed("heading", f"The heading must be {MAX_HEADING} characters or fewer")
    if len(intro) > MAX_INTRO:
        raise ValidationFailed("intro", f"The text must be {MAX_INTRO} characters or fewer")
    return heading, intro


def check_exit_url(url: str) -> str:
    """An absolute https address on another site, without spaces or a user name."""
    url = (url or "").strip()
    example = "like https://www.bbc.co.uk/weather"
    if not url:
        raise ValidationFailed("exit_url", f"Enter the address the button opens, {example}")
    if len(url) > MAX_URL:
        raise ValidationFailed("exit_url", f"The address must be {MAX_URL} characters or fewer")
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        parts, host = None, ""
    if (
        parts is None
        or parts.scheme.lower() != "https"
        or "." not in host
        or "@" in parts.netloc
        or any(character.isspace() for character in url)
    ):
        raise ValidationFailed(
            "exit_url", f"Enter a full address that starts with https://, {example}"
        )
    ours = urlsplit(current_app.config.get("PORTAL_BASE_URL") or "").hostname
    if ours and host == ours.lower():
        raise ValidationFailed(
            "exit_url", "Enter an address on another website: the button must leave this site"
        )
    return url


def check_needs(codes: list[str]) -> list[str]:
    """Need codes from the vocabulary, in its order; anything else is refused."""
    chosen = {code.strip() for code in codes or [] if code.strip()}
    known = [term.code for term in vocabulary_terms("needs")]
    if chosen - set(known):
        raise ValidationFailed("needs", "Choose needs from the list")
    return [code for code in known if code in chosen]


def check_helpline(values: dict[str, str]) -> Helpline:
    """A helpline from the form's fields, tidied; the number as digits (a + may lead)."""
    tidy = {key: " ".join((values.get(key) or "").split()) for key in HELPLINE_LIMITS}
    required = {
        "name": "Enter the helpline’s name",
        "contact": "Enter how to contact them, like Call 116 123 (free)",
        "hours": "Enter when they answer, like 24 hours, every day",
    }
    for key, message in required.items():
        if not tidy[key]:
            raise ValidationFailed(key, message)
    number = "".join(c for c in tidy["number"] if c not in " -()")
    digits = number[1:] if number.startswith("+") else number
    if number and not (digits.isdigit() and 3 <= len(digits) <= 15):
        raise ValidationFailed(
            "number", "Enter the number as digits, like 116123, or leave it empty"
        )
    tidy["number"] = number
    for key, limit in HELPLINE_LIMITS.items():
        if len(tidy[key]) > limit:
            raise ValidationFailed(key, f"This must be {limit} characters or fewer")
    return Helpline(**tidy)
