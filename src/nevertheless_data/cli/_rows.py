"""The records as rows of plain JSON values: what ``--json`` prints and the CSV export writes.

One row type per kind of record, the same wherever that record appears (a cast credit is a
:class:`CastRow` in ``cast``, in a person's ``cast`` and in a character's ``played_by``). The
shapes are documented (docs/cli.md), and a key is never renamed or removed without a changelog
entry. Absent values are ``None`` (``null``); dates are ``"YYYY-MM-DD"``; times are ISO 8601
with their UTC offset. The CSV tables (cast, quotes, sources, schedule) use rows whose values
are all scalars, one column per key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import nevertheless_data as nd

from ._shapes import (
    AiringRow,
    CastRow,
    CharacterRow,
    CrewRow,
    DisputeRow,
    PersonRow,
    ProblemRow,
    QuoteRow,
    ShowRow,
    SourceRow,
)

__all__ = [
    "airing_row",
    "cast_row",
    "character_row",
    "crew_row",
    "dispute_row",
    "person_row",
    "problem_row",
    "quote_row",
    "show_row",
    "source_row",
]


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _title(get: Callable[[], str]) -> str | None:
    # A dataset of one's own may lack the optional titles; the rows then hold null.
    try:
        return get()
    except LookupError:
        return None


def crew_row(ds: nd.Dataset, credit: nd.CrewCredit) -> CrewRow:
    """The row of a crew credit."""
    return {"person": credit.person, "name": ds.people[credit.person].name, "role": credit.role}


def show_row(ds: nd.Dataset) -> ShowRow:
    """The show's row."""
    show = ds.show
    work = show.original_work
    author = ds.people.get(work.author)
    soundtrack = show.soundtrack
    return {
        "id": show.id,
        "title": show.title,
        "korean_title": show.korean_title,
        "romanized_title": _title(lambda: show.romanized_title),
        "literal_title": _title(lambda: show.literal_title),
        "japanese_title": _title(lambda: show.japanese_title),
        "alternative_titles": [
            {"text": t.text, "language": t.language} for t in show.alternative_titles()
        ],
        "network": show.network,
        "platforms": list(show.platforms),
        "premiere": show.premiere.isoformat(),
        "finale": show.finale.isoformat(),
        "episode_count": show.episode_count,
        "runtime_minutes": None if show.runtime is None else show.runtime.minutes,
        "genre": show.genre,
        "age_rating": show.age_rating,
        "original_work": {
            "title": work.title,
            "medium": work.medium,
            "publisher": work.publisher,
            "author": work.author,
            "author_name": None if author is None else author.name,
            "serialized_from": _iso(work.serialized_from),
            "serialized_until": _iso(work.serialized_until),
            "chapters": work.chapters,
        },
        "production_companies": [
            {"name": c.name, "hangul": c.hangul} for c in show.production_companies
        ],
        "crew": [crew_row(ds, credit) for credit in ds.crew],
        "soundtrack": None
        if soundtrack is None
        else {
            "title": soundtrack.title,
            "released": _iso(soundtrack.released),
            "tracks": [
                {"title": t.title, "artist": t.artist, "hangul": t.hangul}
                for t in soundtrack.tracks
            ],
            "instrumentals": soundtrack.instrumentals,
        },
        "filming_locations": [
            {"name": place.name, "hangul": place.hangul} for place in show.filming_locations
        ],
        "sources": list(show.sources),
    }


def cast_row(ds: nd.Dataset, credit: nd.CastCredit) -> CastRow:
    """The row of a cast credit."""
    person = ds.people[credit.person]
    character = None if credit.character is None else ds.characters[credit.character]
    return {
        "person": person.id,
        "name": person.name,
        "hangul": person.hangul,
        "character": None if character is None else character.id,
        "character_name": None if character is None else character.name,
        "character_hangul": None if character is None else character.hangul,
        "lead": credit.lead,
    }


def quote_row(ds: nd.Dataset, quote: nd.Quote) -> QuoteRow:
    """The row of a quote."""
    speaker = None if quote.speaker is None else ds.people[quote.speaker]
    character = None if quote.character is None else ds.characters[quote.character]
    source = ds.sources[quote.source]
    return {
        "id": quote.id,
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_name": None if speaker is None else speaker.name,
        "character": quote.character,
        "character_name": None if character is None else character.name,
        "kind": quote.kind,
        "occasion": quote.occasion,
        "date": _iso(quote.date),
        "source": quote.source,
        "outlet": source.outlet,
        "source_title": source.title,
        "source_url": source.url,
        "utterance": quote.utterance,
        "joking": quote.joking,
        "note": quote.note,
    }


def source_row(source: nd.Source) -> SourceRow:
    """The row of a source."""
    return {
        "id": source.id,
        "kind": source.kind,
        "url": source.url,
        "language": source.language,
        "outlet": source.outlet,
        "title": source.title,
        "author": source.author,
        "published": _iso(source.published),
        "machine_translated": source.machine_translated,
        "credits": source.credits,
        "note": source.note,
    }


def dispute_row(dispute: nd.Dispute) -> DisputeRow:
    """The row of a dispute."""
    return {
        "id": dispute.id,
        "topic": dispute.topic,
        "subjects": list(dispute.subjects),
        "preferred": dispute.preferred,
        "reason": dispute.reason,
        "readings": [
            {
                "id": reading.id,
                "claim": reading.claim,
                "sources": list(reading.sources),
                "slot": reading.slot,
                "preferred": reading.id == dispute.preferred,
                "note": reading.note,
            }
            for reading in dispute.readings
        ],
    }


def problem_row(problem: nd.Problem) -> ProblemRow:
    """The row of a dataset's problem."""
    return {"file": problem.file, "path": problem.path, "message": problem.message}


def airing_row(airing: nd.Airing, start: dt.datetime, zone: str) -> AiringRow:
    """The row of an airing whose start, shown in ``zone`` (its name), is ``start``."""
    end = None if airing.end is None else airing.end.astimezone(start.tzinfo)
    return {
        "episode": airing.episode,
        "platform": airing.platform,
        "region": airing.region,
        "slot": airing.slot.id,
        "disputed": airing.disputed,
        "start": start.isoformat(),
        "end": None if end is None else end.isoformat(),
        "zone": zone,
        "utc": airing.instant.isoformat().replace("+00:00", "Z"),
    }


def _aliases(record: nd.Person | nd.Character, garbled: bool) -> list[str]:
    return [a.text for a in record.aliases if (a.kind is nd.AliasKind.GARBLED) is garbled]


def person_row(ds: nd.Dataset, person: nd.Person) -> PersonRow:
    """The row of a person: ``aliases`` are the other spellings of the name, ``garbled`` the
    machine translations' garblings it is found by but never written as."""
    credits = ds.credits_of(person)
    return {
        "kind": "person",
        "id": person.id,
        "name": person.name,
        "hangul": person.hangul,
        "aliases": _aliases(person, garbled=False),
        "garbled": _aliases(person, garbled=True),
        "cast": [cast_row(ds, c) for c in credits if isinstance(c, nd.CastCredit)],
        "crew": [crew_row(ds, c) for c in credits if isinstance(c, nd.CrewCredit)],
        "works": [{"title": w.title, "year": w.year, "network": w.network} for w in person.works],
        "quotes": len(ds.quotes_by(person)),
        "note": person.note,
    }


def character_row(ds: nd.Dataset, character: nd.Character) -> CharacterRow:
    """The row of a character: ``quotes`` counts the words said in the role."""
    return {
        "kind": "character",
        "id": character.id,
        "name": character.name,
        "hangul": character.hangul,
        "aliases": _aliases(character, garbled=False),
        "garbled": _aliases(character, garbled=True),
        "description": character.description,
        "played_by": [cast_row(ds, credit) for credit in ds.cast_of(character)],
        "quotes": sum(1 for q in ds.quotes.values() if q.character == character.id),
        "note": character.note,
    }
