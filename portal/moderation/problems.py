"""Problems the public report about a listing, and how the directory team resolves them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.audit import audit
from portal.db import claim as claim_row
from portal.db import utcnow
from portal.directory.models import (
    Service,
)
from portal.extensions import db
from portal.moderation.claims import name_of
from portal.moderation.models import (
    ProblemKind,
    ProblemReport,
)
from portal.text import plain
from portal.validation import (
    AlreadyDecided,
    NotFound,
    ValidationFailed,
    moment_text,
)


def _lost_report(report: ProblemReport) -> None:
    """Raise AlreadyDecided: who dealt with the report, when, and what they did."""
    message = (
        f"{name_of(report.resolved_by_id)} already dealt with this report at "
        f"{moment_text(report.resolved_at)}: {report.resolution}"
    )
    db.session.rollback()
    raise AlreadyDecided(message)


def report_problem(service: Service, kind: str, message: str, email: str) -> ProblemReport:
    """A member of the public says a listing is wrong; commits. No account needed."""
    try:
        problem_kind = ProblemKind(kind)
    except ValueError:
        raise ValidationFailed("kind", "Choose what is wrong") from None
    message = plain(message, 2000)
    if problem_kind is ProblemKind.OTHER and not message:
        raise ValidationFailed("message", "Tell us what is wrong")
    report = ProblemReport(
        service=service, kind=problem_kind, message=message, reporter_email=email or None
    )
    db.session.add(report)
    db.session.commit()
    return report


def resolve_report(report: ProblemReport, editor: User, resolution: str) -> None:
    """Record what was done about a report, once; commits. Raises AlreadyDecided when
    another editor dealt with it first."""
    if report.resolved_at is not None:
        _lost_report(report)
    resolution = plain(resolution, 2000)
    if not resolution:
        raise ValidationFailed("resolution", "Say what you did about it, for the record")
    done = {"resolved_at": utcnow(), "resolved_by_id": editor.id, "resolution": resolution}
    if not claim_row(ProblemReport, report.id, {"resolved_at": None}, done):
        _lost_report(report)
    audit(
        editor,
        "report.resolved",
        f"Resolved a report on “{report.service.name}” ({report.kind.label}): {resolution}",
        service=report.service,
        subject=f"report:{report.id}",
    )
    db.session.commit()


def get_report(report_id: int) -> ProblemReport:
    """The problem report with this number, with its listing; NotFound when there is none."""
    found = db.session.scalars(
        select(ProblemReport)
        .options(joinedload(ProblemReport.service))
        .where(ProblemReport.id == report_id)
    ).first()
    if found is None:
        raise NotFound(str(report_id))
    return found
