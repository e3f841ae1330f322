"""Sphinx configuration for the nevertheless-data documentation.

Build it warning-free, as CI does:
``python -m sphinx -W --keep-going -b html docs docs/_build/html``.
"""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path

# The project's own extensions: _ext/figures.py draws the pictures from the bundled data.
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "nevertheless-data"
author = "nevertheless-data developers"
copyright = "2026, nevertheless-data developers"
release = _version("nevertheless-data")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "figures",
]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "_ext"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
python_use_unqualified_type_names = True

# Every reference into this library must resolve. Without network access there is no
# intersphinx, so names from the standard library and other packages stay unlinked text.
nitpicky = True
nitpick_ignore_regex = [
    (
        r"py:.*",
        r"(datetime|zoneinfo|os|pathlib|collections\.abc|typing|enum|unicodedata|sys|attrs"
        r"|cattrs|icalendar)(\..+)?",
    ),
    # Type variables in generic signatures (Registry[RecordT]) are not documented objects.
    (r"py:class", r"(nevertheless_data\._\w+\.)?_?[A-Z][A-Za-z]*T"),
]

html_theme = "furo"
html_title = "nevertheless-data"
