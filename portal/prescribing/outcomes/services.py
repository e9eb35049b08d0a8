"""What the outcome pages read, so that their views only read the form, call one of these (or a
service in `questionnaires.py`) and draw the page.

A page that shows personal data logs it and commits the log before the page is drawn, so a
page that only reads still leaves its trace.
"""

from __future__ import annotations

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.accounts.models import User
from portal.extensions import db
from portal.prescribing.access import log_access
from portal.prescribing.models import (
    PersonalDataLog,
    QuestionnaireResponse,
    QuestionnaireStage,
    Referral,
)
from portal.prescribing.outcomes import questionnaires


def open_questionnaire(
    user: User, referral: Referral, key: str, stage: QuestionnaireStage
) -> QuestionnaireResponse | None:
    """The answers already given to questionnaire `key` at `stage` (None: not yet), with the
    look logged and committed."""
    earlier = questionnaires.responses_by_stage(referral).get((key, stage))
    title = questionnaires.CATALOGUE[key].title
    log_access(user, referral, "viewed questionnaire", f"{title}, {stage.label}")
    db.session.commit()
    return earlier


def open_monitoring(user: User, referral: Referral) -> None:
    """Log and commit that `user` looked at the referral's monitoring details."""
    log_access(user, referral, "viewed monitoring")
    db.session.commit()


def personal_data_log(reference: str, page: int, per_page: int) -> Pagination:
    """One page of the personal-data log, newest first, with who did each thing; `reference`
    (as references are written) narrows it to one referral."""
    query = (
        select(PersonalDataLog)
        .options(selectinload(PersonalDataLog.user))
        .order_by(PersonalDataLog.at.desc(), PersonalDataLog.id.desc())
    )
    if reference:
        query = query.where(func.upper(PersonalDataLog.reference) == reference)
    return db.paginate(query, page=page, per_page=per_page, error_out=False)
