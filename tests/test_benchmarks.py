"""benchmarks/run.py still runs: a few samples of everything, no timing asserted.

The script measures against msgspec, pydantic and rapidfuzz, the ``bench`` dependency group,
which the ``test`` group does not pull in: without them this test skips. The README's test
command installs both groups, so the suite it runs skips nothing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


def test_the_benchmark_script_runs_every_part_and_writes_its_page(tmp_path: Path) -> None:
    for baseline in ("msgspec", "pydantic", "rapidfuzz"):
        pytest.importorskip(baseline, reason="the bench dependency group is not installed")
    page = tmp_path / "performance.md"
    result = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--markdown", str(page)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = result.stdout
    for title in ("1. Cold start", "2. Names", "3. Schedule", "4. Loading", "5. Loading at scale"):
        assert title in report
    for baseline in (
        "x msgspec twin",
        "x the floor",
        "x dict.get",
        "x rapidfuzz extract",
        "x raw loop",
        "x pydantic",
        "x 1x",
        "x structuring",
        "x the msgspec twin",
    ):
        assert baseline in report
    # The cold start's attribution: each side's own work, and the floor of attrs classes.
    for row in ("floor: attrs", "of which attrs.frozen building", "x the twin's own work"):
        assert row in report
    assert "enums, no data" in report
    assert "x the floor without the enums" in report
    # The load at scale: the growth of what every loader does, against the target's allowance.
    for row in ("the json parser alone", "the collector's first pass", "freeing the loaded"):
        assert row in report
    assert "The floor of the growth." in report
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n")
    assert "| Measured | Target | Reached | |" in text
    assert text.count("| Measured | Median (min-max) | Ratio |") == 5
    assert "- Machine: " in text
    assert "- Date: " in text
    assert "```python" not in text


def test_quick_results_never_overwrite_the_docs() -> None:
    result = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--write-docs"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "too rough for the docs" in result.stderr
