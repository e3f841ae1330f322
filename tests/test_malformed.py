"""A corpus of malformed datasets: each is rejected with one DataError naming every problem.

Each case starts from the bundled files, changes them (JSON edits written with ``json.dumps``,
or raw bytes for a file) and names the exact problems expected: file, field path and reason.
Where the files are still JSON, the case also says whether the JSON Schema rejects them: the
schema sees types, required and unknown fields and value formats, not references.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from attrs import field, frozen

import nevertheless_data as nd

from .helpers import bundled_kept, forget_bundled, no_snapshot, serve_bundled_files
from .strategies import Edit, apply_edits

P = nd.Problem


def _steps(path: str) -> tuple[str, tuple[str | int, ...]]:
    """``"quotes[12].speaker"`` as the file ``"quotes"`` and the steps ``(12, "speaker")``."""
    file, *steps = re.findall(r"[^.\[\]]+", path)
    return file, tuple(int(step) if step.isdigit() else step for step in steps)


def set_(path: str, value: Any) -> Edit:
    return Edit("set", *_steps(path), value)


def drop(path: str) -> Edit:
    return Edit("drop", *_steps(path))


def repeat(path: str) -> Edit:
    return Edit("copy", *_steps(path))


@frozen
class Case:
    """A malformed dataset: the problem it exhibits and the exact problems the loader reports.

    ``texts`` replaces files with raw bytes (``None``: the file is absent). ``schema`` says
    whether the JSON Schema rejects the edited files too; ``None`` where they are not JSON.
    """

    problem: str
    expected: tuple[nd.Problem, ...]
    edits: tuple[Edit, ...] = ()
    texts: Mapping[str, bytes | None] = field(factory=dict)
    schema: bool | None = None


def not_in(value: str, kind: str) -> str:
    return f"{value!r} is not the id of any record in {kind}.json"


WEEKDAYS = "'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'"
VALID_JSON = b'[{"id": "x"}]'

CASES = [
    # --- wrong types ---
    Case(
        "a number as a string",
        (P("episodes.json", "episodes[0].number", "expected a whole number, got '1'"),),
        (set_("episodes[0].number", "1"),),
        schema=True,
    ),
    Case(
        "a boolean where a number belongs",
        (P("episodes.json", "episodes[0].number", "expected a whole number, got True"),),
        (set_("episodes[0].number", True),),
        schema=True,
    ),
    Case(
        "a number where a string belongs",
        (P("quotes.json", "quotes[0].text", "expected a string, got 5"),),
        (set_("quotes[0].text", 5),),
        schema=True,
    ),
    Case(
        "a string where a list belongs",
        (P("people.json", "people[0].sources", "expected a list, got 'dramacaps'"),),
        (set_("people[0].sources", "dramacaps"),),
        schema=True,
    ),
    Case(
        "an object where a string belongs",
        (P("show.json", "show.network", "expected a string, got {'name': 'JTBC'}"),),
        (set_("show.network", {"name": "JTBC"}),),
        schema=True,
    ),
    Case(
        # JSON Schema counts 10.0 as an integer; the loader does not.
        "a fraction where a whole number belongs",
        (P("show.json", "show.episode_count", "expected a whole number, got 10.0"),),
        (set_("show.episode_count", 10.0),),
        schema=False,
    ),
    Case(
        "null for a required string",
        (P("quotes.json", "quotes[0].text", "expected a string, got None"),),
        (set_("quotes[0].text", None),),
        schema=True,
    ),
    Case(
        "a list of numbers where a list of ids belongs",
        (
            P("events.json", "events[0].attendees[0]", "expected a string, got 1"),
            P("events.json", "events[0].attendees[1]", "expected a string, got 2"),
        ),
        (set_("events[0].attendees", [1, 2]),),
        schema=True,
    ),
    Case(
        "an unknown enum value",
        (
            P(
                "crew.json",
                "crew[0].role",
                "expected one of 'director', 'screenwriter', 'original-author', got 'Director'",
            ),
        ),
        (set_("crew[0].role", "Director"),),
        schema=True,
    ),
    Case(
        "a file that is null",
        (P("crew.json", "crew", "expected a list, got None"),),
        (set_("crew", None),),
        schema=True,
    ),
    Case(
        "a top-level object where a list is expected",
        (P("quotes.json", "quotes", "expected a list, got {}"),),
        (set_("quotes", {}),),
        schema=True,
    ),
    Case(
        "a top-level list where an object is expected",
        (P("show.json", "show", "expected an object (Show), got []"),),
        (set_("show", []),),
        schema=True,
    ),
    # --- unknown keys and missing fields ---
    Case(
        "an unknown key in a nested object",
        (P("slots.json", "slots[0].recurrence", "unknown field(s): timezone"),),
        (set_("slots[0].recurrence.timezone", "KST"),),
        schema=True,
    ),
    Case(
        "an unknown key at the top of show.json",
        (P("show.json", "show", "unknown field(s): rating"),),
        (set_("show.rating", "15"),),
        schema=True,
    ),
    Case(
        "a missing required field",
        (P("quotes.json", "quotes[0].text", "required field missing"),),
        (drop("quotes[0].text"),),
        schema=True,
    ),
    Case(
        "a missing required list",
        (P("show.json", "show.titles", "required field missing"),),
        (drop("show.titles"),),
        schema=True,
    ),
    Case(
        "a missing required field deep inside",
        (P("slots.json", "slots[0].recurrence.zone", "required field missing"),),
        (drop("slots[0].recurrence.zone"),),
        schema=True,
    ),
    # --- dangling references ---
    Case(
        "a quote's speaker is a character, not a person",
        (P("quotes.json", "quotes[0].speaker", not_in("yoo-na-bi", "people")),),
        (set_("quotes[0].speaker", "yoo-na-bi"),),
        schema=False,
    ),
    Case(
        "a cast credit's character does not exist",
        (P("cast.json", "cast[0].character", not_in("yoo-nabi", "characters")),),
        (set_("cast[0].character", "yoo-nabi"),),
        schema=False,
    ),
    Case(
        "a derived slot's base does not exist",
        (P("slots.json", "slots[1].follows.base", not_in("jtbc", "slots")),),
        (set_("slots[1].follows.base", "jtbc"),),
        schema=False,
    ),
    Case(
        "a quote's source does not exist",
        (P("quotes.json", "quotes[0].source", not_in("kdramapal-com", "sources")),),
        (set_("quotes[0].source", "kdramapal-com"),),
        schema=False,
    ),
    Case(
        "a fact's subject does not exist",
        (
            P(
                "facts.json",
                "facts[0].subjects[0]",
                "'han-sohee' is not the id of the show, a person, a character, an event or a "
                "broadcast slot",
            ),
        ),
        (set_("facts[0].subjects[0]", "han-sohee"),),
        schema=False,
    ),
    Case(
        "a dispute reading's slot does not exist",
        (P("disputes.json", "disputes[0].readings[0].slot", not_in("netflix-my", "slots")),),
        (set_("disputes[0].readings[0].slot", "netflix-my"),),
        schema=False,
    ),
    Case(
        "the original work's author does not exist",
        (P("show.json", "show.original_work.author", not_in("jung-seo-author", "people")),),
        (set_("show.original_work.author", "jung-seo-author"),),
        schema=False,
    ),
    Case(
        "a slot follows itself",
        (
            P(
                "slots.json",
                "slots[1].follows.base",
                "slot 'netflix-worldwide' follows itself through 'netflix-worldwide'",
            ),
        ),
        (set_("slots[1].follows.base", "netflix-worldwide"),),
        schema=False,
    ),
    # --- duplicate ids ---
    Case(
        "two people with one id",
        (
            P("people.json", "people[0].id", "duplicate id 'han-so-hee'"),
            P("people.json", "people[1].id", "duplicate id 'han-so-hee'"),
        ),
        (repeat("people[0]"),),
        schema=False,
    ),
    Case(
        "a character with a person's id",
        (P("characters.json", "characters[1].id", "id 'han-so-hee' is also used in people.json"),),
        (repeat("characters[0]"), set_("characters[1].id", "han-so-hee")),
        schema=False,
    ),
    Case(
        # People and characters share no id: the event is the first record to repeat one.
        "an event with a character's id",
        (P("events.json", "events[1].id", "id 'yoo-na-bi' is also used in characters.json"),),
        (repeat("events[0]"), set_("events[1].id", "yoo-na-bi")),
        schema=False,
    ),
    Case(
        "two episodes with one number",
        (
            P("episodes.json", "episodes[0].number", "duplicate episode number 1"),
            P("episodes.json", "episodes[1].number", "duplicate episode number 1"),
        ),
        (set_("episodes[1].number", 1),),
        schema=False,
    ),
    # --- zones ---
    Case(
        "a zone key that climbs out of the zone database",
        (
            P(
                "slots.json",
                "slots[0].recurrence.zone",
                "unknown time zone '../../etc/passwd' (use an IANA name such as 'Asia/Seoul')",
            ),
        ),
        (set_("slots[0].recurrence.zone", "../../etc/passwd"),),
        schema=False,
    ),
    Case(
        "a zone key that names a directory of zones",
        (
            P(
                "slots.json",
                "slots[0].recurrence.zone",
                "unknown time zone 'Asia' (use an IANA name such as 'Asia/Seoul')",
            ),
        ),
        (set_("slots[0].recurrence.zone", "Asia"),),
        schema=False,
    ),
    Case(
        "an empty zone key",
        (
            P(
                "events.json",
                "events[0].streams[1].zone",
                "unknown time zone '' (use an IANA name such as 'Asia/Seoul')",
            ),
        ),
        (set_("events[0].streams[1].zone", ""),),
        schema=False,
    ),
    # --- dates, times, weekdays ---
    Case(
        "the 30th of February",
        (P("quotes.json", "quotes[0].date", "expected a date as YYYY-MM-DD, got '2021-02-30'"),),
        (set_("quotes[0].date", "2021-02-30"),),
        schema=True,
    ),
    Case(
        "a thirteenth month",
        (P("show.json", "show.premiere", "expected a date as YYYY-MM-DD, got '2021-13-01'"),),
        (set_("show.premiere", "2021-13-01"),),
        schema=True,
    ),
    Case(
        "a date without hyphens",
        (
            P(
                "episodes.json",
                "episodes[0].air_date",
                "expected a date as YYYY-MM-DD, got '20210619'",
            ),
        ),
        (set_("episodes[0].air_date", "20210619"),),
        schema=True,
    ),
    Case(
        "a time with a fraction of a second",
        (
            P(
                "slots.json",
                "slots[0].recurrence.time",
                "expected a wall-clock time as HH:MM or HH:MM:SS, got '23:00:00.5'",
            ),
        ),
        (set_("slots[0].recurrence.time", "23:00:00.5"),),
        schema=True,
    ),
    Case(
        "a time in words",
        (
            P(
                "events.json",
                "events[0].streams[1].start",
                "expected a wall-clock time as HH:MM or HH:MM:SS, got '2 pm'",
            ),
        ),
        (set_("events[0].streams[1].start", "2 pm"),),
        schema=True,
    ),
    Case(
        "a time with a UTC offset",
        (
            P(
                "slots.json",
                "slots[0].recurrence.time",
                "expected a wall-clock time as HH:MM or HH:MM:SS, got '23:00+09:00'",
            ),
        ),
        (set_("slots[0].recurrence.time", "23:00+09:00"),),
        schema=True,
    ),
    Case(
        "a weekday out of range",
        (
            P(
                "slots.json",
                "slots[0].recurrence.weekday",
                f"expected one of {WEEKDAYS}, got 'funday'",
            ),
        ),
        (set_("slots[0].recurrence.weekday", "funday"),),
        schema=True,
    ),
    Case(
        "a weekday as a number",
        (
            P(
                "slots.json",
                "slots[0].recurrence.weekday",
                f"expected one of {WEEKDAYS}, got 7",
            ),
        ),
        (set_("slots[0].recurrence.weekday", 7),),
        schema=True,
    ),
    Case(
        "a capitalized weekday",
        (
            P(
                "slots.json",
                "slots[0].recurrence.weekday",
                f"expected one of {WEEKDAYS}, got 'Saturday'",
            ),
        ),
        (set_("slots[0].recurrence.weekday", "Saturday"),),
        schema=True,
    ),
    Case(
        "a weekly slot whose first date is not on its weekday",
        (
            P(
                "slots.json",
                "slots[0].recurrence.first_date",
                "2021-06-19 is a Saturday, not a Sunday",
            ),
        ),
        (set_("slots[0].recurrence.weekday", "sunday"),),
        schema=False,
    ),
    Case(
        # A few bytes would ask for hours of work placing every airing in its zone.
        "episode ranges asking for a million airings",
        (
            P(
                "slots.json",
                "",
                "the slots have 3000010 airings in all, more than the 10000 a dataset may have",
            ),
        ),
        (set_("show.episode_count", 1_000_000), set_("slots[0].last_episode", 1_000_000)),
        schema=False,
    ),
    Case(
        "the finale before the premiere",
        (P("show.json", "show.finale", "comes before the premiere"),),
        (set_("show.finale", "2021-06-01"),),
        schema=False,
    ),
    # --- empty and ill-formed values ---
    Case(
        "an empty name",
        (P("people.json", "people[0].name", "must not be empty"),),
        (set_("people[0].name", ""),),
        schema=True,
    ),
    Case(
        "a name of spaces",
        (P("characters.json", "characters[0].name", "must not be empty"),),
        (set_("characters[0].name", "   "),),
        schema=True,
    ),
    Case(
        "an id that is not a slug",
        (
            P(
                "facts.json",
                "facts[0].id",
                "'Leads Rising Stars' is not a lowercase-hyphenated slug",
            ),
        ),
        (set_("facts[0].id", "Leads Rising Stars"),),
        schema=True,
    ),
    Case(
        "a region that is not a country code",
        (
            P(
                "slots.json",
                "slots[0].region",
                "'Korea' is not an ISO 3166-1 alpha-2 code (such as 'KR') or 'worldwide'",
            ),
        ),
        (set_("slots[0].region", "Korea"),),
        schema=True,
    ),
    Case(
        "a record without sources",
        (P("crew.json", "crew[0].sources", "needs at least one source"),),
        (set_("crew[0].sources", []),),
        schema=True,
    ),
    Case(
        "an episode count of zero",
        (P("show.json", "show.episode_count", "must be at least 1, not 0"),),
        (set_("show.episode_count", 0),),
        schema=True,
    ),
    Case(
        "a dispute preferring a reading it does not have",
        (P("disputes.json", "disputes[0].preferred", "'tuesday' is not one of its readings"),),
        (set_("disputes[0].preferred", "tuesday"),),
        schema=False,
    ),
    Case(
        "deeply nested junk in a field",
        (
            P(
                "quotes.json",
                "quotes[0].note",
                "expected a string, got " + "[" * 57 + "...",
            ),
        ),
        (set_("quotes[0].note", json.loads("[" * 200 + "]" * 200)),),
        schema=True,
    ),
    Case(
        "a lone surrogate escape in a string",
        (
            P(
                "people.json",
                "people[0].note",
                "holds half of a UTF-16 surrogate pair (a lone \\udXXX escape): not text",
            ),
        ),
        (set_("people[0].note", "Han \ud800"),),
        schema=False,
    ),
    # --- files that are not valid JSON ---
    Case(
        "a file that is not UTF-8",
        (P("quotes.json", "", "not valid UTF-8 at byte 8"),),
        texts={"quotes": b'[{"id": \xff}]'},
    ),
    Case(
        "a file in UTF-16",
        (P("crew.json", "", "not valid UTF-8 at byte 0"),),
        texts={"crew": "[]".encode("utf-16")},
    ),
    Case(
        "a file with a UTF-8 byte order mark",
        (
            P(
                "crew.json",
                "",
                "not valid JSON at line 1 column 1: Unexpected UTF-8 BOM (decode using utf-8-sig)",
            ),
        ),
        texts={"crew": b"\xef\xbb\xbf[]"},
    ),
    Case(
        "a file that does not parse",
        (
            P(
                "facts.json",
                "",
                "not valid JSON at line 1 column 13: "
                "Expecting property name enclosed in double quotes",
            ),
        ),
        texts={"facts": b'[{"id": "x",}]'},
    ),
    Case(
        "an empty file",
        (P("crew.json", "", "not valid JSON at line 1 column 1: Expecting value"),),
        texts={"crew": b""},
    ),
    Case(
        "NaN for a number",
        (P("episodes.json", "", "not valid JSON: NaN is not a valid JSON number"),),
        texts={"episodes": b'[{"number": NaN}]'},
    ),
    Case(
        "a number too large for a float",
        (
            P(
                "episodes.json",
                "episodes[0].rating.percent",
                "expected a finite number, got inf",
            ),
        ),
        texts={
            "episodes": b'[{"number": 1, "air_date": "2021-06-19", "sources": ["dramacaps"], '
            b'"rating": {"percent": 1e999, "measure": "Nielsen", "sources": ["dramacaps"]}}]'
        },
    ),
    Case(
        "a key twice in one object",
        (P("crew.json", "", "not valid JSON: key 'role' appears twice in one object"),),
        texts={"crew": b'[{"person": "kim-ga-ram", "role": "director", "role": "director"}]'},
    ),
    Case(
        "nesting deeper than any parser should follow",
        (P("quotes.json", "", "not valid JSON: nested too deeply"),),
        texts={"quotes": b"[" * 100_000},
    ),
    Case(
        "a file over the size cap",
        (P("sources.json", "", f"larger than the {nd.MAX_FILE_BYTES} byte limit"),),
        # Valid JSON, padded: the size alone is the problem.
        texts={"sources": b"[]" + b" " * (nd.MAX_FILE_BYTES - 1)},
    ),
    Case(
        "a missing file",
        (P("show.json", "", "missing: every dataset has this file"),),
        texts={"show": None},
    ),
    Case(
        "an empty directory",
        tuple(P(f"{name}.json", "", "missing: every dataset has this file") for name in nd.FILES),
        texts=dict.fromkeys(nd.FILES),
    ),
    # --- problems in several files at once ---
    Case(
        "a type error in one file and a dangling reference in another",
        (
            P(
                "quotes.json",
                "quotes[0].kind",
                "expected one of 'spoken', 'written', 'caption', got 'shouted'",
            ),
            P("cast.json", "cast[0].character", not_in("yoo-nabi", "characters")),
        ),
        (set_("quotes[0].kind", "shouted"), set_("cast[0].character", "yoo-nabi")),
        schema=True,
    ),
    Case(
        # people.json does not structure, so no reference to a person can be checked: the
        # cast, crew, quotes and facts that name people are not reported as dangling.
        "a broken file that others refer to, and an unrelated problem",
        (
            P("people.json", "people[0].name", "expected a string, got 5"),
            P("episodes.json", "episodes[0].number", "duplicate episode number 1"),
            P("episodes.json", "episodes[1].number", "duplicate episode number 1"),
        ),
        (set_("people[0].name", 5), set_("episodes[1].number", 1)),
        schema=True,
    ),
    Case(
        "unreadable, unstructurable and inconsistent files together",
        (
            # Each file read and structured in turn, then the checks across files.
            P("show.json", "", "missing: every dataset has this file"),
            P("crew.json", "crew[0].role", "required field missing"),
            P("facts.json", "", "not valid JSON at line 1 column 2: Expecting value"),
            P("quotes.json", "quotes[0].source", not_in("kdramapal-com", "sources")),
        ),
        (drop("crew[0].role"), set_("quotes[0].source", "kdramapal-com")),
        texts={"show": None, "facts": b"[,]"},
    ),
]


def write_case(case: Case, directory: Path) -> dict[str, Any]:
    """Write the case's dataset into ``directory``; the edited files' JSON, by collection."""
    files = apply_edits(case.edits)
    for name in nd.FILES:
        data = case.texts.get(name, json.dumps(files[name]).encode())
        if data is not None:
            (directory / f"{name}.json").write_bytes(data)
    return files


@pytest.mark.parametrize("case", CASES, ids=[case.problem for case in CASES])
def test_a_malformed_dataset_is_one_data_error_naming_every_problem(
    case: Case, tmp_path: Path
) -> None:
    bundled = nd.load()
    write_case(case, tmp_path)
    with pytest.raises(nd.DataError) as info:
        nd.load(tmp_path)
    assert info.value.problems == case.expected
    assert nd.validate(tmp_path) == case.expected
    lines = str(info.value).splitlines()
    assert lines[-len(case.expected) :] == [
        f"{'  ' if len(case.expected) > 1 else ''}{problem}" for problem in case.expected
    ]
    # Nothing was cached or half-loaded: the bundled dataset is the one loaded before.
    assert nd.load() is bundled


def test_the_corpus_is_large_and_covers_each_file() -> None:
    assert len(CASES) >= 30
    assert len({case.problem for case in CASES}) == len(CASES)
    named = {problem.file for case in CASES for problem in case.expected}
    assert named == {f"{name}.json" for name in nd.FILES}


@pytest.fixture(scope="module")
def schema_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        nd.json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


JSON_CASES = [case for case in CASES if case.schema is not None]


@pytest.mark.parametrize("case", JSON_CASES, ids=[case.problem for case in JSON_CASES])
def test_the_schema_rejects_what_one_file_shows_and_not_broken_references(
    case: Case, schema_validator: jsonschema.Draft202012Validator
) -> None:
    files = apply_edits(case.edits)
    assert (not schema_validator.is_valid(files)) is case.schema


def test_a_failing_bundled_load_caches_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A fresh process's first load(), with the bundled files broken and no snapshot to use.
    forget_bundled(monkeypatch)
    no_snapshot(monkeypatch)
    serve_bundled_files(monkeypatch, tmp_path)
    for _ in range(2):
        with pytest.raises(nd.DataError, match="missing: every dataset has this file"):
            nd.load()
        assert not bundled_kept()


def test_a_file_where_the_directory_should_be(tmp_path: Path) -> None:
    path = tmp_path / "dataset.json"
    path.write_bytes(VALID_JSON)
    with pytest.raises(nd.DataError) as info:
        nd.load(path)
    assert info.value.problems == (P(str(path), "", "not a dataset directory"),)
