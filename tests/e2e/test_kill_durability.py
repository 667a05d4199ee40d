"""Real processes killed with SIGKILL in the middle of writing; the data must hold.

For each kind of write (a conversation's text, a class-list import, a backup, a
restore) a child process writes in a loop and prints, after each write returned, a
line saying what it wrote. The test kills it at a random moment, several times, then
opens the database: it must pass ``PRAGMA integrity_check`` and hold every write the
child reported as done.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.backups import backup_to, inspect_backup
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.store.database import integrity_problems, open_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

ROUNDS = 4

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from skolehjem_desktop import i18n
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.store.database import open_database

    i18n.activate("en")
    kind, data_dir, extra = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    start = int(sys.argv[4])
    services = Services(open_database(data_dir))
    # Services are made on first use: make them now, so "ready" means ready to write.
    for name in ("school", "classes", "students", "conversations", "focus", "contacts"):
        getattr(services, name)
    import skolehjem_desktop.services.backups
    import skolehjem_desktop.services.class_import  # noqa: F401

    def done(line):
        sys.stdout.write(line + "\\n")
        sys.stdout.flush()

    done("ready")
    i = start
    if kind == "text":
        from skolehjem_desktop.domain.enums import SectionKind

        conversation_id = int(extra.read_text())
        while True:
            text = f"{i}:" + "Søren læser flydende. " * (1 + i % 40)
            services.conversations.set_section(conversation_id, SectionKind.SUMMARY, text)
            done(str(i))
            i += 1
    elif kind == "import":
        from skolehjem_desktop.services.class_import import import_class_list

        while True:
            csv = extra / f"k{i}.csv"
            rows = ["Fornavn;Efternavn;Fødselsdato"]
            rows += [f"Elev{n};Ærø{i};0{1 + n % 9}-03-2016" for n in range(1 + i % 25)]
            csv.write_text("\\n".join(rows) + "\\n", encoding="utf-8")
            import_class_list(services.db, csv, class_name=f"K{i}", today=services.today())
            done(f"{i} {1 + i % 25}")
            i += 1
    elif kind == "backup":
        from skolehjem_desktop.services.backups import backup_to

        while True:
            backup_to(services, extra / f"b{i}.sqlite")
            done(str(i))
            i += 1
    elif kind == "restore":
        from skolehjem_desktop.services.backups import restore_from

        files = [extra / "a.sqlite", extra / "b.sqlite"]
        while True:
            result = restore_from(data_dir, files[i % 2], engine_closer=services.db.close)
            services = Services(result.db)
            done(f"{i} {'ab'[i % 2]}")
            i += 1
    """
)


def _kill_at_random(
    kind: str, data_dir: Path, extra: Path, start: int, *, log: Path, rng: random.Random
) -> list[str]:
    """Run the child, kill it at a random moment after it is ready; the lines it finished."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    env.pop("SKOLEHJEM_DATA_DIR", None)
    with log.open("w", encoding="utf-8") as out, (log.with_suffix(".err")).open("w") as err:
        process = subprocess.Popen(
            [sys.executable, "-c", CHILD, kind, str(data_dir), str(extra), str(start)],
            stdout=out,
            stderr=err,
            env=env,
        )
        try:
            deadline = time.monotonic() + 60
            # Ready, and one write done (a busy machine may take a while for the first):
            # then the kill lands at a random moment of the writes after it.
            while log.read_text(encoding="utf-8").count("\n") < 2:
                assert process.poll() is None, log.with_suffix(".err").read_text()
                assert time.monotonic() < deadline, "the child never wrote"
                time.sleep(0.01)
            time.sleep(rng.uniform(0.05, 0.8))
            assert process.poll() is None, log.with_suffix(".err").read_text()
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            assert process.returncode == -signal.SIGKILL
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
    text = log.read_text(encoding="utf-8")
    complete = text[: text.rfind("\n") + 1] if "\n" in text else ""
    return [line for line in complete.splitlines() if line != "ready"]


def _check_intact(data_dir: Path) -> Services:
    db = open_database(data_dir)
    assert integrity_problems(db) == []
    return Services(db)


@pytest.fixture
def rng() -> random.Random:
    seed = int(os.environ.get("SKOLEHJEM_KILL_SEED", time.time_ns() % 10_000))
    print(f"kill seed {seed}")
    return random.Random(seed)


def test_killed_while_saving_conversation_text(tmp_path: Path, rng: random.Random) -> None:
    data_dir = tmp_path / "data"
    services = Services(open_database(data_dir))
    klass = services.classes.create("5.A", services.classes.current_year())
    pupil = services.students.add("Søren", "Ærø", klass.id)
    starts = dt.datetime.combine(services.today(), dt.time(8, 0))
    conversation = services.conversations.plan(pupil.id, Planning(starts_at=starts))
    services.db.close()
    marker = tmp_path / "conversation.txt"
    marker.write_text(str(conversation.id))
    start = 0
    for round_ in range(ROUNDS):
        done = _kill_at_random(
            "text", data_dir, marker, start, log=tmp_path / f"t{round_}.log", rng=rng
        )
        assert done, "no write finished before the kill"
        last = int(done[-1])
        services = _check_intact(data_dir)
        try:
            text = services.conversations.get(conversation.id).section(SectionKind.SUMMARY).text
        finally:
            services.db.close()
        stored = int(text.split(":", 1)[0])
        # the last reported write, or the one after it (committed, not yet reported)
        assert stored in (last, last + 1)
        assert text == (f"{stored}:" + "Søren læser flydende. " * (1 + stored % 40)).strip()
        start = stored + 1


def test_killed_while_importing_class_lists(tmp_path: Path, rng: random.Random) -> None:
    data_dir = tmp_path / "data"
    open_database(data_dir).close()
    lists = tmp_path / "lists"
    lists.mkdir()
    start = 0
    reported: dict[str, int] = {}
    for round_ in range(ROUNDS):
        done = _kill_at_random(
            "import", data_dir, lists, start, log=tmp_path / f"i{round_}.log", rng=rng
        )
        assert done, "no import finished before the kill"
        for line in done:
            number, pupils = line.split()
            reported[f"K{number}"] = int(pupils)
        services = _check_intact(data_dir)
        try:
            classes = {c.name: c.student_count for c in services.classes.all()}
        finally:
            services.db.close()
        for name, pupils in reported.items():
            assert classes.get(name) == pupils, name
        # an import is all or nothing: a class beyond the reported ones is whole too
        for name, count in classes.items():
            assert count == 1 + int(name[1:]) % 25
        start = max(int(name[1:]) for name in classes) + 1


def test_killed_while_backing_up(tmp_path: Path, rng: random.Random) -> None:
    data_dir = tmp_path / "data"
    services = Services(open_database(data_dir))
    for name in ("5.A", "6.B"):
        klass = services.classes.create(name, services.classes.current_year())
        for n in range(30):
            services.students.add(f"Elev{n}", "Ærø", klass.id)
    services.db.close()
    out = tmp_path / "usb"
    out.mkdir()
    start = 0
    for round_ in range(ROUNDS):
        done = _kill_at_random(
            "backup", data_dir, out, start, log=tmp_path / f"b{round_}.log", rng=rng
        )
        assert done, "no backup finished before the kill"
        for line in done:
            info = inspect_backup(out / f"b{line}.sqlite")
            assert (info.classes, info.pupils) == (2, 60)
        # a file with a backup's name is always a whole backup
        for backup in out.glob("b*.sqlite"):
            assert inspect_backup(backup).pupils == 60
        services = _check_intact(data_dir)
        services.db.close()
        start = int(done[-1]) + 2


def test_killed_while_restoring(tmp_path: Path, rng: random.Random) -> None:
    files = tmp_path / "files"
    files.mkdir()
    contents = {"a": ["A1", "A2"], "b": ["B1"]}
    for letter, names in contents.items():
        source = open_database(tmp_path / f"src-{letter}")
        services = Services(source)
        for name in names:
            klass = services.classes.create(name, services.classes.current_year())
            services.students.add("Ayşe", "Yılmaz", klass.id)
        backup_to(services, files / f"{letter}.sqlite")
        source.close()
    data_dir = tmp_path / "data"
    open_database(data_dir).close()
    start = 0
    before: list[str] = []
    for round_ in range(ROUNDS):
        done = _kill_at_random(
            "restore", data_dir, files, start, log=tmp_path / f"r{round_}.log", rng=rng
        )
        services = _check_intact(data_dir)
        try:
            names = sorted(c.name for c in services.classes.all())
        finally:
            services.db.close()
        last = int(done[-1].split()[0]) if done else start - 1
        # the last reported restore (or what was there), or the next one past its rename
        allowed = [contents["ab"[(last + 1) % 2]]]
        allowed.append(contents["ab"[last % 2]] if done else before)
        assert names in allowed, (names, done[-1:])
        before = names
        start = last + 2
    assert list((data_dir / "backups").glob("before-restore-*.sqlite"))
