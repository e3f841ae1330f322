"""Test configuration: Hypothesis profiles and the shared dataset fixtures."""

from __future__ import annotations

import os
import zoneinfo

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
