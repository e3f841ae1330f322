"""Deep immutability: nothing reachable from a Dataset can be changed, before or after use.

The walk follows attrs fields, tuple and frozenset items, MappingProxyType keys and values,
and the ``__slots__`` of every other object (the registries' internals, the name index, the
schedule). Strings, numbers, dates, times, zones and enum members are immutable leaves; any
list, dict, set, bytearray or object with a ``__dict__`` fails the test.
"""

from __future__ import annotations

import datetime as dt
import enum
import zoneinfo
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pytest

import nevertheless_data as nd

LEAVES = (
    *(str, bytes, int, float, complex, type(None), enum.Enum),
    *(dt.date, dt.time, dt.timedelta, dt.tzinfo),
)
"""Immutable values: ``bool`` is an ``int``, ``datetime`` a ``date``, ``ZoneInfo`` a
``tzinfo``; enum members are constants."""

CONTAINERS = (tuple, frozenset, MappingProxyType)


def slot_values(obj: object) -> Iterator[tuple[str, object]]:
    """Every filled slot of ``obj``, read through the slot itself: an empty slot backing a
    cached property stays empty, so the walk sees the object as it is."""
    for cls in type(obj).__mro__:
        for name in vars(cls).get("__slots__", ()):
            if name == "__weakref__":
                continue
            try:
                yield name, vars(cls)[name].__get__(obj, cls)
            except AttributeError:
                continue


def children(obj: object) -> Iterator[tuple[str, object]]:
    if isinstance(obj, tuple | frozenset):
        yield from ((f"[{i}]", item) for i, item in enumerate(obj))
    elif isinstance(obj, MappingProxyType):
        for key, value in obj.items():
            yield f"<key {key!r}>", key
            yield f"[{key!r}]", value
    else:
        yield from ((f".{name}", value) for name, value in slot_values(obj))


def mutable_objects(root: object) -> list[str]:
    """The path and type of every mutable object reachable from ``root``."""
    found: list[str] = []
    seen: set[int] = set()
    stack: list[tuple[str, object]] = [("ds", root)]
    while stack:
        path, obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, LEAVES):
            continue
        if not isinstance(obj, CONTAINERS) and (
            hasattr(obj, "__dict__") or "__slots__" not in vars(type(obj))
        ):
            found.append(f"{path}: {type(obj).__name__}")
            continue
        stack.extend((path + step, child) for step, child in children(obj))
    return found


def records(root: object) -> Iterator[object]:
    """Every attrs instance and other slotted object reachable from ``root``."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, LEAVES):
            continue
        seen.add(id(obj))
        if not isinstance(obj, CONTAINERS):
            yield obj
        stack.extend(child for _, child in children(obj))


def used(ds: nd.Dataset) -> nd.Dataset:
    """``ds`` after the calls that fill its caches: the name indexes and the schedule."""
    assert ds.characters.lookup("Nabi").id == "yoo-na-bi"
    assert ds.people.lookup("Sohee Han").id == "han-so-hee"
    with pytest.raises(nd.NameNotFound):
        ds.people.lookup("Nabi")  # a character's name, not a person's
    assert ds.people.search("Han So-hee")
    assert len(ds.schedule.airings()) > 0
    assert ds.schedule.in_zone(zoneinfo.ZoneInfo("Europe/London")).airings()
    return ds


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> nd.Dataset:
    """A dataset read from JSON files, not the bundled snapshot, nothing used yet."""
    directory = tmp_path_factory.mktemp("dataset")
    nd.dump(nd.load(), directory)
    return nd.load(directory)


def test_the_walk_sees_the_whole_dataset(fresh: nd.Dataset) -> None:
    kinds = {type(obj) for obj in records(used(fresh))}
    expected = {nd.Dataset, nd.NamedRegistry, nd.Registry, nd.Quote, nd.WeeklyRecurrence}
    assert expected <= kinds
    assert {nd.Schedule, nd.Airing} <= kinds
    assert "NameIndex" in {kind.__name__ for kind in kinds}  # built by the lookups


def test_the_walk_finds_a_mutable_object() -> None:
    @attrs.frozen
    class Holder:
        items: Any
        pairs: Any

    assert mutable_objects(Holder(items=(1, [2]), pairs=MappingProxyType({"a": {3}}))) == [
        "ds.pairs['a']: set",
        "ds.items[1]: list",
    ]


def test_nothing_reachable_from_a_loaded_dataset_is_mutable(fresh: nd.Dataset) -> None:
    assert mutable_objects(fresh) == []


def test_nothing_is_mutable_after_lookups_and_the_schedule(fresh: nd.Dataset) -> None:
    assert mutable_objects(used(fresh)) == []


def test_nothing_reachable_from_the_bundled_dataset_is_mutable() -> None:
    assert mutable_objects(used(nd.load())) == []


def test_assigning_to_any_field_of_any_record_raises(fresh: nd.Dataset) -> None:
    checked = 0
    for obj in records(used(fresh)):
        cls = type(obj)
        names = (
            [field.name for field in attrs.fields(cls)]
            if attrs.has(cls)
            else [name for name, _ in slot_values(obj)]
        )
        for name in names:
            before = getattr(obj, name)
            with pytest.raises(AttributeError):  # attrs' FrozenInstanceError is one
                setattr(obj, name, None)
            with pytest.raises(AttributeError):
                delattr(obj, name)
            assert getattr(obj, name) is before
            checked += 1
        # Ill-typed on purpose (hence the type: ignore): the run time must refuse it too.
        with pytest.raises(AttributeError):
            obj.extra = 1  # type: ignore[attr-defined]
    assert checked > 1000


def test_registries_offer_no_way_to_change_them(fresh: nd.Dataset) -> None:
    for registry in (fresh.people, fresh.characters, fresh.sources):
        for method in ("__setitem__", "__delitem__", "append", "add", "update", "pop", "clear"):
            assert not hasattr(registry, method), method
        first = next(iter(registry))
        for view in (registry.keys(), registry.values(), registry.items()):
            for method in ("add", "append", "remove", "discard", "clear", "update", "pop"):
                assert not hasattr(view, method), (view, method)
        # Ill-typed on purpose (hence the type: ignores): the run time must refuse them too.
        with pytest.raises(TypeError):
            registry[first] = registry[first]  # type: ignore[index]
        with pytest.raises(TypeError):
            registry.__init__([])  # type: ignore[misc]
        assert first in registry


def test_a_dump_of_the_dataset_cannot_change_it(tmp_path: Path, fresh: nd.Dataset) -> None:
    before = nd.file_texts(fresh)
    nd.dump(fresh, tmp_path)
    assert nd.file_texts(fresh) == before
    assert nd.load(tmp_path) == fresh


def test_no_record_or_registry_can_be_initialised_again() -> None:
    # The shared dataset must survive a caller re-running __init__ on what it holds.
    ds = nd.load()
    show = ds.show
    # Ill-typed on purpose (hence the type: ignores): the run time must refuse them too.
    with pytest.raises(TypeError, match="already built"):
        show.__init__(**attrs.asdict(show, recurse=False))  # type: ignore[misc]
    with pytest.raises(TypeError, match="already built"):
        ds.people.__init__([])  # type: ignore[misc]
    with pytest.raises(TypeError, match="already built"):
        ds.__init__(**{name: getattr(ds, name) for name in nd.FILES})  # type: ignore[misc]
    assert nd.load().show is show
    assert len(nd.load().people) > 0


def test_every_record_holds_tuples_whatever_it_was_given() -> None:
    person = nd.load().people["han-so-hee"]
    # Lists where the fields are typed as tuples, on purpose: the records convert any iterable.
    changed = attrs.evolve(
        person,
        aliases=[nd.Alias(text="HSH", sources=["kdramapal-press-conference"])],  # type: ignore[arg-type]
    )
    assert isinstance(changed.aliases, tuple)
    assert isinstance(changed.aliases[0].sources, tuple)
    assert hash(changed) == hash(attrs.evolve(person, aliases=tuple(changed.aliases)))
    with pytest.raises(TypeError, match="got the string"):
        # A string where a tuple of ids belongs, on purpose: the record refuses it.
        nd.Alias(text="x", sources="kdramapal-press-conference")  # type: ignore[arg-type]


def test_an_airing_cannot_be_initialised_again() -> None:
    airing = nd.load().schedule.airings()[0]
    # Ill-typed on purpose (hence the type: ignore): the run time must refuse it too.
    with pytest.raises(TypeError, match="already built"):
        airing.__init__(  # type: ignore[misc]
            episode=99,
            platform=airing.platform,
            region=airing.region,
            start=airing.start,
            slot=airing.slot,
        )
    assert nd.load().schedule.airings()[0].episode == 1
