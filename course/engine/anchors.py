"""Readable heading anchors on lesson pages in any script.

mkdocs-jupyter gives a notebook's headings ids made by an ASCII-only slug function, so a heading in Chinese gets an
empty id (and the page's table of contents ``_1``, ``_2`` ...): links to sections cannot be shared or read. The
same Unicode-aware slug function the hand-written pages use (``pymdownx.slugs``) names them here instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from bs4 import BeautifulSoup
from pymdownx.slugs import slugify

_slug = slugify(case="lower")
HEADING = re.compile(r"^h[1-6]$")


def readable_heading_ids(soup: BeautifulSoup) -> dict[str, list[str]]:
    """Give every heading with an id a Unicode slug of its text (unique on the page, ``_1`` ... on repeats) and
    point its anchor link at it. Returns each heading text's new ids in page order, for the table of contents."""
    used: set[str] = set()
    by_text: dict[str, list[str]] = {}
    for heading in soup.find_all(HEADING):
        if not heading.has_attr("id"):
            continue
        text = heading_text(heading)
        new = unique_slug(text, used)
        heading["id"] = new
        for link in heading.find_all("a", class_="anchor-link"):
            link["href"] = f"#{new}"
        by_text.setdefault(text, []).append(new)
    return by_text


def heading_text(heading) -> str:
    """The heading's words, without the anchor link's pilcrow."""
    parts = [str(piece) for piece in heading.find_all(string=True) if not piece.find_parent("a", class_="anchor-link")]
    return " ".join("".join(parts).split())


def unique_slug(text: str, used: set[str]) -> str:
    base = _slug(text, "-") or "section"
    candidate, number = base, 0
    while candidate in used:
        number += 1
        candidate = f"{base}_{number}"
    used.add(candidate)
    return candidate


def retarget_toc(items: Iterable, new_ids: dict[str, list[str]]) -> None:
    """Point the table of contents (MkDocs ``AnchorLink`` items: ``title``, ``id``, ``children``) at the new ids:
    each entry takes the next id of the heading with its title."""
    queues = {text: list(ids) for text, ids in new_ids.items()}
    for item in _walk(items):
        title = " ".join(str(item.title).split())
        if queues.get(title):
            item.id = queues[title].pop(0)


def _walk(items: Iterable) -> Iterator:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", []))
