"""The fault run, repeatable: load, killed workers, concurrent approvals and edits, index damage.

    python -m bench.faults [--seconds 90] [--workers 3] [--edits 30] [--keep]

A fresh demo instance (its own folder; with DATABASE_URL=postgresql+psycopg://… a fresh database
`portal_faults_<timestamp>` on that server, dropped at the end) is served by gunicorn. For the
run's duration: searches load it; the demo group member edits its listings through the real
pages and two editors approve each edit at the same moment; the group member and an editor save
the same step of one draft at the same moment; a worker is killed every few seconds; the search
index is deleted, truncated and made unwritable in turn; the database is cut for ten seconds
(PostgreSQL, through a relay this script runs); the reminder jobs run twice at once. Then it
checks what the pages said against the database and the search, prints a table, and exits 0
only when nothing was doubled, lost or stale and no 5xx came outside a database outage.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import email
import json
import os
import random
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import requests
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "demo-password-2026"
GROUP, ADMIN, EDITOR = (f"{who}@demo.example.org" for who in ("group", "admin", "editor"))
WORDS = ("walking", "coffee", "yoga", "lunch", "gardening", "singing", "carers", "football")
LETTERS = "bcfghjkmpqvwxz"  # no vowels or s: no stemmer takes a suffix off the marker words
CHILD_TABLES = ("schedules", "cost_options", "contacts", "service_at_locations")
CHILD_TABLES += ("service_attributes", "languages")
OUTAGE_SECONDS, OUTAGE_GRACE = 10, 5


def marker(prefix: str, number: int) -> str:
    """A unique searchable word: `prefix` and `number` written in consonants ("fltchkbbc")."""
    letters = ""
    for _ in range(3):
        number, digit = divmod(number, len(LETTERS))
        letters = LETTERS[digit] + letters
    return prefix + letters


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- reading forms --------------------------------------------------------------------------


class _Forms(HTMLParser):
    """Every form of a page: its action and the values a browser would send (buttons aside)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "fields": [], "buttons": []}
            self.forms.append(self._form)
        if self._form is None:
            return
        kind = a.get("type", "text").lower()
        if tag == "button" or (tag == "input" and kind in ("submit", "image")):
            self._form["buttons"].append(a.get("name", ""))
        elif tag == "input" and "name" in a:
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind == "checkbox" and "value" not in a:
                a["value"] = "on"
            self._form["fields"].append((a["name"], a.get("value", "")))
        elif tag == "select" and "name" in a:
            self._select, self._options = a["name"], []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and "name" in a:
            self._textarea, self._text = a["name"], ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = [v for v, on in self._options if on] or [v for v, _ in self._options[:1]]
            self._form["fields"] += [(self._select, v) for v in chosen]
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form["fields"].append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def form_fields(html: str, action: str = "", **overrides: str) -> list[tuple[str, str]]:
    """The fields of the page's first form with a submit button (whose action contains `action`),
    with `overrides` replacing the fields of those names."""
    parser = _Forms()
    parser.feed(html)
    forms = [f for f in parser.forms if f["buttons"] and action in f["action"]]
    holding = [f for f in forms if set(overrides) & {name for name, _ in f["fields"]}]
    for form in holding + forms:  # the form that has the fields to change, if any does
        kept = [(k, v) for k, v in form["fields"] if k not in overrides]
        return kept + list(overrides.items())
    raise LookupError(f"no form with a button (action containing {action!r})")


def fields_of(page: requests.Response | None, action: str = "", **overrides: str):
    """`form_fields` of a page that came (an error page has no form to send): else None."""
    if page is None or not page.ok:
        return None
    try:
        return form_fields(page.text, action, **overrides)
    except LookupError:
        return None


# --- counting -------------------------------------------------------------------------------


@dataclass
class Tally:
    """Thread-safe counts of what every request got, and the windows of the database outage."""

    counts: collections.Counter = field(default_factory=collections.Counter)
    notes: list[str] = field(default_factory=list)
    outage: list[float] = field(default_factory=list)  # [cut at, restored at]
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, outcome: str, n: int = 1) -> None:
        with self.lock:
            self.counts[(kind, outcome)] += n

    def note(self, text: str) -> None:
        with self.lock:
            self.notes.append(f"{time.strftime('%H:%M:%S')} {text}")

    def in_outage(self, moment: float) -> bool:
        if not self.outage:
            return False
        end = self.outage[1] if len(self.outage) > 1 else float("inf")
        return self.outage[0] <= moment <= end + OUTAGE_GRACE

    def response(self, kind: str, answer: requests.Response) -> None:
        """Count one answer: by status class; a 5xx inside the outage window apart."""
        self.add(kind, "requests")
        status = answer.status_code
        if status >= 500 and self.in_outage(time.monotonic()):
            retry = status == 503 and answer.headers.get("Retry-After")
            self.add(kind, "5xx in outage" + (" (503, Retry-After)" if retry else ""))
            if not retry:
                self.note(f"{kind}: {status} without Retry-After in the outage: {answer.url}")
        elif status >= 500:
            self.add(kind, "5xx")
            self.note(f"{kind}: {status} {answer.url}")
        else:
            self.add(kind, f"{status // 100}xx")


class Client:
    """A `requests` session that counts every answer and every connection a killed worker
    dropped; GETs are tried again (a few times), POSTs are not (the caller checks the result)."""

    def __init__(self, base: str, tally: Tally, kind: str) -> None:
        self.base, self.tally, self.kind = base, tally, kind
        self.session = requests.Session()

    def request(self, method: str, path: str, tries: int = 1, **kwargs) -> requests.Response | None:
        for attempt in range(tries):
            try:
                response = self.session.request(method, self.base + path, timeout=60, **kwargs)
            except requests.RequestException as error:
                self.tally.add(self.kind, "dropped by a killed worker")
                if attempt + 1 < tries:
                    time.sleep(0.3)
                    continue
                self.tally.note(f"{self.kind}: {method} {path} failed: {type(error).__name__}")
                return None
            self.tally.response(self.kind, response)
            if response.status_code >= 500 and attempt + 1 < tries:
                time.sleep(1)
                continue
            return response
        return None

    def get(self, path: str, tries: int = 5, **kwargs) -> requests.Response | None:
        return self.request("GET", path, tries, **kwargs)

    def post(self, path: str, data, **kwargs) -> requests.Response | None:
        return self.request("POST", path, 1, data=data, **kwargs)

    def sign_in(self, address: str) -> None:
        for _ in range(20):
            fields = fields_of(self.get("/sign-in"), email=address, password=PASSWORD)
            answer = fields and self.post("/sign-in", fields)
            if answer and "/sign-in" not in answer.url:
                return
            time.sleep(1)
        raise SystemExit(f"could not sign in as {address}")


# --- the database relay ---------------------------------------------------------------------


class Relay:
    """A TCP relay from a free local port to 127.0.0.1:<port>; `cut()` drops every connection
    and closes new ones at once until `restore()`: the database stopping, for the app only."""

    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.5)
        self.port = self.listener.getsockname()[1]
        self.down = threading.Event()
        self.stopping = threading.Event()
        self.open: set[socket.socket] = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self.down.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open |= {client, upstream}
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        chooser = selectors.DefaultSelector()
        chooser.register(a, selectors.EVENT_READ, b)
        chooser.register(b, selectors.EVENT_READ, a)
        try:
            while not self.stopping.is_set() and not self.down.is_set():
                for key, _ in chooser.select(timeout=0.5):
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
        except OSError:
            pass
        finally:
            chooser.close()
            with self.lock:
                self.open -= {a, b}
            for end in (a, b):
                end.close()

    def cut(self) -> None:
        self.down.set()
        with self.lock:
            for end in list(self.open):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def restore(self) -> None:
        self.down.clear()

    def stop(self) -> None:
        self.stopping.set()
        self.cut()
        self.listener.close()


# --- setting up -----------------------------------------------------------------------------


@dataclass
class Instance:
    """The run's folder, database and server."""

    folder: Path
    database_url: str  # what the script and the jobs use
    app_database_url: str  # what gunicorn uses (through the relay for PostgreSQL)
    env: dict
    engine: sa.Engine
    relay: Relay | None = None
    server: subprocess.Popen | None = None
    base: str = ""
    drop: str | None = None  # the PostgreSQL database to drop at the end


def _environment(folder: Path, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    env.update(PORTAL_INSTANCE_DIR=str(folder), PORTAL_DEMO="1", DATABASE_URL=database_url)
    return env


def prepare(folder: Path) -> Instance:
    """Create the database (PostgreSQL) and load the demo into the instance folder."""
    url = os.environ.get("DATABASE_URL", "").strip()
    relay, drop = None, None
    if url.startswith("postgresql"):
        server_url = sa.make_url(url)
        if server_url.host not in ("127.0.0.1", "localhost"):
            raise SystemExit("DATABASE_URL must point at 127.0.0.1: this run cuts connections")
        drop = f"portal_faults_{time.strftime('%Y%m%d%H%M%S')}"
        admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{drop}"'))
        admin.dispose()
        database_url = server_url.set(database=drop).render_as_string(hide_password=False)
        relay = Relay(server_url.port or 5432)
        app_url = server_url.set(database=drop, host="127.0.0.1", port=relay.port)
        app_database_url = app_url.render_as_string(hide_password=False)
    else:
        database_url = app_database_url = f"sqlite:///{folder / 'portal.sqlite3'}"
    env = _environment(folder, database_url)
    flask = [str(ROOT / ".venv/bin/flask"), "--app", "wsgi"]
    subprocess.run([*flask, "seed", "prepare"], cwd=ROOT, env=env, check=True, capture_output=True)
    engine = sa.create_engine(database_url)
    instance = Instance(folder, database_url, app_database_url, env, engine, relay, drop=drop)
    return instance


def start_server(instance: Instance, workers: int) -> None:
    """gunicorn on a free port, with the instance folder and no SECRET_KEY."""
    port = free_port()
    env = {**_environment(instance.folder, instance.app_database_url)}
    env["PORTAL_BASE_URL"] = f"http://127.0.0.1:{port}"
    command = [str(ROOT / ".venv/bin/python"), "-m", "gunicorn", "-w", str(workers)]
    command += ["-b", f"127.0.0.1:{port}", "--graceful-timeout", "2", "--no-control-socket"]
    with (instance.folder / "gunicorn.log").open("wb") as log:
        instance.server = subprocess.Popen(
            [*command, "wsgi:app"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
    instance.base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if instance.server.poll() is not None:
            raise SystemExit((instance.folder / "gunicorn.log").read_text()[-3000:])
        try:
            if requests.get(instance.base + "/healthz", timeout=10).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in 60 s")


def query(instance: Instance, sql: str, **params) -> list:
    """Rows of `sql`; an `id` parameter is a UUID (SQLite keeps them as hex, PostgreSQL not)."""
    statement = sa.text(sql)
    if "id" in params:
        statement = statement.bindparams(sa.bindparam("id", type_=sa.Uuid()))
        params["id"] = uuid.UUID(str(params["id"]))
    with instance.engine.connect() as connection:
        return list(connection.execute(statement, params))


def revision_row(instance: Instance, revision_id: str) -> tuple[str, dict]:
    """A revision's state and data."""
    rows = query(
        instance, "SELECT state, data FROM listing_revisions WHERE id = :id", id=revision_id
    )
    if not rows:
        return "", {}
    state, data = rows[0]
    return state, data if isinstance(data, dict) else json.loads(data)


def group_listings(instance: Instance) -> tuple[list[str], str]:
    """The demo group member's live listings (ids as URLs spell them) and its organisation."""
    rows = query(
        instance,
        "SELECT s.id, s.organisation_id FROM services s JOIN memberships m"
        " ON m.organisation_id = s.organisation_id JOIN users u ON u.id = m.user_id"
        " WHERE u.email = :email AND s.publication_state = 'published' ORDER BY s.name",
        email=GROUP,
    )
    if not rows:
        raise SystemExit(f"{GROUP} manages no published listing")
    return [str(uuid.UUID(str(r[0]))) for r in rows], str(uuid.UUID(str(rows[0][1])))


def child_counts(instance: Instance) -> dict[str, tuple[int, ...]]:
    """Per listing, its rows in each child table, and its "listing.changed" events last."""
    width = len(CHILD_TABLES) + 1
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0] * width)
    sources = [
        f"SELECT service_id, COUNT(*) FROM {table} GROUP BY service_id" for table in CHILD_TABLES
    ]
    sources.append(
        "SELECT service_id, COUNT(*) FROM audit_events WHERE action = 'listing.changed'"
        " AND service_id IS NOT NULL GROUP BY service_id"
    )
    for i, sql in enumerate(sources):
        for service_id, n in query(instance, sql):
            counts[str(uuid.UUID(str(service_id)))][i] = n
    return {k: tuple(v) for k, v in counts.items()}


def clear_open_revisions(instance: Instance, admin: Client, group: Client, services: list[str]):
    """Approve the demo's edits of the group's listings waiting for review, and withdraw its
    drafts of them, so each listing starts the run as it is live."""
    for revision_id, service_id, state in query(
        instance, "SELECT id, service_id, state FROM listing_revisions WHERE service_id IS NOT NULL"
    ):
        if str(uuid.UUID(str(service_id))) not in services:
            continue
        rid = str(uuid.UUID(str(revision_id)))
        if state == "pending":
            page = admin.get(f"/moderation/revisions/{rid}")
            admin.post(f"/moderation/revisions/{rid}/approve", form_fields(page.text, "approve"))
        elif state in ("draft", "changes_requested"):
            page = group.get(f"/listings/drafts/{rid}")
            group.post(f"/listings/drafts/{rid}/delete", form_fields(page.text, "delete"))


# --- the actors -----------------------------------------------------------------------------


@dataclass
class Edit:
    number: int
    service_id: str
    word: str
    revision_id: str = ""
    submitted: bool = False
    told: list[str] = field(default_factory=list)  # what each approver's page said


def search_load(base: str, tally: Tally, stop: threading.Event, seed: int) -> None:
    """Searches with everyday words, with and without a place, until told to stop."""
    client, pick = Client(base, tally, "search"), random.Random(seed)
    for _ in range(200_000):
        if stop.is_set():
            return
        where = "&where=Bracknell" if pick.random() < 0.6 else ""
        answer = client.get(f"/search?q={pick.choice(WORDS)}{where}", tries=1)
        if answer is None or answer.status_code >= 500:
            time.sleep(0.1)  # as a person would, before trying again


def _told(page: requests.Response | None) -> str:
    if page is None:
        return "dropped"
    text = page.text
    if "Approved:" in text:
        return "approved"
    if "already" in text:
        return "already decided"
    return f"HTTP {page.status_code}"


def at_once(calls: list) -> list:
    """Run the calls in threads released together by a barrier; their results, in order."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def call(i: int) -> None:
        barrier.wait(timeout=30)
        results[i] = calls[i]()

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _saved(answer: requests.Response | None) -> str:
    """What a draft save was told: saved (a redirect), a conflict (409 saying so), or else."""
    if answer is None:
        return "dropped"
    if answer.status_code in (302, 303):
        return "saved"
    if answer.status_code == 409 and "changed" in answer.text:
        return "conflict"
    return f"HTTP {answer.status_code}"


def approve_together(approvers: list[Client], revision_id: str, tally: Tally) -> list[str]:
    """Both editors open the review page, then press approve at the same moment."""
    forms, path = [], f"/moderation/revisions/{revision_id}/approve"
    for approver in approvers:
        forms.append(fields_of(approver.get(f"/moderation/revisions/{revision_id}"), "approve"))
    told = at_once(
        [
            lambda a=approver, f=form: _told(a.post(path, f)) if f else "no review page"
            for approver, form in zip(approvers, forms, strict=True)
        ]
    )
    tally.add("approval", "decisions")
    for outcome in told:
        tally.add("approval", f"told {outcome}")
    return told


def make_edit(instance: Instance, group: Client, edit: Edit, tally: Tally) -> bool:
    """Start an edit of the listing, put the marker word in its description, send it for
    review: True once the group is told it is waiting for review."""
    fields = fields_of(group.get(f"/listings/{edit.service_id}/edit"))
    started = fields and group.post(f"/listings/{edit.service_id}/edit", fields)
    if not started or "/listings/drafts/" not in started.url:
        tally.note(f"edit {edit.number}: no draft ({started and started.status_code})")
        return False
    edit.revision_id = started.url.rstrip("/").split("/listings/drafts/")[1].split("/")[0]
    draft = f"/listings/drafts/{edit.revision_id}"
    for _ in range(3):  # a save dropped by a killed worker, or refused as stale: again
        fields = fields_of(group.get(f"{draft}/about"))
        if fields is None:
            continue
        current = dict(fields).get("description", "")
        kept = " ".join(w for w in current.split() if not w.startswith("fltchk"))
        fields = [(k, v) for k, v in fields if k != "description"]
        fields.append(("description", f"{kept} {edit.word}"))
        saved = group.post(f"{draft}/about", fields, allow_redirects=False)
        if saved is not None and saved.status_code in (302, 303):
            break
    else:
        tally.note(f"edit {edit.number}: the about step was not saved")
        return False
    for _ in range(3):
        fields = fields_of(group.get(f"{draft}/check"))
        sent = fields and group.post(f"{draft}/check", fields)
        if sent and "waiting for review" in sent.text:
            edit.submitted = True
            tally.add("edit", "submitted")
            return True
        if revision_row(instance, edit.revision_id)[0] == "pending":
            edit.submitted = True
            tally.add("edit", "submitted (answer dropped)")
            return True
    tally.note(f"edit {edit.number}: not sent for review")
    return False


def edit_lane(instance, service_id, numbers, tally, stop, edits_done) -> None:
    """One listing's edits, one after another: edit, send, both editors approve."""
    group = Client(instance.base, tally, "edit")
    group.sign_in(GROUP)
    approvers = [Client(instance.base, tally, "approval") for _ in range(2)]
    for approver, address in zip(approvers, (ADMIN, EDITOR), strict=True):
        approver.sign_in(address)
    for number in numbers:
        if stop.is_set():
            return
        edit = Edit(number, service_id, marker("fltchk", number))
        edits_done.append(edit)
        tally.add("edit", "started")
        try:
            if not make_edit(instance, group, edit, tally):
                continue
            edit.told = approve_together(approvers, edit.revision_id, tally)
            for _ in range(10):  # both presses dropped, or refused in the database outage
                if revision_row(instance, edit.revision_id)[0] != "pending" or stop.is_set():
                    break
                time.sleep(2)
                edit.told.append(_told(approve_again(approvers[0], edit.revision_id)))
        except Exception as error:  # one edit's surprise must not end the run
            tally.note(f"edit {number}: {type(error).__name__}: {error}")


def approve_again(approver: Client, revision_id: str) -> requests.Response | None:
    """Both presses were dropped by killed workers: press once more."""
    fields = fields_of(approver.get(f"/moderation/revisions/{revision_id}"), "approve")
    return fields and approver.post(f"/moderation/revisions/{revision_id}/approve", fields)


def draft_races(instance, organisation_id, rounds, spacing, tally, stop, results) -> None:
    """The group member and an editor save the "about" step of one new draft at the same moment
    with different descriptions, `rounds` times; results get (round, told, description after)."""
    group, editor = Client(instance.base, tally, "race"), Client(instance.base, tally, "race")
    group.sign_in(GROUP)
    editor.sign_in(EDITOR)
    fields = fields_of(group.get(f"/listings/new/{organisation_id}"))
    made = fields and group.post(f"/listings/new/{organisation_id}", fields)
    if not made or "/listings/drafts/" not in made.url:
        tally.note("race: could not start a new draft")
        return
    revision_id = made.url.split("/listings/drafts/")[1].split("/")[0]
    path = f"/listings/drafts/{revision_id}/about"
    for number in range(rounds):
        if stop.wait(spacing):
            return
        people = (group, editor)
        words = [marker("fltrcg", number), marker("fltrce", number)]
        forms = []
        for person, word in zip(people, words, strict=True):
            text = f"Race round {number}: a description typed by one person, {word}"
            page = person.get(path)
            forms.append(fields_of(page, name="Fault run race", description=text))
        told = at_once(
            [
                lambda p=person, f=form: (
                    _saved(p.post(path, f, allow_redirects=False)) if f else "no page"
                )
                for person, form in zip(people, forms, strict=True)
            ]
        )
        description = revision_row(instance, revision_id)[1].get("description", "")
        results.append((number, dict(zip(words, told, strict=True)), description))
        tally.add("race", "rounds")
        for outcome in told:
            tally.add("race", f"told {outcome}")


def kill_workers(server: subprocess.Popen, tally: Tally, stop: threading.Event, every: float):
    """SIGKILL one gunicorn worker every `every` seconds (gunicorn starts another)."""
    for _ in range(10_000):
        if stop.wait(every):
            return
        try:
            children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        except OSError:
            return
        if children:
            try:
                os.kill(int(random.choice(children)), signal.SIGKILL)
                tally.add("killer", "workers killed")
            except ProcessLookupError:
                pass


def _immutable(folder: Path, on: bool) -> bool:
    """Set or clear the immutable flag of the folder and its files."""
    paths = [folder, *folder.iterdir()]
    result = subprocess.run(
        ["chattr", "+i" if on else "-i", *map(str, paths)], capture_output=True, text=True
    )
    return result.returncode == 0


def damage_index(folder: Path, tally: Tally, stop: threading.Event, seconds: float) -> None:
    """Delete the index, later truncate its largest segment, later make it unwritable for a
    while (chattr +i: root ignores permissions, not the immutable flag)."""
    index = folder / "search"
    plan = [(0.15, "delete"), (0.35, "truncate"), (0.6, "unwritable"), (0.8, "writable")]
    began = time.monotonic()
    for at, what in plan:
        if stop.wait(max(0.0, began + at * seconds - time.monotonic())):
            return
        if what == "delete":
            shutil.rmtree(index, ignore_errors=True)
        elif what == "truncate":
            segments = sorted(index.glob("*.seg"), key=lambda p: p.stat().st_size)
            if not segments:
                tally.note("index: no segment to truncate (not rebuilt yet?)")
                continue
            with segments[-1].open("r+b") as segment:
                segment.truncate(segments[-1].stat().st_size // 2)
        elif what == "unwritable":
            if not index.is_dir() or not _immutable(index, True):
                tally.note("index: could not make it unwritable (chattr +i failed): skipped")
                continue
        elif what == "writable" and (not index.is_dir() or not _immutable(index, False)):
            continue
        tally.add("index damage", what)
        tally.note(f"index: {what}")


def database_outage(instance: Instance, tally: Tally, stop: threading.Event, at: float) -> None:
    """Cut the relay for ten seconds, then restore it; note when searches succeed again."""
    if instance.relay is None or stop.wait(at):
        return
    tally.outage.append(time.monotonic())
    instance.relay.cut()
    tally.note("database: cut")
    stop.wait(OUTAGE_SECONDS)
    instance.relay.restore()
    restored = time.monotonic()
    tally.outage.append(restored)
    tally.note("database: restored")
    probe = Client(instance.base, tally, "outage probe")
    for _ in range(120):
        answer = probe.get("/search?q=coffee", tries=1)
        if answer is not None and answer.status_code < 500:
            after = f"searches answer again {time.monotonic() - restored:.1f} s after the restore"
            tally.add("database outage", after)
            return
        time.sleep(0.5)
    tally.note("database: searches still failing 60 s after the restore")


def overlapping_jobs(instance: Instance, tally: Tally, stop: threading.Event, at: float) -> dict:
    """Each reminder job twice at once; the e-mails they wrote, and any written twice."""
    result: dict = {}
    if stop.wait(at):
        return result
    outbox = instance.folder / "outbox"
    before = set(outbox.glob("*.eml")) if outbox.is_dir() else set()
    flask = [str(ROOT / ".venv/bin/flask"), "--app", "wsgi"]
    for job in (["prescribing", "remind"], ["directory", "review-due"]):
        runs = [
            subprocess.Popen(
                flask + job,
                cwd=ROOT,
                env=instance.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            for _ in range(2)
        ]
        codes = []
        for run in runs:
            try:
                output, _ = run.communicate(timeout=180)
            except subprocess.TimeoutExpired:
                run.kill()
                output, _ = run.communicate()
            codes.append(run.returncode)
            if run.returncode:
                tally.note(f"job {' '.join(job)} exited {run.returncode}: {output[-400:]!r}")
        result[" ".join(job)] = codes
        tally.add("jobs", "runs", 2)
        tally.add("jobs", "failed", sum(1 for c in codes if c))
    written = set(outbox.glob("*.eml")) - before if outbox.is_dir() else set()
    seen = collections.Counter()
    for path in written:
        message = email.message_from_bytes(path.read_bytes())
        if str(message["Subject"]).endswith(" is live"):
            continue  # an approval's notice, sent meanwhile
        seen[(message["To"], message["Subject"])] += 1
    result["reminder records"] = query(instance, "SELECT COUNT(*) FROM freshness_reminders")[0][0]
    result["e-mails"] = sum(seen.values())
    result["duplicates"] = sum(n - 1 for n in seen.values() if n > 1)
    return result


# --- checking -------------------------------------------------------------------------------


def found_by_search(client: Client, word: str, service_id: str) -> bool:
    answer = client.get(f"/search?q={word}", tries=3)
    return answer is not None and answer.ok and f"/services/{service_id}" in answer.text


def live_description(instance: Instance, service_id: str) -> str:
    rows = query(instance, "SELECT description FROM services WHERE id = :id", id=service_id)
    return rows[0][0] if rows else ""


def check(instance: Instance, edits: list[Edit], races: list, before: dict, tally: Tally) -> dict:
    """Compare what people were told with the database and the search, after the index heals."""
    found = collections.Counter()
    states = {
        e.number: revision_row(instance, e.revision_id)[0] if e.revision_id else "" for e in edits
    }
    approved = [e for e in edits if states[e.number] == "approved"]
    latest: dict[str, Edit] = {}
    for edit in approved:  # a lane's edits of one listing are made in order
        latest[edit.service_id] = edit
    found["edits approved"] = len(approved)
    lost = [
        f"edit {e.number}: {e.word} not in the live description"
        for e in latest.values()
        if e.word not in live_description(instance, e.service_id).split()
    ]
    lost += [
        f"edit {e.number}: told waiting for review, but the revision is {states[e.number]!r}"
        for e in edits
        if e.submitted and states[e.number] not in ("pending", "approved")
    ]
    for number, told, description in races:
        saved = [word for word, outcome in told.items() if outcome == "saved"]
        if len(saved) > 1:
            lost.append(f"race {number}: both saves were told saved; one was overwritten")
        lost += [
            f"race {number}: {w} told saved, not in the draft"
            for w in saved
            if w not in description
        ]
    doubled, approvals = [], collections.Counter(e.service_id for e in approved)
    for service_id, counts in child_counts(instance).items():
        if service_id not in before:
            continue
        pairs = zip(CHILD_TABLES, counts[:-1], before[service_id][:-1], strict=True)
        grew = [f"{table} {m} -> {n}" for table, n, m in pairs if n > m]
        pairs = zip(CHILD_TABLES, counts[:-1], before[service_id][:-1], strict=True)
        shrank = [f"{table} {m} -> {n}" for table, n, m in pairs if n < m]
        if grew:
            doubled.append(f"listing {service_id}: " + ", ".join(grew))
        if shrank:
            lost.append(f"listing {service_id}: " + ", ".join(shrank))
        if counts[-1] - before[service_id][-1] > approvals[service_id]:
            doubled.append(
                f"listing {service_id}: {counts[-1] - before[service_id][-1]} changes recorded"
                f" for {approvals[service_id]} approved edits"
            )
    doubled += [
        f"edit {e.number}: both editors were told Approved"
        for e in edits
        if e.told.count("approved") > 1
    ]
    # The index repairs itself once a minute per worker: give it up to 75 s.
    probe = Client(instance.base, tally, "check")
    superseded = [e for e in approved if latest[e.service_id] is not e]
    deadline = time.monotonic() + 75
    while True:
        stale = [
            f"edit {e.number}: /search?q={e.word} does not find the listing"
            for e in latest.values()
            if e.word in live_description(instance, e.service_id).split()
            and not found_by_search(probe, e.word, e.service_id)
        ]
        stale += [
            f"edit {e.number}: /search?q={e.word} still finds the listing (replaced since)"
            for e in superseded
            if found_by_search(probe, e.word, e.service_id)
        ]
        if not stale or time.monotonic() > deadline:
            break
        time.sleep(5)
    found["index healed after (s)"] = round(75 - max(0.0, deadline - time.monotonic()))
    return {"lost": lost, "doubled": doubled, "stale": stale, "facts": found}


def report(tally: Tally, checks: dict, jobs: dict, seconds: float) -> int:
    """Print the table; the exit status (0 only when nothing failed)."""
    counts = tally.counts
    fives = sum(n for (kind, outcome), n in counts.items() if outcome == "5xx")
    in_outage = sum(n for (kind, outcome), n in counts.items() if outcome.startswith("5xx in"))
    dropped = sum(n for (kind, outcome), n in counts.items() if outcome.startswith("dropped"))
    print(f"\n## Fault run ({seconds:.0f} s)\n")
    print("| kind | outcome | count |\n|---|---|---:|")
    for (kind, outcome), n in sorted(counts.items()):
        print(f"| {kind} | {outcome} | {n} |")
    for name, value in checks["facts"].items():
        print(f"| check | {name} | {value} |")
    for job, codes in jobs.items():
        print(f"| jobs | {job} | {codes} |")
    summary = {
        "doubled": len(checks["doubled"]),
        "lost": len(checks["lost"]),
        "stale": len(checks["stale"]),
        "5xx outside the outage": fives,
        "5xx during the outage": in_outage,
        "dropped by killed workers": dropped,
        "duplicate e-mails": jobs.get("duplicates", 0),
        "job runs failed": counts[("jobs", "failed")],
    }
    print("\n| result | count |\n|---|---:|")
    for name, value in summary.items():
        print(f"| {name} | {value} |")
    for kind in ("doubled", "lost", "stale"):
        for line in checks[kind][:20]:
            print(f"{kind}: {line}")
    if tally.notes:
        print("\nnotes:\n  " + "\n  ".join(tally.notes[:60]))
    failed = summary["doubled"] + summary["lost"] + summary["stale"] + fives
    failed += summary["duplicate e-mails"] + summary["job runs failed"]
    print("\nRESULT:", "PASS" if not failed else "FAIL")
    return 0 if not failed else 1


# --- the run --------------------------------------------------------------------------------


def run(instance: Instance, seconds: float, workers: int, edits: int) -> int:
    tally, stop = Tally(), threading.Event()
    start_server(instance, workers)
    services, organisation = group_listings(instance)
    admin, group = Client(instance.base, tally, "setup"), Client(instance.base, tally, "setup")
    admin.sign_in(ADMIN)
    group.sign_in(GROUP)
    clear_open_revisions(instance, admin, group, services)
    before = child_counts(instance)
    print(f"serving {instance.base}; the group's listings: {len(services)}", flush=True)
    recorded: list[Edit] = []
    races: list = []
    lanes = [
        threading.Thread(
            target=edit_lane,
            args=(instance, sid, range(i, edits, len(services)), tally, stop, recorded),
        )
        for i, sid in enumerate(services)
    ]
    actors = lanes + [
        threading.Thread(target=search_load, args=(instance.base, tally, stop, n)) for n in range(4)
    ]
    actors += [
        threading.Thread(
            target=draft_races,
            args=(instance, organisation, 5, seconds / 6, tally, stop, races),
        ),
        threading.Thread(target=kill_workers, args=(instance.server, tally, stop, 5.0)),
        threading.Thread(target=damage_index, args=(instance.folder, tally, stop, seconds)),
        threading.Thread(target=database_outage, args=(instance, tally, stop, seconds * 0.45)),
    ]
    jobs: dict = {}
    actors.append(
        threading.Thread(
            target=lambda: jobs.update(overlapping_jobs(instance, tally, stop, seconds * 0.7))
        )
    )
    began = time.monotonic()
    for actor in actors:
        actor.start()
    deadline = began + seconds
    while time.monotonic() < deadline and any(lane.is_alive() for lane in lanes):
        time.sleep(0.5)
    # The edits may finish early: keep the faults and load for the whole duration.
    stop.wait(max(0.0, deadline - time.monotonic()))
    stop.set()
    for actor in actors:
        actor.join(timeout=200)
    elapsed = time.monotonic() - began
    tally.add("edit", "not finished", sum(1 for e in recorded if not e.told))
    print("load stopped; checking (the index may take a minute to heal)", flush=True)
    checks = check(instance, recorded, races, before, tally)
    return report(tally, checks, jobs, elapsed)


def stop_everything(instance: Instance | None, folder: Path, keep: bool) -> None:
    """Stop gunicorn and the relay, drop the database, remove the folder (unless kept)."""
    index = folder / "search"
    if index.is_dir():
        _immutable(index, False)
    if instance is not None:
        if instance.server is not None and instance.server.poll() is None:
            instance.server.terminate()
            try:
                instance.server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                instance.server.kill()
                instance.server.wait()
        if instance.relay is not None:
            instance.relay.stop()
        instance.engine.dispose()
        if instance.drop and not keep:
            server = sa.make_url(os.environ["DATABASE_URL"])
            admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(
                    sa.text(f'DROP DATABASE IF EXISTS "{instance.drop}" WITH (FORCE)')
                )
            admin.dispose()
    if keep:
        print(
            f"kept {folder}"
            + (f" and database {instance.drop}" if instance and instance.drop else "")
        )
    else:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the folder and the database")
    options = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="portal-faults-"))
    instance = None
    try:
        print(f"preparing the demo in {folder}", flush=True)
        instance = prepare(folder)
        return run(instance, options.seconds, options.workers, options.edits)
    finally:
        stop_everything(instance, folder, options.keep)


if __name__ == "__main__":
    sys.exit(main())
