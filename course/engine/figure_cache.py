"""Site figures kept between builds, by the PNG they are made from.

Reducing a figure's colours (``course.engine.figures``) is most of the cost of finishing a lesson page: about 9 of
the 17 s a build took after a comment was added to the engine, when every page is finished again from unchanged
outputs, and most of the Chinese edition's build, whose pages show the English build's figures. A kernel draws the
same PNG for the same code, so a figure is reduced once and found again by the digest of its PNG, the size it is
shown at and the figure code (``figures.py`` and the versions of the libraries it encodes with).
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course.engine import figures
from course.engine.cache import installed_version, least_recently_used, mark_used, write_atomically

KEEP = 400
"""Figures kept, the most recently used: every figure of both editions (about 60 files) several times over."""


@dataclass(frozen=True)
class FigureCache:
    """``site_figure`` (see ``course.engine.figures``) with its results kept in ``folder``, one file each, named
    by the key and the digest of the bytes in it. A damaged or unreadable file is a miss, and a folder that cannot
    be written leaves figures uncached: neither fails a build. Plain data, so page workers can be sent it."""

    folder: Path

    def __call__(self, png: bytes, size: tuple[int, int] | None = None) -> bytes:
        key = _key(png, size)
        for stored in self.folder.glob(f"{key}-*.webp"):
            try:
                data = stored.read_bytes()
            except OSError:
                continue
            if hashlib.sha256(data).hexdigest()[:16] == stored.stem.rpartition("-")[2]:
                mark_used(stored)  # the newest use: pruning keeps it
                return data
        data = figures.site_figure(png, size)
        try:
            write_atomically(self.folder / f"{key}-{hashlib.sha256(data).hexdigest()[:16]}.webp", data)
            for old in least_recently_used(self.folder.glob("*.webp"), others=KEEP):
                old.unlink(missing_ok=True)
        except OSError:
            pass
        return data

    def clear(self) -> None:
        """Forget every figure (a fresh build reduces them all again)."""
        for path in self.folder.glob("*.webp"):
            path.unlink(missing_ok=True)


def _key(png: bytes, size: tuple[int, int] | None) -> str:
    shown = "drawn" if size is None else f"{int(size[0])}x{int(size[1])}"
    return hashlib.sha256(f"{_figure_code()}\0{shown}\0".encode() + png).hexdigest()[:32]


@cache
def _figure_code() -> str:
    """A digest of what turns a PNG into the site's file: ``figures.py``, the Python and the image libraries."""
    digest = hashlib.sha256(f"Python {sys.version}\0".encode() + Path(figures.__file__).read_bytes())
    for name in ("pillow", "numpy"):
        digest.update(f"\0{name} {installed_version(name)}".encode())
    return digest.hexdigest()
