"""The ``nevertheless-data`` command: the dataset from a terminal.

Run it bare for an overview (the show, its cast and the broadcast schedule in your time zone),
or with a subcommand; ``nevertheless-data --help`` lists them. Every listing command prints an
aligned table by default and JSON with ``--json``; the JSON shapes are documented in the CLI
guide and do not change without a changelog entry.

Exit status: 0 on success; 1 when the answer is "no" (``who`` finds no one, ``next`` finds no
later airing, ``validate`` finds problems); 2 on bad input (an unknown zone, platform, speaker or
source, an unreadable directory, a usage error), reported in one line on stderr.

The command only uses the library's public API, like any other client of it; the JSON rows it
prints are built in ``_cli_rows`` and its terminal layout is in ``_cli_text``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import io
import json
import os
import sys
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

import nevertheless_data as nd

from ._cli_rows import (
    Row,
    airing_row,
    cast_rows,
    dispute_row,
    problem_row,
    quote_row,
    resolve_name,
    show_row,
    source_row,
    who_row,
)
from ._cli_text import (
    cell,
    clip,
    display_width,
    fold,
    named,
    ordinal,
    printable,
    table,
    text_width,
    unbroken,
    wrap,
    wrap_field,
)

# pathlib costs more to import than some commands take to run: only the commands given a
# directory import it.
if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["main"]

PROG = "nevertheless-data"

EXIT_OK = 0
EXIT_NO = 1
EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """Input the command cannot act on; the message is the one line the user sees."""


# --- output ------------------------------------------------------------------------------------


class _Output:
    """Where a command writes: stdout for results, stderr for diagnostics."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out = out
        self.err = err

    def lines(self, lines: Iterable[str]) -> None:
        for line in lines:
            # Text from a dataset of one's own must not drive the terminal (escape sequences).
            print(printable(line), file=self.out)

    def blocks(self, blocks: Iterable[list[str]], *, empty: str) -> None:
        """Blocks of lines separated by a blank line; ``empty`` alone when there are none."""
        printed = False
        for block in blocks:
            self.lines([""] * printed + block)
            printed = True
        if not printed:
            self.lines([empty])

    def json(self, value: object) -> None:
        print(json.dumps(value, ensure_ascii=False, indent=2), file=self.out)

    def bytes(self, data: bytes) -> None:
        # Written as bytes where the stream allows: CSV and iCalendar line ends stay exact.
        self.out.flush()
        buffer = getattr(self.out, "buffer", None)
        if buffer is None:
            self.out.write(data.decode())
        else:
            buffer.write(data)
            buffer.flush()

    def note(self, message: str) -> None:
        print(f"{PROG}: {message}", file=self.err)

    def error(self, message: str) -> None:
        print(f"{PROG}: error: {message}", file=self.err)


# --- time zones --------------------------------------------------------------------------------


def _zone_or_none(key: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone_from_key(key: str) -> zoneinfo.ZoneInfo:
    """The IANA zone named ``key``; :class:`BadInput` naming it (and a near miss) otherwise."""
    zone = _zone_or_none(key)
    if zone is not None:
        return zone
    # Only the failure path pays for the list of every zone (tens of milliseconds).
    by_folded = {name.casefold(): name for name in zoneinfo.available_timezones()}
    hint = by_folded.get(key.strip().replace(" ", "_").casefold())
    suffix = f"; did you mean {hint!r}?" if hint else " (use an IANA name such as 'Asia/Seoul')"
    raise BadInput(f"unknown time zone {key!r}{suffix}")


class Zone:
    """The zone times are shown in: an IANA zone, or the machine's own rules when unnamed."""

    def __init__(self, zone: zoneinfo.ZoneInfo | None) -> None:
        self.zone = zone

    @property
    def name(self) -> str:
        """The IANA key, or ``"local time"`` for the machine's unnamed zone."""
        return "local time" if self.zone is None else str(self.zone.key)

    def convert(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` in this zone (the machine's rules apply per instant, DST included)."""
        return moment.astimezone(self.zone)


def local_zone() -> Zone:
    """The machine's zone, by IANA name where it has one.

    ``TZ`` wins when it names an IANA zone; otherwise ``/etc/localtime`` or ``/etc/timezone``
    name it on most Unix systems. Where neither does (Windows, a POSIX ``TZ`` rule), times
    are converted with the operating system's rules, which still know the DST of each date.
    """
    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    with contextlib.suppress(OSError):
        target = os.readlink("/etc/localtime")
        candidates.append(target.rpartition("zoneinfo/")[2] if "zoneinfo/" in target else "")
    with contextlib.suppress(OSError, UnicodeDecodeError), open("/etc/timezone", "rb") as file:
        candidates.append(file.read().decode("utf-8").strip())
    zones = [_zone_or_none(key) if key else None for key in candidates]
    if candidates[0] and zones[0] is None:
        return Zone(None)  # A POSIX TZ rule: the C library applies it, and no file knows it.
    return Zone(next((zone for zone in zones if zone is not None), None))


def _zone_arg(key: str | None) -> Zone:
    return local_zone() if key is None else Zone(zone_from_key(key))


# --- commands ----------------------------------------------------------------------------------


def _crew_label(role: nd.CrewRole) -> str:
    return {
        nd.CrewRole.DIRECTOR: "Directed by",
        nd.CrewRole.SCREENWRITER: "Written by",
        nd.CrewRole.ORIGINAL_AUTHOR: "Original work by",
    }[role]


def _show_lines(ds: nd.Dataset) -> list[str]:
    row = show_row(ds)
    korean = row["korean_title"]
    extras = [t for t in (row["romanized_title"],) if t]
    if row["literal_title"]:
        extras.append(f'literally "{row["literal_title"]}"')
    fields: list[tuple[str, str | None]] = [
        ("Korean", f"{korean} ({', '.join(extras)})" if extras else korean),
        ("Japanese", row["japanese_title"]),
        ("Also written", " · ".join(t["text"] for t in row["alternative_titles"]) or None),
        ("Network", row["network"]),
        ("Platforms", ", ".join(row["platforms"])),
        (
            "Aired",
            f"{row['premiere']} to {row['finale']}, {row['episode_count']} episodes",
        ),
        ("Genre", row["genre"]),
        ("Rating", row["age_rating"]),
        ("Based on", _original_work_text(row["original_work"])),
    ]
    for role in nd.CrewRole:
        names = [c["name"] for c in row["crew"] if c["role"] == role.value]
        if role is not nd.CrewRole.ORIGINAL_AUTHOR and names:
            fields.append((_crew_label(role), ", ".join(names)))
    companies = [
        f"{c['name']} ({c['hangul']})" if c["hangul"] else c["name"]
        for c in row["production_companies"]
    ]
    fields.append(("Produced by", ", ".join(companies) or None))
    label_width = max(display_width(label) for label, _ in fields)
    lines = [row["title"]]
    for label, value in fields:
        if value:
            lines.append(f"  {label.ljust(label_width)}  {value}")
    return lines


def _original_work_text(work: Row) -> str:
    text = f"{work['title']} ({work['medium']}, {work['publisher']})"
    if work["author_name"]:
        text += f" by {work['author_name']}"
    if work["serialized_from"] and work["serialized_until"]:
        text += f", serialized {work['serialized_from']} to {work['serialized_until']}"
    return text


def _cast_lines(ds: nd.Dataset) -> list[str]:
    rows = cast_rows(ds)
    if not rows:
        return ["No cast in this dataset."]
    return table(
        ["#", "Actor", "Hangul", "Character", "Hangul", "Lead"],
        (
            [
                str(r["billing"]),
                r["name"],
                cell(r["hangul"]),
                cell(r["character_name"]) or "(role not named)",
                cell(r["character_hangul"]),
                "yes" if r["lead"] else "",
            ]
            for r in rows
        ),
        right=[0],
    )


def _cmd_show(ds: nd.Dataset, args: argparse.Namespace, io_: _Output) -> int:
    if args.json:
        io_.json(show_row(ds))
    else:
        io_.lines(_show_lines(ds))
    return EXIT_OK


def _cmd_cast(ds: nd.Dataset, args: argparse.Namespace, io_: _Output) -> int:
    if args.json:
        io_.json(cast_rows(ds))
    else:
        io_.lines(_cast_lines(ds))
    return EXIT_OK


def _quote_heading(row: Row) -> str:
    who = row["speaker_name"] or "(speaker not clear)"
    if row["character_name"]:
        who += f" as {row['character_name']}"
    parts = [who]
    if row["date"]:
        parts.append(row["date"])
    parts.append(row["outlet"] or row["source"])
    return " · ".join(parts) + f"  [{row['id']}]"


def _cmd_quotes(ds: nd.Dataset, args: argparse.Namespace, io_: _Output) -> int:
    quotes: Iterable[nd.Quote] = ds.quotes.values()
    if args.source is not None:
        if args.source not in ds.sources:
            raise BadInput(f"unknown source {args.source!r} (see '{PROG} sources')")
        quotes = [q for q in quotes if q.source == args.source]
    if args.speaker is not None:
        speaker = _resolve_speaker(ds, args.speaker)
        quotes = [q for q in quotes if _said_by(q, speaker)]
    if args.search is not None:
        needle = fold(args.search)
        quotes = [q for q in quotes if needle in fold(q.text)]
    rows = [quote_row(ds, q) for q in quotes]
    if args.json:
        io_.json(rows)
        return EXIT_OK
    io_.blocks(
        ([_quote_heading(row), *wrap(row["text"], "    ")] for row in rows),
        empty="No quote matches.",
    )
    return EXIT_OK


def _said_by(quote: nd.Quote, record: nd.Person | nd.Character) -> bool:
    if isinstance(record, nd.Character):
        return quote.character == record.id
    return quote.speaker == record.id


def _resolve_speaker(ds: nd.Dataset, name: str) -> nd.Person | nd.Character:
    by_id: nd.Person | nd.Character | None = ds.people.get(name) or ds.characters.get(name)
    if by_id is not None:
        return by_id
    matches, suggestions = resolve_name(ds, name)
    if not matches:
        raise BadInput(_not_found_message(name, suggestions))
    # A name that is both a person's and a character's means the person here: people speak.
    return next((m for m in matches if isinstance(m, nd.Person)), matches[0])


def _not_found_message(name: str, suggestions: Sequence[str]) -> str:
    message = f"no one is called {name!r}"
    if suggestions:
        message += "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
    return message


def _match_lines(match: Row) -> list[str]:
    fields: list[tuple[str, str]] = []
    if match["aliases"]:
        fields.append(("Also written", unbroken(match["aliases"])))
    if match["kind"] == "person":
        for credit in match["credits"]:
            if credit["role"] == "actor":
                role = cell(credit["character_name"]) or "a role no source names"
                lead = ", a lead" if credit["lead"] else ""
                billed = ordinal(credit["billing"]) if credit["billing"] else "?"
                fields.append(("Plays", f"{role} (billed {billed}{lead})"))
            else:
                fields.append(("Crew", credit["role"].replace("-", " ")))
        works = [w["title"] + (f" ({w['year']})" if w["year"] else "") for w in match["works"]]
        if works:
            fields.append(("Known for", "; ".join(works)))
        if match["quotes"]:
            fields.append(("Quotes", f"{match['quotes']} ({PROG} quotes --speaker {match['id']})"))
    else:
        for actor in match["played_by"]:
            fields.append(("Played by", named(actor["name"], actor["hangul"])))
        if match["description"]:
            fields.append(("About", match["description"]))
    width = max((display_width(label) for label, _ in fields), default=0)
    lines = [f"{named(match['name'], match['hangul'])}: {match['kind']} {match['id']}"]
    for label, value in fields:
        lines.extend(wrap_field(label, value, width))
    return lines


def _cmd_who(ds: nd.Dataset, args: argparse.Namespace, io_: _Output) -> int:
    row = who_row(ds, args.name)
    if args.json:
        io_.json(row)
    elif row["matches"]:
        io_.blocks(map(_match_lines, row["matches"]), empty="")
    else:
        io_.note(_not_found_message(args.name, row["suggestions"]))
    return EXIT_OK if row["matches"] else EXIT_NO


def _cmd_sources(ds: nd.Dataset, args: argparse.Namespace, io_: _Output) -> int:
    rows = [source_row(s) for s in ds.sources.values()]
    if args.json:
        io_.json(rows)
        return EXIT_OK
    headers = ["Id", "Kind", "Outlet", "Published", "Lang"]
    cells = [
        [
            r["id"],
            r["kind"],
            cell(r["outlet"]),
            cell(r["published"]),
            r["language"] + (" (MT)" if r["machine_translated"] else ""),
        ]
        for r in rows
    ]
    # The title takes what the terminal has left, and is clipped to it.
    used = sum(2 + max(map(display_width, column)) for column in zip(headers, *cells, strict=True))
    title_width = max(24, text_width() - used)
    for row, line in zip(rows, cells, strict=True):
        line.append(clip(cell(row["title"]), title_width))
    io_.lines(table([*headers, "Title"], cells))
    return EXIT_OK


def _dispute_lines(row: Row) -> list[str]:
    lines = [f"{row['id']}: {row['topic']}"]
    for reading in row["readings"]:
        mark = " (preferred)" if reading["preferred"] else ""
        lines.append(f"  {reading['id']}{mark}")
        lines.extend(wrap(reading["claim"], "      "))
        lines.extend(wrap("Sources: " + ", ".join(reading["sources"]), "      "))
    if row["preferred"]:
        verdict = f"Preferred: {row['preferred']}. {row['reason']}"
    else:
        verdict = "No reading preferred." + (f" {row['reason']}" if row["reason"] else "")
    lines.extend(wrap(verdict, "  "))
    return lines


def _cmd_disputes(ds: nd.Dataset, args: argparse.Namespace, io_: _Output) -> int:
    rows = [dispute_row(d) for d in ds.disputes.values()]
    if args.json:
        io_.json(rows)
        return EXIT_OK
    io_.blocks(map(_dispute_lines, rows), empty="No disputes in this dataset.")
    return EXIT_OK


def _platform(schedule: nd.Schedule, platform: str | None) -> str | None:
    if platform is not None:
        try:
            schedule.airings(platform=platform)
        except ValueError as exc:
            raise BadInput(str(exc)) from None
    return platform


def _airings(
    ds: nd.Dataset, zone: Zone | None, platform: str | None, disputed: bool
) -> list[tuple[nd.Airing, dt.datetime]]:
    """The airings with their starts in ``zone`` (``None``: each in its slot's own zone)."""
    schedule = ds.schedule
    _platform(schedule, platform)
    if not disputed:
        schedule = schedule.preferred
    if zone is not None and zone.zone is not None:
        schedule = schedule.in_zone(zone.zone)
    airings = schedule.airings() if platform is None else _filtered(schedule, platform)
    if zone is None:
        return [(a, a.start) for a in airings]
    return [(a, zone.convert(a.start)) for a in airings]


def _filtered(schedule: nd.Schedule, platform: str) -> tuple[nd.Airing, ...]:
    # The platform is known to the whole schedule; the preferred part may lack it.
    try:
        return schedule.airings(platform=platform)
    except ValueError:
        return ()


def _when(start: dt.datetime) -> str:
    return f"{start:%a %Y-%m-%d %H:%M} {start.tzname()}"


def _schedule_lines(pairs: Sequence[tuple[nd.Airing, dt.datetime]], *, disputed: bool) -> list[str]:
    headers = ["Ep", "Platform", "Region", "Starts"]
    if disputed:
        headers.append("Reading")
    rows = []
    for airing, start in pairs:
        row = [str(airing.episode), airing.platform, airing.region, _when(start)]
        if disputed:
            row.append("disputed" if airing.disputed else "preferred")
        rows.append(row)
    return table(headers, rows, right=[0])


def _grid_lines(pairs: Sequence[tuple[nd.Airing, dt.datetime]]) -> list[str]:
    """One row per episode, one column per platform and region: the overview's schedule."""
    columns: dict[tuple[str, str], None] = {}
    cells: dict[tuple[int, tuple[str, str]], str] = {}
    for airing, start in pairs:
        column = (airing.platform, airing.region)
        columns.setdefault(column)
        cells.setdefault((airing.episode, column), _when(start))
    episodes = sorted({airing.episode for airing, _ in pairs})
    headers = ["Ep", *(f"{platform} ({region})" for platform, region in columns)]
    rows = [
        [str(episode), *(cells.get((episode, column), "") for column in columns)]
        for episode in episodes
    ]
    return table(headers, rows, right=[0])


def _cmd_schedule(ds: nd.Dataset, args: argparse.Namespace, io_: _Output) -> int:
    zone = _zone_arg(args.tz)
    pairs = _airings(ds, zone, args.platform, args.all)
    if args.json:
        io_.json([airing_row(airing, start, zone.name) for airing, start in pairs])
        return EXIT_OK
    io_.lines([f"Times in {zone.name}."])
    io_.lines(_schedule_lines(pairs, disputed=args.all) if pairs else ["No airings."])
    if not args.all:
        hidden = len(_airings(ds, None, args.platform, True)) - len(pairs)
        if hidden:
            io_.lines([f"{hidden} airings of disputed readings not shown: add --all to see them."])
    return EXIT_OK


def _after(text: str | None, zone: Zone) -> dt.datetime:
    if text is None:
        return dt.datetime.now(dt.UTC)
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(
            f"--after {text!r} is not an ISO 8601 date or date-time, such as 2021-07-01T12:00"
        ) from None
    if moment.utcoffset() is None:
        moment = moment.astimezone() if zone.zone is None else moment.replace(tzinfo=zone.zone)
    return moment


def _cmd_next(ds: nd.Dataset, args: argparse.Namespace, io_: _Output) -> int:
    zone = _zone_arg(args.tz)
    after = _after(args.after, zone)
    schedule = ds.schedule.preferred
    platform = _platform(ds.schedule, args.platform)
    try:
        airing = schedule.next_airing(after, platform=platform)
    except ValueError:  # The platform has only disputed airings.
        airing = None
    row = None if airing is None else airing_row(airing, zone.convert(airing.start), zone.name)
    if args.json:
        io_.json(row)
    elif airing is None:
        last = schedule.airings()[-1:] if platform is None else _filtered(schedule, platform)[-1:]
        message = f"No airing after {_when(zone.convert(after))}"
        if last:
            final = last[-1]
            message += (
                f"; the last was episode {final.episode} on {final.platform} "
                f"({final.region}), {_when(zone.convert(final.start))}"
            )
        io_.lines([message + "."])
    else:
        io_.lines(
            [
                f"Episode {airing.episode} on {airing.platform} ({airing.region}): "
                f"{_when(zone.convert(airing.start))} ({zone.name})"
            ]
        )
    return EXIT_OK if airing is not None else EXIT_NO


_CSV_TABLES: dict[str, Callable[[nd.Dataset, argparse.Namespace], list[Row]]] = {
    "cast": lambda ds, _: cast_rows(ds),
    "quotes": lambda ds, _: [quote_row(ds, q) for q in ds.quotes.values()],
    "schedule": lambda ds, args: _export_airings(ds, args),
    "sources": lambda ds, _: [source_row(s) for s in ds.sources.values()],
}


def _export_airings(ds: nd.Dataset, args: argparse.Namespace) -> list[Row]:
    zone = None if args.tz is None else Zone(zone_from_key(args.tz))
    pairs = _airings(ds, zone, None, args.all)
    return [airing_row(a, start, zone.name if zone else str(a.start.tzinfo)) for a, start in pairs]


def _csv_text(rows: Sequence[Row]) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _csv_value(value) for key, value in row.items()})
    return buffer.getvalue()


def _csv_value(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _export_bytes(ds: nd.Dataset, args: argparse.Namespace) -> bytes:
    if args.format != "csv" and args.table is not None:
        raise BadInput("--table applies to --format csv only")
    if args.format == "json":
        if args.tz is not None or args.all:
            raise BadInput("--tz and --all apply to the schedule: --format csv or ics")
        dataset = {
            name.removesuffix(".json"): json.loads(text) for name, text in nd.file_texts(ds).items()
        }
        return (json.dumps(dataset, ensure_ascii=False, indent=2) + "\n").encode()
    if args.format == "csv":
        table_name = args.table or "schedule"
        if table_name != "schedule" and (args.tz is not None or args.all):
            raise BadInput("--tz and --all apply to the schedule table only")
        return _csv_text(_CSV_TABLES[table_name](ds, args)).encode()
    try:
        from nevertheless_data import ical
    except ImportError:
        raise BadInput(
            "the iCalendar export needs the icalendar package: "
            "pip install 'nevertheless-data[ical]'"
        ) from None
    schedule = ds.schedule if args.all else ds.schedule.preferred
    if args.tz is not None:
        schedule = schedule.in_zone(zone_from_key(args.tz))
    return ical.to_ical(schedule, title=ds.show.title)


def _cmd_export(ds: nd.Dataset, args: argparse.Namespace, io_: _Output) -> int:
    data = _export_bytes(ds, args)
    if args.output is None:
        io_.bytes(data)
        return EXIT_OK
    try:
        with open(args.output, "wb") as file:
            file.write(data)
    except OSError as exc:
        raise BadInput(f"cannot write {args.output!r}: {exc.strerror or exc}") from None
    io_.note(f"wrote {args.output} ({len(data)} bytes)")
    return EXIT_OK


def _cmd_overview(ds: nd.Dataset, args: argparse.Namespace, io_: _Output) -> int:
    zone = _zone_arg(args.tz)
    show = ds.show
    io_.lines(
        [
            f"{show.title} ({show.korean_title}): {' and '.join(show.platforms)}, "
            f"{show.episode_count} episodes, {show.premiere} to {show.finale}",
            "",
            "Cast",
            *_cast_lines(ds),
            "",
            f"Broadcast schedule, times in {zone.name}",
        ]
    )
    pairs = _airings(ds, zone, None, False)
    io_.lines(_grid_lines(pairs) if pairs else ["No airings."])
    io_.lines(["", f"More: {PROG} --help (show, who, quotes, schedule --tz ZONE, export ...)"])
    return EXIT_OK


def _cmd_validate(_: None, args: argparse.Namespace, io_: _Output) -> int:
    from pathlib import Path

    directory = Path(args.directory)
    _check_directory(directory)
    problems = nd.validate(directory)
    if args.json:
        io_.json([problem_row(p) for p in problems])
    elif problems:
        io_.lines(str(p) for p in problems)
        io_.lines([f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {directory}"])
    else:
        io_.lines([f"{directory}: a valid dataset"])
    return EXIT_NO if problems else EXIT_OK


def _check_directory(directory: Path) -> None:
    if not directory.exists():
        raise BadInput(f"no such directory: {str(directory)!r}")
    if not directory.is_dir():
        raise BadInput(f"not a directory: {str(directory)!r}")
    try:
        with os.scandir(directory) as entries:
            next(entries, None)
    except OSError as exc:
        raise BadInput(f"cannot read {str(directory)!r}: {exc.strerror or exc}") from None


def _load(path: str | None) -> nd.Dataset:
    if path is None:
        return nd.load()
    from pathlib import Path

    directory = Path(path)
    _check_directory(directory)
    try:
        return nd.load(directory)
    except nd.DataError as exc:
        count = len(exc.problems)
        raise BadInput(
            f"{str(directory)!r} is not a valid dataset ({count} problem"
            f"{'s' if count != 1 else ''}, first: {exc.problems[0]}); "
            f"'{PROG} validate {directory}' lists them all"
        ) from None


# --- the parser --------------------------------------------------------------------------------

Command = Callable[[Any, argparse.Namespace, _Output], int]


class _VersionAction(argparse.Action):
    """``--version``, which reads the package metadata only when asked.

    argparse's own version action wants the text when the parser is built, and reading the
    metadata imports :mod:`importlib.metadata` and searches the installed distributions:
    about a fifth of every other command's run time.
    """

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str = argparse.SUPPRESS,
        default: object = argparse.SUPPRESS,
        help: str = "show the version and exit",
    ) -> None:
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        sys.stdout.write(f"{PROG} {nd.__version__}\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``nevertheless-data`` command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="The sourced record of the 2021 K-drama Nevertheless (알고있지만). "
        "Without a command: the show, its cast and the broadcast schedule in your time zone.",
        epilog="Exit status: 0 success; 1 no result (who, next) or problems found (validate); "
        "2 bad input.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--data", metavar="DIR", help="use the dataset in DIR")
    parser.add_argument("--tz", metavar="ZONE", help="show times in this IANA time zone")
    parser.set_defaults(handler=_cmd_overview, needs_data=True)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    # --data and --tz work before or after the command: a command's own copy leaves the value
    # alone unless given (SUPPRESS), so the value given before the command survives.
    def command(name: str, handler: Command, text: str, *, json: bool = True) -> Any:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(handler=handler, needs_data=handler is not _cmd_validate)
        if handler is not _cmd_validate:
            sub.add_argument(
                "--data",
                metavar="DIR",
                default=argparse.SUPPRESS,
                help="use the dataset in DIR instead of the bundled one",
            )
        if json:
            sub.add_argument(
                "--json", action="store_true", help="print JSON (shapes: see the docs)"
            )
        return sub

    def zone_option(sub: argparse.ArgumentParser, default: str) -> None:
        sub.add_argument(
            "--tz",
            metavar="ZONE",
            default=argparse.SUPPRESS,
            help=f"IANA time zone to show times in, such as Europe/London (default: {default})",
        )

    def platform_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--platform", metavar="P", help="only this platform: JTBC, Netflix")

    def disputed_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--all", action="store_true", help="include the airings of disputed readings"
        )

    command("show", _cmd_show, "the show: titles, dates, network, original work, crew")
    command("cast", _cmd_cast, "the cast: actors and characters, with Hangul")
    who = command("who", _cmd_who, "who a name means: any spelling, Hangul included")
    who.add_argument("name", metavar="NAME", help='a name as written anywhere, e.g. "Nabi"')
    quotes = command("quotes", _cmd_quotes, "the quotes, each with its source")
    quotes.add_argument("--speaker", metavar="NAME", help="said by this person (any spelling)")
    quotes.add_argument("--search", metavar="TEXT", help="containing TEXT (case-insensitive)")
    quotes.add_argument("--source", metavar="ID", help="from the source with this id")
    schedule = command("schedule", _cmd_schedule, "the airings, in the time zone of your choice")
    zone_option(schedule, "this machine's")
    platform_option(schedule)
    disputed_option(schedule)
    nxt = command("next", _cmd_next, "the next airing after now (or --after)")
    zone_option(nxt, "this machine's")
    nxt.add_argument(
        "--after",
        metavar="WHEN",
        help="ISO 8601 date-time to look after, e.g. 2021-07-01T12:00 (in --tz unless it "
        "has an offset)",
    )
    platform_option(nxt)
    export = command("export", _cmd_export, "the data as JSON, CSV or iCalendar", json=False)
    export.add_argument(
        "--format",
        required=True,
        choices=["json", "csv", "ics"],
        help="json: the whole dataset; csv: one table (see --table); ics: the airings",
    )
    export.add_argument(
        "--table",
        choices=sorted(_CSV_TABLES),
        help="the table to export as CSV (default: schedule)",
    )
    zone_option(export, "each slot's own zone")
    disputed_option(export)
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    validate = command("validate", _cmd_validate, "check a dataset directory")
    validate.add_argument("directory", metavar="DIR", help="a directory of dataset files")
    command("sources", _cmd_sources, "the sources the records cite")
    command("disputes", _cmd_disputes, "where the sources disagree, and the reading kept")
    return parser


# --- entry point -------------------------------------------------------------------------------


def _make_safe(stream: TextIO) -> None:
    # A console that cannot show Hangul gets replacement characters, not a crash.
    if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") not in (
        "utf8",
        "utf16",
        "utf32",
    ):
        stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``nevertheless-data`` command with ``argv`` (default: the process arguments).

    Returns the exit status instead of exiting, so it can be called in-process; the console
    script and ``python -m nevertheless_data`` pass it to :func:`sys.exit`.
    """
    out, err = sys.stdout, sys.stderr
    _make_safe(out)
    _make_safe(err)
    io_ = _Output(out, err)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: argparse has printed.
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        if args.tz is not None:
            zone_from_key(args.tz)  # Checked even where no time is shown: a typo is a typo.
        dataset = _load(args.data) if args.needs_data else None
        status: int = args.handler(dataset, args, io_)
        out.flush()
    except BadInput as exc:
        io_.error(str(exc))
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep the interpreter's final
        # flush from failing again on the closed pipe.
        _silence_stdout()
        return EXIT_NO
    except KeyboardInterrupt:
        return 130
    return status


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
