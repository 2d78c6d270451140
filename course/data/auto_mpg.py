"""The Auto MPG data: fuel economy of 392 cars of the model years 1970–1982, shipped as ``course/data/auto_mpg.csv``.

``load_auto_mpg()`` reads it and checks it is the file the lessons expect (392 cars, 9 named columns, numbers
where numbers belong, within their known ranges, nothing missing), raising ``DatasetError`` with a plain
explanation otherwise. Where the file comes from and how to rebuild it: ``course/data/SOURCE.md``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from course.data import DatasetError

__all__ = ["AUTO_MPG_CSV", "COLUMNS", "EXPECTED_ROWS", "FEATURES", "TARGET", "load_auto_mpg"]

AUTO_MPG_CSV: Path = Path(__file__).with_name("auto_mpg.csv")
"""The shipped CSV, inside the installed package."""

# Column -> (dtype, lowest, highest): the source's units and the range every value of the shipped file lies in.
_NUMERIC: dict[str, tuple[str, float, float]] = {
    "mpg": ("float64", 9.0, 46.6),  # miles per US gallon
    "cylinders": ("int64", 3, 8),
    "displacement": ("float64", 68.0, 455.0),  # engine displacement, cubic inches
    "horsepower": ("int64", 46, 230),
    "weight": ("int64", 1613, 5140),  # pounds
    "acceleration": ("float64", 8.0, 24.8),  # seconds from 0 to 60 mph
    "year": ("int64", 70, 82),  # model year, 19xx
    "origin": ("int64", 1, 3),  # 1 American, 2 European, 3 Japanese
}

COLUMNS: tuple[str, ...] = (*_NUMERIC, "name")
"""Every column of the file, in order: the target ``mpg``, seven numeric columns, and the car's ``name``."""

FEATURES: tuple[str, ...] = ("cylinders", "displacement", "horsepower", "weight", "acceleration", "year")
"""The lessons' inputs: the six measured quantities. ``origin`` is a region code and ``name`` is text, so
neither is a number a linear unit can weigh; the lessons say why."""

TARGET: str = "mpg"
"""What the lessons predict: fuel economy in miles per US gallon."""

EXPECTED_ROWS: int = 392

_REGENERATE = "regenerate it with `.venv/bin/python scripts/make_auto_mpg_csv.py`"


def load_auto_mpg(path: Path | None = None) -> pd.DataFrame:
    """Load the Auto MPG data: one row per car, in the source's order, with the columns of ``COLUMNS``.

    ``mpg``, ``displacement`` and ``acceleration`` are float64, the other numeric columns int64, ``name`` text.
    ``path`` defaults to the shipped ``AUTO_MPG_CSV``. Raises ``DatasetError`` when the file is missing or
    unreadable, has other columns, other than 392 rows, text where numbers belong, empty cells or values outside
    the ranges the data has.
    """
    path = AUTO_MPG_CSV if path is None else Path(path)
    if not path.is_file():
        raise DatasetError(
            f"The Auto MPG dataset was expected at {path}, but there is no such file. "
            f"The course ships it as {AUTO_MPG_CSV}; if that file is gone, {_REGENERATE}."
        )
    try:
        frame = pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        _fail(path, f"could not be read as CSV ({error})")
    found = tuple(str(name) for name in frame.columns)
    if found != COLUMNS:
        _fail(path, f"has the columns {', '.join(found) or 'none'}, but the course expects exactly these "
                    f"{len(COLUMNS)}, in this order: {', '.join(COLUMNS)}")
    if len(frame) != EXPECTED_ROWS:
        _fail(path, f"has {len(frame)} rows, but the course expects {EXPECTED_ROWS} (one per car), so the file "
                    f"is incomplete or a different dataset")
    with_gaps = [name for name in COLUMNS if frame[name].isna().any()]
    if with_gaps:
        _fail(path, f"has empty cells in column(s) {', '.join(with_gaps)}; the course's file has none")
    for name, (dtype, low, high) in _NUMERIC.items():
        column = frame[name]
        if not pd.api.types.is_numeric_dtype(column):
            _fail(path, f"has text where numbers belong, in column {name}")
        if dtype == "int64" and not (column == column.round()).all():
            _fail(path, f"has fractions in column {name}, which holds whole numbers")
        outside = column[(column < low) | (column > high)]
        if len(outside):
            _fail(path, f"has {name} = {outside.iloc[0]:g} in row {outside.index[0] + 1}, outside the "
                        f"{low:g} to {high:g} of the course's file")
    return frame.astype({name: dtype for name, (dtype, _, _) in _NUMERIC.items()})


def _fail(path: Path, problem: str) -> None:
    raise DatasetError(
        f"The Auto MPG dataset at {path} {problem}. Use the file the course ships ({AUTO_MPG_CSV}) or {_REGENERATE}."
    ) from None
