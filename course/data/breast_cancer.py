"""The Breast Cancer Wisconsin (Diagnostic) data, shipped as ``course/data/breast_cancer.csv``.

``load_breast_cancer()`` reads it and checks it is the file the lessons expect (569 samples, 30 numeric feature
columns without gaps, a ``diagnosis`` of "malignant" or "benign"), raising ``DatasetError`` with a plain explanation
otherwise. Where the file comes from and how to rebuild it: ``course/data/SOURCE.md``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from course.data import DatasetError

__all__ = [
    "BREAST_CANCER_CLASSES",
    "BREAST_CANCER_CSV",
    "BREAST_CANCER_FEATURES",
    "BREAST_CANCER_ROWS",
    "BREAST_CANCER_TARGET",
    "load_breast_cancer",
]

BREAST_CANCER_CSV: Path = Path(__file__).with_name("breast_cancer.csv")
"""The shipped CSV, inside the installed package."""

_MEASUREMENTS: tuple[str, ...] = (
    "radius",
    "texture",
    "perimeter",
    "area",
    "smoothness",
    "compactness",
    "concavity",
    "concave_points",
    "symmetry",
    "fractal_dimension",
)
_STATISTICS: tuple[str, ...] = ("mean", "se", "worst")

BREAST_CANCER_FEATURES: tuple[str, ...] = tuple(
    f"{measurement}_{statistic}" for statistic in _STATISTICS for measurement in _MEASUREMENTS
)
"""The 30 features, in the source's order: ten measurements of the cell nuclei in one image (``radius`` …
``fractal_dimension``), first their mean over the nuclei (``_mean``), then their standard error (``_se``), then the
mean of the three largest values (``_worst``)."""

BREAST_CANCER_TARGET: str = "diagnosis"
"""What the lesson predicts: the diagnosis of the sampled mass, one of ``BREAST_CANCER_CLASSES``."""

BREAST_CANCER_CLASSES: tuple[str, ...] = ("malignant", "benign")
"""The values of the target column."""

BREAST_CANCER_ROWS: int = 569

_COLUMNS: tuple[str, ...] = (*BREAST_CANCER_FEATURES, BREAST_CANCER_TARGET)
_REGENERATE = "regenerate it with `.venv/bin/python scripts/make_breast_cancer_csv.py`"


def load_breast_cancer(path: Path | None = None) -> pd.DataFrame:
    """Load the Breast Cancer Wisconsin (Diagnostic) data: one row per sampled breast mass, in the source's order.

    Columns, in this order: the 30 ``BREAST_CANCER_FEATURES`` (float64), then ``BREAST_CANCER_TARGET``,
    ``diagnosis``, a string, "malignant" or "benign".

    ``path`` defaults to the shipped ``BREAST_CANCER_CSV``. Raises ``DatasetError`` when the file is missing,
    unreadable, has other columns, other than 569 rows, non-numeric or missing features, or another diagnosis.
    """
    path = BREAST_CANCER_CSV if path is None else Path(path)
    if not path.is_file():
        raise DatasetError(
            f"The breast cancer dataset was expected at {path}, but there is no such file. "
            f"The course ships it as {BREAST_CANCER_CSV}; if that file is gone, {_REGENERATE}."
        )
    try:
        frame = pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise _error(path, f"could not be read as CSV ({error})") from None
    _check_columns(frame, path)
    if len(frame) != BREAST_CANCER_ROWS:
        raise _error(
            path,
            f"has {len(frame)} rows, but the course expects {BREAST_CANCER_ROWS} (one per sampled breast mass), "
            "so the file is incomplete or a different dataset",
        )
    _check_features(frame, path)
    _check_target(frame, path)
    return frame.astype({name: "float64" for name in BREAST_CANCER_FEATURES})


def _error(path: Path, problem: str) -> DatasetError:
    return DatasetError(
        f"The breast cancer dataset at {path} {problem}. "
        f"Use the file the course ships ({BREAST_CANCER_CSV}) or {_REGENERATE}."
    )


def _check_columns(frame: pd.DataFrame, path: Path) -> None:
    found = [str(name) for name in frame.columns]
    if tuple(found) == _COLUMNS:
        return
    missing = [name for name in _COLUMNS if name not in found]
    unexpected = [name for name in found if name not in _COLUMNS]
    problems = []
    if missing:
        problems.append(f"missing {', '.join(missing)}")
    if unexpected:
        problems.append(f"unexpected {', '.join(unexpected)}")
    what = "; ".join(problems) or "the right names in the wrong order or repeated"
    raise _error(
        path,
        f"has the wrong columns: {what}. Expected exactly these {len(_COLUMNS)}, in this order: "
        f"{', '.join(_COLUMNS)}",
    )


def _check_features(frame: pd.DataFrame, path: Path) -> None:
    features = list(BREAST_CANCER_FEATURES)
    not_numeric = [name for name in features if not pd.api.types.is_numeric_dtype(frame[name])]
    if not_numeric:
        raise _error(path, f"has text where numbers belong, in column(s) {', '.join(not_numeric)}")
    with_gaps = [name for name in features if frame[name].isna().any()]
    if with_gaps:
        raise _error(path, f"has empty cells in column(s) {', '.join(with_gaps)}; the course's file has none")


def _check_target(frame: pd.DataFrame, path: Path) -> None:
    target = frame[BREAST_CANCER_TARGET]
    others = sorted({repr(value) for value in target if value not in BREAST_CANCER_CLASSES})
    if others:
        shown = ", ".join(others[:5]) + (" …" if len(others) > 5 else "")
        raise _error(
            path,
            f"has a {BREAST_CANCER_TARGET} other than {' or '.join(map(repr, BREAST_CANCER_CLASSES))}: {shown}",
        )
