"""Every command of the command line, as a separate process, as a teacher would run it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

CLASS_CSV = (
    "Fornavn;Efternavn;Fødselsdato;Forælder 1;Forælder 1 e-mail;CPR\n"
    "Søren;Ærø;03-04-2016;Anne Ærø;anne@example.dk;030416-1234\n"
    "Łukasz;Ćwikła;2016-07-21;Marta Ćwikła;marta@example.com;210716-4321\n"
)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    """One demo school for the read-only commands."""
    data = tmp_path_factory.mktemp("demo") / "data"
    done = subprocess.run(
        [sys.executable, "-m", "skolehjem_desktop", "--data-dir", str(data), "demo"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return data


def test_version(cli) -> None:
    done = cli("--version")
    assert done.returncode == 0
    assert done.stdout.strip().startswith("Skolehjem 0.")


def test_demo_fills_an_empty_folder_and_refuses_a_full_one(cli) -> None:
    done = cli("demo", "--seed", "3")
    assert done.returncode == 0, done.stderr
    assert "6 classes" in done.stdout
    again = cli("demo")
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1
    assert "Traceback" not in again.stderr


def test_list_classes_as_json_has_stable_fields(demo_dir, cli) -> None:
    done = cli("list", "classes", "--json", data=demo_dir)
    assert done.returncode == 0, done.stderr
    classes = json.loads(done.stdout)
    assert classes
    assert set(classes[0]) == {
        "id",
        "name",
        "school_year",
        "school_year_label",
        "grade",
        "archived",
        "students",
        "contact_teachers",
    }


def _a_current_class(cli, demo_dir) -> dict:
    classes = json.loads(cli("list", "classes", "--json", data=demo_dir).stdout)
    newest = max(c["school_year"] for c in classes)
    return next(c for c in classes if c["school_year"] == newest and c["students"])


def test_list_students_conversations_and_focus(demo_dir, cli) -> None:
    school_class = _a_current_class(cli, demo_dir)
    students = json.loads(
        cli("list", "students", "--class", school_class["name"], "--json", data=demo_dir).stdout
    )
    assert len(students) == school_class["students"]
    assert set(students[0]) == {
        "id",
        "first_name",
        "last_name",
        "birth_date",
        "class_id",
        "class",
        "school_year",
        "left_on",
    }
    pupil = students[0]["id"]
    conversations = json.loads(
        cli("list", "conversations", "--student", str(pupil), "--json", data=demo_dir).stdout
    )
    assert all(c["student_id"] == pupil for c in conversations)
    assert conversations, "the demo gives every pupil conversations"
    assert "T" in conversations[0]["starts_at"]  # ISO 8601
    focus = cli("list", "focus", "--student", str(pupil), "--json", data=demo_dir)
    assert focus.returncode == 0, focus.stderr
    assert all(p["student_id"] == pupil for p in json.loads(focus.stdout))
    table = cli("list", "students", "--class", school_class["name"], data=demo_dir)
    assert students[0]["first_name"] in table.stdout


def test_owed_for_a_class_in_both_output_forms(demo_dir, cli) -> None:
    school_class = _a_current_class(cli, demo_dir)
    done = cli("owed", "--class", school_class["name"], "--json", data=demo_dir)
    assert done.returncode == 0, done.stderr
    owed = json.loads(done.stdout)
    assert owed["class"]["name"] == school_class["name"]
    assert [i["item"] for i in owed["class"]["items"]] == [
        "parent_meeting",
        "council",
        "contact_parent",
    ]
    assert {i["state"] for i in owed["class"]["items"]} <= {"done", "due", "overdue"}
    rows = owed["pupils"]
    assert len(rows) == school_class["students"]
    assert {r["ordinary_conversation"] for r in rows} <= {"held", "planned", "missing"}
    text = cli("owed", "--class", school_class["name"], lang="da", data=demo_dir)
    assert text.returncode == 0
    assert "Ordinær samtale" in text.stdout


def test_unknown_class_pupil_and_id_are_errors_not_empty_lists(demo_dir, cli) -> None:
    for args in (
        ("owed", "--class", "9.Z"),
        ("list", "students", "--class", "9.Z"),
        ("list", "conversations", "--student", "999999"),
        ("list", "focus", "--student", "999999"),
    ):
        done = cli(*args, data=demo_dir)
        assert done.returncode == 1, args
        assert done.stdout == ""
        assert len(done.stderr.strip().splitlines()) == 1
        assert "Traceback" not in done.stderr


def test_errors_come_in_danish_too(cli) -> None:
    done = cli("owed", "--class", "9.Z", lang="da")
    assert done.returncode == 1
    assert "Der er ingen klasse 9.Z" in done.stderr


def test_argparse_speaks_danish_too(cli) -> None:
    """argparse's own texts (a missing or unknown argument) follow the language."""
    done = cli("pdf", "meeting", "--class", "5.A", "--out", "x.pdf", lang="da")
    assert done.returncode == 1
    assert "disse argumenter skal angives: --kind" in done.stderr
    done = cli("nosuch", lang="da")
    assert "ugyldigt valg: 'nosuch'" in done.stderr
    done = cli("nosuch", lang="en")
    assert "invalid choice: 'nosuch'" in done.stderr


def test_bad_arguments_are_one_line(cli) -> None:
    done = cli("list", "nothing")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    done = cli("owed", "--class", "5.A", "--school-year", "later")
    assert done.returncode == 1
    assert "school year" in done.stderr


def test_import_dry_run_then_real_then_again(cli, tmp_path) -> None:
    csv = tmp_path / "5a.csv"
    csv.write_text(CLASS_CSV, encoding="utf-8")
    dry = cli("import", str(csv), "--class", "5.A", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert cli("list", "students", "--json").stdout.strip() == "[]"
    done = cli("import", str(csv), "--class", "5.A")
    assert done.returncode == 0, done.stderr
    assert "CPR" in done.stdout
    students = json.loads(cli("list", "students", "--class", "5.A", "--json").stdout)
    # Danish order: Ł sorts with L, before S.
    assert [s["first_name"] for s in students] == ["Łukasz", "Søren"]
    again = cli("import", str(csv), "--class", "5.A")
    assert again.returncode == 0
    assert len(json.loads(cli("list", "students", "--json").stdout)) == 2
    raw = (cli.data_dir / "skolehjem.sqlite").read_bytes()
    assert b"030416" not in raw and b"1234" not in raw


def test_import_of_a_broken_list_reports_every_line_and_changes_nothing(cli, tmp_path) -> None:
    csv = tmp_path / "broken.csv"
    csv.write_text(
        "Fornavn,Efternavn,Fødselsdato\nIda,Holm,31-02-2016\n,Jensen,01-01-2016\n",
        encoding="utf-8",
    )
    done = cli("import", str(csv), "--class", "5.A")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "2" in done.stderr and "3" in done.stderr
    assert cli("list", "classes", "--json").stdout.strip() == "[]"


def test_import_of_a_missing_file(cli, tmp_path) -> None:
    done = cli("import", str(tmp_path / "nope.csv"), "--class", "5.A")
    assert done.returncode == 1
    assert "does not exist" in done.stderr


def test_check_passes_on_a_good_database_and_refuses_a_foreign_file(cli, tmp_path) -> None:
    assert cli("check").returncode == 0
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    conn = sqlite3.connect(foreign / "skolehjem.sqlite")
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = (foreign / "skolehjem.sqlite").read_bytes()
    done = cli("check", data=foreign)
    assert done.returncode == 1
    assert "another program" in done.stderr
    assert (foreign / "skolehjem.sqlite").read_bytes() == before


def test_the_environment_variable_chooses_the_data_folder(tmp_path) -> None:
    import os

    env = {**os.environ, "SKOLEHJEM_DATA_DIR": str(tmp_path / "env-data")}
    done = subprocess.run(
        [sys.executable, "-m", "skolehjem_desktop", "check"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "env-data" / "skolehjem.sqlite").exists()


def test_the_gui_starts_offscreen_and_quits(demo_dir, isolation) -> None:  # type: ignore[no-untyped-def]
    """The real program's window opens and closes, writing its settings in the run's home."""
    import os

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SKOLEHJEM_QUIT_AFTER_START": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "skolehjem_desktop", "--data-dir", str(demo_dir), "--lang", "da"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    # QSettings wrote the window's state into the test run's own home, and nowhere else.
    written = isolation.home / ".config" / "Skolehjem" / "Skolehjem.conf"
    assert written.is_file()
    assert "language" in written.read_text() or "geometry" in written.read_text()
    if os.name == "posix":  # the window's settings and the lock are the user's alone
        assert written.stat().st_mode & 0o077 == 0
        lock = demo_dir / "skolehjem.lock"
        assert not lock.exists() or lock.stat().st_mode & 0o077 == 0
    assert isolation.changed_real_places() == []


@pytest.mark.parametrize("year", ["0000", "9999", "2026/99", "26"])
def test_impossible_school_years_are_refused(cli, year) -> None:
    done = cli("owed", "--class", "5.A", "--school-year", year)
    assert done.returncode == 1
    assert "is not a school year" in done.stderr


def test_tables_write_dates_the_languages_way_and_json_keeps_iso(cli, demo_dir) -> None:
    import datetime as dt
    import re

    rows = json.loads(cli("list", "conversations", "--json", data=demo_dir).stdout)
    first = dt.datetime.fromisoformat(rows[0]["starts_at"])
    danish = cli("list", "conversations", lang="da", data=demo_dir).stdout
    english = cli("list", "conversations", lang="en", data=demo_dir).stdout
    assert f"{first:%d.%m.%Y} kl. {first:%H.%M}" in danish
    assert f"{first:%d/%m/%Y} {first:%H:%M}" in english
    for table in (danish, english):
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", table), "no ISO dates in a table"
