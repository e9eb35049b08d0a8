"""Sending e-mail and text messages through one interface.

    from portal.notify import send_email, send_sms
    send_email("sue@example.org", "Confirm your email address", body)
    send_sms("+447700900123", body)

E-mail wording lives in `templates/emails/` (plain text), rendered by `email_text`; a text
message's in `templates/texts/`, rendered by `sms_text`.

By default messages are written to a file outbox, `instance/outbox/` (one `.eml` file each,
readable by any mail program and by the tests); with `PORTAL_MAIL=smtp` they go to the SMTP
server named by `PORTAL_SMTP_HOST` (and `PORTAL_SMTP_PORT`, `PORTAL_SMTP_USERNAME`,
`PORTAL_SMTP_PASSWORD`, `PORTAL_SMTP_STARTTLS`). `PORTAL_MAIL_FROM` is the sender. Text
messages go to the same folder as `.sms.txt` files (`PORTAL_SMS=outbox`).
"""

from portal.notify.email import Message, email_text, outbox_messages, send_email
from portal.notify.sms import SmsMessage, send_sms, sms_outbox_messages, sms_text

__all__ = [
    "Message",
    "SmsMessage",
    "email_text",
    "outbox_messages",
    "send_email",
    "send_sms",
    "sms_outbox_messages",
    "sms_text",
]
