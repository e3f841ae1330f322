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
import typing
import zoneinfo
from typing import Any

import attrs

from ._format import DATE, TIME, Field, Format, fields_of, unwrap

__all__ = ["json_schema", "schema_text"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_DESCRIPTION = """\
A nevertheless-data dataset: a directory of twelve UTF-8 JSON files, one per collection, \
each named after its collection ("show.json", "quotes.json"...). This schema describes the \
dataset as one object whose keys are the collection names and whose values are the files' \
contents; the schema of one file is the property of its collection, such as \
"#/properties/quotes". A file is at most {max_bytes:,} bytes by default (MAX_FILE_BYTES) of \
strict JSON: no duplicate keys, no NaN or Infinity, no lone surrogate escapes. A field with a \
default may be null, which means its default. Records refer to each other by id; that every \
reference resolves and every id is unique is checked by the library's loader, which no JSON \
Schema can express."""

# Every string of the format is text: not empty, not only whitespace.
_TEXT: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": r"\S"}
_PLAIN: dict[Any, dict[str, Any]] = {
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    dt.date: {"type": "string", "format": "date", "pattern": f"^{DATE}$"},
    dt.time: {
        "type": "string",
        "pattern": f"^{TIME}$",
        "description": "A wall-clock time, HH:MM or HH:MM:SS, without offset.",
    },
    zoneinfo.ZoneInfo: {
        "type": "string",
        "description": "An IANA time zone key, such as Asia/Seoul.",
    },
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
    properties = {}
    for name, tp in FILES.items():
        kind, _, many = unwrap(tp)
        one = walker.reference(kind)
        properties[name] = {"type": "array", "items": one} if many else one
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
    """Turns the fields of the models into schemas, collecting one definition per class."""

    def __init__(self) -> None:
        self.definitions: dict[str, dict[str, Any]] = {}
        self.field_docs = _field_docstrings()

    def reference(self, cls: type) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.define(cls)}"}

    def value(self, kind: Any, rule: Format | None) -> dict[str, Any]:
        """The schema of one value of a field (an item, for a tuple field)."""
        if attrs.has(kind):
            return self.reference(kind)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return {"type": "string", "enum": [member.value for member in kind]}
        if kind is str:
            if rule is not None and rule.pattern is not None:
                return {"type": "string", "pattern": f"^(?:{rule.pattern})$"}
            return dict(_TEXT)
        schema = dict(_PLAIN[kind])
        if rule is not None and rule.minimum is not None:
            schema["minimum"] = rule.minimum
        if rule is not None and rule.maximum is not None:
            schema["maximum"] = rule.maximum
        return schema

    def field(self, field: Field) -> dict[str, Any]:
        schema = self.value(field.kind, field.format)
        if field.many:
            schema = {"type": "array", "items": schema}
            if field.format is not None and field.format.min_items:
                schema["minItems"] = field.format.min_items
        if not field.required:
            schema = {"anyOf": [schema, {"type": "null"}], "default": _json_default(field.default)}
        return schema

    def define(self, cls: type) -> str:
        name = cls.__name__
        if name in self.definitions:
            return name
        self.definitions[name] = {}  # Taken before the walk: models may nest their own kind.
        properties: dict[str, Any] = {}
        for field in fields_of(cls):
            schema = self.field(field)
            doc = self.field_docs.get((name, field.name))
            properties[field.alias] = {"description": doc, **schema} if doc else schema
        definition: dict[str, Any] = {"type": "object"}
        if cls.__doc__:
            definition["description"] = _plain(cls.__doc__)
        definition |= {
            "properties": properties,
            "required": [f.alias for f in fields_of(cls) if f.required],
            "additionalProperties": False,
        }
        self.definitions[name] = definition
        return name


def _json_default(value: object) -> Any:
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


def _main() -> None:
    # Regenerates the copy the docs publish: python -m nevertheless_data._schema
    from pathlib import Path

    target = Path(__file__).parents[2] / "docs" / "_static" / "nevertheless-data.schema.json"
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    _main()
