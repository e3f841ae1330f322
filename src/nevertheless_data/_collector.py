"""Pausing CPython's cyclic garbage collector while the library builds something large."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a large structure is built.

    A load, a name index or a schedule allocates many objects and frees few, and CPython's
    collector, triggered by allocations, would walk the growing heap again and again: its cost
    would grow faster than the data. What is built holds no cycles, so nothing is left for it to
    find. Builds in several threads share the pause; the collector runs again (if it ran
    before) when the last one ends.
    """
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
