"""The ``nevertheless-data`` command: the dataset from a terminal.

Run it bare for an overview (the show, its cast and the broadcast schedule in your time zone),
or with a command; ``nevertheless-data --help`` lists them. Every listing prints text for
people by default and JSON with ``--json``; the JSON shapes are documented in the CLI guide and
do not change without a changelog entry.

Exit status, for every command: 0 when something is found (or the dataset is valid), 1 when
nothing is (no match, no one by that name, no later airing, problems in the dataset), 2 for
bad input or output that cannot be written, reported in one line on stderr. It never prints a
traceback, and everything it prints, on either stream, passes through one sanitizer.

The package holds one concern per module: ``_parser`` (the grammar), ``_commands`` (one
function per command that lists or finds), ``_export`` (export and completion), ``_render``
(text from the records), ``_rows`` and ``_shapes`` (the JSON rows and their types),
``_output`` (the streams, the sanitizer, colour and layout), ``_zones`` (the zone times are
shown in) and ``_status`` (the exit statuses).
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Sequence
from typing import TextIO

import nevertheless_data as nd

from ._output import Output, layout_of, wants_color
from ._status import BROKEN_PIPE, INTERRUPTED, USAGE, BadInput

__all__ = ["main"]


class _Closed(io.StringIO):
    """Standard output or error when the process was started without it (``>&-``)."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _make_safe(stream: TextIO) -> None:
    # A console that cannot show Hangul gets replacement characters, not a crash.
    encoding = getattr(stream, "encoding", None) or ""
    if isinstance(stream, io.TextIOWrapper) and encoding.lower().replace("-", "") not in (
        "utf8",
        "utf16",
        "utf32",
    ):
        stream.reconfigure(errors="replace")


def _silence(stream: TextIO) -> None:
    # The reader went away, or the device is full: point the stream at the null device, so that
    # the interpreter's final flush does not fail on it again and print a traceback of its own.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def _one_line(exc: nd.NeverthelessDataError) -> str:
    if isinstance(exc, nd.DataError) and len(exc.problems) > 1:
        return f"{exc.problems[0]} (and {len(exc.problems) - 1} more problems)"
    return str(exc)


def _run(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    # Loaded here, not at the top: its import pulls in the commands, and main() must be able to
    # report a failure to write even when the failure comes from parsing (--help > /dev/full).
    from ._parser import build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: argparse has printed.
        out.flush()
        return exc.code if isinstance(exc.code, int) else USAGE
    output = Output(out, err, color=wants_color(args.color, out), layout=layout_of(out))
    try:
        if args.tz is not None:
            from nevertheless_data._zones import zone

            zone(args.tz)  # Checked even where no time is shown: a typo is a typo.
        status: int = args.handler(args, output)
    except BadInput as exc:
        output.error(str(exc))
        status = USAGE
    except nd.NeverthelessDataError as exc:
        output.error(_one_line(exc))
        status = USAGE
    out.flush()
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``nevertheless-data`` command with ``argv`` (default: the process arguments).

    Returns the exit status instead of exiting, so it can be called in-process; the console
    script and ``python -m nevertheless_data`` pass it to :func:`sys.exit`.
    """
    out: TextIO = _Closed() if sys.stdout is None else sys.stdout
    err: TextIO = _Closed() if sys.stderr is None else sys.stderr
    _make_safe(out)
    _make_safe(err)
    try:
        return _run(argv, out, err)
    except BrokenPipeError:
        _silence(out)
        return BROKEN_PIPE
    except KeyboardInterrupt:
        return INTERRUPTED
    except (OSError, UnicodeError) as exc:
        # Writing failed: a full device, a closed stream, text the encoding cannot represent.
        _silence(out)
        reason = getattr(exc, "strerror", None) or exc.__class__.__name__
        if isinstance(exc, UnicodeError):
            encoding = getattr(out, "encoding", None) or "the output's encoding"
            reason = f"some text cannot be written in {encoding}"
        try:
            Output(err, err, color=False, layout=layout_of(err)).error(
                f"cannot write the output: {reason}"
            )
            err.flush()
        except (OSError, ValueError):
            pass
        return USAGE
