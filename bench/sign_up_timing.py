"""Sign-up for a new address against one already registered: do both cost the same?

A sign-up form must not say whether an address has an account, in words or in time. This
runs the portal in-process on a throw-away SQLite database (one request at a time, as a quiet
server answers), with the real scrypt password hash, alternating the two paths, and prints
p50/p95/mean in milliseconds for each and their difference.

    .venv/bin/python -m bench.sign_up_timing [--runs 40]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from portal import create_app
from portal.accounts.models import Role
from portal.accounts.services import create_user
from portal.extensions import db

PASSWORD = "violet tractor mountain 91"


def make_app(folder: Path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'portal.sqlite3'}",
            "PORTAL_SEARCH_DIR": str(folder / "search"),
            "PORTAL_OUTBOX_DIR": str(folder / "outbox"),
            "PORTAL_BASE_URL": "http://portal.test",
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
        create_user("owner@example.org", "Owner", Role.GROUP_MEMBER, "correct horse battery 7")
    return app


def sign_up_ms(app, email: str) -> float:
    """One sign-up through the form, timed from the POST to its answer."""
    client = app.test_client()
    page = client.get("/sign-up").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = {"name": "Pat Example", "email": email, "password": PASSWORD, "csrf_token": token}
    start = time.perf_counter()
    answer = client.post("/sign-up", data=form)
    took = (time.perf_counter() - start) * 1000
    if answer.status_code != 302:
        raise SystemExit(f"sign-up answered {answer.status_code}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    runs = parser.parse_args().runs
    app = make_app(Path(tempfile.mkdtemp(prefix="portal-signup-")))
    for n in range(3):  # warm up both paths
        sign_up_ms(app, f"warm{n}@example.org")
        sign_up_ms(app, "owner@example.org")
    new, known = [], []
    for n in range(runs):
        new.append(sign_up_ms(app, f"new{n}@example.org"))
        known.append(sign_up_ms(app, "owner@example.org"))
    for label, values in (("new address", new), ("registered", known)):
        cuts = statistics.quantiles(values, n=100)
        print(
            f"{label:12} p50 {cuts[49]:6.1f} ms  p95 {cuts[94]:6.1f} ms  "
            f"mean {statistics.mean(values):6.1f} ms"
        )
    print(f"difference of medians: {statistics.median(known) - statistics.median(new):+.1f} ms")


if __name__ == "__main__":
    main()
