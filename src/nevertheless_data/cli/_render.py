"""The records as text for people: the lines each command prints without ``--json``.

Rendered from the records themselves (the JSON rows are for programs). Every line goes through
:class:`~._output.Output`, which cleans it; widths are measured as the terminal shows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import nevertheless_data as nd

from ._output import GOOD, HEADER, PROG, WARN, Cell, Layout, Line, display_width, table, unbroken
from ._zones import when

__all__ = [
    "airing_sentence",
    "cast_table",
    "dispute_block",
    "grid",
    "named",
    "quote_block",
    "schedule_table",
    "show_lines",
    "source_table",
    "who_lines",
]

Pair = tuple[nd.Airing, dt.datetime]
"""An airing and its start in the zone shown."""


def named(name: str, hangul: str | None) -> str:
    """``"Han So-hee (한소희)"``, or the name alone where the Hangul is not known."""
    return f"{name} ({hangul})" if hangul else name


def _title(show: nd.Show, kind: nd.TitleKind, language: str) -> str | None:
    # A dataset of one's own may lack the optional titles: their lines are then left out.
    return next((t.text for t in show.titles if t.kind is kind and t.language == language), None)


def _fields(layout: Layout, fields: Iterable[tuple[str, str | None]]) -> list[Line]:
    shown = [(label, value) for label, value in fields if value]
    width = max((display_width(label) for label, _ in shown), default=0)
    return [line for label, value in shown for line in layout.field(label, value, width)]


_CREW_LABELS = {
    nd.CrewRole.DIRECTOR: "Directed by",
    nd.CrewRole.SCREENWRITER: "Written by",
}


def _soundtrack(soundtrack: nd.Soundtrack | None) -> str | None:
    if soundtrack is None:
        return None
    songs = len(soundtrack.tracks)
    parts = [f"{songs} song{'s' * (songs != 1)}"] if songs else []
    if soundtrack.instrumentals:
        parts.append(f"{soundtrack.instrumentals} instrumentals")
    text = soundtrack.title or "Original soundtrack"
    if parts:
        text += f" ({', '.join(parts)})"
    if soundtrack.released:
        text += f", released {soundtrack.released}"
    return text


def show_lines(ds: nd.Dataset, layout: Layout) -> list[Line]:
    """The show: titles, dates, network, original work, crew, companies and more."""
    show = ds.show
    romanized = _title(show, nd.TitleKind.ROMANIZED, "ko-Latn")
    literal = _title(show, nd.TitleKind.LITERAL, "en")
    extras = [romanized] if romanized else []
    if literal:
        extras.append(f'literally "{literal}"')
    korean = show.korean_title + (f" ({', '.join(extras)})" if extras else "")
    work = show.original_work
    author = ds.people.get(work.author)
    based_on = f"{work.title} ({work.medium}, {work.publisher})"
    if author is not None:
        based_on += f" by {author.name}"
    if work.serialized_from and work.serialized_until:
        based_on += f", serialized {work.serialized_from} to {work.serialized_until}"
    fields: list[tuple[str, str | None]] = [
        ("Korean", korean),
        ("Japanese", _title(show, nd.TitleKind.OFFICIAL, "ja")),
        ("Also written", " · ".join(t.text for t in show.alternative_titles())),
        ("Network", show.network),
        ("Platforms", ", ".join(show.platforms)),
        ("Aired", f"{show.premiere} to {show.finale}, {show.episode_count} episodes"),
        ("Runtime", None if show.runtime is None else f"{show.runtime.minutes} minutes an episode"),
        ("Genre", show.genre),
        ("Age rating", show.age_rating),
        ("Based on", based_on),
    ]
    for role, label in _CREW_LABELS.items():
        names = [ds.people[c.person].name for c in ds.crew if c.role is role]
        fields.append((label, ", ".join(names)))
    companies = (named(c.name, c.hangul) for c in show.production_companies)
    fields.append(("Produced by", ", ".join(companies)))
    fields.append(("Soundtrack", _soundtrack(show.soundtrack)))
    places = [named(place.name, place.hangul) for place in show.filming_locations]
    fields.append(("Filmed at", unbroken(places)))
    return [[(show.title, HEADER)], *_fields(layout, fields)]


def cast_table(ds: nd.Dataset, layout: Layout) -> list[Line]:
    """The cast in the data's order, each actor with the character and both names' Hangul."""
    if not ds.cast:
        return ["No cast in this dataset."]
    rows = []
    for credit in ds.cast:
        person = ds.people[credit.person]
        character = None if credit.character is None else ds.characters[credit.character]
        rows.append(
            [
                person.name,
                person.hangul or "",
                "(role not named)" if character is None else character.name,
                "" if character is None else character.hangul or "",
                "yes" if credit.lead else "",
            ]
        )
    headers = ["Actor", "Hangul", "Character", "Hangul", "Lead"]
    return table(headers, rows, fit=layout.width, shrink=(2,))


def quote_block(ds: nd.Dataset, quote: nd.Quote, layout: Layout) -> list[Line]:
    """A quote under a heading: who said it (as whom), when, where it is printed, its id."""
    who = "(speaker not clear)" if quote.speaker is None else ds.people[quote.speaker].name
    if quote.character is not None:
        who += f" as {ds.characters[quote.character].name}"
    source = ds.sources[quote.source]
    parts = [who]
    if quote.date:
        parts.append(str(quote.date))
    parts.append(source.outlet or source.title or source.id)
    heading = " · ".join(parts) + f"  [{quote.id}]"
    return [*layout.wrap(heading, ""), *layout.wrap(quote.text, "    ")]


def who_lines(ds: nd.Dataset, record: nd.Person | nd.Character, layout: Layout) -> list[Line]:
    """A person with their roles, works and quotes, or a character with who plays them."""
    spellings = [a.text for a in record.aliases if a.kind is not nd.AliasKind.GARBLED]
    garbled = [a.text for a in record.aliases if a.kind is nd.AliasKind.GARBLED]
    fields: list[tuple[str, str | None]] = [
        ("Also written", unbroken(spellings)),
        # Kept so that text written that way is found, never shown as a way to write the name.
        ("Garbled as", unbroken(garbled)),
    ]
    if isinstance(record, nd.Person):
        kind = "person"
        for credit in ds.credits_of(record):
            if isinstance(credit, nd.CastCredit):
                role = (
                    "a role no source names"
                    if credit.character is None
                    else ds.characters[credit.character].name
                )
                fields.append(("Plays", role + (" (a lead)" if credit.lead else "")))
            else:
                fields.append(("Crew", credit.role.replace("-", " ")))
        works = [w.title + (f" ({w.year})" if w.year else "") for w in record.works]
        fields.append(("Known for", "; ".join(works)))
        count = len(ds.quotes_by(record))
        if count:
            fields.append(("Quotes", f"{count} ({PROG} quotes --speaker {record.id})"))
    else:
        kind = "character"
        for credit in ds.cast_of(record):
            person = ds.people[credit.person]
            fields.append(("Played by", named(person.name, person.hangul)))
        fields.append(("About", record.description))
    heading = f"{named(record.name, record.hangul)}: {kind} {record.id}"
    return [[(heading, HEADER)], *_fields(layout, fields)]


def source_table(sources: Sequence[nd.Source], layout: Layout) -> list[Line]:
    """The sources, one per row; on a terminal, the titles (then the URLs) are clipped to fit."""
    headers = ["Id", "Kind", "Outlet", "Published", "Lang", "Title"]
    with_urls = any(source.url for source in sources)
    if with_urls:
        headers.append("URL")
    rows = []
    for source in sources:
        row = [
            source.id,
            source.kind,
            source.outlet or "",
            str(source.published or ""),
            source.language + (" (MT)" if source.machine_translated else ""),
            source.title or "",
        ]
        if with_urls:
            row.append(source.url or "")
        rows.append(row)
    return table(headers, rows, fit=layout.width, shrink=(5, 6) if with_urls else (5,))


def dispute_block(dispute: nd.Dispute, layout: Layout) -> list[Line]:
    """A dispute: each reading with its sources, then the verdict."""
    lines: list[Line] = [
        [(line, HEADER)] for line in layout.wrap(f"{dispute.id}: {dispute.topic}", "")
    ]
    for reading in dispute.readings:
        mark = [(" (preferred)", GOOD)] if reading.id == dispute.preferred else []
        lines.append(["  ", reading.id, *mark])
        lines.extend(layout.wrap(reading.claim, "      "))
        lines.extend(layout.wrap("Sources: " + ", ".join(reading.sources), "      "))
    if dispute.preferred:
        verdict = f"Preferred: {dispute.preferred}. {dispute.reason or ''}".rstrip()
    else:
        verdict = "No reading preferred." + (f" {dispute.reason}" if dispute.reason else "")
    lines.extend(layout.wrap(verdict, "  "))
    return lines


def _ends(airing: nd.Airing, start: dt.datetime) -> str:
    if airing.end is None:
        return ""
    end = airing.end.astimezone(start.tzinfo) if start.tzinfo else airing.end
    return f"{end:%H:%M}" if end.date() == start.date() else when(end)


def schedule_table(pairs: Sequence[Pair], *, disputed: bool, layout: Layout) -> list[Line]:
    """The airings, one per row; with ``disputed``, a column saying which reading each is."""
    headers = ["Ep", "Platform", "Region", "Starts"]
    with_ends = any(airing.end for airing, _ in pairs)
    if with_ends:
        headers.append("Ends")
    if disputed:
        headers.append("Reading")
    rows = []
    for airing, start in pairs:
        row: list[Cell] = [str(airing.episode), airing.platform, airing.region, when(start)]
        if with_ends:
            row.append(_ends(airing, start))
        if disputed:
            row.append(("disputed", WARN) if airing.disputed else ("preferred", GOOD))
        rows.append(row)
    return table(headers, rows, right=[0], fit=layout.width, shrink=(1,))


def grid(pairs: Sequence[Pair], layout: Layout) -> list[Line]:
    """One row per episode, one column per platform and region: the overview's schedule."""
    columns: dict[tuple[str, str], None] = {}
    cells: dict[tuple[int, tuple[str, str]], str] = {}
    for airing, start in pairs:
        column = (airing.platform, airing.region)
        columns.setdefault(column)
        cells.setdefault((airing.episode, column), when(start))
    episodes = sorted({airing.episode for airing, _ in pairs})
    headers = ["Ep", *(f"{platform} ({region})" for platform, region in columns)]
    rows = [
        [str(episode), *(cells.get((episode, column), "") for column in columns)]
        for episode in episodes
    ]
    return table(headers, rows, right=[0], fit=layout.width)


def airing_sentence(airing: nd.Airing, start: dt.datetime, zone: str) -> str:
    """``Episode 3 on JTBC (KR): Sat 2021-07-03 10:00 EDT (America/New_York)``."""
    ends = _ends(airing, start)
    span = when(start) + (f" to {ends}" if ends else "")
    return f"Episode {airing.episode} on {airing.platform} ({airing.region}): {span} ({zone})"
