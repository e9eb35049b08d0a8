"""The fictional people in the demo's referrals, and what happened to each (plain data).

Days are counted back from the day the demo is loaded. Names are "Example"-style, phone numbers
come from Ofcom's drama range (07700 900000 to 900999), e-mail addresses are at example.org.
Scores: ONS4's four (0 to 10; anxiety lower is better) then Connect4Life's five (1 to 5), at
referral and, for completed referrals, at exit. Each person's postcode district is kept (never
a postcode), and each closed referral says why it closed.

`UNMET`: simpler referrals over the year that closed without anyone being connected, most of
them because nothing suitable was within reach: carers of people with dementia around
Sandhurst and Owlsmoor (GU47), and bereaved people in Winkfield (SL4), where the demo directory
has little for them (see `seed.insights`).
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.prescribing.models import (
    Attendance,
    ClosureReason,
    ReferralReason,
    ReferralSource,
    ReferralState,
)

S, R, C = ReferralState, ReferralReason, ClosureReason


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
    area: str = ""  # the person's postcode district
    closure: ClosureReason | None = None  # why it closed, once closed

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
        area="RG12",
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
        area="RG42",
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
        area="RG12",
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
        area="RG45",
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
        area="GU47",
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
        area="RG45",
        closure=C.CONNECTED,
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
        area="RG12",
        closure=C.CONNECTED,
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
        area="RG45",
        closure=C.CONNECTED,
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
        area="RG42",
        closure=C.CONNECTED,
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
        area="RG12",
        closure=C.CONNECTED,
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
        area="RG42",
        closure=C.CONNECTED,
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
        area="RG12",
        closure=C.NOT_RIGHT,
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
        area="RG42",
        closure=C.OTHER,
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
        area="SL5",
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
        area="SL4",
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
        area="RG45",
    ),
)


def _closed(
    ref: str,
    name: str,
    phone: int,
    reason: ReferralReason,
    area: str,
    service: str,
    made: int,
    closed: int,
    closure: ClosureReason,
    why: str,
    what_matters: str,
    detail: str,
) -> Story:
    """A referral that closed without anyone being connected: declined (saying why), or not
    reached. One to "connectors" is accepted first, a few days after it was made."""
    state = S.COULD_NOT_CONTACT if closure is C.OTHER else S.DECLINED
    steps = ((closed, state, why if state is S.COULD_NOT_CONTACT else ""),)
    if service == "connectors":
        accepted = made - max(1, min(3, (made - closed) // 2))
        steps = ((accepted, S.ACCEPTED, "First conversation by phone."), *steps)
    return Story(
        ref,
        name,
        f"07700 900{phone}",
        reason,
        what_matters,
        detail,
        service,
        made,
        steps=steps,
        declined=why if state is S.DECLINED else "",
        area=area,
        closure=closure,
    )


NS, FULL, CHOSE, NOT_RIGHT = C.NOTHING_SUITABLE, C.FULL, C.PERSON_CHOSE, C.NOT_RIGHT
DEMENTIA_CARER = "Talking to other people caring for someone with dementia, nearby."
UNMET: tuple[Story, ...] = (
    _closed(
        "R-DEMOBA", "Rose Sample", 120, R.CARER, "GU47", "connectors", 330, 300, NS,
        "Nothing suitable within reach: no dementia carers' group nearer than Bracknell, and "
        "she cannot leave her husband for the journey.",
        DEMENTIA_CARER,
        "Cares for her husband, who has Alzheimer's; lives in Owlsmoor and does not drive.",
    ),
    _closed(
        "R-DEMOBB", "Ted Example", 121, R.CARER, "GU47", "carers", 290, 285, NS,
        "The coffee morning is in Bracknell: two buses from College Town, and no sitter for "
        "that long.",
        "A break, and other carers to talk to.",
        "Looks after his wife, who has vascular dementia.",
    ),
    _closed(
        "R-DEMOBC", "Wendy Fictional", 122, R.CARER, "GU47", "connectors", 260, 230, NS,
        "Looked for a memory café or day club near Sandhurst for her husband, and support for "
        "her: none within reach.",
        "Somewhere they can both go where people understand his memory problems.",
        "Her husband was diagnosed with dementia this year; she has stopped going out.",
    ),
    _closed(
        "R-DEMOBD", "Hugh Placeholder", 123, R.CARER, "GU47", "connectors", 215, 190, NS,
        "No sitting service covers Sandhurst at weekends, and there is no carers' group "
        "nearby.",
        "Saturday afternoons to himself, to watch his grandson play football.",
        "Cares for his mother, who has dementia and lives with him.",
    ),
    _closed(
        "R-DEMOBE", "Maureen Specimen", 124, R.CARER, "GU47", "carers", 175, 171, NS,
        "Nothing for carers of people with dementia in Owlsmoor or Sandhurst; Bracknell is "
        "too far for her.",
        DEMENTIA_CARER,
        "Cares for her husband; exhausted and tearful at the surgery.",
    ),
    _closed(
        "R-DEMOBF", "Ravi Example", 125, R.CARER, "GU47", "connectors", 130, 100, NS,
        "Looked for a dementia group with Nepali speakers for his father, or carers' support "
        "near College Town: nothing suitable.",
        "Help caring for his father, in a way his father will accept.",
        "His father has dementia and speaks little English; Ravi works full time.",
    ),
    _closed(
        "R-DEMOBG", "Joan Sample", 126, R.CARER, "GU47", "connectors", 95, 70, NS,
        "Nothing suitable: the nearest dementia carers' support is in Bracknell, on weekday "
        "evenings, when she cannot leave her husband.",
        DEMENTIA_CARER,
        "Her husband's dementia is getting worse; she has no family nearby.",
    ),
    _closed(
        "R-DEMOBH", "Alan Madeup", 127, R.CARER, "GU47", "carers", 55, 50, NS,
        "No carers' group within reach of Sandhurst on a day he can go.",
        "Meeting other men who care for their wives.",
        "Cares for his wife, who has dementia.",
    ),
    _closed(
        "R-DEMOBJ", "Peggy Example", 128, R.BEREAVEMENT, "SL4", "connectors", 320, 290, NS,
        "No bereavement group within reach of Winkfield; she cannot get to Bracknell in the "
        "evening.",
        "Talking about her husband with people who understand.",
        "Widowed in the winter; does not drive.",
    ),
    _closed(
        "R-DEMOBK", "George Fictional", 129, R.BEREAVEMENT, "SL4", "befriending", 270, 266, NS,
        "No befriender volunteer covers Winkfield at present.",
        "Someone to visit now his wife has gone.",
        "His wife died in the spring; he has stopped going to the pub.",
    ),
    _closed(
        "R-DEMOBL", "Lily Specimen", 130, R.BEREAVEMENT, "SL4", "connectors", 225, 200, NS,
        "Nothing suitable near Winkfield: the bereavement walks are in Bracknell on weekdays, "
        "when she works.",
        "Meeting others who have lost a parent.",
        "Her mother died after a long illness; she was her carer.",
    ),
    _closed(
        "R-DEMOBM", "Stan Placeholder", 131, R.BEREAVEMENT, "SL4", "phone", 180, 176, NS,
        "Our callers cover Crowthorne and Sandhurst only; nothing similar for Winkfield.",
        "A friendly call in the evenings.",
        "Lost his wife of fifty years; lives alone outside the village.",
    ),
    _closed(
        "R-DEMOBN", "Vera Sample", 132, R.BEREAVEMENT, "SL4", "connectors", 140, 110, NS,
        "Looked for bereavement support in or near Winkfield: nothing suitable.",
        "Getting through Sundays.",
        "Her son died last year.",
    ),
    _closed(
        "R-DEMOBP", "Colin Example", 133, R.BEREAVEMENT, "SL4", "connectors", 60, 35, NS,
        "No bereavement group within reach of Winkfield; he will not travel after dark.",
        "Talking to other men who have lost their wives.",
        "Widowed last year; drinking more, his GP says.",
    ),
    _closed(
        "R-DEMOBQ", "Tariq Fictional", 134, R.ISOLATION, "RG40", "connectors", 250, 235, NS,
        "Nothing suitable in Wokingham for men of his age in the evenings.",
        "Meeting people after work.",
        "Moved here for work; knows nobody.",
    ),
    _closed(
        "R-DEMOBR", "Sunita Sample", 135, R.LOW_MOOD, "SL5", "connectors", 160, 140, NS,
        "No peer support group for new mums within reach of Ascot.",
        "Other mums to talk to.",
        "Low since her baby was born; her family are abroad.",
    ),
    _closed(
        "R-DEMOBS", "Kevin Madeup", 136, R.INACTIVITY, "RG45", "connectors", 100, 85, NS,
        "Nothing suitable: no exercise class for people after a stroke within reach.",
        "Getting his strength back after his stroke.",
        "Had a stroke in the summer; walks with a frame.",
    ),
    _closed(
        "R-DEMOCE", "Barry Example", 148, R.ISOLATION, "RG12", "connectors", 200, 185, NS,
        "Looked for a social group for men in their fifties in the evenings: nothing suitable.",
        "Meeting people outside work.",
        "Divorced last year; lives alone in a new flat.",
    ),
    _closed(
        "R-DEMOCF", "Mina Sample", 149, R.LOW_MOOD, "RG42", "connectors", 45, 30, NS,
        "Looked for a women's wellbeing group she could reach by bus on a Saturday: nothing "
        "suitable.",
        "Feeling less low, with other women to talk to.",
        "Low since her mother died abroad; works during the week.",
    ),
    _closed(
        "R-DEMOBT", "Brenda Example", 137, R.ISOLATION, "RG12", "befriending", 300, 295, FULL,
        "No befriender free until the spring: the waiting list is closed.",
        "A visitor once a week.",
        "Housebound since a fall.",
    ),
    _closed(
        "R-DEMOBU", "Norman Sample", 138, R.ISOLATION, "RG42", "befriending", 210, 205, FULL,
        "Every befriender is matched; we cannot take anyone new this season.",
        "Someone to talk to about the old days.",
        "Partially sighted; lives alone.",
    ),
    _closed(
        "R-DEMOBV", "Phyllis Fictional", 139, R.ISOLATION, "RG12", "befriending", 120, 116,
        FULL,
        "Our befrienders are all matched; the waiting list is closed until more volunteers "
        "are trained.",
        "Company now and then.",
        "Her husband went into a care home.",
    ),
    _closed(
        "R-DEMOBW", "Derek Specimen", 140, R.INACTIVITY, "RG42", "phone", 80, 78, FULL,
        "Every caller has as many friends as they can ring; none free now.",
        "A chat while he recovers.",
        "Recovering from a knee replacement.",
    ),
    _closed(
        "R-DEMOBX", "Carol Example", 141, R.LOW_MOOD, "RG12", "connectors", 280, 260, CHOSE,
        "Decided not to go ahead for now; she will get back in touch.",
        "Feeling like herself again.",
        "Low since being made redundant.",
    ),
    _closed(
        "R-DEMOBY", "Gordon Placeholder", 142, R.ISOLATION, "RG42", "connectors", 190, 175,
        CHOSE,
        "Chose not to go ahead: his son has moved back home.",
        "Getting out of the house.",
        "Lives alone since his wife went into a home.",
    ),
    _closed(
        "R-DEMOBZ", "Ivy Sample", 143, R.CARER, "RG45", "carers", 65, 62, CHOSE,
        "Her sister now helps, and she no longer wants the group.",
        "A break now and then.",
        "Looks after her brother.",
    ),
    _closed(
        "R-DEMOCA", "Liam Fictional", 144, R.MONEY, "RG12", "connectors", 235, 233, NOT_RIGHT,
        "Needs specialist debt advice first: passed to Citizens Advice.",
        "Sorting out his debts.",
        "Bailiffs' letters; not sleeping.",
    ),
    _closed(
        "R-DEMOCB", "Olive Example", 145, R.HOUSING, "RG42", "connectors", 105, 103, NOT_RIGHT,
        "Needs the council's Housing Options team first: passed on with her agreement.",
        "Somewhere safe to live.",
        "Given notice by her landlord.",
    ),
    _closed(
        "R-DEMOCC", "Dean Sample", 146, R.LOW_MOOD, "RG12", "connectors", 150, 135, C.OTHER,
        "Three calls and a text over two weeks; no answer.",
        "Getting out more.",
        "Low mood since his divorce.",
    ),
    _closed(
        "R-DEMOCD", "Zara Placeholder", 147, R.ISOLATION, "RG42", "connectors", 85, 70, C.OTHER,
        "Four calls and a letter; no reply.",
        "Meeting people her own age.",
        "Moved to Bracknell for a new job.",
    ),
)  # fmt: skip

SHORTLIST_ITEMS = (
    ("Bracknell Community Café", "Drop in any weekday morning; ask for Sue, who runs it."),
    ("Health Walk round Easthampstead Park", "Gentle, about an hour, with a cuppa afterwards."),
    ("Knit and Natter", "Bring any knitting, or they will lend you needles and wool."),
)
