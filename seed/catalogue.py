"""Demo catalogue for the Bracknell Forest "Help Yourself" directory.

Pure data generation: ``build_catalogue(today)`` returns plain dicts (organisations, venues and
services) that a separate loader maps onto ORM models. Output is deterministic for a given date.
Every name, phone number (Ofcom drama ranges), e-mail address and web address here is invented.
"""

from __future__ import annotations

import datetime
import math
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from portal.geo import demo_area as places

SEED = 20261122

NEEDS = (
    "loneliness-and-company",
    "getting-active",
    "mental-wellbeing",
    "money-and-debt",
    "housing",
    "carers-support",
    "bereavement",
    "learning-and-skills",
    "volunteering",
    "food",
    "arts-and-creativity",
    "nature-and-outdoors",
    "practical-help-at-home",
    "long-term-conditions",
    "memory-and-dementia",
    "work-and-employment",
)
AUDIENCES = (
    "older-people",
    "carers",
    "parents-with-young-children",
    "young-people",
    "people-with-learning-disabilities",
    "people-with-long-term-conditions",
    "people-living-with-dementia",
    "disabled-people",
    "men",
    "women",
    "lgbtq-plus",
    "veterans",
)
ACTIVITY_TYPES = (
    "social-group",
    "lunch-club-or-cafe",
    "peer-support-group",
    "befriending",
    "walking-group",
    "exercise-class",
    "sport",
    "advice-and-guidance",
    "course-or-class",
    "arts-and-crafts",
    "music-and-singing",
    "gardening-and-conservation",
    "drop-in",
    "helpline",
    "practical-support",
    "volunteering-opportunity",
)
ORGANISATION_TYPES = (
    "community_group",
    "charity",
    "social_enterprise",
    "faith_group",
    "independent_provider",
    "statutory",
    "health",
    "parish_council",
)
ACCESSIBILITY = (
    "step_free_access",
    "accessible_toilet",
    "hearing_loop",
    "parking",
    "blue_badge_parking",
    "near_bus_stop",
    "quiet_space",
    "large_print",
)
JOIN_METHODS = ("turn_up", "book", "referral")
STATUSES = ("active", "temporarily closed")
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = dict(
    zip(
        DAY_CODES,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
WEEKDAYS = "MO TU WE TH FR"
ONE_OFF_HORIZON_DAYS = 56
MAX_NAME_REPEATS = 4


@dataclass(frozen=True)
class Tpl:
    """An activity template; instantiated once per service, with optional per-service overrides.

    Text placeholders: {place} {venue} {day} {when} {at} {org}. ``costs`` entries are
    (option, amount or "a|b|c" alternatives, description with {amount}). ``sched`` lists the
    schedule shapes to choose from: weekly, fortnightly, monthly, oneoff, none, twice (two
    weekly sessions) and plus (weekly, plus a one-off seasonal event).
    """

    id: str
    names: tuple[str, ...]
    texts: tuple[str, ...]
    needs: tuple[str, ...]
    types: tuple[str, ...]
    audiences: tuple[str, ...] = ()
    ages: tuple[int | None, int | None] = (None, None)
    elig: str | None = None
    join: str = "turn_up"
    costs: tuple[tuple[str, str, str], ...] = ()
    fees: str | None = None
    sched: tuple[str, ...] = ("weekly",)
    days: str = WEEKDAYS
    times: tuple[str, ...] = ("10:00-12:00",)
    kinds: tuple[str, ...] = ("hall",)
    where: str = "venue"
    title: str = "Group organiser"
    langs: tuple[str, ...] = ("English",)
    how: tuple[str, ...] = ()
    note: str | None = None


# --------------------------------------------------------------------------------------------
# Activity templates
# --------------------------------------------------------------------------------------------

_SOCIAL = [
    Tpl(
        "chatter-cafe",
        names=("{day} Chatter Café", "Chatter Café at {venue}", "{place} Coffee and Chat"),
        texts=(
            "A relaxed couple of hours of tea, coffee and conversation {at}. Volunteers keep the pot "
            "going and make a point of saying hello to anyone new, so you will not be left on "
            "your own. Some people stay for ten minutes, others for the whole session.",
            "Pull up a chair and meet your neighbours over a cuppa and homemade cake. There is a "
            "jigsaw on the go, a pile of newspapers and usually someone to talk to about the "
            "garden or the football. Come on your own or bring a friend.",
            "A friendly drop-in café for anyone who would like some company and a good cup of "
            "tea. Volunteers host each table, and there are games and puzzles if you would like "
            "something to do. Many people come on their own the first time.",
        ),
        needs=("loneliness-and-company", "food"),
        types=("lunch-club-or-cafe", "social-group"),
        audiences=("older-people",),
        costs=(("Per visit", "1.50|2.00", "{amount} for a hot drink and cake"),),
        sched=("weekly", "weekly", "fortnightly"),
        times=("10:00-12:00", "10:30-12:00", "14:00-16:00"),
        kinds=("hall", "church", "library", "cafe"),
        title="Café volunteer",
    ),
    Tpl(
        "lunch-club",
        names=("{place} Lunch Club", "{day} Lunch Club", "Friendship Lunch Club"),
        texts=(
            "A freshly cooked two-course lunch {when}, served {at} by a friendly team of "
            "volunteers. Tables are laid for six so conversation comes easily, and there is a "
            "raffle and a quiz at most sessions. Special diets can be catered for if you tell us when "
            "you book.",
            "Good food and good company for people over 60. Lunch is a hot main course and a "
            "pudding, followed by tea and a chat, and on some weeks a local speaker or "
            "entertainer. If getting there is difficult, ask about a lift from one of our "
            "volunteer drivers.",
            "A hot, home-cooked lunch and good company for people over 60. The menu changes "
            "regularly and there is always a vegetarian option. Volunteers can help with "
            "transport for people who cannot get there on their own.",
        ),
        needs=("food", "loneliness-and-company"),
        types=("lunch-club-or-cafe", "social-group"),
        audiences=("older-people",),
        ages=(60, None),
        join="book",
        costs=(("Per lunch", "5.50|6.00|6.50", "{amount} for two courses and a hot drink"),),
        sched=("weekly", "weekly", "fortnightly", "plus"),
        times=("12:00-14:00",),
        kinds=("hall", "church"),
        title="Lunch club organiser",
    ),
    Tpl(
        "afternoon-club",
        names=("{place} Afternoon Club", "{day} Afternoon Club", "Friendship Club"),
        texts=(
            "A long-running social club for older residents that meets {when} {at}. Afternoons "
            "are a mix of bingo, quizzes, guest speakers and the occasional outing, always with "
            "tea and biscuits in the middle. New members are welcomed at the door and introduced "
            "around.",
            "Friendly afternoons of games, chat and entertainment. We have members in their "
            "sixties and members in their nineties, and everyone gets a say in the programme. "
            "Trips to the seaside and a summer garden party are highlights of the year.",
            "A traditional social club with a warm welcome for new members. Each session has tea "
            "and cake, a raffle and something to enjoy, whether it is a quiz, a talk or a singer. "
            "Members also organise outings and a Christmas party.",
        ),
        needs=("loneliness-and-company",),
        types=("social-group",),
        audiences=("older-people",),
        costs=(
            ("Annual membership", "10.00", "{amount} a year"),
            ("Per afternoon", "1.50|2.00", "{amount} each time, including tea"),
        ),
        sched=("weekly", "fortnightly", "plus"),
        times=("14:00-16:00", "13:30-15:30"),
        kinds=("hall", "church"),
        title="Club secretary",
    ),
    Tpl(
        "pub-lunch",
        names=("Monthly Pub Lunch", "{place} Pub Lunch Club", "Lunch Club at {venue}"),
        texts=(
            "Once a month we book a long table {at} and share a meal together. You order and "
            "pay for your own food from a set menu, and there is always someone to chat to. "
            "Ideal if you no longer enjoy cooking for one or just fancy getting out.",
            "An easy-going monthly lunch for people who would like some company over a meal. "
            "We meet from half past twelve and most people stay a couple of hours. Let us know "
            "you are coming so we can reserve enough seats.",
        ),
        needs=("food", "loneliness-and-company"),
        types=("lunch-club-or-cafe", "social-group"),
        audiences=("older-people",),
        join="book",
        costs=(("Meal", "9.50|11.00", "Around {amount} for a main course, paid to the pub"),),
        sched=("monthly",),
        times=("12:30-14:30",),
        kinds=("pub",),
        title="Organiser",
    ),
    Tpl(
        "befriend-visit",
        names=("Home Visiting Befriending", "Befriending Service", "Friendly Visitors"),
        texts=(
            "A trained, DBS-checked volunteer visits you at home for an hour or so each week for "
            "a cup of tea and a chat. We take time to match you with someone who shares your "
            "interests, and many friendships last for years. Visits can also include a short "
            "walk or a trip to the shops.",
            "If you rarely get out and would like a regular visitor, we can match you with a "
            "volunteer befriender. A coordinator will come and see you first to find out what "
            "you enjoy and what would help. There is no charge and no time limit.",
        ),
        needs=("loneliness-and-company",),
        types=("befriending",),
        audiences=("older-people",),
        join="referral",
        sched=("none",),
        kinds=("office",),
        title="Befriending coordinator",
        how=(
            "Refer yourself by phone, or ask a relative, GP or community connector to refer "
            "you. A coordinator will visit before you are matched.",
        ),
    ),
    Tpl(
        "phone-befriend",
        names=("Telephone Befriending", "Phone Friends", "Friendly Phone Calls"),
        texts=(
            "A regular phone call from a friendly volunteer, at a time that suits you. Calls "
            "usually last half an hour and can be as chatty or as practical as you like. Our "
            "volunteers ring from home, so the service runs every day of the week.",
            "For anyone who finds it hard to get out, or would simply like someone to talk to. "
            "You are matched with one volunteer who will call you once or twice a week. Many "
            "people say the calls are the highlight of their week.",
        ),
        needs=("loneliness-and-company", "mental-wellbeing"),
        types=("befriending", "helpline"),
        audiences=("older-people",),
        join="referral",
        sched=("none",),
        where="home",
        title="Volunteer coordinator",
        how=(
            "Ring us, or ask your GP or community connector to refer you; we aim to make the "
            "first call within two weeks.",
        ),
    ),
    Tpl(
        "warm-space",
        names=("{place} Warm Space", "Warm Welcome Space", "{day} Warm Space"),
        texts=(
            "A warm, comfortable room open to anyone who would like to spend time out of the "
            "cold {when}. Hot drinks and soup are free, there is Wi-Fi and phone charging, and "
            "volunteers can point you to help with energy bills if you want it. Stay as long as "
            "you like.",
            "Free hot drinks, a light lunch and a friendly welcome for everyone. Some people come "
            "to read the paper or use the Wi-Fi, others for a game of cards or a chat. No "
            "questions asked and no need to book.",
        ),
        needs=("loneliness-and-company", "food", "money-and-debt"),
        types=("drop-in", "lunch-club-or-cafe"),
        fees="Free. Donations welcome but never expected.",
        sched=("weekly", "twice"),
        times=("10:00-15:00", "11:00-14:00"),
        kinds=("church", "library", "hall"),
        title="Warm space coordinator",
    ),
    Tpl(
        "community-cafe",
        names=("{place} Community Café", "Pay-as-you-feel Café", "{day} Community Café"),
        texts=(
            "A community café run by volunteers, serving breakfast rolls, soups and cakes made "
            "partly from surplus food that would otherwise go to waste. Pay what you feel you can "
            "afford. Families, workers on a break and older neighbours all mix here.",
            "Drop in for a hot drink, a bowl of soup or a full breakfast. Prices are "
            "pay-as-you-feel, so nobody is turned away, and children are very welcome. If you "
            "would like to help in the kitchen, ask at the counter.",
            "A friendly café where everyone is welcome and nobody is judged. Food is made with "
            "surplus produce donated by local shops, and you pay whatever you can. It is a good "
            "place to meet neighbours and find out what is going on locally.",
        ),
        needs=("food", "loneliness-and-company"),
        types=("lunch-club-or-cafe", "drop-in"),
        fees="Pay as you feel.",
        sched=("weekly", "twice"),
        times=("09:30-13:00", "10:00-14:00"),
        days="MO TU WE TH FR SA",
        kinds=("cafe", "hall", "church"),
        title="Café manager",
    ),
    Tpl(
        "newcomers-coffee",
        names=(
            "New in Town Coffee Morning",
            "Newcomers' Coffee Morning",
            "{place} Friendship Circle",
        ),
        texts=(
            "For anyone who has recently moved to {place}, or who has lived here for years but "
            "would like to meet more people. We meet {when} {at} and share tips on everything "
            "from doctors to dog walks. A host looks out for first-timers.",
            "Making friends as an adult is not easy, so we make it simpler. Just come for a "
            "coffee, say hello and see who you meet. Several members have gone on to start "
            "walking and book groups of their own.",
        ),
        needs=("loneliness-and-company",),
        types=("social-group",),
        sched=("fortnightly", "monthly"),
        times=("10:00-11:30", "10:30-12:00"),
        days="MO TU WE TH FR SA",
        kinds=("cafe", "library", "hall"),
        title="Host",
    ),
    Tpl(
        "games-club",
        names=("Board Games Club", "{day} Games Club", "Cards and Games Club"),
        texts=(
            "We bring the games, you bring yourself. Expect anything from Scrabble and rummy to "
            "modern board games, and someone will always teach you the rules. It is a "
            "low-pressure way to meet people because the game gives you something to talk about.",
            "A sociable session of board games, cards and dominoes {at}. Tables are mixed so "
            "regulars and newcomers play together. Tea and squash are available for a small "
            "donation.",
        ),
        needs=("loneliness-and-company",),
        types=("social-group",),
        costs=(("Per session", "1.00|2.00", "{amount} towards room hire"),),
        sched=("weekly", "fortnightly"),
        times=("19:00-21:30", "14:00-16:30"),
        days="MO TU WE TH FR SA",
        kinds=("library", "pub", "hall"),
        title="Club organiser",
    ),
    Tpl(
        "mens-shed",
        names=("{place} Men's Shed", "The Shed at {venue}", "{place} Shed Sessions"),
        texts=(
            "A workshop where men (and a few women) share skills, tools and a brew. Members "
            "restore furniture, build bird boxes for local schools and fix things for "
            "neighbours, but plenty of people just come for the company. Shoulder to shoulder is "
            "easier than face to face for a lot of us.",
            "Our shed is equipped for woodwork, metalwork and small repairs, and experienced "
            "members are happy to teach. You do not need any skills to join; some members had "
            "never picked up a chisel. The kettle is always on and the banter is free.",
        ),
        needs=("loneliness-and-company", "mental-wellbeing", "learning-and-skills"),
        types=("social-group", "arts-and-crafts"),
        audiences=("men",),
        ages=(18, None),
        costs=(("Per visit", "2.00", "{amount} a session towards materials and tea"),),
        sched=("twice", "weekly"),
        times=("09:30-13:00", "10:00-15:00"),
        kinds=("workshop", "hall"),
        title="Shed coordinator",
    ),
    Tpl(
        "knit-natter",
        names=("Knit and Natter", "{place} Knit and Natter", "{day} Stitch and Chat"),
        texts=(
            "Bring whatever you are working on, whether it is knitting, crochet, sewing or "
            "embroidery, and enjoy a couple of hours of crafting and chat. Beginners are taught the "
            "basics and spare needles and yarn are provided. We also knit blankets and hats for "
            "local charities.",
            "A friendly circle of crafters meeting {when} {at}. There are no rules and no "
            "patterns you have to follow; people help each other with the tricky bits. It is as "
            "much about the conversation as the knitting.",
            "Crafters of every ability meet to knit, crochet and chat. Experienced members are "
            "happy to help with patterns and dropped stitches, and there is a box of spare yarn "
            "to use. Tea and biscuits are included.",
        ),
        needs=("arts-and-creativity", "loneliness-and-company"),
        types=("arts-and-crafts", "social-group"),
        sched=("weekly", "fortnightly"),
        times=("14:00-16:00", "10:00-12:00"),
        kinds=("library", "cafe", "hall"),
        title="Group leader",
    ),
    Tpl(
        "craft-circle",
        names=("Craft Circle", "Home Craft Group", "Cardmaking Circle"),
        texts=(
            "A small craft group of up to eight people that meets in a volunteer's home in "
            "{place}. We make cards, paper flowers and seasonal decorations, and materials are "
            "shared. Because numbers are limited, please ring before your first visit; the exact "
            "address is given when you book.",
            "Cosy, small and friendly, this group meets around a kitchen table for crafts and "
            "conversation. Each session has a simple project you can follow, or you can bring "
            "your own. The address is shared once you have spoken to the host.",
        ),
        needs=("arts-and-creativity", "loneliness-and-company"),
        types=("arts-and-crafts",),
        join="book",
        costs=(("Per session", "2.00", "{amount} towards materials"),),
        sched=("fortnightly", "weekly"),
        times=("14:00-16:00", "10:00-12:00"),
        where="home",
        title="Host",
    ),
    Tpl(
        "book-club",
        names=("{place} Book Club", "Library Reading Group", "Monthly Book Group"),
        texts=(
            "Each month we choose a book, read it at home and meet to talk about it over tea. "
            "Copies are borrowed from the library so you do not have to buy anything. Choices "
            "range from crime and memoir to the occasional classic.",
            "A welcoming reading group for people who love books, or who would like to read "
            "more. Discussion is relaxed and you are welcome even if you have not finished the "
            "book. We meet {when} {at}.",
        ),
        needs=("learning-and-skills", "loneliness-and-company"),
        types=("social-group",),
        sched=("monthly",),
        times=("19:00-20:30", "14:00-15:30"),
        kinds=("library", "pub", "cafe"),
        title="Group convenor",
    ),
    Tpl(
        "language-cafe",
        names=("English Conversation Café", "Language Café", "Conversation Club"),
        texts=(
            "A chance for people learning English to practise speaking in a friendly, informal "
            "setting, with local volunteers to chat to. Topics are everyday things like "
            "shopping, the doctor and the weather. Volunteers from all walks of life are welcome "
            "too.",
            "Practise your English over tea and biscuits with friendly local people. There is no "
            "teacher and no test, just conversation in small groups. Children can come along and "
            "there are toys and colouring.",
        ),
        needs=("learning-and-skills", "loneliness-and-company", "work-and-employment"),
        types=("social-group", "course-or-class"),
        sched=("weekly",),
        times=("18:00-19:30", "10:00-11:30"),
        days="MO TU WE TH FR SA",
        kinds=("library", "church", "cafe"),
        title="Café coordinator",
    ),
    Tpl(
        "veterans-breakfast",
        names=(
            "Armed Forces Breakfast Club",
            "{place} Veterans' Breakfast",
            "Breakfast Club for Veterans",
        ),
        texts=(
            "A breakfast get-together for anyone who has served in the armed forces, reservists "
            "and their families. It is informal, with a full English, some banter and people who "
            "understand. Support workers sometimes drop in if you need help with anything.",
            "Veterans of every age and service meet {when} {at} for breakfast and a catch-up. "
            "You pay for your own food and there is no formal programme. If you have not been "
            "before, just say so at the door and someone will sit with you.",
        ),
        needs=("loneliness-and-company", "mental-wellbeing"),
        types=("social-group", "peer-support-group"),
        audiences=("veterans",),
        costs=(("Breakfast", "6.50|7.50", "About {amount} for a cooked breakfast"),),
        sched=("monthly", "fortnightly"),
        times=("09:00-11:00",),
        days="MO TU WE TH FR SA",
        kinds=("cafe", "hall", "pub"),
        title="Breakfast club organiser",
    ),
    Tpl(
        "veterans-hub",
        names=("Veterans' Drop-in", "Armed Forces Advice Drop-in", "{place} Veterans' Hub"),
        texts=(
            "Advice and support for veterans and their families on housing, benefits, war "
            "pensions, health and finding work. Caseworkers who understand the military world "
            "can help with forms and put you in touch with the right charities. Drop in for a "
            "chat or with a specific problem.",
            "A monthly drop-in where former service personnel can get practical help and meet "
            "others. We help with everything from housing applications to getting a veterans' "
            "flag on your GP record. Family members are welcome to come on someone's behalf.",
        ),
        needs=("money-and-debt", "housing", "mental-wellbeing"),
        types=("advice-and-guidance", "drop-in"),
        audiences=("veterans",),
        sched=("monthly",),
        times=("10:00-13:00",),
        kinds=("library", "office", "hall"),
        title="Veterans' caseworker",
    ),
    Tpl(
        "lgbtq-social",
        names=("LGBTQ+ Social", "Rainbow Social", "{place} LGBTQ+ Meet-up"),
        texts=(
            "A friendly get-together for LGBTQ+ adults to meet, chat and make friends, away from the "
            "club scene. Some months there is a quiz or a film, other months it is just drinks "
            "and conversation. Allies are welcome at most events.",
            "A relaxed meet-up for lesbian, gay, bisexual, trans, queer and questioning people. "
            "Our hosts greet newcomers at the door and introduce them around, so you will not be "
            "left on your own. Soft drinks are always available.",
        ),
        needs=("loneliness-and-company", "mental-wellbeing"),
        types=("social-group",),
        audiences=("lgbtq-plus",),
        ages=(18, None),
        sched=("monthly",),
        times=("19:00-21:00", "19:30-22:00"),
        days="WE TH FR SA",
        kinds=("pub", "cafe"),
        title="Host",
    ),
    Tpl(
        "lgbtq-youth",
        names=("LGBTQ+ Youth Group", "Rainbow Youth", "Pride Youth Club"),
        texts=(
            "A safe, confidential space for LGBTQ+ young people and those who are questioning. "
            "Sessions are run by trained youth workers and mix games, creative projects and time "
            "to talk. You can come along without anyone at home needing to know.",
            "Young people aged 11 to 18 meet {when} to hang out, make friends and get support. "
            "There is food, music and sometimes a guest speaker. A youth worker is happy to meet "
            "you beforehand if walking in on your own feels daunting.",
        ),
        needs=("mental-wellbeing", "loneliness-and-company"),
        types=("social-group", "peer-support-group"),
        audiences=("lgbtq-plus", "young-people"),
        ages=(11, 18),
        join="book",
        sched=("weekly", "fortnightly"),
        times=("18:00-20:00", "17:30-19:30"),
        kinds=("youth", "hall"),
        title="Youth worker",
        how=(
            "Contact the youth worker for a short welcome chat before your first session; the "
            "venue details are confirmed then.",
        ),
    ),
    Tpl(
        "lgbtq-online",
        names=("LGBTQ+ Over 50s Online Chat", "Rainbow Elders Online", "Online LGBTQ+ Catch-up"),
        texts=(
            "An online get-together for older lesbian, gay, bisexual and trans people, many of "
            "whom live alone. We chat about anything and everything, and sometimes have a short "
            "talk or quiz. You can join by video or just listen in by phone.",
            "A chance to connect with other LGBTQ+ people from your own home. Volunteers can help "
            "you set up video calling before your first session. It is friendly, confidential "
            "and free.",
        ),
        needs=("loneliness-and-company", "mental-wellbeing"),
        types=("social-group",),
        audiences=("lgbtq-plus", "older-people"),
        ages=(50, None),
        sched=("monthly", "fortnightly"),
        times=("11:00-12:00", "19:00-20:00"),
        where="online",
        title="Volunteer host",
    ),
    Tpl(
        "nepali-elders",
        names=("Nepali Elders' Day Club", "Nepali Senior Citizens' Gathering", "Elders' Bhela"),
        texts=(
            "A weekly gathering for older members of the Nepali community, many of them from "
            "Gurkha families. There is a hot Nepali lunch, gentle exercise, bhajans and plenty of "
            "conversation. Volunteers translate letters and help with GP and council "
            "appointments.",
            "Elders meet {when} {at} for company, dal bhat and practical help. Sessions include "
            "chair yoga, health talks in Nepali and time to catch up with friends. Family members "
            "are welcome to bring a relative along the first time.",
        ),
        needs=("loneliness-and-company", "food"),
        types=("lunch-club-or-cafe", "social-group"),
        audiences=("older-people",),
        langs=("English", "Nepali"),
        costs=(("Lunch", "3.00", "{amount} for lunch"),),
        sched=("weekly",),
        times=("11:00-14:00",),
        days="MO TU WE TH FR SA",
        kinds=("hall",),
        title="Community volunteer",
    ),
    Tpl(
        "womens-group",
        names=("International Women's Group", "Women's Friendship Group", "{place} Women's Circle"),
        texts=(
            "A welcoming group for women of all backgrounds to meet, share skills and practise "
            "English. Activities include cooking, sewing, health talks and trips. A crèche is "
            "available, so bring your little ones.",
            "Women meet {when} {at} for tea, conversation and a different activity each week. "
            "Many members are new to the area, and the group is a good place to make friends and "
            "find out about local services. Volunteers speak several languages.",
        ),
        needs=("loneliness-and-company", "learning-and-skills"),
        types=("social-group",),
        audiences=("women",),
        sched=("weekly", "fortnightly"),
        times=("10:00-12:00", "13:00-15:00"),
        kinds=("hall", "library", "children"),
        title="Group coordinator",
    ),
    Tpl(
        "deaf-social",
        names=("Deaf Social Club", "BSL Social", "Deaf Community Get-together"),
        texts=(
            "A social club run by and for Deaf people who use British Sign Language. Members "
            "catch up over drinks, play games and share news. Hearing people learning BSL are "
            "welcome to come and practise.",
            "A monthly get-together for Deaf and hard of hearing people, with signing and "
            "captioned talks. Interpreters are available at some sessions for visitors. It is a "
            "relaxed time with good company.",
        ),
        needs=("loneliness-and-company",),
        types=("social-group",),
        audiences=("disabled-people",),
        langs=("English", "British Sign Language"),
        sched=("monthly",),
        times=("19:00-21:30", "10:30-12:30"),
        days="MO TU WE TH FR SA",
        kinds=("hall", "cafe"),
        title="Club secretary",
    ),
    Tpl(
        "ld-social",
        names=("{day} Night Disco", "{place} Friendship Club", "Evening Social Club"),
        texts=(
            "A lively social evening for adults with learning disabilities, with music, dancing, "
            "games and a tuck shop. Support workers and family carers are welcome to stay, or to "
            "leave their person with our trained volunteers. It is a great place to make friends.",
            "Adults with learning disabilities meet {when} {at} for activities chosen by the "
            "members, from karaoke and crafts to quizzes and discos. There is a small charge "
            "which includes a drink and a snack. Please tell us about any support needs before "
            "your first visit.",
        ),
        needs=("loneliness-and-company", "arts-and-creativity"),
        types=("social-group", "music-and-singing"),
        audiences=("people-with-learning-disabilities",),
        ages=(18, None),
        costs=(("Per evening", "3.00", "{amount} including a drink and snack"),),
        sched=("fortnightly", "weekly"),
        times=("18:30-21:00", "19:00-21:00"),
        kinds=("hall", "youth"),
        title="Club leader",
    ),
    Tpl(
        "ld-day-ops",
        names=("Day Opportunities", "Skills for Life Days", "Community Day Service"),
        texts=(
            "Structured days for adults with learning disabilities, focused on everyday skills "
            "such as cooking, budgeting, travelling on the bus and using the library. Staff work "
            "to each person's own goals, and small groups go out into the community most days. "
            "Places can be paid for with a personal budget or direct payment.",
            "Day sessions where adults with learning disabilities try new things, build "
            "confidence and spend time with friends. Activities include gardening, art, drama and "
            "work experience in our café. A member of staff will meet you and your family first "
            "to plan what you would like to do.",
        ),
        needs=("learning-and-skills", "work-and-employment", "loneliness-and-company"),
        types=("course-or-class", "practical-support"),
        audiences=("people-with-learning-disabilities",),
        ages=(18, None),
        join="referral",
        costs=(
            (
                "Per day",
                "58.00|62.00",
                "{amount} a day; personal budgets and direct payments accepted",
            ),
        ),
        sched=("twice",),
        times=("09:30-15:00", "10:00-15:30"),
        kinds=("hall", "learning"),
        title="Service manager",
        how=(
            "Contact us to arrange a visit. Places are usually arranged through a social worker "
            "or paid for with a personal budget or direct payment.",
        ),
    ),
    Tpl(
        "online-quiz",
        names=("Online Quiz and Chat", "Virtual Social Hour", "Online Get-together"),
        texts=(
            "A light-hearted online quiz and chat for people who cannot easily get out, hosted by "
            "friendly volunteers. Join on a tablet, computer or phone, or dial in from a "
            "landline. We can lend you a tablet and show you how to use it.",
            "Keep in touch with others from the comfort of your own home. Each week there is a "
            "quiz, a chat and sometimes a guest, all in a warm and welcoming atmosphere.",
        ),
        needs=("loneliness-and-company",),
        types=("social-group",),
        audiences=("older-people", "disabled-people"),
        sched=("weekly",),
        times=("19:00-20:00", "11:00-12:00"),
        where="online",
        title="Volunteer host",
    ),
    Tpl(
        "polish-club",
        names=("Polish Community Club", "Klub Polski", "Polish Social"),
        texts=(
            "A social club for the Polish community, with coffee, cake, newspapers and "
            "conversation in Polish. We also help newcomers with letters, forms and finding "
            "services. Everyone is welcome, whatever language you speak.",
            "Meet other Polish speakers {when} {at}, with occasional cultural events and "
            "children's activities. Bring the family.",
        ),
        needs=("loneliness-and-company",),
        types=("social-group",),
        langs=("English", "Polish"),
        sched=("monthly", "fortnightly"),
        times=("10:30-12:30", "18:00-20:00"),
        days="SA SU",
        kinds=("hall", "church"),
        title="Club chair",
    ),
    Tpl(
        "community-lunch",
        names=("Community Lunch", "Community Celebration Lunch", "Big Community Lunch"),
        texts=(
            "A free community lunch for anyone who would like to share a meal and some company. "
            "There will be a hot two-course meal, music and a raffle. Please book so we know how "
            "many to cater for.",
            "Join neighbours old and new for a special meal together {when}. Volunteers can "
            "arrange transport for people who would otherwise be on their own.",
        ),
        needs=("food", "loneliness-and-company"),
        types=("lunch-club-or-cafe",),
        join="book",
        sched=("oneoff",),
        times=("12:00-14:30",),
        days="SA SU",
        kinds=("hall", "church"),
        title="Organiser",
        note="seasonal",
    ),
]

_ACTIVE = [
    Tpl(
        "health-walk",
        names=("Health Walk round {venue}", "{day} Health Walk at {venue}", "{venue} Health Walk"),
        texts=(
            "A gentle, free walk of about an hour led by trained volunteer walk leaders. The pace "
            "is set by the slowest walker and there are shorter routes if you need them. "
            "Afterwards most people stop for a cup of tea and a chat.",
            "Short, friendly walks on mostly level paths, ideal if you are getting active again "
            "after illness or simply want some company outdoors. Wear comfortable shoes and bring "
            "water. A walk leader will ask you to fill in a short health form on your first walk.",
            "Join a friendly group for a gentle stroll {at}, with walk leaders at the front and "
            "back so nobody gets left behind. Walks last between 30 and 60 minutes, and there are "
            "benches along the way. It is a great first step if you have not exercised for a "
            "while.",
        ),
        needs=("getting-active", "nature-and-outdoors", "loneliness-and-company"),
        types=("walking-group",),
        times=("10:00-11:00", "10:30-11:30", "14:00-15:00"),
        days="MO TU WE TH FR SA",
        kinds=("park", "nature"),
        title="Walk leader",
    ),
    Tpl(
        "walking-group",
        names=("{place} Rambling Group", "Countryside Walks", "{day} Walkers"),
        texts=(
            "Longer walks of five to eight miles through the countryside around {place}, usually "
            "ending at a pub or café. Walks go ahead in most weathers, so bring waterproofs and "
            "sturdy boots. Lifts can be shared to starting points.",
            "A friendly walking group for people who enjoy a good stride out. Walk leaders plan "
            "routes through Swinley Forest, the Crown Estate and along the Blackwater Valley. New "
            "walkers can join three walks before deciding to become members.",
        ),
        needs=("getting-active", "nature-and-outdoors", "loneliness-and-company"),
        types=("walking-group",),
        costs=(("Annual membership", "15.00", "{amount} a year"),),
        sched=("weekly", "fortnightly"),
        times=("09:30-13:30",),
        days="WE SA SU",
        kinds=("park", "nature"),
        title="Walks secretary",
    ),
    Tpl(
        "nordic-walking",
        names=("Nordic Walking", "Nordic Walking for Beginners", "{place} Nordic Walkers"),
        texts=(
            "Nordic walking uses specially designed poles to work your upper body as you walk, "
            "burning more calories while taking pressure off knees and hips. Our qualified "
            "instructor will teach you the technique over your first few sessions, and poles are "
            "provided. Walks last about an hour on woodland paths.",
            "A brisk, sociable walk with poles, suitable for most fitness levels. Beginners have "
            "a short taster lesson first. Meet in the car park {at}.",
        ),
        needs=("getting-active", "nature-and-outdoors"),
        types=("walking-group", "exercise-class"),
        join="book",
        costs=(("Per walk", "5.00|6.00", "{amount} a walk, poles included"),),
        times=("09:30-10:30", "18:00-19:00"),
        days="MO TU WE TH FR SA",
        kinds=("park", "nature"),
        title="Instructor",
    ),
    Tpl(
        "chair-exercise",
        names=("Chair-based Exercise", "Seated Exercise Class", "{day} Sit and Be Fit"),
        texts=(
            "A gentle exercise class done mostly sitting down, to music, led by a qualified "
            "instructor. It helps with strength, balance and getting up from a chair more "
            "easily. Suitable for people with limited mobility and for wheelchair users.",
            "Keep moving without needing to get down on the floor. The class warms up slowly, "
            "works on arms, legs and breathing, and finishes with a cup of tea. Wear loose "
            "clothing and bring a bottle of water.",
            "Improve your strength and mobility with an upbeat seated class set to music you will "
            "know. Our instructor shows an easier and a harder version of every move. Many "
            "members come for the exercise and stay for the chat.",
        ),
        needs=("getting-active", "long-term-conditions"),
        types=("exercise-class",),
        audiences=("older-people", "people-with-long-term-conditions"),
        costs=(("Per class", "3.00|3.50|4.00", "{amount} a class"),),
        times=("10:30-11:30", "14:00-15:00"),
        kinds=("hall", "church"),
        title="Instructor",
    ),
    Tpl(
        "strength-balance",
        names=("Strength and Balance Programme", "Falls Prevention Classes", "Steady Steps"),
        texts=(
            "A 24-week programme of evidence-based exercise for people who have had a fall or are "
            "worried about falling. Classes are led by specialist instructors and get "
            "progressively harder as your strength improves. You will also be given simple "
            "exercises to do at home.",
            "If you feel unsteady on your feet, these classes can make a real difference. A "
            "physiotherapist assesses you first, and then you join a small group working on leg "
            "strength, balance and confidence. Many people finish the course walking further and "
            "feeling safer.",
        ),
        needs=("getting-active", "long-term-conditions"),
        types=("exercise-class", "course-or-class"),
        audiences=("older-people", "people-with-long-term-conditions"),
        ages=(60, None),
        join="referral",
        fees="Free with an NHS referral.",
        times=("13:30-14:30", "10:00-11:00"),
        kinds=("leisure", "hall"),
        title="Falls prevention lead",
        how=(
            "Ask your GP, practice nurse or physiotherapist to refer you; you can also refer "
            "yourself by phone.",
        ),
    ),
    Tpl(
        "walking-football",
        names=("Walking Football", "{day} Walking Football", "{place} Walking Football"),
        texts=(
            "Football at a walking pace, with no running, no slide tackles and the ball kept "
            "below head height. It is ideal for anyone who loved the game but whose knees no "
            "longer agree. Sessions finish with a brew and a chat about the weekend's results.",
            "Friendly, competitive and surprisingly good exercise. Players range from their "
            "fifties to their eighties and all abilities are mixed. Wear trainers rather than "
            "boots.",
            "A slower, safer version of the beautiful game, ideal if you want to stay fit and "
            "enjoy a kickabout. There is no contact and no running, and the emphasis is on fun. "
            "New players are always welcome.",
        ),
        needs=("getting-active", "loneliness-and-company"),
        types=("sport",),
        audiences=("men", "older-people"),
        ages=(50, None),
        costs=(("Per session", "3.00|4.00", "{amount} a session"),),
        times=("10:00-11:30", "19:00-20:00"),
        days="MO TU WE TH FR SA",
        kinds=("leisure", "school"),
        title="Coach",
    ),
    Tpl(
        "walking-netball",
        names=("Walking Netball", "Back to Netball (Walking)", "{day} Walking Netball"),
        texts=(
            "Netball at a slower pace for women of all ages and fitness levels, including those "
            "who have not played since school. There is no running or jumping, so it is kind to "
            "joints. Come and try your first session free.",
            "A fun, sociable way to get fitter. Our coach adapts the game to the group, and we "
            "always finish with a chat. Bring trainers and a water bottle.",
        ),
        needs=("getting-active", "loneliness-and-company"),
        types=("sport",),
        audiences=("women",),
        ages=(16, None),
        costs=(("Per session", "3.50", "{amount} a session; first session free"),),
        times=("19:00-20:00", "10:00-11:00"),
        kinds=("leisure", "school"),
        title="Coach",
    ),
    Tpl(
        "tai-chi",
        names=("Tai Chi for Health", "Tai Chi and Qigong", "Gentle Tai Chi"),
        texts=(
            "Slow, flowing movements that improve balance, posture and calm. Our instructor "
            "teaches a short sequence bit by bit, so it does not matter if you have never tried "
            "it. Many people find it helps with arthritis and stress.",
            "A peaceful class {when} {at}, suitable for most ages and abilities, with the option "
            "to do some movements seated. Wear loose clothes and flat shoes. Your first class is "
            "a taster at a reduced price.",
        ),
        needs=("getting-active", "mental-wellbeing"),
        types=("exercise-class",),
        costs=(("Per class", "5.00|6.00", "{amount} a class"),),
        times=("10:00-11:00", "19:00-20:00"),
        kinds=("hall", "church"),
        title="Instructor",
    ),
    Tpl(
        "gentle-yoga",
        names=("Gentle Yoga", "Yoga for Beginners", "Slow Flow Yoga"),
        texts=(
            "A calm, unhurried yoga class focused on stretching, breathing and relaxation. Every "
            "pose has an easier version, and chairs are available if getting up and down from "
            "the floor is difficult. Bring a mat if you have one; spares are provided.",
            "Classes are small so the teacher can help each person. We finish with ten minutes "
            "of guided relaxation, which many people say is the best bit. Please tell the "
            "teacher about any injuries or health conditions.",
        ),
        needs=("getting-active", "mental-wellbeing"),
        types=("exercise-class",),
        join="book",
        costs=(
            ("Per class", "6.00|7.00|8.00", "{amount} a class"),
            ("Course of six", "36.00", "{amount} for six weeks"),
        ),
        times=("18:30-19:30", "10:00-11:00", "19:30-20:30"),
        days="MO TU WE TH FR SA",
        kinds=("hall", "church", "arts"),
        title="Yoga teacher",
    ),
    Tpl(
        "pilates",
        names=("Pilates for Over 60s", "Gentle Pilates", "Back Care Pilates"),
        texts=(
            "A gentle, small-group Pilates class focusing on core strength, posture and back "
            "care. The instructor adapts exercises for anyone with osteoporosis, arthritis or "
            "joint replacements. Mats and equipment are provided.",
            "Improve your strength, flexibility and balance in a friendly class {at}. Suitable "
            "for beginners and for people returning to exercise after an injury.",
        ),
        needs=("getting-active", "long-term-conditions"),
        types=("exercise-class",),
        audiences=("older-people",),
        join="book",
        costs=(("Per class", "7.50|8.50", "{amount} a class"),),
        times=("10:00-11:00", "11:15-12:15", "18:00-19:00"),
        kinds=("hall", "church"),
        title="Instructor",
    ),
    Tpl(
        "over-50s-swim",
        names=("Over 50s Swim", "Over 50s Lane Swim", "Quiet Swim Session"),
        texts=(
            "A quieter swimming session with lanes for steady lengths and space in the shallow "
            "end for aqua walking. Lifeguards are on hand and there is a hoist for anyone who "
            "needs it. Stay for a coffee in the café afterwards.",
            "Swim at your own pace without the crowds. Sessions are popular with people "
            "recovering from injuries and those who find land-based exercise painful. Concession "
            "prices apply.",
        ),
        needs=("getting-active",),
        types=("sport",),
        audiences=("older-people",),
        ages=(50, None),
        costs=(("Per swim", "3.80|4.20", "{amount} per swim"),),
        sched=("twice",),
        times=("08:00-09:30", "13:00-14:30"),
        kinds=("pool",),
        title="Duty manager",
    ),
    Tpl(
        "inclusive-sport",
        names=("Inclusive Multi-sport", "All-Ability Sports Club", "Disability Sports Session"),
        texts=(
            "Sports sessions for disabled children and adults, including boccia, new age kurling, "
            "table tennis and seated volleyball. Coaches adapt every activity so everyone can "
            "take part. Family, friends and carers are welcome to join in.",
            "A friendly, inclusive sports club where everyone plays, whatever their ability. "
            "Sessions mix skills practice with games, and there are regular friendly competitions "
            "against other clubs. Equipment is provided.",
        ),
        needs=("getting-active", "loneliness-and-company"),
        types=("sport",),
        audiences=("disabled-people", "people-with-learning-disabilities"),
        join="book",
        costs=(("Per session", "2.00|3.00", "{amount} a session"),),
        sched=("weekly", "fortnightly"),
        times=("18:00-19:30", "10:00-12:00"),
        days="MO TU WE TH FR SA",
        kinds=("leisure", "school"),
        title="Sports coordinator",
    ),
    Tpl(
        "bowls",
        names=("Come and Try Bowls", "Bowls Taster Afternoons", "{place} Bowls Roll-up"),
        texts=(
            "Bowls is gentle exercise, good for balance and concentration, and very sociable. "
            "Our members will lend you bowls and flat shoes and teach you the basics. Your first "
            "three sessions are free.",
            "Join our members for a relaxed roll-up {when}. Nobody minds if you have never "
            "played before, and there is tea in the clubhouse afterwards. Coaching is available "
            "if you catch the bug.",
        ),
        needs=("getting-active", "loneliness-and-company"),
        types=("sport",),
        audiences=("older-people",),
        costs=(("Annual membership", "60.00|75.00", "{amount} a year after three free sessions"),),
        times=("14:00-16:30", "10:00-12:00"),
        days="MO TU WE TH FR SA",
        kinds=("bowls",),
        title="Club captain",
    ),
    Tpl(
        "cycling-for-all",
        names=("Cycling for All", "Inclusive Cycling", "Adapted Bike Sessions"),
        texts=(
            "Try trikes, hand-cycles, side-by-side tandems and wheelchair transporter bikes on "
            "traffic-free paths. Our trained staff help you choose a bike and ride alongside "
            "you. It is a great way to enjoy the outdoors whatever your ability.",
            "Inclusive cycling sessions for disabled people, older riders and anyone who has lost "
            "confidence on a bike. Bikes and helmets are provided, and carers ride free. Please "
            "book so we can have the right bike ready.",
        ),
        needs=("getting-active", "nature-and-outdoors"),
        types=("sport",),
        audiences=("disabled-people", "people-with-learning-disabilities"),
        join="book",
        costs=(("Per session", "3.00|4.00", "{amount} a session; carers free"),),
        sched=("weekly", "fortnightly"),
        times=("10:00-12:00", "13:00-15:00"),
        days="TU WE TH FR SA SU",
        kinds=("park", "nature"),
        title="Cycling coordinator",
    ),
    Tpl(
        "couch-to-5k",
        names=("Couch to 5K", "Beginners' Running Group", "Run Together"),
        texts=(
            "A nine-week programme that takes complete beginners from walking to running five "
            "kilometres. We run in small groups at the pace of the slowest person, and nobody "
            "gets left behind. It is as good for the mind as the body.",
            "Never run before? Perfect. We start with one-minute jogs and build up gently, with a "
            "run leader at the front and another at the back. Lots of our graduates now run "
            "together on Saturday mornings.",
        ),
        needs=("getting-active", "mental-wellbeing"),
        types=("exercise-class", "sport"),
        join="book",
        times=("18:30-19:30", "09:30-10:30"),
        days="MO TU WE TH SA",
        kinds=("park", "leisure"),
        title="Run leader",
        note="Nine-week course",
    ),
    Tpl(
        "exercise-referral",
        names=("Exercise on Referral", "GP Exercise Referral Scheme", "Active Health Programme"),
        texts=(
            "A 12-week supervised exercise programme for people whose health would benefit from "
            "being more active, such as those with high blood pressure, diabetes, depression or "
            "joint pain. A qualified instructor designs a plan for you and checks in every "
            "session. Sessions are at a reduced price.",
            "If your GP thinks exercise would help your health, this programme gives you expert "
            "support to get started. You will use the gym and classes at set times with other "
            "people on the scheme. At the end you can carry on at a discounted rate.",
        ),
        needs=("getting-active", "long-term-conditions"),
        types=("exercise-class",),
        audiences=("people-with-long-term-conditions",),
        ages=(16, None),
        join="referral",
        costs=(("Per session", "2.50|3.00", "{amount} a session for 12 weeks"),),
        sched=("twice",),
        times=("13:00-14:00", "10:00-11:00"),
        kinds=("leisure",),
        title="Exercise referral instructor",
    ),
    Tpl(
        "tea-dance",
        names=("Tea Dance", "{place} Tea Dance", "Afternoon Tea Dance"),
        texts=(
            "Foxtrots, waltzes and a bit of rock and roll, with tea and cake in the interval. You "
            "do not need a partner or any experience; our regulars love to help newcomers. "
            "Dancing is great exercise for balance and memory.",
            "A traditional afternoon tea dance with recorded music and a friendly crowd. Sit out "
            "as many dances as you like and enjoy the atmosphere. The hall has a sprung floor and "
            "plenty of seating.",
            "Dust off your dancing shoes for an afternoon of ballroom and sequence dancing, with "
            "plenty of chances to sit and chat. Newcomers are welcome with or without a partner. "
            "Tea and homemade cake are served halfway through.",
        ),
        needs=("loneliness-and-company", "getting-active", "arts-and-creativity"),
        types=("music-and-singing", "social-group"),
        audiences=("older-people",),
        costs=(("Per dance", "4.00|5.00", "{amount} including tea and cake"),),
        sched=("monthly",),
        times=("14:00-16:00", "14:30-16:30"),
        kinds=("hall", "arts"),
        title="Organiser",
    ),
    Tpl(
        "buggy-walk",
        names=("Buggy Walk", "Pram Push Walk", "Parents and Buggies Walk"),
        texts=(
            "A gentle walk on buggy-friendly paths for parents and carers with babies and "
            "toddlers. It is a good way to get some fresh air, gentle exercise and adult "
            "conversation. We finish at the café for a drink.",
            "Meet other parents and stretch your legs. Walks take about 45 minutes and the route "
            "avoids stiles and steep hills. Dads, grandparents and childminders are all welcome.",
        ),
        needs=("getting-active", "loneliness-and-company", "mental-wellbeing"),
        types=("walking-group",),
        audiences=("parents-with-young-children",),
        times=("10:00-11:00", "10:30-11:30"),
        kinds=("park",),
        title="Walk leader",
    ),
]

_MIND = [
    Tpl(
        "peer-support-mental",
        names=(
            "Anxiety and Depression Peer Support",
            "Wellbeing Peer Support Group",
            "Talking Space",
        ),
        texts=(
            "A confidential group for adults living with anxiety, low mood or depression, run by "
            "people who have been there themselves. We share what helps, listen without judgement "
            "and sometimes just have a laugh. Nobody is made to talk if they would rather listen.",
            "Meet others who understand what it is like to struggle with your mental health. "
            "Sessions have a loose structure, with a check-in, a topic and time to chat over tea. "
            "Our facilitators are trained peer workers.",
        ),
        needs=("mental-wellbeing",),
        types=("peer-support-group",),
        ages=(18, None),
        sched=("weekly", "fortnightly"),
        times=("18:30-20:00", "13:30-15:00"),
        kinds=("hall", "library", "church"),
        title="Peer facilitator",
    ),
    Tpl(
        "men-talk",
        names=("Men Talk", "{day} Men's Circle", "Blokes' Talking Group"),
        texts=(
            "A peer support group where men can talk openly about whatever is on their mind, from "
            "work and money to relationships and grief. It is not therapy, just men supporting "
            "men. You can sit and listen for as long as you need.",
            "Men aged 18 and over meet {when} {at}, with no referral and no fuss. The group is "
            "confidential and facilitated by trained volunteers. It is okay to not be okay.",
        ),
        needs=("mental-wellbeing",),
        types=("peer-support-group",),
        audiences=("men",),
        ages=(18, None),
        times=("19:00-21:00",),
        days="MO TU WE TH",
        kinds=("hall", "youth", "pavilion"),
        title="Facilitator",
    ),
    Tpl(
        "wellbeing-cafe",
        names=("Wellbeing Café", "Renewal Café", "Quiet Space Café"),
        texts=(
            "A calm, welcoming space to sit, have a drink and be with others. There are simple "
            "activities on the tables, such as colouring, jigsaws and knitting, and people "
            "available to talk if you want to. You do not have to explain why you are there.",
            "Drop in when you need some peace and company. The café is run by volunteers trained "
            "in mental health first aid, and there is a quieter room if the main room feels too "
            "busy. Tea, coffee and toast are free.",
        ),
        needs=("mental-wellbeing", "loneliness-and-company"),
        types=("drop-in", "lunch-club-or-cafe"),
        times=("10:00-12:00", "13:30-15:30"),
        kinds=("church", "hall", "cafe"),
        title="Café lead",
    ),
    Tpl(
        "stress-course",
        names=("Living Well with Stress", "Coping with Stress Course", "Feel Better Course"),
        texts=(
            "A free six-week course teaching practical skills for managing stress, worry and low "
            "mood, based on cognitive behavioural therapy. Each session covers one topic, such as "
            "sleep or problem-solving, with handouts to take home. You do not have to share "
            "anything personal in the group.",
            "Learn tried-and-tested ways to handle stress and look after your wellbeing. The "
            "course is friendly and informal, led by a qualified practitioner, and runs in small "
            "groups. Places are limited, so please book.",
        ),
        needs=("mental-wellbeing", "learning-and-skills"),
        types=("course-or-class",),
        ages=(18, None),
        join="book",
        times=("10:00-12:00", "18:00-20:00"),
        kinds=("library", "learning", "hall"),
        title="Course tutor",
        note="Six-week course; new courses start regularly",
    ),
    Tpl(
        "mindfulness",
        names=("Mindfulness for Beginners", "Mindfulness Sessions", "Breathing Space"),
        texts=(
            "Short guided mindfulness practices with time for questions afterwards. No "
            "experience is needed, and you are never asked to share anything personal. Many "
            "people say they sleep better after a few weeks.",
            "Learn simple techniques to calm a busy mind. Each session lasts under an hour and "
            "includes a practice, a short teaching and a chance to ask questions. Joining details "
            "are emailed to you when you book.",
        ),
        needs=("mental-wellbeing",),
        types=("course-or-class",),
        join="book",
        sched=("weekly", "fortnightly"),
        times=("19:00-20:00", "12:30-13:15"),
        where="online",
        title="Mindfulness teacher",
    ),
    Tpl(
        "perinatal",
        names=("Parents' Wellbeing Group", "Bumps, Babies and Wellbeing", "New Parents' Circle"),
        texts=(
            "A supportive group for parents who are finding things hard during pregnancy or after "
            "having a baby. Babies are very welcome and there is a play mat and toys. Sessions are "
            "run by a perinatal support worker and a volunteer who has been through it.",
            "Feeling anxious, low or overwhelmed as a new parent is more common than you think. "
            "This small group offers a safe place to talk, gentle activities and information about "
            "further help. You can come with your partner.",
        ),
        needs=("mental-wellbeing", "loneliness-and-company"),
        types=("peer-support-group",),
        audiences=("parents-with-young-children", "women"),
        sched=("fortnightly", "weekly"),
        times=("10:00-11:30", "13:00-14:30"),
        kinds=("children", "hall", "church"),
        title="Perinatal support worker",
    ),
    Tpl(
        "walk-and-talk",
        names=("Walk and Talk", "Wellbeing Walk", "Walk and Talk for Wellbeing"),
        texts=(
            "A gentle walk in green space with people who understand that getting out of the "
            "house is sometimes the hardest part. Conversation is easy when you are walking side "
            "by side. The walk lasts about an hour and finishes with a hot drink.",
            "Fresh air, a bit of exercise and a friendly group, led by a volunteer with lived "
            "experience of mental ill health. Walks are on good paths and at a comfortable pace. "
            "If you are nervous about coming, let us know and someone will meet you at the start.",
        ),
        needs=("mental-wellbeing", "getting-active", "nature-and-outdoors"),
        types=("walking-group", "peer-support-group"),
        sched=("fortnightly", "weekly"),
        times=("10:30-11:30", "13:00-14:00"),
        days="MO TU WE TH FR SA",
        kinds=("park", "nature"),
        title="Walk leader",
    ),
    Tpl(
        "youth-wellbeing",
        names=("Youth Wellbeing Drop-in", "Young People's Counselling", "Talk It Out Drop-in"),
        texts=(
            "Free, confidential support for young people aged 11 to 25 who are struggling with "
            "stress, exams, friendships, family or anything else. You can drop in for a chat with "
            "a youth worker or book a course of counselling. Nobody will contact your school or "
            "parents without your agreement unless you are at risk.",
            "Somewhere to talk when things feel too much. Our trained youth counsellors listen "
            "without judging and help you find ways to cope. Drop in {when} or message us to book "
            "a time.",
        ),
        needs=("mental-wellbeing",),
        types=("advice-and-guidance", "drop-in"),
        audiences=("young-people",),
        ages=(11, 25),
        times=("15:30-18:00", "16:00-19:00"),
        kinds=("youth", "library"),
        title="Youth counsellor",
    ),
    Tpl(
        "listening-line",
        names=("Listening Line", "Evening Listening Service", "Someone to Talk To"),
        texts=(
            "A confidential listening line staffed by trained volunteers, for anyone who is "
            "feeling low, anxious or alone. We will not tell you what to do, but we will listen "
            "for as long as you need. If you are in immediate danger, please call 999.",
            "Call or use webchat to talk to a trained volunteer about whatever is troubling you. "
            "The line is open every evening and calls are free. You do not have to give your name.",
        ),
        needs=("mental-wellbeing", "loneliness-and-company"),
        types=("helpline",),
        ages=(16, None),
        sched=("none",),
        where="online",
        title="Service coordinator",
        how=("Call or start a webchat any evening between 6pm and 11pm; no referral needed.",),
    ),
]

_MONEY_HOUSING_WORK = [
    Tpl(
        "debt-advice",
        names=("Debt Advice", "Money and Debt Advice Appointments", "Debt Clinic"),
        texts=(
            "Free, confidential, independent advice if you are behind with rent, council tax, "
            "energy bills, loans or credit cards. A specialist adviser will look at your whole "
            "situation, help you work out a budget and talk to your creditors for you. We can also "
            "help with debt relief orders and bankruptcy.",
            "Worried about money? Our trained advisers can help you prioritise bills, check you "
            "are getting every benefit you are entitled to and find a way forward. Bring any "
            "letters, bills and bank statements to your appointment.",
        ),
        needs=("money-and-debt",),
        types=("advice-and-guidance",),
        join="book",
        sched=("none", "weekly"),
        times=("09:30-16:30", "10:00-13:00"),
        kinds=("office", "library"),
        title="Debt adviser",
        how=(
            "Ring the advice line or ask any professional to refer you; appointments are usually "
            "available within a week.",
        ),
    ),
    Tpl(
        "benefits-drop-in",
        names=("Benefits and Money Drop-in", "Benefits Advice Drop-in", "Money Help Drop-in"),
        texts=(
            "Bring your questions about Universal Credit, PIP, Attendance Allowance, Pension "
            "Credit or council tax support. An adviser can check what you are entitled to and "
            "help you fill in forms. Sessions are first come, first served.",
            "A regular advice drop-in {at} {when}. We help with benefit claims, mandatory "
            "reconsiderations and appeals, and can refer you on for debt or housing advice. Please "
            "bring any letters you have received.",
            "Not sure what you are entitled to, or struggling with a claim? Our trained advisers "
            "can go through your situation and help with forms, appeals and letters. Bring any "
            "paperwork you have.",
        ),
        needs=("money-and-debt",),
        types=("advice-and-guidance", "drop-in"),
        sched=("weekly", "fortnightly"),
        times=("10:00-12:30", "13:30-16:00"),
        kinds=("library", "hall", "office"),
        title="Adviser",
    ),
    Tpl(
        "advice-line",
        names=("Advice Line and Webchat", "Telephone Advice Service", "Online Advice"),
        texts=(
            "Free, confidential advice by phone, webchat or email on benefits, debt, housing, "
            "employment, consumer problems and family matters. Our trained advisers can explain "
            "your options and help you take the next step. If your problem needs more help, we "
            "will book you a face-to-face appointment.",
            "Get advice without leaving home. You can call, start a webchat or send us a message "
            "online, and an adviser will help you understand where you stand. Interpreters are "
            "available on request.",
        ),
        needs=("money-and-debt", "housing", "work-and-employment"),
        types=("advice-and-guidance", "helpline"),
        sched=("none",),
        where="online",
        title="Advice manager",
        how=(
            "Call the advice line Monday to Friday, 10am to 4pm, or use the webchat on our "
            "website.",
        ),
    ),
    Tpl(
        "benefits-check",
        names=(
            "Information and Advice for Older People",
            "Benefits Check for Over 60s",
            "Later Life Advice",
        ),
        texts=(
            "Free, confidential advice for older people and their families on benefits, care "
            "costs, housing options, power of attorney and more. Our advisers can check you are "
            "getting everything you are entitled to and help fill in forms, including Attendance "
            "Allowance. Home visits are available for people who cannot get out.",
            "Many older people miss out on Pension Credit and Attendance Allowance. Book an "
            "appointment and an adviser will go through your situation, help you claim and "
            "explain any next steps.",
        ),
        needs=("money-and-debt", "housing"),
        types=("advice-and-guidance",),
        audiences=("older-people",),
        ages=(60, None),
        join="book",
        sched=("none", "weekly"),
        times=("10:00-13:00",),
        kinds=("office", "library"),
        title="Information and advice officer",
    ),
    Tpl(
        "energy-advice-day",
        names=("Warm Homes Advice Day", "Energy Bills Help Day", "Keep Warm, Keep Well Advice Day"),
        texts=(
            "Drop in for free, impartial help with energy bills, switching tariffs, grants for "
            "insulation and boiler repairs, and getting onto the Priority Services Register. "
            "Bring a recent energy bill if you can. Advisers from several local organisations "
            "will be there on the day.",
            "Struggling to heat your home? Come along {when} for practical advice, free "
            "energy-saving gadgets and help to apply for support schemes. There will be tea, "
            "biscuits and a warm welcome.",
        ),
        needs=("money-and-debt", "housing"),
        types=("advice-and-guidance", "drop-in"),
        sched=("oneoff",),
        times=("10:00-14:00",),
        days="MO TU WE TH FR SA",
        kinds=("library", "hall"),
        title="Energy adviser",
        note="Drop in at any time; no appointment needed",
    ),
    Tpl(
        "work-rights",
        names=("Employment Rights Advice", "Advice at Work Clinic", "Work Problems Advice"),
        texts=(
            "Advice if you have a problem at work: unpaid wages, sickness absence, redundancy, "
            "discrimination or a disciplinary. An adviser will explain your rights and help you "
            "write to your employer. Appointments are free and confidential.",
            "Evening appointments for working people who need advice about their job, their "
            "hours or their contract. We can help you understand your options, including early "
            "conciliation. Bring your contract and any letters.",
        ),
        needs=("work-and-employment", "money-and-debt"),
        types=("advice-and-guidance",),
        join="book",
        sched=("fortnightly", "monthly"),
        times=("17:30-19:30",),
        days="MO TU WE TH",
        kinds=("office", "library"),
        title="Employment adviser",
    ),
    Tpl(
        "money-course",
        names=("Money Skills Course", "Budgeting Course", "Make Your Money Go Further"),
        texts=(
            "A free three-week course that helps you take control of your money, with a simple "
            "budgeting system that really works. Sessions are friendly, practical and "
            "non-judgemental. Tea and cake are provided.",
            "Learn how to budget, save and avoid debt in a relaxed small group. You will work out "
            "a personal budget and learn how to spot good and bad deals. Follow-up support is "
            "available if you are already in debt.",
        ),
        needs=("money-and-debt", "learning-and-skills"),
        types=("course-or-class",),
        join="book",
        times=("19:00-21:00", "10:00-12:00"),
        kinds=("church", "library", "hall"),
        title="Course coordinator",
        note="Three-week course",
    ),
    Tpl(
        "credit-union",
        names=(
            "Savings and Affordable Loans",
            "Credit Union Collection Point",
            "Save and Borrow Locally",
        ),
        texts=(
            "A not-for-profit savings and loans cooperative for people who live or work in the "
            "area. Save small amounts regularly and borrow at a fair rate, without the high cost "
            "of doorstep lenders or payday loans. Our staff will explain everything in plain "
            "English.",
            "Open a savings account with as little as £1, or talk to us about an affordable loan "
            "for a new cooker, school uniform or car repair. Members can pay in at our weekly "
            "collection point {at}.",
        ),
        needs=("money-and-debt",),
        types=("advice-and-guidance", "practical-support"),
        ages=(16, None),
        fees="Free to join; loan interest rates are capped by law.",
        times=("10:00-12:00", "14:00-16:00"),
        kinds=("library", "office", "hall"),
        title="Member services officer",
    ),
    Tpl(
        "foodbank",
        names=("Foodbank Distribution Centre", "{place} Foodbank", "Food Parcel Collection"),
        texts=(
            "Emergency food parcels for people in crisis, with three days of nutritionally "
            "balanced food. When you come to collect, volunteers offer a hot drink and a chat, "
            "and there is usually an adviser on hand to help with the reason you needed the "
            "foodbank. Toiletries and pet food are available too.",
            "If you are struggling to afford food, we can help. You will need a foodbank voucher "
            "from a referral agency such as your GP, an advice service, a school or a community "
            "connector. Come along {when} and we will make sure you do not leave empty-handed.",
            "Volunteers give out food parcels and toiletries in a friendly, confidential setting. "
            "While you are here you can have a hot drink and speak to an adviser about benefits, "
            "debt or energy bills. Please bring your voucher with you.",
        ),
        needs=("food", "money-and-debt"),
        types=("practical-support", "drop-in"),
        join="referral",
        sched=("weekly", "twice"),
        times=("12:00-14:00", "10:00-12:00", "17:00-19:00"),
        days="MO TU WE TH FR SA",
        kinds=("church", "hall"),
        title="Centre manager",
        how=(
            "You need a foodbank voucher: ask your GP, school, advice service or community "
            "connector, or ring us and we will help you get one.",
        ),
    ),
    Tpl(
        "community-larder",
        names=("Community Larder", "{place} Community Fridge", "Community Pantry"),
        texts=(
            "A community shop stocked with surplus food from supermarkets and local growers. "
            "Members pay a small weekly fee and choose around fifteen items worth much more. "
            "Anyone living locally can join; no referral is needed.",
            "Fresh fruit, vegetables, bread and chilled food that would otherwise be thrown away, "
            "at a fraction of the shop price. Bring a bag and choose what you will use. We also "
            "share simple recipes and cooking tips.",
        ),
        needs=("food", "money-and-debt"),
        types=("practical-support",),
        costs=(("Weekly shop", "3.50|4.00", "{amount} for a basket of about fifteen items"),),
        times=("14:00-16:00", "10:00-12:00"),
        kinds=("hall", "church"),
        title="Larder coordinator",
    ),
    Tpl(
        "cook-budget",
        names=("Cook and Eat on a Budget", "Cooking on a Shoestring", "Family Cookery Course"),
        texts=(
            "A hands-on cookery course showing how to make tasty, healthy meals for less. Each "
            "week you cook a dish, eat it together and take home the recipe and some "
            "ingredients. Suitable for complete beginners.",
            "Learn to cook simple, filling meals from scratch using cheap store-cupboard "
            "ingredients. The course runs for six weeks in a small group with a friendly tutor. "
            "All ingredients and equipment are provided.",
        ),
        needs=("food", "learning-and-skills", "money-and-debt"),
        types=("course-or-class",),
        join="book",
        times=("10:00-12:30", "18:00-20:00"),
        kinds=("learning", "hall", "children"),
        title="Cookery tutor",
        note="Six-week course",
    ),
    Tpl(
        "street-outreach",
        names=(
            "Evening Drop-in for People Sleeping Rough",
            "Street Outreach Drop-in",
            "Hot Meal and Help Drop-in",
        ),
        texts=(
            "A weekly evening drop-in offering a hot meal, showers, clean clothes and advice for "
            "people who are homeless or vulnerably housed. Housing and health workers attend "
            "regularly. Everyone is treated with dignity and respect.",
            "Come in from the cold for a hot meal and a chat. Volunteers can help with housing "
            "applications, registering with a GP and getting ID. No referral is needed.",
        ),
        needs=("housing", "food"),
        types=("drop-in", "practical-support"),
        ages=(18, None),
        times=("18:30-20:30",),
        days="MO TU WE TH FR SA SU",
        kinds=("church", "hall"),
        title="Outreach coordinator",
    ),
    Tpl(
        "housing-advice",
        names=("Housing Advice Drop-in", "Housing Options Drop-in", "Homeless Prevention Advice"),
        texts=(
            "Advice if you are worried about losing your home, have received an eviction notice, "
            "or are living somewhere unsuitable. A housing officer can explain your options, help "
            "you stay where you are if possible and help you apply for housing. Come as early as "
            "you can; it is easier to help before a crisis.",
            "Drop in to talk to a housing adviser about renting, repairs, rent arrears or finding "
            "somewhere to live. If you are homeless tonight, please call the emergency line "
            "instead. Bring identification and any letters from your landlord.",
        ),
        needs=("housing",),
        types=("advice-and-guidance", "drop-in"),
        times=("09:30-12:30", "13:30-16:00"),
        kinds=("office", "library"),
        title="Housing officer",
    ),
    Tpl(
        "tenancy-support",
        names=("Tenancy Support", "Floating Housing Support", "Settle In Support"),
        texts=(
            "One-to-one support for people who need help to keep their tenancy, such as managing "
            "bills, dealing with repairs or sorting out benefits. A support worker visits you at "
            "home regularly for up to six months. The service is free.",
            "Practical help for people moving into a new home or at risk of losing theirs. We "
            "help with setting up utilities, furniture, budgeting and linking in with local "
            "services. Support is tailored to what you need.",
        ),
        needs=("housing", "money-and-debt", "practical-help-at-home"),
        types=("practical-support", "advice-and-guidance"),
        join="referral",
        sched=("none",),
        kinds=("office",),
        title="Support worker",
        how=(
            "Referrals come from housing officers, social workers, GPs and community connectors; "
            "you can also ask to be referred yourself.",
        ),
    ),
    Tpl(
        "homeless-line",
        names=("Housing Emergency Line", "Homelessness Advice Line", "Out of Hours Housing Line"),
        texts=(
            "If you are homeless or about to become homeless, call us. We can arrange emergency "
            "accommodation where the council has a duty to help, and advise everyone else on "
            "their options. Outside office hours the line is answered by the emergency duty team.",
            "Phone and online advice for anyone facing homelessness in Bracknell Forest. You can "
            "also fill in a housing help form online and a housing officer will call you back. If "
            "you are sleeping rough, tell us where you are and an outreach worker will try to "
            "find you.",
        ),
        needs=("housing",),
        types=("helpline", "advice-and-guidance"),
        sched=("none",),
        where="online",
        title="Housing options team",
        how=(
            "Call the housing line or complete the online housing help form; out of hours, ring "
            "the emergency duty team.",
        ),
    ),
    Tpl(
        "job-club",
        names=("Job Club", "{day} Job Club", "Work Club"),
        texts=(
            "Help to find work, with computers to search and apply for jobs, and friendly "
            "advisers to help with CVs, application forms and interview practice. Whether you are "
            "returning to work or changing career, you will find support and encouragement. Bring "
            "your CV if you have one.",
            "A weekly drop-in for job seekers of all ages. We can help you set up an email "
            "address, search for jobs online and prepare for interviews. Local employers "
            "sometimes come in to talk about their vacancies.",
            "Looking for work, or a better job? Drop in to use the computers and get one-to-one "
            "help from friendly volunteers with CVs, applications and interview nerves. We also "
            "share local vacancies and training courses.",
        ),
        needs=("work-and-employment", "learning-and-skills"),
        types=("advice-and-guidance", "drop-in"),
        ages=(16, None),
        times=("10:00-12:00", "13:30-15:30"),
        kinds=("library", "learning"),
        title="Employment coach",
    ),
    Tpl(
        "cv-clinic",
        names=("CV and Interview Clinic", "CV Help Sessions", "Get Interview Ready"),
        texts=(
            "A one-to-one appointment with a careers adviser to polish your CV, write a covering "
            "letter or practise interview questions. You will leave with clear next steps. "
            "Appointments last 45 minutes.",
            "Book a slot to get expert feedback on your CV and job applications. We can also help "
            "with online application forms and preparing for assessments. Suitable for all ages "
            "and levels of experience.",
        ),
        needs=("work-and-employment",),
        types=("advice-and-guidance",),
        join="book",
        sched=("fortnightly", "monthly"),
        times=("13:00-16:00", "17:00-19:00"),
        kinds=("library", "learning", "office"),
        title="Careers adviser",
    ),
    Tpl(
        "supported-employment",
        names=("Supported Employment", "Into Work Support", "Job Coaching"),
        texts=(
            "Help for disabled people and people with learning disabilities or autism to find "
            "and keep paid work. A job coach gets to know you, finds employers who are a good fit "
            "and supports you in the workplace for as long as you need. We also help employers "
            "make reasonable adjustments.",
            "Work can bring money, friends and confidence. Our job coaches help with everything "
            "from writing a CV to learning the bus route to work, and we stay in touch once you "
            "start. The service is free to you.",
        ),
        needs=("work-and-employment",),
        types=("advice-and-guidance", "practical-support"),
        audiences=("people-with-learning-disabilities", "disabled-people"),
        ages=(16, None),
        join="referral",
        sched=("none",),
        kinds=("office",),
        title="Job coach",
        how=(
            "Ask your social worker, school or college to refer you, or contact us yourself for "
            "an informal chat.",
        ),
    ),
    Tpl(
        "youth-work-ready",
        names=(
            "Work Ready for 16 to 24s",
            "Young People's Employment Programme",
            "Next Steps Programme",
        ),
        texts=(
            "A programme for young people aged 16 to 24 who are not in work, education or "
            "training. Over eight weeks you build skills, confidence and a CV, with a paid work "
            "taster at the end. Travel costs are covered and there is lunch every session.",
            "Not sure what to do next? This friendly course helps you work out what you are good "
            "at, try out different jobs and apply for apprenticeships, college or work. Mentors "
            "stay in touch after the course.",
        ),
        needs=("work-and-employment", "learning-and-skills"),
        types=("course-or-class",),
        audiences=("young-people",),
        ages=(16, 24),
        join="book",
        sched=("twice", "weekly"),
        times=("10:00-14:00",),
        kinds=("learning", "youth"),
        title="Programme coordinator",
    ),
]

_LEARNING_VOLUNTEERING = [
    Tpl(
        "digital-help",
        names=("Digital Drop-in", "Tablet and Smartphone Help", "Get Online Help Sessions"),
        texts=(
            "Bring your phone, tablet or laptop and a volunteer will help you with whatever you "
            "are stuck on, from video calls with family to ordering repeat prescriptions and "
            "using the NHS App. No question is too basic. Devices are available to borrow if you "
            "do not have one.",
            "Patient, friendly help to get online and stay safe. Volunteers can show you how to "
            "send emails, shop online, spot scams and set up apps. Sessions are one-to-one, so "
            "you can go at your own pace.",
            "Stuck with your smartphone, tablet or laptop? Our digital champions can help you set "
            "up email, shop safely, book GP appointments online and keep in touch with family. "
            "Bring your device and any passwords you need.",
        ),
        needs=("learning-and-skills", "practical-help-at-home"),
        types=("drop-in", "course-or-class"),
        audiences=("older-people",),
        sched=("weekly", "fortnightly"),
        times=("10:00-12:00", "14:00-16:00"),
        days="MO TU WE TH FR SA",
        kinds=("library", "hall", "cafe"),
        title="Digital champion",
    ),
    Tpl(
        "esol",
        names=("English Classes (ESOL)", "ESOL for Beginners", "English for Everyday Life"),
        texts=(
            "English classes for adults whose first language is not English, from complete "
            "beginners to upper intermediate. You will be assessed so you join the right level. "
            "Classes are free if you receive certain benefits or are on a low income.",
            "Improve your speaking, listening, reading and writing for everyday life and work. "
            "Qualified tutors run small classes with lots of conversation practice. A free crèche "
            "is available for some classes.",
        ),
        needs=("learning-and-skills", "work-and-employment"),
        types=("course-or-class",),
        ages=(19, None),
        join="book",
        fees="Free for adults on means-tested benefits; otherwise fees depend on the course.",
        sched=("twice",),
        times=("09:30-11:30", "18:00-20:00"),
        days="MO TU WE TH",
        kinds=("learning", "library"),
        title="ESOL tutor",
        note="Term time only",
    ),
    Tpl(
        "maths-english",
        names=("Brush Up Your Maths", "Everyday Maths and English", "Functional Skills Maths"),
        texts=(
            "A friendly class for adults who want to feel more confident with numbers, whether "
            "that is helping children with homework, managing money or getting a qualification. "
            "Classes are small and go at your pace. You can work towards a nationally recognised "
            "certificate if you want to.",
            "Never got on with maths at school? Many people in this class felt the same. Our "
            "tutors use real-life examples like budgets, recipes and payslips. The course is free "
            "for adults without a GCSE in maths.",
        ),
        needs=("learning-and-skills", "work-and-employment"),
        types=("course-or-class",),
        ages=(19, None),
        join="book",
        times=("10:00-12:00", "18:30-20:30"),
        days="MO TU WE TH",
        kinds=("learning",),
        title="Tutor",
        note="Term time only",
    ),
    Tpl(
        "learning-open-day",
        names=(
            "Adult Learning Open Day",
            "Try Something New Taster Day",
            "Learning Taster Session",
        ),
        texts=(
            "Come and try short taster sessions in art, languages, computing, creative writing and "
            "more, and find out about courses starting next term. Tutors will be on hand to answer "
            "questions and help you enrol. Refreshments are provided.",
            "A free morning of mini-classes for adults who fancy learning something new. Drop "
            "into as many sessions as you like. It is a relaxed way to find out what suits you "
            "before you commit to a course.",
        ),
        needs=("learning-and-skills", "arts-and-creativity"),
        types=("course-or-class",),
        ages=(19, None),
        sched=("oneoff",),
        times=("10:00-13:00",),
        days="MO TU WE TH FR SA",
        kinds=("learning", "library"),
        title="Learning coordinator",
        note="Drop in to as many tasters as you like",
    ),
    Tpl(
        "bsl-course",
        names=("British Sign Language Level 1", "Learn BSL", "BSL for Beginners"),
        texts=(
            "Learn to communicate with Deaf people using British Sign Language. The course is "
            "taught by a Deaf tutor and covers greetings, conversations and fingerspelling. You "
            "can take an exam at the end if you wish.",
            "A friendly beginners' class in BSL, great for family members, carers and anyone "
            "interested in sign language. Classes are small and very practical.",
        ),
        needs=("learning-and-skills",),
        types=("course-or-class",),
        langs=("English", "British Sign Language"),
        ages=(16, None),
        join="book",
        costs=(("Course", "180.00", "{amount} for the full course"),),
        times=("18:30-20:30",),
        days="MO TU WE TH",
        kinds=("learning", "library"),
        title="BSL tutor",
    ),
    Tpl(
        "volunteer-drop-in",
        names=("Volunteering Drop-in", "Find Your Volunteering Role", "Volunteer Advice Sessions"),
        texts=(
            "Thinking about volunteering but not sure where to start? Drop in for a chat with our "
            "volunteer advisers, who can match you with opportunities that suit your interests, "
            "skills and time. There are hundreds of roles across the borough, from one-off events "
            "to regular commitments.",
            "Volunteering is a great way to meet people, learn new skills and give something "
            "back. We will help you find a role, whether that is driving, befriending, gardening, "
            "admin or helping at events. Some roles suit people with disabilities or very little "
            "spare time.",
        ),
        needs=("volunteering",),
        types=("volunteering-opportunity", "advice-and-guidance"),
        ages=(16, None),
        sched=("monthly", "fortnightly"),
        times=("10:00-12:00", "14:00-16:00"),
        kinds=("library", "office"),
        title="Volunteer adviser",
    ),
    Tpl(
        "volunteer-fair",
        names=("Volunteer Fair", "Volunteering Marketplace", "Give It a Go Volunteering Day"),
        texts=(
            "Meet more than thirty local charities and community groups looking for volunteers, "
            "all under one roof. You can ask questions, pick up leaflets and sign up on the day. "
            "Whether you have an hour a month or a day a week, there will be something for you.",
            "Find out how you can make a difference in your community. Organisations will be "
            "showcasing roles from conservation and sport to befriending and fundraising. Drop in "
            "any time.",
        ),
        needs=("volunteering",),
        types=("volunteering-opportunity",),
        sched=("oneoff",),
        times=("10:00-14:00",),
        days="MO TU WE TH FR SA",
        kinds=("hall", "library", "arts"),
        title="Events coordinator",
        note="Free entry; drop in at any time",
    ),
    Tpl(
        "volunteer-befriender",
        names=(
            "Become a Volunteer Befriender",
            "Volunteer Befrienders Wanted",
            "Volunteer with Us: Befriending",
        ),
        texts=(
            "We are looking for kind, reliable people to visit or phone an older person for an "
            "hour a week. Full training, a DBS check and ongoing support are provided, and you "
            "will be matched with someone who shares your interests. Volunteers tell us they get "
            "as much out of it as the people they visit.",
            "Could you give an hour a week to make a real difference to someone who is lonely? "
            "After a short training session you will be matched with an older person in your "
            "area. Travel expenses are paid.",
        ),
        needs=("volunteering", "loneliness-and-company"),
        types=("volunteering-opportunity",),
        ages=(18, None),
        join="book",
        sched=("none",),
        kinds=("office",),
        title="Volunteer coordinator",
        how=(
            "Fill in the short volunteer form on our website or ring the coordinator for an "
            "informal chat.",
        ),
    ),
    Tpl(
        "volunteer-driver",
        names=("Volunteer Drivers Needed", "Volunteer Driver Scheme", "Be a Volunteer Driver"),
        texts=(
            "Use your car to help people get to hospital appointments, the shops and social "
            "clubs. You choose when you are available and mileage expenses are paid. Many "
            "drivers say it is the most rewarding thing they do each week.",
            "Our community transport depends on volunteer drivers. If you have a full driving "
            "licence and a few hours to spare, we would love to hear from you. We will provide "
            "training and support.",
        ),
        needs=("volunteering", "practical-help-at-home"),
        types=("volunteering-opportunity",),
        ages=(21, None),
        join="book",
        sched=("none",),
        kinds=("office",),
        title="Transport coordinator",
    ),
    Tpl(
        "youth-volunteering",
        names=("Youth Volunteering Programme", "Young Volunteers' Group", "Volunteer Squad"),
        texts=(
            "Young people aged 14 to 19 volunteer together on projects they choose, from litter "
            "picks and food collections to helping at community events. It counts towards awards "
            "and looks great on a CV or college application. Sessions are run by youth workers.",
            "Make friends, gain skills and help your community. Our young volunteers meet {when} "
            "to plan and run projects. You can get a reference after 30 hours of volunteering.",
        ),
        needs=("volunteering", "learning-and-skills"),
        types=("volunteering-opportunity",),
        audiences=("young-people",),
        ages=(14, 19),
        join="book",
        sched=("fortnightly", "weekly"),
        times=("17:30-19:00", "10:00-13:00"),
        days="MO TU WE TH FR SA",
        kinds=("youth", "hall"),
        title="Youth worker",
    ),
    Tpl(
        "conservation",
        names=(
            "Conservation Volunteers at {venue}",
            "Countryside Task Day",
            "{day} Conservation Group",
        ),
        texts=(
            "Get outdoors and help look after local woodland and heathland. Tasks vary with the "
            "seasons, from clearing scrub and coppicing to repairing paths and building habitat "
            "piles. Tools, gloves and training are provided; just bring lunch and wear old "
            "clothes.",
            "Practical conservation work with a friendly group of volunteers of all ages. You can "
            "work at your own pace and there are always lighter jobs available. Tea breaks round "
            "the campfire are a highlight.",
            "Help look after some of the area's most precious wildlife sites, from heathland that "
            "is home to rare birds to ponds full of dragonflies. No experience is needed and all "
            "tools are provided. It is a great way to get fit, learn new skills and meet people.",
        ),
        needs=("nature-and-outdoors", "volunteering", "getting-active"),
        types=("gardening-and-conservation", "volunteering-opportunity"),
        ages=(16, None),
        sched=("fortnightly", "monthly", "weekly"),
        times=("10:00-13:00", "09:30-15:00"),
        days="TU WE TH SA SU",
        kinds=("nature", "park"),
        title="Volunteer coordinator",
    ),
    Tpl(
        "litter-pick",
        names=("Community Litter Pick", "{place} Litter Pick", "Keep {place} Tidy"),
        texts=(
            "Help keep {place} clean and green with a community litter pick. Pickers, bags, "
            "hi-vis vests and gloves are provided, and children are welcome with an adult. We "
            "finish with refreshments.",
            "A sociable couple of hours clearing litter from our streets, verges and parks. Meet "
            "{at} and we will give you a kit and a patch. Every bag makes a difference.",
            "Join your neighbours for a tidy-up of local streets and green spaces. All equipment "
            "is provided and you can stay for as long or as short a time as you like. Children "
            "are welcome with an adult.",
        ),
        needs=("nature-and-outdoors", "volunteering"),
        types=("volunteering-opportunity",),
        sched=("monthly", "oneoff"),
        times=("10:00-12:00",),
        days="SA SU",
        kinds=("park", "hall", "office"),
        title="Organiser",
        note="Equipment provided; children welcome with an adult",
    ),
    Tpl(
        "community-garden",
        names=("Community Garden", "{place} Growing Together", "Grow Your Own Group"),
        texts=(
            "Help grow fruit, vegetables and flowers in our shared garden, and take some of the "
            "harvest home. No gardening experience is needed; regulars are happy to show you how. "
            "There are raised beds for anyone who finds bending difficult.",
            "A friendly gardening group that meets {when}. Jobs range from sowing seeds in the "
            "polytunnel to making compost and building bug hotels, so there is something for "
            "every ability. Gloves and tools are provided.",
        ),
        needs=("nature-and-outdoors", "mental-wellbeing", "loneliness-and-company"),
        types=("gardening-and-conservation",),
        times=("10:00-12:00", "14:00-16:00"),
        days="MO TU WE TH FR SA",
        kinds=("garden", "park"),
        title="Garden coordinator",
    ),
    Tpl(
        "therapeutic-garden",
        names=("Therapeutic Gardening", "Green Therapy Sessions", "Growing Well"),
        texts=(
            "Small-group gardening sessions for people whose health or wellbeing would benefit "
            "from time outdoors, including people with learning disabilities, long-term "
            "conditions or mental health needs. Sessions are led by a horticultural therapist and "
            "adapted to each person. You can work alongside a supporter.",
            "A peaceful garden where you can learn skills, get some gentle exercise and spend "
            "time with others. Each person has a growing plan and tasks suited to their "
            "abilities. Tea and cake are always part of the session.",
        ),
        needs=("nature-and-outdoors", "mental-wellbeing", "long-term-conditions"),
        types=("gardening-and-conservation",),
        audiences=("people-with-learning-disabilities", "people-with-long-term-conditions"),
        join="referral",
        costs=(("Per session", "10.00|12.00", "{amount} a session; bursaries available"),),
        times=("10:00-13:00",),
        kinds=("garden",),
        title="Horticultural therapist",
    ),
    Tpl(
        "allotment-plots",
        names=("Allotment Plots", "Allotments to Rent", "Starter Allotment Plots"),
        texts=(
            "Rent a full or half allotment plot and grow your own fruit and vegetables. There is "
            "a water supply, a communal shed and friendly neighbours happy to share advice. "
            "Half-plots are ideal for beginners.",
            "The council manages allotments for residents. Waiting times vary; starter plots and "
            "raised beds are sometimes available sooner, so it is worth asking.",
        ),
        needs=("nature-and-outdoors", "food"),
        types=("gardening-and-conservation",),
        join="book",
        costs=(("Per year", "45.00|55.00", "{amount} a year for a half plot"),),
        sched=("none",),
        kinds=("garden",),
        title="Allotments officer",
    ),
]

_PRACTICAL_CARERS = [
    Tpl(
        "repair-cafe",
        names=("Repair Café", "{place} Repair Café", "Fix It Café"),
        texts=(
            "Bring your broken toasters, lamps, clothes, bikes and toys and our volunteer fixers "
            "will try to repair them with you. It is free, though donations are welcome, and you "
            "will learn something along the way. Tea and cake while you wait.",
            "Do not throw it away; bring it to the Repair Café. Skilled volunteers repair "
            "electrical items, sew on buttons, sharpen knives and more. If you have a practical "
            "skill to share, we would love you to join the team.",
            "Volunteers with all kinds of skills gather to mend household items, clothes and "
            "bikes, and to show you how to do it yourself next time. Bring one or two items and "
            "be prepared to wait a while; there is cake to make it worthwhile. Repairs are free, "
            "but donations help pay for the hall.",
        ),
        needs=("practical-help-at-home", "volunteering"),
        types=("practical-support", "volunteering-opportunity"),
        fees="Free; donations welcome.",
        sched=("monthly",),
        times=("10:00-13:00",),
        days="SA",
        kinds=("hall", "church"),
        title="Repair café coordinator",
    ),
    Tpl(
        "handyperson",
        names=("Handyperson Service", "Small Repairs at Home", "Home Safety Handyperson"),
        texts=(
            "Our trusted, DBS-checked handypeople carry out small jobs around the home such as "
            "fitting grab rails, changing light bulbs, putting up shelves and fixing dripping "
            "taps. We also fit key safes and smoke alarms. You pay only for materials and a small "
            "charge for labour.",
            "Help with jobs that are too small for a builder but too tricky to do yourself. We "
            "prioritise work that keeps people safe at home and prevents falls. Call us to "
            "describe the job and we will arrange a visit.",
        ),
        needs=("practical-help-at-home", "housing"),
        types=("practical-support",),
        audiences=("older-people", "disabled-people"),
        elig="For people aged 60 and over, and disabled adults of any age.",
        join="book",
        costs=(("Per hour", "15.00|18.00", "{amount} an hour plus materials"),),
        sched=("none",),
        kinds=("office",),
        title="Handyperson coordinator",
        how=("Ring to describe the job and we will book a visit, usually within two weeks.",),
    ),
    Tpl(
        "good-neighbours",
        names=("Good Neighbours Scheme", "{place} Good Neighbours", "Neighbourly Help"),
        texts=(
            "Volunteers help neighbours with lifts to the doctor and hospital, collecting "
            "prescriptions, shopping, changing a light bulb or just popping in for a chat. We ask "
            "for a small mileage contribution for lifts. Please give us a few days' notice where "
            "you can.",
            "A village scheme where local volunteers help people who need a hand, whether through "
            "age, illness or a short-term crisis. Call the duty phone and a coordinator will find "
            "someone who can help. All volunteers are DBS-checked.",
        ),
        needs=("practical-help-at-home", "loneliness-and-company"),
        types=("practical-support", "befriending"),
        audiences=("older-people",),
        join="book",
        costs=(("Mileage", "0.45", "{amount} a mile for lifts"),),
        sched=("none",),
        where="home",
        title="Duty coordinator",
        how=(
            "Ring the duty phone (staffed on weekday mornings) and a coordinator will match you "
            "with a volunteer.",
        ),
    ),
    Tpl(
        "home-library",
        names=("Home Library Service", "Books on Wheels", "Library at Home"),
        texts=(
            "If you cannot get to a library because of age, illness, disability or caring "
            "responsibilities, a volunteer can bring books, audiobooks and large print to your "
            "door every three weeks. We choose books based on what you like to read. The service "
            "is free.",
            "Library books delivered to your home by friendly volunteers, who are also happy to "
            "stop for a chat. Choose from large print, audiobooks and talking newspapers. Carers "
            "can use the service too.",
        ),
        needs=("learning-and-skills", "practical-help-at-home", "loneliness-and-company"),
        types=("practical-support", "befriending"),
        audiences=("older-people", "disabled-people", "carers"),
        join="book",
        sched=("none",),
        kinds=("library",),
        title="Home library coordinator",
    ),
    Tpl(
        "footcare",
        names=("Community Footcare Clinic", "Toenail Cutting Service", "Foot Health Clinic"),
        texts=(
            "Trained footcare assistants cut toenails and check feet for people who can no longer "
            "manage it themselves. Appointments take about 20 minutes. If anything needs a "
            "podiatrist's attention, we will tell you.",
            "Comfortable feet make it easier to stay active and independent. Our clinic offers "
            "nail cutting, filing and simple foot care in a private room. Please book, as "
            "appointments fill up fast.",
        ),
        needs=("practical-help-at-home", "long-term-conditions"),
        types=("practical-support",),
        audiences=("older-people", "people-with-long-term-conditions"),
        join="book",
        costs=(("Per appointment", "16.00|18.00|20.00", "{amount} per appointment"),),
        sched=("monthly", "fortnightly"),
        times=("09:30-15:30",),
        kinds=("hall", "gp"),
        title="Clinic organiser",
    ),
    Tpl(
        "dial-a-ride",
        names=("Dial-a-Ride", "Door-to-Door Community Transport", "Community Minibus"),
        texts=(
            "An accessible, door-to-door minibus service for people who find it hard to use "
            "ordinary buses. Book a trip to the shops, the doctor's, a lunch club or to visit "
            "friends. Drivers will help you on and off the bus and carry your shopping.",
            "Wheelchair-accessible minibuses with friendly drivers, taking members anywhere in "
            "the borough. Trips must be booked at least a day in advance. Membership is open to "
            "anyone with mobility difficulties, whatever their age.",
        ),
        needs=("practical-help-at-home", "loneliness-and-company"),
        types=("practical-support",),
        audiences=("older-people", "disabled-people"),
        join="book",
        costs=(
            ("Annual membership", "10.00", "{amount} a year"),
            ("Per journey", "3.00|3.50", "{amount} each way within the borough"),
        ),
        sched=("none",),
        kinds=("office",),
        title="Booking office",
        how=(
            "Ring the booking line on weekdays between 9am and 1pm to join and book your first trip.",
        ),
    ),
    Tpl(
        "home-help",
        names=(
            "Home Help and Companionship",
            "Cleaning and Shopping Help",
            "Help Around the House",
        ),
        texts=(
            "Regular, reliable help with cleaning, laundry, shopping and meal preparation from a "
            "small team of local staff. We try to send the same person each visit, so you get to "
            "know each other. We can also go with you to appointments or on outings.",
            "Practical help at home for older and disabled people who would like a bit of support "
            "to stay independent. Visits start from one hour a week. Direct payments and personal "
            "budgets are accepted.",
        ),
        needs=("practical-help-at-home",),
        types=("practical-support",),
        audiences=("older-people", "disabled-people"),
        join="book",
        costs=(("Per hour", "22.00|24.50", "{amount} an hour"),),
        sched=("none",),
        kinds=("office",),
        title="Care manager",
    ),
    Tpl(
        "carers-coffee",
        names=("Carers' Coffee Morning", "Carers' Café", "Time Out for Carers"),
        texts=(
            "A chance for unpaid carers to take a break, have a coffee and talk to others who "
            "understand. Our carer support worker comes along to answer questions about "
            "benefits, respite and carers' assessments. If you cannot leave the person you care "
            "for, bring them with you.",
            "Looking after someone can be lonely and exhausting. This friendly get-together is a "
            "place to share tips, let off steam and find out what help is available. You do not "
            "need to call yourself a carer to come.",
            "A relaxed get-together for people who look after a relative or friend. Come for a "
            "chat, some cake and the chance to talk to others who know what caring is really "
            "like. A carers' adviser is usually there to answer questions.",
        ),
        needs=("carers-support", "loneliness-and-company"),
        types=("peer-support-group", "lunch-club-or-cafe"),
        audiences=("carers",),
        elig="For unpaid carers of any age.",
        sched=("monthly",),
        times=("10:00-12:00", "10:30-12:00"),
        days="MO TU WE TH FR SA",
        kinds=("cafe", "hall", "library"),
        title="Carer support worker",
    ),
    Tpl(
        "carers-line",
        names=("Carers' Advice Line", "Carers' Information Service", "Carers' Support Line"),
        texts=(
            "Information and advice for unpaid carers of all ages about carers' assessments, "
            "Carer's Allowance, respite, emergency planning and looking after your own health. "
            "You can phone, email or book a call back. We can also register you for a carer's "
            "emergency card.",
            "If you look after a family member, partner or friend, we can help you find support. "
            "Our advisers will listen, explain your options and, if you want, follow up with the "
            "council or your GP on your behalf.",
        ),
        needs=("carers-support",),
        types=("advice-and-guidance", "helpline"),
        audiences=("carers",),
        sched=("none",),
        where="online",
        title="Carers' adviser",
        how=(
            "Call the carers' line on weekdays, 9am to 5pm, or request a call back on our website.",
        ),
    ),
    Tpl(
        "young-carers",
        names=("Young Carers' Club", "Young Carers' Group", "Young Carers' Evening"),
        texts=(
            "A club for young people aged 8 to 17 who help look after someone at home. It is a "
            "chance to have fun, try new activities and meet others in the same situation, with "
            "trips out in the holidays. Youth workers are also there to talk to if things get "
            "tough.",
            "Young carers meet {when} to relax, play games, cook and chat. We can also talk to "
            "your school about how they can support you. Transport can be arranged if getting "
            "there is difficult.",
        ),
        needs=("carers-support", "loneliness-and-company"),
        types=("social-group", "peer-support-group"),
        audiences=("young-people", "carers"),
        ages=(8, 17),
        join="referral",
        sched=("fortnightly", "weekly"),
        times=("17:00-19:00", "18:00-20:00"),
        kinds=("youth", "hall"),
        title="Young carers' worker",
        how=(
            "Parents, schools or professionals can refer a young carer, or young people can "
            "contact us themselves.",
        ),
    ),
    Tpl(
        "carers-pamper",
        names=("Carers' Relaxation Morning", "Carers' Wellbeing Session", "Me Time for Carers"),
        texts=(
            "A morning just for you, with a gentle yoga or relaxation session followed by a hand "
            "massage or mini facial from a volunteer therapist. Tea, coffee and cake are "
            "provided. Replacement care can sometimes be arranged so you can attend.",
            "Looking after yourself is not selfish. These sessions offer a rotating programme of "
            "relaxation, seated exercise, creative activities and treatments for unpaid carers. "
            "Places are limited, so please book.",
        ),
        needs=("carers-support", "mental-wellbeing"),
        types=("exercise-class", "peer-support-group"),
        audiences=("carers",),
        join="book",
        sched=("monthly",),
        times=("10:00-12:30",),
        days="MO TU WE TH FR SA",
        kinds=("hall", "church"),
        title="Carers' wellbeing lead",
    ),
    Tpl(
        "parent-carers",
        names=("Parent Carers' Forum", "SEND Parents' Support Group", "Parent Carers' Coffee Chat"),
        texts=(
            "A support group for parents and carers of children and young people with special "
            "educational needs and disabilities. We share experiences, swap tips on education, "
            "health and care plans and invite professionals to answer questions. Meetings are "
            "online so you can join from home.",
            "Connect with other parents who understand the joys and challenges of raising a "
            "disabled child. Sessions are informal, with the occasional guest speaker from "
            "education or health. You can just listen if you prefer.",
        ),
        needs=("carers-support",),
        types=("peer-support-group",),
        audiences=("carers", "parents-with-young-children"),
        sched=("monthly",),
        times=("19:30-21:00", "10:00-11:30"),
        where="online",
        title="Forum coordinator",
    ),
    Tpl(
        "carers-sitting",
        names=("Sitting Service for Carers", "Respite Sitting Service", "Home Sitting"),
        texts=(
            "A trained care worker sits with the person you look after for a few hours, so you "
            "can go out, rest or keep an appointment. Visits can be regular or occasional. "
            "Payment can be made with a direct payment or a carer's personal budget.",
            "Take a break knowing the person you care for is in safe hands. Our sitters are "
            "DBS-checked and trained in dementia care. We will arrange an introductory visit "
            "first.",
        ),
        needs=("carers-support", "practical-help-at-home", "memory-and-dementia"),
        types=("practical-support",),
        audiences=("carers", "people-living-with-dementia"),
        join="book",
        costs=(("Per hour", "24.00|26.50", "{amount} an hour, minimum two hours"),),
        sched=("none",),
        kinds=("office",),
        title="Care coordinator",
    ),
    Tpl(
        "carers-rights-day",
        names=(
            "Carers' Information Day",
            "Carers' Rights Drop-in",
            "Carers' Health and Wellbeing Day",
        ),
        texts=(
            "Carers can drop in to speak to advisers on benefits, social care, health and "
            "employment, all in one place. There will be free health checks, taster relaxation "
            "sessions and information stands. Bring the person you care for if you need to.",
            "A special drop-in event for unpaid carers. Find out about your rights, register as a "
            "carer with your GP and meet local support groups. A light lunch is provided.",
        ),
        needs=("carers-support", "money-and-debt"),
        types=("advice-and-guidance", "drop-in"),
        audiences=("carers",),
        sched=("oneoff",),
        times=("10:00-14:00",),
        kinds=("library", "hall", "arts"),
        title="Carers' lead",
        note="Drop in at any time",
    ),
]

_BEREAVEMENT_HEALTH = [
    Tpl(
        "bereavement-group",
        names=("Bereavement Support Group", "Grief Support Group", "Living with Loss Group"),
        texts=(
            "A small, confidential group for adults who have lost someone close, whether recently "
            "or some years ago. Led by trained bereavement volunteers, sessions give you space to "
            "talk, listen and learn about grief. Many people find it a relief to be with others "
            "who understand.",
            "Grief can be isolating. In this gentle group you can share memories and feelings "
            "without having to explain yourself. We will have a short chat with you before your "
            "first session so you know what to expect.",
            "A safe place to talk about the person you have lost and how you are coping. Each "
            "session is facilitated by trained volunteers, and numbers are kept small so everyone "
            "can be heard. You can come for as long as it helps.",
        ),
        needs=("bereavement", "mental-wellbeing"),
        types=("peer-support-group",),
        ages=(18, None),
        join="book",
        sched=("fortnightly", "monthly"),
        times=("14:00-15:30", "19:00-20:30"),
        kinds=("church", "hall"),
        title="Bereavement coordinator",
    ),
    Tpl(
        "bereavement-cafe",
        names=("Bereavement Café", "Time to Talk Café", "Coffee and Comfort"),
        texts=(
            "An informal café for anyone who has been bereaved, however long ago. You can chat "
            "with others, talk to a trained listener or just sit quietly with a drink and cake. "
            "There is no programme and no pressure.",
            "A warm, welcoming space where bereaved people can meet and support one another. Some "
            "come once, others come for years and end up helping newcomers. Just drop in.",
            "Somewhere to come when grief feels heavy and home feels too quiet. Volunteers who "
            "have been bereaved themselves are there to listen. There is tea, cake and no "
            "pressure to talk.",
        ),
        needs=("bereavement", "loneliness-and-company"),
        types=("drop-in", "peer-support-group"),
        sched=("monthly", "fortnightly"),
        times=("10:30-12:30", "14:00-16:00"),
        kinds=("church", "cafe", "hall"),
        title="Café host",
    ),
    Tpl(
        "bereavement-counselling",
        names=("Bereavement Counselling", "One-to-one Bereavement Support", "Grief Counselling"),
        texts=(
            "Free one-to-one support from a trained bereavement counsellor, usually for six to "
            "ten sessions. Sessions can be face to face, by phone or by video call. There may be "
            "a short wait, and we will stay in touch while you are waiting.",
            "If grief is affecting your sleep, work or relationships, talking to a counsellor can "
            "help. We offer an initial assessment to find out what support would suit you best.",
        ),
        needs=("bereavement", "mental-wellbeing"),
        types=("advice-and-guidance",),
        ages=(18, None),
        join="referral",
        fees="Free; donations welcome.",
        sched=("none",),
        kinds=("office", "church"),
        title="Counselling coordinator",
        how=("Refer yourself by phone or email, or ask your GP to refer you.",),
    ),
    Tpl(
        "widowed-social",
        names=(
            "Widowed Friends Social",
            "Widows and Widowers' Social Club",
            "Second Chapter Social",
        ),
        texts=(
            "A social group for people who have lost a partner and would like to get out and "
            "enjoy life again. We meet for meals, walks, theatre trips and coffee mornings. There "
            "is no pressure to talk about your loss, but everyone understands.",
            "Whether you were widowed recently or some time ago, come and meet others in a "
            "similar position. Members organise outings as well as a regular get-together. It is "
            "a relaxed way to rebuild your social life.",
        ),
        needs=("bereavement", "loneliness-and-company"),
        types=("social-group",),
        sched=("monthly",),
        times=("19:30-21:30", "12:30-14:30"),
        days="MO TU WE TH FR SA SU",
        kinds=("pub", "cafe"),
        title="Social secretary",
    ),
    Tpl(
        "parkinsons",
        names=("Parkinson's Support Group", "Parkinson's Friends", "Parkinson's Café"),
        texts=(
            "A monthly meeting for people with Parkinson's, their partners and carers. We have "
            "guest speakers on topics such as medication, exercise and benefits, and plenty of "
            "time to chat over tea. The local Parkinson's nurse attends several times a year.",
            "Meet others living with Parkinson's and share tips that really help day to day. The "
            "group also arranges exercise and singing sessions. Partners and family are always "
            "welcome.",
        ),
        needs=("long-term-conditions", "carers-support"),
        types=("peer-support-group",),
        audiences=("people-with-long-term-conditions", "carers"),
        sched=("monthly",),
        times=("14:00-16:00",),
        kinds=("hall", "church"),
        title="Group chair",
    ),
    Tpl(
        "stroke-club",
        names=("Stroke Club", "Stroke Survivors' Group", "After Stroke Social"),
        texts=(
            "A friendly club for stroke survivors and their carers. Activities include seated "
            "exercise, word games, crafts and talks, with lunch and plenty of chat. Volunteers "
            "can help with communication difficulties.",
            "Rebuild confidence after a stroke with people who understand. We offer peer "
            "support, gentle activities and information on local services. Transport may be "
            "available for members who cannot drive.",
            "A warm, sociable club where stroke survivors and their partners can meet, share "
            "experiences and try new activities. Speech and language volunteers help anyone with "
            "communication difficulties join in. Lunch is freshly cooked on site.",
        ),
        needs=("long-term-conditions", "loneliness-and-company"),
        types=("social-group", "peer-support-group"),
        audiences=("people-with-long-term-conditions", "carers"),
        costs=(("Per session", "3.00|4.00", "{amount} including lunch"),),
        sched=("weekly", "fortnightly"),
        times=("10:30-14:00",),
        kinds=("hall", "church"),
        title="Club organiser",
    ),
    Tpl(
        "breathe-better",
        names=("Better Breathing Group", "Singing for Lung Health", "Easy Breathers Club"),
        texts=(
            "A support group for people living with COPD, asthma and other lung conditions. Each "
            "session includes breathing exercises and gentle singing led by a trained "
            "practitioner, which can help with breath control. There is also time for tea and "
            "chat.",
            "Singing is good for your lungs and your mood. This group uses simple songs and "
            "breathing techniques to help people with lung conditions feel more in control. No "
            "singing experience is needed.",
        ),
        needs=("long-term-conditions", "getting-active", "arts-and-creativity"),
        types=("music-and-singing", "peer-support-group"),
        audiences=("people-with-long-term-conditions",),
        sched=("fortnightly", "weekly"),
        times=("14:00-15:30", "10:30-12:00"),
        kinds=("hall", "church"),
        title="Group leader",
    ),
    Tpl(
        "diabetes-course",
        names=(
            "Living with Type 2 Diabetes Course",
            "Diabetes Education Sessions",
            "Healthy Living with Diabetes",
        ),
        texts=(
            "A free course for people newly diagnosed with type 2 diabetes, led by a dietitian "
            "and a diabetes nurse. You will learn about food, activity, medication and looking "
            "after your feet and eyes. Family members are welcome to join.",
            "Learn how to manage your diabetes with confidence. The course runs over four "
            "sessions and you can ask as many questions as you like. Many people find their "
            "blood sugar improves afterwards.",
        ),
        needs=("long-term-conditions", "learning-and-skills"),
        types=("course-or-class",),
        audiences=("people-with-long-term-conditions",),
        ages=(18, None),
        join="referral",
        times=("10:00-12:00", "18:00-20:00"),
        where="online",
        title="Diabetes specialist nurse",
        how=("Ask your GP or practice nurse to refer you.",),
        note="Four-session course",
    ),
    Tpl(
        "cancer-support",
        names=("Cancer Support Group", "Living with Cancer Group", "Cancer Support Circle"),
        texts=(
            "A supportive group for anyone affected by cancer, including people going through "
            "treatment, survivors and their families. We share experiences, practical tips and a "
            "lot of laughter. A trained volunteer is there to point you to further help.",
            "Cancer can turn your life upside down. At our meetings you can talk to others who "
            "have been through it, hear from health professionals and find out about "
            "complementary therapies. Come on your own or with a friend.",
        ),
        needs=("long-term-conditions", "mental-wellbeing"),
        types=("peer-support-group",),
        audiences=("people-with-long-term-conditions", "carers"),
        sched=("monthly",),
        times=("10:30-12:30", "19:00-21:00"),
        kinds=("hall", "church", "cafe"),
        title="Group facilitator",
    ),
    Tpl(
        "sight-loss",
        names=(
            "Sight Loss Support Group",
            "Low Vision Social Group",
            "Visually Impaired Friendship Group",
        ),
        texts=(
            "A monthly group for people with sight loss to meet, share tips and hear about useful "
            "equipment and services. Volunteers can guide you from the bus stop or car park. "
            "Information is available in large print and audio.",
            "Meet others living with sight loss over tea and cake. We have talks from eye clinic "
            "workers and demonstrations of talking gadgets and magnifiers. Family members and "
            "guide dogs are welcome.",
        ),
        needs=("long-term-conditions", "loneliness-and-company"),
        types=("peer-support-group", "social-group"),
        audiences=("disabled-people", "older-people"),
        sched=("monthly",),
        times=("14:00-16:00", "10:30-12:30"),
        kinds=("library", "hall"),
        title="Group coordinator",
    ),
    Tpl(
        "hearing-help",
        names=("Hearing Aid Drop-in", "Hearing Help Clinic", "Hearing Aid Maintenance Drop-in"),
        texts=(
            "Volunteers retube, clean and replace batteries for NHS hearing aids while you wait. "
            "They can also give advice on equipment such as amplified phones and flashing "
            "doorbells. No appointment is needed.",
            "If your NHS hearing aid is whistling, muffled or not working, bring it along. "
            "Trained volunteers can sort most problems in a few minutes and give you free "
            "batteries.",
        ),
        needs=("long-term-conditions", "practical-help-at-home"),
        types=("practical-support", "drop-in"),
        audiences=("older-people", "disabled-people"),
        sched=("monthly",),
        times=("10:00-12:00",),
        kinds=("library", "gp", "hall"),
        title="Volunteer lead",
    ),
    Tpl(
        "chronic-pain",
        names=(
            "Chronic Pain Peer Support",
            "Fibromyalgia and Chronic Pain Group",
            "Living Well with Pain",
        ),
        texts=(
            "A peer support group for people living with long-term pain, including fibromyalgia, "
            "arthritis and back pain. We share practical strategies for pacing, sleep and "
            "flare-ups, and support each other through the hard days. You can join from your "
            "sofa if you prefer.",
            "Connect with people who understand chronic pain. Each meeting has a short topic, "
            "such as talking to your GP or managing fatigue, followed by open discussion.",
        ),
        needs=("long-term-conditions", "mental-wellbeing"),
        types=("peer-support-group",),
        audiences=("people-with-long-term-conditions",),
        ages=(18, None),
        sched=("monthly", "fortnightly"),
        times=("19:00-20:30", "11:00-12:30"),
        where="online",
        title="Peer facilitator",
    ),
    Tpl(
        "cardiac-rehab",
        names=(
            "Heart Health Exercise Class",
            "Cardiac Rehabilitation Phase IV",
            "Healthy Hearts Club",
        ),
        texts=(
            "Supervised exercise for people who have completed hospital cardiac rehabilitation, "
            "led by instructors qualified to work with heart patients. The circuit is tailored to "
            "your fitness and you will be monitored throughout. It is a great way to keep up the "
            "progress you have made.",
            "A friendly, safe class for people living with heart conditions. Members support each "
            "other and many meet for coffee afterwards. You will need a referral or letter from "
            "your cardiac nurse.",
        ),
        needs=("long-term-conditions", "getting-active"),
        types=("exercise-class",),
        audiences=("people-with-long-term-conditions",),
        join="referral",
        costs=(("Per class", "4.00|5.00", "{amount} a class"),),
        times=("11:00-12:00", "14:00-15:00"),
        kinds=("leisure", "hall"),
        title="Cardiac exercise instructor",
    ),
    Tpl(
        "stop-smoking",
        names=("Stop Smoking Clinic", "Quit Smoking Support", "Smokefree Drop-in"),
        texts=(
            "Free one-to-one support from a trained adviser to help you stop smoking, including "
            "nicotine replacement and advice on vaping. You are three times more likely to quit "
            "with support than on your own. Weekly check-ins keep you on track.",
            "Ready to stop smoking? Book an appointment and we will make a plan with you, give "
            "you free stop-smoking aids and check your carbon monoxide level each week. "
            "Appointments are also available by phone.",
        ),
        needs=("long-term-conditions",),
        types=("advice-and-guidance",),
        ages=(12, None),
        join="book",
        times=("09:00-12:00", "16:00-19:00"),
        kinds=("gp", "library"),
        title="Stop smoking adviser",
    ),
    Tpl(
        "health-mot",
        names=("Health MOT Day", "Free Health Check Drop-in", "Know Your Numbers Day"),
        texts=(
            "Drop in for a free check of your blood pressure, pulse, weight and blood sugar with "
            "a health professional. You will get advice on keeping healthy and where to go for "
            "more help. No appointment is needed.",
            "Find out your numbers and what they mean. Nurses and health trainers will be on hand "
            "for quick checks and a chat about healthy eating, exercise and stopping smoking.",
        ),
        needs=("long-term-conditions", "getting-active"),
        types=("advice-and-guidance", "drop-in"),
        ages=(18, None),
        sched=("oneoff",),
        times=("10:00-14:00",),
        days="MO TU WE TH FR SA",
        kinds=("library", "hall", "leisure"),
        title="Health trainer",
        note="Drop in; checks take about 15 minutes",
    ),
]

_DEMENTIA_FAMILY_ARTS = [
    Tpl(
        "memory-cafe",
        names=("Memory Café", "{place} Dementia Café", "Forget-Me-Not Café"),
        texts=(
            "A relaxed café for people living with dementia or memory problems and the people who "
            "care for them. There is music, reminiscence, gentle activities and good company, "
            "with a dementia adviser available to answer questions. Everybody is welcome, with or "
            "without a diagnosis.",
            "Come along together for tea, cake and a couple of hours of activities such as quizzes, "
            "singing and chair exercise. Carers can chat to each other and get advice while their "
            "loved one is well looked after. Our volunteers have all had dementia awareness "
            "training.",
            "A friendly café where people with memory problems and their families can relax "
            "together over tea and cake. Each session has something to enjoy, such as a "
            "singalong, a reminiscence table or a gentle quiz. Dementia advisers are on hand for "
            "a private word.",
        ),
        needs=("memory-and-dementia", "carers-support", "loneliness-and-company"),
        types=("lunch-club-or-cafe", "peer-support-group"),
        audiences=("people-living-with-dementia", "carers"),
        fees="Free; donations welcome.",
        sched=("monthly", "fortnightly"),
        times=("14:00-16:00", "10:30-12:30"),
        kinds=("hall", "church", "cafe", "library"),
        title="Café coordinator",
    ),
    Tpl(
        "singing-memory",
        names=("Sing and Remember", "Singing for Memory", "Music for the Mind"),
        texts=(
            "A singing group for people living with dementia and their carers, with familiar "
            "songs from musicals, the war years and the sixties. Singing helps people connect and "
            "can bring back memories and confidence. No singing experience is required; just "
            "enjoy it.",
            "Warm-ups, percussion and well-loved songs led by a professional musician, followed "
            "by tea and biscuits. Words are provided in large print. Many carers say it is the "
            "one time in the week they see their loved one really light up.",
        ),
        needs=("memory-and-dementia", "arts-and-creativity", "carers-support"),
        types=("music-and-singing",),
        audiences=("people-living-with-dementia", "carers"),
        costs=(("Per session", "3.00", "{amount} per couple, including refreshments"),),
        sched=("fortnightly", "weekly"),
        times=("14:00-15:30", "10:30-12:00"),
        kinds=("hall", "church"),
        title="Music leader",
    ),
    Tpl(
        "dementia-carers",
        names=(
            "Dementia Carers' Support Group",
            "Caring for Someone with Dementia",
            "Dementia Carers' Circle",
        ),
        texts=(
            "A monthly group for family and friends caring for someone living with dementia. Each "
            "meeting includes time to talk and a short session on a topic such as communication, "
            "legal matters or managing changes in behaviour. Sitters can sometimes be arranged.",
            "Talk to people who really understand what it is like to care for someone with "
            "dementia. The group is facilitated by a dementia support worker and is "
            "confidential. Come on your own, with a friend or with another family member.",
        ),
        needs=("memory-and-dementia", "carers-support"),
        types=("peer-support-group",),
        audiences=("carers",),
        sched=("monthly",),
        times=("19:00-20:30", "10:30-12:00"),
        kinds=("hall", "library", "church"),
        title="Dementia support worker",
    ),
    Tpl(
        "dementia-info",
        names=(
            "Dementia Friends Information Session",
            "Understanding Dementia Talk",
            "Dementia Awareness Session",
        ),
        texts=(
            "A free, one-hour session explaining what dementia is, how it affects people and the "
            "small things we can all do to help. It is suitable for anyone, from family members "
            "to shopkeepers and bus drivers. You will leave knowing how to be a good friend to "
            "someone with dementia.",
            "Learn more about dementia and how to support people living with it in your "
            "community. The session is relaxed and interactive, with no tests or homework. "
            "Refreshments are provided.",
        ),
        needs=("memory-and-dementia", "learning-and-skills"),
        types=("course-or-class",),
        join="book",
        sched=("oneoff",),
        times=("10:00-11:00", "14:00-15:00", "18:30-19:30"),
        days="MO TU WE TH FR SA",
        kinds=("library", "hall"),
        title="Dementia awareness trainer",
        note="One-hour session; free",
    ),
    Tpl(
        "dementia-day-club",
        names=("Dementia Day Club", "Day Club for People with Memory Loss", "Memories Day Club"),
        texts=(
            "A day club for people living with dementia, offering a stimulating programme of "
            "reminiscence, music, gentle exercise and a cooked lunch in a safe and homely "
            "setting. Trained staff get to know each member well. Carers get a regular break.",
            "Members spend the day with friends, taking part in activities that match their "
            "interests and abilities. Personal care is provided where needed. Funding through "
            "direct payments or a personal budget is accepted.",
        ),
        needs=("memory-and-dementia", "carers-support", "loneliness-and-company"),
        types=("social-group",),
        audiences=("people-living-with-dementia", "carers"),
        join="book",
        costs=(("Per day", "65.00|72.00", "{amount} a day, including lunch and refreshments"),),
        sched=("twice",),
        times=("10:00-15:30",),
        kinds=("hall",),
        title="Day club manager",
    ),
    Tpl(
        "memory-walk",
        names=("Dementia-friendly Walk", "Memory Walk", "Walk and Remember"),
        texts=(
            "A gentle, dementia-friendly walk for people with memory problems and their carers, "
            "at a slow pace on easy paths. Trained volunteers walk alongside and there are "
            "benches along the way. We finish with a hot drink.",
            "Fresh air, friendly faces and a short walk of around 30 to 45 minutes. The route is "
            "the same each time, which many people find reassuring. Wheelchair users and walking "
            "aids are welcome.",
        ),
        needs=("memory-and-dementia", "getting-active", "nature-and-outdoors"),
        types=("walking-group",),
        audiences=("people-living-with-dementia", "carers"),
        sched=("monthly", "fortnightly"),
        times=("10:30-11:30",),
        kinds=("park", "nature"),
        title="Walk leader",
    ),
    Tpl(
        "toddler-group",
        names=("{day} Stay and Play", "Parent and Toddler Group", "Tots and Toddlers"),
        texts=(
            "A friendly stay and play session for babies and toddlers with their parents, "
            "grandparents or carers. There are toys, crafts, a snack time and songs to finish. "
            "The adults get a hot drink and a chance to chat.",
            "Lots of toys, messy play and a singing circle, all in a safe, welcoming hall. "
            "Sessions are run by volunteers, many of them parents themselves. Come along and meet "
            "other families in {place}.",
            "Bring your little ones along for free play, a craft table and a story and song at "
            "the end. It is a relaxed session where parents and carers can have a cuppa and meet "
            "others. Dads, grandparents and childminders are all very welcome.",
        ),
        needs=("loneliness-and-company", "learning-and-skills"),
        types=("social-group",),
        audiences=("parents-with-young-children",),
        elig="For babies and children under five with a parent, grandparent or carer.",
        costs=(("Per family", "1.50|2.00|2.50", "{amount} per family, including a snack"),),
        sched=("weekly", "weekly", "twice"),
        times=("09:30-11:30", "10:00-11:45"),
        kinds=("church", "hall", "children"),
        title="Group leader",
        note="Term time only",
    ),
    Tpl(
        "rhyme-time",
        names=("Rhyme Time", "Baby Bounce and Rhyme", "{day} Rhyme Time", "Rhyme Time at {venue}"),
        texts=(
            "A free half-hour of songs, rhymes and stories for babies and toddlers with their "
            "grown-ups. It is a great way to support early language and meet other families. Stay "
            "afterwards to choose some books to borrow.",
            "Sing, clap and bounce along with our library staff in this fun session for "
            "under-fives. No need to book; just come along and join in. Buggies can be parked "
            "inside.",
            "Come and share songs, action rhymes and a story with your baby or toddler. Sessions "
            "are short and lively, and it is fine if little ones wander about. Afterwards "
            "families often stay for a chat.",
        ),
        needs=("learning-and-skills", "arts-and-creativity"),
        types=("music-and-singing",),
        audiences=("parents-with-young-children",),
        elig="For children under five with a parent or carer.",
        times=("10:00-10:30", "11:00-11:30", "14:00-14:30"),
        days="MO TU WE TH FR SA",
        kinds=("library",),
        title="Library assistant",
    ),
    Tpl(
        "baby-signing",
        names=("Baby Signing Classes", "Sign and Sing for Babies", "Tiny Talk Signing"),
        texts=(
            "Fun classes where babies and parents learn simple signs through songs and stories, "
            "helping little ones communicate before they can talk. Classes run in six-week blocks "
            "and suit babies from six months. The first class is a free taster.",
            "Sing, sign and play together in a relaxed class. You will learn signs for everyday "
            "words like milk, more and all gone.",
        ),
        needs=("learning-and-skills", "loneliness-and-company"),
        types=("music-and-singing", "course-or-class"),
        audiences=("parents-with-young-children",),
        join="book",
        costs=(("Six-week block", "48.00", "{amount} for six weeks"),),
        times=("10:00-10:45", "11:00-11:45"),
        kinds=("hall", "children"),
        title="Class leader",
    ),
    Tpl(
        "dads-group",
        names=("Dads and Kids Club", "Saturday Dads' Group", "Dads' Breakfast Club"),
        texts=(
            "A morning of play for dads, granddads and male carers with their children under "
            "five, with bacon rolls and coffee for the grown-ups. It is a relaxed way to meet "
            "other dads and spend time with your children.",
            "A Saturday session where dads and their little ones can play, build, paint and "
            "explore together. Our dads' worker is on hand if you want to chat about anything. "
            "Come as you are.",
        ),
        needs=("loneliness-and-company", "mental-wellbeing"),
        types=("social-group",),
        audiences=("parents-with-young-children", "men"),
        sched=("monthly", "fortnightly"),
        times=("09:30-11:30",),
        days="SA",
        kinds=("children", "hall"),
        title="Dads' worker",
    ),
    Tpl(
        "baby-feeding",
        names=("Baby Feeding Support Group", "Breastfeeding Café", "Feeding Friends"),
        texts=(
            "A friendly drop-in for anyone feeding a baby, however you are feeding. Trained peer "
            "supporters and an infant feeding specialist can help with latching, expressing, "
            "bottle feeding and starting solids. Partners and older siblings are welcome.",
            "Come and feed your baby in a relaxed, comfortable space with other parents. Help is "
            "on hand if you have questions, and there are baby scales at some sessions. Tea and "
            "biscuits are provided.",
        ),
        needs=("learning-and-skills", "mental-wellbeing"),
        types=("peer-support-group", "drop-in"),
        audiences=("parents-with-young-children", "women"),
        times=("10:00-12:00", "13:30-15:00"),
        kinds=("children", "library", "hall"),
        title="Infant feeding lead",
    ),
    Tpl(
        "family-visiting",
        names=("Family Home Visiting", "Volunteer Family Support", "Family Friends Home Visiting"),
        texts=(
            "Trained volunteers, all parents themselves, visit families with at least one child "
            "under five who are going through a tough time. They offer a listening ear, practical "
            "help and encouragement for a couple of hours each week. Support is free, "
            "confidential and lasts as long as it is needed.",
            "Whether you are struggling with isolation, twins, illness or just feeling "
            "overwhelmed, a volunteer can help. We match you with someone who will visit you at "
            "home and help you get out to local groups.",
        ),
        needs=("mental-wellbeing", "practical-help-at-home", "loneliness-and-company"),
        types=("befriending", "practical-support"),
        audiences=("parents-with-young-children",),
        join="referral",
        sched=("none",),
        kinds=("office", "children"),
        title="Family support coordinator",
        how=("Refer yourself, or ask your health visitor, GP or children's centre to refer you.",),
    ),
    Tpl(
        "family-learning",
        names=(
            "Family Learning: Play and Learn",
            "Family Cookery and Crafts",
            "Stay, Play and Learn",
        ),
        texts=(
            "Sessions for parents and their young children to learn together through play, "
            "stories and crafts. You will pick up ideas to try at home to help your child's "
            "speech, reading and number skills. Snacks are provided.",
            "A short course for families with children under five, led by an early years tutor. "
            "Each week has a theme, such as messy play or songs and rhymes. Parents can also find "
            "out about courses for themselves.",
        ),
        needs=("learning-and-skills",),
        types=("course-or-class",),
        audiences=("parents-with-young-children",),
        join="book",
        times=("09:30-11:30", "13:00-14:30"),
        kinds=("children", "school", "learning"),
        title="Family learning tutor",
        note="Term time only",
    ),
    Tpl(
        "youth-club",
        names=("{place} Youth Club", "{day} Youth Club", "Junior Youth Club"),
        texts=(
            "An open-access youth club for young people aged 11 to 18, with pool, table tennis, "
            "games consoles, music, cooking and art. Qualified youth workers are always around to "
            "talk to. There is a tuck shop with cheap snacks.",
            "A safe place to hang out with friends {when}, try new activities and have a say in "
            "what happens next. Trips, sports tournaments and holiday projects run throughout the "
            "year. Just turn up with a filled-in registration form.",
            "Youth workers run a mix of activities chosen by the young people who come, from "
            "cooking and football to film nights and art. It is a safe, friendly space to chill "
            "out with friends and make new ones. Everyone aged 11 to 18 is welcome.",
        ),
        needs=("loneliness-and-company", "getting-active", "learning-and-skills"),
        types=("social-group", "drop-in"),
        audiences=("young-people",),
        ages=(11, 18),
        costs=(("Per session", "1.00", "{amount} a session"),),
        sched=("weekly", "twice"),
        times=("18:30-20:30", "19:00-21:00"),
        kinds=("youth", "hall"),
        title="Youth worker",
    ),
    Tpl(
        "youth-music",
        names=("Youth Music Project", "Band Sessions for Young People", "Rock School"),
        texts=(
            "Young people aged 13 to 19 can learn instruments, write songs, make beats and record "
            "in a professional studio with experienced music leaders. Instruments are provided, "
            "and there are regular gigs to work towards. All abilities are welcome.",
            "Form a band, learn to DJ or try music production. Sessions are run by music tutors "
            "who also help you prepare for performances and arts awards. Bursaries are "
            "available.",
        ),
        needs=("arts-and-creativity", "learning-and-skills"),
        types=("music-and-singing", "course-or-class"),
        audiences=("young-people",),
        ages=(13, 19),
        join="book",
        costs=(("Per term", "30.00", "{amount} a term; free places available"),),
        times=("17:00-19:00", "18:00-20:00"),
        kinds=("arts", "youth"),
        title="Music leader",
    ),
    Tpl(
        "homework-club",
        names=("Homework Club", "After-school Study Club", "Library Homework Help"),
        texts=(
            "A quiet space after school with computers, printing, books and volunteers who can "
            "help with homework and revision. Snacks are provided. Open to secondary school "
            "students.",
            "Get your homework done with help on hand from volunteer tutors, many of them retired "
            "teachers. There is free Wi-Fi and laptops to use. Just drop in after school.",
        ),
        needs=("learning-and-skills",),
        types=("course-or-class", "drop-in"),
        audiences=("young-people",),
        ages=(11, 16),
        times=("15:30-17:00", "16:00-17:30"),
        days="MO TU WE TH",
        kinds=("library",),
        title="Library supervisor",
        note="Term time only",
    ),
    Tpl(
        "nepali-language",
        names=("Nepali Language and Culture Class", "Nepali Weekend School", "Learn Nepali"),
        texts=(
            "Children and young people learn to read, write and speak Nepali, along with "
            "traditional songs, dance and festivals. Classes are run by volunteer teachers from "
            "the community. Parents often stay for tea and a chat.",
            "Weekend classes keeping Nepali language and culture alive for the next generation, "
            "with groups for different ages. New families are always welcome.",
        ),
        needs=("learning-and-skills", "arts-and-creativity"),
        types=("course-or-class",),
        audiences=("young-people",),
        ages=(5, 16),
        langs=("English", "Nepali"),
        join="book",
        costs=(("Per term", "20.00", "{amount} a term"),),
        times=("10:00-12:00",),
        days="SA SU",
        kinds=("hall", "school"),
        title="Head teacher",
    ),
    Tpl(
        "community-choir",
        names=("{place} Community Choir", "Sing for Fun", "Open Choir Night"),
        texts=(
            "A non-auditioned community choir singing everything from pop and folk to gospel and "
            "show tunes. You do not need to read music; songs are taught by ear. We perform at "
            "local events a few times a year, but there is no pressure to take part.",
            "Singing together lifts the spirits like nothing else. Our friendly choir welcomes "
            "all voices and abilities, and your first two sessions are free. There is a tea break "
            "halfway through.",
            "Come and sing with us! We learn a mix of modern songs and old favourites in harmony, "
            "with warm-ups that are good for your breathing and posture. There are no auditions "
            "and you do not need to read music.",
        ),
        needs=("arts-and-creativity", "loneliness-and-company", "mental-wellbeing"),
        types=("music-and-singing",),
        costs=(
            ("Per term", "45.00|50.00", "{amount} a term"),
            ("Per session", "5.00", "{amount} pay as you go"),
        ),
        times=("19:30-21:00", "19:00-20:45"),
        days="MO TU WE TH",
        kinds=("church", "school", "hall"),
        title="Musical director",
    ),
    Tpl(
        "ukulele",
        names=("Ukulele Group", "{place} Ukulele Club", "Strum Along"),
        texts=(
            "A cheerful group of ukulele players of all standards, from complete beginners to "
            "seasoned strummers. Song sheets show the chords, and we have loan ukuleles if you "
            "would like to try before you buy. Expect lots of laughter.",
            "We play and sing well-known songs together {when}, with a short beginners' section "
            "at the start. Now and then we play at care homes and summer fêtes.",
        ),
        needs=("arts-and-creativity", "loneliness-and-company"),
        types=("music-and-singing",),
        costs=(("Per session", "3.00", "{amount} a session"),),
        sched=("weekly", "fortnightly"),
        times=("19:00-21:00", "14:00-16:00"),
        kinds=("pub", "hall"),
        title="Group leader",
    ),
    Tpl(
        "art-class",
        names=("Watercolour for Beginners", "Art Class", "Drawing and Painting Group"),
        texts=(
            "A relaxed art class for adults, with a tutor who demonstrates a technique each week "
            "and then helps you try it yourself. All materials are provided for your first "
            "session. Whether you are a complete beginner or picking up a brush after years, you "
            "will be made welcome.",
            "Paint, draw and experiment in a friendly, supportive group. The tutor sets a theme "
            "each week, but you are free to work on your own projects. Bring your own materials "
            "if you have them.",
        ),
        needs=("arts-and-creativity", "learning-and-skills"),
        types=("course-or-class", "arts-and-crafts"),
        join="book",
        costs=(
            ("Per session", "8.00|10.00", "{amount} a session"),
            ("Course of ten", "80.00", "{amount} for ten weeks"),
        ),
        times=("10:00-12:30", "13:30-15:30", "19:00-21:00"),
        kinds=("arts", "hall", "learning"),
        title="Art tutor",
    ),
    Tpl(
        "creative-wellbeing",
        names=("Creative Wellbeing", "Arts on Prescription", "Art for Wellbeing"),
        texts=(
            "A ten-week arts programme for adults experiencing anxiety, depression, loneliness or "
            "long-term health problems. Professional artists lead sessions in printmaking, "
            "collage, clay and painting, with no experience needed. The focus is on enjoyment, "
            "not on being good at art.",
            "Creative sessions in a calm studio with a small group and a supportive artist. You "
            "can try lots of different materials and take your work home. Many people go on to "
            "join other classes afterwards.",
        ),
        needs=("arts-and-creativity", "mental-wellbeing"),
        types=("arts-and-crafts", "course-or-class"),
        ages=(18, None),
        join="referral",
        times=("13:30-15:30", "10:30-12:30"),
        kinds=("arts", "learning"),
        title="Arts and health coordinator",
        note="Ten-week programme",
    ),
    Tpl(
        "pottery",
        names=("Pottery Taster", "Clay Club", "Pottery for Beginners"),
        texts=(
            "Get your hands dirty learning to throw on the wheel, hand-build and glaze. Our "
            "potter keeps the class small, so everyone gets plenty of help. Your finished pieces "
            "are fired and ready to collect two weeks later.",
            "A fun, messy and absorbing class for adults. No experience is needed, and aprons and "
            "clay are included in the price.",
        ),
        needs=("arts-and-creativity", "learning-and-skills"),
        types=("course-or-class", "arts-and-crafts"),
        join="book",
        costs=(("Per session", "15.00|18.00", "{amount} a session, including clay and firing"),),
        times=("18:30-20:30", "10:00-12:00"),
        kinds=("arts",),
        title="Potter",
    ),
    Tpl(
        "writing-group",
        names=("Writers' Circle", "Creative Writing Group", "Life Stories Writing Group"),
        texts=(
            "A supportive group for anyone who enjoys writing, whether poetry, stories or memoir. "
            "Each meeting starts with a short writing exercise, then members share work and give "
            "gentle feedback. Beginners are very welcome.",
            "Write down the stories of your life, or make some up. We meet {when} {at} for "
            "prompts, encouragement and tea. Nobody has to read aloud unless they want to.",
        ),
        needs=("arts-and-creativity", "learning-and-skills", "loneliness-and-company"),
        types=("social-group", "arts-and-crafts"),
        sched=("monthly", "fortnightly"),
        times=("19:00-21:00", "10:30-12:30"),
        kinds=("library", "cafe"),
        title="Group convenor",
    ),
    Tpl(
        "photography",
        names=("Photo Walk", "Photography Club Walks", "Camera Club Outing"),
        texts=(
            "A monthly walk with cameras or phones, stopping to look at light, wildlife and "
            "interesting details along the way. Members share tips and the best photos are shown "
            "at the next meeting. Any camera, including a phone, is fine.",
            "Learn to take better photos while getting some fresh air. A member leads each walk "
            "and sets a theme. We finish with coffee and a look at each other's pictures.",
        ),
        needs=("arts-and-creativity", "nature-and-outdoors", "getting-active"),
        types=("walking-group", "arts-and-crafts"),
        sched=("monthly",),
        times=("10:00-12:00",),
        days="SA SU",
        kinds=("park", "nature"),
        title="Walk leader",
    ),
    Tpl(
        "drama-55",
        names=("Drama for Over 55s", "Silver Stage Drama Group", "Acting for Fun"),
        texts=(
            "A drama group for older adults, with games, improvisation and short scenes. You do "
            "not need any acting experience, just a willingness to have a go. Each term ends with "
            "an informal sharing for friends and family.",
            "Laughter, friendship and a bit of theatre. Sessions build confidence, memory and "
            "voice, and members often go for lunch afterwards.",
        ),
        needs=("arts-and-creativity", "loneliness-and-company"),
        types=("course-or-class", "social-group"),
        audiences=("older-people",),
        ages=(55, None),
        join="book",
        costs=(("Per term", "60.00", "{amount} for a ten-week term"),),
        times=("10:30-12:30", "14:00-16:00"),
        kinds=("arts", "hall"),
        title="Drama practitioner",
    ),
    Tpl(
        "quilting",
        names=("Quilting Group", "Patchwork and Quilting", "Sewing Bee"),
        texts=(
            "A friendly group of quilters who sew together, share techniques and make quilts for "
            "local hospices and special care baby units. Bring your own project or help with a "
            "community quilt. Sewing machines are available to use.",
            "Whether you are a seasoned quilter or have never threaded a needle, you will find "
            "help and good company here. We have a library of books and patterns to borrow.",
        ),
        needs=("arts-and-creativity", "loneliness-and-company", "volunteering"),
        types=("arts-and-crafts", "social-group"),
        costs=(("Per session", "2.50", "{amount} including tea"),),
        sched=("fortnightly", "weekly"),
        times=("10:00-13:00", "13:30-16:00"),
        kinds=("hall", "church"),
        title="Group leader",
    ),
]

_CONNECTORS_AND_MISC = [
    Tpl(
        "connector-drop-in",
        names=(
            "Community Connector Drop-in",
            "Meet a Community Connector",
            "Help Yourself Drop-in",
        ),
        texts=(
            "Not sure what is out there or how to get started? A community connector can talk "
            "with you about what matters to you and help you find local groups, activities and "
            "services. They can even come along with you the first time.",
            "Drop in for a chat with a community connector, who can help with loneliness, getting "
            "out more, money worries, caring and much more. There are no forms and no "
            "eligibility criteria. Conversations are confidential.",
        ),
        needs=("loneliness-and-company", "mental-wellbeing", "practical-help-at-home"),
        types=("advice-and-guidance", "drop-in"),
        sched=("weekly", "fortnightly"),
        times=("10:00-12:00", "13:30-15:30"),
        kinds=("library", "hall"),
        title="Community connector",
    ),
    Tpl(
        "connector-referral",
        names=(
            "Community Connectors",
            "Social Prescribing Link Workers",
            "One-to-one Connector Support",
        ),
        texts=(
            "Community connectors spend time with people who want to make changes in their life "
            "but need some help to do it, such as getting out more, meeting people or finding "
            "support. They listen, help you make a simple plan and introduce you to local groups. "
            "You can have up to twelve conversations, by phone, at home or out and about.",
            "Our connectors work with GP practices across the borough to help people with things "
            "that affect their health but are not medical, such as loneliness, stress, money or "
            "housing. They will meet you where you feel comfortable and help you take the first "
            "step.",
        ),
        needs=("loneliness-and-company", "mental-wellbeing", "money-and-debt"),
        types=("advice-and-guidance", "practical-support"),
        ages=(18, None),
        join="referral",
        sched=("none",),
        kinds=("office", "gp"),
        title="Connector team lead",
        how=(
            "Ask your GP, practice nurse, social worker or any health and care professional to "
            "refer you, or refer yourself by phone.",
        ),
    ),
    Tpl(
        "speak-up",
        names=("Speak Up Self-Advocacy Group", "Our Voice Group", "Having Our Say"),
        texts=(
            "A self-advocacy group run by and for people with learning disabilities. Members talk "
            "about things that matter to them, such as health, transport and being safe, and tell "
            "the council and NHS what needs to change. Easy-read notes are provided after each "
            "meeting.",
            "Learn to speak up for yourself and others, make friends and have a say in local "
            "services. Support staff help with travel and easy-read information.",
        ),
        needs=("learning-and-skills", "mental-wellbeing"),
        types=("peer-support-group",),
        audiences=("people-with-learning-disabilities",),
        ages=(18, None),
        sched=("monthly",),
        times=("13:00-15:00",),
        kinds=("hall", "office"),
        title="Advocacy worker",
    ),
]

TEMPLATES: dict[str, Tpl] = {
    t.id: t
    for group in (
        _SOCIAL,
        _ACTIVE,
        _MIND,
        _MONEY_HOUSING_WORK,
        _LEARNING_VOLUNTEERING,
        _PRACTICAL_CARERS,
        _BEREAVEMENT_HEALTH,
        _DEMENTIA_FAMILY_ARTS,
        _CONNECTORS_AND_MISC,
    )
    for t in group
}

# One-off seasonal events keyed by month: used for "plus" schedules and community lunches.
SEASONAL_EVENTS = {
    1: ("New Year get-together", "Winter warmer lunch"),
    2: ("Winter warmer lunch", "Afternoon tea and quiz"),
    3: ("Spring lunch", "Afternoon tea and quiz"),
    4: ("Spring lunch", "Easter bonnet afternoon"),
    5: ("Spring outing", "Cream tea afternoon"),
    6: ("Summer garden party", "Strawberry cream tea"),
    7: ("Summer barbecue", "Seaside coach trip"),
    8: ("Summer picnic", "Cream tea in the garden"),
    9: ("Harvest supper", "Open morning for new members"),
    10: ("Harvest lunch", "Autumn quiz afternoon"),
    11: ("Autumn fish and chip lunch", "Open morning for new members"),
    12: ("Christmas lunch", "Christmas party with carols"),
}

# --------------------------------------------------------------------------------------------
# Venues: (name, street, place, kinds, optional (north_m, east_m) from the place centre)
# --------------------------------------------------------------------------------------------

VENUES: list[tuple[str, str, str, str, tuple[int, int] | None]] = [
    ("Bracknell Library", "Town Square", "Bracknell", "library", (150, -100)),
    ("The Lexicon Community Room", "Princess Square", "Bracknell", "office cafe", (20, 160)),
    ("Time Square", "Market Street", "Bracknell", "office", (260, -260)),
    ("South Hill Park Arts Centre", "Ringmead", "Bracknell", "arts cafe park", (-1700, -170)),
    ("Lily Hill Park", "Lily Hill Road", "Bracknell", "park", (320, 1600)),
    ("Bracknell Leisure Centre", "Bagshot Road", "Bracknell", "leisure pool", (-350, 450)),
    (
        "Coopers Hill Youth and Community Centre",
        "Bagshot Road",
        "Bracknell",
        "youth hall",
        (-620, 330),
    ),
    ("Bracknell Open Learning Centre", "Rectory Lane", "Bracknell", "learning", (-200, -700)),
    ("Holy Trinity Church Hall", "Church Road", "Bracknell", "church hall", (380, 520)),
    ("Bracknell Methodist Church Hall", "Wokingham Road", "Bracknell", "church hall cafe", None),
    ("Kerith Centre", "Bagshot Road", "Bracknell", "church cafe hall", (-900, 700)),
    ("St Joseph's Church Hall", "Stoney Road", "Bracknell", "church hall", None),
    ("Brant's Bridge Health Centre", "Brant's Bridge", "Bracknell", "gp", (-150, 1250)),
    ("The Old Manor", "Grenville Place", "Bracknell", "pub", None),
    ("Heathlands Day Centre", "Bay Drive", "Bracknell", "hall", None),
    ("Farley Copse Allotments", "Sandy Lane", "Bracknell", "garden", None),
    (
        "The Look Out Discovery Centre",
        "Nine Mile Ride",
        "Bracknell",
        "nature cafe park",
        (-2450, 800),
    ),
    ("Bracknell Town Council Offices", "High Street", "Bracknell", "office hall", None),
    ("Mill Pond Park", "Mill Lane", "Bracknell", "park", None),
    ("Garth Hill College Sports Hall", "Sandy Lane", "Bracknell", "school leisure", None),
    ("Bracknell Men's Shed Workshop", "Longshot Lane", "Bracknell", "workshop", None),
    ("Bracknell Islamic Centre", "Station Road", "Bracknell", "hall", None),
    ("Priestwood Community Centre", "Priestwood Court Road", "Priestwood", "hall", None),
    ("Priestwood Children's Centre", "Windlesham Road", "Priestwood", "children", None),
    (
        "Great Hollands Community Centre",
        "Great Hollands Square",
        "Great Hollands",
        "hall youth",
        None,
    ),
    ("Great Hollands Library", "Great Hollands Square", "Great Hollands", "library", None),
    ("Great Hollands Recreation Ground", "Wordsworth Avenue", "Great Hollands", "park", None),
    ("Great Hollands Community Garden", "Keats Way", "Great Hollands", "garden", None),
    ("Harmans Water Community Centre", "Ralphs Ride", "Harmans Water", "hall", None),
    ("Harmans Water Library", "Ralphs Ride", "Harmans Water", "library", None),
    (
        "St Paul's Church Hall, Harmans Water",
        "Harmans Water Road",
        "Harmans Water",
        "church hall",
        None,
    ),
    ("Birch Hill Community Centre", "Leppington", "Birch Hill", "hall youth", None),
    ("Birch Hill Library", "Leppington", "Birch Hill", "library", None),
    ("Birch Hill Medical Centre", "Leppington", "Birch Hill", "gp", None),
    (
        "St Michael and St Mary Magdalene Church Hall",
        "Crowthorne Road",
        "Easthampstead",
        "church hall",
        None,
    ),
    ("Easthampstead Park", "Peacock Lane", "Easthampstead", "park nature", None),
    ("Easthampstead Baptist Church", "Rectory Lane", "Easthampstead", "church hall children", None),
    ("Martins Heron Community Hall", "Goodwood Way", "Martins Heron", "hall", None),
    ("Martins Heron Allotments", "London Road", "Martins Heron", "garden", None),
    (
        "Jennett's Park Community Centre",
        "Tawny Owl Square",
        "Jennett's Park",
        "hall children",
        None,
    ),
    ("Peacock Meadows", "Peacock Lane", "Jennett's Park", "park nature", None),
    ("Bullbrook Community Centre", "Bullbrook Drive", "Bullbrook", "hall", None),
    ("Wildridings Community Centre", "Wildridings Square", "Wildridings", "hall", None),
    ("Wildridings Allotments", "Wildridings Road", "Wildridings", "garden", None),
    ("Hanworth Community Centre", "Hanworth Road", "Hanworth", "hall", None),
    ("Hanworth Sensory Garden", "Holmewood Close", "Hanworth", "garden", None),
    ("Crown Wood Community Centre", "Opladen Way", "Crown Wood", "hall youth", None),
    ("Crown Wood Playing Field", "Alford Close", "Crown Wood", "park", None),
    ("Whitegrove Library", "County Lane", "Whitegrove", "library", None),
    ("Whitegrove Community Centre", "Holly Spring Lane", "Whitegrove", "hall", None),
    ("Morgan Recreation Centre", "Wellington Road", "Crowthorne", "hall park", None),
    ("Crowthorne Library", "Lower Broadmoor Road", "Crowthorne", "library", None),
    ("St John the Baptist Church Hall", "Waterloo Road", "Crowthorne", "church hall", None),
    ("Crowthorne Village Hall", "High Street", "Crowthorne", "hall", None),
    ("Crowthorne Baptist Church", "Dukes Ride", "Crowthorne", "church hall children", None),
    ("Edgbarrow Sports Centre", "Grant Road", "Crowthorne", "leisure school", None),
    ("Crowthorne Woods", "Devil's Highway", "Crowthorne", "nature park", None),
    ("The Pinewood Centre", "Old Wokingham Road", "Crowthorne", "hall workshop", None),
    ("Crowthorne Bowls Club", "Ellis Road", "Crowthorne", "bowls", None),
    ("The Iron Duke", "High Street", "Crowthorne", "pub", None),
    ("Napier Road Allotments", "Napier Road", "Crowthorne", "garden", None),
    ("Crowthorne Youth Centre", "Pinewood Avenue", "Crowthorne", "youth hall", None),
    ("Sandhurst Memorial Park", "Yorktown Road", "Sandhurst", "park", None),
    ("Sandhurst Library", "The Broadway", "Sandhurst", "library", None),
    ("St Michael's Church Hall, Sandhurst", "Lower Church Road", "Sandhurst", "church hall", None),
    ("Sandhurst Day Centre", "Swan Lane", "Sandhurst", "hall", None),
    ("Sandhurst Sports Centre", "Yorktown Road", "Sandhurst", "leisure school", None),
    ("Sandhurst Town Council Offices", "Memorial Park, Yorktown Road", "Sandhurst", "office", None),
    ("Horseshoe Lake", "Mill Lane", "Sandhurst", "nature park", None),
    ("Sandhurst Bowls Club", "Yorktown Road", "Sandhurst", "bowls", None),
    ("Sandhurst Men's Shed Workshop", "Scotland Hill", "Sandhurst", "workshop", None),
    ("The Bird in Hand", "High Street", "Sandhurst", "pub", None),
    ("Wildmoor Heath", "Crowthorne Road", "Sandhurst", "nature", None),
    ("Sandhurst Group Practice", "Swan Lane", "Sandhurst", "gp", None),
    ("Sandhurst Youth Hub", "Cambridge Road", "Sandhurst", "youth hall", None),
    ("Sandhurst Sensory Garden", "College Road", "Sandhurst", "garden", None),
    ("Owlsmoor Community Centre", "Owlsmoor Road", "Owlsmoor", "hall", None),
    ("Owlsmoor Bog and Heaths", "Sandhurst Road", "Owlsmoor", "nature", None),
    ("St George's Church Hall, Owlsmoor", "Butler Road", "Owlsmoor", "church hall", None),
    ("College Town Community Centre", "Branksome Hill Road", "College Town", "hall", None),
    ("College Town Children's Centre", "Kings Ride", "College Town", "children", None),
    ("College Town Junior School Hall", "Branksome Hill Road", "College Town", "school", None),
    ("Binfield Memorial Hall", "Terrace Road North", "Binfield", "hall", None),
    ("Binfield Library", "Benetfeld Road", "Binfield", "library", None),
    ("All Saints' Church Hall, Binfield", "Church Lane", "Binfield", "church hall", None),
    ("Binfield Free Church", "Terrace Road South", "Binfield", "church hall", None),
    ("Popes Meadow", "Murrell Hill Lane", "Binfield", "park", None),
    ("Binfield Allotments", "Forest Road", "Binfield", "garden", None),
    ("Binfield Village Workshop", "Wicks Green", "Binfield", "workshop", None),
    ("The Stag and Hounds", "Forest Road", "Binfield", "pub", None),
    ("Binfield Surgery", "Terrace Road North", "Binfield", "gp", None),
    ("Warfield Memorial Ground Pavilion", "Harvest Ride", "Warfield", "pavilion hall park", None),
    ("Warfield Parish Council Offices", "Harvest Ride", "Warfield", "office", None),
    ("Westmorland Park", "Watersplash Lane", "Warfield", "park", None),
    (
        "St Michael the Archangel Church Hall, Warfield",
        "Church Lane",
        "Warfield",
        "church hall",
        None,
    ),
    ("Cabbage Hill Nature Reserve", "Cabbage Hill", "Warfield", "nature", None),
    ("Warfield Green Allotments", "Bracknell Road", "Warfield", "garden", None),
    ("Ascot Heath Library", "Fernbank Road", "Ascot", "library", None),
    ("All Saints' Church Hall, Ascot Heath", "London Road", "Ascot", "church hall", None),
    ("Englemere Pond", "Swinley Road", "Ascot", "nature park", None),
    ("South Ascot Village Hall", "Bagshot Road", "Ascot", "hall workshop", None),
    ("Ascot Heath Community Hall", "Winkfield Road", "Ascot", "hall", None),
    ("The Heatherwood Arms", "High Street", "Ascot", "pub", None),
    ("The Courtyard Café", "High Street", "Ascot", "cafe", None),
    ("Cordes Hall", "High Street", "Sunninghill", "hall", None),
    ("St Michael's Church Hall, Sunninghill", "Church Lane", "Sunninghill", "church hall", None),
    ("Sunninghill Allotments", "Upper Village Road", "Sunninghill", "garden", None),
    ("Heatherwood Hospital", "Kings Ride", "North Ascot", "gp", None),
    ("North Ascot Community Centre", "Woodlands Ride", "North Ascot", "hall", None),
    ("Chavey Down Village Hall", "Long Hill Road", "Chavey Down", "hall", None),
    ("Winkfield Village Hall", "Church Road", "Winkfield", "hall", None),
    ("Winkfield Row Pavilion", "Chavey Down Road", "Winkfield", "pavilion park", None),
    ("St Peter's Church, Winkfield", "Church Road", "Winkfield", "church", None),
    ("Wokingham Library", "Denmark Street", "Wokingham", "library", None),
    ("Wokingham Town Hall", "Market Place", "Wokingham", "hall office", None),
    ("Elms Field", "Wellington Road", "Wokingham", "park", None),
    ("Cantley Park", "Twyford Road", "Wokingham", "park", None),
    ("Carnival Hub", "Wellington Road", "Wokingham", "leisure pool", None),
    ("St Paul's Parish Rooms", "Reading Road", "Wokingham", "church hall", None),
    ("Wokingham Methodist Church", "Rose Street", "Wokingham", "church hall cafe", None),
    ("Woosehill Community Centre", "Emmview Close", "Wokingham", "hall", None),
    ("The Queen's Head", "The Terrace", "Wokingham", "pub", None),
    ("Wokingham Clay Studio", "Peach Street", "Wokingham", "arts", None),
]

# Chance (in tenths) of each ACCESSIBILITY code, by a venue's first-listed kind.
ACCESS_PROFILES: dict[str, tuple[int, ...]] = {
    "library": (10, 9, 9, 5, 5, 9, 5, 9),
    "hall": (8, 8, 4, 8, 5, 6, 3, 1),
    "church": (7, 6, 7, 6, 3, 6, 4, 3),
    "cafe": (8, 6, 2, 5, 3, 8, 2, 2),
    "pub": (6, 5, 1, 8, 4, 6, 2, 1),
    "park": (5, 3, 0, 9, 5, 6, 1, 0),
    "nature": (3, 2, 0, 9, 4, 3, 1, 0),
    "leisure": (10, 10, 6, 10, 9, 8, 2, 2),
    "school": (9, 8, 4, 9, 5, 6, 2, 1),
    "youth": (8, 8, 3, 6, 3, 7, 5, 1),
    "arts": (9, 9, 9, 10, 8, 7, 4, 5),
    "learning": (10, 9, 7, 5, 5, 9, 6, 7),
    "office": (10, 10, 9, 3, 6, 10, 6, 8),
    "gp": (10, 10, 9, 8, 9, 7, 3, 5),
    "garden": (4, 3, 0, 7, 3, 4, 5, 0),
    "workshop": (6, 4, 0, 8, 3, 4, 2, 0),
    "bowls": (7, 6, 2, 9, 5, 4, 1, 0),
    "children": (10, 9, 5, 6, 4, 8, 5, 1),
    "pavilion": (8, 7, 1, 9, 5, 3, 1, 0),
}

# --------------------------------------------------------------------------------------------
# Organisations: (name, type, home place, description, services)
# A service is a template id (run in the home place), (template id, place) or
# (template id, place, overrides); overrides replace Tpl fields, and "venue" pins a venue key.
# --------------------------------------------------------------------------------------------

_MS_TEXTS = (
    "A friendly self-help group for people living with multiple sclerosis, their partners and "
    "families. We share practical tips on fatigue, mobility and work, and invite speakers such "
    "as MS nurses and physiotherapists. Tea and cake are always on offer.",
)
_FIBRE_TEXTS = (
    "A relaxed circle for anyone interested in spinning, weaving, dyeing or felting. Members "
    "bring their own wheels and looms, and there are spares for beginners to try. We also run "
    "occasional workshops on natural dyes.",
)
_CARERS_WALK = {"audiences": ("carers",), "names": ("Carers' Walk", "Carers' Stroll and Coffee")}
_VETERANS = {"audiences": ("veterans", "men")}

ORGS: list[tuple] = [
    (
        "Forest Age Well",
        "charity",
        "Bracknell",
        "Local charity helping older people across Bracknell Forest to stay independent, "
        "connected and well. Volunteers run lunch clubs, befriending, digital help and practical "
        "support at home.",
        [
            ("lunch-club", "Harmans Water"),
            ("lunch-club", "Crowthorne"),
            ("lunch-club", "Great Hollands", {"sched": ("plus",)}),
            "befriend-visit",
            "phone-befriend",
            ("chair-exercise", "Birch Hill"),
            "digital-help",
            "benefits-check",
            "handyperson",
            ("tea-dance", "Bracknell", {"venue": "south-hill-park-arts-centre"}),
            ("footcare", "Bullbrook"),
            ("chair-exercise", "Winkfield"),
        ],
    ),
    (
        "Bracknell & District Citizens Advice",
        "charity",
        "Bracknell",
        "Independent charity giving free, confidential advice on money, benefits, housing, work "
        "and consumer problems to everyone who lives or works in Bracknell Forest.",
        [
            ("debt-advice", "Bracknell", {"venue": "time-square"}),
            ("benefits-drop-in", "Crowthorne"),
            ("benefits-drop-in", "Sandhurst"),
            ("benefits-drop-in", "Bracknell"),
            "advice-line",
            ("energy-advice-day", "Ascot"),
            ("energy-advice-day", "Sandhurst"),
            "work-rights",
        ],
    ),
    (
        "Forest Carers' Network",
        "charity",
        "Bracknell",
        "Support, information and a listening ear for unpaid carers of all ages in Bracknell "
        "Forest, including young carers and parent carers.",
        [
            ("carers-coffee", "Bracknell"),
            ("carers-coffee", "Crowthorne"),
            ("carers-coffee", "Ascot"),
            ("carers-coffee", "Binfield"),
            "carers-line",
            "young-carers",
            ("carers-pamper", "Warfield"),
            ("health-walk", "Bracknell", {**_CARERS_WALK, "venue": "lily-hill-park"}),
            "parent-carers",
            "carers-rights-day",
        ],
    ),
    (
        "Berkshire Memory Matters",
        "charity",
        "Bracknell",
        "A dementia charity supporting people living with dementia, and their families, across "
        "east Berkshire through cafés, singing groups and one-to-one advice.",
        [
            ("memory-cafe", "Crowthorne"),
            ("memory-cafe", "Ascot"),
            ("memory-cafe", "Bracknell"),
            ("memory-cafe", "Binfield"),
            ("singing-memory", "Sandhurst"),
            ("singing-memory", "Bracknell"),
            ("dementia-carers", "Wokingham"),
            ("dementia-carers", "Bracknell"),
            ("dementia-info", "Bracknell"),
            ("memory-walk", "Crowthorne"),
            ("memory-cafe", "Wokingham"),
            ("dementia-info", "Crowthorne"),
        ],
    ),
    (
        "Bracknell Forest Walking for Health",
        "statutory",
        "Bracknell",
        "Free, friendly health walks led by trained volunteers and supported by the council's "
        "public health team. Walks are short, on easy paths and open to everyone.",
        [
            ("health-walk", "Bracknell", {"venue": "lily-hill-park"}),
            ("health-walk", "Bracknell", {"venue": "south-hill-park-arts-centre"}),
            ("health-walk", "Easthampstead", {"venue": "easthampstead-park"}),
            ("health-walk", "Crowthorne", {"venue": "crowthorne-woods"}),
            ("health-walk", "Sandhurst", {"venue": "horseshoe-lake"}),
            ("health-walk", "Binfield", {"venue": "popes-meadow"}),
            ("health-walk", "Warfield", {"venue": "westmorland-park"}),
            ("health-walk", "Ascot", {"venue": "englemere-pond"}),
            ("health-walk", "Owlsmoor", {"venue": "owlsmoor-bog-and-heaths"}),
            ("health-walk", "Bracknell", {"venue": "the-look-out-discovery-centre"}),
            ("health-walk", "Sandhurst", {"venue": "sandhurst-memorial-park"}),
            ("health-walk", "Great Hollands", {"venue": "great-hollands-recreation-ground"}),
        ],
    ),
    (
        "Forest Minds",
        "charity",
        "Bracknell",
        "Local mental health charity offering peer support, courses and creative activities for "
        "adults who are struggling with their mental health, and for those who want to stay well.",
        [
            ("peer-support-mental", "Bracknell"),
            ("peer-support-mental", "Sandhurst"),
            ("stress-course", "Bracknell"),
            "mindfulness",
            ("walk-and-talk", "Bracknell"),
            ("creative-wellbeing", "Bracknell"),
            "listening-line",
            ("wellbeing-cafe", "Wokingham"),
        ],
    ),
    (
        "Bracknell Forest Libraries",
        "statutory",
        "Bracknell",
        "The borough's public libraries offer free books, computers and Wi-Fi, plus activities "
        "for all ages, from baby rhyme times to reading groups and digital help.",
        [
            ("rhyme-time", "Bracknell"),
            ("rhyme-time", "Crowthorne"),
            ("rhyme-time", "Sandhurst"),
            ("rhyme-time", "Binfield"),
            ("rhyme-time", "Whitegrove"),
            ("rhyme-time", "Great Hollands"),
            ("knit-natter", "Harmans Water", {"kinds": ("library",)}),
            ("book-club", "Birch Hill", {"kinds": ("library",)}),
            "home-library",
            ("digital-help", "Ascot", {"kinds": ("library",)}),
            ("homework-club", "Bracknell"),
            ("rhyme-time", "Ascot"),
            ("digital-help", "Sandhurst", {"kinds": ("library",)}),
        ],
    ),
    (
        "Bracknell Forest Adult Learning",
        "statutory",
        "Bracknell",
        "Part-time courses for adults, from English and maths to art, computing and cookery, "
        "many of them free. Classes run at the Open Learning Centre and in community venues.",
        [
            "esol",
            "maths-english",
            ("cook-budget", "Priestwood"),
            ("family-learning", "College Town"),
            ("art-class", "Bracknell", {"kinds": ("learning",)}),
            "learning-open-day",
            "bsl-course",
        ],
    ),
    (
        "Forest Foodbank",
        "charity",
        "Bracknell",
        "Provides emergency food and support to local people in crisis, working with churches, "
        "schools and agencies across the borough. Volunteers also help people get advice so "
        "they need the foodbank less.",
        [
            ("foodbank", "Bracknell"),
            ("foodbank", "Crowthorne"),
            ("foodbank", "Sandhurst"),
            ("foodbank", "Bullbrook"),
            ("community-larder", "Great Hollands"),
        ],
    ),
    (
        "Bracknell Forest Community Connectors",
        "statutory",
        "Bracknell",
        "The council's community connectors help residents find local groups and support, "
        "especially people who are lonely or lack the confidence to try something new. There "
        "are no eligibility criteria.",
        [
            ("connector-drop-in", "Bracknell"),
            ("connector-drop-in", "Sandhurst"),
            ("connector-drop-in", "Crowthorne"),
            ("connector-drop-in", "Ascot"),
            "connector-referral",
        ],
    ),
    (
        "Forest Volunteering Hub",
        "charity",
        "Bracknell",
        "The volunteer centre for Bracknell Forest, matching people with volunteering roles and "
        "helping local groups to recruit and keep volunteers.",
        [
            ("volunteer-drop-in", "Bracknell"),
            ("volunteer-drop-in", "Sandhurst"),
            ("volunteer-fair", "Bracknell"),
            "volunteer-befriender",
            ("youth-volunteering", "Bracknell"),
        ],
    ),
    (
        "Forest Family Start",
        "charity",
        "Bracknell",
        "Supports families with young children through volunteer home visiting, groups for "
        "parents and a listening ear when life feels hard.",
        [
            "family-visiting",
            ("dads-group", "Priestwood"),
            ("perinatal", "Great Hollands"),
            ("buggy-walk", "Bracknell", {"venue": "lily-hill-park"}),
            ("baby-feeding", "Priestwood"),
        ],
    ),
    (
        "Forest Youth Trust",
        "charity",
        "Bracknell",
        "A youth charity running open-access youth clubs, music projects and one-to-one support "
        "for young people aged 11 to 25 across Bracknell Forest.",
        [
            ("youth-club", "Great Hollands"),
            ("youth-club", "Harmans Water"),
            ("youth-club", "Sandhurst"),
            ("youth-club", "Crowthorne"),
            ("youth-club", "Birch Hill"),
            ("lgbtq-youth", "Bracknell"),
            ("youth-music", "Bracknell"),
            ("youth-wellbeing", "Bracknell"),
            ("lgbtq-youth", "Sandhurst"),
        ],
    ),
    (
        "East Berkshire Community Health (NHS)",
        "health",
        "Bracknell",
        "NHS community health services for east Berkshire, including falls prevention, "
        "rehabilitation classes and education for people living with long-term conditions.",
        [
            ("strength-balance", "Bracknell"),
            ("strength-balance", "Sandhurst"),
            "diabetes-course",
            ("breathe-better", "Bracknell"),
            ("cardiac-rehab", "Bracknell"),
            ("stop-smoking", "Bracknell"),
            ("health-mot", "Crowthorne"),
            ("stop-smoking", "North Ascot"),
        ],
    ),
    (
        "Forest Active Leisure",
        "social_enterprise",
        "Bracknell",
        "A not-for-profit leisure trust running sports centres and pools in the borough, with "
        "sessions designed for people who are getting active again.",
        [
            "over-50s-swim",
            ("walking-football", "Bracknell", {"venue": "bracknell-leisure-centre"}),
            ("inclusive-sport", "Bracknell"),
            "exercise-referral",
            ("couch-to-5k", "Bracknell", {"venue": "lily-hill-park"}),
            ("walking-netball", "Sandhurst"),
        ],
    ),
    (
        "Bracknell Forest Housing Options",
        "statutory",
        "Bracknell",
        "The council's housing advice service, helping residents who are homeless or worried "
        "about losing their home.",
        [
            ("housing-advice", "Bracknell", {"venue": "time-square"}),
            "homeless-line",
            "tenancy-support",
            ("housing-advice", "Sandhurst", {"sched": ("fortnightly",)}),
            ("housing-advice", "Crowthorne", {"sched": ("monthly",)}),
        ],
    ),
    (
        "Forest Disability Network",
        "charity",
        "Bracknell",
        "A user-led charity for disabled people and people with learning disabilities, offering "
        "social clubs, sport, advocacy and help into work.",
        [
            ("ld-social", "Bracknell"),
            ("ld-social", "Sandhurst"),
            ("therapeutic-garden", "Hanworth"),
            "supported-employment",
            ("speak-up", "Bracknell"),
            ("cycling-for-all", "Bracknell", {"venue": "the-look-out-discovery-centre"}),
        ],
    ),
    (
        "Forest Armed Forces Community",
        "charity",
        "Sandhurst",
        "Supports veterans, serving personnel and their families in and around Sandhurst and "
        "Bracknell, with breakfast clubs, advice and peer support.",
        [
            ("veterans-breakfast", "Sandhurst"),
            ("veterans-breakfast", "Bracknell"),
            ("veterans-breakfast", "Wokingham"),
            ("veterans-hub", "Bracknell"),
            ("veterans-hub", "Sandhurst"),
            (
                "walk-and-talk",
                "Sandhurst",
                {"audiences": ("veterans",), "names": ("Veterans' Walk and Talk",)},
            ),
            (
                "men-talk",
                "Sandhurst",
                {**_VETERANS, "where": "online", "names": ("Veterans' Online Support Circle",)},
            ),
        ],
    ),
    (
        "Forest Pride",
        "community_group",
        "Bracknell",
        "A volunteer-run LGBTQ+ community group for Bracknell Forest and Wokingham, organising "
        "socials, support and events.",
        [
            ("lgbtq-social", "Bracknell"),
            ("lgbtq-social", "Wokingham"),
            "lgbtq-online",
            (
                "lgbtq-social",
                "Bracknell",
                {
                    "sched": ("oneoff",),
                    "names": ("Rainbow Get-Together",),
                    "note": "Everyone welcome",
                },
            ),
            ("lgbtq-youth", "Wokingham"),
            (
                "book-club",
                "Bracknell",
                {"audiences": ("lgbtq-plus",), "names": ("Rainbow Book Club",)},
            ),
            (
                "walk-and-talk",
                "Bracknell",
                {"audiences": ("lgbtq-plus",), "names": ("LGBTQ+ Walking Group",)},
            ),
        ],
    ),
    (
        "Bracknell & Ascot Nepali Samaj",
        "community_group",
        "Bracknell",
        "A community association for Nepali families in Bracknell and Ascot, many with links to "
        "the Brigade of Gurkhas. We run activities for elders, women and children and help "
        "people use local services.",
        [
            ("nepali-elders", "Bracknell"),
            ("nepali-elders", "Ascot"),
            (
                "veterans-breakfast",
                "Bracknell",
                {"names": ("Gurkha Veterans' Social",), "langs": ("English", "Nepali")},
            ),
            (
                "womens-group",
                "Bracknell",
                {"names": ("Nepali Women's Group",), "langs": ("English", "Nepali")},
            ),
            ("nepali-language", "Bracknell"),
            (
                "health-mot",
                "Ascot",
                {"names": ("Nepali Community Health Day",), "langs": ("English", "Nepali")},
            ),
        ],
    ),
    (
        "Forest Conservation Volunteers",
        "community_group",
        "Bracknell",
        "Volunteers who look after heathland, woodland and ponds across Bracknell Forest, "
        "working alongside the council's countryside team.",
        [
            ("conservation", "Bracknell", {"venue": "the-look-out-discovery-centre"}),
            ("conservation", "Sandhurst", {"venue": "wildmoor-heath"}),
            ("conservation", "Owlsmoor", {"venue": "owlsmoor-bog-and-heaths"}),
            ("conservation", "Ascot", {"venue": "englemere-pond"}),
            ("conservation", "Warfield", {"venue": "cabbage-hill-nature-reserve"}),
            ("conservation", "Jennett's Park", {"venue": "peacock-meadows"}),
        ],
    ),
    (
        "Churches Together in Bracknell",
        "faith_group",
        "Bracknell",
        "Churches of different traditions working together to serve the town, running warm "
        "spaces, community meals and money courses.",
        [
            ("warm-space", "Bracknell", {"venue": "kerith-centre"}),
            ("community-lunch", "Bracknell"),
            ("money-course", "Bracknell"),
            ("bereavement-cafe", "Bracknell", {"venue": "holy-trinity-church-hall"}),
            ("wellbeing-cafe", "Bracknell"),
            ("street-outreach", "Bracknell"),
        ],
    ),
    (
        "Forest Works",
        "social_enterprise",
        "Bracknell",
        "Employment support for people facing barriers to work, including young people, "
        "disabled people and people returning after illness or caring.",
        [
            ("job-club", "Bracknell"),
            ("job-club", "Crowthorne"),
            ("cv-clinic", "Bracknell"),
            ("cv-clinic", "Bracknell", {"where": "online", "names": ("Online CV Clinic",)}),
            ("youth-work-ready", "Bracknell"),
            ("cv-clinic", "Sandhurst"),
            ("job-club", "Ascot"),
        ],
    ),
    (
        "Forest Community Transport",
        "charity",
        "Bracknell",
        "Accessible door-to-door transport for people who cannot easily use buses, run with a "
        "team of paid and volunteer drivers.",
        ["dial-a-ride", "volunteer-driver"],
    ),
    (
        "Forest Bereavement Service",
        "charity",
        "Bracknell",
        "Free support for adults who have been bereaved, offered by trained volunteers and "
        "counsellors across Bracknell Forest.",
        [
            ("bereavement-group", "Bracknell"),
            ("bereavement-group", "Sandhurst"),
            "bereavement-counselling",
            (
                "bereavement-group",
                "Bracknell",
                {"where": "online", "names": ("Suicide Bereavement Support (Online)",)},
            ),
            ("bereavement-cafe", "Ascot"),
            (
                "walk-and-talk",
                "Bracknell",
                {
                    "names": ("Bereavement Walking Group",),
                    "needs": ("bereavement", "getting-active", "nature-and-outdoors"),
                },
            ),
        ],
    ),
    (
        "Help at Home Forest Ltd",
        "independent_provider",
        "Bracknell",
        "A small local home care company offering practical help and sitting services. CQC "
        "registered and happy to work with direct payments.",
        ["home-help", "carers-sitting"],
    ),
    (
        "Forest Day Opportunities CIC",
        "social_enterprise",
        "Binfield",
        "A community interest company providing day opportunities and work experience for adults "
        "with learning disabilities.",
        [
            ("ld-day-ops", "Binfield"),
            ("ld-day-ops", "Bracknell"),
            ("therapeutic-garden", "Binfield"),
        ],
    ),
    (
        "Homely Days Dementia Club Ltd",
        "independent_provider",
        "Crowthorne",
        "A family-run day club for people living with dementia, with trained staff and a homely "
        "atmosphere.",
        [("dementia-day-club", "Crowthorne"), ("dementia-day-club", "Bracknell")],
    ),
    (
        "Forest Warm Homes",
        "charity",
        "Bracknell",
        "Helps households in Bracknell Forest keep warm for less, with energy advice, grants and "
        "home visits.",
        [("energy-advice-day", "Bracknell"), ("energy-advice-day", "Crowthorne"), "handyperson"],
    ),
    (
        "Forest Street Outreach",
        "charity",
        "Bracknell",
        "Works with people who are sleeping rough or in insecure housing, offering practical help "
        "and a route into accommodation.",
        [("street-outreach", "Wokingham"), ("tenancy-support", "Bracknell")],
    ),
    (
        "Forest Hospice Outreach",
        "charity",
        "Ascot",
        "Community outreach from a local hospice, supporting families before and after a death.",
        [("bereavement-group", "Ascot"), ("cancer-support", "North Ascot")],
    ),
    (
        "Forest Hearing Help",
        "community_group",
        "Bracknell",
        "Volunteers who help people with hearing loss keep their NHS hearing aids working.",
        [
            ("hearing-help", "Bracknell"),
            ("hearing-help", "Crowthorne"),
            ("hearing-help", "Sandhurst"),
        ],
    ),
    (
        "Forest Repair Café",
        "community_group",
        "Bracknell",
        "Volunteer fixers who help people repair rather than throw away, cutting waste and "
        "sharing skills.",
        [("repair-cafe", "Bracknell"), ("repair-cafe", "Crowthorne")],
    ),
    (
        "Forest Pub Lunch Friends",
        "community_group",
        "Bracknell",
        "A friendly network of monthly pub lunches for people who would like company over a meal.",
        [("pub-lunch", "Bracknell"), ("pub-lunch", "Crowthorne"), ("pub-lunch", "Sandhurst")],
    ),
    (
        "Forest Online Friends",
        "community_group",
        "Bracknell",
        "Volunteers running online socials for people who are housebound or find it hard to go "
        "out.",
        [("online-quiz", "Bracknell"), ("online-quiz", "Bracknell", {"times": ("11:00-12:00",)})],
    ),
    (
        "Tiny Talk Signing Bracknell",
        "independent_provider",
        "Bracknell",
        "Baby signing classes run by a qualified early years practitioner.",
        [("baby-signing", "Bracknell"), ("baby-signing", "Wokingham")],
    ),
    (
        "Happy Feet Footcare",
        "independent_provider",
        "Sandhurst",
        "Mobile foot health practitioners holding community clinics across the area.",
        [("footcare", "Sandhurst"), ("footcare", "Ascot")],
    ),
    (
        "Forest Nordic Walking",
        "independent_provider",
        "Wokingham",
        "Qualified Nordic walking instructors running beginners' courses and regular walks.",
        [("nordic-walking", "Wokingham"), ("nordic-walking", "Bracknell")],
    ),
    (
        "Sunninghill Seated Yoga",
        "independent_provider",
        "Sunninghill",
        "Gentle yoga and seated exercise classes for older adults and people with limited "
        "mobility.",
        [("gentle-yoga", "Sunninghill"), ("chair-exercise", "Sunninghill")],
    ),
    (
        "Forest Stroke Club",
        "charity",
        "Bracknell",
        "A club run by stroke survivors and volunteers for people rebuilding their lives after a "
        "stroke.",
        [("stroke-club", "Bracknell"), ("stroke-club", "Sandhurst")],
    ),
    (
        "Bracknell Parkinson's Support Group",
        "community_group",
        "Bracknell",
        "A self-help group for people with Parkinson's and those who care for them.",
        [
            ("parkinsons", "Bracknell"),
            (
                "chair-exercise",
                "Bracknell",
                {
                    "names": ("Parkinson's Exercise Class",),
                    "audiences": ("people-with-long-term-conditions",),
                },
            ),
        ],
    ),
    (
        "Forest Credit Union",
        "social_enterprise",
        "Bracknell",
        "A not-for-profit savings and loans cooperative owned by its members.",
        [("credit-union", "Bracknell"), ("credit-union", "Sandhurst")],
    ),
    (
        "Bracknell Forest Housing Association",
        "social_enterprise",
        "Bracknell",
        "A community-based housing association providing affordable homes and tenancy support.",
        [
            ("tenancy-support", "Bracknell", {"names": ("New Tenant Support",)}),
            ("money-course", "Priestwood"),
        ],
    ),
    # Town and parish councils
    (
        "Bracknell Town Council",
        "parish_council",
        "Bracknell",
        "The town council for Bracknell, looking after parks, allotments and community events "
        "and supporting local groups.",
        [
            ("tea-dance", "Bracknell"),
            ("litter-pick", "Bracknell"),
            ("allotment-plots", "Bracknell"),
        ],
    ),
    (
        "Binfield Parish Council",
        "parish_council",
        "Binfield",
        "The parish council for Binfield village, supporting community life and green spaces.",
        [("litter-pick", "Binfield"), ("community-lunch", "Binfield")],
    ),
    (
        "Warfield Parish Council",
        "parish_council",
        "Warfield",
        "The parish council for Warfield and Whitegrove, managing allotments, parks and the "
        "Memorial Ground.",
        [("allotment-plots", "Warfield"), ("community-garden", "Warfield")],
    ),
    (
        "Crowthorne Parish Council",
        "parish_council",
        "Crowthorne",
        "The village council for Crowthorne, running the Morgan Centre and supporting local "
        "groups.",
        [("litter-pick", "Crowthorne"), ("community-larder", "Crowthorne")],
    ),
    (
        "Sandhurst Town Council",
        "parish_council",
        "Sandhurst",
        "The town council for Sandhurst, Owlsmoor and College Town, looking after Memorial Park "
        "and other open spaces.",
        [
            ("allotment-plots", "Sandhurst"),
            ("litter-pick", "Sandhurst"),
            ("tea-dance", "Sandhurst"),
        ],
    ),
    (
        "Winkfield Parish Council",
        "parish_council",
        "Winkfield",
        "The parish council for Winkfield, Winkfield Row, Chavey Down and North Ascot.",
        [
            ("lunch-club", "Winkfield", {"names": ("Winkfield Village Lunch",)}),
            ("good-neighbours", "Winkfield"),
        ],
    ),
    # Faith groups
    (
        "St Michael's Church, Sandhurst",
        "faith_group",
        "Sandhurst",
        "The Church of England parish church for Sandhurst, with a busy hall used by groups "
        "through the week.",
        [("toddler-group", "Sandhurst"), ("bereavement-group", "Sandhurst")],
    ),
    (
        "All Saints' Church, Binfield",
        "faith_group",
        "Binfield",
        "Binfield's parish church, running activities for families and older people in the "
        "village.",
        [
            ("community-cafe", "Binfield"),
            ("toddler-group", "Binfield"),
            ("bereavement-group", "Binfield"),
        ],
    ),
    (
        "St John the Baptist Church, Crowthorne",
        "faith_group",
        "Crowthorne",
        "The parish church in the centre of Crowthorne village.",
        [
            ("warm-space", "Crowthorne"),
            ("wellbeing-cafe", "Crowthorne"),
            ("bereavement-cafe", "Crowthorne"),
        ],
    ),
    (
        "Easthampstead Baptist Church",
        "faith_group",
        "Easthampstead",
        "A friendly church serving Easthampstead and south Bracknell.",
        [("toddler-group", "Easthampstead"), ("money-course", "Easthampstead")],
    ),
    (
        "Bracknell Methodist Church",
        "faith_group",
        "Bracknell",
        "A town centre church whose hall hosts a community café and craft groups.",
        [("community-cafe", "Bracknell"), ("knit-natter", "Bracknell")],
    ),
    (
        "St Joseph's Catholic Parish, Bracknell",
        "faith_group",
        "Bracknell",
        "The Catholic parish for Bracknell, with a parish hall open to the wider community.",
        [("lunch-club", "Bracknell"), ("bereavement-group", "Bracknell")],
    ),
    (
        "Ascot Heath Parish Church",
        "faith_group",
        "Ascot",
        "All Saints' parish church at Ascot Heath, serving North Ascot and Ascot Heath.",
        [("toddler-group", "Ascot"), ("warm-space", "Ascot")],
    ),
    (
        "St Paul's Church, Wokingham",
        "faith_group",
        "Wokingham",
        "A parish church in Wokingham town centre with active community groups.",
        [("community-cafe", "Wokingham"), ("bereavement-cafe", "Wokingham")],
    ),
    (
        "Bracknell Islamic Centre",
        "faith_group",
        "Bracknell",
        "A mosque and community centre serving Muslim families in Bracknell and welcoming "
        "neighbours of all faiths.",
        [
            (
                "womens-group",
                "Bracknell",
                {"langs": ("English", "Urdu"), "venue": "bracknell-islamic-centre"},
            ),
            (
                "community-lunch",
                "Bracknell",
                {"langs": ("English", "Urdu"), "venue": "bracknell-islamic-centre"},
            ),
            (
                "esol",
                "Bracknell",
                {
                    "venue": "bracknell-islamic-centre",
                    "names": ("English Classes for Women",),
                    "audiences": ("women",),
                    "langs": ("English", "Urdu"),
                },
            ),
        ],
    ),
    (
        "Sunninghill Free Church",
        "faith_group",
        "Sunninghill",
        "A small, welcoming free church in Sunninghill village.",
        [("community-cafe", "Sunninghill"), ("toddler-group", "Sunninghill")],
    ),
    (
        "Crowthorne Baptist Church",
        "faith_group",
        "Crowthorne",
        "A Baptist church on Dukes Ride with groups for families and young people.",
        [
            ("toddler-group", "Crowthorne"),
            ("youth-club", "Crowthorne", {"names": ("Friday Youth Café",), "days": "FR"}),
        ],
    ),
    (
        "St Michael the Archangel, Warfield",
        "faith_group",
        "Warfield",
        "Warfield's historic parish church, with a hall used for community activities.",
        [("toddler-group", "Warfield"), ("lunch-club", "Warfield")],
    ),
    (
        "Bracknell Hindu Society",
        "faith_group",
        "Bracknell",
        "Brings together Hindu families in Bracknell for worship, festivals and community "
        "activities.",
        [
            ("gentle-yoga", "Bracknell", {"langs": ("English", "Hindi")}),
            ("afternoon-club", "Bracknell", {"langs": ("English", "Hindi", "Gujarati")}),
        ],
    ),
    (
        "Wokingham Churches Debt Help",
        "faith_group",
        "Wokingham",
        "A partnership of local churches offering free debt counselling and money courses.",
        [("debt-advice", "Wokingham"), ("money-course", "Wokingham")],
    ),
]

_COMMUNITY_ASSOCIATIONS = [
    ("Priestwood", ["community-cafe", "chair-exercise", "youth-club"]),
    ("Great Hollands", ["toddler-group", "games-club"]),
    ("Harmans Water", ["tai-chi", "toddler-group", "knit-natter"]),
    ("Birch Hill", ["afternoon-club", "gentle-yoga"]),
    ("Bullbrook", ["community-cafe", "art-class"]),
    ("Crown Wood", ["afternoon-club", "toddler-group", "youth-club"]),
    ("Wildridings", ["games-club", "community-garden"]),
    ("Hanworth", ["chatter-cafe", "pilates"]),
    ("Jennett's Park", ["newcomers-coffee", "toddler-group", "litter-pick"]),
    ("Martins Heron", ["chatter-cafe", "litter-pick"]),
    ("Whitegrove", ["newcomers-coffee", "tai-chi", "toddler-group"]),
    ("Owlsmoor", ["afternoon-club", "toddler-group"]),
    ("College Town", ["community-cafe", "youth-club"]),
    ("Chavey Down", ["chatter-cafe", "pilates"]),
    ("North Ascot", ["afternoon-club", "gentle-yoga"]),
    ("Easthampstead", ["chatter-cafe", "warm-space"]),
]

ORGS += [
    (
        f"{place} Community Association",
        "community_group",
        place,
        f"A volunteer-run association that manages the community centre in {place} and organises "
        "activities for all ages. New volunteers and members are always welcome.",
        services,
    )
    for place, services in _COMMUNITY_ASSOCIATIONS
]

_MENS_SHEDS = ("Sandhurst", "Bracknell", "Crowthorne", "Binfield", "Ascot")

ORGS += [
    (
        f"{place} Men's Shed",
        "community_group",
        place,
        f"A community workshop in {place} where people come together to make, mend and chat. "
        "Part of the wider Men's Sheds movement.",
        ["mens-shed"],
    )
    for place in _MENS_SHEDS
]

# (name, type, place, description, services) for the many small groups with one or two listings.
ORGS += [
    (
        "Binfield Village Singers",
        "community_group",
        "Binfield",
        "A friendly village choir that has been singing in Binfield for over thirty years.",
        [("community-choir", "Binfield", {"names": ("Weekly Rehearsal", "Choir Night")})],
    ),
    (
        "Crowthorne Community Choir",
        "community_group",
        "Crowthorne",
        "A non-auditioned choir for adults who love to sing.",
        ["community-choir"],
    ),
    (
        "Sandhurst Sing for Fun",
        "community_group",
        "Sandhurst",
        "A relaxed singing group with no auditions and no pressure.",
        ["community-choir"],
    ),
    (
        "Warfield Warblers",
        "community_group",
        "Warfield",
        "A small, cheerful choir singing pop, folk and musical theatre.",
        ["community-choir"],
    ),
    (
        "Forest Harmony Ladies' Chorus",
        "community_group",
        "Bracknell",
        "A women's a cappella chorus singing in four-part harmony.",
        [
            (
                "community-choir",
                "Bracknell",
                {"names": ("Ladies' Harmony Chorus Rehearsal",), "audiences": ("women",)},
            )
        ],
    ),
    (
        "Ascot Ukulele Strummers",
        "community_group",
        "Ascot",
        "A sociable ukulele group for all abilities.",
        ["ukulele"],
    ),
    (
        "Bracknell Ukulele Club",
        "community_group",
        "Bracknell",
        "Bracknell's friendly ukulele club, playing in the town since 2012.",
        ["ukulele"],
    ),
    (
        "Bracknell Art Society",
        "community_group",
        "Bracknell",
        "A society for amateur artists of every standard, with classes, demonstrations and an "
        "annual exhibition.",
        [
            ("art-class", "Bracknell", {"venue": "south-hill-park-arts-centre"}),
            ("photography", "Bracknell"),
        ],
    ),
    (
        "Owlsmoor Knit & Natter",
        "community_group",
        "Owlsmoor",
        "A knitting and crochet group that also makes blankets for local charities.",
        ["knit-natter"],
    ),
    (
        "Crowthorne Quilters",
        "community_group",
        "Crowthorne",
        "Quilters and patchworkers who meet to sew, share and support local causes.",
        ["quilting"],
    ),
    (
        "Sandhurst Photographic Club",
        "community_group",
        "Sandhurst",
        "A camera club for photographers of every level.",
        ["photography"],
    ),
    (
        "Ascot Writers' Circle",
        "community_group",
        "Ascot",
        "A circle of local writers who meet to share work and encouragement.",
        ["writing-group"],
    ),
    (
        "Wokingham Clay Studio",
        "independent_provider",
        "Wokingham",
        "An independent pottery studio offering classes for adults.",
        [("pottery", "Wokingham"), ("pottery", "Wokingham", {"names": ("Clay Club",)})],
    ),
    (
        "Silver Stage Theatre Company",
        "community_group",
        "Bracknell",
        "An amateur drama company for people aged 55 and over.",
        [("drama-55", "Bracknell", {"venue": "south-hill-park-arts-centre"})],
    ),
    (
        "Winkfield Craft Circle",
        "community_group",
        "Winkfield",
        "A small craft circle meeting in members' homes.",
        ["craft-circle"],
    ),
    (
        "College Town Cardmakers",
        "community_group",
        "College Town",
        "Cardmaking and papercraft enthusiasts who meet at a member's home.",
        ["craft-circle"],
    ),
    (
        "Binfield Book Circle",
        "community_group",
        "Binfield",
        "A long-standing book group that meets in members' homes.",
        [("book-club", "Binfield", {"where": "home", "names": ("Book Circle",)})],
    ),
    (
        "Sandhurst Sewing Bee",
        "community_group",
        "Sandhurst",
        "A sewing group that meets around a member's dining table.",
        [("quilting", "Sandhurst", {"where": "home", "names": ("Sewing Bee",), "join": "book"})],
    ),
    (
        "Crowthorne Phone Friends",
        "community_group",
        "Crowthorne",
        "Volunteers from Crowthorne who make regular friendly phone calls to older neighbours.",
        [("phone-befriend", "Crowthorne", {"join": "book"})],
    ),
    (
        "Forest Widowed Friends",
        "community_group",
        "Bracknell",
        "A social group run by and for people who have lost a partner.",
        ["widowed-social"],
    ),
    (
        "Sandhurst Widowed Friends",
        "community_group",
        "Sandhurst",
        "A friendly social circle for widowed people in Sandhurst and Owlsmoor.",
        ["widowed-social"],
    ),
    (
        "Crowthorne Walking Football Club",
        "community_group",
        "Crowthorne",
        "Walking football for over-50s in Crowthorne.",
        ["walking-football"],
    ),
    (
        "Sandhurst Walking Football",
        "community_group",
        "Sandhurst",
        "A walking football group that welcomes players of all abilities.",
        ["walking-football"],
    ),
    (
        "Bracknell Walking Netball",
        "community_group",
        "Bracknell",
        "Walking netball for women returning to sport.",
        ["walking-netball"],
    ),
    (
        "Binfield Tai Chi",
        "independent_provider",
        "Binfield",
        "Tai chi and qigong classes taught by an experienced local instructor.",
        ["tai-chi"],
    ),
    (
        "Ascot Pilates Studio",
        "independent_provider",
        "Ascot",
        "Small-group Pilates classes with a focus on safe, gentle exercise.",
        ["pilates"],
    ),
    (
        "Crowthorne Bowls Club",
        "community_group",
        "Crowthorne",
        "A friendly outdoor bowls club in the heart of Crowthorne.",
        ["bowls"],
    ),
    (
        "Sandhurst Bowls Club",
        "community_group",
        "Sandhurst",
        "An outdoor bowls club welcoming new and experienced players.",
        ["bowls"],
    ),
    (
        "Forest Footpath Walkers",
        "community_group",
        "Bracknell",
        "A walking club for people who enjoy longer countryside walks.",
        [("walking-group", "Bracknell"), ("walking-group", "Crowthorne")],
    ),
    (
        "Warfield Beginners Running",
        "community_group",
        "Warfield",
        "A volunteer-led beginners' running group.",
        [("couch-to-5k", "Warfield")],
    ),
    (
        "Swinley Green Gym",
        "community_group",
        "Bracknell",
        "Outdoor conservation work that keeps you fit while caring for the forest.",
        [
            (
                "conservation",
                "Bracknell",
                {
                    "names": ("Green Gym",),
                    "venue": "the-look-out-discovery-centre",
                    "needs": ("getting-active", "nature-and-outdoors", "volunteering"),
                },
            )
        ],
    ),
    (
        "Friends of Lily Hill Park",
        "community_group",
        "Bracknell",
        "Volunteers who care for Lily Hill Park and its historic gardens.",
        [
            ("conservation", "Bracknell", {"venue": "lily-hill-park"}),
            (
                "litter-pick",
                "Bracknell",
                {"venue": "lily-hill-park", "names": ("Lily Hill Park Tidy-up",)},
            ),
        ],
    ),
    (
        "Friends of Horseshoe Lake",
        "community_group",
        "Sandhurst",
        "A group caring for the lake, its wildlife and its paths.",
        [("conservation", "Sandhurst", {"venue": "horseshoe-lake"})],
    ),
    (
        "Crowthorne in Bloom",
        "community_group",
        "Crowthorne",
        "Volunteers who plant and tend flower beds and community growing spaces in Crowthorne.",
        ["community-garden"],
    ),
    (
        "Great Hollands Growing Together",
        "community_group",
        "Great Hollands",
        "A community garden project on a former patch of waste ground.",
        ["community-garden"],
    ),
    (
        "Sunninghill Allotment Society",
        "community_group",
        "Sunninghill",
        "Allotment holders who run a shared plot for newcomers and schools.",
        [("community-garden", "Sunninghill"), ("allotment-plots", "Sunninghill")],
    ),
    (
        "Martins Heron Allotment Association",
        "community_group",
        "Martins Heron",
        "The allotment association for Martins Heron and Harmans Water.",
        ["allotment-plots"],
    ),
    (
        "Bracknell Men Talk",
        "community_group",
        "Bracknell",
        "A free peer support group for men, run by trained volunteers.",
        ["men-talk"],
    ),
    (
        "Blackwater Valley Men's Circle",
        "community_group",
        "Sandhurst",
        "Men supporting men in Sandhurst, Owlsmoor and College Town.",
        ["men-talk"],
    ),
    (
        "Wokingham Men's Talking Group",
        "community_group",
        "Wokingham",
        "A confidential talking group for men in Wokingham.",
        ["men-talk"],
    ),
    (
        "Ascot Mindful Moments",
        "community_group",
        "Ascot",
        "A mindfulness group meeting in Ascot for anyone wanting some calm in their week.",
        [("mindfulness", "Ascot", {"where": "venue", "kinds": ("hall", "church", "library")})],
    ),
    (
        "Blackwater Bumps and Babies",
        "community_group",
        "Sandhurst",
        "A peer support group for new and expectant parents.",
        ["perinatal"],
    ),
    (
        "Ascot Dementia Friends Café",
        "community_group",
        "Ascot",
        "A volunteer-run café for people living with dementia and their families.",
        [("memory-cafe", "Ascot", {"names": ("Dementia Friends Café",)})],
    ),
    (
        "Sandhurst Memory Café",
        "community_group",
        "Sandhurst",
        "A monthly memory café run by local volunteers.",
        ["memory-cafe"],
    ),
    (
        "Crowthorne Forget-Me-Not Club",
        "community_group",
        "Crowthorne",
        "Music and friendship for people with memory loss and their carers.",
        ["singing-memory"],
    ),
    (
        "Wokingham Singing for Memory",
        "community_group",
        "Wokingham",
        "A singing group for people living with dementia.",
        ["singing-memory"],
    ),
    (
        "Warfield Memory Walkers",
        "community_group",
        "Warfield",
        "Dementia-friendly walks around Warfield's parks.",
        ["memory-walk"],
    ),
    (
        "Crowthorne Bereavement Café",
        "community_group",
        "Crowthorne",
        "An informal café for bereaved people, hosted by trained listeners.",
        [("bereavement-cafe", "Crowthorne", {"venue": "crowthorne-village-hall"})],
    ),
    (
        "Forest Baby Loss Support",
        "charity",
        "Bracknell",
        "Support for parents who have lost a baby during pregnancy, at birth or in infancy.",
        [
            (
                "bereavement-group",
                "Bracknell",
                {"names": ("Baby Loss Support Group",), "audiences": ("women",)},
            )
        ],
    ),
    (
        "Ascot Low Vision Group",
        "community_group",
        "Ascot",
        "A monthly group for people with sight loss in Ascot and Sunninghill.",
        ["sight-loss"],
    ),
    (
        "Bracknell Sight Support",
        "charity",
        "Bracknell",
        "Practical and emotional support for people with sight loss.",
        ["sight-loss"],
    ),
    (
        "Crowthorne Cancer Support",
        "community_group",
        "Crowthorne",
        "A peer support group for anyone affected by cancer.",
        ["cancer-support"],
    ),
    (
        "Bracknell Cancer Friends",
        "community_group",
        "Bracknell",
        "Friendship and support for people living with cancer and their families.",
        ["cancer-support"],
    ),
    (
        "Forest Chronic Pain Network",
        "community_group",
        "Bracknell",
        "An online peer support network for people living with long-term pain.",
        ["chronic-pain"],
    ),
    (
        "Forest MS Support",
        "community_group",
        "Bracknell",
        "A self-help group for people with multiple sclerosis and their families.",
        [
            (
                "chronic-pain",
                "Bracknell",
                {
                    "names": ("MS Support Group",),
                    "where": "venue",
                    "kinds": ("hall", "library"),
                    "texts": _MS_TEXTS,
                },
            )
        ],
    ),
    (
        "Easy Breathers Wokingham",
        "community_group",
        "Wokingham",
        "A support and singing group for people with lung conditions.",
        ["breathe-better"],
    ),
    (
        "Forest Heart Club",
        "charity",
        "Sandhurst",
        "Exercise and support for people living with heart conditions.",
        ["cardiac-rehab"],
    ),
    (
        "Bracknell Deaf Club",
        "community_group",
        "Bracknell",
        "A social club for Deaf people and BSL users in Bracknell Forest.",
        [
            "deaf-social",
            (
                "bsl-course",
                "Bracknell",
                {"names": ("BSL Taster Course",), "kinds": ("hall", "library")},
            ),
        ],
    ),
    (
        "Bracknell Polish Club",
        "community_group",
        "Bracknell",
        "Brings together Polish families in Bracknell and helps newcomers settle in.",
        ["polish-club"],
    ),
    (
        "Crowthorne Good Companions",
        "community_group",
        "Crowthorne",
        "An afternoon club for older people in Crowthorne, going strong for decades.",
        [("afternoon-club", "Crowthorne", {"names": ("Good Companions Afternoon",)})],
    ),
    (
        "Sandhurst Friendship Club",
        "community_group",
        "Sandhurst",
        "A social club for older residents of Sandhurst and Owlsmoor.",
        ["afternoon-club"],
    ),
    (
        "Bracknell Board Gamers",
        "community_group",
        "Bracknell",
        "A friendly group for people who love board and card games.",
        ["games-club"],
    ),
    (
        "Ascot Newcomers",
        "community_group",
        "Ascot",
        "A group helping people new to the Ascot area make friends.",
        ["newcomers-coffee"],
    ),
    (
        "Warfield Coffee Club",
        "community_group",
        "Warfield",
        "A community coffee morning at the Memorial Ground.",
        ["chatter-cafe"],
    ),
    (
        "Sandhurst Over-60s Lunch Club",
        "community_group",
        "Sandhurst",
        "A weekly lunch club for older people in Sandhurst.",
        ["lunch-club"],
    ),
    (
        "Binfield Pub Lunch Club",
        "community_group",
        "Binfield",
        "Monthly lunches at a village pub for anyone who would like company.",
        ["pub-lunch"],
    ),
    (
        "Crowthorne Village Good Neighbours",
        "community_group",
        "Crowthorne",
        "Volunteers helping Crowthorne neighbours with lifts, errands and a friendly chat.",
        ["good-neighbours"],
    ),
    (
        "Binfield Good Neighbours",
        "community_group",
        "Binfield",
        "A neighbourly help scheme run by Binfield volunteers.",
        ["good-neighbours"],
    ),
    (
        "Sandhurst Good Neighbours",
        "community_group",
        "Sandhurst",
        "Neighbours helping neighbours in Sandhurst, Owlsmoor and College Town.",
        ["good-neighbours"],
    ),
    (
        "Sunninghill Repair Café",
        "community_group",
        "Sunninghill",
        "A monthly repair café run by volunteer fixers.",
        ["repair-cafe"],
    ),
    (
        "Sandhurst Community Larder",
        "community_group",
        "Sandhurst",
        "A membership food larder reducing food waste and household bills.",
        ["community-larder"],
    ),
    (
        "Ascot Pay-as-you-feel Café",
        "community_group",
        "Ascot",
        "A community café serving surplus food on a pay-as-you-feel basis.",
        ["community-cafe"],
    ),
    (
        "Wokingham Job Club",
        "community_group",
        "Wokingham",
        "A volunteer-run job club at the library.",
        ["job-club"],
    ),
    (
        "Sandhurst Job Club",
        "community_group",
        "Sandhurst",
        "Help with job searching, CVs and applications in Sandhurst.",
        ["job-club"],
    ),
    (
        "Ascot Language Café",
        "community_group",
        "Ascot",
        "An English conversation café for people learning English.",
        ["language-cafe"],
    ),
    (
        "Bracknell Language Café",
        "community_group",
        "Bracknell",
        "Informal English conversation practice with local volunteers.",
        [("language-cafe", "Bracknell", {"langs": ("English", "Polish", "Nepali")})],
    ),
    (
        "Wokingham Conversation Club",
        "community_group",
        "Wokingham",
        "Conversation practice for speakers of other languages.",
        ["language-cafe"],
    ),
    (
        "Binfield Youth Club",
        "community_group",
        "Binfield",
        "A volunteer-run youth club for Binfield young people.",
        ["youth-club"],
    ),
    (
        "Warfield Youth Project",
        "community_group",
        "Warfield",
        "Youth work in Warfield and Whitegrove, run by local volunteers.",
        ["youth-club", ("youth-volunteering", "Warfield")],
    ),
    (
        "Ascot Youth Café",
        "community_group",
        "Ascot",
        "A drop-in youth café for young people in Ascot and Sunninghill.",
        ["youth-club"],
    ),
    (
        "Wokingham Young Carers",
        "charity",
        "Wokingham",
        "Support and breaks for young carers in Wokingham.",
        ["young-carers"],
    ),
    (
        "Sandhurst Stay and Play",
        "community_group",
        "Sandhurst",
        "A parent-run toddler group for Sandhurst families.",
        ["toddler-group"],
    ),
    (
        "Sandhurst Dads",
        "community_group",
        "Sandhurst",
        "A group for dads and their young children.",
        ["dads-group"],
    ),
    (
        "Ascot Twins and Multiples",
        "community_group",
        "Ascot",
        "Support and friendship for families with twins, triplets and more.",
        [("toddler-group", "Ascot", {"names": ("Twins and Multiples Group",)})],
    ),
    (
        "Crowthorne Feeding Friends",
        "community_group",
        "Crowthorne",
        "Peer support for feeding babies in Crowthorne.",
        ["baby-feeding"],
    ),
    (
        "College Town Children's Centre",
        "statutory",
        "College Town",
        "A council children's centre for families with children under five.",
        [
            ("rhyme-time", "College Town", {"kinds": ("children",)}),
            ("baby-feeding", "College Town"),
        ],
    ),
    (
        "Priestwood Children's Centre",
        "statutory",
        "Priestwood",
        "A council children's centre serving north Bracknell families.",
        [("family-learning", "Priestwood"), ("toddler-group", "Priestwood")],
    ),
    (
        "Heatherwood Patient Group",
        "health",
        "North Ascot",
        "Patients and volunteers supporting services at the local hospital.",
        [("hearing-help", "North Ascot"), ("health-mot", "North Ascot")],
    ),
    (
        "Binfield Surgery Patient Group",
        "health",
        "Binfield",
        "The patient participation group for Binfield Surgery.",
        [
            (
                "health-walk",
                "Binfield",
                {"venue": "popes-meadow", "names": ("Surgery Walking Group",)},
            )
        ],
    ),
    (
        "Sandhurst Group Practice Social Prescribing",
        "health",
        "Sandhurst",
        "Link workers based at the practice who help patients with non-medical needs.",
        [("connector-referral", "Sandhurst", {"names": ("Practice Link Worker",)})],
    ),
    (
        "Forest Fibre Arts",
        "community_group",
        "Hanworth",
        "Spinners, weavers and knitters sharing skills.",
        [
            (
                "knit-natter",
                "Hanworth",
                {"names": ("Spinning and Weaving Circle",), "texts": _FIBRE_TEXTS},
            )
        ],
    ),
    (
        "Owlsmoor Gardeners",
        "community_group",
        "Owlsmoor",
        "Gardening club that cares for the community beds in Owlsmoor.",
        ["community-garden"],
    ),
    (
        "Wildridings Warm Welcome",
        "community_group",
        "Wildridings",
        "Neighbours opening a warm space for the winter.",
        ["warm-space"],
    ),
    (
        "Whitegrove Reading Group",
        "community_group",
        "Whitegrove",
        "A friendly monthly book group at the library.",
        ["book-club"],
    ),
    (
        "Winkfield Row Walkers",
        "community_group",
        "Winkfield",
        "Country walks from Winkfield Row.",
        ["walking-group"],
    ),
    (
        "Ascot & Sunninghill LGBTQ+ Coffee",
        "community_group",
        "Sunninghill",
        "A daytime LGBTQ+ coffee morning.",
        [
            (
                "lgbtq-social",
                "Sunninghill",
                {
                    "names": ("LGBTQ+ Coffee Morning",),
                    "times": ("10:30-12:00",),
                    "kinds": ("cafe", "hall"),
                },
            )
        ],
    ),
    (
        "Crowthorne Ex-Services Association",
        "community_group",
        "Crowthorne",
        "Comradeship for ex-service men and women in Crowthorne.",
        ["veterans-breakfast"],
    ),
    (
        "Ascot Armed Forces Breakfast Club",
        "community_group",
        "Ascot",
        "A monthly breakfast for veterans in the Ascot area.",
        ["veterans-breakfast"],
    ),
    (
        "Forest Autism Social",
        "community_group",
        "Bracknell",
        "A social group for autistic adults, run by autistic volunteers.",
        [
            (
                "games-club",
                "Bracknell",
                {"audiences": ("disabled-people",), "names": ("Autistic Adults' Games Night",)},
            )
        ],
    ),
    (
        "Sandhurst Ukulele Jam",
        "community_group",
        "Sandhurst",
        "A ukulele jam in a local pub.",
        ["ukulele"],
    ),
    (
        "Crowthorne Digital Buddies",
        "community_group",
        "Crowthorne",
        "Volunteers helping older people get online.",
        ["digital-help"],
    ),
    (
        "Binfield Knit and Knatter",
        "community_group",
        "Binfield",
        "Knitters and crocheters meeting in Binfield.",
        ["knit-natter"],
    ),
    (
        "Wokingham Tai Chi Group",
        "community_group",
        "Wokingham",
        "Community tai chi classes.",
        ["tai-chi"],
    ),
    (
        "Forest Chair Yoga",
        "independent_provider",
        "Crowthorne",
        "Chair-based yoga and exercise for older adults.",
        [("chair-exercise", "Crowthorne"), ("chair-exercise", "Owlsmoor")],
    ),
    (
        "College Town Tea Dance",
        "community_group",
        "College Town",
        "A monthly tea dance organised by local volunteers.",
        ["tea-dance"],
    ),
    (
        "Wokingham Stroke Club",
        "charity",
        "Wokingham",
        "Weekly club for stroke survivors in Wokingham.",
        ["stroke-club"],
    ),
    (
        "Binfield Horticultural Society",
        "community_group",
        "Binfield",
        "A village gardening society with talks, shows and a shared growing plot.",
        ["community-garden"],
    ),
    (
        "Wokingham Walking Football",
        "community_group",
        "Wokingham",
        "Walking football for over-50s at the Carnival Hub.",
        ["walking-football"],
    ),
    (
        "Owlsmoor Good Neighbours",
        "community_group",
        "Owlsmoor",
        "Owlsmoor volunteers offering lifts, shopping and a friendly face.",
        ["good-neighbours"],
    ),
    (
        "Sunninghill Evergreens",
        "community_group",
        "Sunninghill",
        "An afternoon club for older people in Sunninghill village.",
        ["afternoon-club"],
    ),
    (
        "Ascot Widowed Friends",
        "community_group",
        "Ascot",
        "Friendship and outings for widowed people in Ascot.",
        ["widowed-social"],
    ),
    (
        "Forest Young Adults Club",
        "charity",
        "Wokingham",
        "Social evenings for adults with learning disabilities in Wokingham.",
        ["ld-social"],
    ),
]

# --------------------------------------------------------------------------------------------
# Invented people and contact details
# --------------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Sue",
    "Margaret",
    "Pat",
    "Jean",
    "Linda",
    "Carol",
    "Janet",
    "Helen",
    "Anne",
    "Julie",
    "Karen",
    "Debbie",
    "Sarah",
    "Claire",
    "Emma",
    "Rachel",
    "Hannah",
    "Grace",
    "Ruth",
    "Jo",
    "Bev",
    "Val",
    "Wendy",
    "Gill",
    "Lesley",
    "Priya",
    "Anita",
    "Nisha",
    "Dave",
    "John",
    "Pete",
    "Steve",
    "Mike",
    "Tony",
    "Keith",
    "Graham",
    "Alan",
    "Colin",
    "Barry",
    "Ian",
    "Martin",
    "Paul",
    "Rob",
    "Chris",
    "Gary",
    "Neil",
    "Tom",
    "James",
    "Ben",
    "Sam",
    "Dan",
    "Raj",
    "Sanjay",
    "Kwame",
    "Tunde",
    "Femi",
    "Owen",
    "Gareth",
    "Lucy",
    "Megan",
    "Amy",
    "Zoe",
)
LAST_NAMES = (
    "Ashworth",
    "Barlow",
    "Bennett",
    "Bradshaw",
    "Carter",
    "Chapman",
    "Clarke",
    "Cole",
    "Collins",
    "Dawson",
    "Ellis",
    "Fletcher",
    "Foster",
    "Gibson",
    "Hale",
    "Harding",
    "Hayes",
    "Holmes",
    "Hughes",
    "Jarvis",
    "Lambert",
    "Lawson",
    "Marsh",
    "Mason",
    "Mills",
    "Morgan",
    "Osei",
    "Parker",
    "Patel",
    "Pearce",
    "Quinn",
    "Reid",
    "Shah",
    "Sharma",
    "Shaw",
    "Simmons",
    "Stevens",
    "Turner",
    "Wade",
    "Walsh",
    "Webb",
    "Wells",
    "Whitfield",
    "Wood",
    "Wright",
    "Yates",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Kaur",
    "Gill",
    "Dunmore",
    "Ferris",
    "Kettle",
)
COMMUNITY_NAMES = {
    "Nepali": (
        ("Bikash", "Prakash", "Rajan", "Sita", "Kamala", "Gita", "Bhim", "Mina", "Laxmi"),
        ("Gurung", "Thapa", "Rai", "Limbu", "Magar", "Pun", "Tamang", "Shrestha"),
    ),
    "Polish": (
        ("Kasia", "Agnieszka", "Tomasz", "Piotr", "Marek", "Ewa", "Magda"),
        ("Nowak", "Mazur", "Kowalczyk", "Wojcik", "Krawczyk"),
    ),
    "Urdu": (
        ("Aisha", "Fatima", "Imran", "Tariq", "Sabina", "Nadia", "Yasmin"),
        ("Khan", "Hussain", "Ahmed", "Qureshi", "Iqbal", "Malik"),
    ),
}
EXTRA_LANGUAGES = (("Nepali", 0.07), ("Polish", 0.04), ("Urdu", 0.03), ("Malayalam", 0.02))
NEPALI_AREAS = {"Bracknell", "Ascot"}

ONLINE_PLATFORMS = ("Online (Zoom)", "Online (Microsoft Teams)", "Online (Google Meet)")

HOW_TO_JOIN = {
    "turn_up": (
        "Just turn up; doors open at {open}.",
        "No need to book. Just come along and introduce yourself.",
        "Just come along. If you would like someone to meet you at the door the first time, "
        "contact {who} beforehand.",
        "Drop in at any time during the session; there is no need to book.",
    ),
    "book": (
        "Ring {who} on {phone} to book your first session.",
        "Please book before your first visit by calling {phone} or emailing {email}.",
        "Places are limited, so book ahead with {who} on {phone}.",
        "Book by emailing {email}; we reply within two working days.",
    ),
    "referral": (
        "Ask your GP, link worker or community connector to refer you.",
        "You need a referral from a health or social care professional or a community "
        "connector; ring {phone} if you are not sure.",
        "Referrals are accepted from GPs, social workers and community connectors, and you can "
        "also refer yourself by calling {phone}.",
    ),
}
CLOSED_ALERTS_VENUE = (
    "Closed until {date} while the building is refurbished.",
    "Closed until {date} while the heating is replaced; we look forward to seeing you then.",
    "Taking a short break; sessions restart on {date}.",
    "Closed until {date} because of building work at the venue.",
)
CLOSED_ALERTS_OTHER = (
    "Paused until {date} while we recruit a new volunteer leader.",
    "Not taking new people until {date} while we clear our waiting list.",
)
CLOSING_LINES = {
    "step_free_access": "The building is step-free.",
    "accessible_toilet": "There is an accessible toilet.",
    "hearing_loop": "A hearing loop is available.",
    "parking": "There is free parking on site.",
    "blue_badge_parking": "Blue badge spaces are close to the entrance.",
    "near_bus_stop": "A bus stop is a few minutes' walk away.",
    "quiet_space": "There is a quiet room if you need a break.",
    "online": "If you have never used video calls before, a volunteer can talk you through it.",
    "phone": "Everything you tell us is confidential.",
    "home": "For privacy, the exact address is only shared once you have been in touch.",
}
WHEN_LINES = ("Sessions run {when} {at}.", "We meet {when} {at}.", "You will find us {at} {when}.")
CLOSED_FRACTION = 0.04
# Nothing reopens or holds a one-off event between Christmas Eve and New Year's Day.
HOLIDAY_START, HOLIDAY_END = (12, 24), (1, 1)


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


_WORSHIP_WORDS = ("Church", "Islamic Centre", "Mosque", "Gurdwara", "Temple", "Chapel")


def _is_place_of_worship(venue: dict) -> bool:
    """A church, mosque or temple itself (not a hall anyone may hire): used only by its own."""
    name = venue["name"]
    return (
        any(word in name for word in _WORSHIP_WORDS)
        and not any(word in name for word in ("Hall", "Rooms", "Centre,"))
    ) or name.endswith("Islamic Centre")


def _own_venues(org: dict, venues: list[dict]) -> list[dict]:
    """A faith group meets in its own building: venues whose name starts like the group's."""
    if org.get("organisation_type") != "faith_group":
        return []
    stem = " ".join(org["name"].split(",")[0].split()[:2])
    return [v for v in venues if v["name"].startswith(stem)]


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.lower().replace("&", " and ").replace("+", " plus ")
    text = re.sub(r"['’]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _pounds(amount: str) -> str:
    value = float(amount)
    if value < 1:
        return f"{round(value * 100)}p"
    return f"£{value:.0f}" if value == int(value) else f"£{value:.2f}"


def _clock(hhmm: str) -> str:
    hour, minute = (int(part) for part in hhmm.split(":"))
    suffix = "am" if hour < 12 else "pm"
    hour12 = hour % 12 or 12
    return f"{hour12}{suffix}" if minute == 0 else f"{hour12}:{minute:02d}{suffix}"


def _part_of_day(hhmm: str) -> str:
    hour = int(hhmm[:2])
    if hour < 12:
        return "morning"
    if hour < 14:
        return "lunchtime"
    return "afternoon" if hour < 17 else "evening"


def _long_date(day: datetime.date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    if nth > 0:
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last = next_month - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


def _months_back(day: datetime.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - months
    return index // 12, index % 12 + 1


def _sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text))


def _domain(org_key: str, org_type: str) -> str:
    tld = "co.uk" if org_type in ("social_enterprise", "independent_provider") else "org.uk"
    return f"{org_key[:40].rstrip('-')}.{tld}"


class _PhonePool:
    """Unique numbers from the Ofcom drama ranges (01632 960xxx, 07700 900xxx)."""

    def __init__(self, rng: random.Random) -> None:
        self.pools = {
            False: [f"01632 960{n:03d}" for n in range(1000)],
            True: [f"07700 900{n:03d}" for n in range(1000)],
        }
        for pool in self.pools.values():
            rng.shuffle(pool)

    def take(self, mobile: bool) -> str:
        return self.pools[mobile].pop()


def _normalise_spec(spec, home_place: str) -> tuple[str, str, dict]:
    if isinstance(spec, str):
        return spec, home_place, {}
    if len(spec) == 2:
        return spec[0], spec[1], {}
    return spec[0], spec[1], dict(spec[2])


# --------------------------------------------------------------------------------------------
# The builder
# --------------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self.rng = random.Random(SEED)
        self.phones = _PhonePool(self.rng)
        self.postcodes: set[str] = set()
        self.name_use: Counter[str] = Counter()
        self.names_by_org: dict[str, set[str]] = {}
        self.text_use: Counter[str] = Counter()
        self.venue_use: Counter[str] = Counter()
        self.venue_kinds: dict[str, tuple[str, ...]] = {}
        self.venues = [self._venue(row) for row in VENUES]
        self.venue_by_key = {venue["key"]: venue for venue in self.venues}
        self.organisations: list[dict] = []
        self.services: list[dict] = []
        self.service_keys: set[str] = set()

    def build(self) -> dict:
        for name, org_type, home, description, specs in ORGS:
            org = self._organisation(name, org_type, description)
            for spec in specs:
                self.services.append(self._service(org, *_normalise_spec(spec, home)))
        self._close_some()
        return {
            "organisations": self.organisations,
            "venues": self.venues,
            "services": self.services,
        }

    # ---- places and venues -----------------------------------------------------------------

    def _postcode(self, place: str) -> str:
        district = self.rng.choice(places.postcode_districts(place))
        sectors = places.postcode_sectors(place, district)
        while True:
            letters = "".join(self.rng.choice(places.UNIT_LETTERS) for _ in range(2))
            postcode = f"{district} {self.rng.choice(sectors)}{letters}"
            if postcode not in self.postcodes:
                self.postcodes.add(postcode)
                return postcode

    def _coordinates(self, place: str, fixed: tuple[int, int] | None) -> tuple[float, float]:
        if fixed is None:
            radius = 600 if places.is_neighbourhood(place) else 1800
            angle = self.rng.uniform(0, 2 * math.pi)
            distance = radius * math.sqrt(self.rng.uniform(0.02, 1))
            fixed = (distance * math.cos(angle), distance * math.sin(angle))
        lat, lon = places.offset(*places.town_centre(place), *fixed)
        return round(lat, 6), round(lon, 6)

    def _accessibility(self, kind: str) -> list[str]:
        chances = ACCESS_PROFILES[kind]
        return [
            code
            for code, tenths in zip(ACCESSIBILITY, chances, strict=True)
            if self.rng.random() * 10 < tenths
        ]

    def _venue(self, row: tuple) -> dict:
        name, street, place, kinds, fixed = row
        key = slugify(name)
        self.venue_kinds[key] = tuple(kinds.split())
        lat, lon = self._coordinates(place, fixed)
        return {
            "key": key,
            "name": name,
            "address_1": street,
            "town": place,
            "postal_code": self._postcode(place),
            "latitude": lat,
            "longitude": lon,
            "accessibility": self._accessibility(kinds.split()[0]),
        }

    def _pick_venue(self, tpl: Tpl, place: str, pinned: str | None, org: dict) -> dict:
        if pinned:
            return self.venue_by_key[pinned]
        parent = places.parent_town(place)
        own = [v for v in _own_venues(org, self.venues) if places.parent_town(v["town"]) == parent]
        if own:
            return self._least_used(own)
        usable = [v for v in self.venues if not _is_place_of_worship(v)]
        pools = (
            [v for v in usable if v["town"] == place],
            [v for v in usable if places.parent_town(v["town"]) == parent],
            usable,
        )
        for pool in pools:
            fits = [v for v in pool if set(self.venue_kinds[v["key"]]) & set(tpl.kinds)]
            if fits:
                return self._least_used(fits)
        return self._least_used(pools[0] or pools[1])

    def _least_used(self, venues: list[dict]) -> dict:
        shuffled = list(venues)
        self.rng.shuffle(shuffled)
        chosen = min(shuffled, key=lambda v: self.venue_use[v["key"]])
        self.venue_use[chosen["key"]] += 1
        return chosen

    # ---- organisations ---------------------------------------------------------------------

    def _organisation(self, name: str, org_type: str, description: str) -> dict:
        key = slugify(name)
        domain = _domain(key, org_type)
        official = org_type in ("statutory", "health")
        website = f"https://www.{domain}" if official or self.rng.random() < 0.85 else None
        email = None
        if official or self.rng.random() < 0.8:
            email = f"{self.rng.choice(('hello', 'info', 'contact', 'enquiries'))}@{domain}"
        phone = None
        if official or self.rng.random() < 0.75:
            mobile = org_type == "community_group" and self.rng.random() < 0.6
            phone = self.phones.take(mobile)
        org = {
            "key": key,
            "name": name,
            "description": description,
            "organisation_type": org_type,
            "email": email,
            "website": website,
            "phone": phone,
            "charity_number": self._charity_number(org_type),
        }
        self.organisations.append(org)
        self.names_by_org[key] = set()
        org["_domain"] = domain
        return org

    def _charity_number(self, org_type: str) -> str | None:
        chance = {"charity": 1.0, "faith_group": 0.4, "community_group": 0.15}.get(org_type, 0)
        if self.rng.random() < chance:
            return str(self.rng.randint(1_050_000, 1_209_999))
        return None

    # ---- services --------------------------------------------------------------------------

    def _service(self, org: dict, tpl_id: str, place: str, over: dict) -> dict:
        pinned = over.pop("venue", None)
        tpl = replace(TEMPLATES[tpl_id], **over)
        location, venue, place = self._location(tpl, org, place, pinned)
        schedules = self._schedules(tpl)
        ctx = self._context(tpl, org, place, venue, schedules)
        name = self._name(tpl, ctx, org["key"])
        contact = self._contact(tpl, org)
        return {
            "key": self._service_key(org["key"], name),
            "organisation": org["key"],
            "name": name,
            "description": self._description(tpl, ctx, venue, location),
            "status": "active",
            "alert": None,
            "needs": list(tpl.needs),
            "audiences": list(tpl.audiences),
            "activity_types": list(tpl.types),
            "minimum_age": tpl.ages[0],
            "maximum_age": tpl.ages[1],
            "eligibility_description": self._eligibility(tpl),
            "how_to_join": tpl.join,
            "application_process": self._how_to_join(tpl, contact, org, schedules),
            "costs": self._costs(tpl),
            "fees_description": self._fees(tpl),
            "location": location,
            "schedules": schedules,
            "contact": contact,
            "languages": self._languages(tpl, place),
            "last_reviewed_days_ago": self.rng.randint(0, 330),
            "url": self._url(org, name),
        }

    def _service_key(self, org_key: str, name: str) -> str:
        base = slugify(f"{org_key}-{name}")
        key, n = base, 2
        while key in self.service_keys:
            key, n = f"{base}-{n}", n + 1
        self.service_keys.add(key)
        return key

    def _location(self, tpl: Tpl, org: dict, place: str, pinned: str | None):
        if tpl.where == "online":
            platform = (
                "Phone and online" if "helpline" in tpl.types else self.rng.choice(ONLINE_PLATFORMS)
            )
            url = f"https://www.{org['_domain']}/join/{slugify(tpl.id)}"
            return {"online": {"name": platform, "url": url}}, None, place
        if tpl.where == "home":
            return {"home": {"town": place, "postal_code": self._postcode(place)}}, None, place
        venue = self._pick_venue(tpl, place, pinned, org)
        return {"venue": venue["key"]}, venue, venue["town"]

    def _context(self, tpl: Tpl, org: dict, place: str, venue: dict | None, schedules) -> dict:
        if venue is not None:
            at = f"at {venue['name']}"
        elif tpl.where == "online":
            at = "online"
        else:
            at = f"in a volunteer's home in {place}"
        first = schedules[0] if schedules else None
        return {
            "place": place,
            "venue": venue["name"] if venue else None,
            "day": self._day_name(first),
            "when": self._when(schedules),
            "one_off": bool(first and first["freq"] is None),
            "at": at,
            "org": org["name"],
        }

    def _name(self, tpl: Tpl, ctx: dict, org_key: str) -> str:
        options = [n for n in tpl.names if self._fillable(n, ctx)] or [
            tpl.names[0].split("{")[0].strip()
        ]
        names = [n.format(**ctx) for n in options]
        self.rng.shuffle(names)
        names.sort(key=lambda n: self.name_use[n])
        taken = self.names_by_org[org_key]
        fresh = [n for n in names if n not in taken and self.name_use[n] < MAX_NAME_REPEATS]
        name = fresh[0] if fresh else self._disambiguate(names[0], ctx, taken)
        taken.add(name)
        self.name_use[name] += 1
        return name

    def _disambiguate(self, base: str, ctx: dict, taken: set[str]) -> str:
        for extra in (ctx["place"], ctx["venue"], ctx["day"]):
            candidate = f"{base} ({extra})"
            if (
                extra
                and extra not in base
                and candidate not in taken
                and not self.name_use[candidate]
            ):
                return candidate
        n = 2
        while f"{base} {n}" in taken:
            n += 1
        return f"{base} {n}"

    @staticmethod
    def _fillable(pattern: str, ctx: dict) -> bool:
        fields = re.findall(r"{(\w+)}", pattern)
        return all(ctx.get(field) for field in fields)

    def _description(self, tpl: Tpl, ctx: dict, venue: dict | None, location: dict) -> str:
        text = self._pick_text(tpl, ctx).format(**ctx)
        for extra in (self._when_line(ctx, text), self._closing_line(venue, location)):
            if extra and _sentences(text) < 5 and self.rng.random() < 0.7:
                text = f"{text} {extra}"
        return text

    def _pick_text(self, tpl: Tpl, ctx: dict) -> str:
        """The least-used fillable text variant of the template, ties broken at random."""
        texts = [t for t in tpl.texts if self._fillable(t, ctx)] or list(tpl.texts[:1])
        self.rng.shuffle(texts)
        text = min(texts, key=lambda t: self.text_use[t])
        self.text_use[text] += 1
        return text

    def _when_line(self, ctx: dict, text: str) -> str | None:
        if not ctx["when"] or ctx["when"] in text:
            return None
        pattern = "It takes place {when} {at}." if ctx["one_off"] else self.rng.choice(WHEN_LINES)
        if ctx["at"] in text:
            pattern = pattern.replace(" {at}", "")
        return pattern.format(**ctx)

    def _closing_line(self, venue: dict | None, location: dict) -> str | None:
        if "online" in location:
            return CLOSING_LINES[
                "phone" if location["online"]["name"].startswith("Phone") else "online"
            ]
        if venue is None:
            return CLOSING_LINES["home"]
        codes = [c for c in venue["accessibility"] if c in CLOSING_LINES]
        if not codes:
            return None
        return CLOSING_LINES[self.rng.choice(codes)]

    def _eligibility(self, tpl: Tpl) -> str | None:
        if tpl.elig:
            return tpl.elig
        low, high = tpl.ages
        if low is not None and high is not None:
            who = "children and young people" if low < 11 else "young people"
            return f"For {who} aged {low} to {high}." if high <= 25 else f"Ages {low} to {high}."
        if low is not None and low >= 50:
            return f"For people aged {low} and over."
        if low is not None:
            return (
                f"Adults aged {low} and over."
                if low >= 18
                else f"Open to anyone aged {low} and over."
            )
        return None

    def _costs(self, tpl: Tpl) -> list[dict]:
        costs = []
        for option, amounts, description in tpl.costs:
            amount = f"{float(self.rng.choice(amounts.split('|'))):.2f}"
            costs.append(
                {
                    "option": option,
                    "amount": amount,
                    "amount_description": description.format(amount=_pounds(amount)),
                }
            )
        return costs

    def _fees(self, tpl: Tpl) -> str | None:
        if tpl.fees:
            return tpl.fees
        if tpl.costs:
            return self.rng.choice(
                (
                    None,
                    None,
                    "Concessions available; nobody is turned away for lack of money.",
                    "Cash or card accepted.",
                )
            )
        return self.rng.choice((None, "Free.", "Free of charge."))

    def _contact(self, tpl: Tpl, org: dict) -> dict:
        name = None
        if self.rng.random() < 0.9:
            community = next((lang for lang in tpl.langs if lang in COMMUNITY_NAMES), None)
            firsts, lasts = COMMUNITY_NAMES.get(community, (FIRST_NAMES, LAST_NAMES))
            name = f"{self.rng.choice(firsts)} {self.rng.choice(lasts)}"
        email = None
        if self.rng.random() < 0.7:
            local = name.split()[0].lower() if name else "enquiries"
            email = f"{local}@{org['_domain']}"
        phone = None
        if self.rng.random() < 0.75 or (tpl.join == "book" and not email):
            mobile = org["organisation_type"] in ("community_group", "faith_group")
            phone = self.phones.take(mobile and self.rng.random() < 0.7)
        return {"name": name, "title": tpl.title, "email": email, "phone": phone}

    def _how_to_join(self, tpl: Tpl, contact: dict, org: dict, schedules: list[dict]) -> str:
        if tpl.how:
            return self.rng.choice(tpl.how)
        values = {
            "who": contact["name"].split()[0] if contact["name"] else f"the {tpl.title.lower()}",
            "phone": contact["phone"] or org["phone"],
            "email": contact["email"] or org["email"],
            "open": _clock(schedules[0]["opens_at"]) if schedules else None,
        }
        options = [t for t in HOW_TO_JOIN[tpl.join] if self._fillable(t, values)]
        if not options:
            return "Get in touch through our website to find out how to join."
        return self.rng.choice(options).format(**values)

    def _languages(self, tpl: Tpl, place: str) -> list[str]:
        languages = list(tpl.langs)
        for language, chance in EXTRA_LANGUAGES:
            if language == "Nepali" and places.parent_town(place) in NEPALI_AREAS:
                chance *= 2
            if language not in languages and self.rng.random() < chance:
                languages.append(language)
        return languages

    def _url(self, org: dict, name: str) -> str | None:
        if org["website"] and self.rng.random() < 0.45:
            return f"{org['website']}/{slugify(name)}"
        return None

    # ---- schedules -------------------------------------------------------------------------

    def _schedules(self, tpl: Tpl) -> list[dict]:
        kind = self.rng.choice(tpl.sched)
        days = tpl.days.split()
        times = self.rng.choice(tpl.times)
        if kind == "none":
            return []
        if kind == "oneoff":
            event = self._one_off(days, times, tpl.note)
            if tpl.note == "seasonal":
                event["description"] = self._seasonal(event["dtstart"])
            return [event]
        if kind == "monthly":
            return [self._monthly(self.rng.choice(days), times)]
        if kind == "twice" and len(days) > 1:
            first, second = sorted(self.rng.sample(days, 2), key=DAY_CODES.index)
            return [
                self._weekly(first, 1, times, tpl.note),
                self._weekly(second, 1, times, tpl.note),
            ]
        interval = 2 if kind == "fortnightly" else 1
        weekly = self._weekly(self.rng.choice(days), interval, times, tpl.note)
        if kind != "plus":
            return [weekly]
        event = self._one_off([weekly["byday"]], times, None)
        event["description"] = self._seasonal(event["dtstart"])
        return [weekly, event]

    def _seasonal(self, iso_date: str) -> str:
        day = datetime.date.fromisoformat(iso_date)
        month = 1 if (day.month, day.day) > (12, 23) else day.month
        return self.rng.choice(SEASONAL_EVENTS[month])

    def _weekly(self, day: str, interval: int, times: str, note: str | None) -> dict:
        weekday = DAY_CODES.index(day)
        latest = self.today - datetime.timedelta(days=(self.today.weekday() - weekday) % 7)
        start = latest - datetime.timedelta(weeks=self.rng.randint(1, 90))
        opens, closes = times.split("-")
        return {
            "freq": "WEEKLY",
            "interval": interval,
            "byday": day,
            "opens_at": opens,
            "closes_at": closes,
            "dtstart": start.isoformat(),
            "description": note,
        }

    def _monthly(self, day: str, times: str) -> dict:
        nth = self.rng.choice((1, 2, 3, 4, -1))
        year, month = _months_back(self.today, self.rng.randint(1, 18))
        start = _nth_weekday(year, month, DAY_CODES.index(day), nth)
        opens, closes = times.split("-")
        return {
            "freq": "MONTHLY",
            "interval": 1,
            "byday": f"{nth}{day}",
            "opens_at": opens,
            "closes_at": closes,
            "dtstart": start.isoformat(),
            "description": None,
        }

    def _one_off(self, days: list[str], times: str, note: str | None) -> dict:
        window = [
            self.today + datetime.timedelta(days=n) for n in range(4, ONE_OFF_HORIZON_DAYS + 1)
        ]
        fits = [d for d in window if DAY_CODES[d.weekday()] in days]
        day = self.rng.choice([d for d in fits if not _in_holiday(d)] or fits)
        opens, closes = times.split("-")
        return {
            "freq": None,
            "dtstart": day.isoformat(),
            "opens_at": opens,
            "closes_at": closes,
            "description": note,
        }

    @staticmethod
    def _day_name(schedule: dict | None) -> str | None:
        if schedule is None:
            return None
        if schedule["freq"] is None:
            return f"{datetime.date.fromisoformat(schedule['dtstart']):%A}"
        return DAY_NAMES[schedule["byday"][-2:]]

    def _when(self, schedules: list[dict]) -> str | None:
        if not schedules:
            return None
        first = schedules[0]
        part = _part_of_day(first["opens_at"])
        if first["freq"] is None:
            return f"on {_long_date(datetime.date.fromisoformat(first['dtstart']))}"
        day = DAY_NAMES[first["byday"][-2:]]
        if first["freq"] == "MONTHLY":
            return f"on the {ORDINALS[int(first['byday'][:-2])]} {day} of every month"
        if len(schedules) > 1 and schedules[1]["freq"] == "WEEKLY":
            return f"on {day}s and {DAY_NAMES[schedules[1]['byday']]}s"
        return f"every other {day} {part}" if first["interval"] == 2 else f"every {day} {part}"

    # ---- temporary closures ----------------------------------------------------------------

    def _close_some(self) -> None:
        regular = [s for s in self.services if not s["schedules"] or s["schedules"][0]["freq"]]
        count = max(5, round(len(self.services) * CLOSED_FRACTION))
        for service in self.rng.sample(regular, count):
            reopen = self._reopening(service["schedules"])
            alerts = CLOSED_ALERTS_VENUE if "venue" in service["location"] else CLOSED_ALERTS_OTHER
            service["status"] = "temporarily closed"
            service["alert"] = self.rng.choice(alerts).format(date=_long_date(reopen))
            service["last_reviewed_days_ago"] = self.rng.randint(0, 30)

    def _reopening(self, schedules: list[dict]) -> datetime.date:
        day = self.today + datetime.timedelta(days=self.rng.randint(14, 90))
        weekday = DAY_CODES.index(schedules[0]["byday"][-2:]) if schedules else None
        while _in_holiday(day) or (weekday is not None and day.weekday() != weekday):
            day += datetime.timedelta(days=1)
        return day


def _in_holiday(day: datetime.date) -> bool:
    return (day.month, day.day) >= HOLIDAY_START or (day.month, day.day) <= HOLIDAY_END


def build_catalogue(today: datetime.date) -> dict:
    """Build the demo catalogue: {"organisations": [...], "venues": [...], "services": [...]}."""
    catalogue = _Builder(today).build()
    for org in catalogue["organisations"]:
        org.pop("_domain", None)
    return catalogue


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------

_TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
_AMOUNT_RE = re.compile(r"^[0-9]+\.[0-9]{2}$")
_BYDAY_RE = re.compile(r"^(-1|[1-4])?(MO|TU|WE|TH|FR|SA|SU)$")


def _duplicates(values) -> list[str]:
    return sorted(value for value, n in Counter(values).items() if n > 1)


def _check_keys(catalogue: dict) -> list[str]:
    problems = []
    for section in ("organisations", "venues", "services"):
        for key in _duplicates(item["key"] for item in catalogue[section]):
            problems.append(f"{section}: duplicate key {key}")
    return problems


def _check_organisation(org: dict) -> list[str]:
    problems = []
    if org["organisation_type"] not in ORGANISATION_TYPES:
        problems.append(f"organisation {org['key']}: unknown type {org['organisation_type']}")
    if not org["name"] or not org["description"]:
        problems.append(f"organisation {org['key']}: missing name or description")
    return problems


def _check_postcode(label: str, postcode: str, town: str) -> list[str]:
    if not places.is_valid_postcode(postcode):
        return [f"{label}: bad postcode format {postcode!r}"]
    if not places.postcode_in_place(postcode, town):
        return [f"{label}: postcode {postcode} is outside {town}"]
    return []


def _check_venue(venue: dict) -> list[str]:
    label = f"venue {venue['key']}"
    problems = _check_postcode(label, venue["postal_code"], venue["town"])
    if venue["town"] not in places.PLACE_NAMES:
        problems.append(f"{label}: unknown town {venue['town']}")
    problems += [
        f"{label}: unknown accessibility {c}"
        for c in venue["accessibility"]
        if c not in ACCESSIBILITY
    ]
    lat, lon = places.town_centre(venue["town"]) if venue["town"] in places.PLACE_NAMES else (0, 0)
    if math.hypot((venue["latitude"] - lat) * 111_320, (venue["longitude"] - lon) * 69_500) > 2600:
        problems.append(f"{label}: more than 2.5 km from the centre of {venue['town']}")
    return problems


def _check_coordinates(venues: list[dict]) -> list[str]:
    points = [(v["latitude"], v["longitude"]) for v in venues]
    return [f"venues: duplicate coordinates {point}" for point in _duplicates(points)]


def _check_slugs(label: str, service: dict) -> list[str]:
    problems = []
    for field, allowed, low, high in (
        ("needs", NEEDS, 1, 3),
        ("audiences", AUDIENCES, 0, 3),
        ("activity_types", ACTIVITY_TYPES, 1, 2),
    ):
        values = service[field]
        if not low <= len(values) <= high or len(set(values)) != len(values):
            problems.append(f"{label}: {field} must hold {low} to {high} distinct slugs")
        problems += [f"{label}: unknown {field} slug {v}" for v in values if v not in allowed]
    return problems


def _check_location(label: str, location: dict, venue_keys: set[str]) -> list[str]:
    if set(location) == {"venue"}:
        return (
            []
            if location["venue"] in venue_keys
            else [f"{label}: unknown venue {location['venue']}"]
        )
    if set(location) == {"online"}:
        url = location["online"].get("url", "")
        return (
            [] if url.startswith("https://") else [f"{label}: online location needs an https url"]
        )
    if set(location) == {"home"}:
        home = location["home"]
        return _check_postcode(label, home["postal_code"], home["town"])
    return [f"{label}: location must be exactly one of venue, online or home"]


def _check_byday(label: str, schedule: dict) -> list[str]:
    match = _BYDAY_RE.match(schedule.get("byday") or "")
    if not match:
        return [f"{label}: bad byday {schedule.get('byday')!r}"]
    nth, day = match.groups()
    start = datetime.date.fromisoformat(schedule["dtstart"])
    if DAY_CODES[start.weekday()] != day:
        return [f"{label}: dtstart {start} is not a {DAY_NAMES[day]}"]
    if schedule["freq"] == "WEEKLY" and nth:
        return [f"{label}: weekly byday must not have a position"]
    if schedule["freq"] == "MONTHLY":
        if not nth:
            return [f"{label}: monthly byday needs a position"]
        if _nth_weekday(start.year, start.month, start.weekday(), int(nth)) != start:
            return [f"{label}: dtstart {start} is not the {nth} {DAY_NAMES[day]} of its month"]
    return []


def _check_schedule(label: str, schedule: dict) -> list[str]:
    problems = []
    opens, closes = schedule.get("opens_at", ""), schedule.get("closes_at", "")
    if not (_TIME_RE.match(opens) and _TIME_RE.match(closes)):
        problems.append(f"{label}: bad times {opens!r}-{closes!r}")
    elif closes <= opens:
        problems.append(f"{label}: closes_at {closes} is not after opens_at {opens}")
    try:
        datetime.date.fromisoformat(schedule["dtstart"])
    except (KeyError, TypeError, ValueError):
        return [*problems, f"{label}: bad dtstart {schedule.get('dtstart')!r}"]
    freq = schedule.get("freq")
    if freq is None:
        return problems
    if freq not in ("WEEKLY", "MONTHLY"):
        return [*problems, f"{label}: unknown freq {freq!r}"]
    if schedule.get("interval") not in ((1, 2) if freq == "WEEKLY" else (1,)):
        problems.append(f"{label}: bad interval {schedule.get('interval')!r}")
    return problems + _check_byday(label, schedule)


def _check_costs(label: str, service: dict) -> list[str]:
    return [
        f"{label}: bad cost amount {cost['amount']!r}"
        for cost in service["costs"]
        if not _AMOUNT_RE.match(cost["amount"])
    ]


def _check_service(service: dict, org_keys: set[str], venue_keys: set[str]) -> list[str]:
    label = f"service {service['key']}"
    problems = [] if service["organisation"] in org_keys else [f"{label}: unknown organisation"]
    problems += _check_slugs(label, service)
    problems += _check_location(label, service["location"], venue_keys)
    problems += _check_costs(label, service)
    if service["how_to_join"] not in JOIN_METHODS:
        problems.append(f"{label}: unknown how_to_join {service['how_to_join']!r}")
    if service["status"] not in STATUSES:
        problems.append(f"{label}: unknown status {service['status']!r}")
    if (service["status"] == "temporarily closed") != bool(service["alert"]):
        problems.append(f"{label}: closed services need an alert, and only they")
    low, high = service["minimum_age"], service["maximum_age"]
    if low is not None and high is not None and low > high:
        problems.append(f"{label}: minimum_age is above maximum_age")
    if not 0 <= service["last_reviewed_days_ago"] <= 330:
        problems.append(f"{label}: last_reviewed_days_ago out of range")
    if len(service["schedules"]) > 2:
        problems.append(f"{label}: more than two schedules")
    for i, schedule in enumerate(service["schedules"]):
        problems += _check_schedule(f"{label} schedule {i}", schedule)
    if "{" in service["name"] + service["description"] + service["application_process"]:
        problems.append(f"{label}: unfilled placeholder")
    return problems


def _check_service_names(services: list[dict]) -> list[str]:
    pairs = [(s["organisation"], s["name"]) for s in services]
    return [
        f"organisation {org}: duplicate service name {name!r}" for org, name in _duplicates(pairs)
    ]


def validate(catalogue: dict) -> list[str]:
    """Return a list of problems with the catalogue; an empty list means it is consistent."""
    org_keys = {org["key"] for org in catalogue["organisations"]}
    venue_keys = {venue["key"] for venue in catalogue["venues"]}
    problems = _check_keys(catalogue)
    for org in catalogue["organisations"]:
        problems += _check_organisation(org)
    for venue in catalogue["venues"]:
        problems += _check_venue(venue)
    problems += _check_coordinates(catalogue["venues"])
    for service in catalogue["services"]:
        problems += _check_service(service, org_keys, venue_keys)
    problems += _check_service_names(catalogue["services"])
    return problems


# --------------------------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------------------------


def summarise(catalogue: dict) -> dict[str, Counter]:
    services = catalogue["services"]
    freq: Counter[str] = Counter()
    for service in services:
        kinds = {_freq_label(s) for s in service["schedules"]} or {"no schedule"}
        freq.update(kinds)
    return {
        "totals": Counter(
            organisations=len(catalogue["organisations"]),
            venues=len(catalogue["venues"]),
            services=len(services),
            organisations_with_services=len({s["organisation"] for s in services}),
            online=sum("online" in s["location"] for s in services),
            home=sum("home" in s["location"] for s in services),
            temporarily_closed=sum(s["status"] == "temporarily closed" for s in services),
        ),
        "needs": Counter(need for s in services for need in s["needs"]),
        "audiences": Counter(aud for s in services for aud in s["audiences"]),
        "activity types": Counter(t for s in services for t in s["activity_types"]),
        "services by schedule kind": freq,
    }


def _freq_label(schedule: dict) -> str:
    if schedule["freq"] is None:
        return "one-off"
    if schedule["freq"] == "MONTHLY":
        return "monthly"
    return "fortnightly" if schedule["interval"] == 2 else "weekly"


def _print_summary(summary: dict[str, Counter]) -> None:
    for title, counter in summary.items():
        print(f"\n{title}:")
        for label, count in sorted(counter.items(), key=lambda item: (-item[1], item[0])):
            print(f"  {label:40} {count}")


if __name__ == "__main__":
    built = build_catalogue(datetime.date.today())
    issues = validate(built)
    _print_summary(summarise(built))
    print(f"\nvalidate(): {len(issues)} problem(s)")
    for issue in issues:
        print(f"  - {issue}")
