"""The course's datasets: Yeh's Concrete Compressive Strength data, shipped as ``course/data/concrete.csv`` (here),
and Auto MPG and Breast Cancer Wisconsin (submodules, re-exported here).

``load_concrete()`` reads the concrete data and checks it is the file the lessons expect (1030 mixes, 9 named
columns, all numeric, nothing missing), raising ``DatasetError`` with a plain explanation otherwise. Where the
files come from and how to rebuild them: ``course/data/SOURCE.md``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["CONCRETE_CSV", "EXPECTED_ROWS", "FEATURES", "TARGET", "DatasetError", "load_concrete"]

CONCRETE_CSV: Path = Path(__file__).with_name("concrete.csv")
"""The shipped CSV, inside the installed package."""

FEATURES: tuple[str, ...] = (
    "Cement",
    "BlastFurnaceSlag",
    "FlyAsh",
    "Water",
    "Superplasticizer",
    "CoarseAggregate",
    "FineAggregate",
    "Age",
)
"""The recipe of each mix: kg per m³ of mixture, except ``Age`` in days."""

TARGET: str = "CompressiveStrength"
"""What the lessons predict: compressive strength in MPa."""

EXPECTED_ROWS: int = 1030

_COLUMNS: tuple[str, ...] = (*FEATURES, TARGET)
_REGENERATE = "regenerate it with `.venv/bin/python scripts/make_concrete_csv.py`"


class DatasetError(ValueError):
    """The dataset file is missing or is not the file the course expects; the message says which and why."""


def load_concrete(path: Path | None = None) -> pd.DataFrame:
    """Load the Concrete Compressive Strength data: one row per tested concrete mix, in the source's order.

    Columns, in this order: the eight ``FEATURES`` — Cement, BlastFurnaceSlag, FlyAsh, Water,
    Superplasticizer, CoarseAggregate, FineAggregate (each in kg per m³ of mixture) and Age (days since
    casting, int) — then ``TARGET``, CompressiveStrength (MPa). All other columns are float64.

    ``path`` defaults to the shipped ``CONCRETE_CSV``. Raises ``DatasetError`` when the file is missing,
    unreadable, has other columns, other than 1030 rows, non-numeric or missing values.
    """
    path = CONCRETE_CSV if path is None else Path(path)
    if not path.is_file():
        raise DatasetError(
            f"The concrete dataset was expected at {path}, but there is no such file. "
            f"The course ships it as {CONCRETE_CSV}; if that file is gone, {_REGENERATE}."
        )
    try:
        frame = pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise DatasetError(
            f"The concrete dataset at {path} could not be read as CSV ({error}). "
            f"Use the file the course ships ({CONCRETE_CSV}) or {_REGENERATE}."
        ) from None
    _check_columns(frame, path)
    _check_rows(frame, path)
    _check_values(frame, path)
    float_columns = [name for name in _COLUMNS if name != "Age"]
    return frame.astype({name: "float64" for name in float_columns})


def _check_columns(frame: pd.DataFrame, path: Path) -> None:
    found = [str(name) for name in frame.columns]
    if tuple(found) == _COLUMNS:
        return
    missing = [name for name in _COLUMNS if name not in found]
    unexpected = [name for name in found if name not in _COLUMNS]
    if missing or unexpected:
        problems = []
        if missing:
            problems.append(f"missing {', '.join(missing)}")
        if unexpected:
            problems.append(f"unexpected {', '.join(unexpected)}")
        what = "; ".join(problems)
    else:
        what = f"the right names in the wrong order or repeated ({', '.join(found)})"
    raise DatasetError(
        f"The concrete dataset at {path} has the wrong columns: {what}. "
        f"Expected exactly these {len(_COLUMNS)}, in this order: {', '.join(_COLUMNS)}. "
        f"Use the file the course ships ({CONCRETE_CSV}) or {_REGENERATE}."
    )


def _check_rows(frame: pd.DataFrame, path: Path) -> None:
    if len(frame) == EXPECTED_ROWS:
        return
    raise DatasetError(
        f"The concrete dataset at {path} has {len(frame)} rows, but the course expects {EXPECTED_ROWS} "
        f"(one per tested concrete mix), so the file is incomplete or a different dataset. "
        f"Use the file the course ships ({CONCRETE_CSV}) or {_REGENERATE}."
    )


def _check_values(frame: pd.DataFrame, path: Path) -> None:
    not_numeric = [name for name in _COLUMNS if not pd.api.types.is_numeric_dtype(frame[name])]
    if not_numeric:
        raise DatasetError(
            f"The concrete dataset at {path} has text where numbers belong, in column(s) "
            f"{', '.join(not_numeric)}. Every value must be a number. "
            f"Use the file the course ships ({CONCRETE_CSV}) or {_REGENERATE}."
        )
    with_gaps = [name for name in _COLUMNS if frame[name].isna().any()]
    if with_gaps:
        raise DatasetError(
            f"The concrete dataset at {path} has empty cells in column(s) {', '.join(with_gaps)}; "
            f"the course's file has none. Use the file the course ships ({CONCRETE_CSV}) or {_REGENERATE}."
        )

# Last, because these modules import DatasetError from here.
from course.data.auto_mpg import AUTO_MPG_CSV, load_auto_mpg  # noqa: E402, F401
from course.data.breast_cancer import (  # noqa: E402, F401
    BREAST_CANCER_CLASSES, BREAST_CANCER_CSV, BREAST_CANCER_FEATURES, BREAST_CANCER_ROWS, BREAST_CANCER_TARGET,
    load_breast_cancer,
)
