"""A cold start without the interpreter and the imports of dependencies: each side's own work.

Run in a fresh interpreter, this script imports the dependencies of both sides first (attrs,
msgspec, datetime, zoneinfo, _pickle), then times what is left and prints the figures as one
JSON object of CPU seconds:

* ``python own_work.py twin DIRECTORY``: importing ``msgspec_twin`` (defining its Structs) and
  decoding the files of ``DIRECTORY``, as ``{"twin": seconds}``;
* ``python own_work.py library``: ``import nevertheless_data as nd; nd.load()``, the part
  of it spent in ``attrs.frozen`` building the package's classes and the part in ``nd.load()``,
  as ``{"library": seconds, "classes": seconds, "load": seconds}``;
* ``python own_work.py floor SHAPES``: building the bare attrs classes and the enums of the
  floor row, shaped as the JSON file ``SHAPES`` lists them, as
  ``{"floor": seconds, "floor enums": seconds}``.

Benchmark-only code: ``run.py`` runs it and reads its output.
"""

from __future__ import annotations

import _pickle
import datetime
import enum
import functools
import json
import os
import sys
import time
import zoneinfo
from typing import Any

import attrs
import msgspec

# Imported for their side: loaded before timing starts, whichever side is timed.
_DEPENDENCIES = (_pickle, attrs, datetime, enum, msgspec, os, zoneinfo)


def twin(directory: str) -> dict[str, float]:
    """The msgspec twin's own work: its module and the decoding of ``directory``."""
    start = time.process_time()
    import msgspec_twin

    msgspec_twin.load(directory)
    return {"twin": time.process_time() - start}


def library() -> dict[str, float]:
    """The library's own work, and the part of it in ``attrs.frozen`` building classes."""
    spent: list[float] = []
    original = attrs.frozen

    # The package's modules do ``from attrs import frozen`` as they are imported: they take
    # this stand-in, which times each class built and builds it with the real decorator.
    def frozen(maybe_cls: Any = None, /, **options: Any) -> Any:
        if maybe_cls is None:
            return functools.partial(frozen, **options)
        begin = time.process_time()
        try:
            return original(maybe_cls, **options)
        finally:
            spent.append(time.process_time() - begin)

    attrs.frozen = frozen
    start = time.process_time()
    import nevertheless_data as nd

    imported = time.process_time()
    nd.load()
    end = time.process_time()
    return {"library": end - start, "classes": sum(spent), "load": end - imported}


def floor(shapes_file: str) -> dict[str, float]:
    """Building the floor's classes: bare attrs classes and enums shaped like the package's."""
    with open(shapes_file, encoding="utf-8") as file:
        shapes = json.load(file)
    start = time.process_time()
    for name, fields in shapes["classes"]:
        body: dict[str, Any] = {"__module__": "floor", "__qualname__": name}
        body["__annotations__"] = {field: "object" for field, _ in fields}
        body.update((field, None) for field, has_default in fields if has_default)
        attrs.frozen(type(name, (), body), kw_only=True)
    classes = time.process_time()
    for name, members in shapes["enums"]:
        enum.StrEnum(name, members, module="floor")
    return {"floor": classes - start, "floor enums": time.process_time() - classes}


def main(argv: list[str]) -> None:
    """Run the side that ``argv`` names and print its figures."""
    match argv:
        case ["twin", directory]:
            figures = twin(directory)
        case ["library"]:
            figures = library()
        case ["floor", shapes_file]:
            figures = floor(shapes_file)
        case _:
            raise SystemExit(
                "usage: own_work.py twin DIRECTORY | own_work.py library | own_work.py floor SHAPES"
            )
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
