"""Read-only mappings of records by id (or by number, for episodes), in data order."""

from __future__ import annotations

import re
import threading
import typing
from collections import Counter
from collections.abc import ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._errors import UnknownId

if TYPE_CHECKING:
    from ._name_index import Named, NameIndex, NameMatch

__all__ = ["NamedRegistry", "Registry", "noun_of"]

KeyT = TypeVar("KeyT", str, int)
RecordT = TypeVar("RecordT")
NamedT = TypeVar("NamedT", bound="Named")

_index_lock = threading.Lock()
# Not compiled at import: re compiles and caches it on the first message that needs it.
_WORD_START = r"(?<!^)(?=[A-Z])"


def noun_of(cls: type) -> str:
    """How messages name a record of ``cls``: ``BroadcastSlot`` is a "broadcast slot"."""
    return re.sub(_WORD_START, " ", cls.__name__).lower()


class Registry(Mapping[KeyT, RecordT]):
    """An immutable mapping of records by their ``id`` (or another key field), in data order.

    It is a :class:`collections.abc.Mapping`: ``registry[id]``, ``registry.get(id)``,
    ``id in registry``, ``len``, and ``keys()``, ``values()`` and ``items()`` in the order of
    the data; iterating yields the ids. An unknown id raises
    :class:`~nevertheless_data.UnknownId`, a :class:`KeyError` that names the kind of record.
    Registries compare like mappings, and hash, as their records are immutable.

    ``key`` names the field records are found by: ``"id"``, or ``"number"`` for episodes.
    """

    __slots__ = ("_by_key", "_key", "_records")

    _records: tuple[RecordT, ...]
    _by_key: MappingProxyType[KeyT, RecordT]
    _key: str

    def __init__(self, records: Iterable[RecordT] = (), key: str = "id") -> None:
        if hasattr(self, "_records"):
            raise TypeError(f"this {type(self).__name__} is already built and immutable")
        items = tuple(records)
        by_key = {getattr(record, key): record for record in items}
        if len(by_key) != len(items):
            counts = Counter(getattr(record, key) for record in items)
            dupes = sorted(str(k) for k, count in counts.items() if count > 1)
            raise ValueError(f"duplicate {key}s in a registry: {', '.join(dupes)}")
        set_ = object.__setattr__
        set_(self, "_records", items)
        set_(self, "_by_key", MappingProxyType(by_key))
        set_(self, "_key", key)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __getitem__(self, key: KeyT) -> RecordT:
        try:
            return self._by_key[key]
        except (KeyError, TypeError):
            raise UnknownId(key, f"no {self.noun} has the {self._key} {key!r}") from None

    def __iter__(self) -> Iterator[KeyT]:
        return iter(self._by_key)

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._by_key
        except TypeError:  # unhashable: no record has it
            return False

    def get(self, key: KeyT, default: Any = None) -> Any:
        """The record with this key, or ``default``."""
        try:
            return self._by_key.get(key, default)
        except TypeError:
            return default

    # The mixins of Mapping would go through __getitem__ for every item: the dict's own views
    # are faster, and read-only all the same.
    def keys(self) -> KeysView[KeyT]:
        """The keys (ids), in data order."""
        return self._by_key.keys()

    def values(self) -> ValuesView[RecordT]:
        """The records, in data order."""
        return self._by_key.values()

    def items(self) -> ItemsView[KeyT, RecordT]:
        """``(key, record)`` pairs, in data order."""
        return self._by_key.items()

    @property
    def noun(self) -> str:
        """What one record is called in messages: ``"person"``, ``"broadcast slot"``."""
        return noun_of(type(self._records[0])) if self._records else "record"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Registry):
            return self._by_key == other._by_key
        if isinstance(other, Mapping):
            return dict(self._by_key) == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self._by_key.items()))

    def __repr__(self) -> str:
        keys = ", ".join(map(repr, self._by_key))
        return f"{type(self).__name__}({len(self)} records: {keys})"

    def __reduce__(self) -> tuple[type[Registry[KeyT, RecordT]], tuple[Any, ...]]:
        return (type(self), (self._records, self._key))


class NamedRegistry(Registry[str, NamedT], Generic[NamedT]):
    """A :class:`Registry` of people or characters, which also finds a record by its name.

    :meth:`lookup` and :meth:`search` accept a name however it is written: any case, spacing,
    hyphens or punctuation, Korean or Western order, the given name alone where only one
    record has it, with role words ("PD", "actress"), in Hangul with or without spaces, and with
    syllables romanized another common way ("Yu Na-bi", "Park Jae Uhn"). The rules are in
    ``docs/names.md``. The name index is built on first use, once, and shared by all threads.
    """

    __slots__ = ("_name_index",)

    _name_index: NameIndex[NamedT] | None

    def __init__(self, records: Iterable[NamedT] = (), key: str = "id") -> None:
        super().__init__(records, key)
        object.__setattr__(self, "_name_index", None)

    def name_index(self) -> NameIndex[NamedT]:
        """The name index of these records, built on first use (internal)."""
        index = self._name_index
        if index is None:
            with _index_lock:
                index = self._name_index
                if index is None:
                    # Loaded on first use: the name machinery costs more to import than
                    # loading the bundled dataset takes.
                    from ._name_index import NameIndex

                    index = NameIndex.build(self._records)
                    object.__setattr__(self, "_name_index", index)
        return index

    def lookup(self, name: str) -> NamedT:
        """The one record ``name`` names: ``people.lookup("Sohee Han")`` is Han So-hee.

        Raises :class:`~nevertheless_data.AmbiguousName` where several records answer to the
        name ("Kim"), and :class:`~nevertheless_data.NameNotFound`, with the closest records'
        names as ``suggestions``, where none does. It never guesses: a near miss
        ("Song Kang-ho", another actor) is a suggestion, not a match.
        """
        index = self._name_index or self.name_index()
        found = index.resolve(name)
        if found is not None:
            return found
        from ._name_index import lookup_in  # only a miss or an ambiguity gets here

        return typing.cast(NamedT, lookup_in((index,), name))

    def search(self, text: str, *, limit: int = 5) -> tuple[NameMatch[NamedT], ...]:
        """The records ``text`` may name, best first, each with a score from 0 to 1.

        A score of 1.0 means ``text`` is one of the record's spellings; lower scores rank near
        misses by the letter pairs they share. Raises :class:`ValueError` if ``limit`` < 1.
        """
        return self.name_index().search(text, limit=limit)
