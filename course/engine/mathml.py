"""Typeset a page's TeX at build time as MathML, so readers download no math script or font.

Lessons write math between ``$...$`` (inline) and ``$$...$$`` (display) in Markdown cells; hand-written pages get
``\\( \\)`` and ``\\[ \\]`` inside ``<span class="arithmatex">`` from pymdownx.arithmatex. The site's own copy of KaTeX,
run once per page by Node.js, turns each expression into MathML, which browsers draw natively and screen readers
speak as mathematics; the TeX source rides along as a MathML annotation, which the site's search leaves out.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString

from course.engine.errors import TutorialError
from course.engine.math_text import linear_text

# typeset([(tex, display), ...]) -> MathML markup for each, in order
Typeset = Callable[[list[tuple[str, bool]]], list[str]]

_MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<!\\)\$(?P<inline>[^$\n]+?)(?<!\\)\$", re.DOTALL)
_ARITHMATEX = re.compile(r"^\\\((?P<inline>.*)\\\)$|^\\\[(?P<display>.*)\\\]$", re.DOTALL)
_NOT_PROSE = {"pre", "code", "script", "style", "textarea", "math"}
_NODE_SCRIPT = r"""
const katex = require(process.argv[1]);
let input = "";
process.stdin.on("data", chunk => { input += chunk; });
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(([tex, display]) => {
    try {
      return {html: katex.renderToString(tex, {displayMode: display, output: "mathml", throwOnError: true})};
    } catch (error) {
      return {error: String(error.message || error)};
    }
  });
  process.stdout.write(JSON.stringify(out));
});
"""


class MathError(TutorialError):
    """A TeX expression KaTeX cannot typeset, or no Node.js to run KaTeX with."""


class KatexTypesetter:
    """Runs the KaTeX script at ``katex_js`` under Node.js: one process per call, all of a page's math at once."""

    def __init__(self, katex_js: Path, node: str | None = None):
        self.katex_js = Path(katex_js).resolve()
        self.node = node or shutil.which("node")

    def __call__(self, expressions: list[tuple[str, bool]]) -> list[str]:
        if not expressions:
            return []
        if self.node is None:
            raise MathError("Typesetting the course's math needs Node.js (the `node` command, version 18 or later) "
                            "at build time: install it (for example `apt-get install nodejs`) and build again.")
        if not self.katex_js.is_file():
            raise MathError(f"{self.katex_js} is missing: run scripts/vendor_katex.sh to restore the KaTeX copy.")
        result = subprocess.run([self.node, "-e", _NODE_SCRIPT, str(self.katex_js)], input=json.dumps(expressions),
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise MathError(f"Node.js could not run KaTeX ({self.katex_js}): {result.stderr.strip()[-500:]}")
        rendered = json.loads(result.stdout)
        for (tex, _), item in zip(expressions, rendered):
            if "error" in item:
                raise MathError(f"The math {tex!r} cannot be typeset: {item['error']}. Fix the TeX in the "
                                "lesson's Markdown cell (a literal dollar sign is written \\$).")
        return [item["html"] for item in rendered]


def typeset_math(soup: BeautifulSoup, typeset: Typeset) -> int:
    """Replace the math in ``soup``'s Markdown cells and arithmatex spans by MathML; return how many expressions."""
    pieces: list[tuple[NavigableString, list]] = []  # text node -> its parts: str or (tex, display)
    expressions: list[tuple[str, bool]] = []
    for span in soup.select("span.arithmatex, div.arithmatex"):
        match = _ARITHMATEX.match(span.get_text().strip())
        if match:
            display = match.group("display") is not None
            tex = (match.group("display") if display else match.group("inline")).strip()
            text = NavigableString("")
            span.clear()
            span.append(text)
            pieces.append((text, [(tex, display)]))
            expressions.append((tex, display))
    for cell in soup.select(".jp-MarkdownOutput"):
        for text in list(cell.find_all(string=_MATH)):
            if any(parent.name in _NOT_PROSE for parent in text.parents):
                continue
            parts, last = [], 0
            for match in _MATH.finditer(text):
                display = match.group("display") is not None
                tex = (match.group("display") if display else match.group("inline")).strip()
                parts += [text[last:match.start()], (tex, display)]
                expressions.append((tex, display))
                last = match.end()
            parts.append(text[last:])
            pieces.append((text, parts))
    rendered = iter(typeset(expressions))
    for text, parts in pieces:
        markup = "".join(_escape(part) if isinstance(part, str) else next(rendered) for part in parts)
        text.replace_with(BeautifulSoup(markup, "html.parser"))
    # The search index would hold each formula twice, as its MathML text and as its TeX (a preview read
    # "y=wx+by = w x + b"): Material's search skips elements marked data-search-exclude. The MathML's own text runs
    # its parts together (3² read "32"), so search skips it too and indexes a hidden line of plain text instead.
    for annotation in soup.find_all("annotation"):
        annotation["data-search-exclude"] = ""
    for math in soup.find_all("math"):
        if math.has_attr("data-search-exclude"):
            continue
        math["data-search-exclude"] = ""
        for_search = soup.new_tag("span", attrs={"class": "course-math-text", "hidden": ""})
        for_search.string = linear_text(math)
        math.insert_after(for_search)
    return len(expressions)


def typeset_html(html: str, typeset: Typeset) -> str:
    """``html`` with its math typeset (see ``typeset_math``)."""
    soup = BeautifulSoup(html, "html.parser")
    return str(soup) if typeset_math(soup, typeset) else html


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
