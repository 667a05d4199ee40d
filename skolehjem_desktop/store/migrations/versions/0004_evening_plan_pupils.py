"""evening plan pupils: the families' unavailability and the draft's assignments in rows

Until 0003 an evening plan kept them in its JSON, keyed by pupil id: deleting a pupil
left them behind, and SQLite hands the deleted pupil's id to the next pupil added,
who then inherited them. Here they become rows with foreign keys that go with the
pupil (and with the plan). Entries of pupils that no longer exist are dropped, a
conversation that no longer exists is forgotten; the JSON keeps what names no pupil
(version 2).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 12:15:13
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The JSON's version once the per-pupil parts are rows (the program's SETUP_VERSION).
VERSION = 2

# The tables as this revision writes them, for the data moved (not the models: they change).
_unavailable = sa.table(
    "evening_plan_unavailable",
    sa.column("plan_id", sa.Integer()),
    sa.column("student_id", sa.Integer()),
    sa.column("periods", sa.Text()),
)
_assignment = sa.table(
    "evening_plan_assignment",
    sa.column("plan_id", sa.Integer()),
    sa.column("student_id", sa.Integer()),
    sa.column("starts_at", sa.DateTime()),
    sa.column("ends_at", sa.DateTime()),
    sa.column("room", sa.String(200)),
    sa.column("teachers", sa.Text()),
    sa.column("conversation_id", sa.Integer()),
)
_plan = sa.table(
    "evening_plan",
    sa.column("id", sa.Integer()),
    sa.column("setup", sa.Text()),
    sa.column("plan", sa.Text()),
)


def upgrade() -> None:
    op.create_table(
        "evening_plan_assignment",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("room", sa.String(length=200), nullable=False),
        sa.Column("teachers", sa.Text(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "ends_at > starts_at", name=op.f("ck_evening_plan_assignment_ends_after_starts")
        ),
        sa.CheckConstraint(
            "length(room) <= 200", name=op.f("ck_evening_plan_assignment_room_length")
        ),
        sa.CheckConstraint(
            "length(teachers) <= 20000", name=op.f("ck_evening_plan_assignment_teachers_length")
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_evening_plan_assignment_conversation_id_conversation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["evening_plan.id"],
            name=op.f("fk_evening_plan_assignment_plan_id_evening_plan"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_evening_plan_assignment_student_id_student"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("plan_id", "student_id", name=op.f("pk_evening_plan_assignment")),
    )
    with op.batch_alter_table("evening_plan_assignment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evening_plan_assignment_conversation_id"),
            ["conversation_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_evening_plan_assignment_student_id"), ["student_id"], unique=False
        )

    op.create_table(
        "evening_plan_unavailable",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("periods", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "length(periods) <= 20000", name=op.f("ck_evening_plan_unavailable_periods_length")
        ),
        sa.CheckConstraint(
            "length(trim(periods)) > 0",
            name=op.f("ck_evening_plan_unavailable_periods_not_empty"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["evening_plan.id"],
            name=op.f("fk_evening_plan_unavailable_plan_id_evening_plan"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_evening_plan_unavailable_student_id_student"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("plan_id", "student_id", name=op.f("pk_evening_plan_unavailable")),
    )
    with op.batch_alter_table("evening_plan_unavailable", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evening_plan_unavailable_student_id"), ["student_id"], unique=False
        )

    _json_into_rows()


def downgrade() -> None:
    _rows_into_json()
    with op.batch_alter_table("evening_plan_unavailable", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evening_plan_unavailable_student_id"))

    op.drop_table("evening_plan_unavailable")
    with op.batch_alter_table("evening_plan_assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evening_plan_assignment_student_id"))
        batch_op.drop_index(batch_op.f("ix_evening_plan_assignment_conversation_id"))

    op.drop_table("evening_plan_assignment")


# --- the data ----------------------------------------------------------------------------


def _load(text: str | None) -> dict[str, Any] | None:
    """The JSON object, or None when it is not one (the program reports it as damaged)."""
    try:
        data = json.loads(text or "")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _id(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def _assignment_row(
    plan_id: int, entry: object, students: set[int], made: dict[int, int | None]
) -> dict[str, Any] | None:
    """One assignment of the 0003 JSON as a row; None when its pupil is gone or it is broken."""
    if not isinstance(entry, dict):
        return None
    pupil = _id(entry.get("pupil"))
    if pupil is None or pupil not in students:
        return None
    try:
        day = dt.date.fromisoformat(str(entry["date"]))
        start = dt.datetime.combine(day, dt.time.fromisoformat(str(entry["start"])))
        end = dt.datetime.combine(day, dt.time.fromisoformat(str(entry["end"])))
    except (KeyError, ValueError):
        return None
    teachers = entry.get("teachers", [])
    if end <= start or not isinstance(teachers, list):
        return None
    return {
        "plan_id": plan_id,
        "student_id": pupil,
        "starts_at": start,
        "ends_at": end,
        "room": str(entry.get("room", ""))[:200],
        "teachers": json.dumps([str(t) for t in teachers], ensure_ascii=False),
        "conversation_id": made.get(pupil),
    }


def _json_into_rows() -> None:
    bind = op.get_bind()
    students = set(bind.execute(sa.text("SELECT id FROM student")).scalars())
    conversations = set(bind.execute(sa.text("SELECT id FROM conversation")).scalars())
    plans = bind.execute(sa.select(_plan.c.id, _plan.c.setup, _plan.c.plan).order_by(_plan.c.id))
    unavailable: list[dict[str, Any]] = []
    assignments: list[dict[str, Any]] = []
    for plan_id, setup_text, plan_text in plans.all():
        setup = _load(setup_text)
        if setup is not None:
            families = setup.pop("unavailable", None)
            for key, periods in families.items() if isinstance(families, dict) else ():
                pupil, text = _id(key), str(periods).strip()
                if pupil in students and text:
                    unavailable.append({"plan_id": plan_id, "student_id": pupil, "periods": text})
            setup["version"] = VERSION
            bind.execute(sa.update(_plan).where(_plan.c.id == plan_id).values(setup=_dump(setup)))
        if plan_text is None:
            continue
        draft = _load(plan_text)
        if draft is None:
            continue
        made: dict[int, int | None] = {}
        given = draft.get("conversations")
        for key, value in given.items() if isinstance(given, dict) else ():
            pupil, conversation = _id(key), _id(value)
            if pupil is not None:
                made[pupil] = conversation if conversation in conversations else None
        placed: set[int] = set()
        entries = draft.get("assignments")
        for entry in entries if isinstance(entries, list) else ():
            row = _assignment_row(plan_id, entry, students, made)
            if row is not None and row["student_id"] not in placed:
                placed.add(row["student_id"])
                assignments.append(row)
        bind.execute(
            sa.update(_plan).where(_plan.c.id == plan_id).values(plan=_dump({"version": VERSION}))
        )
    if unavailable:
        bind.execute(sa.insert(_unavailable), unavailable)
    if assignments:
        bind.execute(sa.insert(_assignment), assignments)


def _rows_into_json() -> None:
    """Back to the 0003 layout: the rows into the plans' JSON (version 1)."""
    bind = op.get_bind()
    families: dict[int, dict[str, str]] = {}
    for plan_id, pupil, periods in bind.execute(
        sa.select(_unavailable.c.plan_id, _unavailable.c.student_id, _unavailable.c.periods)
    ):
        families.setdefault(plan_id, {})[str(pupil)] = periods
    placed: dict[int, list[tuple[dt.datetime, dict[str, Any]]]] = {}
    made: dict[int, dict[str, int]] = {}
    for row in bind.execute(sa.select(_assignment)).mappings():
        start, end = row["starts_at"], row["ends_at"]
        entry = {
            "pupil": row["student_id"],
            "date": start.date().isoformat(),
            "start": f"{start:%H:%M}",
            "end": f"{end:%H:%M}",
            "room": row["room"],
            "teachers": json.loads(row["teachers"] or "[]"),
        }
        placed.setdefault(row["plan_id"], []).append((start, entry))
        if row["conversation_id"] is not None:
            made.setdefault(row["plan_id"], {})[str(row["student_id"])] = row["conversation_id"]
    plans = bind.execute(sa.select(_plan.c.id, _plan.c.setup, _plan.c.plan)).all()
    for plan_id, setup_text, plan_text in plans:
        setup = _load(setup_text)
        new_setup = setup_text
        if setup is not None:
            setup["version"] = 1
            setup["unavailable"] = families.get(plan_id, {})
            new_setup = _dump(setup)
        new_plan = None
        if plan_text is not None:
            entries = [entry for _start, entry in sorted(placed.get(plan_id, []), key=_first)]
            new_plan = json.dumps(
                {
                    "version": 1,
                    "assignments": entries,
                    "conversations": dict(sorted(made.get(plan_id, {}).items())),
                },
                ensure_ascii=False,
            )
        bind.execute(
            sa.update(_plan).where(_plan.c.id == plan_id).values(setup=new_setup, plan=new_plan)
        )


def _first(item: tuple[dt.datetime, dict[str, Any]]) -> tuple[dt.datetime, int]:
    return item[0], int(item[1]["pupil"])
