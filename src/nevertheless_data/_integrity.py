"""Checks that hold across records: ids unique, references resolving, every record sourced.

The checks run on structured records before the :class:`~nevertheless_data.Dataset` is
assembled, and report every problem with its file and field path; none stops at the first.
"""

from __future__ import annotations

import re
import typing
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from ._errors import Problem
from ._models import (
    BroadcastSlot,
    CastCredit,
    CrewCredit,
    Dispute,
    Event,
    Fact,
    OriginalWork,
    Quote,
    Reading,
    Show,
    SlotOffset,
    Stream,
    TitleKind,
)
from ._recurrence import Placement, Unplaced, place

__all__ = ["check"]

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_REGION = re.compile(r"[A-Z]{2}|worldwide")
# The collections whose records have an ``id``, each in its own file.
_IDENTIFIED = ("sources", "people", "characters", "events", "quotes", "slots", "disputes", "facts")
# What a ``subjects`` entry may name.
_SUBJECT_KINDS = ("people", "characters", "events", "slots")


# The walks below visit every record of a dataset. They follow each class's annotations,
# looked at once per class: a field path is built only for a record or a problem, and a field
# that can hold neither a record nor text is never read.


@attrs.frozen
class _Shape:
    """Which fields of a record class hold records, and which hold text, in field order;
    each with whether it holds a tuple of them."""

    records: tuple[tuple[str, bool], ...]
    texts: tuple[tuple[str, bool], ...]


_SHAPES: dict[type, _Shape] = {}


def _shape(cls: type) -> _Shape:
    shape = _SHAPES.get(cls)
    if shape is None:
        shape = _SHAPES[cls] = _shape_of(cls)
    return shape


def _shape_of(cls: type) -> _Shape:
    records: list[tuple[str, bool]] = []
    texts: list[tuple[str, bool]] = []
    for field in attrs.fields(attrs.resolve_types(typing.cast(Any, cls))):
        kind, args = field.type, typing.get_args(field.type)
        if type(None) in args:  # X | None
            kind = next(arg for arg in args if arg is not type(None))
        many = typing.get_origin(kind) is tuple
        if many:
            kind = typing.get_args(kind)[0]
        if kind is str:
            texts.append((field.name, many))
        elif attrs.has(kind):
            records.append((field.name, many))
    return _Shape(tuple(records), tuple(texts))


def _walk(value: object, path: str) -> list[tuple[str, object]]:
    """Every attrs record inside ``value`` (a record or a tuple of them), depth first, with its
    field path."""
    found: list[tuple[str, object]] = []
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            _collect(item, f"{path}[{index}]", found)
    elif attrs.has(type(value)):
        _collect(value, path, found)
    return found


def _collect(record: object, path: str, found: list[tuple[str, object]]) -> None:
    found.append((path, record))
    for name, many in _shape(type(record)).records:
        value = getattr(record, name)
        if many:
            for index, item in enumerate(value):
                _collect(item, f"{path}.{name}[{index}]", found)
        elif value is not None:
            _collect(value, f"{path}.{name}", found)


def _blank_strings(record: object, path: str) -> Iterator[str]:
    """The field path of every empty or all-whitespace string field of ``record``."""
    for name, many in _shape(type(record)).texts:
        value = getattr(record, name)
        if not many:
            if value is not None and (not value or value.isspace()):
                yield f"{path}.{name}"
            continue
        for index, item in enumerate(value):
            if not item or item.isspace():
                yield f"{path}.{name}[{index}]"


class _Checker:
    def __init__(self, parts: Mapping[str, Any]) -> None:
        self.parts = parts
        self.problems: list[Problem] = []
        self.ids: dict[str, set[str]] = {
            name: {record.id for record in parts.get(name, ())} for name in _IDENTIFIED
        }
        show = parts.get("show")
        self.show: Show | None = show if isinstance(show, Show) else None
        self.subjects = set().union(*(self.ids[kind] for kind in _SUBJECT_KINDS))
        if self.show is not None:
            self.subjects.add(self.show.id)

    def report(self, file: str, path: str, message: str) -> None:
        self.problems.append(Problem(f"{file}.json", path, message))

    def expect_ref(self, file: str, path: str, value: str | None, kind: str) -> None:
        # A reference into a file that failed to structure cannot be checked: skip it.
        if value is not None and kind in self.parts and value not in self.ids[kind]:
            self.report(file, path, f"{value!r} is not the id of any record in {kind}.json")

    def run(self) -> list[Problem]:
        self.check_unique_ids()
        for name, value in self.parts.items():
            for path, record in _walk(value, name):
                self.check_record(name, path, record)
        self.check_utterances()
        self.check_episodes()
        self.check_slot_chains()
        self.check_slot_times()
        return self.problems

    def check_unique_ids(self) -> None:
        for name in _IDENTIFIED:
            counts = Counter(record.id for record in self.parts.get(name, ()))
            for index, record in enumerate(self.parts.get(name, ())):
                if counts[record.id] > 1:
                    self.report(name, f"{name}[{index}].id", f"duplicate id {record.id!r}")
        # A subject reference must name one record, whatever its kind.
        owners: dict[str, list[str]] = defaultdict(list)
        for kind in _SUBJECT_KINDS:
            for record_id in self.ids[kind]:
                owners[record_id].append(kind)
        for record_id, kinds in sorted(owners.items()):
            if len(kinds) > 1:
                for kind in kinds[1:]:
                    index = next(i for i, r in enumerate(self.parts[kind]) if r.id == record_id)
                    self.report(
                        kind,
                        f"{kind}[{index}].id",
                        f"id {record_id!r} is also used in {kinds[0]}.json",
                    )

    def check_record(self, file: str, path: str, record: object) -> None:
        for string_path in _blank_strings(record, path):
            self.report(file, string_path, "must not be empty")
        record_id = getattr(record, "id", None)
        if isinstance(record_id, str) and record_id.strip() and not _SLUG.fullmatch(record_id):
            self.report(file, f"{path}.id", f"{record_id!r} is not a lowercase-hyphenated slug")
        sources = getattr(record, "sources", None)
        if isinstance(sources, tuple):
            if not sources and not isinstance(record, Dispute):
                self.report(file, f"{path}.sources", "a record needs at least one source")
            # Most records cite only known sources: find out before building any path.
            if not self.ids["sources"].issuperset(sources):
                for index, source in enumerate(sources):
                    self.expect_ref(file, f"{path}.sources[{index}]", source, "sources")
        match record:
            case Quote():
                self.expect_ref(file, f"{path}.source", record.source, "sources")
                self.expect_ref(file, f"{path}.speaker", record.speaker, "people")
                self.expect_ref(file, f"{path}.addressee", record.addressee, "people")
                self.expect_ref(file, f"{path}.occasion", record.occasion, "events")
                self.expect_ref(file, f"{path}.character", record.character, "characters")
                if record.speaker is None and record.note is None:
                    self.report(file, f"{path}.note", "a quote without a speaker must say why")
            case CastCredit():
                self.expect_ref(file, f"{path}.person", record.person, "people")
                self.expect_ref(file, f"{path}.character", record.character, "characters")
                if record.billing < 1:
                    self.report(file, f"{path}.billing", "billing starts at 1")
            case CrewCredit():
                self.expect_ref(file, f"{path}.person", record.person, "people")
            case Event():
                for index, person in enumerate(record.attendees):
                    self.expect_ref(file, f"{path}.attendees[{index}]", person, "people")
            case Stream():
                if record.start is not None and record.zone is None:
                    self.report(file, f"{path}.zone", "a stream's start time needs its zone")
            case OriginalWork():
                self.expect_ref(file, f"{path}.author", record.author, "people")
            case Fact():
                self.expect_ref(file, f"{path}.occasion", record.occasion, "events")
                self.check_subjects(file, path, record.subjects)
            case Dispute():
                self.check_dispute(file, path, record)
            case Reading():
                self.expect_ref(file, f"{path}.slot", record.slot, "slots")
            case BroadcastSlot():
                self.check_slot(file, path, record)
            case SlotOffset():
                self.expect_ref(file, f"{path}.base", record.base, "slots")
            case Show():
                self.check_show(file, path, record)
            case _:
                pass

    def check_subjects(self, file: str, path: str, subjects: Sequence[str]) -> None:
        if not subjects:
            self.report(file, f"{path}.subjects", "needs at least one subject")
        if self.show is None or not all(kind in self.parts for kind in _SUBJECT_KINDS):
            return
        for index, subject in enumerate(subjects):
            if subject not in self.subjects:
                self.report(
                    file,
                    f"{path}.subjects[{index}]",
                    f"{subject!r} is not the id of the show, a person, a character, an event "
                    "or a slot",
                )

    def check_dispute(self, file: str, path: str, dispute: Dispute) -> None:
        if len(dispute.readings) < 2:
            self.report(file, f"{path}.readings", "a dispute needs at least two readings")
        counts = Counter(reading.id for reading in dispute.readings)
        for index, reading in enumerate(dispute.readings):
            if counts[reading.id] > 1:
                self.report(file, f"{path}.readings[{index}].id", f"duplicate id {reading.id!r}")
        if dispute.preferred is not None and dispute.preferred not in counts:
            self.report(
                file, f"{path}.preferred", f"{dispute.preferred!r} is not one of its readings"
            )
        if dispute.preferred is not None and dispute.reason is None:
            self.report(file, f"{path}.reason", "a preferred reading needs its reason")
        self.check_subjects(file, path, dispute.subjects)

    def check_slot(self, file: str, path: str, slot: BroadcastSlot) -> None:
        if (slot.recurrence is None) == (slot.follows is None):
            self.report(file, path, "a slot needs exactly one of 'recurrence' and 'follows'")
        if not _REGION.fullmatch(slot.region):
            self.report(
                file,
                f"{path}.region",
                f"{slot.region!r} is neither an ISO 3166-1 alpha-2 code nor 'worldwide'",
            )
        if slot.recurrence is not None:
            if slot.first_episode is None or slot.last_episode is None:
                self.report(file, path, "a weekly slot needs 'first_episode' and 'last_episode'")
            first = slot.recurrence.first_date
            if first.weekday() != slot.recurrence.weekday:
                self.report(
                    file,
                    f"{path}.recurrence.first_date",
                    f"{first.isoformat()} is a {first.strftime('%A')}, not a "
                    f"{slot.recurrence.weekday.name.capitalize()}",
                )
        if slot.follows is not None and (slot.first_episode is None) != (slot.last_episode is None):
            self.report(
                file, path, "a derived slot sets both 'first_episode' and 'last_episode' or neither"
            )
        count = self.show.episode_count if self.show is not None else None
        for name in ("first_episode", "last_episode"):
            number = getattr(slot, name)
            if number is not None and (number < 1 or (count is not None and number > count)):
                self.report(file, f"{path}.{name}", _not_an_episode(number, count))
        if (
            slot.first_episode is not None
            and slot.last_episode is not None
            and slot.first_episode > slot.last_episode
        ):
            self.report(file, f"{path}.last_episode", "comes before 'first_episode'")

    def check_show(self, file: str, path: str, show: Show) -> None:
        languages = {(t.language, t.kind) for t in show.titles}
        for language in ("en", "ko"):
            if (language, TitleKind.OFFICIAL) not in languages:
                self.report(file, f"{path}.titles", f"needs an official title in {language!r}")
        if show.premiere > show.finale:
            self.report(file, f"{path}.finale", "comes before the premiere")
        if show.episode_count < 1:
            self.report(file, f"{path}.episode_count", "must be at least 1")
        if not _SLUG.fullmatch(show.id):
            self.report(file, f"{path}.id", f"{show.id!r} is not a lowercase-hyphenated slug")

    def check_utterances(self) -> None:
        quotes: Sequence[Quote] = self.parts.get("quotes", ())
        groups = Counter(q.utterance for q in quotes if q.utterance is not None)
        for index, quote in enumerate(quotes):
            if quote.utterance is not None and groups[quote.utterance] < 2:
                self.report(
                    "quotes",
                    f"quotes[{index}].utterance",
                    f"no other quote renders utterance {quote.utterance!r}",
                )

    def check_episodes(self) -> None:
        episodes = self.parts.get("episodes", ())
        counts = Counter(e.number for e in episodes)
        count = self.show.episode_count if self.show is not None else None
        for index, episode in enumerate(episodes):
            path = f"episodes[{index}].number"
            if counts[episode.number] > 1:
                self.report("episodes", path, f"duplicate episode number {episode.number}")
            if episode.number < 1 or (count is not None and episode.number > count):
                self.report("episodes", path, _not_an_episode(episode.number, count))

    def check_slot_chains(self) -> None:
        # Placing the slots follows every chain once and computes every airing once; the
        # placement serves check_slot_times next, and the schedule of the loaded dataset.
        # ``runtimes`` (episode number to running time, for the airings' ends) is set by the
        # loader where the data gives running times.
        slots: Sequence[BroadcastSlot] = self.parts.get("slots", ())
        self.placement: Placement = place(slots, getattr(self, "runtimes", None))
        for error in self.placement.errors:
            if error.own and error.kind is Unplaced.CYCLE:
                self.report("slots", error.path, error.message)

    def check_slot_times(self) -> None:
        # Every airing of every slot must be placeable, so ds.schedule never fails on a loaded
        # dataset: in every zone it may be converted to, too. A base that is not a slot, a
        # slot with neither rule and a missing range are reported with the slot's own fields.
        placement = self.placement  # placed by check_slot_chains
        if placement.too_many:
            self.report("slots", "", placement.too_many_message)
            return
        for error in placement.errors:
            if error.own and error.kind in (Unplaced.CLOCK, Unplaced.UNREPRESENTABLE):
                self.report("slots", error.path, error.message)


def _not_an_episode(number: int, count: int | None) -> str:
    # Without a show (its file failed to structure) only the lower bound is known.
    return (
        f"episode {number} is not in 1..{count}"
        if count is not None
        else f"episode {number} is below 1"
    )


def check(parts: Mapping[str, Any]) -> list[Problem]:
    """Every cross-record problem of the structured parts of a dataset, in file order.

    A collection missing from ``parts`` failed to structure: the checks that need it are skipped,
    so its problems are not reported twice, nor the references into it as dangling.
    """
    return _Checker(parts).run()
