"""The schedule: airings exact in every zone, DST gaps and folds, derived slots, queries."""

from __future__ import annotations

import datetime as dt
import itertools
import pickle
import types
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import nevertheless_data as nd

from . import helpers
from .helpers import race, write_raw
from .strategies import (
    DST_ZONES,
    EXTREME_ZONES,
    any_weekly_slots,
    any_zone_key,
    derived_slot,
    raw_files,
    runtimes,
    schedule_slots,
    slot_disputes,
    slots_near_the_limits,
    weekly_slot,
)

UTC = dt.UTC
ZoneInfo = zoneinfo.ZoneInfo
COMPATIBLE, EARLIER, LATER, RAISE = (
    nd.Disambiguate.COMPATIBLE,
    nd.Disambiguate.EARLIER,
    nd.Disambiguate.LATER,
    nd.Disambiguate.RAISE,
)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


def wall(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=None)


def exists(local: dt.datetime, zone: ZoneInfo) -> bool:
    """Whether the naive wall time happens in the zone (it is not skipped)."""
    return wall(local.replace(tzinfo=zone, fold=0).astimezone(UTC).astimezone(zone)) == local


def fold_offsets(local: dt.datetime, zone: ZoneInfo) -> tuple[dt.timedelta, dt.timedelta]:
    """The UTC offsets PEP 495 gives the wall time with fold=0 and with fold=1."""
    first = local.replace(tzinfo=zone, fold=0).utcoffset()
    second = local.replace(tzinfo=zone, fold=1).utcoffset()
    assert first is not None
    assert second is not None
    return first, second


def intended(slot: nd.BroadcastSlot, episode: int) -> dt.datetime:
    """The naive wall time a weekly slot means for an episode, before any clock change."""
    assert slot.recurrence is not None
    assert slot.first_episode is not None
    day = slot.recurrence.first_date + dt.timedelta(weeks=episode - slot.first_episode)
    return dt.datetime.combine(day, slot.recurrence.time)


def with_policy(slot: nd.BroadcastSlot, policy: nd.Disambiguate) -> nd.BroadcastSlot:
    assert slot.recurrence is not None
    return attrs.evolve(slot, recurrence=attrs.evolve(slot.recurrence, disambiguate=policy))


def ny_airing(local: dt.datetime, policy: nd.Disambiguate) -> nd.Airing:
    slot = weekly_slot("ny", "America/New_York", local, range(1, 2), disambiguate=policy)
    return nd.Schedule([slot]).airings()[0]


# The awkward zones on the weeks of their 2021 clock changes, at wall times they skip or repeat.
PINNED_SLOTS = (
    weekly_slot("ny-gap", "America/New_York", dt.datetime(2021, 2, 28, 2, 30), range(1, 5)),
    weekly_slot("ny-fold", "America/New_York", dt.datetime(2021, 10, 24, 1, 30), range(1, 5)),
    weekly_slot("london", "Europe/London", dt.datetime(2021, 3, 21, 1, 30), range(1, 34)),
    weekly_slot("dublin", "Europe/Dublin", dt.datetime(2021, 3, 21, 1, 15), range(1, 34)),
    weekly_slot("howe-fold", "Australia/Lord_Howe", dt.datetime(2021, 3, 28, 1, 45), range(1, 3)),
    weekly_slot("howe-gap", "Australia/Lord_Howe", dt.datetime(2021, 9, 26, 2, 15), range(1, 3)),
    weekly_slot("chile-fold", "America/Santiago", dt.datetime(2021, 3, 27, 23, 30), range(1, 3)),
    weekly_slot("chile-gap", "America/Santiago", dt.datetime(2021, 8, 29, 0, 30), range(1, 3)),
    weekly_slot("chatham", "Pacific/Chatham", dt.datetime(2021, 3, 28, 3, 0), range(1, 28)),
)

Test = Callable[..., Any]


def pin_awkward_zones(test: Test) -> Test:
    """``@example`` every pinned slot under every policy that places it."""
    for slot in PINNED_SLOTS:
        for policy in (COMPATIBLE, EARLIER, LATER):
            test = example(slot=with_policy(slot, policy))(test)
    return test


def test_the_pinned_slots_meet_a_gap_and_a_fold_in_every_awkward_zone() -> None:
    met = set()
    for slot in PINNED_SLOTS:
        assert slot.recurrence is not None
        zone = slot.recurrence.zone
        for airing in nd.Schedule([slot]):
            first, second = fold_offsets(intended(slot, airing.episode), zone)
            if first != second:
                met.add((str(zone), "fold" if first > second else "gap"))
    assert met == {(zone, kind) for zone in DST_ZONES for kind in ("gap", "fold")}


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=500)
@given(slot=any_weekly_slots)
@pin_awkward_zones
@example(  # Casey's clocks fell back three hours; the time carries fold=1, the policy decides.
    slot=weekly_slot("casey", "Antarctica/Casey", dt.datetime(2012, 2, 22, 1, fold=1), range(1, 2))
)
def test_every_airing_is_on_its_weekday_and_wall_time_or_moved_by_the_gap(
    slot: nd.BroadcastSlot,
) -> None:
    assert slot.recurrence is not None
    zone, policy = slot.recurrence.zone, slot.recurrence.disambiguate
    for airing in nd.Schedule([slot]):
        meant = intended(slot, airing.episode)
        assert airing.start.tzinfo is zone
        assert exists(wall(airing.start), zone), "a start is always a real wall time"
        first, second = fold_offsets(meant, zone)
        if first == second:
            assert wall(airing.start) == meant
            assert airing.start.weekday() == slot.recurrence.weekday.number
            assert airing.start.time() == slot.recurrence.time
            assert airing.instant == (meant - first).replace(tzinfo=UTC)
        elif first > second:  # repeated: the same wall time, at the chosen occurrence
            assert wall(airing.start) == meant
            chosen = second if policy is LATER else first
            assert airing.start.utcoffset() == chosen
            assert airing.instant == (meant - chosen).replace(tzinfo=UTC)
        else:  # skipped: moved by the length of the gap
            assert not exists(meant, zone)
            gap = second - first
            assert wall(airing.start) == (meant - gap if policy is EARLIER else meant + gap)


@settings(max_examples=300)
@given(slot=any_weekly_slots)
@pin_awkward_zones
def test_airings_strictly_increase_seven_local_days_apart(slot: nd.BroadcastSlot) -> None:
    assert slot.recurrence is not None
    zone = slot.recurrence.zone
    airings = nd.Schedule([slot]).airings()
    assert len(airings) == (slot.last_episode or 0) - (slot.first_episode or 0) + 1
    for before, after in itertools.pairwise(airings):
        assert before.instant < after.instant
        assert after.episode == before.episode + 1
        meant_before, meant_after = intended(slot, before.episode), intended(slot, after.episode)
        assert meant_after - meant_before == dt.timedelta(weeks=1)
        if exists(meant_before, zone) and exists(meant_after, zone):
            assert wall(after.start) - wall(before.start) == dt.timedelta(weeks=1)


@settings(max_examples=300)
@given(slots=schedule_slots(), key=any_zone_key)
@example(slots=PINNED_SLOTS, key="Asia/Seoul")
@example(slots=PINNED_SLOTS, key="Pacific/Kiritimati")
@example(slots=PINNED_SLOTS, key="America/St_Johns")
def test_converting_to_any_zone_and_back_keeps_the_instant(
    slots: tuple[nd.BroadcastSlot, ...], key: str
) -> None:
    schedule = nd.Schedule(attrs.evolve(s, alignment=nd.SlotAlignment.INSTANT) for s in slots)
    zone = ZoneInfo(key)
    converted = schedule.in_zone(key)
    assert converted.zone is zone
    assert len(converted) == len(schedule)
    for original, moved in zip(schedule, converted, strict=True):
        assert moved.start.tzinfo is zone
        assert moved.instant == original.instant
        assert moved == original.in_zone(zone)
        original_zone = original.start.tzinfo
        assert isinstance(original_zone, zoneinfo.ZoneInfo)
        back = moved.in_zone(original_zone)
        assert back == original
        assert wall(back.start) == wall(original.start)
        assert back.start.utcoffset() == original.start.utcoffset()


@settings(max_examples=200)
@given(slot=any_weekly_slots, key=any_zone_key)
def test_a_local_time_slot_keeps_its_wall_time_in_every_zone(
    slot: nd.BroadcastSlot, key: str
) -> None:
    slot = attrs.evolve(slot, alignment=nd.SlotAlignment.LOCAL_TIME)
    zone = ZoneInfo(key)
    originals = {a.episode: a for a in nd.Schedule([slot])}
    converted = nd.Schedule([slot]).in_zone(zone)
    for airing in converted:
        local = wall(originals[airing.episode].start)
        assert airing.start.tzinfo is zone
        assert exists(wall(airing.start), zone)
        if exists(local, zone):
            assert wall(airing.start) == local
        assert airing == originals[airing.episode].in_zone(zone)
    instants = [airing.instant for airing in converted]
    assert instants == sorted(instants)


@settings(max_examples=300)
@given(slots=schedule_slots())
def test_a_derived_slot_airs_exactly_its_offset_after_its_base(
    slots: tuple[nd.BroadcastSlot, ...],
) -> None:
    airings = {(a.slot.id, a.episode): a for a in nd.Schedule(slots)}
    for slot in slots:
        if slot.follows is None:
            continue
        ours = {episode for slot_id, episode in airings if slot_id == slot.id}
        theirs = {episode for slot_id, episode in airings if slot_id == slot.follows.base}
        if slot.first_episode is None:
            assert ours == theirs
        for episode in ours & theirs:
            mine, base = airings[slot.id, episode], airings[slot.follows.base, episode]
            assert mine.instant - base.instant == slot.follows.offset
            assert mine.start.tzinfo is base.start.tzinfo


@settings(max_examples=200)
@given(slots=schedule_slots())
def test_episode_numbers_run_without_gaps(slots: tuple[nd.BroadcastSlot, ...]) -> None:
    by_id = {slot.id: slot for slot in slots}
    schedule = nd.Schedule(slots)
    for slot in slots:
        owner = slot
        while owner.first_episode is None and owner.follows is not None:
            owner = by_id[owner.follows.base]
        assert owner.first_episode is not None
        assert owner.last_episode is not None
        numbers = [a.episode for a in schedule if a.slot.id == slot.id]
        assert numbers == list(range(owner.first_episode, owner.last_episode + 1))


@settings(max_examples=300)
@given(slots=schedule_slots(), data=st.data())
def test_next_airing_is_the_earliest_airing_strictly_after(
    slots: tuple[nd.BroadcastSlot, ...], data: st.DataObject
) -> None:
    schedule = nd.Schedule(slots)
    airing = data.draw(st.sampled_from(schedule.airings()))
    near = st.sampled_from([dt.timedelta(0), dt.timedelta(seconds=1), -dt.timedelta(seconds=1)])
    anywhere = st.datetimes(
        dt.datetime(1940, 1, 1), dt.datetime(2090, 1, 1), timezones=st.timezones()
    )
    after = data.draw(near.map(lambda delta: airing.start - delta) | anywhere, label="after")
    platform = data.draw(st.none() | st.sampled_from([a.platform for a in schedule]))
    later = [
        a for a in schedule if a.instant > after.astimezone(UTC) and platform in (None, a.platform)
    ]
    found = schedule.next_airing(after, platform=platform)
    if later:
        assert found == min(later, key=lambda a: a.instant)
    else:
        assert found is None


@settings(max_examples=200)
@given(slots=schedule_slots(), key=any_zone_key, data=st.data())
def test_range_and_date_queries_agree_with_the_airings(
    slots: tuple[nd.BroadcastSlot, ...], key: str, data: st.DataObject
) -> None:
    schedule = nd.Schedule(slots).in_zone(key)
    airings = schedule.airings()
    groups = schedule.by_local_date()
    assert list(groups) == sorted(groups)
    assert sum(len(group) for group in groups.values()) == len(airings)
    for day, group in groups.items():
        assert all(a.start.date() == day for a in group)
    assert nd.Schedule(slots).by_local_date(key) == groups
    first, last = sorted(
        data.draw(st.lists(st.sampled_from(airings), min_size=2, max_size=2)),
        key=lambda a: a.instant,
    )
    assert schedule.between(first.start, last.start) == tuple(
        a for a in airings if first.instant <= a.instant < last.instant
    )
    days = first.start.date(), last.start.date()
    assert schedule.between(*days) == tuple(
        a for a in airings if days[0] <= a.start.date() <= days[1]
    )


@settings(max_examples=200)
@given(data=st.data())
def test_a_slot_is_disputed_when_a_dispute_prefers_another_reading_of_it_or_its_base(
    data: st.DataObject,
) -> None:
    slots = data.draw(schedule_slots())
    disputes = data.draw(slot_disputes(slots))
    doubted = {
        reading.slot
        for dispute in disputes
        for reading in dispute.readings
        if reading.slot is not None and dispute.preferred != reading.id
    }
    by_id = {slot.id: slot for slot in slots}

    def disputed(slot: nd.BroadcastSlot) -> bool:
        if slot.id in doubted:
            return True
        return slot.follows is not None and disputed(by_id[slot.follows.base])

    schedule = nd.Schedule(slots, disputes)
    for airing in schedule:
        assert airing.disputed == disputed(airing.slot)
    assert [a for a in schedule if not a.disputed] == list(schedule.preferred)
    assert schedule.preferred.in_zone("UTC") == schedule.in_zone("UTC").preferred


# --- the real gap and fold days of America/New_York -------------------------------------------


@pytest.mark.parametrize(
    ("policy", "wall_time", "instant"),
    [
        (COMPATIBLE, dt.datetime(2021, 3, 14, 3, 30), utc(2021, 3, 14, 7, 30)),
        (LATER, dt.datetime(2021, 3, 14, 3, 30), utc(2021, 3, 14, 7, 30)),
        (EARLIER, dt.datetime(2021, 3, 14, 1, 30), utc(2021, 3, 14, 6, 30)),
    ],
)
def test_a_skipped_wall_time_moves_by_the_gap(
    policy: nd.Disambiguate, wall_time: dt.datetime, instant: dt.datetime
) -> None:
    airing = ny_airing(dt.datetime(2021, 3, 14, 2, 30), policy)
    assert wall(airing.start) == wall_time
    assert airing.instant == instant


@pytest.mark.parametrize(
    ("policy", "offset_hours", "instant"),
    [
        (COMPATIBLE, -4, utc(2021, 11, 7, 5, 30)),
        (EARLIER, -4, utc(2021, 11, 7, 5, 30)),
        (LATER, -5, utc(2021, 11, 7, 6, 30)),
    ],
)
def test_a_repeated_wall_time_takes_the_chosen_occurrence(
    policy: nd.Disambiguate, offset_hours: int, instant: dt.datetime
) -> None:
    airing = ny_airing(dt.datetime(2021, 11, 7, 1, 30), policy)
    assert wall(airing.start) == dt.datetime(2021, 11, 7, 1, 30)
    assert airing.start.utcoffset() == dt.timedelta(hours=offset_hours)
    assert airing.instant == instant


def test_the_policy_decides_even_when_the_slot_time_carries_a_fold() -> None:
    airing = ny_airing(dt.datetime(2021, 11, 7, 1, 30, fold=1), COMPATIBLE)
    assert airing.instant == utc(2021, 11, 7, 5, 30)


def test_the_two_occurrences_of_a_repeated_time_are_different_airings() -> None:
    first = ny_airing(dt.datetime(2021, 11, 7, 1, 30), COMPATIBLE)
    second = ny_airing(dt.datetime(2021, 11, 7, 1, 30), LATER)
    # datetime's own == calls the starts equal: one tzinfo, one wall clock, fold ignored.
    assert first.start == second.start
    assert first != second
    assert hash(first) != hash(second)
    assert first.instant + dt.timedelta(hours=1) == second.instant


def test_raise_names_the_zone_and_the_local_time() -> None:
    with pytest.raises(nd.SkippedTime) as skipped:
        ny_airing(dt.datetime(2021, 3, 14, 2, 30), RAISE)
    assert str(skipped.value) == (
        "2021-03-14 02:30 is skipped in America/New_York: the clocks jump forward 1 hour over it"
    )
    assert skipped.value.zone == "America/New_York"
    assert skipped.value.local == dt.datetime(2021, 3, 14, 2, 30)
    assert skipped.value.gap == dt.timedelta(hours=1)
    assert skipped.value.__notes__ == ["episode 1 of slot 'ny', whose policy is 'raise'"]
    with pytest.raises(nd.RepeatedTime) as repeated:
        ny_airing(dt.datetime(2021, 11, 7, 1, 30), RAISE)
    assert str(repeated.value) == (
        "2021-11-07 01:30 happens twice in America/New_York: first at UTC-04:00, then at UTC-05:00"
    )
    for error in (skipped.value, repeated.value):
        assert isinstance(error, ValueError)
        assert isinstance(error, nd.NeverthelessDataError)
        assert str(pickle.loads(pickle.dumps(error))) == str(error)


def test_raise_lets_unambiguous_times_through() -> None:
    assert ny_airing(dt.datetime(2021, 3, 14, 3, 0), RAISE).instant == utc(2021, 3, 14, 7)
    assert ny_airing(dt.datetime(2021, 11, 7, 2, 0), RAISE).instant == utc(2021, 11, 7, 7)


def test_a_thirty_minute_gap_is_named_in_minutes() -> None:
    local = dt.datetime(2021, 10, 3, 2, 10)
    slot = weekly_slot("howe", "Australia/Lord_Howe", local, range(1, 2), disambiguate=RAISE)
    with pytest.raises(nd.SkippedTime, match="jump forward 30 minutes over it"):
        nd.Schedule([slot])


def test_derived_slots_add_their_offset_in_utc_across_a_clock_change() -> None:
    base = weekly_slot("base", "America/New_York", dt.datetime(2021, 3, 13, 23, 30), range(1, 3))
    airings = nd.Schedule([base, derived_slot("later", "base", 180)]).airings(platform="Netflix")
    # 23:30 EST plus three hours is 03:30 EDT, not the 02:30 wall-clock arithmetic would give.
    assert wall(airings[0].start) == dt.datetime(2021, 3, 14, 3, 30)
    assert airings[0].instant == utc(2021, 3, 14, 7, 30)


def test_a_derived_slot_follows_a_change_to_its_base() -> None:
    base = weekly_slot("base", "Asia/Seoul", dt.datetime(2021, 6, 19, 23, 0), range(1, 3))
    assert base.recurrence is not None
    moved = attrs.evolve(base, recurrence=attrs.evolve(base.recurrence, time=dt.time(22, 0)))
    follower = derived_slot("follower", "base", 60)
    before = nd.Schedule([base, follower]).airings(platform="Netflix")
    after = nd.Schedule([moved, follower]).airings(platform="Netflix")
    assert [b.instant - a.instant for a, b in zip(after, before, strict=True)] == [
        dt.timedelta(hours=1)
    ] * 2


def test_a_derived_slot_may_cover_episodes_its_base_does_not() -> None:
    base = weekly_slot("base", "Asia/Seoul", dt.datetime(2021, 6, 19, 23, 0), range(1, 3))
    follower = derived_slot("follower", "base", 60, range(2, 5))
    airings = nd.Schedule([base, follower]).airings(platform="Netflix")
    assert [a.episode for a in airings] == [2, 3, 4]
    assert airings[-1].instant == utc(2021, 7, 10, 15)


def test_a_schedule_is_immutable_and_shared_by_its_dataset() -> None:
    ds = nd.load()
    assert ds.schedule is ds.schedule
    with pytest.raises(AttributeError, match="read-only"):
        ds.schedule._rows = ()
    # Ill-typed on purpose (hence the type: ignore): the run time must refuse it too.
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ds.schedule.airings()[0].episode = 2  # type: ignore[misc]
    assert isinstance(ds.schedule.by_local_date(), types.MappingProxyType)
    assert pickle.loads(pickle.dumps(ds)) == ds


def test_converted_schedules_build_their_airings_once_across_threads() -> None:
    converted = nd.load().schedule.in_zone("Europe/London")
    # All threads read the records at once, before any has built them.
    results = race(converted.airings)
    assert all(result == results[0] for result in results)
    assert len(results[0]) == 40
    assert converted.airings() is converted.airings()


# --- the bundled schedule ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slot", "episode", "instant"),
    [
        ("jtbc-kr", 1, utc(2021, 6, 19, 14)),
        ("jtbc-kr", 10, utc(2021, 8, 21, 14)),
        ("netflix-worldwide", 1, utc(2021, 6, 19, 15)),
        ("netflix-worldwide", 10, utc(2021, 8, 21, 15)),
        ("netflix-my-gokpop", 1, utc(2021, 6, 19, 16)),
        ("netflix-in-pinkvilla", 10, utc(2021, 8, 21, 14)),
    ],
)
def test_the_bundled_airings_in_utc(slot: str, episode: int, instant: dt.datetime) -> None:
    (airing,) = [a for a in nd.load().schedule if a.slot.id == slot and a.episode == episode]
    assert airing.instant == instant


def test_the_bundled_schedule() -> None:
    schedule = nd.load().schedule
    assert len(schedule) == 40
    assert len(schedule.airings(platform="JTBC")) == 10
    assert len(schedule.preferred.airings(platform="netflix")) == 10
    assert {a.slot.id for a in schedule if a.disputed} == {
        "netflix-my-gokpop",
        "netflix-in-pinkvilla",
    }
    jtbc = schedule.airings(platform="JTBC")
    assert [a.episode for a in jtbc] == list(range(1, 11))
    assert all(a.start.tzinfo == ZoneInfo("Asia/Seoul") for a in jtbc)
    assert all((a.start.weekday(), a.start.hour) == (5, 23) for a in jtbc)
    # The dataset's preferred running time, 70 minutes, ends every airing.
    assert all(a.end is not None and a.end - a.start == dt.timedelta(minutes=70) for a in schedule)
    first = schedule.preferred.airings(platform="Netflix")[0]
    assert first.region == "worldwide"
    assert first.start == dt.datetime(2021, 6, 20, 0, 0, tzinfo=ZoneInfo("Asia/Seoul"))


def test_an_hour_after_the_broadcast_is_sunday_in_seoul_but_saturday_in_kuala_lumpur() -> None:
    netflix = nd.load().schedule.preferred
    in_seoul = netflix.by_local_date("Asia/Seoul", platform="Netflix")
    in_kuala_lumpur = netflix.by_local_date("Asia/Kuala_Lumpur", platform="Netflix")
    assert [a.episode for a in in_seoul[dt.date(2021, 6, 20)]] == [1]
    assert [a.episode for a in in_kuala_lumpur[dt.date(2021, 6, 19)]] == [1]
    assert in_kuala_lumpur[dt.date(2021, 6, 19)][0].start.hour == 23
    assert dt.date(2021, 6, 19) not in in_seoul


def test_the_next_airing_of_the_bundled_schedule() -> None:
    schedule = nd.load().schedule
    ep3 = dt.datetime(2021, 7, 3, 23, 0, tzinfo=ZoneInfo("Asia/Seoul"))
    third = schedule.next_airing(ep3 - dt.timedelta(seconds=1), platform="JTBC")
    assert third is not None
    assert third.episode == 3
    fourth = schedule.next_airing(ep3, platform="JTBC")
    assert fourth is not None
    assert fourth.episode == 4
    following = schedule.preferred.next_airing(ep3, platform="Netflix")
    assert following is not None
    assert (following.episode, following.instant) == (3, utc(2021, 7, 3, 15))
    assert schedule.next_airing(utc(2021, 8, 22)) is None


# --- the API's errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slots", "message"),
    [
        (
            [derived_slot("lost", "nowhere", 60)],
            "slot 'lost' follows 'nowhere', which is not one of the slots",
        ),
        ([derived_slot("a", "b", 1), derived_slot("b", "a", 1)], "slot 'a' follows itself"),
    ],
)
def test_a_slot_that_cannot_be_placed_is_a_value_error(
    slots: list[nd.BroadcastSlot], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        nd.Schedule(slots)


def test_unknown_zones_and_naive_datetimes_are_value_errors() -> None:
    schedule = nd.load().schedule
    with pytest.raises(nd.UnknownZone, match="unknown time zone 'Mars/Olympus_Mons'"):
        schedule.in_zone("Mars/Olympus_Mons")
    with pytest.raises(ValueError, match=r"unknown time zone '\.\./etc/passwd'"):
        schedule.airings()[0].in_zone("../etc/passwd")
    # Ill-typed on purpose (hence the type: ignore): the run time must refuse it too.
    with pytest.raises(TypeError, match="IANA time zone key or a ZoneInfo"):
        schedule.in_zone(9)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="naive 2021-06-19 23:00:00"):
        schedule.next_airing(dt.datetime(2021, 6, 19, 23))
    with pytest.raises(ValueError, match="start must be an aware datetime"):
        schedule.between(dt.datetime(2021, 6, 1), utc(2021, 7, 1))
    with pytest.raises(TypeError, match="two aware datetimes or two dates"):
        schedule.between(dt.date(2021, 6, 1), utc(2021, 7, 1))
    # Ill-typed on purpose (hence the type: ignore): the run time must refuse it too.
    with pytest.raises(TypeError, match="platform must be a string"):
        schedule.airings(platform=3)  # type: ignore[arg-type]


# --- the loader -------------------------------------------------------------------------------


def problems_after(tmp_path: Path, *edits: tuple[int, str, object]) -> list[str]:
    """The problems of the bundled dataset once ``slots[i].<path> = value`` edits are made."""
    files = raw_files(nd.load())
    for index, path, value in edits:
        record = files["slots"][index]
        *parents, key = path.split(".")
        for parent in parents:
            record = record[parent]
        record[key] = value
    write_raw(tmp_path, files)
    return [str(problem) for problem in nd.validate(tmp_path)]


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (
            (0, "recurrence.zone", "Asia/Seol"),
            "slots[0].recurrence.zone: unknown time zone 'Asia/Seol'; did you mean 'Asia/Seoul'?",
        ),
        (
            (0, "recurrence.weekday", "saturnday"),
            "slots[0].recurrence.weekday: expected one of 'monday'",
        ),
        ((0, "recurrence.weekday", 5), "slots[0].recurrence.weekday: expected one of 'monday'"),
        (
            (0, "recurrence.time", "24:00"),
            "slots[0].recurrence.time: expected a wall-clock time as HH:MM or HH:MM:SS, "
            "got '24:00'",
        ),
        (
            (0, "recurrence.time", "23:60"),
            "slots[0].recurrence.time: expected a wall-clock time as HH:MM or HH:MM:SS, "
            "got '23:60'",
        ),
        (
            (0, "recurrence.disambiguate", "latest"),
            "slots[0].recurrence.disambiguate: expected one of 'compatible', 'earlier', "
            "'later', 'raise', got 'latest'",
        ),
        (
            (1, "follows.base", "tbs-jp"),
            "slots[1].follows.base: 'tbs-jp' is not the id of any record in slots.json",
        ),
        (
            (1, "first_episode", 2),
            "slots[1]: a derived slot sets both 'first_episode' and 'last_episode' or neither",
        ),
        (
            (0, "recurrence.first_date", "9999-12-25"),
            "slots[0]: its episodes would air outside the dates Python can represent",
        ),
    ],
)
def test_bad_slots_are_data_errors_naming_the_value(
    tmp_path: Path, edit: tuple[int, str, object], problem: str
) -> None:
    problems = problems_after(tmp_path, edit)
    assert any(p.startswith(f"slots.json: {problem}") for p in problems), problems


def test_a_raise_policy_slot_that_meets_a_clock_change_is_a_data_error(tmp_path: Path) -> None:
    new_york = [(0, "recurrence.zone", "America/New_York"), (0, "recurrence.disambiguate", "raise")]
    # On Saturdays 02:30 never meets New York's Sunday changes.
    assert problems_after(tmp_path / "saturday", *new_york, (0, "recurrence.time", "02:30")) == []
    problems = problems_after(
        tmp_path / "fold",
        *new_york,
        (0, "recurrence.first_date", "2021-09-05"),
        (0, "recurrence.weekday", "sunday"),
        (0, "recurrence.time", "01:30"),
    )
    assert problems == [
        "slots.json: slots[0].recurrence: 2021-11-07 01:30 happens twice in America/New_York: "
        "first at UTC-04:00, then at UTC-05:00; episode 10 of slot 'jtbc-kr', whose policy is "
        "'raise'"
    ]


def test_the_policy_round_trips_through_the_files(tmp_path: Path) -> None:
    ds = nd.load()
    first, *others = ds.slots.values()
    changed = attrs.evolve(ds, slots=(with_policy(first, LATER), *others))
    nd.dump(changed, tmp_path)
    assert '"disambiguate": "later"' in (tmp_path / "slots.json").read_text(encoding="utf-8")
    recurrence = nd.load(tmp_path).slots[first.id].recurrence
    assert recurrence is not None
    assert recurrence.disambiguate is LATER
    # The default is left out, so the bundled files do not mention it.
    assert "disambiguate" not in nd.file_texts(ds)["slots.json"]


# --- zones: IANA keys only --------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "localtime",  # the machine's own zone
        "posixrules",
        "Factory",  # in the tz database, but no place
        "right/UTC",  # leap-second variants, only on some machines
        "posix/Asia/Seoul",
        "/usr/share/zoneinfo/Asia/Seoul",
        "Asia/../Asia/Seoul",
        "../etc/passwd",
        "zoneinfo/Asia/Seoul",
        "",
        "Asia",
        "Asia/Seoul\x00",
    ],
)
def test_keys_that_only_the_machine_resolves_are_refused(key: str) -> None:
    schedule = nd.load().schedule
    with pytest.raises(nd.UnknownZone) as refused:
        schedule.in_zone(key)
    assert refused.value.key == key
    assert isinstance(refused.value, ValueError)
    with pytest.raises(nd.UnknownZone):
        schedule.airings()[0].in_zone(key)
    with pytest.raises(nd.UnknownZone):
        schedule.by_local_date(key)
    with pytest.raises(nd.UnknownZone):
        helpers.zone(key)


@pytest.mark.parametrize("key", ["Asia/Seoul", "UTC", "Etc/GMT+12", "US/Eastern", "Asia/Calcutta"])
def test_iana_keys_and_their_links_are_accepted(key: str) -> None:
    assert helpers.zone(key) is ZoneInfo(key)
    assert nd.load().schedule.in_zone(key).zone is ZoneInfo(key)


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [
        ("asia/seoul", "Asia/Seoul"),
        (" Asia/Kuala Lumpur ", "Asia/Kuala_Lumpur"),
        ("Asia/Seol", "Asia/Seoul"),
        ("Europe/Londn", "Europe/London"),
        ("Mars/Olympus_Mons", None),
        ("x" * 100_000, None),
    ],
)
def test_an_unknown_key_comes_with_a_near_miss(key: str, suggestion: str | None) -> None:
    with pytest.raises(nd.UnknownZone) as refused:
        helpers.zone(key)
    assert refused.value.suggestion == suggestion
    if suggestion is not None:
        assert str(refused.value).endswith(f"did you mean {suggestion!r}?")


def test_accepting_a_key_never_lists_the_machines_zones(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden() -> set[str]:
        raise AssertionError("available_timezones() on the success path")

    monkeypatch.setattr(zoneinfo, "available_timezones", forbidden)
    assert helpers.zone("Europe/Dublin") is ZoneInfo("Europe/Dublin")
    # The list of IANA keys is read once, and is every zone of the tests' only tz path but
    # the two that name no place.
    assert helpers.iana_keys() is helpers.iana_keys()
    monkeypatch.undo()
    assert helpers.iana_keys() == zoneinfo.available_timezones() - {"Factory", "localtime"}


def test_a_zoneinfo_is_taken_as_given() -> None:
    zone = ZoneInfo("Pacific/Chatham")
    assert helpers.zone(zone) is zone
    assert nd.load().schedule.in_zone(zone).zone is zone


# --- platforms, regions and filters -----------------------------------------------------------


def test_platforms_and_regions_are_sorted_and_case_insensitive_filters() -> None:
    schedule = nd.load().schedule
    assert schedule.platforms == ("JTBC", "Netflix")
    assert schedule.regions == ("IN", "KR", "MY", "worldwide")
    assert schedule.preferred.regions == ("KR", "worldwide")
    assert schedule.in_zone("Europe/London").platforms == ("JTBC", "Netflix")
    mixed = nd.Schedule(
        [
            weekly_slot("a", "UTC", dt.datetime(2021, 1, 1, 12), range(1, 3), platform="viki"),
            weekly_slot("b", "UTC", dt.datetime(2021, 1, 1, 13), range(1, 3), platform="Netflix"),
            weekly_slot("c", "UTC", dt.datetime(2021, 1, 1, 14), range(1, 3), platform="NETFLIX"),
        ]
    )
    assert mixed.platforms == ("NETFLIX", "Netflix", "viki")
    assert [a.slot.id for a in mixed.airings(platform="netflix")] == ["b", "c", "b", "c"]
    assert [a.slot.id for a in mixed.airings(platform="VIKI", region="kr")] == ["a", "a"]


def test_a_platform_or_region_without_airings_gives_nothing() -> None:
    schedule = nd.load().schedule
    moment = utc(2021, 1, 1)
    for platform, region in [("Netflx", None), (None, "FR"), ("JTBC", "worldwide"), ("", None)]:
        assert schedule.airings(platform, region) == ()
        assert schedule.next_airing(moment, platform, region) is None
        assert schedule.between(moment, utc(2022, 1, 1), platform, region) == ()
        assert schedule.between(dt.date(2021, 1, 1), dt.date(2022, 1, 1), platform, region) == ()
        assert schedule.by_local_date("UTC", platform, region) == {}
    # Disputed readings only: the preferred schedule has no airing of Malaysia.
    assert schedule.preferred.airings(region="MY") == ()
    assert len(schedule.airings(region="my")) == 10
    assert nd.Schedule([]).platforms == ()
    assert nd.Schedule([]).next_airing(moment) is None


@settings(max_examples=100)
@given(slots=schedule_slots(), data=st.data())
def test_filtered_queries_agree_with_filtering_the_airings(
    slots: tuple[nd.BroadcastSlot, ...], data: st.DataObject
) -> None:
    schedule = nd.Schedule(slots)
    if data.draw(st.booleans()):
        schedule = schedule.in_zone(data.draw(any_zone_key))
    airings = schedule.airings()
    names = st.sampled_from(["netflix", "VIKI", "jtbc", "Hulu"])
    platform = data.draw(st.none() | names)
    region = data.draw(st.none() | st.sampled_from(["kr", "WORLDWIDE", "FR"]))

    def wanted(airing: nd.Airing) -> bool:
        return (platform is None or airing.platform.casefold() == platform.casefold()) and (
            region is None or airing.region.casefold() == region.casefold()
        )

    expected = tuple(filter(wanted, airings))
    assert schedule.airings(platform, region) == expected
    after = data.draw(st.sampled_from(airings)).start - data.draw(
        st.sampled_from([dt.timedelta(0), dt.timedelta(seconds=1)])
    )
    later = [a for a in expected if a.instant > after.astimezone(UTC)]
    assert schedule.next_airing(after, platform, region) == (later[0] if later else None)
    first, last = sorted(
        data.draw(st.lists(st.sampled_from(airings), min_size=2, max_size=2)),
        key=lambda a: a.instant,
    )
    assert schedule.between(first.start, last.start, platform, region) == tuple(
        a for a in expected if first.instant <= a.instant < last.instant
    )
    days = first.start.date(), last.start.date()
    assert schedule.between(*days, platform, region) == tuple(
        a for a in expected if days[0] <= a.start.date() <= days[1]
    )


def ten_thousand_airings() -> nd.Schedule:
    """Ten weekly slots of 500 episodes on two platforms, and a slot derived from each."""
    slots: list[nd.BroadcastSlot] = []
    for index in range(10):
        weekly = weekly_slot(
            f"weekly-{index}",
            ("Asia/Seoul", "America/New_York")[index % 2],
            dt.datetime(2000, 1, 1 + index, 20, 0),
            range(1, 501),
            platform=("JTBC", "tvN")[index % 2],
        )
        slots += [weekly, derived_slot(f"derived-{index}", weekly.id, 60 + index)]
    return nd.Schedule(slots)


def test_next_airing_reads_a_logarithmic_number_of_elements() -> None:
    schedule = ten_thousand_airings()
    assert len(schedule) == helpers.MAX_AIRINGS
    bound = 2 * (len(schedule).bit_length() + 1)  # a bisection, and the airing it finds
    for view in (schedule, schedule.in_zone("Europe/London"), schedule.preferred):
        visits = helpers.count_visits(view)
        for moment in (utc(1999, 1, 1), utc(2004, 6, 1, 12), utc(2009, 12, 31), utc(2030, 1, 1)):
            for platform, region in [
                (None, None),
                ("tvn", None),
                (None, "KR"),
                ("Netflix", "worldwide"),
                ("Hulu", None),
            ]:
                visits.reset()
                found = view.next_airing(moment, platform, region)
                assert visits.total <= bound, (platform, region, visits.total)
                expected = [a for a in view.airings(platform, region) if a.instant > moment]
                assert found == (expected[0] if expected else None)


def test_a_range_query_reads_what_it_returns_and_a_bisection() -> None:
    schedule = ten_thousand_airings()
    visits = helpers.count_visits(schedule)
    bisection = 2 * (len(schedule).bit_length() + 1)
    for platform in (None, "JTBC"):
        visits.reset()
        found = schedule.between(utc(2004, 6, 1), utc(2004, 7, 1), platform)
        assert found
        assert visits.total <= 2 * len(found) + 2 * bisection
        visits.reset()
        days = schedule.between(dt.date(2004, 6, 1), dt.date(2004, 6, 30), platform)
        # Read too: the airings of the day before and the two days after, at most one per slot.
        assert days
        assert visits.total <= 2 * (len(days) + 20) + 2 * bisection


# --- running times ----------------------------------------------------------------------------

MINUTES_70 = dt.timedelta(minutes=70)


def test_an_airing_ends_after_its_running_time_in_utc() -> None:
    # Sundays at 01:30 in New York: the second airing starts an hour before the clocks jump.
    slot = weekly_slot("ny", "America/New_York", dt.datetime(2021, 3, 7, 1, 30), range(1, 4))
    schedule = nd.Schedule(
        [slot, derived_slot("later", "ny", 60)], runtimes={2: MINUTES_70, 3: dt.timedelta(0)}
    )
    airings = {(a.slot.id, a.episode): a for a in schedule}
    second = airings["ny", 2]
    assert second.end is not None
    assert second.end.tzinfo is second.start.tzinfo
    assert second.end.astimezone(UTC) - second.instant == MINUTES_70
    assert wall(second.end) == dt.datetime(2021, 3, 14, 3, 40)  # 70 minutes, not 2 h 10 min
    assert airings["later", 2].end == airings["later", 2].start + MINUTES_70
    assert airings["ny", 3].end == airings["ny", 3].start
    assert airings["ny", 1].end is None
    assert airings["later", 1].end is None
    for view in (schedule.in_zone("Asia/Seoul"), schedule.preferred.in_zone("Australia/Lord_Howe")):
        for airing in view:
            if airing.episode == 2:
                assert airing.end is not None
                assert airing.end.tzinfo is view.zone
                assert airing.end.astimezone(UTC) - airing.instant == MINUTES_70
            else:
                assert airing.end == (None if airing.episode == 1 else airing.start)


def test_a_local_time_airing_keeps_its_running_time_in_every_zone() -> None:
    local = weekly_slot(
        "local",
        "Asia/Seoul",
        dt.datetime(2021, 6, 19, 23),
        range(1, 3),
        alignment=nd.SlotAlignment.LOCAL_TIME,
    )
    moved = nd.Schedule([local], runtimes={1: MINUTES_70}).in_zone("Europe/London").airings()[0]
    assert wall(moved.start) == dt.datetime(2021, 6, 19, 23)
    assert moved.end is not None
    assert wall(moved.end) == dt.datetime(2021, 6, 20, 0, 10)


@pytest.mark.parametrize(
    ("runtimes", "error"),
    [
        ({1: -MINUTES_70}, ValueError),
        ({1: 70}, TypeError),
    ],
)
def test_a_running_time_is_a_non_negative_timedelta(
    runtimes: dict[int, Any], error: type[Exception]
) -> None:
    slot = weekly_slot("seoul", "Asia/Seoul", dt.datetime(2021, 6, 19, 23), range(1, 3))
    with pytest.raises(error, match="running time of episode 1"):
        nd.Schedule([slot], runtimes=runtimes)


# --- placement: once, shared, linear ----------------------------------------------------------


@settings(max_examples=100)
@given(slots=schedule_slots(), data=st.data())
def test_a_schedule_from_a_placement_is_the_schedule_of_the_slots(
    slots: tuple[nd.BroadcastSlot, ...], data: st.DataObject
) -> None:
    disputes = data.draw(slot_disputes(slots))
    placement = helpers.place(slots)
    assert placement.errors == ()
    assert helpers.schedule_from_placement(placement, disputes) == nd.Schedule(slots, disputes)
    # In any order: a slot may come before its base.
    shuffled = data.draw(st.permutations(slots))
    assert sorted(nd.Schedule(shuffled, disputes), key=lambda a: (a.instant, a.slot.id)) == sorted(
        nd.Schedule(slots, disputes), key=lambda a: (a.instant, a.slot.id)
    )


def test_a_placement_with_errors_makes_no_schedule() -> None:
    placement = helpers.place([derived_slot("lost", "nowhere", 60)])
    (error,) = placement.errors
    assert (error.kind, error.path, error.own) == (
        helpers.Unplaced.UNKNOWN_BASE,
        "slots[0].follows.base",
        True,
    )
    with pytest.raises(ValueError, match="slot 'lost' follows 'nowhere'"):
        helpers.schedule_from_placement(placement)


def chain(length: int, episodes: range = range(1, 3)) -> list[nd.BroadcastSlot]:
    """A weekly slot and ``length`` slots each derived from the one before, listed last first."""
    weekly = weekly_slot("link-0", "America/New_York", dt.datetime(2021, 3, 6, 2, 30), episodes)
    derived = [derived_slot(f"link-{n}", f"link-{n - 1}", 1) for n in range(1, length + 1)]
    return [*reversed(derived), weekly]


def test_a_long_chain_is_followed_once_and_each_wall_time_resolved_once() -> None:
    slots = chain(3000)
    placement = helpers.place(slots)
    assert placement.errors == ()
    assert placement.links_followed == 3000  # each slot's base looked up once
    assert placement.times_resolved == 2  # the two episodes of the one weekly rule
    schedule = helpers.schedule_from_placement(placement)
    assert len(schedule) == 2 * 3001
    last = [a for a in schedule if a.slot.id == "link-3000"]
    first = [a for a in schedule if a.slot.id == "link-0"]
    assert [b.instant - a.instant for a, b in zip(first, last, strict=True)] == [
        dt.timedelta(minutes=3000)
    ] * 2


def test_a_long_loop_is_found_once_and_reported_at_each_of_its_slots() -> None:
    loop = [derived_slot(f"loop-{n}", f"loop-{(n + 1) % 2000}", 1) for n in range(2000)]
    tail = [
        derived_slot(f"tail-{n}", "loop-0" if n == 0 else f"tail-{n - 1}", 1) for n in range(500)
    ]
    placement = helpers.place([*reversed(tail), *loop])
    assert placement.links_followed == 2500
    cycles = [error for error in placement.errors if error.own]
    assert len(cycles) == 2000
    assert {error.kind for error in cycles} == {helpers.Unplaced.CYCLE}
    assert cycles[0].message == "slot 'loop-0' follows itself through 'loop-1'"
    assert cycles[0].path == "slots[500].follows.base"
    inherited = [error for error in placement.errors if not error.own]
    assert len(inherited) == 500
    assert {error.cause for error in inherited} == {500}
    assert placement.disputed(()) == [False] * 2500
    with pytest.raises(ValueError, match="slot 'loop-0' follows itself through 'loop-1'"):
        nd.Schedule([*reversed(tail), *loop])


def test_more_than_ten_thousand_airings_are_refused_before_any_is_placed() -> None:
    slots = chain(1000, range(1, 11))
    placement = helpers.place(slots)
    assert placement.total == 10_010
    assert placement.times_resolved == 0
    assert placement.airings == ()
    with pytest.raises(
        ValueError, match="the slots have 10010 airings in all, more than the 10000"
    ):
        nd.Schedule(slots)
    huge = weekly_slot("huge", "UTC", dt.datetime(2021, 1, 1), range(1, 10**12))
    with pytest.raises(ValueError, match="999999999999 airings in all"):
        nd.Schedule([huge])


def test_a_derived_slot_that_alone_meets_a_clock_change_names_both_slots() -> None:
    base = weekly_slot(
        "base", "America/New_York", dt.datetime(2021, 2, 28, 2, 30), range(1, 2), disambiguate=RAISE
    )
    follower = derived_slot("follower", "base", 60, range(1, 4))
    placement = helpers.place([base, follower])
    (error,) = placement.errors
    assert (error.kind, error.path) == (helpers.Unplaced.CLOCK, "slots[1].follows")
    assert error.message == (
        "2021-03-14 02:30 is skipped in America/New_York: the clocks jump forward 1 hour over it; "
        "episode 3 of slot 'base', whose policy is 'raise'; "
        "slot 'follower', which follows it, airs that episode"
    )
    with pytest.raises(nd.SkippedTime) as skipped:
        nd.Schedule([base, follower])
    assert skipped.value.__notes__ == [
        "episode 3 of slot 'base', whose policy is 'raise'",
        "slot 'follower', which follows it, airs that episode",
    ]


# --- the limits of datetime -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slots", "runtimes"),
    [
        # Year 1, in a zone ahead of UTC: before the first UTC date.
        ([weekly_slot("early", "Asia/Tokyo", dt.datetime(1, 1, 1, 0, 0), range(1, 3))], None),
        # Year 9999, behind UTC: after the last one.
        (
            [weekly_slot("late", "America/New_York", dt.datetime(9999, 12, 31, 20), range(1, 2))],
            None,
        ),
        # Representable in UTC, but not in every zone.
        ([weekly_slot("utc", "UTC", dt.datetime(1, 1, 2, 12), range(1, 2))], None),
        ([weekly_slot("utc", "UTC", dt.datetime(9999, 12, 30), range(1, 2))], None),
        # A week from the end, but an offset or a running time takes it there.
        (
            [
                weekly_slot("base", "UTC", dt.datetime(9999, 12, 20), range(1, 2)),
                derived_slot("later", "base", 7 * 24 * 60),
            ],
            None,
        ),
        (
            [weekly_slot("base", "UTC", dt.datetime(9999, 12, 20), range(1, 2))],
            {1: dt.timedelta(days=7)},
        ),
        (
            [
                weekly_slot("base", "UTC", dt.datetime(2021, 1, 1), range(1, 2)),
                derived_slot("far", "base", 10**12),
            ],
            None,
        ),
    ],
)
def test_airings_that_some_zone_cannot_show_are_refused(
    slots: list[nd.BroadcastSlot], runtimes: dict[int, dt.timedelta] | None
) -> None:
    with pytest.raises(ValueError, match="outside the dates Python can represent"):
        nd.Schedule(slots, runtimes=runtimes)
    errors = helpers.place(slots, runtimes).errors
    assert [error.kind for error in errors if error.own] == [helpers.Unplaced.UNREPRESENTABLE]


EXTREME_OFFSETS = [
    dt.timezone(dt.timedelta(hours=sign * 23, minutes=sign * 59)) for sign in (-1, 1)
]


def assert_shown_everywhere(airing: nd.Airing) -> None:
    """The airing converts to every offset, its end too, and re-anchors in the far zones."""
    for moment in (airing.start, airing.end):
        if moment is not None:
            for offset in EXTREME_OFFSETS:
                moment.astimezone(offset)
    for key in EXTREME_ZONES:
        airing.in_zone(key).in_zone("UTC")


@settings(max_examples=300)
@given(slots=slots_near_the_limits(), runtimes=runtimes, data=st.data())
def test_slots_near_the_limits_are_refused_or_work_in_every_zone(
    slots: tuple[nd.BroadcastSlot, ...],
    runtimes: dict[int, dt.timedelta] | None,
    data: st.DataObject,
) -> None:
    placement = helpers.place(slots, runtimes)
    if placement.errors:
        assert {e.kind for e in placement.errors if e.own} == {helpers.Unplaced.UNREPRESENTABLE}
        with pytest.raises(ValueError, match="outside the dates Python can represent"):
            nd.Schedule(slots, runtimes=runtimes)
        return
    schedule = nd.Schedule(slots, runtimes=runtimes)
    key = data.draw(any_zone_key)
    for view in (schedule, *(schedule.in_zone(k) for k in (*EXTREME_ZONES, key))):
        for airing in view:
            assert_shown_everywhere(airing)
        assert sum(map(len, view.by_local_date().values())) == len(schedule)
        for moment in EDGES:
            view.next_airing(moment, platform="JTBC")
            view.between(moment, EDGES[-1])
        assert view.between(dt.date.min, dt.date.max) == view.airings()


EDGES = (
    dt.datetime.min.replace(tzinfo=dt.timezone(dt.timedelta(hours=23, minutes=59))),
    dt.datetime(1, 1, 1, 5, tzinfo=dt.timezone(dt.timedelta(hours=14))),
    dt.datetime(1, 1, 1, tzinfo=UTC),
    dt.datetime(9999, 12, 31, 20, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
    dt.datetime.max.replace(tzinfo=dt.timezone(-dt.timedelta(hours=23, minutes=59))),
)
"""Aware datetimes at the ends of the range of datetime, some with no UTC datetime."""


def test_queries_take_instants_at_the_ends_of_the_range_of_datetime() -> None:
    for schedule in (
        nd.load().schedule,
        nd.Schedule([weekly_slot("edge", "Etc/GMT-14", dt.datetime(1, 1, 8, 0, 0), range(1, 3))]),
    ):
        for platform in (None, "jtbc"):
            airings = schedule.airings(platform)
            assert schedule.next_airing(EDGES[0], platform) == airings[0]
            assert schedule.next_airing(EDGES[1], platform) == airings[0]
            assert schedule.next_airing(EDGES[3], platform) is None
            assert schedule.next_airing(EDGES[4], platform) is None
            assert schedule.between(EDGES[1], EDGES[3], platform) == airings
            assert schedule.between(EDGES[3], EDGES[1], platform) == ()
            assert schedule.between(dt.date.min, dt.date.max, platform) == airings


# --- threads, immutability, pickling ----------------------------------------------------------


def test_the_lazy_parts_are_built_once_by_sixteen_threads() -> None:
    ds = nd.load()
    for convert in (True, False):
        # A schedule of its own: the dataset's may have built its parts in another test.
        schedule = nd.Schedule(ds.slots, ds.disputes)
        if convert:
            schedule = schedule.in_zone("Europe/London")

        def read(schedule: nd.Schedule = schedule) -> tuple[object, ...]:
            following = schedule.next_airing(utc(2021, 7, 1), platform="netflix")
            return schedule.airings(), schedule.platforms, schedule.regions, following

        results = race(read, threads=16)
        assert len(results) == 16
        for result in results:
            assert all(part is first for part, first in zip(result, results[0], strict=True))


def test_a_schedule_cannot_be_initialised_again() -> None:
    schedule = nd.load().schedule
    before = schedule.airings()
    # Ill-typed on purpose (hence the type: ignore): the run time must refuse it too.
    with pytest.raises(AttributeError, match="read-only"):
        schedule.__init__([])  # type: ignore[misc]
    assert schedule.airings() is before
    assert len(nd.load().schedule) == 40


def test_a_schedule_pickles_in_every_form() -> None:
    schedule = nd.Schedule(nd.load().slots, nd.load().disputes, runtimes={1: MINUTES_70})
    for view in (schedule, schedule.preferred, schedule.in_zone("America/New_York")):
        copy = pickle.loads(pickle.dumps(view))
        assert copy == view
        assert copy.zone == view.zone
        assert copy.platforms == view.platforms
        assert copy.next_airing(utc(2021, 7, 1), "netflix") == view.next_airing(
            utc(2021, 7, 1), "netflix"
        )


# --- the loader: the placement's problems -----------------------------------------------------


def test_a_long_loop_and_a_long_chain_are_checked_at_load(tmp_path: Path) -> None:
    files = raw_files(nd.load())
    template = files["slots"][1]  # netflix-worldwide, an hour after jtbc-kr

    def derived(slot_id: str, base: str, episodes: bool) -> dict[str, Any]:
        record = {**template, "id": slot_id, "follows": {"base": base, "minutes": 1}}
        return {**record, "first_episode": 1, "last_episode": 1} if episodes else record

    count = len(files["slots"])
    loop = [derived(f"loop-{n}", f"loop-{(n + 1) % 300}", False) for n in range(300)]
    tail = [derived(f"tail-{n}", "loop-0" if n == 0 else f"tail-{n - 1}", False) for n in range(50)]
    chain = [
        derived(f"link-{n}", "jtbc-kr" if n == 0 else f"link-{n - 1}", True) for n in range(1000)
    ]
    files["slots"] += [*reversed(chain), *loop, *tail]
    write_raw(tmp_path, files)
    problems = [str(p) for p in nd.validate(tmp_path, limits=nd.Limits(max_problems=1000))]
    first = count + len(chain)
    assert problems == [
        f"slots.json: slots[{first + n}].follows.base: slot 'loop-{n}' follows itself through "
        f"'loop-{(n + 1) % 300}'"
        for n in range(300)
    ]


@pytest.mark.parametrize(
    "edits",
    [
        # Monday 0001-01-01 at 23:00 in Seoul is 14:32 UTC the same day: too early for zones
        # behind UTC to show it.
        [(0, "recurrence.first_date", "0001-01-01"), (0, "recurrence.weekday", "monday")],
        [(0, "recurrence.first_date", "9999-12-18")],  # episode 2 on 9999-12-25
        # A week from the end, the derived slot an hour later is a week later.
        [(0, "recurrence.first_date", "9999-10-02"), (1, "follows.minutes", 60 * 24 * 7 * 12)],
    ],
)
def test_slots_some_zone_could_not_show_are_data_errors(
    tmp_path: Path, edits: list[tuple[int, str, object]]
) -> None:
    problems = problems_after(tmp_path, *edits)
    assert len(problems) == 1
    assert "its episodes would air outside the dates Python can represent" in problems[0]
    assert problems[0].startswith(f"slots.json: slots[{edits[-1][0]}]: ")


def test_the_first_airable_dates_load_and_show_everywhere(tmp_path: Path) -> None:
    # 0001-01-06 is the first Saturday; at 23:00 in Seoul it is five days inside the range.
    assert problems_after(tmp_path, (0, "recurrence.first_date", "0001-01-06")) == []
    schedule = nd.load(tmp_path).schedule
    for key in EXTREME_ZONES:
        for airing in schedule.in_zone(key):
            assert_shown_everywhere(airing)
