"""Every Hypothesis strategy of the test suite, one section per concern."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import re
import unicodedata
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, Literal

from attrs import frozen
from hypothesis import assume
from hypothesis import strategies as st

import nevertheless_data as nd

from .helpers import FAMILY_NAMES, ROLE_WORDS, SYLLABLE_SPELLINGS, romanize_syllable

# --- datasets (core) -------------------------------------------------------------------------


_ZONES = ("Asia/Seoul", "Asia/Kuala_Lumpur", "America/New_York", "Europe/London", "UTC")

_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"

slugs = st.lists(st.text(_ALNUM, min_size=1, max_size=8), min_size=1, max_size=3).map("-".join)
"""Record ids: lowercase hyphenated slugs (built, not drawn from a regex: it is many times
cheaper, and datasets draw dozens of them)."""

texts = (
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=30)
    # Mapped, not filtered: a blank text gets a letter, so no draw is thrown away.
    .map(lambda text: text + "x" if text.isspace() else text)
)
"""Any non-blank text, Hangul and emoji included."""

optional_texts = st.none() | texts
urls = st.builds(
    "https://{}.{}{}".format,
    st.text(_ALNUM, min_size=1, max_size=10),
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=4),
    st.lists(st.text(_ALNUM + "_%.-", max_size=12), max_size=3).map(
        lambda parts: "".join("/" + part for part in parts)
    ),
)
"""Absolute https URLs, as a source's ``url``."""
dates = st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))
times = st.times().map(lambda t: t.replace(microsecond=0))
zones = st.sampled_from(_ZONES).map(zoneinfo.ZoneInfo)


def _unique_slugs(count: int) -> st.SearchStrategy[list[str]]:
    return st.lists(slugs, min_size=count, max_size=count, unique=True)


# The datasets strategy draws from these module-level strategies only: a strategy built inside
# it would be built, and validated by Hypothesis, again for every example. References are drawn
# as positions and read off the ids drawn for the example.
_POSITION = st.integers(0, 2**16)
_ONE_OR_TWO = st.lists(_POSITION, min_size=1, max_size=2)
_KINDS = {cls: st.sampled_from(cls) for cls in (nd.SourceKind, nd.AliasKind, nd.TitleKind)}
_LANGUAGES = st.sampled_from(["en", "ko", "ja", "tr"])
_COUNT = {n: st.integers(0, n) for n in (1, 2, 3, 4)}
_YEARS = st.integers(1950, 2040)
_OFFSETS = st.integers(-24 * 60, 24 * 60)
_REGIONS = st.sampled_from(["KR", "MY", "US", "worldwide"])
_PERCENT = st.floats(0, 100, allow_nan=False)


@st.composite
def datasets(draw: st.DrawFn) -> nd.Dataset:
    """A valid dataset: every reference resolves and every record is sourced."""

    def maybe(strategy: st.SearchStrategy[Any]) -> Any:
        return draw(strategy) if draw(st.booleans()) else None

    def text() -> str:
        return draw(texts)

    def note() -> str | None:
        return draw(optional_texts)

    def some(make: Any, most: int) -> tuple[Any, ...]:
        return tuple(make() for _ in range(draw(_COUNT[most])))

    def pick(ids: list[str]) -> str:
        return ids[draw(_POSITION) % len(ids)]

    n_sources, n_people = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    n_characters, n_events, n_slots = draw(_COUNT[2]), draw(_COUNT[2]), draw(_COUNT[3])
    ids = draw(_unique_slugs(n_sources + n_people + n_characters + n_events + n_slots + 1))
    source_ids, ids = ids[:n_sources], ids[n_sources:]
    person_ids, ids = ids[:n_people], ids[n_people:]
    character_ids, ids = ids[:n_characters], ids[n_characters:]
    event_ids, ids = ids[:n_events], ids[n_events:]
    slot_ids, show_id = ids[:n_slots], ids[n_slots]

    def cited() -> tuple[str, ...]:
        return tuple(source_ids[i % n_sources] for i in draw(_ONE_OR_TWO))

    def alias() -> nd.Alias:
        kind = draw(_KINDS[nd.AliasKind])
        return nd.Alias(text=text(), sources=cited(), kind=kind, note=note())

    sources = [
        nd.Source(
            id=source_id,
            kind=draw(_KINDS[nd.SourceKind]),
            language=draw(_LANGUAGES),
            url=draw(urls),
            outlet=note(),
            title=note(),
            author=note(),
            published=maybe(dates),
            machine_translated=draw(st.booleans()),
            credits=note(),
            note=note(),
        )
        for source_id in source_ids
    ]
    people = [
        nd.Person(
            id=person_id,
            name=text(),
            sources=cited(),
            hangul=note(),
            aliases=some(alias, 2),
            works=some(
                lambda: nd.Work(
                    title=text(),
                    sources=cited(),
                    year=maybe(_YEARS),
                    network=note(),
                    note=note(),
                ),
                1,
            ),
            note=note(),
        )
        for person_id in person_ids
    ]
    characters = [
        nd.Character(
            id=character_id,
            name=text(),
            sources=cited(),
            hangul=note(),
            aliases=some(alias, 2),
            description=note(),
            note=note(),
        )
        for character_id in character_ids
    ]

    def pick_some(ids: list[str]) -> str | None:
        """One of ``ids``, or none (always none where there are none)."""
        if not ids or not draw(st.booleans()):
            return None
        return pick(ids)

    def character_ref() -> str | None:
        return pick_some(character_ids)

    def event_ref() -> str | None:
        return pick_some(event_ids)

    episode_count = draw(st.integers(1, 6))
    premiere = draw(dates)
    official = [
        nd.Title(text=text(), language=lang, kind=nd.TitleKind.OFFICIAL, sources=(source_ids[0],))
        for lang in ("en", "ko")
    ]
    titles = some(
        lambda: nd.Title(
            text=text(),
            language=draw(_LANGUAGES),
            kind=draw(_KINDS[nd.TitleKind]),
            sources=cited(),
            note=note(),
        ),
        2,
    )
    show = nd.Show(
        id=show_id,
        titles=(*official, *titles),
        network=text(),
        platforms=(text(), *some(text, 1)),
        premiere=premiere,
        finale=premiere + dt.timedelta(days=7 * (episode_count - 1)),
        episode_count=episode_count,
        age_rating=text(),
        original_work=nd.OriginalWork(
            title=text(),
            medium=text(),
            publisher=text(),
            author=pick(person_ids),
            sources=cited(),
            serialized_from=maybe(dates),
            serialized_until=maybe(dates),
            chapters=maybe(st.integers(1, 500)),
            note=note(),
        ),
        production_companies=some(
            lambda: nd.Company(name=text(), sources=cited(), hangul=note()), 2
        ),
        sources=cited(),
        genre=note(),
        runtime=(
            nd.Runtime(minutes=draw(st.integers(1, 300)), sources=cited(), note=note())
            if draw(st.booleans())
            else None
        ),
        soundtrack=(
            nd.Soundtrack(
                sources=cited(),
                title=note(),
                released=maybe(dates),
                physical_release=maybe(dates),
                tracks=some(
                    lambda: nd.Track(
                        title=text(), artist=text(), sources=cited(), hangul=note(), note=note()
                    ),
                    2,
                ),
                instrumentals=maybe(st.integers(1, 30)),
                note=note(),
            )
            if draw(st.booleans())
            else None
        ),
        filming_locations=some(
            lambda: nd.Location(name=text(), sources=cited(), hangul=note(), note=note()), 2
        ),
        identifiers=some(lambda: nd.Identifier(scheme=text(), value=text(), sources=cited()), 1),
        note=note(),
    )
    cast = some(
        lambda: nd.CastCredit(
            person=pick(person_ids),
            sources=cited(),
            character=character_ref(),
            lead=draw(st.booleans()),
            note=note(),
        ),
        3,
    )
    crew = some(
        lambda: nd.CrewCredit(
            person=pick(person_ids),
            role=draw(st.sampled_from(nd.CrewRole)),
            sources=cited(),
            note=note(),
        ),
        2,
    )
    events = [
        nd.Event(
            id=event_id,
            kind=draw(st.sampled_from(nd.EventKind)),
            title=text(),
            sources=cited(),
            date=maybe(dates),
            host=note(),
            published_by=note(),
            attendees=tuple(dict.fromkeys(some(lambda: pick(person_ids), 2))),
            streams=some(
                lambda: nd.Stream(
                    platform=text(),
                    sources=cited(),
                    audience=note(),
                    start=maybe(times),
                    zone=draw(zones),
                    note=note(),
                ),
                1,
            ),
            moments=some(text, 2),
            note=note(),
        )
        for event_id in event_ids
    ]
    n_quotes = draw(_COUNT[4])
    quote_ids = draw(_unique_slugs(n_quotes))
    utterance = maybe(slugs)
    quotes = []
    for index, quote_id in enumerate(quote_ids):
        speaker = pick(person_ids) if draw(st.booleans()) else None
        quotes.append(
            nd.Quote(
                id=quote_id,
                text=text(),
                source=pick(source_ids),
                kind=draw(st.sampled_from(nd.QuoteKind)),
                speaker=speaker,
                addressee=pick(person_ids) if draw(st.booleans()) else None,
                occasion=event_ref(),
                date=maybe(dates),
                character=character_ref(),
                joking=draw(st.booleans()),
                # The first two quotes may share an utterance; a lone one may not.
                utterance=utterance if n_quotes >= 2 and index < 2 else None,
                note=text() if speaker is None else note(),
            )
        )
    episode_numbers = sorted(
        draw(st.lists(st.integers(1, episode_count), max_size=episode_count, unique=True))
    )
    episodes = [
        nd.Episode(
            number=number,
            air_date=premiere + dt.timedelta(days=7 * (number - 1)),
            sources=cited(),
            rating=(
                nd.Rating(percent=draw(_PERCENT), measure=text(), sources=cited(), note=note())
                if draw(st.booleans())
                else None
            ),
            age_rating=(
                nd.AgeRating(rating=text(), sources=cited(), note=note())
                if draw(st.booleans())
                else None
            ),
            titles=some(
                lambda: nd.EpisodeTitle(
                    text=text(),
                    language=draw(st.sampled_from(["en", "ko"])),
                    sources=cited(),
                    note=note(),
                ),
                2,
            ),
            note=note(),
        )
        for number in episode_numbers
    ]
    slots = []
    for index, slot_id in enumerate(slot_ids):
        first_episode: int | None = draw(st.integers(1, episode_count))
        last_episode: int | None = draw(st.integers(first_episode or 1, episode_count))
        if index == 0 or draw(st.booleans()):
            first_date = draw(dates)
            recurrence = nd.WeeklyRecurrence(
                weekday=nd.Weekday.of(first_date),
                time=draw(times),
                zone=draw(zones),
                first_date=first_date,
            )
            follows = None
        else:
            recurrence = None
            follows = nd.SlotOffset(base=pick(slot_ids[:index]), minutes=draw(_OFFSETS))
            if draw(st.booleans()):
                first_episode = last_episode = None
        slots.append(
            nd.BroadcastSlot(
                id=slot_id,
                platform=text(),
                region=draw(_REGIONS),
                sources=cited(),
                recurrence=recurrence,
                follows=follows,
                first_episode=first_episode,
                last_episode=last_episode,
                alignment=draw(st.sampled_from(nd.SlotAlignment)),
                preceded_by=note(),
                note=note(),
            )
        )
    subjects = [show_id, *person_ids, *character_ids, *event_ids, *slot_ids]

    def about() -> tuple[str, ...]:
        return tuple(pick(subjects) for _ in range(1 + draw(_COUNT[2])))

    disputes = []
    for dispute_id in draw(_unique_slugs(draw(_COUNT[2]))):
        reading_ids = draw(_unique_slugs(draw(st.integers(2, 3))))
        readings = tuple(
            nd.Reading(
                id=reading_id,
                claim=text(),
                sources=cited(),
                slot=pick_some(slot_ids),
                note=note(),
            )
            for reading_id in reading_ids
        )
        preferred = pick(reading_ids) if draw(st.booleans()) else None
        disputes.append(
            nd.Dispute(
                id=dispute_id,
                topic=text(),
                readings=readings,
                subjects=about(),
                preferred=preferred,
                reason=None if preferred is None else text(),
            )
        )
    facts = [
        nd.Fact(
            id=fact_id,
            subjects=about(),
            text=text(),
            sources=cited(),
            occasion=event_ref(),
            note=note(),
        )
        for fact_id in draw(_unique_slugs(draw(_COUNT[2])))
    ]
    return nd.Dataset(
        show=show,
        sources=sources,
        people=people,
        characters=characters,
        cast=cast,
        crew=crew,
        events=events,
        quotes=quotes,
        episodes=episodes,
        slots=slots,
        disputes=disputes,
        facts=facts,
    )


def raw_files(dataset: nd.Dataset) -> dict[str, Any]:
    """The parsed JSON of each file of ``dataset``, keyed by collection name."""
    import json

    texts = nd.file_texts(dataset)
    return {name[: -len(".json")]: json.loads(text) for name, text in texts.items()}


# --- hardening: mutated files and junk bytes --------------------------------------------------

Steps = tuple[str | int, ...]
"""Where a value sits inside one file's JSON: keys and list indexes from its top."""

_AWKWARD_TEXTS = (
    *("", " ", "\t", "\x00", "\ud800", "\udfff", "\ufeff", "é", "한소희"),
    *("2021-02-30", "2021-13-01", "2021-6-19", "20210619", "2021-W24-6", "0000-01-01"),
    *("24:00", "23:60", "23:00:00.5", "2300", "T23:00", "23:00+09:00", "11 pm"),
    *("Asia/Seol", "Asia", "asia/seoul", "../etc/passwd", "/etc/localtime", "Asia/Seoul/"),
    *("Saturday", "SATURDAY", "funday", "Not A Slug", "worldwide", "Korea", "ko-Latn"),
)
_AWKWARD_NUMBERS = (0, -1, 1.5, 1e308, float("inf"), float("-inf"), 2**63, 10**400, -(10**400))

junk_texts = st.text(max_size=12) | st.sampled_from(_AWKWARD_TEXTS)
"""Short text, and strings that look almost like dates, times, zones, weekdays or ids."""

json_values: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.sampled_from(_AWKWARD_NUMBERS)
    | junk_texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(junk_texts, inner, max_size=3),
    max_leaves=6,
)
"""Any value ``json.loads`` can return, NaN aside (infinity is ``1e999``, lone surrogates are
``"\\ud800"``), however deep or odd."""


@functools.cache
def bundled_files() -> Mapping[str, Any]:
    """The parsed JSON of every bundled file, keyed by collection: where mutations start.

    Read once and shared by every example: never change it; :func:`apply_edits` copies the
    files it changes.
    """
    return MappingProxyType(raw_files(nd.load()))


def _places(value: Any, steps: Steps = ()) -> Iterator[tuple[Steps, Any]]:
    yield steps, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, (*steps, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _places(item, (*steps, index))


def _field_of(file: str, steps: Steps) -> str:
    # Every quote's speaker is one field: "quotes[].speaker".
    return file + "".join("[]" if isinstance(step, int) else f".{step}" for step in steps)


_SHAPES = (
    ("date", re.compile(r"\d{4}-\d\d-\d\d")),
    ("time", re.compile(r"\d\d:\d\d")),
    ("zone", re.compile(r"[A-Z][a-z]+/[A-Za-z_]+")),
    ("id", re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")),
)


def _shape(value: object) -> str:
    if isinstance(value, str):
        return next((name for name, pattern in _SHAPES if pattern.fullmatch(value)), "text")
    return "number" if type(value) in (int, float) else type(value).__name__


@functools.cache
def _places_to_edit() -> Mapping[str, st.SearchStrategy[tuple[str, Steps]]]:
    """For each kind of place (any, object, string, list item), a strategy drawing one.

    It draws the shape of value first (a number, a date, a zone name, free text...), then a
    field, then one of its places: a field found in one record (a slot's recurrence time) is
    edited as often as one found in every record.
    """
    by_kind: dict[str, dict[str, dict[str, list[tuple[str, Steps]]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for name, content in bundled_files().items():
        for steps, value in _places(content):
            field, shape = _field_of(name, steps), _shape(value)
            kinds = ["any"]
            kinds += ["object"] if isinstance(value, dict) else []
            kinds += ["string"] if isinstance(value, str) else []
            kinds += ["item"] if steps and isinstance(steps[-1], int) else []
            for kind in kinds:
                by_kind[kind][shape][field].append((name, steps))

    def one_of_each(groups: list[st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
        return st.sampled_from(groups).flatmap(lambda group: group)

    return {
        kind: one_of_each(
            [
                one_of_each([st.sampled_from(places) for places in fields.values()])
                for fields in shapes.values()
            ]
        )
        for kind, shapes in by_kind.items()
    }


_SNIPPETS = (":00", ":00.5", ",5", ".5", "Z", "+09:00", "T", "-", "/", " ", "0", "9", "W", "\ud800")


@st.composite
def _tweaks(draw: st.DrawFn, value: Any) -> Any:
    """A value near ``value``: a few characters added or cut, a number nudged or blown up."""
    if isinstance(value, str):
        start = draw(st.integers(0, len(value)))
        end = draw(st.integers(start, len(value)))
        snippet = draw(st.sampled_from(_SNIPPETS) | st.text(max_size=2))
        how = draw(st.sampled_from(["append", "insert", "replace", "cut"]))
        if how == "append":
            return value + snippet
        if how == "insert":
            return value[:start] + snippet + value[start:]
        return value[:start] + (snippet if how == "replace" else "") + value[end:]
    if type(value) in (int, float):
        return draw(
            st.sampled_from(
                [
                    value + 1,
                    value - 1,
                    -value,
                    value + 0.5,
                    float(value),
                    value * (10**400 if type(value) is int else 1e308),
                ]
            )
            | st.sampled_from(_AWKWARD_NUMBERS)
        )
    return draw(json_values)


@functools.cache
def _bundled_strings() -> tuple[str, ...]:
    """Every key and string of the bundled files: ids, zone names, dates, enum values."""
    strings: set[str] = set()
    for content in bundled_files().values():
        for _, value in _places(content):
            if isinstance(value, dict):
                strings.update(value)
            elif isinstance(value, str):
                strings.add(value)
    return tuple(sorted(strings))


def _value_at(content: Any, steps: Steps) -> Any:
    for step in steps:
        content = content[step]
    return content


def _show(file: str, steps: Steps) -> str:
    return file + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in steps)


@frozen
class Edit:
    """One change to a dataset's parsed files; its repr reads ``set quotes[3].speaker = 5``.

    ``action`` is ``set`` (``value`` replaces the value at the place, or is added under a new
    key; an empty ``steps`` replaces the whole file), ``drop`` (the key or list item goes),
    ``swap`` (with the value at ``other``) or ``copy`` (the list item is repeated right after
    itself).
    """

    action: str
    file: str
    steps: Steps
    value: Any = None
    other: tuple[str, Steps] | None = None

    def __repr__(self) -> str:
        where = _show(self.file, self.steps)
        if self.action == "set":
            return f"set {where} = {self.value!r}"
        if self.action == "swap" and self.other is not None:
            return f"swap {where} <-> {_show(*self.other)}"
        return f"{self.action} {where}"


def _container(
    files: dict[str, Any], file: str, steps: Steps, *, new_key: bool = False
) -> tuple[Any, str | int] | None:
    """The object or list holding the value at ``steps``, and its key there; ``None`` if an
    earlier edit moved things so that the place no longer exists (``new_key``: a key an object
    does not have yet is a place too)."""
    node = files[file]
    for step in steps[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    last = steps[-1]
    holds = (isinstance(node, dict) and (new_key or last in node)) or (
        isinstance(node, list) and isinstance(last, int) and last < len(node)
    )
    return (node, last) if holds else None


def apply_edits(edits: Iterable[Edit]) -> dict[str, Any]:
    """The bundled files' parsed JSON with ``edits`` applied in order (each file copied first).

    An edit whose place an earlier edit removed changes nothing.
    """
    files = dict(bundled_files())
    copied: set[str] = set()
    for edit in edits:
        touched = {edit.file} | ({edit.other[0]} if edit.other else set())
        for name in touched - copied:
            files[name] = copy.deepcopy(files[name])
        copied |= touched
        if not edit.steps:
            if edit.action == "set":
                files[edit.file] = copy.deepcopy(edit.value)
            continue
        place = _container(files, edit.file, edit.steps, new_key=edit.action == "set")
        if place is None:
            continue
        node, key = place
        if edit.action == "set":
            node[key] = copy.deepcopy(edit.value)
        elif edit.action == "drop":
            del node[key]
        elif edit.action == "copy" and isinstance(key, int):
            node.insert(key + 1, copy.deepcopy(node[key]))
        elif edit.action == "swap" and edit.other is not None:
            other = _container(files, *edit.other) if edit.other[1] else None
            if other is not None:
                node[key], other[0][other[1]] = other[0][other[1]], node[key]
    return files


_bundled_texts = st.deferred(lambda: st.sampled_from(_bundled_strings()))


@st.composite
def edits(draw: st.DrawFn) -> tuple[Edit, ...]:
    """One to three structured mutations of the bundled files: drop a key or an item, change a
    value's type, nudge a value (a character more or less, a number off by one or infinite),
    point a reference (or any string) elsewhere, add a junk key, swap two values (possibly
    across files), duplicate a record, replace a whole file."""
    places = _places_to_edit()
    result = []
    for _ in range(draw(st.integers(1, 3))):
        actions = ["set", "tweak", "drop", "repoint", "add", "swap", "copy", "file"]
        action = draw(st.sampled_from(actions))
        if action == "file":
            file = draw(st.sampled_from(tuple(nd.FILES)))
            result.append(Edit("set", file, (), draw(json_values)))
            continue
        kind = {"add": "object", "copy": "item", "repoint": "string"}.get(action, "any")
        file, steps = draw(places[kind])
        if action == "add":
            key = draw(_bundled_texts | junk_texts)
            result.append(Edit("set", file, (*steps, key), draw(json_values)))
        elif action == "repoint":
            value = draw(_bundled_texts | slugs | junk_texts)
            result.append(Edit("set", file, steps, value))
        elif action == "set":
            result.append(Edit("set", file, steps, draw(json_values)))
        elif action == "tweak":
            value = _value_at(bundled_files()[file], steps)
            result.append(Edit("set", file, steps, draw(_tweaks(value))))
        elif action == "swap":
            other_file, other_steps = draw(places["any"])
            # Swapping a value with one inside it would detach both: pick unrelated places.
            nested = other_file == file and (
                other_steps[: len(steps)] == steps or steps[: len(other_steps)] == other_steps
            )
            if not nested:
                result.append(Edit("swap", file, steps, other=(other_file, other_steps)))
        elif steps:
            result.append(Edit(action, file, steps))
    return tuple(result)


@functools.cache
def _bundled_bytes() -> Mapping[str, bytes]:
    return MappingProxyType(
        {name[: -len(".json")]: text.encode() for name, text in nd.file_texts(nd.load()).items()}
    )


@st.composite
def _splices(draw: st.DrawFn, valid: bytes) -> bytes:
    start = draw(st.integers(0, len(valid)))
    end = start + draw(st.integers(0, 4))
    pieces = (b'"', b",", b":", b"{", b"}", b"[", b"]", b"null", b"\\u", b"\xff", b"1e999")
    insert = draw(st.binary(max_size=4) | st.sampled_from(pieces))
    return valid[:start] + insert + valid[end:]


def _awkward_bytes(valid: bytes) -> tuple[bytes, ...]:
    return (
        b"",
        b"null",
        b"  \n",
        b"\xef\xbb\xbf" + valid,
        valid.decode().encode("utf-16"),
        valid[: len(valid) // 2],
        valid + b"\x00",
        b"[" * 100_000,
        b"[" * 500 + b"]" * 500,
        b'{"a": ' * 400 + b"1" + b"}" * 400,
    )


def file_bytes() -> st.SearchStrategy[tuple[str, bytes]]:
    """A collection's name and bytes for its file: noise, its valid bytes with a few spliced in
    or cut, any JSON value's text, or something awkward (a BOM, UTF-16, a half file, deep
    nesting, nothing at all)."""

    def for_file(name: str) -> st.SearchStrategy[tuple[str, bytes]]:
        valid = _bundled_bytes()[name]
        return st.tuples(
            st.just(name),
            st.binary(max_size=64)
            | _splices(valid)
            | json_values.map(lambda value: json.dumps(value).encode())
            | st.sampled_from(_awkward_bytes(valid)),
        )

    return st.sampled_from(tuple(nd.FILES)).flatmap(for_file)


# --- names ------------------------------------------------------------------------------------

_SPACES = (" ", "  ", "\t", "\n", "\u00a0", "\u3000")
_PUNCTUATION = ('"', "'", "(", ")", "[", "]", "“", "”", "‘", "’", ",", ".", "!", "?", ":", "*", "…")
_FULL_WIDTH = {c: chr(c + 0xFEE0) for c in range(0x21, 0x7F)} | {0x20: "\u3000"}
_ROLES = tuple(" ".join(role) for role in ROLE_WORDS)
_FORMS: tuple[Literal["NFC", "NFD", "NFKD"], ...] = ("NFC", "NFD", "NFKD")
"""Unicode forms a name arrives in; or full-width letters."""


def syllable_spellings(syllable: str) -> tuple[str, ...]:
    """``syllable`` (lowercase) and every spelling a row of ``SYLLABLE_SPELLINGS`` pairs with it."""
    rows = [row for row in SYLLABLE_SPELLINGS if syllable in row]
    return tuple(sorted({syllable}.union(*rows)))


def family_spellings(family: str, hangul: str | None) -> tuple[str, ...]:
    """A family name's spellings: its Hangul's row of ``FAMILY_NAMES``, else its usual one's."""
    if hangul is not None and hangul in FAMILY_NAMES:
        rows = [FAMILY_NAMES[hangul]]
    else:
        rows = [r for r in FAMILY_NAMES.values() if r[0].lower() == family] or [
            r for r in FAMILY_NAMES.values() if family in (s.lower() for s in r)
        ]
    spellings = {s.lower() for row in rows for s in row}
    return tuple(sorted(spellings.union(syllable_spellings(family))))


def _split(name: str) -> tuple[str | None, list[str]]:
    words = name.lower().split()
    if len(words) == 1:
        return None, words[0].split("-")
    return words[0], [s for w in words[1:] for s in w.split("-")]


def _aligned(name: str, hangul: str | None) -> tuple[str | None, list[str]]:
    """The Hangul family name and the Revised Romanization of each given syllable, if aligned."""
    family, given = _split(name)
    if not hangul or not all("가" <= c <= "힣" for c in hangul.replace(" ", "")):
        return None, []
    _, revised = _split(nd.romanize_name(hangul))
    compact = hangul.replace(" ", "")
    if len(revised) != len(given) or (family is None) != (len(compact) == len(given)):
        return None, []
    return compact[: len(compact) - len(given)] or None, revised


@st.composite
def romanized_spellings(
    draw: st.DrawFn, name: str, hangul: str | None = None, *, given_alone: bool = True
) -> str:
    """Another way to write the romanized ``name``: each syllable spelled as a table allows
    (or as the Revised Romanization of its Hangul), the given name's syllables joined by
    hyphens, spaces or nothing, in Korean or Western order, or (``given_alone``, for names with
    a two-syllable given name or longer) the given name alone.
    """
    family, given = _split(name)
    hangul_family, revised = _aligned(name, hangul)
    syllables = []
    for i, syllable in enumerate(given):
        choices = set(syllable_spellings(syllable))
        if revised:
            choices.update(syllable_spellings(revised[i]))
        syllables.append(draw(st.sampled_from(sorted(choices))))
    joiner = draw(st.sampled_from(["-", " ", ""]))
    given_name = joiner.join(syllables)
    if family is None:
        return given_name
    if given_alone and len(given) >= 2 and draw(st.integers(0, 3)) == 0:
        return given_name
    family_name = draw(st.sampled_from(family_spellings(family, hangul_family)))
    gap = draw(st.sampled_from([" ", " ", "", "-"]))
    if draw(st.booleans()):
        return f"{given_name}{gap}{family_name}"
    return f"{family_name}{gap}{given_name}"


@st.composite
def hangul_spellings(draw: st.DrawFn, hangul: str) -> str:
    """``hangul`` with or without spaces between any of its syllables."""
    compact = hangul.replace(" ", "")
    gaps = draw(
        st.lists(st.sampled_from(["", "", " "]), min_size=len(compact), max_size=len(compact))
    )
    return "".join(c + g for c, g in zip(compact, gaps, strict=True)).strip()


@st.composite
def disguises(draw: st.DrawFn, text: str, *, roles: bool = True) -> str:
    """``text`` as articles and fans write it: any case; spaces, punctuation and (``roles``)
    role words around it ("PD", "actress", "씨") or a possessive "'s"; in NFC, NFD, NFKD or
    full-width letters.
    """
    rng = draw(st.randoms(use_true_random=False))
    text = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)
    if roles and draw(st.booleans()):
        role = draw(st.sampled_from(_ROLES))
        text = f"{text} {role}" if draw(st.booleans()) else f"{role} {text}"
    elif roles and draw(st.integers(0, 5)) == 0:
        text += draw(st.sampled_from(["'s", "’s"]))
    around = st.lists(st.sampled_from(_SPACES + _PUNCTUATION), max_size=3).map("".join)
    text = draw(around) + text + draw(around)
    form = draw(st.sampled_from([*_FORMS, None]))
    if form is None:
        return text.translate(_FULL_WIDTH)
    return unicodedata.normalize(form, text)


def spellings_of(
    record: nd.Person | nd.Character, *, given_alone: bool = True
) -> st.SearchStrategy[str]:
    """Any way to write a person's or character's name that should find it, disguised."""
    options = [romanized_spellings(record.name, record.hangul, given_alone=given_alone)]
    if record.hangul:
        options.append(hangul_spellings(record.hangul))
    if record.aliases:
        options.append(st.sampled_from([alias.text for alias in record.aliases]))
    return st.one_of(options).flatmap(disguises)


_NAME_PIECES = (
    *sorted({s for row in SYLLABLE_SPELLINGS for s in row}),
    *sorted({s for row in FAMILY_NAMES.values() for s in row}),
    *FAMILY_NAMES,
    *_ROLES,
    "한", "소희", "송강", "나비", "s", "'s", "-", "(", ")",
)  # fmt: skip

name_like_texts = st.one_of(
    st.text(),
    st.lists(st.sampled_from(_NAME_PIECES), max_size=6).flatmap(
        lambda pieces: st.lists(
            st.sampled_from(["", " ", "-"]), min_size=len(pieces), max_size=len(pieces)
        ).map(lambda gaps: "".join(p + g for p, g in zip(pieces, gaps, strict=True)))
    ),
)
"""Arbitrary text, and text made of name syllables, family names, role words and Hangul."""

GIVEN_SYLLABLES = "민지현서준영수은정우연하진성희원윤호혜재경동유상주훈승예아인빈나태규석도채"
"""Hangul syllables common in given names: drawn from a few, generated names share many."""


@st.composite
def korean_people(
    draw: st.DrawFn,
    *,
    syllables: tuple[int, int] = (1, 3),
    given: str = GIVEN_SYLLABLES,
    pid: str = "p",
) -> nd.Person:
    """A person with a Korean name: a family name of ``FAMILY_NAMES`` spelled any way its row
    allows, given-name syllables (as many as ``syllables`` allows) from ``given`` romanized as
    the Revised Romanization or a row of ``SYLLABLE_SPELLINGS`` writes them, hyphenated; the
    Hangul known or not."""
    family_hangul = draw(st.sampled_from(sorted(FAMILY_NAMES)))
    count = draw(st.integers(*syllables))
    given_hangul = "".join(draw(st.lists(st.sampled_from(given), min_size=count, max_size=count)))
    family = draw(st.sampled_from(FAMILY_NAMES[family_hangul]))
    spelled = [
        draw(st.sampled_from(syllable_spellings(romanize_syllable(s)))) for s in given_hangul
    ]
    return nd.Person(
        id=pid,
        name=f"{family} {'-'.join(spelled).capitalize()}",
        hangul=family_hangul + given_hangul if draw(st.booleans()) else None,
        sources=("s",),
    )


def korean_registries(
    size: int = 4, given: str = "지원민서준", syllables: tuple[int, int] = (1, 3)
) -> st.SearchStrategy[list[nd.Person]]:
    """A few people whose names share family names and syllables, so their spellings collide."""
    return st.tuples(
        *(korean_people(syllables=syllables, given=given, pid=f"p{i}") for i in range(size))
    ).map(list)


# --- schedule ---------------------------------------------------------------------------------

DST_ZONES = (
    "America/New_York",
    "Europe/London",
    "Europe/Dublin",  # negative DST in the tz source: winter is Dublin's "daylight" time
    "Australia/Lord_Howe",  # a 30-minute change
    "America/Santiago",  # changes at midnight, so the skipped hour starts the day
    "Pacific/Chatham",  # +12:45 / +13:45
)
"""Zones whose clock changes are awkward, pinned by the schedule properties."""


@functools.cache
def zone_keys() -> tuple[str, ...]:
    """Every zone key of the tzdata package (the tests' only tz path), sorted, but
    ``Factory``, which names no place and which the library refuses."""
    return tuple(sorted(zoneinfo.available_timezones() - {"Factory"}))


any_zone_key = st.deferred(lambda: st.sampled_from(zone_keys()))
"""Any IANA zone key the library accepts; drawn lazily, as listing them reads every zone
file."""

slot_zone_keys = st.sampled_from(DST_ZONES) | any_zone_key
policies = st.sampled_from(
    [nd.Disambiguate.COMPATIBLE, nd.Disambiguate.EARLIER, nd.Disambiguate.LATER]
)
"""The policies that place every airing (``RAISE`` refuses some)."""


def weekly_slot(
    slot_id: str,
    zone: str,
    local: dt.datetime,
    episodes: range = range(1, 11),
    *,
    disambiguate: nd.Disambiguate = nd.Disambiguate.COMPATIBLE,
    alignment: nd.SlotAlignment = nd.SlotAlignment.INSTANT,
    platform: str = "JTBC",
) -> nd.BroadcastSlot:
    """A weekly slot whose first episode airs at the naive wall time ``local`` in ``zone``."""
    return nd.BroadcastSlot(
        id=slot_id,
        platform=platform,
        region="KR",
        sources=("source",),
        recurrence=nd.WeeklyRecurrence(
            weekday=nd.Weekday.of(local.date()),
            time=local.time(),
            zone=zoneinfo.ZoneInfo(zone),
            first_date=local.date(),
            disambiguate=disambiguate,
        ),
        first_episode=episodes.start,
        last_episode=episodes.stop - 1,
        alignment=alignment,
    )


def derived_slot(
    slot_id: str, base: str, minutes: int, episodes: range | None = None, platform: str = "Netflix"
) -> nd.BroadcastSlot:
    """A slot airing ``minutes`` after the slot ``base``, on its own episodes or the base's."""
    return nd.BroadcastSlot(
        id=slot_id,
        platform=platform,
        region="worldwide",
        sources=("source",),
        follows=nd.SlotOffset(base=base, minutes=minutes),
        first_episode=None if episodes is None else episodes.start,
        last_episode=None if episodes is None else episodes.stop - 1,
    )


@functools.cache
def clock_changes(key: str) -> tuple[tuple[dt.datetime, dt.timedelta, dt.timedelta], ...]:
    """Each UTC instant of 1970-2037 at which the zone's offset changes, with the offsets
    before and after it (to the second; changes less than a week apart may be missed)."""
    zone = zoneinfo.ZoneInfo(key)

    def offset(moment: dt.datetime) -> dt.timedelta:
        return moment.astimezone(zone).utcoffset() or dt.timedelta(0)

    changes = []
    week = dt.timedelta(weeks=1)
    moment, end = dt.datetime(1970, 1, 1, tzinfo=dt.UTC), dt.datetime(2038, 1, 1, tzinfo=dt.UTC)
    while moment < end:
        low, high = moment, moment + week
        before, after = offset(low), offset(high)
        if before != after:
            while high - low > dt.timedelta(seconds=1):
                middle = (low + (high - low) / 2).replace(microsecond=0)
                if offset(middle) == before:
                    low = middle
                else:
                    high = middle
            changes.append((high, before, offset(high)))
        moment += week
    return tuple(changes)


@st.composite
def weekly_slots(
    draw: st.DrawFn,
    zone: st.SearchStrategy[str] = slot_zone_keys,
    slot_id: str = "weekly",
) -> nd.BroadcastSlot:
    """A weekly slot at any wall time in any zone, between 1950 and 2080."""
    day = draw(st.dates(dt.date(1950, 1, 1), dt.date(2080, 12, 31)))
    first = draw(st.integers(1, 3))
    return weekly_slot(
        slot_id,
        draw(zone),
        dt.datetime.combine(day, draw(times)),
        range(first, first + draw(st.integers(1, 15))),
        disambiguate=draw(policies),
        alignment=draw(st.sampled_from(nd.SlotAlignment)),
    )


@st.composite
def slots_on_clock_changes(
    draw: st.DrawFn,
    zone: st.SearchStrategy[str] = slot_zone_keys,
    slot_id: str = "weekly",
) -> nd.BroadcastSlot:
    """A weekly slot one of whose episodes falls in a skipped or repeated wall time (or just
    at its edge), found by scanning the zone's clock changes."""
    key = draw(zone)
    changes = clock_changes(key)
    assume(changes)
    instant, before, after = draw(st.sampled_from(changes))
    # Wall times from instant+min(offsets) to instant+max(offsets) are skipped or repeated.
    start = (instant + min(before, after)).replace(tzinfo=None)
    length = int(abs(after - before).total_seconds())
    shift = draw(st.sampled_from([-60, 0, length - 1, length]) | st.integers(0, length - 1))
    local = start + dt.timedelta(seconds=shift)
    week = draw(st.integers(0, 4))
    return weekly_slot(
        slot_id,
        key,
        local - dt.timedelta(weeks=week),
        range(1, week + 2 + draw(st.integers(0, 4))),
        disambiguate=draw(policies),
        alignment=draw(st.sampled_from(nd.SlotAlignment)),
    )


any_weekly_slots = weekly_slots() | slots_on_clock_changes()
"""A weekly slot anywhere, or one that meets a clock change."""


@st.composite
def schedule_slots(draw: st.DrawFn) -> tuple[nd.BroadcastSlot, ...]:
    """One or two weekly slots and up to three slots derived from them (or from each other),
    some with their own episode ranges."""
    slots = [
        draw(
            weekly_slots(slot_id=f"weekly-{index}")
            | slots_on_clock_changes(slot_id=f"weekly-{index}")
        )
        for index in range(draw(st.integers(1, 2)))
    ]
    for index in range(draw(st.integers(0, 3))):
        first = draw(st.integers(1, 5))
        episodes = draw(st.none() | st.just(range(first, first + draw(st.integers(1, 10)))))
        slots.append(
            derived_slot(
                f"derived-{index}",
                draw(st.sampled_from([slot.id for slot in slots])),
                draw(st.integers(-3 * 24 * 60, 3 * 24 * 60)),
                episodes,
                platform=draw(st.sampled_from(["Netflix", "Viki"])),
            )
        )
    return tuple(slots)


EXTREME_ZONES = (
    "Asia/Manila",  # local mean time nearly 16 hours behind UTC before 1845
    "America/Metlakatla",  # local mean time over 15 hours ahead before 1867
    "Pacific/Kiritimati",  # +14:00 since 1995
    "Etc/GMT-14",  # +14:00
    "Etc/GMT+12",  # -12:00
)
"""Zones farthest from UTC at the ends of the dates Python can represent."""


@st.composite
def slots_near_the_limits(draw: st.DrawFn) -> tuple[nd.BroadcastSlot, ...]:
    """A weekly slot airing within three weeks of the first or last date Python can represent
    (0001-01-01, 9999-12-31), in a zone far from UTC or any other, and sometimes a slot
    derived from it by up to a week either way: some can be shown in every zone, some not."""
    count = draw(st.integers(1, 4))
    if draw(st.booleans()):
        day = draw(st.dates(dt.date(1, 1, 1), dt.date(1, 1, 21)))
    else:
        last = draw(st.dates(dt.date(9999, 12, 10), dt.date(9999, 12, 31)))
        day = last - dt.timedelta(weeks=count - 1)
    slot = weekly_slot(
        "edge",
        draw(st.sampled_from(EXTREME_ZONES) | slot_zone_keys),
        dt.datetime.combine(day, draw(times)),
        range(1, count + 1),
        disambiguate=draw(policies),
        alignment=draw(st.sampled_from(nd.SlotAlignment)),
    )
    if draw(st.booleans()):
        return (slot,)
    minutes = draw(st.integers(-7 * 24 * 60, 7 * 24 * 60))
    return (slot, derived_slot("edge-derived", "edge", minutes))


runtimes = st.none() | st.dictionaries(
    st.integers(1, 15),
    st.integers(0, 2 * 24 * 60).map(lambda minutes: dt.timedelta(minutes=minutes)),
    max_size=15,
)
"""A running time in minutes for some episodes (or none known)."""


@st.composite
def slot_disputes(draw: st.DrawFn, slots: tuple[nd.BroadcastSlot, ...]) -> tuple[nd.Dispute, ...]:
    """Disputes whose readings cite some of ``slots``, preferring one reading or none."""
    disputes = []
    for index in range(draw(st.integers(0, 2))):
        cited = draw(st.lists(st.sampled_from(slots), min_size=1, max_size=3, unique=True))
        readings = (
            *(
                nd.Reading(id=f"reading-{n}", claim="claim", sources=("source",), slot=slot.id)
                for n, slot in enumerate(cited)
            ),
            nd.Reading(id="no-slot", claim="claim", sources=("source",)),
        )
        preferred = draw(st.none() | st.sampled_from([reading.id for reading in readings]))
        disputes.append(
            nd.Dispute(
                id=f"dispute-{index}",
                topic="topic",
                readings=readings,
                subjects=tuple(slot.id for slot in cited),
                preferred=preferred,
                reason=None if preferred is None else "reason",
            )
        )
    return tuple(disputes)
