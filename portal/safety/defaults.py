"""The safe defaults: what a new directory shows before any administrator changes anything.

Administrators can change all of it at `/admin/safety`; whatever they have not changed follows
these values. The helplines are UK national services: check the numbers and opening hours once
a year (see docs/safety.md).
"""

from __future__ import annotations

from portal.safety.panel import Helpline

HEADING = "If you or someone else is in danger"
INTRO = (
    "You can get help now. Calls and texts to these numbers are free. "
    "The local activities further down this page are not emergency services."
)
#: The neutral page the quick exit opens (the GOV.UK Design System's own example).
EXIT_URL = "https://www.bbc.co.uk/weather"
#: Need codes (portal/directory/vocabulary.py) whose listings and searches get the quick exit.
SENSITIVE_NEEDS: tuple[str, ...] = ("mental-wellbeing",)

#: Words and phrases that show the panel, in their plainest form: the panel also shows for
#: their everyday endings (hurt: hurts, hurting; abuse: abused, abuser, abusing).
WORDS: tuple[str, ...] = (
    # Danger, and feeling unsafe
    "in danger",
    "unsafe",
    "not safe",
    "don't feel safe",
    "do not feel safe",
    "scared to go home",
    "afraid to go home",
    "scared of my partner",
    "afraid of my partner",
    "frightened of my partner",
    "refuge",
    "stalking",
    "stalker",
    # Domestic abuse
    "domestic abuse",
    "domestic violence",
    "abuse",
    "abusive",
    "abusive partner",
    "abusive relationship",
    "partner hit me",
    "husband hit me",
    "wife hit me",
    "boyfriend hit me",
    "girlfriend hit me",
    "coercive control",
    "controlling partner",
    "controlling relationship",
    "forced marriage",
    "honour based abuse",
    "fgm",
    # Suicide and self-harm
    "suicide",
    "suicidal",
    "kill myself",
    "end my life",
    "end it all",
    "take my own life",
    "want to die",
    "better off dead",
    "no reason to live",
    "self-harm",
    "selfharm",
    "harm myself",
    "hurt myself",
    "cut myself",
    "overdose",
    # Crisis
    "crisis",
    "crises",
    "mental health crisis",
    "can't cope",
    "cannot cope",
    "nervous breakdown",
    "mental breakdown",
    "having a breakdown",
    # Sexual violence and exploitation
    "rape",
    "sexual assault",
    "sexually assaulted",
    "sexual violence",
    "modern slavery",
    "trafficking",
)

HELPLINES: tuple[Helpline, ...] = (
    Helpline(
        "Police, fire or ambulance",
        "Call 999",
        "999",
        "24 hours, every day",
        "If you are in danger now, call 999. If you cannot speak, call 999 from a mobile, "
        "listen to the questions, then press 55 when asked.",
    ),
    Helpline(
        "National Domestic Abuse Helpline",
        "Call 0808 2000 247 (free)",
        "08082000247",
        "24 hours, every day",
        "For anyone experiencing domestic abuse, and for family and friends worried about them.",
    ),
    Helpline(
        "Samaritans",
        "Call 116 123 (free)",
        "116123",
        "24 hours, every day",
        "For anyone who is struggling or feels they cannot cope.",
    ),
    Helpline(
        "Shout",
        "Text SHOUT to 85258 (free)",
        "85258",
        "24 hours, every day",
        "Support by text message for anyone in crisis, if you would rather not talk.",
    ),
    Helpline(
        "NHS 111",
        "Call 111 and choose the mental health option",
        "111",
        "24 hours, every day",
        "Urgent help with your mental health in England, for you or someone you care for.",
    ),
    Helpline(
        "Rape Crisis 24/7 Support Line",
        "Call 0808 500 2222 (free)",
        "08085002222",
        "24 hours, every day",
        "For anyone aged 16 or over affected by rape, sexual assault or any sexual abuse.",
    ),
    Helpline(
        "Men's Advice Line",
        "Call 0808 8010 327 (free)",
        "08088010327",
        "Monday to Friday, 9am to 8pm",
        "For men experiencing domestic abuse, and for people worried about them.",
    ),
    Helpline(
        "Childline",
        "Call 0800 1111 (free)",
        "08001111",
        "24 hours, every day",
        "For children and young people under 19. The call does not show on the phone bill.",
    ),
    Helpline(
        "Papyrus HOPELINE247",
        "Call 0800 068 4141 (free)",
        "08000684141",
        "24 hours, every day",
        "For people under 35 who are having thoughts of suicide, "
        "and anyone worried about a young person.",
    ),
)
