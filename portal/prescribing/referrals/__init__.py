"""Referrals: a person referred (or referring themselves) to an activity, with consent, and the
casework the receiving organisation and its connector keep on it.

services.py        making a referral, its states, assignment, reminders, a listing's settings,
                   and what each referral page shows (with its access logged)
details.py         what a referral must say: sources, contact details, area, consent
notices.py         the e-mails about referrals (none carries personal data)
casework.py        journal, goals, activities connected to and whether the person went
forms.py           the referral, settings, state and casework forms, and their choices
refer_views.py     referring someone (or oneself), and a listing's referral settings
list_views.py      the lists of referrals, a connector's caseload, the overdue list
views.py           one referral's record: state and assignment
casework_views.py  the casework forms on a referral's record

Every page is on the blueprint "referrals" defined here; `blueprint()` gathers them.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("referrals", __name__)


def blueprint() -> Blueprint:
    """The blueprint with every referral page on it."""
    # Each page module puts its routes on bp as it is imported.
    from portal.prescribing.referrals import casework_views, list_views, refer_views, views  # noqa: F401

    return bp
