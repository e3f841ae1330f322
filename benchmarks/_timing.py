"""Timing helpers shared by the benchmark scripts: samples, medians and ratios to baselines.

The machines these run on are shared and noisy, so a figure means something only next to a
baseline measured in the same run: :func:`compare` alternates the subject and its baselines
sample by sample, so drift and bursts of load hit them alike, and every figure is reported
as median, min and max with its ratio to the baseline: the median of the ratios of the
samples taken side by side.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "Command",
    "Sample",
    "calls_per_sample",
    "compare",
    "compare_processes",
    "compare_reported",
    "format_bytes",
    "format_seconds",
    "process_seconds",
    "reported_seconds",
    "time_call",
]


@dataclass(frozen=True)
class Sample:
    """Repeated timings of one thing, in seconds per unit (per call, per query, per record);
    or, with ``unit="B"``, repeated measures of memory in bytes."""

    label: str
    seconds: tuple[float, ...]
    unit: str = "s"

    @property
    def median(self) -> float:
        """The median time per unit."""
        return statistics.median(self.seconds)

    @property
    def min(self) -> float:
        """The fastest time per unit."""
        return min(self.seconds)

    @property
    def max(self) -> float:
        """The slowest time per unit."""
        return max(self.seconds)

    def ratio(self, baseline: Sample) -> float:
        """How many times the baseline's time this takes.

        Samples taken in turns (as many of each, from :func:`compare` and its kin) are paired
        by turn, and the ratio is the median of the ratios of each pair: a pair's two
        samples are taken moments apart, so the drift of a shared machine between turns
        cancels out. Otherwise it is this median over the baseline's median.
        """
        if len(self.seconds) != len(baseline.seconds):
            return self.median / baseline.median
        return statistics.median(
            mine / theirs for mine, theirs in zip(self.seconds, baseline.seconds, strict=True)
        )

    def describe(self) -> str:
        """``median (min-max)`` in readable units."""
        show = format_bytes if self.unit == "B" else format_seconds
        return f"{show(self.median)} ({show(self.min)}-{show(self.max)})"


def format_bytes(count: float) -> str:
    """A size in MB (10**6 bytes) with three significant digits."""
    return f"{count / 1e6:.3g} MB"


def format_seconds(seconds: float) -> str:
    """A duration with a unit that keeps three significant digits: ``1.23 us``, ``45.6 ms``."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def time_call(func: Callable[[], object], number: int = 1, *, with_gc: bool = False) -> float:
    """CPU seconds per call of ``func`` over ``number`` back-to-back calls.

    The garbage collector is off, as in :mod:`timeit`: a collection of the whole heap landing
    in one sample would say more about the heap than about ``func``. ``with_gc`` leaves it on,
    for the figures whose point is what the collector costs as the data grows.
    """
    gc_was_enabled = gc.isenabled()
    if not with_gc:
        gc.disable()
    try:
        start = time.process_time()
        for _ in range(number):
            func()
        return (time.process_time() - start) / number
    finally:
        if gc_was_enabled:
            gc.enable()


def calls_per_sample(func: Callable[[], object], target: float = 0.02) -> int:
    """How many calls of ``func`` fill about ``target`` seconds (at least one)."""
    number = 1
    while True:
        elapsed = time_call(func, number) * number
        if elapsed >= target / 10 or number >= 1 << 24:
            return max(1, int(number * target / max(elapsed, 1e-9)))
        number *= 10


def compare(
    funcs: dict[str, Callable[[], object]],
    repeat: int,
    *,
    per: int | dict[str, int] = 1,
    number: int | None = None,
    sample_seconds: float | None = 0.02,
    with_gc: bool = False,
) -> dict[str, Sample]:
    """Time each of ``funcs`` ``repeat`` times, alternating them sample by sample.

    Each sample is ``number`` calls, by default as many as fill about ``sample_seconds``, or
    with ``sample_seconds=None`` as many as last about as long as one call of the slowest
    function; its time is divided by the function's ``per`` units. Every function runs once
    before timing starts. ``with_gc``: see :func:`time_call`.

    Samples of equal length matter where the functions take very different times: on a
    machine whose neighbours load it in bursts, a short sample lands either in a burst or
    out of one, while a long one averages over both, so their medians would differ for
    reasons other than the code.
    """
    one_call = {label: time_call(func) for label, func in funcs.items()}
    target = max(one_call.values()) if sample_seconds is None else sample_seconds
    counts = {label: number or calls_per_sample(func, target) for label, func in funcs.items()}
    units = per if isinstance(per, dict) else dict.fromkeys(funcs, per)
    seconds: dict[str, list[float]] = {label: [] for label in funcs}
    for _ in range(repeat):
        for label, func in funcs.items():
            elapsed = time_call(func, counts[label], with_gc=with_gc)
            seconds[label].append(elapsed / units[label])
    return {label: Sample(label, tuple(values)) for label, values in seconds.items()}


@dataclass(frozen=True)
class Command:
    """A command to run in a fresh process, and the directory to run it in."""

    argv: tuple[str, ...]
    cwd: str | None = None
    env: tuple[tuple[str, str], ...] | None = None


def process_seconds(command: Command) -> float:
    """CPU seconds (user and system) of one run of ``command``, which must succeed."""
    process = subprocess.Popen(
        command.argv,
        cwd=command.cwd,
        env=None if command.env is None else dict(command.env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command.argv)
    return usage.ru_utime + usage.ru_stime


def _in_turns(runs: dict[str, Callable[[], dict[str, float]]], repeat: int) -> dict[str, Sample]:
    """Call each of ``runs`` ``repeat`` times, in turns, and sample every figure it returns.

    Each runs once first, untimed, so bytecode caches are written and files cached. Figures
    are keyed by the labels they are returned under, which must not clash between runs.
    """
    for run in runs.values():
        run()
    seconds: dict[str, list[float]] = {}
    for _ in range(repeat):
        for run in runs.values():
            for label, value in run().items():
                seconds.setdefault(label, []).append(value)
    return {label: Sample(label, tuple(values)) for label, values in seconds.items()}


def _labelled_process_seconds(label: str, command: Command) -> dict[str, float]:
    return {label: process_seconds(command)}


def compare_processes(commands: dict[str, Command], repeat: int) -> dict[str, Sample]:
    """Time each command ``repeat`` times, alternating them run by run (and one untimed run)."""
    return _in_turns(
        {
            label: functools.partial(_labelled_process_seconds, label, command)
            for label, command in commands.items()
        },
        repeat,
    )


def reported_seconds(command: Command) -> dict[str, float]:
    """The figures, in seconds, that one run of ``command`` prints as a JSON object."""
    result = subprocess.run(
        command.argv,
        cwd=command.cwd,
        env=None if command.env is None else dict(command.env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=True,
    )
    return {label: float(seconds) for label, seconds in json.loads(result.stdout).items()}


def compare_reported(commands: dict[str, Command], repeat: int) -> dict[str, Sample]:
    """Run each command ``repeat`` times, alternating them, and sample every figure reported.

    The commands measure themselves (see :func:`reported_seconds`); the figures are keyed by
    the labels they are reported under, which must not clash between commands.
    """
    return _in_turns(
        {
            label: functools.partial(reported_seconds, command)
            for label, command in commands.items()
        },
        repeat,
    )
