"""Fuzzing the loader: whatever the files hold, loading gives a dataset or one DataError.

The many-example properties mutate the parsed JSON in memory and hand it to the loader's own
reader, structuring and checking (through ``tests/helpers.py``) without
touching the disk, so a thousand examples take seconds; fewer examples take the whole path
through files on disk.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings

import nevertheless_data as nd

from .helpers import UNREADABLE, build_from_parsed, read_json_bytes
from .strategies import Edit, apply_edits, bundled_files, edits, file_bytes

FILE_NAMES = frozenset(f"{name}.json" for name in nd.FILES)


def build(files: Mapping[str, Any], problems: tuple[nd.Problem, ...] = ()) -> Any:
    """What the loader makes of parsed files: a Dataset, or the DataError it raised."""
    try:
        return build_from_parsed(files, problems)
    except nd.DataError as error:
        return error


def read_edited(files: Mapping[str, Any]) -> Any:
    """What the loader makes of parsed files, each changed one written out as JSON text (so
    that it passes the reader's checks of the text, as from a file) and read back."""
    problems: list[nd.Problem] = []
    raws = {}
    for name, content in files.items():
        if content is not bundled_files()[name]:
            content, found = read_json_bytes(f"{name}.json", json.dumps(content).encode())
            problems.extend(found)
        if content is not UNREADABLE:
            raws[name] = content
    return build(raws, tuple(problems))


def read_bytes(name: str, data: bytes) -> Any:
    """What the loader makes of the bundled files with ``data`` as the file of ``name``."""
    raw, problems = read_json_bytes(f"{name}.json", data)
    files = dict(bundled_files())
    if raw is UNREADABLE:
        del files[name]
    else:
        files[name] = raw
    return build(files, problems)


def check_outcome(outcome: Any) -> None:
    """A DataError names a file, a field path in it and a reason for every problem; a dataset
    that loaded dumps to files that load back to it."""
    if isinstance(outcome, nd.DataError):
        event("rejected with a DataError")
        assert outcome.problems
        for problem in outcome.problems:
            assert problem.file in FILE_NAMES, problem
            stem = problem.file.removesuffix(".json")
            assert problem.path in ("", stem) or problem.path.startswith(
                (f"{stem}.", f"{stem}[")
            ), problem
            assert problem.message.strip(), problem
            assert str(problem) in str(outcome)
    else:
        event("loaded: the change was valid")
        assert isinstance(outcome, nd.Dataset)
        # Encoding to UTF-8 fails on anything dump could not write, such as a lone surrogate.
        again = {
            name.removesuffix(".json"): json.loads(text.encode("utf-8"))
            for name, text in nd.file_texts(outcome).items()
        }
        assert build(again) == outcome


def test_the_unchanged_files_load_to_the_bundled_dataset() -> None:
    assert build(apply_edits(())) == nd.load()
    for name, text in nd.file_texts(nd.load()).items():
        assert read_bytes(name.removesuffix(".json"), text.encode()) == nd.load()


def test_edits_copy_what_they_change() -> None:
    bundled = json.dumps(dict(bundled_files()))
    files = apply_edits(
        [
            Edit("set", "quotes", (0, "speaker"), 5),
            Edit("drop", "people", (0, "name")),
            Edit("swap", "slots", (0, "recurrence"), other=("show", ("network",))),
        ]
    )
    assert files["quotes"][0]["speaker"] == 5
    assert "name" not in files["people"][0]
    assert files["show"]["network"] == bundled_files()["slots"][0]["recurrence"]
    assert json.dumps(dict(bundled_files())) == bundled


@given(edits())
@settings(max_examples=1000)
def test_mutated_files_give_a_dataset_or_a_data_error(changes: tuple[Edit, ...]) -> None:
    check_outcome(read_edited(apply_edits(changes)))


@given(file_bytes())
@settings(max_examples=1000)
def test_any_bytes_in_a_file_give_a_dataset_or_a_data_error(file: tuple[str, bytes]) -> None:
    check_outcome(read_bytes(*file))


@pytest.fixture(scope="module")
def valid_directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("valid")
    nd.dump(nd.load(), directory)
    return directory


def load_or_error(directory: Path) -> Any:
    try:
        return nd.load(directory)
    except nd.DataError as error:
        return error


def outcomes_equal(first: Any, second: Any) -> bool:
    if isinstance(first, nd.DataError) and isinstance(second, nd.DataError):
        return first.problems == second.problems
    return bool(first == second)


@given(file_bytes())
@settings(max_examples=100)
def test_any_bytes_written_to_a_file_give_a_dataset_or_a_data_error(
    valid_directory: Path, file: tuple[str, bytes]
) -> None:
    name, data = file
    path = valid_directory / f"{name}.json"
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        outcome = load_or_error(valid_directory)
    finally:
        path.write_bytes(original)
    check_outcome(outcome)
    assert outcomes_equal(outcome, read_bytes(name, data))


@given(edits())
@settings(max_examples=100)
def test_mutated_files_written_to_disk_give_a_dataset_or_a_data_error(
    valid_directory: Path, changes: tuple[Edit, ...]
) -> None:
    files = apply_edits(changes)
    changed = [name for name in nd.FILES if files[name] is not bundled_files()[name]]
    originals = {name: (valid_directory / f"{name}.json").read_bytes() for name in changed}
    try:
        for name in changed:
            (valid_directory / f"{name}.json").write_text(json.dumps(files[name]), "utf-8")
        outcome = load_or_error(valid_directory)
    finally:
        for name, data in originals.items():
            (valid_directory / f"{name}.json").write_bytes(data)
    check_outcome(outcome)
