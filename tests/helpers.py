"""The one place the tests reach the library's internals.

Test modules use the public API (``nd.NamedRegistry(records).lookup``, ``nd.normalize_name``,
...) and, for what it does not show, the names below: the tables the name machinery reads, the
name index behind a registry, and counts of the work an index holds or does, which bound
tests assert instead of timings. Test modules import from here and from ``strategies``, never
from a private module of the package or from each other.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import nevertheless_data as nd
from nevertheless_data._errors import AmbiguousName  # not yet exported by the package
from nevertheless_data._hangul import (
    FAMILY_NAMES,
    FINALS,
    INITIALS,
    MEDIALS,
    romanize_syllable,
    split_name,
)
from nevertheless_data._name_index import NameIndex, lookup_in
from nevertheless_data._name_keys import (
    ROLE_WORDS,
    SYLLABLE_SPELLINGS,
    aligned_hangul,
    class_spellings,
    family_spellings,
    name_key,
    structure,
    syllable_class,
    syllable_classes,
)

__all__ = [
    "FAMILY_NAMES",
    "FINALS",
    "INITIALS",
    "MEDIALS",
    "ROLE_WORDS",
    "SYLLABLE_SPELLINGS",
    "AmbiguousName",
    "NameIndex",
    "aligned_hangul",
    "class_spellings",
    "family_spellings",
    "index_entries",
    "indexed_keys",
    "lookup_in",
    "name_index",
    "name_key",
    "named",
    "near_misses",
    "romanize_syllable",
    "split_name",
    "structure",
    "suggestion_candidates",
    "syllable_class",
    "syllable_classes",
    "walk_steps",
]

Registry = nd.NamedRegistry[Any]


def name_index(registry: Registry) -> NameIndex[Any]:
    """The name index of ``registry``, built on first use."""
    return registry._names()


def _owners(found: object) -> tuple[int, ...]:
    return (found,) if isinstance(found, int) else tuple(found)  # type: ignore[arg-type]


def indexed_keys(registry: Registry) -> Counter[str]:
    """Record id -> how many keys of the name index lead to it: spellings as written, class
    keys, Hangul given names, name parts, and the spelling keys near misses are scored on."""
    index = name_index(registry)
    counts: Counter[int] = Counter()
    for table in (index._written, index._hangul_given, index._keys, index._parts):
        for found in table.values():
            counts.update(_owners(found))
    counts.update(index._suggester.owners())
    return Counter({index.records[p].id: n for p, n in counts.items()})


def index_entries(registry: Registry) -> int:
    """Every entry of every table of the name index, shared ones (prefixes, syllables) too."""
    index = name_index(registry)
    tables = (index._written, index._hangul_given, index._keys, index._parts, index._units)
    return (
        sum(len(table) for table in tables)
        + len(index._prefixes)
        + len(index._families)
        + len(index._suggester.owners())
    )


def walk_steps(registry: Registry, text: str) -> int:
    """How many steps reading ``text`` back into class keys takes."""
    return name_index(registry)._parse(name_key(text), {})


def suggestion_candidates(registry: Registry, text: str) -> int:
    """How many spelling keys a near miss for ``text`` reads one by one."""
    suggester = name_index(registry)._suggester
    return sum(1 for _ in suggester.candidates(*suggester.count(name_key(text))))


def named(registry: Registry, key: str) -> tuple[int, tuple[str, ...]]:
    """The best tier at which records answer to ``key``, and their ids, in data order: the
    key alone, before role words, romanized Hangul or both scripts are tried."""
    index = name_index(registry)
    tier, positions = index._named(key)
    return tier, tuple(index.records[p].id for p in positions)


def near_misses(registry: Registry, key: str) -> dict[str, tuple[float, str]]:
    """Record id -> (best letter-pair score >= 0.5, the spelling that earned it), for ``key``."""
    index = name_index(registry)
    suggester = index._suggester
    return {
        index.records[position].id: (score, suggester.spelling(entry))
        for position, (score, entry) in suggester.scores(key).items()
    }
