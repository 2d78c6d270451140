"""course.data.auto_mpg: the shipped Auto MPG CSV is the expected file, and load_auto_mpg's errors say what is wrong."""

from __future__ import annotations

import hashlib
import re
from importlib.resources import files
from pathlib import Path

import pandas as pd
import pytest

import course.data
from course.data import DatasetError
from course.data.auto_mpg import AUTO_MPG_CSV, COLUMNS, EXPECTED_ROWS, FEATURES, TARGET, load_auto_mpg

EXPECTED_COLUMNS = [
    "mpg", "cylinders", "displacement", "horsepower", "weight", "acceleration", "year", "origin", "name",
]


@pytest.fixture(scope="module")
def auto() -> pd.DataFrame:
    return load_auto_mpg()


def test_constants_name_the_columns_and_the_six_features():
    assert list(COLUMNS) == EXPECTED_COLUMNS
    assert TARGET == "mpg"
    assert list(FEATURES) == ["cylinders", "displacement", "horsepower", "weight", "acceleration", "year"]
    assert EXPECTED_ROWS == 392


def test_package_reexports_the_loader():
    assert course.data.load_auto_mpg is load_auto_mpg
    assert course.data.AUTO_MPG_CSV == AUTO_MPG_CSV


def test_shipped_file_is_package_data():
    assert Path(str(files("course.data").joinpath("auto_mpg.csv"))) == AUTO_MPG_CSV
    assert AUTO_MPG_CSV.is_file()


def test_shape_columns_and_dtypes(auto):
    assert auto.shape == (392, 9)
    assert list(auto.columns) == EXPECTED_COLUMNS
    assert {name for name in EXPECTED_COLUMNS if auto[name].dtype == "float64"} == {"mpg", "displacement",
                                                                                  "acceleration"}
    assert {name for name in EXPECTED_COLUMNS if auto[name].dtype == "int64"} == {
        "cylinders", "horsepower", "weight", "year", "origin"
    }
    assert pd.api.types.is_string_dtype(auto["name"])
    assert auto.isna().sum().sum() == 0


def test_known_values(auto):
    assert auto.iloc[0].tolist() == [18.0, 8, 307.0, 130, 3504, 12.0, 70, 1, "chevrolet chevelle malibu"]
    assert auto["year"].min() == 70 and auto["year"].max() == 82
    assert auto["origin"].value_counts().sort_index().tolist() == [245, 68, 79]
    assert round(auto["mpg"].mean(), 2) == 23.45
    # Names repeat (the same model in several years), so a name is not even a key, let alone a measurement.
    assert auto["name"].nunique() == 301


def test_sha256_matches_source_md():
    source_md = AUTO_MPG_CSV.with_name("SOURCE.md").read_text(encoding="utf-8")
    recorded = re.search(r"auto_mpg\.csv sha256: `([0-9a-f]{64})`", source_md)
    assert recorded, "SOURCE.md must hold a line 'auto_mpg.csv sha256: `<64 hex digits>`'"
    assert hashlib.sha256(AUTO_MPG_CSV.read_bytes()).hexdigest() == recorded.group(1)


def test_about_page_credits_the_data(project_root):
    about = (project_root / "docs" / "about.md").read_text(encoding="utf-8")
    assert "Auto MPG" in about and "Quinlan" in about and "StatLib" in about and "CC BY 4.0" in about


def _written(tmp_path: Path, frame: pd.DataFrame, name: str = "auto.csv") -> Path:
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path


def _message(path: Path) -> str:
    with pytest.raises(DatasetError) as raised:
        load_auto_mpg(path)
    message = str(raised.value)
    assert str(path) in message and "scripts/make_auto_mpg_csv.py" in message, message
    return message


def test_missing_file(tmp_path):
    assert "no such file" in _message(tmp_path / "nowhere.csv")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    assert "could not be read as CSV" in _message(path)


def test_wrong_columns(tmp_path, auto):
    message = _message(_written(tmp_path, auto.drop(columns="name")))
    assert "expects exactly these 9, in this order: " + ", ".join(EXPECTED_COLUMNS) in message


def test_too_few_rows(tmp_path, auto):
    assert "has 10 rows, but the course expects 392" in _message(_written(tmp_path, auto.head(10)))


def test_gaps_text_fractions_and_ranges(tmp_path, auto):
    gaps = auto.copy()
    gaps.loc[3, "horsepower"] = None
    assert "empty cells in column(s) horsepower" in _message(_written(tmp_path, gaps, "gaps.csv"))

    text = auto.astype({"weight": object})
    text.loc[3, "weight"] = "heavy"
    assert "text where numbers belong, in column weight" in _message(_written(tmp_path, text, "text.csv"))

    fraction = auto.astype({"cylinders": float})
    fraction.loc[5, "cylinders"] = 4.5
    assert "fractions in column cylinders" in _message(_written(tmp_path, fraction, "fraction.csv"))

    kilograms = auto.copy()
    kilograms["weight"] = (kilograms["weight"] * 0.4536).round().astype(int)
    assert "weight = 1589 in row 1, outside the 1613 to 5140" in _message(_written(tmp_path, kilograms, "kg.csv"))
