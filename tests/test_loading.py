"""The loader: round trips, caching, error reporting with file and field path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nevertheless_data as nd

from .racing import THREADS, race
from .strategies import datasets, raw_files


def write_raw(directory: Path, files: dict[str, object]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (directory / f"{name}.json").write_text(json.dumps(content), encoding="utf-8")
    return directory


@given(datasets(), st.uuids())
@settings(max_examples=200)
def test_load_dump_load_is_equal_for_generated_datasets(
    tmp_path_factory: pytest.TempPathFactory, dataset: nd.Dataset, token: object
) -> None:
    directory = tmp_path_factory.mktemp(f"roundtrip-{token}")
    nd.dump(dataset, directory)
    loaded = nd.load(directory)
    assert loaded == dataset
    assert nd.dumps(loaded) == nd.dumps(dataset)


@given(datasets())
def test_dumps_is_deterministic(dataset: nd.Dataset) -> None:
    assert nd.dumps(dataset) == nd.dumps(dataset)
    assert set(nd.dumps(dataset)) == {f"{name}.json" for name in nd.FILES}


def test_bundled_files_are_in_canonical_form() -> None:
    # The data files are exactly what dump writes, so a load-dump cycle never churns them.
    directory = Path(nd.__file__).parent / "data"
    for name, text in nd.dumps(nd.load()).items():
        assert (directory / name).read_text(encoding="utf-8") == text, name


def test_load_is_cached_and_shared_across_threads() -> None:
    results = race(nd.load)
    assert len(results) == THREADS
    assert all(result is results[0] for result in results)
    assert nd.load() is results[0]


def test_load_of_a_directory_reads_it_afresh(tmp_path: Path) -> None:
    nd.dump(nd.load(), tmp_path)
    first, second = nd.load(tmp_path), nd.load(str(tmp_path))
    assert first == second == nd.load()
    assert first is not second


def test_kind_loaders_are_views_of_load(tmp_path: Path) -> None:
    ds = nd.load()
    assert nd.load_show() is ds.show
    assert nd.load_cast() is ds.cast
    assert nd.load_quotes() is ds.quotes
    assert nd.load_slots() is ds.slots
    nd.dump(ds, tmp_path)
    assert nd.load_show(tmp_path) == ds.show
    assert nd.load_cast(tmp_path) == ds.cast
    assert nd.load_quotes(tmp_path) == ds.quotes
    assert nd.load_slots(tmp_path) == ds.slots


@given(datasets())
def test_every_generated_dataset_validates(dataset: nd.Dataset) -> None:
    from nevertheless_data._integrity import check

    parts = {name: getattr(dataset, name) for name in nd.FILES}
    parts.update({name: tuple(parts[name]) for name in ("sources", "people", "characters")})
    assert check(parts) == []


@pytest.fixture
def valid_files() -> dict[str, object]:
    return raw_files(nd.load())


def problems_for(tmp_path: Path, files: dict[str, object]) -> list[str]:
    write_raw(tmp_path, files)
    with pytest.raises(nd.DataError) as info:
        nd.load(tmp_path)
    assert nd.validate(tmp_path) == info.value.problems
    return [str(problem) for problem in info.value.problems]


def test_unknown_speaker_names_file_path_and_value(
    tmp_path: Path, valid_files: dict[str, list[dict[str, object]]]
) -> None:
    valid_files["quotes"][12]["speaker"] = "han-so-he"
    assert problems_for(tmp_path, valid_files) == [
        "quotes.json: quotes[12].speaker: 'han-so-he' is not the id of any record in people.json"
    ]


def test_typo_in_a_key_is_an_unknown_field(
    tmp_path: Path, valid_files: dict[str, list[dict[str, object]]]
) -> None:
    valid_files["people"][0]["hangeul"] = valid_files["people"][0].pop("hangul")
    assert problems_for(tmp_path, valid_files) == [
        "people.json: people[0]: unknown field(s): hangeul"
    ]


def test_every_problem_is_reported_at_once(
    tmp_path: Path, valid_files: dict[str, list[dict[str, object]]]
) -> None:
    valid_files["quotes"][0]["kind"] = "shouted"
    valid_files["quotes"][1]["joking"] = "yes"
    del valid_files["people"][1]["name"]
    valid_files["slots"][0]["recurrence"]["zone"] = "Asia/Seol"  # type: ignore[index]
    problems = problems_for(tmp_path, valid_files)
    assert problems == [
        "people.json: people[1].name: required field missing",
        "quotes.json: quotes[0].kind: expected one of 'spoken', 'written', 'caption', "
        "got 'shouted'",
        "quotes.json: quotes[1].joking: expected true or false, got 'yes'",
        "slots.json: slots[0].recurrence.zone: unknown IANA time zone 'Asia/Seol'",
    ]


def test_missing_file_is_named(tmp_path: Path, valid_files: dict[str, object]) -> None:
    del valid_files["facts"]
    assert problems_for(tmp_path, valid_files) == [
        "facts.json: missing: every dataset has this file"
    ]


def test_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(nd.DataError, match="not a dataset directory"):
        nd.load(tmp_path / "nowhere")


def test_data_error_is_a_value_error_and_pickles() -> None:
    import pickle

    error = nd.DataError([nd.Problem("quotes.json", "quotes[0].text", "must not be empty")])
    assert isinstance(error, ValueError)
    assert str(error) == "quotes.json: quotes[0].text: must not be empty"
    clone = pickle.loads(pickle.dumps(error))
    assert clone.problems == error.problems


def test_dump_refuses_a_time_it_cannot_write_exactly(tmp_path: Path) -> None:
    import attrs

    ds = nd.load()
    slot = ds.slot("jtbc-kr")
    assert slot.recurrence is not None
    odd = attrs.evolve(
        slot,
        recurrence=attrs.evolve(slot.recurrence, time=slot.recurrence.time.replace(microsecond=5)),
    )
    changed = attrs.evolve(ds, slots=(odd, *ds.slots[1:]))
    with pytest.raises(ValueError, match="whole seconds"):
        nd.dump(changed, tmp_path)
