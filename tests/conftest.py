"""Test configuration: Hypothesis profiles and the shared dataset fixtures."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# CI=true makes Hypothesis load its built-in "ci" profile (derandomized, no deadline).
# Locally, keep runs quick; properties guarding tricky logic raise max_examples themselves.
settings.register_profile(
    "dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
if not os.environ.get("CI"):
    settings.load_profile("dev")
