"""Text messages: a file outbox by default (`PORTAL_SMS=outbox`), beside the e-mails.

Each message is one `.sms.txt` file in `PORTAL_OUTBOX_DIR`: a `To:` and a `Date:` line, a
blank line, then the text. A gateway (GOV.UK Notify, say) slots in behind `send_sms` later.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

from flask import current_app


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str
    path: Path | None = None


def _outbox() -> Path:
    folder = Path(current_app.config["PORTAL_OUTBOX_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def send_sms(to: str, body: str) -> None:
    """Send a text message now. Raises on a delivery failure (the caller decides)."""
    channel = current_app.config.get("PORTAL_SMS", "outbox")
    if channel != "outbox":
        raise RuntimeError(f"no text message service called {channel!r} is set up")
    folder = _outbox()
    name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}.sms.txt"  # names sort as sent
    temporary = folder / f".{name}.tmp"
    temporary.write_text(f"To: {to}\nDate: {formatdate(localtime=False)}\n\n{body}", "utf-8")
    temporary.rename(folder / name)  # readers never see half a message


def sms_outbox_messages() -> list[SmsMessage]:
    """Every text message in the file outbox, oldest first (for tests and for operators)."""
    folder = Path(current_app.config["PORTAL_OUTBOX_DIR"])
    if not folder.exists():
        return []
    found = []
    for path in sorted(folder.glob("*.sms.txt")):
        head, _, body = path.read_text("utf-8").partition("\n\n")
        headers = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
        found.append(SmsMessage(headers.get("To", ""), body, path))
    return found
