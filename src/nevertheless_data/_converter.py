"""The library's one cattrs Converter: strict, extra keys forbidden, errors with field paths.

Plain JSON values are checked strictly on the way in: cattrs' defaults would turn ``5`` into
``"5"`` for a ``str`` field or a string into a tuple of characters, which would hide typos in
hand-edited files. Every hook raises :class:`InvalidValue` with a message meant for the person
editing the file; :func:`problems_of` turns cattrs' exception groups into ``(path, message)``
pairs such as ``("quotes[12].speaker", "expected a string, got 5")``.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
import zoneinfo
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from . import _models
from ._models import Weekday

__all__ = ["InvalidValue", "converter", "problems_of"]


class InvalidValue(ValueError):
    """A JSON value that does not fit its field; the message says what was expected."""


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _expect(value: object, kind: type | tuple[type, ...], what: str) -> None:
    # bool is an int subclass, but true/false is never a valid number in these files.
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise InvalidValue(f"expected {what}, got {_describe(value)}")


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _structure_str(value: object, _: type) -> str:
    _expect(value, str, "a string")
    return typing.cast(str, value)


def _structure_int(value: object, _: type) -> int:
    _expect(value, int, "a whole number")
    return typing.cast(int, value)


def _structure_float(value: object, _: type) -> float:
    _expect(value, (int, float), "a number")
    return float(typing.cast(float, value))


def _structure_bool(value: object, _: type) -> bool:
    _expect(value, bool, "true or false")
    return typing.cast(bool, value)


def _structure_date(value: object, _: type) -> dt.date:
    _expect(value, str, "a date as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(typing.cast(str, value))
    except ValueError:
        raise InvalidValue(f"expected a date as YYYY-MM-DD, got {_describe(value)}") from None


def _structure_time(value: object, _: type) -> dt.time:
    _expect(value, str, "a time as HH:MM")
    try:
        parsed = dt.time.fromisoformat(typing.cast(str, value))
    except ValueError:
        raise InvalidValue(f"expected a time as HH:MM, got {_describe(value)}") from None
    if parsed.tzinfo is not None:
        raise InvalidValue(f"expected a wall-clock time without offset, got {_describe(value)}")
    return parsed


def _unstructure_time(value: dt.time) -> str:
    return value.isoformat(timespec="minutes" if not value.second else "seconds")


def _structure_zone(value: object, _: type) -> zoneinfo.ZoneInfo:
    _expect(value, str, "an IANA time zone name")
    key = typing.cast(str, value)
    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidValue(f"unknown IANA time zone {_describe(value)}") from None


def _structure_weekday(value: object, _: type) -> Weekday:
    _expect(value, str, "a weekday name such as 'saturday'")
    try:
        return Weekday[typing.cast(str, value).upper()]
    except KeyError:
        names = ", ".join(repr(day.name.lower()) for day in Weekday)
        raise InvalidValue(f"expected one of {names}, got {_describe(value)}") from None


def _enum_structure_factory(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    by_value = {member.value: member for member in cls}
    choices = ", ".join(repr(v) for v in by_value)

    def structure(value: object, _: type) -> enum.Enum:
        if isinstance(value, str) and value in by_value:
            return by_value[value]
        raise InvalidValue(f"expected one of {choices}, got {_describe(value)}")

    return structure


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_optional(tp: Any) -> bool:
    args = typing.get_args(tp)
    return (
        typing.get_origin(tp) in (typing.Union, types.UnionType)
        and len(args) == 2
        and type(None) in args
    )


def _optional_structure_factory(tp: Any, conv: cattrs.Converter) -> Callable[[object, Any], Any]:
    inner = next(arg for arg in typing.get_args(tp) if arg is not type(None))
    hook = conv.get_structure_hook(inner)

    def structure(value: object, _: Any) -> Any:
        return None if value is None else hook(value, inner)

    return structure


def _tuple_structure_factory(tp: Any, conv: cattrs.Converter) -> Callable[[object, Any], Any]:
    # cattrs 26 looks the element hook up on every call through its generic tuple path;
    # the homogeneous-tuple factory binds it once.
    inner: Callable[[object, Any], Any] = homogenous_tuple_structure_factory(tp, conv)

    def structure(value: object, _: Any) -> Any:
        if not isinstance(value, list):
            raise InvalidValue(f"expected a list, got {_describe(value)}")
        return inner(value, tp)

    return structure


def _attrs_structure_factory(cls: type, conv: cattrs.Converter) -> Callable[[object, Any], Any]:
    inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, conv, _cattrs_forbid_extra_keys=True
    )
    name = cls.__name__

    def structure(value: object, _: Any) -> Any:
        if not isinstance(value, Mapping):
            raise InvalidValue(f"expected an object ({name}), got {_describe(value)}")
        return inner(value, cls)

    return structure


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    # Simple types first: the generated class hooks bind whatever is registered when they
    # are built.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(dt.time, _structure_time)
    conv.register_unstructure_hook(dt.time, _unstructure_time)
    conv.register_structure_hook(zoneinfo.ZoneInfo, _structure_zone)
    conv.register_unstructure_hook(zoneinfo.ZoneInfo, lambda zone: str(zone.key))
    conv.register_structure_hook(Weekday, _structure_weekday)
    conv.register_unstructure_hook(Weekday, lambda day: day.name.lower())
    # Class hooks dispatch on the MRO, where a StrEnum's ``str`` base comes before ``Enum``:
    # every enum of the models gets a hook of its own, or the str hook would take it.
    for value in vars(_models).values():
        if isinstance(value, type) and issubclass(value, enum.Enum) and value is not Weekday:
            conv.register_structure_hook(value, _enum_structure_factory(value))
    conv.register_structure_hook_factory(_is_optional, _optional_structure_factory)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_structure_factory)
    conv.register_structure_hook_factory(attrs.has, _attrs_structure_factory)
    conv.register_unstructure_hook_factory(
        attrs.has, lambda cls: make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
    )
    return conv


converter = _make_converter()
"""The converter every load and dump goes through."""


def _message(exc: BaseException) -> str:
    if isinstance(exc, InvalidValue):
        return str(exc)
    if isinstance(exc, ForbiddenExtraKeysError):
        fields = ", ".join(sorted(exc.extra_fields))
        return f"unknown field(s): {fields}"
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return f"{type(exc).__name__}: {exc}"


def problems_of(exc: BaseException, path: str) -> Iterator[tuple[str, str]]:
    """Every ``(field path, message)`` inside a cattrs structuring exception, in order."""
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            yield from problems_of(inner, f"{path}[{note.index!r}]")
        for inner in without:
            yield from problems_of(inner, path)
    elif isinstance(exc, ClassValidationError):
        attribute_errors, other_errors = exc.group_exceptions()
        for inner, attribute in attribute_errors:
            yield from problems_of(inner, f"{path}.{attribute.name}" if path else attribute.name)
        for inner in other_errors:
            yield from problems_of(inner, path)
    else:
        yield path, _message(exc)
