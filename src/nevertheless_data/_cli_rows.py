"""The records as rows of plain JSON values: what the command line prints with ``--json``.

These shapes are documented (docs/cli.md) and stable: a CSV export uses the same rows, one
column per key. Everything here goes through the public API only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import nevertheless_data as nd

__all__ = [
    "Row",
    "airing_row",
    "cast_rows",
    "dispute_row",
    "problem_row",
    "quote_row",
    "resolve_name",
    "show_row",
    "source_row",
    "who_row",
]


Row = dict[str, Any]
"""One record of a listing as plain JSON values: what ``--json`` prints, and a CSV row."""


def _title(get: Callable[[], str]) -> str | None:
    # A dataset of one's own may lack the optional titles; the summary then leaves them out.
    try:
        return get()
    except LookupError:
        return None


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def show_row(ds: nd.Dataset) -> Row:
    """The show summary: what ``show --json`` prints."""
    show = ds.show
    work = show.original_work
    author = ds.people.get(work.author)
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
        },
        "production_companies": [
            {"name": c.name, "hangul": c.hangul} for c in show.production_companies
        ],
        "crew": [
            {"person": c.person, "name": ds.people[c.person].name, "role": c.role.value}
            for c in ds.crew
        ],
        "sources": list(show.sources),
    }


def cast_rows(ds: nd.Dataset) -> list[Row]:
    """The cast in billing order: what ``cast --json`` prints."""
    rows = []
    for credit in ds.cast:
        person = ds.people[credit.person]
        character = None if credit.character is None else ds.characters[credit.character]
        rows.append(
            {
                "billing": credit.billing,
                "person": person.id,
                "name": person.name,
                "hangul": person.hangul,
                "character": None if character is None else character.id,
                "character_name": None if character is None else character.name,
                "character_hangul": None if character is None else character.hangul,
                "lead": credit.lead,
            }
        )
    return rows


def quote_row(ds: nd.Dataset, quote: nd.Quote) -> Row:
    """One quote: an element of what ``quotes --json`` prints."""
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
        "kind": quote.kind.value,
        "occasion": quote.occasion,
        "date": _iso(quote.date),
        "source": quote.source,
        "outlet": source.outlet,
        "utterance": quote.utterance,
        "joking": quote.joking,
        "note": quote.note,
    }


def source_row(source: nd.Source) -> Row:
    """One source: an element of what ``sources --json`` prints."""
    return {
        "id": source.id,
        "kind": source.kind.value,
        "origin": source.origin,
        "language": source.language,
        "outlet": source.outlet,
        "title": source.title,
        "author": source.author,
        "published": _iso(source.published),
        "machine_translated": source.machine_translated,
        "credits": source.credits,
        "note": source.note,
    }


def dispute_row(dispute: nd.Dispute) -> Row:
    """One dispute and its readings: an element of what ``disputes --json`` prints."""
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


def problem_row(problem: nd.Problem) -> Row:
    """One problem of a dataset: an element of what ``validate --json`` prints."""
    return {"file": problem.file, "path": problem.path, "message": problem.message}


def airing_row(airing: nd.Airing, start: dt.datetime, zone: str) -> Row:
    """One airing, its start shown in ``zone``: an element of what ``schedule --json`` prints."""
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


def resolve_name(ds: nd.Dataset, name: str) -> tuple[list[nd.Person | nd.Character], list[str]]:
    """The records ``name`` means (a person, a character, or both), else the suggestions."""
    matches: list[nd.Person | nd.Character] = []
    suggested: set[str] = set()
    for registry in (ds.people, ds.characters):
        try:
            matches.append(registry.lookup(name))
        except nd.NameNotFound as exc:
            suggested.update(exc.suggestions)
    if matches or not suggested:
        return matches, []
    # Each registry ranks its own suggestions; their scores rank the two lists together.
    ranked = sorted(
        (m for registry in (ds.people, ds.characters) for m in registry.search(name)),
        key=lambda m: -m.score,
    )
    names = [m.record.name for m in ranked if m.record.name in suggested]
    names.extend(sorted(suggested.difference(names)))
    return matches, list(dict.fromkeys(names))


def _person_match(ds: nd.Dataset, person: nd.Person) -> Row:
    credits: list[Row] = []
    for credit in ds.credits_of(person):
        if isinstance(credit, nd.CastCredit):
            character = None if credit.character is None else ds.characters[credit.character]
            credits.append(
                {
                    "role": "actor",
                    "character": credit.character,
                    "character_name": None if character is None else character.name,
                    "billing": credit.billing,
                    "lead": credit.lead,
                }
            )
        else:
            credits.append({"role": credit.role.value})
    return {
        "kind": "person",
        "id": person.id,
        "name": person.name,
        "hangul": person.hangul,
        "aliases": [alias.text for alias in person.aliases],
        "credits": credits,
        "works": [{"title": w.title, "year": w.year, "network": w.network} for w in person.works],
        "quotes": len(ds.quotes_by(person)),
        "note": person.note,
    }


def _character_match(ds: nd.Dataset, character: nd.Character) -> Row:
    played_by = []
    for credit in ds.cast_of(character):
        person = ds.people[credit.person]
        played_by.append(
            {
                "person": person.id,
                "name": person.name,
                "hangul": person.hangul,
                "billing": credit.billing,
                "lead": credit.lead,
            }
        )
    return {
        "kind": "character",
        "id": character.id,
        "name": character.name,
        "hangul": character.hangul,
        "aliases": [alias.text for alias in character.aliases],
        "description": character.description,
        "played_by": played_by,
        "quotes": sum(1 for q in ds.quotes.values() if q.character == character.id),
        "note": character.note,
    }


def who_row(ds: nd.Dataset, name: str) -> Row:
    """Who ``name`` means: what ``who --json`` prints.

    ``matches`` is empty when no one answers to the name; ``suggestions`` then lists the
    closest names, best first.
    """
    records, suggestions = resolve_name(ds, name)
    return {
        "query": name,
        "matches": [
            _person_match(ds, r) if isinstance(r, nd.Person) else _character_match(ds, r)
            for r in records
        ],
        "suggestions": suggestions,
    }
