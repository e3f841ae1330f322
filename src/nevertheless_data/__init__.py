"""nevertheless-data: the structured, sourced record of the 2021 Korean drama *Nevertheless*.

>>> import nevertheless_data as nd
>>> nd.load().show.title
'Nevertheless'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ._dataset import Dataset
from ._errors import (
    AmbiguousName,
    DataError,
    NameNotFound,
    NeverthelessDataError,
    Problem,
    RepeatedTime,
    SkippedTime,
    UnknownId,
    UnknownZone,
)
from ._loading import (
    FILES,
    MAX_FILE_BYTES,
    Limits,
    dump,
    file_texts,
    load,
    validate,
)
from ._models import (
    AgeRating,
    Alias,
    AliasKind,
    BroadcastSlot,
    CastCredit,
    Character,
    Company,
    CrewCredit,
    CrewRole,
    Disambiguate,
    Dispute,
    Episode,
    EpisodeTitle,
    Event,
    EventKind,
    Fact,
    Identifier,
    Location,
    OriginalWork,
    Person,
    Quote,
    QuoteKind,
    Rating,
    Reading,
    Record,
    Runtime,
    Show,
    SlotAlignment,
    SlotOffset,
    Soundtrack,
    Source,
    SourceKind,
    Stream,
    Title,
    TitleKind,
    Track,
    Weekday,
    WeeklyRecurrence,
    Work,
)
from ._registry import NamedRegistry, Registry

if TYPE_CHECKING:
    from ._hangul import romanize_name
    from ._name_index import NameMatch
    from ._name_keys import normalize_name
    from ._schedule import Airing, Schedule
    from ._schema import json_schema
    from ._table import table

    __version__: str

# Names, schedules and the JSON Schema load on first use: their modules cost more to import
# than loading the bundled dataset takes (docs/performance.md), and many programs need none.
_LAZY: Final = {
    "Airing": "._schedule",
    "NameMatch": "._name_index",
    "Schedule": "._schedule",
    "json_schema": "._schema",
    "table": "._table",
    "normalize_name": "._name_keys",
    "romanize_name": "._hangul",
}

__all__ = [
    "FILES",
    "MAX_FILE_BYTES",
    "AgeRating",
    "Airing",
    "Alias",
    "AliasKind",
    "AmbiguousName",
    "BroadcastSlot",
    "CastCredit",
    "Character",
    "Company",
    "CrewCredit",
    "CrewRole",
    "DataError",
    "Dataset",
    "Disambiguate",
    "Dispute",
    "Episode",
    "EpisodeTitle",
    "Event",
    "EventKind",
    "Fact",
    "Identifier",
    "Limits",
    "Location",
    "NameMatch",
    "NameNotFound",
    "NamedRegistry",
    "NeverthelessDataError",
    "OriginalWork",
    "Person",
    "Problem",
    "Quote",
    "QuoteKind",
    "Rating",
    "Reading",
    "Record",
    "Registry",
    "RepeatedTime",
    "Runtime",
    "Schedule",
    "Show",
    "SkippedTime",
    "SlotAlignment",
    "SlotOffset",
    "Soundtrack",
    "Source",
    "SourceKind",
    "Stream",
    "Title",
    "TitleKind",
    "Track",
    "UnknownId",
    "UnknownZone",
    "Weekday",
    "WeeklyRecurrence",
    "Work",
    "__version__",
    "dump",
    "file_texts",
    "json_schema",
    "load",
    "normalize_name",
    "romanize_name",
    "table",
    "validate",
]


def __getattr__(name: str) -> Any:
    # Reading package metadata costs an import of importlib.metadata: pay it only when asked.
    if name == "__version__":
        from importlib.metadata import version

        return version("nevertheless-data")
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
