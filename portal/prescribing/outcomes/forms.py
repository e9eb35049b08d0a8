"""Reading the outcome pages' forms into plain values, and the choices the pages offer.

The pages post ordinary HTML forms (radios, checkboxes and text inputs, with Flask-WTF's CSRF
token); these helpers turn what was sent into what the services take, keeping the text as
typed so a page with a problem shows it again.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from portal.prescribing.models import QuestionnaireResponse, Referral
from portal.prescribing.outcomes.questionnaires import (
    GP_VISIT_FIELDS,
    MONITORING_CHOICES,
    MONITORING_FIELDS,
    Question,
    Questionnaire,
)
from portal.validation import ValidationFailed

NOT_RECORDED = ("", "Not recorded")

MONITORING_LABELS = {
    "gender": "Gender",
    "age_range": "Age range",
    "ethnicity": "Ethnic group",
    "client_group": "Client group",
    "gp_visits_before": "GP visits in the month before referral",
    "gp_visits_after": "GP visits in the month after referral",
}


def _text(values: Mapping[str, str], name: str, limit: int = 40) -> str:
    return (values.get(name) or "").strip()[:limit]


def answer_values(values: Mapping[str, str], questionnaire: Questionnaire) -> dict[str, str]:
    """What was chosen for each question, and the date answered, as sent."""
    answers = {q.key: _text(values, q.key, 4) for q in questionnaire.questions}
    answers["answered_on"] = _text(values, "answered_on", 20)
    return answers


def response_values(response: QuestionnaireResponse | None, today: date) -> dict[str, str]:
    """An earlier response as the form shows it (today's date for a new one)."""
    if response is None:
        return {"answered_on": today.isoformat()}
    shown = {key: str(score) for key, score in (response.answers or {}).items()}
    shown["answered_on"] = response.answered_on.isoformat()
    return shown


def parse_answered_on(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationFailed(
            "answered_on", "Enter the date it was answered as a real date, like 2026-03-31"
        ) from None


def scale_options(question: Question) -> list[tuple[str, str]]:
    """Radio options: "0 – Not at all", "1", … "10 – Completely" (every point labelled on a
    five-point scale)."""
    return [
        (str(score), f"{score} – {label}" if label else str(score))
        for score, label in question.scale
    ]


def monitoring_values(values: Mapping[str, str]) -> dict[str, str]:
    return {name: _text(values, name, 80) for name in MONITORING_FIELDS}


def referral_monitoring(referral: Referral) -> dict[str, str]:
    return {
        name: "" if getattr(referral, name) is None else str(getattr(referral, name))
        for name in MONITORING_FIELDS
    }


def monitoring_options() -> dict[str, list[tuple[str, str]]]:
    return {
        name: [NOT_RECORDED, *((option, option) for option in options)]
        for name, options in MONITORING_CHOICES.items()
    }


def gp_visit_fields() -> list[str]:
    return list(GP_VISIT_FIELDS)


def chosen_questionnaires(values) -> list[str]:
    return [(key or "").strip()[:20] for key in values.getlist("questionnaires")]
