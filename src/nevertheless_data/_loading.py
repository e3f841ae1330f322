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
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from attrs import frozen

from ._collector import collector_paused
from ._dataset import Dataset, record_types
from ._errors import DataError, Problem, ProblemLog

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

__all__ = [
    "FILES",
    "MAX_FILE_BYTES",
    "Limits",
    "dump",
    "file_texts",
    "load",
    "validate",
]

StrPath = str | os.PathLike[str]

FILES: Final[Mapping[str, Any]] = MappingProxyType(
    {
        name: kind if name == "show" else tuple[kind, ...]  # type: ignore[valid-type]
        for name, kind in record_types().items()
    }
)
"""Each collection of a dataset, as ``<name>.json`` in its directory, and the type the file
holds (read-only): the fields of :class:`Dataset`, in order."""

MAX_FILE_BYTES: Final = 8 * 1024 * 1024
"""The largest data file the loader reads by default (8 MiB); see :class:`Limits`.

What it bounds is memory: the loader holds one file's parsed JSON at a time, and a file at the
limit costs at most about 35 times its size while it is parsed (the costliest JSON per byte,
items like ``[{}]``, peaks at 272 MiB for 8 MiB); a file of valid records about 6 times."""


@frozen(kw_only=True)
class Limits:
    """How much a dataset directory may ask of :func:`load` and :func:`validate`.

    The defaults keep a hostile or broken directory cheap to reject; raise them to load a
    large dataset of your own: ``nd.load(path, limits=nd.Limits(max_file_bytes=2**30))``.

    ``max_file_bytes``: the largest file read, in bytes. ``max_airings``: the most airings
    the slots may ask for (each is computed at load). ``max_problems``: how many problems a
    :class:`DataError` lists; past it, the loader only counts them, and says how many more.
    """

    max_file_bytes: int = MAX_FILE_BYTES
    max_airings: int = 10_000
    max_problems: int = 100

    def __attrs_post_init__(self) -> None:
        for name in ("max_file_bytes", "max_airings", "max_problems"):
            value = getattr(self, name)
            if type(value) is not int or value < 1:
                raise ValueError(
                    f"Limits.{name} must be a whole number of at least 1, not {value!r}"
                )


_DEFAULT_LIMITS: Final = Limits()

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


def _read_json(entry: Traversable, file: str, log: ProblemLog, limit: int) -> Any:
    """The parsed JSON of one file, or :data:`_UNREADABLE` with its problem logged."""
    try:
        raw = _read_bytes(entry, limit)
    except _Unreadable as exc:
        log.add(file, "", str(exc))
        return _UNREADABLE
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        log.add(file, "", f"not valid UTF-8 at byte {exc.start}")
        return _UNREADABLE
    import json

    try:
        value = json.loads(
            text, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        log.add(file, "", f"not valid JSON at {where}: {exc.msg}")
    except ValueError as exc:
        log.add(file, "", f"not valid JSON: {exc}")
    except RecursionError:
        log.add(file, "", "not valid JSON: nested too deeply")
    else:
        # Only an escape such as "\ud800" can put half a surrogate pair into a string.
        if "\\ud" not in text and "\\uD" not in text:
            return value
        lone = _lone_surrogates(value, file.removesuffix(".json"))
        if not lone:
            return value
        message = "holds half of a UTF-16 surrogate pair (a lone \\udXXX escape): not text"
        for path in lone:
            log.add(file, path, message)
    return _UNREADABLE


class _Unreadable(Exception):
    """Why a file could not be read; the message is the problem's."""


def _read_bytes(entry: Traversable, limit: int) -> bytes:
    from pathlib import Path

    try:
        if not entry.is_file():
            raise _Unreadable("missing: every dataset has this file")
        if isinstance(entry, Path):
            # Refuse a large file before reading it, and read no more than the limit. read(n)
            # sets aside n bytes at once: ask for what the file holds, not for the limit.
            size = entry.stat().st_size
            if size > limit:
                raise _Unreadable(f"larger than the {limit} byte limit")
            with entry.open("rb") as stream:
                raw = stream.read(size + 1)
                if len(raw) > size:  # it grew since: read on, up to the limit
                    raw += stream.read(limit + 1 - len(raw))
        else:
            raw = entry.read_bytes()
    except OSError as exc:
        raise _Unreadable(f"cannot be read: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise _Unreadable(f"larger than the {limit} byte limit")
    return raw


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


def _parse(directory: Traversable, limits: Limits) -> Dataset:
    try:
        is_directory = directory.is_dir()
    except OSError as exc:
        where = str(directory)
        raise DataError([Problem(where, "", f"cannot be read: {exc.strerror or exc}")]) from None
    if not is_directory:
        raise DataError([Problem(str(directory), "", "not a dataset directory")])
    from ._converter import structure_file

    log = ProblemLog(limits.max_problems)
    parts: dict[str, Any] = {}
    with collector_paused():
        for name, kind in FILES.items():
            file = f"{name}.json"
            # One file's parsed JSON at a time: it is several times the size of its records.
            raw = _read_json(directory.joinpath(file), file, log, limits.max_file_bytes)
            if raw is not _UNREADABLE:
                part = structure_file(name, raw, kind, log)
                if part is not None:
                    parts[name] = part
            del raw
        return _assemble(parts, log, limits)


def _build(raws: Mapping[str, Any], log: ProblemLog, limits: Limits) -> Dataset:
    """The dataset of files already parsed, keyed by collection; ``log`` holds the problems
    found reading them (a file missing from ``raws`` could not be read)."""
    from ._converter import structure_file

    parts: dict[str, Any] = {}
    with collector_paused():
        for name, raw in raws.items():
            part = structure_file(name, raw, FILES[name], log)
            if part is not None:
                parts[name] = part
        return _assemble(parts, log, limits)


def _assemble(parts: dict[str, Any], log: ProblemLog, limits: Limits) -> Dataset:
    """The checked dataset of the structured files. The files that structured are checked even
    when others did not, so one run reports every problem; only the checks that need a failed
    file are skipped."""
    from ._integrity import check

    derived = check(parts, log, max_airings=limits.max_airings)
    if log:
        raise DataError(log.result())
    dataset = Dataset(**parts)
    for name, value in derived.items():
        dataset._derived.seed(name, value)
    return dataset


def _bundled_directory() -> Traversable:
    # importlib.resources and pathlib cost more to import than the snapshot takes to read:
    # only the JSON path pays for them.
    from importlib.resources import files

    return files(__package__).joinpath("data")


def _directory(path: StrPath) -> Path:
    from pathlib import Path

    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"expected a directory path, got {path!r}")
    return Path(path)


def load(path: StrPath | None = None, *, limits: Limits | None = None) -> Dataset:
    """The dataset: the bundled one by default, or the one in the directory ``path``.

    The bundled dataset is read once per process and shared: every call, from any thread,
    returns the same object. It comes from a pickled snapshot of its files when the snapshot
    is current, which spares the JSON parse and the import of cattrs (see
    ``nevertheless_data._snapshot``), and from the files otherwise. A directory is read
    afresh on each call, always from its JSON files, within ``limits`` (see :class:`Limits`).

    Raises :class:`DataError`, naming every problem's file, field path and reason, if the
    files are missing, unreadable, malformed or inconsistent.
    """
    global _bundled
    if path is not None:
        return _parse(_directory(path), limits or _DEFAULT_LIMITS)
    if _bundled is None:
        with _bundled_lock:
            if _bundled is None:
                from . import _snapshot

                _bundled = _snapshot.read(FILES) or _parse(_bundled_directory(), _DEFAULT_LIMITS)
    return _bundled


def validate(path: StrPath, *, limits: Limits | None = None) -> tuple[Problem, ...]:
    """Every problem of the dataset directory ``path`` (up to ``limits.max_problems``, then a
    count of the rest); empty when it loads cleanly."""
    try:
        _parse(_directory(path), limits or _DEFAULT_LIMITS)
    except DataError as exc:
        return exc.problems
    return ()


def file_texts(dataset: Dataset, *, limits: Limits | None = None) -> Mapping[str, str]:
    """The text of every file :func:`dump` writes, by file name (``"quotes.json"``).

    The output is deterministic: the same dataset gives the same text on every run. Each file
    is laid out for people to edit, unless that layout would pass ``limits.max_file_bytes``:
    it is then compact JSON, so that :func:`load` reads back whatever it accepted. A file too
    large even then is a :class:`DataError`.
    """
    import json

    from ._converter import converter

    limit = (limits or _DEFAULT_LIMITS).max_file_bytes
    texts: dict[str, str] = {}
    for name, kind in FILES.items():
        value = getattr(dataset, name)
        if isinstance(value, Mapping):
            value = tuple(value.values())
        raw = converter.unstructure(value, kind)
        text = _json_text(raw) + "\n"
        if len(text.encode()) > limit:
            text = json.dumps(raw, ensure_ascii=False, separators=(",", ":")) + "\n"
            if len(text.encode()) > limit:
                problem = Problem(
                    f"{name}.json", "", f"would be larger than the {limit} byte limit"
                )
                raise DataError([problem])
        texts[f"{name}.json"] = text
    return MappingProxyType(texts)


def _json_text(value: Any, indent: str = "") -> str:
    """JSON for people to edit: one field per line, short lists of plain values on one line."""
    return _JsonWriter().text(value, indent)


class _JsonWriter:
    """The layout of :func:`_json_text`, with one encoder for every value: ``json.dumps`` with
    an option builds an encoder per call, and a dump encodes every key and value apart."""

    def __init__(self) -> None:
        import json

        self.encode = json.JSONEncoder(ensure_ascii=False).encode
        self.key = json.JSONEncoder().encode

    def text(self, value: Any, indent: str) -> str:
        inner = indent + "  "
        if isinstance(value, dict):
            if not value:
                return "{}"
            items = (f"{inner}{self.key(k)}: {self.text(v, inner)}" for k, v in value.items())
            return "{\n" + ",\n".join(items) + f"\n{indent}}}"
        if isinstance(value, list):
            if not value:
                return "[]"
            if not any(isinstance(item, dict | list) for item in value):
                flat = self.encode(value)
                if len(flat) + len(inner) <= 100:
                    return flat
            lines = ",\n".join(inner + self.text(v, inner) for v in value)
            return "[\n" + lines + f"\n{indent}]"
        return self.encode(value)


def dump(dataset: Dataset, path: StrPath, *, limits: Limits | None = None) -> None:
    """Write the dataset to the directory ``path`` (created if needed) in the loader's format:
    the files of :func:`file_texts`."""
    texts = file_texts(dataset, limits=limits)
    directory = _directory(path)
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (directory / name).write_text(text, encoding="utf-8", newline="\n")
