"""The demo's community maps: two events with published maps, and one private circle of support.

"Parents with toddlers in Crowthorne" and "Older men in Bracknell" come from a community party
each; some assets are linked to demo listings, and each event recorded what people wished there
was. Connie Connector (connector@demo.example.org) owns them; the circle of support "C-014" is
private to connectors.
"""

from __future__ import annotations

from datetime import date, timedelta

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
from seed import places

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
    toddlers.wishes.append(
        Wish(
            text="Somewhere dry to meet with buggies on a Friday", needs=["loneliness-and-company"]
        )
    )
    men.wishes.append(
        Wish(
            text="A walking group that goes at a slower pace",
            needs=["getting-active", "loneliness-and-company"],
        )
    )
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
    db.session.add_all([toddlers, men, *maps, circle])
    db.session.flush()
