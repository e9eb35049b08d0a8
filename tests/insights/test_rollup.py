"""Issue 15: the search log rolled up by day, area and need (the same however often the job
runs, and when two runs meet), raw rows deleted after the retention period with their
roll-ups kept, and the listings within reach of each area counted."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select

from portal.directory.models import PublicationState, ServiceAtLocation, ServiceStatus
from portal.extensions import db
from portal.geo.models import Place, PlaceKind
from portal.insights.areas import current_areas, reach_km
from portal.insights.cli import insights_cli
from portal.insights.coverage import ensure_fresh, refresh, refresh_coverage
from portal.insights.models import (
    ALL_AREAS,
    ALL_NEEDS,
    NO_AREA,
    NO_NEED,
    OUTSIDE,
    Area,
    Coverage,
    RolledUpDay,
    SearchDay,
    SearchWordDay,
)
from portal.insights.needs import needs_of_search
from portal.insights.rollup import roll_up, roll_up_day
from portal.insights.rollup_counts import Mapper, normalise_words
from portal.search.models import SearchLog
from portal.search.services import thesaurus
from portal.search.thesaurus import load_default_thesaurus
from tests import factories
from tests.concurrency import at_once

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
DAY = TODAY - timedelta(days=2)
KM_PER_DEGREE = 6371.0088 * 3.141592653589793 / 180  # north-south, on the portal's sphere
CROWTHORNE = (51.3703, -0.7929)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def log(moment: datetime, text: str = "", needs: str = "", place: str = "", results: int = 5):
    db.session.execute(
        insert(SearchLog),
        [
            {
                "created_at": moment,
                "text": text,
                "needs": needs,
                "audiences": "",
                "place": place,
                "filters": "",
                "results": results,
            }
        ],
    )
    db.session.commit()


def search_days(day: date | None = None, together: bool = False) -> dict[tuple, tuple]:
    """Each area's rows (or, `together`, the rows of every area together)."""
    query = select(
        SearchDay.day,
        SearchDay.area,
        SearchDay.need,
        SearchDay.searches,
        SearchDay.found_nothing,
        SearchDay.found_little,
    )
    if day is not None:
        query = query.where(SearchDay.day == day)
    query = query.where(
        (SearchDay.area == ALL_AREAS) if together else (SearchDay.area != ALL_AREAS)
    )
    return {(d, a, n): tuple(rest) for d, a, n, *rest in db.session.execute(query)}


def word_days(day: date | None = None, together: bool = False) -> dict[tuple, tuple]:
    query = select(
        SearchWordDay.day,
        SearchWordDay.words,
        SearchWordDay.area,
        SearchWordDay.searches,
        SearchWordDay.found_nothing,
        SearchWordDay.found_little,
    )
    if day is not None:
        query = query.where(SearchWordDay.day == day)
    query = query.where(
        (SearchWordDay.area == ALL_AREAS) if together else (SearchWordDay.area != ALL_AREAS)
    )
    return {(d, w, a): tuple(rest) for d, w, a, *rest in db.session.execute(query)}


def rolled_days() -> dict[date, tuple[int, bool]]:
    return {
        day: (searches, deleted is not None)
        for day, searches, deleted in db.session.execute(
            select(RolledUpDay.day, RolledUpDay.searches, RolledUpDay.raw_deleted_at)
        )
    }


def raw_count(day: date) -> int:
    return db.session.scalar(
        select(func.count()).where(
            SearchLog.created_at >= at(day, 0), SearchLog.created_at < at(day + timedelta(1), 0)
        )
    )


def snapshot() -> tuple:
    return search_days(), word_days(), rolled_days()


@pytest.fixture
def areas(app):
    """Two areas: RG45 (Crowthorne) and GU47 (Sandhurst), each with a public listing."""
    load_default_thesaurus()
    db.session.commit()
    factories.service("Crowthorne Bereavement Café", needs=("bereavement",))
    factories.service(
        "Sandhurst Lunch Club",
        location=factories.venue(
            "Sandhurst Memorial Hall",
            postal_code="GU47 9AB",
            city="Sandhurst",
            latitude=51.349,
            longitude=-0.804,
        ),
    )


def log_the_day() -> None:
    """The hand-made day: two needs at once, town names, a place outside every area, a
    search that found nothing, one that found almost nothing, words to tidy."""
    log(at(DAY, 9), "Bereavement support", place="RG45", results=0)
    log(at(DAY, 10), "lonely", needs="food", place="Crowthorne", results=2)
    log(at(DAY, 11), "", needs="housing,money-and-debt", place="Sandhurst", results=10)
    log(at(DAY, 12), "  Mens   SHED ", place="Manchester", results=0)
    log(at(DAY, 13), "mens shed", place="Manchester", results=3)
    log(at(DAY, 23, 59), "yoga", results=25)
    log(at(DAY - timedelta(days=1), 8), "yoga", place="RG45", results=1)


EXPECTED_DAY = {
    (DAY, "RG45", ALL_NEEDS): (2, 1, 1),
    (DAY, "RG45", "bereavement"): (1, 1, 0),
    (DAY, "RG45", "loneliness-and-company"): (1, 0, 1),
    (DAY, "RG45", "food"): (1, 0, 1),
    (DAY, "GU47", ALL_NEEDS): (1, 0, 0),
    (DAY, "GU47", "housing"): (1, 0, 0),
    (DAY, "GU47", "money-and-debt"): (1, 0, 0),
    (DAY, OUTSIDE, ALL_NEEDS): (2, 1, 1),
    (DAY, OUTSIDE, NO_NEED): (2, 1, 1),
    (DAY, NO_AREA, ALL_NEEDS): (1, 0, 0),
    (DAY, NO_AREA, NO_NEED): (1, 0, 0),
}
EXPECTED_WORDS = {
    (DAY, "bereavement support", "RG45"): (1, 1, 0),
    (DAY, "lonely", "RG45"): (1, 0, 1),
    (DAY, "mens shed", OUTSIDE): (2, 1, 1),
}


# ---- the needs of a search ---------------------------------------------------------------


def test_needs_of_a_search_are_the_filters_chosen_and_what_its_words_imply(app):
    load_default_thesaurus()
    words = thesaurus()
    assert needs_of_search("bereavement support", "", words) == ["bereavement"]
    assert needs_of_search("Lonely", "", words) == ["loneliness-and-company"]
    assert needs_of_search("lonely", "food,housing", words) == [
        "food",
        "housing",
        "loneliness-and-company",
    ]
    assert needs_of_search("support for carers", "", words) == ["carers-support"]
    assert needs_of_search("Carers' support group", "", words) == ["carers-support"]
    assert needs_of_search("debt and money advice", "", words) == ["money-and-debt"]
    assert needs_of_search("grief after my husband died", "", words) == ["bereavement"]
    assert needs_of_search("mens shed", "", words) == []
    assert needs_of_search("", "", words) == []
    assert needs_of_search("getting", "", words) == []  # half a need's name is not the need


def test_words_are_kept_lower_case_with_spaces_collapsed_and_cut_to_100():
    assert normalise_words("  Mens \t  SHED ") == "mens shed"
    assert normalise_words("a " * 80) == ("a " * 50).strip()
    assert len(normalise_words("x" * 300)) == 100


# ---- counting ----------------------------------------------------------------------------


def test_the_roll_up_maps_places_to_areas_as_area_for_place_does(areas):
    from portal.insights.areas import area_for_place, town_areas

    listed, reach = current_areas(), reach_km()
    mapper = Mapper(listed, reach, {})
    towns = town_areas({area.code for area in listed})
    places = ("", "RG45", "rg45", " GU47 ", "Crowthorne", "Sandhurst", "Owlsmoor", "Bracknell")
    places += ("Manchester", "RG12", "GU47 9AB", "Nowhere at all", "51.36,-0.79")
    expected = [area_for_place(p, listed, reach, towns) for p in places]
    assert [mapper.area(p) for p in places] == expected
    assert {mapper.area(p) for p in places} == {NO_AREA, "RG45", "GU47", OUTSIDE}


def test_a_day_is_counted_by_area_and_need_with_what_found_nothing_or_little(areas):
    log_the_day()

    result = roll_up(NOW)

    assert search_days(DAY) == EXPECTED_DAY
    assert word_days(DAY) == EXPECTED_WORDS  # words of searches that found plenty: not kept
    before = DAY - timedelta(days=1)
    assert search_days(before) == {
        (before, "RG45", ALL_NEEDS): (1, 0, 1),
        (before, "RG45", NO_NEED): (1, 0, 1),
    }
    assert word_days(before) == {(before, "yoga", "RG45"): (1, 0, 1)}
    assert rolled_days() == {DAY: (6, False), before: (1, False)}
    assert (result.days, result.searches, result.deleted) == (2, 7, 0)
    assert {code for (code,) in db.session.execute(select(Area.code))} == {"RG45", "GU47"}


def test_every_area_together_is_the_sum_of_the_areas_for_each_need_and_word(areas):
    log_the_day()
    roll_up(NOW)

    summed: dict[tuple, list[int]] = {}
    for (day, _area, need), numbers in search_days(DAY).items():
        entry = summed.setdefault((day, ALL_AREAS, need), [0, 0, 0])
        for i, number in enumerate(numbers):
            entry[i] += number
    assert search_days(DAY, together=True) == {key: tuple(v) for key, v in summed.items()}
    words: dict[tuple, list[int]] = {}
    for (day, text, _area), numbers in word_days(DAY).items():
        entry = words.setdefault((day, text, ALL_AREAS), [0, 0, 0])
        for i, number in enumerate(numbers):
            entry[i] += number
    assert word_days(DAY, together=True) == {key: tuple(v) for key, v in words.items()}


def test_rolling_up_twice_gives_the_same_tables(areas):
    log_the_day()
    log(at(TODAY, 9), "walking", place="GU47", results=0)
    roll_up(NOW)
    first = snapshot()

    again = roll_up(NOW + timedelta(hours=1))

    assert snapshot() == first
    assert again.days == 1  # today, which can still gain searches; the days before are final
    mapper = Mapper(current_areas(), reach_km(), thesaurus())
    for day in (DAY, TODAY):  # counted afresh, not added to
        assert roll_up_day(day, NOW + timedelta(hours=2), False, mapper).rolled
    assert snapshot() == first


def test_a_search_logged_later_today_is_counted_at_the_next_run(areas):
    log(at(TODAY, 9), "walking", place="GU47", results=0)
    roll_up(at(TODAY, 9, 30))
    assert search_days(TODAY)[(TODAY, "GU47", ALL_NEEDS)] == (1, 1, 0)

    log(at(TODAY, 10), "walking", place="GU47", results=2)
    log(at(TODAY, 10, 5), "walking", place="Sandhurst", results=20)
    result = roll_up(at(TODAY, 10, 30))

    assert search_days(TODAY)[(TODAY, "GU47", ALL_NEEDS)] == (3, 1, 1)
    assert word_days(TODAY) == {(TODAY, "walking", "GU47"): (2, 1, 1)}
    assert rolled_days()[TODAY] == (3, False)
    assert (result.days, result.searches) == (1, 3)


def test_a_day_rolled_up_before_it_ended_is_counted_again_after_midnight(areas):
    log(at(TODAY, 22), "yoga", results=0)
    roll_up(at(TODAY, 23))
    log(at(TODAY, 23, 50), "yoga", results=0)  # after the last run of the day

    result = roll_up(at(TODAY + timedelta(days=1), 0, 15))

    assert rolled_days()[TODAY] == (2, False)
    assert result.days == 1
    later = roll_up(at(TODAY + timedelta(days=1), 1, 15))  # counted after it ended: final
    assert later.days == 0


# ---- retention ---------------------------------------------------------------------------


def test_old_raw_searches_are_deleted_once_counted_and_their_roll_up_survives(app, areas):
    app.config["PORTAL_SEARCH_LOG_KEEP_DAYS"] = 30
    old, older, recent = TODAY - timedelta(days=31), TODAY - timedelta(days=45), DAY
    log(at(old), "lonely", place="Crowthorne", results=0)
    log(at(old, 11), "yoga", place="RG45", results=9)
    log(at(recent), "lonely", place="Crowthorne", results=0)
    roll_up(NOW - timedelta(days=10))  # nothing is old enough yet
    log(at(older), "mens shed", place="Manchester", results=0)  # never rolled up before
    kept = search_days(old)

    result = roll_up(NOW)

    assert (raw_count(old), raw_count(older), raw_count(recent)) == (0, 0, 1)
    assert result.deleted == 3
    assert rolled_days() == {old: (2, True), older: (1, True), recent: (1, False)}
    assert search_days(old) == kept
    assert search_days(older)[(older, OUTSIDE, ALL_NEEDS)] == (1, 1, 0)
    assert word_days(older) == {(older, "mens shed", OUTSIDE): (1, 1, 0)}
    first = snapshot()

    roll_up(NOW + timedelta(days=1))

    assert snapshot() == first
    assert raw_count(recent) == 1


def test_a_search_turning_up_for_a_day_already_deleted_is_added_to_its_counts(app, areas):
    app.config["PORTAL_SEARCH_LOG_KEEP_DAYS"] = 30
    old = TODAY - timedelta(days=40)
    log(at(old), "lonely", place="Crowthorne", results=0)
    roll_up(NOW)
    log(at(old, 15), "lonely", place="Crowthorne", results=2)  # a late import, say

    roll_up(NOW + timedelta(hours=1))

    assert raw_count(old) == 0
    assert rolled_days()[old] == (2, True)
    assert search_days(old)[(old, "RG45", "loneliness-and-company")] == (2, 1, 1)
    assert word_days(old) == {(old, "lonely", "RG45"): (2, 1, 1)}


# ---- two runs at once --------------------------------------------------------------------


def _roll_up_in_own_context(app, now: datetime):
    def run():
        with app.app_context():
            return roll_up(now)

    return run


@pytest.mark.parametrize("same_moment", [True, False], ids=["same moment", "a second apart"])
def test_two_roll_ups_at_once_count_each_day_once(app, areas, same_moment):
    app.config["PORTAL_SEARCH_LOG_KEEP_DAYS"] = 30
    old = TODAY - timedelta(days=40)
    log(at(old), "lonely", place="Crowthorne", results=0)
    log_the_day()
    log(at(TODAY, 8), "walking", place="GU47", results=1)
    db.session.commit()
    later = NOW if same_moment else NOW + timedelta(seconds=1)

    results = at_once(_roll_up_in_own_context(app, NOW), _roll_up_in_own_context(app, later))

    assert all(not isinstance(r, Exception) for r in results), results
    db.session.rollback()
    assert search_days(DAY) == EXPECTED_DAY
    assert word_days(DAY) == EXPECTED_WORDS
    assert search_days(TODAY)[(TODAY, "GU47", ALL_NEEDS)] == (1, 0, 1)
    assert search_days(old)[(old, "RG45", ALL_NEEDS)] == (1, 1, 0)
    assert raw_count(old) == 0
    assert sum(r.deleted for r in results) == 1  # deleted once, counted once
    if same_moment:  # whichever run came second to a day found it just counted, and left it
        assert sum(r.days for r in results) == 4
    assert rolled_days()[DAY] == (6, False)


# ---- coverage ----------------------------------------------------------------------------


def north_of(km: float) -> tuple[float, float]:
    return CROWTHORNE[0] + km / KM_PER_DEGREE, CROWTHORNE[1]


def listing(name: str, need: str, position: tuple[float, float], **fields):
    return factories.service(
        name,
        needs=(need,),
        location=factories.venue(
            f"{name} hall", postal_code="RG45 7AB", latitude=position[0], longitude=position[1]
        ),
        **fields,
    )


@pytest.fixture
def crowthorne(app):
    """RG45, centred on Crowthorne by the gazetteer."""
    db.session.add(
        Place(
            kind=PlaceKind.DISTRICT,
            key="RG45",
            name="RG45",
            latitude=CROWTHORNE[0],
            longitude=CROWTHORNE[1],
            source="test",
        )
    )
    db.session.commit()


def coverage() -> dict[tuple[str, str], int]:
    return {
        (area, need): n
        for area, need, n in db.session.execute(
            select(Coverage.area, Coverage.need, Coverage.listings)
        )
    }


def test_coverage_counts_active_public_listings_within_reach_of_each_area(app, crowthorne):
    listing("Bereavement café", "bereavement", CROWTHORNE)
    listing("Food bank", "food", north_of(2.95))
    listing("Far food bank", "food", north_of(3.05))
    listing("Hidden housing help", "housing", CROWTHORNE, state=PublicationState.HIDDEN)
    listing("Draft housing help", "housing", CROWTHORNE, state=PublicationState.DRAFT)
    listing(
        "Closed housing help",
        "housing",
        CROWTHORNE,
        status=ServiceStatus.TEMPORARILY_CLOSED,
    )
    twice = listing("Two halls", "volunteering", CROWTHORNE)
    twice.service_at_locations.append(
        ServiceAtLocation(location=factories.venue("Second hall", latitude=north_of(1)[0]))
    )
    db.session.commit()

    areas, rows = refresh(NOW)

    counts = coverage()
    assert areas == 1 and rows == len(counts)
    assert counts[("RG45", "bereavement")] == 1
    assert counts[("RG45", "food")] == 1  # 2.95 km away counts, 3.05 km does not
    assert counts[("RG45", "housing")] == 0  # hidden, draft, temporarily closed
    assert counts[("RG45", "volunteering")] == 1  # two places, one listing
    assert counts[("RG45", "getting-active")] == 0
    assert {r for (r,) in db.session.execute(select(Coverage.reach_km).distinct())} == {3.0}

    assert refresh_coverage(NOW, 3.1) == rows
    assert coverage()[("RG45", "food")] == 2


def test_a_page_counts_coverage_when_there_is_none_or_the_reach_changed(app, crowthorne):
    listing("Food bank", "food", north_of(3.5))
    assert ensure_fresh(NOW) is True
    assert coverage()[("RG45", "food")] == 0
    assert ensure_fresh(NOW) is False

    app.config["PORTAL_INSIGHT_REACH_KM"] = 4.0
    assert ensure_fresh(NOW) is True
    assert coverage()[("RG45", "food")] == 1
    assert ensure_fresh(NOW) is False


def test_two_pages_at_once_count_coverage_once_and_both_answer(app, crowthorne):
    listing("Food bank", "food", CROWTHORNE)
    db.session.commit()

    def page():
        with app.app_context():
            return ensure_fresh(NOW)

    results = at_once(page, page)

    assert sorted(results) == [False, True], results
    db.session.rollback()
    assert coverage()[("RG45", "food")] == 1


def test_two_recounts_at_once_both_finish_with_the_right_counts(app, crowthorne):
    listing("Food bank", "food", CROWTHORNE)
    listing("Far food bank", "food", north_of(3.05))
    db.session.commit()

    def job():
        with app.app_context():
            return refresh(NOW)

    results = at_once(job, job, job)

    assert all(not isinstance(r, Exception) for r in results), results
    db.session.rollback()
    assert coverage()[("RG45", "food")] == 1
    assert db.session.scalar(select(func.count()).select_from(Area)) == 1


# ---- the job and the command -------------------------------------------------------------


def test_the_job_rolls_up_counts_coverage_and_says_what_it_did(app, runner, areas):
    log_the_day()

    result = runner.invoke(
        args=["jobs", "run", "--job", "insights-rollup", "--now", f"{NOW:%Y-%m-%d %H:%M}"]
    )

    assert result.exit_code == 0, result.output
    assert (
        "insights-rollup: ran (2 days rolled up (7 searches), 0 old raw searches deleted; "
        "coverage counted for 2 areas; default figures kept)" in result.output
    )
    db.session.rollback()
    assert search_days(DAY) == EXPECTED_DAY
    # The default narrowing's costly answers are kept for this roll-up, ready for the pages.
    from portal.insights.models import StoredFigures
    from portal.insights.stored import version

    kept = db.session.execute(select(StoredFigures.version)).scalars().all()
    assert kept and set(kept) == {version()}


def test_the_command_does_the_same_by_hand(app, runner, areas):
    log_the_day()

    result = runner.invoke(insights_cli, ["roll-up", "--now", "2026-03-10 12:00", "--verbose"])

    assert result.exit_code == 0, result.output
    assert "Coverage: 2 areas" in result.output
    assert f"{DAY}: 6 searches" in result.output
    assert "Search log: 2 days rolled up (7 searches)" in result.output
    db.session.rollback()
    assert search_days(DAY) == EXPECTED_DAY
