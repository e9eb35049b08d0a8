"""A listing's sessions as an .ics download (issue 16): what calendar apps read from it (the
repeat rule, the first session, London time, the last day), text escaped and folded by the
library, a home address never in it, the 404s, and the link only where there is something to add.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from portal.directory.models import PublicationState, Schedule, ServiceStatus
from tests import factories

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 12, 2)  # a Wednesday
LINK = "Add to your calendar (.ics)"


@pytest.fixture(autouse=True)
def on_a_known_day(monkeypatch):
    """The listing page and the download both count sessions from TODAY."""
    import portal.directory.presenters
    import portal.public.listing_views

    monkeypatch.setattr(portal.directory.presenters, "today", lambda: TODAY)
    monkeypatch.setattr(portal.public.listing_views, "today", lambda: TODAY)


def download(client, service) -> tuple[bytes, Calendar]:
    response = client.get(f"/services/{service.id}/calendar.ics")
    assert response.status_code == 200, response.get_data(as_text=True)[-500:]
    return response.data, Calendar.from_ical(response.data)


def events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def one_off(day: date, opens: str | None = "14:00", closes: str | None = "16:00") -> Schedule:
    return Schedule(
        freq=None,
        interval=1,
        dtstart=day,
        opens_at=time.fromisoformat(opens) if opens else None,
        closes_at=time.fromisoformat(closes) if closes else None,
    )


# --- the file ---------------------------------------------------------------------------------


def test_a_weekly_session_repeats_from_its_next_date_in_london_time(client, app):
    cafe = factories.service("Tuesday Chatter Café")  # every Tuesday, 10am to 12 noon
    response = client.get(f"/services/{cafe.id}/calendar.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="tuesday-chatter-cafe.ics"'
    )
    calendar = Calendar.from_ical(response.data)
    assert str(calendar["VERSION"]) == "2.0" and calendar["METHOD"] == "PUBLISH"
    [event] = events(calendar)
    assert event.start == datetime(2026, 12, 8, 10, 0, tzinfo=LONDON)
    assert event.end == datetime(2026, 12, 8, 12, 0, tzinfo=LONDON)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"
    assert str(event["SUMMARY"]) == "Tuesday Chatter Café"
    [schedule] = cafe.schedules
    assert str(event["UID"]) == f"{schedule.id}@portal.test"
    assert str(event["URL"]) == f"http://portal.test/services/{cafe.id}"
    assert event["DTSTAMP"].dt.tzinfo is not None


def test_the_time_zone_is_london_in_every_later_year(client, app):
    """The VTIMEZONE is the zone's rules, so sessions years ahead keep the right hour."""
    _, calendar = download(client, factories.service())
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    written = zone.to_tz()
    for year in (2027, 2031, 2040):
        for month, day in ((1, 15), (3, 30), (7, 1), (10, 30), (12, 24)):
            moment = datetime(year, month, day, 10, 0)
            assert written.utcoffset(moment) == moment.replace(tzinfo=LONDON).utcoffset()


def test_a_fortnightly_session_ends_on_its_last_valid_day(client, app):
    schedule = factories.weekly(
        "TH", "18:30", "20:00", interval=2, dtstart=date(2026, 1, 8), valid_to=date(2027, 6, 30)
    )
    _, calendar = download(client, factories.service("Choir", schedules=[schedule]))
    [event] = events(calendar)
    assert event.start == datetime(2026, 12, 10, 18, 30, tzinfo=LONDON)  # the fortnight's
    assert (event.start.date() - date(2026, 1, 8)).days % 14 == 0
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [2] and rule["BYDAY"] == ["TH"]
    # UNTIL in UTC (RFC 5545): the end of 30 June in British Summer Time.
    assert rule["UNTIL"] == [datetime(2027, 6, 30, 22, 59, 59, tzinfo=UTC)]
    assert b"UNTIL=20270630T225959Z" in event.to_ical()


def test_a_monthly_session_repeats_on_its_weekday_of_the_month(client, app):
    schedule = Schedule(
        freq="MONTHLY",
        interval=1,
        byday="-1FR",
        dtstart=date(2026, 1, 30),
        opens_at=time(19, 0),
        closes_at=time(21, 0),
    )
    _, calendar = download(client, factories.service("Quiz Night", schedules=[schedule]))
    [event] = events(calendar)
    assert event.start == datetime(2026, 12, 25, 19, 0, tzinfo=LONDON)  # last Friday
    assert event["RRULE"].to_ical() == b"FREQ=MONTHLY;BYDAY=-1FR"


def test_a_one_off_session_is_a_single_event_and_summer_time_is_kept(client, app):
    fair = factories.service("Summer Fair", schedules=[one_off(date(2027, 7, 1))])
    _, calendar = download(client, fair)
    [event] = events(calendar)
    assert "RRULE" not in event
    assert event.start == datetime(2027, 7, 1, 14, 0, tzinfo=LONDON)
    assert event.start.astimezone(UTC).hour == 13  # British Summer Time


def test_each_schedule_to_come_is_an_event_and_past_ones_are_left_out(client, app):
    listing = factories.service(
        "Walking Group",
        schedules=[
            factories.weekly("MO", "09:00", "10:00"),
            factories.weekly("SA", "11:00", "12:30"),
            one_off(date(2026, 6, 1)),  # over
            factories.weekly("WE", valid_to=date(2026, 11, 30)),  # over
        ],
    )
    _, calendar = download(client, listing)
    starts = sorted(e.start for e in events(calendar))
    assert starts == [
        datetime(2026, 12, 5, 11, 0, tzinfo=LONDON),
        datetime(2026, 12, 7, 9, 0, tzinfo=LONDON),
    ]
    assert len({str(e["UID"]) for e in events(calendar)}) == 2


def test_a_session_with_no_time_is_all_day_and_one_with_no_end_has_none(client, app):
    listing = factories.service(
        "Open Garden",
        schedules=[one_off(date(2027, 5, 8), None, None), one_off(date(2027, 5, 9), "10:00", None)],
    )
    _, calendar = download(client, listing)
    all_day, morning = sorted(events(calendar), key=lambda e: str(e["DTSTART"].to_ical()))
    assert all_day.start == date(2027, 5, 8) and all_day.end == date(2027, 5, 9)
    assert morning.start == datetime(2027, 5, 9, 10, 0, tzinfo=LONDON)
    assert "DTEND" not in morning


def test_names_and_descriptions_are_escaped_and_folded(client, app):
    listing = factories.service(
        "Tea, Cake; and Chat",
        description="Bring a friend, or come alone; all welcome.\nNo need to book. " + "x" * 200,
        org=factories.organisation("Friends, Neighbours; Together"),
    )
    raw, calendar = download(client, listing)
    assert b"SUMMARY:Tea\\, Cake\\; and Chat" in raw
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines are folded at 75 octets"
    [event] = events(calendar)
    assert str(event["SUMMARY"]) == "Tea, Cake; and Chat"
    description = str(event["DESCRIPTION"])
    assert description.startswith("Bring a friend, or come alone; all welcome.\nNo need to book.")
    assert "Every Tuesday, 10am to 12 noon" in description
    assert "Run by Friends, Neighbours; Together." in description
    assert f"http://portal.test/services/{listing.id}" in description
    assert len(description) < 700  # a short summary, not the whole listing


def test_the_venue_address_is_the_location(client, app):
    _, calendar = download(client, factories.service())
    [event] = events(calendar)
    assert str(event["LOCATION"]) == "Morgan Centre, Wellington Road, Crowthorne, RG45 7AB"


def test_a_home_address_is_never_in_the_file(client, app):
    home = factories.venue(
        "Sue's house",
        address_1="12 Acacia Avenue",
        postal_code="RG45 6QZ",
        latitude=51.37123,
        longitude=-0.79876,
        mask_address=True,
    )
    raw, calendar = download(client, factories.service("Knit at Sue's", location=home))
    [event] = events(calendar)
    assert str(event["LOCATION"]) == "Crowthorne (RG45)"
    text = raw.decode()
    for private in ("Acacia", "12 Acacia", "6QZ", "Sue's house", "51.37", "-0.79", "GEO"):
        assert private not in text, private


def test_an_online_activity_says_online(client, app):
    listing = factories.service("Online Book Club", location=factories.online())
    _, calendar = download(client, listing)
    [event] = events(calendar)
    assert str(event["LOCATION"]) == "Online"


def test_the_uid_stays_the_same_between_downloads(client, app):
    listing = factories.service()
    first = [str(e["UID"]) for e in events(download(client, listing)[1])]
    assert first == [str(e["UID"]) for e in events(download(client, listing)[1])]


# --- nothing to add: 404 ----------------------------------------------------------------------


def test_unknown_and_unpublished_listings_are_not_found(client, app):
    draft = factories.service("Draft Club", state=PublicationState.DRAFT)
    hidden = factories.service("Hidden Club", state=PublicationState.HIDDEN)
    for url in (
        "/services/0b5bd9c4-97f3-4a7b-9f4f-6d1b2f0e7a11/calendar.ics",
        "/services/not-an-id/calendar.ics",
        f"/services/{draft.id}/calendar.ics",
        f"/services/{hidden.id}/calendar.ics",
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    ("schedules", "status", "says"),
    [
        ([], ServiceStatus.ACTIVE, "has no sessions coming up"),
        ([one_off(date(2026, 6, 1))], ServiceStatus.ACTIVE, "has no sessions coming up"),
        (None, ServiceStatus.TEMPORARILY_CLOSED, "is temporarily closed"),
    ],
    ids=["no schedule", "all over", "closed"],
)
def test_a_listing_with_nothing_to_add_says_why_and_offers_no_link(
    client, app, schedules, status, says
):
    listing = factories.service("Chess Club", schedules=schedules, status=status)
    response = client.get(f"/services/{listing.id}/calendar.ics")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "There are no sessions to add to a calendar" in html and f"Chess Club {says}" in html
    page = client.get(f"/services/{listing.id}").get_data(as_text=True)
    assert LINK not in page and "calendar.ics" not in page


def test_the_listing_page_links_the_download_near_its_sessions(client, app):
    listing = factories.service()
    html = client.get(f"/services/{listing.id}").get_data(as_text=True)
    assert LINK in html
    assert f'href="/services/{listing.id}/calendar.ics"' in html
    assert html.index("Next session:") < html.index(LINK) < html.index("Where</dt>")
    assert "A file your calendar app (Google, Apple or Outlook) opens" in html


def test_a_session_starting_later_is_offered(client, app):
    later = factories.weekly("FR", valid_from=TODAY + timedelta(days=60))
    listing = factories.service("New Group", schedules=[later])
    assert LINK in client.get(f"/services/{listing.id}").get_data(as_text=True)
    [event] = events(download(client, listing)[1])
    assert event.start.date() >= TODAY + timedelta(days=60)
    assert event.start.weekday() == 4
