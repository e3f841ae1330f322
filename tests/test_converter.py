"""The converter's fast paths: they structure exactly what cattrs' own functions structure.

The library's converter structures well-formed JSON through generated straight-line code and
leaves anything with a problem to cattrs' detailed functions. A converter built with
``fast_paths=False`` uses cattrs' functions alone: whatever the input, both must give equal
records or report the same problems.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from attrs import field, frozen, validators
from cattrs.errors import BaseValidationError
from hypothesis import given, settings

import nevertheless_data as nd
from nevertheless_data._converter import InvalidValue, _make_converter, converter, problems_of

from .strategies import Edit, apply_edits, bundled_files, datasets, edits, json_values, raw_files

reference = _make_converter(fast_paths=False)


def outcome(conv: Any, name: str, raw: Any) -> object:
    """What a converter makes of one file's parsed JSON: its records, or its problems."""
    try:
        return conv.structure(raw, nd.FILES[name])
    except (BaseValidationError, InvalidValue) as exc:
        return ("problems", tuple(problems_of(exc, name)))
    except RecursionError:
        return ("problems", "nested too deeply")


def test_both_structure_the_bundled_files_alike() -> None:
    for name, raw in bundled_files().items():
        assert outcome(converter, name, raw) == outcome(reference, name, raw)


@given(datasets())
def test_both_structure_generated_datasets_alike(dataset: nd.Dataset) -> None:
    for name, raw in raw_files(dataset).items():
        structured = outcome(converter, name, raw)
        assert structured == outcome(reference, name, raw)
        assert structured == (tuple(getattr(dataset, name)) if name != "show" else dataset.show)


DROP = object()
"""In place of a value: the key or list item is dropped."""

# Values of every JSON type, and the near misses of each: a bool for a number, a float for a
# whole number, an empty string, list or object; and no value at all.
ODD_VALUES = (None, True, 0, 1, 1.5, "", "x", "2021-06-19", "23:00", [], ["x"], {}, {"x": 1}, DROP)


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
    assert outcome(converter, name, raw) == outcome(reference, name, raw)


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
        name = change.file
        assert outcome(converter, name, files[name]) == outcome(reference, name, files[name])


@given(json_values)
def test_both_make_the_same_of_any_json_value(value: Any) -> None:
    for name in nd.FILES:
        assert outcome(converter, name, value) == outcome(reference, name, value)


@frozen(kw_only=True)
class Checked:
    """A record whose __init__ does more than set fields: it validates."""

    count: int = field(validator=validators.ge(0))


@frozen(kw_only=True)
class Counted:
    """A record with a __new__ of its own, which the fast path must call as the class does."""

    made: ClassVar[list[int]] = []
    count: int

    def __new__(cls, *args: Any, **kwargs: Any) -> Counted:
        cls.made.append(kwargs["count"])
        return super().__new__(cls)


def test_the_fast_path_runs_the_class_own_init_and_new() -> None:
    conv = _make_converter()
    assert conv.structure({"count": 1}, Checked) == Checked(count=1)
    with pytest.raises(BaseValidationError):
        conv.structure({"count": -1}, Checked)
    assert conv.structure({"count": 2}, Counted) == Counted(count=2)
    assert Counted.made == [2, 2]
