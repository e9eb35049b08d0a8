"""The outcome pages' forms (docs/forms.md), and the choices the pages offer.

Each field is text as sent (stripped, and cut to a length no real answer reaches); the services
check it, and a page with a problem shows it again as typed. A questionnaire's form has one
field per question, so each questionnaire has its own form class (`questionnaire_form`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

from flask_wtf import FlaskForm

from portal.forms import many, text
from portal.prescribing.models import QuestionnaireResponse, Referral
from portal.prescribing.outcomes.questionnaires import (
    CATALOGUE,
    GP_VISIT_FIELDS,
    MONITORING_CHOICES,
    MONITORING_FIELDS,
    Question,
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


def _cut(limit: int) -> Callable[[object], object]:
    """A filter keeping the first `limit` characters of what was sent."""
    return lambda value: value[:limit] if isinstance(value, str) else value


class AnswersForm(FlaskForm):
    """The answers to one questionnaire: `questionnaire_form` makes a subclass for each, with a
    field per question (named by the question's key) and the date it was answered."""

    def answers(self) -> dict[str, str]:
        """What was chosen for each question (a score as text), and `answered_on`, as sent."""
        return {field.name: field.data for field in self if field.name != "csrf_token"}


@cache
def questionnaire_form(key: str) -> type[AnswersForm]:
    """The form for the catalogued questionnaire `key` (made once for each). Fields added to a
    form class after it is made is WTForms' own way to compose a form."""

    class Answers(AnswersForm):
        pass

    fields = {q.key: text(q.short, filters=[_cut(4)]) for q in CATALOGUE[key].questions}
    fields["answered_on"] = text("Date answered", filters=[_cut(20)])
    for name, field in fields.items():
        setattr(Answers, name, field)
    return Answers


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


class MonitoringForm(FlaskForm):
    """The optional monitoring details: a choice for each of gender, age range, ethnic group and
    client group, and two numbers of GP visits. Blank means "not recorded"."""

    gender = text(MONITORING_LABELS["gender"], filters=[_cut(80)])
    age_range = text(MONITORING_LABELS["age_range"], filters=[_cut(80)])
    ethnicity = text(MONITORING_LABELS["ethnicity"], filters=[_cut(80)])
    client_group = text(MONITORING_LABELS["client_group"], filters=[_cut(80)])
    gp_visits_before = text(MONITORING_LABELS["gp_visits_before"], filters=[_cut(80)])
    gp_visits_after = text(MONITORING_LABELS["gp_visits_after"], filters=[_cut(80)])

    def values(self) -> dict[str, str]:
        """Each monitoring field as sent, by name (what `set_monitoring` takes)."""
        return {name: self[name].data for name in MONITORING_FIELDS}


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


class QuestionnairesForm(FlaskForm):
    """An administrator's choice of the questionnaires in use (their keys)."""

    questionnaires = many("Questionnaires asked at referral and at exit")
