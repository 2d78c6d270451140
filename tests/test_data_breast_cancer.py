"""course.data.breast_cancer: the shipped CSV is the expected file, and load_breast_cancer's errors say what is wrong."""

from __future__ import annotations

import hashlib
import re
from importlib.resources import files
from pathlib import Path

import pandas as pd
import pytest

from course.data import (
    BREAST_CANCER_CLASSES,
    BREAST_CANCER_CSV,
    BREAST_CANCER_FEATURES,
    BREAST_CANCER_ROWS,
    BREAST_CANCER_TARGET,
    DatasetError,
    load_breast_cancer,
)

MEASUREMENTS = ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
                "concave_points", "symmetry", "fractal_dimension"]


@pytest.fixture(scope="module")
def cancer() -> pd.DataFrame:
    return load_breast_cancer()


def test_constants_name_the_columns_in_order():
    assert BREAST_CANCER_FEATURES[:3] == ("radius_mean", "texture_mean", "perimeter_mean")
    assert BREAST_CANCER_FEATURES[10] == "radius_se"
    assert BREAST_CANCER_FEATURES[20] == "radius_worst"
    assert list(BREAST_CANCER_FEATURES) == [f"{m}_{s}" for s in ("mean", "se", "worst") for m in MEASUREMENTS]
    assert BREAST_CANCER_TARGET == "diagnosis"
    assert BREAST_CANCER_CLASSES == ("malignant", "benign")
    assert BREAST_CANCER_ROWS == 569


def test_shipped_file_is_package_data():
    assert Path(str(files("course.data").joinpath("breast_cancer.csv"))) == BREAST_CANCER_CSV
    assert BREAST_CANCER_CSV.is_file()


def test_sha256_matches_source_md():
    source_md = BREAST_CANCER_CSV.with_name("SOURCE.md").read_text(encoding="utf-8")
    recorded = re.search(r"breast_cancer\.csv sha256: `([0-9a-f]{64})`", source_md)
    assert recorded, "SOURCE.md must hold a line 'breast_cancer.csv sha256: `<64 hex digits>`'"
    assert hashlib.sha256(BREAST_CANCER_CSV.read_bytes()).hexdigest() == recorded.group(1)


def test_shape_columns_and_dtypes(cancer):
    assert cancer.shape == (569, 31)
    assert list(cancer.columns) == [*BREAST_CANCER_FEATURES, "diagnosis"]
    assert all(cancer[name].dtype == "float64" for name in BREAST_CANCER_FEATURES)
    assert cancer.isna().sum().sum() == 0


def test_classes(cancer):
    assert cancer["diagnosis"].value_counts().to_dict() == {"benign": 357, "malignant": 212}


def test_first_and_last_rows_are_the_source_rows(cancer):
    first, last = cancer.iloc[0], cancer.iloc[-1]
    assert first[["radius_mean", "texture_mean", "area_mean", "fractal_dimension_worst"]].tolist() == [
        17.99, 10.38, 1001.0, 0.1189]
    assert first["diagnosis"] == "malignant"
    assert last[["radius_mean", "texture_mean", "area_mean", "fractal_dimension_worst"]].tolist() == [
        7.76, 24.54, 181.0, 0.07039]
    assert last["diagnosis"] == "benign"


def test_each_worst_value_is_at_least_the_mean(cancer):
    # "worst" is the mean of the three largest values over the nuclei, so it can never be below their mean:
    # a check that the columns were named in the right order.
    for measurement in MEASUREMENTS:
        assert (cancer[f"{measurement}_worst"] >= cancer[f"{measurement}_mean"]).all(), measurement


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.csv"
    with pytest.raises(DatasetError) as raised:
        load_breast_cancer(path)
    message = str(raised.value)
    assert str(path) in message
    assert "no such file" in message
    assert "scripts/make_breast_cancer_csv.py" in message


def test_wrong_column(tmp_path, cancer):
    path = tmp_path / "renamed.csv"
    cancer.rename(columns={"diagnosis": "class"}).to_csv(path, index=False)
    with pytest.raises(DatasetError) as raised:
        load_breast_cancer(path)
    message = str(raised.value)
    assert str(path) in message
    assert "wrong columns: missing diagnosis; unexpected class." in message
    assert "scripts/make_breast_cancer_csv.py" in message


def test_columns_in_wrong_order(tmp_path, cancer):
    path = tmp_path / "reordered.csv"
    cancer[["diagnosis", *BREAST_CANCER_FEATURES]].to_csv(path, index=False)
    with pytest.raises(DatasetError, match="right names in the wrong order"):
        load_breast_cancer(path)


def test_too_few_rows(tmp_path, cancer):
    path = tmp_path / "short.csv"
    cancer.head(10).to_csv(path, index=False)
    with pytest.raises(DatasetError, match="has 10 rows, but the course expects 569"):
        load_breast_cancer(path)


def test_text_gaps_and_unknown_diagnosis_are_reported(tmp_path, cancer):
    text = cancer.astype({"area_mean": object})
    text.loc[3, "area_mean"] = "large"
    text.to_csv(tmp_path / "text.csv", index=False)
    with pytest.raises(DatasetError, match=r"text where numbers belong, in column\(s\) area_mean"):
        load_breast_cancer(tmp_path / "text.csv")

    gaps = cancer.copy()
    gaps.loc[3, "radius_se"] = None
    gaps.to_csv(tmp_path / "gaps.csv", index=False)
    with pytest.raises(DatasetError, match=r"empty cells in column\(s\) radius_se"):
        load_breast_cancer(tmp_path / "gaps.csv")

    coded = cancer.copy()
    coded["diagnosis"] = (coded["diagnosis"] == "malignant").astype(int)
    coded.to_csv(tmp_path / "coded.csv", index=False)
    with pytest.raises(DatasetError, match="diagnosis other than 'malignant' or 'benign': 0, 1"):
        load_breast_cancer(tmp_path / "coded.csv")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(DatasetError, match="could not be read as CSV"):
        load_breast_cancer(path)
