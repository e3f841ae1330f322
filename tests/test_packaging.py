"""What the wheel and the sdist carry: the licence, the project URLs, the data, and for the sdist
everything ``pytest`` needs to test it as the repository is tested.

Both are built once, by the hatchling of the test environment (no isolated build environment,
so it takes a second), into a temporary directory; the source tree is only read.
"""

from __future__ import annotations

import email.parser
import email.policy
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.message import Message
from pathlib import Path, PurePosixPath
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
NAME = "nevertheless_data"
VERSION = PYPROJECT["project"]["version"]

# What pytest reads besides the package: its configuration, both conftest files, the test
# modules and their data, the pages whose examples run, and the benchmark script a test runs.
SDIST_MUST_CARRY = [
    "pyproject.toml",
    "conftest.py",
    "README.md",
    "LICENSE",
    "tests/conftest.py",
    "tests/*.py",
    "tests/seeds/*",
    "docs/conf.py",
    "docs/*.md",
    "docs/_ext/*.py",
    "docs/_static/*.json",
    "benchmarks/*.py",
    "src/nevertheless_data/*.py",
    "src/nevertheless_data/py.typed",
    "src/nevertheless_data/_bundled.pickle",
    "src/nevertheless_data/data/*.json",
]


class Built(NamedTuple):
    sdist: Path
    wheel: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-t", "wheel", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return Built(
        out / f"{NAME}-{VERSION}.tar.gz",
        out / f"{NAME}-{VERSION}-py3-none-any.whl",
    )


def sdist_files(sdist: Path) -> set[str]:
    """The sdist's file paths, relative to its top directory."""
    with tarfile.open(sdist) as archive:
        names = [member.name for member in archive.getmembers() if member.isfile()]
    top = f"{NAME}-{VERSION}"
    assert all(PurePosixPath(name).parts[0] == top for name in names)
    return {str(PurePosixPath(*PurePosixPath(name).parts[1:])) for name in names}


def metadata(text: str) -> Message:
    return email.parser.Parser(policy=email.policy.compat32).parsestr(text)


def wheel_metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        return metadata(archive.read(f"{NAME}-{VERSION}.dist-info/METADATA").decode())


# --- the sdist ---------------------------------------------------------------------------------


@pytest.mark.parametrize("pattern", SDIST_MUST_CARRY)
def test_the_sdist_carries_what_pytest_needs(built: Built, pattern: str) -> None:
    in_tree = {
        path.relative_to(ROOT).as_posix()
        for path in ROOT.glob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert in_tree, f"nothing in the tree matches {pattern}"
    assert in_tree <= sdist_files(built.sdist)


def test_the_sdist_carries_every_path_pytest_collects(built: Built) -> None:
    files = sdist_files(built.sdist)
    for path in PYPROJECT["tool"]["pytest"]["ini_options"]["testpaths"]:
        assert path in files or any(name.startswith(f"{path}/") for name in files), path


def test_the_sdist_leaves_out_builds_caches_and_generated_pictures(built: Built) -> None:
    unwanted = re.compile(
        r"(^|/)(__pycache__|\.venv|\.git|\.pytest_cache|\.hypothesis|\.mypy_cache|\.ruff_cache)/"
        r"|^docs/_build/|^docs/_static/generated/|^dist/|\.py[cod]$"
    )
    assert sorted(name for name in sdist_files(built.sdist) if unwanted.search(name)) == []


def test_the_sdist_declares_the_licence(built: Built) -> None:
    with tarfile.open(built.sdist) as archive:
        member = archive.extractfile(f"{NAME}-{VERSION}/PKG-INFO")
        assert member is not None
        info = metadata(member.read().decode())
    assert info["License-Expression"] == "MIT"
    assert info.get_all("License-File") == ["LICENSE"]


# --- the wheel ---------------------------------------------------------------------------------


def test_the_wheel_declares_the_licence_and_carries_its_text(built: Built) -> None:
    info = wheel_metadata(built.wheel)
    assert info["License-Expression"] == "MIT"
    assert info.get_all("License-File") == ["LICENSE"]
    assert info["License"] is None  # The expression replaces the free-text field (PEP 639).
    with zipfile.ZipFile(built.wheel) as archive:
        text = archive.read(f"{NAME}-{VERSION}.dist-info/licenses/LICENSE").decode()
    assert text == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2021-2026 nevertheless-data developers" in text


def test_the_wheel_names_the_project_urls(built: Built) -> None:
    urls = dict(
        line.split(", ", 1) for line in wheel_metadata(built.wheel).get_all("Project-URL", [])
    )
    assert list(urls) == ["Documentation", "Source", "Changelog", "Issues"]
    assert urls == PYPROJECT["project"]["urls"]
    assert all(url.startswith("https://") for url in urls.values())
    assert urls["Issues"] == urls["Source"] + "/issues"
    assert urls["Changelog"].startswith(urls["Documentation"])


def test_the_wheel_carries_the_data_and_the_typing_marker(built: Built) -> None:
    with zipfile.ZipFile(built.wheel) as archive:
        names = set(archive.namelist())
    package = ROOT / "src" / NAME
    expected = {
        path.relative_to(package.parent).as_posix()
        for pattern in ("*.py", "data/*.json", "py.typed", "_bundled.pickle")
        for path in package.glob(pattern)
    }
    assert {f"{NAME}/py.typed", f"{NAME}/_bundled.pickle", f"{NAME}/data/show.json"} <= expected
    assert expected <= names
    assert not any(name.startswith(("tests/", "docs/", "benchmarks/")) for name in names)


def test_the_long_description_has_only_links_that_work_on_an_index_page(built: Built) -> None:
    # PyPI shows the README without the repository around it: a relative link leads nowhere.
    description = wheel_metadata(built.wheel).get_payload()
    assert isinstance(description, str)
    assert description.startswith("# nevertheless-data\n")
    links = re.findall(r"\]\(([^)\s]+)\)", description)
    links += re.findall(r"""(?:href|src)=["']([^"']+)["']""", description)
    assert [link for link in links if not link.startswith("https://")] == []
