"""The iCalendar export: one event per airing, stable UIDs and bytes, exact round trips."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import subprocess
import sys

import icalendar
import pytest
from hypothesis import example, given, settings

import nevertheless_data as nd
from nevertheless_data import ical

from .strategies import any_zone_key, derived_slot, runtimes, schedule_slots, weekly_slot

UTC = dt.UTC


def parsed(data: bytes) -> dict[str, icalendar.Event]:
    """The events of an exported calendar, by UID."""
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    by_uid: dict[str, icalendar.Event] = {}
    for event in events:
        assert isinstance(event, icalendar.Event)
        by_uid[str(event["UID"])] = event
    assert len(by_uid) == len(events), "UIDs are unique"
    return by_uid


@settings(max_examples=100)
@given(slots=schedule_slots(), key=any_zone_key)
@example(
    slots=(
        weekly_slot("ny", "America/New_York", dt.datetime(2021, 10, 24, 1, 30), range(1, 4)),
        weekly_slot("chatham", "Pacific/Chatham", dt.datetime(2021, 3, 21, 3, 0), range(1, 4)),
    ),
    key="Europe/Dublin",
)
def test_the_export_round_trips_to_the_same_instants(
    slots: tuple[nd.BroadcastSlot, ...], key: str
) -> None:
    schedule = nd.Schedule(slots)
    for view in (schedule, schedule.in_zone(key)):
        events = parsed(ical.to_ical(view))
        assert len(events) == len(view)
        for airing in view:
            start = events[ical.uid(airing)].DTSTART
            assert isinstance(start, dt.datetime)
            assert start.astimezone(UTC) == airing.instant


@settings(max_examples=100)
@given(slots=schedule_slots(), key=any_zone_key, lengths=runtimes)
def test_an_event_ends_exactly_when_the_running_time_is_known(
    slots: tuple[nd.BroadcastSlot, ...], key: str, lengths: dict[int, dt.timedelta] | None
) -> None:
    schedule = nd.Schedule(slots, runtimes=lengths)
    known = lengths or {}
    for view in (schedule, schedule.in_zone(key)):
        events = parsed(ical.to_ical(view))
        for airing in view:
            event = events[ical.uid(airing)]
            assert ("DTEND" in event or "DURATION" in event) == (airing.episode in known)
            if airing.episode in known:
                end = event.DTEND
                assert isinstance(end, dt.datetime)
                assert end.astimezone(UTC) - airing.instant == known[airing.episode]


def test_dtend_is_written_in_the_zone_of_the_start() -> None:
    slot = weekly_slot("seoul", "Asia/Seoul", dt.datetime(2021, 6, 19, 23), range(1, 3))
    later = derived_slot("later", "seoul", 60)
    schedule = nd.Schedule([slot, later], runtimes={1: dt.timedelta(minutes=70)})
    lines = ical.to_ical(schedule).decode().splitlines()
    assert "DTSTART;TZID=Asia/Seoul:20210619T230000" in lines
    assert "DTEND;TZID=Asia/Seoul:20210620T001000" in lines
    assert "DTEND;TZID=Asia/Seoul:20210620T011000" in lines
    assert sum(line.startswith("DTEND") for line in lines) == 2
    assert not any(line.startswith("DURATION") for line in lines)


def test_a_second_occurrence_of_a_repeated_time_is_written_in_utc() -> None:
    local = dt.datetime(2021, 11, 7, 1, 30)
    later = nd.Disambiguate.LATER
    slot = weekly_slot("ny", "America/New_York", local, range(1, 2), disambiguate=later)
    text = ical.to_ical(nd.Schedule([slot])).decode()
    # RFC 5545 reads DTSTART;TZID=America/New_York:20211107T013000 as the first 01:30.
    assert "DTSTART:20211107T063000Z" in text.splitlines()
    first = weekly_slot("ny", "America/New_York", local, range(1, 2))
    assert (
        "DTSTART;TZID=America/New_York:20211107T013000"
        in ical.to_ical(nd.Schedule([first])).decode().splitlines()
    )


def test_the_bundled_schedule_as_icalendar() -> None:
    schedule = nd.load().schedule
    data = ical.to_ical(schedule)
    lines = data.decode().splitlines()
    events = parsed(data)
    assert len(events) == 40
    third = events["jtbc-kr-episode-3@nevertheless-data.invalid"]
    assert str(third["SUMMARY"]) == "Nevertheless - Episode 3 (JTBC)"
    assert third.categories == ["JTBC"]
    assert str(third["STATUS"]) == "CONFIRMED"
    start = third.DTSTART
    assert start == dt.datetime(2021, 7, 3, 23, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert "DTSTART;TZID=Asia/Seoul:20210703T230000" in lines
    gokpop = events["netflix-my-gokpop-episode-1@nevertheless-data.invalid"]
    assert str(gokpop["STATUS"]) == "TENTATIVE"
    assert "DTSTART;TZID=Asia/Kuala_Lumpur:20210620T000000" in lines
    calendar = icalendar.Calendar.from_ical(data)
    assert sorted(str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")) == [
        "Asia/Kuala_Lumpur",
        "Asia/Seoul",
    ]
    # DTSTAMP comes from the data, not the clock.
    assert {event.DTSTAMP for event in events.values()} == {
        dt.datetime(2021, 8, 21, 16, tzinfo=UTC)
    }


def test_every_zone_used_gets_a_vtimezone_before_the_events() -> None:
    schedule = nd.load().schedule.preferred.in_zone("Europe/London")
    data = ical.to_ical(schedule, title="알고있지만", stamp=dt.datetime(2026, 1, 1, tzinfo=UTC))
    calendar = icalendar.Calendar.from_ical(data)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert [c.name for c in calendar.subcomponents][:2] == ["VTIMEZONE", "VEVENT"]
    first = calendar.walk("VEVENT")[0]
    assert str(first["SUMMARY"]) == "알고있지만 - Episode 1 (JTBC)"
    stamp = first.DTSTAMP
    assert stamp == dt.datetime(2026, 1, 1, tzinfo=UTC)
    assert "DTSTART;TZID=Europe/London:20210619T150000" in data.decode().splitlines()


def test_the_same_airings_give_the_same_bytes_on_every_run() -> None:
    schedule = nd.load().schedule
    expected = ical.to_ical(schedule)
    assert ical.to_ical(nd.load().schedule.in_zone("Asia/Seoul")) != expected  # TZIDs differ
    assert ical.to_ical(schedule) == expected
    script = (
        "import sys, zoneinfo; zoneinfo.reset_tzpath(to=[]);"
        "import nevertheless_data as nd; from nevertheless_data import ical;"
        "sys.stdout.buffer.write(ical.to_ical(nd.load().schedule))"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, check=True, env=env
        )
        assert run.stdout == expected


def test_a_naive_stamp_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="stamp must be an aware datetime"):
        ical.to_ical(nd.load().schedule, stamp=dt.datetime(2026, 1, 1))


def test_an_empty_schedule_is_an_empty_calendar() -> None:
    calendar = icalendar.Calendar.from_ical(ical.to_ical(()))
    assert calendar.walk("VEVENT") == []
    assert calendar.walk("VTIMEZONE") == []


def test_importing_without_icalendar_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)
    monkeypatch.delitem(sys.modules, "nevertheless_data.ical")
    with pytest.raises(ImportError, match=r"pip install 'nevertheless-data\[ical\]'"):
        importlib.import_module("nevertheless_data.ical")
