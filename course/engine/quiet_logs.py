"""A default build prints one line per lesson and the summary; the page renderer's own per-page lines
("Converting notebook ...", "Cache miss, writing ...") repeat what those say, so they are shown only on request.
"""

from __future__ import annotations

import logging

# The loggers mkdocs-jupyter writes its per-page INFO lines to (its plugin module and its converter).
PAGE_RENDERER_LOGGERS = ("mkdocs.plugins.mkdocs_jupyter", "mkdocs.mkdocs-jupyter")


def quiet_page_renderer_logs() -> None:
    """Keep only the page renderer's warnings and errors; call it unless the reader asked for details (-v)."""
    for name in PAGE_RENDERER_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
