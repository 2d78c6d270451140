"""Make a finished lesson page usable by keyboard and screen reader: scrolling blocks get a tab stop and a name.

Code cells, outputs (text, and HTML such as tables) and code quoted in a lesson's text scroll sideways when they are
wider than the content column (Chromium then makes such a block a tab stop of its own, with no name).
A reader without a mouse can only scroll a block that takes keyboard focus, so every code block and output gets
``tabindex="0"`` (the site's stylesheet draws the focus ring), ``role="region"`` and a label saying which cell it
belongs to, so a screen reader names the block it lands on. Blocks that already take focus keep their own attributes.

What a screen reader reads in the outputs is mended too: a model summary's borders are hidden from it
(``hide_box_drawing``), and on a page of a translated edition the outputs, which every edition shares in English,
say so (``mark_english_outputs``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bs4 import BeautifulSoup, NavigableString, Tag

from course.engine.wording import words

__all__ = ["hide_box_drawing", "label_scrolling_blocks", "mark_english_outputs", "quiet_permalinks", "scrolling_blocks"]

CODE_BLOCK = "div.highlight-ipynb"
OUTPUT_BLOCK = ".jp-OutputArea-output pre"
HTML_OUTPUT_BLOCK = ".jp-OutputArea-output.jp-RenderedHTMLCommon"  # a table, say: the notebook gives it a bare tab stop
BANNER_BLOCK = ".admonition pre"
PROSE_CODE_BLOCK = ".jp-RenderedMarkdown div.highlight > pre"  # code quoted in a Markdown cell
TABLE_OUTPUT = ".jp-OutputArea-output table"  # a pandas table

BOX_DRAWING = re.compile("[\u2500-\u257f]+")
"""A run of Unicode box-drawing characters (─ │ ┏ ━ ...), which Keras draws a model summary's table with."""


def scrolling_blocks(soup: BeautifulSoup, say: Mapping[str, str] = words("en")) -> list[tuple[Tag, str]]:
    """Each block of the page that may scroll, in reading order, with the label it should carry, in the words of
    ``say`` (``course.engine.wording``).

    Code blocks are "Code cell N" (N counts the page's code cells from 1), outputs "Output of code cell N", code
    quoted in the text "Code example N" (counted on its own), and a preformatted block inside a banner (a build
    error, say) is "Message".
    """
    blocks: list[tuple[Tag, str]] = []
    cell_number = example_number = 0
    selector = f"{CODE_BLOCK}, {OUTPUT_BLOCK}, {HTML_OUTPUT_BLOCK}, {BANNER_BLOCK}, {PROSE_CODE_BLOCK}"
    for element in soup.select(selector):
        if "jp-OutputArea-output" in element.get("class", ()) and element.find("pre") is not None:
            continue  # an HTML output holding a text block (a Keras model summary): that block carries the label
        if element.find_parent(class_="jp-RenderedMarkdown") is not None:
            example_number += 1
            blocks.append((element, say["block.example"].format(number=example_number)))
        elif "highlight-ipynb" in element.get("class", ()):
            cell_number += 1
            blocks.append((element, say["block.code"].format(number=cell_number)))
        elif (element.find_parent(class_="jp-OutputArea-output") is not None
              or "jp-OutputArea-output" in element.get("class", ())):
            label = say["block.output"].format(number=cell_number) if cell_number else say["block.output.alone"]
            blocks.append((element, label))
        else:
            blocks.append((element, say["block.message"]))
    return blocks


def label_scrolling_blocks(soup: BeautifulSoup, say: Mapping[str, str] = words("en")) -> None:
    """Give every code block, text or HTML output, code example and banner message a tab stop, a region role and a
    label, in place. The notebook's own tab stop on the box around a text output goes: the ``pre`` inside is what
    scrolls, and the box was a second, unnamed stop for every printed output."""
    blocks = scrolling_blocks(soup, say)
    for element, label in blocks:
        element.attrs.setdefault("tabindex", "0")
        element.attrs.setdefault("role", "region")
        element.attrs.setdefault("aria-label", label)
    labelled = {id(element) for element, _ in blocks}
    for box in soup.select(".jp-OutputArea-output[tabindex]"):
        if id(box) not in labelled and box.find("pre") is not None:
            del box["tabindex"]


def hide_box_drawing(soup: BeautifulSoup) -> None:
    """Hide each run of box-drawing characters in a text output from screen readers, in place.

    A Keras model summary is a table drawn with them: a screen reader reads every one ("box drawing light
    horizontal", hundreds per summary), and a row comes out as "dense (Dense) (None, 1) 2" once they are hidden.
    The characters stay on the page, so the summary looks and copies as before.
    """
    for block in soup.select(OUTPUT_BLOCK):
        for text in list(block.find_all(string=BOX_DRAWING)):
            if type(text) is not NavigableString:  # a comment or the like: nothing a reader hears
                continue
            pieces, start = [], 0
            for run in BOX_DRAWING.finditer(text):
                if run.start() > start:
                    pieces.append(NavigableString(text[start:run.start()]))
                hidden = soup.new_tag("span", attrs={"aria-hidden": "true"})
                hidden.string = run.group()
                pieces.append(hidden)
                start = run.end()
            if start < len(text):
                pieces.append(NavigableString(text[start:]))
            text.replace_with(*pieces)


def mark_english_outputs(soup: BeautifulSoup, language: str) -> None:
    """On a page in ``language`` other than English, mark text outputs and tables as English (``lang="en"``), in
    place: every edition shows the same run's outputs, printed in English, and a screen reader reading "Total
    params" with a Chinese voice mangles it. Outputs that carry a language of their own (the checkers' answers)
    keep it, and figures keep the page's (their descriptions are translated). The mark goes on a table, and
    around a text output's contents: the output's label (``label_scrolling_blocks``) is in the page's language.
    """
    if language == "en":
        return
    for element in soup.select(f"{OUTPUT_BLOCK}, {TABLE_OUTPUT}"):
        if element.find_parent(attrs={"lang": True}) is not None or element.has_attr("lang"):
            continue
        if element.name == "table":
            element["lang"] = "en"
            continue
        english = soup.new_tag("span", attrs={"lang": "en"})
        for child in list(element.contents):
            english.append(child.extract())
        element.append(english)


# A defined term's English name in full-width parentheses after it: 激活函数（activation function）.
_ENGLISH_NAME = re.compile(r"（([A-Za-z][A-Za-z0-9 ,.'-]*)）")


def mark_english_terms(html: str, language: str) -> str:
    """A hand-written page in ``language`` with the English name that follows each defined term (a ``<dt>``, as in
    the glossary: ``激活函数（activation function）``) marked ``lang="en"``, so that a screen reader reads it with an
    English voice. English pages are returned as they are."""
    if language == "en" or "<dt" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for term in soup.select("dt"):
        for text in term.find_all(string=_ENGLISH_NAME):
            pieces, start = [], 0
            for match in _ENGLISH_NAME.finditer(text):
                english = soup.new_tag("span", attrs={"lang": "en"})
                english.string = match[1]
                pieces += [NavigableString(text[start:match.start(1)]), english]
                start = match.end(1)
            pieces.append(NavigableString(text[start:]))
            text.replace_with(*pieces)
    return str(soup)


def quiet_permalinks(html: str) -> str:
    """A hand-written page's HTML with its headings' "¶" links hidden from screen readers and the keyboard.

    Each heading of a Markdown page ends in a link to itself whose text is "¶": a screen reader read the heading as
    "The lessons ¶", and Tab stopped on five links named "¶" on the home page. A mouse still finds them by hovering
    the heading, as the theme shows them; the lesson pages have none at all.
    """
    if 'class="headerlink"' not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.select("a.headerlink"):
        link["aria-hidden"] = "true"
        link["tabindex"] = "-1"
    return str(soup)
