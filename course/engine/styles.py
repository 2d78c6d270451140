"""Cut the notebook stylesheets mkdocs-jupyter inlines (about 575 KB) down to the rules a page can use.

A rule is kept when one of its selectors matches an element of the page, judged with the interaction states
(``:hover``, ``:focus`` ..., and ``[open]``, which a reader sets by opening a ``<details>``) and pseudo-elements
removed, so a rule for a hovered link stays when the page has the link. A selector about what the theme's
scripts draw inside a container of the page (search results, tooltips, dialogs) is judged by the container alone.
Selectors that start from the colour scheme (``[data-md-color-scheme=slate] ...``) are judged without that prefix,
so both schemes keep their rules. Custom properties (``--jp-...``) are kept only when a kept declaration
uses them, directly or through another property; ``@keyframes`` only when a kept animation names them. A selector
the matcher cannot read is kept, so trimming can only ever remove rules that certainly match nothing.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import soupsieve
import tinycss2
from bs4 import BeautifulSoup

from course.engine.selector_index import PageIndex, named_classes
from course.engine.site_index import SiteIndex

_STATE = re.compile(
    r"::?(?:-[a-z]+-)?(?:before|after|selection|placeholder|marker|first-line|first-letter|backdrop|"
    r"scrollbar[a-z-]*|file-selector-button|inner-spin-button|outer-spin-button|search-cancel-button|"
    r"hover|focus-visible|focus-within|focus|active|visited|target|disabled|enabled|checked|indeterminate|"
    r"placeholder-shown|autofill|invalid|valid|read-only|read-write|fullscreen)(?![\w-])"
)
# What is left of :is(:hover, :focus-visible) once its states are removed: nothing to require.
_EMPTIED_LIST = re.compile(r":(?:is|where|matches|-webkit-any|-moz-any)\(\s*(?:,\s*)*\)")
_OPENED = re.compile(r"\[open\]")
# Containers the theme's scripts fill when the reader acts: empty in the built page, so a rule about their contents
# (.md-search-result .md-typeset h1 ...) is judged by the container alone.
_SCRIPT_FILLED = re.compile(r"\.md-(?:search-result|tooltip|dialog)(?![\w-])")
_SCHEME_PREFIX = re.compile(r"^\s*(?:html|body|:root)?(?:\[data-md-color-scheme[^\]]*\])+\s*")
# data-md-state, -toggle, -color-switching ...: set by Material's scripts. The colour attributes are copied from the
# palette toggle's inputs, which are in the page, so those selectors are matched as written.
_SCRIPTED_ATTRIBUTE = re.compile(r"\[data-md-(?!color-(?:primary|accent)\b)")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_ANIMATION_PROPERTIES = {"animation", "animation-name", "-webkit-animation", "-webkit-animation-name",
                         "-moz-animation", "-moz-animation-name"}


def used_css(css: str | Sequence[str], page: BeautifulSoup | SiteIndex, *,
             scripted_classes: frozenset[str] = frozenset(), used_elsewhere: frozenset[str] = frozenset()) -> str:
    """The rules of ``css`` (a stylesheet, or several read as one joined by newlines) that can apply to ``page``
    (a parsed page, or a site's pages), serialised; custom properties and keyframes pruned.

    A selector whose classes are all on the page or in ``scripted_classes`` (classes a script adds once the page
    runs) is kept without matching when it names a class only a script adds, or tests a ``data-md-*`` attribute
    other than ``data-md-color-primary`` and ``-accent`` (Material's scripts set them). Custom
    properties named in ``used_elsewhere`` (read by other stylesheets or by scripts) are kept with what they use.
    """
    matcher = _Matcher(page, scripted_classes)
    kept = _keep_rules(_read((css,) if isinstance(css, str) else tuple(css)), matcher)
    declarations = [declaration for _, body in _style_rules(kept) for declaration in body]
    referenced = _referenced_properties(declarations, used_elsewhere)
    animations = {token.value for declaration in declarations if declaration.lower_name in _ANIMATION_PROPERTIES
                  for token in declaration.value if token.type == "ident"}
    return "".join(_serialise(rule, referenced, animations) for rule in kept)


class _Matcher:
    def __init__(self, page: BeautifulSoup | SiteIndex, scripted_classes: frozenset[str] = frozenset()):
        self.scripted = scripted_classes
        self.seen: dict[str, bool] = {}
        # A selector is tried only on the elements it can be about (a few), not on every element of the page,
        # which is where the time went (see course.engine.selector_index).
        self.index = page if isinstance(page, SiteIndex) else PageIndex(page)
        # Most notebook rules name a class no lesson page has (.bp3-..., .jp-Toolbar ...): decided without a search.
        self.classes = self.index.classes
        self.known = self.classes | scripted_classes

    def matches(self, selector: str) -> bool:
        selector, named, scripted_attribute = _read_selector(selector)
        if selector is None:
            return True
        if selector not in self.seen:
            if not named <= self.known:
                self.seen[selector] = False
                return False
            if named - self.classes or scripted_attribute:
                self.seen[selector] = True  # may match once a script has added a class or attribute
                return True
            try:
                self.seen[selector] = self.index.any_match(selector)
            except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError):
                self.seen[selector] = True
        return self.seen[selector]


@functools.lru_cache(maxsize=65536)  # every lesson page is judged against the same selectors: read them once
def _read_selector(selector: str) -> tuple[str | None, frozenset[str], bool]:
    """``selector`` as judged (states and the colour-scheme prefix removed; None when every page matches it), the
    classes it names outside brackets, and whether it tests an attribute Material's scripts set."""
    filled = _SCRIPT_FILLED.search(selector)
    if filled:  # judge the container, which the page has, not what the scripts will put in it
        selector = selector[:filled.end()]
    selector = _SCHEME_PREFIX.sub("", _OPENED.sub("", _EMPTIED_LIST.sub("", _STATE.sub("", selector)))).strip()
    if not selector or selector in ("*", "html", "body", ":root"):
        return None, frozenset(), False
    named = frozenset(named_classes(selector))
    return selector, named, bool(_SCRIPTED_ATTRIBUTE.search(selector))


@dataclass(frozen=True)
class _Rule:
    """A parsed rule, read once per stylesheet: its selectors and declarations, or its inner rules (@media)."""

    rule: object
    selectors: tuple[str, ...] = ()
    declarations: tuple = ()
    inner: tuple[_Rule, ...] | None = None


def _read(pieces: tuple[str, ...]) -> tuple[_Rule, ...]:
    """The rules of the stylesheets ``pieces`` joined by newlines, each piece parsed once per process.

    Lesson pages differ in a few small stylesheets their outputs bring (a table's) beside the 575 KB one every
    page inlines: read piece by piece, that one is parsed once, not once for each mixture. A piece that leaves a
    comment, block or rule open would change how the next is read, so then the whole is parsed as one (the last
    piece may: nothing follows it).
    """
    rules = []
    for piece in pieces[:-1]:
        alone = _digest_closed(piece)
        if alone is None:
            return _digest("\n".join(pieces))
        rules.extend(alone)
    return (*rules, *_digest(pieces[-1])) if pieces else ()  # nothing follows the last: it may stay open


_SENTINEL = "course-end-of-stylesheet"


@functools.lru_cache(maxsize=32)
def _digest_closed(piece: str) -> tuple[_Rule, ...] | None:
    """``piece`` parsed, or None when it does not close all it opens: followed by a rule of its own, the parse
    must give that rule back intact, or what follows the piece is read as part of it."""
    rules = _parse(f"{piece}\n#{_SENTINEL}{{}}")
    last = rules[-1] if rules else None
    if last is None or last.selectors != (f"#{_SENTINEL}",) or last.rule.content or last.inner is not None:
        return None
    return rules[:-1]


@functools.lru_cache(maxsize=8)
def _digest(css: str) -> tuple[_Rule, ...]:
    """``css`` parsed once: every lesson page inlines the same notebook stylesheet, and parsing it is slow."""
    return _parse(css)


def _parse(css: str) -> tuple[_Rule, ...]:
    def digest(rules: list) -> tuple[_Rule, ...]:
        entries = []
        for rule in rules:
            if rule.type == "qualified-rule":
                declarations = tuple(declaration for declaration in
                                     tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                                     skip_whitespace=True)
                                     if declaration.type == "declaration")
                entries.append(_Rule(rule, tuple(_split_selectors(tinycss2.serialize(rule.prelude))), declarations))
            elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
                entries.append(_Rule(rule, inner=digest(tinycss2.parse_rule_list(
                    rule.content, skip_comments=True, skip_whitespace=True))))
            elif rule.type == "at-rule" and rule.lower_at_keyword != "charset":
                entries.append(_Rule(rule))  # @keyframes, @font-face, @import ...: pruned or kept when serialised
        return tuple(entries)

    return digest(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def _keep_rules(entries: tuple[_Rule, ...], matcher: _Matcher) -> list:
    """Copies of the rules with a selector the matcher accepts (only those selectors), the parsed rules untouched."""
    kept = []
    for entry in entries:
        if entry.rule.type == "qualified-rule":
            alive = [selector for selector in entry.selectors if matcher.matches(selector)]
            if alive:
                rule = copy.copy(entry.rule)
                rule.prelude = tinycss2.parse_component_value_list(",".join(alive))
                rule.content = list(entry.declarations)
                kept.append(rule)
        elif entry.inner is not None:
            inner = _keep_rules(entry.inner, matcher)
            if inner:
                rule = copy.copy(entry.rule)
                rule.content = inner
                kept.append(rule)
        else:
            kept.append(entry.rule)
    return kept


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list at its top-level commas (not those inside :not(...) or :is(...))."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index].strip())
            start = index + 1
    parts.append(prelude[start:].strip())
    return [part for part in parts if part]


def _style_rules(rules: list):
    for rule in rules:
        if rule.type == "qualified-rule":
            yield rule, rule.content
        elif rule.type == "at-rule" and isinstance(rule.content, list) and rule.lower_at_keyword in ("media",
                                                                                                    "supports"):
            yield from _style_rules(rule.content)


def _referenced_properties(declarations: list, used_elsewhere: frozenset[str] = frozenset()) -> set[str]:
    definitions: dict[str, set[str]] = {}
    referenced: set[str] = set(used_elsewhere)
    for declaration in declarations:
        uses = set(_VAR.findall(tinycss2.serialize(declaration.value)))
        if declaration.name.startswith("--"):
            definitions.setdefault(declaration.name, set()).update(uses)
        else:
            referenced |= uses
    pending = list(referenced)
    while pending:
        for used in definitions.get(pending.pop(), ()):
            if used not in referenced:
                referenced.add(used)
                pending.append(used)
    return referenced


def _serialise(rule, referenced: set[str], animations: set[str]) -> str:
    if rule.type == "qualified-rule":
        body = ";".join(
            f"{declaration.name}:{tinycss2.serialize(declaration.value).strip()}"
            + ("!important" if declaration.important else "")
            for declaration in rule.content
            if not declaration.name.startswith("--") or declaration.name in referenced
        )
        return f"{tinycss2.serialize(rule.prelude).strip()}{{{body}}}" if body else ""
    if rule.lower_at_keyword in ("media", "supports"):
        inner = "".join(_serialise(child, referenced, animations) for child in rule.content)
        return f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude).rstrip()}{{{inner}}}" if inner else ""
    if rule.lower_at_keyword.endswith("keyframes"):
        name = tinycss2.serialize(rule.prelude).strip()
        return rule.serialize() if name in animations else ""
    return rule.serialize()
