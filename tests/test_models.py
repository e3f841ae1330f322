"""The models: frozen, slotted, value-equal, and read-only registries."""

from __future__ import annotations

import datetime as dt
import pickle
import zoneinfo

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
def test_every_model_is_frozen_with_slots(cls: type) -> None:
    assert "__slots__" in vars(cls)
    assert cls.__setattr__ is not object.__setattr__


def test_assigning_a_field_raises() -> None:
    person = nd.load().people["han-so-hee"]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        person.name = "Someone else"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        nd.load().people._records = ()  # type: ignore[misc]


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


def test_registry_behaves_like_a_read_only_collection() -> None:
    people = nd.load().people
    assert len(people) == len(list(people))
    assert [p.id for p in people] == list(people.ids())
    assert "han-so-hee" in people
    assert people["han-so-hee"].hangul == "한소희"
    assert people.get("nobody") is None
    assert people.get("nobody", "fallback") == "fallback"
    with pytest.raises(KeyError, match="no record with id 'nobody'"):
        people["nobody"]
    with pytest.raises(ValueError, match="duplicate ids"):
        nd.Registry([people["song-kang"], people["song-kang"]])


@given(datasets())
def test_datasets_pickle_and_hash(dataset: nd.Dataset) -> None:
    clone = pickle.loads(pickle.dumps(dataset))
    assert clone == dataset
    assert hash(clone) == hash(dataset)


def test_show_title_properties() -> None:
    show = nd.load().show
    assert (show.title, show.korean_title, show.romanized_title) == (
        "Nevertheless",
        "알고있지만",
        "Algoitjiman",
    )
    assert (show.literal_title, show.japanese_title) == ("I Know But", "わかっていても")
    assert "알고있지만," in {t.text for t in show.alternative_titles("ko")}
    assert "Nevertheless," in {t.text for t in show.alternative_titles("en")}


def test_a_missing_title_is_a_lookup_error() -> None:
    show = attrs.evolve(nd.load().show, titles=nd.load().show.titles[:1])
    with pytest.raises(LookupError, match="no official title in 'ko'"):
        _ = show.korean_title
