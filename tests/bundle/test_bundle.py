"""The built app: PyInstaller's one-folder bundle, run as a teacher's laptop would run it.

Builds the bundle from this checkout into a temporary folder with
``packaging/build_bundle.sh`` (about a minute and a half on two cores), unless
``SKOLEHJEM_BUNDLE_DIR`` names a folder built in the same run (e.g. right after
``./dev.sh bundle``: ``SKOLEHJEM_BUNDLE_DIR=dist pytest tests/bundle``). Then runs the
*built* program — never the source — with no Python environment: ``--version``, the
demo, a PDF read back, the protection with SQLCipher, the window started offscreen and
closed, and the tarball's ``install.sh``. ``pytest -m "not bundle"`` leaves it out.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from skolehjem_desktop import __version__

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
]

ROOT = Path(__file__).resolve().parents[2]
# The offscreen platform says this for every shown window; it is not our warning.
QT_OFFSCREEN_NOTE = "This plugin does not support propagateSizeHints()"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding skolehjem/ and the tarball: given, or built now."""
    given = os.environ.get("SKOLEHJEM_BUNDLE_DIR")
    if given:
        return Path(given).resolve()
    out = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("work")
    build = subprocess.run(
        [str(ROOT / "packaging" / "build_bundle.sh"), str(out), str(work)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PY": sys.executable},
        timeout=1200,
        check=False,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def program(dist: Path) -> Path:
    exe = dist / "skolehjem" / "skolehjem"
    assert exe.is_file() and os.access(exe, os.X_OK)
    return exe


def environment(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment: no virtualenv, no PYTHONPATH, a home of its own."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TZ")}
    return {
        **keep,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }


def run(program: Path, *args: str, home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), *args],
        capture_output=True,
        text=True,
        env=environment(home, **extra),
        timeout=120,
        check=False,
        cwd=home,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def demo(program: Path, home: Path) -> Path:
    data = home / "demo-data"
    done = run(program, "--data-dir", str(data), "--lang", "en", "demo", home=home)
    assert done.returncode == 0, done.stderr
    assert "Demo school created" in done.stdout
    return data


def test_version(program: Path, home: Path) -> None:
    done = run(program, "--version", home=home)
    assert done.returncode == 0
    assert done.stdout.strip() == f"Skolehjem {__version__}"


def test_the_catalogues_are_found_in_the_bundle(program: Path, home: Path) -> None:
    danish = run(program, "--lang", "da", "--help", home=home)
    english = run(program, "--lang", "en", "--help", home=home)
    assert danish.returncode == english.returncode == 0
    assert "School–home cooperation for contact teachers." in english.stdout
    assert "School–home cooperation for contact teachers." not in danish.stdout


def test_demo_and_a_summary_pdf_read_back(program: Path, home: Path, demo: Path) -> None:
    listed = run(program, "--data-dir", str(demo), "list", "conversations", "--json", home=home)
    assert listed.returncode == 0, listed.stderr
    held = next(c for c in json.loads(listed.stdout) if c["status"] == "held")
    out = home / "summary.pdf"
    done = run(
        program,
        "--data-dir",
        str(demo),
        "--lang",
        "en",
        "pdf",
        "summary",
        "--conversation",
        str(held["id"]),
        "--out",
        str(out),
        "--lang",
        "en",
        home=home,
    )
    assert done.returncode == 0, done.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert held["student"] in text
    assert "Summary" in text
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(out).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVuSans" in name for name in fonts), fonts


def test_protection_with_sqlcipher_works_in_the_bundle(
    program: Path, home: Path, demo: Path, tmp_path: Path
) -> None:
    data = tmp_path / "protected"
    assert run(program, "--data-dir", str(data), "demo", home=home).returncode == 0
    secret = "en lang hemmelig sætning"
    done = run(program, "--data-dir", str(data), "encrypt", home=home, SKOLEHJEM_PASSPHRASE=secret)
    assert done.returncode == 0, done.stderr
    assert not (data / "skolehjem.sqlite").read_bytes().startswith(b"SQLite format 3")
    checked = run(
        program, "--data-dir", str(data), "--lang", "en", "check", home=home,
        SKOLEHJEM_PASSPHRASE=secret,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    assert "intact" in checked.stdout


@pytest.mark.parametrize("locale", [{}, {"LC_ALL": "C"}], ids=["inherited", "LC_ALL=C"])
def test_the_window_starts_offscreen_and_closes_cleanly(
    program: Path, home: Path, demo: Path, locale: dict[str, str]
) -> None:
    """Quietly too in a C locale (a bare root shell), where Qt would print four lines."""
    done = run(
        program, "--data-dir", str(demo), "--lang", "da", home=home,
        SKOLEHJEM_QUIT_AFTER_START="1", **locale,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    noise = [line for line in done.stderr.splitlines() if line.strip() != QT_OFFSCREEN_NOTE]
    assert noise == []


def test_the_bundle_carries_what_the_program_needs_and_not_more(dist: Path) -> None:
    inside = dist / "skolehjem" / "_internal"
    assert (inside / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert (inside / "resources" / "fonts" / "DejaVu-LICENSE.txt").is_file()
    assert (inside / "resources" / "icons" / "skolehjem.svg").is_file()
    assert (inside / "resources" / "licenses" / "LGPL-3.0.txt").is_file()
    for lang in ("da", "en"):
        assert (inside / "translations" / lang / "LC_MESSAGES" / "skolehjem.mo").is_file()
    assert list(inside.glob("PySide6/Qt/translations/qtbase_da.qm"))
    versions = inside / "skolehjem_desktop" / "store" / "migrations" / "versions"
    assert (versions / "0001_initial_schema.py").is_file()
    names = {p.name for p in inside.rglob("*")}
    for unwanted in ("tkinter", "_tkinter", "pytest", "hypothesis", "QtQml.abi3.so"):
        assert not any(n == unwanted or n.startswith(unwanted + ".") for n in names), unwanted


def test_the_tarball_installs_for_one_user(dist: Path, tmp_path: Path) -> None:
    tarballs = list(dist.glob(f"skolehjem-{__version__}-linux-*.tar.gz"))
    assert len(tarballs) == 1
    # Unpacked as a teacher would, with tar (and not TarFile.extractall(filter=...), which
    # Debian 12's Python 3.11.2 lacks).
    (tmp_path / "unpacked").mkdir()
    subprocess.run(["tar", "-xzf", str(tarballs[0]), "-C", str(tmp_path / "unpacked")], check=True)
    (folder,) = (tmp_path / "unpacked").iterdir()
    for name in ("install.sh", "skolehjem.desktop", "skolehjem.svg", "LICENSE"):
        assert (folder / name).is_file(), name
    home = tmp_path / "teacher"
    home.mkdir()
    env = environment(home)
    done = subprocess.run(
        ["sh", str(folder / "install.sh")], capture_output=True, text=True, env=env,
        timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    command = home / ".local" / "bin" / "skolehjem-desktop"
    menu = home / ".local" / "share" / "applications" / "skolehjem.desktop"
    assert command.is_symlink()
    version = subprocess.run(
        [str(command), "--version"], capture_output=True, text=True, env=env, check=False
    )
    assert version.stdout.strip() == f"Skolehjem {__version__}"
    exec_line = next(x for x in menu.read_text().splitlines() if x.startswith("Exec="))
    assert exec_line == f'Exec="{home}/.local/lib/skolehjem/skolehjem"'
    assert (home / ".local/share/icons/hicolor/scalable/apps/skolehjem.svg").is_file()

    removed = subprocess.run(
        ["sh", str(folder / "install.sh"), "--uninstall"], capture_output=True, text=True,
        env=env, check=False,
    )  # fmt: skip
    assert removed.returncode == 0
    assert not command.exists() and not menu.exists()
    assert not (home / ".local" / "lib" / "skolehjem").exists()
