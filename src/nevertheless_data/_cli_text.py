"""Text for a terminal: display widths, aligned tables and wrapped prose.

Hangul, kana and full-width forms take two columns of a terminal, so columns are measured by
display width, never by ``len``. Used by the command line (:mod:`nevertheless_data.cli`).
"""

from __future__ import annotations

import shutil
import textwrap
import unicodedata
from collections.abc import Iterable, Sequence

__all__ = [
    "cell",
    "clip",
    "display_width",
    "fold",
    "named",
    "ordinal",
    "printable",
    "table",
    "text_width",
    "unbroken",
    "wrap",
    "wrap_field",
]


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
    """How many terminal columns ``text`` takes: Hangul, kana and full-width forms take two."""
    return sum(_char_width(char) for char in text)


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, with an ellipsis where it was cut."""
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        if used + _char_width(char) > width - 1:
            break
        kept.append(char)
        used += _char_width(char)
    return "".join(kept).rstrip() + "…"


def table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], *, right: Iterable[int] = ()
) -> list[str]:
    """Lines of an aligned table: a header, a rule, then one line per row.

    Columns are padded by display width, so Hangul lines up with Latin text; columns whose
    index is in ``right`` are right-aligned. Trailing blanks are trimmed.
    """
    body = [list(row) for row in rows]
    widths = [max(map(display_width, column)) for column in zip(headers, *body, strict=True)]
    right_aligned = frozenset(right)

    def line(cells: Sequence[str]) -> str:
        parts = []
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            pad = " " * (width - display_width(cell))
            parts.append(pad + cell if index in right_aligned else cell + pad)
        return "  ".join(parts).rstrip()

    return [line(headers), line(["-" * width for width in widths]), *map(line, body)]


def text_width() -> int:
    """The width to wrap prose at: the terminal's (or ``COLUMNS``), from 40 to 100 columns."""
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 100))


def wrap(text: str, indent: str) -> list[str]:
    """``text`` wrapped to :func:`text_width`, every line indented by ``indent``."""
    return textwrap.wrap(
        text, width=text_width(), initial_indent=indent, subsequent_indent=indent
    ) or [indent.rstrip()]


_NO_BREAK = "\u00a0"


def unbroken(items: Iterable[str]) -> str:
    """``items`` joined by commas, wrapped between items only (a name stays on one line)."""
    return ", ".join(item.replace(" ", _NO_BREAK) for item in items)


def wrap_field(label: str, value: str, width: int) -> list[str]:
    """A labelled value, ``"  Label  value"``, the label padded to ``width`` and the value
    wrapped under itself."""
    head = f"  {label}{' ' * (width - display_width(label))}  "
    wrapped = textwrap.wrap(
        value,
        width=text_width(),
        initial_indent=head,
        subsequent_indent=" " * len(head),
    )
    return [line.replace(_NO_BREAK, " ") for line in wrapped] or [head.rstrip()]


def cell(value: str | None) -> str:
    """A table cell of an optional value: empty for ``None``."""
    return "" if value is None else value


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def fold(text: str) -> str:
    """Text compared loosely: compatibility forms, case and typographic quotes folded."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return folded.translate(_QUOTES)


_CONTROLS = dict.fromkeys((*range(0x20), *range(0x7F, 0xA0)), "\ufffd") | {0x09: " "}


def printable(line: str) -> str:
    """``line`` with control characters replaced, so that text from a dataset of one's own
    cannot send escape sequences to the terminal."""
    return line.translate(_CONTROLS)


def named(name: str, hangul: str | None) -> str:
    """``"Han So-hee (한소희)"``, or the name alone where the Hangul is not known."""
    return f"{name} ({hangul})" if hangul else name


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``, ``21st``."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"
