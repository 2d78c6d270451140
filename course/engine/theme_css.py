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
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from bs4 import BeautifulSoup

from course.engine.styles import used_css

_THEME_STYLESHEETS = ("main", "palette")  # assets/stylesheets/<name>.<hash>.min.css
_THEME_SCRIPTS = ("assets/javascripts/bundle.*.min.js", "assets/javascripts/workers/search.*.min.js")
_STRING_LITERAL = re.compile(r"\"([^\"\\\n]*)\"|'([^'\\\n]*)'|`([^`\\]*)`")
_CUSTOM_PROPERTY = re.compile(r"--[\w-]+")


def trim_theme_stylesheets(site_dir: Path, pages: list[Path], extra_css: tuple[str, ...] = (),
                           features_off: tuple[str, ...] = ()) -> list[Path]:
    """Cut each theme stylesheet and each of ``extra_css`` (site paths of the site's own stylesheets), point
    ``pages`` (HTML files in ``site_dir``) at the cuts and return the cuts.

    ``features_off`` are class-name prefixes the scripts mention for features the site does not turn on (see
    ``scripted_features_off``): their rules are kept only where a page itself has the class. A stylesheet the site
    does not have, or that no page links to, is left alone.
    """
    html = {page: page.read_text(encoding="utf-8") for page in pages if page.is_file()}
    if not html:
        return []
    site = BeautifulSoup("\n".join(html.values()), "html.parser")
    scripts = "\n".join(path.read_text(encoding="utf-8") for pattern in _THEME_SCRIPTS
                        for path in sorted(site_dir.glob(pattern)))
    scripted = frozenset(word for word in _script_words(scripts) if not word.startswith(features_off))
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
        read_elsewhere = frozenset(_CUSTOM_PROPERTY.findall("\n".join([scripts, other_css, *html.values()])))
        cut = used_css(original.read_text(encoding="utf-8"), site, scripted_classes=scripted,
                       used_elsewhere=read_elsewhere).encode("utf-8")
        stem = original.name.split(".")[0]
        target = original.with_name(f"{stem}.{hashlib.sha256(cut).hexdigest()[:16]}.cut.min.css")
        target.write_bytes(cut)
        for page in linking:
            html[page] = link.sub(lambda match, name=target.name: f'{match.group(1)}{name}"', html[page])
            page.write_text(html[page], encoding="utf-8")
        cuts.append(target)
    return cuts


def scripted_features_off(features: list[str], extensions: list[str], plugins: list[str], repo_url: str | None,
                          version: object) -> tuple[str, ...]:
    """The class prefixes of Material's scripted features this configuration leaves off: code annotations,
    tooltips, content tabs, tags, the version selector and the repository widget."""
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
    return tuple(off)


def _script_words(scripts: str) -> frozenset[str]:
    """Every word inside a string literal of ``scripts``: the class names they can add, among other words."""
    return frozenset(word for literal in _STRING_LITERAL.findall(scripts) for part in literal
                     for word in re.split(r"[^\w-]+", part) if word)


def _is_cut(path: Path) -> bool:
    return path.name.endswith(".cut.min.css")
