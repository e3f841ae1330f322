"""The one place the tests reach the package's internals, and the helpers tests share.

Test modules use the public API (``nevertheless_data`` as ``nd``, ``nevertheless_data.cli.main``
and ``nevertheless_data.ical``) and this module; they never import private modules
(``nevertheless_data._x``, ``nevertheless_data.cli._x``) or each other, except that any test
module may import the Hypothesis strategies of ``strategies`` (test support, which imports
from here too). Each helper here says why a test needs it: an internal that the public API does
not show (the converter's two paths, a count of the work done, a placement made once and handed
on), or a small tool several test modules would otherwise copy. Each area's helpers sit in a
block of their own.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import pkgutil
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import IO, TYPE_CHECKING, Any, Literal, TypeVar, overload

import attrs

import nevertheless_data as nd
from nevertheless_data import _snapshot
from nevertheless_data._hangul import (
    FAMILY_NAMES as FAMILY_NAMES,
)
from nevertheless_data._hangul import (
    FINALS as FINALS,
)
from nevertheless_data._hangul import (
    INITIALS as INITIALS,
)
from nevertheless_data._hangul import (
    MEDIALS as MEDIALS,
)
from nevertheless_data._hangul import (
    compose_syllable as compose_syllable,
)
from nevertheless_data._hangul import (
    decompose_syllable as decompose_syllable,
)
from nevertheless_data._hangul import (
    romanize_syllable as romanize_syllable,
)
from nevertheless_data._hangul import (
    split_name as split_name,
)
from nevertheless_data._name_index import NameIndex as NameIndex
from nevertheless_data._name_index import lookup_in as lookup_in
from nevertheless_data._name_keys import ROLE_WORDS as ROLE_WORDS
from nevertheless_data._name_keys import SYLLABLE_SPELLINGS as SYLLABLE_SPELLINGS
from nevertheless_data._name_keys import aligned_hangul as aligned_hangul
from nevertheless_data._name_keys import class_spellings as class_spellings
from nevertheless_data._name_keys import family_spellings as family_spellings
from nevertheless_data._name_keys import name_key as name_key
from nevertheless_data._name_keys import structure as structure
from nevertheless_data._name_keys import syllable_class as syllable_class
from nevertheless_data._name_keys import syllable_classes as syllable_classes
from nevertheless_data._recurrence import MAX_AIRINGS as MAX_AIRINGS
from nevertheless_data._recurrence import Placement as Placement
from nevertheless_data._recurrence import Unplaced as Unplaced
from nevertheless_data._recurrence import place as place
from nevertheless_data._zones import iana_keys as iana_keys
from nevertheless_data._zones import zone as zone
from nevertheless_data.cli._output import display_width as display_width
from nevertheless_data.cli._output import table as table
from nevertheless_data.cli._parser import EXIT_STATUS as EXIT_STATUS
from nevertheless_data.cli._parser import STATUSES as STATUSES
from nevertheless_data.cli._parser import build_parser as build_parser
from nevertheless_data.cli._parser import subparsers as subparsers
from nevertheless_data.cli._zones import local_zone as local_zone

if TYPE_CHECKING:
    import pytest

_T = TypeVar("_T")

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


class _InMemoryFile(Traversable):
    """A file held in memory, read as the loader reads the package's files."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    @property
    def name(self) -> str:
        return "in-memory.json"

    def is_file(self) -> bool:
        return True

    def is_dir(self) -> bool:
        return False

    def iterdir(self) -> Iterator[Traversable]:
        raise NotADirectoryError(self.name)

    def joinpath(self, *descendants: str | os.PathLike[str]) -> Traversable:
        raise NotADirectoryError(self.name)

    @overload
    def open(
        self, mode: Literal["r"] = "r", *, encoding: str | None = None, errors: str | None = None
    ) -> IO[str]: ...
    @overload
    def open(self, mode: Literal["rb"]) -> IO[bytes]: ...
    def open(
        self, mode: str = "r", *, encoding: str | None = None, errors: str | None = None
    ) -> IO[Any]:
        stream = io.BytesIO(self.data)
        return stream if mode == "rb" else io.TextIOWrapper(stream, encoding, errors)

    def read_bytes(self) -> bytes:
        return self.data

    def read_text(self, encoding: str | None = None) -> str:
        return self.data.decode(encoding or "utf-8")


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


# --- the pickled snapshot and the bundled dataset ---------------------------------------------
# The functions below put a test where a new process's first load() would be: the bundled
# dataset a process keeps after its first load() is not public.

snapshot = _snapshot
"""The module that reads the bundled snapshot: test_snapshot.py tests the reader itself (its
header, its restricted unpickler, its fallbacks), which the public API shows only as a quick
``load()``."""


def forget_bundled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the next ``load()`` a new process's first: the bundled dataset this process keeps
    is forgotten (and restored after the test)."""
    from nevertheless_data import _loading

    monkeypatch.setattr(_loading, "_bundled", None)


def bundled_kept() -> bool:
    """Whether this process keeps the bundled dataset (a first ``load()`` succeeded)."""
    from nevertheless_data import _loading

    return _loading._bundled is not None


def no_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``load()`` find no snapshot, so that it parses the bundled JSON files."""
    monkeypatch.setattr(snapshot, "read", lambda names: None)


def serve_bundled_files(monkeypatch: pytest.MonkeyPatch, directory: Path) -> None:
    """Make ``load()`` take the bundled dataset's JSON files from ``directory``."""
    from nevertheless_data import _loading

    monkeypatch.setattr(_loading, "_bundled_directory", lambda: directory)


Parse = Callable[[Traversable, nd.Limits], nd.Dataset]
"""How the loader parses a dataset directory's files into a dataset."""


def replace_parse(monkeypatch: pytest.MonkeyPatch, parse: Parse) -> Parse:
    """Make the loader parse dataset directories (the bundled one too) with ``parse``; gives
    the loader's own, for ``parse`` to call on."""
    from nevertheless_data import _loading

    real = _loading._parse
    monkeypatch.setattr(_loading, "_parse", parse)
    return real


def fresh_process_source(*, snapshot: bool) -> str:
    """The opening lines of a script for a new process (``python -c``): they import the
    package as ``nd`` and check that nothing is loaded yet; without ``snapshot``, the first
    ``load()`` parses the JSON files. Source, not a call of this module's functions: importing
    this module would import modules that the first ``load()`` must import itself."""
    lines = [
        "import nevertheless_data as nd",
        "from nevertheless_data import _loading, _snapshot",
        "assert _loading._bundled is None",
    ]
    if not snapshot:
        lines.append("_snapshot.read = lambda names: None")
    return "\n".join(lines) + "\n"


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


# --- schedule: placement, zones, and counting what a query reads ----------------------------
# place, Placement, Unplaced and MAX_AIRINGS (imported above): the placement the integrity
# check and the schedule share, with its counts of the work done (links followed, wall times
# resolved). zone and iana_keys: the one zone parser, and the keys it accepts.


def schedule_from_placement(
    placement: Placement, disputes: Iterable[nd.Dispute] = ()
) -> nd.Schedule:
    """The schedule a loaded dataset builds from the placement of its integrity check."""
    return nd.Schedule._from_placement(placement, disputes)


def write_raw(directory: Path, files: Mapping[str, object]) -> Path:
    """Write each ``name: content`` of ``files`` as ``directory/name.json``."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (directory / f"{name}.json").write_text(json.dumps(content), encoding="utf-8")
    return directory


class CountingSequence(Sequence[_T]):
    """A read-only sequence that counts the elements read from it (a slice counts each)."""

    def __init__(self, items: Sequence[_T]) -> None:
        self.items = items
        self.reads = 0

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | Sequence[_T]:
        if isinstance(index, slice):
            found = self.items[index]
            self.reads += len(found)
            return found
        item = self.items[index]
        self.reads += 1
        return item

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[_T]:
        for item in self.items:
            self.reads += 1
            yield item


@dataclass
class Visits:
    """The counting sequences put in a schedule by :func:`count_visits`."""

    sequences: list[CountingSequence[Any]] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Elements read from the schedule's airings, instants and indexes so far."""
        return sum(sequence.reads for sequence in self.sequences)

    def reset(self) -> None:
        """Count from zero again."""
        for sequence in self.sequences:
            sequence.reads = 0

    def wrap(self, items: Sequence[_T]) -> CountingSequence[_T]:
        counting = CountingSequence(items)
        self.sequences.append(counting)
        return counting


def count_visits(schedule: nd.Schedule) -> Visits:
    """Build ``schedule``'s lazy parts, then make every element its queries read counted.

    The schedule's airings, instants and per-platform and per-region indexes are replaced by
    counting sequences holding the same elements; the answers do not change.
    """
    schedule.airings()
    schedule.platforms  # noqa: B018 - builds the indexes
    visits = Visits()
    set_ = object.__setattr__
    set_(schedule, "_instants", visits.wrap(schedule._instants))
    set_(schedule, "_airings", visits.wrap(schedule.airings()))
    facets = schedule._facets
    assert facets is not None
    selections = {
        key: (visits.wrap(instants), visits.wrap(positions))
        for key, (instants, positions) in facets.selections.items()
    }
    set_(schedule, "_facets", attrs.evolve(facets, selections=MappingProxyType(selections)))
    return visits


# --- end of the schedule block ----------------------------------------------------------------


# --- names: the tables the name machinery reads, the index behind a registry, and counts of
# the work an index holds or does, which bound tests assert instead of timings ---------------

AmbiguousName = nd.AmbiguousName

Registry = nd.NamedRegistry[Any]


def name_index(registry: Registry) -> NameIndex[Any]:
    """The name index of ``registry``, built on first use."""
    return registry.name_index()


def _owners(found: int | tuple[int, ...]) -> tuple[int, ...]:
    """The record positions of a table entry: one position, or a tuple of them."""
    return (found,) if isinstance(found, int) else found


def indexed_keys(registry: Registry) -> Counter[str]:
    """Record id -> how many keys of the name index lead to it: spellings as written, class
    keys, Hangul given names, name parts, and the spelling keys near misses are scored on."""
    index = name_index(registry)
    tables = index._tables
    counts: Counter[int] = Counter()
    for entries in (tables.written, tables.hangul_given, tables.keys, tables.parts):
        for found in entries.values():
            counts.update(_owners(found))
    counts.update(tables.suggester.owners())
    return Counter({index.records[p].id: n for p, n in counts.items()})


def index_entries(registry: Registry) -> int:
    """Every entry of every table of the name index, shared ones (prefixes, syllables) too."""
    tables = name_index(registry)._tables
    entries = (tables.written, tables.hangul_given, tables.keys, tables.parts, tables.units)
    return (
        sum(len(table) for table in entries)
        + len(tables.prefixes)
        + len(tables.families)
        + len(tables.suggester.owners())
    )


def walk_steps(registry: Registry, text: str) -> int:
    """How many steps reading ``text`` back into class keys takes."""
    return name_index(registry)._parse(name_key(text), {})


def spelling_keys(registry: Registry) -> int:
    """How many spelling keys the near-miss index of ``registry`` holds."""
    return len(name_index(registry)._tables.suggester._widths)  # one width a spelling key


def suggestion_candidates(registry: Registry, text: str) -> int:
    """How many spelling keys a near miss for ``text`` reads one by one."""
    suggester = name_index(registry)._tables.suggester
    return sum(1 for _ in suggester.candidates(*suggester.count(name_key(text))))


def named(registry: Registry, key: str) -> tuple[int, tuple[str, ...]]:
    """The best tier at which records answer to ``key``, and their ids, in data order: the
    key alone, before role words, romanized Hangul or both scripts are tried."""
    index = name_index(registry)
    tier, positions = index._named(key)
    return tier, tuple(index.records[p].id for p in positions)


def near_misses(registry: Registry, key: str) -> dict[str, tuple[float, str]]:
    """Record id -> (best letter-pair score >= 0.5, the spelling that earned it), for ``key``."""
    index = name_index(registry)
    suggester = index._tables.suggester
    return {
        index.records[position].id: (score, suggester.spelling(entry))
        for position, (score, entry) in suggester.scores(key).items()
    }


# --- the command line -------------------------------------------------------------------------
# display_width and table (imported above): the column measure and the table layout every
# command prints with, tested on cases (combining marks, control characters) that no command's
# output shows all of. local_zone: the zone the command takes from the environment (TZ), which
# tests set to rules no IANA file names. build_parser, subparsers, STATUSES, EXIT_STATUS: the
# parser and its exit-status texts, which each command's help and docs/cli.md must state.


def row_types() -> dict[str, type]:
    """The row types of the command's ``--json`` output (its ``_shapes`` module), keyed by
    name: docs/cli.md documents each one key by key."""
    from nevertheless_data.cli import _shapes

    return {name: getattr(_shapes, name) for name in _shapes.__all__}


def cli_modules() -> tuple[ModuleType, ...]:
    """The command's package and each of its modules, found by walking the package: every
    public name in them needs a docstring."""
    from nevertheless_data import cli

    return (
        cli,
        *(
            importlib.import_module(f"nevertheless_data.cli.{module.name}")
            for module in pkgutil.iter_modules(cli.__path__)
        ),
    )


Run = Callable[..., tuple[int, str, str]]
"""What the ``run`` fixture (tests/conftest.py) gives: a function running the command
in-process and returning (exit status, stdout, stderr)."""
