"""The broadcast schedule: every airing of every slot, exact in every time zone.

A :class:`Schedule` is computed once from the slots (see :mod:`._recurrence` for the wall-clock
rules) and keeps each airing's UTC instant. Converting it to a zone is then one
``astimezone`` per airing, done when converting; the :class:`Airing` records of a converted
schedule are built the first time they are read.

Comparisons go through UTC instants: Python compares two datetimes that share a ``tzinfo`` by
their wall clocks and ignores ``fold``, which would confuse the two 01:30s of a fall-back night.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import repeat
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from attrs import field, frozen

from ._models import BroadcastSlot, Disambiguate, Dispute, SlotAlignment
from ._recurrence import SlotTimes, resolve

__all__ = ["Airing", "Schedule"]

_astimezone = dt.datetime.astimezone


def _as_zone(zone: str | ZoneInfo) -> ZoneInfo:
    if isinstance(zone, ZoneInfo):
        return zone
    if not isinstance(zone, str):
        raise TypeError(f"expected an IANA time zone key or a ZoneInfo, got {zone!r}")
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"unknown IANA time zone {zone!r}") from None


def _instant_key(moment: dt.datetime | None) -> tuple[dt.datetime, str] | None:
    return None if moment is None else (moment.astimezone(dt.UTC), str(moment.tzinfo))


def _aware(moment: object, name: str) -> dt.datetime:
    if not isinstance(moment, dt.datetime):
        raise TypeError(f"{name} must be an aware datetime, got {moment!r}")
    if moment.utcoffset() is None:
        raise ValueError(
            f"{name} must be an aware datetime, got the naive {moment.isoformat(sep=' ')}: "
            "give it a zone, e.g. .replace(tzinfo=ZoneInfo('Asia/Seoul'))"
        )
    return moment.astimezone(dt.UTC)


@frozen(kw_only=True)
class Airing:
    """One episode aired or released by one slot.

    ``start`` is an aware datetime in the slot's zone (a derived slot's is its base's), or in
    the zone the airing was converted to. ``end`` is where the airing ends when its running time
    is known: ``None`` for every airing the library computes, as no source gives an official
    running time. ``disputed`` is true when the slot encodes a reading the dataset does not
    prefer, or follows one that does. Two airings are equal when they are the same episode of
    the same slot at the same instant in the same zone; unlike two datetimes, the two 01:30s of
    a fall-back night are never equal.
    """

    episode: int
    platform: str
    region: str
    start: dt.datetime = field(eq=_instant_key)
    end: dt.datetime | None = field(default=None, eq=_instant_key)
    slot: BroadcastSlot = field(repr=False)
    disputed: bool = False

    @property
    def instant(self) -> dt.datetime:
        """The start in UTC."""
        return self.start.astimezone(dt.UTC)

    def in_zone(self, zone: str | ZoneInfo) -> Airing:
        """This airing as seen from ``zone`` (an IANA key or a :class:`~zoneinfo.ZoneInfo`).

        A slot aligned on the instant keeps the instant; a slot aligned on local time airs at
        the wall-clock time of this start in every zone, so the instant moves (settled by the
        slot's :class:`~nevertheless_data.Disambiguate` policy where that wall time is skipped
        or repeated in ``zone``). Raises :class:`ValueError` for an unknown zone key.
        """
        return self._moved(_start_in(self, _as_zone(zone)))

    def _moved(self, start: dt.datetime) -> Airing:
        end = self.end
        if end is not None:
            length = end.astimezone(dt.UTC) - self.start.astimezone(dt.UTC)
            end = (start.astimezone(dt.UTC) + length).astimezone(start.tzinfo)
        return Airing(
            episode=self.episode,
            platform=self.platform,
            region=self.region,
            start=start,
            end=end,
            slot=self.slot,
            disputed=self.disputed,
        )


def _start_in(airing: Airing, zone: ZoneInfo) -> dt.datetime:
    slot = airing.slot
    if slot.alignment is SlotAlignment.INSTANT:
        return airing.start.astimezone(zone)
    policy = Disambiguate.COMPATIBLE if slot.recurrence is None else slot.recurrence.disambiguate
    return resolve(airing.start.replace(tzinfo=None), zone, policy)


def _doubted_slots(disputes: Iterable[Dispute]) -> frozenset[str]:
    # A slot is doubted when some dispute cites it for a reading other than the one it
    # prefers, including a dispute that prefers none.
    return frozenset(
        reading.slot
        for dispute in disputes
        for reading in dispute.readings
        if reading.slot is not None and reading.id != dispute.preferred
    )


def _matches(value: str, wanted: str | None) -> bool:
    return wanted is None or value.casefold() == wanted.casefold()


class Schedule:
    """Every airing of a set of broadcast slots, in time order: ``ds.schedule``.

    Build one from slots (and the disputes that say which are preferred) or read the
    dataset's. A schedule is immutable; :meth:`in_zone` and :attr:`preferred` return new ones.
    Iterating yields its :class:`Airing` records, earliest first (ties in slot order); ``len``
    counts them. Two schedules are equal when they hold equal airings in the same zone.

    Raises :class:`ValueError` naming the slot when a slot cannot be placed (a base that is
    not among the slots, a chain of slots that loops) and
    :class:`~nevertheless_data.SkippedTime` or :class:`~nevertheless_data.RepeatedTime` when a
    slot whose policy is ``"raise"`` meets a clock change.
    """

    __slots__ = ("_airings", "_instant_aligned", "_instants", "_rows", "_starts", "_zone")

    _rows: tuple[Airing, ...]
    _starts: tuple[dt.datetime, ...]
    _instants: tuple[dt.datetime, ...]
    _zone: ZoneInfo | None
    _instant_aligned: bool
    _airings: tuple[Airing, ...] | None

    def __init__(self, slots: Iterable[BroadcastSlot], disputes: Iterable[Dispute] = ()) -> None:
        slots = tuple(slots)
        times = SlotTimes(slots)
        doubted = _doubted_slots(disputes)
        order = {slot.id: index for index, slot in enumerate(slots)}
        rows: list[Airing] = []
        for slot in slots:
            chain = times.chain(slot.id)
            disputed = any(link.id in doubted for link in chain)
            rows.extend(
                Airing(
                    episode=episode,
                    platform=slot.platform,
                    region=slot.region,
                    start=times.start(slot.id, episode),
                    slot=slot,
                    disputed=disputed,
                )
                for episode in times.episodes(slot.id)
            )
        rows.sort(key=lambda a: (a.instant, order[a.slot.id], a.episode))
        _fill(
            self,
            tuple(rows),
            tuple(a.start for a in rows),
            tuple(a.instant for a in rows),
            None,
            all(a.slot.alignment is SlotAlignment.INSTANT for a in rows),
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    @property
    def zone(self) -> ZoneInfo | None:
        """The zone this schedule was converted to; ``None`` while each airing is in its slot's."""
        return self._zone

    @property
    def preferred(self) -> Schedule:
        """The same schedule without the airings of disputed slots."""
        keep = [index for index, row in enumerate(self._rows) if not row.disputed]
        return _fill(
            object.__new__(Schedule),
            tuple(self._rows[i] for i in keep),
            tuple(self._starts[i] for i in keep),
            tuple(self._instants[i] for i in keep),
            self._zone,
            self._instant_aligned,
        )

    def _materialized(self) -> tuple[Airing, ...]:
        airings = self._airings
        if airings is None:
            # Building the records only when read keeps converting to a zone at the cost of
            # its astimezone calls. Two threads may both build them; they build equal tuples.
            airings = tuple(map(Airing._moved, self._rows, self._starts))
            object.__setattr__(self, "_airings", airings)
        return airings

    def __iter__(self) -> Iterator[Airing]:
        return iter(self._materialized())

    def __len__(self) -> int:
        return len(self._rows)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Schedule):
            return NotImplemented
        return str(self._zone) == str(other._zone) and self._materialized() == other._materialized()

    def __hash__(self) -> int:
        return hash((str(self._zone), self._materialized()))

    def __repr__(self) -> str:
        where = "each in its slot's zone" if self._zone is None else f"in {self._zone}"
        return f"<Schedule: {len(self)} airings, {where}>"

    def _filter(self, platform: str | None, region: str | None) -> Callable[[Airing], bool]:
        for name, wanted, known in (
            ("platform", platform, {row.platform for row in self._rows}),
            ("region", region, {row.region for row in self._rows}),
        ):
            if wanted is not None and not any(_matches(value, wanted) for value in known):
                choices = ", ".join(sorted(known)) or "none"
                raise ValueError(f"no airing has the {name} {wanted!r}; the schedule has {choices}")
        return lambda a: _matches(a.platform, platform) and _matches(a.region, region)

    def airings(self, platform: str | None = None, region: str | None = None) -> tuple[Airing, ...]:
        """The airings, earliest first; of one platform and/or region (case-insensitive).

        Raises :class:`ValueError` for a platform or region no airing has.
        """
        airings = self._materialized()
        if platform is None and region is None:
            return airings
        return tuple(filter(self._filter(platform, region), airings))

    def in_zone(self, zone: str | ZoneInfo) -> Schedule:
        """The schedule as seen from ``zone``: every start converted with :meth:`Airing.in_zone`.

        ``zone`` is an IANA key (``"Europe/London"``) or a :class:`~zoneinfo.ZoneInfo`; an
        unknown key raises :class:`ValueError`.
        """
        target = _as_zone(zone)
        rows = self._rows
        if self._instant_aligned:
            starts = tuple(map(_astimezone, self._instants, repeat(target, len(rows))))
            return _fill(object.__new__(Schedule), rows, starts, self._instants, target, True)
        # Local-time slots re-anchor their wall time in the target zone, which can reorder them.
        moved = sorted(
            ((row, _start_in(row, target)) for row in rows),
            key=lambda pair: pair[1].astimezone(dt.UTC),
        )
        return _fill(
            object.__new__(Schedule),
            tuple(row for row, _ in moved),
            tuple(start for _, start in moved),
            tuple(start.astimezone(dt.UTC) for _, start in moved),
            target,
            False,
        )

    def next_airing(
        self, after: dt.datetime, platform: str | None = None, region: str | None = None
    ) -> Airing | None:
        """The earliest airing strictly after the aware datetime ``after``; ``None`` if none.

        A naive ``after`` raises :class:`ValueError`: it names no instant.
        """
        instant = _aware(after, "after")
        wanted = self._filter(platform, region)
        airings = self._materialized()
        for index in range(bisect_right(self._instants, instant), len(airings)):
            if wanted(airings[index]):
                return airings[index]
        return None

    def between(
        self,
        start: dt.date,
        end: dt.date,
        platform: str | None = None,
        region: str | None = None,
    ) -> tuple[Airing, ...]:
        """The airings in a range, earliest first.

        Two aware datetimes give the airings starting at or after ``start`` and before
        ``end``. Two dates give the airings whose local start date (in the schedule's zone, or
        each airing's own) is from ``start`` to ``end``, both included.
        """
        wanted = self._filter(platform, region)
        airings = self._materialized()
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
            low, high = _aware(start, "start"), _aware(end, "end")
            instants = self._instants
            chosen: Iterable[Airing] = airings[
                bisect_left(instants, low) : bisect_left(instants, high)
            ]
        elif not isinstance(start, dt.datetime) and not isinstance(end, dt.datetime):
            chosen = (a for a in airings if start <= a.start.date() <= end)
        else:
            raise TypeError("between() takes two aware datetimes or two dates, not one of each")
        return tuple(filter(wanted, chosen))

    def by_local_date(
        self,
        zone: str | ZoneInfo | None = None,
        platform: str | None = None,
        region: str | None = None,
    ) -> Mapping[dt.date, tuple[Airing, ...]]:
        """The airings grouped by the date they start on in ``zone``, dates in order.

        Without a zone, each airing's date is read in the schedule's zone (or its own). The
        airings are converted to ``zone``; the mapping is read-only.
        """
        view = self if zone is None else self.in_zone(zone)
        groups: dict[dt.date, list[Airing]] = {}
        for airing in view.airings(platform, region):
            groups.setdefault(airing.start.date(), []).append(airing)
        return MappingProxyType({day: tuple(groups[day]) for day in sorted(groups)})


def _fill(
    schedule: Schedule,
    rows: tuple[Airing, ...],
    starts: tuple[dt.datetime, ...],
    instants: tuple[dt.datetime, ...],
    zone: ZoneInfo | None,
    instant_aligned: bool,
) -> Schedule:
    # The one place a schedule's state is written: by __init__, and on a blank instance for
    # the schedules derived from another.
    set_ = object.__setattr__
    set_(schedule, "_rows", rows)
    set_(schedule, "_starts", starts)
    set_(schedule, "_instants", instants)
    set_(schedule, "_zone", zone)
    set_(schedule, "_instant_aligned", instant_aligned)
    # Without a zone the rows are the airings; a converted schedule builds its own on demand.
    set_(schedule, "_airings", rows if zone is None else None)
    return schedule
