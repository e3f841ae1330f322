"""Records as columns, the shape every dataframe library takes in one call.

>>> import nevertheless_data as nd
>>> columns = nd.table(nd.load().episodes)
>>> columns["number"][:3]
[1, 2, 3]
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from ._format import Field, fields_of

__all__ = ["table"]


def table(records: Iterable[Any] | Mapping[Any, Any]) -> dict[str, list[Any]]:
    """The records as a dict of columns: ``pandas.DataFrame(nd.table(ds.quotes))`` and
    ``polars.DataFrame(nd.table(ds.quotes))`` make a dataframe of any collection.

    ``records`` is a registry (its records are taken in data order) or any iterable of records
    of one class. There is one column per field, in field order, each a list with one value per
    record: text, numbers, booleans, dates and times as they are (polars types them as
    ``String``, ``Int64``, ``Date``...), enums as their string values, zones as their IANA
    keys, ``None`` where a field is empty. A field holding one record is spread over a column
    per field of its own, named with a dot (``rating.percent``); a tuple of plain values is a
    list, and a tuple of records a list of dicts of plain values. No dataframe library is
    imported: the columns are plain Python lists.

    Raises :class:`TypeError` for records of more than one class, or for values that are not
    records. An empty collection gives an empty dict.
    """
    rows = list(records.values() if isinstance(records, Mapping) else records)
    if not rows:
        return {}
    cls = type(rows[0])
    if not attrs.has(cls):
        raise TypeError(f"nd.table() takes records, not {cls.__name__}")
    if any(type(row) is not cls for row in rows):
        kinds = sorted({type(row).__name__ for row in rows})
        raise TypeError(f"nd.table() takes records of one class, not {', '.join(kinds)}")
    columns: dict[str, list[Any]] = {}
    _fill(columns, "", cls, rows)
    return columns


def _fill(columns: dict[str, list[Any]], prefix: str, cls: type, rows: list[Any]) -> None:
    for field in fields_of(cls):
        name = prefix + field.name
        values = [None if row is None else getattr(row, field.name) for row in rows]
        if field.holds_records and not field.many:
            _fill(columns, f"{name}.", field.kind, values)
        else:
            columns[name] = [_cell(value, field) for value in values]


def _cell(value: Any, field: Field) -> Any:
    if value is None:
        return None
    if field.many:
        return [_plain(item) for item in value]
    return _plain(value)


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, ZoneInfo):
        return value.key
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if attrs.has(type(value)):
        return {f.name: _plain(getattr(value, f.name)) for f in fields_of(type(value))}
    if value is None or isinstance(value, str | int | float | bool | dt.date | dt.time):
        return value
    raise TypeError(f"no column value for {value!r}")
