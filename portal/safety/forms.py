"""The administrators' forms on the safety pages. Each carries the version of the section the
page showed (`seen_version`), so a save over another administrator's newer change is refused;
what was typed is checked by `safety.checks`, with the messages a person reads."""

from __future__ import annotations

from flask_wtf import FlaskForm

from portal.forms import many, seen_version, text

HELPLINE_FIELDS = ("name", "contact", "number", "hours", "description")


class WordsForm(FlaskForm):
    """The whole list of safety words, one word or phrase a line."""

    words = text("Words and phrases")
    version = seen_version()


class PanelForm(FlaskForm):
    """The safety panel's heading and the text under it."""

    heading = text("Heading")
    intro = text("Text under the heading")
    version = seen_version()


class QuickExitForm(FlaskForm):
    """The page "Leave this site" opens, and the needs that make a search or listing
    sensitive (checkboxes, so none ticked sends none)."""

    exit_url = text("The page it opens")
    needs = many("Sensitive needs")
    version = seen_version()


class HelplineForm(FlaskForm):
    """One helpline on the panel, added or changed."""

    name = text("Name")
    contact = text("How to contact them")
    number = text("Number to dial or text (optional)")
    hours = text("Opening hours")
    description = text("Who it is for (optional)")
    version = seen_version()

    def helpline_values(self) -> dict[str, str]:
        """The helpline's fields by name, as `editing.save_helpline` takes them."""
        return {key: self[key].data for key in HELPLINE_FIELDS}


class HelplinesForm(FlaskForm):
    """Deleting a helpline: only the version of the helplines the page showed, since their
    numbers change when one goes."""

    version = seen_version()


class MoveHelplineForm(HelplinesForm):
    """Moving a helpline one place: which button was pressed ("up" or "down")."""

    direction = text()

    def step(self) -> int | None:
        """-1 for up, +1 for down, None for anything else (nothing moves)."""
        return {"up": -1, "down": 1}.get(self.direction.data or "")
