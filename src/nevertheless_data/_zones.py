"""The one parser of time zone keys: IANA keys only, so a key means the same on every machine.

:func:`zone` turns a key into a :class:`~zoneinfo.ZoneInfo`. ``ZoneInfo(key)`` alone also
opens whatever file the key names under the machine's zone directories: ``localtime`` (the
machine's own zone), ``posixrules``, the ``right/`` and ``posix/`` trees, paths. Those keys
mean different things on different machines, so a key is accepted only when it is in the list
of zones of the ``tzdata`` package, a dependency of this library: the IANA database's zones
and their backward-compatible links. ``Factory`` is in that list but names no place (its
abbreviation says the zone was never set), so it is refused too.

The list is read once, on the first key parsed: code that never parses a key (loading the
bundled dataset, which unpickles its zones) never reads it. The near-miss suggestion of an
unknown key is computed only when a key is refused.
"""

from __future__ import annotations

import difflib
import functools
import zoneinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from ._errors import UnknownZone

__all__ = ["zone"]

# Keys the tzdata list holds that name no place.
_NOT_PLACES = frozenset({"Factory"})
# Close-match suggestions compare the key with each of the ~600 zones: bounded so a hostile
# key of a megabyte is refused at the cost of its length, not of its length times the list.
_LONGEST_SUGGESTED = 64


@functools.cache
def iana_keys() -> frozenset[str]:
    """Every key :func:`zone` accepts: the tzdata package's zones and links, but ``Factory``."""
    try:
        import tzdata  # type: ignore[import-untyped]

        # The file next to the package's __init__: what importlib.resources would find, for
        # less than importing importlib.resources costs.
        text = (Path(tzdata.__file__).parent / "zones").read_text(encoding="utf-8")
    except (ImportError, OSError, TypeError):  # TypeError: a namespace package has no __file__
        text = _zones_file_through_resources()
    keys = frozenset(text.split()) if text else _machine_keys()
    return keys - _NOT_PLACES


def _zones_file_through_resources() -> str:
    # A zipped install has no file on disk; importlib.resources reads it from the archive.
    try:
        from importlib.resources import files

        return files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return ""


def _machine_keys() -> frozenset[str]:
    # Without tzdata (a broken install: it is a dependency), the machine's list is the best
    # left, less the keys that are not IANA zones.
    return frozenset(
        key
        for key in zoneinfo.available_timezones()
        if key not in {"localtime", "posixrules"} and not key.startswith(("posix/", "right/"))
    )


def zone(key: str | ZoneInfo) -> ZoneInfo:
    """The IANA zone named ``key``; a :class:`~zoneinfo.ZoneInfo` is returned as it is.

    Raises :class:`~nevertheless_data.UnknownZone` (a :class:`ValueError`) for a key that is
    not an IANA zone, with a near miss when one is close (``"asia/seoul"``, ``"Asia/Seol"``),
    and :class:`TypeError` for anything but a string or a ``ZoneInfo``.
    """
    if isinstance(key, ZoneInfo):
        return key
    if not isinstance(key, str):
        raise TypeError(f"expected an IANA time zone key or a ZoneInfo, got {key!r}")
    if key in iana_keys():
        try:
            return ZoneInfo(key)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            pass  # listed, but its file is missing or broken: as unknown as any other key
    raise UnknownZone(key, suggestion(key))


def suggestion(key: str) -> str | None:
    """The IANA key ``key`` most likely means, or ``None``: same letters in another case or
    with spaces for underscores first, then the closest spelling."""
    keys = iana_keys()
    folded = key.strip().replace(" ", "_").casefold()
    for candidate in keys:
        if candidate.casefold() == folded:
            return candidate
    if not key or len(key) > _LONGEST_SUGGESTED:
        return None
    close = difflib.get_close_matches(key, sorted(keys), n=1, cutoff=0.8)
    return close[0] if close else None
