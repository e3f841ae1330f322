"""Read-only collections of records keyed by id."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, overload

if TYPE_CHECKING:
    from ._name_index import NamedT, NameIndex, NameMatch
else:
    # At run time Generic needs a type variable, not the name index's module, which loads on
    # first lookup: importing it costs more than loading the bundled dataset. Its bound (the
    # Named protocol) is for the type checker, which sees _name_index's NamedT.
    NamedT = TypeVar("NamedT")

__all__ = ["NamedRegistry", "Registry"]


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


RecordT = TypeVar("RecordT", bound=_Identified)
DefaultT = TypeVar("DefaultT")

_index_lock = threading.Lock()


class Registry(Generic[RecordT]):
    """An immutable, ordered collection of records addressed by their ``id``.

    Iterating yields the records in data order; ``registry[id]`` and ``registry.get(id)``
    address one; ``id in registry`` tests for one. Two registries are equal when they hold
    equal records in the same order.
    """

    __slots__ = ("_by_id", "_records")

    _records: tuple[RecordT, ...]
    _by_id: MappingProxyType[str, RecordT]

    def __init__(self, records: Iterable[RecordT] = ()) -> None:
        items = tuple(records)
        by_id = {record.id: record for record in items}
        if len(by_id) != len(items):
            counts = Counter(record.id for record in items)
            dupes = sorted(key for key, count in counts.items() if count > 1)
            raise ValueError(f"duplicate ids in a registry: {', '.join(dupes)}")
        object.__setattr__(self, "_records", items)
        object.__setattr__(self, "_by_id", MappingProxyType(by_id))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __iter__(self) -> Iterator[RecordT]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, key: object) -> bool:
        return key in self._by_id

    def __getitem__(self, key: str) -> RecordT:
        try:
            return self._by_id[key]
        except KeyError:
            raise KeyError(f"no record with id {key!r}") from None

    @overload
    def get(self, key: str, default: None = None) -> RecordT | None: ...
    @overload
    def get(self, key: str, default: DefaultT) -> RecordT | DefaultT: ...
    def get(self, key: str, default: Any = None) -> Any:
        """The record with this id, or ``default``."""
        return self._by_id.get(key, default)

    def ids(self) -> tuple[str, ...]:
        """Every id, in data order."""
        return tuple(self._by_id)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Registry):
            return NotImplemented
        return self._records == other._records

    def __hash__(self) -> int:
        return hash(self._records)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} records: {', '.join(self._by_id)})"

    def __reduce__(self) -> tuple[type[Registry[RecordT]], tuple[tuple[RecordT, ...]]]:
        return (type(self), (self._records,))


class NamedRegistry(Registry[NamedT]):
    """A :class:`Registry` of people or characters, which also finds a record by its name.

    :meth:`lookup` and :meth:`search` accept a name however it is written: any case, spacing,
    hyphens or punctuation, Korean or Western order, the given name alone where only one
    record has it, with role words ("PD", "actress"), in Hangul with or without spaces, and with
    syllables romanized another common way ("Yu Na-bi", "Park Jae Uhn"). The rules are in
    ``docs/names.md``. The name index is built on first use, once, and shared by all threads.
    """

    __slots__ = ("_name_index",)

    _name_index: NameIndex[NamedT] | None

    def __init__(self, records: Iterable[NamedT] = ()) -> None:
        super().__init__(records)
        object.__setattr__(self, "_name_index", None)

    def _names(self) -> NameIndex[NamedT]:
        index = self._name_index
        if index is None:
            with _index_lock:
                index = self._name_index
                if index is None:
                    # The name index's module loads here, on first use: importing it costs
                    # more than loading the bundled dataset.
                    from ._name_index import NameIndex

                    index = NameIndex.build(self._records)
                    object.__setattr__(self, "_name_index", index)
        return index

    def lookup(self, text: str) -> NamedT:
        """The one record ``text`` names: ``people.lookup("Sohee Han")`` is Han So-hee.

        Raises :class:`~nevertheless_data.NameNotFound`, with the closest records' names as
        ``suggestions``, where no record or more than one answers to ``text``. It never guesses:
        a near miss ("Song Kang-ho", another actor) is a suggestion, not a match.
        """
        # Read the slot first: the warm path skips a method call (a lookup is ~1 us).
        index = self._name_index or self._names()
        record = index.resolve(text)
        if record is None:
            raise index.not_found(text)
        return record

    def search(self, text: str, *, limit: int = 5) -> tuple[NameMatch[NamedT], ...]:
        """The records ``text`` may name, best first, each with a score from 0 to 1.

        A score of 1.0 means ``text`` is one of the record's spellings; lower scores rank near
        misses by the letter pairs they share. Raises :class:`ValueError` if ``limit`` < 1.
        """
        return self._names().search(text, limit=limit)
