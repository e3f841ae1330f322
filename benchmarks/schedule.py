"""Schedule speed: conversion to every zone, building at 1,000 and 10,000 airings, next_airing.

Three measurements, each next to a baseline measured in the same run, subject and baselines
alternating sample by sample (see ``_timing.compare``); figures are CPU time.

- Conversion (issue 4): the 10 airings of one slot converted to every IANA zone, within 1.5x
  of a raw loop of ``datetime.astimezone`` over prebuilt ZoneInfo objects; per airing.
- Building (issue 14): ``Schedule(slots)`` for 1,000 and for 10,000 airings, per airing; the
  10,000-airing build within 1.15x of the 1,000-airing one per airing (linear). The placement
  alone (what the integrity check of a dataset computes) is shown too.
- ``next_airing`` (issue 14) on the 10,000-airing schedule, with and without a platform or
  region filter, at most 5 us per query; next to a baseline of the least any such query can
  do: ``bisect_right`` on a plain sorted list of UTC instants, after converting the query's
  datetime to UTC as well.

Run from the checkout: ``python benchmarks/schedule.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import zoneinfo
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _timing
from _timing import Sample

import nevertheless_data as nd
from nevertheless_data._recurrence import place
from nevertheless_data._zones import iana_keys

TARGET = 1.5
BASELINE = "raw loop: start.astimezone(zone), prebuilt ZoneInfo objects"
SUBJECT = "schedule.in_zone(zone) for every ZoneInfo"

BUILD_TARGET = 1.15
BUILD_SMALL = "Schedule(slots), 1,000 airings"
BUILD_LARGE = "Schedule(slots), 10,000 airings"
PLACE_SMALL = "place(slots) alone, 1,000 airings"
PLACE_LARGE = "place(slots) alone, 10,000 airings"

NEXT_LIMIT = 5e-6
NEXT_BASELINE = "baseline: bisect_right on a sorted list of UTC instants"
NEXT_SUBJECTS = (
    "next_airing(after), 10,000 airings",
    "next_airing(after, platform='tvN'), 10,000 airings",
    "next_airing(after, platform='JTBC', region='kr'), 10,000 airings",
)
_NEXT_FILTERS: tuple[tuple[str | None, str | None], ...] = (
    (None, None),
    ("tvN", None),
    ("JTBC", "kr"),
)
_QUERIES = 1000


def measure(repeat: int) -> tuple[dict[str, Sample], int, int]:
    """CPU time per converted airing of each way to convert, the raw loop first; the number
    of airings and of zones."""
    schedule = nd.Schedule([nd.load().slots["jtbc-kr"]])
    keys = sorted(iana_keys())
    zones = [zoneinfo.ZoneInfo(key) for key in keys]
    starts = [airing.start for airing in schedule]
    conversions = len(zones) * len(starts)

    def raw_astimezone() -> object:
        return [[start.astimezone(zone) for start in starts] for zone in zones]

    def in_zone() -> list[nd.Schedule]:
        return [schedule.in_zone(zone) for zone in zones]

    def in_zone_by_key() -> object:
        return [schedule.in_zone(key) for key in keys]

    def in_zone_and_read_airings() -> object:
        return [schedule.in_zone(zone).airings() for zone in zones]

    # The same instants either way, before anything is timed.
    for zone, converted in zip(zones, in_zone(), strict=True):
        assert [a.start for a in converted] == [s.astimezone(zone) for s in starts]

    labels = {
        BASELINE: raw_astimezone,
        SUBJECT: in_zone,
        "schedule.in_zone(key) for every key string": in_zone_by_key,
        "schedule.in_zone(zone).airings(): Airing records built too": in_zone_and_read_airings,
    }
    return _timing.compare(labels, repeat, per=conversions), len(starts), len(zones)


def slots(episodes: int) -> list[nd.BroadcastSlot]:
    """Ten weekly slots of ``episodes`` episodes, on two platforms in two zones (one with
    daylight-saving time), and a slot derived from each: ``20 * episodes`` airings."""
    found: list[nd.BroadcastSlot] = []
    for index in range(10):
        zone, platform, region = (
            ("Asia/Seoul", "JTBC", "KR"),
            ("America/New_York", "tvN", "US"),
        )[index % 2]
        first = dt.date(2000, 1, 1) + dt.timedelta(days=index)
        weekly = nd.BroadcastSlot(
            id=f"weekly-{index}",
            platform=platform,
            region=region,
            sources=("source",),
            recurrence=nd.WeeklyRecurrence(
                weekday=nd.Weekday.of(first),
                time=dt.time(20, index),
                zone=zoneinfo.ZoneInfo(zone),
                first_date=first,
            ),
            first_episode=1,
            last_episode=episodes,
        )
        derived = nd.BroadcastSlot(
            id=f"derived-{index}",
            platform="Netflix",
            region="worldwide",
            sources=("source",),
            follows=nd.SlotOffset(base=weekly.id, minutes=60 + index),
        )
        found += [weekly, derived]
    return found


def measure_build(repeat: int) -> dict[str, Sample]:
    """CPU time per airing of building a schedule of 1,000 and of 10,000 airings."""
    small, large = slots(50), slots(500)
    assert len(nd.Schedule(small)) == 1000
    assert len(nd.Schedule(large)) == 10_000
    labels = {
        BUILD_SMALL: lambda: nd.Schedule(small),
        BUILD_LARGE: lambda: nd.Schedule(large),
        PLACE_SMALL: lambda: place(small),
        PLACE_LARGE: lambda: place(large),
    }
    per = {BUILD_SMALL: 1000, BUILD_LARGE: 10_000, PLACE_SMALL: 1000, PLACE_LARGE: 10_000}
    # Samples of a few 10,000-airing builds each: a sample of one build would be as long as
    # a burst of load on a shared machine, and tell more about the burst than the build.
    return _timing.compare(labels, repeat, per=per, sample_seconds=0.15)


def measure_next(repeat: int) -> dict[str, Sample]:
    """CPU time per query of next_airing on 10,000 airings, with and without a filter, and of
    the plain bisection it cannot beat."""
    schedule = nd.Schedule(slots(500))
    instants = [airing.instant for airing in schedule]
    airings = list(schedule)
    seoul = zoneinfo.ZoneInfo("Asia/Seoul")
    low, high = instants[0], instants[-1]
    rng = random.Random(14)
    # Aware datetimes in a zone, as callers pass them, spread over the whole schedule.
    afters = [
        (low + (high - low) * rng.random()).astimezone(seoul).replace(microsecond=0)
        for _ in range(_QUERIES)
    ]
    utc = dt.UTC

    def baseline() -> object:
        found = None
        for after in afters:
            index = bisect_right(instants, after.astimezone(utc))
            found = airings[index] if index < len(airings) else None
        return found

    def subject(platform: str | None, region: str | None) -> Callable[[], object]:
        def queries() -> object:
            next_airing = schedule.next_airing
            found = None
            for after in afters:
                found = next_airing(after, platform, region)
            return found

        return queries

    for (platform, region), after in zip(_NEXT_FILTERS * 10, afters, strict=False):
        expected = [
            a for a in schedule.airings(platform, region) if a.instant > after.astimezone(dt.UTC)
        ]
        assert schedule.next_airing(after, platform, region) == (expected[0] if expected else None)
    labels: dict[str, Callable[[], object]] = {NEXT_BASELINE: baseline}
    for label, (platform, region) in zip(NEXT_SUBJECTS, _NEXT_FILTERS, strict=True):
        labels[label] = subject(platform, region)
    return _timing.compare(labels, repeat, per=_QUERIES)


def main(argv: list[str] | None = None) -> int:
    """Print each figure, its ratio to its baseline and whether its target is met."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=31, help="samples per measurement")
    args = parser.parse_args(argv)
    print(f"median CPU time (min-max), {args.repeat} samples each")

    samples, airings, zone_count = measure(args.repeat)
    baseline = samples[BASELINE]
    print(f"\nconversion: {airings} airings x {zone_count} zones, per converted airing")
    width = max(map(len, samples))
    for label, sample in samples.items():
        print(f"{label:<{width}}  {sample.describe():>28}  {sample.ratio(baseline):5.2f}x")
    ratio = samples[SUBJECT].ratio(baseline)
    verdict = "met" if ratio <= TARGET else "MISSED"
    print(f"target: in_zone within {TARGET}x of the raw loop: {ratio:.2f}x, {verdict}")

    built = measure_build(args.repeat)
    print("\nbuilding, per airing")
    width = max(map(len, built))
    for label, sample in built.items():
        print(f"{label:<{width}}  {sample.describe():>28}")
    growth = built[BUILD_LARGE].ratio(built[BUILD_SMALL])
    placing = built[PLACE_LARGE].ratio(built[PLACE_SMALL])
    verdict = "met" if growth <= BUILD_TARGET else "MISSED"
    print(f"10,000 vs 1,000 airings, per airing: Schedule {growth:.2f}x, place {placing:.2f}x")
    print(f"target: Schedule within {BUILD_TARGET}x: {growth:.2f}x, {verdict}")

    queries = measure_next(args.repeat)
    base = queries[NEXT_BASELINE]
    print("\nnext_airing, per query")
    width = max(map(len, queries))
    for label, sample in queries.items():
        print(f"{label:<{width}}  {sample.describe():>28}  {sample.ratio(base):5.2f}x")
    for label in NEXT_SUBJECTS:
        median = queries[label].median
        verdict = "met" if median <= NEXT_LIMIT else "MISSED"
        print(f"target: {label} <= 5 us median: {_timing.format_seconds(median)}, {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
