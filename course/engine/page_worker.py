"""Imported by the server process that forks the page workers (see ``course.engine.page_pool``): it finishes a
tiny page once, so that the one-time set-up a first page pays (soupsieve's and Beautiful Soup's own patterns,
Pillow's image plugins, about a third of a second) is paid once, before any worker is forked, not in each."""

from __future__ import annotations

import base64
import io

from PIL import Image

from course.engine import page_pool  # noqa: F401  (the workers' code, loaded before forking)
from course.engine.pages import finish_lesson_html


def _tiny_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(out, format="PNG")
    return out.getvalue()


_PAGE = (
    '<style>.jupyter-wrapper .jp-Cell:is(.a, .b) > pre[title*="x"]:not(.c):first-child{color:red}</style>'
    '<div class="jupyter-wrapper"><h1 id="t">T</h1><div class="jp-Cell a"><pre title="x">1 &lt; 2</pre></div>'
    f'<img alt="" src="data:image/png;base64,{base64.b64encode(_tiny_png()).decode()}"></div>'
)
finish_lesson_html(_PAGE, lambda path, data: path)
