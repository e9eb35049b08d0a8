"""Text messages: a file outbox by default (`PORTAL_SMS=outbox`), beside the e-mails.

Each message is one `.sms.txt` file in `PORTAL_OUTBOX_DIR`: a `To:` and a `Date:` line, a
blank line, then the text. A gateway (GOV.UK Notify, say) slots in behind `send_sms` later.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

from flask import current_app

from portal.notify import outbox


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str
    path: Path | None = None


def sms_text(template: str, **context) -> str:
    """The text of a text message from `templates/texts/<template>`, on one line (a phone
    shows line breaks as they come, and each costs room): rendered like an e-mail's body
    (`email_text`), with its runs of spaces and line breaks made single spaces."""
    body = current_app.jinja_env.get_template(f"texts/{template}").render(**context)
    return " ".join(body.split())


def send_sms(to: str, body: str) -> None:
    """Send a text message now. Raises on a delivery failure (the caller decides)."""
    channel = current_app.config.get("PORTAL_SMS", "outbox")
    if channel != "outbox":
        raise RuntimeError(f"no text message service called {channel!r} is set up")
    text = f"To: {to}\nDate: {formatdate(localtime=False)}\n\n{body}"
    outbox.write(".sms.txt", text.encode("utf-8"))


def sms_outbox_messages() -> list[SmsMessage]:
    """Every text message in the file outbox, oldest first (for tests and for operators)."""
    found = []
    for path in outbox.files("*.sms.txt"):
        head, _, body = path.read_text("utf-8").partition("\n\n")
        headers = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
        found.append(SmsMessage(headers.get("To", ""), body, path))
    return found
