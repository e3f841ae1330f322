"""Names: the display form, and finding the one person or character a name means."""

from __future__ import annotations

import contextlib
import itertools
import pickle
import random
import re
from collections import Counter
from types import MappingProxyType

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import nevertheless_data as nd

from .helpers import (
    FAMILY_NAMES,
    SYLLABLE_SPELLINGS,
    THREADS,
    AmbiguousName,
    NameIndex,
    aligned_hangul,
    class_spellings,
    family_spellings,
    index_entries,
    indexed_keys,
    lookup_in,
    name_index,
    name_key,
    named,
    near_misses,
    race,
    spelling_keys,
    split_name,
    structure,
    suggestion_candidates,
    syllable_class,
    syllable_classes,
    walk_steps,
)
from .strategies import (
    disguises,
    hangul_spellings,
    korean_people,
    korean_registries,
    name_like_texts,
    romanized_spellings,
    spellings_of,
)

DATASET = nd.load()
AnyRegistry = nd.NamedRegistry[nd.Person] | nd.NamedRegistry[nd.Character]
REGISTRIES: dict[str, AnyRegistry] = {"people": DATASET.people, "characters": DATASET.characters}

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
    """The id ``text`` resolves to, "not found", or the ids it may mean, "ambiguous: a, b"."""
    try:
        return registry.lookup(text).id
    except nd.NameNotFound:
        return "not found"
    except AmbiguousName as error:
        return "ambiguous: " + ", ".join(record_id for record_id, _ in error.candidates)


def unique_given_names(
    registry: nd.NamedRegistry[nd.Person] | nd.NamedRegistry[nd.Character],
) -> set[str]:
    """Ids of the records whose given name no other record of the registry shares."""
    given = {r.id: name_key(r.name.split(" ", 1)[-1]) for r in registry.values()}
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
    records: tuple[nd.Person | nd.Character, ...] = (
        *DATASET.people.values(),
        *DATASET.characters.values(),
    )
    for record in records:
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
@given(st.one_of(name_like_texts, *(spellings_of(r) for r in DATASET.people.values())))
def test_lookup_of_the_normalized_name_is_lookup_of_the_name(text: str) -> None:
    for registry in REGISTRIES.values():
        assert outcome(registry, nd.normalize_name(text)) == outcome(registry, text)


# --- every spelling of every record finds it -------------------------------------------------


def spellings(registry_name: str) -> st.SearchStrategy[tuple[str, str]]:
    registry = REGISTRIES[registry_name]
    alone = unique_given_names(registry)
    records: list[nd.Person | nd.Character] = list(registry.values())
    return st.sampled_from(records).flatmap(
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
    for record in registry.values():
        written = [record.name, *(a.text for a in record.aliases)]
        written += [record.hangul] if record.hangul else []
        for text in written:
            assert registry.lookup(text) is record, text
            assert registry.search(text)[0] == nd.NameMatch(record, 1.0, record.name)


def test_no_alias_in_the_data_collides_with_another_record() -> None:
    # Every spelling the data writes belongs to exactly one record of its kind.
    for registry in REGISTRIES.values():
        owners: dict[str, set[str]] = {}
        for record in registry.values():
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


@pytest.mark.parametrize("text", ["Song", "Kang", "Han Ga-in", ""])
def test_a_one_syllable_name_alone_or_a_stranger_is_no_one(text: str) -> None:
    with pytest.raises(nd.NameNotFound):
        DATASET.people.lookup(text)


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Kim", {"kim-ga-ram", "kim-min-gwi", "kim-moo-joon"}),
        ("김", {"kim-ga-ram", "kim-min-gwi", "kim-moo-joon"}),
        ("Lee", {"lee-yeol-eum", "lee-ho-jung", "lee-jung-ha", "lee-tae-hee"}),
        ("Jung", {"jung-won", "jung-seo"}),
        ("Seo", {"jung-seo", "seo-bum-june"}),
    ],
)
def test_a_family_name_alone_is_ambiguous_naming_everyone_with_it(text: str, ids: set[str]) -> None:
    # Never one of them: "Kim" is too many people to guess. Seo is a family name and a
    # given-name syllable alike.
    with pytest.raises(AmbiguousName) as caught:
        DATASET.people.lookup(text)
    assert {record_id for record_id, _ in caught.value.candidates} == ids


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
            with pytest.raises((nd.NameNotFound, AmbiguousName)) as caught:
                registry.lookup(text)
            error = caught.value
            assert isinstance(error, nd.NameNotFound | AmbiguousName)
            assert error.query == text
            if isinstance(error, nd.NameNotFound):
                assert all(isinstance(s, str) for s in error.suggestions)
            else:
                assert len(error.candidates) >= 2
        else:
            assert registry.lookup(text) is resolved
            assert registry[resolved.id] is resolved
        matches = registry.search(text)
        scores = [m.score for m in matches]
        assert scores == sorted(scores, reverse=True)
        assert all(0.5 <= s <= 1.0 for s in scores)


def test_lookup_of_a_non_string_is_a_type_error() -> None:
    # Ill-typed on purpose (hence the type: ignores): the run time must refuse them too.
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
    # Ill-typed on purpose (hence the type: ignore): the run time must refuse it too.
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
    with pytest.raises(AmbiguousName) as caught:
        registry.lookup("Ji-won")
    assert caught.value.candidates == (("a", "Kim Ji-won"), ("b", "Park Ji-won"))
    assert [m.score for m in registry.search("Jiwon")] == [1.0, 1.0]
    assert registry.lookup("Ji-won Park").id == "b"


def test_a_written_spelling_outranks_a_generated_one() -> None:
    # "Jae-un" is written in the data for b; for a it is only a variant of "Jae-eon".
    registry = nd.NamedRegistry(
        [person("a", "Park Jae-eon"), person("b", "Choi Jae-un", None, "Jae-un")]
    )
    assert registry.lookup("Jae-un").id == "b"
    assert registry.lookup("Park Jae-un").id == "a"
    with pytest.raises(AmbiguousName):
        registry.lookup("Jae Eon")  # a variant for both: either could be meant


def test_the_index_is_built_once_and_shared_by_threads() -> None:
    registry = nd.NamedRegistry(DATASET.people.values())

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
        assert not isinstance(value, (list, dict, set, bytearray)), type(value)
        if isinstance(value, MappingProxyType):
            pending.extend(value.values())
        elif isinstance(value, (tuple, frozenset)):
            pending.extend(value)
        elif not isinstance(value, (str, bytes, int, float, type(None))):
            # The index and its tables: slotted, and read-only once built.
            assert not hasattr(value, "__dict__"), type(value)
            assert type(value).__setattr__ is not object.__setattr__, type(value)
            slots = (s for cls in type(value).__mro__ for s in vars(cls).get("__slots__", ()))
            pending.extend(getattr(value, slot) for slot in slots if slot != "__weakref__")
            # Ill-typed on purpose (hence the type: ignore): the run time must refuse it too.
            with pytest.raises((AttributeError, attrs.exceptions.FrozenInstanceError)):
                value.records = ()  # type: ignore[attr-defined]


def test_a_dataset_built_from_plain_registries_finds_names() -> None:
    # The converter takes any iterable of records: mypy cannot solve its constrained TypeVar.
    rebuilt = attrs.evolve(
        DATASET,
        people=nd.Registry(DATASET.people.values()),
        characters=tuple(DATASET.characters.values()),
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


# --- class keys answer as every spelling spelled out ------------------------------------------


def model_keys(record: nd.Person) -> dict[str, int]:
    """Every key ``record`` answers to, with its best tier, spelled out one by one as the index
    did before it kept class keys: the product of every syllable's spellings (short names)."""
    keys: dict[str, int] = {}

    def put(key: str, tier: int) -> None:
        if key and tier < keys.get(key, 3):
            keys[key] = tier

    for text in (record.name, record.hangul, *(a.text for a in record.aliases)):
        if text:
            put(name_key(text), 0)
    family, given = structure(record.name)
    halves = split_name(record.hangul) if record.hangul else ("", "")
    hangul_family, hangul_given = aligned_hangul(family, given, halves)
    if record.hangul:
        whole = name_key(record.hangul)
        if re.fullmatch("[가-힣]+", whole) and len(halves[1]) >= 2 and halves[1] != whole:
            put(halves[1], 2)
    rows = [
        {s for c in syllable_classes(g, hangul_given[i] if hangul_given else "") for s in
         class_spellings(c)}
        for i, g in enumerate(given)
    ]  # fmt: skip
    spellings = ["".join(p) for p in itertools.product(*rows)] if given else []
    if not family:
        for spelling in spellings:
            put(spelling, 1)
        return keys
    for family_spelling, spelling in itertools.product(
        family_spellings(family, hangul_family), spellings
    ):
        put(family_spelling + spelling, 1)
        put(spelling + family_spelling, 1)
    for spelling in spellings if len(given) >= 2 else ():
        put(spelling, 2)
    return keys


def model_named(models: dict[str, dict[str, int]], key: str) -> tuple[int, tuple[str, ...]]:
    """The best tier at which the modelled records answer to ``key``, and their ids."""
    tiers = {rid: keys[key] for rid, keys in models.items() if key in keys}
    best = min(tiers.values(), default=3)
    return best, tuple(rid for rid, tier in tiers.items() if tier == best)


GIVEN_FOR_NEAR_MISSES = "지원민서준현수희연"

_PIECES = sorted({s for row in SYLLABLE_SPELLINGS for s in row} | {"ji", "won", "min", "seo"})


@settings(max_examples=150)
@given(korean_registries(), st.data())
def test_class_keys_answer_as_every_spelling_spelled_out(
    people: list[nd.Person], data: st.DataObject
) -> None:
    registry = nd.NamedRegistry(people)
    models = {person.id: model_keys(person) for person in people}
    spelled = sorted(set().union(*models.values()))
    keys = data.draw(st.lists(st.sampled_from(spelled), min_size=1, max_size=12))
    keys += data.draw(st.lists(st.lists(st.sampled_from(_PIECES), max_size=4).map("".join)))
    for key in keys:
        assert named(registry, key) == model_named(models, key), key


@settings(max_examples=300)
@given(korean_people(), st.data())
def test_any_spelling_of_a_generated_name_finds_it(person: nd.Person, data: st.DataObject) -> None:
    registry = nd.NamedRegistry([person])
    text = data.draw(spellings_of(person))
    assert registry.lookup(text) is person


@settings(max_examples=50)
@given(st.lists(korean_people(syllables=(10, 12)), min_size=1, max_size=4), st.data())
def test_any_spelling_of_a_long_name_finds_it(people: list[nd.Person], data: st.DataObject) -> None:
    people = [attrs.evolve(p, id=f"p{i}") for i, p in enumerate(people)]
    registry = nd.NamedRegistry(people)
    person = data.draw(st.sampled_from(people))
    text = data.draw(romanized_spellings(person.name, person.hangul).flatmap(disguises))
    assert person in name_index(registry).exact(text)


def test_syllable_classes_round_trip() -> None:
    spellings = [s for row in SYLLABLE_SPELLINGS for s in row]
    assert len(spellings) == len(set(spellings))  # a spelling has one row, so one class
    for row in SYLLABLE_SPELLINGS:
        for spelling in row:
            assert syllable_class(spelling) == row[0]
            assert class_spellings(syllable_class(spelling)) == row
    for other in ("ga" + "x", "jwon", "한"):
        assert syllable_class(other) == other
        assert class_spellings(other) == (other,)


@given(st.sampled_from(sorted({s for row in SYLLABLE_SPELLINGS for s in row} | {"won", "bit"})))
def test_a_syllable_answers_to_its_row_and_its_hangul_romanization(spelling: str) -> None:
    # 범 is "beom": "Bum" answers to the row of "beom", whatever row "bum" is in.
    for hangul in ("", "범", "희"):
        classes = syllable_classes(spelling, hangul)
        answers = {s for c in classes for s in class_spellings(c)}
        assert spelling in answers
        assert syllable_class(spelling) in classes
        if hangul:
            revised = nd.romanize_name(hangul).lower()
            assert revised in answers


# --- the index is bounded --------------------------------------------------------------------

# Spellings of syllables with many ways to write them: hee/hui/heui, eon/uhn/on/un, ...
_MANY_WAYS = ("yu", "hee", "eon", "jun", "yoo", "hui", "uhn", "joon", "heui", "on", "un")


def hostile_people(count: int, syllables: int, seed: int = 0) -> list[nd.Person]:
    rng = random.Random(seed)
    return [
        person(
            f"h{number}",
            f"{rng.choice(['Kim', 'Lee', 'Yoo'])} "
            + "-".join(rng.choice(_MANY_WAYS) for _ in range(syllables)).capitalize(),
        )
        for number in range(count)
    ]


@pytest.mark.parametrize("syllables", [2, 6, 12])
def test_keys_per_record_do_not_grow_with_syllables_or_their_spellings(syllables: int) -> None:
    # Spelling out every variant gave 3^12 * 2 * 6 keys to a 12-syllable name.
    people = hostile_people(20, syllables)
    registry = nd.NamedRegistry(people)
    assert max(indexed_keys(registry).values()) <= 8
    total = index_entries(registry)
    assert total <= 12 * len(people) * syllables + 2_000  # prefixes: at most 2 a syllable


def test_a_long_name_in_any_spelling_is_read_in_steps_bounded_by_its_length() -> None:
    people = hostile_people(50, 12)
    registry = nd.NamedRegistry(people)
    rng = random.Random(1)
    rows = {s: row for row in SYLLABLE_SPELLINGS for s in row}
    for target in people:
        family, given = structure(target.name)
        text = family + " " + "".join(rng.choice(rows.get(s, (s,))) for s in given)
        assert target in name_index(registry).exact(text)
        assert walk_steps(registry, text) <= 10 * len(name_key(text))
    # Text that reads as syllables every which way: the walk follows class keys, not readings.
    for text in ("yu" * 60, "heeeon" * 20, "un" * 100, "Kim " + "yoo-hui-" * 30):
        assert walk_steps(registry, text) <= 10 * len(name_key(text))
        with pytest.raises(nd.NameNotFound):
            registry.lookup(text)


def test_a_near_miss_reads_few_keys_one_by_one() -> None:
    # Not a pass over every spelling key: only those the letter-pair counts bring up.
    rng = random.Random(3)
    syllables = "민지현서준영수은정우연하진성희원윤호혜재경동유상주훈"
    people = []
    for number in range(1500):
        family, given = rng.choice("김이박최"), rng.choice(syllables) + rng.choice(syllables)
        name = f"{FAMILY_NAMES[family][0]} {romanize(given)}"
        people.append(person(f"p{number}", name, family + given))
    registry = nd.NamedRegistry(people)
    keys = spelling_keys(registry)
    for text in ("Kim Jxi-won", "Park Hyun-sux", "Lee Seo-yoonx", "Choi Mi-nju"):
        assert suggestion_candidates(registry, text) * 10 <= keys
        assert registry.search(text)


def romanize(given: str) -> str:
    return nd.romanize_name("김" + given).split(" ", 1)[1]


# --- near misses: the letter-pair index scores as comparing every spelling would ---------------


def model_spellings(record: nd.Person) -> list[str]:
    """The spellings a near miss is compared with, in the order they rank."""
    family, given = structure(record.name)
    texts = [record.name, *(a.text for a in record.aliases)]
    if family:
        texts.append(f"{'-'.join(given)} {family}")
    if record.hangul:
        texts.append(record.hangul)
        with contextlib.suppress(ValueError):
            texts.append(nd.romanize_name(record.hangul))
    return texts


def model_near_misses(people: list[nd.Person], key: str) -> dict[str, tuple[float, str]]:
    """Record id -> (best Dice score >= 0.5, its spelling), comparing every spelling."""

    def pairs(text: str) -> set[str]:
        marked = f"^{text}$"
        return {marked[i : i + 2] for i in range(len(marked) - 1)}

    query = pairs(key[:64])
    found: dict[str, tuple[float, str]] = {}
    for record in people:
        for spelling in model_spellings(record):
            other = pairs(name_key(spelling)) if name_key(spelling) else set()
            if not other:
                continue
            score = 2 * len(query & other) / (len(query) + len(other))
            if score >= 0.5 and score > found.get(record.id, (0.0, ""))[0]:
                found[record.id] = (score, spelling)
    return found


@settings(max_examples=100)
@given(korean_registries(size=40, given=GIVEN_FOR_NEAR_MISSES), st.data())
def test_near_misses_score_as_every_spelling_compared(
    people: list[nd.Person], data: st.DataObject
) -> None:
    registry = nd.NamedRegistry(people)
    for _ in range(5):
        target = data.draw(st.sampled_from(people))
        text = data.draw(st.sampled_from(model_spellings(target)))
        cut = data.draw(st.integers(0, len(text)))
        text = text[:cut] + data.draw(st.sampled_from(["", "x", "a", "-", "ng"])) + text[cut + 1 :]
        key = name_key(text)
        if key:
            assert near_misses(registry, key) == model_near_misses(people, key)


# --- exact, partial and lookup_in ---------------------------------------------------------------


def test_exact_lists_every_record_named_at_the_best_tier() -> None:
    registry = nd.NamedRegistry(
        [person("a", "Kim Ji-won", "김지원"), person("b", "Park Ji-won", "박지원")]
    )
    index = name_index(registry)
    assert [r.id for r in index.exact("Ji-won")] == ["a", "b"]
    assert [r.id for r in index.exact("Jiwon Park")] == ["b"]
    assert index.exact("Kim") == ()
    assert [r.id for r in name_index(DATASET.people).exact("Sohee Han")] == ["han-so-hee"]


def test_partial_lists_everyone_with_the_family_name_or_given_name_alone() -> None:
    kims = name_index(DATASET.people).partial("Kim")
    assert [r.id for r in kims] == ["kim-ga-ram", "kim-min-gwi", "kim-moo-joon"]
    assert name_index(DATASET.people).partial("김") == kims
    assert [r.id for r in name_index(DATASET.people).partial("Kang")] == ["song-kang"]
    assert name_index(DATASET.people).partial("Han So-hee") == ()


def test_lookup_in_finds_the_one_record_across_indexes() -> None:
    indexes = [name_index(DATASET.people), name_index(DATASET.characters)]
    assert lookup_in(indexes, "Sohee Han") is DATASET.people["han-so-hee"]
    assert lookup_in(indexes, "Nabi") is DATASET.characters["yoo-na-bi"]
    assert lookup_in(indexes[:1], "Han So-hee") is DATASET.people["han-so-hee"]


def test_lookup_in_a_family_name_is_ambiguous_and_lists_the_candidates() -> None:
    indexes = [name_index(DATASET.people), name_index(DATASET.characters)]
    with pytest.raises(AmbiguousName) as caught:
        lookup_in(indexes, "Kim")
    assert caught.value.candidates == (
        ("kim-ga-ram", "Kim Ga-ram"),
        ("kim-min-gwi", "Kim Min-gwi"),
        ("kim-moo-joon", "Kim Moo-joon"),
        ("kim-eun-han", "Kim Eun-han"),
    )
    assert caught.value.query == "Kim"
    assert isinstance(caught.value, LookupError)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.query, copy.candidates) == (caught.value.query, caught.value.candidates)


def test_lookup_in_a_name_several_records_share_is_ambiguous() -> None:
    people = nd.NamedRegistry(
        [person("a", "Kim Ji-won", "김지원"), person("b", "Park Ji-won", "박지원")]
    )
    with pytest.raises(AmbiguousName) as caught:
        lookup_in([name_index(people)], "Jiwon")
    assert caught.value.candidates == (("a", "Kim Ji-won"), ("b", "Park Ji-won"))
    # The same name in two indexes (a person and the character named after her): both.
    characters = nd.NamedRegistry([person("c", "Kim Ji-won")])
    with pytest.raises(AmbiguousName) as caught:
        lookup_in([name_index(people), name_index(characters)], "Kim Ji-won")
    assert caught.value.candidates == (("a", "Kim Ji-won"), ("c", "Kim Ji-won"))


def test_lookup_in_a_better_tier_wins_across_indexes() -> None:
    # "Jae-un" is written in one index's data, only a variant spelling in the other's.
    people = nd.NamedRegistry([person("a", "Park Jae-eon")])
    characters = nd.NamedRegistry([person("b", "Choi Jae-un", None, "Jae-un")])
    indexes = [name_index(people), name_index(characters)]
    assert lookup_in(indexes, "Jae-un").id == "b"
    assert lookup_in(indexes, "Park Jae-un").id == "a"


def test_lookup_in_no_one_suggests_across_indexes_best_first() -> None:
    indexes = [name_index(DATASET.people), name_index(DATASET.characters)]
    with pytest.raises(nd.NameNotFound) as caught:
        lookup_in(indexes, "Kim Eun-hn")
    assert caught.value.suggestions[0] == "Kim Eun-han"  # a character, ranked with people
    with pytest.raises(nd.NameNotFound) as caught:
        lookup_in(indexes, "Song Kang-ho")
    assert caught.value.suggestions[0] == "Song Kang"
    with pytest.raises(nd.NameNotFound) as caught:
        lookup_in(indexes, "zzzz qqqq")
    assert caught.value.suggestions == ()
    with pytest.raises(nd.NameNotFound):
        lookup_in(indexes, "Kang")  # one person's given name alone, no one's family name


@settings(max_examples=300)
@given(st.one_of(name_like_texts, *(spellings_of(r) for r in DATASET.people.values())))
def test_lookup_in_one_index_is_the_registry_lookup_or_an_ambiguity(text: str) -> None:
    # The registry's lookup is lookup_in over its one index: the same record, or the same error.
    index = name_index(DATASET.people)
    try:
        expected: object = DATASET.people.lookup(text)
    except (nd.NameNotFound, AmbiguousName) as error:
        expected = error
    try:
        found: object = lookup_in([index], text)
    except (nd.NameNotFound, AmbiguousName) as error:
        found = error
    if isinstance(expected, AmbiguousName):
        assert isinstance(found, AmbiguousName)
        named_ids = {r.id for r in (*index.exact(text), *index.partial(text))}
        assert {rid for rid, _ in found.candidates} <= named_ids
        assert found.candidates == expected.candidates
        assert len(found.candidates) >= 2
    elif isinstance(expected, nd.NameNotFound):
        assert isinstance(found, nd.NameNotFound)
        assert found.suggestions == expected.suggestions
    else:
        assert found is expected
