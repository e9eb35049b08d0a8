"""Social prescribing: shortlists to hand over, referrals to follow, outcomes to show.

models.py          shortlists, referrals and their casework, questionnaires, the data log
access.py          who may see a referral, the second-factor guard, the personal-data log
shortlists.py      shortlist rules; shortlist_views.py their pages (blueprint "shortlists")
referrals.py       making referrals, states, notifications, reminders over working days
casework.py        journal, goals, activities connected to; referral_views.py ("referrals")
questionnaires.py  ONS4 and Connect4Life's five questions, which ones are in use
reports.py         commissioners' figures and CSV; outcome_views.py ("outcomes")
privacy.py         purge after the retention period, export and erasure on request
cli.py             flask prescribing remind | purge
"""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from portal.prescribing import casework_views, shortlist_handover_views
    from portal.prescribing.cli import prescribing_cli
    from portal.prescribing.outcome_views import bp as outcomes_bp
    from portal.prescribing.referral_views import bp as referrals_bp
    from portal.prescribing.shortlist_views import bp as shortlists_bp

    # The casework and hand-over pages add their routes to the referrals' and shortlists'
    # blueprints when imported: here, before the blueprints are registered, rather than from
    # the bottom of the module that defines each blueprint (an import cycle).
    assert casework_views.bp is referrals_bp and shortlist_handover_views.bp is shortlists_bp

    for blueprint in (shortlists_bp, referrals_bp, outcomes_bp):
        app.register_blueprint(blueprint)
    app.cli.add_command(prescribing_cli)
