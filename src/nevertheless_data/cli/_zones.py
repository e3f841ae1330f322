"""The zone times are shown in: one the user names, or the machine's own; and ``--after``.

Parsing a zone key is the library's (:func:`nevertheless_data._zones.zone`, which raises
:class:`~nevertheless_data.UnknownZone`); what is left here is the machine's zone, which may
have no IANA name at all, and the ends of the range of dates Python can represent.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import zoneinfo

import nevertheless_data as nd
from nevertheless_data._zones import zone as parse_zone

from ._status import BadInput

__all__ = ["ShownZone", "after", "local_zone", "shown_zone", "when"]

# Converting an instant near year 1 or 9999 to another offset can leave the range of datetime;
# the machine's rules (mktime) can also refuse such a date.
_OUT_OF_RANGE = (OverflowError, OSError, ValueError)


class ShownZone:
    """The zone times are shown in: an IANA zone, or the machine's own rules when unnamed."""

    __slots__ = ("zone",)

    def __init__(self, zone: zoneinfo.ZoneInfo | None) -> None:
        self.zone = zone

    @property
    def name(self) -> str:
        """The IANA key, or ``"local time"`` for the machine's unnamed zone."""
        return "local time" if self.zone is None else str(self.zone.key)

    def convert(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` in this zone (the machine's rules apply per instant, DST included); the
        moment unchanged where the zone cannot represent it (near year 1 or 9999)."""
        try:
            return moment.astimezone(self.zone)
        except _OUT_OF_RANGE:
            return moment


def _named(key: str) -> zoneinfo.ZoneInfo | None:
    try:
        return parse_zone(key)
    except nd.UnknownZone:
        return None


def local_zone() -> ShownZone:
    """The machine's zone, by IANA name where it has one.

    ``TZ`` wins when it names an IANA zone; otherwise ``/etc/localtime`` or ``/etc/timezone``
    name it on most Unix systems. Where neither does (Windows, a POSIX ``TZ`` rule), times
    are converted with the operating system's rules, which still know the DST of each date.
    """
    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    with contextlib.suppress(OSError):
        target = os.readlink("/etc/localtime")
        candidates.append(target.rpartition("zoneinfo/")[2] if "zoneinfo/" in target else "")
    with contextlib.suppress(OSError, UnicodeDecodeError), open("/etc/timezone", "rb") as file:
        candidates.append(file.read(256).decode("utf-8").strip())
    zones = [_named(key) if key else None for key in candidates]
    if candidates[0] and zones[0] is None:
        return ShownZone(None)  # A POSIX TZ rule: the C library applies it, and no file knows it.
    return ShownZone(next((zone for zone in zones if zone is not None), None))


def shown_zone(key: str | None) -> ShownZone:
    """The zone named by ``--tz`` (:class:`~nevertheless_data.UnknownZone` if it names none),
    or the machine's."""
    return local_zone() if key is None else ShownZone(parse_zone(key))


def after(text: str | None, zone: ShownZone) -> tuple[dt.datetime, dt.datetime]:
    """The moment ``--after`` names (now if not given), as written and in UTC.

    A date or time without an offset is read in ``zone``. A moment before the earliest instant
    a UTC datetime can hold (year 1 in a zone ahead of UTC) is taken as that instant, and one
    past the latest as the latest: nothing airs that early or that late.
    """
    if text is None:
        now = dt.datetime.now(dt.UTC)
        return now, now
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(
            f"--after {text!r} is not an ISO 8601 date or date-time, such as 2021-07-01T12:00"
        ) from None
    if moment.utcoffset() is None:
        if zone.zone is None:
            try:
                moment = moment.astimezone()
            except _OUT_OF_RANGE:
                raise BadInput(
                    f"--after {text!r} is out of the range this machine's zone can convert: "
                    "give an offset or --tz"
                ) from None
        else:
            moment = moment.replace(tzinfo=zone.zone)
    try:
        instant = moment.astimezone(dt.UTC)
    except OverflowError:
        end = dt.datetime.min if moment.year == dt.MINYEAR else dt.datetime.max
        instant = end.replace(tzinfo=dt.UTC)
    return moment, instant


def when(start: dt.datetime) -> str:
    """``Sat 2021-06-19 23:00 KST``: a start as the tables show it."""
    return f"{start:%a %Y-%m-%d %H:%M} {start.tzname()}"
