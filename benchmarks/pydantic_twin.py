"""The loading baseline: pydantic v2 models of the dataset, derived from the msgspec twin.

Each msgspec Struct of :mod:`msgspec_twin` becomes a frozen pydantic model with the same
fields, types, defaults and constraints (patterns, least lengths and values), unknown fields
forbidden; one mirror of the library's models serves both baselines. Benchmark-only code.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Annotated, Any

import msgspec
import msgspec_twin
import pydantic

_CONFIG = pydantic.ConfigDict(frozen=True, extra="forbid")
_models: dict[type, type[pydantic.BaseModel]] = {}


def _translate(kind: Any) -> Any:
    """The pydantic annotation for a msgspec twin's annotation, its constraints included."""
    if typing.get_origin(kind) is Annotated:
        base, *metas = typing.get_args(kind)
        rules: dict[str, Any] = {}
        for meta in metas:
            if isinstance(meta, msgspec.Meta):
                rules |= {
                    name: getattr(meta, name)
                    for name in ("pattern", "min_length", "ge")
                    if getattr(meta, name) is not None
                }
        return Annotated[_translate(base), pydantic.Field(**rules)]
    if isinstance(kind, type) and issubclass(kind, msgspec.Struct):
        return model_of(kind)
    if kind is msgspec_twin.WallTime:
        return dt.time
    # The annotations below are built at run time, so they are spelled as calls: a subscript
    # such as ``tuple[x, ...]`` is read by the type checker as a type, which ``x`` is not.
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        return typing.Union.__getitem__(tuple(_translate(arg) for arg in args))
    if origin is tuple:
        return types.GenericAlias(tuple, (_translate(args[0]), ...))
    if origin is dict:
        return types.GenericAlias(dict, (args[0], _translate(args[1])))
    return kind


def model_of(struct: type[msgspec.Struct]) -> type[pydantic.BaseModel]:
    """The pydantic model mirroring one msgspec twin Struct (built once)."""
    if struct not in _models:
        fields: dict[str, Any] = {}
        for field in msgspec.structs.fields(struct):
            default = ... if field.default is msgspec.NODEFAULT else field.default
            fields[field.name] = (_translate(field.type), default)
        _models[struct] = pydantic.create_model(struct.__name__, __config__=_CONFIG, **fields)
    return _models[struct]


ADAPTERS: dict[str, pydantic.TypeAdapter[Any]] = {
    name: pydantic.TypeAdapter(_translate(kind)) for name, kind in msgspec_twin.FILES.items()
}
"""A validator per collection, keyed like the dataset files."""


def structure(raws: dict[str, Any]) -> dict[str, Any]:
    """Every collection of ``raws`` (parsed JSON, keyed by collection) validated by pydantic."""
    return {name: ADAPTERS[name].validate_python(raw) for name, raw in raws.items()}
