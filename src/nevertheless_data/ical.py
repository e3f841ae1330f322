"""iCalendar (RFC 5545) export of a schedule, through the ``icalendar`` package.

Install the extra to use it: ``pip install 'nevertheless-data[ical]'``.

>>> import nevertheless_data as nd
>>> from nevertheless_data import ical
>>> ical.to_ical(nd.load().schedule.preferred).startswith(b"BEGIN:VCALENDAR")
True

Every airing becomes one VEVENT: a UID that names the slot and the episode (so the same airing
gets the same UID on every run and machine, and a corrected time updates the event instead of
adding one), DTSTART with its TZID, DTEND likewise when the episode's running time is known
(an airing with an ``end``), SUMMARY ``"Nevertheless - Episode 3 (JTBC)"``, the platform
as a category, and STATUS ``TENTATIVE`` for the airings of a disputed slot. Every zone used
gets a VTIMEZONE. The output is deterministic: DTSTAMP comes from the data, not the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

try:
    import icalendar
except ImportError as exc:  # pragma: no cover - exercised in a test without icalendar
    raise ImportError(
        "nevertheless_data.ical needs the icalendar package; "
        "install it with: pip install 'nevertheless-data[ical]'"
    ) from exc

from ._schedule import Airing, Schedule

__all__ = ["UID_DOMAIN", "calendar", "to_ical", "uid"]

UID_DOMAIN = "nevertheless-data.invalid"
"""The right-hand side of every UID. RFC 2606 reserves ``.invalid``, so no real host's UIDs
can collide with these."""

_PRODID = "-//nevertheless-data//Nevertheless broadcast schedule//EN"


def uid(airing: Airing) -> str:
    """The airing's iCalendar UID: ``"jtbc-kr-episode-3@nevertheless-data.invalid"``."""
    return f"{airing.slot.id}-episode-{airing.episode}@{UID_DOMAIN}"


def calendar(
    airings: Schedule | Iterable[Airing],
    *,
    title: str = "Nevertheless",
    stamp: dt.datetime | None = None,
) -> icalendar.Calendar:
    """A VCALENDAR with one VEVENT per airing and a VTIMEZONE per zone used.

    ``title`` starts each SUMMARY. ``stamp`` (an aware datetime) is every event's DTSTAMP; by
    default the latest start among the airings, so the same airings give the same bytes.
    """
    airings = tuple(airings)
    if stamp is None:
        stamp = max((a.instant for a in airings), default=dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    elif stamp.utcoffset() is None:
        raise ValueError(f"stamp must be an aware datetime, got the naive {stamp.isoformat()}")
    cal = icalendar.Calendar()
    cal.add("prodid", _PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{title} broadcasts")
    zones: dict[str, dt.tzinfo] = {}
    for airing in airings:
        event = icalendar.Event()
        event.add("uid", uid(airing))
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        for name, moment in (("dtstart", airing.start), ("dtend", airing.end)):
            if moment is not None:
                event.add(name, _ical_time(moment))
                tzid = event[name].params.get("TZID")
                if tzid is not None and moment.tzinfo is not None:
                    zones.setdefault(tzid, moment.tzinfo)
        event.add("summary", f"{title} - Episode {airing.episode} ({airing.platform})")
        event.add("categories", [airing.platform])
        event.add("status", "TENTATIVE" if airing.disputed else "CONFIRMED")
        region = "worldwide" if airing.region == "worldwide" else f"in {airing.region}"
        note = " This time is a disputed reading of the sources." if airing.disputed else ""
        event.add("description", f"{airing.platform} {region}.{note}")
        cal.add_component(event)
    if airings:
        first = min(a.instant for a in airings).year
        last = max(a.instant for a in airings).year
        # Sorted, not in set order: a calendar's bytes must not depend on hash seeds.
        for tzid in sorted(zones):
            cal.subcomponents.insert(
                len(cal.timezones),
                icalendar.Timezone.from_tzinfo(
                    zones[tzid],
                    tzid=tzid,
                    first_date=dt.date(max(first - 1, dt.MINYEAR), 1, 1),
                    last_date=dt.date(min(last + 1, dt.MAXYEAR), 12, 31),
                ),
            )
    return cal


def to_ical(
    airings: Schedule | Iterable[Airing],
    *,
    title: str = "Nevertheless",
    stamp: dt.datetime | None = None,
) -> bytes:
    """The bytes of :func:`calendar`: an ``.ics`` file, the same for the same airings."""
    return bytes(calendar(airings, title=title, stamp=stamp).to_ical())


def _ical_time(moment: dt.datetime) -> dt.datetime:
    # RFC 5545 reads a repeated local time as its first occurrence: the second one of a
    # fall-back night can only be written in UTC.
    if moment.fold and moment.replace(fold=0).utcoffset() != moment.utcoffset():
        return moment.astimezone(dt.UTC)
    return moment
