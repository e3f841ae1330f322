"""The snapshot of the bundled dataset: current, equal to its JSON files, and never trusted blindly.

``load()`` takes the bundled dataset from ``_bundled.pickle`` when the snapshot matches the
data files and the models; otherwise, or when it is missing, corrupt or foreign, it reads the
JSON files as ``load(path)`` always does.
"""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from importlib.resources.abc import Traversable
from pathlib import Path

import pytest

import nevertheless_data as nd

from .helpers import forget_bundled, replace_parse
from .helpers import snapshot as _snapshot

DATA = Path(_snapshot.__file__).parent / "data"
REGENERATE = "python -m nevertheless_data._snapshot"


@pytest.fixture
def fresh_load(monkeypatch: pytest.MonkeyPatch) -> Callable[[], nd.Dataset]:
    """``load()`` as in a new process: the shared bundled dataset forgotten (and restored
    after the test)."""

    def load() -> nd.Dataset:
        forget_bundled(monkeypatch)
        return nd.load()

    return load


def snapshot_bytes() -> bytes:
    return (Path(_snapshot.__file__).parent / _snapshot.SNAPSHOT).read_bytes()


def serve_snapshot(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Make the snapshot file read as ``data``; every other package file reads as it is."""
    real = _snapshot._read_package_file

    def read(*parts: str) -> bytes:
        return data if parts == (_snapshot.SNAPSHOT,) else real(*parts)

    monkeypatch.setattr(_snapshot, "_read_package_file", read)


def test_the_committed_snapshot_is_current() -> None:
    assert _snapshot.read(nd.FILES) is not None, (
        f"the snapshot does not match the data files or the models: run {REGENERATE}"
    )


def test_the_snapshot_equals_what_the_json_files_load_to() -> None:
    from_json = nd.load(DATA)
    from_snapshot = _snapshot.read(nd.FILES)
    assert from_snapshot == from_json, f"the snapshot is out of date: run {REGENERATE}"
    assert nd.file_texts(from_snapshot) == nd.file_texts(from_json)


def test_load_takes_the_snapshot(
    monkeypatch: pytest.MonkeyPatch, fresh_load: Callable[[], nd.Dataset]
) -> None:
    expected = nd.load(DATA)

    def no_json(directory: object, limits: nd.Limits) -> nd.Dataset:
        raise AssertionError("load() parsed the JSON files although the snapshot is current")

    replace_parse(monkeypatch, no_json)
    assert fresh_load() == expected
    assert nd.load() is nd.load()


def test_a_missing_snapshot_falls_back_to_the_json_files(
    monkeypatch: pytest.MonkeyPatch, fresh_load: Callable[[], nd.Dataset]
) -> None:
    monkeypatch.setattr(_snapshot, "SNAPSHOT", "no-such-snapshot.pickle")
    parsed: list[object] = []

    def parse(directory: Traversable, limits: nd.Limits) -> nd.Dataset:
        parsed.append(directory)
        return real_parse(directory, limits)

    real_parse = replace_parse(monkeypatch, parse)
    assert _snapshot.read(nd.FILES) is None
    assert fresh_load() == nd.load(DATA)
    assert len(parsed) == 2  # the bundled files, then DATA


def test_a_stale_snapshot_falls_back_to_the_json_files(
    monkeypatch: pytest.MonkeyPatch, fresh_load: Callable[[], nd.Dataset]
) -> None:
    # The snapshot was made from other files than the ones the package now holds.
    real = _snapshot._read_package_file

    def edited(*parts: str) -> bytes:
        data = real(*parts)
        return (
            data.replace(b'"Nevertheless"', b'"Nevertheless!"', 1)
            if parts
            == (
                "data",
                "show.json",
            )
            else data
        )

    monkeypatch.setattr(_snapshot, "_read_package_file", edited)
    assert _snapshot.read(nd.FILES) is None
    assert fresh_load() == nd.load(DATA)


def test_a_snapshot_of_other_models_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_snapshot, "_schema", lambda: (("a model", ("with other fields",)),))
    assert _snapshot.read(nd.FILES) is None


@pytest.mark.parametrize(
    "data",
    [b"", b"not a pickle", snapshot_bytes()[:100], snapshot_bytes()[:-100]],
    ids=["empty", "junk", "header cut", "dataset cut"],
)
def test_a_corrupt_snapshot_falls_back_to_the_json_files(
    monkeypatch: pytest.MonkeyPatch, fresh_load: Callable[[], nd.Dataset], data: bytes
) -> None:
    serve_snapshot(monkeypatch, data)
    assert _snapshot.read(nd.FILES) is None
    assert fresh_load() == nd.load(DATA)


class _Foreign:
    """Unpickles into a call of ``os.getcwd``: any callable but the package's own."""

    def __reduce__(self) -> tuple[Callable[[], str], tuple[()]]:
        return os.getcwd, ()


@pytest.mark.parametrize(
    "payload",
    [_Foreign(), nd.load().show.titles[0].kind, (getattr, (nd.Show, "__init__"))],
    ids=["os.getcwd", "an enum", "builtins.getattr"],
)
def test_the_snapshot_resolves_only_the_package_classes(
    monkeypatch: pytest.MonkeyPatch, payload: object
) -> None:
    # A valid header followed by a payload that is not the package's dataset.
    buffer = io.BytesIO()
    pickle.dump(_snapshot._header(_snapshot._source_files(nd.FILES)), buffer, protocol=5)
    pickle.dump(payload, buffer, protocol=5)
    serve_snapshot(monkeypatch, buffer.getvalue())
    assert _snapshot.read(nd.FILES) is None


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("os", "system"),
        ("builtins", "getattr"),
        ("builtins", "eval"),
        ("zoneinfo._zoneinfo", "ZoneInfo._unpickle"),
        # What the package's modules import is in their namespace, but not theirs to give.
        ("nevertheless_data._models", "frozen"),
        ("nevertheless_data._models", "ZoneInfo"),
        ("nevertheless_data._models", "Show.__init__"),
        ("nevertheless_data._snapshot", "read"),
        # Of the models' helpers, only the one that restores a pickled record.
        ("nevertheless_data._models", "_refusing_reinit"),
        ("nevertheless_data._models", "_set_attribute"),
    ],
)
def test_the_unpickler_resolves_nothing_outside_its_list(module: str, name: str) -> None:
    unpickler = _snapshot._OwnClassesUnpickler(io.BytesIO(b""))
    with pytest.raises(pickle.UnpicklingError, match=f"may not refer to {module}.{name}"):
        unpickler.find_class(module, name)


def test_the_unpickler_resolves_the_model_classes_and_dates() -> None:
    unpickler = _snapshot._OwnClassesUnpickler(io.BytesIO(b""))
    assert unpickler.find_class("nevertheless_data._models", "Quote") is nd.Quote
    assert unpickler.find_class("nevertheless_data._dataset", "Dataset") is nd.Dataset
    assert unpickler.find_class("datetime", "date").__name__ == "date"
    restore = unpickler.find_class("nevertheless_data._models", "_restore")
    assert (restore.__module__, restore.__name__) == ("nevertheless_data._models", "_restore")


# Modules whose import costs more than loading the snapshot takes: the bundled path never
# needs them (the JSON files, their parser and their converter are the fallback's).
_NOT_ON_THE_BUNDLED_PATH = (
    "cattrs",
    "json",
    "nevertheless_data._converter",
    "nevertheless_data._integrity",
    "importlib.resources",
    "importlib.metadata",
    "pathlib",
    # The snapshot is read through the C unpickler that pickle.py re-exports.
    "pickle",
)


def test_a_cold_load_imports_neither_cattrs_nor_the_json_parser() -> None:
    code = (
        "import sys, nevertheless_data as nd\n"
        "nd.load()\n"
        f"print(sorted(m for m in {_NOT_ON_THE_BUNDLED_PATH!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout == "[]\n"
