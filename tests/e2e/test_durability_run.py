"""One durability run: random SIGKILLs across every kind of write, then the data must hold.

A child process writes in a loop (a conversation's text, a class list, a backup, a PDF,
a class file, a colleague's class file imported, and in a protected folder a change of
passphrase) and prints a line after each write returned. The test kills it at a random
moment, many times, choosing the kind of write at random each time. After each kill the
next start must find the database intact, every write the child reported in it, and
nothing left behind: no half-written
copy in the data folder, its backups or the folders written to; in a protected folder, no
plain database and no pupil's name in any file.

``SKOLEHJEM_KILL_SEED`` repeats a run; ``SKOLEHJEM_KILLS`` sets how many kills (default
12, within a minute or two here).
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
from collections import Counter
from pathlib import Path

import pytest

from skolehjem_desktop.domain.enums import SectionKind
from skolehjem_desktop.services import Services
from skolehjem_desktop.services.conversations import Planning
from skolehjem_desktop.services.data_folder import DataFolder, WrongPassphrase
from skolehjem_desktop.store.database import integrity_problems, open_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

PASS = "en lang og hemmelig sætning"
KINDS = ("text", "import", "backup", "pdf", "export", "receive")
PASSPHRASES = ("første lange sætning", "anden lange sætning")  # a protected folder's two
LEFTOVER_SUFFIXES = (".partial", ".part", ".tmp", ".rekey-new", ".rekey-old")

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from skolehjem_desktop import i18n
    from skolehjem_desktop.services import Services
    from skolehjem_desktop.store.database import open_database

    i18n.activate("en")
    kind, data_dir, out, start = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    keys = [k for k in sys.argv[6].split("|") if k]  # the data's passphrase first, if any
    if kind == "rekey":
        from skolehjem_desktop.services.data_folder import DataFolder

        print("ready", flush=True)
        i = start
        while True:
            DataFolder(data_dir).change_passphrase(keys[0], keys[1])
            keys.reverse()
            print(f"rekey {i}", flush=True)
            i += 1
    services = Services(open_database(data_dir, keys[0] if keys else None))
    services.class_transfer.scrypt_n = 2**12
    conversation, klass = (int(x) for x in (out / "ids.txt").read_text().split())

    def done(line):
        sys.stdout.write(line + "\\n")
        sys.stdout.flush()

    done("ready")
    i = start
    while True:
        if kind == "text":
            from skolehjem_desktop.domain.enums import SectionKind

            text = f"{i}:" + "Søren læser flydende. " * (1 + i % 40)
            services.conversations.set_section(conversation, SectionKind.SUMMARY, text)
        elif kind == "import":
            from skolehjem_desktop.services.class_import import import_class_list

            csv = out / f"k{i}.csv"
            rows = ["Fornavn;Efternavn"] + [f"Elev{n};Ærø{i}" for n in range(1 + i % 25)]
            csv.write_text("\\n".join(rows) + "\\n", encoding="utf-8")
            import_class_list(services.db, csv, class_name=f"K{i}", today=services.today())
        elif kind == "backup":
            from skolehjem_desktop.services.backups import backup_to

            backup_to(services, out / f"b{i}.sqlite")
        elif kind == "pdf":
            services.pdfs.write_class_overview(klass, out / f"p{i}.pdf", "da")
        elif kind == "export":
            services.class_transfer.export_class(klass, out / f"c{i}.skolehjem-klasse", sys.argv[5])
        elif kind == "receive":
            cf = services.class_transfer.read_file(out / "colleague.skolehjem-klasse", sys.argv[5])
            services.class_transfer.apply(cf)
        done(f"{kind} {i}")
        i += 1
    """
)


def _leftovers(*folders: Path) -> list[str]:
    return [
        str(p)
        for folder in folders
        for p in folder.rglob("*")
        if p.name.endswith(LEFTOVER_SUFFIXES) or p.name.startswith("skolehjem-inspect-")
    ]


@pytest.fixture
def school(tmp_path: Path) -> tuple[Path, Path]:
    """A data folder with a class and a conversation; a colleague's class file beside it."""
    data, out = tmp_path / "data", tmp_path / "out"
    out.mkdir()
    services = Services(open_database(data))
    services.class_transfer.scrypt_n = 2**12
    me = services.school.add_teacher("Mette Kjær", "MK", is_user=True)
    year = services.classes.current_year()
    klass = services.classes.create("5.A", year, contact_teacher_ids=(me.id,))
    pupil = services.students.add("Søren", "Ærø", klass.id)
    starts = dt.datetime.combine(services.today(), dt.time(8, 0))
    conversation = services.conversations.plan(pupil.id, Planning(starts_at=starts))
    services.db.close()
    (out / "ids.txt").write_text(f"{conversation.id} {klass.id}")
    colleague = Services(open_database(tmp_path / "colleague"))
    colleague.class_transfer.scrypt_n = 2**12
    other = colleague.classes.create("6.B", year)
    for n in range(30):
        colleague.students.add(f"Elev{n}", "Østergård", other.id)
    colleague.class_transfer.export_class(other.id, out / "colleague.skolehjem-klasse", PASS)
    colleague.db.close()
    return data, out


def _run_and_kill(
    kind: str, data: Path, out: Path, start: int, rng: random.Random, *, keys: list[str]
) -> list[str]:
    """The lines the child finished before a kill at a random moment after its first write."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    env.pop("SKOLEHJEM_DATA_DIR", None)
    log = out.parent / f"{kind}-{start}.log"
    with log.open("w") as stdout:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, kind, str(data), str(out), str(start), PASS,
             "|".join(keys)],
            stdout=stdout, stderr=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while log.read_text().count("\n") < 2:  # ready, and one write done
                assert child.poll() is None, (kind, log.read_text())
                assert time.monotonic() < deadline, kind
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.6))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(timeout=10)
    text = log.read_text()
    return [line for line in text[: text.rfind("\n") + 1].splitlines() if line != "ready"]


@pytest.mark.parametrize("protected", [False, True], ids=["plain", "protected"])
def test_random_kills_across_every_write_leave_the_data_whole(
    school: tuple[Path, Path], protected: bool
) -> None:
    data, out = school
    seed = int(os.environ.get("SKOLEHJEM_KILL_SEED", time.time_ns() % 10_000))
    kills = int(os.environ.get("SKOLEHJEM_KILLS", "12"))
    print(f"kill seed {seed}, {kills} kills, protected: {protected}")
    rng = random.Random(seed)
    keys = list(PASSPHRASES) if protected else []
    if protected:
        DataFolder(data).protect(keys[0])
    kinds = (*KINDS, "rekey") if protected else KINDS
    reported: dict[str, set[int]] = {kind: set() for kind in kinds}
    killed: Counter[str] = Counter()
    start = 0
    for _round in range(kills):
        kind = rng.choice(kinds)
        killed[kind] += 1
        for line in _run_and_kill(kind, data, out, start, rng, keys=keys):
            reported[kind].add(int(line.split()[1]))
        start += 1000  # each round's writes have their own numbers
        # the next start: intact, every reported write in it, nothing left behind
        services = _next_start(data, keys)
        try:
            assert integrity_problems(services.db) == [], (kind, seed)
            _check_reported(services, reported, out)
        finally:
            services.close()
        # a write of each kind beside the folders cleans what a killed one left there
        _write_once_more(data, out, keys)
        assert _leftovers(data, out) == [], (kind, seed)
        if protected:
            assert _plaintext(data) == [], (kind, seed)
    print(
        "kills by kind", dict(killed), "writes reported", {k: len(v) for k, v in reported.items()}
    )


def _next_start(data: Path, keys: list[str]) -> Services:
    """The data opened as the next start opens it; a re-key finished or undone: either key.

    ``keys`` is put in the order that opens the data now.
    """
    if not keys:
        return DataFolder(data).open()
    for key in list(keys):
        try:
            services = DataFolder(data).open(key)
        except WrongPassphrase:
            continue
        if key != keys[0]:
            keys.reverse()
        return services
    raise AssertionError("neither passphrase opens the data")


def _plaintext(data: Path) -> list[str]:
    """Files of a protected folder that hold a plain SQLite database or a pupil's name."""
    found = []
    for path in data.rglob("*"):
        if not path.is_file() or path.name.endswith(".lock"):
            continue
        content = path.read_bytes()
        if content.startswith(b"SQLite format 3\0") or "Søren".encode() in content:
            found.append(str(path))
    return found


def _check_reported(services: Services, reported: dict[str, set[int]], out: Path) -> None:
    if reported["text"]:
        conversation = int((out / "ids.txt").read_text().split()[0])
        text = services.conversations.get(conversation).section(SectionKind.SUMMARY).text
        stored = int(text.split(":", 1)[0])
        # the last reported write, or one after it (committed, not yet reported)
        assert stored in {max(reported["text"]), max(reported["text"]) + 1} or stored > max(
            reported["text"]
        )
    names = {c.name: c.student_count for c in services.classes.all(include_archived=True)}
    for i in reported["import"]:
        assert names.get(f"K{i}") == 1 + i % 25, i
    for i in reported["backup"]:
        assert (out / f"b{i}.sqlite").stat().st_size > 0
    for i in reported["pdf"]:
        pdf = (out / f"p{i}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and b"%%EOF" in pdf[-32:]
    for i in reported["export"]:
        services.class_transfer.read_file(out / f"c{i}.skolehjem-klasse", PASS)
    if reported["receive"]:
        assert names.get("6.B") == 30


def _write_once_more(data: Path, out: Path, keys: list[str]) -> None:
    services = _next_start(data, keys)
    services.class_transfer.scrypt_n = 2**12
    try:
        from skolehjem_desktop.services.backups import backup_to

        klass = int((out / "ids.txt").read_text().split()[1])
        (out / "last.sqlite").unlink(missing_ok=True)  # made with a passphrase since changed
        backup_to(services, out / "last.sqlite")
        services.pdfs.write_class_overview(klass, out / "last.pdf", "da")
        services.class_transfer.export_class(klass, out / "last.skolehjem-klasse", PASS)
    finally:
        services.close()
