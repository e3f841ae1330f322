"""The name index (interim: re-exports ``_names`` until the name engine is split)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._errors import AmbiguousName, NameNotFound
from ._names import Named, NamedT, NameIndex, NameMatch

__all__ = ["NameIndex", "NameMatch", "Named", "NamedT", "lookup_in"]


def lookup_in(indexes: Sequence[NameIndex[Any]], text: str) -> Any:
    """The one record ``text`` names across ``indexes``; raises AmbiguousName / NameNotFound."""
    found = [record for index in indexes if (record := index.resolve(text)) is not None]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise AmbiguousName(text, [(r.id, r.name) for r in found])
    matches = sorted((m for index in indexes for m in index.search(text)), key=lambda m: -m.score)
    raise NameNotFound(text, dict.fromkeys(m.record.name for m in matches))
