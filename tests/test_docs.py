"""The documentation cannot drift from the code.

Sybil (the root conftest.py) runs every ```python block of README.md and docs/. This module
runs every ```console block too, comparing the printed output with the page, and checks that
the data-format page documents every field of every model, that the API page covers every
public name, and that every public name has a docstring.
"""

from __future__ import annotations

import enum
import inspect
import re
import shlex
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import attrs
import pytest

import nevertheless_data as nd
from nevertheless_data import cli, ical

from .helpers import cli_modules

# Every module of the command's package: each public name needs a docstring.
CLI_MODULES = cli_modules()

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted([ROOT / "README.md", *DOCS.glob("*.md")])

_FENCE = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)


class ConsoleExample(NamedTuple):
    """One ``$ command`` of a console block and the output the page shows for it."""

    page: str
    line: int
    env: dict[str, str]
    argv: list[str]
    expected: str


def console_examples() -> Iterator[ConsoleExample]:
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for block in _FENCE.finditer(text):
            first_line = text.count("\n", 0, block.start(1)) + 1
            yield from _commands(page.name, first_line, block.group(1))


def _commands(page: str, first_line: int, block: str) -> Iterator[ConsoleExample]:
    lines = block.splitlines()
    starts = [index for index, line in enumerate(lines) if line.startswith("$ ")]
    assert starts[:1] == [0], f"{page}:{first_line}: a console block starts with '$ '"
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        words = shlex.split(lines[start][2:])
        env = {}
        while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
            name, _, value = words.pop(0).partition("=")
            env[name] = value
        assert words[:1] == ["nevertheless-data"], (
            f"{page}:{first_line + start}: console examples run nevertheless-data; "
            "show other commands in ```sh blocks"
        )
        expected = "\n".join(lines[start + 1 : end])
        yield ConsoleExample(page, first_line + start, env, words[1:], expected)


EXAMPLES = list(console_examples())


def test_the_docs_have_console_examples() -> None:
    pages = {example.page for example in EXAMPLES}
    assert {"README.md", "cli.md", "quickstart.md"} <= pages


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e.page}:{e.line}" for e in EXAMPLES])
def test_console_example_prints_what_the_page_shows(
    example: ConsoleExample,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    # The pages show a 100-column terminal in London unless the example sets TZ itself.
    monkeypatch.setenv("TZ", "Europe/London")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name, value in example.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)  # Files an example writes land here.
    cli.main(example.argv)
    captured = capsys.readouterr()
    printed = (captured.out + captured.err).rstrip("\n")
    assert printed.splitlines() == example.expected.rstrip("\n").splitlines()


# --- the data format page ----------------------------------------------------------------------


def _models() -> list[type]:
    found: list[type] = []

    def visit(tp: Any) -> None:
        for arg in typing.get_args(tp):
            visit(arg)
        if isinstance(tp, type) and attrs.has(tp) and tp not in found:
            found.append(tp)
            for field in attrs.fields(attrs.resolve_types(tp)):
                visit(field.type)

    for kind in nd.FILES.values():
        visit(kind)
    return found


MODELS = _models()


def _sections(text: str, level: str) -> dict[str, str]:
    parts = re.split(rf"^{level} (.+)$", text, flags=re.M)
    return {title.strip("` "): body for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def test_every_model_of_the_files_is_found() -> None:
    names = {model.__name__ for model in MODELS}
    assert {"Show", "Person", "Alias", "BroadcastSlot", "SlotOffset", "Reading"} <= names
    assert len(MODELS) == 29


@pytest.mark.parametrize("model", MODELS, ids=[model.__name__ for model in MODELS])
def test_data_format_documents_every_field(model: type) -> None:
    sections = _sections((DOCS / "data-format.md").read_text(encoding="utf-8"), "###")
    assert model.__name__ in sections, f"data-format.md has no '### `{model.__name__}`'"
    table = sections[model.__name__].split("\n## ")[0]
    documented = re.findall(r"^\| `(\w+)` \|", table, flags=re.M)
    fields = [field.name for field in attrs.fields(model)]
    assert sorted(documented) == sorted(fields)
    assert len(documented) == len(set(documented))


def test_data_format_has_a_section_per_file() -> None:
    text = (DOCS / "data-format.md").read_text(encoding="utf-8")
    files = set(_sections(text, "##"))
    for name in nd.FILES:
        assert f"{name}.json" in files
        assert f"| `{name}.json` |" in text


def test_data_format_names_every_enum_value() -> None:
    text = (DOCS / "data-format.md").read_text(encoding="utf-8")
    for model in MODELS:
        for field in attrs.fields(attrs.resolve_types(model)):
            kind = field.type
            if isinstance(kind, type) and issubclass(kind, enum.Enum):
                for member in kind:
                    if kind is not nd.Weekday or member in (nd.Weekday.MONDAY, nd.Weekday.SUNDAY):
                        spelled = member.value
                        assert f'`"{spelled}"`' in text or f'"{spelled}"' in text, spelled


# --- the API page and docstrings ---------------------------------------------------------------


def test_api_page_documents_every_public_name() -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    documented = set(
        re.findall(
            r"^\.\. (?:autoclass|autofunction|autoexception|py:data):: nevertheless_data\.(\w+)$",
            text,
            re.M,
        )
    )
    assert documented == set(nd.__all__)
    assert ".. automodule:: nevertheless_data.ical" in text


def test_api_page_documents_the_cached_properties_of_slotted_classes() -> None:
    # attrs turns a functools.cached_property of a slotted class into a slot, and its docstring
    # is lost on the way: the API page must document such a property by hand.
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    for name in nd.__all__:
        cls = getattr(nd, name)
        if inspect.isclass(cls) and attrs.has(cls):
            fields = {field.name for field in attrs.fields(cls)}
            for slot in getattr(cls, "__slots__", ()):
                if slot not in fields and not slot.startswith("_"):
                    assert f".. py:property:: {slot}" in text, f"{name}.{slot}"


def _public_objects() -> Iterator[tuple[str, object]]:
    for name in nd.__all__:
        if name.isupper() or name == "__version__":
            continue  # Constants: documented on the API page with py:data.
        yield f"nevertheless_data.{name}", getattr(nd, name)
    for name in ical.__all__:
        if not name.isupper():
            yield f"nevertheless_data.ical.{name}", getattr(ical, name)
    # The command line's modules: every function or class without an underscore.
    for module in CLI_MODULES:
        for name, value in vars(module).items():
            defined_here = getattr(value, "__module__", None) == module.__name__
            kind_ok = inspect.isfunction(value) or inspect.isclass(value)
            if kind_ok and defined_here and not name.startswith("_"):
                yield f"{module.__name__}.{name}", value


def _members(owner: type) -> Iterator[tuple[str, object]]:
    for name, value in vars(owner).items():
        if name.startswith("_"):
            continue
        if isinstance(value, (property, classmethod, staticmethod)) or inspect.isfunction(value):
            yield name, value


def test_every_public_name_has_a_docstring() -> None:
    missing = []
    for qualified, obj in _public_objects():
        if not (inspect.getdoc(obj) or "").strip() or (
            inspect.isclass(obj) and "__doc__" not in vars(obj)
        ):
            missing.append(qualified)
        if inspect.isclass(obj):
            for name, member in _members(obj):
                target = (
                    member.__func__ if isinstance(member, (classmethod, staticmethod)) else member
                )
                if not (getattr(target, "__doc__", None) or "").strip():
                    missing.append(f"{qualified}.{name}")
    for module in (nd, ical, *CLI_MODULES):
        if not (module.__doc__ or "").strip():
            missing.append(module.__name__)
    assert missing == []


# --- the site ----------------------------------------------------------------------------------


def test_every_page_is_in_the_table_of_contents() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    trees = [part.split("```", 1)[0] for part in index.split("```{toctree}")[1:]]
    listed = {
        line.strip()
        for tree in trees
        for line in tree.splitlines()
        if line.strip() and not line.startswith(":")
    }
    pages = {page.stem for page in DOCS.glob("*.md")} - {"index"}
    assert pages <= listed
