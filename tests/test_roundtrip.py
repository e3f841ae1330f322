"""Round trips: load, dump, load is equal; dump writes the same bytes every time, in any process.

Equality of load(dump(ds)) with ds for generated datasets is in test_loading; here the bytes:
two dumps into two directories, a dump of the reloaded dataset, and a dump made by another
interpreter with another hash seed (string hashing orders sets and dicts built from sets).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nevertheless_data as nd

from .strategies import datasets


def files_of(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def dump_elsewhere(dataset: nd.Dataset, directory: Path, hash_seed: int) -> dict[str, bytes]:
    """The files another interpreter, with string hashing seeded by ``hash_seed``, dumps."""
    (directory / "dataset.pickle").write_bytes(pickle.dumps(dataset))
    script = (
        "import pickle, sys; import nevertheless_data as nd; "
        "ds = pickle.loads(open(sys.argv[1], 'rb').read()); nd.dump(ds, sys.argv[2])"
    )
    out = directory / "out"
    env = {**os.environ, "PYTHONHASHSEED": str(hash_seed)}
    subprocess.run(
        [sys.executable, "-c", script, str(directory / "dataset.pickle"), str(out)],
        env=env,
        check=True,
    )
    return files_of(out)


def assert_dumps_are_identical(dataset: nd.Dataset, root: Path) -> None:
    first, second, again = root / "first", root / "second", root / "again"
    nd.dump(dataset, first)
    nd.dump(dataset, second)
    assert files_of(first) == files_of(second)
    assert set(files_of(first)) == {f"{name}.json" for name in nd.FILES}
    reloaded = nd.load(first)
    assert reloaded == dataset
    nd.dump(reloaded, again)
    assert files_of(again) == files_of(first)
    texts = {name: text.encode("utf-8") for name, text in nd.file_texts(dataset).items()}
    assert texts == files_of(first)


def test_the_bundled_dataset_round_trips_byte_for_byte(tmp_path: Path) -> None:
    assert_dumps_are_identical(nd.load(), tmp_path)
    bundled = Path(nd.__file__).parent / "data"
    assert files_of(tmp_path / "first") == {
        name: data for name, data in files_of(bundled).items() if name.endswith(".json")
    }


@pytest.mark.parametrize("hash_seed", [0, 1, 4_294_967_295])
def test_another_process_dumps_the_bundled_dataset_to_the_same_bytes(
    tmp_path: Path, hash_seed: int
) -> None:
    nd.dump(nd.load(), tmp_path / "here")
    assert dump_elsewhere(nd.load(), tmp_path, hash_seed) == files_of(tmp_path / "here")


@given(datasets(), st.uuids())
@settings(max_examples=30)
def test_generated_datasets_round_trip_byte_for_byte(
    tmp_path_factory: pytest.TempPathFactory, dataset: nd.Dataset, token: object
) -> None:
    assert_dumps_are_identical(dataset, tmp_path_factory.mktemp(f"dumps-{token}"))


@given(datasets(), st.integers(0, 4_294_967_295), st.uuids())
@settings(max_examples=5)
def test_another_process_dumps_a_generated_dataset_to_the_same_bytes(
    tmp_path_factory: pytest.TempPathFactory, dataset: nd.Dataset, hash_seed: int, token: object
) -> None:
    root = tmp_path_factory.mktemp(f"elsewhere-{token}")
    nd.dump(dataset, root / "here")
    assert dump_elsewhere(dataset, root, hash_seed) == files_of(root / "here")
