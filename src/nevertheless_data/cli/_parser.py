"""The command line's grammar: every command, option and exit status, in one argparse parser.

Shell completion scripts are generated from this parser (``completion SHELL``), so what a
shell offers cannot drift from what the command accepts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final

from . import _commands as commands
from . import _export as exports
from ._output import PROG, clean

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["EXIT_STATUS", "STATUSES", "build_parser", "subparsers"]

Command = Callable[[argparse.Namespace, Any], int]

EXIT_STATUS: Final = (
    "Exit status: 0 found (or valid); 1 nothing found: no match, no one by that name, no later "
    "airing, or problems in the dataset (validate); 2 bad input: an unknown zone, platform, "
    "name or id, a value that does not parse, a dataset that cannot be read, output that "
    "cannot be written, a usage error."
)

# What each command's exit status means, besides 2 for bad input: shown in its --help and,
# word for word, in docs/cli.md (a test compares them).
STATUSES: Final = {
    "": "0 always",
    "show": "0 always",
    "cast": "0 the cast is listed; 1 the dataset has no cast",
    "who": "0 the name means one person or character; 1 it means no one, or several",
    "quotes": "0 some quote matches; 1 none does",
    "schedule": "0 some airing is listed; 1 none is",
    "next": "0 there is a later airing; 1 there is none",
    "export": "0 always",
    "validate": "0 the dataset is valid; 1 it has problems",
    "sources": "0 some source is listed; 1 the dataset has none",
    "disputes": "0 some dispute is listed; 1 the dataset has none",
    "completion": "0 always",
}


class _Parser(argparse.ArgumentParser):
    """argparse's parser, printing through the one sanitizer like the rest of the command: an
    argument echoed in an error message may hold control characters."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # Unlike argparse's own, errors writing are not swallowed: the entry point reports them.
        if message:
            stream = file if file is not None else sys.stderr
            stream.write("\n".join(clean(line) for line in message.split("\n")))


class _VersionAction(argparse.Action):
    """``-V``/``--version``, which reads the package metadata only when asked (reading it
    imports :mod:`importlib.metadata` and searches the installed distributions)."""

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
        import nevertheless_data as nd

        sys.stdout.write(clean(f"{PROG} {nd.__version__}") + "\n")
        parser.exit()


def _common(sub: argparse.ArgumentParser, *, data: bool, json: bool) -> None:
    # A command's own copy of an option leaves the value alone unless given (SUPPRESS), so
    # that the value given before the command survives: both places work.
    if data:
        sub.add_argument(
            "--data",
            metavar="DIR",
            default=argparse.SUPPRESS,
            help="use the dataset in DIR instead of the bundled one",
        )
    if json:
        sub.add_argument(
            "--json",
            action="store_true",
            default=argparse.SUPPRESS,
            help="print JSON (the shapes are in the docs)",
        )
    sub.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default=argparse.SUPPRESS,
        help="colour the output: auto (a terminal, unless NO_COLOR is set), always or never",
    )


def _zone(sub: argparse.ArgumentParser, default: str) -> None:
    sub.add_argument(
        "--tz",
        metavar="ZONE",
        default=argparse.SUPPRESS,
        help=f"IANA time zone to show times in, such as Europe/London (default: {default})",
    )


def _platform(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--platform", metavar="P", help="only this platform: JTBC, Netflix")


def _disputed(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--all", action="store_true", help="include the airings of disputed readings")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``nevertheless-data`` command."""
    parser = _Parser(
        prog=PROG,
        description="The sourced record of the 2021 K-drama Nevertheless (알고있지만). "
        "Without a command: the show, its cast and the broadcast schedule in your time zone.",
        epilog=EXIT_STATUS,
    )
    parser.add_argument("-V", "--version", action=_VersionAction)
    parser.add_argument("--data", metavar="DIR", help="use the dataset in DIR")
    parser.add_argument("--tz", metavar="ZONE", help="show times in this IANA time zone")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the output: auto (a terminal, unless NO_COLOR is set), always or never",
    )
    parser.set_defaults(handler=commands.overview, command="")
    subs = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(
        name: str, handler: Command, text: str, *, data: bool = True, json: bool = True
    ) -> argparse.ArgumentParser:
        sub = subs.add_parser(
            name,
            help=text,
            description=text,
            epilog=f"Exit status: {STATUSES[name]}; 2 bad input.",
        )
        sub.set_defaults(handler=handler, command=name)
        _common(sub, data=data, json=json)
        return sub

    command("show", commands.show, "the show: titles, dates, network, original work, crew")
    command("cast", commands.cast, "the cast: actors and characters, with Hangul")
    who = command("who", commands.who, "who a name means: any spelling, Hangul included")
    who.add_argument("name", metavar="NAME", help='a name as written anywhere, or an id: "Nabi"')
    quotes = command("quotes", commands.quotes, "the quotes, each with its source")
    quotes.add_argument(
        "--speaker", metavar="NAME", help="said by this person or character (any spelling, or id)"
    )
    quotes.add_argument("--search", metavar="TEXT", help="containing TEXT (case-insensitive)")
    quotes.add_argument("--source", metavar="ID", help="from the source with this id")
    schedule = command(
        "schedule", commands.schedule, "the airings, in the time zone of your choice"
    )
    _zone(schedule, "this machine's")
    _platform(schedule)
    _disputed(schedule)
    nxt = command("next", commands.next_airing, "the next airing after now (or --after)")
    _zone(nxt, "this machine's")
    nxt.add_argument(
        "--after",
        metavar="WHEN",
        help="ISO 8601 date-time to look after, e.g. 2021-07-01T12:00 (in --tz unless it "
        "has an offset)",
    )
    _platform(nxt)
    export = command("export", exports.export, "the data as JSON, CSV or iCalendar", json=False)
    export.add_argument(
        "--format",
        required=True,
        choices=["json", "csv", "ics"],
        help="json: the whole dataset; csv: one table (see --table); ics: the airings",
    )
    export.add_argument(
        "--table",
        choices=sorted(exports.CSV_TABLES),
        help="the table to export as CSV (default: schedule)",
    )
    _zone(export, "each slot's own zone")
    _disputed(export)
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE ('-': standard output)"
    )
    validate = command("validate", commands.validate, "check a dataset directory", data=False)
    validate.add_argument("directory", metavar="DIR", help="a directory of dataset files")
    command("sources", commands.sources, "the sources the records cite")
    command("disputes", commands.disputes, "where the sources disagree, and the reading kept")
    completion = command(
        "completion",
        exports.completion,
        "a completion script for your shell, generated from this parser (needs shtab)",
        data=False,
        json=False,
    )
    completion.add_argument("shell", choices=["bash", "zsh", "fish"], help="the shell")
    return parser


def subparsers(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Each command's name and parser (the bare command's is ``""``)."""
    yield "", parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()
