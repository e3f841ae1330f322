"""Names: warm lookups and near misses on the bundled data, and the name index at scale.

Run from the project root with the ``bench`` dependency group installed::

    python benchmarks/names.py          # print the results
    python benchmarks/names.py --quick  # small sizes and a few samples: checks the script

The bundled data: warm lookups of known variants and near misses with their suggestions, per
query, next to a bare ``dict.get`` over as many keys measured in the same run, sample by
sample in turn. Targets (issue 3): a known variant <= 2 us median, a near miss <= 100 us.

At scale (issue 14): a synthetic registry of 100,000 people with realistic Korean names
(family names weighted as Korea's are, two-syllable given names from common syllables,
romanized the ways people do, two thirds with their Hangul, some aliases). Printed: the build
time of the index (garbage collector off, as in ``timeit``), its memory (tracemalloc: what
the index keeps, and the peak while building), a lookup of a known spelling per query, and a
near miss with suggestions next to ``rapidfuzz.process.extract`` over the same spelling keys.
Targets: build <= 2 s, memory <= 300 MB, a near miss <= 0.5x rapidfuzz's default extract.

The hostile case: a few hundred people whose given names are twelve hyphenated syllables
with many spellings each (yu/hee/eon/jun...), the input that made the previous index spell
out millions of keys. Printed: the build time and the keys indexed per record.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _timing
from _timing import Sample

import nevertheless_data as nd
from nevertheless_data._hangul import FAMILY_NAMES, romanize_syllable
from nevertheless_data._name_index import NameIndex
from nevertheless_data._name_keys import SYLLABLE_SPELLINGS, name_key, structure

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
    "Kim Min-gyu",
    "Yoon Ji-hoo",
    "Park Jae Yeon",
    "Lee Ho-jun",
    "송강호",
    "Jang Ji-yoon",
)

LOOKUP_TARGET = 2e-6
FUZZY_TARGET = 100e-6
BUILD_TARGET = 2.0
MEMORY_TARGET = 300e6
RAPIDFUZZ_TARGET = 0.5

PEOPLE = 100_000
HOSTILE_PEOPLE = 300
HOSTILE_SYLLABLES = 12
QUICK_PEOPLE = 2_000
QUICK_HOSTILE_PEOPLE = 20


# --- the bundled data ---------------------------------------------------------------------


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


# --- synthetic people ---------------------------------------------------------------------

# Shares of the commonest family names in Korea (percent, rounded), the rest spread thin.
_FAMILY_SHARES = {
    "김": 21, "이": 15, "박": 8, "최": 5, "정": 4, "강": 2, "조": 2, "윤": 2, "장": 2, "임": 2,
    "한": 1, "오": 1, "서": 1, "신": 1, "권": 1, "황": 1, "안": 1, "송": 1, "유": 1, "류": 1,
    "전": 1, "홍": 1, "고": 1, "문": 1, "양": 1, "손": 1, "배": 1, "백": 1, "허": 1, "남": 1,
}  # fmt: skip
# Syllables common in given names.
_GIVEN_SYLLABLES = (
    "민지현서준영수은정우연하진성희원윤호혜재경동유상주훈승예아인빈나태규석도채용선미소혁환"
    "철건한범율솔결별보라다가람열음협완"
)
_ROWS = {spelling: row for row in SYLLABLE_SPELLINGS for spelling in row}


def _romanized(rng: random.Random, syllable: str) -> str:
    """A syllable the way people romanize it: the Revised Romanization or a common variant."""
    revised = romanize_syllable(syllable)
    row = _ROWS.get(revised)
    return rng.choice(row) if row and rng.random() < 0.5 else revised


def synthetic_people(count: int, seed: int = 0) -> list[nd.Person]:
    """``count`` people with realistic Korean names; many share a name, as people do."""
    rng = random.Random(seed)
    families, weights = list(_FAMILY_SHARES), list(_FAMILY_SHARES.values())
    people = []
    for number in range(count):
        family_hangul = rng.choices(families, weights)[0]
        given_hangul = "".join(
            rng.choice(_GIVEN_SYLLABLES) for _ in range(rng.choices((1, 2, 3), (7, 90, 3))[0])
        )
        spellings = FAMILY_NAMES[family_hangul]
        family = spellings[0] if rng.random() < 0.85 else rng.choice(spellings)
        syllables = [_romanized(rng, s) for s in given_hangul]
        name = f"{family} {'-'.join(syllables).capitalize()}"
        aliases = []
        chance = rng.random()
        if chance < 0.1:
            aliases.append(f"{family} {' '.join(s.capitalize() for s in syllables)}")
        elif chance < 0.2:
            aliases.append(f"{''.join(syllables).capitalize()} {family}")
        people.append(
            nd.Person(
                id=f"person-{number}",
                name=name,
                hangul=family_hangul + given_hangul if rng.random() < 0.7 else None,
                aliases=tuple(nd.Alias(text=a, sources=("synthetic",)) for a in aliases),
                sources=("synthetic",),
            )
        )
    return people


_HOSTILE_SPELLINGS = ("yu", "yoo", "hee", "hui", "heui", "eon", "uhn", "on", "un", "jun", "joon")


def hostile_people(
    count: int, syllables: int = HOSTILE_SYLLABLES, seed: int = 0
) -> list[nd.Person]:
    """``count`` people with ``syllables`` hyphenated syllables of many spellings each."""
    rng = random.Random(seed)
    return [
        nd.Person(
            id=f"hostile-{number}",
            name=f"{rng.choice(('Kim', 'Lee', 'Park', 'Yoo'))} "
            + "-".join(rng.choice(_HOSTILE_SPELLINGS) for _ in range(syllables)).capitalize(),
            sources=("synthetic",),
        )
        for number in range(count)
    ]


def _respelled(rng: random.Random, name: str) -> str:
    """``name`` with each syllable spelled any way its row allows, in either order."""
    family, given = structure(name)
    syllables = [rng.choice(_ROWS.get(s, (s,))) for s in given]
    if not family:
        return "-".join(syllables)
    if rng.random() < 0.5:
        return f"{''.join(syllables)} {family}"
    return f"{family} {'-'.join(syllables)}"


def _spelling_keys(people: Sequence[nd.Person]) -> list[str]:
    """The keys near misses are compared with: each record's name, aliases, name in Western
    order, Hangul and romanized Hangul, once each, as the index holds them."""
    keys: dict[str, None] = {}
    for person in people:
        family, given = structure(person.name)
        texts = [person.name, *(a.text for a in person.aliases)]
        if family:
            texts.append(f"{'-'.join(given)} {family}")
        if person.hangul:
            texts.append(person.hangul)
            with suppress(ValueError):
                texts.append(nd.romanize_name(person.hangul))
        keys.update(dict.fromkeys(key for key in map(name_key, texts) if key))
    return list(keys)


# --- at scale ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """What the name index costs for one registry."""

    people: int
    build: Sample
    kept_bytes: int
    peak_bytes: int
    samples: dict[str, Sample]
    keys_per_record: float = 0.0
    most_keys: int = 0
    prefixes_per_record: float = 0.0


def _build(people: Sequence[nd.Person], repeat: int) -> tuple[NameIndex[nd.Person], Sample]:
    index = NameIndex.build(people)
    seconds = tuple(_timing.time_call(lambda: NameIndex.build(people)) for _ in range(repeat))
    return index, Sample("build", seconds)


def _memory(people: Sequence[nd.Person]) -> tuple[int, int]:
    """Bytes the index keeps, and the peak while building it (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        index = NameIndex.build(people)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del index
    return kept, peak


def _keys_per_record(index: NameIndex[nd.Person]) -> Counter[int]:
    """How many table entries lead to each record: what 'keys per record' counts."""
    tables = index._tables
    counts: Counter[int] = Counter()
    for table in (tables.written, tables.hangul_given, tables.keys, tables.parts):
        for found in table.values():
            counts.update((found,) if isinstance(found, int) else found)
    counts.update(tables.suggester.owners())
    return counts


def at_scale(count: int, repeat: int) -> Scale:
    """Build, memory, known-spelling lookups and near misses against rapidfuzz, at ``count``."""
    from rapidfuzz import fuzz, process

    people = synthetic_people(count)
    index, build = _build(people, max(1, repeat // 10))
    # Each sample lasts one call of the slowest (rapidfuzz's extract): a few samples suffice.
    repeat = max(2, repeat // 8)
    kept, peak = _memory(people)
    rng = random.Random(1)
    known: list[str] = []
    for person in rng.sample(people, min(200, count)):
        for text in (person.name, person.name.upper(), _respelled(rng, person.name)):
            if index.resolve(text) is person:
                known.append(text)
    misses: list[str] = []
    for person in rng.sample(people, min(200, count)):
        middle = len(person.name) // 2
        text = person.name[:middle] + "x" + person.name[middle + 1 :]
        if index.resolve(text) is None and len(misses) < 10:
            misses.append(text)
    keys = _spelling_keys(people)
    misses_keys = [name_key(text) for text in misses]

    def lookups() -> None:
        for text in known:
            index.resolve(text)

    def near_misses() -> None:
        for text in misses:
            if index.resolve(text) is None:
                index.search(text)

    def extract() -> None:
        for key in misses_keys:
            process.extract(key, keys, limit=5)

    def extract_ratio() -> None:
        for key in misses_keys:
            process.extract(key, keys, scorer=fuzz.ratio, limit=5)

    samples = _timing.compare(
        {
            "lookup of a known spelling": lookups,
            "near miss: no match, then the suggestions": near_misses,
            "rapidfuzz.process.extract (WRatio, its default)": extract,
            "rapidfuzz.process.extract, scorer=fuzz.ratio": extract_ratio,
        },
        repeat,
        per={
            "lookup of a known spelling": len(known),
            "near miss: no match, then the suggestions": len(misses),
            "rapidfuzz.process.extract (WRatio, its default)": len(misses),
            "rapidfuzz.process.extract, scorer=fuzz.ratio": len(misses),
        },
        sample_seconds=None,
    )
    return Scale(count, build, kept, peak, samples)


def hostile(count: int, repeat: int) -> Scale:
    """Build and keys per record for ``count`` hostile people, and lookups of variants."""
    people = hostile_people(count)
    index, build = _build(people, repeat)
    kept, peak = _memory(people)
    per_record = _keys_per_record(index)
    rng = random.Random(2)
    variants = [_respelled(rng, person.name) for person in people[:50]]
    assert all(index.exact(t) for t in variants), "a variant of a hostile name found no one"

    def lookups() -> None:
        for text in variants:
            index.exact(text)

    samples = _timing.compare({"exact(variant)": lookups}, repeat, per=len(variants))
    return Scale(
        count,
        build,
        kept,
        peak,
        samples,
        keys_per_record=sum(per_record.values()) / count,
        most_keys=max(per_record.values()),
        prefixes_per_record=len(index._tables.prefixes) / count,
    )


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.0f} MB"


def main(argv: list[str] | None = None) -> int:
    """Print each figure with its baseline and whether it meets its target."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: checks the script")
    args = parser.parse_args(argv)
    repeat = 3 if args.quick else 40
    samples = measure(repeat)
    baseline = samples["dict.get"]
    targets = {
        "lookup of a known variant": LOOKUP_TARGET,
        "near miss: NameNotFound with suggestions": FUZZY_TARGET,
    }
    variants = len(PEOPLE_VARIANTS) + len(CHARACTER_VARIANTS)
    print(f"bundled data: {variants} known variants, {len(NEAR_MISSES)} near misses")
    for label, sample in samples.items():
        print(f"{label}: {sample.describe()} per query")
        if label in targets:
            met = "met" if sample.median <= targets[label] else "MISSED"
            target = _timing.format_seconds(targets[label])
            print(f"   = {sample.ratio(baseline):.1f}x dict.get; target <= {target}: {met}")
    scale = at_scale(QUICK_PEOPLE if args.quick else PEOPLE, repeat)
    print(f"\n{scale.people:,} synthetic people")
    print(f"build: {scale.build.describe()}; target <= {BUILD_TARGET:g} s")
    print(f"memory: {_megabytes(scale.kept_bytes)} kept, {_megabytes(scale.peak_bytes)} peak")
    rapidfuzz = scale.samples["rapidfuzz.process.extract (WRatio, its default)"]
    for label, sample in scale.samples.items():
        print(f"{label}: {sample.describe()} per query")
    miss = scale.samples["near miss: no match, then the suggestions"]
    print(f"   near miss = {miss.ratio(rapidfuzz):.3f}x rapidfuzz; target <= {RAPIDFUZZ_TARGET}")
    bad = hostile(QUICK_HOSTILE_PEOPLE if args.quick else HOSTILE_PEOPLE, repeat)
    print(f"\n{bad.people} hostile people, {HOSTILE_SYLLABLES} syllables each")
    print(f"build: {bad.build.describe()}; memory {_megabytes(bad.kept_bytes)} kept")
    print(
        f"keys per record: {bad.keys_per_record:.1f} on average, {bad.most_keys} at most; "
        f"class-key prefixes: {bad.prefixes_per_record:.1f} per record"
    )
    for label, sample in bad.samples.items():
        print(f"{label}: {sample.describe()} per query")
    return 0


if __name__ == "__main__":
    sys.exit(main())
