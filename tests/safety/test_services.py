"""The safety settings through the services: the defaults with nothing saved, what the
administrators change, and every rule each change is checked against."""

import pytest
from sqlalchemy import select

from portal.audit import AuditEvent
from portal.extensions import db
from portal.safety import defaults, editing
from portal.safety.checks import check_exit_url, check_helpline, check_words
from portal.safety.models import SafetyHelpline, SafetySettings, SafetyWord
from portal.safety.panel import Helpline
from portal.safety.services import (
    current_state,
    exit_target,
    explain,
    is_sensitive_listing,
    is_sensitive_search,
    safety_panel_for,
)
from portal.search.models import Synonym
from portal.validation import EditConflict, ValidationFailed

pytestmark = pytest.mark.usefixtures("vocabulary")


def names(panel) -> list[str]:
    return [helpline.name for helpline in panel.helplines]


# --- the defaults, with nothing saved ------------------------------------------------------


def test_an_empty_directory_shows_the_default_panel_with_999_first():
    assert db.session.scalars(select(SafetySettings)).first() is None
    panel = safety_panel_for("domestic abuse")
    assert panel is not None
    assert panel.heading == "If you or someone else is in danger"
    assert panel.helplines == defaults.HELPLINES
    first = panel.helplines[0]
    assert first.number == "999" and "press 55" in first.description
    assert all(helpline.hours for helpline in panel.helplines), "every line says when it answers"
    assert "National Domestic Abuse Helpline" in names(panel)
    assert "Samaritans" in names(panel)


def test_no_panel_without_a_safety_word():
    assert safety_panel_for("harmony choir") is None
    assert safety_panel_for("") is None
    assert safety_panel_for("   ") is None


def test_the_default_quick_exit_and_sensitive_need():
    assert exit_target() == "https://www.bbc.co.uk/weather"
    assert is_sensitive_listing(["mental-wellbeing", "getting-active"])
    assert not is_sensitive_listing(["getting-active"])
    assert not is_sensitive_listing([])


def test_a_search_is_sensitive_for_a_safety_word_a_need_filter_or_a_word_about_the_need():
    assert is_sensitive_search("suicidal thoughts", [])
    assert is_sensitive_search("", ["mental-wellbeing"])
    assert is_sensitive_search("mental wellbeing groups", [])  # the need's own name
    db.session.add(Synonym(term="anxiety", expands_to="peer support", needs="mental-wellbeing"))
    db.session.commit()
    assert is_sensitive_search("anxiety", [])
    assert is_sensitive_search("Anxious? anxiety support", [])
    assert not is_sensitive_search("walking football", ["getting-active"])
    assert not is_sensitive_search("lunch club", [])


def test_explain_says_which_word_shows_what():
    assert explain("I'm self-harming").panel_word == "self-harm"
    found = explain("mental wellbeing")
    assert found.panel_word is None and found.exit_word == "Mental wellbeing" and found.shows_exit
    nothing = explain("lunch club")
    assert nothing.panel_word is None and nothing.exit_word is None and not nothing.shows_exit


# --- administrators' changes ------------------------------------------------------------


def test_a_word_an_administrator_adds_shows_the_panel(admin):
    assert safety_panel_for("county lines") is None
    words = [*defaults.WORDS, "county lines"]
    editing.save_words("\n".join(words), 0, admin)
    assert safety_panel_for("County-lines gangs") is not None
    assert safety_panel_for("domestic abuse") is not None
    assert current_state().words_version == 1 and not current_state().words_default


def test_a_word_an_administrator_removes_no_longer_shows_the_panel(admin):
    editing.save_words("domestic abuse\nsuicide", None, admin)
    assert safety_panel_for("crisis") is None
    assert safety_panel_for("suicide") is not None
    stored = db.session.scalars(select(SafetyWord.normalised).order_by(SafetyWord.id)).all()
    assert stored == ["domestic abuse", "suicide"]


def test_saving_words_is_audited_with_what_changed(admin):
    editing.save_words("domestic abuse\ncounty lines", None, admin)
    event = db.session.scalars(select(AuditEvent)).one()
    assert event.action == "safety.words.saved" and event.actor == admin
    assert "added “county lines”" in event.summary and "removed “in danger”" in event.summary
    assert f"and {len(defaults.WORDS) - 21} more" in event.summary
    assert event.before["words"] == list(defaults.WORDS)
    assert event.after["words"] == ["domestic abuse", "county lines"]


def test_a_helpline_an_administrator_deletes_is_gone_and_the_others_stay_in_order(admin):
    number = names(current_state().panel).index("Men's Advice Line") + 1
    assert editing.delete_helpline(number, 0, admin) == "Men's Advice Line"
    panel = safety_panel_for("domestic abuse")
    assert "Men's Advice Line" not in names(panel)
    assert names(panel) == [h.name for h in defaults.HELPLINES if h.name != "Men's Advice Line"]
    event = db.session.scalars(select(AuditEvent)).one()
    assert (
        event.action == "safety.helplines.deleted" and event.before["name"] == "Men's Advice Line"
    )


def test_an_administrator_adds_changes_and_moves_helplines(admin):
    added = editing.save_helpline(
        None,
        {
            "name": "Local crisis café",
            "contact": "Call 01344 123 456",
            "number": "01344 123 456",
            "hours": "Friday to Sunday, 6pm to 11pm",
            "description": "",
        },
        0,
        admin,
    )
    assert added.number == "01344123456"
    state = current_state()
    assert state.helplines[-1] == added and len(state.helplines) == len(defaults.HELPLINES) + 1
    last = len(state.helplines)
    editing.move_helpline(last, -1, 1, admin)
    assert current_state().helplines[-2].name == "Local crisis café"
    changed = {"name": "Samaritans", "contact": "Call 116 123", "number": "116123"}
    changed["hours"] = "Always"
    editing.save_helpline(3, changed, 2, admin)
    assert current_state().helplines[2].hours == "Always"
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == [
        "safety.helplines.added",
        "safety.helplines.moved",
        "safety.helplines.changed",
    ]


def test_moving_the_first_up_or_the_last_down_changes_nothing(admin):
    editing.move_helpline(1, -1, None, admin)
    count = len(defaults.HELPLINES)
    editing.move_helpline(count, 1, None, admin)
    assert current_state().helplines == defaults.HELPLINES


def test_the_last_helpline_cannot_be_deleted(admin):
    for _ in range(len(defaults.HELPLINES) - 1):
        editing.delete_helpline(1, None, admin)
    with pytest.raises(ValidationFailed, match="Keep at least one helpline"):
        editing.delete_helpline(1, None, admin)
    assert len(current_state().helplines) == 1


def test_panel_text_and_quick_exit_are_saved_and_audited(admin):
    editing.save_panel("Are you safe?", "Talk to someone now.", 0, admin)
    editing.save_quick_exit(
        "https://www.example.com/news", ["bereavement", "mental-wellbeing"], 1, admin
    )
    panel = safety_panel_for("crisis")
    assert (panel.heading, panel.intro) == ("Are you safe?", "Talk to someone now.")
    assert exit_target() == "https://www.example.com/news"
    assert current_state().sensitive_needs == ("mental-wellbeing", "bereavement")  # list order
    assert is_sensitive_listing(["bereavement"])
    assert [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))] == [
        "safety.panel.saved",
        "safety.quick-exit.saved",
    ]


def test_no_sensitive_needs_at_all(admin):
    editing.save_quick_exit(defaults.EXIT_URL, [], None, admin)
    assert not is_sensitive_listing(["mental-wellbeing"])
    assert not is_sensitive_search("mental wellbeing", ["mental-wellbeing"])
    assert is_sensitive_search("suicide", [])  # a safety word still gets the exit


def test_restoring_the_defaults_undoes_everything(admin):
    editing.save_words("county lines", None, admin)
    editing.delete_helpline(1, None, admin)
    editing.save_panel("Heading", "", None, admin)
    editing.save_quick_exit("https://example.org/x", [], None, admin)
    editing.restore_defaults(admin)
    state = current_state()
    assert state.words == defaults.WORDS and state.helplines == defaults.HELPLINES
    assert (state.heading, state.intro) == (defaults.HEADING, defaults.INTRO)
    assert state.exit_url == defaults.EXIT_URL
    assert state.sensitive_needs == defaults.SENSITIVE_NEEDS
    assert db.session.scalars(select(SafetyHelpline)).first() is None
    restored = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert restored.action == "safety.restored" and restored.before["words"] == ["county lines"]


# --- a save from a page that is out of date ----------------------------------------------


def test_a_save_from_an_out_of_date_page_is_refused_with_who_saved_first(admin):
    editing.save_words("domestic abuse", 0, admin)
    with pytest.raises(EditConflict) as refused:
        editing.save_words("suicide", 0, admin)
    assert refused.value.changed_by == "Alex Admin"
    assert current_state().words == ("domestic abuse",)


def test_helplines_out_of_date_by_number_are_refused(admin):
    editing.delete_helpline(1, 0, admin)
    with pytest.raises(EditConflict):  # "number 1" on the old page was another helpline
        editing.delete_helpline(1, 0, admin)
    assert len(current_state().helplines) == len(defaults.HELPLINES) - 1


def test_each_part_has_its_own_version(admin):
    editing.save_words("domestic abuse", 0, admin)
    editing.save_panel("Heading", "", 0, admin)  # words changed: the panel did not
    editing.delete_helpline(2, 0, admin)
    state = current_state()
    assert (state.words_version, state.settings_version, state.helplines_version) == (1, 1, 1)


def test_an_unknown_helpline_number_is_not_found(admin):
    from portal.validation import NotFound

    with pytest.raises(NotFound):
        editing.save_helpline(99, {"name": "X", "contact": "Call 1", "hours": "Never"}, None, admin)


# --- the checks ---------------------------------------------------------------------------


def test_words_are_one_a_line_tidied():
    assert check_words("  domestic   abuse \n\n\nsuicide\r\n") == ["domestic abuse", "suicide"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter at least one word or phrase"),
        ("\n \n", "Enter at least one word or phrase"),
        ("crisis\ncrisis", "“crisis” is in the list twice"),
        ("self-harm\nSelf harm", "“self-harm” and “Self harm” count as the same words"),
        ("don't cope\ndont cope", "count as the same words"),
        ("x" * 101, "100 characters or fewer"),
        ("ab", "“ab” is too short"),
        ("!!!", "“!!!” is too short"),
        ("\n".join(f"word {n:03}" for n in range(501)), "500 words or phrases or fewer"),
    ],
)
def test_words_are_refused_with_a_message(text, message):
    with pytest.raises(ValidationFailed, match=message) as refused:
        check_words(text)
    assert refused.value.field == "words"


def test_a_refused_list_saves_nothing(admin):
    with pytest.raises(ValidationFailed):
        editing.save_words("crisis\nCrisis", None, admin)
    assert db.session.scalars(select(SafetyWord)).first() is None
    assert db.session.scalars(select(AuditEvent)).first() is None


@pytest.mark.parametrize(
    "url",
    [
        "",
        "http://www.bbc.co.uk/weather",
        "www.bbc.co.uk/weather",
        "/weather",
        "javascript:alert(1)",
        "https://",
        "https://localhost/",
        "https://user@evil.example.com/",
        "https://www.bbc.co.uk/wea ther",
        "https://" + "a" * 500 + ".com",
    ],
)
def test_the_quick_exit_must_be_a_full_https_address(url):
    with pytest.raises(ValidationFailed) as refused:
        check_exit_url(url)
    assert refused.value.field == "exit_url"


def test_the_quick_exit_must_leave_this_site(app):
    with pytest.raises(ValidationFailed, match="another website"):
        check_exit_url("https://portal.test/anything")  # PORTAL_BASE_URL's host


def test_a_good_quick_exit_address_is_kept_as_typed():
    assert check_exit_url("  https://www.bbc.co.uk/weather?x=1  ") == (
        "https://www.bbc.co.uk/weather?x=1"
    )


def test_sensitive_needs_must_come_from_the_vocabulary(admin):
    with pytest.raises(ValidationFailed, match="Choose needs from the list"):
        editing.save_quick_exit(defaults.EXIT_URL, ["not-a-need"], None, admin)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"contact": "Call 1", "hours": "Always"}, "name"),
        ({"name": "X", "hours": "Always"}, "contact"),
        ({"name": "X", "contact": "Call 1"}, "hours"),
        ({"name": "X", "contact": "Call", "hours": "Always", "number": "call me"}, "number"),
        ({"name": "X", "contact": "Call", "hours": "Always", "number": "12"}, "number"),
        ({"name": "X" * 101, "contact": "Call", "hours": "Always"}, "name"),
        (
            {"name": "X", "contact": "Call", "hours": "Always", "description": "d" * 301},
            "description",
        ),
    ],
)
def test_a_helpline_needs_a_name_a_way_to_contact_and_hours(values, field):
    with pytest.raises(ValidationFailed) as refused:
        check_helpline(values)
    assert refused.value.field == field


def test_a_helplines_number_is_digits_with_an_optional_plus():
    found = check_helpline(
        {
            "name": "X",
            "contact": "Call +44 20 7946 0000",
            "number": "+44 (20) 7946-0000",
            "hours": "Always",
        }
    )
    assert found.number == "+442079460000"


# --- how a helpline's number is linked ------------------------------------------------------


@pytest.mark.parametrize(
    ("helpline", "href", "parts"),
    [
        (
            Helpline("S", "Call 116 123 (free)", "116123"),
            "tel:116123",
            ("Call ", "116 123", " (free)"),
        ),
        (
            Helpline("S", "Text SHOUT to 85258", "85258"),
            "sms:85258",
            ("Text SHOUT to ", "85258", ""),
        ),
        (
            Helpline("N", "Call 111 and choose the mental health option", "111"),
            "tel:111",
            ("Call ", "111", " and choose the mental health option"),
        ),
        (
            Helpline("L", "Ring the office", "01344123456"),
            "tel:01344123456",
            ("", "Ring the office", ""),
        ),
        (Helpline("W", "Use the web chat", ""), "", ("Use the web chat", "", "")),
    ],
)
def test_the_number_in_the_contact_text_is_the_link(helpline, href, parts):
    assert helpline.href == href
    assert helpline.contact_parts == parts
