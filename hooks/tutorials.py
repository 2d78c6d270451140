"""MkDocs glue for the executed lessons: build them before pages are read, then register their files.

Logic lives in ``course.engine``; this module only connects it to MkDocs events. Lessons are published at
``lessons/<name>/``, their downloads under ``downloads/``, and the execution-time table at ``execution-times/``.
A config with ``extra: course: language: zh`` (mkdocs.zh.yml) builds the Chinese edition: the English lessons
come from the cache and the translations in ``tutorials_src/zh/`` are published around their outputs.
"""

from __future__ import annotations

import logging
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from course.engine import BuildReport, BuildSettings, TutorialError, build_lessons, lock, render_cache
from course.engine.accessibility import mark_english_terms, quiet_permalinks
from course.engine.anchors import retarget_toc
from course.engine.downloads import (Download, download_bar, has_solutions, learner_copy, notebook_download_bytes,
                                     package_archive, source_download)
from course.engine.execute import kill_live_kernels
from course.engine.glue import resolve_glue_in_source
from course.engine.figure_cache import FigureCache
from course.engine.lesson_index import check_nav, fill_lesson_table, meta_description, translate_nav_titles
from course.engine.mathml import KatexTypesetter, MathError, typeset_html
from course.engine.page_cache import PageCache
from course.engine.page_pool import LessonLinks, LessonPages, PagePool, SiteAssets
from course.engine.pages import stale_lesson_banner
from course.engine.quiet_logs import quiet_page_renderer_logs
from course.engine.report import timings_markdown
from course.engine.runner import KeptKernelServer
from course.engine.search_index import compact_search_index, mend_han_query_splitting
from course.engine.settings import SOURCE_LANGUAGE
from course.engine.theme_css import clear_theme_cuts, scripted_features_off, trim_theme_stylesheets
from course.engine.translations import (Edition, edition_site_url, home_page_links, mark_page_language, translate_lessons,
                                        twin_page_links)
from course.engine.wording import words

log = logging.getLogger("mkdocs.hooks.tutorials")
LESSON_DIR = "lessons"
_report: BuildReport | None = None
_settings: BuildSettings | None = None
_edition: Edition | None = None  # a translated edition's lessons (None when building the English site)
# Material's search plugin (loaded before this hook) imports jieba to segment Chinese; jieba would log its
# dictionary loading to stderr on every Chinese build.
logging.getLogger("jieba").setLevel(logging.WARNING)
_live_preview = False  # under `mkdocs serve`, a failing lesson keeps its last good page and shows the error
_written_pages: list[Path] = []  # the HTML files this build wrote, for the theme stylesheet cut after the build
_lesson_pages = PagePool(1)  # lesson pages being finished (in worker processes) between rendering and templating
# Under `mkdocs serve`, lessons' kernels are forked from one server kept between rebuilds (see KeptKernelServer).
_kernel_server = KeptKernelServer()
_finished_pages: LessonPages | None = None  # the pool's pages, or copies of them from the page cache


def on_startup(command: str, dirty: bool) -> None:
    global _live_preview
    _live_preview = command == "serve"
    if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:  # `mkdocs -v` keeps them
        quiet_page_renderer_logs()


def on_config(config):
    """Read and validate the settings (``extra: course:`` in mkdocs.yml, then COURSE_*), give a translated edition
    its own address under ``site_url``, and pin every cache folder under the project root."""
    global _settings
    _settings = None
    root = Path(config.config_file_path).resolve().parent
    options = dict(config.extra.get("course") or {})
    titles = options.pop("nav_titles", None)
    try:
        _settings = BuildSettings.for_project(root, options)
        if titles is not None:
            config.nav = translate_nav_titles(config.nav, titles)
    except TutorialError as error:
        raise PluginError(str(error)) from None
    config.site_url = edition_site_url(config.site_url, _settings.language)
    toc = config.mdx_configs.get("toc")
    if toc is not None and toc.get("permalink"):  # the headings' links are titled in English unless told otherwise
        toc.setdefault("permalink_title", words(_settings.language)["permalink"])
    renderer = config.plugins.get("mkdocs-jupyter")
    if renderer is not None and renderer.config.get("cache"):
        renderer.config["cache_dir"] = str(render_cache.render_cache_dir(root))
        if _settings.language != SOURCE_LANGUAGE:  # its own render cache: the same notebook path, other prose
            renderer.config["cache_dir"] += f"-{_settings.language}"
    return config


def on_pre_build(config) -> None:
    """One build per checkout at a time (a second build, or a build beside `mkdocs serve`, waits)."""
    global _finished_pages
    lock.acquire(_lock_path())
    _finished_pages = None
    _written_pages.clear()
    _lesson_pages.close()
    if _settings.fresh:
        _page_cache().clear()
        _figure_cache().clear()
        clear_theme_cuts(_theme_cut_cache())
    renderer = config.plugins.get("mkdocs-jupyter")
    if renderer is not None and renderer.config.get("cache"):
        renderer.config["cache"] = render_cache.prepare(Path(renderer.config["cache_dir"]), fresh=_settings.fresh)


@event_priority(100)  # before mkdocs-jupyter, which must see the lesson notebooks as pages
def on_files(files: Files, config) -> Files:
    global _report, _edition, _lesson_pages, _finished_pages
    root = _settings.work_dir
    _edition = None
    try:
        check_nav(_settings.source_dir, config.nav)
        _report = build_lessons(_settings, log=log.info, keep_last_good=_live_preview,
                                kernel_server=_kernel_server if _live_preview else None)
        if _settings.language != SOURCE_LANGUAGE:
            _edition = translate_lessons(_settings, _report, log=log.info)
            _report = _edition.report
            _add_english_assets(files, config)
    except TutorialError as error:
        raise PluginError(str(error)) from None
    # Worker processes only when there are pages to share among them: starting them costs more than one page.
    _lesson_pages = PagePool(min(_settings.jobs, len(_report.results)))
    _finished_pages = LessonPages(_lesson_pages, _page_cache(), _settings.language,
                                  _figure_cache())
    say = words(_settings.language)
    for result in _report.results:
        name = result.tutorial.name
        # A translation's downloads of an exercise lesson start by choosing the checker's language.
        setup = say["learner.language"] if _translated(name) and has_solutions(result.tutorial.notebook) else ""
        # The executed notebook becomes the page: src_dir is chosen so that its path reads lessons/<name>.ipynb.
        files.append(File(f"{LESSON_DIR}/{name}.ipynb", str(result.notebook_path.parent.parent), config.site_dir,
                          config.use_directory_urls))
        # The source as a script, its prose quoting the values the page shows (a failed lesson has none to quote).
        if result.executed is not None:
            script = resolve_glue_in_source(result.tutorial, result.executed)
            files.append(File.generated(config, f"downloads/{name}.py", content=source_download(script, setup)))
        else:
            files.append(File.generated(config, f"downloads/{name}.py", abs_src_path=str(result.tutorial.path)))
        # By content, not path: mkdocs-jupyter would take a file whose path ends in lessons/*.ipynb for a page.
        executed = result.notebook_path.read_bytes()
        files.append(File.generated(config, f"downloads/{name}.ipynb",
                                    content=notebook_download_bytes(executed, setup)))
        if has_solutions(result.tutorial.notebook):
            learner = learner_copy(nbformat.reads(executed.decode("utf-8"), as_version=4),
                                   setup=setup)
            files.append(File.generated(config, f"downloads/{name}_learner.ipynb", content=nbformat.writes(learner)))
    if (root / "course").is_dir():  # the helper package the lessons import, for readers running them at home
        files.append(File.generated(config, "downloads/course-helpers.zip", content=package_archive(root)))
    files.append(File.generated(config, "execution-times.md",
                                content=timings_markdown(_report, lambda name: f"{LESSON_DIR}/{name}.ipynb",
                                                         language=_settings.language)))
    if not _finished_pages.all_stored([result.tutorial.name for result in _report.results]):
        _lesson_pages.start()  # the workers load while MkDocs reads and renders the pages
    return files


def _add_english_assets(files: Files, config) -> None:
    """A translated edition's docs folder holds its pages only: the site's stylesheets and images come from the
    English one."""
    english_docs = _english_docs_dir(config)
    shared = [*(english_docs / "assets" / "stylesheets").glob("*.css"), *(english_docs / "assets" / "images").glob("*")]
    for path in sorted(shared):
        uri = path.relative_to(english_docs).as_posix()
        if files.get_file_from_path(uri) is None:
            files.append(File(uri, str(english_docs), config.site_dir, config.use_directory_urls))


def _english_docs_dir(config) -> Path:
    """The English docs folder: ``docs_dir`` itself, or its parent for a translation (``docs/zh``)."""
    docs = Path(config.docs_dir)
    return docs if _settings is None or _settings.language == SOURCE_LANGUAGE else docs.parent


def _translated(name: str) -> bool:
    return _edition is not None and name not in _edition.untranslated


def on_post_build(config) -> None:
    """Cut the theme's stylesheets to what the site uses; repeat a live preview's failures last, where they are not
    scrolled away by the page lines."""
    try:
        fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
        features_off = scripted_features_off(list(config.theme.get("features", [])), list(config.markdown_extensions),
                                             list(config.plugins), config.repo_url, config.extra.get("version"),
                                             [fence.get("name") for fence in fences])
        trim_theme_stylesheets(Path(config.site_dir), [*_written_pages, Path(config.site_dir) / "404.html"],
                               tuple(str(path) for path in config.extra_css), features_off, _theme_cut_cache())
        compact_search_index(Path(config.site_dir) / "search" / "search_index.json")
        for worker in mend_han_query_splitting(Path(config.site_dir)):
            log.warning("%s: the theme's search worker no longer has the loop that course/engine/search_index.py "
                        "mends, so Chinese queries may be split into pieces again: look at the mend", worker)
        if _finished_pages is not None:
            copied = len(_finished_pages.copied)
            log.debug("Lesson pages: %d finished, %d from the page cache (%s)", len(_report.results) - copied, copied,
                      _finished_pages.cache.folder)
    finally:
        _lesson_pages.close()
        _release_lock()
    for result in _report.results if _report else []:
        if result.error:
            # INFO, not WARNING: strict mode would abort the preview on a warning, hiding the page.
            rule = "=" * 78
            log.info("%s\nLESSON FAILED (the page shows its last good build):\n%s\n%s", rule, result.error, rule)


def on_build_error(error) -> None:
    _lesson_pages.close()
    _release_lock()
    kill_live_kernels()


def on_shutdown() -> None:
    _lesson_pages.close()
    kill_live_kernels()
    _kernel_server.close()


def on_page_markdown(markdown: str, page, config, files) -> str:
    return fill_lesson_table(markdown, [result.tutorial for result in _report.results], language=_settings.language)


def on_post_page(output: str, page, config) -> str:
    """The page names its language's script; the language selector leads to this same page in the other
    edition; the page is noted for the theme stylesheet cut after the build."""
    _written_pages.append(Path(page.file.abs_dest_path))
    output = mark_page_language(output, _settings.language)
    if not config.extra.get("alternate"):
        return output
    return twin_page_links(output, page.url, _settings.language)


def on_post_template(output: str, template_name: str, config) -> str:
    """The 404 page names its language's script, and has no twin in the other edition: its language selector
    leads to each edition's home page."""
    if template_name != "404.html":
        return output
    output = mark_page_language(output, _settings.language)
    if not config.extra.get("alternate"):
        return output
    return home_page_links(output, config.site_url, _settings.language)


def on_page_content(html: str, page, config, files) -> str:
    """Typeset a hand-written page's math; start finishing a lesson page (collected in on_page_context)."""
    name = _lesson_name(page)
    if name is None:  # a hand-written page: its \( \) and \[ \] math and its headings' links need the build's help
        try:
            typeset = typeset_html(html, _typesetter(config)) if "arithmatex" in html else html
            return mark_english_terms(quiet_permalinks(typeset), _settings.language)
        except MathError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None
    say = words(_settings.language)
    header = download_bar(_downloads(name, page.url, files), label=say["downloads"])
    stale = next((result for result in _report.results if result.tutorial.name == name and result.error), None)
    if stale:
        header = stale_lesson_banner(stale.error, _settings.language) + header
    # Headings in a translation get readable Unicode ids; the English pages keep the ids they always had.
    heading_ids = {} if _translated(name) else None
    publish = SiteAssets(Path(config.site_dir), page.url, get_relative_url)
    _finished_pages.submit(name, html, heading_ids, publish=publish, after_title=header,
                           resolve_link=LessonLinks(_lesson_pages_from(files, page.url)), typeset=_typesetter(config),
                           language=_settings.language)
    return html  # replaced by the finished page in on_page_context, before the search index or template reads it


@event_priority(100)  # before the search plugin indexes the page's content
def on_page_context(context, page, config, nav):
    name = _lesson_name(page)
    if name is None:
        page.edit_url = _edit_url(config, page.file.abs_src_path)
        return context
    try:
        page.content = _finished_lesson(name, page)
    except MathError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    tutorial = next(result.tutorial for result in _report.results if result.tutorial.name == name)
    # What search engines and link previews show for the page: the lesson's own description, not the site's.
    page.meta["description"] = meta_description(tutorial)
    page.edit_url = _edit_url(config, tutorial.path)
    return context


def _edit_url(config, source: str | Path | None) -> str | None:
    """Where the repository's web editor opens ``source`` (a lesson's source in tutorials_src/, a hand-written page in
    docs/ or docs/zh/) on the main branch; None without repo_url or for a page with no file of its own. MkDocs'
    default (edit/master/docs/ plus the page's path) named a branch the repository does not have, and for the
    Chinese edition a page outside docs/zh/."""
    if not config.repo_url or not source:
        return None
    path = Path(source).resolve()
    if not path.is_relative_to(_settings.work_dir.resolve()):
        return None
    return f"{config.repo_url.rstrip('/')}/edit/main/{path.relative_to(_settings.work_dir.resolve()).as_posix()}"


def _finished_lesson(name: str, page) -> str:
    say = words(_settings.language)
    finished = _finished_pages.result(name)
    page_html, heading_ids = finished.html, finished.heading_ids
    if heading_ids:
        retarget_toc(page.toc, heading_ids)
    if _edition is not None and name in _edition.untranslated:
        # The English page, marked as such for readers and for screen readers' pronunciation.
        return (f'<p class="admonition note course-untranslated">{say["untranslated"]}</p>'
                f'<div lang="{SOURCE_LANGUAGE}">{page_html}</div>')
    return page_html


def _page_cache() -> PageCache:
    """Finished lesson pages from earlier builds, under the project's cache folder."""
    return PageCache(_settings.cache_dir.parent / "pages")


def _figure_cache() -> FigureCache:
    """Site figures from earlier builds, under the project's cache folder, by the PNG each is made from."""
    return FigureCache(_settings.cache_dir.parent / "figures")


def _theme_cut_cache() -> Path:
    """Cuts of the theme's stylesheets from earlier builds, under the project's cache folder."""
    return _settings.cache_dir.parent / "theme-css"


def _typesetter(config) -> KatexTypesetter:
    """Math is typeset at build time by the site's copy of KaTeX (kept in docs/ for scripts/vendor_katex.sh)."""
    return KatexTypesetter(_english_docs_dir(config) / "assets" / "katex" / "katex.min.js")


def _downloads(name: str, here: str, files: Files) -> list[Download]:
    say = words(_settings.language)
    downloads = [Download(say["notebook"], get_relative_url(f"downloads/{name}.ipynb", here), say["notebook.title"]),
                 Download(say["source"], get_relative_url(f"downloads/{name}.py", here), say["source.title"])]
    if files.get_file_from_path(f"downloads/{name}_learner.ipynb"):
        downloads.insert(0, Download(say["exercise"], get_relative_url(f"downloads/{name}_learner.ipynb", here),
                                     say["exercise.title"]))
    return downloads


def _lesson_pages_from(files: Files, here: str) -> dict[str, str]:
    """Each lesson notebook's file name (``02_activations.ipynb``, as lessons link to each other) -> the URL of
    its page from page ``here``."""
    pages = {}
    for file in files:
        folder, _, name = file.src_uri.rpartition("/")
        if folder == LESSON_DIR and name.endswith(".ipynb"):
            pages[name] = get_relative_url(file.url, here)
    return pages


def _lock_path() -> Path:
    return _settings.cache_dir.parent / "build.lock"


def _release_lock() -> None:
    if _settings is not None:  # None: the settings were invalid, so no build started and no lock was taken
        lock.release(_lock_path())


def _lesson_name(page) -> str | None:
    uri = page.file.src_uri
    if uri.startswith(f"{LESSON_DIR}/") and uri.endswith(".ipynb"):
        return Path(uri).stem
    return None
