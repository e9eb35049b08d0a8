"""E-mail delivery: a file outbox by default, SMTP by configuration."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app

from portal.notify import outbox


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str
    path: Path | None = None


def _build(to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["PORTAL_MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="portal.invalid")
    message.set_content(body)
    return message


def email_text(template: str, **context) -> str:
    """The plain-text body of an e-mail from `templates/emails/<template>` (not escaped: the
    name ends .txt), ending with a newline as a message should. Rendered by the app's Jinja
    environment without the pages' context processors: e-mails are sent from jobs and
    commands too, where nobody is signed in and there is no request."""
    body = current_app.jinja_env.get_template(f"emails/{template}").render(**context)
    return body.rstrip("\n") + "\n"


def send_email(to: str, subject: str, body: str) -> None:
    """Send a plain-text e-mail now. Raises on a delivery failure (the caller decides)."""
    message = _build(to, subject, body)
    if current_app.config["PORTAL_MAIL"] == "smtp":
        _send_smtp(message)
        return
    outbox.write(".eml", bytes(message))


def _send_smtp(message: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["PORTAL_SMTP_HOST"], config["PORTAL_SMTP_PORT"], timeout=10) as smtp:
        if config["PORTAL_SMTP_STARTTLS"]:
            smtp.starttls()
        if config["PORTAL_SMTP_USERNAME"]:
            smtp.login(config["PORTAL_SMTP_USERNAME"], config["PORTAL_SMTP_PASSWORD"])
        smtp.send_message(message)


def outbox_messages() -> list[Message]:
    """Every message in the file outbox, oldest first (for tests and for operators)."""
    found = []
    for path in outbox.files("*.eml"):
        parsed = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        body = parsed.get_body(preferencelist=("plain",))
        found.append(Message(str(parsed["To"]), str(parsed["Subject"]), body.get_content(), path))
    return found
