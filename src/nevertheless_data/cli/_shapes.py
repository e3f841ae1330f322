"""The JSON rows' shapes: one TypedDict per kind of record, documented in docs/cli.md.

The builders that fill them from the records are in :mod:`._rows`.
"""

from __future__ import annotations

from typing import Literal, TypedDict

__all__ = [
    "AiringRow",
    "CandidateRow",
    "CastRow",
    "CharacterRow",
    "CompanyRow",
    "CrewRow",
    "DisputeRow",
    "LocationRow",
    "OriginalWorkRow",
    "OverviewRow",
    "PersonRow",
    "ProblemRow",
    "QuoteRow",
    "ReadingRow",
    "ShowRow",
    "SoundtrackRow",
    "SourceRow",
    "TitleRow",
    "TrackRow",
    "WhoRow",
    "WorkRow",
]


class TitleRow(TypedDict):
    """An alternative title of the show."""

    text: str
    language: str


class CompanyRow(TypedDict):
    """A production company."""

    name: str
    hangul: str | None


class OriginalWorkRow(TypedDict):
    """The work the drama adapts."""

    title: str
    medium: str
    publisher: str
    author: str
    author_name: str | None
    serialized_from: str | None
    serialized_until: str | None
    chapters: int | None


class CrewRow(TypedDict):
    """A crew credit."""

    person: str
    name: str
    role: str


class TrackRow(TypedDict):
    """A song of the soundtrack."""

    title: str
    artist: str
    hangul: str | None


class SoundtrackRow(TypedDict):
    """The soundtrack album."""

    title: str | None
    released: str | None
    tracks: list[TrackRow]
    instrumentals: int | None


class LocationRow(TypedDict):
    """A filming location."""

    name: str
    hangul: str | None


class ShowRow(TypedDict):
    """The show: what ``show --json`` prints."""

    id: str
    title: str
    korean_title: str
    romanized_title: str | None
    literal_title: str | None
    japanese_title: str | None
    alternative_titles: list[TitleRow]
    network: str
    platforms: list[str]
    premiere: str
    finale: str
    episode_count: int
    runtime_minutes: int | None
    genre: str | None
    age_rating: str
    original_work: OriginalWorkRow
    production_companies: list[CompanyRow]
    crew: list[CrewRow]
    soundtrack: SoundtrackRow | None
    filming_locations: list[LocationRow]
    sources: list[str]


class CastRow(TypedDict):
    """A cast credit, in the data's order: an element of ``cast --json``."""

    person: str
    name: str
    hangul: str | None
    character: str | None
    character_name: str | None
    character_hangul: str | None
    lead: bool


class QuoteRow(TypedDict):
    """A quote, with the source that renders it: an element of ``quotes --json``."""

    id: str
    text: str
    speaker: str | None
    speaker_name: str | None
    character: str | None
    character_name: str | None
    kind: str
    occasion: str | None
    date: str | None
    source: str
    outlet: str | None
    source_title: str | None
    source_url: str | None
    utterance: str | None
    joking: bool
    note: str | None


class SourceRow(TypedDict):
    """A source: an element of ``sources --json``."""

    id: str
    kind: str
    url: str | None
    language: str
    outlet: str | None
    title: str | None
    author: str | None
    published: str | None
    machine_translated: bool
    credits: str | None
    note: str | None


class ReadingRow(TypedDict):
    """One reading of a dispute."""

    id: str
    claim: str
    sources: list[str]
    slot: str | None
    preferred: bool
    note: str | None


class DisputeRow(TypedDict):
    """A dispute and its readings: an element of ``disputes --json``."""

    id: str
    topic: str
    subjects: list[str]
    preferred: str | None
    reason: str | None
    readings: list[ReadingRow]


class AiringRow(TypedDict):
    """An airing, its times shown in ``zone``: an element of ``schedule --json``."""

    episode: int
    platform: str
    region: str
    slot: str
    disputed: bool
    start: str
    end: str | None
    zone: str
    utc: str


class ProblemRow(TypedDict):
    """A problem of a dataset: an element of ``validate --json``."""

    file: str
    path: str
    message: str


class WorkRow(TypedDict):
    """Another production a person is known for."""

    title: str
    year: int | None
    network: str | None


class PersonRow(TypedDict):
    """A person, with their credits: what ``who`` finds for a person's name."""

    kind: Literal["person"]
    id: str
    name: str
    hangul: str | None
    aliases: list[str]
    garbled: list[str]
    cast: list[CastRow]
    crew: list[CrewRow]
    works: list[WorkRow]
    quotes: int
    note: str | None


class CharacterRow(TypedDict):
    """A character, with who plays them: what ``who`` finds for a character's name."""

    kind: Literal["character"]
    id: str
    name: str
    hangul: str | None
    aliases: list[str]
    garbled: list[str]
    description: str | None
    played_by: list[CastRow]
    quotes: int
    note: str | None


class CandidateRow(TypedDict):
    """One of the records an ambiguous name may mean."""

    kind: Literal["person", "character"]
    id: str
    name: str


class WhoRow(TypedDict):
    """What ``who --json`` prints.

    ``matches`` holds the record the name means (none where it means no one or several);
    ``candidates`` the records an ambiguous name may mean; ``suggestions`` the closest names
    where it means no one, best first.
    """

    query: str
    matches: list[PersonRow | CharacterRow]
    candidates: list[CandidateRow]
    suggestions: list[str]


class OverviewRow(TypedDict):
    """What the bare command prints with ``--json``: the show, the cast, and the airings the
    dataset prefers, shown in ``zone``."""

    show: ShowRow
    cast: list[CastRow]
    zone: str
    schedule: list[AiringRow]
