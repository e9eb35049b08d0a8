"""The floor to compare our search with: SQLite FTS5 over the same services, same questions.

`build(portal_db, fts_db)` copies the public services out of the benchmark's database into an
FTS5 table (name, description, need names; porter stemming) beside plain tables of positions,
need and audience codes, and filter bitmasks. `Fts5.search(probe)` answers a probe the way ours
does: every word (in any column), then any word, then the thesaurus's needs alone, until
something matches; the thesaurus's phrases widen the words and its needs lift matches; bm25
with the same field weights as our boosts; needs and audiences by an indexed `IN`; a place by a
bounding box on an indexed (lat, lon) and then haversine in Python; nearby services first, then
online ones unless in person is asked for; nearest first without words.

Differences, all in FTS5's favour: it matches fewer fields (ours also matches organisation,
activity-type, audience and place names), no "did you mean" for no results, and a next-session
order is served as nearest first.
"""

from __future__ import annotations

import math
import re
import sqlite3
import time as clock
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from whoosh.analysis import STOP_WORDS

from bench.mix import PER_PAGE, Probe
from portal.directory.schedules import parse_byday
from portal.directory.vocabulary import ACCESSIBILITY, NEEDS
from portal.geo import distance_km
from portal.search.query import KM_PER_MILE

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIME_KEYS = ("morning", "afternoon", "evening")
ACCESS_KEYS = tuple(ACCESSIBILITY)
NEED_NAMES = {t.code: t.name for t in NEEDS.terms}
WEIGHTS = "4.0, 1.0, 2.5"  # name, description, needs: our field boosts
NO_MAXIMUM_AGE = 150

SCHEMA = """
CREATE VIRTUAL TABLE fts USING fts5(name, description, needs, tokenize='porter unicode61');
CREATE TABLE svc (
    rowid INTEGER PRIMARY KEY, id TEXT, online INT, free INT, min_age INT, max_age INT,
    days INT, times INT, access INT, reviewed TEXT
);
CREATE TABLE svc_pos (svc INT, lat REAL, lon REAL);
CREATE TABLE svc_term (code TEXT, svc INT, PRIMARY KEY (code, svc)) WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX svc_pos_lat_lon ON svc_pos (lat, lon);
CREATE INDEX svc_pos_svc ON svc_pos (svc);
ANALYZE;
"""
PUBLIC = "publication_state = 'published' AND status IN ('active', 'temporarily closed')"


def _bits(values, keys) -> int:
    return sum(1 << keys.index(v) for v in set(values) if v in keys)


def _part_of_day(opens_at: str) -> str:
    hour = time.fromisoformat(opens_at[:8]).hour
    return "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"


def _grouped(con: sqlite3.Connection, sql: str) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = defaultdict(list)
    for row in con.execute(sql):
        out[row[0]].append(row[1:])
    return out


def _read(portal: sqlite3.Connection) -> tuple[list[tuple], dict[str, dict[str, list]]]:
    services = portal.execute(
        f"SELECT id, name, description, minimum_age, maximum_age, last_reviewed "
        f"FROM services WHERE {PUBLIC} ORDER BY id"
    ).fetchall()
    related = {
        "terms": _grouped(
            portal,
            "SELECT a.service_id, t.code, t.name, x.slug FROM service_attributes a "
            "JOIN taxonomy_terms t ON t.id = a.taxonomy_term_id "
            "JOIN taxonomies x ON x.id = t.taxonomy_id WHERE x.slug IN ('needs', 'audiences')",
        ),
        "places": _grouped(
            portal,
            "SELECT sal.service_id, l.id, l.location_type, l.latitude, l.longitude "
            "FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id",
        ),
        "access": _grouped(portal, "SELECT location_id, code FROM accessibility"),
        "schedules": _grouped(
            portal, "SELECT service_id, byday, dtstart, opens_at, freq FROM schedules"
        ),
        "paid": _grouped(
            portal, "SELECT service_id, 1 FROM cost_options WHERE amount IS NOT NULL AND amount > 0"
        ),
    }
    return services, related


def _days(schedules: list[tuple]) -> list[str]:
    days = []
    for byday, dtstart, _opens, _freq in schedules:
        if byday:
            days.append(DAY_KEYS[parse_byday(byday)[1]])
        elif dtstart:
            days.append(DAY_KEYS[date.fromisoformat(dtstart).weekday()])
    return days


def _rows(services, related):
    for rowid, (sid, name, description, min_age, max_age, reviewed) in enumerate(services, 1):
        terms = related["terms"].get(sid, [])
        places = related["places"].get(sid, [])
        physical = [(loc, lat, lon) for loc, kind, lat, lon in places if kind == "physical"]
        schedules = related["schedules"].get(sid, [])
        access = [c for loc, _lat, _lon in physical for (c,) in related["access"].get(loc, [])]
        yield (
            (rowid, name, description or "", " ".join(n for _c, n, v in terms if v == "needs")),
            (
                rowid,
                sid,
                int(any(kind == "virtual" for _l, kind, _a, _o in places)),
                int(sid not in related["paid"]),
                min_age or 0,
                NO_MAXIMUM_AGE if max_age is None else max_age,
                _bits(_days(schedules), DAY_KEYS),
                _bits([_part_of_day(s[2]) for s in schedules if s[2]], TIME_KEYS),
                _bits(access, ACCESS_KEYS),
                reviewed,
            ),
            [(rowid, lat, lon) for _l, lat, lon in physical if lat is not None],
            [(code, rowid) for code, _n, _v in terms],
        )


def build(portal_db: Path, fts_db: Path) -> float:
    """Create the FTS5 copy from the portal database; returns the seconds it took."""
    started = clock.perf_counter()
    fts_db.unlink(missing_ok=True)
    portal = sqlite3.connect(portal_db)
    services, related = _read(portal)
    portal.close()
    con = sqlite3.connect(fts_db)
    con.executescript(SCHEMA)
    fts, svc, pos, needs = [], [], [], []
    for f, s, p, n in _rows(services, related):
        fts.append(f)
        svc.append(s)
        pos += p
        needs += n
    con.executemany("INSERT INTO fts (rowid, name, description, needs) VALUES (?, ?, ?, ?)", fts)
    con.executemany("INSERT INTO svc VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", svc)
    con.executemany("INSERT INTO svc_pos VALUES (?, ?, ?)", pos)
    con.executemany("INSERT OR IGNORE INTO svc_term VALUES (?, ?)", needs)
    con.commit()
    con.executescript(INDEXES)
    con.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    con.commit()
    con.close()
    return clock.perf_counter() - started


def _quote(text: str) -> str:
    return '"' + text.replace('"', " ") + '"'


def _words(text: str) -> list[str]:
    """The words as typed: what ours looks up in the thesaurus."""
    return [w for w in (w.strip(".,!?;:\"'()") for w in text.lower().split()) if w]


def _tokens(text: str) -> list[str]:
    """The words as ours indexes them: split at non-word characters ("men's" is "men"),
    without one-letter words and English stop words ("and")."""
    return [w for w in re.findall(r"\w+", text.lower()) if len(w) > 1 and w not in STOP_WORDS]


def _runs(words: list[str], longest: int = 3) -> list[str]:
    """Runs of one to three words, the thesaurus keys ours looks up."""
    n_words = len(words)
    return [
        " ".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(n_words - n + 1)
    ]


def match_expression(
    text: str, thesaurus: dict[str, tuple[list[str], list[str]]], every_word: bool = True
) -> str:
    """Like ours: every word (or, as the fallback, any word) in any column, OR'ed with the
    thesaurus's phrases (their words likewise) for runs of the words."""
    joiner = " AND " if every_word else " OR "

    def group(words: list[str]) -> str:
        return "(" + joiner.join(_quote(w) for w in words) + ")"

    parts = [group(_tokens(text))] if _tokens(text) else []
    for run in _runs(_words(text)):
        phrases, _needs = thesaurus.get(run, ([], []))
        parts += [group(_tokens(p)) for p in phrases if _tokens(p)]
    return " OR ".join(dict.fromkeys(parts))


@dataclass(frozen=True)
class Words:
    """One attempt at the words: a MATCH expression (None: the thesaurus needs alone), and the
    thesaurus's need codes, which rank matches higher or, alone, are what is looked for."""

    match: str | None
    needs: tuple[str, ...]


def attempts(text: str, thesaurus) -> list[Words]:
    """Ours tries all the words, then any of them, then the thesaurus needs alone."""
    words = _words(text)
    needs = tuple(dict.fromkeys(c for run in _runs(words) for c in thesaurus.get(run, ([], []))[1]))
    first = match_expression(text, thesaurus, True)
    out = [Words(first, needs)] if first else []
    if len(_tokens(text)) > 1:
        out.append(Words(match_expression(text, thesaurus, False), needs))
    if needs:
        out.append(Words(None, needs))
    return out


def _tagged(column: str, codes: tuple[str, ...]) -> str:
    marks = ", ".join("?" * len(codes))
    return f"{column} IN (SELECT svc FROM svc_term WHERE code IN ({marks}))"


def _score(words: Words | None) -> tuple[str, list]:
    """bm25 with our field weights, a thesaurus need lifting a match (lower ranks first)."""
    if words is None or words.match is None:
        return "0", []
    if not words.needs:
        return f"bm25(fts, {WEIGHTS})", []
    return f"bm25(fts, {WEIGHTS}) - ({_tagged('fts.rowid', words.needs)})", [*words.needs]


class Fts5:
    def __init__(self, fts_db: Path, thesaurus) -> None:
        self.con = sqlite3.connect(fts_db)
        self.thesaurus = thesaurus

    def close(self) -> None:
        self.con.close()

    def _filters(self, probe: Probe, words: Words | None) -> tuple[list[str], list]:
        q = probe.query
        where: list[str] = []
        params: list = []
        if q.needs:
            where.append(_tagged("s.rowid", q.needs))
            params += q.needs
        if q.audiences:
            where.append(_tagged("s.rowid", q.audiences))
            params += q.audiences
        if words is not None and words.match is None:
            where.append(_tagged("s.rowid", words.needs))
            params += words.needs
        if q.days:
            where.append("(s.days & ?) != 0")
            params.append(_bits(q.days, DAY_KEYS))
        if q.time:
            where.append("(s.times & ?) != 0")
            params.append(_bits([q.time], TIME_KEYS))
        if q.access:
            mask = _bits(q.access, ACCESS_KEYS)
            where.append("(s.access & ?) = ?")
            params += [mask, mask]
        if q.free:
            where.append("s.free = 1")
        if q.age is not None:
            where.append("s.min_age <= ? AND s.max_age >= ?")
            params += [q.age, q.age]
        if q.mode == "online":
            where.append("s.online = 1")
        return where, params

    def search(self, probe: Probe) -> tuple[list[int], int]:
        """(ids of the page, total) for one probe, trying the words as ours does."""
        if not probe.query.text:
            return self._search(probe, None)
        found: tuple[list[int], int] = ([], 0)
        for words in attempts(probe.query.text, self.thesaurus):
            found = self._search(probe, words)
            if found[1]:
                break
        return found

    def _search(self, probe: Probe, words: Words | None) -> tuple[list[int], int]:
        if probe.centre and probe.query.mode != "online":
            return self._near(probe, words)
        return self._anywhere(probe, words)

    def _anywhere(self, probe: Probe, words: Words | None) -> tuple[list[int], int]:
        where, params = self._filters(probe, words)
        if words is None or words.match is None:  # no words: most recently reviewed first
            condition = " AND ".join(where) or "1"
            select = f"SELECT s.rowid FROM svc s WHERE {condition} ORDER BY s.reviewed DESC"
            count = f"SELECT count(*) FROM svc s WHERE {condition}"
            return self._page(select, params, count, params, probe)
        join = "JOIN svc s ON s.rowid = fts.rowid " if where else ""
        condition = " AND ".join(["fts MATCH ?", *where])
        score, boost = _score(words)
        params = [words.match, *params]
        return self._page(
            f"SELECT fts.rowid FROM fts {join}WHERE {condition} ORDER BY {score}",
            [*params, *boost],
            f"SELECT count(*) FROM fts {join}WHERE {condition}",
            params,
            probe,
        )

    def _page(
        self, select: str, params: list, count: str, count_params: list, probe: Probe
    ) -> tuple[list[int], int]:
        rows = self.con.execute(select + " LIMIT ? OFFSET ?", [*params, PER_PAGE, probe.start])
        return [r[0] for r in rows], self.con.execute(count, count_params).fetchone()[0]

    def _near(self, probe: Probe, words: Words | None) -> tuple[list[int], int]:
        q, centre = probe.query, probe.centre
        km = q.effective_radius * KM_PER_MILE
        dlat = km / 111.2
        dlon = km / (111.2 * math.cos(math.radians(centre.latitude)))
        where, params = self._filters(probe, words)
        score, boost = _score(words)
        text = words.match if words else None
        join = "JOIN fts ON fts.rowid = s.rowid " if text else ""
        matched = ["fts MATCH ?"] if text else []
        head = [*boost, text] if text else []
        box = " AND ".join([*matched, "p.lat BETWEEN ? AND ?", "p.lon BETWEEN ? AND ?", *where])
        rows = self.con.execute(
            f"SELECT s.rowid, {score}, p.lat, p.lon FROM svc_pos p "
            f"JOIN svc s ON s.rowid = p.svc {join}WHERE {box}",
            [
                *head,
                centre.latitude - dlat,
                centre.latitude + dlat,
                centre.longitude - dlon,
                centre.longitude + dlon,
                *params,
            ],
        ).fetchall()
        if q.mode != "in_person":
            online = " AND ".join([*matched, "s.online = 1", *where])
            rows += self.con.execute(
                f"SELECT s.rowid, {score}, NULL, NULL FROM svc s {join}WHERE {online}",
                [*head, *params],
            ).fetchall()
        return self._order(rows, probe, km)

    def _order(self, rows, probe: Probe, km: float) -> tuple[list[int], int]:
        """Nearby ones first (best match, or nearest, first), then online ones, like ours."""
        centre = probe.centre
        best: dict[int, tuple[float, float | None]] = {}
        for rowid, score, lat, lon in rows:
            d = None if lat is None else distance_km(centre.latitude, centre.longitude, lat, lon)
            if d is not None and d > km:
                continue
            old = best.get(rowid)
            if old is None or (d is not None and (old[1] is None or d < old[1])):
                best[rowid] = (score, d)
        if probe.query.text and probe.query.effective_sort == "relevance":
            ordered = sorted(best, key=lambda r: (best[r][1] is None, best[r][0]))
        else:
            ordered = sorted(best, key=lambda r: (best[r][1] is None, best[r][1] or 0))
        return ordered[probe.start : probe.start + PER_PAGE], len(ordered)
