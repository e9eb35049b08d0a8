"""Reading the safety settings: the panel for a search, whether a search or a listing is on a
sensitive subject, and where the quick exit goes.

Everything is read from the database when a page needs it (a few small rows, kept for the rest
of that one request only), so every server shows an administrator's change at once. Whatever
the administrators have not set follows `defaults.py`. Nothing here logs anything about the
person searching.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from flask import g, has_request_context
from sqlalchemy import select

from portal.directory.services import term_names
from portal.extensions import db
from portal.safety import defaults
from portal.safety.matching import matches, matching_phrase, normalise
from portal.safety.models import SETTINGS_ID, SafetyHelpline, SafetySettings, SafetyWord
from portal.safety.panel import Helpline, Panel
from portal.search.thesaurus import list_synonyms

__all__ = [
    "Explanation",
    "Helpline",
    "Panel",
    "SafetyState",
    "current_state",
    "exit_target",
    "explain",
    "forget",
    "is_sensitive_listing",
    "is_sensitive_search",
    "safety_panel_for",
    "sensitive_needs",
]

_MEMO = "_safety_state"


@dataclass(frozen=True)
class SafetyState:
    """Everything the administrators keep, as plain values, defaults filled in.

    `words` as typed; `helplines` in the panel's order; the `*_default` flags say which parts
    still follow the defaults; the versions are what a form sends back to save over.
    """

    words: tuple[str, ...]
    helplines: tuple[Helpline, ...]
    heading: str
    intro: str
    exit_url: str
    sensitive_needs: tuple[str, ...]
    words_default: bool
    helplines_default: bool
    words_version: int = 0
    helplines_version: int = 0
    settings_version: int = 0

    @property
    def phrases(self) -> tuple[str, ...]:
        """The words as they are matched (normalised)."""
        return tuple(normalise(word) for word in self.words)

    @property
    def panel(self) -> Panel:
        return Panel(self.heading, self.intro, self.helplines)


def current_state() -> SafetyState:
    """The settings as they are now (read once per request; every call outside a request
    reads them afresh)."""
    if has_request_context() and _MEMO in g:
        return g.get(_MEMO)
    state = _read()
    if has_request_context():
        setattr(g, _MEMO, state)
    return state


def forget() -> None:
    """Drop this request's copy (after a change, so the next read sees it)."""
    if has_request_context():
        g.pop(_MEMO, None)


def _read() -> SafetyState:
    settings = db.session.get(SafetySettings, SETTINGS_ID)
    words = tuple(db.session.scalars(select(SafetyWord.text).order_by(SafetyWord.id)))
    rows = db.session.scalars(
        select(SafetyHelpline).order_by(SafetyHelpline.position, SafetyHelpline.id)
    ).all()
    helplines = tuple(
        Helpline(row.name, row.contact, row.number, row.hours, row.description) for row in rows
    )

    def chosen(column: str, default: str) -> str:
        value = getattr(settings, column) if settings else None
        return default if value is None else value

    needs = chosen("sensitive_needs", ",".join(defaults.SENSITIVE_NEEDS))
    return SafetyState(
        words=words or defaults.WORDS,
        helplines=helplines or defaults.HELPLINES,
        heading=chosen("heading", defaults.HEADING),
        intro=chosen("intro", defaults.INTRO),
        exit_url=chosen("exit_url", defaults.EXIT_URL),
        sensitive_needs=tuple(code for code in needs.split(",") if code),
        words_default=not words,
        helplines_default=not helplines,
        words_version=settings.words_version if settings else 0,
        helplines_version=settings.helplines_version if settings else 0,
        settings_version=settings.settings_version if settings else 0,
    )


def safety_panel_for(text: str) -> Panel | None:
    """The panel to show first for a search with these words; None when no safety word is in
    them. The text is matched as typed, whatever else the search says."""
    if not (text or "").strip():
        return None
    state = current_state()
    return state.panel if matches(text, state.phrases) else None


def sensitive_needs() -> frozenset[str]:
    """The need codes the administrators chose as sensitive."""
    return frozenset(current_state().sensitive_needs)


def is_sensitive_listing(need_codes: Iterable[str]) -> bool:
    """True when a listing is tagged with a sensitive need: its page gets the quick exit."""
    return not sensitive_needs().isdisjoint(need_codes)


def is_sensitive_search(text: str, needs: Sequence[str]) -> bool:
    """True when a search gets the quick exit, for one of three plain reasons:

    1. its words contain a safety word (the panel shows too);
    2. it is filtered by a sensitive need;
    3. its words name a sensitive need ("mental wellbeing"), or contain a search word that the
       directory team's thesaurus links to one ("anxiety" -> Mental wellbeing).
    """
    if safety_panel_for(text) is not None or is_sensitive_listing(needs):
        return True
    return _sensitive_word_in(text) is not None


def _sensitive_word_in(text: str) -> str | None:
    """The need name or thesaurus word in `text` that is about a sensitive need, if any."""
    chosen = sensitive_needs()
    if not chosen or not (text or "").strip():
        return None
    words = _words_about(chosen)
    found = matching_phrase(text, words)
    return words[found] if found else None


def _words_about(needs: frozenset[str]) -> dict[str, str]:
    """The needs' names, and the thesaurus words that point to them: normalised -> as written."""
    words = [name for code, name in term_names("needs").items() if code in needs]
    for synonym in list_synonyms():
        codes = {code.strip() for code in synonym.needs.split(",")}
        if codes & needs:
            words.append(synonym.term)
    return {normalise(word): word for word in words if normalise(word)}


@dataclass(frozen=True)
class Explanation:
    """Why a search shows the panel or the quick exit, for the administrators' check."""

    panel_word: str | None
    exit_word: str | None

    @property
    def shows_exit(self) -> bool:
        return self.panel_word is not None or self.exit_word is not None


def explain(text: str) -> Explanation:
    """Which safety word in `text` shows the panel (as the administrators wrote it), and
    which need name or thesaurus word gives it the quick exit, if any. Needs chosen as
    filters are not part of it: a filter for a sensitive need always gets the quick exit."""
    state = current_state()
    typed = {normalise(word): word for word in state.words}
    found = matching_phrase(text, typed)
    return Explanation(typed[found] if found else None, _sensitive_word_in(text))


def exit_target() -> str:
    """Where "Leave this site" goes: an absolute https address."""
    return current_state().exit_url
