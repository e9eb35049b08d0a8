"""The demo's community maps: events held with communities of interest over the year, three
published maps, and one private circle of support.

"Parents with toddlers in Crowthorne" and "Older men in Bracknell" come from a community party
each; some assets are linked to demo listings. "Caring and dementia around Sandhurst" gathers
three events held with carers and people living with dementia in Owlsmoor, College Town and
Sandhurst, where the demo directory has little for them (see `seed.insights`). Every event
recorded what people wished there was, tagged with needs, on the day it was held: the wishes
the insights into unmet need count by need and by community. Connie Connector
(connector@demo.example.org) owns them; the circle of support "C-014" is private to connectors.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.community_maps.models import (
    Asset,
    AssetKind,
    CommunityMap,
    MapKind,
    MappingEvent,
    MapState,
    Wish,
)
from portal.db import utcnow
from portal.directory.models import PublicationState, Service
from portal.extensions import db
from portal.geo import demo_area as places

K = AssetKind
# (name, kind, what is good, what does not work, (north m, east m) from the venue or None,
#  the demo listing it is, by a word of its name, or "")
CROWTHORNE = [
    (
        "Crowthorne Library rhyme time",
        K.GROUPS,
        "Songs and stories on Tuesday mornings; the librarians know every child's name.",
        "Gets very full in winter.",
        (60, -40),
        "Rhyme",
    ),
    (
        "Sure Start baby clinic",
        K.ORGANISATIONS,
        "Health visitors you can drop in on without an appointment.",
        "Only once a fortnight.",
        (-350, 220),
        "",
    ),
    (
        "Morgan Recreation Ground playground",
        K.PLACES,
        "Fenced, with toddler swings and benches for parents.",
        "No toilets nearby.",
        (420, 310),
        "",
    ),
    (
        "Sam at the bakery",
        K.PEOPLE,
        "Lets parents warm bottles and always has a high chair free.",
        "",
        (-120, -260),
        "",
    ),
    (
        "High Street café with a buggy park",
        K.ECONOMY,
        "Room for buggies and a changing table.",
        "Closes at 3pm.",
        (-90, -210),
        "",
    ),
    (
        "Bluebell walk in Wellington woods",
        K.CULTURE,
        "Every May families walk it together; a local tradition.",
        "Paths get muddy for buggies.",
        (-900, 650),
        "",
    ),
    (
        "Toy library swap",
        K.GROUPS,
        "Borrow toys and swap outgrown clothes, run by parents.",
        "Needs more volunteers.",
        (150, 90),
        "",
    ),
    (
        "Parents' WhatsApp group",
        K.PEOPLE,
        "Where everyone hears about what is on.",
        "Hard to find if you are new.",
        None,
        "",
    ),
]
BRACKNELL = [
    (
        "Men's shed workshop",
        K.GROUPS,
        "Tools, tea and company; you can just come and watch.",
        "No parking close by.",
        (80, 60),
        "Shed",
    ),
    (
        "Walking football at the leisure centre",
        K.GROUPS,
        "Gentle football for over-50s, any fitness.",
        "Clashes with hospital appointments.",
        (-600, 400),
        "Walking Football",
    ),
    (
        "The Look Out nature trails",
        K.PLACES,
        "Quiet woodland walks with benches every few hundred yards.",
        "The bus does not go there on Sundays.",
        (-1800, 1900),
        "",
    ),
    (
        "Des, retired electrician",
        K.PEOPLE,
        "Fixes lamps and radios for neighbours and teaches how.",
        "",
        (250, -300),
        "",
    ),
    (
        "Market on Friday",
        K.ECONOMY,
        "Where men bump into old workmates.",
        "Getting smaller every year.",
        (-150, -90),
        "",
    ),
    (
        "Bracknell Forest Heritage talks",
        K.CULTURE,
        "Local history evenings: the new town and the old Bracknell.",
        "Evenings are hard for some.",
        (320, 180),
        "",
    ),
    (
        "The library's computer help",
        K.ORGANISATIONS,
        "Patient help with phones and forms.",
        "Only two volunteers.",
        (-40, 120),
        "",
    ),
    (
        "Allotments by the railway",
        K.PLACES,
        "Plots shared between older and younger growers.",
        "Waiting list of a year.",
        (900, -700),
        "",
    ),
]
OWLSMOOR = [
    (
        "Owlsmoor community centre",
        K.PLACES,
        "Step-free, with a kitchen and a quiet garden room.",
        "Not open at weekends.",
        (120, -80),
        "",
    ),
    (
        "Jean, retired nurse",
        K.PEOPLE,
        "Pops in on neighbours living with dementia and knows who to call.",
        "",
        (-200, 150),
        "",
    ),
    (
        "Church lunch on the last Sunday",
        K.GROUPS,
        "A warm welcome and patience with anyone who gets confused.",
        "Once a month only.",
        (260, 310),
        "",
    ),
    (
        "Owlsmoor's old brickworks story",
        K.CULTURE,
        "Older residents love talking about the brickworks and the bog.",
        "Nobody has written it down.",
        (-320, -240),
        "",
    ),
]
COLLEGE_TOWN = [
    (
        "The pharmacy on the parade",
        K.ORGANISATIONS,
        "Delivers, and explains new medicines without rushing.",
        "",
        (90, 70),
        "",
    ),
    (
        "Carers' WhatsApp group",
        K.PEOPLE,
        "Carers swap tips and cover for each other at any hour.",
        "Hard to find if you are new.",
        None,
        "",
    ),
    (
        "Lake walk at Sandhurst",
        K.PLACES,
        "Flat and quiet: a walk you can manage with someone who has dementia.",
        "No toilets on the way round.",
        (-450, -1200),
        "",
    ),
    (
        "Café that does a carers' discount",
        K.ECONOMY,
        "A free cake for carers on Tuesdays, and nobody minds if you stay.",
        "",
        (-60, 150),
        "",
    ),
]
# Events held over the year with communities of interest, and what people there wished there
# was: (title, venue (a demo town or neighbourhood), community, days before the demo is
# loaded, people there, the assets (or None), [(wish, need codes)]).
EVENTS = (
    (
        "Memory café tea party, Owlsmoor",
        "Owlsmoor",
        "People living with dementia",
        310,
        18,
        OWLSMOOR,
        [
            (
                "A memory café in Owlsmoor or Sandhurst: the nearest is a bus and a train away",
                ["memory-and-dementia", "loneliness-and-company"],
            ),
            (
                "Singing for people with dementia somewhere we can walk to",
                ["memory-and-dementia", "arts-and-creativity"],
            ),
            (
                "Someone to sit with Dad for an afternoon so Mum can go out",
                ["carers-support", "memory-and-dementia"],
            ),
            ("A day club open on more than one day a week", ["memory-and-dementia"]),
            ("Dementia-friendly swimming", ["memory-and-dementia", "getting-active"]),
            (
                "Lifts to the memory clinic appointments",
                ["practical-help-at-home", "long-term-conditions"],
            ),
        ],
    ),
    (
        "Tea dance and maps at Ascot",
        "Ascot",
        "Older people",
        280,
        22,
        None,
        [
            ("A lunch club in Sunninghill", ["loneliness-and-company", "food"]),
            ("Chair exercise near the shops", ["getting-active"]),
            (
                "Someone to show me how to shop online",
                ["learning-and-skills", "practical-help-at-home"],
            ),
            ("A memory café this side of Bracknell", ["memory-and-dementia"]),
            ("A lift to the lunch club when it rains", ["practical-help-at-home"]),
        ],
    ),
    (
        "Carers' coffee and maps, College Town",
        "College Town",
        "Carers",
        240,
        11,
        COLLEGE_TOWN,
        [
            ("A carers' group in the evening, for those of us who work", ["carers-support"]),
            (
                "Support for people caring for someone with dementia, nearer than Bracknell",
                ["carers-support", "memory-and-dementia"],
            ),
            ("A sitting service at weekends", ["carers-support"]),
            (
                "Someone to explain what benefits carers can claim",
                ["money-and-debt", "carers-support"],
            ),
            (
                "A walk for carers, with someone to keep my husband company meanwhile",
                ["carers-support", "getting-active"],
            ),
            (
                "Training in moving and handling at home",
                ["carers-support", "learning-and-skills"],
            ),
        ],
    ),
    (
        "Nepali community evening, Sandhurst",
        "Sandhurst",
        "Nepali community",
        200,
        35,
        None,
        [
            (
                "A dementia group where Nepali is spoken, for our elders",
                ["memory-and-dementia", "loneliness-and-company"],
            ),
            ("English conversation in the daytime for older women", ["learning-and-skills"]),
            ("Help with forms and benefits in Nepali", ["money-and-debt"]),
            (
                "Somewhere for older people to meet that serves Nepali food",
                ["loneliness-and-company", "food"],
            ),
            ("A walking group for women", ["getting-active"]),
            (
                "Someone who can explain letters from the hospital",
                ["long-term-conditions", "practical-help-at-home"],
            ),
        ],
    ),
    (
        "Remembering together, Winkfield",
        "Winkfield",
        "People who have been bereaved",
        180,
        9,
        None,
        [
            (
                "Bereavement counselling without a six-month wait",
                ["bereavement", "mental-wellbeing"],
            ),
            (
                "A lunch club for widowed people in the village",
                ["bereavement", "loneliness-and-company"],
            ),
            ("Support for children who have lost a parent", ["bereavement"]),
            ("Help sorting out the money after a death", ["bereavement", "money-and-debt"]),
            (
                "Somewhere to go on Sundays, the longest day of the week",
                ["loneliness-and-company", "bereavement"],
            ),
        ],
    ),
    (
        "Carers' picnic, Sandhurst",
        "Sandhurst",
        "Carers",
        150,
        12,
        None,
        [
            ("A dementia carers' group in Sandhurst", ["carers-support", "memory-and-dementia"]),
            ("Someone to step in when I am ill myself", ["carers-support"]),
            ("A young carers' club for my son", ["carers-support"]),
            (
                "Advice on power of attorney before it is too late",
                ["memory-and-dementia", "money-and-debt"],
            ),
        ],
    ),
    (
        "Young parents' picnic, Great Hollands",
        "Great Hollands",
        "Young parents",
        120,
        16,
        None,
        [
            ("A free stay-and-play on Saturday mornings", ["loneliness-and-company"]),
            ("A baby group for dads", ["loneliness-and-company"]),
            ("Cooking on a budget for families", ["food", "money-and-debt"]),
            ("A group for young mums under 25", ["loneliness-and-company", "mental-wellbeing"]),
            ("Help getting back to work, with childcare", ["work-and-employment"]),
            ("Someone to talk to about feeling low after the baby", ["mental-wellbeing"]),
        ],
    ),
    (
        "Breakfast for older men, Winkfield",
        "Winkfield",
        "Older men",
        75,
        10,
        None,
        [
            (
                "Somewhere to talk about losing my wife, nearer than Bracknell",
                ["bereavement", "loneliness-and-company"],
            ),
            ("A bereavement group that meets in the village", ["bereavement"]),
            (
                "A men's shed this side of Bracknell",
                ["loneliness-and-company", "arts-and-creativity"],
            ),
            ("A bus on Sundays", ["practical-help-at-home"]),
            ("Walking football for the over-70s", ["getting-active"]),
            (
                "Help with the garden now I cannot manage it",
                ["practical-help-at-home", "nature-and-outdoors"],
            ),
        ],
    ),
)
TODDLER_WISHES = [
    ("Somewhere dry to meet with buggies on a Friday", ["loneliness-and-company"]),
    ("A baby signing class", ["learning-and-skills"]),
    ("Toddler swimming at a time that is not nap time", ["getting-active"]),
    ("Baby changing in the High Street cafés", ["practical-help-at-home"]),
    (
        "A group for parents of children with additional needs",
        ["loneliness-and-company", "mental-wellbeing"],
    ),
]
MEN_WISHES = [
    (
        "A walking group that goes at a slower pace",
        ["getting-active", "loneliness-and-company"],
    ),
    (
        "Somewhere to fix things together that is open on Saturdays",
        ["arts-and-creativity", "loneliness-and-company"],
    ),
    ("A group for men who have lost their wives", ["bereavement", "loneliness-and-company"]),
    ("Help with computers without feeling stupid", ["learning-and-skills"]),
    ("Cheap meals where you can sit and chat", ["food", "loneliness-and-company"]),
]
CIRCLE = [
    ("Daughter, rings on Sundays", K.PEOPLE, "Checks in every week.", ""),
    ("Neighbour who walks the dog", K.PEOPLE, "Says hello every morning.", ""),
    (
        "Lunch club at the church hall",
        K.GROUPS,
        "Goes on Thursdays when there is a lift.",
        "No transport on wet days.",
    ),
    ("The chemist", K.ORGANISATIONS, "Knows her by name; delivers prescriptions.", ""),
]


def _listing(word: str) -> Service | None:
    if not word:
        return None
    return db.session.scalars(
        select(Service)
        .where(
            Service.name.ilike(f"%{word}%"), Service.publication_state == PublicationState.PUBLISHED
        )
        .order_by(Service.name)
    ).first()


def _event(
    title: str, town: str, community: str, today: date, days_ago: int, who: User
) -> MappingEvent:
    lat, lon = places.town_centre(town)
    return MappingEvent(
        title=title,
        held_on=today - timedelta(days=days_ago),
        venue=town,
        latitude=lat,
        longitude=lon,
        community=community,
        facilitators="Connie Connector and two volunteers",
        participants=14,
        notes="Tea, cake and a big paper map on the table.",
        created_by=who,
        is_demo=True,
    )


def _assets(event: MappingEvent, rows: list, who: User) -> None:
    base = utcnow()
    for n, (name, kind, good, bad, offset, word) in enumerate(rows):
        lat = lon = None
        if offset is not None:
            lat, lon = places.offset(event.latitude, event.longitude, *offset)
        event.assets.append(
            Asset(
                name=name,
                kind=kind,
                good=good,
                not_working=bad,
                latitude=lat,
                longitude=lon,
                place_name="" if offset is not None else "Across the village",
                service=_listing(word),
                created_by_id=who.id,
                created_at=base - timedelta(minutes=len(rows) - n),
            )
        )


def _wishes(event: MappingEvent, rows: list, who: User) -> None:
    """What people wished there was, recorded during the afternoon of the event."""
    for n, (text, needs) in enumerate(rows):
        event.wishes.append(
            Wish(
                text=text,
                needs=needs,
                created_by_id=who.id,
                created_at=datetime.combine(event.held_on, time(14, 5 * n), tzinfo=UTC),
            )
        )


def load_demo_community_maps(today: date) -> None:
    """Add the demo's events, maps and circle (flushes; the demo loader commits)."""
    connie = db.session.scalars(select(User).where(User.role == Role.CONNECTOR)).first()
    if connie is None:
        return
    toddlers = _event(
        "Coffee and maps at Crowthorne Library",
        "Crowthorne",
        "Parents with toddlers",
        today,
        20,
        connie,
    )
    men = _event("Brew-up at the men's shed", "Bracknell", "Older men", today, 34, connie)
    _assets(toddlers, CROWTHORNE, connie)
    _assets(men, BRACKNELL, connie)
    _wishes(toddlers, TODDLER_WISHES, connie)
    _wishes(men, MEN_WISHES, connie)
    events = {}
    for title, town, community, days_ago, participants, assets, wishes in EVENTS:
        event = _event(title, town, community, today, days_ago, connie)
        event.participants = participants
        _assets(event, assets or [], connie)
        _wishes(event, wishes, connie)
        events[title] = event
    now = utcnow()
    maps = [
        CommunityMap(
            title="Parents with toddlers in Crowthorne",
            community="Parents with toddlers",
            description="What parents of under-fives said makes Crowthorne a good place to bring up small children, and what is missing.",
            events=[toddlers],
            state=MapState.PUBLISHED,
            published_at=now,
            created_by=connie,
            is_demo=True,
        ),
        CommunityMap(
            title="Older men in Bracknell",
            community="Older men",
            description="Places, people and groups older men in Bracknell value, from a brew-up at the men's shed.",
            events=[men],
            state=MapState.PUBLISHED,
            published_at=now,
            created_by=connie,
            is_demo=True,
        ),
        CommunityMap(
            title="Caring and dementia around Sandhurst",
            community="Carers and people living with dementia",
            description="What carers and people living with dementia in Owlsmoor, College Town and Sandhurst value nearby, and what they wish there was.",
            events=[
                events["Memory café tea party, Owlsmoor"],
                events["Carers' coffee and maps, College Town"],
                events["Carers' picnic, Sandhurst"],
            ],
            state=MapState.PUBLISHED,
            published_at=now,
            created_by=connie,
            is_demo=True,
        ),
    ]
    circle = CommunityMap(
        title="Circle of support C-014",
        kind=MapKind.CIRCLE,
        reference="C-014",
        created_by=connie,
        is_demo=True,
    )
    lat, lon = places.town_centre("Sandhurst")
    for name, kind, good, bad in CIRCLE:
        circle.own_assets.append(
            Asset(
                name=name,
                kind=kind,
                good=good,
                not_working=bad,
                created_by_id=connie.id,
                latitude=None if kind is K.PEOPLE else lat,
                longitude=None if kind is K.PEOPLE else lon,
            )
        )
    db.session.add_all([toddlers, men, *events.values(), *maps, circle])
    db.session.flush()
