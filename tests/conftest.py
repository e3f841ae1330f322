"""Test configuration: Hypothesis profiles, the tzdata-only zone path, and shared fixtures."""

from __future__ import annotations

import os
import zoneinfo
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, settings

# Every zone comes from the tzdata package, never the host's database, so schedule results do
# not depend on the machine. Done at import, before any test module creates a ZoneInfo.
zoneinfo.reset_tzpath(to=[])
zoneinfo.ZoneInfo.clear_cache()

# CI=true makes Hypothesis load its built-in "ci" profile (derandomized, no deadline).
# Locally, keep runs quick; properties guarding tricky logic raise max_examples themselves.
settings.register_profile(
    "dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
if not os.environ.get("CI"):
    settings.load_profile("dev")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the command in-process: ``run(*args)`` gives (exit status, stdout, stderr)."""
    from nevertheless_data.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        status = main(list(args))
        out, err = capsys.readouterr()
        return status, out, err

    return run
