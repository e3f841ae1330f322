"""The ``nevertheless-data`` command, in-process (``main([...])``) and as a subprocess."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import sysconfig
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pytest

import nevertheless_data as nd
from nevertheless_data.cli import main

from .helpers import Run, display_width, local_zone, table


@pytest.fixture(autouse=True)
def _pinned_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # The machine's zone, width and colour settings must not leak into the expected output.
    monkeypatch.setenv("TZ", "Europe/London")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def ds() -> nd.Dataset:
    return nd.load()


def raw_files(dataset: nd.Dataset) -> dict[str, Any]:
    """The parsed JSON of each file of ``dataset``, keyed by collection name."""
    return {
        name.removesuffix(".json"): json.loads(text)
        for name, text in nd.file_texts(dataset).items()
    }


def plain(line: str | Sequence[str | tuple[str, str | None]]) -> str:
    """A table line as text, whatever its spans (text and style)."""
    if isinstance(line, str):
        return line
    return "".join(part if isinstance(part, str) else part[0] for part in line)


def assert_one_line_error(err: str, *fragments: str) -> None:
    assert err.count("\n") == 1, err
    assert err.startswith("nevertheless-data: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err


def run_module(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "TZ": "Europe/London", "PYTHONIOENCODING": "utf-8", **env}
    return subprocess.run(
        [sys.executable, "-m", "nevertheless_data", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=environment,
        check=False,
        timeout=120,
    )


# --- layout ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("Han So-hee", 10),
        ("한소희", 6),
        (unicodedata.normalize("NFD", "한소희"), 6),
        ("わかっていても", 14),
        ("ＡＢ", 4),
        ("e\u0301", 1),
        ("", 0),
        # Printed as U+FFFD, one column each: the sanitizer's replacement is what is measured.
        ("a\x1b\u202eb", 4),
    ],
)
def test_display_width_counts_terminal_columns(text: str, width: int) -> None:
    assert display_width(text) == width


def column_of(line: str, cell: str) -> int:
    """The display column ``cell`` starts at in ``line``."""
    return display_width(line[: line.index(cell)])


def test_table_aligns_hangul_by_display_width() -> None:
    lines = list(
        map(
            plain,
            table(
                ["Name", "Hangul", "Role"], [["Han So-hee", "한소희", "lead"], ["X", "송강", "-"]]
            ),
        )
    )
    assert lines == [
        "Name        Hangul  Role",
        "----------  ------  ----",
        "Han So-hee  한소희  lead",
        "X           송강    -",
    ]
    # Code point offsets differ (a syllable is one code point over two columns); columns agree.
    assert lines[3].index("-") != lines[2].index("lead")
    assert column_of(lines[3], "-") == column_of(lines[2], "lead") == column_of(lines[0], "Role")


def test_table_right_aligns_and_trims() -> None:
    assert list(map(plain, table(["#", "Name"], [["1", "a"], ["10", ""]], right=[0]))) == [
        " #  Name",
        "--  ----",
        " 1  a",
        "10",
    ]


def test_cast_table_columns_line_up_whatever_the_script(run: Run, ds: nd.Dataset) -> None:
    status, out, _ = run("cast")
    assert status == 0
    header, _, *body = out.splitlines()
    assert header.split() == ["Actor", "Hangul", "Character", "Hangul", "Lead"]
    assert len(body) == len(ds.cast)
    character_column = column_of(header, "Character")
    # In the data's order: no column or order claims a billing no source gives.
    for credit, line in zip(ds.cast, body, strict=True):
        assert column_of(line, ds.people[credit.person].name) == column_of(header, "Actor")
        if credit.character is not None:
            character = ds.characters[credit.character]
            assert column_of(line, character.name) == character_column
            if character.hangul:
                assert column_of(line, character.hangul) == header.rindex("Hangul")


# --- version, help, overview -------------------------------------------------------------------


def test_version_returns_instead_of_exiting(run: Run) -> None:
    status, out, _ = run("--version")
    assert status == 0
    assert out == f"nevertheless-data {nd.__version__}\n"


# Modules a command imports only when it needs them: the package metadata (--version), pathlib
# (a directory given), json and csv (JSON and CSV output), difflib (a typo to suggest for),
# shtab (completion). Each costs a share of a run that every other command would pay.
_COLD = ("importlib.metadata", "pathlib", "json", "csv", "difflib", "shtab")


@pytest.mark.parametrize("args", [["show"], ["cast"], ["who", "Nabi"], ["schedule"]])
def test_a_command_imports_only_what_it_needs(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from nevertheless_data.cli import main\n"
        f"assert main({args!r}) == 0\n"
        f"print(sorted(set({_COLD!r}) & set(sys.modules)), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stderr == "[]\n"


def test_help_lists_every_command(run: Run) -> None:
    status, out, _ = run("--help")
    assert status == 0
    for command in (
        "show",
        "cast",
        "who",
        "quotes",
        "schedule",
        "next",
        "export",
        "validate",
        "sources",
        "disputes",
        "completion",
    ):
        assert command in out


def test_overview_shows_show_cast_and_schedule_in_the_local_zone(run: Run, ds: nd.Dataset) -> None:
    status, out, err = run()
    assert (status, err) == (0, "")
    assert out.startswith("Nevertheless (알고있지만,): JTBC, Netflix and TVING, 10 episodes")
    for credit in ds.cast:
        assert ds.people[credit.person].name in out
    assert "한소희" in out
    assert "유나비" in out
    assert "times in Europe/London" in out
    # 23:00 KST is 15:00 in London in summer (BST); Netflix follows an hour later.
    assert "Sat 2021-06-19 15:00 BST  Sat 2021-06-19 16:00 BST" in out
    assert "Sat 2021-08-21 15:00 BST  Sat 2021-08-21 16:00 BST" in out
    # The disputed readings stay out of the overview.
    assert "(MY)" not in out


def test_overview_follows_the_tz_variable_and_the_tz_option(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Seoul")
    _, out, _ = run()
    assert "times in Asia/Seoul" in out
    assert "Sat 2021-06-19 23:00 KST  Sun 2021-06-20 00:00 KST" in out
    _, out, _ = run("--tz", "America/New_York")
    assert "Sat 2021-06-19 10:00 EDT  Sat 2021-06-19 11:00 EDT" in out


def test_an_unnamed_local_zone_uses_the_systems_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "XYZ-3")  # A POSIX rule: no IANA file, the C library applies it.
    zone = local_zone()
    assert zone.zone is None
    assert zone.name == "local time"
    monkeypatch.setenv("TZ", ":Asia/Seoul")
    assert local_zone().name == "Asia/Seoul"


# --- show, cast, sources, disputes -------------------------------------------------------------


def test_show(run: Run) -> None:
    status, out, _ = run("show")
    assert status == 0
    assert out.splitlines()[0] == "Nevertheless"
    assert '알고있지만, (Algoitjiman, literally "I Know But")' in out
    assert "わかっていても" in out
    assert "2021-06-19 to 2021-08-21, 10 episodes" in out
    assert "Directed by   Kim Ga-ram, Jang Ji-yeon" in out
    assert "by Jung Seo" in out


def test_show_prints_runtime_soundtrack_and_locations_where_known(
    run: Run, ds: nd.Dataset, tmp_path: Path
) -> None:
    files = raw_files(ds)
    cited = ["kdramapal-press-conference"]
    files["show"]["runtime"] = {"minutes": 65, "sources": cited}
    files["show"]["soundtrack"] = {
        "sources": cited,
        "title": "Nevertheless OST",
        "released": "2021-08-28",
        "tracks": [{"title": "Nevertheless", "artist": "Shin Hye-sung", "sources": cited}],
    }
    files["show"]["filming_locations"] = [
        {"name": "Hongik University", "hangul": "홍익대학교", "sources": cited}
    ]
    write_dataset(tmp_path, files)
    status, out, _ = run("--data", str(tmp_path), "show")
    assert status == 0
    assert "  Runtime       65 minutes an episode" in out
    assert "  Soundtrack    Nevertheless OST (1 song), released 2021-08-28" in out
    assert "  Filmed at     Hongik University (홍익대학교)" in out
    row = json.loads(run("--data", str(tmp_path), "show", "--json")[1])
    assert row["runtime_minutes"] == 65
    assert row["soundtrack"]["tracks"] == [
        {"title": "Nevertheless", "artist": "Shin Hye-sung", "hangul": None}
    ]
    assert row["filming_locations"] == [{"name": "Hongik University", "hangul": "홍익대학교"}]


def test_show_json(run: Run) -> None:
    status, out, _ = run("show", "--json")
    assert status == 0
    row = json.loads(out)
    assert list(row) == [
        "id",
        "title",
        "korean_title",
        "romanized_title",
        "literal_title",
        "japanese_title",
        "alternative_titles",
        "network",
        "platforms",
        "premiere",
        "finale",
        "episode_count",
        "runtime_minutes",
        "genre",
        "age_rating",
        "original_work",
        "production_companies",
        "crew",
        "soundtrack",
        "filming_locations",
        "sources",
    ]
    assert row["korean_title"] == "알고있지만,"
    assert row["platforms"] == ["JTBC", "Netflix", "TVING"]
    assert row["original_work"]["author_name"] == "Jung Seo"
    assert {"text": "알고있지만", "language": "ko"} in row["alternative_titles"]


def test_cast_json(run: Run, ds: nd.Dataset) -> None:
    status, out, _ = run("cast", "--json")
    assert status == 0
    rows = json.loads(out)
    # In the data's order, with no billing: no source orders the whole cast.
    assert [r["person"] for r in rows] == [c.person for c in ds.cast]
    assert rows[0] == {
        "person": "han-so-hee",
        "name": "Han So-hee",
        "hangul": "한소희",
        "character": "yoo-na-bi",
        "character_name": "Yoo Na-bi",
        "character_hangul": "유나비",
        "lead": True,
    }
    unnamed = next(r for r in rows if r["person"] == "lee-tae-hee")
    assert unnamed["character"] is None


def test_sources(run: Run, ds: nd.Dataset) -> None:
    status, out, _ = run("sources")
    assert status == 0
    for source in ds.sources:
        assert source in out
    rows = json.loads(run("sources", "--json")[1])
    # Not a terminal: nothing is clipped.
    assert rows[0]["title"] in out
    assert [r["id"] for r in rows] == list(ds.sources)
    assert list(rows[0]) == [
        "id",
        "kind",
        "url",
        "language",
        "outlet",
        "title",
        "author",
        "published",
        "machine_translated",
        "credits",
        "note",
    ]


def test_sources_show_the_url(run: Run, ds: nd.Dataset, tmp_path: Path) -> None:
    files = raw_files(ds)
    files["sources"][0]["url"] = "https://www.kdramapal.com/nevertheless-press-conference"
    write_dataset(tmp_path, files)
    status, out, _ = run("--data", str(tmp_path), "sources")
    assert status == 0
    assert out.splitlines()[0].split()[-1] == "URL"
    assert "https://www.kdramapal.com/nevertheless-press-conference" in out.splitlines()[2]
    rows = json.loads(run("--data", str(tmp_path), "sources", "--json")[1])
    assert rows[0]["url"] == "https://www.kdramapal.com/nevertheless-press-conference"
    quote = json.loads(run("--data", str(tmp_path), "quotes", "--json")[1])[0]
    assert quote["source_url"] == "https://www.kdramapal.com/nevertheless-press-conference"


def test_disputes(run: Run, ds: nd.Dataset) -> None:
    status, out, _ = run("disputes")
    assert status == 0
    assert "one-hour-after-broadcast (preferred)" in out
    assert "No reading preferred." in out
    rows = json.loads(run("disputes", "--json")[1])
    assert [r["id"] for r in rows] == list(ds.disputes)
    for row, dispute in zip(rows, ds.disputes.values(), strict=True):
        flagged = [r["id"] for r in row["readings"] if r["preferred"]]
        assert flagged == ([dispute.preferred] if dispute.preferred else [])


# --- who ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "record_id"),
    [
        ("Han So-hee", "person", "han-so-hee"),
        ("Sohee Han", "person", "han-so-hee"),
        ("한소희", "person", "han-so-hee"),
        ("HAN SO HEE", "person", "han-so-hee"),
        ("Kang song", "person", "song-kang"),
        ("Yan Hye Ji", "person", "yang-hye-ji"),
        ("Nabi", "character", "yoo-na-bi"),
        ("yu na-bi", "character", "yoo-na-bi"),
        ("Park Jae Uhn", "character", "park-jae-eon"),
    ],
)
def test_who_resolves_any_spelling(run: Run, name: str, kind: str, record_id: str) -> None:
    status, out, err = run("who", name, "--json")
    assert (status, err) == (0, "")
    row = json.loads(out)
    assert row["query"] == name
    assert [(m["kind"], m["id"]) for m in row["matches"]] == [(kind, record_id)]
    assert row["suggestions"] == []


def test_who_person_shows_roles_and_aliases(run: Run) -> None:
    status, out, _ = run("who", "Sohee Han")
    assert status == 0
    assert out.splitlines()[0] == "Han So-hee (한소희): person han-so-hee"
    assert "Also written  Han So Hee" in out
    assert "Plays         Yoo Na-bi (a lead)" in out
    assert "billed" not in out
    match = json.loads(run("who", "Kim Ga-ram", "--json")[1])["matches"][0]
    assert match["cast"] == []
    assert match["crew"] == [{"person": "kim-ga-ram", "name": "Kim Ga-ram", "role": "director"}]
    match = json.loads(run("who", "Han So-hee", "--json")[1])["matches"][0]
    # The same row as in `cast --json`: one shape per kind of record.
    assert match["cast"] == [json.loads(run("cast", "--json")[1])[0]]


def test_who_accepts_an_id(run: Run) -> None:
    status, out, _ = run("who", "park-jae-eon")
    assert status == 0
    assert out.splitlines()[0] == "Park Jae-eon (박재언): character park-jae-eon"


def test_who_shows_garbled_aliases_apart_from_spellings(
    run: Run, ds: nd.Dataset, tmp_path: Path
) -> None:
    files = raw_files(ds)
    person = next(p for p in files["people"] if p["id"] == "song-kang")
    garbled = next(a for a in person["aliases"] if a["text"] == "Kang song")
    garbled["kind"] = "garbled"
    write_dataset(tmp_path, files)
    status, out, _ = run("--data", str(tmp_path), "who", "Kang song")
    assert status == 0
    assert not any("Also written" in line and "Kang song" in line for line in out.splitlines())
    assert "  Garbled as  Kang song" in out.splitlines()
    match = json.loads(run("--data", str(tmp_path), "who", "Song Kang", "--json")[1])["matches"][0]
    assert "Kang song" not in match["aliases"]
    assert match["garbled"] == ["Kang song"]


def test_who_character_shows_the_actor(run: Run) -> None:
    status, out, _ = run("who", "Jae-eon")
    assert status == 0
    assert out.splitlines()[0] == "Park Jae-eon (박재언): character park-jae-eon"
    assert "Played by     Song Kang (송강)" in out
    match = json.loads(run("who", "박재언", "--json")[1])["matches"][0]
    assert match["played_by"][0]["person"] == "song-kang"
    assert "Park Jae Uhn" in match["aliases"]


def test_who_not_found_suggests_and_exits_1(run: Run) -> None:
    status, out, err = run("who", "Song Kang-ho")
    assert (status, out) == (1, "")
    assert err == "nevertheless-data: no one is called 'Song Kang-ho'; did you mean 'Song Kang'?\n"
    status, out, err = run("who", "Song Kang-ho", "--json")
    assert (status, err) == (1, "")
    assert json.loads(out) == {
        "query": "Song Kang-ho",
        "matches": [],
        "candidates": [],
        "suggestions": ["Song Kang"],
    }


def test_who_an_ambiguous_name_lists_the_candidates_and_exits_1(run: Run) -> None:
    status, out, err = run("who", "Kim")
    assert (status, out) == (1, "")
    assert err.startswith("nevertheless-data: 'Kim' may mean ")
    assert "Kim Ga-ram (kim-ga-ram)" in err
    status, out, _ = run("who", "Kim", "--json")
    assert status == 1
    row = json.loads(out)
    assert row["matches"] == []
    assert {"kind": "person", "id": "kim-ga-ram", "name": "Kim Ga-ram"} in row["candidates"]
    assert {"kind": "character", "id": "kim-eun-han", "name": "Kim Eun-han"} in row["candidates"]
    status, _, err = run("quotes", "--speaker", "Kim")
    assert status == 2
    assert_one_line_error(err, "'Kim' may mean", "kim-ga-ram")


def test_who_an_ambiguous_name_in_a_dataset_lists_the_candidates(
    run: Run, ds: nd.Dataset, tmp_path: Path
) -> None:
    # A person and a character who answer to the same name: today's lookup already finds both.
    files = raw_files(ds)
    character = next(c for c in files["characters"] if c["id"] == "yoo-na-bi")
    character["name"] = "Han So-hee"
    write_dataset(tmp_path, files)
    status, out, err = run("--data", str(tmp_path), "who", "Han So-hee")
    assert (status, out) == (1, "")
    assert "Han So-hee (han-so-hee)" in err
    assert "Han So-hee (yoo-na-bi)" in err
    row = json.loads(run("--data", str(tmp_path), "who", "Han So-hee", "--json")[1])
    assert row["candidates"] == [
        {"kind": "person", "id": "han-so-hee", "name": "Han So-hee"},
        {"kind": "character", "id": "yoo-na-bi", "name": "Han So-hee"},
    ]
    # An id still says which one.
    assert run("--data", str(tmp_path), "who", "yoo-na-bi")[0] == 0


def test_who_nonsense_has_no_suggestions(run: Run) -> None:
    status, _, err = run("who", "zzzz qqqq")
    assert status == 1
    assert err == "nevertheless-data: no one is called 'zzzz qqqq'\n"


# --- quotes ------------------------------------------------------------------------------------


def test_quotes_lists_every_quote_with_its_source(run: Run, ds: nd.Dataset) -> None:
    status, out, _ = run("quotes")
    assert status == 0
    for quote in ds.quotes:
        assert f"[{quote}]" in out
    rows = json.loads(run("quotes", "--json")[1])
    assert [r["id"] for r in rows] == list(ds.quotes)
    assert rows[0]["outlet"] == "Kdramapal"
    assert rows[0]["source_title"] == ds.sources[rows[0]["source"]].title


def test_quotes_by_speaker_in_any_spelling(run: Run, ds: nd.Dataset) -> None:
    expected = [q.id for q in ds.quotes_by("han-so-hee")]
    for spelling in ("Han So Hee", "한소희", "han-so-hee"):
        rows = json.loads(run("quotes", "--speaker", spelling, "--json")[1])
        assert [r["id"] for r in rows] == expected


def test_quotes_by_character_are_the_words_said_in_character(run: Run, ds: nd.Dataset) -> None:
    rows = json.loads(run("quotes", "--speaker", "Jae-eon", "--json")[1])
    assert rows
    assert {r["character"] for r in rows} == {"park-jae-eon"}
    assert {r["speaker"] for r in rows} == {"song-kang"}


def test_quotes_search_folds_case_and_typographic_apostrophes(run: Run) -> None:
    rows = json.loads(run("quotes", "--search", "CHARACTER'S EMOTIONS", "--json")[1])
    assert [r["id"] for r in rows] == ["kdramapal-press-conference-q01"]
    assert "’" in rows[0]["text"]


def test_quotes_filters_combine(run: Run, ds: nd.Dataset) -> None:
    rows = json.loads(
        run("quotes", "--source", "gokpop-press-conference", "--speaker", "Song Kang", "--json")[1]
    )
    assert rows
    assert {(r["source"], r["speaker"]) for r in rows} == {("gokpop-press-conference", "song-kang")}
    # As grep: no match is exit status 1, and nothing on stdout.
    status, out, err = run("quotes", "--search", "no such words anywhere")
    assert (status, out, err) == (1, "", "nevertheless-data: no quote matches\n")
    assert run("quotes", "--search", "no such words anywhere", "--json")[:2] == (1, "[]\n")


def test_quotes_with_an_unknown_speaker_or_source_is_bad_input(run: Run) -> None:
    status, out, err = run("quotes", "--speaker", "Song Kang-ho")
    assert (status, out) == (2, "")
    assert_one_line_error(err, "no one is called 'Song Kang-ho'", "'Song Kang'")
    # Checked even when the other filters leave no quote to compare it with.
    assert not [q for q in nd.load().quotes.values() if q.source == "sportskeeda-episode-1"]
    status, out, err = run(
        "quotes", "--source", "sportskeeda-episode-1", "--speaker", "Nobody Here"
    )
    assert (status, out) == (2, "")
    assert_one_line_error(err, "no one is called 'Nobody Here'")
    status, out, err = run("quotes", "--source", "nytimes")
    assert (status, out) == (2, "")
    assert_one_line_error(err, "unknown source 'nytimes'")
    status, out, err = run("quotes", "--source", "gokpop-press-conferense")
    assert_one_line_error(err, "did you mean 'gokpop-press-conference'")


# --- schedule and next -------------------------------------------------------------------------


def test_schedule_in_a_chosen_zone(run: Run) -> None:
    status, out, _ = run("schedule", "--tz", "Asia/Kuala_Lumpur")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Times in Asia/Kuala_Lumpur."
    # Every airing ends 70 minutes after it starts: the dataset's preferred running time.
    assert lines[1].split() == ["Ep", "Platform", "Region", "Starts", "Ends"]
    assert " 1  JTBC      KR         Sat 2021-06-19 22:00 +08  23:10" in lines
    assert " 1  Netflix   worldwide  Sat 2021-06-19 23:00 +08  Sun 2021-06-20 00:10 +08" in lines
    assert len(lines) == 3 + 20 + 1
    assert lines[-1] == "20 airings of disputed readings not shown: add --all to see them."


def test_schedule_defaults_to_the_local_zone(run: Run) -> None:
    _, out, _ = run("schedule")
    assert out.startswith("Times in Europe/London.")
    assert "Sat 2021-06-19 15:00 BST" in out


def test_schedule_json_pins_the_instants(run: Run) -> None:
    status, out, _ = run("schedule", "--tz", "Asia/Seoul", "--json")
    assert status == 0
    rows = json.loads(out)
    assert len(rows) == 20
    assert rows[0] == {
        "episode": 1,
        "platform": "JTBC",
        "region": "KR",
        "slot": "jtbc-kr",
        "disputed": False,
        "start": "2021-06-19T23:00:00+09:00",
        "end": "2021-06-20T00:10:00+09:00",
        "zone": "Asia/Seoul",
        "utc": "2021-06-19T14:00:00Z",
    }
    last = {(r["episode"], r["platform"]): r["utc"] for r in rows}
    assert last[10, "JTBC"] == "2021-08-21T14:00:00Z"
    assert last[10, "Netflix"] == "2021-08-21T15:00:00Z"


def test_schedule_all_and_platform(run: Run) -> None:
    rows = json.loads(run("schedule", "--all", "--json")[1])
    assert len(rows) == 40
    assert sum(r["disputed"] for r in rows) == 20
    status, out, _ = run("schedule", "--platform", "netflix", "--all", "--tz", "UTC")
    assert status == 0
    assert "JTBC" not in out
    assert "disputed" in out
    assert " 1  Netflix   MY         Sat 2021-06-19 16:00 UTC  17:10  disputed" in out.splitlines()
    rows = json.loads(run("schedule", "--platform", "JTBC", "--json")[1])
    assert {r["platform"] for r in rows} == {"JTBC"}
    assert len(rows) == 10


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["schedule", "--tz", "Mars/Olympus"], ["unknown time zone 'Mars/Olympus'"]),
        (["schedule", "--tz", "asia/seoul"], ["did you mean 'Asia/Seoul'?"]),
        (["schedule", "--tz", "/etc/passwd"], ["unknown time zone"]),
        (["schedule", "--tz", "Asia"], ["unknown time zone 'Asia'"]),
        (["schedule", "--tz", ""], ["unknown time zone ''"]),
        (["schedule", "--platform", "Hulu"], ["unknown platform 'Hulu'", "JTBC, Netflix"]),
        (["schedule", "--platform", "Netflx"], ["did you mean 'Netflix'?"]),
        (["schedule", "--platform", "JTBS"], ["did you mean 'JTBC'?"]),
        (["next", "--tz", "Nowhere/Land"], ["unknown time zone"]),
        (["next", "--platform", "Disney+"], ["platform 'Disney+'"]),
        (["next", "--after", "next tuesday"], ["--after 'next tuesday'"]),
        (["--tz", "Atlantis", "cast"], ["unknown time zone 'Atlantis'"]),
        (["export", "--format", "ics", "--tz", "Moon/Base"], ["unknown time zone"]),
    ],
)
def test_bad_zone_platform_or_time_is_one_line_and_exit_2(
    run: Run, args: list[str], fragments: list[str]
) -> None:
    status, out, err = run(*args)
    assert (status, out) == (2, "")
    assert_one_line_error(err, *fragments)


def test_next_after_a_moment(run: Run) -> None:
    status, out, _ = run("next", "--after", "2021-07-01", "--tz", "America/New_York")
    assert status == 0
    assert out == "Episode 3 on JTBC (KR): Sat 2021-07-03 10:00 EDT to 11:10 (America/New_York)\n"


def test_next_reads_a_naive_time_in_the_zone_and_is_strictly_after(run: Run) -> None:
    # 23:30 in Seoul on premiere night: the broadcast has started, Netflix has not yet.
    row = json.loads(run("next", "--after", "2021-06-19T23:30", "--tz", "Asia/Seoul", "--json")[1])
    assert (row["episode"], row["platform"], row["start"]) == (
        1,
        "Netflix",
        "2021-06-20T00:00:00+09:00",
    )
    row = json.loads(run("next", "--after", "2021-06-19T14:00:00Z", "--json")[1])
    assert (row["episode"], row["platform"]) == (1, "Netflix")
    row = json.loads(run("next", "--after", "2021-06-19T14:00Z", "--platform", "JTBC", "--json")[1])
    assert (row["episode"], row["platform"], row["utc"]) == (2, "JTBC", "2021-06-26T14:00:00Z")


def test_next_after_the_finale_exits_1(run: Run) -> None:
    status, out, err = run("next", "--after", "2021-09-01", "--tz", "UTC")
    assert (status, out) == (1, "")
    assert err == (
        "nevertheless-data: no airing after Wed 2021-09-01 00:00 UTC; the last was episode 10 "
        "on Netflix (worldwide), Sat 2021-08-21 15:00 UTC\n"
    )
    status, out, _ = run("next", "--json")  # Now is long after 2021.
    assert (status, out) == (1, "null\n")


# --- export ------------------------------------------------------------------------------------


def test_export_json_is_the_dataset_in_its_file_format(run: Run, ds: nd.Dataset) -> None:
    status, out, _ = run("export", "--format", "json")
    assert status == 0
    exported = json.loads(out)
    assert exported == raw_files(ds)
    # One object keyed by collection: the shape the JSON Schema's top level describes.
    jsonschema.validate(exported, nd.json_schema())


def test_export_csv_schedule_in_each_slots_zone_or_a_chosen_one(run: Run) -> None:
    status, out, _ = run("export", "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 20
    assert rows[0]["start"] == "2021-06-19T23:00:00+09:00"
    assert rows[0]["zone"] == "Asia/Seoul"
    assert rows[0]["disputed"] == "false"
    assert rows[0]["end"] == "2021-06-20T00:10:00+09:00"
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--all")[1])))
    assert len(rows) == 40
    assert "Asia/Kuala_Lumpur" in {r["zone"] for r in rows}
    out = run("export", "--format", "csv", "--tz", "Europe/London")[1]
    assert next(csv.DictReader(io.StringIO(out)))["start"] == "2021-06-19T15:00:00+01:00"


@pytest.mark.parametrize("name", ["cast", "quotes", "sources"])
def test_export_csv_tables(run: Run, ds: nd.Dataset, name: str) -> None:
    status, out, _ = run("export", "--format", "csv", "--table", name)
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(getattr(ds, name))
    listed = json.loads(run(name, "--json")[1])
    # A CSV row is the listing's JSON row, with empty cells for nulls.
    assert list(rows[0]) == list(listed[0])


def test_export_ics_parses_back_to_the_same_instants(run: Run, ds: nd.Dataset) -> None:
    status, out, _ = run("export", "--format", "ics")
    assert status == 0
    calendar = icalendar.Calendar.from_ical(out)
    events = calendar.walk("VEVENT")
    assert len(events) == len(ds.schedule.preferred)
    starts = sorted(event.decoded("dtstart").astimezone(dt.UTC) for event in events)
    assert starts == sorted(a.instant for a in ds.schedule.preferred)
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {"Asia/Seoul"}
    out = run("export", "--format", "ics", "--all", "--tz", "Europe/London")[1]
    calendar = icalendar.Calendar.from_ical(out)
    assert len(calendar.walk("VEVENT")) == len(ds.schedule)
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {"Europe/London"}


def test_export_to_a_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "nevertheless.ics"
    status, out, err = run("export", "--format", "ics", "-o", str(target))
    assert (status, out) == (0, "")
    assert err.startswith(f"nevertheless-data: wrote {target}")
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    status, _, err = run("export", "--format", "json", "-o", str(tmp_path / "missing" / "x.json"))
    assert status == 2
    assert_one_line_error(err, "cannot write", "x.json")


def test_export_options_that_do_not_apply_are_bad_input(run: Run) -> None:
    status, _, err = run("export", "--format", "json", "--table", "cast")
    assert status == 2
    assert_one_line_error(err, "--table applies to --format csv only")
    status, _, err = run("export", "--format", "csv", "--table", "cast", "--tz", "UTC")
    assert status == 2
    assert_one_line_error(err, "--tz and --all apply to the schedule")


def test_export_ics_without_icalendar_names_the_extra(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the icalendar package were missing: importing the module fails.
    monkeypatch.setitem(sys.modules, "nevertheless_data.ical", None)
    monkeypatch.delattr(nd, "ical", raising=False)
    status, out, err = run("export", "--format", "ics")
    assert (status, out) == (2, "")
    assert_one_line_error(err, "pip install 'nevertheless-data[ical]'")


# --- validate and --data -----------------------------------------------------------------------


def write_dataset(directory: Path, files: dict[str, object]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (directory / f"{name}.json").write_text(json.dumps(content), encoding="utf-8")
    return directory


def test_validate_a_valid_dataset(run: Run, ds: nd.Dataset, tmp_path: Path) -> None:
    nd.dump(ds, tmp_path)
    status, out, _ = run("validate", str(tmp_path))
    assert (status, out) == (0, f"{tmp_path}: a valid dataset\n")
    assert run("validate", str(tmp_path), "--json")[:2] == (0, "[]\n")


def test_validate_prints_every_problem_with_file_and_path(
    run: Run, ds: nd.Dataset, tmp_path: Path
) -> None:
    files = raw_files(ds)
    files["quotes"][3]["speaker"] = "song-kang-ho"
    files["cast"][0]["character"] = "nobody"
    write_dataset(tmp_path, files)
    problems = nd.validate(tmp_path)
    assert len(problems) == 2
    status, out, _ = run("validate", str(tmp_path))
    assert status == 1
    assert out.splitlines() == [*map(str, problems), f"2 problems in {tmp_path}"]
    assert "quotes.json: quotes[3].speaker: 'song-kang-ho'" in out
    assert "cast.json: cast[0].character: 'nobody'" in out
    status, out, _ = run("validate", str(tmp_path), "--json")
    assert status == 1
    assert json.loads(out) == [
        {"file": p.file, "path": p.path, "message": p.message} for p in problems
    ]


def test_validate_prints_what_the_library_finds(run: Run, ds: nd.Dataset, tmp_path: Path) -> None:
    files = raw_files(ds)
    del files["people"][1]["name"]
    files["slots"][0]["recurrence"]["zone"] = "Asia/Seol"
    write_dataset(tmp_path, files)
    problems = nd.validate(tmp_path)
    status, out, _ = run("validate", str(tmp_path))
    assert status == 1
    assert out.splitlines() == [*map(str, problems), f"{len(problems)} problems in {tmp_path}"]
    assert "people.json: people[1].name: required field missing" in out
    assert "slots.json: slots[0].recurrence.zone: unknown time zone 'Asia/Seol'" in out


def test_validate_an_empty_directory_lists_every_missing_file(run: Run, tmp_path: Path) -> None:
    status, out, _ = run("validate", str(tmp_path))
    assert status == 1
    for name in nd.FILES:
        assert f"{name}.json: missing" in out


def test_validate_an_unreadable_directory_is_bad_input(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    status, _, err = run("validate", str(tmp_path / "nope"))
    assert status == 2
    assert_one_line_error(err, "no such directory", "nope")
    (tmp_path / "file.json").write_text("{}", encoding="utf-8")
    status, _, err = run("validate", str(tmp_path / "file.json"))
    assert status == 2
    assert_one_line_error(err, "not a directory")

    def denied(path: object) -> object:
        raise PermissionError(13, "Permission denied")

    # Permissions do not bind every user (root reads anything): deny the listing itself.
    monkeypatch.setattr(os, "scandir", denied)
    status, _, err = run("validate", str(tmp_path))
    assert status == 2
    assert_one_line_error(err, "cannot read", "Permission denied")


def test_data_option_reads_another_dataset(run: Run, ds: nd.Dataset, tmp_path: Path) -> None:
    files = raw_files(ds)
    files["people"][0]["name"] = "Han So-hee (edited)"
    write_dataset(tmp_path, files)
    for args in (["--data", str(tmp_path), "cast"], ["cast", "--data", str(tmp_path)]):
        status, out, _ = run(*args)
        assert status == 0
        assert "Han So-hee (edited)" in out


def test_data_option_on_a_broken_dataset_is_one_line_and_exit_2(
    run: Run, ds: nd.Dataset, tmp_path: Path
) -> None:
    files = raw_files(ds)
    files["quotes"][0]["speaker"] = "nobody"
    write_dataset(tmp_path, files)
    status, out, err = run("--data", str(tmp_path), "quotes")
    assert (status, out) == (2, "")
    assert_one_line_error(err, "not a valid dataset (1 problem", "validate")
    status, _, err = run("show", "--data", str(tmp_path / "missing"))
    assert status == 2
    assert_one_line_error(err, "no such directory")


def test_a_minimal_dataset_of_ones_own_works_everywhere(
    run: Run, ds: nd.Dataset, tmp_path: Path
) -> None:
    # Only the required titles, no cast, slots, quotes or disputes: nothing crashes.
    files = raw_files(ds)
    files["show"]["titles"] = [
        t for t in files["show"]["titles"] if t["kind"] == "official" and t["language"] != "ja"
    ]
    for name in ("cast", "quotes", "slots", "disputes", "facts", "events", "crew"):
        files[name] = []
    write_dataset(tmp_path, files)
    assert nd.validate(tmp_path) == ()
    data = ["--data", str(tmp_path)]
    status, out, _ = run(*data)
    assert status == 0
    assert "No cast in this dataset." in out
    assert "No airings." in out
    assert run(*data, "cast") == (1, "", "nevertheless-data: no cast in this dataset\n")
    assert "Japanese" not in run(*data, "show")[1]
    assert json.loads(run(*data, "show", "--json")[1])["japanese_title"] is None
    assert run(*data, "disputes") == (1, "", "nevertheless-data: no disputes in this dataset\n")
    assert run(*data, "schedule")[:2] == (1, "Times in Europe/London.\n")
    assert run(*data, "next", "--json")[:2] == (1, "null\n")
    assert run(*data, "export", "--format", "csv")[:2] == (0, "")


# --- usage errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["who"],
        ["export"],
        ["export", "--format", "xml"],
        ["schedule", "--bogus"],
    ],
)
def test_usage_errors_exit_2_without_a_traceback(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "error:" in err
    assert "Traceback" not in err


# --- as a subprocess ---------------------------------------------------------------------------


def test_module_runs_the_overview() -> None:
    result = run_module()
    assert result.returncode == 0, result.stderr
    assert "Han So-hee       한소희" in result.stdout
    assert "times in Europe/London" in result.stdout


def test_module_exit_statuses_and_streams() -> None:
    found = run_module("who", "Yoo Na Bi")
    assert (found.returncode, found.stderr) == (0, "")
    assert found.stdout.startswith("Yoo Na-bi (유나비): character yoo-na-bi")
    missing = run_module("who", "Han Ga-in")
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr == "nevertheless-data: no one is called 'Han Ga-in'\n"
    bad = run_module("schedule", "--tz", "Europe/Londn")
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.count("\n") == 1
    assert "Traceback" not in bad.stderr
    usage = run_module("--no-such-option")
    assert usage.returncode == 2
    assert "Traceback" not in usage.stderr


def test_module_version_matches_the_package() -> None:
    result = run_module("--version")
    assert (result.returncode, result.stdout) == (0, f"nevertheless-data {nd.__version__}\n")


def test_console_script_is_installed_and_runs() -> None:
    scripts = Path(sysconfig.get_path("scripts"))
    script = next(scripts.glob("nevertheless-data*"))
    result = subprocess.run(
        [str(script), "cast", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[1]["name"] == "Song Kang"


def test_a_console_without_hangul_gets_replacements_not_a_crash() -> None:
    result = run_module("cast", PYTHONIOENCODING="ascii")
    assert result.returncode == 0, result.stderr
    assert "Han So-hee" in result.stdout
    assert "한" not in result.stdout
