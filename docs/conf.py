"""Sphinx configuration for the nevertheless-data documentation."""

from __future__ import annotations

from importlib.metadata import version as _version

project = "nevertheless-data"
author = "nevertheless-data developers"
copyright = "2026, nevertheless-data developers"
release = _version("nevertheless-data")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]
nitpicky = False
autodoc_member_order = "bysource"
autodoc_typehints = "description"
html_theme = "furo"
html_title = "nevertheless-data"
