"""IANA time zone keys -> ZoneInfo: the one place a zone name is parsed (interim version)."""

from __future__ import annotations

import zoneinfo

from ._errors import UnknownZone

__all__ = ["zone"]


def zone(key: str | zoneinfo.ZoneInfo) -> zoneinfo.ZoneInfo:
    """The zone named ``key``; :class:`UnknownZone` if it names none."""
    if isinstance(key, zoneinfo.ZoneInfo):
        return key
    if not isinstance(key, str):
        raise TypeError(f"expected an IANA time zone key or a ZoneInfo, got {key!r}")
    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        by_folded = {name.casefold(): name for name in zoneinfo.available_timezones()}
        raise UnknownZone(key, by_folded.get(key.strip().replace(" ", "_").casefold())) from None
