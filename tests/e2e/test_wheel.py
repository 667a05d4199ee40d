"""The program as ``pip install`` gives it: the wheel in a fresh venv, run from an empty folder.

The editable checkout and the PyInstaller bundle both hide files that a wheel leaves out
(fonts, catalogues, migrations). This builds the wheel from the checkout, checks its
contents with ``check-wheel-contents``, installs it into a new venv outside the checkout
and runs the installed command from a folder with no source tree, with a home of its own
and no ``LANG``. The venv gets the program from the wheel alone; its dependencies are the
locked ones of the development venv (a ``.pth`` naming that venv's site-packages), so the
test needs no network and no second download of Qt.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from skolehjem_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
QT_OFFSCREEN_NOTE = "This plugin does not support propagateSizeHints()"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the venv layout of POSIX")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-3000:]
    (path,) = out.glob("skolehjem_desktop-*.whl")
    return path


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``skolehjem-desktop`` command of a fresh venv that holds the wheel."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
         str(wheel)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    paths = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (Path(site) / "locked_dependencies.pth").write_text("\n".join(paths) + "\n")
    command = venv / "bin" / "skolehjem-desktop"
    assert command.is_file()
    return command


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("teacher")


def run(command: Path, *args: str, home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run as from a fresh terminal: an empty working folder, no LANG, no source tree."""
    work = home / "work"
    work.mkdir(exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }
    return subprocess.run(
        [str(command), *args], capture_output=True, text=True, env=env, cwd=work,
        timeout=300, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def demo(installed: Path, home: Path) -> Path:
    data = home / "demo"
    done = run(installed, "--data-dir", str(data), "--lang", "en", "demo", home=home)
    assert done.returncode == 0, done.stderr
    assert "Demo school created" in done.stdout
    return data


def test_the_wheel_carries_fonts_catalogues_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = "skolehjem_desktop/_shipped/"
    for font in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        assert f"{shipped}resources/fonts/{font}" in names
    assert f"{shipped}resources/icons/skolehjem.svg" in names
    assert f"{shipped}resources/licenses/LGPL-3.0.txt" in names
    for lang in ("da", "en"):
        assert f"{shipped}translations/{lang}/LC_MESSAGES/skolehjem.mo" in names
        assert f"{shipped}translations/{lang}/LC_MESSAGES/skolehjem.po" not in names
    migrations = "skolehjem_desktop/store/migrations/"
    assert f"{migrations}env.py" in names and f"{migrations}script.py.mako" in names
    assert f"{migrations}versions/0001_initial_schema.py" in names
    assert not any(n.startswith(("tests/", "resources/", "translations/")) for n in names)


def test_check_wheel_contents_finds_nothing_wrong(wheel: Path) -> None:
    checker = Path(sys.executable).with_name("check-wheel-contents")
    done = subprocess.run(
        [str(checker), str(wheel)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("OK")


def test_the_installed_program_is_the_wheels_not_the_checkouts(installed: Path, home: Path) -> None:
    python = installed.with_name("python")
    done = subprocess.run(
        [str(python), "-c", "import skolehjem_desktop.resources as r; print(r.bundle_root())"],
        capture_output=True, text=True, cwd=home, env={"PATH": os.environ["PATH"]}, check=True,
    )  # fmt: skip
    root = Path(done.stdout.strip())
    assert root.is_relative_to(installed.parent.parent), root
    assert not root.is_relative_to(ROOT)


def test_version(installed: Path, home: Path) -> None:
    done = run(installed, "--version", home=home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Skolehjem {__version__}"


def test_a_danish_summary_pdf_with_the_embedded_font(
    installed: Path, home: Path, demo: Path
) -> None:
    listed = run(installed, "--data-dir", str(demo), "list", "conversations", "--json", home=home)
    assert listed.returncode == 0, listed.stderr
    held = next(c for c in json.loads(listed.stdout) if c["status"] == "held")
    out = home / "referat.pdf"
    done = run(
        installed, "--data-dir", str(demo), "--lang", "da", "pdf", "summary",
        "--conversation", str(held["id"]), "--out", str(out), "--lang", "da", home=home,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "er gemt" in done.stdout  # the command's own line, in Danish
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Referat af skole/hjemsamtale" in text
    assert held["student"] in text
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVuSans" in name for name in fonts), fonts
    assert all("/FontFile2" in font["/FontDescriptor"] for font in _font_objects(reader))


def _font_objects(reader: PdfReader) -> list:  # type: ignore[type-arg]
    return [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]


def test_an_error_in_danish(installed: Path, home: Path, demo: Path) -> None:
    done = run(
        installed, "--data-dir", str(demo), "--lang", "da", "pdf", "summary",
        "--conversation", "999999", "--out", str(home / "x.pdf"), home=home,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip() == "skolehjem-desktop: Samtale med id 999999 findes ikke."
    assert not (home / "x.pdf").exists()


def test_danish_help(installed: Path, home: Path) -> None:
    done = run(installed, "--lang", "da", "--help", home=home)
    assert done.returncode == 0
    assert "Skole/hjemsamarbejde for kontaktlærere." in done.stdout
    assert "School–home cooperation" not in done.stdout


@pytest.mark.parametrize(
    "locale",
    [{}, {"LC_ALL": "C"}, {"LANG": "POSIX", "PYTHONCOERCECLOCALE": "0"}],
    ids=["no-LANG", "LC_ALL=C", "POSIX-uncoerced"],
)
def test_the_window_starts_offscreen_quietly_without_a_locale(
    installed: Path, home: Path, demo: Path, locale: dict[str, str]
) -> None:
    """No Qt "Detected locale C" lines on a teacher's terminal, whatever the locale."""
    done = run(
        installed, "--data-dir", str(demo), "--lang", "da", home=home,
        SKOLEHJEM_QUIT_AFTER_START="1", **locale,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    noise = [line for line in done.stderr.splitlines() if line.strip() != QT_OFFSCREEN_NOTE]
    assert noise == []
