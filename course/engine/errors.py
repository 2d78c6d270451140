"""Errors the lesson build raises, each carrying one paragraph written for a person.

The message names what to fix: the source file and, where there is one, the cell, or the setting. It never shows a
raw Python traceback; a failing cell's message gives only the frames in the lesson and the project's own code, and
counts the library frames it leaves out.
"""

from __future__ import annotations


class TutorialError(Exception):
    """A lesson could not be read or executed. ``str(error)`` is the whole message for the author."""


class SourceError(TutorialError):
    """A lesson source is missing, unreadable or breaks the naming and header rules."""


class CellError(TutorialError):
    """A cell raised, ran past its timeout, or the kernel died or could not start; or a cell's outputs break a
    publishing rule (too large, loading from another host, or a script not allowed)."""


class BuildFailed(TutorialError):
    """One or more lessons failed; the message lists each failure."""

    def __init__(self, errors: list[TutorialError], results: list | None = None):
        self.errors = errors
        self.results = results or []  # the lessons that did build, already cached and published
        count = len(errors)
        heading = f"{count} lesson{'s' if count != 1 else ''} failed to build:"
        super().__init__("\n\n".join([heading, *(str(error) for error in errors)]))
