"""The one list of lessons: the sources in ``tutorials_src/``, checked against the site's nav, and the home page's
table of lessons made from each source's title and description, and each lesson page's meta description.

Knows nothing of MkDocs: callers hand in the nav as MkDocs parsed it (nested lists and one-key dicts of strings).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from course.engine.errors import SourceError
from course.engine.sources import Tutorial, find_tutorials
from course.engine.wording import words

LESSON_DIR = "lessons"
NAV_ENTRY = re.compile(rf"^{LESSON_DIR}/(?P<name>[^/]+)\.ipynb$")
TABLE_MARKER = "<!-- lesson-table -->"  # docs/index.md holds this line where the table of lessons goes


class NavError(SourceError):
    """The lesson sources and the nav's lesson entries disagree."""


def lesson_names(source_dir: Path) -> list[str]:
    """The lessons in reading order, as the sources in ``source_dir`` name them (``02_activations``)."""
    return [path.stem for path in find_tutorials(source_dir)]


def nav_lessons(nav: object) -> list[str]:
    """The lesson names the nav lists, in the nav's order (entries ``lessons/NN_topic.ipynb``, titled or not)."""
    return [match["name"] for entry in _nav_paths(nav) if (match := NAV_ENTRY.match(entry))]


def check_nav(source_dir: Path, nav: object) -> None:
    """Raise NavError, one sentence saying what to do, unless the nav lists exactly the sources, in their order.

    A site without a nav (MkDocs then lists every page itself) has nothing to disagree with.
    """
    if nav is None:
        return
    sources, listed = lesson_names(source_dir), nav_lessons(nav)
    folder = source_dir.name
    unlisted = [name for name in sources if name not in listed]
    if unlisted:
        raise NavError(
            f"{_join(f'{folder}/{name}.py' for name in unlisted)} {_verb(unlisted, 'is', 'are')} not in mkdocs.yml's "
            f"nav: add {_join(f'`- {LESSON_DIR}/{name}.ipynb`' for name in unlisted)} "
            f"under its topic, in number order."
        )
    orphans = [name for name in listed if name not in sources]
    if orphans:
        raise NavError(
            f"mkdocs.yml's nav lists {_join(f'{LESSON_DIR}/{name}.ipynb' for name in orphans)} but "
            f"{_join(f'{folder}/{name}.py' for name in orphans)} {_verb(orphans, 'does', 'do')} not exist: "
            f"add the source or remove the nav line."
        )
    if listed != sources:
        raise NavError(
            f"mkdocs.yml's nav lists the lessons out of order: list them as {folder}/ orders them "
            f"({', '.join(sources)})."
        )


def translate_nav_titles(nav: object, titles: object) -> object:
    """The nav with every titled entry's title replaced from ``titles`` (English title -> translation), for an
    edition that shares the English nav. Raises NavError naming an untranslated title."""
    if not isinstance(titles, dict):
        raise NavError("'course: nav_titles' must map each English nav title to its translation.")
    if isinstance(nav, list):
        return [translate_nav_titles(item, titles) for item in nav]
    if isinstance(nav, dict):
        translated = {}
        for title, value in nav.items():
            if title not in titles:
                raise NavError(f"The nav title '{title}' has no translation: add '{title}: ...' under "
                               f"'extra: course: nav_titles:' in this edition's config.")
            translated[titles[title]] = translate_nav_titles(value, titles)
        return translated
    return nav


def lesson_table(tutorials: Iterable[Tutorial], link=lambda name: f"{LESSON_DIR}/{name}.ipynb",
                 language: str = "en") -> str:
    """A Markdown table of the lessons in reading order: number, linked title, and the source's description."""
    say = words(language)
    rows = [f"| {say['table.number']} | {say['table.lesson']} | {say['table.covers']} |", "|---|---|---|"]
    for tutorial in sorted(tutorials, key=lambda tutorial: tutorial.name):
        number = int(tutorial.name.split("_", 1)[0])
        title = tutorial.title.replace("|", "\\|")
        description = tutorial.description.replace("|", "\\|")
        rows.append(f"| {number} | [{title}]({link(tutorial.name)}) | {description} |")
    return "\n".join(rows)


def meta_description(tutorial: Tutorial) -> str:
    """The lesson's description as plain text, escaped for a ``<meta name="description">`` attribute (the theme's
    template inserts it as it is): no Markdown marks, link text without its target, math as its TeX."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", tutorial.description)
    text = re.sub(r"(\*\*|__|[`*$])", "", text)
    return html.escape(" ".join(text.split()), quote=True)


def fill_lesson_table(markdown: str, tutorials: Iterable[Tutorial], language: str = "en") -> str:
    """``markdown`` with its table marker line replaced by the table of ``tutorials``."""
    if TABLE_MARKER not in markdown:
        return markdown
    return markdown.replace(TABLE_MARKER, lesson_table(tutorials, language=language), 1)


def _nav_paths(nav: object) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_paths(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_paths(item)


def _join(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _verb(items: list, one: str, many: str) -> str:
    return one if len(items) == 1 else many
