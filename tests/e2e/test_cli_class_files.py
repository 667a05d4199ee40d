"""``export-class``, ``import-class`` and ``class-choices`` as a teacher runs them.

Two data folders stand for two laptops. The passphrase of the class file comes from
``SKOLEHJEM_CLASS_PASSPHRASE``, as in a script; the real key derivation is used.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

PASS = "en lang og hemmelig sætning"
KEYS = {
    "file", "class", "school_year", "school", "sender", "exported_at", "include_private",
    "dry_run", "class_here", "other_school", "contact_teacher", "pupils", "counts", "kinds",
}  # fmt: skip
COUNTS = {"new", "updated", "unchanged", "choices", "deleted", "kept"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A demo school and its class 6.B in a class file."""
    root = tmp_path_factory.mktemp("class-file")
    data, out = root / "mette", root / "6B.skolehjem-klasse"
    env = {**os.environ, "SKOLEHJEM_CLASS_PASSPHRASE": PASS}
    env.pop("SKOLEHJEM_DEBUG", None)
    for args in (("demo",), ("export-class", "--class", "6.B", "--out", str(out))):
        done = subprocess.run(
            [sys.executable, "-m", "skolehjem_desktop", "--data-dir", str(data), "--lang", "en",
             *args],
            capture_output=True, text=True, env=env, check=False, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    assert "6.B" in done.stdout and "pupils" in done.stdout
    return data, out


def rows(data: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(data / "skolehjem.sqlite")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_class_file_goes_into_an_empty_folder_and_again_changes_nothing(
    cli, exported: tuple[Path, Path]
) -> None:
    _mette, path = exported
    assert path.stat().st_mode & 0o777 == 0o600
    dry = cli("import-class", str(path), "--json", "--dry-run", SKOLEHJEM_CLASS_PASSPHRASE=PASS)
    assert dry.returncode == 0, dry.stderr
    preview = json.loads(dry.stdout)
    assert set(preview) == KEYS and set(preview["counts"]) == COUNTS
    assert preview["dry_run"] and preview["class"] == "6.B" and not preview["class_here"]
    assert rows(cli.data_dir, "select count(*) from student") == [(0,)]
    done = cli("import-class", str(path), "--json", SKOLEHJEM_CLASS_PASSPHRASE=PASS)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["counts"]["new"] == preview["counts"]["new"] > 0
    assert rows(cli.data_dir, "select count(*) from student") == [(len(result["pupils"]),)]
    again = json.loads(
        cli("import-class", str(path), "--json", SKOLEHJEM_CLASS_PASSPHRASE=PASS).stdout
    )
    assert again["counts"]["new"] == again["counts"]["updated"] == 0
    assert again["counts"]["unchanged"] == result["counts"]["new"]
    choices = cli("class-choices", "--json")
    assert json.loads(choices.stdout) == {"choices": []}


def test_a_wrong_passphrase_or_a_damaged_file_is_one_line_and_changes_nothing(
    cli, exported: tuple[Path, Path], tmp_path: Path
) -> None:
    _mette, path = exported
    wrong = cli("import-class", str(path), SKOLEHJEM_CLASS_PASSPHRASE="ikke den rigtige sætning")
    assert wrong.returncode == 1 and "passphrase does not open" in wrong.stderr
    broken = tmp_path / "broken.skolehjem-klasse"
    data = path.read_bytes()
    broken.write_bytes(data[: len(data) * 2 // 3])
    damaged = cli("import-class", str(broken), SKOLEHJEM_CLASS_PASSPHRASE=PASS, lang="da")
    assert damaged.returncode == 1 and "beskadiget" in damaged.stderr
    foreign = cli("import-class", str(Path(__file__)), SKOLEHJEM_CLASS_PASSPHRASE=PASS)
    assert foreign.returncode == 1 and "not a Skolehjem class file" in foreign.stderr
    for done in (wrong, damaged, foreign):
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert rows(cli.data_dir, "select count(*) from student") == [(0,)]


def test_an_export_without_a_passphrase_writes_nothing(
    cli, exported: tuple[Path, Path], tmp_path: Path
) -> None:
    mette, _path = exported
    out = tmp_path / "x.skolehjem-klasse"
    env = {k: v for k, v in os.environ.items() if k != "SKOLEHJEM_CLASS_PASSPHRASE"}
    done = subprocess.run(
        [sys.executable, "-m", "skolehjem_desktop", "--data-dir", str(mette), "--lang", "en",
         "export-class", "--class", "6.B", "--out", str(out)],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, check=False,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 1 and "SKOLEHJEM_CLASS_PASSPHRASE" in done.stderr
    short = subprocess.run(
        [sys.executable, "-m", "skolehjem_desktop", "--data-dir", str(mette), "--lang", "en",
         "export-class", "--class", "6.B", "--out", str(out)],
        capture_output=True, text=True, env={**env, "SKOLEHJEM_CLASS_PASSPHRASE": "kort"},
        check=False, timeout=120,
    )  # fmt: skip
    assert short.returncode == 1 and "Traceback" not in short.stderr
    assert list(tmp_path.iterdir()) == [] or not out.exists()


CHILD = """
import sys, time
from pathlib import Path
from skolehjem_desktop import i18n
from skolehjem_desktop.services import Services
from skolehjem_desktop.store.database import open_database

i18n.activate("en")
services = Services(open_database(Path(sys.argv[1])))
cf = services.class_transfer.read_file(Path(sys.argv[2]), sys.argv[3])
print("ready", flush=True)
started = time.monotonic()
services.class_transfer.apply(cf)
print("done", time.monotonic() - started, flush=True)
"""

STATE = (
    "select (select count(*) from student), (select count(*) from conversation),"
    " (select count(*) from sync_received), (select count(*) from sync_alias),"
    " (select count(*) from sync_conflict), (select count(*) from setting)"
)


def _import_and_kill(data: Path, path: Path, log: Path, after: float | None) -> str:
    """Import in a child; kill it ``after`` seconds into the transaction (None: let it end)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with log.open("w") as out:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data), str(path), PASS], stdout=out, env=env
        )
        deadline = time.monotonic() + 120
        while "ready" not in log.read_text():
            assert child.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.01)
        if after is None:
            assert child.wait(timeout=300) == 0
        else:
            time.sleep(after)
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
    return log.read_text()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_a_sigkill_during_an_import_leaves_the_folder_as_it_was(
    cli, exported: tuple[Path, Path], tmp_path: Path
) -> None:
    """Killed at random moments inside the transaction: the class is all there, or not at all."""
    _mette, path = exported
    assert cli("list", "classes").returncode == 0  # an empty data folder, made
    empty = rows(cli.data_dir, STATE)
    whole = tmp_path / "whole"
    shutil.copytree(cli.data_dir, whole)
    took = float(_import_and_kill(whole, path, tmp_path / "whole.log", None).split()[-1])
    full = rows(whole, STATE)
    assert full != empty
    rng = random.Random(18)
    for round_ in range(4):
        log = _import_and_kill(
            cli.data_dir, path, tmp_path / f"{round_}.log", rng.uniform(0.1, 0.9) * took
        )
        assert rows(cli.data_dir, "pragma integrity_check") == [("ok",)]
        state = rows(cli.data_dir, STATE)
        # all or nothing (killed between the commit and its "done", it is all there)
        assert state in (full, empty), (round_, log)
        if "done" in log:
            assert state == full, (round_, log)
    done = cli("import-class", str(path), "--json", SKOLEHJEM_CLASS_PASSPHRASE=PASS)
    assert done.returncode == 0, done.stderr
    assert rows(cli.data_dir, STATE) == full
