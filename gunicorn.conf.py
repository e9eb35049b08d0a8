"""gunicorn settings for the portal: `gunicorn -c gunicorn.conf.py --bind HOST:PORT wsgi:app`.

`make run` and the systemd unit in docs/deploy.md use this file. Anything here can be changed
without editing it: a command-line option wins over this file, and so does GUNICORN_CMD_ARGS
(for example `GUNICORN_CMD_ARGS="--timeout 300"`).

Before any worker answers, the master builds what search is missing (`portal.search.prepare`),
so a new or upgraded server never answers from an empty index; it listens only once that is
done (and tells systemd it is ready then, with `Type=notify`).
"""

from __future__ import annotations

import os

wsgi_app = "wsgi:app"


def _cores() -> int:
    """The cores this process may run on (a container's or cgroup's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# A worker process per core; WEB_CONCURRENCY (as on most platforms) sets another number.
workers = int(os.environ.get("WEB_CONCURRENCY") or _cores())
worker_class = "sync"
# A sync worker answers one request at a time and must finish it within `timeout` seconds:
# the whole directory as Open Referral UK ndjson (/api/services.ndjson) takes up to two
# minutes on a large directory. Put nginx (which buffers slow clients) in front in production.
timeout = 120
# On stop or restart, requests under way get this long to finish before workers are killed.
graceful_timeout = 30
# Each worker is replaced after about this many requests (the jitter staggers them), so a slow
# leak in any library can never take a server down.
max_requests = 1000
max_requests_jitter = 100

# Logs to standard output and error: journald (or the terminal of `make run`) keeps them.
accesslog = "-"
errorlog = "-"
# The peer (the proxy, behind one), the X-Forwarded-For it passed on, the time, the request,
# the status, bytes sent, milliseconds taken and the browser.
access_log_format = '%(h)s "%({x-forwarded-for}i)s" %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# gunicorn 27's control socket lives at one path per user: two portals on one machine (or a
# test's servers) would fight over it, and the portal does not use it.
control_socket_disable = True

# Proxies: gunicorn trusts X-Forwarded-Proto only from `forwarded_allow_ips` (by default
# 127.0.0.1 and ::1, or the FORWARDED_ALLOW_IPS environment variable). The portal itself
# trusts X-Forwarded-For/-Proto/-Host only when PORTAL_PROXY_HOPS says how many proxies set
# them (see docs/deploy.md). Never set either wider than the proxies you run: a client could
# then claim any address and escape every rate limit.


def on_starting(server) -> None:
    """In the master, before it listens: build what search is missing, then let go of the
    database, so no worker inherits the master's connections when it is forked.

    gunicorn reads this file whenever it starts in this folder; serving anything but the
    portal (a benchmark's bare app, say), there is nothing to prepare."""
    served = getattr(server.app, "app_uri", None)
    if served != wsgi_app:
        server.log.info("Serving %s, not %s: search not checked", served, wsgi_app)
        return
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    from portal import create_app, search
    from portal.extensions import db

    app = create_app()
    with app.app_context():
        try:
            if not inspect(db.engine).has_table("services"):
                raise RuntimeError(
                    "The database has no tables yet. Run 'flask --app wsgi db upgrade' first."
                )
            backend, built = search.backend_name(), search.prepare()
        except SQLAlchemyError as error:  # gunicorn stops with this message (exit status 1)
            first_line = str(error).splitlines()[0]
            raise RuntimeError(f"Could not prepare search before serving: {first_line}") from error
        finally:
            db.session.remove()
            db.engine.dispose()
    server.log.info("Search (%s): %s", backend, "built what was missing" if built else "ready")
