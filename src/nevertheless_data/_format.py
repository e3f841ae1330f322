"""The data format, stated once: what every field of the data files may hold.

A model field that obeys a rule beyond its Python type carries a :class:`Format` in its attrs
metadata (``field(metadata=ID)``): a pattern its text must match, the collection its ids must
name, a least number of items or a least value. The converter, the integrity checks, the JSON
Schema and the snapshot all read the fields through :func:`fields_of`, which unwraps every
annotation the same way, so a rule is written in one place and enforced and published from it.

Rules that hold for every value of a kind live here too: strings are never blank, dates are
``YYYY-MM-DD``, times ``HH:MM[:SS]``, enums are written as their string values.
"""

from __future__ import annotations

import enum
import re
import types
import typing
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

__all__ = [
    "AT_LEAST_ONE",
    "DATE",
    "EPISODE",
    "FORMAT_KEY",
    "ID",
    "LANGUAGE",
    "MINUTES",
    "REGION",
    "SOURCES",
    "TIME",
    "URL",
    "Field",
    "Format",
    "as_tuple",
    "fields_of",
    "is_blank",
    "items",
    "refers_to",
    "shape",
    "too_few",
    "unwrap",
]

FORMAT_KEY: Final = "nevertheless_data.format"
"""The attrs metadata key under which a field's :class:`Format` is kept."""


class Format:
    """What a field's value must be beyond its type.

    ``pattern`` is a regular expression a string (or each string of a tuple) must match in
    full, ``meaning`` what a matching value is, for messages ("a lowercase-hyphenated slug");
    ``refers_to`` the collections whose ids the value must name (``"show"`` means the show's
    id); ``min_items`` the least length of a tuple; ``minimum`` the least value of a number.
    """

    # A plain class, not an attrs one: the models build these at import, on the cold path.
    __slots__ = (
        "episode_number",
        "maximum",
        "meaning",
        "min_items",
        "minimum",
        "pattern",
        "refers_to",
    )

    def __init__(
        self,
        *,
        pattern: str | None = None,
        meaning: str = "",
        refers_to: tuple[str, ...] = (),
        min_items: int = 0,
        minimum: int | None = None,
        maximum: int | None = None,
        episode_number: bool = False,
    ) -> None:
        self.pattern = pattern
        self.meaning = meaning
        self.refers_to = refers_to
        self.min_items = min_items
        self.minimum = minimum
        self.maximum = maximum
        self.episode_number = episode_number

    def violation(self, value: object) -> str | None:
        """What is wrong with one value (an item, for a tuple field), or ``None``."""
        if self.pattern is not None and isinstance(value, str):
            # re keeps its compiled patterns: no compile at import, none twice.
            if re.fullmatch(self.pattern, value) is None:
                return f"{value!r} is not {self.meaning}"
        elif type(value) is int:
            if self.minimum is not None and value < self.minimum:
                return f"must be at least {self.minimum}, not {value}"
            if self.maximum is not None and value > self.maximum:
                return f"must be at most {self.maximum}, not {value}"
        return None

    def __repr__(self) -> str:
        return f"Format(pattern={self.pattern!r}, refers_to={self.refers_to!r})"


def _metadata(rule: Format) -> Mapping[str, Format]:
    return MappingProxyType({FORMAT_KEY: rule})


SLUG_PATTERN: Final = r"[a-z0-9]+(?:-[a-z0-9]+)*"

ID: Final = _metadata(Format(pattern=SLUG_PATTERN, meaning="a lowercase-hyphenated slug"))
"""A record's id: a lowercase-hyphenated slug such as ``han-so-hee``."""

REGION: Final = _metadata(
    Format(
        pattern=r"[A-Z]{2}|worldwide",
        meaning="an ISO 3166-1 alpha-2 code (such as 'KR') or 'worldwide'",
    )
)
"""Where a slot airs: an ISO 3166-1 alpha-2 code or ``worldwide``."""

LANGUAGE: Final = _metadata(
    Format(
        pattern=r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*",
        meaning="a BCP 47 language tag such as 'en', 'ko' or 'ko-Latn'",
    )
)
"""A BCP 47 language tag."""

URL: Final = _metadata(
    Format(pattern=r"https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", meaning="an absolute https URL")
)
"""The address of a page as published: an absolute ``https://`` URL."""

AT_LEAST_ONE: Final = _metadata(Format(minimum=1))
"""A count or a position that starts at 1."""

EPISODE: Final = _metadata(Format(minimum=1, episode_number=True))
"""An episode number: at least 1 (and at most the show's episode count, checked across files)."""

MINUTES: Final = _metadata(Format(minimum=1, maximum=7 * 24 * 60))
"""A running time in minutes: at least one, at most a week."""

SOURCES: Final = _metadata(Format(refers_to=("sources",), min_items=1))
"""The ids of the sources that back a record: at least one, each a source's id."""


def items(at_least: int) -> Mapping[str, Format]:
    """Metadata of a collection field that holds at least ``at_least`` items."""
    return _metadata(Format(min_items=at_least))


def refers_to(*collections: str, min_items: int = 0) -> Mapping[str, Format]:
    """Metadata of a field holding the id of a record of one of ``collections`` (or several)."""
    return _metadata(Format(refers_to=collections, min_items=min_items))


# --- values of a kind, whatever their field ----------------------------------------------------

DATE: Final = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
"""The pattern of a date as the files write it, ``YYYY-MM-DD``; the calendar decides whether
it exists."""

TIME: Final = r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?"
"""The pattern of a wall-clock time as the files write it, ``HH:MM`` or ``HH:MM:SS``, without
an offset."""


def too_few(name: str, least: int) -> str:
    """The message for a collection field ``name`` holding fewer than ``least`` items."""
    singular = name.removesuffix("s")
    return f"needs at least one {singular}" if least == 1 else f"needs at least {least} {name}"


def is_blank(text: str) -> bool:
    """Whether a string is empty or only whitespace: no string field may be."""
    return not text or text.isspace()


def as_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """The converter of every collection field: a tuple, whatever iterable the caller gave.

    A string is refused: it is iterable, but a tuple of its characters is never what was meant.
    """
    if type(items) is tuple:
        return items
    if isinstance(items, str | bytes):
        raise TypeError(f"expected a sequence of items, got the string {items!r}")
    return tuple(items)


# --- the fields of a model ---------------------------------------------------------------------


class Field:
    """One field of a model class as the data format sees it.

    ``kind`` is the type of one value with ``| None`` and ``tuple[..., ...]`` removed;
    ``optional`` says the field may hold ``None``, ``many`` that it holds a tuple of ``kind``;
    ``default`` is :data:`attrs.NOTHING` for a field every file must give.
    """

    __slots__ = ("alias", "annotation", "default", "format", "kind", "many", "name", "optional")

    def __init__(self, attribute: attrs.Attribute[Any]) -> None:
        self.name = attribute.name
        self.alias: str = attribute.alias or attribute.name
        self.annotation = attribute.type
        self.kind, self.optional, self.many = unwrap(attribute.type)
        self.default = attribute.default
        self.format: Format | None = attribute.metadata.get(FORMAT_KEY)

    @property
    def required(self) -> bool:
        """Whether a data file must give the field (it has no default)."""
        return self.default is attrs.NOTHING

    @property
    def holds_records(self) -> bool:
        """Whether the field holds records (attrs classes) rather than plain values."""
        return attrs.has(self.kind)

    @property
    def is_enum(self) -> bool:
        """Whether the field holds members of a string enum."""
        return isinstance(self.kind, type) and issubclass(self.kind, enum.Enum)

    def __repr__(self) -> str:
        return f"<Field {self.name}: {self.annotation!r}>"


def unwrap(annotation: Any) -> tuple[Any, bool, bool]:
    """``(kind, optional, many)`` of a model annotation: ``tuple[Alias, ...] | None`` gives
    ``(Alias, True, True)``. The format has no other shapes."""
    optional = many = False
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in args:
        others = [arg for arg in args if arg is not type(None)]
        if len(others) != 1:
            raise TypeError(f"the data format has no union type like {annotation!r}")
        annotation, optional = others[0], True
        args = typing.get_args(annotation)
    if typing.get_origin(annotation) is tuple:
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"the data format holds tuple[X, ...] only, not {annotation!r}")
        annotation, many = args[0], True
    return annotation, optional, many


_FIELDS: dict[type, tuple[Field, ...]] = {}


def fields_of(cls: type) -> tuple[Field, ...]:
    """The fields of the model class ``cls`` that a data file holds, in field order."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(_describe(cls))
    return found


def _describe(cls: type) -> Iterable[Field]:
    for attribute in attrs.fields(attrs.resolve_types(typing.cast(Any, cls))):
        if attribute.init:
            yield Field(attribute)


def shape(cls: type) -> tuple[tuple[str, str], ...]:
    """The fields of an attrs class as written, ``(name, annotation)``, without resolving a
    type: what a pickled record of the class depends on, cheaply enough for a cold start."""
    # The annotations as written: resolving the types (fields_of does) rewrites a.type in place.
    annotations: dict[str, Any] = cls.__annotations__
    return tuple(
        (a.name, str(annotations.get(a.name))) for a in typing.cast(Any, cls).__attrs_attrs__
    )
