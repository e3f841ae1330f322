"""Dataset files -> the library's converter -> a checked :class:`Dataset`, and back.

A dataset is a directory of JSON files, one per collection (see :data:`FILES`). The bundled
one ships inside the package and is read through :mod:`importlib.resources`, so it loads from
a wheel or a zip as well as from a checkout.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from ._dataset import Dataset
from ._errors import DataError, Problem
from ._models import (
    BroadcastSlot,
    CastCredit,
    Character,
    CrewCredit,
    Dispute,
    Episode,
    Event,
    Fact,
    Person,
    Quote,
    Show,
    Source,
)
from ._registry import Registry

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

__all__ = [
    "FILES",
    "MAX_FILE_BYTES",
    "dump",
    "dumps",
    "load",
    "load_cast",
    "load_quotes",
    "load_show",
    "load_slots",
    "validate",
]

StrPath = str | os.PathLike[str]

FILES: Final[Mapping[str, Any]] = {
    "show": Show,
    "sources": tuple[Source, ...],
    "people": tuple[Person, ...],
    "characters": tuple[Character, ...],
    "cast": tuple[CastCredit, ...],
    "crew": tuple[CrewCredit, ...],
    "events": tuple[Event, ...],
    "quotes": tuple[Quote, ...],
    "episodes": tuple[Episode, ...],
    "slots": tuple[BroadcastSlot, ...],
    "disputes": tuple[Dispute, ...],
    "facts": tuple[Fact, ...],
}
"""Each collection of a dataset, as ``<name>.json`` in the directory, and the type it holds."""

MAX_FILE_BYTES: Final = 8 * 1024 * 1024
"""The largest data file the loader reads (8 MiB); a larger one is a :class:`DataError`."""

_REGISTRIES: Final = ("sources", "people", "characters")

# What _read_json returns for a file it could not read (JSON's null is a value).
_UNREADABLE: Final[Any] = object()

_bundled: Dataset | None = None
_bundled_lock = threading.Lock()


class _DuplicateKey(ValueError):
    pass


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        counts = Counter(key for key, _ in pairs)
        key = next(key for key, count in counts.items() if count > 1)
        raise _DuplicateKey(f"key {key!r} appears twice in one object")
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a valid JSON number")


def _read_json(entry: Traversable, file: str, problems: list[Problem]) -> Any:
    import json
    from pathlib import Path

    if not entry.is_file():
        problems.append(Problem(file, "", "missing: every dataset has this file"))
        return _UNREADABLE
    if isinstance(entry, Path) and entry.stat().st_size > MAX_FILE_BYTES:
        problems.append(Problem(file, "", f"larger than the {MAX_FILE_BYTES} byte limit"))
        return _UNREADABLE
    try:
        raw = entry.read_bytes()
    except OSError as exc:
        problems.append(Problem(file, "", f"cannot be read: {exc.strerror or exc}"))
        return _UNREADABLE
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Problem(file, "", f"larger than the {MAX_FILE_BYTES} byte limit"))
        return _UNREADABLE
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(file, "", f"not valid UTF-8 at byte {exc.start}"))
        return _UNREADABLE
    try:
        value = json.loads(
            text, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        problems.append(Problem(file, "", f"not valid JSON at {where}: {exc.msg}"))
    except (_DuplicateKey, ValueError) as exc:
        problems.append(Problem(file, "", f"not valid JSON: {exc}"))
    except RecursionError:
        problems.append(Problem(file, "", "not valid JSON: nested too deeply"))
    else:
        # Only an escape such as "\ud800" can put half a surrogate pair into a string.
        if "\\ud" not in text and "\\uD" not in text:
            return value
        lone = _lone_surrogates(value, file.removesuffix(".json"))
        if not lone:
            return value
        message = "holds half of a UTF-16 surrogate pair (a lone \\udXXX escape): not text"
        problems.extend(Problem(file, path, message) for path in lone)
    return _UNREADABLE


def _lone_surrogates(value: Any, path: str) -> list[str]:
    """The path of every string (or object with such a key) in parsed JSON that holds a lone
    surrogate: no UTF-8 file can hold it, so it could never be dumped back."""
    found: list[str] = []
    # Iterative: the JSON may be nested as deeply as json.loads allows.
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str) and not _is_text(value):
            found.append(path)
        elif isinstance(value, dict):
            if not all(_is_text(key) for key in value):
                found.append(path)
            items = [(f"{path}.{key}", item) for key, item in value.items() if _is_text(key)]
            stack.extend(reversed(items))
        elif isinstance(value, list):
            stack.extend(reversed([(f"{path}[{i}]", item) for i, item in enumerate(value)]))
    return found


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _structure(name: str, raw: Any, problems: list[Problem]) -> Any:
    from cattrs.errors import BaseValidationError

    from ._converter import InvalidValue, converter, problems_of

    file = f"{name}.json"
    try:
        return converter.structure(raw, FILES[name])
    except (BaseValidationError, InvalidValue) as exc:
        problems.extend(Problem(file, path, message) for path, message in problems_of(exc, name))
    except RecursionError:
        problems.append(Problem(file, name, "nested too deeply"))
    return None


def _parse(directory: Traversable) -> Dataset:
    if not directory.is_dir():
        raise DataError([Problem(str(directory), "", "not a dataset directory")])
    problems: list[Problem] = []
    raws: dict[str, Any] = {}
    for name in FILES:
        raw = _read_json(directory.joinpath(f"{name}.json"), f"{name}.json", problems)
        if raw is not _UNREADABLE:
            raws[name] = raw
    return _build(raws, problems)


def _build(raws: Mapping[str, Any], problems: list[Problem]) -> Dataset:
    """The dataset of the files' parsed JSON, keyed by collection; ``problems`` so far come first.

    A file missing from ``raws`` could not be read (its problem is in ``problems``). The files
    that structure are checked even when others did not, so one run reports every problem;
    only the checks that need a failed file are skipped.
    """
    from ._integrity import check

    parts: dict[str, Any] = {}
    for name, raw in raws.items():
        part = _structure(name, raw, problems)
        if part is not None:
            parts[name] = part
    problems.extend(check(parts))
    if problems:
        raise DataError(problems)
    for name in _REGISTRIES:
        parts[name] = Registry(parts[name])
    return Dataset(**parts)


def _bundled_directory() -> Traversable:
    # importlib.resources and pathlib cost more to import than the snapshot takes to read:
    # only the JSON path pays for them.
    from importlib.resources import files

    return files(__package__).joinpath("data")


def _directory(path: StrPath) -> Path:
    from pathlib import Path

    return Path(path)


def load(path: StrPath | None = None) -> Dataset:
    """The dataset: the bundled one by default, or the one in the directory ``path``.

    The bundled dataset is read once per process and shared: every call, from any thread,
    returns the same object. It comes from a pickled snapshot of its files when the snapshot
    is current, which spares the JSON parse and the import of cattrs (see
    ``nevertheless_data._snapshot``), and from the files otherwise. A directory is read
    afresh on each call, always from its JSON files.

    Raises :class:`DataError`, naming every problem's file, field path and reason, if the
    files are missing, malformed or inconsistent.
    """
    global _bundled
    if path is not None:
        return _parse(_directory(path))
    if _bundled is None:
        with _bundled_lock:
            if _bundled is None:
                from . import _snapshot

                _bundled = _snapshot.read(FILES) or _parse(_bundled_directory())
    return _bundled


def load_show(path: StrPath | None = None) -> Show:
    """The show record of :func:`load`."""
    return load(path).show


def load_cast(path: StrPath | None = None) -> tuple[CastCredit, ...]:
    """The cast credits of :func:`load`, in billing order as the data lists them."""
    return load(path).cast


def load_quotes(path: StrPath | None = None) -> tuple[Quote, ...]:
    """The quotes of :func:`load`."""
    return load(path).quotes


def load_slots(path: StrPath | None = None) -> tuple[BroadcastSlot, ...]:
    """The broadcast slots of :func:`load`."""
    return load(path).slots


def validate(path: StrPath) -> tuple[Problem, ...]:
    """Every problem of the dataset directory ``path``; empty when it loads cleanly."""
    try:
        _parse(_directory(path))
    except DataError as exc:
        return exc.problems
    return ()


def dumps(dataset: Dataset) -> dict[str, str]:
    """The dataset as file texts, keyed by file name: exactly what :func:`dump` writes.

    The output is deterministic: the same dataset gives the same bytes on every run.
    """
    from ._converter import converter

    texts: dict[str, str] = {}
    for name, kind in FILES.items():
        value = getattr(dataset, name)
        if name in _REGISTRIES:
            value = tuple(value)
        raw = converter.unstructure(value, kind)
        texts[f"{name}.json"] = _json_text(raw) + "\n"
    return texts


def _json_text(value: Any, indent: str = "") -> str:
    """JSON for people to edit: one field per line, short lists of plain values on one line."""
    import json

    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{inner}{json.dumps(k)}: {_json_text(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        if not any(isinstance(item, (dict, list)) for item in value):
            flat = json.dumps(value, ensure_ascii=False)
            if len(flat) + len(inner) <= 100:
                return flat
        return "[\n" + ",\n".join(inner + _json_text(v, inner) for v in value) + f"\n{indent}]"
    return json.dumps(value, ensure_ascii=False)


def dump(dataset: Dataset, path: StrPath) -> None:
    """Write the dataset to the directory ``path`` (created if needed) in the loader's format."""
    directory = _directory(path)
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in dumps(dataset).items():
        (directory / name).write_text(text, encoding="utf-8", newline="\n")
