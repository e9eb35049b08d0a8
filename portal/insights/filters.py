"""What a commissioner narrows the insights to: a date range, an area and a need.

Dates come from GOV.UK date inputs, as on the referral report; a blank range is the year up
to today. An area or a need that is not in the list is refused with a message, never
silently widened to "all".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from portal.directory.services import vocabulary_terms
from portal.insights.areas import AreaView, current_areas
from portal.prescribing.outcomes.report_dates import (
    DateRange,
    DatesInvalid,
    read_range,
    typed_as_parts,
    typed_dates,
)
from portal.validation import ValidationFailed

__all__ = ["DatesInvalid", "Narrowing", "NarrowingInvalid", "read_narrowing"]


class NarrowingInvalid(ValidationFailed):
    """Dates, an area or a need that cannot be used: every problem, by field."""

    def __init__(self, problems: dict[str, str], wrong: dict[str, list[str]], typed: dict):
        field_name, message = next(iter(problems.items()))
        super().__init__(field_name, message)
        self.problems = problems
        self.wrong = wrong
        self.typed = typed


@dataclass(frozen=True)
class Narrowing:
    period: DateRange
    area: str  # "" for every area
    need: str  # "" for every need
    areas: tuple[AreaView, ...]
    needs: tuple[tuple[str, str], ...]  # (code, name) in the vocabulary's order

    @property
    def start(self) -> date:
        return self.period.start

    @property
    def end(self) -> date:
        return self.period.end

    @property
    def area_name(self) -> str:
        return next((a.name for a in self.areas if a.code == self.area), "every area")

    @property
    def need_name(self) -> str:
        return dict(self.needs).get(self.need, "every need")

    @property
    def need_names(self) -> dict[str, str]:
        return dict(self.needs)

    @property
    def typed(self) -> dict:
        return {
            "start": typed_as_parts(self.start),
            "end": typed_as_parts(self.end),
            "area": self.area,
            "need": self.need,
        }

    def args(self, **changes: str) -> dict[str, str]:
        """Query arguments that lead back to this narrowing (for links and CSV downloads)."""
        values = {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "area": self.area,
            "need": self.need,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value}


def options() -> dict[str, list[tuple[str, str]]]:
    """The area and need lists the narrowing form offers."""
    return {
        "area_options": [(a.code, a.name) for a in current_areas()],
        "need_options": [(t.code, t.name) for t in vocabulary_terms("needs")],
    }


def read_narrowing(args: Mapping, today: date) -> Narrowing:
    """The narrowing a page's query string asks for; raises NarrowingInvalid."""
    typed: dict = typed_dates(args)
    area = (args.get("area") or "").strip()[:20]
    need = (args.get("need") or "").strip()[:60]
    typed.update(area=area, need=need)
    areas = tuple(current_areas())
    needs = tuple((t.code, t.name) for t in vocabulary_terms("needs"))
    problems: dict[str, str] = {}
    wrong: dict[str, list[str]] = {}
    period = None
    try:
        period = read_range(typed, today)
    except DatesInvalid as invalid:
        problems.update(invalid.problems)
        wrong.update(invalid.wrong)
    if area and area not in {a.code for a in areas}:
        problems["area"] = "Choose an area from the list, or every area"
    if need and need not in dict(needs):
        problems["need"] = "Choose a need from the list, or every need"
    if problems or period is None:
        raise NarrowingInvalid(problems, wrong, typed)
    return Narrowing(period, area, need, areas, needs)
