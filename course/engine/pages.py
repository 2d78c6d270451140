"""Finish a rendered lesson page: shared styles and scripts as files, figures as files, solutions folded.

mkdocs-jupyter inlines about 590 KB of notebook CSS and every figure (as base64) into each lesson page, and adds
script tags for MathJax and Mermaid from CDNs. ``finish_lesson_html`` moves styles (cut to the rules the page
uses) and scripts into files served once and cached, writes figures as WebP files named by their content (a 1x
file, and a ``srcset`` 2x one for figures drawn for high-DPI screens; see ``course.engine.figures``), drops the CDN
loaders (the site typesets math at build time, as MathML), leaves the glue statements out of the code shown (see
``course.engine.glue_lines``) and folds cells tagged ``solution`` into a collapsed "Solution" block.
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
from collections.abc import Callable, Mapping
from html import escape

from bs4 import BeautifulSoup

from course.engine.accessibility import hide_box_drawing, label_scrolling_blocks, mark_english_outputs
from course.engine.anchors import readable_heading_ids
from course.engine.figures import site_figure
from course.engine.glue_lines import glue_statement_lines, shows_glue
from course.engine.mathml import Typeset, typeset_math
from course.engine.styles import used_css
from course.engine.wording import words

# publish(path relative to the site root, bytes) -> URL of that file relative to the page being finished
Publish = Callable[[str, bytes], str]
SOLUTION_CLASS = "celltag_solution"


def finish_lesson_html(
    html: str, publish: Publish, *, after_title: str = "", resolve_link: Callable[[str], str | None] = lambda _: None,
    typeset: Typeset | None = None, language: str = "en", heading_ids: dict | None = None,
    figures: Callable[[bytes, tuple[int, int] | None], bytes] = site_figure,
) -> str:
    """Return the lesson page body with its heavy inline parts published through ``publish``.

    ``after_title`` (HTML, e.g. the download buttons) is placed right after the lesson's title. Each link's href
    is offered to ``resolve_link``, which may return a replacement: lessons link to each other as
    ``02_activations.ipynb`` (right in Jupyter, where the notebooks sit side by side) and the site maps that
    to the lesson's page. ``typeset`` (see ``course.engine.mathml``) turns the page's TeX into MathML. Given a
    dict as ``heading_ids``, headings get Unicode-aware ids (see ``course.engine.anchors``), recorded in it by text.
    ``figures(png, size)`` makes each figure's file: ``site_figure``, or the same kept between builds
    (``course.engine.figure_cache``).
    The words the page gains (labels, the solutions' summary) are ``language``'s (``course.engine.wording``).
    """
    say = words(language)
    soup = BeautifulSoup(html, "html.parser")
    if heading_ids is not None:
        heading_ids.update(readable_heading_ids(soup))
    for anchor in soup.find_all("a", href=True):
        anchor["href"] = resolve_link(anchor["href"]) or anchor["href"]
    _share_scripts(soup, publish)
    _leave_out_glue(soup)
    _copy_from_the_code_itself(soup, say)
    for toolbar in soup.select(".celltoolbar"):
        toolbar.decompose()  # a cell's tags ("solution"): build instructions, which the Solution fold already says
    for wrapper in soup.select(".jp-Cell-inputWrapper[tabindex]"):
        del wrapper["tabindex"]  # JupyterLab's cell selection; the code block inside is the stop that scrolls
    for collapser in soup.select(".jp-Collapser"):
        if not collapser.get_text(strip=True) and collapser.find(True) is None:
            collapser.decompose()  # JupyterLab's fold handles: empty, hidden on the site, in every cell
    _publish_figures(soup, publish, figures)
    _let_column_names_wrap(soup)
    _name_the_index_column(soup)
    _fold_solutions(soup, say["solution"])
    if after_title:
        fragment = BeautifulSoup(after_title, "html.parser")
        title = soup.find("h1")
        if title is None:
            soup.insert(0, fragment)
        else:
            title.insert_after(fragment)
    label_scrolling_blocks(soup, say)
    hide_box_drawing(soup)
    mark_english_outputs(soup, language)
    if typeset is not None:
        typeset_math(soup, typeset)
    _keep_cells_out_of_search(soup)  # after typesetting: it marks the TeX annotations typesetting adds
    _share_styles(soup, publish)  # last: the stylesheet keeps only rules matching the finished page
    return str(soup)


def stale_lesson_banner(error: str, language: str = "en") -> str:
    """HTML for the top of a lesson that failed in a live preview and shows its last good build instead; its
    title is in ``language`` (the error, from Python, is as Python wrote it)."""
    return (
        '<div class="admonition failure course-stale"><p class="admonition-title">'
        f"{escape(words(language)['stale'])}</p>"
        # Wrapped, not scrolled: the first line names the file and line, and must be readable without scrolling.
        f'<pre style="white-space: pre-wrap; overflow-wrap: anywhere">{escape(error)}</pre></div>'
    )


def _share_styles(soup: BeautifulSoup, publish: Publish) -> None:
    """All inline notebook styles become one file holding only the rules this page can use."""
    styles = soup.find_all("style")
    if not styles:
        return
    css = used_css([style.get_text() for style in styles], soup).encode("utf-8")
    link = soup.new_tag("link", rel="stylesheet", href=publish(_hashed("assets/notebook/", css, ".css"), css))
    styles[0].replace_with(link)
    for style in styles[1:]:
        style.decompose()


def _keep_cells_out_of_search(soup: BeautifulSoup) -> None:
    """Index a lesson's prose, not its code, its outputs or the TeX behind its math (``data-search-exclude``).

    A reader's first search downloads the whole site's index. Code, printed and HTML outputs (tables of
    numbers, the checkers' answers) and each formula's TeX source made up a good part of it, and no reader searches
    for them: the prose around each cell names what the cell does. The formulas' MathML symbols stay, so a result's
    text still reads "compare p^ with a threshold". The headings' pilcrow links and the download buttons are left
    out too: they made every result title end in "¶" and put the buttons' labels in the title's text.

    Material's indexer ends an exclusion at the first closing tag of the same name, so the mark goes on elements
    holding no element of their own tag (``pre``, a table, the innermost ``div`` of an output): a mark on an outer
    ``div`` would stop at its first inner ``div``.
    """
    code = soup.select(".jp-CodeCell .jp-InputArea pre, .clipboard-copy-txt, clipboard-copy .notice, "
                       "math annotation, .anchor-link, .course-downloads a")
    outputs = [element for area in soup.select(".jp-OutputArea") for element in _without_own_tag_inside(area)]
    for element in code + outputs:
        element["data-search-exclude"] = ""


def _without_own_tag_inside(area) -> list:
    """The outermost elements under ``area`` that contain no element of their own tag: together they hold all of
    its text but the whitespace between them."""
    found = []
    for element in area.find_all(True, recursive=False):
        if element.find(element.name) is None:
            found.append(element)
        else:
            found.extend(_without_own_tag_inside(element))
    return found


def _leave_out_glue(soup: BeautifulSoup) -> None:
    """Take the glue statements (see ``course.engine.glue_lines``) out of the code cells shown, and the import of
    ``glue`` once no cell shows it. A cell left with no code shows only its outputs, or goes when it has none."""
    blocks = soup.select(".jp-CodeCell .jp-InputArea .highlight-ipynb pre")
    codes = [block.get_text() for block in blocks]
    # The import goes too when no cell would still show a glue call once the statements are out.
    with_import = not any(shows_glue(code, glue_statement_lines(code)) for code in codes)
    for block, code in zip(blocks, codes):
        left_out = glue_statement_lines(code, with_import=with_import)
        if left_out:
            _drop_lines(block, left_out)
        if block.get_text().strip():
            continue
        cell = block.find_parent(class_="jp-CodeCell")
        if cell.select_one(".jp-OutputArea-output") is None:
            cell.decompose()
        else:
            cell.select_one(".jp-Cell-inputWrapper").decompose()


def _drop_lines(block, numbers: set[int]) -> None:
    """Remove the lines ``numbers`` (1-based, with their line breaks) from the text of ``block``, whose
    highlighting splits the lines across many elements; the elements stay, emptied where their text went."""
    line = 1
    for text in list(block.find_all(string=True)):
        pieces = str(text).split("\n")
        kept = "".join(piece + ("" if offset == len(pieces) - 1 else "\n")
                       for offset, piece in enumerate(pieces) if line + offset not in numbers)
        line += len(pieces) - 1
        text.replace_with(kept)


def _copy_from_the_code_itself(soup: BeautifulSoup, say: Mapping[str, str]) -> None:
    """Copy buttons copy the highlighted code block, not a hidden second copy of the code; their icon is drawn by
    the site's stylesheet, and their label and notice are in the page's language.

    mkdocs-jupyter puts each cell's code in the page twice: highlighted, and as plain text in a hidden
    ``clipboard-copy-txt`` element that the cell's copy button names in ``for``. The button copies its target's
    ``textContent``, which for the highlighted ``pre`` is the same code, so the id moves there and the copy goes.
    """
    for hidden in soup.select(".clipboard-copy-txt[id]"):
        area = hidden.parent
        code = area.select_one(".highlight-ipynb pre, pre") if area is not None else None
        if code is None or code.get("id"):
            continue
        code["id"] = hidden["id"]
        hidden.decompose()
    for button in soup.select("clipboard-copy"):
        button.attrs.pop(",", None)  # the notebook template writes `<clipboard-copy, for=...>`: a stray "," attribute
        button["aria-label"] = say["copy"]
        for notice in button.select(".notice"):
            notice.string = say["copied"]
    for icon in soup.select("clipboard-copy svg.clipboard-copy-icon"):
        # The same two-path SVG in every cell: the site's stylesheet draws it once (span.clipboard-copy-icon).
        icon.replace_with(soup.new_tag("span", attrs={"class": "clipboard-copy-icon", "aria-hidden": "true"}))


def _share_scripts(soup: BeautifulSoup, publish: Publish) -> None:
    for script in soup.find_all("script"):
        source = script.get("src")
        kind = script.get("type", "text/javascript")
        code = script.get_text()
        if source == "" or kind in ("text/x-mathjax-config", "module") or "https://" in code:
            script.decompose()  # empty loaders, MathJax settings and CDN importers: nothing the site uses
        elif source is None and code.strip():
            data = code.encode("utf-8")
            script.replace_with(soup.new_tag("script", src=publish(_hashed("assets/notebook/", data, ".js"), data)))


# Where a column name's words meet: camelCase or CamelCase ("Blast|Furnace|Slag"), and after an underscore.
WORD_JOINT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=_)(?=[^_])")


def _let_column_names_wrap(soup: BeautifulSoup) -> None:
    """Let a pandas table's column names wrap where their words meet (a ``<wbr>`` there), so that a table of long
    names fits the text column (see the stylesheet's ``table.dataframe`` rule) instead of hiding its last columns
    behind a sideways scroll: lesson 04's nine concrete columns took 769 px of a 648 px column."""
    for name in soup.select("table.dataframe th"):
        for text in name.find_all(string=True):
            words_of_name = WORD_JOINT.split(str(text))
            if len(words_of_name) < 2:
                continue
            for word in words_of_name[:-1]:
                text.insert_before(word)
                text.insert_before(soup.new_tag("wbr"))
            text.replace_with(words_of_name[-1])


def _name_the_index_column(soup: BeautifulSoup) -> None:
    """A pandas table whose index has a name gives it a header row of its own, empty but for that name, under an
    empty top-left cell: a screen reader met two headers saying nothing. The name moves up into the top-left cell
    and the row goes (only when that row holds nothing else)."""
    for table in soup.select("table.dataframe"):
        head = table.find("thead")
        rows = head.find_all("tr", recursive=False) if head else []
        if len(rows) != 2:
            continue
        top, names = (row.find_all(["th", "td"], recursive=False) for row in rows)
        if (len(top) != len(names) or top[0].get_text(strip=True) or not names[0].get_text(strip=True)
                or any(cell.get_text(strip=True) for cell in names[1:])):
            continue
        top[0].clear()
        for child in list(names[0].contents):
            top[0].append(child.extract())
        rows[1].decompose()


def _publish_figures(soup: BeautifulSoup, publish: Publish,
                     figures: Callable[[bytes, tuple[int, int] | None], bytes]) -> None:
    """Each figure's PNG becomes WebP files (``course.engine.figures``) named by their content.

    A figure drawn with more pixels than it is shown with (``course.plotting.show`` draws twice its size, and says
    that size in the ``<img>``'s ``width`` and ``height``) becomes two: ``src`` scaled down to the shown size, for
    1x screens, which download only that, and the full drawing in ``srcset`` for screens with that many pixels per
    CSS pixel. ``width`` and ``height`` give the shown size, so the page's layout is the same on every screen.
    A ``<picture>``'s ``<source>`` (the phone drawing of a wide figure) is published the same way, both files in its
    ``srcset``; a browser downloads only the drawing its window asks for.
    """
    for image in soup.find_all("img", src=True):
        published = _published_figure(image, image["src"], publish, figures)
        if published is None:
            continue
        image["src"], denser = published
        if denser:
            image["srcset"] = denser
        image["loading"] = "lazy"
        if not image.get("class"):
            del image["class"]
    for source in soup.select("picture > source[srcset]"):
        published = _published_figure(source, source["srcset"], publish, figures)
        if published is not None:
            source["srcset"] = ", ".join(filter(None, (f"{published[0]} 1x", published[1])))


def _published_figure(element, address: str, publish: Publish,
                      figures: Callable[[bytes, tuple[int, int] | None], bytes]) -> tuple[str, str | None] | None:
    """For a PNG data address on ``element`` (an ``<img>`` or ``<source>``): the URL of its file at the shown size,
    and the ``srcset`` entry of the full drawing when it has more pixels than that (else None); ``element`` gets
    the shown ``width`` and ``height``. None for any other address."""
    prefix = "data:image/png;base64,"
    if not address.startswith(prefix):
        return None
    png = base64.b64decode(address[len(prefix):])
    drawn = _png_size(png)
    shown = _shown_size(element, drawn)
    denser = None
    if drawn and shown and drawn[0] > shown[0]:
        webp = figures(png, shown)
        full = figures(png, None)
        denser = f'{publish(_hashed("assets/figures/", full, ".webp"), full)} {drawn[0] / shown[0]:.3g}x'
    else:
        webp = figures(png, None)
    if shown:
        element["width"], element["height"] = (str(value) for value in shown)
    return publish(_hashed("assets/figures/", webp, ".webp"), webp), denser


def _shown_size(image, drawn: tuple[int, int] | None) -> tuple[int, int] | None:
    """The size an ``<img>`` says its figure shows at (its ``width`` and ``height``), else the PNG's own."""
    try:
        given = (int(image["width"]), int(image["height"]))
    except (KeyError, ValueError):
        return drawn
    return given if min(given) > 0 else drawn


def _fold_solutions(soup: BeautifulSoup, label: str) -> None:
    for cell in soup.find_all("div", class_=SOLUTION_CLASS):
        if cell.find_parent("div", class_=SOLUTION_CLASS) or cell.find_parent("details"):
            continue  # mkdocs-jupyter nests two divs per cell: fold the outer one only
        if "jp-RenderedMarkdown" in cell.get("class", []):
            # A Markdown cell carries its tag on the rendered text, inside the cell's row of prompt and text: fold
            # the whole cell, so that its fold spans the column as a code solution's does.
            cell = cell.find_parent("div", class_="jp-Cell") or cell
        previous = cell.find_previous_sibling(True)
        if previous is not None and previous.name == "details" and "course-solution" in previous.get("class", []):
            previous.append(cell.extract())  # one answer in two cells (code, then its reading): one fold
            continue
        details = soup.new_tag("details", attrs={"class": "success course-solution"})
        summary = soup.new_tag("summary")
        summary.string = label
        cell.wrap(details)
        details.insert(0, summary)


def _hashed(folder: str, data: bytes, suffix: str) -> str:
    return f"{folder}{hashlib.sha256(data).hexdigest()[:16]}{suffix}"


def _png_size(png: bytes) -> tuple[int, int] | None:
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", png[16:24])
