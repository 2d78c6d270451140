"""Cut the theme's stylesheets to the rules the built site can use: smaller files that every page shares.

Material ships a main stylesheet (about 137 KB, 23 KB gzip) for every feature it has (blog, tabs, cards,
annotations, an icon for every kind of admonition ...) and a palette stylesheet for all its colours, and every page
downloads both on a first visit, with the site's own stylesheet (comments included, and rules for outputs few pages
have). After the build, ``trim_theme_stylesheets`` keeps the rules that match an element
of some built page, judged as
``course.engine.styles`` judges the notebook styles, and every rule that names a class or ``data-md-*`` attribute
the theme's scripts can add (search results, copy buttons, tooltips, the header's states): the scripts are read
for the class names they mention. Each cut file gets a name of its own content hash and the pages link to it, so a
browser never keeps an older cut under the new name (and the site's own stylesheet, named by its content now, is
cached for good instead of asked for again on every visit).

Judging the rules means parsing every built page, about half of a build in which no lesson changed. Given a
``cache_dir``, each cut is kept there under a key of all it was judged on (the stylesheet, the pages' HTML, the
scripts' class names, the custom properties read elsewhere and the page code), and a build whose inputs are those
of a kept cut copies it without parsing a page. What each page holds is kept there too (``pages/``, see
``course.engine.site_index``), so a build in which one page changed parses that page alone.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from course.engine.cache import least_recently_used, mark_used, write_atomically
from course.engine.page_cache import page_code_digest
from course.engine.site_index import KnownPages, SiteIndex
from course.engine.styles import used_css

_THEME_STYLESHEETS = ("main", "palette")  # assets/stylesheets/<name>.<hash>.min.css
_THEME_SCRIPTS = ("assets/javascripts/bundle.*.min.js", "assets/javascripts/workers/search.*.min.js")
_STRING_LITERAL = re.compile(r"\"([^\"\\\n]*)\"|'([^'\\\n]*)'|`([^`\\]*)`")
_CUSTOM_PROPERTY = re.compile(r"--[\w-]+")
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)  # a script written into the page itself
KEEP_CUTS = 4  # per stylesheet: each edition's cut, and the one before an edit (an edit undone cuts nothing)


def trim_theme_stylesheets(site_dir: Path, pages: list[Path], extra_css: tuple[str, ...] = (),
                           features_off: tuple[str, ...] = (), cache_dir: Path | None = None) -> list[Path]:
    """Cut each theme stylesheet and each of ``extra_css`` (site paths of the site's own stylesheets), point
    ``pages`` (HTML files in ``site_dir``) at the cuts and return the cuts.

    ``features_off`` are class-name prefixes the scripts mention for features the site does not turn on (see
    ``scripted_features_off``): their rules are kept only where a page itself has the class, and the custom
    properties the scripts read for them (``--md-<feature>...``) only where a kept rule uses them. A stylesheet the site
    does not have, or that no page links to, is left alone. With ``cache_dir``, cuts judged on the same inputs
    in an earlier build are copied from there (see the module's docstring), and new ones are kept there.
    """
    html = {page: page.read_text(encoding="utf-8") for page in pages if page.is_file()}
    if not html:
        return []
    built = tuple(html.values())  # the pages as built, which the cuts are judged on
    code = page_code_digest()
    site = None  # those pages as a SiteIndex, only when some cut is not in the cache
    known = KnownPages(cache_dir / "pages" if cache_dir else None, code)
    site_digest = _site_digest(code, built) if cache_dir else ""
    scripts = "\n".join(path.read_text(encoding="utf-8") for pattern in _THEME_SCRIPTS
                        for path in sorted(site_dir.glob(pattern)))
    # The pages' own scripts (overrides/main.html) add classes too.
    scripts += "\n".join(sorted({body for text in built for body in _INLINE_SCRIPT.findall(text)}))
    scripted = frozenset(word for word in _script_words(scripts) if not word.startswith(features_off))
    # The custom properties a script reads for a feature that is off (--md-mermaid-... when there are no diagrams).
    properties_off = tuple(f"--md-{feature.removeprefix('md-')}" for feature in features_off)
    read_by_scripts = {name for name in _CUSTOM_PROPERTY.findall(scripts) if not name.startswith(properties_off)}
    styles = site_dir / "assets" / "stylesheets"
    originals = [next((path for path in sorted(styles.glob(f"{name}.*.min.css")) if not _is_cut(path)), None)
                 for name in _THEME_STYLESHEETS] + [site_dir / path for path in extra_css]
    cuts = []
    for original in originals:
        if original is None or not original.is_file():
            continue
        link = re.compile(r'(href="(?:[^"]*/)?)' + re.escape(original.name) + '"')
        linking = [page for page, text in html.items() if link.search(text)]
        if not linking:
            continue
        other_css = "\n".join(path.read_text(encoding="utf-8") for path in sorted(site_dir.rglob("*.css"))
                              if path != original and not _is_cut(path))
        read_elsewhere = frozenset(read_by_scripts | set(_CUSTOM_PROPERTY.findall("\n".join([other_css, *built]))))
        css = original.read_text(encoding="utf-8")
        stem = original.name.split(".")[0]
        key = _cut_key(site_digest, css, scripted, read_elsewhere) if cache_dir else ""
        cut = _kept_cut(cache_dir, stem, key) if cache_dir else None
        if cut is None:
            if site is None:
                site = SiteIndex([known.page(text) for text in built])
            cut = used_css(css, site, scripted_classes=scripted, used_elsewhere=read_elsewhere).encode("utf-8")
            if cache_dir:
                _keep_cut(cache_dir, stem, key, cut)
        target = original.with_name(f"{stem}.{_content_digest(cut)}.cut.min.css")
        target.write_bytes(cut)
        for page in linking:
            html[page] = link.sub(lambda match, name=target.name: f'{match.group(1)}{name}"', html[page])
            page.write_text(html[page], encoding="utf-8")
        cuts.append(target)
    if site is not None:
        known.keep(site.pages)
    return cuts


def scripted_features_off(features: list[str], extensions: list[str], plugins: list[str], repo_url: str | None,
                          version: object, fences: list[str] = ()) -> tuple[str, ...]:
    """The class prefixes of Material's scripted features this configuration leaves off: code annotations,
    tooltips, content tabs, tags, the version selector, the repository widget, and Mermaid diagrams unless
    ``fences`` (the names of pymdownx.superfences' custom fences) has one named mermaid."""
    off = []
    if "content.code.annotate" not in features:
        off.append("md-annotation")
    if "content.code.annotate" not in features and "content.tooltips" not in features:
        off.append("md-tooltip")
    if "pymdownx.tabbed" not in extensions:
        off.append("tabbed-")
    if not any(plugin.endswith("tags") for plugin in plugins):
        off.append("md-tag")
    if not version:
        off.append("md-version")
    if not repo_url:
        off.append("md-source")
    if "mermaid" not in fences:
        off.append("mermaid")
    return tuple(off)


def _script_words(scripts: str) -> frozenset[str]:
    """Every word inside a string literal of ``scripts``: the class names they can add, among other words."""
    return frozenset(word for literal in _STRING_LITERAL.findall(scripts) for part in literal
                     for word in re.split(r"[^\w-]+", part) if word)


def clear_theme_cuts(cache_dir: Path) -> None:
    """Forget every cut and page record kept in ``cache_dir`` (a fresh build judges them all again)."""
    for path in [*Path(cache_dir).glob("*.css"), *Path(cache_dir).glob("pages/*.json")]:
        path.unlink(missing_ok=True)


def _is_cut(path: Path) -> bool:
    return path.name.endswith(".cut.min.css")


def _site_digest(code: str, pages: tuple[str, ...]) -> str:
    """A digest of the built pages, in order, and of the code that judges them (``code``, the page code's digest)."""
    digest = hashlib.sha256(f"{code}\0".encode("utf-8"))
    for text in pages:
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()


def _cut_key(site_digest: str, css: str, scripted: frozenset[str], read_elsewhere: frozenset[str]) -> str:
    """A digest of everything ``used_css`` judges a cut on: the site (``site_digest``), the stylesheet, the class
    names scripts add and the custom properties read elsewhere."""
    record = "\0".join([site_digest, css, *sorted(scripted), "", *sorted(read_elsewhere)])
    return hashlib.sha256(record.encode("utf-8")).hexdigest()[:32]


def _kept_cut(cache_dir: Path, stem: str, key: str) -> bytes | None:
    """The cut kept under ``key``, or None (absent, or damaged: its name ends with the digest of what it held).
    Reading it marks it as the newest use, which pruning keeps."""
    for path in cache_dir.glob(f"{stem}-{key}-*.css"):
        try:
            cut = path.read_bytes()
        except OSError:
            continue
        if path.stem.rsplit("-", 1)[1] == _content_digest(cut):
            mark_used(path)
            return cut
    return None


def _keep_cut(cache_dir: Path, stem: str, key: str, cut: bytes) -> None:
    """Keep ``cut`` under ``key`` and the KEEP_CUTS - 1 most recently used other cuts of ``stem``. A folder that
    cannot be written leaves the build uncached, never failed."""
    try:
        newest = cache_dir / f"{stem}-{key}-{_content_digest(cut)}.css"
        write_atomically(newest, cut)
        for old in least_recently_used(cache_dir.glob(f"{stem}-*.css"), [newest], KEEP_CUTS - 1):
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]
