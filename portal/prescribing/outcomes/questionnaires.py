"""The questionnaires a person answers at referral and at exit, and the optional monitoring.

Two questionnaires are catalogued:

- "ons4": the Office for National Statistics' four personal wellbeing questions, each scored
  0 to 10 where 0 is "not at all" and 10 is "completely". For anxiety a lower score is better.
- "connect5": Connect4Life's five questions (seed 000, "Monitoring"). The seed gives the
  questions but no scale, so each is answered on a labelled 1 to 5 scale chosen here (1 the
  least, 5 the most), with labels that fit the question.

Scores are kept and reported per question: never summed into a total. An administrator
chooses which questionnaires are in use (`PrescribingSetting` "questionnaires"; both by
default, at least one always on).

Monitoring (gender, age range, ethnicity, client group, GP visits in the month before and
after referral) is optional: every field may be left blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from portal.accounts.models import User
from portal.extensions import db
from portal.prescribing.access import check_can_act, log_access
from portal.prescribing.models import QuestionnaireResponse, QuestionnaireStage, Referral
from portal.prescribing.outcomes.models import PrescribingSetting
from portal.validation import ValidationFailed


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    short: str  # what a report's row calls it
    minimum: int
    maximum: int
    labels: Mapping[int, str]  # anchors (ONS4) or every point (connect5)
    lower_is_better: bool = False

    @property
    def scale(self) -> list[tuple[int, str]]:
        """Each score with its label ("" where the scale names only its ends)."""
        return [(n, self.labels.get(n, "")) for n in range(self.minimum, self.maximum + 1)]


@dataclass(frozen=True)
class Questionnaire:
    key: str
    title: str
    introduction: str
    questions: tuple[Question, ...]

    def question(self, key: str) -> Question:
        return next(q for q in self.questions if q.key == key)


_ONS_ANCHORS = {0: "Not at all", 10: "Completely"}


def _ons(key: str, text: str, short: str, lower_is_better: bool = False) -> Question:
    return Question(key, text, short, 0, 10, _ONS_ANCHORS, lower_is_better)


def _five(key: str, text: str, short: str, labels: tuple[str, ...]) -> Question:
    return Question(key, text, short, 1, 5, dict(enumerate(labels, start=1)))


ONS4 = Questionnaire(
    "ons4",
    "Personal wellbeing (ONS4)",
    "There are no right or wrong answers. For each question give an answer from 0 to 10, "
    "where 0 is ‘not at all’ and 10 is ‘completely’.",
    (
        _ons(
            "life_satisfaction",
            "Overall, how satisfied are you with your life nowadays?",
            "Life satisfaction",
        ),
        _ons(
            "worthwhile",
            "Overall, to what extent do you feel that the things you do in your "
            "life are worthwhile?",
            "Things done in life are worthwhile",
        ),
        _ons("happiness", "Overall, how happy did you feel yesterday?", "Happiness yesterday"),
        _ons(
            "anxiety",
            "Overall, how anxious did you feel yesterday?",
            "Anxiety yesterday",
            lower_is_better=True,
        ),
    ),
)

_MORE = ("Not at all", "A little", "Somewhat", "Quite a lot", "Very much")
_COMPARED = ("Much worse", "A little worse", "About the same", "A little better", "Much better")

CONNECT5 = Questionnaire(
    "connect5",
    "Connect4Life’s five questions",
    "For each question choose an answer from 1 (the least) to 5 (the most).",
    (
        _five(
            "connected",
            "Through Connect 4 Life, how involved/connected with your local "
            "community do you now feel, e.g. through joining a new group?",
            "Connected with the local community",
            _MORE,
        ),
        _five(
            "satisfied",
            "Following your involvement with Connect 4 Life, how happy and "
            "satisfied with your life overall do you now feel, compared to previously?",
            "Happy and satisfied with life",
            _COMPARED,
        ),
        _five(
            "health",
            "Following your involvement with Connect 4 Life, how would you rate "
            "your physical health and well-being, compared to previously?",
            "Physical health and wellbeing",
            _COMPARED,
        ),
        _five(
            "contribution",
            "Through Connect 4 Life, do you feel that you now make a greater "
            "active contribution to your community, compared to previously?",
            "Active contribution to the community",
            _MORE,
        ),
        _five(
            "family",
            "Through Connect 4 Life, do you feel that there has been a benefit to your family?",
            "Benefit to the family",
            _MORE,
        ),
    ),
)

CATALOGUE: dict[str, Questionnaire] = {q.key: q for q in (ONS4, CONNECT5)}
SETTING_KEY = "questionnaires"


# ---------------------------------------------------------------------------------------------
# Which questionnaires are in use


def in_use() -> list[str]:
    """The keys of the questionnaires in use, in catalogue order (both unless set)."""
    setting = db.session.get(PrescribingSetting, SETTING_KEY)
    chosen = setting.value if setting is not None and isinstance(setting.value, list) else None
    keys = [key for key in CATALOGUE if chosen is None or key in chosen]
    return keys or list(CATALOGUE)


def set_in_use(user: User, keys: list[str]) -> list[str]:
    """An administrator's choice of questionnaires: at least one, all from the catalogue."""
    if set(keys) - set(CATALOGUE):
        raise ValidationFailed("questionnaires", "Choose questionnaires from the list")
    chosen = [key for key in CATALOGUE if key in set(keys)]
    if not chosen:
        raise ValidationFailed("questionnaires", "Choose at least one questionnaire to use")
    setting = db.session.get(PrescribingSetting, SETTING_KEY)
    if setting is None:
        setting = PrescribingSetting(key=SETTING_KEY)
        db.session.add(setting)
    setting.value = chosen
    db.session.commit()
    return chosen


# ---------------------------------------------------------------------------------------------
# Answers


class AnswersInvalid(ValidationFailed):
    """Some answers are missing or out of range: `problems` has a message per question."""

    def __init__(self, problems: dict[str, str]) -> None:
        field, message = next(iter(problems.items()))
        super().__init__(field, message)
        self.problems = problems


def check_answers(questionnaire: Questionnaire, answers: Mapping[str, object]) -> dict[str, int]:
    """Every question answered with a whole number in its range, or `AnswersInvalid`."""
    scores: dict[str, int] = {}
    problems: dict[str, str] = {}
    for number, question in enumerate(questionnaire.questions, start=1):
        given = answers.get(question.key)
        try:
            score = int(str(given).strip()) if given not in (None, "") else None
        except ValueError:
            score = None
        if score is None or not question.minimum <= score <= question.maximum:
            problems[question.key] = (
                f"Answer question {number} ({question.short.lower()}) with a score from "
                f"{question.minimum} to {question.maximum}"
            )
        else:
            scores[question.key] = score
    if problems:
        raise AnswersInvalid(problems)
    return scores


def record_response(
    referral: Referral,
    user: User,
    key: str,
    stage: QuestionnaireStage,
    answers: Mapping[str, object],
    answered_on: date,
) -> QuestionnaireResponse:
    """Save one questionnaire at one stage, replacing an earlier answer for that stage."""
    check_can_act(user, referral)
    if key not in in_use():
        raise ValidationFailed("questionnaire", "That questionnaire is not in use")
    scores = check_answers(CATALOGUE[key], answers)
    if answered_on > date.today():
        raise ValidationFailed("answered_on", "The date answered must be today or in the past")
    response = db.session.scalars(
        select(QuestionnaireResponse).where(
            QuestionnaireResponse.referral_id == referral.id,
            QuestionnaireResponse.questionnaire == key,
            QuestionnaireResponse.stage == stage,
        )
    ).first()
    replacing = response is not None
    if response is None:
        response = QuestionnaireResponse(referral=referral, questionnaire=key, stage=stage)
        db.session.add(response)
    response.answers = scores
    response.answered_on = answered_on
    response.recorded_by_id = user.id
    action = "changed questionnaire" if replacing else "recorded questionnaire"
    log_access(user, referral, action, f"{CATALOGUE[key].title}, {stage.label.lower()}")
    db.session.commit()
    return response


def responses_by_stage(
    referral: Referral,
) -> dict[tuple[str, QuestionnaireStage], QuestionnaireResponse]:
    """The referral's responses keyed by (questionnaire, stage)."""
    return {(r.questionnaire, r.stage): r for r in referral.responses}


# ---------------------------------------------------------------------------------------------
# Monitoring (optional)

GENDERS = ("Woman", "Man", "Non-binary", "Another way", "Prefer not to say")
AGE_RANGES = (
    "Under 18",
    "18-24",
    "25-34",
    "35-44",
    "45-54",
    "55-64",
    "65-74",
    "75-84",
    "85+",
    "Prefer not to say",
)
# The ONS 2021 census's high-level ethnic groups (England and Wales).
ETHNICITIES = (
    "Asian, Asian British or Asian Welsh",
    "Black, Black British, Black Welsh, Caribbean or African",
    "Mixed or Multiple ethnic groups",
    "White",
    "Other ethnic group",
    "Prefer not to say",
)
CLIENT_GROUPS = (
    "Older people",
    "Carers",
    "Mental health",
    "Learning disability",
    "Physical disability",
    "Long-term condition",
    "Other",
)
MONITORING_CHOICES: dict[str, tuple[str, ...]] = {
    "gender": GENDERS,
    "age_range": AGE_RANGES,
    "ethnicity": ETHNICITIES,
    "client_group": CLIENT_GROUPS,
}
GP_VISIT_FIELDS = {
    "gp_visits_before": "the month before referral",
    "gp_visits_after": "the month after referral",
}
MONITORING_FIELDS = (*MONITORING_CHOICES, *GP_VISIT_FIELDS)
_CHOICE_NAMES = {
    "gender": "a gender",
    "age_range": "an age range",
    "ethnicity": "an ethnic group",
    "client_group": "a client group",
}
MOST_GP_VISITS = 60


def _gp_visits(field: str, value: object) -> int | None:
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    message = (
        f"Enter the number of GP visits in {GP_VISIT_FIELDS[field]} as a whole number "
        f"from 0 to {MOST_GP_VISITS}, or leave it blank"
    )
    if not text.isdigit() or int(text) > MOST_GP_VISITS:
        raise ValidationFailed(field, message)
    return int(text)


def check_monitoring(fields: Mapping[str, object]) -> dict[str, str | int | None]:
    """Blank means "not recorded"; a choice must be one of the offered ones."""
    unknown = set(fields) - set(MONITORING_FIELDS)
    if unknown:
        raise TypeError(f"not monitoring fields: {', '.join(sorted(unknown))}")
    cleaned: dict[str, str | int | None] = {}
    for field, options in MONITORING_CHOICES.items():
        if field in fields:
            value = str(fields[field] or "").strip() or None
            if value is not None and value not in options:
                raise ValidationFailed(
                    field, f"Choose {_CHOICE_NAMES[field]} from the list, or leave it blank"
                )
            cleaned[field] = value
    for field in GP_VISIT_FIELDS:
        if field in fields:
            cleaned[field] = _gp_visits(field, fields[field])
    return cleaned


def set_monitoring(referral: Referral, user: User, **fields: object) -> Referral:
    """Record the optional monitoring fields given (others are left as they were)."""
    check_can_act(user, referral)
    for field, value in check_monitoring(fields).items():
        setattr(referral, field, value)
    log_access(user, referral, "changed monitoring")
    db.session.commit()
    return referral
