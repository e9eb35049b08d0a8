"""Referral figures for the insights page: referrals closed as nothing suitable by reason and
area, waiting in calendar and working days, where people were connected; suppressed alike on
the page and in the CSV."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from portal.extensions import db
from portal.insights.referral_figures import (
    REASON_NEEDS,
    reasons_for_need,
    referral_csv_rows,
    referral_figures,
)
from portal.prescribing.models import (
    ClosureReason,
    Connection,
    ReferralReason,
    ReferralState,
)
from portal.prescribing.outcomes.report_figures import working_days_between
from tests.prescribing.factories import referral, world

START, END = date(2026, 2, 1), date(2026, 2, 28)
NOTHING = ClosureReason.NOTHING_SUITABLE


def at(day: int, hour: int = 10, month: int = 2) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


@pytest.fixture
def w(app):
    return world()


def closed(w, n: int, reason: ReferralReason, area: str | None, why=NOTHING, **fields):
    made = fields.pop("created_at", at(10))
    for _ in range(n):
        referral(
            w.service_a,
            w.gp,
            state=ReferralState.DECLINED,
            created_at=made,
            reason=reason,
            area=area,
            closure_reason=why,
            **fields,
        )


def figures(k: int = 5, area: str | None = None, need: str | None = None):
    return referral_figures(START, END, area=area, need=need, k=k)


def as_dict(rows):
    return {label: (c.value, c.hidden) for label, c in rows}


# --- needs --------------------------------------------------------------------------------------


def test_each_reason_for_referral_maps_to_a_need_or_none():
    assert set(REASON_NEEDS) == set(ReferralReason)
    assert REASON_NEEDS[ReferralReason.OTHER] is None
    assert reasons_for_need("loneliness-and-company") == [ReferralReason.ISOLATION]
    assert reasons_for_need("mental-wellbeing") == [ReferralReason.LOW_MOOD]
    assert reasons_for_need("long-term-conditions") == [ReferralReason.LONG_TERM_CONDITION]
    assert reasons_for_need("knitting") == []


# --- counting and narrowing --------------------------------------------------------------------


def test_referrals_made_in_the_range_are_counted_and_narrowed_by_area_and_need(w):
    closed(w, 6, ReferralReason.ISOLATION, "RG12")
    closed(w, 5, ReferralReason.BEREAVEMENT, "GU47")
    closed(w, 2, ReferralReason.ISOLATION, "RG12", created_at=at(31, month=1))  # before
    closed(w, 2, ReferralReason.ISOLATION, "RG12", created_at=at(1, 0, month=3))  # after
    referral(w.service_a, w.gp, created_at=at(12), reason=ReferralReason.OTHER)

    assert figures().made == 12
    assert figures(area="rg12").made == 6
    assert figures(need="bereavement").made == 5
    assert figures(need="loneliness-and-company", area="GU47").made == 0
    assert figures(need="knitting").made == 0


def test_only_referrals_closed_as_nothing_suitable_are_counted_by_reason_and_area(w):
    closed(w, 6, ReferralReason.ISOLATION, "RG12")
    closed(w, 5, ReferralReason.BEREAVEMENT, None)
    closed(w, 4, ReferralReason.ISOLATION, "RG12", why=ClosureReason.CONNECTED)
    closed(w, 3, ReferralReason.MONEY, "RG12", why=None)

    got = figures()

    assert as_dict(got.nothing_suitable_by_reason) == {
        "Social isolation or loneliness": (6, False),
        "Bereavement": (5, False),
    }
    assert as_dict(got.nothing_suitable_by_area) == {"RG12": (6, False), "Not recorded": (5, False)}


# --- grouping small categories ------------------------------------------------------------------


def test_a_category_of_3_is_folded_into_other(w):
    closed(w, 6, ReferralReason.ISOLATION, "RG12")
    closed(w, 3, ReferralReason.MONEY, "RG12")
    closed(w, 2, ReferralReason.HOUSING, "RG12")

    rows = figures().nothing_suitable_by_reason

    assert as_dict(rows) == {
        "Social isolation or loneliness": (6, False),
        "Other (2 groups)": (5, False),
    }
    assert "Money worries" not in str(rows)


def test_other_under_5_takes_in_the_next_smallest(w):
    closed(w, 7, ReferralReason.ISOLATION, "RG12")
    closed(w, 5, ReferralReason.BEREAVEMENT, "RG12")
    closed(w, 3, ReferralReason.MONEY, "RG12")

    rows = figures().nothing_suitable_by_reason

    assert as_dict(rows) == {
        "Social isolation or loneliness": (7, False),
        "Other (2 groups)": (8, False),  # money (3) was too few alone: bereavement joined it
    }


def test_a_whole_small_programme_shows_one_hidden_row_and_no_waiting_times(w):
    closed(w, 2, ReferralReason.ISOLATION, "RG12", first_contact_at=at(11))
    closed(w, 1, ReferralReason.MONEY, "GU47", first_contact_at=at(12))

    got = figures()

    assert got.made == 3
    [(label, only)] = got.nothing_suitable_by_reason
    assert label == "Other (2 groups)" and only.hidden and only.text == "fewer than 5"
    assert [c.hidden for _, c in got.nothing_suitable_by_area] == [True]
    assert got.waiting["count"].text == "fewer than 5"
    assert got.waiting["median"] == "not shown (too few)"
    assert got.waiting["median_working"] == "not shown (too few)"
    csv = referral_csv_rows(got)
    assert csv["nothing-suitable-by-reason"][1] == [["Other (2 groups)", "fewer than 5"]]
    assert "2" not in str(csv["nothing-suitable-by-reason-and-area"][1])
    assert "3" not in str(csv)  # no count of the programme shows anywhere


def test_a_threshold_of_0_shows_everything(w):
    closed(w, 1, ReferralReason.MONEY, "GU47")

    assert as_dict(figures(k=0).nothing_suitable_by_reason) == {"Money worries": (1, False)}


# --- the reason × area table -------------------------------------------------------------------


def test_the_cross_tab_hides_a_second_count_so_none_can_be_worked_out(w):
    closed(w, 6, ReferralReason.ISOLATION, "RG12")
    closed(w, 2, ReferralReason.ISOLATION, "GU47")
    closed(w, 7, ReferralReason.BEREAVEMENT, "RG12")
    closed(w, 8, ReferralReason.BEREAVEMENT, "GU47")
    closed(w, 9, ReferralReason.MONEY, "RG12")
    closed(w, 10, ReferralReason.MONEY, "RG42")

    table = figures().nothing_suitable_table

    # Rows in the order reasons are listed, columns by code
    assert table["rows"] == ["Bereavement", "Social isolation or loneliness", "Money worries"]
    assert table["columns"] == ["GU47", "RG12", "RG42"]
    hidden = {key for key, c in table["cells"].items() if c.hidden}
    isolation, bereavement = "Social isolation or loneliness", "Bereavement"
    # 2 is primary; 6 in its row and 8 in its column are secondary; then RG12 has one hidden
    # (6): its next smallest (7) goes too, and Bereavement's row then has 7 and 8 hidden.
    assert hidden == {
        (isolation, "GU47"),
        (isolation, "RG12"),
        (bereavement, "GU47"),
        (bereavement, "RG12"),
    }
    assert not table["cells"][("Money worries", "RG12")].hidden
    assert table["cells"][(isolation, "GU47")].text == "fewer than 5"
    assert table["cells"][(isolation, "RG12")].text == "hidden"
    assert table["row_totals"][isolation].text == "8"
    assert table["total"].value == 42

    header, rows = referral_csv_rows(figures())["nothing-suitable-by-reason-and-area"]
    assert header == ["Reason for referral", "GU47", "RG12", "RG42", "Total"]
    assert rows[0] == [bereavement, "hidden", "hidden", "0", "15"]
    assert rows[1] == [isolation, "fewer than 5", "hidden", "0", "8"]
    assert rows[2] == ["Money worries", "0", "9", "10", "19"]
    assert rows[3] == ["Total", "10", "22", "10", "42"]


# --- waiting ------------------------------------------------------------------------------------


def test_working_days_skip_weekends_and_bank_holidays_to_the_part_of_a_day():
    friday, monday = datetime(2026, 2, 6, 16, tzinfo=UTC), datetime(2026, 2, 9, 10, tzinfo=UTC)
    assert working_days_between(friday, monday) == pytest.approx(8 / 24 + 10 / 24)
    same_day = datetime(2026, 2, 9, 16, tzinfo=UTC)
    assert working_days_between(monday, same_day) == pytest.approx(0.25)
    # Thursday before Easter 2026 (Good Friday 3 April, Easter Monday 6 April), to Tuesday:
    # in UK summer time, 09:00 UTC is 10:00 in London.
    thursday, tuesday = datetime(2026, 4, 2, 9, tzinfo=UTC), datetime(2026, 4, 7, 9, tzinfo=UTC)
    assert working_days_between(thursday, tuesday) == pytest.approx(14 / 24 + 10 / 24)
    saturday, sunday = datetime(2026, 2, 7, 9, tzinfo=UTC), datetime(2026, 2, 8, 9, tzinfo=UTC)
    assert working_days_between(saturday, sunday) == 0
    assert working_days_between(monday, friday) == 0
    two_weeks = working_days_between(datetime(2026, 2, 2, tzinfo=UTC), at(16, 0))
    assert two_weeks == pytest.approx(10)


def test_waiting_is_given_in_calendar_and_working_days(w):
    for _ in range(5):
        referral(
            w.service_a,
            w.gp,
            state=ReferralState.ACCEPTED,
            created_at=datetime(2026, 2, 6, 16, tzinfo=UTC),  # a Friday
            first_contact_at=datetime(2026, 2, 9, 10, tzinfo=UTC),  # the Monday
        )
    referral(w.service_a, w.gp, created_at=at(20))  # not contacted yet

    wait = figures().waiting

    assert wait["count"].text == "5"
    assert (wait["median"], wait["mean"]) == ("2.8", "2.8")  # 2.75 calendar days
    assert (wait["median_working"], wait["mean_working"]) == ("0.8", "0.8")  # 0.75
    assert referral_csv_rows(figures())["waiting"] == (
        ["Wait, of 5 referrals contacted", "Calendar days", "Working days"],
        [["Median", "2.8", "0.8"], ["Mean", "2.8", "0.8"]],
    )


# --- where people were connected ----------------------------------------------------------------


def test_where_people_were_connected_groups_small_activities(w):
    def connect(name: str, n: int, times: int = 1):
        for _ in range(n):
            item = referral(w.service_a, w.gp, state=ReferralState.COMPLETED, created_at=at(5))
            for _ in range(times):
                db.session.add(
                    Connection(referral_id=item.id, activity_name=name, connected_on=START)
                )
        db.session.commit()

    connect("Bracknell walking group", 6, times=2)  # each person counted once
    connect("Knit and natter", 2)
    connect("Men's shed", 3)

    rows = as_dict(figures().connected_to)

    assert rows == {"Bracknell walking group": (6, False), "Other (2 groups)": (5, False)}
    csv = referral_csv_rows(figures())["connected-to"]
    assert csv == (
        ["Activity or listing", "Referrals connected"],
        [["Bracknell walking group", "6"], ["Other (2 groups)", "5"]],
    )


def test_every_csv_matches_the_figures_on_the_page(w):
    closed(w, 6, ReferralReason.ISOLATION, "RG12")
    closed(w, 3, ReferralReason.BEREAVEMENT, "GU47")
    got = figures()

    csv = referral_csv_rows(got)

    assert list(csv) == [
        "nothing-suitable-by-reason",
        "nothing-suitable-by-area",
        "nothing-suitable-by-reason-and-area",
        "waiting",
        "connected-to",
    ]
    for name, rows in (
        ("nothing-suitable-by-reason", got.nothing_suitable_by_reason),
        ("nothing-suitable-by-area", got.nothing_suitable_by_area),
    ):
        assert csv[name][1] == [[label, c.csv] for label, c in rows]
    assert csv["nothing-suitable-by-reason"][1] == [["Other (2 groups)", "9"]]
