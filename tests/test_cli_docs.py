"""docs/cli.md cannot drift from the command: its tables are checked.

Its console examples run with every page's, in tests/test_docs.py. Here the JSON row table is
compared with the TypedDicts and with what each command prints, and the exit status table with
the parser.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import typing
from pathlib import Path
from typing import Any

import pytest

from nevertheless_data.cli import main

from .helpers import STATUSES, row_types

PAGE = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
TEXT = PAGE.read_text(encoding="utf-8")


# --- the JSON rows --------------------------------------------------------------------------------


def documented_rows() -> dict[str, list[str]]:
    section = TEXT.split("(json-output)=", 1)[1]
    rows = {}
    for name, keys in re.findall(r"^\| `(\w+Row)` \| (.*) \|$", section, re.M):
        # A key is the first code span of each comma-separated part; asides name row types.
        rows[name] = [first_code_span(part) for part in split_keys(keys)]
    return rows


def first_code_span(text: str) -> str:
    """The text of the code span ``text`` starts with."""
    match = re.match(r"`(\w+)`", text.strip())
    assert match is not None, text
    return match.group(1)


def split_keys(text: str) -> list[str]:
    """``text`` split at the commas outside parentheses."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def test_the_page_documents_every_row_key_by_key() -> None:
    documented = documented_rows()
    types = row_types()
    assert set(documented) == set(types)
    for name, keys in documented.items():
        assert keys == list(typing.get_type_hints(types[name])), name


def run_json(*args: str) -> Any:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main([*args, "--json"])
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    ("args", "row"),
    [
        ([], "OverviewRow"),
        (["show"], "ShowRow"),
        (["cast"], "CastRow"),
        (["quotes"], "QuoteRow"),
        (["schedule"], "AiringRow"),
        (["next", "--after", "2021-07-01"], "AiringRow"),
        (["sources"], "SourceRow"),
        (["disputes"], "DisputeRow"),
        (["who", "Han So-hee"], "WhoRow"),
    ],
)
def test_each_command_prints_its_documented_row(args: list[str], row: str) -> None:
    printed = run_json(*args)
    first = printed[0] if isinstance(printed, list) else printed
    assert list(first) == list(typing.get_type_hints(row_types()[row]))


def test_nested_rows_print_as_documented() -> None:
    keys = {name: list(typing.get_type_hints(kind)) for name, kind in row_types().items()}
    show = run_json("show")
    assert list(show["original_work"]) == keys["OriginalWorkRow"]
    assert list(show["crew"][0]) == keys["CrewRow"]
    assert list(show["production_companies"][0]) == keys["CompanyRow"]
    assert list(show["alternative_titles"][0]) == keys["TitleRow"]
    assert list(run_json("disputes")[0]["readings"][0]) == keys["ReadingRow"]
    assert list(run_json("who", "Han So-hee")["matches"][0]) == keys["PersonRow"]
    character = run_json("who", "Nabi")["matches"][0]
    assert list(character) == keys["CharacterRow"]
    assert list(character["played_by"][0]) == keys["CastRow"]


# --- exit statuses --------------------------------------------------------------------------------


def test_the_page_states_each_commands_exit_statuses_as_its_help_does() -> None:
    section = TEXT.split("(exit-status)=", 1)[1].split("(json-output)=", 1)[0]
    table = dict(re.findall(r"^\| (`\w+`|\(none\)) \| (\d.*) \|$", section, re.M))
    assert {name.strip("`") if name != "(none)" else "": text for name, text in table.items()} == (
        dict(STATUSES)
    )
