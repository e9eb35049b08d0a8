"""While the database cannot be reached, pages say so with a 503 and heal by themselves."""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from portal.extensions import db
from tests import factories
from tests.support import ON_POSTGRES, make_app


def _unreachable_url(tmp_path: Path) -> str:
    if ON_POSTGRES:
        with socket.socket() as probe:  # a port nobody listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        return f"postgresql+psycopg://postgres@127.0.0.1:{port}/portal?connect_timeout=2"
    return f"sqlite:///{tmp_path / 'no-such-folder' / 'portal.sqlite3'}"


@pytest.fixture
def app_without_database(tmp_path):
    app = make_app(_unreachable_url(tmp_path), tmp_path / "search")
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize(
    "path", ["/", "/search?q=walking", "/community-maps", "/needs/getting-active"]
)
def test_pages_answer_503_with_retry_after_not_the_error_page(app_without_database, path):
    response = app_without_database.test_client().get(path)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = response.get_data(as_text=True)
    assert "Sorry, the service is unavailable" in page
    assert "back shortly" in page
    assert "problem with the service" not in page  # not the generic 500 page


def test_a_signed_in_person_sees_the_same_page_not_a_crash(app_without_database):
    client = app_without_database.test_client()
    with client.session_transaction() as session:  # a session cookie from before the outage
        session["_user_id"] = "00000000-0000-0000-0000-000000000001"
    response = client.get("/groups")
    assert response.status_code == 503
    assert "back shortly" in response.get_data(as_text=True)


def test_healthz_names_the_database(app_without_database):
    response = app_without_database.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"].startswith("error")
    assert response.get_json()["status"] == "error"


class TcpRelay:
    """A relay between the portal and PostgreSQL that can be cut and restored, as a database
    restart or a network fault would: cutting it drops every open connection."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open: list[socket.socket] = []
        self.up = False
        self.listener.listen(16)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            server = socket.create_connection(self.target)
            self.open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.up = False
        for connection in self.open:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()
        self.open.clear()

    def restore(self) -> None:
        self.up = True

    def close(self) -> None:
        self.cut()
        self.listener.close()


if ON_POSTGRES:

    def test_an_outage_answers_503_and_heals_without_a_restart(new_database_url, tmp_path):
        real = make_url(new_database_url("outage"))
        relay = TcpRelay((real.host or "127.0.0.1", real.port or 5432))
        relay.restore()
        via_relay = real.set(host="127.0.0.1", port=relay.port, query={"connect_timeout": "2"})
        app = make_app(via_relay.render_as_string(hide_password=False), tmp_path / "search")
        try:
            with app.app_context():
                db.create_all()
                factories.service(name="Harmans Water Walkers")
                client = app.test_client()
                assert client.get("/").status_code == 200

                assert client.get("/search?q=walkers").status_code == 200
                relay.cut()
                for path in ("/", "/search?q=walkers", "/search?q=walkers&where=Bracknell"):
                    down = client.get(path)
                    assert (path, down.status_code) == (path, 503)
                    assert down.headers["Retry-After"] == "30"
                assert client.get("/healthz").status_code == 503

                relay.restore()
                assert client.get("/").status_code == 200
                assert client.get("/healthz").get_json()["database"] == "ok"
                db.session.remove()
                db.engine.dispose()
        finally:
            relay.close()

    def test_a_connection_lost_as_a_request_ends_does_not_turn_into_a_500(
        new_database_url, tmp_path
    ):
        """The database goes away after the page was made but before the request let go of
        its connection: the person still gets the page (rolling back over the dead connection
        raised past every error page, a bare 500), and the next request a 503."""
        real = make_url(new_database_url("midway"))
        relay = TcpRelay((real.host or "127.0.0.1", real.port or 5432))
        relay.restore()
        via_relay = real.set(host="127.0.0.1", port=relay.port, query={"connect_timeout": "2"})
        app = make_app(via_relay.render_as_string(hide_password=False), tmp_path / "search")
        cut_now = {"on": False}

        @app.after_request
        def lose_the_database_as_the_page_leaves(response):
            if cut_now["on"]:
                relay.cut()
            return response

        with app.app_context():
            db.create_all()
            factories.service(name="Harmans Water Walkers")
        client = app.test_client()  # each request has its own context, as in production
        try:
            assert client.get("/search?q=walkers").status_code == 200
            cut_now["on"] = True
            finished = client.get("/search?q=walkers")
            assert finished.status_code == 200
            assert "Harmans Water Walkers" in finished.get_data(as_text=True)
            cut_now["on"] = False
            assert client.get("/search?q=walkers").status_code == 503
            relay.restore()
            assert client.get("/search?q=walkers").status_code == 200
        finally:
            relay.close()
            with app.app_context():
                db.engine.dispose()
