"""The library's exception types."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

__all__ = ["DataError", "NameNotFound", "NeverthelessDataError", "Problem"]


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
