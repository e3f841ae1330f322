"""``python -m nevertheless_data``: the ``nevertheless-data`` command."""

from __future__ import annotations

import sys

from nevertheless_data.cli import main

if __name__ == "__main__":
    sys.exit(main())
