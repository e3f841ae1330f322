"""Everything the command prints, on either stream, and how it is laid out.

Text reaches a terminal only through :func:`clean`, the one sanitizer: a dataset of one's own,
or an argument, may hold escape sequences, bidirectional overrides or lone surrogates, and none
of them may drive the terminal, reorder what it shows, or make the output unencodable.

Columns are measured by display width, never by ``len``: Hangul, kana and full-width forms take
two columns of a terminal. Tables fit the terminal's width when the output is a terminal, and
are never clipped when it goes to a pipe or a file.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final, Literal, TextIO

__all__ = [
    "GOOD",
    "HEADER",
    "WARN",
    "Cell",
    "Layout",
    "Line",
    "Output",
    "clean",
    "clip",
    "display_width",
    "layout_of",
    "table",
    "wants_color",
]

PROG: Final = "nevertheless-data"

# C0 and C1 controls, DEL, the bidirectional embeddings, overrides and isolates, and the
# surrogates (a lone one cannot be encoded, and a program's arguments may hold one).
_UNSAFE: Final = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_REPLACEMENT: Final = "\ufffd"

# What each kind of output keeps as it is: prose turns a tab into a space; exports keep their
# own line structure; JSON keeps the newlines of its indentation and escapes everything else,
# so that a program reading it gets the text unchanged.
_KEPT: Final = {
    "text": {"\t": " "},
    "data": {"\t": "\t", "\n": "\n", "\r": "\r"},
    "json": {"\n": "\n"},
}

Kind = Literal["text", "data", "json"]


def clean(text: str, kind: Kind = "text") -> str:
    """``text`` made safe to print: every control character, bidirectional override or
    isolate, and lone surrogate replaced by U+FFFD (``"json"``: escaped as ``\\uXXXX``)."""
    kept = _KEPT[kind]

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if char in kept:
            return kept[char]
        return f"\\u{ord(char):04x}" if kind == "json" else _REPLACEMENT

    return _UNSAFE.sub(replace, text)


# --- widths ------------------------------------------------------------------------------------


def _char_width(char: str) -> int:
    code = ord(char)
    # Conjoining Hangul vowels and final consonants draw inside the syllable block the
    # initial consonant (a wide character) opens: decomposed (NFD) Hangul stays two columns.
    if 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF:
        return 0
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes once printed (cleaned): Hangul, kana and
    full-width forms take two."""
    return sum(map(_char_width, clean(text)))


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, with an ellipsis where it was cut."""
    text = clean(text)
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        if used + _char_width(char) > width - 1:
            break
        kept.append(char)
        used += _char_width(char)
    return "".join(kept).rstrip() + "…"


# --- lines, spans and colour ---------------------------------------------------------------------

# SGR parameters: colour marks what a reader looks for (headers, the preferred and disputed
# readings), nothing else.
HEADER: Final = "1"
GOOD: Final = "32"
WARN: Final = "33"

Span = tuple[str, str | None]
"""Text and the SGR style to show it in (``None``: plain)."""
Line = str | Sequence[str | Span]
"""A line of output: plain text, or spans of which some are styled."""
Cell = str | Span
"""A table cell: plain text, or text with a style."""


def _spans(line: Line) -> list[Span]:
    if isinstance(line, str):
        return [(line, None)]
    return [(part, None) if isinstance(part, str) else part for part in line]


def _rstrip(spans: list[Span]) -> list[Span]:
    while spans:
        text, style = spans[-1]
        stripped = text.rstrip()
        if stripped:
            spans[-1] = (stripped, style)
            break
        spans.pop()
    return spans


# --- layout ------------------------------------------------------------------------------------


class Layout:
    """How wide the output may be.

    ``width`` is the terminal's width when the output is a terminal (``COLUMNS`` overrides
    it, as for every program), and ``None`` for a pipe or a file: tables are then never
    clipped. ``prose`` is the width prose wraps at: the terminal's, or ``COLUMNS``, kept from
    40 to 100 columns (longer lines are hard to read), 100 where neither is known.
    """

    __slots__ = ("prose", "width")

    def __init__(self, width: int | None, prose: int) -> None:
        self.width = width
        self.prose = prose

    def wrap(self, text: str, indent: str) -> list[str]:
        """``text`` wrapped to the prose width, every line indented by ``indent``."""
        return _wrap(clean(text), self.prose, indent, indent) or [indent.rstrip()]

    def field(self, label: str, value: str, label_width: int) -> list[str]:
        """A labelled value, ``"  Label  value"``, the label padded to ``label_width`` and the
        value wrapped under itself; ``value`` breaks only at spaces, and ``unbroken`` joins
        items that must stay whole."""
        head = f"  {label}{' ' * (label_width - display_width(label))}  "
        wrapped = _wrap(clean(value), self.prose, head, " " * display_width(head))
        return [line.replace(_NO_BREAK, " ") for line in wrapped] or [head.rstrip()]


_NO_BREAK: Final = "\u00a0"


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """``text`` broken at spaces into lines of at most ``width`` columns by display width
    (textwrap counts characters, and a Hangul syllable takes two columns); a word longer than
    a line stands alone on its line. Only a plain space breaks: a no-break space joins."""
    lines: list[str] = []
    line, used = first, display_width(first)
    empty = True
    for word in text.replace("\n", " ").split(" "):
        size = display_width(word)
        if empty and not word:
            continue  # no line starts with a space
        if not empty and used + 1 + size > width:
            lines.append(line)
            line, used, empty = rest, display_width(rest), True
            if not word:
                continue
        if empty:
            line, used, empty = line + word, used + size, False
        else:
            line, used = f"{line} {word}", used + 1 + size
    if not empty:
        lines.append(line.rstrip(" "))
    return lines


def unbroken(items: Iterable[str]) -> str:
    """``items`` joined by commas, for :meth:`Layout.field` to wrap between items only."""
    return ", ".join(clean(item).replace(" ", _NO_BREAK) for item in items)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _columns_variable() -> int | None:
    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def layout_of(stream: TextIO) -> Layout:
    """The layout of output written to ``stream``."""
    columns = _columns_variable()
    width = None
    if _isatty(stream):
        width = columns
        if width is None:
            try:
                width = os.get_terminal_size(stream.fileno()).columns
            except (AttributeError, ValueError, OSError):
                width = 80
    return Layout(width, max(40, min(width or columns or 100, 100)))


def wants_color(choice: str, stream: TextIO) -> bool:
    """Whether to colour ``stream``: ``--color always|never``, or by default (``auto``) on a
    terminal that can show it, unless ``NO_COLOR`` is set (https://no-color.org)."""
    if choice != "auto":
        return choice == "always"
    return (
        _isatty(stream) and not os.environ.get("NO_COLOR") and os.environ.get("TERM", "") != "dumb"
    )


# A clipped column keeps this many columns at least: fewer say nothing.
_NARROWEST: Final = 12


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    right: Iterable[int] = (),
    fit: int | None = None,
    shrink: Sequence[int] = (),
) -> list[Line]:
    """Lines of an aligned table: a header, a rule, then one line per row.

    Columns are padded by display width, so Hangul lines up with Latin text; columns whose
    index is in ``right`` are right-aligned; trailing blanks are trimmed. Where ``fit`` is a
    width the table exceeds, the columns of ``shrink`` are clipped, in turn, to make it fit.
    """
    body = [[c if isinstance(c, tuple) else (c, None) for c in row] for row in rows]
    widths = [
        max(display_width(c if isinstance(c, str) else c[0]) for c in column)
        for column in zip(headers, *body, strict=True)
    ]
    for column in shrink:
        if fit is None:
            break
        excess = sum(widths) + 2 * (len(widths) - 1) - fit
        if excess <= 0:
            break
        narrowest = max(display_width(headers[column]), _NARROWEST)
        widths[column] = max(min(narrowest, widths[column]), widths[column] - excess)
        for row in body:
            text, style = row[column]
            row[column] = (clip(text, widths[column]), style)
    right_aligned = frozenset(right)

    def line(cells: Sequence[Span]) -> list[Span]:
        spans: list[Span] = []
        for index, ((text, style), width) in enumerate(zip(cells, widths, strict=True)):
            pad = " " * (width - display_width(text))
            spans.append(("  " if index else "", None))
            spans.append((pad + text, style) if index in right_aligned else (text + pad, style))
        return _rstrip(spans)

    header = "".join(text for text, _ in line([(h, None) for h in headers]))
    rule = "  ".join("-" * width for width in widths)
    lines: list[Line] = [[(header, HEADER)], rule, *map(line, body)]
    # Where clipping the columns that may shrink was not enough, the lines are cut at the
    # width: a terminal would otherwise wrap them into a table no one can read.
    return lines if fit is None else [_cut(_spans(line), fit) for line in lines]


def _cut(spans: list[Span], width: int) -> Line:
    if sum(display_width(text) for text, _ in spans) <= width:
        return spans
    kept: list[Span] = []
    left = width
    for text, style in spans:
        if display_width(text) < left:
            kept.append((text, style))
            left -= display_width(text)
        else:
            kept.append((clip(text + "…", left), style))
            break
    return kept


# --- the streams -------------------------------------------------------------------------------


class Output:
    """Where a command writes: results on ``out``, diagnostics on ``err``, all of it cleaned.

    ``color`` says whether styled spans are coloured on ``out``; ``layout`` is the layout of
    ``out``. Writing fails as the stream fails (a closed pipe, a full disk): the command's
    entry point reports it.
    """

    def __init__(self, out: TextIO, err: TextIO, *, color: bool, layout: Layout) -> None:
        self.out = out
        self.err = err
        self.color = color
        self.layout = layout

    def _text(self, line: Line) -> str:
        parts = []
        for text, style in _spans(line):
            safe = clean(text)
            parts.append(f"\x1b[{style}m{safe}\x1b[0m" if style and self.color and safe else safe)
        return "".join(parts)

    def line(self, line: Line = "") -> None:
        """One line of text."""
        self.out.write(self._text(line) + "\n")

    def lines(self, lines: Iterable[Line]) -> None:
        """Lines of text."""
        for line in lines:
            self.line(line)

    def blocks(self, blocks: Iterable[Sequence[Line]]) -> int:
        """Blocks of lines separated by a blank line; how many there were."""
        count = 0
        for block in blocks:
            if count:
                self.line()
            self.lines(block)
            count += 1
        return count

    def json(self, value: object) -> None:
        """``value`` as JSON (UTF-8, Hangul as is, unsafe characters escaped)."""
        import json

        self.out.write(clean(json.dumps(value, ensure_ascii=False, indent=2), "json") + "\n")

    def data(self, text: str) -> None:
        """An export's text, cleaned, written as UTF-8 bytes where the stream allows, so that
        CSV and iCalendar line ends stay exact."""
        safe = clean(text, "data")
        buffer = getattr(self.out, "buffer", None)
        if buffer is None:
            self.out.write(safe)
            return
        self.out.flush()
        buffer.write(safe.encode("utf-8"))
        buffer.flush()

    def note(self, message: str) -> None:
        """A diagnostic on ``err``: ``nevertheless-data: message``."""
        self.err.write(clean(f"{PROG}: {message}") + "\n")

    def error(self, message: str) -> None:
        """An error on ``err``, in one line: ``nevertheless-data: error: message``."""
        self.err.write(clean(f"{PROG}: error: {message}") + "\n")
