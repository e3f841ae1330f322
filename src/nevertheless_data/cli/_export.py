"""The commands that write files or scripts: ``export`` and ``completion``.

``export`` writes the dataset as JSON, a table as CSV (the rows of the matching ``--json``
listing) or the airings as iCalendar, to standard output or a file; ``completion`` prints a
shell's completion script, generated from the parser.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import nevertheless_data as nd

from . import _rows as rows
from ._commands import airings_in, dataset, in_zone, whole_schedule
from ._output import Output
from ._shapes import AiringRow
from ._status import FOUND, BadInput
from ._zones import shown_zone

__all__ = ["CSV_TABLES", "completion", "export"]


# --- export ------------------------------------------------------------------------------------


def _schedule_rows(ds: nd.Dataset, args: argparse.Namespace) -> list[AiringRow]:
    whole = whole_schedule(ds)
    zone = None if args.tz is None else shown_zone(args.tz)
    pairs = airings_in(whole if args.all else whole.preferred, zone, None)
    return [
        rows.airing_row(a, start, zone.name if zone else str(start.tzinfo)) for a, start in pairs
    ]


CSV_TABLES: Final[Mapping[str, Callable[[nd.Dataset, argparse.Namespace], Sequence[Any]]]] = {
    "cast": lambda ds, _: [rows.cast_row(ds, credit) for credit in ds.cast],
    "quotes": lambda ds, _: [rows.quote_row(ds, quote) for quote in ds.quotes.values()],
    "schedule": _schedule_rows,
    "sources": lambda ds, _: [rows.source_row(source) for source in ds.sources.values()],
}
"""The tables ``export --format csv`` writes: each a list of the matching ``--json`` rows."""


def _csv(table: Sequence[Mapping[str, object]]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    if table:
        writer = csv.DictWriter(buffer, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        for row in table:
            writer.writerow(
                {
                    key: ("true" if value else "false")
                    if isinstance(value, bool)
                    else ("" if value is None else value)
                    for key, value in row.items()
                }
            )
    return buffer.getvalue()


def _export_text(ds: nd.Dataset, args: argparse.Namespace) -> str:
    if args.format != "csv" and args.table is not None:
        raise BadInput("--table applies to --format csv only")
    if args.format == "json":
        if args.tz is not None or args.all:
            raise BadInput("--tz and --all apply to the schedule: --format csv or ics")
        import json

        dataset = {
            name.removesuffix(".json"): json.loads(text) for name, text in nd.file_texts(ds).items()
        }
        return json.dumps(dataset, ensure_ascii=False, indent=2) + "\n"
    if args.format == "csv":
        table = args.table or "schedule"
        if table != "schedule" and (args.tz is not None or args.all):
            raise BadInput("--tz and --all apply to the schedule table only")
        return _csv(CSV_TABLES[table](ds, args))
    try:
        from nevertheless_data import ical
    except ImportError:
        raise BadInput(
            "the iCalendar export needs the icalendar package: "
            "pip install 'nevertheless-data[ical]'"
        ) from None
    whole = whole_schedule(ds)
    chosen = whole if args.all else whole.preferred
    if args.tz is not None:
        chosen = in_zone(chosen, shown_zone(args.tz))
    return ical.to_ical(chosen, title=ds.show.title).decode("utf-8")


def export(args: argparse.Namespace, out: Output) -> int:
    """The dataset as JSON, a table as CSV, or the airings as iCalendar; ``-o -`` (or no
    ``-o``) writes to standard output."""
    ds = dataset(args)
    text = _export_text(ds, args)
    target: str | None = args.output
    if target is None or target == "-":
        out.data(text)
        return FOUND
    data = text.encode("utf-8")
    try:
        with open(target, "wb") as file:
            file.write(data)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise BadInput(f"cannot write {target!r}: {reason}") from None
    out.note(f"wrote {target} ({len(data)} bytes)")
    return FOUND


# --- completion --------------------------------------------------------------------------------


def completion(args: argparse.Namespace, out: Output) -> int:
    """A completion script for bash, zsh or fish, generated from the parser by shtab."""
    try:
        import shtab
    except ImportError:
        raise BadInput(
            "shell completion needs the shtab package: pip install 'nevertheless-data[completion]'"
        ) from None
    from ._parser import build_parser, subparsers

    parser = build_parser()
    for _, sub in subparsers(parser):
        for action in sub._actions:
            if action.dest in ("data", "directory"):
                action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
            elif action.dest == "output":
                action.complete = shtab.FILE  # type: ignore[attr-defined]
    out.data(shtab.complete(parser, shell=args.shell))
    return FOUND
