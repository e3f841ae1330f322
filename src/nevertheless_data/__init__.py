"""nevertheless-data: the structured, sourced record of the 2021 Korean drama *Nevertheless*.

>>> import nevertheless_data as nd
>>> nd.load().show.title
'Nevertheless'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._dataset import Dataset
from ._errors import (
    DataError,
    NameNotFound,
    NeverthelessDataError,
    Problem,
    RepeatedTime,
    SkippedTime,
)
from ._hangul import compose_syllable, decompose_syllable, romanize_name
from ._loading import (
    FILES,
    MAX_FILE_BYTES,
    dump,
    dumps,
    load,
    load_cast,
    load_quotes,
    load_show,
    load_slots,
    validate,
)
from ._models import (
    Alias,
    BroadcastSlot,
    CastCredit,
    Character,
    Company,
    CrewCredit,
    CrewRole,
    Disambiguate,
    Dispute,
    Episode,
    Event,
    EventKind,
    Fact,
    OriginalWork,
    Person,
    Quote,
    QuoteKind,
    Rating,
    Reading,
    Show,
    SlotAlignment,
    SlotOffset,
    Source,
    SourceKind,
    Stream,
    Title,
    TitleKind,
    Weekday,
    WeeklyRecurrence,
    Work,
)
from ._names import NameMatch, normalize_name
from ._registry import NamedRegistry, Registry
from ._schedule import Airing, Schedule

if TYPE_CHECKING:
    __version__: str

__all__ = [
    "FILES",
    "MAX_FILE_BYTES",
    "Airing",
    "Alias",
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
    "Event",
    "EventKind",
    "Fact",
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
    "Registry",
    "RepeatedTime",
    "Schedule",
    "Show",
    "SkippedTime",
    "SlotAlignment",
    "SlotOffset",
    "Source",
    "SourceKind",
    "Stream",
    "Title",
    "TitleKind",
    "Weekday",
    "WeeklyRecurrence",
    "Work",
    "__version__",
    "compose_syllable",
    "decompose_syllable",
    "dump",
    "dumps",
    "load",
    "load_cast",
    "load_quotes",
    "load_show",
    "load_slots",
    "normalize_name",
    "romanize_name",
    "validate",
]


def __getattr__(name: str) -> str:
    # Reading package metadata costs an import of importlib.metadata: pay it only when asked.
    if name == "__version__":
        from importlib.metadata import version

        return version("nevertheless-data")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
