"""Without SECRET_KEY every worker and restart signs with the same key, kept in the instance."""

from __future__ import annotations

import multiprocessing
import stat
from pathlib import Path

import requests

from portal import config
from portal.accounts.models import Role
from tests import factories
from tests.servers import gunicorn
from tests.support import csrf_token


def test_a_key_is_made_once_and_kept_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config.load(tmp_path)["SECRET_KEY"]
    again = config.load(tmp_path)["SECRET_KEY"]
    assert len(first) == 64
    assert first == again
    kept = tmp_path / config.SECRET_KEY_FILE
    assert kept.read_text().strip() == first
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert list(tmp_path.iterdir()) == [kept]  # no drafts left behind


def test_a_configured_key_wins_and_nothing_is_written(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert config.load(tmp_path)["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / config.SECRET_KEY_FILE).exists()


def _key_in(folder: str, queue) -> None:
    queue.put(config.instance_secret_key(Path(folder)))


def test_workers_starting_at_the_same_moment_agree_on_one_key(tmp_path):
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=_key_in, args=(str(tmp_path), queue)) for _ in range(6)]
    for worker in workers:
        worker.start()
    keys = {queue.get(timeout=30) for _ in workers}
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    assert len(keys) == 1


def test_sign_in_holds_across_gunicorn_workers(app, new_database_url, tmp_path):
    """Three workers and no SECRET_KEY: every sign-in works and every signed-in person stays
    signed in, whichever worker answers each request (a fresh connection each time)."""
    people = [
        factories.user(f"person{n}@example.org", role=Role.GROUP_MEMBER, name=f"Person {n}")
        for n in range(3)
    ]
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    refused, thrown_out = 0, 0
    with gunicorn(url, tmp_path / "instance", workers=3) as base:
        for person in people * 2:
            browser = requests.Session()
            browser.headers["Connection"] = "close"
            form = browser.get(base + "/sign-in", timeout=10)
            answer = browser.post(
                base + "/sign-in",
                data={
                    "email": person.email,
                    "password": "correct horse battery",
                    "csrf_token": csrf_token(form.text),
                },
                timeout=10,
                allow_redirects=False,
            )
            if answer.status_code != 302:
                refused += 1
                continue
            for _ in range(6):
                account = browser.get(base + "/account", timeout=10, allow_redirects=False)
                thrown_out += account.status_code != 200
    assert (refused, thrown_out) == (0, 0)
