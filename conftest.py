"""Collects every code example as a test (Sybil): the Markdown ones in README.md and docs/, and
the ``>>>`` examples in the library's docstrings.

A page's examples share one namespace and run in order, so under pytest-xdist they must stay on
one worker: pyproject.toml sets ``--dist=loadfile``.
"""

from __future__ import annotations

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser
from sybil.parsers.rest import DocTestParser

_markdown = Sybil(
    parsers=[PythonCodeBlockParser(), SkipParser()],
    patterns=["README.md", "docs/*.md", "docs/**/*.md"],
    name="markdown",
)
_docstrings = Sybil(parsers=[DocTestParser()], patterns=["*.py"], path="src", name="docstrings")

pytest_collect_file = (_markdown + _docstrings).pytest()
