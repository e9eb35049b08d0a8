"""The file outbox, `PORTAL_OUTBOX_DIR`: e-mails (`.eml`) and text messages (`.sms.txt`)
written one file each, for tests and for operators to read."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from flask import current_app


def _folder() -> Path:
    return Path(current_app.config["PORTAL_OUTBOX_DIR"])


def write(suffix: str, content: bytes) -> None:
    """One message as a new file ending in `suffix`."""
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}{suffix}"  # names sort as sent
    temporary = folder / f".{name}.tmp"
    temporary.write_bytes(content)
    temporary.rename(folder / name)  # readers never see half a message


def files(pattern: str) -> list[Path]:
    """The messages whose names match `pattern`, oldest first."""
    folder = _folder()
    return sorted(folder.glob(pattern)) if folder.exists() else []
