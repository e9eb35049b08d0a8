"""Demo catalogue for the Bracknell Forest "Help Yourself" directory.

Pure data generation: ``build_catalogue(today)`` returns plain dicts (organisations, venues and
services) that a separate loader maps onto ORM models. Output is deterministic for a given date.
The organisations, activity templates, venues and wording it draws on are the data files in
seed/data (read by seed/catalogue_data.py). Every name, phone number (Ofcom drama ranges),
e-mail address and web address there is invented.
"""

from __future__ import annotations

import datetime
import random
import re
from collections import Counter
from dataclasses import replace

from portal.geo import demo_area as places
from seed.catalogue_checks import print_summary, summarise, validate
from seed.catalogue_data import (
    CLOSED_ALERTS_OTHER,
    CLOSED_ALERTS_VENUE,
    CLOSING_LINES,
    COMMUNITY_NAMES,
    EXTRA_LANGUAGES,
    FIRST_NAMES,
    HOW_TO_JOIN,
    LAST_NAMES,
    NEPALI_AREAS,
    ONLINE_PLATFORMS,
    ORGS,
    TEMPLATES,
    WHEN_LINES,
    Tpl,
    slugify,
)
from seed.catalogue_schedules import Calendar, clock, day_name, long_date, when
from seed.catalogue_venues import Venues

__all__ = ["TEMPLATES", "Tpl", "build_catalogue", "slugify", "summarise", "validate"]

SEED = 20261122
MAX_NAME_REPEATS = 4
CLOSED_FRACTION = 0.04


def _pounds(amount: str) -> str:
    value = float(amount)
    if value < 1:
        return f"{round(value * 100)}p"
    return f"£{value:.0f}" if value == int(value) else f"£{value:.2f}"


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
    """One pass over ORGS; every choice comes from one seeded generator, in a fixed order."""

    def __init__(self, today: datetime.date) -> None:
        self.rng = random.Random(SEED)
        self.phones = _PhonePool(self.rng)
        self.calendar = Calendar(self.rng, today)
        self.name_use: Counter[str] = Counter()
        self.names_by_org: dict[str, set[str]] = {}
        self.text_use: Counter[str] = Counter()
        self.venues = Venues(self.rng)
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
            "venues": self.venues.all,
            "services": self.services,
        }

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
        schedules = self.calendar.schedules(tpl)
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
            return (
                {"home": {"town": place, "postal_code": self.venues.postcode(place)}},
                None,
                place,
            )
        venue = self.venues.pick(tpl, place, pinned, org)
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
            "day": day_name(first),
            "when": when(schedules),
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
            "open": clock(schedules[0]["opens_at"]) if schedules else None,
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

    # ---- temporary closures ----------------------------------------------------------------

    def _close_some(self) -> None:
        regular = [s for s in self.services if not s["schedules"] or s["schedules"][0]["freq"]]
        count = max(5, round(len(self.services) * CLOSED_FRACTION))
        for service in self.rng.sample(regular, count):
            reopen = self.calendar.reopening(service["schedules"])
            alerts = CLOSED_ALERTS_VENUE if "venue" in service["location"] else CLOSED_ALERTS_OTHER
            service["status"] = "temporarily closed"
            service["alert"] = self.rng.choice(alerts).format(date=long_date(reopen))
            service["last_reviewed_days_ago"] = self.rng.randint(0, 30)


def build_catalogue(today: datetime.date) -> dict:
    """Build the demo catalogue: {"organisations": [...], "venues": [...], "services": [...]}."""
    catalogue = _Builder(today).build()
    for org in catalogue["organisations"]:
        org.pop("_domain", None)
    return catalogue


if __name__ == "__main__":
    built = build_catalogue(datetime.date.today())
    issues = validate(built)
    print_summary(summarise(built))
    print(f"\nvalidate(): {len(issues)} problem(s)")
    for issue in issues:
        print(f"  - {issue}")
