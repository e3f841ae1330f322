"""Korean names in Latin letters and Hangul: matching keys, syllable classes, the display form.

Matching compares *keys*: a name folded to lowercase letters and digits (NFKC, casefold, no
spaces, hyphens or punctuation), so case, spacing and punctuation never matter. This module says
what a key is and what a name is made of; :mod:`._name_index` builds the index from it.

A romanized name is a family name and the syllables of its given name, as the data's hyphens and
spaces separate them. Each syllable is reduced to its *class*: a row of
:data:`SYLLABLE_SPELLINGS` is one class, named by its first spelling, and any other spelling is a
class of its own. Two spellings of the same sound then have the same class, so the index stores
each record's name once, as classes, however many ways each syllable may be spelled, and reduces
a query the same way (see :func:`syllable_class`). A family name answers to the spellings
:func:`family_spellings` lists.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType
from typing import Final

from ._hangul import FAMILY_NAMES, is_hangul_syllable, romanize_syllable

__all__ = [
    "ROLE_WORDS",
    "SYLLABLE_SPELLINGS",
    "aligned_hangul",
    "bare_tokens",
    "class_spellings",
    "family_spellings",
    "is_hangul",
    "name_key",
    "normalize_name",
    "structure",
    "syllable_class",
    "syllable_classes",
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
# The rows are disjoint (a test says so), so each spelling has one class: its row's first.
_SYLLABLE_CLASS: Final = MappingProxyType(
    {spelling: row[0] for row in SYLLABLE_SPELLINGS for spelling in row}
)
_CLASS_SPELLINGS: Final = MappingProxyType({row[0]: row for row in SYLLABLE_SPELLINGS})
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
    if not is_hangul(last):
        return
    for suffix in _HANGUL_ROLE_SUFFIXES:
        # Korean writes them attached too ("한소희씨"); a name keeps at least two syllables.
        if last.endswith(suffix) and len(last) >= len(suffix) + 2:
            tokens[-1] = last[: -len(suffix)]
            break


def bare_tokens(text: str) -> list[str]:
    """The words of ``text``, folded, without a possessive "'s" or the role words around it."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    tokens: list[str] = _WORD.findall(folded)
    if len(tokens) > 1 and tokens[-1] == "s" and _POSSESSIVE.search(folded):
        tokens.pop()
    _strip_roles(tokens)
    return tokens


def is_hangul(key: str) -> bool:
    """Whether ``key`` is Hangul syllables only (and not empty)."""
    return _HANGUL.fullmatch(key) is not None


# --- what a name is made of ------------------------------------------------------------------


def structure(name: str) -> tuple[str, tuple[str, ...]]:
    """A romanized name as (family key, given-name syllable keys); family "" if it has none."""
    plain = name.isascii()
    words = (name if plain else unicodedata.normalize("NFKC", name)).split()
    if len(words) == 1:
        family, given_words = "", words
    else:
        family, given_words = words[0], words[1:]
        # A word of letters alone (the common case) is its own key, lowercased.
        family = family.lower() if plain and family.isalnum() else name_key(family)
    given = []
    for word in given_words:
        for part in word.split("-"):
            key = part.lower() if plain and part.isalnum() else name_key(part)
            if key:
                given.append(key)
    return family, tuple(given)


def aligned_hangul(
    family: str, given: tuple[str, ...], hangul: tuple[str, str]
) -> tuple[str, tuple[str, ...]]:
    """The Hangul family name and given-name syllables matching the romanized ones, if they do.

    ``hangul`` is the record's Hangul as :func:`~nevertheless_data._hangul.split_name` splits it.
    """
    hangul_family, hangul_given = hangul
    if len(hangul_given) != len(given) or bool(hangul_family) != bool(family):
        return "", ()
    if not is_hangul(hangul_family + hangul_given):
        return "", ()
    return hangul_family, tuple(hangul_given)


def syllable_class(spelling: str) -> str:
    """The class of one syllable's spelling: its row's first spelling, or itself.

    ``syllable_class("hui") == syllable_class("heui") == "hee"``. Every spelling of a row has
    the same class, and a spelling in no row is a class of its own.
    """
    return _SYLLABLE_CLASS.get(spelling, spelling)


def class_spellings(syllable_class: str) -> tuple[str, ...]:
    """Every spelling of a class: its row of :data:`SYLLABLE_SPELLINGS`, or the class alone."""
    return _CLASS_SPELLINGS.get(syllable_class, (syllable_class,))


@cache
def _revised(hangul: str) -> str:
    return romanize_syllable(hangul)


def syllable_classes(syllable: str, hangul: str = "") -> frozenset[str]:
    """The classes one syllable of a record answers to: its own, and its Hangul's if known.

    Where the data knows the syllable's Hangul, the Revised Romanization of that Hangul counts
    too, so "Park Bo-gum" (박보검) also answers to "Bo-geom", which no table row relates.
    """
    own = _SYLLABLE_CLASS.get(syllable, syllable)
    if not hangul:
        return frozenset((own,))
    return frozenset((own, syllable_class(_revised(hangul))))


def family_spellings(family: str, hangul: str = "") -> frozenset[str]:
    """Every spelling a record's family name answers to.

    Where the data knows the family name's Hangul, its row of
    :data:`~nevertheless_data._hangul.FAMILY_NAMES` (or its Revised Romanization, for a family
    the table lacks); otherwise the row the spelling is the usual one of, or every row holding
    it. The spelling itself and its syllable row always count.
    """
    if hangul in _FAMILY_BY_HANGUL:
        spellings = _FAMILY_BY_HANGUL[hangul]
    else:
        spellings = _FAMILY_BY_USUAL_SPELLING.get(family) or _FAMILY_BY_SPELLING.get(
            family, frozenset()
        )
        if hangul:
            spellings |= {"".join(_revised(s) for s in hangul)}
    return spellings | {family} | _SYLLABLE_ALTERNATIVES.get(family, frozenset())


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
