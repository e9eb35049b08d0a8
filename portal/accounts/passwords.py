"""What makes a password acceptable: long enough, and not one people commonly pick.

NCSC guidance: a minimum length and a check against common and easily guessed passwords,
rather than rules about symbols. zxcvbn scores how guessable a password is (with the person's
own name and e-mail address counted as guessable) and says why.
"""

from __future__ import annotations

import re

from zxcvbn import zxcvbn

MINIMUM_LENGTH = 10
MAXIMUM_LENGTH = 200
MINIMUM_SCORE = 2  # zxcvbn: 0 very guessable .. 4 very unguessable


def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """A plain-English reason this password will not do, or None when it is fine."""
    if len(password) < MINIMUM_LENGTH:
        return f"Password must be {MINIMUM_LENGTH} characters or more"
    if len(password) > MAXIMUM_LENGTH:
        return f"Password must be {MAXIMUM_LENGTH} characters or fewer"
    personal = [email, name, *email.split("@"), *name.split()]
    # zxcvbn alone lets "PriyaShah2024" through (three parts look costly to guess): what is
    # left without the person's name and address must be hard to guess on its own.
    rest = password
    for word in sorted((w for w in personal if len(w) >= 3), key=len, reverse=True):
        rest = re.sub(re.escape(word), "", rest, flags=re.IGNORECASE)
    if rest != password and (
        not rest or zxcvbn(rest[:100], user_inputs=personal)["score"] < MINIMUM_SCORE
    ):
        return (
            "Choose a password that is harder to guess. Do not use your name or email "
            "address. Three or four random words together work well"
        )
    verdict = zxcvbn(password[:100], user_inputs=personal)
    if verdict["score"] < MINIMUM_SCORE:
        warning = verdict["feedback"]["warning"] or "It would be too easy to guess"
        return (
            f"Choose a password that is harder to guess. {warning.rstrip('.')}. "
            "Three or four random words together work well"
        )
    return None
