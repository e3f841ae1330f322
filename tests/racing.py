"""Run one task in several threads started at once, for the tests that race shared state."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

THREADS = 8
"""How many threads :func:`race` starts."""


def race(task: Callable[[], Any]) -> list[Any]:
    """``task``'s result in each of several threads started at once."""
    barrier = threading.Barrier(THREADS)
    results: list[Any] = [None] * THREADS
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        barrier.wait()
        try:
            results[index] = task()
        except BaseException as error:  # collected, re-raised in the test's thread
            errors.append(error)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch)
    if errors:
        raise errors[0]
    return results
