"""Every Hypothesis strategy of the test suite, one section per concern."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from hypothesis import strategies as st

import nevertheless_data as nd

# --- datasets (core) -------------------------------------------------------------------------


_ZONES = ("Asia/Seoul", "Asia/Kuala_Lumpur", "America/New_York", "Europe/London", "UTC")

slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
"""Record ids: lowercase hyphenated slugs."""

texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30
).filter(lambda text: text.strip() != "")
"""Any non-blank text, Hangul and emoji included."""

optional_texts = st.none() | texts
dates = st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))
times = st.times().map(lambda t: t.replace(microsecond=0))
zones = st.sampled_from(_ZONES).map(zoneinfo.ZoneInfo)


def _unique_slugs(count: int) -> st.SearchStrategy[list[str]]:
    return st.lists(slugs, min_size=count, max_size=count, unique=True)


@st.composite
def datasets(draw: st.DrawFn) -> nd.Dataset:
    """A valid dataset: every reference resolves and every record is sourced."""
    n_sources, n_people, n_characters = (
        draw(st.integers(1, 4)),
        draw(st.integers(1, 4)),
        draw(st.integers(0, 3)),
    )
    n_events, n_slots = draw(st.integers(0, 2)), draw(st.integers(0, 3))
    ids = draw(_unique_slugs(n_sources + n_people + n_characters + n_events + n_slots + 1))
    source_ids, ids = ids[:n_sources], ids[n_sources:]
    person_ids, ids = ids[:n_people], ids[n_people:]
    character_ids, ids = ids[:n_characters], ids[n_characters:]
    event_ids, ids = ids[:n_events], ids[n_events:]
    slot_ids, show_id = ids[:n_slots], ids[n_slots]

    some_sources = st.lists(st.sampled_from(source_ids), min_size=1, max_size=2).map(tuple)
    people_refs = st.sampled_from(person_ids)
    optional = st.none().__or__

    def aliases() -> st.SearchStrategy[tuple[nd.Alias, ...]]:
        alias = st.builds(nd.Alias, text=texts, sources=some_sources, note=optional_texts)
        return st.lists(alias, max_size=2).map(tuple)

    sources = [
        draw(
            st.builds(
                nd.Source,
                id=st.just(source_id),
                kind=st.sampled_from(nd.SourceKind),
                origin=texts,
                language=st.sampled_from(["en", "ko", "ja"]),
                outlet=optional_texts,
                title=optional_texts,
                author=optional_texts,
                published=optional(dates),
                machine_translated=st.booleans(),
                credits=optional_texts,
                note=optional_texts,
            )
        )
        for source_id in source_ids
    ]
    work = st.builds(
        nd.Work,
        title=texts,
        sources=some_sources,
        year=optional(st.integers(1950, 2040)),
        network=optional_texts,
        note=optional_texts,
    )
    people = [
        draw(
            st.builds(
                nd.Person,
                id=st.just(person_id),
                name=texts,
                sources=some_sources,
                hangul=optional_texts,
                aliases=aliases(),
                works=st.lists(work, max_size=2).map(tuple),
                note=optional_texts,
            )
        )
        for person_id in person_ids
    ]
    characters = [
        draw(
            st.builds(
                nd.Character,
                id=st.just(character_id),
                name=texts,
                sources=some_sources,
                hangul=optional_texts,
                aliases=aliases(),
                description=optional_texts,
                note=optional_texts,
            )
        )
        for character_id in character_ids
    ]
    character_refs = optional(st.sampled_from(character_ids)) if character_ids else st.none()
    event_refs = optional(st.sampled_from(event_ids)) if event_ids else st.none()
    episode_count = draw(st.integers(1, 12))
    premiere = draw(dates)
    title = st.builds(
        nd.Title,
        text=texts,
        language=st.sampled_from(["en", "ko", "ja"]),
        kind=st.sampled_from(nd.TitleKind),
        sources=some_sources,
        note=optional_texts,
    )
    official = [
        nd.Title(
            text=draw(texts), language=lang, kind=nd.TitleKind.OFFICIAL, sources=(source_ids[0],)
        )
        for lang in ("en", "ko")
    ]
    show = nd.Show(
        id=show_id,
        titles=tuple(official + draw(st.lists(title, max_size=3))),
        network=draw(texts),
        platforms=tuple(draw(st.lists(texts, min_size=1, max_size=2))),
        premiere=premiere,
        finale=premiere + dt.timedelta(days=7 * (episode_count - 1)),
        episode_count=episode_count,
        age_rating=draw(texts),
        original_work=draw(
            st.builds(
                nd.OriginalWork,
                title=texts,
                medium=texts,
                publisher=texts,
                author=people_refs,
                sources=some_sources,
                serialized_from=optional(dates),
                serialized_until=optional(dates),
                note=optional_texts,
            )
        ),
        production_companies=tuple(
            draw(
                st.lists(
                    st.builds(nd.Company, name=texts, sources=some_sources, hangul=optional_texts),
                    max_size=2,
                )
            )
        ),
        sources=draw(some_sources),
        genre=draw(optional_texts),
        note=draw(optional_texts),
    )
    cast = tuple(
        draw(
            st.lists(
                st.builds(
                    nd.CastCredit,
                    person=people_refs,
                    billing=st.integers(1, 20),
                    sources=some_sources,
                    character=character_refs,
                    lead=st.booleans(),
                    note=optional_texts,
                ),
                max_size=4,
            )
        )
    )
    crew = tuple(
        draw(
            st.lists(
                st.builds(
                    nd.CrewCredit,
                    person=people_refs,
                    role=st.sampled_from(nd.CrewRole),
                    sources=some_sources,
                    note=optional_texts,
                ),
                max_size=3,
            )
        )
    )
    stream = st.builds(
        nd.Stream,
        platform=texts,
        sources=some_sources,
        audience=optional_texts,
        start=optional(times),
        zone=zones,
        note=optional_texts,
    )
    events = tuple(
        draw(
            st.builds(
                nd.Event,
                id=st.just(event_id),
                kind=st.sampled_from(nd.EventKind),
                title=texts,
                sources=some_sources,
                date=optional(dates),
                host=optional_texts,
                published_by=optional_texts,
                attendees=st.lists(people_refs, max_size=3, unique=True).map(tuple),
                streams=st.lists(stream, max_size=2).map(tuple),
                moments=st.lists(texts, max_size=3).map(tuple),
                note=optional_texts,
            )
        )
        for event_id in event_ids
    )
    n_quotes = draw(st.integers(0, 5))
    quote_ids = draw(_unique_slugs(n_quotes))
    utterance = draw(optional(slugs))
    quotes = []
    for index, quote_id in enumerate(quote_ids):
        speaker = draw(optional(people_refs))
        quotes.append(
            nd.Quote(
                id=quote_id,
                text=draw(texts),
                source=draw(st.sampled_from(source_ids)),
                kind=draw(st.sampled_from(nd.QuoteKind)),
                speaker=speaker,
                addressee=draw(optional(people_refs)),
                occasion=draw(event_refs),
                date=draw(optional(dates)),
                character=draw(character_refs),
                joking=draw(st.booleans()),
                # The first two quotes may share an utterance; a lone one may not.
                utterance=utterance if n_quotes >= 2 and index < 2 else None,
                note=draw(texts) if speaker is None else draw(optional_texts),
            )
        )
    rating = st.builds(
        nd.Rating,
        percent=st.floats(0, 100, allow_nan=False),
        measure=texts,
        sources=some_sources,
        note=optional_texts,
    )
    episode_numbers = draw(
        st.lists(st.integers(1, episode_count), max_size=episode_count, unique=True)
    )
    episodes = tuple(
        nd.Episode(
            number=number,
            air_date=premiere + dt.timedelta(days=7 * (number - 1)),
            sources=draw(some_sources),
            rating=draw(optional(rating)),
            note=draw(optional_texts),
        )
        for number in sorted(episode_numbers)
    )
    slots = []
    for index, slot_id in enumerate(slot_ids):
        first_episode = draw(st.integers(1, episode_count))
        last_episode = draw(st.integers(first_episode, episode_count))
        if index == 0 or draw(st.booleans()):
            first_date = draw(dates)
            recurrence = nd.WeeklyRecurrence(
                weekday=nd.Weekday(first_date.weekday()),
                time=draw(times),
                zone=draw(zones),
                first_date=first_date,
            )
            follows = None
        else:
            recurrence = None
            follows = nd.SlotOffset(
                base=draw(st.sampled_from(slot_ids[:index])),
                minutes=draw(st.integers(-24 * 60, 24 * 60)),
            )
            if draw(st.booleans()):
                first_episode = last_episode = None
        slots.append(
            nd.BroadcastSlot(
                id=slot_id,
                platform=draw(texts),
                region=draw(st.sampled_from(["KR", "MY", "US", "worldwide"])),
                sources=draw(some_sources),
                recurrence=recurrence,
                follows=follows,
                first_episode=first_episode,
                last_episode=last_episode,
                alignment=draw(st.sampled_from(nd.SlotAlignment)),
                note=draw(optional_texts),
            )
        )
    subjects = [show_id, *person_ids, *character_ids, *event_ids, *slot_ids]
    some_subjects = st.lists(st.sampled_from(subjects), min_size=1, max_size=3).map(tuple)
    disputes = []
    for dispute_id in draw(_unique_slugs(draw(st.integers(0, 2)))):
        reading_ids = draw(_unique_slugs(draw(st.integers(2, 3))))
        readings = tuple(
            nd.Reading(
                id=reading_id,
                claim=draw(texts),
                sources=draw(some_sources),
                slot=draw(optional(st.sampled_from(slot_ids))) if slot_ids else None,
                note=draw(optional_texts),
            )
            for reading_id in reading_ids
        )
        preferred = draw(optional(st.sampled_from(reading_ids)))
        disputes.append(
            nd.Dispute(
                id=dispute_id,
                topic=draw(texts),
                readings=readings,
                subjects=draw(some_subjects),
                preferred=preferred,
                reason=None if preferred is None else draw(texts),
            )
        )
    facts = tuple(
        nd.Fact(
            id=fact_id,
            subjects=draw(some_subjects),
            text=draw(texts),
            sources=draw(some_sources),
            occasion=draw(event_refs),
            note=draw(optional_texts),
        )
        for fact_id in draw(_unique_slugs(draw(st.integers(0, 3))))
    )
    return nd.Dataset(
        show=show,
        sources=nd.Registry(sources),
        people=nd.Registry(people),
        characters=nd.Registry(characters),
        cast=cast,
        crew=crew,
        events=events,
        quotes=tuple(quotes),
        episodes=episodes,
        slots=tuple(slots),
        disputes=tuple(disputes),
        facts=facts,
    )


def raw_files(dataset: nd.Dataset) -> dict[str, Any]:
    """The parsed JSON of each file of ``dataset``, keyed by collection name."""
    import json

    return {name[: -len(".json")]: json.loads(text) for name, text in nd.dumps(dataset).items()}


# --- names ------------------------------------------------------------------------------------

# --- schedule ---------------------------------------------------------------------------------
