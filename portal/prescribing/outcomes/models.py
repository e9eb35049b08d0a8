"""The administrator's settings for outcomes (which questionnaires are used), one row a key.

The answers themselves belong to the referral record (`QuestionnaireResponse` in
`portal/prescribing/models.py`): a referral's erasure takes them with it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, utcnow


class PrescribingSetting(Base):
    """Administrator-chosen settings (which questionnaires are used), one row per key."""

    __tablename__ = "prescribing_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict | list | str | int | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
