"""The directory team's form for one thesaurus word. The service checks the values."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField, TextAreaField


class SynonymForm(FlaskForm):
    """CSRF and the typed values only: rules live in `thesaurus.save_synonym`.

    `needs` has no choices: the page draws its checkboxes from the needs vocabulary, and
    `save_synonym` refuses a code that is not in it, with a message.
    """

    term = StringField("Word people search for")
    expands_to = TextAreaField("Words or phrases it should also find")
    needs = SelectMultipleField("Needs it should also find", validate_choice=False)
