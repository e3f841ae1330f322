"""Wall-clock arithmetic of broadcast slots: when each episode of each slot starts, placed once.

A weekly slot's episode ``k`` airs at its wall time on ``first_date + 7 * (k - first_episode)``
days, read in the slot's zone; a day whose wall time the zone skips or repeats is settled by
the recurrence's :class:`~nevertheless_data.Disambiguate` policy. A derived slot airs its
base's instants plus its offset, so it follows any change to the base. The rule of the chain's
weekly slot defines an instant for every episode number, so a derived slot may cover episodes
its base does not list.

Instants are added in UTC: Python adds a timedelta to an aware datetime on the wall clock,
which would turn "an hour later" into two hours or none across a clock change.

:func:`place` does the whole computation once, for both users of it: the integrity check,
which reports what cannot be placed as problems of the data, and the
:class:`~nevertheless_data.Schedule`, which is built from the result without placing anything
again. Every chain of derived slots is followed once (each slot's base is looked up once, and
a slot's chain is known once its base's is), and each weekly rule computes each episode's
start once, however many slots derive from it.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping

from attrs import evolve, field, frozen

from ._errors import RepeatedTime, SkippedTime
from ._models import BroadcastSlot, Dispute
from ._zones import EARLIEST, LATEST, MARGIN, resolve

__all__ = ["MAX_AIRINGS", "Placement", "PlacementError", "SameRuntime", "Unplaced", "place"]

_WEEK = dt.timedelta(weeks=1)

MAX_AIRINGS = 10_000
"""The most airings slots may ask for. An episode range multiplies a slot's size:
``"last_episode": 1000000`` is a few bytes, and placing (and later scheduling) each airing
costs time. As ``MAX_FILE_BYTES`` bounds the files, this bounds the airings."""

_OUTSIDE = "its episodes would air outside the dates Python can represent"


class Unplaced(enum.Enum):
    """Why a slot's airings cannot be placed."""

    CYCLE = "its chain of bases loops"
    UNKNOWN_BASE = "its base is not among the slots"
    NO_RULE = "it has neither a recurrence nor a base"
    NO_RANGE = "its episode range is missing or half given"
    CLOCK = "a 'raise' policy met a skipped or repeated wall time"
    UNREPRESENTABLE = "an airing falls outside the dates Python can represent in every zone"


@frozen
class PlacementError:
    """Why one slot's airings cannot be placed.

    ``slot`` is the index of that slot; ``cause`` the index of the slot at fault: ``slot``
    itself, or a slot of its chain whose own error this is (then it is reported there, once).
    ``part`` is the field of the slot at fault that the problem is about (``"follows.base"``,
    ``"recurrence"``; empty for the whole slot) and ``message`` the problem as the integrity
    check reports it. ``error`` is the exception :class:`~nevertheless_data.Schedule` raises.
    """

    slot: int
    cause: int
    kind: Unplaced
    part: str
    message: str
    error: Exception = field(eq=False, repr=False)

    @property
    def own(self) -> bool:
        """Whether the fault is in this slot rather than in one of its chain."""
        return self.slot == self.cause

    @property
    def path(self) -> str:
        """The field path of the fault in slots.json: ``slots[3].follows.base``."""
        return f"slots[{self.cause}]" + (f".{self.part}" if self.part else "")

    def raise_(self) -> None:
        """Raise :attr:`error` (a copy: the stored one keeps no traceback of this call)."""
        error = copy.copy(self.error)
        for note in getattr(self.error, "__notes__", ()):
            if note not in getattr(error, "__notes__", ()):
                error.add_note(note)
        raise error


def _own(
    index: int, kind: Unplaced, part: str, message: str, error: Exception | None = None
) -> PlacementError:
    """The error of a slot at fault itself; ``error`` is a :class:`ValueError` of ``message``
    unless given."""
    error = ValueError(message) if error is None else error
    return PlacementError(index, index, kind, part, message, error)


def _inherit(error: PlacementError, slot: int) -> PlacementError:
    return evolve(error, slot=slot)


Placed = tuple[dt.datetime, int, int, dt.datetime, dt.datetime | None]
"""One airing: its instant in UTC, its slot's index, its episode, its start in the zone of its
chain's weekly slot, its end there (``None`` without a running time)."""


@frozen
class Placement:
    """Every airing of a set of slots, or why some cannot be placed: made by :func:`place`.

    ``bases`` holds the index of each slot's base (``None`` for a weekly slot, or where the
    base is not found). ``errors`` holds one :class:`PlacementError` per slot that cannot be
    placed, in slot order; every other slot has its airings in ``airings``, sorted by
    instant, then slot index, then episode. ``total`` counts the airings the slots ask for;
    above ``limit``, no time is computed and ``airings`` is empty.
    ``links_followed`` and ``times_resolved`` count the work done: each slot's base looked up,
    each weekly episode's wall time resolved in its zone.
    """

    slots: tuple[BroadcastSlot, ...]
    bases: tuple[int | None, ...]
    errors: tuple[PlacementError, ...]
    airings: tuple[Placed, ...]
    total: int
    links_followed: int
    times_resolved: int
    limit: int = MAX_AIRINGS

    @property
    def too_many(self) -> bool:
        """Whether the slots ask for more than ``limit`` airings."""
        return self.total > self.limit

    @property
    def too_many_message(self) -> str:
        """The problem of asking for too many airings."""
        limit = f"more than the {self.limit} a dataset may have"
        return f"the slots have {self.total} airings in all, {limit}"

    def disputed(self, disputes: Iterable[Dispute]) -> list[bool]:
        """Whether each slot is disputed: some dispute cites it for a reading other than the
        one it prefers (including a dispute that prefers none), or its base is disputed."""
        doubted = {
            reading.slot
            for dispute in disputes
            for reading in dispute.readings
            if reading.slot is not None and reading.id != dispute.preferred
        }
        flags: list[bool | None] = [None] * len(self.slots)
        for index in range(len(self.slots)):
            chain: list[int] = []
            at: int | None = index
            while at is not None and flags[at] is None:  # each slot is flagged once
                flags[at] = False  # for now: a loop (a placement with errors) ends here
                chain.append(at)
                at = self.bases[at]
            flag = False if at is None else bool(flags[at])
            for link in reversed(chain):
                flags[link] = flag = flag or self.slots[link].id in doubted
        return [bool(flag) for flag in flags]

    def raise_for_errors(self) -> None:
        """Raise what keeps the slots from a schedule, if anything: the error of the first
        slot that cannot be placed, or a :class:`ValueError` for too many airings.

        Raises :class:`ValueError` naming the slot (:class:`~nevertheless_data.SkippedTime`
        and :class:`~nevertheless_data.RepeatedTime` are value errors too).
        """
        if self.errors:
            self.errors[0].raise_()
        if self.too_many:
            raise ValueError(self.too_many_message)


def place(
    slots: Iterable[BroadcastSlot],
    runtimes: Mapping[int, dt.timedelta] | None = None,
    *,
    limit: int = MAX_AIRINGS,
) -> Placement:
    """Place every airing of ``slots`` once, and record why any slot cannot be placed.

    ``runtimes`` maps an episode number to its running time; an airing of an episode in it
    gets an end. Above ``limit`` airings in all, none is placed. Raises :class:`TypeError` or
    :class:`ValueError` for a running time that is not a non-negative
    :class:`~datetime.timedelta`; every problem of the slots themselves is recorded in the
    placement, not raised.
    """
    slots = tuple(slots)
    lengths = _checked_runtimes(runtimes)
    chains = _Chains(slots)
    errors = chains.errors
    episodes: list[range | None] = [None] * len(slots)
    for index in range(len(slots)):
        if errors[index] is None:
            episodes[index] = chains.episodes(index)
    # Not len(): it stops at sys.maxsize, and a range here may be as long as the data says.
    total = sum(max(0, span.stop - span.start) for span in episodes if span is not None)
    airings: list[Placed] = []
    resolved = 0
    if total <= limit:
        times = _Times(slots, chains, lengths)
        # Weekly slots first: a derived slot's error may be its weekly slot's, known by then.
        order = sorted(range(len(slots)), key=lambda i: chains.roots[i] != i)
        for index in order:
            span = episodes[index]
            if span is not None:
                errors[index] = times.place(index, span, errors, airings)
        airings.sort()
        resolved = times.resolved
    return Placement(
        slots=slots,
        bases=tuple(chains.bases),
        errors=tuple(error for error in errors if error is not None),
        airings=tuple(airings),
        total=total,
        links_followed=chains.links,
        times_resolved=resolved,
        limit=limit,
    )


class SameRuntime(Mapping[int, dt.timedelta]):
    """Every episode from 1 to ``count`` runs ``length``: the running times of a show that
    gives one, as a mapping that stores one value however many episodes the show has."""

    __slots__ = ("_count", "_length")

    def __init__(self, length: dt.timedelta, count: int) -> None:
        self._length = _checked_length(1, length)
        self._count = count

    def __getitem__(self, episode: int) -> dt.timedelta:
        if type(episode) is int and 1 <= episode <= self._count:
            return self._length
        raise KeyError(episode)

    def __iter__(self) -> Iterator[int]:
        return iter(range(1, self._count + 1))

    def __len__(self) -> int:
        return self._count


def _checked_runtimes(runtimes: Mapping[int, dt.timedelta] | None) -> Mapping[int, dt.timedelta]:
    if runtimes is None:
        return {}
    if isinstance(runtimes, SameRuntime):
        return runtimes  # its one value is checked already
    return {episode: _checked_length(episode, length) for episode, length in runtimes.items()}


def _checked_length(episode: object, length: object) -> dt.timedelta:
    if not isinstance(length, dt.timedelta):
        raise TypeError(f"the running time of episode {episode!r} is not a timedelta")
    if length < dt.timedelta(0):
        raise ValueError(f"the running time of episode {episode!r} is negative: {length}")
    return length


class _Chains:
    """Each slot's base, weekly slot, total offset from it and episode range, found once.

    A walk follows bases from a slot until it reaches a slot already resolved, a weekly slot,
    a base that is not there, or a slot already on the walk (a loop); then every slot of the
    walk is resolved from the end back. No slot is walked through twice.
    """

    def __init__(self, slots: tuple[BroadcastSlot, ...]) -> None:
        count = len(slots)
        self.slots = slots
        self.bases: list[int | None] = [None] * count
        self.roots: list[int] = [-1] * count
        self.minutes: list[int] = [0] * count
        # The nearest slot of the chain, the slot itself first, that gives an episode range.
        self.owners: list[int | None] = [None] * count
        self.errors: list[PlacementError | None] = [None] * count
        self.links = 0
        first_of: dict[str, int] = {}
        for index, slot in enumerate(slots):
            first_of.setdefault(slot.id, index)
        self._index = first_of
        done = [False] * count
        for start in range(count):
            if not done[start]:
                self._walk(start, done)

    def _walk(self, start: int, done: list[bool]) -> None:
        slots, bases = self.slots, self.bases
        walk: list[int] = []
        on_walk: dict[int, int] = {}
        index = start
        while True:
            if done[index]:
                break  # the last slot of the walk follows a resolved slot
            if index in on_walk:
                self._loop(walk[on_walk[index] :])
                walk = walk[: on_walk[index]]
                break
            on_walk[index] = len(walk)
            walk.append(index)
            follows = slots[index].follows
            if follows is None:
                self._weekly(walk.pop())
                break
            self.links += 1
            base = self._index.get(follows.base)
            if base is None:
                lost = f"slot {slots[index].id!r} follows {follows.base!r}, which is not one"
                self.errors[walk.pop()] = _own(
                    index, Unplaced.UNKNOWN_BASE, "follows.base", f"{lost} of the slots"
                )
                break
            bases[index] = base
            index = base
        for index in on_walk:
            done[index] = True
        for index in reversed(walk):
            self._derive(index)

    def _weekly(self, index: int) -> None:
        slot = self.slots[index]
        self.roots[index] = index
        self.owners[index] = index if _gives_range(slot) else None
        if slot.recurrence is None:
            message = f"slot {slot.id!r} has neither a recurrence nor a base"
            self.errors[index] = _own(index, Unplaced.NO_RULE, "", message)

    def _loop(self, loop: list[int]) -> None:
        for index in loop:
            base = self.bases[index]
            assert base is not None, "a slot on a loop has a base"
            slot, through = self.slots[index], self.slots[base]
            message = f"slot {slot.id!r} follows itself through {through.id!r}"
            self.errors[index] = _own(index, Unplaced.CYCLE, "follows.base", message)

    def _derive(self, index: int) -> None:
        base = self.bases[index]
        assert base is not None, "only derived slots are resolved from their base"
        slot = self.slots[index]
        assert slot.follows is not None
        self.roots[index] = self.roots[base]
        self.minutes[index] = self.minutes[base] + slot.follows.minutes
        self.owners[index] = index if _gives_range(slot) else self.owners[base]
        error = self.errors[base]
        if error is not None:
            self.errors[index] = _inherit(error, index)

    def episodes(self, index: int) -> range | None:
        """The episodes the slot airs (its own range, or its nearest base's); ``None`` after
        recording why there are none. Its weekly slot must give a whole range too: its first
        episode is the one its first date is for."""
        root = self.roots[index]
        owner = self.owners[index]
        for at_fault in (root if owner is None else owner, root):
            slot = self.slots[at_fault]
            if slot.first_episode is None or slot.last_episode is None:
                message = f"slot {slot.id!r} needs both 'first_episode' and 'last_episode'"
                error = _own(at_fault, Unplaced.NO_RANGE, "", message)
                self.errors[index] = _inherit(error, index)
                return None
        slot = self.slots[index if owner is None else owner]
        assert slot.first_episode is not None
        assert slot.last_episode is not None
        return range(slot.first_episode, slot.last_episode + 1)


def _gives_range(slot: BroadcastSlot) -> bool:
    return slot.first_episode is not None or slot.last_episode is not None


class _Times:
    """The start of each episode of each weekly rule, computed once; an exception is kept
    in its place when the start cannot be computed."""

    def __init__(
        self,
        slots: tuple[BroadcastSlot, ...],
        chains: _Chains,
        lengths: Mapping[int, dt.timedelta],
    ) -> None:
        self.slots = slots
        self.chains = chains
        self.lengths = lengths
        # Per weekly slot, per episode: the start and its instant, or why there is none.
        self.starts: dict[int, dict[int, tuple[dt.datetime, dt.datetime] | Exception]] = {}
        self.resolved = 0

    def _compute(self, root: int, episode: int) -> tuple[dt.datetime, dt.datetime] | Exception:
        slot = self.slots[root]
        recurrence = slot.recurrence
        assert recurrence is not None
        assert slot.first_episode is not None
        self.resolved += 1
        try:
            day = recurrence.first_date + (episode - slot.first_episode) * _WEEK
            start = resolve(
                dt.datetime.combine(day, recurrence.time), recurrence.zone, recurrence.disambiguate
            )
            return start, start.astimezone(dt.UTC)
        except (SkippedTime, RepeatedTime) as exc:
            exc.add_note(f"episode {episode} of slot {slot.id!r}, whose policy is 'raise'")
            return exc
        except OverflowError:
            return OverflowError(f"episode {episode} would start beyond the years 1 to 9999")

    def place(
        self,
        index: int,
        episodes: range,
        errors: list[PlacementError | None],
        out: list[Placed],
    ) -> PlacementError | None:
        """Add the airings of slot ``index`` to ``out``; or add none and say why not."""
        chains = self.chains
        root = chains.roots[index]
        weekly = self.slots[root]
        assert weekly.recurrence is not None
        assert weekly.first_episode is not None
        assert weekly.last_episode is not None
        zone = weekly.recurrence.zone
        own_range = range(weekly.first_episode, weekly.last_episode + 1)
        try:
            delta = dt.timedelta(minutes=chains.minutes[index])
        except OverflowError:
            return self._outside(index, episodes.start, "its offset is beyond any date")
        lengths = self.lengths
        starts = self.starts.setdefault(root, {})
        placed: list[Placed] = []
        for episode in episodes:
            length = lengths.get(episode)
            found = starts.get(episode)
            if found is None:
                found = starts[episode] = self._compute(root, episode)
            # An episode the weekly slot airs too fails there first: its error, reported there.
            shared = root != index and episode in own_range
            if shared and (isinstance(found, Exception) or _beyond(found[1], length)):
                error = errors[root]
                assert error is not None, "the weekly slot was placed first"
                return _inherit(error, index)
            if isinstance(found, Exception):
                return self._failed(index, root, found)
            start, instant = found
            if delta:
                try:
                    instant += delta
                except OverflowError:
                    return self._outside(index, episode, "its start is beyond any date")
            # Checked before the start is read in its zone: near the limits that read overflows.
            problem = _beyond(instant, length)
            if problem:
                return self._outside(index, episode, problem)
            if delta:
                start = instant.astimezone(zone)
            end = None if length is None else (instant + length).astimezone(zone)
            placed.append((instant, index, episode, start, end))
        out.extend(placed)
        return None

    def _failed(self, index: int, root: int, found: Exception) -> PlacementError:
        if isinstance(found, OverflowError):
            return self._outside(index, None, str(found))
        notes = list(getattr(found, "__notes__", ()))
        if root != index:
            notes.append(f"slot {self.slots[index].id!r}, which follows it, airs that episode")
        error = copy.copy(found)  # the weekly slot's error is shared; this one has a note more
        for note in notes:
            error.add_note(note)
        part = "recurrence" if root == index else "follows"
        return _own(index, Unplaced.CLOCK, part, "; ".join([str(error), *notes]), error)

    def _outside(self, index: int, episode: int | None, detail: str) -> PlacementError:
        what = detail if episode is None else f"episode {episode}: {detail}"
        message = f"{_OUTSIDE} ({what})"
        error = ValueError(f"slot {self.slots[index].id!r}: {message}")
        return _own(index, Unplaced.UNREPRESENTABLE, "", message, error)


def _beyond(instant: dt.datetime, length: dt.timedelta | None) -> str:
    """What of an airing cannot be shown in every zone (empty if nothing): its start, or its
    end when its running time is known."""
    if not EARLIEST <= instant <= LATEST:
        return _near_the_limits("start", instant)
    if length is not None and length > LATEST - instant:
        return _near_the_limits("end", None)
    return ""


def _near_the_limits(what: str, instant: dt.datetime | None) -> str:
    when = "" if instant is None else f", {instant.isoformat(sep=' ', timespec='minutes')},"
    return (
        f"its {what}{when} is within {MARGIN.days} days of the first or last date Python can "
        "represent, where some zones cannot show it"
    )
