"""The JSON Schema (draft 2020-12) of the data format, generated from the models.

The schema is for consumers in other languages: one document whose top level describes a
whole dataset as an object keyed by collection (``"show"``, ``"quotes"``...), each property
the schema of that collection's file, with one ``$defs`` entry per model class. It is made
by walking the attrs fields of the classes in :data:`~nevertheless_data.FILES`, so it follows
the models as they change; descriptions come from the models' docstrings.

It states what one file can: types, required and unknown fields, enum values, the formats of
dates, times, ids, and the rules every value obeys (strings are not blank, ``sources`` is not
empty). The loader checks more: references resolve, ids are unique, a slot has exactly one of
``recurrence`` and ``follows``. Its checks are the authority; the schema never accepts less.

The docs publish :func:`schema_text` as ``docs/_static/nevertheless-data.schema.json``; a test
keeps the two equal.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
import zoneinfo
from typing import Any

import attrs

from ._models import Weekday

__all__ = ["json_schema", "schema_text"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_DESCRIPTION = """\
A nevertheless-data dataset: a directory of twelve UTF-8 JSON files, one per collection, \
each named after its collection ("show.json", "quotes.json"...). This schema describes the \
dataset as one object whose keys are the collection names and whose values are the files' \
contents; the schema of one file is the property of its collection, such as \
"#/properties/quotes". A file is at most {max_bytes:,} bytes (MAX_FILE_BYTES) of strict \
JSON: no duplicate keys, no NaN or Infinity, no lone surrogate escapes. Records refer to \
each other by id; that every reference resolves and every id is unique is checked by the \
library's loader, which no JSON Schema can express."""

# Field rules the integrity checks apply to every record, stated here for each value.
_NOT_BLANK: dict[str, Any] = {"minLength": 1, "pattern": r"\S"}
_DATE = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_TIME = {
    "type": "string",
    "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
    "description": "A wall-clock time, HH:MM or HH:MM:SS, without offset.",
}
_ZONE = {"type": "string", "description": "An IANA time zone key, such as Asia/Seoul."}
_SIMPLE: dict[Any, dict[str, Any]] = {
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    dt.date: _DATE,
    dt.time: _TIME,
    zoneinfo.ZoneInfo: _ZONE,
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the data format, as a new dict on every call.

    The top level describes a whole dataset as an object keyed by collection name, each value
    the content of that collection's file; ``schema["properties"]["quotes"]`` is the schema of
    ``quotes.json``, and ``schema["$defs"]`` holds one entry per model class. The loader checks
    more than a schema can say (references resolve, ids are unique): data valid under the
    schema may still be rejected by :func:`~nevertheless_data.load`, never the reverse.
    """
    import json

    # A round trip through JSON is a deep copy that also proves the schema is plain JSON.
    return typing.cast(dict[str, Any], json.loads(schema_text()))


@functools.cache
def schema_text() -> str:
    """The schema as the JSON text the docs publish: indented, keys in a stable order."""
    import json

    return json.dumps(_build(), indent=2, ensure_ascii=False) + "\n"


def _build() -> dict[str, Any]:
    from ._loading import FILES, MAX_FILE_BYTES

    walker = _Walker()
    properties = {name: walker.schema_of(kind) for name, kind in FILES.items()}
    return {
        "$schema": _DIALECT,
        "title": "nevertheless-data dataset",
        "description": _DESCRIPTION.format(max_bytes=MAX_FILE_BYTES),
        "type": "object",
        "properties": properties,
        "required": list(FILES),
        "additionalProperties": False,
        "$defs": dict(sorted(walker.definitions.items())),
    }


class _Walker:
    """Turns Python types of the models into schemas, collecting one definition per class."""

    def __init__(self) -> None:
        self.definitions: dict[str, dict[str, Any]] = {}
        self.field_docs = _field_docstrings()

    def schema_of(self, tp: Any, field: str = "") -> dict[str, Any]:
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            inner = next(arg for arg in args if arg is not type(None))
            return {"anyOf": [self.schema_of(inner, field), {"type": "null"}]}
        if origin is tuple:
            array: dict[str, Any] = {"type": "array", "items": self.schema_of(args[0], field)}
            if field == "sources":
                array["minItems"] = 1
            return array
        if attrs.has(tp):
            return {"$ref": f"#/$defs/{self.define(tp)}"}
        if tp is Weekday:
            return {"type": "string", "enum": [day.name.lower() for day in Weekday]}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"type": "string", "enum": [member.value for member in tp]}
        if tp is str:
            pattern = _field_patterns().get(field)
            return {"type": "string", "pattern": pattern} if pattern else _text()
        if tp in _SIMPLE:
            return dict(_SIMPLE[tp])
        raise TypeError(f"no JSON Schema for the model type {tp!r}")

    def define(self, cls: type) -> str:
        name = cls.__name__
        if name in self.definitions:
            return name
        self.definitions[name] = {}  # Taken before the walk: models may nest their own kind.
        properties: dict[str, Any] = {}
        required: list[str] = []
        for attribute in attrs.fields(attrs.resolve_types(cls)):
            schema = self.schema_of(attribute.type, attribute.name)
            doc = self.field_docs.get((name, attribute.name))
            if doc:
                schema = {"description": doc, **schema}
            if attribute.default is attrs.NOTHING:
                required.append(attribute.name)
            else:
                schema["default"] = _json_default(attribute.default)
            properties[attribute.name] = schema
        definition: dict[str, Any] = {"type": "object"}
        if cls.__doc__:
            definition["description"] = _plain(cls.__doc__)
        definition |= {
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        self.definitions[name] = definition
        return name


def _text() -> dict[str, Any]:
    return {"type": "string", **_NOT_BLANK}


def _field_patterns() -> dict[str, str]:
    """The patterns the integrity checks hold some fields to, whatever their record."""
    from ._integrity import _REGION, _SLUG

    return {"id": f"^{_SLUG.pattern}$", "region": f"^(?:{_REGION.pattern})$"}


def _json_default(value: object) -> Any:
    if isinstance(value, Weekday):
        return value.name.lower()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def _plain(doc: str) -> str:
    """A docstring as plain text: roles and double backquotes dropped, paragraphs unwrapped."""
    import inspect
    import re

    text = inspect.cleandoc(doc)
    for python, json in (("None", "null"), ("True", "true"), ("False", "false")):
        text = text.replace(f"``{python}``", f"``{json}``")
    text = re.sub(r":\w+:`~[\w.]*?(\w+)`", r"\1", text)
    text = re.sub(r":\w+:`([^`]+)`", r"\1", text)
    text = text.replace("``", "`")
    paragraphs = (" ".join(part.split()) for part in text.split("\n\n"))
    return "\n\n".join(paragraphs)


def _field_docstrings() -> dict[tuple[str, str], str]:
    """The docstring written under a field in ``_models.py``, by (class name, field name).

    Python keeps no such docstring at run time: they are read from the module's source, and
    are left out where the source is not available.
    """
    import ast
    import inspect

    from . import _models

    try:
        tree = ast.parse(inspect.getsource(_models))
    except (OSError, TypeError):
        return {}
    docs: dict[tuple[str, str], str] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        for statement, following in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                docs[node.name, statement.target.id] = _plain(following.value.value)
    return docs
