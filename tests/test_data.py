"""Pinned facts of the bundled dataset: counts, every quote's speaker and source, every credit,
every source's address, and the citations of aliases, ratings and age ratings."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import nevertheless_data as nd

SEEDS = Path(__file__).resolve().parent / "seeds"
DATA = Path(nd.__file__).resolve().parent / "data"
# The seed file each article's text is kept in (a test fixture; the data never names it) and
# the host its published page is on.
ARTICLES = {
    "kdramapal-press-conference": ("000_73eaf17644608a63.txt", "www.kdramapal.com"),
    "gokpop-press-conference": ("001_45e856ed45d695c0.txt", "www.gokpop.co"),
    "watch-song-kang-makes-sure-han-so-hee-is-okay": ("002_e1adbdfec0e75059.txt", "blackmouse.biz"),
    "watch-artistic-potential-on-set": ("003_40d5b8b728dc63e4.txt", "www.soompi.com"),
    "han-so-hee-marvels-at-song-kangs-strength": ("004_37cd4811d31edb09.txt", "www.koreaboo.com"),
}


@pytest.fixture(scope="module")
def ds() -> nd.Dataset:
    return nd.load()


def test_record_counts(ds: nd.Dataset) -> None:
    counts = {name: len(getattr(ds, name)) for name in nd.FILES if name != "show"}
    assert counts == {
        "sources": 80,
        "people": 16,
        "characters": 11,
        "cast": 12,
        "crew": 4,
        "events": 5,
        "quotes": 37,
        "episodes": 10,
        "slots": 4,
        "disputes": 11,
        "facts": 45,
    }


def test_quotes_per_article(ds: nd.Dataset) -> None:
    assert Counter(q.source for q in ds.quotes.values()) == {
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
    for quote, (source, speaker, kind, start) in zip(
        ds.quotes.values(), EXPECTED_QUOTES, strict=True
    ):
        assert (quote.source, quote.speaker, quote.kind.value) == (source, speaker, kind), quote.id
        assert quote.text.startswith(start), quote.id


@pytest.mark.parametrize("source_id", sorted(ARTICLES))
def test_quotes_are_verbatim_from_their_article(ds: nd.Dataset, source_id: str) -> None:
    seed, host = ARTICLES[source_id]
    article = (SEEDS / seed).read_text(encoding="utf-8")
    assert (ds.sources[source_id].url or "").startswith(f"https://{host}/")
    for quote in ds.quotes.values():
        if quote.source == source_id:
            assert quote.text in article, quote.id
            assert unicodedata.is_normalized("NFC", quote.text)


def test_quotes_without_a_speaker_say_why(ds: nd.Dataset) -> None:
    unattributed = [q for q in ds.quotes.values() if q.speaker is None]
    assert [q.text for q in unattributed] == ["I paid some money.", "It’s a success."]
    assert all(q.note for q in unattributed)
    knee_pads = next(q for q in ds.quotes.values() if q.text == "I put on knee pads")
    assert knee_pads.note is not None
    assert "doubt" in knee_pads.note.lower()


def test_in_character_and_joking_flags(ds: nd.Dataset) -> None:
    not_breathing = next(q for q in ds.quotes.values() if q.text == "She’s not breathing!")
    assert not_breathing.in_character
    assert not_breathing.character == "park-jae-eon"
    assert not_breathing.joking
    gym = next(q for q in ds.quotes.values() if q.text.startswith("I don’t think you need to go"))
    assert gym.addressee == "song-kang"


def test_two_outlets_renderings_of_one_utterance_are_linked(ds: nd.Dataset) -> None:
    def rendered(start: str) -> set[str]:
        quote = next(q for q in ds.quotes.values() if q.text.startswith(start))
        return {q.source for q in ds.renderings(quote)}

    both = {"kdramapal-press-conference", "gokpop-press-conference"}
    assert rendered("When I first read the script") == both
    assert rendered("wanted to be real and raw") == both
    assert rendered("When I read the original webtoon") == both
    sweetness = next(q for q in ds.quotes.values() if q.text.startswith("it had that sweetness"))
    assert len(ds.renderings(sweetness)) == 2
    lone = next(q for q in ds.quotes.values() if q.text == "I did! I did!")
    assert ds.renderings(lone) == (lone,)


def test_press_conference_quotes_are_dated(ds: nd.Dataset) -> None:
    for quote in ds.quotes_at("press-conference"):
        assert quote.date == dt.date(2021, 6, 18)
    assert len(ds.quotes_at("press-conference")) == 14


# (person, character, lead) of every credit, in the data order of cast.json: no source gives
# the whole cast in an order, so the credits carry no billing.
EXPECTED_CAST = [
    ("han-so-hee", "yoo-na-bi", True),
    ("song-kang", "park-jae-eon", True),
    ("chae-jong-hyeop", "yang-do-hyeok", False),
    ("lee-yeol-eum", "yoon-seol-a", False),
    ("yang-hye-ji", "oh-bit-na", False),
    ("kim-min-gwi", "nam-gyu-hyun", False),
    ("lee-ho-jung", "yoon-sol", False),
    ("yoon-seo-ah", "seo-ji-wan", False),
    ("lee-jung-ha", "kim-eun-han", False),
    ("kim-moo-joon", "yoo-se-hoon", False),
    ("seo-bum-june", "jin-soo", False),
    ("lee-tae-hee", None, False),
]


def test_every_cast_credit(ds: nd.Dataset) -> None:
    assert [(c.person, c.character, c.lead) for c in ds.cast] == EXPECTED_CAST


def test_the_files_keep_no_internal_origin_and_no_billing() -> None:
    sources = json.loads((DATA / "sources.json").read_text(encoding="utf-8"))
    assert not [s["id"] for s in sources if "origin" in s]
    cast = json.loads((DATA / "cast.json").read_text(encoding="utf-8"))
    assert not [c["person"] for c in cast if "billing" in c]


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
    def aliases(registry: nd.Registry[str, Any], rid: str) -> set[str]:
        return {alias.text for alias in registry[rid].aliases}

    assert {"Kang song"} <= aliases(ds.people, "song-kang")
    assert {"Yan Hye Ji", "Yang Hye Ji"} <= aliases(ds.people, "yang-hye-ji")
    assert {"Yu Na-bi", "Yoo Na Bi", "Nabi"} <= aliases(ds.characters, "yoo-na-bi")
    assert {"Park Jae Uhn", "Jae Eon"} <= aliases(ds.characters, "park-jae-eon")
    for registry in (ds.people, ds.characters):
        for record in registry.values():
            assert record.name not in {alias.text for alias in record.aliases}


def _aliases(ds: nd.Dataset) -> Iterator[tuple[str, nd.Alias]]:
    for registry in (ds.people, ds.characters):
        for record in registry.values():
            for alias in record.aliases:
                yield record.id, alias


def test_every_latin_alias_cites_a_page_that_is_not_korean(ds: nd.Dataset) -> None:
    # A Korean page writes the names in Hangul: a Latin spelling needs a page that prints it.
    for record_id, alias in _aliases(ds):
        if re.search("[A-Za-z]", alias.text):
            languages = {source.language for source in ds.sources_of(alias)}
            assert languages - {"ko"}, (record_id, alias.text, languages)


def test_the_garbled_aliases_are_marked_garbled(ds: nd.Dataset) -> None:
    garbled = {(rid, a.text) for rid, a in _aliases(ds) if a.kind is nd.AliasKind.GARBLED}
    assert garbled == {("song-kang", "Kang song"), ("yang-hye-ji", "Yan Hye Ji")}
    translated = {s.id for s in ds.sources.values() if s.machine_translated}
    for _, alias in _aliases(ds):
        if alias.kind is nd.AliasKind.GARBLED:
            assert set(alias.sources) <= translated


def test_other_works(ds: nd.Dataset) -> None:
    works = {w.title: w for w in ds.people["song-kang"].works}
    assert set(works) == {"Navillera", "When the Devil Calls Your Name"}
    assert (works["Navillera"].year, works["Navillera"].network) == (2021, "tvN")
    assert "ballet" in (works["Navillera"].note or "")
    assert [w.title for w in ds.people["han-so-hee"].works] == ["The World of the Married"]


def test_episodes_air_weekly(ds: nd.Dataset) -> None:
    assert list(ds.episodes) == list(range(1, 11))
    assert [e.air_date for e in ds.episodes.values()] == [
        dt.date(2021, 6, 19) + dt.timedelta(weeks=n) for n in range(10)
    ]


# Each episode's rating with the pages that print exactly that figure.
RATINGS = {
    1: (2.207, ("koalasplayground-2021-06-19", "koreaboo-record-low")),
    2: (1.3, ("koreaboo-nevertheless-fails-hype",)),
    3: (1.173, ("joynews24-1382214",)),
    4: (1.7, ("zapzee-2021-07-13", "pinkvilla-808339")),
    6: (1.3, ("dramabeans-ratings-2021-07-19",)),
    8: (0.994, ("koreaboo-record-low", "koalasplayground-2021-08-08")),
    10: (1.7, ("pinkvilla-877895",)),
}


def test_ratings_cite_the_pages_that_print_them(ds: nd.Dataset) -> None:
    ratings = {
        e.number: (e.rating.percent, e.rating.sources)
        for e in ds.episodes.values()
        if e.rating is not None
    }
    assert ratings == RATINGS
    # The pages that round a figure are named in its note, not cited for it.
    first, eighth = ds.episodes[1].rating, ds.episodes[8].rating
    assert first is not None
    assert eighth is not None
    assert "koreaboo-nevertheless-fails-hype" in (first.note or "")
    assert "insight-352551" in (eighth.note or "")
    # Episode 5 has no rating: the 1.173 % given to "the latest episode" on 20 July is disputed.
    dispute = ds.disputes["episode-rating-1-173"]
    assert dispute.preferred == "episode-3"
    assert [r.sources for r in dispute.readings] == [
        ("joynews24-1382214",),
        ("pinkvilla-822225",),
    ]


def test_age_ratings_per_episode(ds: nd.Dataset) -> None:
    age = {
        e.number: (e.age_rating.rating, e.age_rating.sources)
        for e in ds.episodes.values()
        if e.age_rating is not None
    }
    assert age == {
        1: ("19+", ("hankyung-202106219697h",)),
        4: (
            "19+",
            ("sportschosun-202107100100077160004800", "newsis-nisx20210709-0001507100"),
        ),
    }
    assert "19+" in ds.show.age_rating


def test_english_episode_titles_only_where_a_page_gives_them(ds: nd.Dataset) -> None:
    titles = {e.number: [t.text for t in e.titles] for e in ds.episodes.values() if e.titles}
    assert titles == {
        1: ["There’s No Such Thing as Fate, Nevertheless"],
        2: ["It’s Not Only Me, Nevertheless"],
        3: ["It Has Already Begun, Nevertheless"],
        4: ["I Know It Isn’t Love. Nevertheless"],
        6: ["There’s No Such Thing As Love. Nevertheless"],
        7: ["I Know There’s No Turning Back. Nevertheless"],
        8: ["I Know It’s A Lie. Nevertheless"],
    }
    for episode in ds.episodes.values():
        for title in episode.titles:
            assert title.language == "en"
            assert title.sources == (f"readysteadycut-episode-{episode.number}",)


def test_show_facts(ds: nd.Dataset) -> None:
    show = ds.show
    assert (show.network, show.episode_count) == ("JTBC", 10)
    assert show.platforms == ("JTBC", "Netflix", "TVING")
    assert (show.premiere, show.finale) == (dt.date(2021, 6, 19), dt.date(2021, 8, 21))
    assert show.original_work.publisher == "Naver Webtoon"
    assert show.original_work.chapters == 40
    assert {c.name for c in show.production_companies} == {"Beyond J", "Studio N", "JTBC Studios"}
    assert show.identifiers == ()  # no page read shows an id


def test_show_titles(ds: nd.Dataset) -> None:
    show = ds.show
    assert show.title == "Nevertheless"
    assert show.korean_title == "알고있지만,"
    assert [t.text for t in show.alternative_titles("ko")] == ["알고있지만", "알고 있지만"]
    assert show.romanized_title == "Algoitjiman"


def test_runtime_is_the_preferred_reading(ds: nd.Dataset) -> None:
    runtime = ds.show.runtime
    assert runtime is not None
    assert runtime.minutes == 70
    dispute = ds.disputes["runtime"]
    assert dispute.preferred_reading is not None
    assert dispute.preferred_reading.sources == runtime.sources
    assert len(dispute.readings) == 4


def test_soundtrack(ds: nd.Dataset) -> None:
    album = ds.show.soundtrack
    assert album is not None
    assert (album.released, album.physical_release) == (dt.date(2021, 8, 28), dt.date(2021, 8, 30))
    assert album.instrumentals == 15
    assert [(t.title, t.artist) for t in album.tracks] == [
        ("We're Already", "KIMMUSEUM"),
        ("Nevertheless", "Night Off"),
        ("Whisper", "Park Ji Woo"),
        ("Butterfly", "J.UNA"),
        ("Heavy Heart", "RIO"),
        ("Love Me Like That", "Sam Kim"),
        ("Fall In Love", "Jukjae"),
        ("So Tender", "Say Sue Me"),
        ("Love, This", "SLAY & ALVIN"),
        ("Nevertheless", "RIO"),
    ]
    assert ds.disputes["ost-love-this-artist"].preferred is None


def test_filming_location_and_the_slots_predecessor(ds: nd.Dataset) -> None:
    (location,) = ds.show.filming_locations
    assert (location.name, location.hangul, location.sources) == (
        "Andong National University",
        "국립안동대학교",
        ("kbin-27336",),
    )
    assert ds.slots["jtbc-kr"].preceded_by == "Undercover"


def test_sources_of_the_articles(ds: nd.Dataset) -> None:
    kdramapal = ds.sources["kdramapal-press-conference"]
    # The page prints no date: "written the day before the premiere" stays in the note.
    assert (kdramapal.outlet, kdramapal.author, kdramapal.published) == ("Kdramapal", "Luna", None)
    assert ds.sources["gokpop-press-conference"].published == dt.date(2021, 6, 19)
    rewritten = ds.sources["watch-song-kang-makes-sure-han-so-hee-is-okay"]
    assert (rewritten.outlet, rewritten.published, rewritten.machine_translated) == (
        "blackmouse.biz",
        None,
        True,
    )
    assert ds.sources["watch-artistic-potential-on-set"].outlet == "Soompi"
    koreaboo = ds.sources["han-so-hee-marvels-at-song-kangs-strength"]
    assert (koreaboo.outlet, koreaboo.credits) == ("Koreaboo", "WikiTree")
    assert sum(s.kind is nd.SourceKind.ARTICLE for s in ds.sources.values()) == 5


URL = re.compile(r"https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def test_every_source_has_an_https_url_and_a_language(ds: nd.Dataset) -> None:
    for source in ds.sources.values():
        assert source.url is not None, source.id
        assert URL.fullmatch(source.url), source.id
        assert LANGUAGE.fullmatch(source.language), source.id
    urls = [s.url for s in ds.sources.values()]
    assert len(urls) == len(set(urls)), "one page, one source"
    languages = Counter(s.language for s in ds.sources.values())
    assert languages == {"en": 48, "ko": 28, "id": 2, "ja": 1, "tr": 1}
    assert ds.sources["sapientiatr"].language == "tr"
    assert ds.sources["zapzee-2021-07-13"].language == "en"


def test_unfound_and_duplicate_pages_are_gone(ds: nd.Dataset) -> None:
    gone = {
        "sedaily-22nnqmysuh",
        "jtbc-news-nb12008410",
        "buro247-my",
        "joynews24-1377630",
        "fastpick",
        "kdramapal",  # the same page as kdramapal-posters-article
    }
    assert not gone & set(ds.sources)
    assert "malaysia-episode-8" not in ds.facts  # it rested on buro247-my alone


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string inside a record, with where it is."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _strings(getattr(value, field.name), f"{path}.{field.name}")


INTERNAL = re.compile(r"\b00[0-4]\b|external-facts|shared/|reference/|\.txt\b|seed", re.I)


def test_no_text_names_a_seed_file_or_the_reference_notes(ds: nd.Dataset) -> None:
    records: list[tuple[str, Any]] = [("show", ds.show)]
    for name in nd.FILES:
        collection = getattr(ds, name)
        if name == "show":
            continue
        items = collection.values() if isinstance(collection, nd.Registry) else collection
        records += [(f"{name}[{index}]", record) for index, record in enumerate(items)]
    found = [
        (path, text)
        for where, record in records
        for path, text in _strings(record, where)
        if INTERNAL.search(text)
    ]
    assert found == []


def test_press_conference_event(ds: nd.Dataset) -> None:
    event = ds.events["press-conference"]
    assert event.date == dt.date(2021, 6, 18)
    assert set(event.attendees) == {"kim-ga-ram", "song-kang", "han-so-hee"}
    assert {s.platform for s in event.streams} == {"YouTube", "Naver TV"}
    clips = [e for e in ds.events.values() if e.kind is nd.EventKind.BEHIND_THE_SCENES]
    assert len(clips) == 3
    assert all(e.published_by == "JTBC" and e.moments for e in clips)


def test_jtbc_statement_on_kim_min_gwi(ds: nd.Dataset) -> None:
    statement = ds.events["jtbc-statement-kim-min-gwi"]
    assert statement.kind is nd.EventKind.STATEMENT
    assert statement.date == dt.date(2021, 7, 28)
    assert statement.sources[0] == "star-mt-2021072810401982309"
    dispute = ds.disputes["kim-min-gwi-cut-episode"]
    assert dispute.preferred == "from-episode-7"
    assert dispute.readings[1].sources == ("otakukart-570729",)
    assert dispute in ds.disputes_about("kim-min-gwi")
    reduced = ds.facts["kim-min-gwi-role-reduced"]
    assert reduced.occasion == statement.id
    assert ds.episodes[7].air_date == dt.date(2021, 7, 31)


@pytest.mark.parametrize(
    ("dispute_id", "preferred"),
    [
        ("netflix-malaysia-release-time", "one-hour-after-broadcast"),
        ("press-conference-date", "june-18"),
        ("na-bi-university-year", None),
        ("netflix-release-august-29", "weekly-after-broadcast"),
        ("runtime", "about-70-minutes"),
        ("broadcast-days", "saturday-only"),
        ("lee-ho-jung-pronoun", "she"),
        ("episode-rating-1-173", "episode-3"),
        ("kim-min-gwi-cut-episode", "from-episode-7"),
        ("webtoon-serialization-start", "november-13-2018"),
        ("ost-love-this-artist", None),
    ],
)
def test_disputes_keep_every_reading(
    ds: nd.Dataset, dispute_id: str, preferred: str | None
) -> None:
    dispute = ds.disputes[dispute_id]
    assert dispute.preferred == preferred
    assert len(dispute.readings) >= 2
    assert all(reading.sources for reading in dispute.readings)
    assert dispute.reason


def test_malaysia_dispute_links_the_disputed_slot(ds: nd.Dataset) -> None:
    dispute = ds.disputes["netflix-malaysia-release-time"]
    slots = {reading.id: reading.slot for reading in dispute.readings}
    assert slots["sunday-midnight-myt"] == "netflix-my-gokpop"
    assert dispute.preferred_reading is not None
    assert dispute.preferred_reading.slot == "netflix-worldwide"
    assert dispute.preferred_reading.sources == ("kdramapal-press-conference",)
    assert "gokpop-press-conference" in dispute.sources
    # The reason rests on what the sources say, and names those that point the other way.
    assert dispute.reason is not None
    assert "global" not in dispute.reason
    assert "GOKpop" in dispute.reason


@pytest.mark.parametrize(
    ("fact_id", "subject", "words"),
    [
        ("song-kang-lost-five-kilograms", "song-kang", "five kilograms"),
        ("song-kang-art-classes", "song-kang", "art classes"),
        ("han-so-hee-paintings-in-na-bi-room", "han-so-hee", "paintings"),
        ("leads-same-age", "han-so-hee", "same age"),
        ("jtbc-weekly-bts-clips", "nevertheless", "weekly"),
        ("tving", "nevertheless", "TVING"),
        ("filmed-at-andong-national-university", "nevertheless", "Andong National University"),
        ("followed-undercover", "jtbc-kr", "Undercover"),
        ("webtoon-forty-chapters", "nevertheless", "40 chapters"),
    ],
)
def test_stated_facts(ds: nd.Dataset, fact_id: str, subject: str, words: str) -> None:
    fact = ds.facts[fact_id]
    assert subject in fact.subjects
    assert words in fact.text
    assert fact in ds.facts_about(subject)


def test_the_weekly_clips_fact_cites_the_page_that_says_weekly(ds: nd.Dataset) -> None:
    fact = ds.facts["jtbc-weekly-bts-clips"]
    assert fact.sources == ("han-so-hee-marvels-at-song-kangs-strength",)
    assert ds.facts["tving"].sources == ("zapzee-2021-07-13",)


def test_every_record_is_sourced(ds: nd.Dataset) -> None:
    for name in ("people", "characters", "events", "episodes", "slots", "facts"):
        for record in getattr(ds, name).values():
            assert record.sources, (name, record)
    credits: list[nd.CastCredit | nd.CrewCredit] = [*ds.cast, *ds.crew]
    for credit in credits:
        assert credit.sources, credit
    for quote in ds.quotes.values():
        assert quote.source in ds.sources


def test_every_record_leads_to_the_pages_of_its_sources(ds: nd.Dataset) -> None:
    pages = [source.url or "" for source in ds.sources_of(ds.people["han-so-hee"])]
    assert pages[0] == ds.sources["kdramapal-press-conference"].url
    assert all(page.startswith("https://") for page in pages)
    assert ds.sources_of(ds.episodes[4].age_rating)[0].outlet == "스포츠조선 (Sports Chosun)"


def test_credit_helpers(ds: nd.Dataset) -> None:
    assert [getattr(c, "character", None) for c in ds.credits_of("han-so-hee")] == ["yoo-na-bi"]
    assert [c.person for c in ds.cast_of("park-jae-eon")] == ["song-kang"]
    kim = ds.credits_of(ds.people["kim-ga-ram"])
    assert [getattr(c, "role", None) for c in kim] == [nd.CrewRole.DIRECTOR]
    assert {q.speaker for q in ds.quotes_by("han-so-hee")} == {"han-so-hee"}
    assert len(ds.quotes_by(ds.people["song-kang"])) == 15


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for typographic, plain in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("…", "...")):
        text = text.replace(typographic, plain)
    return " ".join(text.split()).casefold()


def _quoted_spans(text: str) -> list[str]:
    found = re.findall(r"“([^”]{3,})”", text) + re.findall(r'"([^"\n]{3,})"', text)
    return [s.strip().strip(",.").strip() for s in found if len(s.split()) >= 2]


# Drama titles in quotation marks, not anyone's words.
_NOT_QUOTES = {"When the devil calls your name", "When the Devil Calls Your Name"}


def test_every_quoted_span_of_the_articles_is_in_a_quote(ds: nd.Dataset) -> None:
    # What the workplace's quote_coverage.py checks, over the copies of the articles here.
    texts = [_fold(quote.text) for quote in ds.quotes.values()]
    missing = [
        (article, span)
        for article, _ in ARTICLES.values()
        for span in _quoted_spans((SEEDS / article).read_text(encoding="utf-8"))
        if span not in _NOT_QUOTES
        and not any(
            _fold(span) in text or (text in _fold(span) and len(text) > 10) for text in texts
        )
    ]
    assert missing == []
