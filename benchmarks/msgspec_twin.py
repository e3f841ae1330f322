"""The cold-start baseline: the bundled data files decoded into msgspec Structs.

A twin of the library's models, field for field, decoded as strictly (unknown fields rejected,
types checked, enums by value, zones as ``ZoneInfo``) and held to the same rules of single
values as the library's converter: text never blank, ids, regions, languages and URLs by their
patterns, counts and least numbers of items. It does not import ``nevertheless_data``:
``python -c "import msgspec_twin as t; t.load(directory)"`` pays msgspec, the Struct
definitions and the decoding, nothing else. Benchmark-only code.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import msgspec
from msgspec import Meta


class WallTime(dt.time):
    """``HH:MM``: msgspec's own ``time`` decoder requires seconds."""


def _dec_hook(kind: type, value: object) -> object:
    if kind is ZoneInfo and isinstance(value, str):
        return ZoneInfo(value)
    if kind is WallTime and isinstance(value, str):
        return WallTime.fromisoformat(value)
    raise NotImplementedError(kind)


class SourceKind(enum.StrEnum):
    ARTICLE = "article"
    WEB_PAGE = "web-page"


class TitleKind(enum.StrEnum):
    OFFICIAL = "official"
    ALTERNATIVE = "alternative"
    ROMANIZED = "romanized"
    LITERAL = "literal"


class QuoteKind(enum.StrEnum):
    SPOKEN = "spoken"
    WRITTEN = "written"
    CAPTION = "caption"


class EventKind(enum.StrEnum):
    PRESS_CONFERENCE = "press-conference"
    BEHIND_THE_SCENES = "behind-the-scenes"
    STATEMENT = "statement"


class AliasKind(enum.StrEnum):
    SPELLING = "spelling"
    GARBLED = "garbled"


class Disambiguate(enum.StrEnum):
    COMPATIBLE = "compatible"
    EARLIER = "earlier"
    LATER = "later"
    RAISE = "raise"


class CrewRole(enum.StrEnum):
    DIRECTOR = "director"
    SCREENWRITER = "screenwriter"
    ORIGINAL_AUTHOR = "original-author"


class SlotAlignment(enum.StrEnum):
    INSTANT = "instant"
    LOCAL_TIME = "local-time"


class Weekday(enum.StrEnum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"


class Record(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The options every record shares. msgspec passes them on to subclasses, but a type
    checker takes a Struct subclass (a dataclass transform) as frozen only when told, so each
    record class says ``frozen=True`` again."""


# The rules of single values, as the library's data format states them (its _format module).
Text = Annotated[str, Meta(min_length=1, pattern=r"\S")]
Id = Annotated[str, Meta(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Region = Annotated[str, Meta(pattern=r"^(?:[A-Z]{2}|worldwide)$")]
Language = Annotated[str, Meta(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]
Url = Annotated[str, Meta(pattern=r"^https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$")]
Count = Annotated[int, Meta(ge=1)]
Texts = tuple[Text, ...]
Sources = Annotated[tuple[Text, ...], Meta(min_length=1)]


class Source(Record, frozen=True):
    id: Id
    kind: SourceKind
    language: Language
    url: Url
    outlet: Text | None = None
    title: Text | None = None
    author: Text | None = None
    published: dt.date | None = None
    machine_translated: bool = False
    credits: Text | None = None
    note: Text | None = None


class Alias(Record, frozen=True):
    text: Text
    sources: Sources
    kind: AliasKind = AliasKind.SPELLING
    note: Text | None = None


class Work(Record, frozen=True):
    title: Text
    sources: Sources
    year: int | None = None
    network: Text | None = None
    note: Text | None = None


class Person(Record, frozen=True):
    id: Id
    name: Text
    sources: Sources
    hangul: Text | None = None
    aliases: tuple[Alias, ...] = ()
    works: tuple[Work, ...] = ()
    note: Text | None = None


class Character(Record, frozen=True):
    id: Id
    name: Text
    sources: Sources
    hangul: Text | None = None
    aliases: tuple[Alias, ...] = ()
    description: Text | None = None
    note: Text | None = None


class CastCredit(Record, frozen=True):
    person: Text
    sources: Sources
    character: Text | None = None
    lead: bool = False
    note: Text | None = None


class CrewCredit(Record, frozen=True):
    person: Text
    role: CrewRole
    sources: Sources
    note: Text | None = None


class Title(Record, frozen=True):
    text: Text
    language: Language
    kind: TitleKind
    sources: Sources
    note: Text | None = None


class Company(Record, frozen=True):
    name: Text
    sources: Sources
    hangul: Text | None = None


class OriginalWork(Record, frozen=True):
    title: Text
    medium: Text
    publisher: Text
    author: Text
    sources: Sources
    serialized_from: dt.date | None = None
    serialized_until: dt.date | None = None
    chapters: Count | None = None
    note: Text | None = None


class Runtime(Record, frozen=True):
    minutes: Count
    sources: Sources
    note: Text | None = None


class Track(Record, frozen=True):
    title: Text
    artist: Text
    sources: Sources
    hangul: Text | None = None
    note: Text | None = None


class Soundtrack(Record, frozen=True):
    sources: Sources
    title: Text | None = None
    released: dt.date | None = None
    physical_release: dt.date | None = None
    tracks: tuple[Track, ...] = ()
    instrumentals: Count | None = None
    note: Text | None = None


class Location(Record, frozen=True):
    name: Text
    sources: Sources
    hangul: Text | None = None
    note: Text | None = None


class Identifier(Record, frozen=True):
    scheme: Text
    value: Text
    sources: Sources


class Show(Record, frozen=True):
    id: Id
    titles: tuple[Title, ...]
    network: Text
    platforms: Texts
    premiere: dt.date
    finale: dt.date
    episode_count: Count
    age_rating: Text
    original_work: OriginalWork
    production_companies: tuple[Company, ...]
    sources: Sources
    genre: Text | None = None
    runtime: Runtime | None = None
    soundtrack: Soundtrack | None = None
    filming_locations: tuple[Location, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    note: Text | None = None


class Stream(Record, frozen=True):
    platform: Text
    sources: Sources
    audience: Text | None = None
    start: WallTime | None = None
    zone: ZoneInfo | None = None
    note: Text | None = None


class Event(Record, frozen=True):
    id: Id
    kind: EventKind
    title: Text
    sources: Sources
    date: dt.date | None = None
    host: Text | None = None
    published_by: Text | None = None
    attendees: Texts = ()
    streams: tuple[Stream, ...] = ()
    moments: Texts = ()
    note: Text | None = None


class Quote(Record, frozen=True):
    id: Id
    text: Text
    source: Text
    kind: QuoteKind = QuoteKind.SPOKEN
    speaker: Text | None = None
    addressee: Text | None = None
    occasion: Text | None = None
    date: dt.date | None = None
    character: Text | None = None
    joking: bool = False
    utterance: Id | None = None
    note: Text | None = None


class Rating(Record, frozen=True):
    percent: float
    measure: Text
    sources: Sources
    note: Text | None = None


class AgeRating(Record, frozen=True):
    rating: Text
    sources: Sources
    note: Text | None = None


class EpisodeTitle(Record, frozen=True):
    text: Text
    language: Language
    sources: Sources
    note: Text | None = None


class Episode(Record, frozen=True):
    number: Count
    air_date: dt.date
    sources: Sources
    rating: Rating | None = None
    age_rating: AgeRating | None = None
    titles: tuple[EpisodeTitle, ...] = ()
    note: Text | None = None


class WeeklyRecurrence(Record, frozen=True):
    weekday: Weekday
    time: WallTime
    zone: ZoneInfo
    first_date: dt.date
    disambiguate: Disambiguate = Disambiguate.COMPATIBLE


class SlotOffset(Record, frozen=True):
    base: Text
    minutes: int


class BroadcastSlot(Record, frozen=True):
    id: Id
    platform: Text
    region: Region
    sources: Sources
    recurrence: WeeklyRecurrence | None = None
    follows: SlotOffset | None = None
    first_episode: Count | None = None
    last_episode: Count | None = None
    alignment: SlotAlignment = SlotAlignment.INSTANT
    preceded_by: Text | None = None
    note: Text | None = None


class Reading(Record, frozen=True):
    id: Id
    claim: Text
    sources: Sources
    slot: Text | None = None
    note: Text | None = None


class Dispute(Record, frozen=True):
    id: Id
    topic: Text
    readings: Annotated[tuple[Reading, ...], Meta(min_length=2)]
    subjects: Annotated[Texts, Meta(min_length=1)]
    preferred: Text | None = None
    reason: Text | None = None


class Fact(Record, frozen=True):
    id: Id
    subjects: Annotated[Texts, Meta(min_length=1)]
    text: Text
    sources: Sources
    occasion: Text | None = None
    note: Text | None = None


class Dataset(Record, frozen=True):
    show: Show
    sources: dict[str, Source]
    people: dict[str, Person]
    characters: dict[str, Character]
    cast: tuple[CastCredit, ...]
    crew: tuple[CrewCredit, ...]
    events: dict[str, Event]
    quotes: dict[str, Quote]
    episodes: dict[int, Episode]
    slots: dict[str, BroadcastSlot]
    disputes: dict[str, Dispute]
    facts: dict[str, Fact]


FILES: dict[str, object] = {
    "show": Show,
    "sources": tuple[Source, ...],
    "people": tuple[Person, ...],
    "characters": tuple[Character, ...],
    "cast": tuple[CastCredit, ...],
    "crew": tuple[CrewCredit, ...],
    "events": tuple[Event, ...],
    "quotes": tuple[Quote, ...],
    "episodes": tuple[Episode, ...],
    "slots": tuple[BroadcastSlot, ...],
    "disputes": tuple[Dispute, ...],
    "facts": tuple[Fact, ...],
}
# Each collection with ids is a dict keyed as the library's registries are.
_KEYS = {
    "sources": "id",
    "people": "id",
    "characters": "id",
    "events": "id",
    "quotes": "id",
    "episodes": "number",
    "slots": "id",
    "disputes": "id",
    "facts": "id",
}


def decode(texts: dict[str, bytes]) -> Dataset:
    """The dataset of ``{collection name: file bytes}``; raises on any malformed file."""
    parts: dict[str, Any] = {}  # each collection's value, of its own type
    for name, kind in FILES.items():
        value = msgspec.json.decode(texts[name], type=kind, dec_hook=_dec_hook)
        key = _KEYS.get(name)
        parts[name] = value if key is None else {getattr(r, key): r for r in value}
    return Dataset(**parts)


def load(directory: str) -> Dataset:
    """The dataset in ``directory`` (a dataset directory in the library's format)."""
    texts = {}
    for name in FILES:
        with open(os.path.join(directory, f"{name}.json"), "rb") as file:
            texts[name] = file.read()
    return decode(texts)
