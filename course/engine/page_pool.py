"""Finish lesson pages in worker processes while MkDocs goes on with the other pages.

MkDocs hands each page to the build in turn, and finishing a lesson page (figures re-encoded, math typeset, the
notebook stylesheet cut: about half a second each) kept one core busy while the other idled. MkDocs first reads
and renders every page, then fills each into the theme's template, so a page can be finished between the two: the
build submits it to ``PagePool`` when it is rendered and takes the result when the template needs it, and the
workers finish pages side by side meanwhile. The work is sent to the workers as plain data (``SiteAssets`` and
``LessonLinks`` replace callables that reach into MkDocs), and the pages come back byte for byte as finishing
them in the build's own process gives.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from course.engine.figures import site_figure
from course.engine.mathml import KatexTypesetter
from course.engine.page_cache import FinishedPage, PageCache, file_digest
from course.engine.pages import finish_lesson_html


class PagePool:
    """Work started now and collected later, by key: in up to ``workers`` processes, or on the spot for one."""

    def __init__(self, workers: int):
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None
        self._pending: dict[str, Future] = {}

    def start(self) -> None:
        """Start the workers now (they take a moment to load the page code), so that they are ready for the
        first page."""
        if self.workers > 1 and self._executor is None:
            self._executor = ProcessPoolExecutor(self.workers, mp_context=_worker_context())
            for _ in range(self.workers):  # one each: a worker is started for a task while none is idle
                self._executor.submit(_ready)

    def submit(self, key: str, function: Callable, /, *args, **kwargs) -> None:
        """Start ``function(*args, **kwargs)`` (a module-level function: workers import it by name)."""
        if self.workers <= 1:
            future: Future = Future()
            try:
                future.set_result(function(*args, **kwargs))
            except Exception as error:  # kept for result(), where the work's errors are raised
                future.set_exception(error)
        else:
            self.start()
            future = self._executor.submit(function, *args, **kwargs)
        self._pending[key] = future

    def add_done(self, key: str, result) -> None:
        """Record ``result`` as the work ``key``, already done (a page found in the page cache)."""
        future: Future = Future()
        future.set_result(result)
        self._pending[key] = future

    def result(self, key: str):
        """What the work submitted as ``key`` returned; its exception is raised here."""
        return self._pending.pop(key).result()

    def close(self) -> None:
        """Drop the work not collected and stop the workers (waiting for them to exit); the pool can be reused."""
        self._pending.clear()
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def _ready() -> None:
    """Nothing: a first task that makes a worker start."""


def _worker_context():
    """Workers forked from a fresh server process that has loaded the page code once (``course.engine.page_worker``).

    Not fork: `mkdocs serve` runs threads (the file watcher, the web server), and a forked copy of a threaded
    process can hang on a lock another thread held. Not spawn: it runs the parent's main script again in every
    worker, and a build started from a script without a ``__main__`` guard would start a build in each.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["course.engine.page_worker"])
    return context


@dataclass(frozen=True)
class SiteAssets:
    """``publish`` for one page: write an asset into the site (its name is its content hash, so a file already
    there holds these bytes) and return its URL relative to the page, as ``relative_url(path, page_url)`` gives."""

    site_dir: Path
    page_url: str
    relative_url: Callable[[str, str], str]

    def __call__(self, path: str, data: bytes) -> str:
        target = self.site_dir / path
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            # Written aside and renamed: two workers may publish the same shared script at the same moment.
            temporary = target.with_name(f".{target.name}.{os.getpid()}")
            temporary.write_bytes(data)
            os.replace(temporary, target)
        return self.relative_url(path, self.page_url)


@dataclass(frozen=True)
class LessonLinks:
    """``resolve_link`` for one page: a link to another lesson's notebook (``02_activations.ipynb#part``) becomes
    a link to that lesson's page; ``pages`` maps each lesson notebook's file name to its page's URL from here."""

    pages: dict[str, str]

    def used_in(self, html: str) -> dict[str, str]:
        """The part of ``pages`` a page rendered as ``html`` can use: the lessons whose notebook names it mentions.
        A page's finished form depends on these alone, so adding or moving a lesson it does not link to changes
        nothing about it."""
        return {target: url for target, url in self.pages.items() if target in html}

    def __call__(self, href: str) -> str | None:
        target, _, anchor = href.partition("#")
        url = self.pages.get(target) if target.endswith(".ipynb") and "/" not in target else None
        if url is None:
            return None
        return url + (f"#{anchor}" if anchor else "")


def finish_lesson_page(html: str, heading_ids: dict | None = None, *, publish: SiteAssets,
                       **options) -> FinishedPage:
    """``finish_lesson_html`` as a worker runs it: the finished page, ``heading_ids`` as it filled them, and the
    files it published (for the page cache, which publishes them again when it serves the page)."""
    published: dict[str, bytes] = {}

    def publish_and_keep(path: str, data: bytes) -> str:
        published[path] = data
        return publish(path, data)

    finished = finish_lesson_html(html, publish_and_keep, heading_ids=heading_ids, **options)
    return FinishedPage(finished, heading_ids, published)


class LessonPages:
    """One build's lesson pages: each copied from the page cache when an entry matches what it would be finished
    from, else finished in ``pool`` and stored, its figures made by ``figures`` (``site_figure``, or the figure
    cache, ``course.engine.figure_cache``). ``copied`` names the pages this build took from the cache."""

    def __init__(self, pool: PagePool, cache: PageCache, edition: str,
                 figures: Callable[[bytes, tuple[int, int] | None], bytes] = site_figure):
        self.pool, self.cache, self.edition, self.figures = pool, cache, edition, figures
        self.copied: list[str] = []
        self._keys: dict[str, str] = {}  # a page being finished -> its cache key, to store it under when done
        self._file_digests: dict[Path, str] = {}  # the KaTeX copy is read once per build, not once per page

    def submit(self, name: str, html: str, heading_ids: dict | None, *, publish: SiteAssets, after_title: str,
               resolve_link: LessonLinks, typeset: KatexTypesetter, language: str) -> None:
        """Start finishing lesson ``name``'s page (``finish_lesson_page`` with these arguments), or copy it."""
        if typeset.katex_js not in self._file_digests:
            self._file_digests[typeset.katex_js] = file_digest(typeset.katex_js)
        key = self.cache.key(self._page(name), html, page_url=publish.page_url, after_title=after_title,
                             links=resolve_link.used_in(html), readable_heading_ids=heading_ids is not None,
                             katex=self._file_digests[typeset.katex_js], language=language)
        cached = self.cache.get(self._page(name), key)
        if cached is not None:
            for path, data in cached.published.items():
                publish(path, data)
            self.pool.add_done(name, cached)
            self.copied.append(name)
            return
        self._keys[name] = key
        # `figures` is not in the key: with the figure cache or without, a page comes out the same
        self.pool.submit(name, finish_lesson_page, html, heading_ids, publish=publish, after_title=after_title,
                         resolve_link=resolve_link, typeset=typeset, language=language, figures=self.figures)

    def result(self, name: str) -> FinishedPage:
        """Lesson ``name``'s finished page (stored in the cache if this build finished it); its error is raised."""
        finished = self.pool.result(name)
        key = self._keys.pop(name, None)
        if key is not None:
            self.cache.put(self._page(name), key, finished)
        return finished

    def all_stored(self, names: list[str]) -> bool:
        """Whether every one of these lessons has a page in the cache (then the build may well finish none, and
        need not start the pool's workers before the first page asks for one)."""
        return all(self.cache.has_page(self._page(name)) for name in names)

    def _page(self, name: str) -> str:
        """Lesson ``name``'s page in the cache: each edition's page is its own."""
        return f"{name}.{self.edition}"
