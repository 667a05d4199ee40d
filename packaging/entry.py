"""The frozen program's entry point: the same main as the ``skolehjem-desktop`` command.

No arguments open the window; arguments run the command line.
"""

from __future__ import annotations

import sys

from skolehjem_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
