"""An Open Referral UK 3.0 API to test against: http.server on 127.0.0.1, in a thread.

    with serve_feed(services, per_page=2) as (base_url, state):
        ... read base_url ...
        state.remove("svc-2"); state.change("svc-1", name="New name")   # between pulls
        assert state.requests["/services"] == 3

It answers:
- `GET /` with `{"version": "3.0", ...}`;
- `GET /services` with an ORUK page (`total_items`, `total_pages`, `page_number`, `size`,
  `first_page`, `last_page`, `empty`, `contents`), honouring `page`, `per_page` (never more
  than the server's `per_page`, as real servers cap it), `modified_after` (records whose
  `last_modified` is on or after it; records without one always) and `minimal=true` (just
  `id` and `last_modified`). Entries are list summaries (no schedules, locations, contacts,
  costs or attributes) unless `list_full`;
- `GET /services/{id}` with the full record, or 404.

`fail_on_page` makes that page answer `fail_status`. A service whose id is in
`malformed_ids` is listed without its id; `state.raw_entries[id] = value` lists any value
instead of that service (a string, a list, null...). To play a server that lies, set
`state.ignore_page` (every page answers page 1) or `state.claim_pages` (the total_pages it
claims). `state.requests` counts requests by path (`/services`, `/services/<id>`, `/`),
`state.queries` keeps every query string of `/services`, parsed, and `state.user_agents` the
User-Agent of every request.

`a_service(id)` makes a full service shaped as our own API publishes it (see
the ORUK record contract in portal/oruk/normalise.py), to change field by field in a test.
"""

from __future__ import annotations

import copy
import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

#: Keys a list entry keeps (ORUK's service_list schema): everything else is only in details.
LIST_KEYS = (
    *("id", "organization_id", "name", "description", "url", "email", "status", "fees"),
    *("accreditations", "minimum_age", "maximum_age", "assured_date", "assurer_email"),
    *("alert", "last_modified", "organization"),
)


@dataclass
class FeedState:
    services: list[dict]
    per_page: int = 2
    fail_on_page: int | None = None
    fail_status: int = 500
    list_full: bool = False
    malformed_ids: tuple[str, ...] = ()
    raw_entries: dict[str, object] = field(default_factory=dict)
    ignore_page: bool = False
    claim_pages: int | None = None
    user_agents: list[str] = field(default_factory=list)
    requests: Counter = field(default_factory=Counter)
    queries: list[dict[str, list[str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def remove(self, service_id: str) -> None:
        with self.lock:
            self.services = [s for s in self.services if s.get("id") != service_id]

    def change(self, service_id: str, **fields: object) -> None:
        """Change a service's fields; its last_modified becomes now unless given."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.lock:
            for service in self.services:
                if service.get("id") == service_id:
                    service.update({"last_modified": now, **fields})

    def add(self, service: dict) -> None:
        with self.lock:
            self.services.append(copy.deepcopy(service))


def _moment(text: object) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _entry(state: FeedState, service: dict, minimal: bool) -> object:
    service_id = service.get("id")
    if service_id in state.raw_entries:
        return state.raw_entries[service_id]
    if minimal:
        entry = {"id": service_id, "last_modified": service.get("last_modified")}
    elif state.list_full:
        entry = copy.deepcopy(service)
    else:
        entry = {key: copy.deepcopy(service[key]) for key in LIST_KEYS if key in service}
    if service_id in state.malformed_ids:
        entry.pop("id", None)
    return entry


def _page(state: FeedState, query: dict[str, list[str]]) -> dict:
    def number(name: str, default: int) -> int:
        try:
            return max(1, int(query.get(name, [default])[0]))
        except ValueError:
            return default

    page = 1 if state.ignore_page else number("page", 1)
    size = min(number("per_page", state.per_page), state.per_page)
    since = _moment(query["modified_after"][0]) if "modified_after" in query else None
    with state.lock:
        chosen = [
            s
            for s in state.services
            if since is None or (_moment(s.get("last_modified")) or since) >= since
        ]
    minimal = query.get("minimal", ["false"])[0] == "true"
    total_pages = state.claim_pages or max(1, -(-len(chosen) // size))
    contents = [_entry(state, s, minimal) for s in chosen[(page - 1) * size : page * size]]
    return {
        "total_items": len(chosen),
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _handler(state: FeedState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet in tests
            pass

        def _send(self, status: int, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            path = unquote(parts.path).rstrip("/") or "/"
            query = parse_qs(parts.query)
            state.requests[path] += 1
            state.user_agents.append(self.headers.get("User-Agent", ""))
            if path == "/":
                self._send(200, {"version": "3.0", "profile": "https://openreferral.org/"})
            elif path == "/services":
                state.queries.append(query)
                page = int(query.get("page", ["1"])[0])
                if state.fail_on_page is not None and page == state.fail_on_page:
                    self._send(state.fail_status, {"error": "The server failed."})
                else:
                    self._send(200, _page(state, query))
            elif path.startswith("/services/"):
                wanted = path.removeprefix("/services/")
                with state.lock:
                    found = next((s for s in state.services if s.get("id") == wanted), None)
                    found = copy.deepcopy(found)
                if found is None:
                    self._send(404, {"error": "Not found"})
                else:
                    self._send(200, found)
            else:
                self._send(404, {"error": "Not found"})

    return Handler


@contextmanager
def serve_feed(
    services: list[dict],
    *,
    per_page: int = 2,
    fail_on_page: int | None = None,
    fail_status: int = 500,
    list_full: bool = False,
    malformed_ids: tuple[str, ...] | list[str] = (),
) -> Iterator[tuple[str, FeedState]]:
    """Serve `services` (copied: change them through the state) as an ORUK API; yield its
    base URL and its state, and stop it afterwards."""
    state = FeedState(
        copy.deepcopy(services),
        per_page=per_page,
        fail_on_page=fail_on_page,
        fail_status=fail_status,
        list_full=list_full,
        malformed_ids=tuple(malformed_ids),
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def a_service(service_id: str = "svc-1", name: str = "Knit and natter", **fields: object) -> dict:
    """A full ORUK service as our API publishes one: weekly on Tuesdays, at a venue with
    step-free access, £2.50 a session, one contact, the need "loneliness-and-company"."""
    record = {
        "id": service_id,
        "organization_id": "org-1",
        "name": name,
        "description": "Bring your needles and a friend.",
        "status": "active",
        "url": "https://knitters.example.org/",
        "email": "hello@knitters.example.org",
        "application_process": "Just turn up.",
        "assured_date": "2025-05-01",
        "last_modified": "2025-05-01T10:00:00+00:00",
        "organization": {
            "id": "org-1",
            "name": "Bracknell Knitters",
            "description": "A knitting group in Bracknell.",
            "email": "hello@knitters.example.org",
            "website": "https://knitters.example.org/",
        },
        "schedules": [
            {
                "id": f"{service_id}-schedule-1",
                "freq": "WEEKLY",
                "interval": 1,
                "byday": "TU",
                "opens_at": "10:00",
                "closes_at": "12:00",
                "description": "Tea and biscuits",
            }
        ],
        "service_at_locations": [
            {
                "id": f"{service_id}-at-loc-1",
                "location_id": "loc-1",
                "location": {
                    "id": "loc-1",
                    "location_type": "physical",
                    "name": "Priestwood Community Centre",
                    "latitude": 51.4214,
                    "longitude": -0.7621,
                    "addresses": [
                        {
                            "id": "loc-1-address",
                            "address_1": "Priestwood Court Road",
                            "city": "Bracknell",
                            "state_province": "",
                            "postal_code": "RG42 1TU",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                    "accessibility": [
                        {
                            "id": "loc-1-access-1",
                            "description": "Step-free access",
                            "details": "Ring the bell at the side door",
                        }
                    ],
                },
            }
        ],
        "cost_options": [
            {
                "id": f"{service_id}-cost-1",
                "option": "Per session",
                "amount": 2.5,
                "currency": "GBP",
                "amount_description": "Includes tea",
            }
        ],
        "contacts": [
            {
                "id": f"{service_id}-contact-1",
                "name": "Ann Smith",
                "title": "Organiser",
                "email": "ann@knitters.example.org",
                "phones": [{"id": f"{service_id}-phone-1", "number": "01344 123456"}],
            }
        ],
        "languages": [{"id": f"{service_id}-language-1", "name": "English", "code": "en"}],
        "attributes": [
            {
                "id": f"{service_id}-attribute-1",
                "taxonomy_term_id": "term-loneliness",
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term": {
                    "id": "term-loneliness",
                    "code": "loneliness-and-company",
                    "name": "Loneliness and company",
                    "description": "Meet people.",
                    "taxonomy_id": "taxonomy-needs",
                    "taxonomy": "Needs",
                    "taxonomy_detail": {
                        "id": "taxonomy-needs",
                        "name": "Needs",
                        "description": "What a person is looking for help with.",
                    },
                },
            }
        ],
    }
    record.update(fields)
    return record
