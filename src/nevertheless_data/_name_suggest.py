"""Near misses: which spelling keys share the most letter pairs with a query.

:class:`Suggester` is an inverted index of letter pairs over every spelling key of a name
index; :class:`SuggesterBuilder` numbers the keys as the records are read.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from itertools import pairwise
from types import MappingProxyType
from typing import Final

__all__ = ["MAX_FUZZY_KEY", "MIN_SCORE", "ReadOnly", "Suggester", "SuggesterBuilder", "bigrams"]

MIN_SCORE: Final = 0.5
"""The least Dice coefficient of a near miss."""
MAX_FUZZY_KEY: Final = 64
"""Letters of a query compared for near misses: a longer text names no one anyway."""
# A posting list is stored as a bitset over all spelling keys once the bitset is no larger
# than the list packed at 4 bytes an entry: then one big-int operation counts it for every key.
_DENSE_FRACTION: Final = 32
_SIZES: Final = 255


def bigrams(key: str) -> frozenset[str]:
    """The letter pairs of ``key``, its start and end marked: what near misses compare."""
    marked = f"^{key}$"
    return frozenset(map(str.__add__, marked[:-1], marked[1:]))


class ReadOnly:
    """A slotted object whose attributes are set once, in ``__init__``."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")


class Suggester(ReadOnly):
    """Near misses: spelling keys sharing letter pairs with a query (Dice coefficient >= 0.5).

    An inverted index maps each letter pair to the spelling keys holding it: a Python int with
    a bit per key where the pair is common, packed key numbers where it is rare. A query adds
    up its pairs' bitsets in a bit-sliced counter (bit ``k`` of every key's count in one int),
    so counting costs a few big-int operations per pair, not a pass over the keys; only keys
    whose count reaches a score of 0.5 for their own number of pairs are then read one by one.
    Each key leads to the spelling entry of its first record, and of any others in ``more``;
    an entry is a record's position and the spelling as written, numbered in data order.
    """

    __slots__ = (
        "_dense",
        "_first",
        "_more",
        "_owners",
        "_sizes",
        "_sparse",
        "_spellings",
        "_widths",
    )

    _dense: Mapping[str, int]
    _sparse: Mapping[str, bytes]
    _sizes: Mapping[int, int]
    _widths: bytes
    _first: bytes
    _more: Mapping[int, tuple[int, ...]]
    _owners: bytes
    _spellings: tuple[str, ...]

    def __init__(self, builder: SuggesterBuilder) -> None:
        from array import array

        count = len(builder.numbers)
        # A pair is a tuple of its two letters while the keys are read, and a string only once
        # per distinct pair: making a string for every pair of every key costs more.
        postings: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
        widths = bytearray(count)
        for key, number in builder.numbers.items():
            marked = f"^{key}$"
            pairs = set(pairwise(marked))
            widths[number] = min(len(pairs), _SIZES)
            for pair in pairs:
                postings[pair].append(number)
        sizes = {width: _bits_where(widths, width) for width in set(widths)}
        dense: dict[str, int] = {}
        sparse: dict[str, bytes] = {}
        for (first, second), numbers in postings.items():
            if len(numbers) * _DENSE_FRACTION >= count:
                marks = bytearray(count)
                for number in numbers:
                    marks[number] = 1
                dense[first + second] = _bits_where(marks, 1)
            else:
                sparse[first + second] = array("I", numbers).tobytes()
        set_ = object.__setattr__
        set_(self, "_dense", MappingProxyType(dense))
        set_(self, "_sparse", MappingProxyType(sparse))
        set_(self, "_sizes", MappingProxyType(sizes))
        set_(self, "_widths", bytes(widths))
        set_(self, "_first", builder.first.tobytes())
        set_(self, "_more", MappingProxyType({n: tuple(e) for n, e in builder.more.items()}))
        set_(self, "_owners", builder.owners.tobytes())
        set_(self, "_spellings", tuple(builder.spellings))

    def scores(self, key: str) -> dict[int, tuple[float, int]]:
        """Record position -> (best score, the number of its spelling), for scores >= 0.5."""
        found: dict[int, tuple[float, int]] = {}
        if not key:
            return found
        widths = self._widths
        size, planes, rare = self.count(key)
        for number, common in self.candidates(size, planes, rare):
            score = 2 * common / (size + widths[number])
            if score >= MIN_SCORE:
                self._credit(found, number, score)
        return found

    def count(self, key: str) -> tuple[int, list[int], Counter[int]]:
        """The letter pairs of ``key``, and how many of them each spelling key shares: a
        bit-sliced count over the common pairs, a count by key number over the rare ones."""
        pairs = bigrams(key[:MAX_FUZZY_KEY])
        planes: list[int] = []
        rare: Counter[int] = Counter()
        for pair in pairs:
            bits = self._dense.get(pair)
            if bits is not None:
                _count_into(planes, bits)
                continue
            numbers = self._sparse.get(pair)
            if numbers is not None:
                rare.update(memoryview(numbers).cast("I"))
        return len(pairs), planes, rare

    def candidates(
        self, size: int, planes: list[int], rare: Counter[int]
    ) -> Iterator[tuple[int, int]]:
        """(key number, letter pairs shared) of the keys that may score 0.5 with a query of
        ``size`` pairs, from its :meth:`count`."""
        nbytes = (len(self._widths) + 7) // 8
        plane_bytes = [plane.to_bytes(nbytes, "little") for plane in planes]

        def shared(number: int) -> int:
            byte, bit = number >> 3, number & 7
            return sum(((b[byte] >> bit) & 1) << k for k, b in enumerate(plane_bytes))

        for number, count in rare.items():
            yield number, count + shared(number)
        # A key of `other` pairs sharing `common` scores >= 0.5 iff 4 * common >= size + other:
        # for each count, the key sizes it is the least count for, then the keys reaching it.
        for least in range((size + 4) // 4, size + 1):
            if least >> len(planes):
                break
            sized = 0
            for other in range(max(1, 4 * least - size - 3), 4 * least - size + 1):
                sized |= self._sizes.get(other, 0)
            reached = _at_least(planes, least, sized) if sized else 0
            if not reached:
                continue
            bits = format(reached, "b")[::-1]
            number = bits.find("1")
            while number >= 0:
                if number not in rare:
                    yield number, shared(number)
                number = bits.find("1", number + 1)

    def _credit(self, found: dict[int, tuple[float, int]], number: int, score: float) -> None:
        """Give ``score`` to every record the key ``number`` is a spelling of, with the entry
        of its spelling: of a record's spellings scoring alike, the first in data order."""
        owners = memoryview(self._owners).cast("I")
        for entry in (memoryview(self._first).cast("I")[number], *self._more.get(number, ())):
            owner = owners[entry]
            best = found.get(owner)
            if best is None or score > best[0] or (score == best[0] and entry < best[1]):
                found[owner] = (score, entry)

    def spelling(self, entry: int) -> str:
        """The spelling of an entry, as the record writes it (or as its Hangul romanizes)."""
        return self._spellings[entry]

    def owners(self) -> memoryview:
        """The record position of every spelling entry."""
        return memoryview(self._owners).cast("I")


class SuggesterBuilder:
    """The spelling keys of the records, each numbered once, with the records spelling it."""

    __slots__ = ("first", "more", "numbers", "owners", "spellings")

    def __init__(self) -> None:
        from array import array

        self.numbers: dict[str, int] = {}
        self.first = array("I")
        self.more: dict[int, list[int]] = {}
        self.owners = array("I")
        self.spellings: list[str] = []

    def add(self, position: int, spelled: list[tuple[str, str]]) -> None:
        """Number the keys of ``spelled``, a record's (spelling, key) pairs, best first."""
        numbers, first, owners, spellings = self.numbers, self.first, self.owners, self.spellings
        seen: set[str] = set()
        for spelling, key in spelled:
            if not key or key in seen:
                continue
            seen.add(key)
            entry = len(owners)
            owners.append(position)
            spellings.append(spelling)
            number = numbers.get(key)
            if number is None:
                numbers[key] = len(first)
                first.append(entry)
            else:
                self.more.setdefault(number, []).append(entry)


def _bits_where(values: bytes | bytearray, value: int) -> int:
    """The int with bit ``i`` set where ``values[i] == value``: a few passes over bytes."""
    table = b"0" * value + b"1" + b"0" * (255 - value)  # each byte -> its digit: is it value?
    return int(values.translate(table)[::-1], 2)


def _count_into(planes: list[int], bits: int) -> None:
    """Add one to the bit-sliced count of every key set in ``bits``."""
    carry = bits
    for k, plane in enumerate(planes):
        planes[k] = plane ^ carry
        carry &= plane
        if not carry:
            return
    planes.append(carry)


def _at_least(planes: list[int], least: int, among: int) -> int:
    """The keys of ``among`` whose bit-sliced count is at least ``least``."""
    above, equal = 0, among
    for k in reversed(range(len(planes))):
        if least >> k & 1:
            equal &= planes[k]
        else:
            above |= equal & planes[k]
    return above | equal
