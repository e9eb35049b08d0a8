"""Social prescribing: shortlists to hand over, referrals to follow, outcomes to show.

shortlists/        lists of activities to hand to a person (blueprint "shortlists")
referrals/         referrals with consent, their states, casework and e-mails ("referrals")
outcomes/          questionnaires, monitoring, the commissioners' reports ("outcomes")

Shared by the three:

models.py          the referral record: referrals, casework, questionnaire answers, the data log
access.py          who may see a referral, the second-factor guard, the personal-data log
working_days.py    working days, and when a new referral becomes overdue
privacy.py         purge after the retention period, export and erasure on request
cli.py             flask prescribing remind | purge

Each sub-package lists its modules in its own docstring.
"""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from portal.prescribing import outcomes, referrals, shortlists
    from portal.prescribing.cli import prescribing_cli

    for part in (shortlists, referrals, outcomes):
        app.register_blueprint(part.blueprint())
    app.cli.add_command(prescribing_cli)
