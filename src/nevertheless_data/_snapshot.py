"""A pickled snapshot of the bundled dataset, so :func:`~nevertheless_data.load` starts fast.

Loading the bundled JSON files costs an import of cattrs, a parse of every file and the
integrity checks: most of a cold start. ``_bundled.pickle``, next to this module, holds the
finished :class:`~nevertheless_data.Dataset` instead, and ``load()`` (for the bundled dataset
only; ``load(path)`` always reads JSON) takes it when it is current.

The JSON files in ``data/`` stay the hand-edited source of truth; the snapshot is derived from
them. Regenerate it after editing them or the models (a test fails until you do)::

    python -m nevertheless_data._snapshot

Design:

* The file holds two pickles in a row: first a header of plain values (the format number, the
  schema of the model classes, and the exact bytes of every JSON file it was made from), then
  the dataset. :func:`read` checks the header against the files and classes of the running
  library before it unpickles the dataset, so a snapshot is never used once a data file or a
  model has changed: it returns ``None`` and the loader parses the JSON files as usual.
  A missing, unreadable or corrupt snapshot also gives ``None``. A test checks that the
  committed snapshot is current and equal to what the JSON files load to.
* Only the package's own file is ever unpickled, and through an unpickler that resolves
  nothing but the library's own classes, the function that restores a record from its field
  values, ``datetime.date``, ``datetime.time`` and ``ZoneInfo``: no other callable can be
  reached from the pickle stream.
* The files are read through the package's module loader rather than
  :mod:`importlib.resources`, whose imports alone cost more than the whole fast path; the
  loader reads from a zip as well as from a directory.
"""

from __future__ import annotations

import enum
import io
import os
import sys
import typing
from collections.abc import Iterable, Mapping
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs

try:
    # The C unpickler, which pickle.py only re-exports: reading the snapshot need not import
    # pickle.py (and what it imports), which costs about as much as the reading itself.
    from _pickle import Unpickler, UnpicklingError
except ImportError:  # an interpreter without the C accelerator
    from pickle import Unpickler, UnpicklingError

from . import _dataset, _format, _models, _registry
from ._dataset import Dataset

__all__ = ["SNAPSHOT", "read", "write"]

SNAPSHOT: Final = "_bundled.pickle"
"""The snapshot's file name, in the package directory."""

_FORMAT: Final = 1
_PROTOCOL: Final = 5
_OWN_MODULES: Final = frozenset({_models.__name__, _dataset.__name__, _registry.__name__})
_STDLIB_GLOBALS: Final = frozenset(
    {("datetime", "date"), ("datetime", "time"), ("zoneinfo", "ZoneInfo")}
)
_PACKAGE_DIR: Final = os.path.dirname(__file__)
# How every record is pickled (Record.__reduce__): the one function the stream may call.
_RESTORE: Final = (_models.__name__, _models._restore.__name__)


def _schema() -> tuple[tuple[str, tuple[Any, ...]], ...]:
    """The shape of every class a snapshot holds: a changed model makes the snapshot stale."""
    shapes: list[tuple[str, tuple[Any, ...]]] = []
    for module in (_models, _dataset, _registry):
        for name, value in vars(module).items():
            if not isinstance(value, type) or value.__module__ != module.__name__:
                continue
            if attrs.has(value):
                shape: tuple[Any, ...] = _format.shape(value)
            elif issubclass(value, enum.Enum):
                # _value_, the member's plain attribute, not enum's .value descriptor.
                shape = tuple((key, member._value_) for key, member in value.__members__.items())
            elif issubclass(value, _registry.Registry):
                shape = tuple(getattr(value, "__slots__", ()))
            else:
                continue  # a protocol, say: nothing a snapshot holds
            shapes.append((f"{module.__name__}.{name}", shape))
    # Sorted once, by name: a class moved within its module leaves the snapshot current.
    return tuple(sorted(shapes))


def _read_package_file(*parts: str) -> bytes:
    loader = typing.cast(Any, sys.modules[__name__].__loader__)
    return typing.cast(bytes, loader.get_data(os.path.join(_PACKAGE_DIR, *parts)))


def _source_files(names: Iterable[str]) -> dict[str, bytes]:
    return {name: _read_package_file("data", f"{name}.json") for name in names}


def _header(sources: Mapping[str, bytes]) -> tuple[Any, ...]:
    return (_FORMAT, _schema(), dict(sources))


class _OwnClassesUnpickler(Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == _RESTORE:
            return _models._restore
        if module in _OWN_MODULES and "." not in name:
            value = getattr(sys.modules[module], name, None)  # imported by this module
            if isinstance(value, type) and value.__module__ == module:
                return value
        if (module, name) in _STDLIB_GLOBALS:
            return super().find_class(module, name)
        raise UnpicklingError(f"the snapshot may not refer to {module}.{name}")


def read(names: Iterable[str]) -> Dataset | None:
    """The bundled dataset from the snapshot, or ``None`` if it is missing, corrupt or stale.

    ``names`` are the dataset's collections, each read from ``data/<name>.json``.
    """
    try:
        stream = io.BytesIO(_read_package_file(SNAPSHOT))
        if _OwnClassesUnpickler(stream).load() != _header(_source_files(names)):
            return None
        dataset = _OwnClassesUnpickler(stream).load()
    except Exception:
        # Whatever stops the snapshot from loading only loses the shortcut: the caller
        # parses the JSON files, which report real problems with the data.
        return None
    return dataset if isinstance(dataset, Dataset) else None


def write(dataset: Dataset, names: Iterable[str]) -> str:
    """Write ``dataset``, loaded from the bundled files ``names``, as the snapshot; its path."""
    import pickle

    class Pickler(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            # ZoneInfo pickles itself through builtins.getattr, which no unpickler resolves.
            if type(obj) is ZoneInfo:
                return ZoneInfo, (obj.key,)
            return NotImplemented

    import pickletools

    header = pickle.dumps(_header(_source_files(names)), protocol=_PROTOCOL)
    body = io.BytesIO()
    Pickler(body, protocol=_PROTOCOL).dump(dataset)
    path = os.path.join(_PACKAGE_DIR, SNAPSHOT)
    with open(path, "wb") as file:
        # optimize() drops the memo entries nothing refers back to: fewer steps to read.
        file.write(pickletools.optimize(header) + pickletools.optimize(body.getvalue()))
    return path


def _main() -> None:
    # Through the public API: load(path) always parses the JSON files, never a snapshot.
    import nevertheless_data as nd

    dataset = nd.load(os.path.join(_PACKAGE_DIR, "data"))
    print(f"wrote {write(dataset, nd.FILES)}")


if __name__ == "__main__":
    _main()
