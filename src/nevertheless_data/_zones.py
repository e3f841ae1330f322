"""Time zones: the one parser of zone keys, wall times read in a zone, and the range of
datetime that every zone can show.

:func:`zone` turns a key into a :class:`~zoneinfo.ZoneInfo`, accepting IANA keys only, so a
key means the same on every machine. ``ZoneInfo(key)`` alone also opens whatever file the key
names under the machine's zone directories: ``localtime`` (the machine's own zone),
``posixrules``, the ``right/`` and ``posix/`` trees, paths. So a key is accepted only when it
is in the list of zones of the ``tzdata`` package, a dependency of this library: the IANA
database's zones and their backward-compatible links. ``Factory`` is in that list but names
no place (its abbreviation says the zone was never set), so it is refused too. The list is
read once, on the first key parsed: code that never parses a key (loading the bundled
dataset, which unpickles its zones) never reads it. The near-miss suggestion of an unknown key
is computed only when a key is refused.

:func:`resolve` reads a wall-clock time in a zone under a
:class:`~nevertheless_data.Disambiguate` policy. :data:`EARLIEST` and :data:`LATEST` bound the
instants an airing may have so that every zone can show it, and :func:`aware_utc` compares
any aware datetime with them, even one that has no UTC datetime.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import zoneinfo
from zoneinfo import ZoneInfo

from ._errors import RepeatedTime, SkippedTime, UnknownZone
from ._models import Disambiguate

__all__ = [
    "EARLIEST",
    "LATEST",
    "MARGIN",
    "aware_utc",
    "day_in_utc",
    "iana_keys",
    "resolve",
    "suggestion",
    "zone",
]

# Keys the tzdata list holds that name no place.
_NOT_PLACES = frozenset({"Factory"})
# Close-match suggestions compare the key with every zone: bounded so a hostile
# key of a megabyte is refused at the cost of its length, not of its length times the list.
_LONGEST_SUGGESTED = 64


@functools.cache
def iana_keys() -> frozenset[str]:
    """Every key :func:`zone` accepts: the tzdata package's zones and links, but ``Factory``."""
    try:
        import tzdata  # type: ignore[import-untyped]

        # The file next to the package's __init__: what importlib.resources would find, for
        # less than importing importlib.resources costs.
        with open(
            os.path.join(os.path.dirname(tzdata.__file__), "zones"), encoding="utf-8"
        ) as file:
            text = file.read()
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
    import difflib  # only a refused key pays for importing it

    close = difflib.get_close_matches(key, sorted(keys), n=1, cutoff=0.8)
    return close[0] if close else None


# --- wall times in a zone ----------------------------------------------------------------------


def resolve(local: dt.datetime, zone: ZoneInfo, disambiguate: Disambiguate) -> dt.datetime:
    """The naive wall-clock time ``local`` as an aware datetime in ``zone``.

    The result is always a wall time that exists: a skipped time moves by the length of the
    gap (forward under ``COMPATIBLE`` and ``LATER``, backward under ``EARLIER``). Raises
    :class:`SkippedTime` or :class:`RepeatedTime` under ``RAISE``.
    """
    local = local.replace(fold=0)  # the policy decides, not a fold the caller's time carries
    first = local.replace(tzinfo=zone)
    second = local.replace(tzinfo=zone, fold=1)
    # PEP 495: fold=0 reads the wall time with the offset in force before a transition,
    # fold=1 with the one after it. They differ only inside a gap or a fold.
    before, after = _offset(first), _offset(second)
    if before == after:
        return first
    if before > after:
        if disambiguate is Disambiguate.RAISE:
            raise RepeatedTime(str(zone), local, before, after)
        return second if disambiguate is Disambiguate.LATER else first
    if disambiguate is Disambiguate.RAISE:
        raise SkippedTime(str(zone), local, after - before)
    # In a gap, the offset from before it puts the instant after the gap, and the other way round.
    chosen = second if disambiguate is Disambiguate.EARLIER else first
    return chosen.astimezone(dt.UTC).astimezone(zone)


def _offset(moment: dt.datetime) -> dt.timedelta:
    offset = moment.utcoffset()
    assert offset is not None, "a ZoneInfo always gives an offset"
    return offset


# --- the range of datetime --------------------------------------------------------------------

# Every start and end must stay this far inside the range of datetime, in UTC, so that the
# airing can be shown in every zone and re-anchored in every zone without leaving it. A zone
# is less than a day from UTC; re-anchoring a local-time slot reads its wall time (a day from
# its instant at most) in another zone (a day more), where a skipped time moves it by the gap
# (less than two days, the difference of two offsets); the result is then shown in some zone
# (a day more). Five days cover that with nothing to spare, and still leave every date of
# years 2 to 9998 free.
MARGIN = dt.timedelta(days=5)
EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC) + MARGIN
LATEST = dt.datetime.max.replace(tzinfo=dt.UTC) - MARGIN
_FIRST = dt.datetime.min.replace(tzinfo=dt.UTC)
_LAST = dt.datetime.max.replace(tzinfo=dt.UTC)


def aware_utc(moment: object, name: str) -> dt.datetime:
    """``moment`` in UTC, for comparing with the airings' instants.

    An instant too close to the ends of the range of datetime has no UTC datetime (year 1 at
    +14:00 is still year 0 in UTC): it becomes the first or last UTC datetime, which compares
    with every airing as it does, since every airing lies days inside that range.
    """
    if not isinstance(moment, dt.datetime):
        raise TypeError(f"{name} must be an aware datetime, got {moment!r}")
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError(
            f"{name} must be an aware datetime, got the naive {moment.isoformat(sep=' ')}: "
            "give it a zone, e.g. .replace(tzinfo=ZoneInfo('Asia/Seoul'))"
        )
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        return _FIRST if offset > dt.timedelta(0) else _LAST


def day_in_utc(day: dt.date, days: int) -> dt.datetime:
    """Midnight UTC of ``day`` moved by ``days``, kept within the range of datetime."""
    try:
        return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) + dt.timedelta(days=days)
    except OverflowError:
        return _FIRST if days < 0 else _LAST
