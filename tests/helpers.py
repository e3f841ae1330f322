"""The one place the tests reach the package's internals, and the helpers tests share.

Test modules use the public API (``nevertheless_data`` as ``nd``) and this module; they never
import private modules (``nevertheless_data._x``) or each other. Each helper here says why a
test needs it: an internal that the public API does not show (a count of the work done, a
placement made once and handed on), or a small tool several test modules would otherwise copy.

Several branches add to this module: keep each area's helpers in its own block, from a
``# --- area ---`` heading to its ``# --- end of the area block ---`` line, and add new ones
to the block they belong to. Imports stay at the top of the module (ruff wants them there),
under the heading of the block that needs them.
"""

from __future__ import annotations

# --- schedule: placement, zones, and counting what a query reads ----------------------------
# Until the package exports it as nd.UnknownZone, UnknownZone comes from here. place,
# Placement, Unplaced and MAX_AIRINGS: the placement the integrity check and the schedule
# share, with its counts of the work done (links followed, wall times resolved). zone and
# iana_keys: the one zone parser, and the keys it accepts.
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar, overload

import attrs

import nevertheless_data as nd
from nevertheless_data._errors import UnknownZone as UnknownZone
from nevertheless_data._recurrence import MAX_AIRINGS as MAX_AIRINGS
from nevertheless_data._recurrence import Placement as Placement
from nevertheless_data._recurrence import Unplaced as Unplaced
from nevertheless_data._recurrence import place as place
from nevertheless_data._zones import iana_keys as iana_keys
from nevertheless_data._zones import zone as zone

_T = TypeVar("_T")


def schedule_from_placement(
    placement: Placement, disputes: Iterable[nd.Dispute] = ()
) -> nd.Schedule:
    """The schedule a loaded dataset builds from the placement of its integrity check."""
    return nd.Schedule._from_placement(placement, disputes)


def write_raw(directory: Path, files: Mapping[str, object]) -> Path:
    """Write each ``name: content`` of ``files`` as ``directory/name.json``."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (directory / f"{name}.json").write_text(json.dumps(content), encoding="utf-8")
    return directory


class CountingSequence(Sequence[_T]):
    """A read-only sequence that counts the elements read from it (a slice counts each)."""

    def __init__(self, items: Sequence[_T]) -> None:
        self.items = items
        self.reads = 0

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | Sequence[_T]:
        found = self.items[index]
        self.reads += len(found) if isinstance(index, slice) else 1  # type: ignore[arg-type]
        return found

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[_T]:
        for item in self.items:
            self.reads += 1
            yield item


@dataclass
class Visits:
    """The counting sequences put in a schedule by :func:`count_visits`."""

    sequences: list[CountingSequence[Any]] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Elements read from the schedule's airings, instants and indexes so far."""
        return sum(sequence.reads for sequence in self.sequences)

    def reset(self) -> None:
        """Count from zero again."""
        for sequence in self.sequences:
            sequence.reads = 0

    def wrap(self, items: Sequence[_T]) -> CountingSequence[_T]:
        counting = CountingSequence(items)
        self.sequences.append(counting)
        return counting


def count_visits(schedule: nd.Schedule) -> Visits:
    """Build ``schedule``'s lazy parts, then make every element its queries read counted.

    The schedule's airings, instants and per-platform and per-region indexes are replaced by
    counting sequences holding the same elements; the answers do not change.
    """
    schedule.airings()
    schedule.platforms  # noqa: B018 - builds the indexes
    visits = Visits()
    set_ = object.__setattr__
    set_(schedule, "_instants", visits.wrap(schedule._instants))
    set_(schedule, "_airings", visits.wrap(schedule.airings()))
    facets = schedule._facets
    assert facets is not None
    selections = {
        key: (visits.wrap(instants), visits.wrap(positions))
        for key, (instants, positions) in facets.selections.items()
    }
    set_(schedule, "_facets", attrs.evolve(facets, selections=MappingProxyType(selections)))
    return visits


# --- end of the schedule block ----------------------------------------------------------------
