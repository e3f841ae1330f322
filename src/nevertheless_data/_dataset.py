"""The Dataset: every record of one dataset, with the queries that join them.

Annotations here are evaluated as the module runs (no ``from __future__ import annotations``):
:func:`record_types` reads each collection's record class off the fields of :class:`Dataset`
on every cold start, and evaluating them from strings would cost a compile apiece.
"""

# ruff: noqa: RUF009 -- the Dataset's fields are attrs fields, made by converted_field.

import datetime as dt
import functools
import threading
import typing
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs
from attrs import field, frozen

from ._errors import UnknownId
from ._format import FORMAT_KEY, as_tuple, unwrap
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
    Record,
    Show,
    Source,
    converted_field,
)
from ._registry import NamedRegistry, Registry, noun_of

if TYPE_CHECKING:
    from ._schedule import Schedule

__all__ = [
    "Dataset",
    "record_keys",
    "record_types",
    "registries_of",
    "runtimes_of",
    "subject_collections",
]

Credit = CastCredit | CrewCredit
_T = TypeVar("_T")
_KEY: Final = "nevertheless_data.key"
_BY_ID: Final = MappingProxyType({_KEY: "id"})
_BY_NUMBER: Final = MappingProxyType({_KEY: "number"})


# A dataset makes its registries of any records it is given: an iterable of them, or a mapping
# (another registry) whose values they are. A registry of the right kind is kept as it is.


def _records(records: Iterable[Any]) -> Iterable[Any]:
    return records.values() if isinstance(records, Mapping) else records


def _registry(records: Iterable[Any]) -> Registry[str, Any]:
    return records if type(records) is Registry else Registry(_records(records))


def _named_registry(records: Iterable[Any]) -> NamedRegistry[Any]:
    return records if type(records) is NamedRegistry else NamedRegistry(_records(records))


def _episode_registry(records: Iterable[Any]) -> Registry[int, Episode]:
    if type(records) is Registry and records._key == "number":
        return records
    return Registry(_records(records), "number")


_derived_lock = threading.RLock()


class _Derived:
    """What a dataset computes from its records on first use (the schedule, reverse indexes):
    each once, whichever thread asks first, and never changed after."""

    __slots__ = (
        "cast_of",
        "credits_of",
        "disputes_about",
        "facts_about",
        "placement",
        "quotes_at",
        "quotes_by",
        "renderings",
        "schedule",
    )

    def get(self, name: str, build: Callable[[], _T]) -> _T:
        try:
            return getattr(self, name)  # type: ignore[no-any-return]
        except AttributeError:
            pass
        # One lock for every dataset: builds are rare, and a build may need another value.
        with _derived_lock:
            try:
                return getattr(self, name)  # type: ignore[no-any-return]
            except AttributeError:
                value = build()
                object.__setattr__(self, name, value)
                return value

    def seed(self, name: str, value: object) -> None:
        """Keep a value computed elsewhere (the loader places the airings while checking)."""
        with _derived_lock:
            if not hasattr(self, name):
                object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a dataset's derived values are read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("a dataset's derived values are read-only")

    def __reduce__(self) -> "tuple[type[_Derived], tuple[()]]":
        # Derived values are recomputed, not stored: a pickle holds the records only.
        return (_Derived, ())


@frozen(kw_only=True)
class Dataset(Record):
    """One complete, validated dataset: the show and every record about it.

    Every collection whose records have an id is a read-only
    :class:`~collections.abc.Mapping` (a :class:`Registry`) from id to record, in data order:
    ``ds.quotes["..."]``, ``ds.quotes.values()``. ``episodes`` is keyed by episode number;
    ``people`` and ``characters`` also find a record by its name (:meth:`lookup`). The credits
    (``cast``, ``crew``) have no ids and are tuples.

    Records refer to each other by id; the methods here follow those references. Each takes a
    record or its id, and raises :class:`~nevertheless_data.UnknownId` (a :class:`KeyError`)
    for an id the dataset does not have, saying what kind of id it expected and, if the text is
    a name, whose id it means.
    """

    show: Show
    sources: Registry[str, Source] = converted_field(converter=_registry, metadata=_BY_ID)
    people: NamedRegistry[Person] = converted_field(converter=_named_registry, metadata=_BY_ID)
    characters: NamedRegistry[Character] = converted_field(
        converter=_named_registry, metadata=_BY_ID
    )
    cast: tuple[CastCredit, ...] = converted_field(converter=as_tuple)
    crew: tuple[CrewCredit, ...] = converted_field(converter=as_tuple)
    events: Registry[str, Event] = converted_field(converter=_registry, metadata=_BY_ID)
    quotes: Registry[str, Quote] = converted_field(converter=_registry, metadata=_BY_ID)
    episodes: Registry[int, Episode] = converted_field(
        converter=_episode_registry, metadata=_BY_NUMBER
    )
    slots: Registry[str, BroadcastSlot] = converted_field(converter=_registry, metadata=_BY_ID)
    disputes: Registry[str, Dispute] = converted_field(converter=_registry, metadata=_BY_ID)
    facts: Registry[str, Fact] = converted_field(converter=_registry, metadata=_BY_ID)
    _derived: _Derived = field(init=False, factory=_Derived, eq=False, repr=False, hash=False)

    @property
    def schedule(self) -> "Schedule":
        """Every airing of every slot, exact in every zone (a :class:`Schedule`).

        Built on first use, once, however many threads ask at the same time.
        """
        return self._derived.get("schedule", self._build_schedule)

    def _build_schedule(self) -> "Schedule":
        # The schedule sits downstream of the dataset: its module loads on first use.
        from ._schedule import Schedule

        placement = getattr(self._derived, "placement", None)
        if placement is not None:  # placed by the load's checks
            return Schedule._from_placement(placement, self.disputes.values())
        runtimes = runtimes_of(self.show)
        return Schedule(self.slots.values(), self.disputes.values(), runtimes=runtimes)

    # --- names --------------------------------------------------------------------------------

    def lookup(self, name: str) -> Person | Character:
        """The person or character ``name`` names, however it is written.

        ``ds.lookup("Yu Nabi")`` is the character Yoo Na-bi, ``ds.lookup("한소희")`` the actress.
        Raises :class:`~nevertheless_data.AmbiguousName` listing the candidates where several
        records answer to the name ("Kim"), and :class:`~nevertheless_data.NameNotFound`, with
        suggestions, where none does.
        """
        from ._name_index import lookup_in

        indexes = (self.people.name_index(), self.characters.name_index())
        return typing.cast(Person | Character, lookup_in(indexes, name))

    # --- following references -------------------------------------------------------------------

    def quotes_by(self, person: str | Person) -> tuple[Quote, ...]:
        """Every quote whose speaker is this person, in data order."""
        key = self._id(person, "people")
        return self._grouped("quotes_by", lambda: _group(self.quotes.values(), "speaker"), key)

    def quotes_at(self, event: str | Event) -> tuple[Quote, ...]:
        """Every quote said or written at this event, in data order."""
        key = self._id(event, "events")
        return self._grouped("quotes_at", lambda: _group(self.quotes.values(), "occasion"), key)

    def renderings(self, quote: str | Quote) -> tuple[Quote, ...]:
        """Every rendering of the same utterance, this quote included, in data order."""
        target = self.quotes[self._id(quote, "quotes")]
        if target.utterance is None:
            return (target,)
        groups = self._derived.get("renderings", lambda: _group(self.quotes.values(), "utterance"))
        return groups[target.utterance]

    def credits_of(self, person: str | Person) -> tuple[Credit, ...]:
        """This person's cast credits, then their crew credits."""
        key = self._id(person, "people")
        return self._grouped("credits_of", lambda: _group((*self.cast, *self.crew), "person"), key)

    def cast_of(self, character: str | Character) -> tuple[CastCredit, ...]:
        """The cast credits of whoever plays this character."""
        key = self._id(character, "characters")
        return self._grouped("cast_of", lambda: _group(self.cast, "character"), key)

    def facts_about(self, subject: str | Show | Person | Character | Event) -> tuple[Fact, ...]:
        """Every fact with this record (the show, a person, character, event or slot) among its
        subjects, in data order."""
        key = self._subject(subject)
        return self._grouped("facts_about", lambda: _group_many(self.facts.values()), key)

    def disputes_about(
        self, subject: str | Show | Person | Character | Event
    ) -> tuple[Dispute, ...]:
        """Every dispute with this record among its subjects, in data order."""
        key = self._subject(subject)
        return self._grouped("disputes_about", lambda: _group_many(self.disputes.values()), key)

    def sources_of(self, record: Any) -> tuple[Source, ...]:
        """The :class:`Source` records a record cites, in the order it cites them.

        Works for every record with ``sources`` (or a quote's ``source``): a person, an alias,
        a rating, a dispute (every reading's sources)... Follow ``source.url`` to read them.
        """
        try:
            ids: tuple[str, ...] = record.sources
        except AttributeError:
            raise TypeError(f"{type(record).__name__} records cite no sources") from None
        return tuple(self.sources[source] for source in ids)

    def _grouped(
        self, name: str, build: Callable[[], Mapping[str, tuple[_T, ...]]], key: str
    ) -> tuple[_T, ...]:
        return self._derived.get(name, build).get(key, ())

    def _id(self, ref: str | Any, collection: str) -> str:
        """The id of ``ref`` (a record or an id) after checking ``collection`` holds it."""
        key = ref if isinstance(ref, str) else getattr(ref, "id", ref)
        registry: Registry[str, Any] = getattr(self, collection)
        if key in registry:
            return key
        raise UnknownId(key, self._unknown(key, collection))

    def _subject(self, ref: str | Any) -> str:
        key = ref if isinstance(ref, str) else getattr(ref, "id", ref)
        if key == self.show.id or any(key in getattr(self, c) for c in subject_collections()):
            return key
        kinds = ", ".join(noun_of(record_types()[c]) for c in subject_collections())
        raise UnknownId(key, f"neither the show nor any {kinds} has the id {key!r}")

    def _unknown(self, key: object, collection: str) -> str:
        types = record_types()
        noun = noun_of(types[collection])
        message = f"no {noun} has the id {key!r}"
        if not isinstance(key, str):
            return message
        for other, registry in registries_of(self).items():
            if other != collection and key in registry:
                other_noun = noun_of(types[other])
                return f"{message}: {key!r} is the id of a {other_noun}, not of a {noun}"
        if collection in ("people", "characters"):
            try:
                record = self.lookup(key)
            except LookupError:
                return message
            return f"{message}; the name {key!r} means the {noun_of(type(record))} {record.id!r}"
        return message


def runtimes_of(show: Show) -> Mapping[int, dt.timedelta] | None:
    """Each episode's running time, as the show's preferred runtime gives it, or ``None``."""
    if show.runtime is None:
        return None
    # One value for every episode, however many the show says it has.
    from ._recurrence import SameRuntime

    return SameRuntime(show.runtime.length, show.episode_count)


@functools.cache
def record_types() -> Mapping[str, type]:
    """Each collection of a dataset, in file order, and the class of its records: the one list
    of collections, read off the fields of :class:`Dataset`."""
    found: dict[str, type] = {}
    for attribute in attrs.fields(Dataset):
        if attribute.init:
            hint = attribute.type
            kind, _, many = unwrap(hint)
            found[attribute.name] = kind if many else (typing.get_args(hint) or (hint,))[-1]
    return MappingProxyType(found)


@functools.cache
def record_keys() -> Mapping[str, str]:
    """The field each registry of a dataset finds its records by (``"id"``, ``"number"``)."""
    return MappingProxyType(
        {a.name: a.metadata[_KEY] for a in attrs.fields(Dataset) if _KEY in a.metadata}
    )


@functools.cache
def subject_collections() -> tuple[str, ...]:
    """The collections whose records a fact or dispute may name as a subject (beside the show),
    as the data format states it."""
    subjects = attrs.fields(Fact).subjects.metadata[FORMAT_KEY]
    return tuple(c for c in subjects.refers_to if c != "show")


def registries_of(dataset: Dataset) -> dict[str, Registry[Any, Any]]:
    """The dataset's collections that are registries (every one whose records have an id)."""
    return {name: getattr(dataset, name) for name in record_keys()}


def _group(records: Iterable[_T], attribute: str) -> Mapping[str, tuple[_T, ...]]:
    groups: dict[str, list[_T]] = {}
    for record in records:
        key = getattr(record, attribute)
        if key is not None:
            groups.setdefault(key, []).append(record)
    return MappingProxyType({key: tuple(members) for key, members in groups.items()})


def _group_many(records: Iterable[Fact] | Iterable[Dispute]) -> Mapping[str, tuple[Any, ...]]:
    groups: dict[str, list[Any]] = {}
    for record in records:
        for subject in dict.fromkeys(record.subjects):
            groups.setdefault(subject, []).append(record)
    return MappingProxyType({key: tuple(members) for key, members in groups.items()})
