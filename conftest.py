"""Collects every code example in README.md and docs/ as a test (Sybil).

The examples of one page share a namespace and run in order, so under pytest-xdist (``-n``)
each page's examples are one ``xdist_group``: with ``--dist=loadgroup`` (set in pyproject.toml)
they all go to the same worker, while every other test is balanced on its own.
"""

from __future__ import annotations

import pytest
from sybil import Sybil
from sybil.integration.pytest import SybilItem
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser

pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(), SkipParser()],
    patterns=["README.md", "docs/*.md", "docs/**/*.md"],
).pytest()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if isinstance(item, SybilItem):
            page = item.path.relative_to(config.rootpath).as_posix()
            item.add_marker(pytest.mark.xdist_group(page))
