"""What administrators keep about safety. Empty tables mean the defaults in `defaults.py`.

Every change first holds the one `safety_settings` row (its version columns are the lock and
the optimistic check), so two administrators saving at once never leave a mixture.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, Timestamps

SETTINGS_ID = 1


class SafetyWord(Base):
    """A word or phrase that shows the safety panel, as the administrator typed it.

    `normalised` is how it is matched (lower case, no apostrophes, punctuation as spaces): two
    words that normalise alike are the same word.
    """

    __tablename__ = "safety_words"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(String(100))
    normalised: Mapped[str] = mapped_column(String(100), unique=True)


class SafetyHelpline(Base):
    """One line of the safety panel: who to contact, how, and when they answer.

    `contact` is what the panel says ("Call 116 123 (free)"); `number` the digits dialled
    (or texted, when `contact` starts with "Text"), linked from the number in `contact`.
    """

    __tablename__ = "safety_helplines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(100))
    contact: Mapped[str] = mapped_column(String(100))
    number: Mapped[str] = mapped_column(String(20), default="")
    hours: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(300), default="")


class SafetySettings(Timestamps, Base):
    """The one row of safety settings (id 1). A column left empty (NULL) follows the default.

    `sensitive_needs`: need codes, comma-separated ("" when none are sensitive). The three
    versions go up by one with every change to the words, to the helplines, and to the rest
    (panel text, quick exit), so a save made from a page that is out of date is refused
    rather than mixed in.
    """

    __tablename__ = "safety_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    heading: Mapped[str | None] = mapped_column(String(120))
    intro: Mapped[str | None] = mapped_column(Text)
    exit_url: Mapped[str | None] = mapped_column(String(500))
    sensitive_needs: Mapped[str | None] = mapped_column(String(500))
    words_version: Mapped[int] = mapped_column(Integer, default=0)
    helplines_version: Mapped[int] = mapped_column(Integer, default=0)
    settings_version: Mapped[int] = mapped_column(Integer, default=0)
