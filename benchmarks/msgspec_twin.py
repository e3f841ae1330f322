"""The cold-start baseline: the bundled data files decoded into msgspec Structs.

A twin of the library's models, field for field, decoded as strictly (unknown fields rejected,
types checked, enums by value, zones as ``ZoneInfo``). It does not import ``nevertheless_data``:
``python -c "import msgspec_twin as t; t.load(directory)"`` pays msgspec, the Struct
definitions and the decoding, nothing else. Benchmark-only code.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from zoneinfo import ZoneInfo

import msgspec


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
    pass


Sources = tuple[str, ...]


class Source(Record):
    id: str
    kind: SourceKind
    language: str
    url: str
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    machine_translated: bool = False
    credits: str | None = None
    note: str | None = None


class Alias(Record):
    text: str
    sources: Sources
    kind: AliasKind = AliasKind.SPELLING
    note: str | None = None


class Work(Record):
    title: str
    sources: Sources
    year: int | None = None
    network: str | None = None
    note: str | None = None


class Person(Record):
    id: str
    name: str
    sources: Sources
    hangul: str | None = None
    aliases: tuple[Alias, ...] = ()
    works: tuple[Work, ...] = ()
    note: str | None = None


class Character(Record):
    id: str
    name: str
    sources: Sources
    hangul: str | None = None
    aliases: tuple[Alias, ...] = ()
    description: str | None = None
    note: str | None = None


class CastCredit(Record):
    person: str
    sources: Sources
    character: str | None = None
    lead: bool = False
    note: str | None = None


class CrewCredit(Record):
    person: str
    role: CrewRole
    sources: Sources
    note: str | None = None


class Title(Record):
    text: str
    language: str
    kind: TitleKind
    sources: Sources
    note: str | None = None


class Company(Record):
    name: str
    sources: Sources
    hangul: str | None = None


class OriginalWork(Record):
    title: str
    medium: str
    publisher: str
    author: str
    sources: Sources
    serialized_from: dt.date | None = None
    serialized_until: dt.date | None = None
    chapters: int | None = None
    note: str | None = None


class Runtime(Record):
    minutes: int
    sources: Sources
    note: str | None = None


class Track(Record):
    title: str
    artist: str
    sources: Sources
    hangul: str | None = None
    note: str | None = None


class Soundtrack(Record):
    sources: Sources
    title: str | None = None
    released: dt.date | None = None
    physical_release: dt.date | None = None
    tracks: tuple[Track, ...] = ()
    instrumentals: int | None = None
    note: str | None = None


class Location(Record):
    name: str
    sources: Sources
    hangul: str | None = None
    note: str | None = None


class Identifier(Record):
    scheme: str
    value: str
    sources: Sources


class Show(Record):
    id: str
    titles: tuple[Title, ...]
    network: str
    platforms: tuple[str, ...]
    premiere: dt.date
    finale: dt.date
    episode_count: int
    age_rating: str
    original_work: OriginalWork
    production_companies: tuple[Company, ...]
    sources: Sources
    genre: str | None = None
    runtime: Runtime | None = None
    soundtrack: Soundtrack | None = None
    filming_locations: tuple[Location, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    note: str | None = None


class Stream(Record):
    platform: str
    sources: Sources
    audience: str | None = None
    start: WallTime | None = None
    zone: ZoneInfo | None = None
    note: str | None = None


class Event(Record):
    id: str
    kind: EventKind
    title: str
    sources: Sources
    date: dt.date | None = None
    host: str | None = None
    published_by: str | None = None
    attendees: tuple[str, ...] = ()
    streams: tuple[Stream, ...] = ()
    moments: tuple[str, ...] = ()
    note: str | None = None


class Quote(Record):
    id: str
    text: str
    source: str
    kind: QuoteKind = QuoteKind.SPOKEN
    speaker: str | None = None
    addressee: str | None = None
    occasion: str | None = None
    date: dt.date | None = None
    character: str | None = None
    joking: bool = False
    utterance: str | None = None
    note: str | None = None


class Rating(Record):
    percent: float
    measure: str
    sources: Sources
    note: str | None = None


class AgeRating(Record):
    rating: str
    sources: Sources
    note: str | None = None


class EpisodeTitle(Record):
    text: str
    language: str
    sources: Sources
    note: str | None = None


class Episode(Record):
    number: int
    air_date: dt.date
    sources: Sources
    rating: Rating | None = None
    age_rating: AgeRating | None = None
    titles: tuple[EpisodeTitle, ...] = ()
    note: str | None = None


class WeeklyRecurrence(Record):
    weekday: Weekday
    time: WallTime
    zone: ZoneInfo
    first_date: dt.date
    disambiguate: Disambiguate = Disambiguate.COMPATIBLE


class SlotOffset(Record):
    base: str
    minutes: int


class BroadcastSlot(Record):
    id: str
    platform: str
    region: str
    sources: Sources
    recurrence: WeeklyRecurrence | None = None
    follows: SlotOffset | None = None
    first_episode: int | None = None
    last_episode: int | None = None
    alignment: SlotAlignment = SlotAlignment.INSTANT
    preceded_by: str | None = None
    note: str | None = None


class Reading(Record):
    id: str
    claim: str
    sources: Sources
    slot: str | None = None
    note: str | None = None


class Dispute(Record):
    id: str
    topic: str
    readings: tuple[Reading, ...]
    subjects: tuple[str, ...]
    preferred: str | None = None
    reason: str | None = None


class Fact(Record):
    id: str
    subjects: tuple[str, ...]
    text: str
    sources: Sources
    occasion: str | None = None
    note: str | None = None


class Dataset(Record):
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
    parts: dict[str, object] = {}
    for name, kind in FILES.items():
        value = msgspec.json.decode(texts[name], type=kind, dec_hook=_dec_hook)
        key = _KEYS.get(name)
        parts[name] = value if key is None else {getattr(r, key): r for r in value}
    return Dataset(**parts)  # type: ignore[arg-type]


def load(directory: str) -> Dataset:
    """The dataset in ``directory`` (a dataset directory in the library's format)."""
    texts = {}
    for name in FILES:
        with open(os.path.join(directory, f"{name}.json"), "rb") as file:
            texts[name] = file.read()
    return decode(texts)
