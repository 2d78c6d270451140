"""A second edition of the lessons (Simplified Chinese): translated prose around the English execution's outputs.

A translation is ``tutorials_src/<language>/NN_topic.py`` with the English lesson's code cells, unchanged but
for their comments and docstrings, which it translates in place (line for line), and its Markdown cells
translated. Nothing is
executed for it: ``translate_lessons`` takes every output, glued value included, from the English build, so both
editions show the same run. Outputs that carry several languages
(the checker's verdicts: ``course_translations`` metadata) show the edition's language, and each figure gets
the alternative text the translation gives it in a ``<!-- alt: ... -->`` comment. A lesson not yet translated is
published as the English page; the site marks it with a notice.
"""

from __future__ import annotations

import ast
import copy
import html
import io
import re
import tokenize
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import zip_longest
from pathlib import Path
from urllib.parse import urlsplit

import nbformat

from course.engine.cache import merge_outputs
from course.engine.errors import SourceError
from course.engine.glue import resolve_glue
from course.engine.outputs import choose_language, vet_outputs
from course.engine.runner import BuildReport, LessonResult, publish_notebook
from course.engine.settings import BuildSettings
from course.engine.sources import Tutorial, read_tutorial
from course.engine.wording import words
from course.language import HTML_TAGS

DOCSTRING = '"""..."""'  # what stands for a docstring's text when code is compared
ALT_COMMENT = re.compile(r"<!--\s*alt:\s*(?P<text>.*?)\s*-->", re.DOTALL)
_IMG_ALT = re.compile(r'(<img\b[^>]*?\balt=")[^"]*(")')


class TranslationError(SourceError):
    """A translation cannot be published; the message names its file and what to change."""


@dataclass(frozen=True)
class Edition:
    """The lessons of one language edition, as the site publishes them."""

    language: str
    report: BuildReport  # one result per lesson: the translation, or the English lesson where there is none
    untranslated: tuple[str, ...]  # names of the lessons shown in English

    @property
    def summary(self) -> str:
        total = len(self.report.results)
        shown = f", {len(self.untranslated)} shown in English" if self.untranslated else ""
        return (f"{total - len(self.untranslated)} of {total} translated{shown}; executed 0 "
                f"(every output comes from the English build)")


def translate_lessons(settings: BuildSettings, english: BuildReport, log: Callable[[str], None] = print) -> Edition:
    """Publish ``settings.language``'s edition of every lesson ``english`` built; raise TranslationError (all
    problems at once, one per line) when a translation's code differs or a figure lacks its description. A glue
    role a translation cannot resolve, or an output that breaks a publishing rule, raises GlueError or CellError
    at once."""
    folder, output_dir = settings.translation_dir, settings.translation_output_dir
    results, untranslated, problems = [], [], []
    lessons = {result.tutorial.name for result in english.results}
    for orphan in (path for path in translation_sources(settings) if path.stem not in lessons):
        problems.append(f"{orphan}: there is no English lesson {settings.source_dir.name}/{orphan.name} to "
                        f"translate; a translation has the name of the lesson it translates.")
    for result in english.results:
        path = folder / f"{result.tutorial.name}.py"
        if not path.is_file() or result.executed is None:
            untranslated.append(result.tutorial.name)
            results.append(result)
            continue
        try:
            translation = read_tutorial(path)
            notebook = translated_notebook(settings, result.tutorial, translation, result.executed)
        except SourceError as error:
            problems.append(str(error))
            continue
        published = publish_notebook(output_dir / path.with_suffix(".ipynb").name, notebook)
        results.append(replace(result, tutorial=translation, notebook_path=published, status="cached"))
    if problems:
        raise TranslationError("\n".join(problems))
    edition = Edition(settings.language, BuildReport(results, english.seconds), tuple(untranslated))
    log(f"Lessons ({settings.language}): {edition.summary}")
    return edition


def translated_notebook(settings: BuildSettings, english: Tutorial, translation: Tutorial,
                        executed: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The translation's prose with the English execution's outputs, in the edition's language, glue resolved."""
    difference = first_code_difference(english, translation)
    if difference:
        raise TranslationError(difference)
    notebook = choose_language(merge_outputs(translation.notebook, executed), settings.language)
    notebook = vet_outputs(translation, notebook, limit=settings.output_limit,
                           allowed_scripts=settings.allowed_scripts, root=settings.work_dir)
    return describe_figures(translation, resolve_glue(notebook, translation), settings.language)


def first_code_difference(english: Tutorial, translation: Tutorial) -> str | None:
    """None when both hold the same code cells, comments and docstrings aside (as ``code_lines`` compares them), else
    one sentence
    naming the first code cell that differs, with its line in each file."""
    english_cells, translated_cells = _compared_cells(english.notebook), _compared_cells(translation.notebook)
    english_index = [i for i, cell in enumerate(english.notebook.cells) if cell.cell_type == "code"]
    translated_index = [i for i, cell in enumerate(translation.notebook.cells) if cell.cell_type == "code"]
    for number, (ours, theirs) in enumerate(zip_longest(english_cells, translated_cells), start=1):
        if ours == theirs:
            continue
        if theirs is None:
            return (f"{translation.path}: the translation of {english.path.name} stops after {number - 1} code "
                    f"cells; the English lesson has {len(english_cells)}. A translation keeps every code cell of "
                    f"the English lesson, unchanged (only Markdown cells, code comments and docstrings are "
                    f"translated).")
        here = translation.source_line(translated_index[number - 1])
        where = f" (line {here})" if here else ""
        if ours is None:
            return (f"{translation.path}: code cell {number}{where} is not in {english.path.name}, which has "
                    f"{len(english_cells)} code cells. A translation keeps the English code cells, unchanged.")
        there = english.source_line(english_index[number - 1])
        return (f"{translation.path}: code cell {number}{where} differs from code cell {number} of "
                f"{english.path.name}{f' (line {there})' if there else ''}{_first_line_apart(ours, theirs)}. A "
                f"translation keeps the English code unchanged, line for line, and translates only its comments and "
                f"docstrings: copy that cell from the English lesson and translate each where it stands.")
    return None


def code_lines(source: str) -> list[str]:
    """The lines of a code cell with their comments and the text of their docstrings taken out, trailing spaces
    too: what a translation must keep.

    A comment-only line stays as an empty line, and a docstring keeps its place and its lines (its text becomes a
    placeholder on its first line, its other lines empty), so that a translated cell keeps the English cell's line
    numbers (the ones a traceback in a shared output names). Source that Python cannot tokenize (a cell that shows a
    syntax error, an IPython magic) is compared whole, comments included; source it cannot parse keeps its
    docstrings."""
    code = source.strip("\n")
    lines = code.split("\n")  # as tokenize counts rows (str.splitlines would also split at form feeds)
    try:
        comments = [token for token in tokenize.generate_tokens(io.StringIO(code + "\n").readline)
                    if token.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        return [line.rstrip() for line in lines]
    spans = _docstring_spans(code, lines)
    for comment in reversed(comments):  # a token's columns count characters, as str indices do
        row, column = comment.start
        lines[row - 1] = lines[row - 1][:column]
    for (first, start), (last, end) in reversed(spans):  # comments follow a docstring, so its columns still hold
        head, tail = lines[first][:start] + DOCSTRING, lines[last][end:]
        lines[first:last + 1] = [head + tail] if first == last else [head, *[""] * (last - first - 1), tail]
    return [line.rstrip() for line in lines]


def _docstring_spans(code: str, lines: list[str]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where each docstring of a function or class in ``code`` starts and ends: 0-based line and character column,
    in source order; none in code that does not parse. A string opening the cell is not one: a cell holding only
    that string shows it as its output, which the translation shares with the English lesson."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return []
    owners = [node for node in ast.walk(tree)
              if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    spans = []
    for owner in owners:
        first = owner.body[0] if owner.body else None
        if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)):
            start, end = first.value.lineno - 1, first.value.end_lineno - 1
            spans.append(((start, _characters(lines[start], first.value.col_offset)),
                          (end, _characters(lines[end], first.value.end_col_offset))))
    return sorted(spans)


def _characters(line: str, offset: int) -> int:
    """The character column of ``line`` at UTF-8 byte ``offset`` (ast counts bytes, str indices characters)."""
    return len(line.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))


def _compared_cells(notebook: nbformat.NotebookNode) -> list[tuple[list[str], list[str]]]:
    return [(code_lines(cell.source), sorted(cell.metadata.get("tags", [])))
            for cell in notebook.cells if cell.cell_type == "code"]


def _first_line_apart(ours: tuple[list[str], list[str]], theirs: tuple[list[str], list[str]]) -> str:
    """Where two compared cells part: ", at the cell's line N", or ", in its tags (...)"."""
    if ours[1] != theirs[1]:
        return f", in its tags ({', '.join(ours[1]) or 'none'} in English)"
    for line, (english_line, translated_line) in enumerate(zip_longest(ours[0], theirs[0]), start=1):
        if english_line != translated_line:
            return f", at the cell's line {line}"
    return ""


def describe_figures(translation: Tutorial, notebook: nbformat.NotebookNode,
                     language: str = "en") -> nbformat.NotebookNode:
    """Give each figure the translation's description: the ``<!-- alt: ... -->`` comments of the first Markdown
    cell after the code cell that shows it, one per figure, in order. The comments are removed from the prose,
    and a cell that held nothing else is removed, so that pages and downloads show no empty cell. A figure's
    plain-text fallback names it in ``language`` (``[figure: ...]``, ``（图：...）``)."""
    described = copy.deepcopy(notebook)
    waiting: tuple[int, list] | None = None  # the last code cell with figures, and those figures
    emptied: set[int] = set()  # cells that held only alt comments
    for index, cell in enumerate(described.cells):
        if cell.cell_type == "code":
            if waiting:
                raise _undescribed(translation, *waiting, found=0)
            figures = [output for output in cell.get("outputs", []) if "image/png" in output.get("data", {})]
            waiting = (index, figures) if figures else None
            continue
        if cell.cell_type != "markdown":
            continue
        texts = [" ".join(match["text"].split()) for match in ALT_COMMENT.finditer(cell.source)]
        if waiting is None and texts:
            line = translation.cell_line(index)
            raise TranslationError(
                f"{translation.path}{f', line {line}' if line else ''}: an alt comment follows no figure. Put each "
                f"'<!-- alt: ... -->' in the first Markdown cell after the code cell that shows the figure.")
        if waiting is None:
            continue
        if len(texts) != len(waiting[1]):
            raise _undescribed(translation, *waiting, found=len(texts))
        for output, text in zip(waiting[1], texts):
            _set_alt(output, text, language)
        cell.source = ALT_COMMENT.sub("", cell.source).strip("\n")
        if not cell.source.strip():
            emptied.add(index)
        waiting = None
    if waiting:
        raise _undescribed(translation, *waiting, found=0)
    described.cells = [cell for index, cell in enumerate(described.cells) if index not in emptied]
    return described


def _set_alt(output, text: str, language: str = "en") -> None:
    data = output["data"]
    if "text/html" in data:
        markup = data["text/html"] if isinstance(data["text/html"], str) else "".join(data["text/html"])
        data["text/html"] = _IMG_ALT.sub(lambda match: match[1] + html.escape(text, quote=True) + match[2], markup)
    if "text/plain" in data:
        data["text/plain"] = words(language)["figure"].format(text=text)
    output.setdefault("metadata", {}).setdefault("image/png", {})["alt"] = text


def _undescribed(translation: Tutorial, index: int, figures: list, found: int) -> TranslationError:
    line = translation.source_line(index)
    where = f"the code cell at line {line}" if line else f"cell {index + 1}"
    return TranslationError(
        f"{translation.path}: {where} shows {len(figures)} figure(s) but the first Markdown cell after it has {found} "
        f"'<!-- alt: ... -->' comment(s). Describe each figure in the page's language, one comment per figure, in "
        f"order (add a Markdown cell after the code cell if there is none).")


def translation_sources(settings: BuildSettings) -> list[Path]:
    """The translation files that exist for this edition (none for English)."""
    folder = settings.translation_dir
    return sorted(folder.glob("*.py")) if folder and folder.is_dir() else []


EDITION_ROOTS = {"en": "", "zh": "zh/"}  # where each edition lives inside the published site
# The editions by the tag that mkdocs.yml's `extra: alternate:` gives each (HTML_TAGS: "zh-Hans" for Chinese).
_EDITION_OF_TAG = {HTML_TAGS[language]: language for language in EDITION_ROOTS}
_HTML_ELEMENT_LANGUAGE = re.compile(r'(<html lang=")[^"]*(")')
_LANGUAGE_LINK = re.compile(r'(<a href=")[^"]*(" hreflang="(?P<language>[^"]+)" class="md-select__link")')
_ALTERNATE_EDITION = re.compile(r'(<link rel="alternate" href=")[^"]*(" hreflang="(?P<language>[^"]+)")')


def edition_site_url(site_url: str | None, language: str) -> str | None:
    """The address of ``language``'s edition, given the published site's address (``site_url`` in mkdocs.yml,
    which the Chinese config inherits): the 404 page and the canonical links of that edition start there."""
    if not site_url:
        return site_url
    return site_url.rstrip("/") + "/" + EDITION_ROOTS[language]


def mark_page_language(page_html: str, language: str) -> str:
    """``page_html`` with its ``<html lang>`` set to the tag of ``language`` (HTML_TAGS). The theme marks a Chinese
    page plain ``zh``, which says nothing of the script; the course is written in Simplified Chinese."""
    return _HTML_ELEMENT_LANGUAGE.sub(lambda match: match[1] + HTML_TAGS[language] + match[2], page_html, count=1)


def twin_page_links(page_html: str, page_url: str, language: str) -> str:
    """``page_html`` with the language selector's links (Material's ``extra.alternate``) pointing at this very
    page in each edition, relative to the page, so switching language keeps the reader's place; and the head's
    ``<link rel="alternate" hreflang>`` pointing at each edition's root, where Material's script fetches that
    edition's ``sitemap.xml`` (the configured ``./zh/``, resolved from a Chinese page, would be ``zh/zh/``).

    The selector's links get ``target="_self"``, which makes Material's script leave them to the browser: it
    would otherwise look the page up in the other edition's sitemap, which is empty without a ``site_url``, and
    send the reader to that edition's home page whenever that sitemap happened to arrive first."""
    here = EDITION_ROOTS[language] + page_url

    def link(match: re.Match, target: str, this_edition: str) -> str:
        edition = _EDITION_OF_TAG.get(match["language"])
        if edition is None:
            return match[0]
        root = EDITION_ROOTS[edition]
        if edition == language:  # relative within this edition: right under `mkdocs serve` too
            return match[1] + this_edition + match[2]
        return match[1] + html.escape(_relative(root + target, here)) + match[2]

    page_html = _LANGUAGE_LINK.sub(lambda match: link(match, page_url, "./") + ' target="_self"', page_html)
    return _ALTERNATE_EDITION.sub(lambda match: link(match, "", _relative("", page_url)), page_html)


def home_page_links(page_html: str, site_url: str | None, language: str) -> str:
    """``page_html`` (the 404 page: a host serves it at any address, so its links start at the site's root) with
    the language selector's links and the head's alternate links leading to each edition's home page. Links start
    at the path of ``site_url`` (this edition's address), or at the host's root without one."""
    edition_root = urlsplit(site_url).path if site_url else "/"
    site_root = edition_root.removesuffix(EDITION_ROOTS[language]) or "/"

    def link(match: re.Match) -> str:
        edition = _EDITION_OF_TAG.get(match["language"])
        return match[0] if edition is None else match[1] + html.escape(site_root + EDITION_ROOTS[edition]) + match[2]

    page_html = _LANGUAGE_LINK.sub(lambda match: link(match) + ' target="_self"', page_html)
    return _ALTERNATE_EDITION.sub(link, page_html)


def _relative(target: str, here: str) -> str:
    """The link from site path ``here`` (a directory URL like ``lessons/02_activations/``) to ``target``."""
    return "../" * here.count("/") + target or "./"
