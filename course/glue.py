"""``glue(name, value)``: record a computed value in a cell's outputs so the lesson's prose can quote it.

Markdown cells quote a glued value as ``{glue}`name``` (its text form) or ``{glue:text}`name:.2f``` (a Python
format spec); the build replaces the roles with the values of the run the page shows. The output follows
MyST-NB's convention (a display_data whose metadata holds ``scrapbook: {name, mime_prefix}``), so other tools
that read glued notebooks (MyST-NB, scrapbook) read ours too.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["GLUE_PREFIX", "NAME_PATTERN", "glue"]

GLUE_PREFIX = "application/papermill.record/"
"""Prefix MyST-NB gives the MIME types of a value glued without display, so notebook viewers do not show it."""

NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
"""A glued name: a letter or underscore, then letters, digits, ``_``, ``.`` or ``-`` (never ``:``, which starts
the format spec in ``{glue:text}`name:.2f```)."""


def glue(name: str, value: Any, display: bool = False) -> None:
    """Record ``value`` under ``name`` in the current cell's outputs, for the prose to quote.

    NumPy scalars are stored as the Python number they hold, so ``{glue:text}`name:.2f``` can format them. With
    ``display=True`` the value is also shown on the page as the cell's output; by default it is not. Outside
    IPython (the lesson run as a plain script) nothing is recorded. Raises ValueError for a name the roles could
    not quote.
    """
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise ValueError(
            f"glue name {name!r} cannot be quoted from Markdown: use letters, digits, '_', '.' or '-', "
            f"starting with a letter, e.g. glue(\"val_mae\", value)."
        )
    try:
        from IPython import get_ipython
        from IPython.core.formatters import format_display_data
        from IPython.display import display as ipython_display
    except ImportError:  # a plain Python without IPython: there is no notebook to record into
        return
    if get_ipython() is None:
        return
    value = _plain_python(value)
    bundle, metadata = format_display_data(value)
    mime_prefix = "" if display else GLUE_PREFIX
    metadata["scrapbook"] = {"name": name, "mime_prefix": mime_prefix}
    ipython_display({mime_prefix + kind: data for kind, data in bundle.items()}, raw=True, metadata=metadata)


def _plain_python(value: Any) -> Any:
    """A NumPy scalar as the Python number it holds (NumPy 2 writes ``np.float64(4.2)`` as its text form)."""
    if type(value).__module__ == "numpy" and getattr(value, "shape", None) == () and hasattr(value, "item"):
        return value.item()
    return value
