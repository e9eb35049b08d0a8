"""The fictional people in the demo's referrals, and what happened to each (plain data).

Days are counted back from the day the demo is loaded. Names are "Example"-style, phone numbers
come from Ofcom's drama range (07700 900000 to 900999), e-mail addresses are at example.org.
Scores: ONS4's four (0 to 10; anxiety lower is better) then Connect4Life's five (1 to 5), at
referral and, for completed referrals, at exit.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.prescribing.models import Attendance, ReferralReason, ReferralSource, ReferralState

S, R = ReferralState, ReferralReason


@dataclass(frozen=True)
class Story:
    """One fictional person's referral: what happened and when (days before today)."""

    ref: str
    name: str
    phone: str
    reason: ReferralReason
    what_matters: str
    detail: str
    service: str  # a RECEIVERS key
    made: int
    steps: tuple[tuple[int, ReferralState, str], ...] = ()
    source: ReferralSource = ReferralSource.GP
    declined: str = ""
    # gender, age range, ethnicity, client group, GP visits the month before and after
    monitoring: tuple = (None, None, None, None, None, None)
    journal: tuple[tuple[int, str], ...] = ()
    goals: tuple[tuple[str, int | None], ...] = ()
    connections: tuple[tuple[str, int, Attendance, str], ...] = ()
    # ONS4 (4 scores) and connect5 (5 scores) at referral, then at exit (completed only).
    scores: tuple[tuple[int, ...], ...] = ()

    @property
    def email(self) -> str:
        return self.name.lower().replace(" ", ".") + "@example.org"


W, K, G = Attendance.WENT, Attendance.KEEPS_GOING, Attendance.DID_NOT_GO
STORIES: tuple[Story, ...] = (
    Story(
        "R-DEMOAA",
        "Ada Example",
        "07700 900101",
        R.ISOLATION,
        "Having someone to talk to in the week; she used to love the WI.",
        "Lives alone since moving to Bracknell last year; rarely goes out.",
        "connectors",
        14,
        monitoring=("Woman", "75-84", "White", "Older people", 3, None),
    ),
    Story(
        "R-DEMOAB",
        "Ben Sample",
        "07700 900102",
        R.MONEY,
        "Getting on top of the bills so he can sleep again.",
        "Referred himself after seeing a poster at the library.",
        "connectors",
        1,
        source=ReferralSource.SELF,
    ),
    Story(
        "R-DEMOAC",
        "Chloe Specimen",
        "07700 900103",
        R.BEREAVEMENT,
        "Finding her feet after her husband died; getting back to walking.",
        "Husband died in the spring; her daughter lives abroad.",
        "connectors",
        9,
        steps=((6, S.ACCEPTED, "Called Chloe; first meeting booked at the library."),),
        monitoring=("Woman", "65-74", "White", "Older people", 4, None),
        journal=((6, "Phoned Chloe. She would like to meet at Bracknell Library on Tuesday."),),
        goals=(("Go for a walk with other people once a week", None),),
        scores=((4, 5, 3, 7, 1, 2, 2, 1, 2),),
    ),
    Story(
        "R-DEMOAD",
        "Dev Placeholder",
        "07700 900104",
        R.LOW_MOOD,
        "Feeling useful again; he was a carpenter for thirty years.",
        "Low mood since retiring; not keen on groups at first.",
        "connectors",
        40,
        steps=(
            (37, S.ACCEPTED, "First conversation by phone."),
            (30, S.IN_PROGRESS, "Met at the community café; agreed to try the Men's Shed."),
        ),
        monitoring=(
            "Man",
            "65-74",
            "Asian, Asian British or Asian Welsh",
            "Mental health",
            5,
            None,
        ),
        journal=(
            (30, "Met Dev at the café. Talked about woodwork and his grandchildren."),
            (21, "Dev went to the Men's Shed with me; stayed two hours."),
            (7, "Dev has been back twice on his own and is making a bird box."),
        ),
        goals=(("Try the Men's Shed", 21), ("Go somewhere new on his own", None)),
        connections=(
            ("Crowthorne Men's Shed", 21, K, "Goes on Wednesdays."),
            ("Bracknell Community Café", 30, W, ""),
        ),
        scores=((3, 3, 4, 8, 1, 2, 1, 1, 2),),
    ),
    Story(
        "R-DEMOAE",
        "Edith Madeup",
        "07700 900105",
        R.CARER,
        "A break now and then, and someone who understands.",
        "Cares full time for her husband, who has dementia.",
        "connectors",
        25,
        steps=((23, S.ACCEPTED, ""), (18, S.IN_PROGRESS, "Carers' assessment requested.")),
        monitoring=("Woman", "75-84", "White", "Carers", 2, None),
        journal=(
            (18, "Visited Edith at home; her husband joined us for a while."),
            (10, "Edith enjoyed the carers' coffee morning and wants to go again."),
        ),
        goals=(("An afternoon a week for herself", None),),
        connections=(("Carers' Coffee Morning", 12, K, "A sitter comes so she can go."),),
        scores=((4, 6, 4, 8, 2, 2, 1, 2, 1),),
    ),
    Story(
        "R-DEMOAF",
        "Frank Fictional",
        "07700 900106",
        R.ISOLATION,
        "Company at lunchtime, and getting out of the flat.",
        "Housebound for months after a fall; now walking with a stick.",
        "connectors",
        150,
        steps=(
            (146, S.ACCEPTED, ""),
            (140, S.IN_PROGRESS, ""),
            (60, S.COMPLETED, "Goes to the lunch club every week; happy to carry on."),
        ),
        monitoring=("Man", "85+", "White", "Older people", 4, 1),
        journal=(
            (140, "Frank would like to eat with other people again."),
            (120, "Went with Frank to the lunch club; the minibus will collect him."),
            (62, "Frank has made a friend there. We agreed to close his referral."),
        ),
        goals=(("Eat with other people every week", 110), ("Walk to the shops", 75)),
        connections=(
            ("Crowthorne Lunch Club", 120, K, "Minibus on Thursdays."),
            ("Chair-based Exercise", 100, W, "Went twice; prefers the lunch club."),
        ),
        scores=((3, 4, 3, 7, 1, 2, 2, 1, 1), (7, 7, 7, 3, 4, 4, 4, 3, 3)),
    ),
    Story(
        "R-DEMOAG",
        "Gita Example",
        "07700 900107",
        R.LONG_TERM_CONDITION,
        "Managing her diabetes and feeling less on her own with it.",
        "Type 2 diabetes; anxious about her health.",
        "connectors",
        120,
        steps=(
            (115, S.ACCEPTED, ""),
            (110, S.IN_PROGRESS, ""),
            (30, S.COMPLETED, "Confident to carry on by herself."),
        ),
        source=ReferralSource.PROFESSIONAL,
        monitoring=(
            "Woman",
            "55-64",
            "Asian, Asian British or Asian Welsh",
            "Long-term condition",
            3,
            1,
        ),
        journal=(
            (110, "Talked about food, walking and a course at the surgery."),
            (32, "Gita walks twice a week with the group and has finished the course."),
        ),
        goals=(("Finish the diabetes course", 60), ("Walk twice a week", 45)),
        connections=(
            ("Healthy Living with Diabetes", 100, W, "Finished all six weeks."),
            ("Health Walk round Easthampstead Park", 80, K, ""),
        ),
        scores=((5, 5, 5, 6, 2, 3, 2, 2, 3), (7, 8, 7, 3, 4, 4, 4, 3, 4)),
    ),
    Story(
        "R-DEMOAH",
        "Harold Sample",
        "07700 900108",
        R.BEREAVEMENT,
        "Talking about his wife with people who get it.",
        "Wife died last year; stopped going to church.",
        "connectors",
        200,
        steps=(
            (195, S.ACCEPTED, ""),
            (190, S.IN_PROGRESS, ""),
            (100, S.COMPLETED, "Goes to the widowed friends' social each month."),
        ),
        monitoring=("Man", "75-84", "White", "Older people", 6, 2),
        journal=(
            (190, "Harold is not ready for a group yet; a walk first."),
            (150, "Harold went to the bereavement walk and talked the whole way."),
        ),
        goals=(("Meet others who have lost someone", 150),),
        connections=(
            ("Bereavement Walking Group", 150, W, ""),
            ("Widowed Friends Social", 130, K, "Monthly."),
            ("Crowthorne Community Choir", 120, G, "Not for him."),
        ),
        scores=((2, 3, 2, 8, 1, 1, 2, 1, 1), (6, 6, 6, 4, 4, 4, 3, 3, 3)),
    ),
    Story(
        "R-DEMOAP",
        "Nora Example",
        "07700 900114",
        R.ISOLATION,
        "Knitting with other people, like she did at the WI.",
        "Moved to be near her son; knows nobody locally.",
        "connectors",
        170,
        steps=(
            (166, S.ACCEPTED, ""),
            (160, S.IN_PROGRESS, ""),
            (70, S.COMPLETED, "Knits with the group every week and helps at the café."),
        ),
        monitoring=("Woman", "65-74", "White", "Older people", 2, 1),
        journal=((160, "Nora misses her knitting circle."), (72, "Nora helps at the café now.")),
        goals=(("Join a craft group", 120),),
        connections=(
            ("Knit and Natter", 150, K, ""),
            ("Bracknell Community Café", 110, K, "Volunteers on Fridays."),
        ),
        scores=((4, 5, 4, 6, 2, 2, 3, 1, 2), (8, 8, 7, 3, 4, 5, 3, 4, 3)),
    ),
    Story(
        "R-DEMOAQ",
        "Owen Sample",
        "07700 900115",
        R.LOW_MOOD,
        "Being useful again, and getting out of the house most days.",
        "Retired early after a heart attack; low since.",
        "connectors",
        140,
        steps=(
            (136, S.ACCEPTED, ""),
            (130, S.IN_PROGRESS, ""),
            (40, S.COMPLETED, "Walks with the group and volunteers twice a week."),
        ),
        source=ReferralSource.PROFESSIONAL,
        monitoring=("Man", "55-64", "White", "Long-term condition", 5, 2),
        journal=((130, "Owen would like to help others."), (42, "Owen leads a walk now.")),
        goals=(("Walk most days", 90), ("Volunteer somewhere", 60)),
        connections=(("Health Walk round Easthampstead Park", 120, K, "Now a walk leader."),),
        scores=((3, 3, 4, 7, 1, 2, 2, 1, 2), (6, 7, 6, 4, 4, 4, 4, 4, 3)),
    ),
    Story(
        "R-DEMOAR",
        "Pam Fictional",
        "07700 900116",
        R.CARER,
        "An hour to herself each week and other carers to talk to.",
        "Cares for her husband, who has dementia.",
        "connectors",
        110,
        steps=(
            (106, S.ACCEPTED, ""),
            (100, S.IN_PROGRESS, ""),
            (20, S.COMPLETED, "Goes to the carers' coffee morning; a sitter comes."),
        ),
        monitoring=("Woman", "75-84", "White", "Carers", 4, 3),
        journal=((100, "Pam is exhausted; we talked about a sitting service."),),
        goals=(("A morning a week for herself", 50),),
        connections=(("Carers' Coffee Morning", 80, K, ""),),
        scores=((3, 6, 3, 8, 2, 2, 2, 2, 2), (6, 7, 5, 5, 3, 4, 3, 3, 4)),
    ),
    Story(
        "R-DEMOAJ",
        "Irene Demo",
        "07700 900109",
        R.HOUSING,
        "Somewhere warm and safe to live.",
        "Damp flat; the landlord will not repair it.",
        "connectors",
        30,
        steps=((27, S.DECLINED, "Irene is happy to be referred on."),),
        declined="Needs housing advice first: passed to the council's Housing Options team.",
        monitoring=(
            "Woman",
            "35-44",
            "Black, Black British, Black Welsh, Caribbean or African",
            "Other",
            None,
            None,
        ),
    ),
    Story(
        "R-DEMOAK",
        "Jamal Placeholder",
        "07700 900110",
        R.LOW_MOOD,
        "Getting back into football.",
        "Lost his job in the summer; feeling low.",
        "connectors",
        45,
        steps=((30, S.COULD_NOT_CONTACT, "Three calls and a text over two weeks; no answer."),),
        monitoring=("Man", "25-34", "Mixed or Multiple ethnic groups", "Mental health", 2, None),
        journal=((40, "No answer; left a voicemail."), (35, "No answer; sent a text.")),
    ),
    Story(
        "R-DEMOAL",
        "Kath Sample",
        "07700 900111",
        R.ISOLATION,
        "A friendly visitor, and news of what is on nearby.",
        "Partially sighted; family live far away.",
        "befriending",
        20,
        steps=((15, S.ACCEPTED, "Matched with a volunteer befriender."),),
        monitoring=("Woman", "85+", "White", "Physical disability", None, None),
    ),
    Story(
        "R-DEMOAM",
        "Leon Example",
        "07700 900112",
        R.CARER,
        "Meeting other carers.",
        "Looks after his mother.",
        "carers",
        3,
    ),
    Story(
        "R-DEMOAN",
        "Mo Fictional",
        "07700 900113",
        R.INACTIVITY,
        "Someone to chat to on the phone while he gets his strength back.",
        "Recovering from a hip operation.",
        "phone",
        6,
    ),
)


SHORTLIST_ITEMS = (
    ("Bracknell Community Café", "Drop in any weekday morning; ask for Sue, who runs it."),
    ("Health Walk round Easthampstead Park", "Gentle, about an hour, with a cuppa afterwards."),
    ("Knit and Natter", "Bring any knitting, or they will lend you needles and wool."),
)
