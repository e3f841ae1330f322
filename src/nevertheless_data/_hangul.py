"""Hangul syllables <-> jamo, and the Revised Romanization of Korean names.

A precomposed Hangul syllable (U+AC00..U+D7A3) is arithmetic over three jamo indices:
``0xAC00 + (initial * 21 + medial) * 28 + final``. Everything here is table lookups over those
indices; the tables are the whole of the knowledge, so they are what to read and to extend.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Final

__all__ = [
    "FAMILY_NAMES",
    "compose_syllable",
    "decompose_syllable",
    "is_hangul_syllable",
    "romanize_name",
    "romanize_syllable",
    "split_name",
]

_FIRST: Final = 0xAC00
_LAST: Final = 0xD7A3
_MEDIALS_PER_INITIAL: Final = 21 * 28

INITIALS: Final = tuple("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")
"""The 19 initial consonants, as compatibility jamo, in Unicode order."""
MEDIALS: Final = tuple("ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ")
"""The 21 vowels, in Unicode order."""
FINALS: Final = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")
"""The 27 final consonants, in Unicode order, after ``""`` for a syllable without one."""

# Revised Romanization (2000), one entry per jamo index. A name is romanized syllable by
# syllable: the RR does not transcribe sound changes between the syllables of a given name.
_RR_INITIALS: Final = (
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
)  # fmt: skip
_RR_MEDIALS: Final = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
)  # fmt: skip
_RR_FINALS: Final = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
_RIEUL: Final = INITIALS.index("ㄹ")
_FINAL_RIEUL: Final = FINALS.index("ㄹ")

# Conjoining jamo (what NFD produces) map onto the compatibility jamo used above.
_CONJOINING: Final = MappingProxyType(
    {
        **{chr(0x1100 + i): letter for i, letter in enumerate(INITIALS)},
        **{chr(0x1161 + i): letter for i, letter in enumerate(MEDIALS)},
        **{chr(0x11A7 + i): letter for i, letter in enumerate(FINALS) if i},
    }
)

FAMILY_NAMES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "김": ("Kim", "Gim"),
        "이": ("Lee", "Yi", "Rhee", "I", "Ri", "Rhie"),
        "박": ("Park", "Bak", "Pak", "Bahk"),
        "최": ("Choi", "Choe"),
        "정": ("Jung", "Jeong", "Chung", "Joung", "Cheong"),
        "강": ("Kang", "Gang"),
        "조": ("Cho", "Jo"),
        "윤": ("Yoon", "Yun", "Youn"),
        "장": ("Jang", "Chang"),
        "임": ("Lim", "Im", "Rim", "Yim"),
        "한": ("Han", "Hahn"),
        "오": ("Oh", "O"),
        "서": ("Seo", "Suh", "Sur"),
        "신": ("Shin", "Sin"),
        "권": ("Kwon", "Gwon"),
        "황": ("Hwang",),
        "안": ("Ahn", "An"),
        "송": ("Song",),
        "유": ("Yoo", "Yu"),
        "류": ("Ryu", "Ryoo", "Yoo", "Yu"),
        "전": ("Jeon", "Jun", "Chun"),
        "홍": ("Hong",),
        "고": ("Ko", "Go", "Koh"),
        "문": ("Moon", "Mun"),
        "양": ("Yang",),
        "손": ("Son", "Sohn"),
        "배": ("Bae", "Pae"),
        "백": ("Baek", "Paik", "Baik", "Paek"),
        "허": ("Heo", "Hur", "Huh"),
        "남": ("Nam",),
        "심": ("Shim", "Sim"),
        "노": ("Noh", "No", "Roh"),
        "하": ("Ha",),
        "곽": ("Kwak", "Gwak"),
        "성": ("Sung", "Seong"),
        "차": ("Cha",),
        "주": ("Joo", "Ju", "Chu"),
        "우": ("Woo", "U"),
        "구": ("Koo", "Gu", "Ku"),
        "민": ("Min",),
        "진": ("Jin", "Chin"),
        "나": ("Na", "Ra"),
        "지": ("Ji", "Jee", "Chi"),
        "엄": ("Uhm", "Eom", "Um"),
        "채": ("Chae", "Chai"),
        "원": ("Won",),
        "천": ("Cheon", "Chun"),
        "방": ("Bang",),
        "공": ("Gong", "Kong"),
        "현": ("Hyun", "Hyeon"),
        "변": ("Byun", "Byeon"),
        "염": ("Yeom", "Yum"),
        "여": ("Yeo", "Yuh"),
        "추": ("Choo", "Chu"),
        "도": ("Do", "Doh"),
        "석": ("Seok", "Suk"),
        "선": ("Sun", "Seon"),
        "설": ("Seol", "Sul"),
        "마": ("Ma",),
        "길": ("Gil", "Kil"),
        "연": ("Yeon", "Youn"),
        "위": ("Wi", "Wee"),
        "표": ("Pyo",),
        "명": ("Myung", "Myeong"),
        "기": ("Ki", "Gi"),
        "반": ("Ban", "Bahn"),
        "왕": ("Wang",),
        "금": ("Keum", "Geum"),
        "옥": ("Ok",),
        "육": ("Yook", "Yuk"),
        "인": ("In",),
        "맹": ("Maeng",),
        "제": ("Je",),
        "모": ("Mo",),
        "탁": ("Tak",),
        "국": ("Kook", "Guk"),
        "어": ("Eo", "Uh"),
        "은": ("Eun",),
        "편": ("Pyun", "Pyeon"),
        "용": ("Yong",),
        "예": ("Ye",),
        "경": ("Kyung", "Gyeong"),
        "봉": ("Bong",),
        "남궁": ("Namgung", "Namkoong", "Namkung"),
        "황보": ("Hwangbo",),
        "선우": ("Sunwoo", "Seonu", "Seonwoo"),
        "제갈": ("Jegal",),
        "독고": ("Dokgo", "Dokko"),
        "사공": ("Sagong",),
        "서문": ("Seomun",),
    }
)
"""Korean family names -> their spellings in Latin letters, the conventional one first.

Family names keep the spellings their bearers use ("Lee", not the Revised Romanization "I");
the Revised Romanization is among the alternatives where people use it.
"""


def is_hangul_syllable(char: str) -> bool:
    """Whether ``char`` is one precomposed Hangul syllable (가..힣)."""
    return len(char) == 1 and _FIRST <= ord(char) <= _LAST


def _indices(syllable: str) -> tuple[int, int, int]:
    if not is_hangul_syllable(syllable):
        raise ValueError(f"not a precomposed Hangul syllable: {syllable!r}")
    offset = ord(syllable) - _FIRST
    initial, rest = divmod(offset, _MEDIALS_PER_INITIAL)
    medial, final = divmod(rest, 28)
    return initial, medial, final


def decompose_syllable(syllable: str) -> tuple[str, str, str]:
    """The initial consonant, vowel and final consonant of a Hangul syllable.

    The jamo are compatibility letters (``ㅎ``, ``ㅏ``, ``ㄴ``); the final is ``""`` for a
    syllable without one. :func:`compose_syllable` is the inverse.

    >>> decompose_syllable("한")
    ('ㅎ', 'ㅏ', 'ㄴ')
    >>> decompose_syllable("소")
    ('ㅅ', 'ㅗ', '')

    Raises :class:`ValueError` for anything but one precomposed syllable.
    """
    initial, medial, final = _indices(syllable)
    return INITIALS[initial], MEDIALS[medial], FINALS[final]


def _jamo_index(letter: str, table: tuple[str, ...], role: str) -> int:
    try:
        return table.index(_CONJOINING.get(letter, letter))
    except ValueError:
        raise ValueError(f"not a Hangul {role}: {letter!r}") from None


def compose_syllable(initial: str, medial: str, final: str = "") -> str:
    """The Hangul syllable of an initial consonant, a vowel and an optional final consonant.

    Takes compatibility jamo (``ㅎ``) or conjoining jamo (``ᄒ``, as :func:`unicodedata.normalize`
    with NFD gives them). Raises :class:`ValueError` naming a letter that cannot stand there.

    >>> compose_syllable("ㅎ", "ㅏ", "ㄴ")
    '한'
    """
    i = _jamo_index(initial, INITIALS, "initial consonant")
    m = _jamo_index(medial, MEDIALS, "vowel")
    f = _jamo_index(final, FINALS, "final consonant")
    return chr(_FIRST + i * _MEDIALS_PER_INITIAL + m * 28 + f)


@cache
def _romanized(syllable: str) -> tuple[str, str, bool, bool]:
    """A syllable's initial in the Revised Romanization, the rest, whether the initial is ㄹ,
    and whether the final is ㄹ: names repeat their syllables, so each is worked out once."""
    initial, medial, final = _indices(syllable)
    rest = _RR_MEDIALS[medial] + _RR_FINALS[final]
    return _RR_INITIALS[initial], rest, initial == _RIEUL, final == _FINAL_RIEUL


def romanize_syllable(syllable: str, *, after: str = "") -> str:
    """One syllable in the Revised Romanization, lowercase: ``"희"`` -> ``"hui"``.

    ``after`` is the syllable before it in the same word, if any: ㄹ after ㄹ is written ``l``.
    """
    lead, rest, rieul, _ = _romanized(syllable)
    if rieul and after and _romanized(after)[3]:
        lead = "l"
    return lead + rest


def split_name(hangul: str) -> tuple[str, str]:
    """A Hangul name as (family name, given name).

    A space separates them where the text has one; otherwise the family name is a two-syllable
    one from :data:`FAMILY_NAMES` (남궁, 선우, ...) where the name is long enough to hold one,
    else the first syllable. A single syllable is taken as a given name.
    """
    words = hangul.split()
    if len(words) > 1:
        return words[0], "".join(words[1:])
    name = "".join(words)
    if len(name) <= 1:
        return "", name
    if len(name) >= 3 and name[:2] in FAMILY_NAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def _romanize_word(word: str) -> list[str]:
    syllables = []
    after_rieul = False
    for syllable in word:
        lead, rest, rieul, after_rieul_next = _romanized(syllable)
        syllables.append(("l" if rieul and after_rieul else lead) + rest)
        after_rieul = after_rieul_next
    return syllables


def romanize_name(hangul: str, *, conventional: bool = True) -> str:
    """A Hangul name in Latin letters, the way the Revised Romanization writes names.

    Family name, a space, then the given name's syllables joined by hyphens. With
    ``conventional`` (the default) a family name takes the spelling its bearers usually
    write, from the library's table of family names ("Lee", "Park"); without, its strict
    Revised Romanization ("I", "Bak").

    >>> romanize_name("한소희")
    'Han So-hui'
    >>> romanize_name("이호정"), romanize_name("이호정", conventional=False)
    ('Lee Ho-jeong', 'I Ho-jeong')

    Raises :class:`ValueError` naming the text if it holds anything but Hangul syllables
    and spaces, or nothing at all.
    """
    family, given = split_name(hangul)
    if not given or not all(is_hangul_syllable(c) for c in family + given):
        raise ValueError(f"not a name in Hangul syllables: {hangul!r}")
    return _romanize_split(family, given, conventional=conventional)


def _romanize_split(family: str, given: str, *, conventional: bool = True) -> str:
    """:func:`romanize_name` of a name already split, and known to be Hangul syllables."""
    given_part = "-".join(_romanize_word(given)).capitalize()
    if not family:
        return given_part
    spellings = FAMILY_NAMES.get(family) if conventional else None
    family_part = spellings[0] if spellings else "".join(_romanize_word(family)).capitalize()
    return f"{family_part} {given_part}"
