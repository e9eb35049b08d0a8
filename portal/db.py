"""Declarative base, constraint naming convention, and the columns every table shares."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, Enum, MetaData, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Timezone-aware 'now' in UTC; the callable default for timestamps."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A stored timestamp as an aware UTC datetime (SQLite hands them back naive)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UUIDPrimaryKey:
    """A UUID id: everything we publish through Open Referral UK is identified by one."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


def enum_column(enum_cls: type) -> Enum:
    """Store an enum by its value in a plain string column (portable, no PostgreSQL ENUM type)."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def claim(model: type, key: object, expected: dict[str, object], changes: dict[str, object]):
    """Move one row out of the state it starts from, once: `UPDATE model SET changes WHERE
    id = key AND column IN expected values`. True when this transaction won the row.

    This is how every decision is taken once when two people (or two processes) act at the
    same moment. PostgreSQL makes the second UPDATE wait for the first transaction and then
    re-check the WHERE clause; SQLite lets one writer in at a time. The loser gets False and
    must change nothing. Run it before the rest of the change, in the same transaction, so the
    row is held until the commit. The session's copies of the row are refreshed.
    """
    from sqlalchemy import or_, update

    from portal.extensions import db

    mapper_key = model.__mapper__.primary_key[0]
    statement = update(model).where(mapper_key == key)
    for column, allowed in expected.items():
        values = allowed if isinstance(allowed, list | tuple | set | frozenset) else (allowed,)
        attribute = getattr(model, column)
        present = [value for value in values if value is not None]
        tests = [attribute.in_(present)] if present else []
        if len(present) < len(values):
            tests.append(attribute.is_(None))
        statement = statement.where(or_(*tests))
    result = db.session.execute(
        statement.values(**changes).execution_options(synchronize_session=False)
    )
    won = result.rowcount == 1
    instance = db.session.identity_map.get(db.session.identity_key(model, key))
    if instance is not None:
        db.session.refresh(instance)
    return won


def hold(model: type, key: object) -> None:
    """Lock one row until the transaction ends, changing nothing: the next person to hold it
    waits, then reads what the first one committed. PostgreSQL takes a row lock (`FOR NO KEY
    UPDATE`); SQLite has no row locks, so a no-op UPDATE takes its one write lock."""
    from sqlalchemy import select, update

    from portal.extensions import db

    mapper_key = model.__mapper__.primary_key[0]
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(
            select(mapper_key).where(mapper_key == key).with_for_update(key_share=True)
        )
        return
    table = model.__table__
    unchanged = {column.name: column for column in table.columns if column.onupdate is not None}
    key_column = table.c[mapper_key.name]
    db.session.execute(
        update(table).where(key_column == key).values({key_column.name: key_column, **unchanged})
    )


def insert_once(model: type, values: dict[str, object]) -> bool:
    """`INSERT ... ON CONFLICT DO NOTHING`: True when this transaction added the row, False when
    a row with the same unique key is there already (or is being added by another transaction,
    which is waited for). How a job claims work that another run of it may claim too."""
    from portal.extensions import db

    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    table = model.__table__
    key = next(iter(table.primary_key.columns))
    statement = insert(table).values(**values).on_conflict_do_nothing().returning(key)
    return db.session.execute(statement).first() is not None
