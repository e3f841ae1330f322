"""Concurrency: the first load() races in a fresh process; lookups and the schedule race on a
fresh dataset. Threads start together on a barrier, with a tiny switch interval so that they
interleave as much as the interpreter allows."""

from __future__ import annotations

import functools
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import nevertheless_data as nd

from .helpers import THREADS, fresh_process_source, race

# {fresh}: the package imported, nothing loaded yet, and on the JSON path no snapshot, so that
# every thread races to parse the JSON files.
RACE = textwrap.dedent(
    """
    import sys
    import threading

    sys.setswitchinterval(1e-6)
    {fresh}
    barrier = threading.Barrier({threads})
    results = [None] * {threads}

    def worker(index):
        barrier.wait()
        results[index] = nd.load()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range({threads})]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    distinct = len({{id(result) for result in results}})
    print(distinct, results[0] is nd.load(), len(results[0].quotes))
    """
)


@pytest.mark.parametrize("path", ["snapshot", "json"])
def test_the_first_load_in_a_fresh_process_gives_every_thread_one_object(path: str) -> None:
    script = RACE.format(fresh=fresh_process_source(snapshot=path == "snapshot"), threads=THREADS)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["1", "True", str(len(nd.load().quotes))]


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    nd.dump(nd.load(), tmp_path)
    return tmp_path


QUERIES = ("Sohee Han", "Han So-hee", "한소희", "song kang", "Kim Ga-ram", "PD Kim Ga-ram")


def lookup_queries(ds: nd.Dataset) -> list[str]:
    """The id of the person each of :data:`QUERIES` finds in ``ds``."""
    return [ds.people.lookup(query).id for query in QUERIES]


def test_lookups_while_the_name_index_is_being_built(directory: Path) -> None:
    for _ in range(5):  # each round a fresh dataset, its index not built yet
        ds = nd.load(directory)
        expected = lookup_queries(nd.load())
        results = race(functools.partial(lookup_queries, ds))
        assert results == [expected] * THREADS
        characters = race(functools.partial(ds.characters.lookup, "Nabi"))
        assert all(record is ds.characters["yoo-na-bi"] for record in characters)


def test_misses_and_searches_while_the_name_index_is_being_built(directory: Path) -> None:
    ds = nd.load(directory)

    def miss_and_search() -> tuple[tuple[str, ...], tuple[str, ...]]:
        with pytest.raises(nd.NameNotFound) as info:
            ds.people.lookup("Han Sohi")
        return info.value.suggestions, tuple(m.record.id for m in ds.people.search("Han So"))

    results = race(miss_and_search)
    assert results == [results[0]] * THREADS
    assert "Han So-hee" in results[0][0]


def test_the_schedule_is_built_once_however_many_threads_ask(directory: Path) -> None:
    ds = nd.load(directory)
    schedules = race(lambda: ds.schedule, threads=16)
    assert all(schedule is schedules[0] for schedule in schedules)
    assert schedules[0] is ds.schedule
    assert schedules[0] == nd.load().schedule


def test_threads_loading_one_directory_get_equal_datasets(directory: Path) -> None:
    datasets = race(lambda: nd.load(directory))
    assert all(dataset == nd.load() for dataset in datasets)
    assert len({id(dataset) for dataset in datasets}) == THREADS
