"""Wall-clock arithmetic of broadcast slots: when each episode of each slot starts.

A weekly slot's episode ``k`` airs at its wall time on ``first_date + 7 * (k - first_episode)``
days, read in the slot's zone; a day whose wall time the zone skips or repeats is settled by
the recurrence's :class:`~nevertheless_data.Disambiguate` policy. A derived slot airs its
base's instants plus its offset, so it follows any change to the base. The rule of the chain's
weekly slot defines an instant for every episode number, so a derived slot may cover episodes
its base does not list.

Instants are added in UTC: Python adds a timedelta to an aware datetime on the wall clock,
which would turn "an hour later" into two hours or none across a clock change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from ._errors import RepeatedTime, SkippedTime
from ._models import BroadcastSlot, Disambiguate, WeeklyRecurrence

__all__ = ["SlotTimes", "resolve"]

_WEEK = dt.timedelta(weeks=1)


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


class SlotTimes:
    """The start of every episode of a set of slots, computed on demand and remembered.

    Raises :class:`ValueError` naming the slot for a slot that cannot be placed: a base that
    is not among the slots, a chain that loops, a weekly slot without its episode range.
    """

    def __init__(self, slots: Iterable[BroadcastSlot]) -> None:
        self._slots = {slot.id: slot for slot in slots}
        self._starts: dict[tuple[str, int], dt.datetime] = {}

    def chain(self, slot_id: str) -> tuple[BroadcastSlot, ...]:
        """The slot, its base, its base's base... down to the weekly slot they all follow."""
        chain = [self._slot(slot_id)]
        seen = {slot_id}
        while (follows := chain[-1].follows) is not None:
            base = self._slots.get(follows.base)
            if base is None:
                raise ValueError(
                    f"slot {chain[-1].id!r} follows {follows.base!r}, which is not one of the slots"
                )
            if base.id in seen:
                raise ValueError(f"slot {slot_id!r} follows itself through {base.id!r}")
            seen.add(base.id)
            chain.append(base)
        if chain[-1].recurrence is None:
            raise ValueError(f"slot {chain[-1].id!r} has neither a recurrence nor a base")
        return tuple(chain)

    def recurrence(self, slot_id: str) -> WeeklyRecurrence:
        """The weekly rule the slot's instants come from (its own, or its chain's)."""
        recurrence = self.chain(slot_id)[-1].recurrence
        assert recurrence is not None, "chain() ends on a weekly slot"
        return recurrence

    def episodes(self, slot_id: str) -> range:
        """The episode numbers the slot airs: its own range, or the nearest base's."""
        for slot in self.chain(slot_id):
            if slot.first_episode is not None or slot.last_episode is not None:
                break
        first, last = slot.first_episode, slot.last_episode
        if first is None or last is None:
            raise ValueError(f"slot {slot.id!r} needs both 'first_episode' and 'last_episode'")
        return range(first, last + 1)

    def start(self, slot_id: str, episode: int) -> dt.datetime:
        """When the slot airs this episode, as an aware datetime in its weekly rule's zone."""
        key = (slot_id, episode)
        start = self._starts.get(key)
        if start is None:
            start = self._starts[key] = self._compute(self._slot(slot_id), episode)
        return start

    def _compute(self, slot: BroadcastSlot, episode: int) -> dt.datetime:
        if slot.follows is not None:
            base = self.start(self.chain(slot.id)[1].id, episode)
            return (base.astimezone(dt.UTC) + slot.follows.offset).astimezone(base.tzinfo)
        recurrence = self.recurrence(slot.id)
        first_episode = self.episodes(slot.id).start
        day = recurrence.first_date + (episode - first_episode) * _WEEK
        local = dt.datetime.combine(day, recurrence.time)
        try:
            return resolve(local, recurrence.zone, recurrence.disambiguate)
        except (SkippedTime, RepeatedTime) as exc:
            exc.add_note(f"episode {episode} of slot {slot.id!r}, whose policy is 'raise'")
            raise

    def _slot(self, slot_id: str) -> BroadcastSlot:
        try:
            return self._slots[slot_id]
        except KeyError:
            raise ValueError(f"no slot with id {slot_id!r}") from None
