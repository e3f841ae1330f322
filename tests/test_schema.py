"""The JSON Schema of the data format: valid draft 2020-12, generated from the models, true of
the bundled data and of every dataset dump writes, and the same as the file the docs publish.

Which malformed datasets the schema rejects (and which only the loader can) is pinned case by
case in test_malformed.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings

import nevertheless_data as nd

from .helpers import structure_record
from .strategies import datasets, raw_files

PUBLISHED = Path(__file__).parent.parent / "docs" / "_static" / "nevertheless-data.schema.json"
SCHEMA = nd.json_schema()
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def file_validator(name: str) -> jsonschema.Draft202012Validator:
    """A validator of one file: its collection's schema, with the definitions it refers to."""
    schema = {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"], **SCHEMA["properties"][name]}
    return jsonschema.Draft202012Validator(schema, format_checker=VALIDATOR.format_checker)


def errors(instance: Any) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in VALIDATOR.iter_errors(instance)]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_published_schema_is_the_generated_one() -> None:
    text = json.dumps(nd.json_schema(), indent=2, ensure_ascii=False) + "\n"
    assert PUBLISHED.read_text(encoding="utf-8") == text, (
        f"the models changed: write the text of nd.json_schema() to {PUBLISHED} "
        "(python -m nevertheless_data._schema)"
    )
    assert json.loads(PUBLISHED.read_text(encoding="utf-8")) == SCHEMA


def test_each_call_returns_a_new_schema() -> None:
    first = nd.json_schema()
    first["$defs"]["Quote"]["required"].append("mood")
    first.clear()
    assert nd.json_schema() == SCHEMA
    assert "mood" not in nd.json_schema()["$defs"]["Quote"]["required"]


def test_the_bundled_data_is_valid() -> None:
    files = raw_files(nd.load())
    assert errors(files) == []
    for name, content in files.items():
        assert list(file_validator(name).iter_errors(content)) == [], name


@given(datasets())
@settings(max_examples=30)
def test_every_dataset_dump_writes_is_valid(dataset: nd.Dataset) -> None:
    assert errors(raw_files(dataset)) == []


def model_classes() -> list[type]:
    """Every attrs class the files hold, found from FILES through the fields' types."""
    found: dict[str, type] = {}
    pending = list(nd.FILES.values())
    while pending:
        tp = pending.pop()
        pending.extend(typing.get_args(tp))
        if attrs.has(tp) and tp.__name__ not in found:
            found[tp.__name__] = tp
            pending.extend(f.type for f in attrs.fields(attrs.resolve_types(tp)))
    return sorted(found.values(), key=lambda cls: cls.__name__)


@pytest.mark.parametrize("cls", model_classes(), ids=lambda cls: cls.__name__)
def test_each_model_is_a_definition_with_its_fields(cls: type) -> None:
    definition = SCHEMA["$defs"][cls.__name__]
    fields = attrs.fields(cls)
    assert list(definition["properties"]) == [f.name for f in fields]
    assert definition["required"] == [f.name for f in fields if f.default is attrs.NOTHING]
    assert definition["additionalProperties"] is False
    assert definition["description"]


def test_the_definitions_are_exactly_the_models() -> None:
    assert list(SCHEMA["$defs"]) == [cls.__name__ for cls in model_classes()]
    assert list(SCHEMA["properties"]) == list(nd.FILES)
    assert SCHEMA["required"] == list(nd.FILES)


def test_the_schema_states_formats_and_rules_for_other_languages() -> None:
    quote = SCHEMA["$defs"]["Quote"]["properties"]
    assert quote["id"]["pattern"] == "^(?:[a-z0-9]+(?:-[a-z0-9]+)*)$"
    # A field with a default may be null, which means the default.
    assert quote["kind"] == {
        "anyOf": [{"type": "string", "enum": ["spoken", "written", "caption"]}, {"type": "null"}],
        "default": "spoken",
    }
    assert quote["speaker"]["anyOf"][1] == {"type": "null"}
    assert quote["joking"] == {"anyOf": [{"type": "boolean"}, {"type": "null"}], "default": False}
    assert SCHEMA["$defs"]["Show"]["properties"]["episode_count"]["minimum"] == 1
    assert SCHEMA["$defs"]["Source"]["properties"]["url"]["pattern"].startswith("^(?:https://")
    recurrence = SCHEMA["$defs"]["WeeklyRecurrence"]["properties"]
    assert recurrence["weekday"]["enum"][5] == "saturday"
    assert recurrence["first_date"]["format"] == "date"
    assert "pattern" in recurrence["time"]
    assert SCHEMA["$defs"]["Person"]["properties"]["sources"]["minItems"] == 1
    # The docstring under a field in _models.py is its description.
    language = SCHEMA["$defs"]["Source"]["properties"]["language"]
    assert language["description"].startswith("BCP 47 tag")
    assert "MAX_FILE_BYTES" in SCHEMA["description"]


@pytest.mark.parametrize(
    ("field", "value", "valid"),
    [
        ("time", "23:00", True),
        ("time", "23:00:30", True),
        ("time", "24:00", False),
        ("time", "23:00:00.5", False),
        ("time", "23:00+09:00", False),
        ("first_date", "2021-06-19", True),
        ("first_date", "20210619", False),
        ("first_date", "2021-02-30", False),
        ("weekday", "saturday", True),
        ("weekday", "Saturday", False),
    ],
)
def test_value_formats_agree_with_the_loader(field: str, value: str, valid: bool) -> None:
    recurrence = {"weekday": "saturday", "time": "23:00", "zone": "Asia/Seoul"}
    recurrence |= {"first_date": "2021-06-19", field: value}
    schema = {"$defs": SCHEMA["$defs"], "$ref": "#/$defs/WeeklyRecurrence"}
    validator = jsonschema.Draft202012Validator(schema, format_checker=VALIDATOR.format_checker)
    assert validator.is_valid(recurrence) is valid
    try:  # the loader's verdict on the same record
        structure_record(recurrence, nd.WeeklyRecurrence)
    except Exception:
        loaded = False
    else:
        loaded = True
    assert loaded is valid


def test_null_for_a_field_with_a_default_is_valid_for_both() -> None:
    source: dict[str, object] = {
        "id": "s",
        "kind": "article",
        "language": "en",
        "url": "https://example.org/s",
    }
    source |= {"outlet": None, "credits": None, "machine_translated": None}
    assert file_validator("sources").is_valid([source])
    loaded = structure_record(source, nd.Source)
    assert loaded == nd.Source(
        id="s", kind=nd.SourceKind.ARTICLE, language="en", url="https://example.org/s"
    )
    required_null = {**source, "language": None}
    assert not file_validator("sources").is_valid([required_null])
