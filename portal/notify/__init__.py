"""Sending e-mail (and, later, SMS) through one interface.

    from portal.notify import send_email
    send_email("sue@example.org", "Confirm your email address", body)

By default messages are written to a file outbox, `instance/outbox/` (one `.eml` file each,
readable by any mail program and by the tests); with `PORTAL_MAIL=smtp` they go to the SMTP
server named by `PORTAL_SMTP_HOST` (and `PORTAL_SMTP_PORT`, `PORTAL_SMTP_USERNAME`,
`PORTAL_SMTP_PASSWORD`, `PORTAL_SMTP_STARTTLS`). `PORTAL_MAIL_FROM` is the sender.
"""

from portal.notify.email import Message, outbox_messages, send_email

__all__ = ["Message", "outbox_messages", "send_email"]
