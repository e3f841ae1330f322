"""Hangul: syllables <-> jamo, and the Revised Romanization of names."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nevertheless_data as nd

from .helpers import (
    FAMILY_NAMES,
    FINALS,
    INITIALS,
    MEDIALS,
    compose_syllable,
    decompose_syllable,
    romanize_syllable,
)

SYLLABLES = [chr(code) for code in range(0xAC00, 0xD7A4)]


def test_there_are_11172_syllables() -> None:
    assert len(SYLLABLES) == len(INITIALS) * len(MEDIALS) * len(FINALS) == 11172


def test_compose_and_decompose_round_trip_over_every_syllable() -> None:
    for syllable in SYLLABLES:
        assert compose_syllable(*decompose_syllable(syllable)) == syllable


def test_every_jamo_triple_composes_to_a_distinct_syllable() -> None:
    composed = {
        compose_syllable(i, m, f): (i, m, f) for i in INITIALS for m in MEDIALS for f in FINALS
    }
    assert len(composed) == 11172
    for syllable, parts in composed.items():
        assert decompose_syllable(syllable) == parts


def test_composing_conjoining_jamo_undoes_nfd() -> None:
    for syllable in SYLLABLES:
        assert compose_syllable(*unicodedata.normalize("NFD", syllable)) == syllable


@pytest.mark.parametrize(
    ("syllable", "parts"),
    [
        ("한", ("ㅎ", "ㅏ", "ㄴ")),
        ("소", ("ㅅ", "ㅗ", "")),
        ("빛", ("ㅂ", "ㅣ", "ㅊ")),
        ("힣", ("ㅎ", "ㅣ", "ㅎ")),
    ],
)
def test_decompose_examples(syllable: str, parts: tuple[str, str, str]) -> None:
    assert decompose_syllable(syllable) == parts


@given(st.text(min_size=0, max_size=3).filter(lambda t: not (len(t) == 1 and "가" <= t <= "힣")))
def test_decompose_rejects_anything_but_one_syllable(text: str) -> None:
    with pytest.raises(ValueError, match="not a precomposed Hangul syllable"):
        decompose_syllable(text)


@pytest.mark.parametrize(
    ("initial", "medial", "final", "message"),
    [
        ("a", "ㅏ", "", "not a Hangul initial consonant: 'a'"),
        ("ㅎ", "ㄴ", "", "not a Hangul vowel: 'ㄴ'"),
        ("ㅎ", "ㅏ", "ㄸ", "not a Hangul final consonant: 'ㄸ'"),
        ("", "ㅏ", "", "not a Hangul initial consonant: ''"),
    ],
)
def test_compose_names_the_letter_that_cannot_stand_there(
    initial: str, medial: str, final: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        compose_syllable(initial, medial, final)


@pytest.mark.parametrize(
    ("hangul", "romanized"),
    [
        ("한소희", "Han So-hui"),
        ("송강", "Song Gang"),
        ("이호정", "Lee Ho-jeong"),
        ("박재언", "Park Jae-eon"),
        ("오빛나", "Oh Bit-na"),
        ("윤설아", "Yoon Seol-a"),
        ("채종협", "Chae Jong-hyeop"),
        ("김민귀", "Kim Min-gwi"),
        ("남궁민", "Namgung Min"),
        ("선우정아", "Sunwoo Jeong-a"),
        ("한 소희", "Han So-hui"),
        ("이설리", "Lee Seol-li"),
    ],
)
def test_romanize_name(hangul: str, romanized: str) -> None:
    assert nd.romanize_name(hangul) == romanized


def test_romanize_name_strictly() -> None:
    assert nd.romanize_name("이호정", conventional=False) == "I Ho-jeong"
    assert nd.romanize_name("박재언", conventional=False) == "Bak Jae-eon"
    assert nd.romanize_name("한소희", conventional=False) == "Han So-hui"


@pytest.mark.parametrize("family", sorted(FAMILY_NAMES))
def test_every_family_name_takes_its_conventional_spelling(family: str) -> None:
    assert nd.romanize_name(family + "소희") == f"{FAMILY_NAMES[family][0]} So-hui"


@pytest.mark.parametrize("text", ["", " ", "Han", "한소희!", "ㅎㅏㄴ"])
def test_romanize_name_rejects_what_is_not_a_hangul_name(text: str) -> None:
    with pytest.raises(ValueError, match="not a name in Hangul syllables"):
        nd.romanize_name(text)


def test_romanized_syllables_are_lowercase_ascii() -> None:
    for syllable in SYLLABLES:
        spelled = romanize_syllable(syllable)
        assert spelled.isascii()
        assert spelled.isalpha()
        assert spelled == spelled.lower()


def test_family_name_rows_are_well_formed() -> None:
    usual = [row[0].lower() for row in FAMILY_NAMES.values()]
    assert len(usual) == len(set(usual)), "two families share a usual spelling"
    for hangul, row in FAMILY_NAMES.items():
        assert 1 <= len(hangul) <= 2
        assert all(decompose_syllable(c) for c in hangul)
        assert len(row) == len(set(row))
        assert all(s.isascii() and s.isalpha() and s == s.capitalize() for s in row)
