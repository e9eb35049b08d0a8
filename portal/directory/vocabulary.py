"""The three vocabularies every listing is described with, and the accessibility facts.

These are product data, not demo data: a fresh production directory loads them too
(`flask directory load-vocabulary`). Codes are stable: URLs and the ORUK feed use them.
"""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    code: str
    name: str
    description: str


class Vocabulary(NamedTuple):
    slug: str
    name: str
    description: str
    terms: tuple[Term, ...]


NEEDS = Vocabulary(
    "needs",
    "Needs",
    "What a person is looking for help with.",
    (
        Term(
            "loneliness-and-company",
            "Loneliness and company",
            "Meet people, make friends and feel less alone.",
        ),
        Term(
            "getting-active",
            "Getting active",
            "Walking, exercise, sport and gentle movement for every ability.",
        ),
        Term(
            "mental-wellbeing",
            "Mental wellbeing",
            "Support with stress, anxiety, low mood and feeling better.",
        ),
        Term(
            "money-and-debt",
            "Money and debt",
            "Benefits, debt advice, budgeting and help with bills.",
        ),
        Term(
            "housing",
            "Housing",
            "Somewhere to live, staying in your home, and problems with housing.",
        ),
        Term(
            "carers-support",
            "Carers' support",
            "Help and a break for people who look after someone.",
        ),
        Term("bereavement", "Bereavement", "Support after someone close to you has died."),
        Term(
            "learning-and-skills",
            "Learning and skills",
            "Courses, classes, computers and learning something new.",
        ),
        Term("volunteering", "Volunteering", "Give your time, use your skills and meet people."),
        Term("food", "Food", "Lunch clubs, community meals, food banks and cooking."),
        Term(
            "arts-and-creativity",
            "Arts and creativity",
            "Crafts, music, singing, writing, drama and art.",
        ),
        Term(
            "nature-and-outdoors",
            "Nature and outdoors",
            "Gardening, conservation, parks and getting outside.",
        ),
        Term(
            "practical-help-at-home",
            "Practical help at home",
            "Shopping, transport, small repairs and help to stay independent.",
        ),
        Term(
            "long-term-conditions",
            "Living with a long-term condition",
            "Support for diabetes, heart and lung conditions, pain and more.",
        ),
        Term(
            "memory-and-dementia",
            "Memory and dementia",
            "Support for people living with dementia and those who care for them.",
        ),
        Term(
            "work-and-employment",
            "Work and employment",
            "Finding work, getting back to work, and skills for work.",
        ),
    ),
)

AUDIENCES = Vocabulary(
    "audiences",
    "Who it is for",
    "The people an activity is especially for. Activities without one are for everyone.",
    (
        Term("older-people", "Older people", "Activities for people in later life."),
        Term("carers", "Carers", "For people who look after a family member or friend."),
        Term(
            "parents-with-young-children",
            "Parents with young children",
            "For parents, carers and their babies and toddlers.",
        ),
        Term("young-people", "Young people", "For teenagers and young adults."),
        Term(
            "people-with-learning-disabilities",
            "People with learning disabilities",
            "Activities that welcome and support people with learning disabilities.",
        ),
        Term(
            "people-with-long-term-conditions",
            "People with long-term conditions",
            "For people living with a long-term health condition.",
        ),
        Term(
            "people-living-with-dementia",
            "People living with dementia",
            "For people with dementia, often with the person who cares for them.",
        ),
        Term("disabled-people", "Disabled people", "Activities designed with disabled people."),
        Term("men", "Men", "Groups for men."),
        Term("women", "Women", "Groups for women."),
        Term("lgbtq-plus", "LGBTQ+", "For lesbian, gay, bisexual, trans and queer people."),
        Term("veterans", "Veterans", "For people who have served in the armed forces."),
    ),
)

ACTIVITY_TYPES = Vocabulary(
    "activity-types",
    "Activity types",
    "What kind of thing happens.",
    (
        Term("social-group", "Social group", "A regular get-together."),
        Term("lunch-club-or-cafe", "Lunch club or café", "A meal or a cuppa with company."),
        Term(
            "peer-support-group",
            "Peer support group",
            "People with shared experience supporting each other.",
        ),
        Term("befriending", "Befriending", "A regular visit or call from a volunteer."),
        Term("walking-group", "Walking group", "Led walks at a gentle or brisk pace."),
        Term("exercise-class", "Exercise class", "A class led by an instructor."),
        Term("sport", "Sport", "Team and individual sports."),
        Term("advice-and-guidance", "Advice and guidance", "Information and advice."),
        Term("course-or-class", "Course or class", "Learn something over several sessions."),
        Term("arts-and-crafts", "Arts and crafts", "Make something with others."),
        Term("music-and-singing", "Music and singing", "Sing or play together."),
        Term(
            "gardening-and-conservation",
            "Gardening and conservation",
            "Grow things and look after green spaces.",
        ),
        Term("drop-in", "Drop-in", "Come along when it suits you."),
        Term("helpline", "Helpline", "Support by phone."),
        Term("practical-support", "Practical support", "Hands-on help with everyday tasks."),
        Term("volunteering-opportunity", "Volunteering opportunity", "A way to give your time."),
    ),
)

VOCABULARIES = (NEEDS, AUDIENCES, ACTIVITY_TYPES)

ACCESSIBILITY = {
    "step_free_access": "Step-free access",
    "accessible_toilet": "Accessible toilet",
    "hearing_loop": "Hearing loop",
    "parking": "Parking on site",
    "blue_badge_parking": "Blue Badge parking",
    "near_bus_stop": "Bus stop nearby",
    "quiet_space": "Quiet space available",
    "large_print": "Large-print materials",
}
