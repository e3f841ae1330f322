"""Checks that hold across records: ids unique, references resolving, episode numbers within
the show's count, and the rules of particular records (a slot's recurrence, a dispute's
readings).

The checks run on structured records before the :class:`~nevertheless_data.Dataset` is
assembled and log every problem with its file and field path; none stops at the first. Which
fields refer to which collections comes from the models' metadata (:mod:`._format`), as do
the rules of single values, which the converter applies. Every check is linear in the records.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Final

from ._dataset import record_keys, record_types, runtimes_of, subject_collections
from ._errors import ProblemLog
from ._format import FORMAT_KEY, MINUTES, fields_of
from ._models import (
    BroadcastSlot,
    Dispute,
    Quote,
    Show,
    Stream,
    TitleKind,
    Weekday,
)
from ._recurrence import Placement, Unplaced, place
from ._registry import noun_of

__all__ = ["check"]

# A path is built only for a problem: records carry (parent, step) links until then.
Path = tuple[Any, str | int] | str


def _text(path: Path) -> str:
    steps: list[str | int] = []
    while isinstance(path, tuple):
        path, step = path
        steps.append(step)
    text = path
    for step in reversed(steps):
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


class _Plan:
    """What the walk reads of one record class: the fields that refer to other records, hold
    episode numbers, or hold records of their own."""

    __slots__ = ("episodes", "records", "references")

    def __init__(self, cls: type) -> None:
        fields = fields_of(cls)
        self.references = tuple(
            (f.name, f.many, f.format.refers_to)
            for f in fields
            if f.format is not None and f.format.refers_to
        )
        self.episodes = tuple(f.name for f in fields if f.format and f.format.episode_number)
        self.records = tuple((f.name, f.many) for f in fields if f.holds_records)


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    return plan


_OWN_RULES: Final = (Quote, Stream, Dispute, BroadcastSlot, Show)


class _Checker:
    def __init__(self, parts: Mapping[str, Any], log: ProblemLog, max_airings: int) -> None:
        self.parts = parts
        self.log = log
        self.max_airings = max_airings
        keys = record_keys()
        self.ids: dict[str, frozenset[Any]] = {
            name: frozenset(getattr(record, keys[name]) for record in parts[name])
            for name in keys
            if name in parts
        }
        show = parts.get("show")
        self.show: Show | None = show if isinstance(show, Show) else None
        if self.show is not None:
            self.ids["show"] = frozenset((self.show.id,))
        # Without a usable count (the show failed, or its count is reported), episode numbers
        # are checked against their least value only.
        count = None if self.show is None else self.show.episode_count
        self.episode_count = count if count is not None and count >= 1 else None
        self.targets: dict[tuple[str, ...], frozenset[Any] | None] = {}
        self.placement: Placement

    def report(self, file: str, path: Path, message: str) -> None:
        self.log.add(f"{file}.json", _text(path), message)

    def known(self, collections: tuple[str, ...]) -> frozenset[Any] | None:
        """The ids a reference into ``collections`` may name; ``None`` where one of them failed
        to structure, so that references into it are not reported as dangling."""
        try:
            return self.targets[collections]
        except KeyError:
            pass
        if all(c in self.ids for c in collections):
            known: frozenset[Any] | None = frozenset().union(*(self.ids[c] for c in collections))
        else:
            known = None
        self.targets[collections] = known
        return known

    def run(self) -> dict[str, Any]:
        self.check_unique_keys()
        for name, value in self.parts.items():
            if isinstance(value, tuple):
                for index, record in enumerate(value):
                    self.check_record(name, (name, index), record)
            else:
                self.check_record(name, name, value)
        self.check_utterances()
        self.check_slot_chains()
        self.check_slot_times()
        # A placement without problems is the loaded dataset's schedule, already computed.
        return {} if self.log else {"placement": self.placement}

    # --- every record: references and episode numbers -------------------------------------------

    def check_record(self, file: str, path: Path, record: Any) -> None:
        plan = _plan(type(record))
        for name, many, collections in plan.references:
            value = getattr(record, name)
            if value is None:
                continue
            known = self.known(collections)
            if known is None:
                continue
            if many:
                if not known.issuperset(value):
                    for index, item in enumerate(value):
                        if item not in known:
                            self.dangling(file, ((path, name), index), item, collections)
            elif value not in known:
                self.dangling(file, (path, name), value, collections)
        if plan.episodes and self.episode_count is not None:
            for name in plan.episodes:
                number = getattr(record, name)
                if number is not None and number > self.episode_count:
                    message = f"episode {number} is not in 1..{self.episode_count}"
                    self.report(file, (path, name), message)
        if isinstance(record, _OWN_RULES):
            self.check_own_rules(file, path, record)
        for name, many in plan.records:
            value = getattr(record, name)
            if many:
                for index, item in enumerate(value):
                    self.check_record(file, ((path, name), index), item)
            elif value is not None:
                self.check_record(file, (path, name), value)

    def dangling(self, file: str, path: Path, value: object, collections: tuple[str, ...]) -> None:
        if len(collections) == 1:
            message = f"{value!r} is not the id of any record in {collections[0]}.json"
        else:
            kinds = [
                "the show" if c == "show" else _with_article(noun_of(record_types()[c]))
                for c in collections
            ]
            message = f"{value!r} is not the id of {', '.join(kinds[:-1])} or {kinds[-1]}"
        self.report(file, path, message)

    # --- the rules of particular records ------------------------------------------------------

    def check_own_rules(self, file: str, path: Path, record: Any) -> None:
        match record:
            case Quote():
                if record.speaker is None and record.note is None:
                    self.report(file, (path, "note"), "a quote without a speaker must say why")
            case Stream():
                if record.start is not None and record.zone is None:
                    self.report(file, (path, "zone"), "a stream's start time needs its zone")
            case Dispute():
                self.check_dispute(file, path, record)
            case BroadcastSlot():
                self.check_slot(file, path, record)
            case Show():
                self.check_show(file, path, record)
            case _:
                pass

    def check_dispute(self, file: str, path: Path, dispute: Dispute) -> None:
        counts = Counter(reading.id for reading in dispute.readings)
        for index, reading in enumerate(dispute.readings):
            if counts[reading.id] > 1:
                where = (((path, "readings"), index), "id")
                self.report(file, where, f"duplicate id {reading.id!r}")
        if dispute.preferred is not None and dispute.preferred not in counts:
            message = f"{dispute.preferred!r} is not one of its readings"
            self.report(file, (path, "preferred"), message)
        if dispute.preferred is not None and dispute.reason is None:
            self.report(file, (path, "reason"), "a preferred reading needs its reason")

    def check_slot(self, file: str, path: Path, slot: BroadcastSlot) -> None:
        if (slot.recurrence is None) == (slot.follows is None):
            self.report(file, path, "a slot needs exactly one of 'recurrence' and 'follows'")
        if slot.recurrence is not None:
            if slot.first_episode is None or slot.last_episode is None:
                self.report(file, path, "a weekly slot needs 'first_episode' and 'last_episode'")
            first = slot.recurrence.first_date
            if Weekday.of(first) is not slot.recurrence.weekday:
                self.report(
                    file,
                    ((path, "recurrence"), "first_date"),
                    f"{first.isoformat()} is a {first.strftime('%A')}, not a "
                    f"{slot.recurrence.weekday.capitalize()}",
                )
        if slot.follows is not None and (slot.first_episode is None) != (slot.last_episode is None):
            self.report(
                file, path, "a derived slot sets both 'first_episode' and 'last_episode' or neither"
            )
        if (
            slot.first_episode is not None
            and slot.last_episode is not None
            and slot.first_episode > slot.last_episode
        ):
            self.report(file, (path, "last_episode"), "comes before 'first_episode'")

    def check_show(self, file: str, path: Path, show: Show) -> None:
        languages = {(t.language, t.kind) for t in show.titles}
        for language in ("en", "ko"):
            if (language, TitleKind.OFFICIAL) not in languages:
                self.report(file, (path, "titles"), f"needs an official title in {language!r}")
        if show.premiere > show.finale:
            self.report(file, (path, "finale"), "comes before the premiere")

    # --- across records -------------------------------------------------------------------------

    def check_unique_keys(self) -> None:
        # The sets of ids are built anyway: where one is as large as its collection, its keys
        # are unique, and the records are not read again (a pass over a large dataset's
        # records costs a trip to memory per record).
        keys = record_keys()
        for name, key in keys.items():
            records = self.parts.get(name, ())
            if name not in self.ids or len(self.ids[name]) == len(records):
                continue
            counts = Counter(getattr(record, key) for record in records)
            noun = "" if key == "id" else f"{noun_of(record_types()[name])} "
            for index, record in enumerate(records):
                value = getattr(record, key)
                if counts[value] > 1:
                    self.report(name, ((name, index), key), f"duplicate {noun}{key} {value!r}")
        # A subject reference must name one record, whatever its kind: an id is reported where
        # a later collection uses it again. Only a collection sharing ids with an earlier one
        # is read record by record.
        first_kind: dict[str, str] = {}
        for kind in subject_collections():
            ids = self.ids.get(kind) if keys[kind] == "id" else None
            if ids is not None and first_kind.keys().isdisjoint(ids):
                first_kind.update(dict.fromkeys(ids, kind))
                continue
            for index, record in enumerate(self.parts.get(kind, ())):
                owner = first_kind.setdefault(record.id, kind)
                if owner != kind:
                    message = f"id {record.id!r} is also used in {owner}.json"
                    self.report(kind, ((kind, index), "id"), message)

    def check_utterances(self) -> None:
        quotes: Sequence[Quote] = self.parts.get("quotes", ())
        groups = Counter(q.utterance for q in quotes if q.utterance is not None)
        for index, quote in enumerate(quotes):
            if quote.utterance is not None and groups[quote.utterance] < 2:
                self.report(
                    "quotes",
                    (("quotes", index), "utterance"),
                    f"no other quote renders utterance {quote.utterance!r}",
                )

    def check_slot_chains(self) -> None:
        # Placing the slots follows every chain once and computes every airing once; the
        # placement serves check_slot_times next, and the schedule of the loaded dataset.
        slots: Sequence[BroadcastSlot] = self.parts.get("slots", ())
        self.placement = place(slots, self.runtimes(), limit=self.max_airings)
        for error in self.placement.errors:
            if error.own and error.kind is Unplaced.CYCLE:
                self.report("slots", error.path, error.message)

    def check_slot_times(self) -> None:
        # Every airing of every slot must be placeable, so ds.schedule never fails on a loaded
        # dataset: in every zone it may be converted to, too. A base that is not a slot, a
        # slot with neither rule and a missing range are reported with the slot's own fields.
        placement = self.placement
        if placement.too_many:
            self.report("slots", "", placement.too_many_message)
            return
        for error in placement.errors:
            if error.own and error.kind in (Unplaced.CLOCK, Unplaced.UNREPRESENTABLE):
                self.report("slots", error.path, error.message)

    def runtimes(self) -> Mapping[int, dt.timedelta] | None:
        """Each episode's running time, where the show gives one: the airings' ends."""
        show = self.show
        if show is None or show.runtime is None:
            return None
        if MINUTES[FORMAT_KEY].violation(show.runtime.minutes):
            return None  # reported with the show's fields
        return runtimes_of(show)


def _with_article(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def check(parts: Mapping[str, Any], log: ProblemLog, *, max_airings: int) -> dict[str, Any]:
    """Log every cross-record problem of the structured parts of a dataset, in file order; the
    values computed on the way that the dataset can keep (by name).

    A collection missing from ``parts`` failed to structure: the checks that need it are skipped,
    so its problems are not reported twice, nor the references into it as dangling.
    """
    return _Checker(parts, log, max_airings).run()
