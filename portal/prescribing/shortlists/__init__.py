"""Shortlists ("community prescriptions"): lists of activities to hand to a person.

models.py          Shortlist and ShortlistItem (no personal data)
services.py        the rules: visitors' lists, named lists, notes, sharing by link
checks.py          refusing personal identifiers; what an item remembers and what changed
sending.py         sending a list by e-mail or text
forms.py           the pages' forms
pages.py           what every page needs: the add button's state, rows, the list page
adding_views.py    add to a list (asking which, with more than one) and remove
views.py           the visitor's list and named lists
handover_views.py  print, share links (/s/<token>) and sending

Every page is on the blueprint "shortlists" defined here; `blueprint()` gathers them.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("shortlists", __name__)


def blueprint() -> Blueprint:
    """The blueprint with every shortlist page on it."""
    # Each page module puts its routes on bp as it is imported.
    from portal.prescribing.shortlists import adding_views, handover_views, views  # noqa: F401

    return bp
