"""Administrators change the safety settings: words, panel text, quick exit, helplines.

Each change is checked first (`ValidationFailed`, nothing saved), then takes the one settings
row with a conditional update of its section's version (`portal.db.claim`): a save made from a
page that is out of date is refused with `EditConflict`, and two saves at the same moment run
one after the other, never mixed. Each change is audited and committed in one transaction.
"""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import delete, or_, select

from portal.accounts.models import User
from portal.audit import AuditEvent, audit
from portal.db import claim, insert_once, utcnow
from portal.extensions import db
from portal.safety import defaults
from portal.safety.checks import (
    HELPLINE_LIMITS,
    check_exit_url,
    check_helpline,
    check_needs,
    check_panel,
    check_words,
)
from portal.safety.matching import normalise
from portal.safety.models import SETTINGS_ID, SafetyHelpline, SafetySettings, SafetyWord
from portal.safety.panel import Helpline
from portal.safety.services import SafetyState, current_state, forget
from portal.validation import EditConflict, NotFound, ValidationFailed

#: Which audit actions changed each section (for "who changed it" when a save is refused).
SECTION_ACTIONS = {
    "words": ("safety.words", "safety.restored"),
    "helplines": ("safety.helplines", "safety.restored"),
    "settings": ("safety.panel", "safety.quick-exit", "safety.restored"),
}


# --- changes -----------------------------------------------------------------------------


def save_words(text: str, seen_version: int | None, actor: User) -> list[str]:
    """Replace the whole list of words in one transaction; returns the words saved."""
    words = check_words(text)
    _take("words", seen_version)
    before = list(db.session.scalars(select(SafetyWord.text).order_by(SafetyWord.id)))
    before = before or list(defaults.WORDS)
    db.session.execute(delete(SafetyWord))
    db.session.add_all(SafetyWord(text=word, normalised=normalise(word)) for word in words)
    audit(
        actor,
        "safety.words.saved",
        _words_summary(before, words),
        subject="safety",
        before={"words": before},
        after={"words": words},
    )
    _commit()
    return words


def _words_summary(before: list[str], after: list[str]) -> str:
    old = {normalise(word) for word in before}
    new = {normalise(word) for word in after}
    added = [word for word in after if normalise(word) not in old]
    removed = [word for word in before if normalise(word) not in new]
    parts = [f"Safety words: {len(after)}"]
    for label, words in (("added", added), ("removed", removed)):
        if words:
            listed = ", ".join(f"“{word}”" for word in words[:20])
            more = f" and {len(words) - 20} more" if len(words) > 20 else ""
            parts.append(f"{label} {listed}{more}")
    return "; ".join(parts)


def save_panel(heading: str, intro: str, seen_version: int | None, actor: User) -> None:
    """The panel's heading (required) and the sentence under it (may be empty)."""
    heading, intro = check_panel(heading, intro)
    settings = _take("settings", seen_version)
    before = _state_now()
    settings.heading, settings.intro = heading, intro
    audit(
        actor,
        "safety.panel.saved",
        f"Safety panel: “{before.heading}” → “{heading}”",
        subject="safety",
        before={"heading": before.heading, "intro": before.intro},
        after={"heading": heading, "intro": intro},
    )
    _commit()


def save_quick_exit(exit_url: str, needs: list[str], seen_version: int | None, actor: User) -> None:
    """Where "Leave this site" goes, and which needs make a listing or search sensitive."""
    url = check_exit_url(exit_url)
    codes = check_needs(needs)
    settings = _take("settings", seen_version)
    before = _state_now()
    settings.exit_url, settings.sensitive_needs = url, ",".join(codes)
    audit(
        actor,
        "safety.quick-exit.saved",
        f"Quick exit: {url}; sensitive needs: {', '.join(codes) or 'none'}",
        subject="safety",
        before={"exit_url": before.exit_url, "sensitive_needs": list(before.sensitive_needs)},
        after={"exit_url": url, "sensitive_needs": codes},
    )
    _commit()


def save_helpline(
    number: int | None, values: dict[str, str], seen_version: int | None, actor: User
) -> Helpline:
    """Add a helpline at the end of the panel (`number` None) or change the `number`th
    (counting from 1, as the page shows them). The defaults are stored first if need be."""
    helpline = check_helpline(values)
    _take("helplines", seen_version)
    rows = _stored_helplines()
    if number is None:
        row = SafetyHelpline(position=len(rows))
        db.session.add(row)
        before = None
    else:
        row = _row_at(rows, number)
        before = _as_dict(row)
    for key, value in asdict(helpline).items():
        setattr(row, key, value)
    audit(
        actor,
        "safety.helplines.added" if before is None else "safety.helplines.changed",
        f"Safety helpline {'added' if before is None else 'changed'}: {helpline.name}",
        subject="safety",
        before=before,
        after=asdict(helpline),
    )
    _commit()
    return helpline


def delete_helpline(number: int, seen_version: int | None, actor: User) -> str:
    """Remove the `number`th helpline; the last one cannot go. Returns its name."""
    _take("helplines", seen_version)
    rows = _stored_helplines()
    row = _row_at(rows, number)
    if len(rows) == 1:
        db.session.rollback()
        raise ValidationFailed(
            "helpline", "Keep at least one helpline: the panel must always say where to get help"
        )
    db.session.delete(row)
    _renumber([each for each in rows if each is not row])
    audit(
        actor,
        "safety.helplines.deleted",
        f"Safety helpline deleted: {row.name}",
        subject="safety",
        before=_as_dict(row),
    )
    _commit()
    return row.name


def move_helpline(number: int, step: int, seen_version: int | None, actor: User) -> None:
    """Move the `number`th helpline up (-1) or down (+1) the panel by one place."""
    _take("helplines", seen_version)
    rows = _stored_helplines()
    row = _row_at(rows, number)
    other = number - 1 + step
    if 0 <= other < len(rows):
        rows[number - 1], rows[other] = rows[other], rows[number - 1]
    _renumber(rows)
    audit(
        actor,
        "safety.helplines.moved",
        f"Safety helpline moved {'up' if step < 0 else 'down'}: {row.name}",
        subject="safety",
        after={"order": [each.name for each in rows]},
    )
    _commit()


def restore_defaults(actor: User) -> None:
    """Back to `defaults.py` for everything: words, helplines, panel text and quick exit."""
    insert_once(SafetySettings, {"id": SETTINGS_ID})
    claim(
        SafetySettings,
        SETTINGS_ID,
        {},
        {
            name: getattr(SafetySettings, name) + 1
            for name in ("words_version", "helplines_version", "settings_version")
        },
    )
    before = _state_now()
    db.session.execute(delete(SafetyWord))
    db.session.execute(delete(SafetyHelpline))
    settings = db.session.get(SafetySettings, SETTINGS_ID)
    settings.heading = settings.intro = settings.exit_url = settings.sensitive_needs = None
    audit(
        actor,
        "safety.restored",
        "Safety settings: restored the default words, helplines, panel and quick exit",
        subject="safety",
        before={
            "words": list(before.words),
            "helplines": [asdict(helpline) for helpline in before.helplines],
            "heading": before.heading,
            "intro": before.intro,
            "exit_url": before.exit_url,
            "sensitive_needs": list(before.sensitive_needs),
        },
    )
    _commit()


# --- helpers -----------------------------------------------------------------------------


def _take(section: str, seen_version: int | None) -> SafetySettings:
    """Take the settings row for a change to `section`: its version goes up by one, if it is
    still `seen_version` (the one the person's page showed; None: whatever it is now). Held
    until the commit, so another change waits for this one. Raises `EditConflict` otherwise."""
    insert_once(SafetySettings, {"id": SETTINGS_ID})
    column = f"{section}_version"
    expected = {} if seen_version is None else {column: seen_version}
    changes = {column: getattr(SafetySettings, column) + 1}
    if not claim(SafetySettings, SETTINGS_ID, expected, changes):
        db.session.rollback()
        raise _conflict(section)
    return db.session.get(SafetySettings, SETTINGS_ID)


def _conflict(section: str) -> EditConflict:
    """Who changed the section last, and when, from the audit trail."""
    event = db.session.scalars(
        select(AuditEvent)
        .where(or_(*(AuditEvent.action.startswith(a) for a in SECTION_ACTIONS[section])))
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()
    who = event.actor.name if event is not None and event.actor is not None else None
    return EditConflict(
        who or "Another administrator", event.at if event is not None else utcnow(), {}
    )


def _stored_helplines() -> list[SafetyHelpline]:
    """The helplines as rows in the panel's order; the defaults are stored first when the
    administrators have not stored any (flushes only)."""
    rows = list(
        db.session.scalars(
            select(SafetyHelpline).order_by(SafetyHelpline.position, SafetyHelpline.id)
        )
    )
    if not rows:
        rows = [
            SafetyHelpline(position=position, **asdict(helpline))
            for position, helpline in enumerate(defaults.HELPLINES)
        ]
        db.session.add_all(rows)
        db.session.flush()
    return rows


def _row_at(rows: list[SafetyHelpline], number: int) -> SafetyHelpline:
    if not 1 <= number <= len(rows):
        db.session.rollback()
        raise NotFound(str(number))
    return rows[number - 1]


def _renumber(rows: list[SafetyHelpline]) -> None:
    for position, row in enumerate(rows):
        row.position = position


def _as_dict(row: SafetyHelpline) -> dict[str, str]:
    return {key: getattr(row, key) for key in HELPLINE_LIMITS}


def _state_now() -> SafetyState:
    """The settings as they are inside this change's transaction (not an earlier copy)."""
    forget()
    return current_state()


def _commit() -> None:
    db.session.commit()
    forget()
