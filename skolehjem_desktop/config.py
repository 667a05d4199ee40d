"""Where the data lives: one paths module, one override.

The data folder holds the database and its backups. It is, in order of precedence:
the ``--data-dir`` argument, the ``SKOLEHJEM_DATA_DIR`` environment variable, or the
user data folder that platformdirs gives for this user.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "SKOLEHJEM_DATA_DIR"
DB_FILENAME = "skolehjem.sqlite"
BACKUP_DIRNAME = "backups"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("Skolehjem", appauthor=False, roaming=True))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The data folder chosen by the command line, the environment or the platform."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIRNAME


def ensure_private_dir(path: Path) -> None:
    """Create a folder readable by the user alone (0700 where the OS has modes)."""
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)
