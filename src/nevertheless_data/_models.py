"""The typed records of the dataset: data only, no I/O.

Every class is an attrs ``frozen`` + ``slots`` class with keyword-only fields, holding only
immutable values (tuples, strings, numbers, dates, ``ZoneInfo``). Field names are the keys of
the data files, so the files, the models and the JSON Schema share one vocabulary.

Cross-record references (a quote's speaker, a credit's character, a slot's base) are ids, not
objects: records stay plain values that compare, hash and serialise without cycles, and the
:class:`~nevertheless_data.Dataset` resolves them.
"""

from __future__ import annotations

import collections
import datetime as dt
import enum
import inspect
from collections.abc import Callable, Iterable
from itertools import repeat
from typing import TYPE_CHECKING, Any, Final
from zoneinfo import ZoneInfo

from attrs import Converter, field, frozen

from ._format import (
    AT_LEAST_ONE,
    EPISODE,
    ID,
    LANGUAGE,
    MINUTES,
    REGION,
    SOURCES,
    URL,
    as_tuple,
    items,
    refers_to,
)

__all__ = [
    "AgeRating",
    "Alias",
    "AliasKind",
    "BroadcastSlot",
    "CastCredit",
    "Character",
    "Company",
    "CrewCredit",
    "CrewRole",
    "Disambiguate",
    "Dispute",
    "Episode",
    "EpisodeTitle",
    "Event",
    "EventKind",
    "Fact",
    "Identifier",
    "Location",
    "OriginalWork",
    "Person",
    "Quote",
    "QuoteKind",
    "Rating",
    "Reading",
    "Record",
    "Runtime",
    "Show",
    "SlotAlignment",
    "SlotOffset",
    "Soundtrack",
    "Source",
    "SourceKind",
    "Stream",
    "Title",
    "TitleKind",
    "Track",
    "Weekday",
    "WeeklyRecurrence",
    "Work",
    "converted_field",
]


def _zone_key(zone: ZoneInfo | None) -> str | None:
    # ZoneInfo compares by identity; two loads of "Asia/Seoul" must still be equal records.
    return None if zone is None else str(zone.key)


class Record:
    """The base of every record: what makes a frozen attrs record truly immutable, and cheap to
    unpickle.

    attrs' frozen ``__init__`` writes through ``object.__setattr__``, so calling it again on a
    built record (``ds.show.__init__(...)``) would rewrite a record that the shared dataset
    holds; it refuses instead. Build a new record, or change a copy with :func:`attrs.evolve`.
    """

    __slots__ = ()

    def __attrs_pre_init__(self) -> None:
        # A new record's slots are empty; a built one's first field is set.
        if not hasattr(self, self.__attrs_attrs__[0].name):  # type: ignore[attr-defined]
            return
        raise TypeError(
            f"this {type(self).__name__} is already built and immutable: "
            "make a new one, or a changed copy with attrs.evolve()"
        )

    # attrs inspects the hook's signature for every class it builds, to learn whether the hook
    # takes __init__'s arguments; stating it here spares every cold start those inspections.
    __attrs_pre_init__.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)]
    )

    def __reduce__(self) -> tuple[Any, ...]:
        # A record pickles as its field values and is restored without attrs' __setstate__,
        # which looks every field up in a dict and sets it in a Python loop: that was the
        # larger part of reading the bundled snapshot.
        cls = type(self)
        names = _FIELD_NAMES.get(cls)
        if names is None:
            fields = cls.__attrs_attrs__  # type: ignore[attr-defined]
            names = _FIELD_NAMES[cls] = tuple(a.name for a in fields)
        return _restore, (cls, names, tuple(map(getattr, repeat(self), names)))


# One tuple of field names per class, which the pickler writes once and refers back to.
_FIELD_NAMES: Final[dict[type, tuple[str, ...]]] = {}


_set_attribute: Final = object.__setattr__
_drain: Final[Callable[[Iterable[object]], None]] = collections.deque[object](maxlen=0).extend


def _restore(cls: type[Record], names: tuple[str, ...], values: tuple[Any, ...]) -> Record:
    """A record of ``cls`` with these field values: how a pickled record is read back."""
    record = object.__new__(cls)
    # map() sets the fields from C, through object.__setattr__ as attrs' own __init__ does.
    _drain(map(_set_attribute, repeat(record), names, values))
    return record


if TYPE_CHECKING:
    # The type checker sees plain attrs fields, and reads each __init__ parameter's type off
    # the converter function: a checked caller passes tuples to a collection field, while any
    # iterable still works at run time.
    from attrs import field as _many
    from attrs import field as converted_field
else:
    _SHARED_CONVERTERS: dict[Callable[[Any], Any], Converter] = {}

    def converted_field(**kwargs: Any) -> Any:
        """An attrs field whose ``converter`` function is wrapped once in a Converter that
        every field it serves shares: attrs inspects the signature of each bare function it
        is given, once per field, on every cold start."""
        function = kwargs.pop("converter")
        shared = _SHARED_CONVERTERS.get(function)
        if shared is None:
            shared = _SHARED_CONVERTERS[function] = Converter(function)
        return field(converter=shared, **kwargs)

    def _many(**kwargs: Any) -> Any:
        """A collection field: stored as a tuple, whatever iterable the caller passes."""
        return converted_field(converter=as_tuple, **kwargs)


class SourceKind(enum.StrEnum):
    """What kind of document a :class:`Source` is."""

    ARTICLE = "article"
    """A news or feature article: the five seed articles."""
    WEB_PAGE = "web-page"
    """Any other public page a fact was read on (listings, wikis, blogs, ratings tables)."""


class TitleKind(enum.StrEnum):
    """The role a :class:`Title` plays for the show."""

    OFFICIAL = "official"
    ALTERNATIVE = "alternative"
    ROMANIZED = "romanized"
    LITERAL = "literal"


class QuoteKind(enum.StrEnum):
    """How the quoted words reached the article."""

    SPOKEN = "spoken"
    WRITTEN = "written"
    CAPTION = "caption"


class EventKind(enum.StrEnum):
    """What kind of occasion an :class:`Event` is."""

    PRESS_CONFERENCE = "press-conference"
    BEHIND_THE_SCENES = "behind-the-scenes"
    STATEMENT = "statement"
    """A statement the network or an agency gave the press."""


class CrewRole(enum.StrEnum):
    """A crew member's job on the show."""

    DIRECTOR = "director"
    SCREENWRITER = "screenwriter"
    ORIGINAL_AUTHOR = "original-author"


class SlotAlignment(enum.StrEnum):
    """How one slot reaches viewers in different places.

    ``INSTANT``: everyone gets the episode at the same moment (a global release);
    ``LOCAL_TIME``: every region gets it at the same wall-clock time of its own zone.
    """

    INSTANT = "instant"
    LOCAL_TIME = "local-time"


class Disambiguate(enum.StrEnum):
    """What a weekly slot does on a day its wall time is skipped or repeated.

    A clock change makes some wall times *skipped* (in America/New_York on 2021-03-14 the
    clocks jump from 02:00 to 03:00, so 02:30 never happens) and others *repeated* (on
    2021-11-07 they fall back from 02:00 to 01:00, so 01:30 happens twice). As in RFC 5545,
    JavaScript's Temporal and the ``whenever`` library:

    ``COMPATIBLE`` (the default): a skipped time moves forward by the length of the gap
    (02:30 becomes 03:30), a repeated time means its first occurrence.
    ``EARLIER``: the earlier of the two readings (a skipped 02:30 becomes 01:30).
    ``LATER``: the later of the two readings (a repeated 01:30 means its second occurrence).
    ``RAISE``: :class:`~nevertheless_data.SkippedTime` or
    :class:`~nevertheless_data.RepeatedTime`, naming the zone and the local time.
    """

    COMPATIBLE = "compatible"
    EARLIER = "earlier"
    LATER = "later"
    RAISE = "raise"


class Weekday(enum.StrEnum):
    """A day of the week, written as its lowercase English name: ``"saturday"``.

    :attr:`number` numbers it like :meth:`datetime.date.weekday` (Monday is 0).
    """

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """The day's number as :meth:`datetime.date.weekday` gives it: Monday is 0."""
        return _WEEKDAY_NUMBERS[self]

    @classmethod
    def of(cls, day: dt.date) -> Weekday:
        """The weekday of a date."""
        return _WEEKDAYS[day.weekday()]


_WEEKDAYS = tuple(Weekday)
_WEEKDAY_NUMBERS = {day: number for number, day in enumerate(_WEEKDAYS)}


class AliasKind(enum.StrEnum):
    """What an :class:`Alias` is."""

    SPELLING = "spelling"
    """Another way the name is written: a romanization, a word order, a short form."""
    GARBLED = "garbled"
    """A machine translation's garbling ("Kang song"): kept so that text written that way can
    be looked up, never shown as a way to write the name."""


@frozen(kw_only=True)
class Source(Record):
    """A document the dataset cites: a page anyone can open at ``url``.

    Fields a source does not state (an unnamed outlet, an unknown date) stay ``None``.
    """

    id: str = field(metadata=ID)
    kind: SourceKind
    language: str = field(metadata=LANGUAGE)
    """BCP 47 tag of the document's language: ``"en"``, ``"ko"``, ``"ja"``."""
    url: str = field(metadata=URL)
    """The page as published, an absolute ``https://`` URL."""
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    machine_translated: bool = False
    credits: str | None = None
    """The outlet the source itself credits as its origin (``"WikiTree"``), if any."""
    note: str | None = None


@frozen(kw_only=True)
class Alias(Record):
    """Another spelling of a name, with the sources it was seen in."""

    text: str
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    kind: AliasKind = AliasKind.SPELLING
    note: str | None = None


@frozen(kw_only=True)
class Work(Record):
    """Another production a person is known for, as the sources mention it."""

    title: str
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    year: int | None = None
    network: str | None = None
    note: str | None = None


@frozen(kw_only=True)
class Person(Record):
    """A real person: cast, crew or the original author.

    ``name`` is the canonical display spelling (``"Han So-hee"``); every other spelling seen
    in the sources is an :class:`Alias`.
    """

    id: str = field(metadata=ID)
    name: str
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    hangul: str | None = None
    aliases: tuple[Alias, ...] = _many(default=())
    works: tuple[Work, ...] = _many(default=())
    note: str | None = None


@frozen(kw_only=True)
class Character(Record):
    """A fictional character of the drama."""

    id: str = field(metadata=ID)
    name: str
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    hangul: str | None = None
    aliases: tuple[Alias, ...] = _many(default=())
    description: str | None = None
    note: str | None = None


@frozen(kw_only=True)
class CastCredit(Record):
    """An actor playing a character; ``character`` is ``None`` where no source names the role.

    The dataset keeps the cast in the order of its data, leads first; no source gives a
    complete credit order, so no credit has a billing position.
    """

    person: str = field(metadata=refers_to("people"))
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    character: str | None = field(default=None, metadata=refers_to("characters"))
    lead: bool = False
    note: str | None = None


@frozen(kw_only=True)
class CrewCredit(Record):
    """A person's job behind the camera (or behind the original work)."""

    person: str = field(metadata=refers_to("people"))
    role: CrewRole
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    note: str | None = None


@frozen(kw_only=True)
class Title(Record):
    """One name of the show in one language, with its role and sources."""

    text: str
    language: str = field(metadata=LANGUAGE)
    """BCP 47 tag; romanized Korean is ``"ko-Latn"``."""
    kind: TitleKind
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    note: str | None = None


@frozen(kw_only=True)
class Company(Record):
    """A production company."""

    name: str
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    hangul: str | None = None


@frozen(kw_only=True)
class OriginalWork(Record):
    """The work the drama adapts: the Naver webtoon by Jung Seo."""

    title: str
    medium: str
    publisher: str
    author: str = field(metadata=refers_to("people"))
    """Id of the author's :class:`Person` record."""
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    serialized_from: dt.date | None = None
    serialized_until: dt.date | None = None
    chapters: int | None = field(default=None, metadata=AT_LEAST_ONE)
    """How many chapters (episodes) the work has, as the sources count them."""
    note: str | None = None


@frozen(kw_only=True)
class Runtime(Record):
    """How long an episode runs, as one reading of the sources gives it."""

    minutes: int = field(metadata=MINUTES)
    """At least one, at most a week."""
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    note: str | None = None

    @property
    def length(self) -> dt.timedelta:
        """The running time as a :class:`~datetime.timedelta`."""
        return dt.timedelta(minutes=self.minutes)


@frozen(kw_only=True)
class Track(Record):
    """A song of a soundtrack, as the sources list it."""

    title: str
    artist: str
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    hangul: str | None = None
    """The title as Korean sources write it, where it differs."""
    note: str | None = None


@frozen(kw_only=True)
class Soundtrack(Record):
    """The original soundtrack album; ``tracks`` are its songs in the order the sources list
    them (no source numbers them)."""

    sources: tuple[str, ...] = _many(metadata=SOURCES)
    title: str | None = None
    released: dt.date | None = None
    """When the album came out as a digital release."""
    physical_release: dt.date | None = None
    """When the physical album went on sale."""
    tracks: tuple[Track, ...] = _many(default=())
    instrumentals: int | None = field(default=None, metadata=AT_LEAST_ONE)
    """How many instrumental (score) tracks the album adds to its songs."""
    note: str | None = None


@frozen(kw_only=True)
class Location(Record):
    """A place the drama was filmed."""

    name: str
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    hangul: str | None = None
    note: str | None = None


@frozen(kw_only=True)
class Identifier(Record):
    """The show's id in another database (``scheme`` such as ``"wikidata"`` or ``"imdb"``),
    cited to a page that shows it."""

    scheme: str
    value: str
    sources: tuple[str, ...] = _many(metadata=SOURCES)


@frozen(kw_only=True)
class Show(Record):
    """The drama itself. Its titles are records of their own, each with its sources."""

    id: str = field(metadata=ID)
    titles: tuple[Title, ...] = _many()
    network: str
    platforms: tuple[str, ...] = _many()
    premiere: dt.date
    finale: dt.date
    episode_count: int = field(metadata=AT_LEAST_ONE)
    age_rating: str
    original_work: OriginalWork
    production_companies: tuple[Company, ...] = _many()
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    genre: str | None = None
    runtime: Runtime | None = None
    """The running time of an episode, as the reading the dataset prefers gives it (the others
    are in the disputes); airings end this long after they start."""
    soundtrack: Soundtrack | None = None
    filming_locations: tuple[Location, ...] = _many(default=())
    identifiers: tuple[Identifier, ...] = _many(default=())
    note: str | None = None

    def _title(self, language: str, kind: TitleKind) -> str:
        for title in self.titles:
            if title.language == language and title.kind is kind:
                return title.text
        raise LookupError(f"the show has no {kind.value} title in {language!r}")

    @property
    def title(self) -> str:
        """The official English title, ``"Nevertheless"``."""
        return self._title("en", TitleKind.OFFICIAL)

    @property
    def korean_title(self) -> str:
        """The official Korean title, ``"알고있지만,"`` (with the comma, as JTBC writes it)."""
        return self._title("ko", TitleKind.OFFICIAL)

    @property
    def romanized_title(self) -> str:
        """The Korean title in Latin letters, ``"Algoitjiman"``."""
        return self._title("ko-Latn", TitleKind.ROMANIZED)

    @property
    def literal_title(self) -> str:
        """The Korean title translated word for word, ``"I Know But"``."""
        return self._title("en", TitleKind.LITERAL)

    @property
    def japanese_title(self) -> str:
        """The Japanese title, ``"わかっていても"``."""
        return self._title("ja", TitleKind.OFFICIAL)

    def alternative_titles(self, language: str | None = None) -> tuple[Title, ...]:
        """The alternative titles, of one language or of all."""
        return tuple(
            t
            for t in self.titles
            if t.kind is TitleKind.ALTERNATIVE and (language is None or t.language == language)
        )


@frozen(kw_only=True)
class Stream(Record):
    """How an event was shown to its audience."""

    platform: str
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    audience: str | None = None
    start: dt.time | None = None
    zone: ZoneInfo | None = field(default=None, eq=_zone_key)
    note: str | None = None


@frozen(kw_only=True)
class Event(Record):
    """An occasion people of the show spoke at: the press conference, a behind-the-scenes clip.

    ``date`` is the date the dataset prefers where sources disagree (see the disputes);
    ``None`` where no source dates it. ``moments`` retell, in order, what the sources say happens.
    """

    id: str = field(metadata=ID)
    kind: EventKind
    title: str
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    date: dt.date | None = None
    host: str | None = None
    published_by: str | None = None
    attendees: tuple[str, ...] = _many(default=(), metadata=refers_to("people"))
    """Ids of the people who took part or appear."""
    streams: tuple[Stream, ...] = _many(default=())
    moments: tuple[str, ...] = _many(default=())
    note: str | None = None


@frozen(kw_only=True)
class Quote(Record):
    """Words a person of the show said or wrote, verbatim as one source renders them.

    ``speaker`` is ``None`` where the source does not make clear who spoke; ``note`` then says
    why. Quotes sharing an ``utterance`` id are different outlets' renderings of one utterance.
    """

    id: str = field(metadata=ID)
    text: str
    source: str = field(metadata=refers_to("sources"))
    kind: QuoteKind = QuoteKind.SPOKEN
    speaker: str | None = field(default=None, metadata=refers_to("people"))
    addressee: str | None = field(default=None, metadata=refers_to("people"))
    occasion: str | None = field(default=None, metadata=refers_to("events"))
    """Id of the :class:`Event` the words were said at."""
    date: dt.date | None = None
    character: str | None = field(default=None, metadata=refers_to("characters"))
    """Id of the character the speaker was playing, for words said in character."""
    joking: bool = False
    utterance: str | None = field(default=None, metadata=ID)
    note: str | None = None

    @property
    def in_character(self) -> bool:
        """Whether the speaker said this as their character."""
        return self.character is not None

    @property
    def sources(self) -> tuple[str, ...]:
        """The quote's one source, as every record lists its sources."""
        return (self.source,)


@frozen(kw_only=True)
class Rating(Record):
    """An audience rating of one broadcast."""

    percent: float
    measure: str
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    note: str | None = None


@frozen(kw_only=True)
class AgeRating(Record):
    """The age rating one broadcast aired with (``"19+"``)."""

    rating: str
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    note: str | None = None


@frozen(kw_only=True)
class EpisodeTitle(Record):
    """A title an episode goes by, in one language, as a source prints it."""

    text: str
    language: str = field(metadata=LANGUAGE)
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    note: str | None = None


@frozen(kw_only=True)
class Episode(Record):
    """One episode's original broadcast.

    ``rating`` is its audience rating and ``age_rating`` the age rating it aired with, where a
    source gives them; ``titles`` the titles pages give it. Each cites its own sources.
    """

    number: int = field(metadata=EPISODE)
    air_date: dt.date
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    rating: Rating | None = None
    age_rating: AgeRating | None = None
    titles: tuple[EpisodeTitle, ...] = _many(default=())
    note: str | None = None


@frozen(kw_only=True)
class WeeklyRecurrence(Record):
    """A weekly wall-clock time in an IANA zone, from a first date on.

    ``disambiguate`` settles a week whose wall time the zone skips or repeats (see
    :class:`Disambiguate`); data files leave it out for the RFC 5545 default.
    """

    weekday: Weekday
    time: dt.time
    zone: ZoneInfo = field(eq=_zone_key)
    first_date: dt.date
    disambiguate: Disambiguate = Disambiguate.COMPATIBLE


@frozen(kw_only=True)
class SlotOffset(Record):
    """A slot defined as a fixed offset from another slot: "an hour later"."""

    base: str = field(metadata=refers_to("slots"))
    """Id of the :class:`BroadcastSlot` this one follows."""
    minutes: int

    @property
    def offset(self) -> dt.timedelta:
        """The offset as a :class:`~datetime.timedelta`."""
        return dt.timedelta(minutes=self.minutes)


@frozen(kw_only=True)
class BroadcastSlot(Record):
    """When a platform airs or releases the episodes in a region.

    Exactly one of ``recurrence`` (a weekly wall-clock time) and ``follows`` (an offset from
    another slot) is set. ``region`` is an ISO 3166-1 alpha-2 code or ``"worldwide"``.
    A derived slot without its own episode range covers the same episodes as its base.
    """

    id: str = field(metadata=ID)
    platform: str
    region: str = field(metadata=REGION)
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    recurrence: WeeklyRecurrence | None = None
    follows: SlotOffset | None = None
    first_episode: int | None = field(default=None, metadata=EPISODE)
    last_episode: int | None = field(default=None, metadata=EPISODE)
    alignment: SlotAlignment = SlotAlignment.INSTANT
    preceded_by: str | None = None
    """The title of the drama that had the slot before this one, as the sources name it."""
    note: str | None = None


@frozen(kw_only=True)
class Reading(Record):
    """One side of a :class:`Dispute`: a claim and the sources that make it."""

    id: str = field(metadata=ID)
    claim: str
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    slot: str | None = field(default=None, metadata=refers_to("slots"))
    """Id of the :class:`BroadcastSlot` that encodes this reading, if any."""
    note: str | None = None


@frozen(kw_only=True)
class Dispute(Record):
    """Where sources disagree: every reading, the one the dataset prefers, and why.

    ``preferred`` is the id of a reading, or ``None`` where the dataset takes no side.
    """

    id: str = field(metadata=ID)
    topic: str
    readings: tuple[Reading, ...] = _many(metadata=items(at_least=2))
    subjects: tuple[str, ...] = _many(
        metadata=refers_to("show", "people", "characters", "events", "slots", min_items=1)
    )
    preferred: str | None = None
    reason: str | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source of every reading, each once, in order."""
        return tuple(dict.fromkeys(s for r in self.readings for s in r.sources))

    @property
    def preferred_reading(self) -> Reading | None:
        """The reading the dataset prefers, or ``None``."""
        return next((r for r in self.readings if r.id == self.preferred), None)


@frozen(kw_only=True)
class Fact(Record):
    """A fact the sources state about one or more subjects (people, characters, the show).

    ``text`` is the dataset's own sentence; the words of the source are in its quotes.
    """

    id: str = field(metadata=ID)
    subjects: tuple[str, ...] = _many(
        metadata=refers_to("show", "people", "characters", "events", "slots", min_items=1)
    )
    text: str
    sources: tuple[str, ...] = _many(metadata=SOURCES)
    occasion: str | None = field(default=None, metadata=refers_to("events"))
    note: str | None = None
