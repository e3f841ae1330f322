"""The command line never prints a traceback nor a raw control character (issue 13).

Every command runs on a corpus of hostile datasets and hostile arguments; the streams' failure
modes (a full device, a closed pipe, a closed stream, an encoding that cannot show the text)
are exercised in subprocesses, where they are real.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import nevertheless_data as nd
from nevertheless_data.cli import main

Files = dict[str, Any]

# What must never reach a stream raw: C0 controls but the line ends and tab, DEL, C1 controls,
# bidirectional embeddings, overrides and isolates, and lone surrogates.
RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)

# Text a hostile dataset or user may slip in: an escape sequence clearing the screen, an OSC
# setting the terminal's title, a C1 CSI, DEL, a right-to-left override and an isolate.
EVIL = "\x1b[2J\x1b]0;pwned\x07\x9b31m\x7f\u202eevil\u2066"


@pytest.fixture(autouse=True)
def _pinned_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)


def bundled_files() -> Files:
    return {
        name.removesuffix(".json"): json.loads(text)
        for name, text in nd.file_texts(nd.load()).items()
    }


def write_dataset(directory: Path, files: Files) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (directory / f"{name}.json").write_text(json.dumps(content), encoding="utf-8")
    return directory


# --- the corpus --------------------------------------------------------------------------------


def _evil_text(files: Files) -> None:
    # Everywhere text is shown: names, titles, outlets, quotes, disputes, platforms.
    files["people"][0]["name"] += EVIL
    files["people"][0]["aliases"][0]["text"] += EVIL
    files["characters"][0]["name"] += EVIL
    files["characters"][0]["description"] = EVIL
    files["show"]["network"] += EVIL
    files["show"]["genre"] = EVIL
    files["show"]["titles"].append({**files["show"]["titles"][0], "kind": "alternative"})
    files["show"]["titles"][-1]["text"] = EVIL
    files["sources"][0]["title"] = EVIL
    files["sources"][0]["outlet"] = EVIL
    files["quotes"][0]["text"] = EVIL + "\n" + EVIL
    files["disputes"][0]["topic"] = EVIL
    files["disputes"][0]["readings"][0]["claim"] = EVIL
    for slot in files["slots"]:
        slot["platform"] += EVIL


def _unknown_field(files: Files) -> None:
    files["people"][0][f"nick{EVIL}"] = "x"


def _bad_id(files: Files) -> None:
    files["quotes"][0]["speaker"] = f"han{EVIL}"


def _bad_zone(files: Files) -> None:
    files["slots"][0]["recurrence"]["zone"] = f"Asia/{EVIL}"


def _skipped_time(files: Files) -> None:
    # A slot aligned on local time whose wall time New York skips on 2021-03-14, under "raise".
    slot = copy.deepcopy(files["slots"][0])
    slot.update(id="local-raise", alignment="local-time")
    slot["recurrence"] = {
        "weekday": "sunday",
        "time": "02:30",
        "zone": "Asia/Seoul",
        "first_date": "2021-03-07",
        "disambiguate": "raise",
    }
    files["slots"].append(slot)


def _ends_of_time(first_date: str, zone: str) -> Callable[[Files], None]:
    def edit(files: Files) -> None:
        files["slots"][0]["recurrence"].update(first_date=first_date, zone=zone)

    return edit


def _not_json(files: Files) -> None:
    files["people"] = EVIL  # Written as a JSON string: a file of the wrong shape.


def _wrong_types(files: Files) -> None:
    files["people"][1]["name"] = 5
    files["slots"][0]["recurrence"]["zone"] = "Asia/Seol"


CORPUS = [
    pytest.param(_evil_text, id="control-characters-in-text"),
    pytest.param(_unknown_field, id="unknown-field-name"),
    pytest.param(_bad_id, id="unknown-id"),
    pytest.param(_bad_zone, id="unknown-zone"),
    pytest.param(_skipped_time, id="skipped-time-under-raise"),
    pytest.param(_ends_of_time("0001-01-06", "Pacific/Kiritimati"), id="year-1-ahead-of-utc"),
    pytest.param(_ends_of_time("9999-12-25", "Pacific/Pago_Pago"), id="year-9999-behind-utc"),
    pytest.param(_not_json, id="file-of-the-wrong-shape"),
    pytest.param(_wrong_types, id="wrong-types"),
]


def commands(directory: str) -> Iterator[list[str]]:
    """Every command, with the options that change what it prints."""
    yield []
    yield ["--json"]
    for name in ("show", "cast", "sources", "disputes"):
        yield [name]
        yield [name, "--json"]
    yield ["who", "Han So-hee"]
    yield ["who", "Han So-hee", "--json"]
    yield ["who", "Nabi"]
    yield ["quotes"]
    yield ["quotes", "--json"]
    yield ["quotes", "--speaker", "Han So-hee"]
    yield ["schedule", "--all"]
    yield ["schedule", "--all", "--json"]
    yield ["schedule", "--all", "--tz", "America/New_York"]
    yield ["schedule", "--platform", "JTBC"]
    yield ["next", "--after", "2021-03-01", "--tz", "America/New_York"]
    yield ["next", "--after", "2021-03-01", "--json"]
    yield ["export", "--format", "json"]
    yield ["export", "--format", "csv", "--all", "--tz", "America/New_York"]
    yield ["export", "--format", "ics", "--all"]
    for table in ("cast", "quotes", "sources"):
        yield ["export", "--format", "csv", "--table", table]
    yield ["validate", directory]
    yield ["validate", directory, "--json"]


def assert_clean(status: int, out: str, err: str) -> None:
    assert status in (0, 1, 2), status
    for stream in (out, err):
        assert "Traceback" not in stream
        found = RAW_CONTROL.search(stream)
        assert found is None, (found, stream[max(0, found.start() - 60) : found.end() + 60])
    if status == 2:
        # Bad input: one line, after the usage where argparse shows it.
        assert err.endswith("\n"), err
        assert re.match(r"nevertheless-data( \w+)?: error: ", err.splitlines()[-1]), err


@pytest.mark.parametrize("edit", CORPUS)
def test_every_command_on_a_hostile_dataset(
    edit: Callable[[Files], None], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = bundled_files()
    edit(files)
    directory = str(write_dataset(tmp_path / "data", files))
    for args in commands(directory):
        argv = args if args[:1] == ["validate"] else ["--data", directory, *args]
        status = main(argv)
        out, err = capsys.readouterr()
        assert_clean(status, out, err)


# The arguments a user (or a script fed hostile input) may pass: control characters, an
# override, and the lone surrogates a non-UTF-8 argv byte becomes.
EVIL_ARGUMENTS = [EVIL, "\udcff\udcfe", "a\nb", ""]


def hostile_invocations(value: str, tmp_path: Path) -> Iterator[list[str]]:
    yield [value]  # An unknown command.
    yield ["who", value]
    yield ["who", value, "--json"]
    yield ["quotes", "--speaker", value]
    yield ["quotes", "--search", value]
    yield ["quotes", "--source", value]
    yield ["schedule", "--platform", value]
    yield ["schedule", "--tz", value]
    yield ["--tz", value, "cast"]
    yield ["next", "--after", value]
    yield ["next", "--platform", value]
    yield ["export", "--format", value]
    yield ["export", "--format", "csv", "-o", str(tmp_path / "missing" / value)]
    yield ["validate", str(tmp_path / value)]
    yield ["--data", str(tmp_path / value), "cast"]
    yield ["--color", value]
    yield ["completion", value]


@pytest.mark.parametrize(
    "value", EVIL_ARGUMENTS, ids=["controls", "surrogates", "newline", "empty"]
)
def test_every_command_on_hostile_arguments(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in hostile_invocations(value, tmp_path):
        try:
            status = main(args)
        except SystemExit as exc:  # pragma: no cover - main returns, never exits
            pytest.fail(f"main({args!r}) exited: {exc}")
        out, err = capsys.readouterr()
        assert_clean(status, out, err)


def test_control_characters_in_a_dataset_are_replaced_in_text_and_escaped_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = bundled_files()
    files["people"][0]["name"] = "Han \x1b[31mSo-hee\u202e"
    directory = str(write_dataset(tmp_path, files))
    assert main(["--data", directory, "cast"]) == 0
    out = capsys.readouterr().out
    assert "Han \ufffd[31mSo-hee\ufffd" in out
    # JSON escapes them instead: a program gets the text as it is.
    assert main(["--data", directory, "cast", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\\u001b[31m" in out
    assert "\\u202e" in out
    assert json.loads(out)[0]["name"] == "Han \x1b[31mSo-hee\u202e"


# --- errors from the library, in one line ------------------------------------------------------


def test_a_skipped_time_under_raise_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = bundled_files()
    _skipped_time(files)
    directory = str(write_dataset(tmp_path, files))
    status = main(["--data", directory, "schedule", "--all", "--tz", "America/New_York"])
    _, err = capsys.readouterr()
    assert status == 2
    assert err == (
        "nevertheless-data: error: cannot show the schedule in America/New_York: 2021-03-14 "
        "02:30 is skipped in America/New_York: the clocks jump forward 1 hour over it\n"
    )


@pytest.mark.parametrize(
    ("after", "zone", "status", "episode"),
    [
        ("0001-01-01T00:00+14:00", "UTC", 0, 1),
        ("0001-01-01", "Pacific/Kiritimati", 0, 1),
        ("0001-01-01T00:00", "Asia/Seoul", 0, 1),
        ("9999-12-31T23:59-12:00", "UTC", 1, None),
        ("9999-12-31T23:59", "Pacific/Pago_Pago", 1, None),
        ("9999-12-31", "Etc/GMT+12", 1, None),
    ],
)
def test_next_after_the_ends_of_the_representable_range(
    capsys: pytest.CaptureFixture[str], after: str, zone: str, status: int, episode: int | None
) -> None:
    assert main(["next", "--after", after, "--tz", zone]) == status
    out, err = capsys.readouterr()
    assert_clean(status, out, err)
    assert main(["next", "--after", after, "--tz", zone, "--json"]) == status
    row = json.loads(capsys.readouterr().out)
    assert (row and row["episode"]) == episode


def test_next_after_an_early_date_in_an_unnamed_local_zone(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "XYZ-14")  # A POSIX rule: the C library converts, if it can.
    status = main(["next", "--after", "0001-01-01"])
    assert_clean(status, *capsys.readouterr())


# --- directories ---------------------------------------------------------------------------------


def test_a_directory_one_cannot_read_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(path: object) -> object:
        raise PermissionError(13, "Permission denied")

    # Permissions do not bind every user (root reads anything): deny the listing itself.
    monkeypatch.setattr(os, "scandir", denied)
    for args in (["validate", str(tmp_path)], ["--data", str(tmp_path), "cast"]):
        assert main(args) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert (
            err == f"nevertheless-data: error: cannot read {str(tmp_path)!r}: Permission denied\n"
        )


def test_a_path_too_long_for_the_system_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    long = "/" + "a" * 5000
    for args in (["validate", long], ["--data", long, "cast"], ["--data", long + "/b", "show"]):
        assert main(args) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert_clean(2, out, err)


# --- the streams, in a real process ---------------------------------------------------------------


def run_module(
    *args: str | bytes, stdout: Any = subprocess.PIPE, **env: str
) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "TZ": "Europe/London", "PYTHONIOENCODING": "utf-8", **env}
    return subprocess.run(
        [sys.executable, "-m", "nevertheless_data", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environment,
        check=False,
        timeout=120,
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    "args",
    [["quotes"], ["export", "--format", "json"], ["--help"], ["cast", "--json"], ["-V"]],
)
def test_writing_to_a_full_device_is_one_line(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = run_module(*args, stdout=full)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "nevertheless-data: error: cannot write the output: No space left on device\n"
    )


def test_a_closed_standard_output_is_one_line() -> None:
    code = (
        "import os, sys\n"
        "os.close(1)\n"
        "from nevertheless_data.cli import main\n"
        "sys.exit(main(['cast']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=False, stderr=subprocess.PIPE, timeout=120
    )
    assert result.returncode == 2
    assert result.stderr.decode().startswith("nevertheless-data: error: cannot write the output")
    assert result.stderr.count(b"\n") == 1


@pytest.mark.parametrize(
    "args", [["export", "--format", "json"], ["quotes"], ["schedule", "--all"]]
)
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "nevertheless_data", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert process.stdout is not None
    assert process.stderr is not None
    assert process.stdout.readline()
    process.stdout.close()  # Like `| head -1`: the reader leaves early.
    err = process.stderr.read().decode()
    process.stderr.close()
    # 141 if it was still writing (as a process killed by SIGPIPE), 0 if it had finished.
    assert process.wait(timeout=120) in (0, 141)
    assert err == ""


@pytest.mark.parametrize(
    "args",
    [
        [b"who", b"\xff\x1b[31m"],
        [b"who", b"\xff", b"--json"],
        [b"quotes", b"--search", b"\xff"],
        [b"quotes", b"--speaker", b"\xe9\xff"],
        [b"schedule", b"--platform", b"\xff\xfe"],
        [b"schedule", b"--tz", b"Asia/\xff"],
        [b"frob\xff"],
        [b"--data", b"/nonexistent/\xff", b"cast"],
        [b"export", b"--format", b"csv", b"-o", b"/nonexistent/\xff.csv"],
    ],
)
def test_argv_that_is_not_utf8_under_a_strict_utf8_stdout(args: list[bytes]) -> None:
    result = run_module(*args, PYTHONIOENCODING="utf-8:strict")
    assert result.returncode in (1, 2)
    out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert_clean(result.returncode, out, err)


def test_export_to_dash_is_standard_output(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nevertheless_data", "export", "--format", "csv", "-o", "-"],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
        timeout=120,
    )
    assert result.returncode == 0
    assert result.stdout.startswith(b"episode,platform,region,slot,")
    assert result.stderr == b""
    assert list(tmp_path.iterdir()) == []
