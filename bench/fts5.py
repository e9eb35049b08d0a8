"""The floor to compare our search with: SQLite FTS5 over the same services, same questions.

`build(portal_db, fts_db)` copies the public services out of the benchmark's database into an
FTS5 table (name, description, need names; porter stemming) beside plain tables of positions,
need codes and filter bitmasks. `Fts5.search(probe)` answers a probe the way ours does: words
OR'ed and widened by the same thesaurus, bm25 with the same field weights as our boosts, needs
by an indexed `IN`, a place by a bounding box on an indexed (lat, lon) and then haversine in
Python, online services kept unless in person is asked for, nearest first without words. Like
ours, every word must match (in any column), any word as the fallback when none has them all.

Differences, all in FTS5's favour: no "did you mean" for no results, and a next-session order
is served as nearest first.
"""

from __future__ import annotations

import math
import sqlite3
import time as clock
from collections import defaultdict
from datetime import date, time
from pathlib import Path

from bench.mix import PER_PAGE, Probe
from portal.directory.schedules import parse_byday
from portal.directory.vocabulary import ACCESSIBILITY, NEEDS
from portal.geo import distance_km
from portal.search.engine import KM_PER_MILE

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
CREATE TABLE svc_need (code TEXT, svc INT, PRIMARY KEY (code, svc)) WITHOUT ROWID;
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
            "SELECT a.service_id, t.code, t.name FROM service_attributes a "
            "JOIN taxonomy_terms t ON t.id = a.taxonomy_term_id "
            "JOIN taxonomies x ON x.id = t.taxonomy_id WHERE x.slug = 'needs'",
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
            (rowid, name, description or "", " ".join(n for _c, n in terms)),
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
            [(code, rowid) for code, _n in terms],
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
    con.executemany("INSERT OR IGNORE INTO svc_need VALUES (?, ?)", needs)
    con.commit()
    con.executescript(INDEXES)
    con.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    con.commit()
    con.close()
    return clock.perf_counter() - started


def _quote(text: str) -> str:
    return '"' + text.replace('"', " ") + '"'


def _words(text: str) -> list[str]:
    return [w for w in (w.strip(".,!?;:\"'()") for w in text.lower().split()) if w]


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
    thesaurus's phrases (their words likewise) and need names for runs of the words."""
    joiner = " AND " if every_word else " OR "

    def group(words: list[str]) -> str:
        return "(" + joiner.join(_quote(w) for w in words) + ")"

    words = _words(text)
    parts = [group(words)]
    for run in _runs(words):
        phrases, needs = thesaurus.get(run, ([], []))
        parts += [group(_words(p)) for p in phrases if _words(p)]
        parts += [f"needs : {_quote(NEED_NAMES[c])}" for c in needs if c in NEED_NAMES]
    return " OR ".join(dict.fromkeys(parts))


class Fts5:
    def __init__(self, fts_db: Path, thesaurus) -> None:
        self.con = sqlite3.connect(fts_db)
        self.thesaurus = thesaurus

    def close(self) -> None:
        self.con.close()

    def _filters(self, probe: Probe) -> tuple[list[str], list]:
        q = probe.query
        where: list[str] = []
        params: list = []
        if q.needs:
            marks = ", ".join("?" * len(q.needs))
            where.append(f"s.rowid IN (SELECT svc FROM svc_need WHERE code IN ({marks}))")
            params += q.needs
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
        """(ids of the page, total) for one probe; any word when no service has them all."""
        found = self._search(probe, every_word=True)
        if probe.query.text and not found[1] and len(_words(probe.query.text)) > 1:
            found = self._search(probe, every_word=False)
        return found

    def _search(self, probe: Probe, every_word: bool) -> tuple[list[int], int]:
        if probe.centre and probe.query.mode != "online":
            return self._near(probe, every_word)
        return self._anywhere(probe, every_word)

    def _anywhere(self, probe: Probe, every_word: bool) -> tuple[list[int], int]:
        where, params = self._filters(probe)
        if not probe.query.text:  # filters only (online, anywhere): most recently reviewed first
            condition = " AND ".join(where) or "1"
            return self._page(
                f"SELECT s.rowid FROM svc s WHERE {condition} ORDER BY s.reviewed DESC",
                f"SELECT count(*) FROM svc s WHERE {condition}",
                params,
                probe,
            )
        join = "JOIN svc s ON s.rowid = fts.rowid " if where else ""
        params = [match_expression(probe.query.text, self.thesaurus, every_word), *params]
        condition = " AND ".join(["fts MATCH ?", *where])
        return self._page(
            f"SELECT fts.rowid FROM fts {join}WHERE {condition} ORDER BY bm25(fts, {WEIGHTS})",
            f"SELECT count(*) FROM fts {join}WHERE {condition}",
            params,
            probe,
        )

    def _page(self, select: str, count: str, params: list, probe: Probe) -> tuple[list[int], int]:
        rows = self.con.execute(select + " LIMIT ? OFFSET ?", [*params, PER_PAGE, probe.start])
        return [r[0] for r in rows], self.con.execute(count, params).fetchone()[0]

    def _near(self, probe: Probe, every_word: bool) -> tuple[list[int], int]:
        q, centre = probe.query, probe.centre
        km = q.effective_radius * KM_PER_MILE
        dlat = km / 111.2
        dlon = km / (111.2 * math.cos(math.radians(centre.latitude)))
        where, params = self._filters(probe)
        text = match_expression(q.text, self.thesaurus, every_word) if q.text else None
        score = f"bm25(fts, {WEIGHTS})" if text else "0"
        join = "JOIN fts ON fts.rowid = s.rowid " if text else ""
        matched = ["fts MATCH ?"] if text else []
        head = [text] if text else []
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
            ordered = sorted(best, key=lambda r: best[r][0])
        else:
            ordered = sorted(best, key=lambda r: (best[r][1] is None, best[r][1] or 0))
        return ordered[probe.start : probe.start + PER_PAGE], len(ordered)
