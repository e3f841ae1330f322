"""The name index: the records a name means, found without spelling out every variant.

What a record answers to, tier by tier (a lower tier wins a key two records share; a key two
records share at the same tier resolves to neither):

0. its name, each alias and its Hangul, as the data writes them;
1. its name with each syllable spelled any way :data:`~._name_keys.SYLLABLE_SPELLINGS` or (for
   the family name) :data:`~nevertheless_data._hangul.FAMILY_NAMES` allows, and the Revised
   Romanization of its Hangul, in Korean or Western order;
2. its given name alone, in Latin letters or Hangul, where it has two syllables or more.

A family name alone, or a one-syllable given name alone, is never a key: "Kim" or "Kang" is
too many people (:meth:`NameIndex.partial` lists them). Fuzzy matching only ever *suggests*.

Tier 0 keys are stored as they are. Tiers 1 and 2 are stored as *class keys*, a few per record
whatever its spellings: one code for the set of spellings its family name answers to (or a
marker for "given name alone"), then one code per given-name syllable for the set of syllable
classes it answers to (:func:`~._name_keys.syllable_classes`). Spelling out every variant
instead multiplies the spellings of every syllable, which a long name with common syllables
turns into millions of keys. A query is read back into class keys: a family name is peeled off
either end, and the rest is split into syllable spellings by a walk that only follows splits
some class key begins with (the index keeps every prefix of every class key), so the walk's
states are bounded by the query's length times the class-key prefixes it is consistent with.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final, Generic, Protocol, TypeVar

from attrs import frozen

from ._errors import AmbiguousName, NameNotFound
from ._hangul import _romanize_split, romanize_name, split_name
from ._name_keys import (
    aligned_hangul,
    bare_tokens,
    class_spellings,
    family_spellings,
    is_hangul,
    name_key,
    structure,
    syllable_classes,
)

__all__ = ["NameIndex", "NameMatch", "Named", "NamedT", "lookup_in"]


class _Spelled(Protocol):
    @property
    def text(self) -> str: ...


class Named(Protocol):
    """What the name index reads of a record: its id, name, Hangul and aliases."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def hangul(self) -> str | None: ...
    @property
    def aliases(self) -> tuple[_Spelled, ...]: ...


NamedT = TypeVar("NamedT", bound=Named)

_MIN_SCORE: Final = 0.5
_PART_SCORE: Final = 0.6
_MAX_FUZZY_KEY: Final = 64
_NO_TIER: Final = 3
_GIVEN_TIER: Final = 2
# A posting list is stored as a bitset over all spelling keys once the bitset is no larger
# than the list packed at 4 bytes an entry: then one big-int operation counts it for every key.
_DENSE_FRACTION: Final = 32
_SIZES: Final = 255

Positions = int | tuple[int, ...]
"""Where a key leads: one record's position, or several, in data order."""


def _positions(found: Positions | None) -> tuple[int, ...]:
    if found is None:
        return ()
    return (found,) if type(found) is int else found  # type: ignore[return-value]


def _add(table: dict[str, Any], key: str, position: int) -> None:
    """Record ``position`` under ``key``: an int for one record, a list for several."""
    old = table.setdefault(key, position)
    if old is position:
        return
    if type(old) is int:
        if old != position:
            table[key] = [old, position]
    elif old[-1] != position:
        old.append(position)


def _credit(found: Positions | None, tier: int, tiers: dict[int, int]) -> None:
    """Note that the records at ``found`` (if any) answer at ``tier``, unless they do better."""
    if found is not None:
        for position in (found,) if type(found) is int else found:  # type: ignore[union-attr]
            if tiers.get(position, _NO_TIER) > tier:
                tiers[position] = tier


Group = tuple[tuple[str, int, tuple[str, ...]], ...]
"""(spelling, its length, its codes) of the spellings that may begin (or end) a text."""


def _grouped(spellings: Mapping[str, tuple[str, ...]], ends: slice) -> dict[str, Group]:
    """(spelling, length, codes) of ``spellings``, grouped by their first (or last) two letters.

    A one-letter spelling is also in every two-letter group it begins (or ends), so one
    look-up of the text's first (or last) two letters finds every spelling it may begin
    (or end) with; where no group has those two letters, the one of the letter alone.
    """
    groups: dict[str, list[tuple[str, int, tuple[str, ...]]]] = {}
    for spelling, codes in spellings.items():
        groups.setdefault(spelling[ends], []).append((spelling, len(spelling), codes))
    first = 0 if ends.start is None else -1
    for lead, group in groups.items():
        if len(lead) == 2 and lead[first] in groups:
            group.extend(groups[lead[first]])
    return {lead: tuple(group) for lead, group in groups.items()}


def _frozen(table: dict[str, Any]) -> Mapping[str, Positions]:
    """``table`` read-only, its lists made tuples (in place: tables are large)."""
    for key, found in table.items():
        if type(found) is list:
            table[key] = tuple(found)
    return MappingProxyType(table)


# One character per code for the first _ONE_CHAR codes, two beyond; no code begins another.
_ONE_CHAR: Final = 0xD800 - 0x100


def _code(number: int) -> str:
    if number < _ONE_CHAR:
        return chr(0x100 + number)
    high, low = divmod(number - _ONE_CHAR, _ONE_CHAR)
    return chr(0xE000 + high) + chr(0x100 + low)


class _Codes:
    """Short strings naming sets of spellings or classes, one per distinct set."""

    __slots__ = ("sets",)

    def __init__(self, *reserved: frozenset[str]) -> None:
        self.sets: dict[frozenset[str], str] = {}
        for token in reserved:
            self(token)

    def __call__(self, token: frozenset[str]) -> str:
        code = self.sets.get(token)
        if code is None:
            code = self.sets[token] = _code(len(self.sets))
        return code


# The head of a class key for a given name alone: of a record without a family name (tier 1),
# or of one with a family name (tier 2). They are the first family codes (see _Codes).
_GIVEN_ONLY: Final = _code(0)
_GIVEN_ALONE: Final = _code(1)


def _bigrams(key: str) -> frozenset[str]:
    marked = f"^{key}$"
    return frozenset(map(str.__add__, marked[:-1], marked[1:]))


@frozen
class NameMatch(Generic[NamedT]):
    """One candidate of :meth:`~nevertheless_data.NamedRegistry.search`: a record and its score.

    ``score`` is 1.0 where the text is one of the record's spellings (however cased, spaced or
    romanized) and below 1.0 for a near miss; ``spelling`` is the record's spelling that
    matched best.
    """

    record: NamedT
    score: float
    spelling: str


class _ReadOnly:
    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")


class _Suggester(_ReadOnly):
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

    def __init__(self, builder: _SuggesterBuilder) -> None:
        from array import array

        count = len(builder.numbers)
        postings: defaultdict[str, list[int]] = defaultdict(list)
        sizes: dict[int, bytearray] = {}
        widths = bytearray(count)
        for key, number in builder.numbers.items():
            marked = f"^{key}$"
            pairs = set(map(str.__add__, marked, marked[1:]))
            width = min(len(pairs), _SIZES)
            widths[number] = width
            by_size = sizes.get(width)
            if by_size is None:
                by_size = sizes[width] = bytearray((count + 7) // 8)
            by_size[number >> 3] |= 1 << (number & 7)
            for pair in pairs:
                postings[pair].append(number)
        dense: dict[str, int] = {}
        sparse: dict[str, bytes] = {}
        for pair, numbers in postings.items():
            if len(numbers) * _DENSE_FRACTION >= count:
                bitmap = bytearray((count + 7) // 8)
                for number in numbers:
                    bitmap[number >> 3] |= 1 << (number & 7)
                dense[pair] = int.from_bytes(bitmap, "little")
            else:
                sparse[pair] = array("I", numbers).tobytes()
        set_ = object.__setattr__
        set_(self, "_dense", MappingProxyType(dense))
        set_(self, "_sparse", MappingProxyType(sparse))
        set_(
            self,
            "_sizes",
            MappingProxyType({w: int.from_bytes(b, "little") for w, b in sizes.items()}),
        )
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
            if score >= _MIN_SCORE:
                self._credit(found, number, score)
        return found

    def count(self, key: str) -> tuple[int, list[int], Counter[int]]:
        """The letter pairs of ``key``, and how many of them each spelling key shares: a
        bit-sliced count over the common pairs, a count by key number over the rare ones."""
        pairs = _bigrams(key[:_MAX_FUZZY_KEY])
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


class _SuggesterBuilder:
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


class _IndexBuilder:
    """Everything the index holds, gathered in one pass over the records."""

    __slots__ = (
        "families",
        "family_sets",
        "given",
        "hangul_given",
        "keys",
        "members",
        "parts",
        "suggester",
        "syllable_codes",
        "syllables",
        "written",
    )

    def __init__(self) -> None:
        self.written: dict[str, Any] = {}
        self.hangul_given: dict[str, Any] = {}
        self.keys: dict[str, Any] = {}
        self.parts: dict[str, Any] = {}
        self.members: dict[str, list[int]] = {}
        self.given: set[str] = set()
        self.families = _Codes(frozenset({"\0only"}), frozenset({"\0alone"}))
        self.syllables = _Codes()
        self.family_sets: dict[tuple[str, str], str] = {}
        self.syllable_codes: dict[tuple[str, str], str] = {}
        self.suggester = _SuggesterBuilder()

    def add(self, position: int, record: Named) -> None:
        name, hangul, written = record.name, record.hangul, self.written
        spelled = [(name, name_key(name))]
        if record.aliases:
            spelled.extend((alias.text, name_key(alias.text)) for alias in record.aliases)
        for _, key in spelled:
            if key:
                _add(written, key, position)
        family, given = structure(name)
        if family:
            spelled.append((f"{'-'.join(given)} {family}", "".join(given) + family))
        hangul_family = ""
        hangul_given: tuple[str, ...] = ()
        given_key = "".join(given)
        if given_key:
            _add(self.parts, given_key, position)
        if hangul:
            hangul_key = name_key(hangul)
            spelled.append((hangul, hangul_key))
            if hangul_key:
                _add(written, hangul_key, position)
            halves = split_name(hangul)
            for half in halves:
                if half:
                    _add(self.parts, half, position)
            alone = halves[1]
            if is_hangul(hangul_key) and len(alone) >= 2 and alone != hangul_key:
                _add(self.hangul_given, alone, position)
            if alone and is_hangul(halves[0] + alone):
                hangul_family, hangul_given = aligned_hangul(family, given, halves)
                romanized = _romanize_split(*halves)  # romanize_name, split once
                spelled.append((romanized, name_key(romanized)))
        head = _GIVEN_ONLY
        if family:
            head = self.family_sets.get((family, hangul_family), "")
            if not head:
                head = self.families(family_spellings(family, hangul_family))
                self.family_sets[family, hangul_family] = head
            self.members.setdefault(head, []).append(position)
        if given:
            codes = self.syllable_codes
            syllables = ""
            for i, syllable in enumerate(given):
                pair = (syllable, hangul_given[i] if hangul_given else "")
                code = codes.get(pair)
                if code is None:
                    code = codes[pair] = self.syllables(syllable_classes(*pair))
                syllables += code
            _add(self.keys, head + syllables, position)
            if family:
                self.given.add(_GIVEN_ALONE + syllables)
                if len(given) >= 2:
                    _add(self.keys, _GIVEN_ALONE + syllables, position)
        self.suggester.add(position, spelled)

    def units(self) -> dict[str, Group]:
        """The syllable spellings a walk may read, with the codes of the class sets holding
        their class, grouped by their first two letters (see :func:`_grouped`)."""
        codes: dict[str, list[str]] = {}
        for classes, code in self.syllables.sets.items():
            for syllable_class in classes:
                for spelling in class_spellings(syllable_class):
                    codes.setdefault(spelling, []).append(code)
        return _grouped({s: tuple(found) for s, found in codes.items()}, slice(None, 2))

    def family_codes(self) -> dict[str, tuple[str, ...]]:
        """Family name spelling -> the codes of the spelling sets holding it."""
        codes: dict[str, list[str]] = {}
        for spellings, code in self.families.sets.items():
            if code not in (_GIVEN_ONLY, _GIVEN_ALONE):
                for spelling in spellings:
                    codes.setdefault(spelling, []).append(code)
        return {spelling: tuple(found) for spelling, found in codes.items()}


class NameIndex(_ReadOnly, Generic[NamedT]):
    """Every key the records answer to, built once; see the module docstring.

    Immutable, so safe to share between threads once built with :meth:`build`.
    """

    __slots__ = (
        "_by_text",
        "_families",
        "_family_ends",
        "_family_starts",
        "_given_alone",
        "_given_only",
        "_hangul_given",
        "_keys",
        "_letters",
        "_members",
        "_parts",
        "_prefixes",
        "_suggester",
        "_units",
        "_written",
        "records",
    )

    records: tuple[NamedT, ...]
    _by_text: Mapping[str, NamedT]
    _written: Mapping[str, Positions]
    _hangul_given: Mapping[str, Positions]
    _keys: Mapping[str, Positions]
    _prefixes: frozenset[str]
    _units: Mapping[str, Group]
    _families: Mapping[str, tuple[str, ...]]
    _family_starts: Mapping[str, Group]
    _family_ends: Mapping[str, Group]
    _given_only: bool
    _given_alone: bool
    _letters: frozenset[str]
    _parts: Mapping[str, Positions]
    _members: Mapping[str, tuple[int, ...]]
    _suggester: _Suggester

    def __init__(self, records: tuple[NamedT, ...], built: _IndexBuilder) -> None:
        set_ = object.__setattr__
        written = _frozen(built.written)
        keys = _frozen(built.keys)
        # Every beginning of a class key, and every given name of a record with a family name
        # whole: a name in Western order is read given name first, its family name checked last.
        prefixes = frozenset(key[:end] for key in keys for end in range(1, len(key)))
        prefixes |= {given[:end] for given in built.given for end in range(1, len(given) + 1)}
        families = built.family_codes()
        units = built.units()
        # The data's own spellings, as written: the commonest queries skip even the key.
        by_text = {}
        for record in records:
            for text in (record.name, record.hangul, *(a.text for a in record.aliases)):
                if text and type(found := written.get(name_key(text))) is int:
                    by_text[text] = records[found]
        set_(self, "records", records)
        set_(self, "_by_text", MappingProxyType(by_text))
        set_(self, "_written", written)
        set_(self, "_hangul_given", _frozen(built.hangul_given))
        set_(self, "_keys", keys)
        set_(self, "_prefixes", prefixes)
        set_(self, "_units", MappingProxyType(units))
        set_(self, "_families", MappingProxyType(families))
        set_(self, "_family_starts", MappingProxyType(_grouped(families, slice(None, 2))))
        set_(self, "_family_ends", MappingProxyType(_grouped(families, slice(-2, None))))
        set_(self, "_given_only", _GIVEN_ONLY in prefixes)
        set_(self, "_given_alone", _GIVEN_ALONE in prefixes)
        spelled = (spelling for group in units.values() for spelling, _, _ in group)
        set_(self, "_letters", frozenset("".join(spelled)) | frozenset("".join(families)))
        set_(self, "_parts", _frozen(built.parts))
        set_(self, "_members", MappingProxyType({c: tuple(m) for c, m in built.members.items()}))
        set_(self, "_suggester", _Suggester(built.suggester))

    @classmethod
    def build(cls, records: Iterable[NamedT]) -> NameIndex[NamedT]:
        """The index of ``records``: every name, alias and Hangul spelling, and their classes."""
        items = tuple(records)
        built = _IndexBuilder()
        for position, record in enumerate(items):
            built.add(position, record)
        return cls(items, built)

    # --- exact matches ---------------------------------------------------------------------

    def resolve(self, text: str) -> NamedT | None:
        """The one record ``text`` names, or ``None``."""
        try:
            record = self._by_text.get(text)
        except TypeError:
            record = None  # unhashable: name_key says what is wrong with it
        if record is not None:
            return record
        key = name_key(text)
        found = self._written.get(key)
        if type(found) is int:
            return self.records[found]
        if found is None and key:
            # Most often a variant spelling: one reading of the key settles it.
            tiers: dict[int, int] = {}
            self._parse(key, tiers)
            if len(tiers) == 1 and key not in self._hangul_given:
                return self.records[next(iter(tiers))]
        _, positions = self._exact(text, key)
        return self.records[positions[0]] if len(positions) == 1 else None

    def exact(self, text: str) -> tuple[NamedT, ...]:
        """Every record ``text`` names at the best tier any record answers to it: 0, 1 or more.

        More than one where several records share the spelling at the same tier ("Ji-won",
        the given name of two records); see the module docstring for the tiers.
        """
        return tuple(self.records[p] for p in self._exact(text, name_key(text))[1])

    def partial(self, text: str) -> tuple[NamedT, ...]:
        """The records whose family name alone, or whole given name alone, ``text`` is.

        "Kim" lists every Kim: what a lookup of a name too short to name anyone may mean.
        """
        found = {*self._part_of(name_key(text)), *self._part_of("".join(bare_tokens(text)))}
        return tuple(self.records[p] for p in sorted(found))

    def _part_of(self, key: str) -> set[int]:
        """The positions of the records whose family name or whole given name ``key`` is."""
        found = set(_positions(self._parts.get(key)))
        for code in self._families.get(key, ()):
            found.update(self._members.get(code, ()))
        return found

    def _exact(self, text: str, key: str) -> tuple[int, tuple[int, ...]]:
        """The tier and positions of the records ``text`` names, ``key`` being its key.

        Tried in turn: the key, the key without role words or a possessive, Hangul that
        romanizes as a name, a name in both scripts. The first to name one record wins;
        where none does, the first to name several.
        """
        first = found = self._named(key)
        if len(found[1]) == 1:
            return found
        tokens = bare_tokens(text)
        bare = "".join(tokens)
        if bare != key:
            found = self._named(bare)
            if len(found[1]) == 1:
                return found
            first = first if first[1] else found
        romanized = self._romanized(bare)
        if romanized is not None:
            return romanized
        both = self._both_scripts(tokens)
        return first if both is None else both

    def _named(self, key: str) -> tuple[int, tuple[int, ...]]:
        """The best tier at which records answer to ``key``, and their positions in order."""
        written = self._written.get(key)
        if written is not None:
            return 0, _positions(written)
        tiers: dict[int, int] = {}
        if key:
            self._parse(key, tiers)
        for position in _positions(self._hangul_given.get(key)):
            if tiers.get(position, _NO_TIER) > _GIVEN_TIER:
                tiers[position] = _GIVEN_TIER
        if len(tiers) == 1:
            ((position, tier),) = tiers.items()
            return tier, (position,)
        if not tiers:
            return _NO_TIER, ()
        best = min(tiers.values())
        return best, tuple(sorted(p for p, tier in tiers.items() if tier == best))

    def _parse(self, key: str, tiers: dict[int, int]) -> int:
        """Add the records whose class keys ``key`` reads as to ``tiers`` (position -> tier).

        Two walks: from family names that begin the key (Korean order) and from the start of
        a family-less name; then from the start of a given name, which may end the key (a
        given name alone, tier 2) or be followed by a family name (Western order). The
        second is skipped where the first found a tier-1 reading and no family name ends
        the key: it could then find nothing that is used. Returns the number of steps.
        """
        if not self._letters.issuperset(key):
            return 0  # a letter no spelling has: no reading of the key can use it
        end = len(key)
        seeds = {0: {_GIVEN_ONLY}} if self._given_only else {}
        starts = self._family_starts
        starting = starts.get(key[:2]) or starts.get(key[:1], ())
        for spelling, length, codes in starting:
            if length < end and key[:length] == spelling:
                seeds[length] = set(codes)
        steps = len(starting)
        if seeds:
            steps += self._walk(key, seeds, tiers, False)
        if self._given_alone:
            western = not tiers
            if not western:
                ends = self._family_ends
                ending = ends.get(key[-2:]) or ends.get(key[-1:], ())
                steps += len(ending)
                for spelling, length, _ in ending:
                    if length < end and key[-length:] == spelling:
                        western = True
                        break
            if western:
                steps += self._walk(key, {0: {_GIVEN_ALONE}}, tiers, True)
        return steps

    def _walk(
        self, text: str, states: dict[int, set[str]], tiers: dict[int, int], given: bool
    ) -> int:
        """Read the rest of ``text`` as syllables, from each position's class-key prefixes.

        A step reads one more letter, or extends prefixes by a syllable's code; an extension
        survives only if some class key begins with it. Where the prefixes are ``given``
        names read so far, the rest of the text may also be a family name (Western order),
        and a whole given name is the given name alone. Returns the number of steps.
        """
        units, keys, families = self._units, self._keys.get, self._families.get
        prefixes = self._prefixes
        tier = _GIVEN_TIER if given else 1
        end = len(text)
        steps = 0
        while states:
            start = min(states)
            heads = states.pop(start)
            if given:
                steps += 1
                for code in families(text[start:], ()):
                    for head in heads:
                        steps += 1
                        _credit(keys(code + head[1:]), 1, tiers)
            lead = text[start : start + 2]
            if lead not in units:
                lead = lead[:1]
                if lead not in units:
                    continue
            spellings = units[lead]
            steps += len(spellings) * len(heads)
            for spelling, length, codes in spellings:
                stop = start + length
                if text[start:stop] != spelling:
                    continue
                if stop < end:
                    for head in heads:
                        for code in codes:
                            if head + code in prefixes:
                                states.setdefault(stop, set()).add(head + code)
                else:
                    for head in heads:
                        for code in codes:
                            _credit(keys(head + code), tier, tiers)
        return steps

    def _romanized(self, key: str) -> tuple[int, tuple[int, ...]] | None:
        """The record without Hangul whose name Hangul ``key`` romanizes to, if one.

        Where the data knows a record's Hangul, that Hangul is the truth: another Hangul name
        that romanizes the same way (이호중 and 이호정 are both "Lee Ho-jung") is another person.
        """
        if len(key) < 2 or not is_hangul(key):
            return None
        # The conventional spelling is enough: a record's family name answers to every
        # spelling of its row, the Revised Romanization among them.
        found = self._named(name_key(romanize_name(key)))
        if len(found[1]) != 1 or self.records[found[1][0]].hangul:
            return None
        return found

    def _both_scripts(self, tokens: list[str]) -> tuple[int, tuple[int, ...]] | None:
        """The record a name written in Latin letters and in Hangul side by side names.

        Articles write "Han So-hee (한소희)": each half must name the same one record.
        """
        hangul = "".join(t for t in tokens if is_hangul(t))
        latin = "".join(t for t in tokens if not is_hangul(t))
        if not hangul or not latin:
            return None
        found = self._named(latin)
        if len(found[1]) != 1 or self._named(hangul)[1] != found[1]:
            return None
        return found

    # --- near misses -------------------------------------------------------------------------

    def not_found(self, text: str) -> NameNotFound:
        """The error for ``text`` naming no one (or more than one), with its suggestions."""
        return NameNotFound(text, _suggestions((self,), text))

    def search(self, text: str, *, limit: int = 5) -> tuple[NameMatch[NamedT], ...]:
        """The records ``text`` may mean, best first, at most ``limit`` of them.

        Records ``text`` names exactly score 1.0 (several do where it is ambiguous); a record
        whose family name or whole given name alone ``text`` is scores 0.6; the others are
        ranked by how many letter pairs their spellings share with it, and those scoring
        under 0.5 are left out.
        """
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        key = name_key(text)
        bare = "".join(bare_tokens(text))
        scores = self._suggester.scores(bare)
        for position in self._part_of(bare):
            if scores.get(position, (0.0, -1))[0] < _PART_SCORE:
                scores[position] = (_PART_SCORE, -1)
        exact = set(self._named(key)[1])
        if bare != key:
            exact.update(self._named(bare)[1])
        romanized = self._romanized(bare)
        if romanized is not None:
            exact.update(romanized[1])
        for position in exact:
            scores[position] = (1.0, -1)
        ranked = heapq.nsmallest(limit, scores.items(), key=lambda item: (-item[1][0], item[0]))
        records, spelling = self.records, self._suggester.spelling
        return tuple(
            NameMatch(records[p], score, records[p].name if entry < 0 else spelling(entry))
            for p, (score, entry) in ranked
        )


def _suggestions(indexes: Sequence[NameIndex[Any]], text: str) -> tuple[str, ...]:
    """The names ``text`` may mean across ``indexes``, best score first, each once."""
    matches = sorted((m for index in indexes for m in index.search(text)), key=lambda m: -m.score)
    return tuple(dict.fromkeys(m.record.name for m in matches))


def lookup_in(indexes: Sequence[NameIndex[Any]], text: str) -> Named:
    """The one record ``text`` names across ``indexes`` (people and characters, say).

    Every index's records compete as one: a record named at a better tier wins, and several
    at the best tier are ambiguous. Raises :class:`~nevertheless_data.AmbiguousName` listing
    the candidates where several records are named, or where none is but the text is the
    family name or whole given name of several ("Kim"); otherwise
    :class:`~nevertheless_data.NameNotFound` with the closest names, best first.
    """
    if len(indexes) == 1:
        record = indexes[0].resolve(text)
        if record is not None:
            return record  # type: ignore[no-any-return]
    best, named = _NO_TIER, list[Named]()
    for index in indexes:
        tier, positions = index._exact(text, name_key(text))
        if positions and tier <= best:
            if tier < best:
                best, named = tier, []
            named.extend(index.records[p] for p in positions)
    if len(named) == 1:
        return named[0]
    if not named:
        named = [record for index in indexes for record in index.partial(text)]
        if len(named) < 2:
            raise NameNotFound(text, _suggestions(indexes, text))
    raise AmbiguousName(text, ((record.id, record.name) for record in named))
