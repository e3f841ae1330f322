"""nd.table: any collection as columns that dataframe libraries take as they are."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings

import nevertheless_data as nd

from .strategies import datasets

PLAIN = (str, int, float, bool, dt.date, dt.time, type(None))


def plain(value: Any) -> bool:
    if isinstance(value, list):
        return all(plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and plain(item) for key, item in value.items())
    return isinstance(value, PLAIN)


@given(datasets())
@settings(max_examples=30)
def test_every_collection_becomes_columns_of_plain_values(dataset: nd.Dataset) -> None:
    for name in nd.FILES:
        value = getattr(dataset, name)
        if name == "show":
            records = [value]
        else:
            records = list(value.values() if isinstance(value, nd.Registry) else value)
        columns = nd.table(records)
        if not records:
            assert columns == {}
            continue
        assert all(len(column) == len(records) for column in columns.values()), name
        assert all(plain(cell) for column in columns.values() for cell in column), name
        # Lists of records may hold a value in a later row where the first rows hold none:
        # polars would refuse the rows its first guess at the types does not fit.
        assert pl.DataFrame(columns, strict=False).height == len(records)


def test_a_registry_is_taken_in_data_order() -> None:
    ds = nd.load()
    assert nd.table(ds.people)["id"] == list(ds.people)


def test_records_of_several_classes_or_no_records_are_refused() -> None:
    ds = nd.load()
    with pytest.raises(TypeError, match="records of one class"):
        nd.table([ds.show, ds.people["han-so-hee"]])
    with pytest.raises(TypeError, match="takes records"):
        nd.table(["han-so-hee"])
