"""One function per command that lists or finds (``export`` and ``completion`` are in
``_export``): read the arguments, ask the library, print text or JSON.

Each takes the parsed arguments and the :class:`~._output.Output` and returns the exit status
(:mod:`._status`); input it cannot use raises :class:`~._status.BadInput`, and the library's
own errors (an unknown zone, name or id) reach the entry point, which prints them in one line.
Only the library's public API is used, plus its one zone parser.
"""

from __future__ import annotations

import argparse
import os
import stat
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import nevertheless_data as nd

from . import _render as render
from . import _rows as rows
from ._output import PROG, Output
from ._shapes import OverviewRow, WhoRow
from ._status import FOUND, NOTHING, BadInput
from ._zones import ShownZone, after, shown_zone, when

__all__ = [
    "airings_in",
    "cast",
    "dataset",
    "disputes",
    "in_zone",
    "next_airing",
    "overview",
    "quotes",
    "schedule",
    "show",
    "sources",
    "validate",
    "who",
    "whole_schedule",
]

Pair = tuple[nd.Airing, Any]


def _listed(items: Sequence[str]) -> str:
    """``"A"``, ``"A and B"``, ``"A, B and C"``."""
    return " and ".join(filter(None, [", ".join(items[:-1]), *items[-1:]]))


def _found(count: int) -> int:
    return FOUND if count else NOTHING


# --- the dataset -------------------------------------------------------------------------------


def _readable_directory(path: str) -> None:
    """Refuse, in one line, a path that is not a directory this user can list."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise BadInput(f"no such directory: {path!r}") from None
    except (OSError, ValueError) as exc:
        raise BadInput(f"cannot read {path!r}: {getattr(exc, 'strerror', None) or exc}") from None
    if not stat.S_ISDIR(mode):
        raise BadInput(f"not a directory: {path!r}")
    try:
        with os.scandir(path) as entries:
            next(entries, None)
    except OSError as exc:
        raise BadInput(f"cannot read {path!r}: {exc.strerror or exc}") from None


def dataset(args: argparse.Namespace) -> nd.Dataset:
    """The dataset ``--data`` names (the bundled one without it); bad input if unreadable."""
    path: str | None = args.data
    if path is None:
        return nd.load()
    _readable_directory(path)
    try:
        return nd.load(path)
    except nd.DataError as exc:
        count = len(exc.problems)
        raise BadInput(
            f"{path!r} is not a valid dataset ({count} problem{'s' * (count != 1)}, first: "
            f"{exc.problems[0]}); '{PROG} validate {path}' lists them all"
        ) from None


# --- the schedule ------------------------------------------------------------------------------


def whole_schedule(ds: nd.Dataset) -> nd.Schedule:
    """Every airing of the dataset, disputed ones included."""
    try:
        return ds.schedule
    except OverflowError:
        raise BadInput(
            "the schedule cannot be computed: an airing falls outside the years 1 to 9999"
        ) from None


def _platforms(schedule: nd.Schedule) -> tuple[str, ...]:
    # Stand-in for Schedule.platforms (being merged from the schedule branch): replace the
    # call with schedule.platforms then, and delete this function.
    return tuple(sorted({airing.platform for airing in schedule.airings()}))


def _platform(schedule: nd.Schedule, text: str | None) -> str | None:
    """The platform ``--platform`` names (in any case); a typo is bad input, with suggestions."""
    if text is None:
        return None
    known = {platform.casefold(): platform for platform in _platforms(schedule)}
    if text.casefold() in known:
        return known[text.casefold()]
    import difflib

    close = difflib.get_close_matches(text.casefold(), list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(known[c]) for c in close)}?" if close else ""
    listed = ", ".join(known.values()) or "none"
    raise BadInput(f"unknown platform {text!r}{hint} (the schedule has {listed})")


def in_zone(schedule: nd.Schedule, zone: ShownZone) -> nd.Schedule:
    """``schedule`` converted to ``zone`` (unchanged for the machine's unnamed zone); a clock
    change a slot refuses to settle, or a date past year 9999 there, is bad input."""
    if zone.zone is None:
        return schedule
    try:
        return schedule.in_zone(zone.zone)
    except (nd.SkippedTime, nd.RepeatedTime) as exc:
        raise BadInput(f"cannot show the schedule in {zone.name}: {exc}") from None
    except OverflowError:
        raise BadInput(
            f"cannot show the schedule in {zone.name}: an airing falls outside the years 1 to "
            "9999 there"
        ) from None


def airings_in(schedule: nd.Schedule, zone: ShownZone | None, platform: str | None) -> list[Pair]:
    """The airings of ``platform`` with their starts in ``zone`` (``None``: each slot's)."""
    if zone is None:
        return [(airing, airing.start) for airing in schedule.airings(platform=platform)]
    converted = in_zone(schedule, zone).airings(platform=platform)
    return [(airing, zone.convert(airing.start)) for airing in converted]


# --- commands ----------------------------------------------------------------------------------


def overview(args: argparse.Namespace, out: Output) -> int:
    """The show, the cast and the schedule the dataset prefers, in the machine's zone."""
    ds = dataset(args)
    zone = shown_zone(args.tz)
    pairs = airings_in(whole_schedule(ds).preferred, zone, None)
    if args.json:
        overview_row: OverviewRow = {
            "show": rows.show_row(ds),
            "cast": [rows.cast_row(ds, credit) for credit in ds.cast],
            "zone": zone.name,
            "schedule": [rows.airing_row(a, start, zone.name) for a, start in pairs],
        }
        out.json(overview_row)
        return FOUND
    show = ds.show
    out.line(
        f"{show.title} ({show.korean_title}): {_listed(show.platforms)}, "
        f"{show.episode_count} episodes, {show.premiere} to {show.finale}"
    )
    out.lines(["", [("Cast", "1")], *render.cast_table(ds, out.layout)])
    out.lines(["", [(f"Broadcast schedule, times in {zone.name}", "1")]])
    out.lines(render.grid(pairs, out.layout) if pairs else ["No airings."])
    out.lines(["", f"More: {PROG} --help (show, who, quotes, schedule --tz ZONE, export ...)"])
    return FOUND


def show(args: argparse.Namespace, out: Output) -> int:
    """The show's titles, dates, network, original work, crew and companies."""
    ds = dataset(args)
    if args.json:
        out.json(rows.show_row(ds))
    else:
        out.lines(render.show_lines(ds, out.layout))
    return FOUND


def cast(args: argparse.Namespace, out: Output) -> int:
    """The cast, in the data's order."""
    ds = dataset(args)
    if args.json:
        out.json([rows.cast_row(ds, credit) for credit in ds.cast])
    elif ds.cast:
        out.lines(render.cast_table(ds, out.layout))
    else:
        out.note("no cast in this dataset")
    return _found(len(ds.cast))


def _record(ds: nd.Dataset, text: str) -> nd.Person | nd.Character:
    """The person or character with the id ``text``, else the one the name ``text`` means
    (:class:`~nevertheless_data.NameNotFound`, :class:`~nevertheless_data.AmbiguousName`)."""
    by_id: nd.Person | nd.Character | None = ds.people.get(text) or ds.characters.get(text)
    return by_id if by_id is not None else ds.lookup(text)


def who(args: argparse.Namespace, out: Output) -> int:
    """Who a name (or an id) means; an ambiguous name lists the records it may mean."""
    ds = dataset(args)
    row: WhoRow = {"query": args.name, "matches": [], "candidates": [], "suggestions": []}
    record: nd.Person | nd.Character | None = None
    message = ""
    try:
        record = _record(ds, args.name)
    except nd.AmbiguousName as exc:
        row["candidates"] = [
            {"kind": "person" if key in ds.people else "character", "id": key, "name": name}
            for key, name in exc.candidates
        ]
        message = str(exc)
    except nd.NameNotFound as exc:
        row["suggestions"] = list(exc.suggestions)
        message = str(exc)
    if args.json:
        if isinstance(record, nd.Person):
            row["matches"] = [rows.person_row(ds, record)]
        elif record is not None:
            row["matches"] = [rows.character_row(ds, record)]
        out.json(row)
    elif record is not None:
        out.lines(render.who_lines(ds, record, out.layout))
    else:
        out.note(message)
    return _found(record is not None)


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def _fold(text: str) -> str:
    """Text compared loosely: compatibility forms, case and typographic quotes folded."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)


def _suggest(text: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(text, list(known), n=3)
    return f"; did you mean {' or '.join(map(repr, close))}?" if close else ""


def quotes(args: argparse.Namespace, out: Output) -> int:
    """The quotes, by speaker (a person, or a character for words said in the role), source
    and text."""
    ds = dataset(args)
    chosen: Sequence[nd.Quote] = tuple(ds.quotes.values())
    if args.source is not None:
        if args.source not in ds.sources:
            hint = _suggest(args.source, ds.sources)
            raise BadInput(f"unknown source {args.source!r}{hint} (see '{PROG} sources')")
        chosen = [q for q in chosen if q.source == args.source]
    if args.speaker is not None:
        speaker = _record(ds, args.speaker)
        if isinstance(speaker, nd.Character):
            chosen = [q for q in chosen if q.character == speaker.id]
        else:
            chosen = [q for q in chosen if q.speaker == speaker.id]
    if args.search is not None:
        needle = _fold(args.search)
        chosen = [q for q in chosen if needle in _fold(q.text)]
    if args.json:
        out.json([rows.quote_row(ds, quote) for quote in chosen])
    elif not out.blocks(render.quote_block(ds, quote, out.layout) for quote in chosen):
        out.note("no quote matches")
    return _found(len(chosen))


def schedule(args: argparse.Namespace, out: Output) -> int:
    """Every airing the dataset prefers (``--all``: every one), in a zone, of a platform."""
    ds = dataset(args)
    zone = shown_zone(args.tz)
    whole = whole_schedule(ds)
    platform = _platform(whole, args.platform)
    pairs = airings_in(whole if args.all else whole.preferred, zone, platform)
    if args.json:
        out.json([rows.airing_row(airing, start, zone.name) for airing, start in pairs])
        return _found(len(pairs))
    out.line(f"Times in {zone.name}.")
    if pairs:
        out.lines(render.schedule_table(pairs, disputed=args.all, layout=out.layout))
    else:
        out.note("no airings")
    hidden = 0 if args.all else len(whole.airings(platform=platform)) - len(pairs)
    if hidden:
        out.line(f"{hidden} airings of disputed readings not shown: add --all to see them.")
    return _found(len(pairs))


def next_airing(args: argparse.Namespace, out: Output) -> int:
    """The first airing the dataset prefers strictly after now, or after ``--after``."""
    ds = dataset(args)
    zone = shown_zone(args.tz)
    moment, instant = after(args.after, zone)
    whole = whole_schedule(ds)
    platform = _platform(whole, args.platform)
    pairs = airings_in(whole.preferred, zone, platform)
    found = next(((a, start) for a, start in pairs if a.instant > instant), None)
    if args.json:
        out.json(None if found is None else rows.airing_row(*found, zone.name))
    elif found is not None:
        out.line(render.airing_sentence(*found, zone.name))
    else:
        message = f"no airing after {when(zone.convert(moment))}"
        if pairs:
            last, start = pairs[-1]
            message += (
                f"; the last was episode {last.episode} on {last.platform} ({last.region}), "
                f"{when(start)}"
            )
        out.note(message)
    return _found(found is not None)


def sources(args: argparse.Namespace, out: Output) -> int:
    """Every source the records cite."""
    ds = dataset(args)
    listed = tuple(ds.sources.values())
    if args.json:
        out.json([rows.source_row(source) for source in listed])
    elif listed:
        out.lines(render.source_table(listed, out.layout))
    else:
        out.note("no sources in this dataset")
    return _found(len(listed))


def disputes(args: argparse.Namespace, out: Output) -> int:
    """Every dispute, its readings, and the one the dataset prefers."""
    ds = dataset(args)
    listed = tuple(ds.disputes.values())
    if args.json:
        out.json([rows.dispute_row(dispute) for dispute in listed])
    elif not out.blocks(render.dispute_block(dispute, out.layout) for dispute in listed):
        out.note("no disputes in this dataset")
    return _found(len(listed))


def validate(args: argparse.Namespace, out: Output) -> int:
    """Every problem of a dataset directory."""
    directory: str = args.directory
    _readable_directory(directory)
    problems = nd.validate(directory)
    if args.json:
        out.json([rows.problem_row(problem) for problem in problems])
    elif problems:
        out.lines(str(problem) for problem in problems)
        count = len(problems)
        out.line(f"{count} problem{'s' * (count != 1)} in {directory}")
    else:
        out.line(f"{directory}: a valid dataset")
    return NOTHING if problems else FOUND
