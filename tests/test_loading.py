"""The loader: round trips, caching, error reporting with file and field path."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nevertheless_data as nd

from .helpers import THREADS, race, write_raw
from .strategies import datasets, raw_files


@given(datasets(), st.uuids())
@settings(max_examples=200)
def test_dump_validate_load_is_equal_for_generated_datasets(
    tmp_path_factory: pytest.TempPathFactory, dataset: nd.Dataset, token: object
) -> None:
    directory = tmp_path_factory.mktemp(f"roundtrip-{token}")
    nd.dump(dataset, directory)
    assert nd.validate(directory) == ()
    loaded = nd.load(directory)
    assert loaded == dataset
    # What dump wrote is what file_texts gives for an equal dataset: deterministic, one file
    # per collection.
    written = {path.name: path.read_text(encoding="utf-8") for path in directory.iterdir()}
    assert nd.file_texts(loaded) == written
    assert set(written) == {f"{name}.json" for name in nd.FILES}


def test_bundled_files_are_in_canonical_form() -> None:
    # The data files are exactly what dump writes, so a load-dump cycle never churns them.
    directory = Path(nd.__file__).parent / "data"
    for name, text in nd.file_texts(nd.load()).items():
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


def test_the_files_are_the_fields_of_a_dataset_and_read_only() -> None:
    import attrs

    assert list(nd.FILES) == [f.name for f in attrs.fields(nd.Dataset) if f.init]
    # Ill-typed on purpose (hence the type: ignore): the run time must refuse it too.
    with pytest.raises(TypeError):
        nd.FILES["extra"] = object()  # type: ignore[index]
    assert "extra" not in nd.FILES


@pytest.fixture
def valid_files() -> dict[str, Any]:
    """The parsed JSON of the bundled files, keyed by collection, for a test to break."""
    return raw_files(nd.load())


def problems_for(tmp_path: Path, files: Mapping[str, object]) -> list[str]:
    write_raw(tmp_path, files)
    with pytest.raises(nd.DataError) as info:
        nd.load(tmp_path)
    assert nd.validate(tmp_path) == info.value.problems
    return [str(problem) for problem in info.value.problems]


def test_unknown_speaker_names_file_path_and_value(
    tmp_path: Path, valid_files: dict[str, Any]
) -> None:
    valid_files["quotes"][12]["speaker"] = "han-so-he"
    assert problems_for(tmp_path, valid_files) == [
        "quotes.json: quotes[12].speaker: 'han-so-he' is not the id of any record in people.json"
    ]


def test_typo_in_a_key_is_an_unknown_field(tmp_path: Path, valid_files: dict[str, Any]) -> None:
    valid_files["people"][0]["hangeul"] = valid_files["people"][0].pop("hangul")
    assert problems_for(tmp_path, valid_files) == [
        "people.json: people[0]: unknown field(s): hangeul"
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path, valid_files: dict[str, Any]) -> None:
    valid_files["quotes"][0]["kind"] = "shouted"
    valid_files["quotes"][1]["joking"] = "yes"
    del valid_files["people"][1]["name"]
    valid_files["slots"][0]["recurrence"]["zone"] = "Asia/Seol"
    problems = problems_for(tmp_path, valid_files)
    assert problems == [
        "people.json: people[1].name: required field missing",
        "quotes.json: quotes[0].kind: expected one of 'spoken', 'written', 'caption', "
        "got 'shouted'",
        "quotes.json: quotes[1].joking: expected true or false, got 'yes'",
        "slots.json: slots[0].recurrence.zone: unknown time zone 'Asia/Seol'; "
        "did you mean 'Asia/Seoul'?",
    ]


def test_missing_file_is_named(tmp_path: Path, valid_files: dict[str, Any]) -> None:
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
    slot = ds.slots["jtbc-kr"]
    assert slot.recurrence is not None
    odd = attrs.evolve(
        slot,
        recurrence=attrs.evolve(slot.recurrence, time=slot.recurrence.time.replace(microsecond=5)),
    )
    changed = attrs.evolve(ds, slots=[odd if s.id == odd.id else s for s in ds.slots.values()])
    with pytest.raises(ValueError, match="wall-clock seconds"):
        nd.dump(changed, tmp_path)


def test_a_directory_the_os_refuses_is_a_data_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nd.dump(nd.load(), tmp_path)
    real_stat = Path.stat

    def refuse(path: Path, *, follow_symlinks: bool = True) -> os.stat_result:
        # What a directory without search permission does to every file in it (root, as CI
        # runs, is never refused: the refusal is simulated).
        if path.parent == tmp_path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, follow_symlinks=follow_symlinks)

    monkeypatch.setattr(Path, "stat", refuse)
    with pytest.raises(nd.DataError) as info:
        nd.load(tmp_path)
    assert len(info.value.problems) == len(nd.FILES)
    assert all(p.message == "cannot be read: Permission denied" for p in info.value.problems)
    assert nd.validate(tmp_path) == info.value.problems


def test_a_path_too_long_for_the_os_is_a_data_error(tmp_path: Path) -> None:
    too_long = tmp_path / ("x" * 300) / "data"
    with pytest.raises(nd.DataError, match="cannot be read: File name too long"):
        nd.load(too_long)
    (problem,) = nd.validate(too_long)
    assert problem.file == str(too_long)


def test_a_path_that_is_not_a_path_is_a_type_error() -> None:
    # Ill-typed on purpose (hence the type: ignore): the run time must refuse it too.
    with pytest.raises(TypeError, match="expected a directory path"):
        nd.load(42)  # type: ignore[arg-type]


def test_what_load_accepts_dump_writes_and_load_reads_back(tmp_path: Path) -> None:
    # A file just under the limit as written compactly would pass it once laid out for
    # people: dump then writes it compactly, so the round trip holds at the same limit.
    ds = nd.load()
    compact = {
        name: len(json.dumps(raw, ensure_ascii=False, separators=(",", ":")).encode()) + 1
        for name, raw in raw_files(ds).items()
    }
    limits = nd.Limits(max_file_bytes=max(compact.values()) + 1)
    (tmp_path / "in").mkdir()
    for name, raw in raw_files(ds).items():
        text = json.dumps(raw, ensure_ascii=False, separators=(",", ":")) + "\n"
        (tmp_path / "in" / f"{name}.json").write_text(text, encoding="utf-8")
    loaded = nd.load(tmp_path / "in", limits=limits)
    assert max(len(t.encode()) for t in nd.file_texts(loaded).values()) > limits.max_file_bytes
    nd.dump(loaded, tmp_path / "out", limits=limits)
    assert nd.load(tmp_path / "out", limits=limits) == loaded
    sizes = [p.stat().st_size for p in (tmp_path / "out").iterdir()]
    assert max(sizes) <= limits.max_file_bytes


def test_dump_refuses_a_file_larger_than_the_limit_even_compact(tmp_path: Path) -> None:
    with pytest.raises(nd.DataError, match="would be larger than the 100 byte limit"):
        nd.dump(nd.load(), tmp_path, limits=nd.Limits(max_file_bytes=100))
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("value", [0, -1, 1.5, "8", True])
def test_limits_must_be_positive_whole_numbers(value: object) -> None:
    # Ill-typed on purpose (hence the type: ignore): the run time must refuse it too.
    with pytest.raises(ValueError, match="whole number"):
        nd.Limits(max_problems=value)  # type: ignore[arg-type]


def test_a_larger_limit_lets_a_larger_file_load(tmp_path: Path) -> None:
    nd.dump(nd.load(), tmp_path)
    largest = max(p.stat().st_size for p in tmp_path.iterdir())
    small = nd.Limits(max_file_bytes=largest - 1)
    assert any("byte limit" in p.message for p in nd.validate(tmp_path, limits=small))
    assert nd.load(tmp_path, limits=nd.Limits(max_file_bytes=largest)) == nd.load()


def test_the_collector_runs_again_after_loads_in_threads(tmp_path: Path) -> None:
    import gc

    nd.dump(nd.load(), tmp_path)
    assert gc.isenabled()
    race(lambda: nd.load(tmp_path))
    assert gc.isenabled()
    gc.disable()
    try:
        nd.load(tmp_path)
        assert not gc.isenabled()  # a caller's own choice stays as it was
    finally:
        gc.enable()
    with pytest.raises(nd.DataError):
        nd.load(tmp_path / "missing")
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_schedule_and_a_name_index_are_built(
    tmp_path: Path,
) -> None:
    import gc

    nd.dump(nd.load(), tmp_path)
    ds = nd.load(tmp_path)  # fresh: nothing derived is built yet
    assert gc.isenabled()
    assert len(nd.Schedule(ds.slots)) == len(ds.schedule) > 0
    assert ds.people.lookup("Han So-hee").id == "han-so-hee"
    assert gc.isenabled()


@pytest.mark.parametrize(
    "item",
    [
        "[{}]",  # the costliest JSON per byte found: a list and a dict for five bytes
        "{}",
        "[]",
        "0",
    ],
)
def test_a_file_at_the_size_limit_costs_a_bounded_amount_of_memory(
    tmp_path: Path, item: str
) -> None:
    # What MAX_FILE_BYTES is for: docs/performance.md gives the bound measured at 8 MiB. The
    # ratio to the file's size does not depend on the limit, so a small one keeps this quick.
    import tracemalloc

    limits = nd.Limits(max_file_bytes=512 * 1024)
    nd.dump(nd.load(), tmp_path)
    count = (limits.max_file_bytes - 1) // (len(item) + 1)
    (tmp_path / "quotes.json").write_text("[" + ",".join([item] * count) + "]")
    tracemalloc.start()
    try:
        problems = nd.validate(tmp_path, limits=limits)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(problems) == limits.max_problems + 1
    assert peak <= 40 * limits.max_file_bytes


def test_a_large_limit_costs_no_memory_of_its_own(tmp_path: Path) -> None:
    # Reading up to the limit once set the whole limit aside for every file.
    import tracemalloc

    nd.dump(nd.load(), tmp_path)
    tracemalloc.start()
    try:
        nd.load(tmp_path, limits=nd.Limits(max_file_bytes=2**30))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2**25


def test_a_huge_episode_count_with_a_running_time_costs_no_more_than_a_small_one(
    tmp_path: Path,
) -> None:
    # The running time is one value for every episode: nothing is made per episode the show
    # says it has, only per episode a slot airs.
    import tracemalloc

    files = raw_files(nd.load())
    files["show"]["episode_count"] = 10**15
    write_raw(tmp_path, files)
    tracemalloc.start()
    try:
        loaded = nd.load(tmp_path)
        airings = loaded.schedule.airings()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(airings) == len(nd.load().schedule)
    assert airings[0].end is not None
    assert peak < 2**25
