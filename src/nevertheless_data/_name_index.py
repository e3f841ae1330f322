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
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final, Generic, Protocol, TypeVar

from attrs import frozen

from ._errors import AmbiguousName, NameNotFound
from ._hangul import romanize_name
from ._name_keys import bare_tokens, is_hangul, name_key
from ._name_suggest import ReadOnly
from ._name_tables import GIVEN_ALONE, GIVEN_ONLY, Positions, Tables, positions

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

_PART_SCORE: Final = 0.6
_NO_TIER: Final = 3
_GIVEN_TIER: Final = 2


def _credit(found: Positions | None, tier: int, tiers: dict[int, int]) -> None:
    """Note that the records at ``found`` (if any) answer at ``tier``, unless they do better."""
    if found is not None:
        for position in (found,) if type(found) is int else found:  # type: ignore[union-attr]
            if tiers.get(position, _NO_TIER) > tier:
                tiers[position] = tier


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


class NameIndex(ReadOnly, Generic[NamedT]):
    """Every key the records answer to, built once; see the module docstring.

    Immutable, so safe to share between threads once built with :meth:`build`; the tables
    it reads are :class:`~._name_tables.Tables`.
    """

    __slots__ = ("_by_text", "_tables", "records")

    records: tuple[NamedT, ...]
    _by_text: Mapping[str, NamedT]
    _tables: Tables

    def __init__(self, records: tuple[NamedT, ...], tables: Tables) -> None:
        set_ = object.__setattr__
        set_(self, "_tables", tables)
        # The data's own spellings, as written: the commonest queries skip even the key.
        by_text = {text: records[position] for text, position in tables.by_text.items()}
        set_(self, "records", records)
        set_(self, "_by_text", MappingProxyType(by_text))

    @classmethod
    def build(cls, records: Iterable[NamedT]) -> NameIndex[NamedT]:
        """The index of ``records``: every name, alias and Hangul spelling, and their classes."""
        items = tuple(records)
        spelled = ((r.name, r.hangul, [a.text for a in r.aliases]) for r in items)
        return cls(items, Tables.build(spelled))

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
        found = self._tables.written.get(key)
        if type(found) is int:
            return self.records[found]
        if found is None and key:
            # Most often a variant spelling: where its readings name one record, that is it.
            tiers: dict[int, int] = {}
            self._parse(key, tiers)
            if len(tiers) == 1 and key not in self._tables.hangul_given:
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
        tables = self._tables
        found = set(positions(tables.parts.get(key)))
        for code in tables.families.get(key, ()):
            found.update(tables.members.get(code, ()))
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
        written = self._tables.written.get(key)
        if written is not None:
            return 0, positions(written)
        tiers: dict[int, int] = {}
        if key:
            self._parse(key, tiers)
        for position in positions(self._tables.hangul_given.get(key)):
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
        tables = self._tables
        if not tables.letters.issuperset(key):
            return 0  # a letter no spelling has: no reading of the key can use it
        end = len(key)
        seeds = {0: {GIVEN_ONLY}} if tables.given_only else {}
        starts = tables.family_starts
        starting = starts.get(key[:2]) or starts.get(key[:1], ())
        for spelling, length, codes in starting:
            if length < end and key[:length] == spelling:
                seeds[length] = set(codes)
        steps = len(starting)
        if seeds:
            steps += self._walk(key, seeds, tiers, False)
        if tables.given_alone:
            western = not tiers
            if not western:
                ends = tables.family_ends
                ending = ends.get(key[-2:]) or ends.get(key[-1:], ())
                steps += len(ending)
                for spelling, length, _ in ending:
                    if length < end and key[-length:] == spelling:
                        western = True
                        break
            if western:
                steps += self._walk(key, {0: {GIVEN_ALONE}}, tiers, True)
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
        tables = self._tables
        units, keys, families = tables.units, tables.keys.get, tables.families.get
        prefixes = tables.prefixes
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
        scores = self._tables.suggester.scores(bare)
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
        records, spelling = self.records, self._tables.suggester.spelling
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
        tier, found = index._exact(text, name_key(text))
        if found and tier <= best:
            if tier < best:
                best, named = tier, []
            named.extend(index.records[p] for p in found)
    if len(named) == 1:
        return named[0]
    if not named:
        named = [record for index in indexes for record in index.partial(text)]
        if len(named) < 2:
            raise NameNotFound(text, _suggestions(indexes, text))
    raise AmbiguousName(text, ((record.id, record.name) for record in named))
