"""Korean names in Latin letters and Hangul: the display form, matching keys and the name index.

Matching compares *keys*: a name folded to lowercase letters and digits (NFKC, casefold, no
spaces, hyphens or punctuation). The index maps every key a record answers to onto that record;
the keys are spelled out once, when the index is built, from the record's name, aliases and
Hangul, and from the tables below. A lookup is then one key computation and one dict access.

What a record answers to, tier by tier (a lower tier wins a key two records share; a key two
records share at the same tier resolves to neither):

0. its name, each alias and its Hangul, as the data writes them;
1. its name with each syllable spelled any way :data:`SYLLABLE_SPELLINGS` or (for the family
   name) :data:`~nevertheless_data._hangul.FAMILY_NAMES` allows, and the Revised Romanization
   of its Hangul, in Korean or Western order;
2. its given name alone, in Latin letters or Hangul, where it has two syllables or more.

A family name alone, or a one-syllable given name alone, is never a key: "Kim" or "Kang" is
too many people. Fuzzy matching only ever *suggests*; it never resolves.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import suppress
from functools import cache
from itertools import islice, product
from types import MappingProxyType
from typing import Final, Generic, Protocol, TypeVar

from attrs import field, frozen

from ._errors import NameNotFound
from ._hangul import (
    FAMILY_NAMES,
    is_hangul_syllable,
    romanize_name,
    romanize_syllable,
    split_name,
)


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

__all__ = [
    "ROLE_WORDS",
    "SYLLABLE_SPELLINGS",
    "NameIndex",
    "NameMatch",
    "Named",
    "NamedT",
    "name_key",
    "normalize_name",
]

SYLLABLE_SPELLINGS: Final[tuple[tuple[str, ...], ...]] = (
    ("a", "ah"),
    ("beom", "bum", "bom"),
    ("bi", "bee"),
    ("bin", "been"),
    ("cheol", "chul", "chol"),
    ("deok", "duk"),
    ("eon", "uhn", "on", "un"),
    ("eum", "um"),
    ("ga", "ka"),
    ("gang", "kang"),
    ("geon", "gun", "keon", "kun"),
    ("geun", "keun"),
    ("gi", "ki"),
    ("gu", "goo", "koo", "ku"),
    ("gwang", "kwang"),
    ("gwi", "kwi"),
    ("gyeong", "kyung", "kyeong", "gyung"),
    ("gyu", "kyu"),
    ("hee", "hui", "heui"),
    ("hun", "hoon"),
    ("hyeok", "hyuk", "hyuck"),
    ("hyeon", "hyun"),
    ("hyeong", "hyung"),
    ("hyeop", "hyup", "hyub"),
    ("jeong", "jung", "joung"),
    ("ji", "jee"),
    ("jun", "joon", "june"),
    ("lee", "yi", "rhee", "i"),
    ("mu", "moo"),
    ("myeong", "myung"),
    ("park", "bak", "pak"),
    ("seo", "suh"),
    ("seok", "suk"),
    ("seol", "sul"),
    ("seon", "sun"),
    ("seong", "sung"),
    ("su", "soo"),
    ("u", "woo"),
    ("yeol", "yul", "youl"),
    ("yeong", "young", "yung"),
    ("yoon", "yun"),
    ("yu", "yoo"),
)
"""Spellings of one syllable that name the same sound, one group per row.

A syllable of a name also answers to every spelling of each row it belongs to; rows are not
chained together ("yun" is in two rows, yet "yoon" never becomes "yeon"). A spelling belongs in
a row only where it is a common, unambiguous way to write that sound in names.
"""

ROLE_WORDS: Final[tuple[tuple[str, ...], ...]] = (
    ("producing", "director"),
    ("lead", "actress"),
    ("lead", "actor"),
    ("pd",),
    ("director",),
    ("producer",),
    ("screenwriter",),
    ("writer",),
    ("author",),
    ("actress",),
    ("actor",),
    ("mr",),
    ("mrs",),
    ("ms",),
    ("miss",),
    ("ssi",),
    ("nim",),
    ("감독",),
    ("감독님",),
    ("작가",),
    ("작가님",),
    ("배우",),
    ("피디",),
    ("씨",),
    ("님",),
)
"""Words around a name that say who the person is ("PD Kim Ga-ram", "한소희 배우"), folded.

A lookup drops them from either end of the text, longest first.
"""

_ACRONYMS: Final = frozenset({"pd"})
_WORD: Final = re.compile(r"[^\W_]+")
_HANGUL: Final = re.compile("[가-힣]+")
_ASCII_NON_ALNUM: Final = re.compile(r"[^a-z0-9]+")
_POSSESSIVE: Final = re.compile(r"['’]s\W*$")
_MIN_SCORE: Final = 0.5
_PART_SCORE: Final = 0.6
_MAX_FUZZY_KEY: Final = 64
_MAX_SPELLINGS: Final = 4096


def _alternatives(rows: Iterable[Iterable[str]]) -> Mapping[str, frozenset[str]]:
    merged: dict[str, set[str]] = {}
    for row in rows:
        spellings = {s.lower() for s in row}
        for spelling in spellings:
            merged.setdefault(spelling, set()).update(spellings)
    return MappingProxyType({k: frozenset(v) for k, v in merged.items()})


def _by_end(
    roles: Iterable[tuple[str, ...]], end: int
) -> Mapping[str, tuple[tuple[str, ...], ...]]:
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for role in sorted(roles, key=len, reverse=True):
        grouped.setdefault(role[end], []).append(role)
    return MappingProxyType({k: tuple(v) for k, v in grouped.items()})


_SYLLABLE_ALTERNATIVES: Final = _alternatives(SYLLABLE_SPELLINGS)
_FAMILY_BY_HANGUL: Final = MappingProxyType(
    {hangul: frozenset(s.lower() for s in row) for hangul, row in FAMILY_NAMES.items()}
)
_FAMILY_BY_SPELLING: Final = _alternatives(FAMILY_NAMES.values())
# Without Hangul, a family name spelled "Yoo" is the family usually spelled so (유), not every
# family some people spell so (류); a spelling that is no family's usual one takes every row.
_FAMILY_BY_USUAL_SPELLING: Final = MappingProxyType(
    {row[0].lower(): _FAMILY_BY_HANGUL[hangul] for hangul, row in FAMILY_NAMES.items()}
)
_ROLES: Final = frozenset(ROLE_WORDS)
_ROLES_BY_FIRST: Final = _by_end(ROLE_WORDS, 0)
_ROLES_BY_LAST: Final = _by_end(ROLE_WORDS, -1)
_HANGUL_ROLE_SUFFIXES: Final = tuple(
    sorted((r[0] for r in ROLE_WORDS if len(r) == 1 and is_hangul_syllable(r[0][0])), key=len)[::-1]
)


# --- keys -----------------------------------------------------------------------------------


def name_key(text: str) -> str:
    """The matching key of a name: NFKC, casefolded, letters and digits only.

    Two spellings that differ only in case, spacing, hyphens, punctuation, Unicode form or
    full-width letters have the same key: ``name_key("HAN  So-hee!") == "hansohee"``.
    Raises :class:`TypeError` for anything but a string.
    """
    if type(text) is str and text.isascii():
        # The common case, kept to a few C-level string calls: no regex unless needed.
        key = text.lower().replace(" ", "").replace("-", "")
        return key if key.isalnum() else _ASCII_NON_ALNUM.sub("", key)
    if not isinstance(text, str):
        raise TypeError(f"a name is a str, not {type(text).__name__}: {text!r}")
    return "".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _strip_roles(tokens: list[str]) -> None:
    """Drop role words ("PD", "actress", "씨") from either end of ``tokens``, in place."""
    while len(tokens) > 1:
        for role in _ROLES_BY_FIRST.get(tokens[0], ()):
            if len(tokens) > len(role) and tuple(tokens[: len(role)]) == role:
                del tokens[: len(role)]
                break
        else:
            for role in _ROLES_BY_LAST.get(tokens[-1], ()):
                if len(tokens) > len(role) and tuple(tokens[-len(role) :]) == role:
                    del tokens[-len(role) :]
                    break
            else:
                break
    last = tokens[-1] if tokens else ""
    if not _is_hangul(last):
        return
    for suffix in _HANGUL_ROLE_SUFFIXES:
        # Korean writes them attached too ("한소희씨"); a name keeps at least two syllables.
        if last.endswith(suffix) and len(last) >= len(suffix) + 2:
            tokens[-1] = last[: -len(suffix)]
            break


def _bare_tokens(text: str) -> list[str]:
    """The words of ``text``, folded, without a possessive "'s" or the role words around it."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    tokens: list[str] = _WORD.findall(folded)
    if len(tokens) > 1 and tokens[-1] == "s" and _POSSESSIVE.search(folded):
        tokens.pop()
    _strip_roles(tokens)
    return tokens


def _is_hangul(key: str) -> bool:
    return _HANGUL.fullmatch(key) is not None


# --- display form -------------------------------------------------------------------------


@cache
def _syllables() -> frozenset[str]:
    """Every spelling of one syllable: the Revised Romanization of all 11,172, and the tables."""
    spellings = {romanize_syllable(chr(c)) for c in range(0xAC00, 0xD7A4)}
    spellings.update(_SYLLABLE_ALTERNATIVES)
    spellings.update(s for row in _FAMILY_BY_HANGUL.values() for s in row)
    return frozenset(spellings)


def _recase(part: str, capital: bool) -> str:
    """``part`` lowercased, its first letter capitalized; unchanged where that would respell it."""
    lowered = part.lower()
    cased = lowered
    if capital:
        for i, char in enumerate(lowered):
            if char.isalnum():
                if char.isalpha():
                    cased = lowered[:i] + char.upper() + lowered[i + 1 :]
                break
    if (
        cased == part
        or len(cased) != len(part)
        or cased.casefold() != part.casefold()
        or not unicodedata.is_normalized("NFKC", cased)
    ):
        return part
    return cased


def _display_word(word: str) -> str:
    head, *rest = word.split("-")
    return "-".join([_recase(head, True), *(_recase(p, False) for p in rest)])


def _is_role(word: str) -> bool:
    return (name_key(word),) in _ROLES


def _is_family(word: str) -> bool:
    return name_key(word) in _FAMILY_BY_SPELLING


def _hyphenate_given(words: list[str]) -> list[str]:
    """Join the syllables of a spaced given name: ``["Lee", "ho", "jung"]`` -> ``Lee ho-jung``.

    Only where the first word is a family name and every other word one syllable: the text is
    then surely in Korean order. Anything else ("So Hee Han", "Yan Hye Ji") keeps its words.
    """
    given = words[1:]
    if (
        len(given) >= 2
        and _is_family(words[0])
        and all("-" not in w and name_key(w) in _syllables() for w in given)
    ):
        return [words[0], "-".join(given)]
    return words


def normalize_name(text: str) -> str:
    """The display form of a name: ``"lee ho jung"`` -> ``"Lee Ho-jung"``.

    NFKC-normalized, whitespace collapsed, each word capitalized ("Family Given-name"), and
    the syllables of a given name written as separate words joined by hyphens where the first
    word is a family name ("HAN SO HEE" -> "Han So-hee", "Yoon Seo A" -> "Yoon Seo-a"). Role
    words keep their usual form ("pd kim ga ram" -> "PD Kim Ga-ram"). Hangul comes back
    NFC-normalized. It changes no spelling: matching deals with spellings, see
    :meth:`~nevertheless_data.NamedRegistry.lookup`. Normalizing twice changes nothing.
    """
    words = unicodedata.normalize("NFKC", text).split()
    start, end = 0, len(words)
    while start < end and _is_role(words[start]):
        start += 1
    while end > start and _is_role(words[end - 1]):
        end -= 1
    name = _hyphenate_given(words[start:end])
    roles_before = [_display_role(w) for w in words[:start]]
    roles_after = [_display_role(w) for w in words[end:]]
    return " ".join([*roles_before, *(_display_word(w) for w in name), *roles_after])


def _display_role(word: str) -> str:
    if name_key(word) in _ACRONYMS:
        upper = word.upper()
        return upper if upper.casefold() == word.casefold() else word
    return _display_word(word)


# --- the spellings of one record -------------------------------------------------------------


def _syllable_spellings(syllable: str, hangul: str = "") -> frozenset[str]:
    spellings = {syllable} | _SYLLABLE_ALTERNATIVES.get(syllable, frozenset())
    if hangul:
        revised = romanize_syllable(hangul)
        spellings |= {revised} | _SYLLABLE_ALTERNATIVES.get(revised, frozenset())
    return frozenset(spellings)


def _family_spellings(family: str, hangul: str = "") -> frozenset[str]:
    if hangul in _FAMILY_BY_HANGUL:
        spellings = _FAMILY_BY_HANGUL[hangul]
    else:
        spellings = _FAMILY_BY_USUAL_SPELLING.get(family) or _FAMILY_BY_SPELLING.get(
            family, frozenset()
        )
        if hangul:
            spellings |= {"".join(romanize_syllable(s) for s in hangul)}
    return spellings | {family} | _SYLLABLE_ALTERNATIVES.get(family, frozenset())


def _structure(name: str) -> tuple[str, tuple[str, ...]]:
    """A romanized name as (family key, given-name syllable keys); family "" if it has none."""
    words = unicodedata.normalize("NFKC", name).split()
    if len(words) == 1:
        family, given_words = "", words
    else:
        family, given_words = name_key(words[0]), words[1:]
    given = tuple(k for w in given_words for k in map(name_key, w.split("-")) if k)
    return family, given


def _aligned_hangul(
    family: str, given: tuple[str, ...], hangul: str | None
) -> tuple[str, tuple[str, ...]]:
    """The Hangul family name and given-name syllables matching the romanized ones, if they do."""
    if not hangul:
        return "", ()
    hangul_family, hangul_given = split_name(hangul)
    if not _is_hangul(hangul_family + hangul_given) or len(hangul_given) != len(given):
        return "", ()
    if bool(hangul_family) != bool(family):
        return "", ()
    return hangul_family, tuple(hangul_given)


def _spelled_keys(record: Named) -> Iterator[tuple[str, int]]:
    """Every (key, tier) the record answers to; see the module docstring for the tiers."""
    yield name_key(record.name), 0
    for alias in record.aliases:
        yield name_key(alias.text), 0
    family, given = _structure(record.name)
    hangul_family, hangul_given = _aligned_hangul(family, given, record.hangul)
    if record.hangul:
        hangul_key = name_key(record.hangul)
        yield hangul_key, 0
        _, given_hangul = split_name(record.hangul)
        if _is_hangul(hangul_key) and len(given_hangul) >= 2 and given_hangul != hangul_key:
            yield given_hangul, 2
    if not given:
        return
    per_syllable = [
        _syllable_spellings(s, hangul_given[i] if hangul_given else "") for i, s in enumerate(given)
    ]
    given_spellings = ["".join(p) for p in islice(product(*per_syllable), _MAX_SPELLINGS)]
    if not family:
        for spelling in given_spellings:
            yield spelling, 1
        return
    for family_spelling in _family_spellings(family, hangul_family):
        for spelling in given_spellings:
            yield family_spelling + spelling, 1
            yield spelling + family_spelling, 1
    if len(given) >= 2:
        for spelling in given_spellings:
            yield spelling, 2


def _parts(record: Named) -> frozenset[str]:
    """The keys of the record's family name and whole given name alone, for suggestions."""
    family, given = _structure(record.name)
    hangul_family, _ = _aligned_hangul(family, given, record.hangul)
    parts = {"".join(given)}
    if family:
        parts |= _family_spellings(family, hangul_family)
    if record.hangul:
        parts.update(split_name(record.hangul))
    parts.discard("")
    return frozenset(parts)


def _bigrams(key: str) -> frozenset[str]:
    marked = f"^{key}$"
    return frozenset(marked[i : i + 2] for i in range(len(marked) - 1))


# --- the index ---------------------------------------------------------------------------------


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


def _resolve_keys(records: tuple[Named, ...]) -> dict[str, tuple[int, ...]]:
    """Key -> the positions of the records answering to it at the best tier any record does."""
    best: dict[str, dict[int, int]] = {}
    for position, record in enumerate(records):
        for key, tier in _spelled_keys(record):
            if key:
                tiers = best.setdefault(key, {})
                tiers[position] = min(tier, tiers.get(position, tier))
    winners: dict[str, tuple[int, ...]] = {}
    for key, tiers in best.items():
        top = min(tiers.values())
        winners[key] = tuple(p for p, t in tiers.items() if t == top)
    return winners


def _suggestion_spellings(record: Named) -> Iterator[str]:
    """The spellings of a record a near miss is compared with."""
    yield record.name
    yield from (alias.text for alias in record.aliases)
    family, given = _structure(record.name)
    if family:
        yield f"{'-'.join(given)} {family}"
    if record.hangul:
        yield record.hangul
        with suppress(ValueError):
            yield romanize_name(record.hangul)


@frozen
class _Suggester:
    """Near misses: letter pairs shared with each record's spellings (Dice coefficient).

    Each spelling's letter pairs are one int, a bit per pair, so the pairs a query shares
    with a spelling are one ``&`` and a bit count.
    """

    owners: tuple[int, ...]
    spellings: tuple[str, ...]
    masks: tuple[int, ...]
    sizes: tuple[int, ...]
    bits: Mapping[str, int]
    parts: tuple[frozenset[str], ...]

    @classmethod
    def build(cls, records: tuple[Named, ...]) -> _Suggester:
        owners: list[int] = []
        spellings: list[str] = []
        grams: list[frozenset[str]] = []
        for position, record in enumerate(records):
            seen: set[str] = set()
            for spelling in _suggestion_spellings(record):
                key = name_key(spelling)
                if key and key not in seen:
                    seen.add(key)
                    owners.append(position)
                    spellings.append(spelling)
                    grams.append(_bigrams(key))
        bits = {gram: 1 << i for i, gram in enumerate(sorted(frozenset().union(*grams)))}
        return cls(
            tuple(owners),
            tuple(spellings),
            tuple(sum(bits[g] for g in pairs) for pairs in grams),
            tuple(map(len, grams)),
            MappingProxyType(bits),
            tuple(_parts(r) for r in records),
        )

    def scores(self, key: str) -> dict[int, tuple[float, str]]:
        """Record position -> (best score, the spelling that earned it), for scores >= 0.5."""
        found: dict[int, tuple[float, str]] = {}
        if not key:
            return found
        grams = _bigrams(key[:_MAX_FUZZY_KEY])
        mask = 0
        for gram in grams:
            mask |= self.bits.get(gram, 0)
        size = len(grams)
        if mask:
            for spelling, (owner, other, other_size) in enumerate(
                zip(self.owners, self.masks, self.sizes, strict=True)
            ):
                common = (mask & other).bit_count()
                if common:
                    score = 2 * common / (size + other_size)
                    if score >= _MIN_SCORE and score > found.get(owner, (0.0, ""))[0]:
                        found[owner] = (score, self.spellings[spelling])
        for position, parts in enumerate(self.parts):
            if key in parts and found.get(position, (0.0, ""))[0] < _PART_SCORE:
                found[position] = (_PART_SCORE, "")
        return found


@frozen
class NameIndex(Generic[NamedT]):
    """Every key the records answer to, built once; see the module docstring.

    Immutable, so safe to share between threads once built with :meth:`build`.
    """

    records: tuple[NamedT, ...]
    _by_text: Mapping[str, NamedT] = field(alias="by_text")
    _by_key: Mapping[str, NamedT] = field(alias="by_key")
    _matches: Mapping[str, tuple[int, ...]] = field(alias="matches")
    _suggester: _Suggester = field(alias="suggester")

    @classmethod
    def build(cls, records: Iterable[NamedT]) -> NameIndex[NamedT]:
        """The index of ``records``: every key of every name, alias and Hangul spelling."""
        items = tuple(records)
        matches = _resolve_keys(items)
        by_key = {k: items[ps[0]] for k, ps in matches.items() if len(ps) == 1}
        # The data's own spellings, as written: the commonest queries skip even the key.
        written = (s for r in items for s in (r.name, r.hangul, *(a.text for a in r.aliases)))
        by_text = {s: by_key[name_key(s)] for s in written if s and name_key(s) in by_key}
        return cls(
            records=items,
            by_text=MappingProxyType(by_text),
            by_key=MappingProxyType(by_key),
            matches=MappingProxyType(matches),
            suggester=_Suggester.build(items),
        )

    def resolve(self, text: str) -> NamedT | None:
        """The one record ``text`` names, or ``None``."""
        try:
            record = self._by_text.get(text)
        except TypeError:
            record = None  # unhashable: name_key says what is wrong with it
        if record is not None:
            return record
        key = name_key(text)
        record = self._by_key.get(key)
        if record is not None:
            return record
        tokens = _bare_tokens(text)
        bare = "".join(tokens)
        if bare != key:
            record = self._by_key.get(bare)
            if record is not None:
                return record
        position = self._romanized(bare)
        if position is not None:
            return self.records[position]
        return self._both_scripts(tokens)

    def _both_scripts(self, tokens: list[str]) -> NamedT | None:
        """The record a name written in Latin letters and in Hangul side by side names.

        Articles write "Han So-hee (한소희)": each half must name the same record.
        """
        hangul = "".join(t for t in tokens if _is_hangul(t))
        latin = "".join(t for t in tokens if not _is_hangul(t))
        if not hangul or not latin:
            return None
        record = self._by_key.get(latin)
        return record if record is not None and record is self._by_key.get(hangul) else None

    def not_found(self, text: str) -> NameNotFound:
        """The error for ``text`` naming no one (or more than one), with its suggestions."""
        return NameNotFound(text, (m.record.name for m in self.search(text)))

    def _romanized(self, key: str) -> int | None:
        """The position of the record without Hangul whose name Hangul ``key`` romanizes to.

        Where the data knows a record's Hangul, that Hangul is the truth: another Hangul name
        that romanizes the same way (이호중 and 이호정 are both "Lee Ho-jung") is another person.
        """
        if len(key) < 2 or not _is_hangul(key):
            return None
        # The conventional spelling is enough: a record's keys hold every spelling of its
        # family name's row, the Revised Romanization among them.
        found = self._matches.get(name_key(romanize_name(key)), ())
        if len(found) != 1 or self.records[found[0]].hangul:
            return None
        return found[0]

    def search(self, text: str, *, limit: int = 5) -> tuple[NameMatch[NamedT], ...]:
        """The records ``text`` may mean, best first, at most ``limit`` of them.

        Records ``text`` names exactly score 1.0 (several do where it is ambiguous); the others
        are ranked by how many letter pairs their spellings share with it, and those scoring
        under 0.5 are left out.
        """
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        key = name_key(text)
        bare = "".join(_bare_tokens(text))
        scores = self._suggester.scores(bare)
        romanized = self._romanized(bare)
        exact = {*self._matches.get(key, ()), *self._matches.get(bare, ())}
        if romanized is not None:
            exact.add(romanized)
        for position in exact:
            scores[position] = (1.0, "")
        ranked = sorted(scores.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
        return tuple(
            NameMatch(self.records[p], score, spelling or self.records[p].name)
            for p, (score, spelling) in ranked
        )
