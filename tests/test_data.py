"""Pinned facts of the bundled dataset: counts, every quote's speaker and source, every credit."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

import nevertheless_data as nd

SEEDS = Path(__file__).resolve().parent / "seeds"
ARTICLES = {
    "kdramapal-press-conference": "000_73eaf17644608a63.txt",
    "gokpop-press-conference": "001_45e856ed45d695c0.txt",
    "watch-song-kang-makes-sure-han-so-hee-is-okay": "002_e1adbdfec0e75059.txt",
    "watch-artistic-potential-on-set": "003_40d5b8b728dc63e4.txt",
    "han-so-hee-marvels-at-song-kangs-strength": "004_37cd4811d31edb09.txt",
}


@pytest.fixture(scope="module")
def ds() -> nd.Dataset:
    return nd.load()


def test_record_counts(ds: nd.Dataset) -> None:
    counts = {name: len(getattr(ds, name)) for name in nd.FILES if name != "show"}
    assert counts == {
        "sources": 49,
        "people": 16,
        "characters": 11,
        "cast": 12,
        "crew": 4,
        "events": 4,
        "quotes": 37,
        "episodes": 10,
        "slots": 4,
        "disputes": 7,
        "facts": 40,
    }


def test_quotes_per_article(ds: nd.Dataset) -> None:
    assert Counter(q.source for q in ds.quotes) == {
        "kdramapal-press-conference": 4,
        "gokpop-press-conference": 10,
        "watch-song-kang-makes-sure-han-so-hee-is-okay": 4,
        "watch-artistic-potential-on-set": 11,
        "han-so-hee-marvels-at-song-kangs-strength": 8,
    }


# (source, speaker, kind, start of the text) of every quote, in data order.
EXPECTED_QUOTES = [
    ("kdramapal-press-conference", "han-so-hee", "spoken", "I hope the viewers will find"),
    ("kdramapal-press-conference", "song-kang", "spoken", "When I first read the script"),
    ("kdramapal-press-conference", "kim-ga-ram", "spoken", "Thankfully, they really liked"),
    ("kdramapal-press-conference", "kim-ga-ram", "spoken", "It’s only a day before"),
    ("gokpop-press-conference", "song-kang", "spoken", "it had that sweetness of romance"),
    ("gokpop-press-conference", "song-kang", "spoken", "I put a lot of effort"),
    ("gokpop-press-conference", "song-kang", "spoken", "Jae-eon's weakness is love."),
    ("gokpop-press-conference", "han-so-hee", "spoken", "hopes the audience will find"),
    ("gokpop-press-conference", "han-so-hee", "spoken", "wanted to be real and raw"),
    ("gokpop-press-conference", "han-so-hee", "spoken", "I feel 50% similar with Na-bi."),
    ("gokpop-press-conference", "kim-ga-ram", "spoken", "When I read the original webtoon"),
    ("gokpop-press-conference", "song-kang", "spoken", "when I first knew about this offer"),
    ("gokpop-press-conference", "han-so-hee", "spoken", "Everyone who has ever been in love"),
    ("gokpop-press-conference", "song-kang", "spoken", "There’s a lot of heart-fluttering"),
    (
        "watch-song-kang-makes-sure-han-so-hee-is-okay",
        "song-kang",
        "spoken",
        "She’s not breathing!",
    ),
    ("watch-song-kang-makes-sure-han-so-hee-is-okay", "yang-hye-ji", "spoken", "Will you accept"),
    ("watch-song-kang-makes-sure-han-so-hee-is-okay", None, "spoken", "I paid some money."),
    ("watch-song-kang-makes-sure-han-so-hee-is-okay", "song-kang", "spoken", "I put on knee pads"),
    ("watch-artistic-potential-on-set", "kim-moo-joon", "spoken", "I got caught."),
    ("watch-artistic-potential-on-set", "kim-moo-joon", "spoken", "Can you sit down"),
    ("watch-artistic-potential-on-set", "kim-moo-joon", "spoken", "Isn’t that high in carbs?"),
    ("watch-artistic-potential-on-set", "han-so-hee", "spoken", "I need to eat carbs"),
    ("watch-artistic-potential-on-set", "lee-ho-jung", "written", "Be quiet. Stay still"),
    ("watch-artistic-potential-on-set", "seo-bum-june", "spoken", "Please punish him."),
    ("watch-artistic-potential-on-set", "song-kang", "written", "beef"),
    ("watch-artistic-potential-on-set", "song-kang", "spoken", "I’m making it more"),
    ("watch-artistic-potential-on-set", "seo-bum-june", "spoken", "Why are there shadows here?"),
    ("watch-artistic-potential-on-set", "song-kang", "spoken", "Do you know how well"),
    ("watch-artistic-potential-on-set", "song-kang", "spoken", "It’s the remnants of a devil."),
    ("han-so-hee-marvels-at-song-kangs-strength", "han-so-hee", "spoken", "I don’t think you need"),
    ("han-so-hee-marvels-at-song-kangs-strength", "han-so-hee", "spoken", "You have to say"),
    ("han-so-hee-marvels-at-song-kangs-strength", "song-kang", "spoken", "I did!"),
    ("han-so-hee-marvels-at-song-kangs-strength", "han-so-hee", "spoken", "You didn’t say"),
    ("han-so-hee-marvels-at-song-kangs-strength", "song-kang", "spoken", "I did! I did!"),
    ("han-so-hee-marvels-at-song-kangs-strength", None, "caption", "It’s a success."),
    ("han-so-hee-marvels-at-song-kangs-strength", "han-so-hee", "spoken", "It’s not working…"),
    ("han-so-hee-marvels-at-song-kangs-strength", "song-kang", "spoken", "Whoa my arms got"),
]


def test_every_quote_with_its_speaker_kind_and_source(ds: nd.Dataset) -> None:
    assert len(ds.quotes) == len(EXPECTED_QUOTES)
    for quote, (source, speaker, kind, start) in zip(ds.quotes, EXPECTED_QUOTES, strict=True):
        assert (quote.source, quote.speaker, quote.kind.value) == (source, speaker, kind), quote.id
        assert quote.text.startswith(start), quote.id


@pytest.mark.parametrize("source_id", sorted(ARTICLES))
def test_quotes_are_verbatim_from_their_article(ds: nd.Dataset, source_id: str) -> None:
    article = (SEEDS / ARTICLES[source_id]).read_text(encoding="utf-8")
    assert ds.sources[source_id].origin == ARTICLES[source_id]
    for quote in ds.quotes:
        if quote.source == source_id:
            assert quote.text in article, quote.id
            assert unicodedata.is_normalized("NFC", quote.text)


def test_quotes_without_a_speaker_say_why(ds: nd.Dataset) -> None:
    unattributed = [q for q in ds.quotes if q.speaker is None]
    assert [q.text for q in unattributed] == ["I paid some money.", "It’s a success."]
    assert all(q.note for q in unattributed)
    knee_pads = next(q for q in ds.quotes if q.text == "I put on knee pads")
    assert knee_pads.note is not None
    assert "doubt" in knee_pads.note.lower()


def test_in_character_and_joking_flags(ds: nd.Dataset) -> None:
    not_breathing = next(q for q in ds.quotes if q.text == "She’s not breathing!")
    assert not_breathing.in_character
    assert not_breathing.character == "park-jae-eon"
    assert not_breathing.joking
    gym = next(q for q in ds.quotes if q.text.startswith("I don’t think you need to go"))
    assert gym.addressee == "song-kang"


def test_two_outlets_renderings_of_one_utterance_are_linked(ds: nd.Dataset) -> None:
    def rendered(start: str) -> set[str]:
        quote = next(q for q in ds.quotes if q.text.startswith(start))
        return {q.source for q in ds.renderings(quote)}

    both = {"kdramapal-press-conference", "gokpop-press-conference"}
    assert rendered("When I first read the script") == both
    assert rendered("wanted to be real and raw") == both
    assert rendered("When I read the original webtoon") == both
    sweetness = next(q for q in ds.quotes if q.text.startswith("it had that sweetness"))
    assert len(ds.renderings(sweetness)) == 2
    lone = next(q for q in ds.quotes if q.text == "I did! I did!")
    assert ds.renderings(lone) == (lone,)


def test_press_conference_quotes_are_dated(ds: nd.Dataset) -> None:
    for quote in ds.quotes_at("press-conference"):
        assert quote.date == dt.date(2021, 6, 18)
    assert len(ds.quotes_at("press-conference")) == 14


EXPECTED_CAST = [
    (1, "han-so-hee", "yoo-na-bi", True),
    (2, "song-kang", "park-jae-eon", True),
    (3, "chae-jong-hyeop", "yang-do-hyeok", False),
    (4, "lee-yeol-eum", "yoon-seol-a", False),
    (5, "yang-hye-ji", "oh-bit-na", False),
    (6, "kim-min-gwi", "nam-gyu-hyun", False),
    (7, "lee-ho-jung", "yoon-sol", False),
    (8, "yoon-seo-ah", "seo-ji-wan", False),
    (9, "lee-jung-ha", "kim-eun-han", False),
    (10, "kim-moo-joon", "yoo-se-hoon", False),
    (11, "seo-bum-june", "jin-soo", False),
    (12, "lee-tae-hee", None, False),
]


def test_every_cast_credit(ds: nd.Dataset) -> None:
    assert [(c.billing, c.person, c.character, c.lead) for c in ds.cast] == EXPECTED_CAST


def test_every_crew_credit(ds: nd.Dataset) -> None:
    assert [(c.person, c.role.value) for c in ds.crew] == [
        ("kim-ga-ram", "director"),
        ("jang-ji-yeon", "director"),
        ("jung-won", "screenwriter"),
        ("jung-seo", "original-author"),
    ]
    assert ds.show.original_work.author == "jung-seo"


@pytest.mark.parametrize(
    ("person_id", "name", "hangul"),
    [
        ("han-so-hee", "Han So-hee", "한소희"),
        ("song-kang", "Song Kang", "송강"),
        ("kim-ga-ram", "Kim Ga-ram", "김가람"),
        ("jang-ji-yeon", "Jang Ji-yeon", "장지연"),
        ("yang-hye-ji", "Yang Hye-ji", "양혜지"),
        ("seo-bum-june", "Seo Bum-june", None),
        ("lee-tae-hee", "Lee Tae-hee", None),
    ],
)
def test_people_names_and_hangul(
    ds: nd.Dataset, person_id: str, name: str, hangul: str | None
) -> None:
    person = ds.people[person_id]
    assert (person.name, person.hangul) == (name, hangul)


def test_aliases_keep_the_articles_spellings(ds: nd.Dataset) -> None:
    def aliases(registry: nd.Registry[nd.Person] | nd.Registry[nd.Character], rid: str) -> set[str]:
        return {alias.text for alias in registry[rid].aliases}

    assert {"Kang song"} <= aliases(ds.people, "song-kang")
    assert {"Yan Hye Ji", "Yang Hye Ji"} <= aliases(ds.people, "yang-hye-ji")
    assert {"Yu Na-bi", "Yoo Na Bi", "Nabi"} <= aliases(ds.characters, "yoo-na-bi")
    assert {"Park Jae Uhn", "Jae Eon"} <= aliases(ds.characters, "park-jae-eon")
    for registry in (ds.people, ds.characters):
        for record in registry:
            assert record.name not in {alias.text for alias in record.aliases}


def test_other_works(ds: nd.Dataset) -> None:
    works = {w.title: w for w in ds.people["song-kang"].works}
    assert set(works) == {"Navillera", "When the Devil Calls Your Name"}
    assert (works["Navillera"].year, works["Navillera"].network) == (2021, "tvN")
    assert "ballet" in (works["Navillera"].note or "")
    assert [w.title for w in ds.people["han-so-hee"].works] == ["The World of the Married"]


def test_episodes_and_ratings(ds: nd.Dataset) -> None:
    assert [e.number for e in ds.episodes] == list(range(1, 11))
    assert [e.air_date for e in ds.episodes] == [
        dt.date(2021, 6, 19) + dt.timedelta(weeks=n) for n in range(10)
    ]
    ratings = {e.number: e.rating.percent for e in ds.episodes if e.rating is not None}
    assert ratings == {1: 2.207, 2: 1.3, 3: 1.173, 4: 1.7, 6: 1.3, 8: 0.994, 10: 1.7}


def test_show_facts(ds: nd.Dataset) -> None:
    show = ds.show
    assert (show.network, show.platforms, show.episode_count) == ("JTBC", ("JTBC", "Netflix"), 10)
    assert (show.premiere, show.finale) == (dt.date(2021, 6, 19), dt.date(2021, 8, 21))
    assert "19+" in show.age_rating
    assert show.original_work.publisher == "Naver Webtoon"
    assert {c.name for c in show.production_companies} == {"Beyond J", "Studio N", "JTBC Studios"}


def test_sources_of_the_articles(ds: nd.Dataset) -> None:
    kdramapal = ds.sources["kdramapal-press-conference"]
    assert (kdramapal.outlet, kdramapal.author, kdramapal.published) == (
        "Kdramapal",
        "Luna",
        dt.date(2021, 6, 18),
    )
    assert ds.sources["gokpop-press-conference"].published == dt.date(2021, 6, 19)
    unnamed = ds.sources["watch-song-kang-makes-sure-han-so-hee-is-okay"]
    assert (unnamed.outlet, unnamed.published, unnamed.machine_translated) == (None, None, True)
    assert ds.sources["han-so-hee-marvels-at-song-kangs-strength"].credits == "WikiTree"
    assert sum(s.kind is nd.SourceKind.ARTICLE for s in ds.sources) == 5


def test_press_conference_event(ds: nd.Dataset) -> None:
    event = ds.event("press-conference")
    assert event.date == dt.date(2021, 6, 18)
    assert set(event.attendees) == {"kim-ga-ram", "song-kang", "han-so-hee"}
    assert {s.platform for s in event.streams} == {"YouTube", "Naver TV"}
    clips = [e for e in ds.events if e.kind is nd.EventKind.BEHIND_THE_SCENES]
    assert len(clips) == 3
    assert all(e.published_by == "JTBC" and e.moments for e in clips)


@pytest.mark.parametrize(
    ("dispute_id", "preferred"),
    [
        ("netflix-malaysia-release-time", "one-hour-after-broadcast"),
        ("press-conference-date", "june-18"),
        ("na-bi-university-year", None),
        ("netflix-release-august-29", "weekly-after-broadcast"),
        ("runtime", None),
    ],
)
def test_disputes_keep_every_reading(
    ds: nd.Dataset, dispute_id: str, preferred: str | None
) -> None:
    dispute = ds.dispute(dispute_id)
    assert dispute.preferred == preferred
    assert len(dispute.readings) >= 2
    assert all(reading.sources for reading in dispute.readings)
    if preferred is not None:
        assert dispute.reason


def test_malaysia_dispute_links_the_disputed_slot(ds: nd.Dataset) -> None:
    dispute = ds.dispute("netflix-malaysia-release-time")
    slots = {reading.id: reading.slot for reading in dispute.readings}
    assert slots["sunday-midnight-myt"] == "netflix-my-gokpop"
    assert dispute.preferred_reading is not None
    assert dispute.preferred_reading.slot == "netflix-worldwide"
    assert "gokpop-press-conference" in dispute.sources


@pytest.mark.parametrize(
    ("fact_id", "subject", "words"),
    [
        ("song-kang-lost-five-kilograms", "song-kang", "five kilograms"),
        ("song-kang-art-classes", "song-kang", "art classes"),
        ("han-so-hee-paintings-in-na-bi-room", "han-so-hee", "paintings"),
        ("leads-same-age", "han-so-hee", "same age"),
        ("jtbc-weekly-bts-clips", "nevertheless", "weekly"),
    ],
)
def test_stated_facts(ds: nd.Dataset, fact_id: str, subject: str, words: str) -> None:
    fact = next(f for f in ds.facts if f.id == fact_id)
    assert subject in fact.subjects
    assert words in fact.text
    assert fact in ds.facts_about(subject)


def test_every_record_is_sourced(ds: nd.Dataset) -> None:
    for name in ("people", "characters", "cast", "crew", "events", "episodes", "slots", "facts"):
        for record in getattr(ds, name):
            assert record.sources, (name, record)
    for quote in ds.quotes:
        assert quote.source in ds.sources


def test_credit_helpers(ds: nd.Dataset) -> None:
    assert [c.character for c in ds.credits_of("han-so-hee")] == ["yoo-na-bi"]
    assert [c.person for c in ds.cast_of("park-jae-eon")] == ["song-kang"]
    kim = ds.credits_of(ds.people["kim-ga-ram"])
    assert [getattr(c, "role", None) for c in kim] == [nd.CrewRole.DIRECTOR]
    assert {q.speaker for q in ds.quotes_by("han-so-hee")} == {"han-so-hee"}
    assert len(ds.quotes_by(ds.people["song-kang"])) == 15
