"""The one place the tests reach the library's internals.

Test modules use the public API (``import nevertheless_data as nd``). Where a test must look
behind it (the converter's two paths, the pickled snapshot, the romanization tables), it calls
a function here, so that what the tests depend on beyond the public API is listed in one file.
Test modules do not import each other: shared test code lives here or in ``strategies.py``.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import nevertheless_data as nd

# --- the converter and the loader ---------------------------------------------------------------


def fast_structure(name: str, raw: Any) -> Any:
    """What the converter's fast path makes of one file's parsed JSON; raises at a problem."""
    from nevertheless_data._converter import converter

    return converter.structure(raw, nd.FILES[name])


def walked_structure(
    name: str, raw: Any, limit: int = 10_000
) -> tuple[Any, tuple[nd.Problem, ...]]:
    """What the detailed walk alone makes of one file's parsed JSON: the records (``None``
    where anything failed) and every problem it logged, up to ``limit``."""
    from nevertheless_data._converter import _FAILED, _Stop, _Walk
    from nevertheless_data._errors import ProblemLog
    from nevertheless_data._format import unwrap

    log = ProblemLog(limit)
    walk = _Walk(f"{name}.json", log)
    kind, _, many = unwrap(nd.FILES[name])
    try:
        if not many:
            value = walk.record(raw, kind, name)
        elif not isinstance(raw, list):
            walk.report(name, "expected a list")
            value = _FAILED
        else:
            items = [walk.record(item, kind, f"{name}[{i}]") for i, item in enumerate(raw)]
            value = _FAILED if any(item is _FAILED for item in items) else tuple(items)
    except _Stop:
        value = _FAILED
    return (None if value is _FAILED else value), log.result()


def structure_file(name: str, raw: Any, limit: int = 100) -> tuple[Any, tuple[nd.Problem, ...]]:
    """What the loader makes of one file's parsed JSON: the records or ``None``, and the
    problems, with the loader's bound of ``limit`` problems."""
    from nevertheless_data._converter import structure_file as structure
    from nevertheless_data._errors import ProblemLog

    log = ProblemLog(limit)
    return structure(name, raw, nd.FILES[name], log), log.result()


def generated_structure_functions() -> int:
    """How many classes have a generated fast-path function so far."""
    from nevertheless_data._converter import _FAST

    return len(_FAST)


# --- the pickled snapshot -----------------------------------------------------------------------


def snapshot_module() -> Any:
    """The module that reads and writes the bundled snapshot (``_snapshot``)."""
    from nevertheless_data import _snapshot

    return _snapshot


class _InMemoryFile:
    """Just enough of a :class:`~importlib.resources.abc.Traversable` for the file reader."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def is_file(self) -> bool:
        return True

    def read_bytes(self) -> bytes:
        return self.data


UNREADABLE: Any = object()
"""What :func:`read_json_bytes` gives for a file the loader would refuse to read."""


def read_json_bytes(file: str, data: bytes) -> tuple[Any, tuple[nd.Problem, ...]]:
    """The loader's reading of one file's bytes, without the disk: its parsed JSON (or
    :data:`UNREADABLE`) and the problems found."""
    from nevertheless_data import _loading
    from nevertheless_data._errors import ProblemLog

    log = ProblemLog(nd.Limits().max_problems)
    raw = _loading._read_json(_InMemoryFile(data), file, log, nd.MAX_FILE_BYTES)
    return (UNREADABLE if raw is _loading._UNREADABLE else raw), log.result()


def build_from_parsed(files: Mapping[str, Any], problems: Iterable[nd.Problem] = ()) -> nd.Dataset:
    """The loader's structuring and checking of parsed files (keyed by collection), without
    the disk; ``problems`` are those found reading the files. Raises :class:`nd.DataError`."""
    from nevertheless_data import _loading
    from nevertheless_data._errors import ProblemLog

    limits = nd.Limits()
    log = ProblemLog(limits.max_problems)
    for problem in problems:
        log.add(problem.file, problem.path, problem.message)
    return _loading._build(files, log, limits)


def structure_record(raw: Any, cls: type) -> Any:
    """One record of ``cls`` from parsed JSON through the converter; raises at a problem."""
    from nevertheless_data._converter import converter

    return converter.structure(raw, cls)


def loading_module() -> Any:
    """The module that reads, checks and writes dataset directories (``_loading``)."""
    from nevertheless_data import _loading

    return _loading


# --- races ------------------------------------------------------------------------------------

THREADS = 8
"""How many threads :func:`race` starts."""


def race(task: Callable[[], Any], threads: int = THREADS) -> list[Any]:
    """``task``'s result in each of ``threads`` threads started at once."""
    barrier = threading.Barrier(threads)
    results: list[Any] = [None] * threads
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        barrier.wait()
        try:
            results[index] = task()
        except BaseException as error:  # collected, re-raised in the test's thread
            errors.append(error)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
    finally:
        sys.setswitchinterval(switch)
    if errors:
        raise errors[0]
    return results
