"""course.data: the shipped concrete CSV is the expected file, and load_concrete's errors say what is wrong."""

from __future__ import annotations

import hashlib
import re
from importlib.resources import files
from pathlib import Path

import pandas as pd
import pytest

from course.data import CONCRETE_CSV, FEATURES, TARGET, DatasetError, load_concrete

COLUMNS = [
    "Cement",
    "BlastFurnaceSlag",
    "FlyAsh",
    "Water",
    "Superplasticizer",
    "CoarseAggregate",
    "FineAggregate",
    "Age",
    "CompressiveStrength",
]


@pytest.fixture(scope="module")
def concrete() -> pd.DataFrame:
    return load_concrete()


def test_constants_name_the_columns_in_order():
    assert list(FEATURES) == COLUMNS[:-1]
    assert TARGET == "CompressiveStrength"


def test_shipped_file_is_package_data():
    assert CONCRETE_CSV.is_file()
    assert Path(str(files("course.data").joinpath("concrete.csv"))) == CONCRETE_CSV
    assert files("course.data").joinpath("SOURCE.md").is_file()


def test_shape_and_columns(concrete):
    assert concrete.shape == (1030, 9)
    assert list(concrete.columns) == COLUMNS


def test_dtypes_are_numeric(concrete):
    assert all(pd.api.types.is_numeric_dtype(concrete[name]) for name in COLUMNS)
    assert all(concrete[name].dtype == "float64" for name in COLUMNS if name != "Age")
    assert pd.api.types.is_integer_dtype(concrete["Age"])


def test_no_missing_values(concrete):
    assert concrete.isna().sum().sum() == 0


def test_duplicated_rows(concrete):
    assert concrete.duplicated().sum() == 25


def test_means(concrete):
    means = concrete[["Cement", "Water", "Age", "CompressiveStrength"]].mean().round(2).to_dict()
    assert means == {"Cement": 281.17, "Water": 181.57, "Age": 45.66, "CompressiveStrength": 35.82}


def test_first_row_is_the_source_first_row(concrete):
    assert concrete.iloc[0].tolist() == [540.0, 0.0, 0.0, 162.0, 2.5, 1040.0, 676.0, 28, 79.99]


def test_sha256_matches_source_md():
    source_md = CONCRETE_CSV.with_name("SOURCE.md").read_text(encoding="utf-8")
    recorded = re.search(r"concrete\.csv sha256: `([0-9a-f]{64})`", source_md)
    assert recorded, "SOURCE.md must hold a line 'concrete.csv sha256: `<64 hex digits>`'"
    assert hashlib.sha256(CONCRETE_CSV.read_bytes()).hexdigest() == recorded.group(1)


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.csv"
    with pytest.raises(DatasetError) as raised:
        load_concrete(path)
    message = str(raised.value)
    assert str(path) in message
    assert "no such file" in message
    assert "scripts/make_concrete_csv.py" in message


def test_wrong_column(tmp_path, concrete):
    path = tmp_path / "renamed.csv"
    concrete.rename(columns={"FlyAsh": "Fly Ash"}).to_csv(path, index=False)
    with pytest.raises(DatasetError) as raised:
        load_concrete(path)
    message = str(raised.value)
    assert str(path) in message
    assert "wrong columns: missing FlyAsh; unexpected Fly Ash." in message
    assert ", ".join(COLUMNS) in message


def test_columns_in_wrong_order(tmp_path, concrete):
    path = tmp_path / "reordered.csv"
    concrete[[TARGET, *FEATURES]].to_csv(path, index=False)
    with pytest.raises(DatasetError, match="right names in the wrong order"):
        load_concrete(path)


def test_too_few_rows(tmp_path, concrete):
    path = tmp_path / "short.csv"
    concrete.head(10).to_csv(path, index=False)
    with pytest.raises(DatasetError) as raised:
        load_concrete(path)
    message = str(raised.value)
    assert str(path) in message
    assert "has 10 rows, but the course expects 1030" in message


def test_text_and_gaps_are_reported(tmp_path, concrete):
    text = concrete.astype({"Water": object})
    text.loc[3, "Water"] = "lots"
    text_path = tmp_path / "text.csv"
    text.to_csv(text_path, index=False)
    with pytest.raises(DatasetError, match="text where numbers belong, in column\\(s\\) Water"):
        load_concrete(text_path)

    gaps = concrete.copy()
    gaps.loc[3, "Cement"] = None
    gaps_path = tmp_path / "gaps.csv"
    gaps.to_csv(gaps_path, index=False)
    with pytest.raises(DatasetError, match="empty cells in column\\(s\\) Cement"):
        load_concrete(gaps_path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(DatasetError, match="could not be read as CSV"):
        load_concrete(path)


def test_dataset_error_is_a_value_error():
    assert issubclass(DatasetError, ValueError)
