"""Hatchling build hook: put what the program reads at run time into the wheel.

- ``resources/`` (fonts, icons, licences) as ``skolehjem_desktop/_shipped/resources/``;
- the gettext catalogues: the ``.po`` files in ``translations/`` stay the source, and the
  wheel carries only the ``.mo`` files compiled from them here, as
  ``skolehjem_desktop/_shipped/translations/<lang>/LC_MESSAGES/skolehjem.mo``.

The program finds both through ``skolehjem_desktop.resources``. An editable install
reads them from the checkout instead, so the hook does nothing there.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SHIPPED = "skolehjem_desktop/_shipped"


class CatalogueBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        build_data["force_include"][str(Path(self.root, "resources"))] = f"{SHIPPED}/resources"
        self._tmp = Path(tempfile.mkdtemp(prefix="skolehjem-mo-"))
        sources = sorted(Path(self.root, "translations").glob("*/LC_MESSAGES/*.po"))
        if not sources:
            raise RuntimeError("no translations/*/LC_MESSAGES/*.po to compile")
        for po in sources:
            lang = po.parent.parent.name
            mo = self._tmp / lang / po.with_suffix(".mo").name
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
            with mo.open("wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)
            target = f"{SHIPPED}/translations/{lang}/LC_MESSAGES/{mo.name}"
            build_data["force_include"][str(mo)] = target

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
