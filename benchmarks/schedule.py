"""Schedule conversion speed: one slot's airings converted to every zone, against raw astimezone.

Issue 4's target: the 10 airings of one slot converted to every zone of
``zoneinfo.available_timezones()`` within 1.5x of a raw loop of ``datetime.astimezone`` over
prebuilt ZoneInfo objects, measured in the same run. The subject and its baseline alternate
sample by sample (see ``_timing.compare``); figures are CPU time per converted airing.

Run from the checkout: ``python benchmarks/schedule.py``.
"""

from __future__ import annotations

import argparse
import sys
import zoneinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _timing
from _timing import Sample

import nevertheless_data as nd

TARGET = 1.5
BASELINE = "raw loop: start.astimezone(zone), prebuilt ZoneInfo objects"
SUBJECT = "schedule.in_zone(zone) for every ZoneInfo"


def measure(repeat: int) -> tuple[dict[str, Sample], int, int]:
    """CPU time per converted airing of each way to convert, the raw loop first; the number
    of airings and of zones."""
    schedule = nd.Schedule([nd.load().slot("jtbc-kr")])
    keys = sorted(zoneinfo.available_timezones())
    zones = [zoneinfo.ZoneInfo(key) for key in keys]
    starts = [airing.start for airing in schedule]
    conversions = len(zones) * len(starts)

    def raw_astimezone() -> object:
        return [[start.astimezone(zone) for start in starts] for zone in zones]

    def in_zone() -> object:
        return [schedule.in_zone(zone) for zone in zones]

    def in_zone_by_key() -> object:
        return [schedule.in_zone(key) for key in keys]

    def in_zone_and_read_airings() -> object:
        return [schedule.in_zone(zone).airings() for zone in zones]

    # The same instants either way, before anything is timed.
    for zone, converted in zip(zones, in_zone(), strict=True):
        assert [a.start for a in converted] == [s.astimezone(zone) for s in starts]  # type: ignore[attr-defined]

    labels = {
        BASELINE: raw_astimezone,
        SUBJECT: in_zone,
        "schedule.in_zone(key) for every key string": in_zone_by_key,
        "schedule.in_zone(zone).airings(): Airing records built too": in_zone_and_read_airings,
    }
    return _timing.compare(labels, repeat, per=conversions), len(starts), len(zones)


def main(argv: list[str] | None = None) -> int:
    """Print each way's time per airing and its ratio to the raw loop."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=31, help="samples per measurement")
    args = parser.parse_args(argv)
    samples, airings, zone_count = measure(args.repeat)
    labels = list(samples)
    baseline = samples[BASELINE]

    conversions = airings * zone_count
    print(f"{airings} airings x {zone_count} zones = {conversions} conversions per call")
    print(f"median CPU time per converted airing (min-max), {args.repeat} samples each\n")
    width = max(map(len, labels))
    for label, sample in samples.items():
        print(f"{label:<{width}}  {sample.describe():>28}  {sample.ratio(baseline):5.2f}x")
    ratio = samples[SUBJECT].ratio(baseline)
    verdict = "met" if ratio <= TARGET else "MISSED"
    print(f"\ntarget: in_zone within {TARGET}x of the raw loop: {ratio:.2f}x, {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
