"""The broadcast schedule: every airing of every slot, exact in every time zone.

A :class:`Schedule` is built from a :class:`~._recurrence.Placement`, which computed each
airing's UTC instant once (see :mod:`._recurrence`); the integrity check of a loaded dataset
made that placement already, so the dataset's schedule places nothing again. Converting a
schedule to a zone is then one ``astimezone`` per airing; the :class:`Airing` records of a
converted schedule, and the per-platform and per-region indexes of the queries, are built the
first time they are needed, once, even when several threads ask at the same moment.

Comparisons go through UTC instants: Python compares two datetimes that share a ``tzinfo`` by
their wall clocks and ignores ``fold``, which would confuse the two 01:30s of a fall-back night.
Queries bisect sorted tuples of instants, so their cost grows with the logarithm of the
schedule's size, not with the size.
"""

from __future__ import annotations

import datetime  # spelled out in Schedule's signature, which Sphinx shows unevaluated
import datetime as dt
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from types import MappingProxyType
from typing import TypeVar
from zoneinfo import ZoneInfo

from attrs import field, frozen

from ._collector import collector_paused
from ._models import BroadcastSlot, Disambiguate, Dispute, Record, SlotAlignment
from ._recurrence import Placement, place
from ._zones import aware_utc, day_in_utc, resolve
from ._zones import zone as _parse_zone

__all__ = ["Airing", "Schedule"]

_astimezone = dt.datetime.astimezone

# Guards the parts of a schedule built on first use. One lock for all schedules: each part
# is built once per schedule and quickly, so threads rarely wait on it, and a lock per
# schedule would be an object a frozen schedule holds (see the immutability tests).
_BUILDING = threading.Lock()

_T = TypeVar("_T")


def _instant_key(moment: dt.datetime | None) -> tuple[dt.datetime, str] | None:
    return None if moment is None else (moment.astimezone(dt.UTC), str(moment.tzinfo))


@frozen(kw_only=True)
class Airing(Record):
    """One episode aired or released by one slot.

    ``start`` is an aware datetime in the slot's zone (a derived slot's is its base's), or in
    the zone the airing was converted to. ``end`` is where the airing ends when its episode's
    running time is known (the ``runtimes`` of :class:`Schedule`), in the same zone; ``None``
    otherwise. ``disputed`` is true when the slot encodes a reading the dataset does not
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
        or repeated in ``zone``). The running time stays the same. Raises
        ``UnknownZone`` (a :class:`ValueError`) for a key that is not
        an IANA zone.
        """
        return self._moved(_start_in(self, _parse_zone(zone)))

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


_Key = tuple[str | None, str | None]
_Selection = tuple[Sequence[dt.datetime], Sequence[int]]
_NOTHING: _Selection = ((), ())


@frozen
class _Facets:
    """The platforms and regions of a schedule's airings, and for each platform, region and
    pair of both (case-folded), the instants and positions of their airings, in time order."""

    platforms: tuple[str, ...]
    regions: tuple[str, ...]
    selections: Mapping[_Key, _Selection]


def _facets(rows: Sequence[Airing], instants: Sequence[dt.datetime]) -> _Facets:
    groups: dict[_Key, tuple[list[dt.datetime], list[int]]] = {}
    for position, (row, instant) in enumerate(zip(rows, instants, strict=True)):
        platform, region = row.platform.casefold(), row.region.casefold()
        for key in ((platform, None), (None, region), (platform, region)):
            times, positions = groups.get(key) or groups.setdefault(key, ([], []))
            times.append(instant)
            positions.append(position)
    return _Facets(
        platforms=_sorted({row.platform for row in rows}),
        regions=_sorted({row.region for row in rows}),
        selections=MappingProxyType({key: (tuple(t), tuple(p)) for key, (t, p) in groups.items()}),
    )


def _sorted(values: set[str]) -> tuple[str, ...]:
    return tuple(sorted(values, key=lambda value: (value.casefold(), value)))


def _folded(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string or None, got {value!r}")
    return value.casefold()


class Schedule:
    """Every airing of a set of broadcast slots, in time order: ``ds.schedule``.

    Build one from slots (and the disputes that say which are preferred, and the running time
    of each episode where it is known) or read the dataset's. A schedule is immutable;
    :meth:`in_zone` and :attr:`preferred` return new ones. Iterating yields its
    :class:`Airing` records, earliest first (ties in slot order); ``len`` counts them. Two
    schedules are equal when they hold equal airings in the same zone.

    ``runtimes`` maps an episode number to its running time (a non-negative
    :class:`~datetime.timedelta`): each airing of such an episode gets an ``end``.

    Raises :class:`ValueError` naming the slot when a slot cannot be placed: a base that is
    not among the slots, a chain of slots that loops, an episode range missing, an airing so
    close to year 1 or year 9999 that some zone could not show it, more than 10,000 airings in
    all; and :class:`~nevertheless_data.SkippedTime` or
    :class:`~nevertheless_data.RepeatedTime` when a slot whose policy is ``"raise"`` meets a
    clock change.
    """

    __slots__ = (
        "_airings",
        "_facets",
        "_instant_aligned",
        "_instants",
        "_rows",
        "_starts",
        "_zone",
    )

    _rows: tuple[Airing, ...]
    _starts: tuple[dt.datetime, ...]
    _instants: tuple[dt.datetime, ...]
    _zone: ZoneInfo | None
    _instant_aligned: bool
    _airings: tuple[Airing, ...] | None
    _facets: _Facets | None

    def __init__(
        self,
        slots: Iterable[BroadcastSlot] | Mapping[str, BroadcastSlot],
        disputes: Iterable[Dispute] | Mapping[str, Dispute] = (),
        *,
        runtimes: Mapping[int, datetime.timedelta] | None = None,
    ) -> None:
        try:
            object.__getattribute__(self, "_rows")
        except AttributeError:
            # A dataset's registries are mappings of id to record: their records are meant.
            if isinstance(slots, Mapping):
                slots = slots.values()
            if isinstance(disputes, Mapping):
                disputes = disputes.values()
            with collector_paused():
                _build(self, place(slots, runtimes), disputes)
        else:
            raise AttributeError(f"{type(self).__name__} is read-only")

    @classmethod
    def _from_placement(cls, placement: Placement, disputes: Iterable[Dispute] = ()) -> Schedule:
        """The schedule of slots already placed (by the integrity check of a dataset).

        Raises what :class:`Schedule` raises when the placement recorded errors.
        """
        return _build(object.__new__(cls), placement, disputes)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __reduce__(self) -> tuple[object, ...]:
        state = (self._rows, self._starts, self._instants, self._zone, self._instant_aligned)
        return (_fill, (None, *state))

    @property
    def zone(self) -> ZoneInfo | None:
        """The zone this schedule was converted to; ``None`` while each airing is in its slot's."""
        return self._zone

    @property
    def platforms(self) -> tuple[str, ...]:
        """The platforms of the airings, each once as written in the data, sorted
        case-insensitively (``("JTBC", "Netflix")``)."""
        return self._indexed().platforms

    @property
    def regions(self) -> tuple[str, ...]:
        """The regions of the airings, each once, sorted case-insensitively."""
        return self._indexed().regions

    @property
    def preferred(self) -> Schedule:
        """The same schedule without the airings of disputed slots."""
        keep = [index for index, row in enumerate(self._rows) if not row.disputed]
        return _fill(
            None,
            tuple(self._rows[i] for i in keep),
            tuple(self._starts[i] for i in keep),
            tuple(self._instants[i] for i in keep),
            self._zone,
            self._instant_aligned,
        )

    def _once(self, name: str, build: Callable[[], _T]) -> _T:
        # Double-checked: a built part is read without the lock; the lock makes the first
        # readers wait for one build instead of each making its own.
        with _BUILDING:
            part: _T | None = object.__getattribute__(self, name)
            if part is None:
                part = build()
                object.__setattr__(self, name, part)
            return part

    def _materialized(self) -> tuple[Airing, ...]:
        airings = self._airings
        if airings is None:
            # Building the records only when read keeps converting to a zone at the cost of
            # its astimezone calls.
            airings = self._once(
                "_airings", lambda: tuple(map(Airing._moved, self._rows, self._starts))
            )
        return airings

    def _indexed(self) -> _Facets:
        facets = self._facets
        if facets is None:
            facets = self._once("_facets", lambda: _facets(self._rows, self._instants))
        return facets

    def _selected(self, platform: str | None, region: str | None) -> _Selection:
        """The instants and positions of the airings of a platform and/or region (of all of
        them when both are ``None``), in time order."""
        key = (_folded(platform, "platform"), _folded(region, "region"))
        if key == (None, None):
            return self._instants, range(len(self._instants))
        return self._indexed().selections.get(key, _NOTHING)

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

    def airings(self, platform: str | None = None, region: str | None = None) -> tuple[Airing, ...]:
        """The airings, earliest first; of one platform and/or region (case-insensitive).

        A platform or region no airing has gives no airings; :attr:`platforms` and
        :attr:`regions` say which there are.
        """
        positions = self._selected(platform, region)[1]
        airings = self._materialized()
        if platform is None and region is None:
            return airings
        return tuple(map(airings.__getitem__, positions))

    def in_zone(self, zone: str | ZoneInfo) -> Schedule:
        """The schedule as seen from ``zone``: every start converted with :meth:`Airing.in_zone`.

        ``zone`` is an IANA key (``"Europe/London"``) or a :class:`~zoneinfo.ZoneInfo`; a key
        that is not an IANA zone raises ``UnknownZone`` (a
        :class:`ValueError`).
        """
        target = _parse_zone(zone)
        rows = self._rows
        if self._instant_aligned:
            starts = tuple(map(_astimezone, self._instants, repeat(target, len(rows))))
            converted = _fill(None, rows, starts, self._instants, target, True)
            # Same airings in the same order: the indexes of the queries carry over.
            object.__setattr__(converted, "_facets", self._facets)
            return converted
        # Local-time slots re-anchor their wall time in the target zone, which can reorder them.
        moved = sorted(
            ((row, _start_in(row, target)) for row in rows),
            key=lambda pair: pair[1].astimezone(dt.UTC),
        )
        return _fill(
            None,
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
        instant = aware_utc(after, "after")
        instants, positions = self._selected(platform, region)
        found = bisect_right(instants, instant)
        return self._materialized()[positions[found]] if found < len(positions) else None

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
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
            low, high, exact = aware_utc(start, "start"), aware_utc(end, "end"), True
        elif not isinstance(start, dt.datetime) and not isinstance(end, dt.datetime):
            # A start's local date is less than a day from its UTC date either way.
            low, high, exact = day_in_utc(start, -1), day_in_utc(end, 2), False
        else:
            raise TypeError("between() takes two aware datetimes or two dates, not one of each")
        instants, positions = self._selected(platform, region)
        chosen = map(
            self._materialized().__getitem__,
            positions[bisect_left(instants, low) : bisect_left(instants, high)],
        )
        if exact:
            return tuple(chosen)
        return tuple(a for a in chosen if start <= a.start.date() <= end)

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


def _build(schedule: Schedule, placement: Placement, disputes: Iterable[Dispute]) -> Schedule:
    placement.raise_for_errors()
    slots = placement.slots
    disputed = placement.disputed(disputes)
    placed = placement.airings
    rows = tuple(
        Airing(
            episode=episode,
            platform=slots[index].platform,
            region=slots[index].region,
            start=start,
            end=end,
            slot=slots[index],
            disputed=disputed[index],
        )
        for _, index, episode, start, end in placed
    )
    used = {index for _, index, _, _, _ in placed}
    return _fill(
        schedule,
        rows,
        tuple(start for _, _, _, start, _ in placed),
        tuple(instant for instant, _, _, _, _ in placed),
        None,
        all(slots[index].alignment is SlotAlignment.INSTANT for index in used),
    )


def _fill(
    schedule: Schedule | None,
    rows: tuple[Airing, ...],
    starts: tuple[dt.datetime, ...],
    instants: tuple[dt.datetime, ...],
    zone: ZoneInfo | None,
    instant_aligned: bool,
) -> Schedule:
    # The one place a schedule's state is written: on a blank instance (a new one for None),
    # for a new schedule, the schedules derived from another and an unpickled one.
    if schedule is None:
        schedule = object.__new__(Schedule)
    set_ = object.__setattr__
    set_(schedule, "_rows", rows)
    set_(schedule, "_starts", starts)
    set_(schedule, "_instants", instants)
    set_(schedule, "_zone", zone)
    set_(schedule, "_instant_aligned", instant_aligned)
    # Without a zone the rows are the airings; a converted schedule builds its own on demand.
    set_(schedule, "_airings", rows if zone is None else None)
    set_(schedule, "_facets", None)
    return schedule
