"""``plan`` as a separate process: a plan printed and kept, none fits, bad arguments."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def demo(cli):
    done = cli("demo", "--size", "small")
    assert done.returncode == 0, done.stderr
    classes = json.loads(cli("list", "classes", "--json").stdout)
    year = max(c["school_year"] for c in classes)
    klass = next(c for c in classes if c["school_year"] == year and c["contact_teachers"])
    owed = json.loads(cli("owed", "--class", klass["name"], "--json").stdout)
    # only the pupils still owed their ordinary conversation are planned
    klass["missing"] = sorted(
        p["student_id"] for p in owed["pupils"] if p["ordinary_conversation"] == "missing"
    )
    return klass


def test_plan_prints_a_table_and_writes_json(cli, demo, tmp_path) -> None:
    out = tmp_path / "plan.json"
    done = cli(
        "plan",
        "--class",
        demo["name"],
        "--evening",
        "2026-11-24 15:00-20:30",
        "--evening",
        "2026-11-26 16:00-18:00",
        "--slot",
        "15",
        "--break",
        "17:30-17:45",
        "--room",
        "Room 12",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert "Tuesday, 24 November 2026" in done.stdout
    header = next(line for line in done.stdout.splitlines() if line.startswith("Time"))
    assert header.split() == ["Time", "Room", "Teacher", "Pupil"]
    rows = json.loads(out.read_text("utf-8"))
    assert 0 < len(demo["missing"]) < demo["students"]
    assert sorted(r["pupil_id"] for r in rows) == demo["missing"]
    assert all(r["room"] == "Room 12" for r in rows)
    assert not any(r["start"] == "17:30" for r in rows)  # the break
    times = {(r["date"], r["start"]) for r in rows}
    assert len(times) == len(rows)  # the contact teachers are never in two places
    for r in rows:
        assert r["pupil"] in done.stdout
    # the same setup again gives the same plan (deterministic), as JSON on stdout
    again = cli(
        "plan",
        "--class",
        demo["name"],
        "--evening",
        "2026-11-24 15:00-20:30",
        "--evening",
        "2026-11-26 16:00-18:00",
        "--break",
        "17:30-17:45",
        "--room",
        "Room 12",
        "--json",
    )
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == rows


def test_plan_says_why_none_fits(cli, demo) -> None:
    teacher = demo["contact_teachers"][0]
    done = cli(
        "plan",
        "--class",
        demo["name"],
        "--evening",
        "2026-11-24 16:00-19:30",
        "--teacher",
        f"{teacher}=16:00-16:15",
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0] == "No plan fits:"
    n = len(demo["missing"])
    assert f"  {n} pupils but only 1 slot with teacher {teacher}." in lines


@pytest.mark.parametrize(
    ("evening", "message"),
    [
        ("2026-02-30 16:00-19:30", "2026-02-30 is not a date"),
        ("2026-11-24 16:00-15:00", "the end must come after the start"),
        ("16:00-19:30", "give the evening's date"),
    ],
)
def test_bad_arguments_get_a_clear_message(cli, evening, message) -> None:
    done = cli("plan", "--class", "5.A", "--evening", evening)
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
