"""The command line and the class records: ``owed`` shows the class items, ``pdf meeting``."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from pypdf import PdfReader


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):  # type: ignore[no-untyped-def]
    data = tmp_path_factory.mktemp("demo") / "data"
    done = subprocess.run(
        [sys.executable, "-m", "skolehjem_desktop", "--data-dir", str(data), "demo"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return data


def _classes(cli, demo_dir):  # type: ignore[no-untyped-def]
    done = cli("list", "classes", "--json", data=demo_dir)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _text(path) -> str:  # type: ignore[no-untyped-def]
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_owed_prints_the_class_items_and_they_show_every_state(cli, demo_dir) -> None:  # type: ignore[no-untyped-def]
    classes = _classes(cli, demo_dir)
    current = max(c["school_year"] for c in classes)
    signs: set[str] = set()
    for klass in classes:
        if klass["school_year"] != current:
            continue
        done = cli("owed", "--class", klass["name"], data=demo_dir)
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert lines[0][2:].startswith("Parent meeting: ")
        assert lines[1][2:].startswith("Class parent council: ")
        assert lines[2][2:].startswith("Contact parent: ")
        signs.update(line[0] for line in lines[:3])
    # Most classes are done; at least one has nothing yet (overdue, or due early in the year).
    assert "✓" in signs and signs & {"✗", "•"}
    # A class of last year had its meeting, council and contact parent.
    last_year = next(c for c in classes if c["school_year"] == current - 1)
    done = cli(
        "owed", "--class", last_year["name"], "--school-year", str(current - 1), data=demo_dir
    )
    assert [line[0] for line in done.stdout.splitlines()[:3]] == ["✓", "✓", "✓"]
    # The JSON output has the same three class lines beside the pupils.
    done = cli(
        "owed", "--class", last_year["name"], "--school-year", str(current - 1), "--json",
        data=demo_dir,
    )  # fmt: skip
    owed = json.loads(done.stdout)
    assert [i["state"] for i in owed["class"]["items"]] == ["done", "done", "done"]
    assert owed["class"]["school_year"] == current - 1 and isinstance(owed["pupils"], list)


def test_pdf_meeting_minutes_and_invitation(cli, demo_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    classes = _classes(cli, demo_dir)
    current = max(c["school_year"] for c in classes)
    klass = next(c for c in classes if c["school_year"] == current - 1)
    year = str(current - 1)
    minutes = tmp_path / "minutes.pdf"
    done = cli(
        "pdf", "meeting", "--class", klass["name"], "--school-year", year,
        "--kind", "minutes", "--latest", "--lang", "en", "--out", str(minutes),
        data=demo_dir,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "written (1 page)" in done.stdout
    body = _text(minutes)
    assert "Minutes of the parent meeting" in body
    assert klass["name"] in body and "Contact parent" in body
    invitation = tmp_path / "invitation.pdf"
    done = cli(
        "pdf", "meeting", "--class", klass["name"], "--school-year", year,
        "--kind", "invitation", "--meeting", "1", "--lang", "en", "--out", str(invitation),
        data=demo_dir,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    body = _text(invitation)
    assert "Invitation to a parent meeting" in body
    assert "Valg af klasseforældreråd" in body  # the agenda


def test_pdf_meeting_refusals_are_one_line(cli, demo_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    classes = _classes(cli, demo_dir)
    current = max(c["school_year"] for c in classes)
    klass = next(c for c in classes if c["school_year"] == current - 1)
    out = tmp_path / "x.pdf"
    base = ("pdf", "meeting", "--class", klass["name"], "--school-year", str(current - 1))
    for args, message in (
        (("--kind", "minutes", "--meeting", "99"), "not 99"),
        (("--kind", "minutes", "--meeting", "1", "--latest"), "not allowed with"),
        (("--kind", "agenda"), "invalid choice"),
    ):
        done = cli(*base, *args, "--out", str(out), data=demo_dir)
        assert done.returncode == 1, args
        assert message in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert "Traceback" not in done.stderr
    assert not out.exists()


def test_a_class_without_meetings(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv

    path = tmp_path / "5a.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["Fornavn", "Efternavn"], ["Søren", "Ærø"]])
    assert cli("import", str(path), "--class", "5.A").returncode == 0
    done = cli("pdf", "meeting", "--class", "5.A", "--kind", "minutes", "--out", "x.pdf")
    assert done.returncode == 1
    assert "5.A has no parent meetings." in done.stderr
    done = cli("owed", "--class", "5.A")
    assert done.returncode == 0, done.stderr
    assert "Parent meeting: " in done.stdout.splitlines()[0]
