"""The library's exception types."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from attrs import frozen

__all__ = [
    "AmbiguousName",
    "DataError",
    "NameNotFound",
    "NeverthelessDataError",
    "Problem",
    "RepeatedTime",
    "SkippedTime",
    "UnknownId",
    "UnknownZone",
]


class NeverthelessDataError(Exception):
    """Base class of every exception this library raises on purpose."""


@frozen
class Problem:
    """One thing wrong with a dataset: which file, where in it, and what.

    ``path`` is a field path in the file's records, such as ``quotes[12].speaker``; it is
    empty where the problem concerns the whole file.
    """

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


class ProblemLog:
    """The problems found while loading one dataset, up to a limit (internal).

    A file of a million bad records must not cost a million problems' time and memory: past
    ``limit`` problems, each file only counts how many more it has, and the checks that can
    stop early do.
    """

    __slots__ = ("_more", "limit", "problems")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.problems: list[Problem] = []
        self._more: dict[str, int] = {}

    def add(self, file: str, path: str, message: str) -> bool:
        """Log a problem; ``False`` once the log is full (the problem is only counted)."""
        if len(self.problems) < self.limit:
            self.problems.append(Problem(file, path, message))
            return True
        self.count_more(1, file)
        return False

    def count_more(self, count: int, file: str | None = None) -> None:
        """Count problems past the limit, in ``file`` (by default the last file logged)."""
        if file is None:
            file = self.problems[-1].file if self.problems else ""
        self._more[file] = self._more.get(file, 0) + count

    @property
    def full(self) -> bool:
        """Whether the limit is reached."""
        return len(self.problems) >= self.limit

    def __bool__(self) -> bool:
        return bool(self.problems)

    def result(self) -> tuple[Problem, ...]:
        """The problems logged, then one per file that had more than could be listed."""
        summary = (
            Problem(
                file,
                "",
                f"and at least {count} more problems here, not listed "
                f"(a dataset's first {self.limit} problems are)",
            )
            for file, count in self._more.items()
        )
        return (*self.problems, *summary)


class DataError(NeverthelessDataError, ValueError):
    """A dataset could not be loaded: it carries every :class:`Problem` found, not only the first.

    The message lists them one per line, each naming the file, the field path and the reason.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("a DataError needs at least one problem")
        super().__init__(self._format())

    def _format(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems in the dataset:"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)

    def __reduce__(self) -> tuple[type[DataError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class NameNotFound(NeverthelessDataError, LookupError):
    """No record answers to a name unambiguously.

    ``suggestions`` holds the closest candidates' display names, best first (possibly none).
    """

    query: str
    suggestions: tuple[str, ...]

    def __init__(self, query: str, suggestions: Iterable[str] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        message = f"no one is called {query!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[type[NameNotFound], tuple[str, tuple[str, ...]]]:
        return (type(self), (self.query, self.suggestions))


# A message names this many candidates at most ("Kim" may be thousands of people); the
# exception's ``candidates`` holds them all.
_LISTED = 10


class AmbiguousName(NeverthelessDataError, LookupError):
    """A name that several records answer to equally well ("Kim" is four people).

    ``candidates`` holds ``(id, display name)`` of each record the name may mean, in data order.
    """

    query: str
    candidates: tuple[tuple[str, str], ...]

    def __init__(self, query: str, candidates: Iterable[tuple[str, str]]) -> None:
        self.query = query
        self.candidates = tuple(candidates)
        shown = self.candidates[:_LISTED]
        listed = ", ".join(f"{name} ({record_id})" for record_id, name in shown)
        if len(self.candidates) > len(shown):
            listed += f" and {len(self.candidates) - len(shown)} more"
        super().__init__(f"{query!r} may mean {len(self.candidates)} records: {listed}")

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(
        self,
    ) -> tuple[type[AmbiguousName], tuple[str, tuple[tuple[str, str], ...]]]:
        return (type(self), (self.query, self.candidates))


class UnknownId(NeverthelessDataError, KeyError):
    """An id (or an episode number) that no record of the expected kind has.

    ``key`` is what was asked for; the message says what kind of record was expected and, where
    the text is another record's id or resolves as a name, which record it means.
    """

    key: object

    def __init__(self, key: object, message: str) -> None:
        self.key = key
        super().__init__(message)

    def __str__(self) -> str:
        # KeyError's own str() is the repr of its argument: a quoted message.
        return str(self.args[0])

    def __reduce__(self) -> tuple[type[UnknownId], tuple[object, str]]:
        return (type(self), (self.key, str(self.args[0])))


class UnknownZone(NeverthelessDataError, ValueError):
    """A time zone key that is not an IANA zone this library accepts.

    ``key`` is the text given; ``suggestion`` a zone it may have meant, or ``None``.
    """

    key: str
    suggestion: str | None

    def __init__(self, key: str, suggestion: str | None = None) -> None:
        self.key = key
        self.suggestion = suggestion
        hint = (
            f"; did you mean {suggestion!r}?"
            if suggestion
            else " (use an IANA name such as 'Asia/Seoul')"
        )
        super().__init__(f"unknown time zone {key!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[type[UnknownZone], tuple[str, str | None]]:
        return (type(self), (self.key, self.suggestion))


def _wall_clock(local: dt.datetime) -> str:
    return local.isoformat(sep=" ", timespec="seconds" if local.second else "minutes")


def _utc_offset(offset: dt.timedelta) -> str:
    sign = "-" if offset < dt.timedelta(0) else "+"
    seconds = abs(int(offset.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"UTC{sign}{hours:02d}:{minutes:02d}"
    return f"{text}:{seconds:02d}" if seconds else text


def _duration(length: dt.timedelta) -> str:
    hours, rest = divmod(int(length.total_seconds()), 3600)
    minutes, seconds = divmod(rest, 60)
    units = ((hours, "hour"), (minutes, "minute"), (seconds, "second"))
    return " ".join(f"{count} {unit}{'s' * (count != 1)}" for count, unit in units if count)


class SkippedTime(NeverthelessDataError, ValueError):
    """A wall-clock time its zone skips (clocks jump over it), met under ``"raise"``.

    ``zone`` is the IANA key, ``local`` the naive wall-clock time, ``gap`` how far the clocks
    jump forward.
    """

    zone: str
    local: dt.datetime
    gap: dt.timedelta

    def __init__(self, zone: str, local: dt.datetime, gap: dt.timedelta) -> None:
        self.zone, self.local, self.gap = zone, local, gap
        super().__init__(
            f"{_wall_clock(local)} is skipped in {zone}: "
            f"the clocks jump forward {_duration(gap)} over it"
        )

    def __reduce__(self) -> tuple[type[SkippedTime], tuple[str, dt.datetime, dt.timedelta]]:
        return (type(self), (self.zone, self.local, self.gap))


class RepeatedTime(NeverthelessDataError, ValueError):
    """A wall-clock time that happens twice in its zone (clocks fall back), met under ``"raise"``.

    ``zone`` is the IANA key, ``local`` the naive wall-clock time; ``first_offset`` and
    ``second_offset`` are the UTC offsets of its two occurrences.
    """

    zone: str
    local: dt.datetime
    first_offset: dt.timedelta
    second_offset: dt.timedelta

    def __init__(
        self,
        zone: str,
        local: dt.datetime,
        first_offset: dt.timedelta,
        second_offset: dt.timedelta,
    ) -> None:
        self.zone, self.local = zone, local
        self.first_offset, self.second_offset = first_offset, second_offset
        super().__init__(
            f"{_wall_clock(local)} happens twice in {zone}: first at "
            f"{_utc_offset(first_offset)}, then at {_utc_offset(second_offset)}"
        )

    def __reduce__(
        self,
    ) -> tuple[type[RepeatedTime], tuple[str, dt.datetime, dt.timedelta, dt.timedelta]]:
        return (type(self), (self.zone, self.local, self.first_offset, self.second_offset))
