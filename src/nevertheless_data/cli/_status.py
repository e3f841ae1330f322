"""The command's exit statuses, and the exception a command raises for input it cannot use.

One rule for every command, as grep has it: 0 when the answer is yes (something was found,
the dataset is valid), 1 when it is no (nothing matches, no one has the name, no later airing,
problems found), 2 when the command could not answer (bad input, unreadable data, output that
cannot be written).
"""

from __future__ import annotations

from typing import Final

__all__ = ["BROKEN_PIPE", "FOUND", "INTERRUPTED", "NOTHING", "USAGE", "BadInput"]

FOUND: Final = 0
NOTHING: Final = 1
USAGE: Final = 2
# As a process killed by SIGPIPE or SIGINT reports itself in a shell (128 + the signal), so
# that `set -o pipefail` scripts see what they see from other tools.
BROKEN_PIPE: Final = 141
INTERRUPTED: Final = 130


class BadInput(Exception):
    """Input a command cannot act on; the message is the one line the user sees (exit 2)."""
