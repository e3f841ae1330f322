"""The models: frozen, slotted, value-equal, and read-only registries."""

from __future__ import annotations

import copy
import datetime as dt
import inspect
import pickle
import zoneinfo
from collections.abc import Mapping
from typing import Any

import attrs
import pytest
from hypothesis import given

import nevertheless_data as nd

from .strategies import datasets

MODEL_CLASSES = [
    getattr(nd, name)
    for name in nd.__all__
    if isinstance(getattr(nd, name, None), type) and attrs.has(getattr(nd, name))
]


def test_the_public_api_exposes_every_model() -> None:
    names = {cls.__name__ for cls in MODEL_CLASSES}
    assert {"Show", "Person", "Character", "Quote", "BroadcastSlot", "Dispute", "Dataset"} <= names


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_every_model_is_frozen_with_slots(cls: type[object]) -> None:
    assert "__slots__" in vars(cls)
    assert cls.__setattr__ is not object.__setattr__


def test_assigning_a_field_raises() -> None:
    person = nd.load().people["han-so-hee"]
    # Ill-typed on purpose (hence the type: ignore): the run time must refuse it too.
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        person.name = "Someone else"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        nd.load().people._records = ()


def test_change_a_record_with_evolve() -> None:
    person = nd.load().people["han-so-hee"]
    renamed = attrs.evolve(person, name="Han Sohee")
    assert renamed.name == "Han Sohee"
    assert person.name == "Han So-hee"
    assert renamed != person


def test_zone_fields_compare_by_key() -> None:
    seoul = nd.WeeklyRecurrence(
        weekday=nd.Weekday.SATURDAY,
        time=dt.time(23),
        zone=zoneinfo.ZoneInfo("Asia/Seoul"),
        first_date=dt.date(2021, 6, 19),
    )
    uncached = attrs.evolve(seoul, zone=zoneinfo.ZoneInfo.no_cache("Asia/Seoul"))
    assert seoul == uncached
    assert hash(seoul) == hash(uncached)
    assert seoul != attrs.evolve(seoul, zone=zoneinfo.ZoneInfo("Asia/Tokyo"))


def test_registry_is_a_read_only_mapping_in_data_order() -> None:
    people = nd.load().people
    assert isinstance(people, Mapping)
    assert list(people) == list(people.keys()) == [p.id for p in people.values()]
    assert list(people.items()) == [(p.id, p) for p in people.values()]
    assert len(people) == len(list(people.values()))
    assert "han-so-hee" in people
    assert people["han-so-hee"].hangul == "한소희"
    assert people.get("nobody") is None
    assert people.get("nobody", "fallback") == "fallback"
    unhashable: object = []
    assert unhashable not in people  # simply not a key
    with pytest.raises(KeyError, match="no person has the id 'nobody'"):
        people["nobody"]
    with pytest.raises(ValueError, match="duplicate ids"):
        nd.Registry([people["song-kang"], people["song-kang"]])
    assert people == dict(people.items())


def test_every_collection_with_ids_is_a_mapping() -> None:
    ds = nd.load()
    for name in nd.FILES:
        value = getattr(ds, name)
        first = next(iter(value), None) if name not in ("show",) else None
        if name in ("show", "cast", "crew"):
            assert not isinstance(value, Mapping), name
            continue
        assert isinstance(value, Mapping), name
        assert value[first] is next(iter(value.values())), name
    assert ds.episodes[1].number == 1
    assert list(ds.episodes) == sorted(ds.episodes)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda ds: ds.quotes_by("nobody"), "no person has the id 'nobody'"),
        (
            lambda ds: ds.quotes_by("Han So-hee"),
            "no person has the id 'Han So-hee'; the name 'Han So-hee' means the person "
            "'han-so-hee'",
        ),
        (
            lambda ds: ds.cast_of("han-so-hee"),
            "no character has the id 'han-so-hee': 'han-so-hee' is the id of a person, not of "
            "a character",
        ),
        (
            lambda ds: ds.credits_of("Nabi"),
            "no person has the id 'Nabi'; the name 'Nabi' means the character 'yoo-na-bi'",
        ),
        (lambda ds: ds.quotes_at("nowhere"), "no event has the id 'nowhere'"),
        (
            lambda ds: ds.facts_about("nobody"),
            "neither the show nor any person, character, event, broadcast slot has the id 'nobody'",
        ),
        (lambda ds: ds.renderings("no-quote"), "no quote has the id 'no-quote'"),
        (lambda ds: ds.episodes[11], "no episode has the number 11"),
        (lambda ds: ds.slots["tbs-jp"], "no broadcast slot has the id 'tbs-jp'"),
    ],
)
def test_an_unknown_id_raises_saying_what_was_expected(call: Any, message: str) -> None:
    with pytest.raises(nd.UnknownId) as info:
        call(nd.load())
    assert isinstance(info.value, KeyError)
    assert str(info.value) == message


def test_queries_follow_references_both_ways() -> None:
    ds = nd.load()
    han = ds.people["han-so-hee"]
    assert ds.quotes_by(han) == ds.quotes_by("han-so-hee")
    assert all(q.speaker == "han-so-hee" for q in ds.quotes_by(han))
    assert ds.quotes_by("lee-tae-hee") == ()
    nabi = ds.characters["yoo-na-bi"]
    assert [c.person for c in ds.cast_of(nabi)] == ["han-so-hee"]
    assert ds.facts_about(ds.show) == ds.facts_about(ds.show.id)
    assert ds.sources_of(han) == tuple(ds.sources[s] for s in han.sources)
    quote = next(iter(ds.quotes.values()))
    assert ds.sources_of(quote) == (ds.sources[quote.source],)


def test_lookup_finds_people_and_characters_however_written() -> None:
    ds = nd.load()
    assert ds.lookup("Yu Nabi").id == "yoo-na-bi"
    assert ds.lookup("한소희").id == "han-so-hee"
    assert ds.lookup("Park Jae Uhn").id == "park-jae-eon"
    with pytest.raises(nd.NameNotFound) as info:
        ds.lookup("Song Kang-ho")
    assert "Song Kang" in info.value.suggestions


def test_lookup_of_a_name_shared_by_several_raises_naming_them() -> None:
    with pytest.raises(nd.AmbiguousName) as info:
        nd.load().lookup("Kim")
    assert isinstance(info.value, LookupError)
    ids = [record_id for record_id, _ in info.value.candidates]
    assert set(ids) >= {"kim-ga-ram", "kim-min-gwi", "kim-moo-joon"}
    assert "'Kim' may mean" in str(info.value)


@given(datasets())
def test_datasets_pickle_and_hash(dataset: nd.Dataset) -> None:
    clone = pickle.loads(pickle.dumps(dataset))
    assert clone == dataset
    assert hash(clone) == hash(dataset)


def test_a_record_pickles_as_its_field_values_and_copies() -> None:
    person = nd.load().people["han-so-hee"]
    data = pickle.dumps(person)
    # Restored from the values, not through attrs' state dict: no field name is written twice.
    assert b"_restore" in data
    assert pickle.loads(data) == person
    assert copy.copy(person) == person
    assert copy.deepcopy(person) == person
    assert hash(copy.deepcopy(person)) == hash(person)


def test_a_record_pickled_by_attrs_own_state_still_loads() -> None:
    # Pickles written before records restored from their values hold attrs' state dict.
    person = nd.load().people["han-so-hee"]
    state = {a.name: getattr(person, a.name) for a in attrs.fields(nd.Person)}
    restored = object.__new__(nd.Person)
    restored.__setstate__(state)  # type: ignore[attr-defined]  # attrs adds it at run time
    assert restored == person


def test_a_record_class_signature_lists_its_fields() -> None:
    parameters = inspect.signature(nd.Person).parameters
    assert list(parameters) == [a.name for a in attrs.fields(nd.Person)]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters.values())


def test_the_guard_hook_states_its_own_signature() -> None:
    # attrs reads the declared signature to decide what to pass the hook: it must be the real one.
    hook = nd.Record.__attrs_pre_init__
    declared = list(inspect.signature(hook).parameters)
    assert declared == list(hook.__code__.co_varnames[: hook.__code__.co_argcount])


def test_show_title_properties() -> None:
    show = nd.load().show
    assert (show.title, show.korean_title, show.romanized_title) == (
        "Nevertheless",
        "알고있지만,",
        "Algoitjiman",
    )
    assert (show.literal_title, show.japanese_title) == ("I Know But", "わかっていても")
    assert "알고있지만" in {t.text for t in show.alternative_titles("ko")}
    assert "Nevertheless," in {t.text for t in show.alternative_titles("en")}


def test_a_missing_title_is_a_lookup_error() -> None:
    show = attrs.evolve(nd.load().show, titles=nd.load().show.titles[:1])
    with pytest.raises(LookupError, match="no official title in 'ko'"):
        _ = show.korean_title
