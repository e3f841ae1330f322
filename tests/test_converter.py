"""The converter's two paths agree: the generated fast path and the detailed walk.

The library's converter structures well-formed JSON through straight-line code generated per
class, which raises at the first problem, and walks only what failed with plain functions
that name every problem. Whatever the input, the fast path succeeds exactly when the walk finds
no problem, and then both make the same records.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

import nevertheless_data as nd

from .helpers import fast_structure, structure_file, walked_structure
from .strategies import Edit, apply_edits, bundled_files, datasets, edits, json_values, raw_files


def outcome(name: str, raw: Any) -> object:
    """What both paths make of one file's parsed JSON, after checking that they agree."""
    try:
        fast: object = fast_structure(name, raw)
    except RecursionError:
        return "nested too deeply"
    except Exception:
        fast = None
    walked, problems = walked_structure(name, raw)
    if fast is None:
        assert problems, f"the fast path refused {name}.json but the walk found no problem"
        # A value that breaks only a rule (a blank name, an id that is no slug) is kept, so
        # that the checks across files still see the record: the problems alone say no.
        _, logged = structure_file(name, raw)
        assert logged
        return ("problems", problems)
    assert not problems, problems
    assert walked == fast
    return fast


def test_both_structure_the_bundled_files_alike() -> None:
    for name, raw in bundled_files().items():
        assert outcome(name, raw) != ("problems",)


@given(datasets())
def test_both_structure_generated_datasets_alike(dataset: nd.Dataset) -> None:
    for name, raw in raw_files(dataset).items():
        value = getattr(dataset, name)
        expected = tuple(value.values()) if isinstance(value, nd.Registry) else value
        assert outcome(name, raw) == (tuple(expected) if isinstance(expected, tuple) else expected)


DROP = object()
"""In place of a value: the key or list item is dropped."""

# Values of every JSON type, and the near misses of each: a bool for a number, a float for a
# whole number, an empty string, list or object; and no value at all.
ODD_VALUES: tuple[object, ...] = (
    None,
    True,
    0,
    1,
    1.5,
    "",
    "x",
    "2021-06-19",
    "23:00",
    [],
    ["x"],
    {},
    {"x": 1},
    DROP,
)


def fields(value: Any, path: tuple[str | int, ...] = ()) -> dict[str, tuple[str | int, ...]]:
    """One place of each field in parsed JSON (``[0].recurrence.time``), by its field path."""
    found: dict[str, tuple[str | int, ...]] = {}
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return found
    for key, item in items:
        field = "".join("[]" if isinstance(step, int) else f".{step}" for step in (*path, key))
        found.setdefault(field, (*path, key))
        for inner, place in fields(item, (*path, key)).items():
            found.setdefault(inner, place)
    return found


def replaced(value: Any, place: tuple[str | int, ...], new: Any) -> Any:
    """A copy of ``value`` with ``new`` at ``place`` (or the key or item there dropped)."""
    copy: Any = dict(value) if isinstance(value, dict) else list(value)
    if len(place) > 1:
        copy[place[0]] = replaced(value[place[0]], place[1:], new)
    elif new is DROP:
        del copy[place[0]]
    else:
        copy[place[0]] = new
    return copy


def assert_alike(name: str, raw: Any) -> None:
    outcome(name, raw)


def test_both_make_the_same_of_every_field_holding_any_kind_of_value() -> None:
    for name, raw in bundled_files().items():
        for place in fields(raw).values():
            for odd in ODD_VALUES:
                assert_alike(name, replaced(raw, place, odd))


def test_both_refuse_an_unknown_key_in_every_object() -> None:
    for name, raw in bundled_files().items():
        objects = [place[:-1] for place in fields(raw).values() if isinstance(place[-1], str)]
        for place in dict.fromkeys(objects):
            assert_alike(name, with_unknown_key(raw, place))


def with_unknown_key(raw: Any, place: tuple[str | int, ...]) -> Any:
    if not place:
        return {**raw, "unknown": 1}
    node = raw
    for step in place:
        node = node[step]
    return replaced(raw, place, {**node, "unknown": 1})


@given(edits())
@settings(max_examples=300)
def test_both_make_the_same_of_edited_files(changes: tuple[Edit, ...]) -> None:
    files = apply_edits(changes)
    for change in changes:
        outcome(change.file, files[change.file])


@given(json_values)
def test_both_make_the_same_of_any_json_value(value: Any) -> None:
    for name in nd.FILES:
        outcome(name, value)


def test_null_means_the_default_of_a_field_with_one() -> None:
    raw = [
        {
            "id": "s",
            "kind": "article",
            "language": "en",
            "url": "https://example.org/s",
            "outlet": None,
            "note": None,
        }
    ]
    (source,) = fast_structure("sources", raw)
    assert source.outlet is None
    assert source.machine_translated is False
    (edited,) = fast_structure("sources", [{**raw[0], "machine_translated": None}])
    assert edited == source
    _, problems = walked_structure("sources", [{**raw[0], "language": None}])
    assert problems == (
        nd.Problem("sources.json", "sources[0].language", "expected a string, got None"),
    )


def test_a_flood_of_bad_records_is_reported_within_the_limit() -> None:
    flood: list[dict[str, object]] = [{}] * 5_000
    records, problems = structure_file("quotes", flood, limit=10)
    assert records is None
    assert len(problems) == 11  # the limit, then a count of the rest
    assert problems[-1].message.startswith("and at least ")
    # Three problems in each of the first three records and one of the fourth are listed; the
    # rest of the fourth and each of the 4,996 records after it have at least one more.
    assert "at least 4997 more" in problems[-1].message


def test_a_record_with_a_flood_of_bad_items_is_reported_within_the_limit() -> None:
    person = {"id": "p", "name": "P", "sources": ["s"], "aliases": [{}] * 5_000}
    records, problems = structure_file("people", [person], limit=10)
    assert records is None
    assert len(problems) == 11
