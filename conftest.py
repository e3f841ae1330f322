"""Collects every code example in README.md and docs/ as a test (Sybil).

A page's examples share one namespace and run in order, so under pytest-xdist they must stay on
one worker: pyproject.toml sets ``--dist=loadfile``.
"""

from __future__ import annotations

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser

pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(), SkipParser()],
    patterns=["README.md", "docs/*.md", "docs/**/*.md"],
).pytest()
