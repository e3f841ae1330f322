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
import math
import re
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


# The hooks below run for every value of a file: each returns on its first test when the
# value is good and leaves the error handling to the slow path.


def _structure_str(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    raise InvalidValue(f"expected a string, got {_describe(value)}")


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise InvalidValue(f"expected a whole number, got {_describe(value)}")


def _structure_float(value: object, _: type) -> float:
    _expect(value, (int, float), "a number")
    # JSON has no infinity, but json.loads reads 1e999 as one, and dump could not write it.
    try:
        number = float(typing.cast(float, value))
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise InvalidValue(f"expected a finite number, got {_describe(value)}")
    return number


def _structure_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise InvalidValue(f"expected true or false, got {_describe(value)}")


def _date_from_iso(text: str) -> dt.date:
    # fromisoformat also takes "20210619" and "2021-W24-6": the files hold YYYY-MM-DD only.
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(f"not YYYY-MM-DD: {text!r}")
    return dt.date.fromisoformat(text)


def _structure_date(value: object, _: type) -> dt.date:
    _expect(value, str, "a date as YYYY-MM-DD")
    try:
        return _date_from_iso(typing.cast(str, value))
    except ValueError:
        raise InvalidValue(f"expected a date as YYYY-MM-DD, got {_describe(value)}") from None


def _structure_time(value: object, _: type) -> dt.time:
    _expect(value, str, "a time as HH:MM")
    # fromisoformat also takes "2300", "T23:00" and fractions of a second, which dump would drop.
    if not _TIME.fullmatch(typing.cast(str, value)):
        raise InvalidValue(f"expected a time as HH:MM, got {_describe(value)}")
    try:
        parsed = dt.time.fromisoformat(typing.cast(str, value))
    except ValueError:
        raise InvalidValue(f"expected a time as HH:MM, got {_describe(value)}") from None
    if parsed.tzinfo is not None:
        raise InvalidValue(f"expected a wall-clock time without offset, got {_describe(value)}")
    return parsed


_TIME = re.compile(r"[0-9]{2}:[0-9]{2}(:[0-9]{2})?")


def _unstructure_time(value: dt.time) -> str:
    # The file format holds HH:MM[:SS]; dropping a fraction would make load(dump(x)) != x.
    if value.microsecond:
        raise ValueError(f"cannot write {value.isoformat()}: data files hold whole seconds")
    return value.isoformat(timespec="minutes" if not value.second else "seconds")


def _structure_zone(value: object, _: type) -> zoneinfo.ZoneInfo:
    _expect(value, str, "an IANA time zone name")
    key = typing.cast(str, value)
    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidValue(f"unknown IANA time zone {_describe(value)}") from None


_WEEKDAYS = {day.name.lower(): day for day in Weekday}


def _structure_weekday(value: object, _: type) -> Weekday:
    _expect(value, str, "a weekday name such as 'saturday'")
    try:
        return _WEEKDAYS[typing.cast(str, value)]
    except KeyError:
        names = ", ".join(repr(day.name.lower()) for day in Weekday)
        raise InvalidValue(f"expected one of {names}, got {_describe(value)}") from None


class _EnumHook:
    """Structures a string enum from one of its values."""

    def __init__(self, cls: type[enum.Enum]) -> None:
        self.by_value = {member.value: member for member in cls}
        self.choices = ", ".join(repr(v) for v in self.by_value)

    def __call__(self, value: object, _: type) -> enum.Enum:
        if isinstance(value, str) and value in self.by_value:
            return self.by_value[value]
        raise InvalidValue(f"expected one of {self.choices}, got {_describe(value)}")


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


class _OptionalHook:
    """Structures ``X | None``: ``None`` as itself, anything else through the hook of ``X``."""

    def __init__(self, tp: Any, conv: cattrs.Converter) -> None:
        self.inner = next(arg for arg in typing.get_args(tp) if arg is not type(None))
        self.inner_hook = conv.get_structure_hook(self.inner)

    def __call__(self, value: object, _: Any) -> Any:
        return None if value is None else self.inner_hook(value, self.inner)


# The hooks of tuples and classes try a fast path first: straight-line code that structures a
# well-formed value and raises at its first problem. Only a value with a problem goes through
# cattrs' detailed functions, which report every problem with its path. Structuring the
# bundled files this way takes about half the time cattrs' functions alone take.


class _TupleHook:
    """Structures ``tuple[X, ...]`` from a JSON list."""

    def __init__(self, tp: Any, conv: cattrs.Converter, fast_path: bool) -> None:
        self.tp = tp
        self.item_type = typing.get_args(tp)[0]
        self.item_hook = conv.get_structure_hook(self.item_type)
        self.detailed: Callable[[object, Any], Any] = homogenous_tuple_structure_factory(tp, conv)
        self.fast_path = fast_path

    def __call__(self, value: object, _: Any) -> Any:
        if not isinstance(value, list):
            raise InvalidValue(f"expected a list, got {_describe(value)}")
        if not self.fast_path:
            return self.detailed(value, self.tp)
        try:
            if self.item_type is str:
                return _strings(value)
            if isinstance(self.item_hook, _RecordHook):
                return tuple(map(self.item_hook.fast, value))
            return tuple([self.item_hook(item, self.item_type) for item in value])
        except Exception:
            return self.detailed(value, self.tp)


def _strings(value: list[Any]) -> tuple[str, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise InvalidValue(f"expected a string, got {_describe(item)}")
    return items


class _RecordHook:
    """Structures one attrs class from a JSON object."""

    def __init__(self, cls: type, conv: cattrs.Converter, fast_path: bool) -> None:
        self.cls = cls
        self.conv = conv
        self.fast = _fast_structure_fn(cls, conv)
        self.fast_path = fast_path
        self._detailed: Callable[[Any, Any], Any] | None = None

    def __call__(self, value: object, _: Any) -> Any:
        # JSON objects are dicts: the exact test spares the Mapping ABC's slower check.
        if isinstance(value, dict) and self.fast_path:
            try:
                return self.fast(value)
            except Exception:
                pass  # The detailed function finds and reports every problem.
        elif not isinstance(value, Mapping):
            raise InvalidValue(f"expected an object ({self.cls.__name__}), got {_describe(value)}")
        if self._detailed is None:
            # Built on first need only: generating it costs milliseconds per class.
            self._detailed = make_dict_structure_fn(
                self.cls, self.conv, _cattrs_forbid_extra_keys=True
            )
        return self._detailed(value, self.cls)


# What the fast path does in line rather than through the field's hook, for the hooks it can
# stand in for exactly. ``{v}`` is the variable holding the value.
_INLINE_CHECKS: dict[Callable[..., Any], list[str]] = {
    _structure_str: ["if not isinstance({v}, str):", "    raise TypeError"],
    _structure_int: [
        "if not isinstance({v}, int) or isinstance({v}, bool):",
        "    raise TypeError",
    ],
    _structure_bool: ["if not isinstance({v}, bool):", "    raise TypeError"],
}


def _field_code(value: str, hook: Any, names: dict[str, Any], index: int) -> list[str]:
    """Lines turning the raw value in the variable ``value`` into the field's value."""
    if isinstance(hook, _OptionalHook):
        names[f"__t{index}"] = hook.inner
        inner = _field_code(value, hook.inner_hook, names, index)
        return [f"if {value} is not None:", *(f"    {line}" for line in inner)]
    if hook in _INLINE_CHECKS:
        return [line.format(v=value) for line in _INLINE_CHECKS[hook]]
    if isinstance(hook, _EnumHook):
        names[f"__e{index}"] = hook.by_value
        return [
            f"if not isinstance({value}, str):",
            "    raise TypeError",
            f"{value} = __e{index}[{value}]",
        ]
    if isinstance(hook, _RecordHook):
        names[f"__f{index}"] = hook.fast
        return [f"{value} = __f{index}({value})"]
    if isinstance(hook, _TupleHook) and hook.item_type is str:
        # str.join type-checks every item, in C: it accepts exactly the str instances.
        return [
            f"if not isinstance({value}, list):",
            "    raise TypeError",
            f"{value} = tuple({value})",
            f'"".join({value})',
        ]
    if isinstance(hook, _TupleHook) and isinstance(hook.item_hook, _RecordHook):
        names[f"__f{index}"] = hook.item_hook.fast
        return [
            f"if not isinstance({value}, list):",
            "    raise TypeError",
            f"{value} = tuple(map(__f{index}, {value}))",
        ]
    names[f"__h{index}"] = hook
    return [f"{value} = __h{index}({value}, __t{index})"]


def _fast_structure_fn(cls: type, conv: cattrs.Converter) -> Callable[[dict[str, Any]], Any]:
    """A structure function for a well-formed dict of ``cls``, generated for its fields.

    It makes the checks of cattrs' generated function (no unknown key, every required one,
    each value through its hook, in line where the hook is simple) without collecting
    errors: it raises at the first problem, for the detailed function to report them all.
    """
    fields = attrs.fields(attrs.resolve_types(cls))
    names: dict[str, Any] = {"__cl": cls, "__allowed": frozenset(f.name for f in fields)}
    lines = ["def fast(o):", "    if not __allowed.issuperset(o):", "        raise KeyError"]
    arguments = []
    for index, field in enumerate(fields):
        value, key = f"v{index}", repr(field.name)
        hook = conv.get_structure_hook(field.type)
        names[f"__t{index}"] = field.type
        body = _field_code(value, hook, names, index)
        if field.default is attrs.NOTHING:
            lines += [f"    {value} = o[{key}]", *(f"    {line}" for line in body)]
        else:
            # Most optional fields are absent: a membership test is the cheapest way to see.
            names[f"__d{index}"] = field.default
            lines += [f"    if {key} in o:", f"        {value} = o[{key}]"]
            lines += [f"        {line}" for line in body]
            lines += ["    else:", f"        {value} = __d{index}"]
        arguments.append(f"{field.alias}={value}")
    new, init = vars(object)["__new__"], getattr(cls, "__init__", None)
    if getattr(cls, "__new__", None) is new and type(cls).__call__ is type.__call__:
        # What calling the class does, without type.__call__'s generic path: the same
        # __init__ runs, a quarter faster.
        names["__new"], names["__init"] = new, init
        lines += ["    record = __new(__cl)", f"    __init(record, {', '.join(arguments)})"]
        lines.append("    return record")
    else:
        lines.append(f"    return __cl({', '.join(arguments)})")
    exec(compile("\n".join(lines), f"<fast structure {cls.__qualname__}>", "exec"), names)
    return typing.cast(Callable[[dict[str, Any]], Any], names["fast"])


def _make_converter(*, fast_paths: bool = True) -> cattrs.Converter:
    """The library's converter; ``fast_paths=False`` gives one with cattrs' functions only,
    which the tests hold the fast paths to."""
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
            conv.register_structure_hook(value, _EnumHook(value))
    conv.register_structure_hook_factory(_is_optional, _OptionalHook)
    conv.register_structure_hook_factory(
        _is_homogeneous_tuple, lambda tp, conv: _TupleHook(tp, conv, fast_paths)
    )
    conv.register_structure_hook_factory(
        attrs.has, lambda cls, conv: _RecordHook(cls, conv, fast_paths)
    )
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
