"""The Dataset: every record of one dataset, with the queries that join them."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from attrs import field, frozen

from ._models import (
    BroadcastSlot,
    CastCredit,
    Character,
    CrewCredit,
    Dispute,
    Episode,
    Event,
    Fact,
    Person,
    Quote,
    Show,
    Source,
)
from ._registry import NamedRegistry, Registry

if TYPE_CHECKING:
    from ._schedule import Schedule

__all__ = ["Dataset"]

Credit = CastCredit | CrewCredit


_NamedT = TypeVar("_NamedT", Person, Character)


def _named_registry(records: Iterable[_NamedT]) -> NamedRegistry[_NamedT]:
    # A Dataset built by hand from a plain Registry or a tuple still finds records by name.
    return records if isinstance(records, NamedRegistry) else NamedRegistry(records)


def _id_of(record: str | Person | Character | Event | Quote | BroadcastSlot) -> str:
    return record if isinstance(record, str) else record.id


@frozen(kw_only=True)
class Dataset:
    """One complete, validated dataset: the show and every record about it.

    ``people``, ``characters`` and ``sources`` are read-only :class:`Registry` objects keyed by
    id; ``people`` and ``characters`` are :class:`NamedRegistry` objects, which also find a
    record by its name (``ds.people.lookup("Sohee Han")``). The other collections are tuples
    in data order. Records refer to each other by id; the methods here follow those
    references. Methods that take a record accept it or its id.
    """

    show: Show
    sources: Registry[Source]
    people: NamedRegistry[Person] = field(converter=_named_registry)
    characters: NamedRegistry[Character] = field(converter=_named_registry)
    cast: tuple[CastCredit, ...]
    crew: tuple[CrewCredit, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    episodes: tuple[Episode, ...]
    slots: tuple[BroadcastSlot, ...]
    disputes: tuple[Dispute, ...]
    facts: tuple[Fact, ...]

    @functools.cached_property
    def schedule(self) -> Schedule:
        """Every airing of every slot, exact in every zone (a :class:`Schedule`), built once."""
        # The schedule sits downstream of the dataset: import it on first use.
        from ._schedule import Schedule

        return Schedule(self.slots, self.disputes)

    def quotes_by(self, person: str | Person) -> tuple[Quote, ...]:
        """Every quote whose speaker is this person, in data order."""
        pid = _id_of(person)
        return tuple(q for q in self.quotes if q.speaker == pid)

    def quotes_at(self, event: str | Event) -> tuple[Quote, ...]:
        """Every quote said or written at this event."""
        eid = _id_of(event)
        return tuple(q for q in self.quotes if q.occasion == eid)

    def renderings(self, quote: str | Quote) -> tuple[Quote, ...]:
        """Every rendering of the same utterance, this quote included, in data order."""
        qid = _id_of(quote)
        target = next((q for q in self.quotes if q.id == qid), None)
        if target is None:
            raise KeyError(f"no quote with id {qid!r}")
        if target.utterance is None:
            return (target,)
        return tuple(q for q in self.quotes if q.utterance == target.utterance)

    def credits_of(self, person: str | Person) -> tuple[Credit, ...]:
        """This person's cast credits, then their crew credits."""
        pid = _id_of(person)
        return tuple(c for c in self.cast if c.person == pid) + tuple(
            c for c in self.crew if c.person == pid
        )

    def cast_of(self, character: str | Character) -> tuple[CastCredit, ...]:
        """The cast credits of whoever plays this character."""
        cid = _id_of(character)
        return tuple(c for c in self.cast if c.character == cid)

    def facts_about(self, subject: str | Person | Character | Event) -> tuple[Fact, ...]:
        """Every fact with this record among its subjects."""
        sid = _id_of(subject)
        return tuple(f for f in self.facts if sid in f.subjects)

    def disputes_about(self, subject: str | Person | Character | Event) -> tuple[Dispute, ...]:
        """Every dispute with this record among its subjects."""
        sid = _id_of(subject)
        return tuple(d for d in self.disputes if sid in d.subjects)

    def event(self, event_id: str) -> Event:
        """The event with this id; :class:`KeyError` if there is none."""
        return _by_id(self.events, event_id, "event")

    def quote(self, quote_id: str) -> Quote:
        """The quote with this id; :class:`KeyError` if there is none."""
        return _by_id(self.quotes, quote_id, "quote")

    def slot(self, slot_id: str) -> BroadcastSlot:
        """The broadcast slot with this id; :class:`KeyError` if there is none."""
        return _by_id(self.slots, slot_id, "slot")

    def dispute(self, dispute_id: str) -> Dispute:
        """The dispute with this id; :class:`KeyError` if there is none."""
        return _by_id(self.disputes, dispute_id, "dispute")

    def episode(self, number: int) -> Episode:
        """The episode with this number; :class:`KeyError` if there is none."""
        for episode in self.episodes:
            if episode.number == number:
                return episode
        raise KeyError(f"no episode {number}")


_WithId = TypeVar("_WithId", Event, Quote, BroadcastSlot, Dispute)


def _by_id(records: tuple[_WithId, ...], record_id: str, what: str) -> _WithId:
    for record in records:
        if record.id == record_id:
            return record
    raise KeyError(f"no {what} with id {record_id!r}")
