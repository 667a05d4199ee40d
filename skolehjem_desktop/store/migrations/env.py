"""Alembic environment: runs on the connection that ``store.database.upgrade`` hands over."""

from __future__ import annotations

from alembic import context

from skolehjem_desktop.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only via store.database.upgrade
    raise RuntimeError("Run migrations through skolehjem_desktop.store.database.upgrade")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
