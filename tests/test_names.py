"""Names: the display form, and finding the one person or character a name means."""

from __future__ import annotations

import pickle
from collections import Counter
from types import MappingProxyType

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import nevertheless_data as nd

from .helpers import SYLLABLE_SPELLINGS, NameIndex, name_index, name_key
from .racing import THREADS, race
from .strategies import (
    disguises,
    hangul_spellings,
    name_like_texts,
    romanized_spellings,
    spellings_of,
)

DATASET = nd.load()
REGISTRIES = {"people": DATASET.people, "characters": DATASET.characters}

# Real Korean actors and singers, and one famous fictional character, none of them in the show.
OTHER_CELEBRITIES = (
    ("Song Kang-ho", "송강호"),
    ("Han Ga-in", "한가인"),
    ("Kim Soo-hyun", "김수현"),
    ("Park Seo-joon", "박서준"),
    ("Lee Min-ho", "이민호"),
    ("Jun Ji-hyun", "전지현"),
    ("Han Hyo-joo", "한효주"),
    ("Song Hye-kyo", "송혜교"),
    ("Kim Go-eun", "김고은"),
    ("Yoon Ji-hoo", "윤지후"),
    ("Hyun Bin", "현빈"),
    ("Son Ye-jin", "손예진"),
    ("Gong Yoo", "공유"),
    ("Park Bo-gum", "박보검"),
    ("Park Shin-hye", "박신혜"),
    ("Lee Jong-suk", "이종석"),
    ("Kim Tae-ri", "김태리"),
    ("Nam Joo-hyuk", "남주혁"),
    ("Jung Hae-in", "정해인"),
    ("Kim Da-mi", "김다미"),
    ("Park Min-young", "박민영"),
    ("Ji Chang-wook", "지창욱"),
    ("Kim Ji-won", "김지원"),
    ("Lee Do-hyun", "이도현"),
    ("Song Joong-ki", "송중기"),
    ("Kim Seon-ho", "김선호"),
    ("Shin Min-a", "신민아"),
    ("Cha Eun-woo", "차은우"),
    ("Moon Ga-young", "문가영"),
    ("Kim Woo-bin", "김우빈"),
    ("Seo Kang-joon", "서강준"),
    ("Kang Ha-neul", "강하늘"),
    ("Han Ji-min", "한지민"),
    ("Ma Dong-seok", "마동석"),
    ("Lee Byung-hun", "이병헌"),
    ("Jeon Do-yeon", "전도연"),
    ("Youn Yuh-jung", "윤여정"),
    ("Park So-dam", "박소담"),
    ("Lee Jung-jae", "이정재"),
    ("Jung Ho-yeon", "정호연"),
    ("Wi Ha-joon", "위하준"),
    ("Han Seo-hee", "한서희"),
    ("Kim So-hee", "김소희"),
    ("Ahn So-hee", "안소희"),
    ("Song Ga-in", "송가인"),
    ("Kim Tae-hee", "김태희"),
    ("Park Jae-beom", "박재범"),
    ("Jung So-min", "정소민"),
    ("Jung Woo", "정우"),
    ("Kim Mu-yeol", "김무열"),
    ("Seo Ji-hye", "서지혜"),
    ("Kim Min-kyu", "김민규"),
    ("Kim Yoo-jung", "김유정"),
    ("Yoo Seung-ho", "유승호"),
    ("Seo Hyun-jin", "서현진"),
    ("Park Eun-bin", "박은빈"),
    ("Go Youn-jung", "고윤정"),
    ("Jeon Jong-seo", "전종서"),
)


def outcome(
    registry: nd.NamedRegistry[nd.Person] | nd.NamedRegistry[nd.Character], text: str
) -> str:
    """The id ``text`` resolves to, or "not found"."""
    try:
        return registry.lookup(text).id
    except nd.NameNotFound:
        return "not found"


def unique_given_names(
    registry: nd.NamedRegistry[nd.Person] | nd.NamedRegistry[nd.Character],
) -> set[str]:
    """Ids of the records whose given name no other record of the registry shares."""
    given = {r.id: name_key(r.name.split(" ", 1)[-1]) for r in registry}
    counts = Counter(given.values())
    return {rid for rid, key in given.items() if counts[key] == 1}


# --- normalize_name ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lee ho jung", "Lee Ho-jung"),
        ("HAN SO HEE", "Han So-hee"),
        ("Yoon Seo A", "Yoon Seo-a"),
        ("  song   kang ", "Song Kang"),
        ("park JAE-EON", "Park Jae-eon"),
        ("Sohee Han", "Sohee Han"),
        ("so hee han", "So Hee Han"),
        ("jae-eon", "Jae-eon"),
        ("pd kim ga ram", "PD Kim Ga-ram"),
        ("director kim ga-ram", "Director Kim Ga-ram"),
        ("ｈａｎ ｓｏ ｈｅｅ", "Han So-hee"),
        ("Kang song", "Kang Song"),
        ("Yan Hye Ji", "Yan Hye Ji"),
        ("yu nabi", "Yu Nabi"),
        ("\u1112\u1161\u11ab \u1109\u1169\u1112\u1174", "한 소희"),
        ("한　소희", "한 소희"),
        ("", ""),
    ],
)
def test_normalize_name(text: str, expected: str) -> None:
    assert nd.normalize_name(text) == expected


def test_normalize_name_changes_no_spelling() -> None:
    for record in (*DATASET.people, *DATASET.characters):
        for spelling in (record.name, *(a.text for a in record.aliases)):
            assert name_key(nd.normalize_name(spelling)) == name_key(spelling)


@settings(max_examples=300)
@given(name_like_texts)
@example("ǅ dž")
@example("ŉ ß ﬀ")
@example("İstanbul ΣΑΣ")
@example("a \u0301b")
def test_normalize_name_is_idempotent(text: str) -> None:
    once = nd.normalize_name(text)
    assert nd.normalize_name(once) == once


@settings(max_examples=300)
@given(st.one_of(name_like_texts, *(spellings_of(r) for r in DATASET.people)))
def test_lookup_of_the_normalized_name_is_lookup_of_the_name(text: str) -> None:
    for registry in REGISTRIES.values():
        assert outcome(registry, nd.normalize_name(text)) == outcome(registry, text)


# --- every spelling of every record finds it -------------------------------------------------


def spellings(registry_name: str) -> st.SearchStrategy[tuple[str, str]]:
    registry = REGISTRIES[registry_name]
    alone = unique_given_names(registry)
    return st.sampled_from(list(registry)).flatmap(
        lambda r: spellings_of(r, given_alone=r.id in alone).map(lambda text: (r.id, text))
    )


@settings(max_examples=500)
@given(spellings("people"))
@example(("han-so-hee", "Sohee Han"))
@example(("han-so-hee", "한 소 희"))
@example(("han-so-hee", "HAN SO HUI"))
@example(("kim-ga-ram", "PD Kim Ga-ram"))
@example(("kim-ga-ram", "producing director (PD) Kim Ga-ram"))
@example(("kim-ga-ram", "김가람 감독"))
@example(("song-kang", "Kang song"))
@example(("song-kang", "Song Kang's"))
@example(("song-kang", "Gang Song"))
@example(("yang-hye-ji", "Yan Hye Ji"))
@example(("yoon-seo-ah", "Yoon Seo A"))
@example(("lee-ho-jung", "Rhee Ho-jeong"))
@example(("kim-moo-joon", "Kim Mu-jun"))
@example(("seo-bum-june", "Suh Beom-jun"))
@example(("chae-jong-hyeop", "Chae Jong-hyup"))
@example(("kim-min-gwi", "Kim Min-kwi"))
def test_every_spelling_of_a_person_finds_them(case: tuple[str, str]) -> None:
    person_id, text = case
    assert DATASET.people.lookup(text).id == person_id


@settings(max_examples=500)
@given(spellings("characters"))
@example(("yoo-na-bi", "Nabi"))
@example(("yoo-na-bi", "Yu Na-bi"))
@example(("yoo-na-bi", "나비"))
@example(("park-jae-eon", "Jae-eon"))
@example(("park-jae-eon", "Park Jae Uhn"))
@example(("park-jae-eon", "Bak Jae-un"))
@example(("nam-gyu-hyun", "Nam Kyu-hyeon"))
@example(("yang-do-hyeok", "Yang Do-hyuk"))
@example(("yoon-sol", "Yun Sol"))
@example(("jin-soo", "Jin Su"))
def test_every_spelling_of_a_character_finds_them(case: tuple[str, str]) -> None:
    character_id, text = case
    assert DATASET.characters.lookup(text).id == character_id


@pytest.mark.parametrize("registry_name", REGISTRIES)
def test_every_name_alias_and_hangul_in_the_data_finds_its_owner(registry_name: str) -> None:
    registry = REGISTRIES[registry_name]
    for record in registry:
        written = [record.name, *(a.text for a in record.aliases)]
        written += [record.hangul] if record.hangul else []
        for text in written:
            assert registry.lookup(text) is record, text
            assert registry.search(text)[0] == nd.NameMatch(record, 1.0, record.name)


def test_no_alias_in_the_data_collides_with_another_record() -> None:
    # Every spelling the data writes belongs to exactly one record of its kind.
    for registry in REGISTRIES.values():
        owners: dict[str, set[str]] = {}
        for record in registry:
            for text in (record.name, record.hangul, *(a.text for a in record.aliases)):
                if text:
                    owners.setdefault(name_key(text), set()).add(record.id)
        assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_hangul_without_a_record_hangul_is_matched_by_romanization() -> None:
    # Seo Bum-june's Hangul is not in the data: his romanized name still answers to it.
    assert DATASET.people["seo-bum-june"].hangul is None
    assert DATASET.people.lookup("서범준").id == "seo-bum-june"
    assert DATASET.people.lookup("이태희").id == "lee-tae-hee"


def test_known_hangul_is_the_truth() -> None:
    # 이호중 romanizes as Lee Ho-jung too, but the data knows she is 이호정.
    with pytest.raises(nd.NameNotFound):
        DATASET.people.lookup("이호중")


def test_latin_and_hangul_side_by_side() -> None:
    assert DATASET.people.lookup("Han So-hee (한소희)").id == "han-so-hee"
    with pytest.raises(nd.NameNotFound):
        DATASET.people.lookup("Han So-hee (송강)")


# --- and no other name finds anyone ------------------------------------------------------------


@pytest.mark.parametrize(
    ("romanized", "hangul"), OTHER_CELEBRITIES, ids=[c[0] for c in OTHER_CELEBRITIES]
)
def test_other_celebrities_are_no_one(romanized: str, hangul: str) -> None:
    for registry in REGISTRIES.values():
        for text in (romanized, hangul, nd.normalize_name(romanized)):
            with pytest.raises(nd.NameNotFound):
                registry.lookup(text)


@settings(max_examples=500)
@given(
    st.sampled_from(OTHER_CELEBRITIES).flatmap(
        lambda c: st.one_of(
            romanized_spellings(c[0], c[1], given_alone=False), hangul_spellings(c[1])
        ).flatmap(disguises)
    )
)
def test_no_spelling_of_another_celebrity_finds_anyone(text: str) -> None:
    for registry in REGISTRIES.values():
        with pytest.raises(nd.NameNotFound):
            registry.lookup(text)


def test_a_longer_name_is_a_suggestion_never_a_match() -> None:
    with pytest.raises(nd.NameNotFound) as caught:
        DATASET.people.lookup("Song Kang-ho")
    assert caught.value.suggestions[0] == "Song Kang"
    assert caught.value.query == "Song Kang-ho"
    assert "Song Kang-ho" in str(caught.value)


@pytest.mark.parametrize(
    "text", ["Kim", "Lee", "Jung", "Song", "Kang", "Seo", "김", "Han Ga-in", ""]
)
def test_a_family_name_or_one_syllable_alone_is_no_one(text: str) -> None:
    with pytest.raises(nd.NameNotFound):
        DATASET.people.lookup(text)


def test_a_family_name_alone_suggests_everyone_with_it() -> None:
    with pytest.raises(nd.NameNotFound) as caught:
        DATASET.people.lookup("Kim")
    assert set(caught.value.suggestions) == {"Kim Ga-ram", "Kim Min-gwi", "Kim Moo-joon"}


def test_not_found_is_a_lookup_error_that_pickles() -> None:
    with pytest.raises(LookupError) as caught:
        DATASET.characters.lookup("Yoon Ji-hoo")
    error = caught.value
    assert isinstance(error, nd.NameNotFound)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.query, copy.suggestions, str(copy)) == (error.query, error.suggestions, str(error))


@settings(max_examples=300)
@given(name_like_texts)
def test_lookup_of_any_text_finds_one_record_or_raises_name_not_found(text: str) -> None:
    for registry in REGISTRIES.values():
        resolved = name_index(registry).resolve(text)
        if resolved is None:
            with pytest.raises(nd.NameNotFound) as caught:
                registry.lookup(text)
            assert caught.value.query == text
            assert all(isinstance(s, str) for s in caught.value.suggestions)
        else:
            assert registry.lookup(text) is resolved
            assert registry[resolved.id] is resolved
        matches = registry.search(text)
        scores = [m.score for m in matches]
        assert scores == sorted(scores, reverse=True)
        assert all(0.5 <= s <= 1.0 for s in scores)


def test_lookup_of_a_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="a name is a str"):
        DATASET.people.lookup(b"Han So-hee")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a name is a str"):
        DATASET.people.lookup(["Han So-hee"])  # type: ignore[arg-type]


# --- search -------------------------------------------------------------------------------------


def test_search_ranks_near_misses_below_exact_matches() -> None:
    matches = DATASET.people.search("Han Sohi")
    assert matches[0].record.id == "han-so-hee"
    assert 0.5 <= matches[0].score < 1.0
    assert DATASET.people.search("Sohee Han")[0].score == 1.0


def test_search_results_are_frozen_values() -> None:
    match = DATASET.people.search("Song Kang")[0]
    assert match == nd.NameMatch(DATASET.people["song-kang"], 1.0, "Song Kang")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        match.score = 0.0  # type: ignore[misc]


def test_search_limit() -> None:
    assert len(DATASET.people.search("Kim", limit=2)) == 2
    with pytest.raises(ValueError, match="limit must be at least 1, not 0"):
        DATASET.people.search("Kim", limit=0)


# --- the index -------------------------------------------------------------------------------


def person(pid: str, name: str, hangul: str | None = None, *aliases: str) -> nd.Person:
    return nd.Person(
        id=pid,
        name=name,
        hangul=hangul,
        aliases=tuple(nd.Alias(text=a, sources=("s",)) for a in aliases),
        sources=("s",),
    )


def test_a_given_name_two_records_share_finds_neither() -> None:
    registry = nd.NamedRegistry(
        [person("a", "Kim Ji-won", "김지원"), person("b", "Park Ji-won", "박지원")]
    )
    with pytest.raises(nd.NameNotFound) as caught:
        registry.lookup("Ji-won")
    assert set(caught.value.suggestions) == {"Kim Ji-won", "Park Ji-won"}
    assert [m.score for m in registry.search("Jiwon")] == [1.0, 1.0]
    assert registry.lookup("Ji-won Park").id == "b"


def test_a_written_spelling_outranks_a_generated_one() -> None:
    # "Jae-un" is written in the data for b; for a it is only a variant of "Jae-eon".
    registry = nd.NamedRegistry(
        [person("a", "Park Jae-eon"), person("b", "Choi Jae-un", None, "Jae-un")]
    )
    assert registry.lookup("Jae-un").id == "b"
    assert registry.lookup("Park Jae-un").id == "a"
    with pytest.raises(nd.NameNotFound):
        registry.lookup("Jae Eon")  # a variant for both: either could be meant


def test_the_index_is_built_once_and_shared_by_threads() -> None:
    registry = nd.NamedRegistry(DATASET.people)

    def build() -> object:
        registry.lookup("Sohee Han")
        return name_index(registry)

    seen = race(build)
    assert len(seen) == THREADS
    assert all(index is seen[0] for index in seen)


def test_the_index_holds_only_immutable_containers() -> None:
    index = name_index(DATASET.people)
    assert isinstance(index, NameIndex)
    pending: list[object] = [index]
    while pending:
        value = pending.pop()
        assert not isinstance(value, (list, dict, set)), type(value)
        if attrs.has(type(value)):
            assert type(value).__setattr__ is not object.__setattr__
            pending.extend(getattr(value, f.name) for f in attrs.fields(type(value)))
        elif isinstance(value, MappingProxyType):
            pending.extend(value.values())
        elif isinstance(value, (tuple, frozenset)):
            pending.extend(value)


def test_a_dataset_built_from_plain_registries_finds_names() -> None:
    rebuilt = attrs.evolve(
        DATASET, people=nd.Registry(DATASET.people), characters=tuple(DATASET.characters)
    )
    assert isinstance(rebuilt.people, nd.NamedRegistry)
    assert rebuilt.characters.lookup("Nabi").id == "yoo-na-bi"
    assert rebuilt == DATASET


def test_registries_pickle_without_their_index() -> None:
    DATASET.people.lookup("Sohee Han")
    copy = pickle.loads(pickle.dumps(DATASET.people))
    assert copy == DATASET.people
    assert copy.lookup("Sohee Han") == DATASET.people["han-so-hee"]


def test_syllable_rows_are_well_formed() -> None:
    for row in SYLLABLE_SPELLINGS:
        assert len(row) >= 2
        assert len(row) == len(set(row))
        assert all(s.isascii() and s.isalpha() and s == s.lower() for s in row)
