"""The command line's conventions (issue 15): each has a test here.

``--json`` on the bare command; tables that fit a terminal and are whole in a pipe; one rule for
exit statuses, in ``--help``; ``-V``; shell completion generated from the parser; colour only
where it helps, off for pipes, under ``NO_COLOR`` and with ``--color never``.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from collections.abc import Callable

import pytest

import nevertheless_data as nd
from nevertheless_data.cli import main

from .helpers import EXIT_STATUS, STATUSES, Run, build_parser, display_width, subparsers

ESC = "\x1b["


@pytest.fixture(autouse=True)
def _pinned_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


class Terminal(io.StringIO):
    """Standard output as if it were a terminal (one without a file descriptor)."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def tty() -> Callable[..., tuple[int, str]]:
    """Run the command with standard output on a terminal: (exit status, what it shows)."""

    def run(*args: str) -> tuple[int, str]:
        screen = Terminal()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys, "stdout", screen)
            status = main(list(args))
        return status, screen.getvalue()

    return run


# --- --json on the bare command ------------------------------------------------------------------


def test_the_bare_command_takes_json(run: Run) -> None:
    status, out, err = run("--json", "--tz", "Asia/Seoul")
    assert (status, err) == (0, "")
    row = json.loads(out)
    assert list(row) == ["show", "cast", "zone", "schedule"]
    assert row["show"] == json.loads(run("show", "--json")[1])
    assert row["cast"] == json.loads(run("cast", "--json")[1])
    assert row["zone"] == "Asia/Seoul"
    assert row["schedule"] == json.loads(run("schedule", "--tz", "Asia/Seoul", "--json")[1])


def test_json_works_before_or_after_the_command(run: Run) -> None:
    assert run("--json", "cast") == run("cast", "--json")


# --- tables and the terminal's width -------------------------------------------------------------


def widest(text: str) -> int:
    return max(display_width(line) for line in text.splitlines())


def test_tables_fit_the_terminal_width_from_columns(
    tty: Callable[..., tuple[int, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "90")
    status, shown = tty("sources", "--color", "never")
    assert status == 0
    assert widest(shown) == 90  # The titles are clipped, with an ellipsis, to the width.
    assert "…" in shown


def test_tables_fit_the_terminals_own_width(tty: Callable[..., tuple[int, str]]) -> None:
    # No COLUMNS and no size to ask the terminal for: 80 columns, the classic default.
    status, shown = tty("sources", "--color", "never")
    assert status == 0
    assert widest(shown) <= 80


def test_tables_are_whole_in_a_pipe_or_a_file(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    status, out, _ = run("sources")
    assert status == 0
    titles = [source.title for source in nd.load().sources.values() if source.title]
    for title in titles:
        assert title in out
    # No ellipsis but those the titles hold themselves: nothing was clipped.
    assert out.count("…") == sum(title.count("…") for title in titles)


def test_hangul_takes_two_columns_in_a_fitted_table(
    tty: Callable[..., tuple[int, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    _, shown = tty("cast", "--color", "never")
    header, _, *body = shown.splitlines()
    assert widest(shown) <= 50
    hangul = header.index("Hangul")
    for line in body:
        if "한소희" in line:
            # The Hangul starts at the Hangul column, by display width.
            assert display_width(line[: line.index("한소희")]) == hangul


def test_prose_wraps_at_the_terminal_width(
    tty: Callable[..., tuple[int, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    _, shown = tty("disputes", "--color", "never")
    assert widest(shown) <= 60


# --- exit statuses -------------------------------------------------------------------------------


def test_help_states_the_exit_status_rule(run: Run) -> None:
    _, out, _ = run("--help")
    assert " ".join(EXIT_STATUS.split()) in " ".join(out.split())
    for name, sub in subparsers(build_parser()):
        if name:
            text = " ".join(sub.format_help().split())
            assert f"Exit status: {STATUSES[name]}; 2 bad input." in text


def test_every_command_states_its_exit_statuses() -> None:
    assert {name for name, _ in subparsers(build_parser())} == set(STATUSES)


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["quotes", "--search", "webtoon"], 0),
        (["quotes", "--search", "no such words"], 1),
        (["who", "Nabi"], 0),
        (["who", "Song Kang-ho"], 1),
        (["next", "--after", "2021-07-01"], 0),
        (["next", "--after", "2022-01-01"], 1),
        (["schedule", "--platform", "JTBC"], 0),
        (["quotes", "--source", "nowhere"], 2),
        (["schedule", "--tz", "Mars/Base"], 2),
        (["no-such-command"], 2),
    ],
)
def test_zero_found_one_nothing_found_two_bad_input(run: Run, args: list[str], status: int) -> None:
    assert run(*args)[0] == status


# --- the version ---------------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(run: Run, flag: str) -> None:
    assert run(flag) == (0, f"nevertheless-data {nd.__version__}\n", "")


# --- completion ----------------------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_is_generated_from_the_parser(run: Run, shell: str) -> None:
    status, script, err = run("completion", shell)
    assert (status, err) == (0, "")
    for name, sub in subparsers(build_parser()):
        assert name in script
        for action in sub._actions:
            for option in action.option_strings:
                # fish names an option without its dashes (-s h -l help).
                assert (option.lstrip("-") if shell == "fish" else option) in script
    # Each shell's own parser accepts the script, where the shell is installed.
    program = shutil.which(shell)
    if program is not None:
        check = subprocess.run(
            [program, "-n"], input=script, text=True, capture_output=True, timeout=60
        )
        assert check.returncode == 0, check.stderr


def test_completion_without_shtab_names_the_extra(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "shtab", None)  # As if shtab were not installed.
    status, out, err = run("completion", "bash")
    assert (status, out) == (2, "")
    assert err == (
        "nevertheless-data: error: shell completion needs the shtab package: "
        "pip install 'nevertheless-data[completion]'\n"
    )


def test_completion_of_an_unknown_shell_is_a_usage_error(run: Run) -> None:
    status, out, err = run("completion", "tcsh")
    assert (status, out) == (2, "")
    assert "invalid choice: 'tcsh'" in err


# --- colour --------------------------------------------------------------------------------------


def test_colour_marks_headers_and_readings_on_a_terminal(
    tty: Callable[..., tuple[int, str]],
) -> None:
    _, shown = tty("schedule", "--all", "--tz", "UTC")
    header = shown.splitlines()[1]
    assert header.startswith(f"{ESC}1m")
    assert header.endswith(f"{ESC}0m")
    assert f"{ESC}33mdisputed" in shown
    assert f"{ESC}32mpreferred" in shown
    _, shown = tty("disputes")
    assert f"{ESC}32m (preferred){ESC}0m" in shown
    # Only marks and headers: the data lines themselves stay plain.
    _, shown = tty("quotes", "--search", "webtoon")
    assert ESC not in shown


def test_no_colour_in_a_pipe(run: Run) -> None:
    for args in (["schedule", "--all"], ["disputes"], ["cast"], []):
        assert ESC not in run(*args)[1]


def test_no_colour_under_no_color_or_a_dumb_terminal(
    tty: Callable[..., tuple[int, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert ESC not in tty("cast")[1]
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert ESC not in tty("cast")[1]


def test_the_color_option_overrides_the_default(
    run: Run, tty: Callable[..., tuple[int, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ESC in run("cast", "--color", "always")[1]
    assert ESC in run("--color=always", "cast")[1]
    assert ESC not in tty("cast", "--color", "never")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert ESC in run("cast", "--color=always")[1]  # An explicit choice beats the variable.


def test_json_and_exports_are_never_coloured(run: Run) -> None:
    assert ESC not in run("cast", "--json", "--color", "always")[1]
    assert ESC not in run("export", "--format", "csv", "--color", "always")[1]
