"""The library's one cattrs Converter, strict, and the detailed report of what a file gets wrong.

Plain JSON values are checked strictly on the way in: cattrs' defaults would turn ``5`` into
``"5"`` for a ``str`` field or a string into a tuple of characters, which would hide typos in
hand-edited files. A field with a default may be given as ``null``, which means its default.

Structuring takes two paths, both reading the fields through :func:`._format.fields_of`:

* the converter's hooks structure a well-formed file through straight-line code generated per
  class, which raises at the first problem (cattrs' own generated functions collect errors as
  they go, which costs on every record);
* :func:`structure_file` then walks only the records that failed, with plain functions that
  name every problem's field path (``quotes[12].speaker``) and message, up to the
  :class:`~._errors.ProblemLog`'s limit: a flood of bad records costs time and memory in
  proportion to that limit, not to the flood.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import typing
import zoneinfo
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn

from . import _models
from ._errors import ProblemLog
from ._format import DATE, TIME, Field, fields_of, is_blank, too_few, unwrap
from ._zones import zone as parse_zone

__all__ = ["InvalidValue", "converter", "structure_file"]


class InvalidValue(ValueError):
    """A JSON value that does not fit its field; the message says what was expected."""


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- plain values: each hook returns on its first test when the value is good ---------------


def _structure_str(value: object, _: object = None) -> str:
    if isinstance(value, str):
        return value
    raise InvalidValue(f"expected a string, got {_describe(value)}")


def _structure_int(value: object, _: object = None) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise InvalidValue(f"expected a whole number, got {_describe(value)}")


def _structure_float(value: object, _: object = None) -> float:
    # bool is an int subclass, but true/false is never a number in these files.
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise InvalidValue(f"expected a number, got {_describe(value)}")
    # JSON has no infinity, but json.loads reads 1e999 as one, and dump could not write it.
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise InvalidValue(f"expected a finite number, got {_describe(value)}")
    return number


def _structure_bool(value: object, _: object = None) -> bool:
    if isinstance(value, bool):
        return value
    raise InvalidValue(f"expected true or false, got {_describe(value)}")


_DATE_TEXT: Final = re.compile(DATE)
_TIME_TEXT: Final = re.compile(TIME)


def _structure_date(value: object, _: object = None) -> dt.date:
    # fromisoformat also takes "20210619" and "2021-W24-6": the files hold YYYY-MM-DD only.
    if isinstance(value, str) and _DATE_TEXT.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidValue(f"expected a date as YYYY-MM-DD, got {_describe(value)}")


def _structure_time(value: object, _: object = None) -> dt.time:
    # fromisoformat also takes "2300", "T23:00" and fractions of a second, which dump would drop.
    if isinstance(value, str) and _TIME_TEXT.fullmatch(value):
        return dt.time.fromisoformat(value)
    raise InvalidValue(f"expected a wall-clock time as HH:MM or HH:MM:SS, got {_describe(value)}")


def _unstructure_time(value: dt.time) -> str:
    # The file format holds HH:MM[:SS]; dropping a fraction would make load(dump(x)) != x.
    if value.microsecond or value.tzinfo is not None:
        raise ValueError(f"cannot write {value.isoformat()}: data files hold wall-clock seconds")
    return value.isoformat(timespec="minutes" if not value.second else "seconds")


def _structure_zone(value: object, _: object = None) -> zoneinfo.ZoneInfo:
    if not isinstance(value, str):
        raise InvalidValue(f"expected an IANA time zone name, got {_describe(value)}")
    try:
        return parse_zone(value)
    except ValueError as exc:
        raise InvalidValue(str(exc)) from None


class _EnumHook:
    """Structures a string enum from one of its values."""

    def __init__(self, cls: type[enum.Enum]) -> None:
        self.by_value = {member.value: member for member in cls}
        self.choices = ", ".join(repr(v) for v in self.by_value)

    def __call__(self, value: object, _: object = None) -> enum.Enum:
        try:
            return self.by_value[value]
        except (KeyError, TypeError):
            raise InvalidValue(f"expected one of {self.choices}, got {_describe(value)}") from None


_PLAIN: Final[Mapping[Any, Callable[..., Any]]] = {
    str: _structure_str,
    int: _structure_int,
    float: _structure_float,
    bool: _structure_bool,
    dt.date: _structure_date,
    dt.time: _structure_time,
    zoneinfo.ZoneInfo: _structure_zone,
}

_ENUMS: Final = {
    value: _EnumHook(value)
    for value in vars(_models).values()
    if isinstance(value, type) and issubclass(value, enum.Enum)
}


def _plain_hook(kind: Any) -> Callable[..., Any]:
    hook = _PLAIN.get(kind) or _ENUMS.get(kind)
    if hook is None:
        raise TypeError(f"the data format has no values of type {kind!r}")
    return hook


# --- the fast path: generated per class ----------------------------------------------------------

# What the generated code does in line rather than through the field's hook, for the hooks it
# can stand in for exactly. ``{v}`` is the variable holding the value.
_INLINE_CHECKS: Final[Mapping[Callable[..., Any], tuple[str, ...]]] = {
    _structure_str: ("if type({v}) is not str:", "    raise TypeError"),
    _structure_int: ("if type({v}) is not int:", "    raise TypeError"),
    _structure_bool: ("if type({v}) is not bool:", "    raise TypeError"),
}


def _value_code(value: str, field: Field, names: dict[str, Any], index: int) -> list[str]:
    """Lines turning the raw value in the variable ``value`` into the field's value, then
    holding it to the field's rules."""
    return [*_conversion_code(value, field, names, index), *_rule_code(value, field, names, index)]


def _conversion_code(value: str, field: Field, names: dict[str, Any], index: int) -> list[str]:
    if field.holds_records:
        names[f"__f{index}"] = _fast(field.kind)
        call = f"__f{index}"
    else:
        hook = _plain_hook(field.kind)
        if not field.many and hook in _INLINE_CHECKS:
            return [line.format(v=value) for line in _INLINE_CHECKS[hook]]
        if field.many and field.kind is str:
            # str.join type-checks every item, in C: it accepts exactly the str instances.
            return [
                f"if type({value}) is not list:",
                "    raise TypeError",
                f"{value} = tuple({value})",
                f'"".join({value})',
            ]
        names[f"__h{index}"] = hook
        call = f"__h{index}"
    if field.many:
        return [
            f"if type({value}) is not list:",
            "    raise TypeError",
            f"{value} = tuple(map({call}, {value}))",
        ]
    return [f"{value} = {call}({value})"]


def _rule_code(value: str, field: Field, names: dict[str, Any], index: int) -> list[str]:
    """Lines raising where the field's value breaks a rule of the format (the walk then says
    which): text is never blank, and the field's :class:`~._format.Format`."""
    rule = field.format
    tests: list[str] = []
    if field.kind is str and field.many:
        # all() finds an empty string, isspace a blank one: both in C.
        tests.append(f"not all({value}) or any(map(str.isspace, {value}))")
    elif field.kind is str:
        tests.append(f"not {value} or {value}.isspace()")
    if rule is not None:
        if field.many and rule.min_items:
            tests.append(f"len({value}) < {rule.min_items}")
        if rule.pattern is not None and not field.many:
            names[f"__p{index}"] = re.compile(rule.pattern)
            tests.append(f"__p{index}.fullmatch({value}) is None")
        if rule.minimum is not None and not field.many:
            tests.append(f"{value} < {rule.minimum}")
        if rule.maximum is not None and not field.many:
            tests.append(f"{value} > {rule.maximum}")
    return [f"if {' or '.join(tests)}:", "    raise ValueError"] if tests else []


_FAST: dict[type, Callable[[Any], Any]] = {}


def _fast(cls: type) -> Callable[[Any], Any]:
    """The fast structure function of ``cls``, generated once."""
    function = _FAST.get(cls)
    if function is None:
        function = _FAST[cls] = _generate(cls)
    return function


def _generate(cls: type) -> Callable[[Any], Any]:
    """Straight-line code structuring a well-formed dict of ``cls``; raises at a first problem.

    It checks what the detailed walk checks (a dict, no unknown key, every required one, each
    value through its hook), without saying what is wrong: the walk does that.
    """
    fields = fields_of(cls)
    names: dict[str, Any] = {"__cl": cls, "__allowed": frozenset(f.alias for f in fields)}
    lines = [
        "def fast(o):",
        "    if type(o) is not dict or not __allowed.issuperset(o):",
        "        raise TypeError",
    ]
    for index, field in enumerate(fields):
        value, key = f"v{index}", repr(field.alias)
        body = [f"    {line}" for line in _value_code(value, field, names, index)]
        if field.required:
            lines += [f"    {value} = o[{key}]", *body]
        else:
            # Absent and null both mean the default.
            names[f"__d{index}"] = field.default
            lines += [f"    {value} = o.get({key})", f"    if {value} is None:"]
            lines += [f"        {value} = __d{index}", "    else:", *(f"    {b}" for b in body)]
    # The record is filled as attrs' own __init__ fills a frozen slotted class, without its
    # calls: the values are checked and converted already (tuples, not lists), and the guard
    # against a second __init__ has nothing to guard on a record being made.
    names["__new"], names["__set"] = object.__new__, object.__setattr__
    lines.append("    r = __new(__cl)")
    lines += [f"    __set(r, {field.name!r}, v{i})" for i, field in enumerate(fields)]
    lines.append("    return r")
    exec(compile("\n".join(lines), f"<fast structure {cls.__qualname__}>", "exec"), names)
    return typing.cast(Callable[[Any], Any], names["fast"])


# --- the detailed walk: every problem, with its path --------------------------------------------


class _Stop(Exception):
    """The problem log is full: stop walking."""


_FAILED: Final[Any] = object()


class _Walk:
    """Structures one file's raw JSON, logging every problem with its field path."""

    def __init__(self, file: str, log: ProblemLog) -> None:
        self.file = file
        self.log = log

    def report(self, path: str, message: str) -> None:
        if not self.log.add(self.file, path, message):
            raise _Stop

    def record(self, raw: object, cls: type, path: str) -> Any:
        if not isinstance(raw, dict):
            self.report(path, f"expected an object ({cls.__name__}), got {_describe(raw)}")
            return _FAILED
        fields = fields_of(cls)
        known = {f.alias for f in fields}
        unknown = [key for key in raw if key not in known]
        failed = bool(unknown)
        if unknown:
            self.report(path, f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
        arguments: dict[str, Any] = {}
        for field in fields:
            where = f"{path}.{field.name}" if path else field.name
            if field.alias not in raw:
                if field.required:
                    self.report(where, "required field missing")
                    failed = True
                continue
            value = raw[field.alias]
            if value is None and not field.required:
                continue  # null means the default
            value = self.value(value, field, where)
            failed = failed or value is _FAILED
            arguments[field.alias] = value
        return _FAILED if failed else cls(**arguments)

    def value(self, raw: object, field: Field, path: str) -> Any:
        if not field.many:
            value = self.one(raw, field.kind, path)
            if value is not _FAILED:
                self.check_rules(value, field, path)
            return value
        if not isinstance(raw, list):
            self.report(path, f"expected a list, got {_describe(raw)}")
            return _FAILED
        items = [self.one(item, field.kind, f"{path}[{i}]") for i, item in enumerate(raw)]
        if any(item is _FAILED for item in items):
            return _FAILED
        rule = field.format
        if rule is not None and len(items) < rule.min_items:
            self.report(path, too_few(field.name, rule.min_items))
        for index, item in enumerate(items):
            self.check_rules(item, field, f"{path}[{index}]")
        return tuple(items)

    def check_rules(self, value: Any, field: Field, path: str) -> None:
        """Report a value (an item, for a tuple field) that breaks a rule of the format. The
        value is kept: the checks across files still see the record."""
        if field.kind is str and is_blank(value):
            self.report(path, "must not be empty")
        elif field.format is not None and not attrs.has(field.kind):
            violation = field.format.violation(value)
            if violation is not None:
                self.report(path, violation)

    def one(self, raw: object, kind: Any, path: str) -> Any:
        if attrs.has(kind):
            return self.record(raw, kind, path)
        try:
            return _plain_hook(kind)(raw)
        except InvalidValue as exc:
            self.report(path, str(exc))
            return _FAILED

    def records(self, raw: object, cls: type, name: str) -> Any:
        """A file holding a list of records: the fast path per record, the walk where it fails,
        and once the log is full, only a count of the records that fail."""
        if not isinstance(raw, list):
            self.report(name, f"expected a list, got {_describe(raw)}")
            return _FAILED
        fast = _fast(cls)
        records: list[Any] = []
        for index, item in enumerate(raw):
            try:
                records.append(fast(item))
                continue
            except Exception:
                pass
            try:
                records.append(self.record(item, cls, f"{name}[{index}]"))
            except _Stop:
                # The problem that filled the log is counted; each later bad record has one more.
                self.log.count_more(sum(map(_fails(fast), raw[index + 1 :])))
                return _FAILED
        return _FAILED if _FAILED in records else tuple(records)


def _fails(fast: Callable[[Any], Any]) -> Callable[[Any], bool]:
    def fails(item: Any) -> bool:
        try:
            fast(item)
        except Exception:
            return True
        return False

    return fails


def structure_file(name: str, raw: Any, tp: Any, log: ProblemLog) -> Any:
    """The records of one file's parsed JSON (``tp`` is ``Show`` or ``tuple[Quote, ...]``),
    or ``None`` with its problems in ``log``."""
    try:
        return converter.structure(raw, tp)
    except RecursionError:
        log.add(f"{name}.json", name, "nested too deeply")
        return None
    except Exception:
        pass  # the walk says what is wrong
    kind, _, many = unwrap(tp)
    walk = _Walk(f"{name}.json", log)
    try:
        value = walk.records(raw, kind, name) if many else walk.record(raw, kind, name)
    except _Stop:
        return None
    except RecursionError:
        log.add(f"{name}.json", name, "nested too deeply")
        return None
    return None if value is _FAILED else value


# --- the converter ---------------------------------------------------------------------------


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    for kind, hook in _PLAIN.items():
        conv.register_structure_hook(kind, hook)
    for cls, enum_hook in _ENUMS.items():
        conv.register_structure_hook(cls, enum_hook)
        conv.register_unstructure_hook(cls, lambda member: member.value)
    conv.register_structure_hook_factory(attrs.has, lambda cls: lambda raw, _: _fast(cls)(raw))
    conv.register_structure_hook_factory(_is_many, _many_hook)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(dt.time, _unstructure_time)
    conv.register_unstructure_hook(zoneinfo.ZoneInfo, lambda zone: str(zone.key))
    conv.register_unstructure_hook_factory(
        attrs.has, lambda cls: make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
    )
    return conv


def _is_many(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple


def _many_hook(tp: Any) -> Callable[[Any, Any], Any]:
    kind, _, _ = unwrap(tp)
    item = _fast(kind) if attrs.has(kind) else _plain_hook(kind)

    def structure(raw: Any, _: Any) -> tuple[Any, ...]:
        if type(raw) is not list:
            raise InvalidValue(f"expected a list, got {_describe(raw)}")
        return tuple(map(item, raw))

    return structure


converter: Final = _make_converter()
"""The converter every load and dump goes through."""
