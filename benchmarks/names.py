"""Names: warm lookups of known name variants and fuzzy suggestions, against a bare dict.get.

Run from the project root::

    python benchmarks/names.py          # print the results
    python benchmarks/names.py --quick  # a few samples, to check the script works

Every figure is per query, the median of its samples with min and max, next to a bare
``dict.get`` over as many keys measured in the same run, sample by sample in turn: the
ratio is what to compare between machines. The targets (issue 3) are absolute: a warm lookup
of a known variant <= 2 us median, a fuzzy suggestion <= 100 us.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _timing
from _timing import Sample

import nevertheless_data as nd

# Every way the issue says a name arrives, each resolving to one record.
PEOPLE_VARIANTS = (
    "Han So-hee",
    "Han So Hee",
    "HAN SO HEE",
    "han sohee",
    "Sohee Han",
    "Han So-hui",
    "한소희",
    "한 소희",
    "Ｈａｎ Ｓｏ-ｈｅｅ",
    "Kang song",
    "Yan Hye Ji",
    "Lee ho jung",
    "Rhee Ho-jeong",
    "Yoon Seo A",
    "Kim Mu-jun",
    "Suh Beom-jun",
    "Chae Jong-hyup",
    "PD Kim Ga-ram",
)
CHARACTER_VARIANTS = (
    "Yoo Na-bi",
    "Yu Na-bi",
    "Yoo Na Bi",
    "Nabi",
    "나비",
    "Park Jae Uhn",
    "Jae-eon",
    "Bak Jae-un",
    "Yang Do-hyuk",
    "Nam Kyu-hyeon",
)
# Near misses: each raises NameNotFound carrying its suggestions.
NEAR_MISSES = (
    "Song Kang-ho",
    "Han Sohi",
    "Kim",
    "Yoon Ji-hoo",
    "Park Jae Yeon",
    "Lee Ho-jun",
    "송강호",
    "Jang Ji-yoon",
)

LOOKUP_TARGET = 2e-6
FUZZY_TARGET = 100e-6


def _lookups(ds: nd.Dataset) -> Callable[[], object]:
    people, characters = ds.people.lookup, ds.characters.lookup

    def run() -> None:
        for text in PEOPLE_VARIANTS:
            people(text)
        for text in CHARACTER_VARIANTS:
            characters(text)

    return run


def _near_misses(ds: nd.Dataset) -> Callable[[], object]:
    lookup = ds.people.lookup

    def run() -> None:
        for text in NEAR_MISSES:
            try:
                lookup(text)
            except nd.NameNotFound:
                pass
            else:
                raise AssertionError(f"{text!r} should find no one")

    return run


def _dict_gets() -> Callable[[], object]:
    keys = [*PEOPLE_VARIANTS, *CHARACTER_VARIANTS]
    table = {key: key for key in keys}
    get = table.get

    def run() -> None:
        for key in keys:
            get(key)

    return run


def measure(repeat: int) -> dict[str, Sample]:
    """Per-query samples of the baseline, the variant lookups and the near misses."""
    ds = nd.load()
    queries = len(PEOPLE_VARIANTS) + len(CHARACTER_VARIANTS)
    return _timing.compare(
        {
            "dict.get": _dict_gets(),
            "lookup of a known variant": _lookups(ds),
            "near miss: NameNotFound with suggestions": _near_misses(ds),
        },
        repeat,
        per={
            "dict.get": queries,
            "lookup of a known variant": queries,
            "near miss: NameNotFound with suggestions": len(NEAR_MISSES),
        },
    )


def main(argv: list[str] | None = None) -> int:
    """Print each figure with its ratio to dict.get and whether it meets its target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few samples: checks the script")
    args = parser.parse_args(argv)
    samples = measure(3 if args.quick else 40)
    baseline = samples["dict.get"]
    targets = {
        "lookup of a known variant": LOOKUP_TARGET,
        "near miss: NameNotFound with suggestions": FUZZY_TARGET,
    }
    variants = len(PEOPLE_VARIANTS) + len(CHARACTER_VARIANTS)
    print(f"{variants} known variants, {len(NEAR_MISSES)} near misses")
    for label, sample in samples.items():
        print(f"{label}: {sample.describe()} per query")
        if label in targets:
            met = "met" if sample.median <= targets[label] else "MISSED"
            target = _timing.format_seconds(targets[label])
            print(f"   = {sample.ratio(baseline):.1f}x dict.get; target <= {target}: {met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
