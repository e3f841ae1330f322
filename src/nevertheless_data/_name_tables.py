"""The tables a name index is made of, and the one pass over the records that builds them.

Class keys: each distinct set of family-name spellings, and each distinct set of syllable
classes, gets a short code (one character, two past 55,040 sets). A record's class key is its
family name's code (or a given-name mark) followed by one code per given-name syllable, so a
record has a few class keys however many ways its syllables are spelled; :mod:`._name_index`
reads queries back into them.

Near misses have their own table: :class:`~._name_suggest.Suggester`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

from ._collector import collector_paused
from ._hangul import _romanize_split, split_name
from ._name_keys import (
    aligned_hangul,
    class_spellings,
    family_spellings,
    is_hangul,
    name_key,
    structure,
    syllable_classes,
)
from ._name_suggest import ReadOnly, Suggester, SuggesterBuilder

__all__ = ["GIVEN_ALONE", "GIVEN_ONLY", "Group", "Positions", "Tables", "positions"]


Positions = int | tuple[int, ...]
"""Where a key leads: one record's position, or several, in data order."""


def positions(found: Positions | None) -> tuple[int, ...]:
    """The positions a table entry (or its absence) leads to."""
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
    """The code of the ``number``-th set."""
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


GIVEN_ONLY: Final = _code(0)
"""The head of the class key of a record without a family name (tier 1)."""
GIVEN_ALONE: Final = _code(1)
"""The head of the class key of a record's given name alone (tier 2). Both are family codes:
the first two (see :class:`_Codes`)."""


class _Builder:
    """Everything the tables hold, gathered in one pass over the records."""

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
        "texts",
        "written",
    )

    def __init__(self) -> None:
        self.written: dict[str, Any] = {}
        self.texts: dict[str, str] = {}
        self.hangul_given: dict[str, Any] = {}
        self.keys: dict[str, Any] = {}
        self.parts: dict[str, Any] = {}
        self.members: dict[str, list[int]] = {}
        self.given: set[str] = set()
        self.families = _Codes(frozenset({"\0only"}), frozenset({"\0alone"}))
        self.syllables = _Codes()
        self.family_sets: dict[tuple[str, str], str] = {}
        self.syllable_codes: dict[tuple[str, str], str] = {}
        self.suggester = SuggesterBuilder()

    def add(self, position: int, name: str, hangul: str | None, aliases: Iterable[str]) -> None:
        """Index the record at ``position``: its name, Hangul and aliases' texts."""
        written, texts, parts = self.written, self.texts, self.parts
        # The spellings near misses are compared with, in the order they rank: the name, the
        # aliases, the Western order, the Hangul and its romanization.
        spelled = [(name, name_key(name))]
        if aliases:
            spelled.extend((alias, name_key(alias)) for alias in aliases)
        hangul_key = name_key(hangul) if hangul else ""
        for text, key in (*spelled, (hangul, hangul_key)) if hangul else spelled:
            texts[text] = key
            # Most keys are new: the common case stays one dict call, no function call.
            if key and written.setdefault(key, position) is not position:
                _add(written, key, position)
        family, given = structure(name)
        if family:
            spelled.append((f"{'-'.join(given)} {family}", "".join(given) + family))
        hangul_family = ""
        hangul_given: tuple[str, ...] = ()
        given_key = "".join(given)
        if given_key and parts.setdefault(given_key, position) is not position:
            _add(parts, given_key, position)
        if hangul:
            spelled.append((hangul, hangul_key))
            halves = split_name(hangul)
            for half in halves:
                if half and parts.setdefault(half, position) is not position:
                    _add(parts, half, position)
            alone = halves[1]
            if len(alone) >= 2 and alone != hangul_key and is_hangul(hangul_key):
                _add(self.hangul_given, alone, position)
            if alone and is_hangul(halves[0] + alone):
                hangul_family, hangul_given = aligned_hangul(family, given, halves)
                romanized = _romanize_split(*halves)  # romanize_name, split once
                spelled.append((romanized, romanized.lower().replace(" ", "").replace("-", "")))
        head = GIVEN_ONLY
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
            keys, key = self.keys, head + syllables
            if keys.setdefault(key, position) is not position:
                _add(keys, key, position)
            if family:
                alone = GIVEN_ALONE + syllables
                if len(given) >= 2:
                    if keys.setdefault(alone, position) is not position:
                        _add(keys, alone, position)
                else:
                    self.given.add(alone)  # read in Western order only: see Tables
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
            if code not in (GIVEN_ONLY, GIVEN_ALONE):
                for spelling in spellings:
                    codes.setdefault(spelling, []).append(code)
        return {spelling: tuple(found) for spelling, found in codes.items()}


class Tables(ReadOnly):
    """Every table of a name index, read-only; see :meth:`build`.

    ``by_text``: a spelling as the data writes it -> the one record whose tier-0 key it has.
    ``written``: tier-0 key -> positions. ``hangul_given``: a Hangul given name alone (tier
    2) -> positions. ``keys``: class key -> positions. ``prefixes``: every beginning of a class
    key, and the whole given-name part of every record with a family name (read first in
    Western order). ``units``: syllable spellings by their first two letters. ``families``:
    family spelling -> codes, and ``family_starts``/``family_ends`` the same by first/last two
    letters. ``letters``: every letter any spelling has. ``parts``: a given name or Hangul half
    alone -> positions, ``members``: family code -> positions. ``suggester``: near misses.
    """

    __slots__ = (
        "by_text",
        "families",
        "family_ends",
        "family_starts",
        "given_alone",
        "given_only",
        "hangul_given",
        "keys",
        "letters",
        "members",
        "parts",
        "prefixes",
        "suggester",
        "units",
        "written",
    )

    by_text: Mapping[str, int]
    written: Mapping[str, Positions]
    hangul_given: Mapping[str, Positions]
    keys: Mapping[str, Positions]
    prefixes: frozenset[str]
    units: Mapping[str, Group]
    families: Mapping[str, tuple[str, ...]]
    family_starts: Mapping[str, Group]
    family_ends: Mapping[str, Group]
    given_only: bool
    given_alone: bool
    letters: frozenset[str]
    parts: Mapping[str, Positions]
    members: Mapping[str, tuple[int, ...]]
    suggester: Suggester

    def __init__(self, built: _Builder) -> None:
        set_ = object.__setattr__
        keys = _frozen(built.keys)
        # Every beginning of a class key, and every given name of a record with a family name
        # whole (a key for two syllables or more, in `given` for one): a name in Western order
        # is read given name first, the family name last.
        prefixes = {key[:end] for key in keys for end in range(1, len(key))}
        prefixes.update(key for key in keys if key.startswith(GIVEN_ALONE))
        prefixes.update(given[:end] for given in built.given for end in range(1, len(given) + 1))
        families = built.family_codes()
        units = built.units()
        spelled = (spelling for group in units.values() for spelling, _, _ in group)
        written = _frozen(built.written)
        by_text = {}
        for text, key in built.texts.items():
            if type(found := written.get(key)) is int:
                by_text[text] = found
        set_(self, "by_text", MappingProxyType(by_text))
        set_(self, "written", written)
        set_(self, "hangul_given", _frozen(built.hangul_given))
        set_(self, "keys", keys)
        set_(self, "prefixes", frozenset(prefixes))
        set_(self, "units", MappingProxyType(units))
        set_(self, "families", MappingProxyType(families))
        set_(self, "family_starts", MappingProxyType(_grouped(families, slice(None, 2))))
        set_(self, "family_ends", MappingProxyType(_grouped(families, slice(-2, None))))
        set_(self, "given_only", GIVEN_ONLY in prefixes)
        set_(self, "given_alone", GIVEN_ALONE in prefixes)
        set_(self, "letters", frozenset("".join(spelled)) | frozenset("".join(families)))
        set_(self, "parts", _frozen(built.parts))
        set_(self, "members", MappingProxyType({c: tuple(m) for c, m in built.members.items()}))
        set_(self, "suggester", Suggester(built.suggester))

    @classmethod
    def build(cls, records: Iterable[tuple[str, str | None, Iterable[str]]]) -> Tables:
        """The tables of ``records``, each (name, Hangul, alias texts), in data order."""
        with collector_paused():
            built = _Builder()
            for position, (name, hangul, aliases) in enumerate(records):
                built.add(position, name, hangul, aliases)
            return cls(built)
